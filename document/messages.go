package document

import (
	"fmt"

	"github.com/acctbook/acct/msg"
)

// Phrase is a message argument that is itself wording (such as "contact
// card" or "a whole number") rather than a value from a file, so Localize
// translates it too. Values (field names, ids, what the user typed) stay
// plain strings and are never translated.
type Phrase = msg.Phrase

func init() {
	msg.Register("zh", zhMessages)
	msg.RegisterPhrases("zh", zhPhrases)
}

// Reword returns the finding with a new English message made from format
// and args, keeping its position, severity, rule and field.
func (f Finding) Reword(format string, args ...any) Finding {
	f.format, f.args = format, args
	f.Message = fmt.Sprintf(format, args...)
	return f
}

// Localize returns the finding with its message in lang ("zh" or "en",
// acct.yaml's language setting; FORMAT.md section 7) through the message
// catalog (package msg); errors among the arguments (a number that does
// not parse) are translated too. Messages and phrases without a
// translation stay in English, so nothing is ever lost.
func (f Finding) Localize(lang string) Finding {
	if lang != "zh" || f.format == "" {
		return f
	}
	f.Message = msg.Sprintf(lang, f.format, f.args...)
	return f
}

// LocalizeAll localizes a slice of findings in place and returns it.
func LocalizeAll(fs []Finding, lang string) []Finding {
	for i := range fs {
		fs[i] = fs[i].Localize(lang)
	}
	return fs
}

// zhPhrases translates Phrase arguments.
var zhPhrases = map[Phrase]string{
	"account profile":           "客户档案",
	"contact card":              "联系人卡片",
	"visit summary":             "拜访纪要",
	"account":                   "客户档案",
	"contact":                   "联系人卡片",
	"visit":                     "拜访纪要",
	"front matter":              "文件头",
	"a group of fields":         "一组字段",
	"a list":                    "列表",
	"a whole number":            "整数",
	"a number":                  "数字",
	"a percentage":              "百分比",
	"a date":                    "日期",
	"true or false":             "true 或 false",
	"a period":                  "期间",
	"a text":                    "文字",
	"full-width space (U+3000)": "全角空格(U+3000)",
	"no-break space (U+00A0)":   "不换行空格(U+00A0)",
	"contact cards":             "联系人卡片",
	"visit summaries":           "拜访纪要",
	"permission denied":         "没有读取权限",
}

// zhMessages translates message formats; verbs keep their order (or use
// explicit indexes).
var zhMessages = map[string]string{
	// document.Parse
	"the file is not UTF-8 but looks like GBK/GB18030 (what Chinese Windows editors save); save it as UTF-8":                         "文件不是 UTF-8 编码,看起来是 GBK/GB18030(中文 Windows 编辑器的默认编码);请另存为 UTF-8",
	"the file is UTF-16 (what Windows Notepad may save as \"Unicode\"); save it as UTF-8":                                            "文件是 UTF-16 编码(Windows 记事本的“Unicode”);请另存为 UTF-8",
	"the control character %U is not allowed in the front matter; delete it":                                                         "文件头里不能有控制字符 %U;请删除它",
	"the file is not valid UTF-8; save it as UTF-8":                                                                                  "文件不是有效的 UTF-8 编码;请另存为 UTF-8",
	"front matter must start on line 1 with ---; remove the %d line(s) above it":                                                     "文件头必须从第 1 行的 --- 开始;请删除它上面的 %d 行",
	"no front matter: the file must start with a --- line, the YAML fields, and a closing --- line":                                  "缺少文件头:文件必须以 --- 行开始,接着是 YAML 字段,再以 --- 行结束",
	"unclosed front matter: the --- on line 1 has no closing --- line":                                                               "文件头没有结束:第 1 行的 --- 之后缺少结束的 --- 行",
	"a YAML merge key (<<) is not read by acct: its fields would count as missing; write them out":                                   "acct 不读取 YAML 合并键(<<):其中的字段会被当作缺失;请把字段逐个写出",
	"financials: period %s is given twice (first on line %d); keep one":                                                              "financials:期间 %s 写了两次(第一次在第 %d 行);请只保留一个",
	"contact id %s differs from %s only in case or width: on macOS and Windows both are one file; merge the two cards or rename one": "联系人 id %s 与 %s 只有大小写或全半角不同:在 macOS 和 Windows 上是同一个文件;请合并这两张卡片或给其中一张改名",
	"YAML syntax: %s": "YAML 语法错误:%s",
	"the front matter must be a list of `key: value` fields":                                                                   "文件头必须是一组 `键: 值` 字段",
	"unresolved merge conflict: keep the right lines between <<<<<<<, ======= and >>>>>>>, then delete the three marker lines": "合并冲突尚未解决:在 <<<<<<<、======= 和 >>>>>>> 之间保留正确的行,然后删除这三行标记",
	"left-over merge conflict marker: delete this line once the conflict is resolved":                                          "残留的合并冲突标记:冲突解决后请删除这一行",
	"a tab is used for indentation; YAML needs spaces (indent with two spaces)":                                                "缩进用了 Tab;YAML 只能用空格缩进(两个空格)",
	"a %s is used for indentation; YAML needs plain spaces":                                                                    "缩进用了%s;YAML 只能用普通空格",
	"a no-break space (U+00A0) follows the colon; YAML needs a plain space after `key:`":                                       "冒号后面是不换行空格(U+00A0);`键:` 后面要用普通空格",
	"a full-width colon ： separates the key from its value; type an ASCII colon and a space (: )":                              "键和值之间用了全角冒号 ：;请改成半角冒号加空格(: )",
	"duplicate key `%s` (first given on line %d); keep one":                                                                    "重复的键 `%s`(第 %d 行已经写过);只保留一个",
	// document.Validate
	"%s: want a group of `key: value` fields, got %s": "%s:应为一组 `键: 值` 字段,实际是 %s",
	"%s: want a short text, got %s":                   "%s:应为一段文字,实际是 %s",
	"%s: want a list, got %s":                         "%s:应为列表,实际是 %s",
	"%s: want %s, got %s":                             "%s:应为%s,实际是 %s",
	"%s: want a whole number, got %q":                 "%s:应为整数,实际是 %q",
	"%s: %d is out of range, want %d to %d":           "%s:%d 超出范围,应在 %d 到 %d 之间",
	"%s: %s is out of range, want %g%s to %g%s":       "%s:%s 超出范围,应在 %g%s 到 %g%s 之间",
	"%s: %v":                               "%s:%v",
	"%s: write %q as %s":                   "%s:请把 %q 写成 %s",
	"%s: want true or false, got %q":       "%s:应为 true 或 false,实际是 %q",
	"%s: %q is not one of %s":              "%s:%q 不是允许的值,可选:%s",
	"unknown key `%s`, did you mean `%s`?": "未知的键 `%s`,是不是想写 `%s`?",
	"unknown key `%s` (kept as is)":        "未知的键 `%s`(原样保留)",
	// errors of ParseNumber, ParsePercent, ParseDate and ParsePeriod
	"not a number": "不是数字",
	"not a date":   "不是日期",
	"%q: %w (thousands separators must group three digits, as in 1,200,000)": "%q:%w(千分位要每三位一组,如 1,200,000)",
	"%q: %w (write 1200000, 1,200,000, 12亿 or 3500万)":                        "%q:%w(请写成 1200000、1,200,000、12亿 或 3500万)",
	"%q: %w": "%q:%w",
	"%q: %w (write a percentage as 23%% or 0.23)":                               "%q:%w(百分比请写成 23%% 或 0.23)",
	"%q: %w: ambiguous, write %s%% for a percentage or a fraction such as 0.23": "%q:%w:有歧义,百分比请写成 %s%%,或写成 0.23 这样的小数",
	"%q: %w (write YYYY-MM-DD, e.g. 2026-02-25)":                                "%q:%w(请写成 YYYY-MM-DD,如 2026-02-25)",
	"%q: %w: there is no such day":                                              "%q:%w:没有这一天",
	"%q: %w (a period is 2024, 2024H1, 2024Q3 or 2024-06)":                      "%q:%w(期间写成 2024、2024H1、2024Q3 或 2024-06)",
	"%q: %w: half-years are H1 and H2":                                          "%q:%w:半年只有 H1 和 H2",
	"%q: %w: quarters are Q1 to Q4":                                             "%q:%w:季度是 Q1 到 Q4",
	"%q: %w: there is no month %d":                                              "%q:%w:没有 %d 月",
	// check
	"missing `kind: %s` in the front matter":         "文件头缺少 `kind: %s`",
	"kind is %q, but a file here must be `kind: %s`": "kind 是 %q,但这个位置的文件应为 `kind: %s`",
	"%s: missing in the %s":                          "%s:%s中缺少这一项",
	"financials: no period recorded; add revenue, gross_margin, inventory_days and receivable_days for the last year":                                  "financials:没有任何期间的财务数据;请补上最近一年的 revenue、gross_margin、inventory_days 和 receivable_days",
	"financials: the newest period needs revenue, gross_margin, inventory_days and receivable_days (inventory and receivable days show cash pressure)": "financials:最新一期需要 revenue、gross_margin、inventory_days 和 receivable_days(库存天数和应收天数反映资金压力)",
	"no contact with role: decision-maker; find out who signs":                                                                                         "没有 role: decision-maker 的联系人;要弄清楚谁拍板",
	"%d contact card(s), the policy wants at least %s; a single thread is a risk":                                                                      "只有 %d 张联系人卡片,规则要求至少 %s 张;单线联系有风险",
	"next_steps.action: a next step without an action; say what will be done":                                                                          "next_steps.action:这个下一步没有写行动;写清楚要做什么",
	"reports_to: no contact %q in this account (contacts/%s.md does not exist)":                                                                        "reports_to:这个客户没有联系人 %q(contacts/%s.md 不存在)",
	"reports_to goes round in a circle: %s; one of them must report to someone outside it, or to nobody":                                               "reports_to 形成了循环:%s;其中一人应汇报给圈外的人,或者不写",
	"attendees: no contact %q in this account; add contacts/%s.md or fix the id":                                                                       "attendees:这个客户没有联系人 %q;请新建 contacts/%s.md 或改正 id",
	"confirmation.by: no contact %q in this account":                                                                                                   "confirmation.by:这个客户没有联系人 %q",
	"reports_to: %q is the name on contacts/%s.md; write its id: %s":                                                                                   "reports_to:%q 是 contacts/%s.md 上的姓名;这里要写联系人 id:%s",
	"attendees: %q is the name on contacts/%s.md; write its id: %s":                                                                                    "attendees:%q 是 contacts/%s.md 上的姓名;这里要写联系人 id:%s",
	"confirmation.by: %q is the name on contacts/%s.md; write its id: %s":                                                                              "confirmation.by:%q 是 contacts/%s.md 上的姓名;这里要写联系人 id:%s",
	"the consensus of the visit of %s is still a draft %d days later; send the recap (acct visit recap) and get it confirmed":                          "%s 拜访的共识 %d 天后仍是草稿;请发送纪要(acct visit recap)并请客户确认",
	"the recap of the visit of %s was sent but is not confirmed %d days after the visit; ask the customer to confirm":                                  "%s 拜访的纪要已发送,%d 天后仍未确认;请提醒客户确认",
	"the customer disputes the consensus of the visit of %s (%d days ago); settle the disputed points and get it confirmed":                            "客户对 %s 拜访的共识有异议(%d 天前);请澄清分歧后再请客户确认",
	"next step %q (owner %s) was due %s and is not done":                                                                                               "下一步 %q(负责人 %s)应在 %s 前完成,尚未完成",
	"financials: the newest period %s ended %s, more than %d months ago; ask for the latest report":                                                    "financials:最新一期 %s 截止于 %s,已超过 %d 个月;请索取最新报表",
	"this account folder has no account.md; add one (kind: account), or remove the folder":                                                             "这个客户文件夹没有 account.md;请添加(kind: account)或删除该文件夹",
	"cannot read the %s: the file disappeared or is a broken link":                                                                                     "无法读取%s:文件已不存在或是失效的链接",
	"a symbolic link leading outside the book; a %s must be a file inside the book (git would store only the link)":                                    "是指向账本之外的符号链接;%s必须是账本之内的文件(git 只会保存链接本身)",
	"not a regular file (a folder, pipe or device); a %s must be a Markdown file":                                                                      "不是普通文件(文件夹、管道或设备);%s必须是 Markdown 文件",
	"the file is over %d MiB; a %s is a short Markdown file":                                                                                           "文件超过 %d MiB;%s应是一个简短的 Markdown 文件",
	"cannot read the %s: %v": "无法读取%s:%v",
	"not a folder (a file, pipe or device); the %s of the account go in a folder of this name": "不是文件夹(是文件、管道或设备);客户的%s应放在这个名字的文件夹里",
	"cannot read the account folder: %v; none of its files is checked":                         "无法读取客户文件夹:%v;其中的文件都没有检查",
	"cannot read the folder of %s: %v; none of them is checked":                                "无法读取%s所在的文件夹:%v;其中的文件都没有检查",
}
