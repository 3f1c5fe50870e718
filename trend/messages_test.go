package trend

import (
	"errors"
	"strings"
	"testing"

	"github.com/acctbook/acct/msg"
)

// localized renders the skipped rows of tb in lang, one a line.
func localized(tb *Table, lang string) string {
	var b strings.Builder
	for i := range tb.Skipped {
		b.WriteString(msg.Localize(&tb.Skipped[i], lang) + "\n")
	}
	return b.String()
}

// TestSkippedReasonsLocalized reads each kind of bad input and requires the
// skipped rows' reasons in Chinese under zh and in English otherwise
// (en, or no language), with file names, lines and cell text as they are.
func TestSkippedReasonsLocalized(t *testing.T) {
	long := "date,product,amount\n2026-01-05,A,1\n2026-01-05," + strings.Repeat("X", maxRecord+1) + ",1\n"
	tests := []struct {
		name   string
		data   func(t *testing.T) []byte
		s      Settings
		en, zh string
	}{
		{name: "ragged rows",
			data: text("date,product,amount\n2026-01-05,A\n2026-01-05,A,1,9\n"),
			en:   "t.csv:2: 2 fields, but the header (line 1) has 3: a missing or extra delimiter?\nt.csv:3: 4 fields, but the header (line 1) has 3: a missing or extra delimiter?\n",
			zh:   "t.csv:2: 有 2 个字段,但表头(第 1 行)有 3 个:少了或多了分隔符?\nt.csv:3: 有 4 个字段,但表头(第 1 行)有 3 个:少了或多了分隔符?\n"},
		{name: "stray quote",
			data: text("date,product,amount\n2026-01-05,\"oops,1\n"),
			en:   "t.csv:2: a quoted field opened on this line is never closed (a stray quote at the start of a field?); the line is skipped\n",
			zh:   "t.csv:2: 这一行开始的引号字段没有闭合(字段开头多了一个引号?);已跳过这一行\n"},
		{name: "ids in scientific notation",
			data: text("order,date,customer,product,amount\n2.02602E+19,2026-01-05,华星,A,1\nSO2,2026-01-05,1.23457E+11,A,1\n"),
			s:    Settings{NeedCustomer: true, KeepOrder: true},
			en: "t.csv:2: order \"2.02602E+19\": Excel turned this number into scientific notation and its digits are lost; re-export the column as text\n" +
				"t.csv:3: customer \"1.23457E+11\": Excel turned this identifier into scientific notation and its digits are lost; re-export the column as text\n",
			zh: "t.csv:2: 单号 \"2.02602E+19\":Excel 把这个数字变成了科学计数法,位数已丢失;请把这一列按文本重新导出\n" +
				"t.csv:3: 客户 \"1.23457E+11\":Excel 把这个编号变成了科学计数法,位数已丢失;请把这一列按文本重新导出\n"},
		{name: "ambiguous date",
			data: text("date,product,amount\n2026-01-05,A,1\n03/04/2026,A,1\n"),
			en:   "t.csv:3: date \"03/04/2026\" is ambiguous (day/month or month/day?) and no date in the column shows the order (a day above 12): pass --date-order dmy (day/month/year) or mdy (month/day/year), set import.date_order in acct.yaml, or write YYYY-MM-DD\n",
			zh:   "t.csv:3: 日期 \"03/04/2026\" 有歧义(日/月还是月/日?),而且这一列没有能看出顺序的日期(日大于 12 的日期):请加 --date-order dmy(日/月/年)或 mdy(月/日/年),或在 acct.yaml 中设置 import.date_order,或写成 YYYY-MM-DD\n"},
		{name: "both date orders in a column",
			data: text("date,product,amount\n03/04/2026,A,1\n25/03/2026,A,2\n03/25/2026,A,3\n"),
			en:   "t.csv:2: date \"03/04/2026\" is ambiguous (day/month or month/day?) and the column has both day-first (line 3) and month-first (line 4) dates: pass --date-order dmy (day/month/year) or mdy (month/day/year), set import.date_order in acct.yaml, or write YYYY-MM-DD\n",
			zh:   "t.csv:2: 日期 \"03/04/2026\" 有歧义(日/月还是月/日?),而且这一列既有日在前(第 3 行)又有月在前(第 4 行)的日期:请加 --date-order dmy(日/月/年)或 mdy(月/日/年),或在 acct.yaml 中设置 import.date_order,或写成 YYYY-MM-DD\n"},
		{name: "bad dates",
			data: text("date,product,amount\n2026-13-01,A,1\n2026-02-30,A,1\nsoon,A,1\n25/03/2026,A,1\n"),
			s:    Settings{DateOrder: DateOrderMDY},
			en: "t.csv:2: date \"2026-13-01\" does not exist: write a real day as YYYY-MM-DD\n" +
				"t.csv:3: date \"2026-02-30\" does not exist: write a real day as YYYY-MM-DD\n" +
				"t.csv:4: date \"soon\" not understood: write YYYY-MM-DD (2026/2/5, 2026.2.5 and 2026年2月5日 are read too)\n" +
				"t.csv:5: date \"25/03/2026\" has no month 25: the date order is month/day/year (--date-order or import.date_order)\n",
			zh: "t.csv:2: 日期 \"2026-13-01\" 不存在:请写成真实存在的日期 YYYY-MM-DD\n" +
				"t.csv:3: 日期 \"2026-02-30\" 不存在:请写成真实存在的日期 YYYY-MM-DD\n" +
				"t.csv:4: 无法识别日期 \"soon\":请写成 YYYY-MM-DD(也可以写 2026/2/5、2026.2.5 和 2026年2月5日)\n" +
				"t.csv:5: 日期 \"25/03/2026\" 没有第 25 月:日期顺序是月/日/年(--date-order 或 import.date_order)\n"},
		{name: "bad numbers and two problems in a row",
			data: text("date,product,qty,amount\n2026-01-05,A,1,x\n2026-01-05,A,1,\"1,23,4\"\n2026-01-05,A,1,9e30\n,,1,\n"),
			en: "t.csv:2: amount \"x\": not a number\n" +
				"t.csv:3: amount \"1,23,4\": misplaced thousands separator\n" +
				"t.csv:4: amount \"9e30\": number too large\n" +
				"t.csv:5: product is empty; date is empty; amount is empty\n",
			zh: "t.csv:2: 金额 \"x\":不是数字\n" +
				"t.csv:3: 金额 \"1,23,4\":千分位分隔符位置不对\n" +
				"t.csv:4: 金额 \"9e30\":数字太大\n" +
				"t.csv:5: 产品为空;日期为空;金额为空\n"},
		{name: "total rows are not skipped",
			data: text("date,product,amount\n2026-01-05,A,1\n合计,,1\nTotal,x\n"),
			en:   "", zh: ""},
		{name: "too long a line",
			data: text(long),
			en:   "t.csv:3: the line is longer than 1 MiB (binary data, or no line breaks?); the line is skipped\n",
			zh:   "t.csv:3: 这一行超过 1 MiB(是二进制数据,还是没有换行?);已跳过这一行\n"},
		{name: "mixed GBK and UTF-8",
			data: func(t *testing.T) []byte {
				return append(encGBK(t, "日期,产品名称,金额\n2026-01-05,电源模块,100\n"), "2026-01-07,电源模块,200\n"...)
			},
			en: "t.csv:3: product is UTF-8 text while the file is GBK/GB18030: the file mixes two encodings (rows pasted from another file?); save it again in one encoding\n",
			zh: "t.csv:3: 产品 是 UTF-8 文本,而文件是 GBK/GB18030:文件混用了两种编码(从别的文件粘贴来的行?);请用一种编码重新保存\n"},
		{name: "control character",
			data: text("date,product,amount\n2026-01-05,A\x00B,1\n"),
			en:   "t.csv:2: product \"A\\x00B\" holds the control character U+0000 (a damaged export?)\n",
			zh:   "t.csv:2: 产品 \"A\\x00B\" 含有控制字符 U+0000(导出文件损坏?)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, tb, err := readAll(t, "t.csv", tt.data(t), tt.s)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct{ lang, want string }{{"zh", tt.zh}, {"en", tt.en}, {"", tt.en}} {
				if got := localized(tb, c.lang); got != c.want {
					t.Errorf("%q:\n%s\nwant:\n%s", c.lang, got, c.want)
				}
			}
			if got := skippedText(tb); got != tt.en {
				t.Errorf("Error():\n%s\nwant:\n%s", got, tt.en)
			}
		})
	}
}

// text is test data given as a string.
func text(s string) func(*testing.T) []byte {
	return func(*testing.T) []byte { return []byte(s) }
}

// TestFileErrorsLocalized: a table that cannot be read at all is named in
// Chinese under zh and in English otherwise, and stays a *FileError.
func TestFileErrorsLocalized(t *testing.T) {
	tests := []struct {
		name, file, data string
		s                Settings
		en, zh           string
	}{
		{name: "no header", file: "t.csv", data: "2026年2月 销售明细\n日期,单位,物料名称,金额\n2026-01-05,华星,A,1\n", s: Settings{NeedCustomer: true},
			en: "t.csv: no header row found in the first rows: need columns customer, date, product, amount or quantity; the row most like a header reads: 日期 | 单位 | 物料名称 | 金额 (no customer column recognised); name the columns with --map field=header",
			zh: "t.csv: 前几行中没有找到表头:需要客户、日期、产品、金额或数量列;最像表头的一行是:日期 | 单位 | 物料名称 | 金额(未识别出客户列);请用 --map 字段=表头 指定列"},
		{name: "no header, mapped columns missing", file: "t.csv", data: "x,y\n1,2\n", s: Settings{Columns: map[Field]string{FieldAmount: "净额"}},
			en: "t.csv: no header row found in the first rows: need columns date, product, amount or quantity (and the mapped headers amount=\"净额\"); the row most like a header reads: x | y; name the columns with --map field=header",
			zh: "t.csv: 前几行中没有找到表头:需要日期、产品、金额或数量列(以及指定的表头 amount=\"净额\");最像表头的一行是:x | y;请用 --map 字段=表头 指定列"},
		{name: "several columns missing", file: "t.csv", data: "金额,备注\n1,2\n", s: Settings{NeedCustomer: true},
			en: "t.csv: no header row found in the first rows: need columns customer, date, product, amount or quantity; the row most like a header reads: 金额 | 备注 (no customer, no date, no product column recognised); name the columns with --map field=header",
			zh: "t.csv: 前几行中没有找到表头:需要客户、日期、产品、金额或数量列;最像表头的一行是:金额 | 备注(未识别出客户、日期、产品列);请用 --map 字段=表头 指定列"},
		{name: "two amount columns", file: "t.csv", data: "日期,产品,金额,金额 \n2026-01-05,A,1,2\n",
			en: "t.csv: line 1: columns 3 (\"金额\") and 4 (\"金额\") are both the amount column: rename one of them so the right one is read",
			zh: "t.csv: 第 1 行:第 3 列(\"金额\")和第 4 列(\"金额\")都是金额列:请重命名其中一列,以便读取正确的那一列"},
		{name: "old .xls", file: "t.xls", data: "\xd0\xcf\x11\xe0junk",
			en: "t.xls: old Excel .xls files are not read: save the sheet as .xlsx or CSV",
			zh: "t.xls: 不读取旧版 Excel .xls 文件:请把表格另存为 .xlsx 或 CSV"},
		{name: "not a workbook", file: "t.xlsx", data: "PK\x03\x04junk",
			en: "t.xlsx: not a readable XLSX workbook: zip: not a valid zip file",
			zh: "t.xlsx: 不是可读取的 XLSX 工作簿:zip: not a valid zip file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll(t, tt.file, []byte(tt.data), tt.s)
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a *FileError", err)
			}
			for _, c := range []struct{ lang, want string }{{"zh", tt.zh}, {"en", tt.en}, {"", tt.en}} {
				if got := msg.Localize(err, c.lang); got != c.want {
					t.Errorf("%q: %s\nwant: %s", c.lang, got, c.want)
				}
			}
			if err.Error() != tt.en {
				t.Errorf("Error(): %s\nwant: %s", err, tt.en)
			}
		})
	}
}

// TestSettingErrorsLocalized: the errors of --as-of, --date-order and
// --map values are catalog errors too.
func TestSettingErrorsLocalized(t *testing.T) {
	_, e1 := ParseMonth("2026-13")
	_, e2 := ParseDateOrder("ymd")
	_, e3 := ParseField("price")
	for _, c := range []struct {
		err    error
		en, zh string
	}{
		{e1, `month "2026-13": want YYYY-MM`, `月份 "2026-13":应为 YYYY-MM`},
		{e2, `date order "ymd": want dmy (day/month/year), mdy (month/day/year) or auto`, `日期顺序 "ymd":应为 dmy(日/月/年)、mdy(月/日/年)或 auto`},
		{e3, `unknown column field "price": want one of customer, date, product, quantity, amount, order`, `未知的列字段 "price":应为以下之一:customer, date, product, quantity, amount, order`},
	} {
		if got := msg.Localize(c.err, "en"); got != c.en {
			t.Errorf("en: %s, want %s", got, c.en)
		}
		if got := msg.Localize(c.err, "zh"); got != c.zh {
			t.Errorf("zh: %s, want %s", got, c.zh)
		}
	}
}

// TestConflictsLocalized: a name several accounts claim is named in the
// book's language.
func TestConflictsLocalized(t *testing.T) {
	m := NewMatcher([]Account{{ID: "a", Name: "华星"}, {ID: "b", Aliases: []string{"华星"}}})
	if len(m.Conflicts) != 1 {
		t.Fatalf("conflicts %v", m.Conflicts)
	}
	if got, want := m.Conflicts[0].In("zh"), `"华星" 是多个客户(a, b)的 id、名称或别名:这个名称下的行不匹配任何客户`; got != want {
		t.Errorf("zh: %s, want %s", got, want)
	}
	if got, want := m.Conflicts[0].String(), `"华星" is the id, name or alias of several accounts (a, b): rows under it match none`; got != want {
		t.Errorf("en: %s, want %s", got, want)
	}
}

// TestFieldLabelsHaveChinese: the field labels are formats given by name
// (Field.label), which the catalog test of cmd cannot see in the source.
func TestFieldLabelsHaveChinese(t *testing.T) {
	for f := Field(0); f < numFields; f++ {
		if !msg.Has("zh", f.String()) {
			t.Errorf("no Chinese for the field label %q", f)
		}
	}
}
