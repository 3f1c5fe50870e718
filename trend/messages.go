package trend

import "github.com/acctbook/acct/msg"

// The reasons a row or a file cannot be read are msg texts and errors, in
// English until printed: a book with `language: zh` reads them in Chinese
// (package msg; FORMAT.md section 7). Values (file names, cell text, line
// and column numbers) are arguments and stay as they are.
func init() {
	msg.Register("zh", zhMessages)
}

// Errors of cells and files that carry no value of their own.
var (
	errOldXLS         = msg.New("old Excel .xls files are not read: save the sheet as .xlsx or CSV")
	errNotUTF8        = msg.New("not valid UTF-8 text (is the file in another encoding?)")
	errMixedEncodings = msg.New("is UTF-8 text while the file is GBK/GB18030: the file mixes two encodings (rows pasted from another file?); save it again in one encoding")
	errDateEmpty      = msg.New("date is empty")
)

// label is the field's name as wording in a message ("amount is empty").
// It is a Text, not a Phrase: document passes field paths such as "date"
// as Phrases that must stay untranslated, and the phrases are one catalog.
func (f Field) label() msg.Text { return msg.T(fieldNames[f]) }

// fieldLabels are the labels boxed once, so that a bad row's reason does
// not box its field's label again.
var fieldLabels = func() (l [numFields]any) {
	for f := range l {
		l[f] = Field(f).label()
	}
	return l
}()

// dateReason is a date cell's error as a row's reason, made once per
// distinct cell (worker.date caches it).
func dateReason(err error) *msg.Text {
	t := msg.T("%v", err)
	return &t
}

// joinReasons joins the problems of one row with "; " (";" in Chinese).
func joinReasons(problems []msg.Text) msg.Text {
	why := problems[0]
	for _, p := range problems[1:] {
		why = msg.T("%s; %s", why, p)
	}
	return why
}

var zhMessages = map[string]string{
	// Field labels (Field.label) and the columns a header needs.
	"customer":                          "客户",
	"date":                              "日期",
	"product":                           "产品",
	"quantity":                          "数量",
	"amount":                            "金额",
	"order":                             "单号",
	"amount or quantity":                "金额或数量",
	"date, product, amount or quantity": "日期、产品、金额或数量",
	"customer, date, product, amount or quantity": "客户、日期、产品、金额或数量",

	// Rows (RowError).
	"%s; %s":      "%s;%s",
	"%s is empty": "%s为空",
	"%d fields, but the header (line %d) has %d: a missing or extra delimiter?":                                                                 "有 %d 个字段,但表头(第 %d 行)有 %d 个:少了或多了分隔符?",
	"the line is longer than 1 MiB (binary data, or no line breaks?); the line is skipped":                                                      "这一行超过 1 MiB(是二进制数据,还是没有换行?);已跳过这一行",
	"a quoted field opened on this line is never closed (a stray quote at the start of a field?); the line is skipped":                          "这一行开始的引号字段没有闭合(字段开头多了一个引号?);已跳过这一行",
	"a quoted field opened here is never closed (a stray quote?)":                                                                               "这里开始的引号字段没有闭合(多了一个引号?)",
	"order %q: Excel turned this number into scientific notation and its digits are lost; re-export the column as text":                         "单号 %q:Excel 把这个数字变成了科学计数法,位数已丢失;请把这一列按文本重新导出",
	"%q: Excel turned this identifier into scientific notation and its digits are lost; re-export the column as text":                           "%q:Excel 把这个编号变成了科学计数法,位数已丢失;请把这一列按文本重新导出",
	"%q holds the control character U+%04X (a damaged export?)":                                                                                 "%q 含有控制字符 U+%04X(导出文件损坏?)",
	"not valid UTF-8 text (is the file in another encoding?)":                                                                                   "不是有效的 UTF-8 文本(文件是不是另一种编码?)",
	"is UTF-8 text while the file is GBK/GB18030: the file mixes two encodings (rows pasted from another file?); save it again in one encoding": "是 UTF-8 文本,而文件是 GBK/GB18030:文件混用了两种编码(从别的文件粘贴来的行?);请用一种编码重新保存",
	"not valid GB18030 text: %v": "不是有效的 GB18030 文本:%v",

	// Dates.
	"date is empty":          "日期为空",
	"ambiguous date":         "日期有歧义",
	"month %q: want YYYY-MM": "月份 %q:应为 YYYY-MM",
	"date order %q: want dmy (day/month/year), mdy (month/day/year) or auto":                        "日期顺序 %q:应为 dmy(日/月/年)、mdy(月/日/年)或 auto",
	"date %q is ambiguous (day/month or month/day?): write it as YYYY-MM-DD":                        "日期 %q 有歧义(日/月还是月/日?):请写成 YYYY-MM-DD",
	"date %q has no month %d: the date order is day/month/year (--date-order or import.date_order)": "日期 %q 没有第 %d 月:日期顺序是日/月/年(--date-order 或 import.date_order)",
	"date %q has no month %d: the date order is month/day/year (--date-order or import.date_order)": "日期 %q 没有第 %d 月:日期顺序是月/日/年(--date-order 或 import.date_order)",
	"date %q does not exist: write a real day as YYYY-MM-DD":                                        "日期 %q 不存在:请写成真实存在的日期 YYYY-MM-DD",
	"date %q not understood: write YYYY-MM-DD (2026/2/5, 2026.2.5 and 2026年2月5日 are read too)":      "无法识别日期 %q:请写成 YYYY-MM-DD(也可以写 2026/2/5、2026.2.5 和 2026年2月5日)",
	"Excel serial date %s is out of range":                                                          "Excel 日期序号 %s 超出范围",
	"the column has both day-first (line %d) and month-first (line %d) dates":                       "这一列既有日在前(第 %d 行)又有月在前(第 %d 行)的日期",
	"no date in the column shows the order (a day above 12)":                                        "这一列没有能看出顺序的日期(日大于 12 的日期)",
	"date %q is ambiguous (day/month or month/day?) and %s: pass --date-order dmy (day/month/year) or mdy (month/day/year), set import.date_order in acct.yaml, or write YYYY-MM-DD": "日期 %q 有歧义(日/月还是月/日?),而且%s:请加 --date-order dmy(日/月/年)或 mdy(月/日/年),或在 acct.yaml 中设置 import.date_order,或写成 YYYY-MM-DD",

	// Numbers.
	"empty":                         "为空",
	"not a number":                  "不是数字",
	"number too large":              "数字太大",
	"misplaced thousands separator": "千分位分隔符位置不对",
	"%q: %w":                        "%q:%w",

	// Files and headers (FileError).
	"old Excel .xls files are not read: save the sheet as .xlsx or CSV":                                        "不读取旧版 Excel .xls 文件:请把表格另存为 .xlsx 或 CSV",
	"unknown column field %q: want one of %s":                                                                  "未知的列字段 %q:应为以下之一:%s",
	"line %d: columns %d (%q) and %d (%q) are both the %s column: rename one of them so the right one is read": "第 %d 行:第 %d 列(%q)和第 %d 列(%q)都是%s列:请重命名其中一列,以便读取正确的那一列",
	"no header row found in the first rows: need columns %s%s%s; name the columns with --map field=header":     "前几行中没有找到表头:需要%s列%s%s;请用 --map 字段=表头 指定列",
	" (and the mapped headers %s)":                                                                             "(以及指定的表头 %s)",
	"; the row most like a header reads: %s%s":                                                                 ";最像表头的一行是:%s%s",
	" (no %s column recognised)":                                                                               "(未识别出%s列)",
	"%s, no %s":                                                                                                "%s、%s",
	"the workbook has no sheet (or the XLSX file is empty): save it from Excel with the data on its first sheet": "工作簿没有工作表(或 XLSX 文件是空的):请在 Excel 中把数据放在第一个工作表后保存",
	"not a readable XLSX workbook: %v": "不是可读取的 XLSX 工作簿:%v",
	"the workbook has no sheet":        "工作簿没有工作表",
	"row %d: %v":                       "第 %d 行:%v",
	"sheet %q (acct reads the first sheet; the others are %s): %w": "工作表 %q(acct 读取第一个工作表;其他工作表是 %s):%w",

	// Accounts.
	"%q is the id, name or alias of several accounts (%s): rows under it match none": "%q 是多个客户(%s)的 id、名称或别名:这个名称下的行不匹配任何客户",
}
