package trend

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// readAll reads data as file name and returns the rows in line order.
func readAll(t *testing.T, name string, data []byte, s Settings) ([]Row, *Table, error) {
	t.Helper()
	var rows []Row
	tb, err := Read(name, bytes.NewReader(data), s, func(b []Row) error {
		rows = append(rows, b...)
		return nil
	})
	sort.Slice(rows, func(i, j int) bool { return rows[i].Line < rows[j].Line })
	return rows, tb, err
}

// rowText renders rows compactly for comparison.
func rowText(rows []Row) string {
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%d|%s|%s|%s|", r.Line, r.Customer, r.Date, r.Product)
		if r.HasQuantity {
			b.WriteString(r.Quantity.String())
		}
		b.WriteString("|")
		if r.HasAmount {
			b.WriteString(r.Amount.String())
		}
		if r.Order != "" {
			b.WriteString("|" + r.Order)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func skippedText(tb *Table) string {
	var b strings.Builder
	for _, e := range tb.Skipped {
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}

func encGBK(t *testing.T, s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func encUTF16(t *testing.T, s string, e unicode.Endianness) []byte {
	b, err := unicode.UTF16(e, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const zhTable = "单据编号,单据日期,客户名称,物料名称,数量,价税合计\n" +
	"SO1,2026-02-05,华星电子,电源模块,10,\"1,200.00\"\n" +
	"SO2,2026/2/6,华星电子,主板,5,¥500\n"

const zhRows = "2|华星电子|2026-02-05|电源模块|10|1200|SO1\n" +
	"3|华星电子|2026-02-06|主板|5|500|SO2\n"

func TestReadEncodingsAndDialects(t *testing.T) {
	whole := Settings{NeedCustomer: true, KeepOrder: true}
	tests := []struct {
		name string
		data func(t *testing.T) []byte
		enc  string
	}{
		{"utf8", func(t *testing.T) []byte { return []byte(zhTable) }, "utf-8"},
		{"utf8 BOM", func(t *testing.T) []byte { return append([]byte("\xef\xbb\xbf"), zhTable...) }, "utf-8 with BOM"},
		{"GBK", func(t *testing.T) []byte { return encGBK(t, strings.ReplaceAll(zhTable, "¥", "￥")) }, "gb18030"},
		{"GB18030 BOM", func(t *testing.T) []byte {
			b, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("\ufeff" + zhTable))
			return b
		}, "gb18030"},
		{"UTF-16LE BOM", func(t *testing.T) []byte { return encUTF16(t, zhTable, unicode.LittleEndian) }, "utf-16le"},
		{"UTF-16BE BOM", func(t *testing.T) []byte { return encUTF16(t, zhTable, unicode.BigEndian) }, "utf-16be"},
		{"CRLF", func(t *testing.T) []byte { return []byte(strings.ReplaceAll(zhTable, "\n", "\r\n")) }, "utf-8"},
		{"CR", func(t *testing.T) []byte { return []byte(strings.ReplaceAll(zhTable, "\n", "\r")) }, "utf-8"},
		{"semicolon", func(t *testing.T) []byte {
			return []byte("单据编号;单据日期;客户名称;物料名称;数量;价税合计\nSO1;2026-02-05;华星电子;电源模块;10;1,200.00\nSO2;2026/2/6;华星电子;主板;5;¥500\n")
		}, "utf-8"},
		{"tab UTF-16 (Excel Unicode text)", func(t *testing.T) []byte {
			return encUTF16(t, strings.ReplaceAll(strings.ReplaceAll(zhTable, ",", "\t"), "\"1\t200.00\"", "1,200.00"), unicode.LittleEndian)
		}, "utf-16le"},
		{"no final newline", func(t *testing.T) []byte { return []byte(strings.TrimSuffix(zhTable, "\n")) }, "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, tb, err := readAll(t, "x.csv", tt.data(t), whole)
			if err != nil {
				t.Fatal(err)
			}
			if tb.Encoding != tt.enc {
				t.Errorf("encoding %q, want %q", tb.Encoding, tt.enc)
			}
			if got := rowText(rows); got != zhRows {
				t.Errorf("rows:\n%s\nwant:\n%s", got, zhRows)
			}
			if len(tb.Skipped) > 0 {
				t.Errorf("skipped: %s", skippedText(tb))
			}
		})
	}
}

func TestReadBadInput(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		s       Settings
		rows    string // expected rows (rowText)
		skipped string // expected skipped rows (RowError texts)
		totals  []int
	}{
		{name: "header under two title rows and a total row",
			data: "华星电子 2025 年采购明细,,,\n导出日期 2026-03-01,,,\n日期,产品名称,数量,金额\n2026-01-05,电源模块,3,300\n2026-01-06,主板,1,100\n合计,,4,400\n",
			rows: "4||2026-01-05|电源模块|3|300\n5||2026-01-06|主板|1|100\n", totals: []int{6}},
		{name: "English headers, case and spaces", data: "ORDER DATE, Item ,QTY,Total\n2026-01-05,A,1,10\n",
			rows: "2||2026-01-05|A|1|10\n"},
		{name: "unit in brackets", data: "日期,产品,数量(件),金额（元）\n2026-01-05,A,1,10\n",
			rows: "2||2026-01-05|A|1|10\n"},
		{name: "Total row in English, amount filled", data: "date,product,amount\n2026-01-05,A,10\nTotal,,10\n",
			rows: "2||2026-01-05|A||10\n", totals: []int{3}},
		{name: "negative forms and returns",
			data: "date,product,qty,amount\n2026-01-05,A,10,\"(1,234.00)\"\n2026-01-05,A,-3,-1234\n2026-01-05,A,1,−5\n",
			rows: "2||2026-01-05|A|10|-1234\n3||2026-01-05|A|-3|-1234\n4||2026-01-05|A|1|-5\n"},
		{name: "currency and Chinese units",
			data:    "date,product,amount\n2026-01-05,A,¥12,345.00\n2026-01-05,B,\"￥12,345.00\"\n2026-01-05,C,RMB 500\n2026-01-05,D,12亿\n2026-01-05,E,3500万\n",
			rows:    "3||2026-01-05|B||12345\n4||2026-01-05|C||500\n5||2026-01-05|D||1200000000\n6||2026-01-05|E||35000000\n",
			skipped: "t.csv:2: 4 fields, but the header (line 1) has 3: a missing or extra delimiter?\n"},
		{name: "date forms and an ambiguous date",
			data:    "date,product,amount\n2026年2月5日,A,1\n2026/2/5,A,1\n2026.2.5,A,1\n03/04/2026,A,1\n",
			rows:    "2||2026-02-05|A||1\n3||2026-02-05|A||1\n4||2026-02-05|A||1\n",
			skipped: "t.csv:5: date \"03/04/2026\" is ambiguous (day/month or month/day?) and no date in the column shows the order (a day above 12): pass --date-order dmy (day/month/year) or mdy (month/day/year), set import.date_order in acct.yaml, or write YYYY-MM-DD\n"},
		{name: "one day above 12 makes the whole column day-first",
			data: "date,product,amount\n03/04/2026,A,1\n3.4.2026,A,2\n25/03/2026,A,3\n04/04/2026,A,4\n",
			rows: "2||2026-04-03|A||1\n3||2026-04-03|A||2\n4||2026-03-25|A||3\n5||2026-04-04|A||4\n"},
		{name: "one day above 12 makes the whole column month-first",
			data: "date,product,amount\n03/04/2026,A,1\n03/25/2026,A,3\n",
			rows: "2||2026-03-04|A||1\n3||2026-03-25|A||3\n"},
		{name: "a column showing both orders reads neither",
			data:    "date,product,amount\n03/04/2026,A,1\n25/03/2026,A,2\n03/25/2026,A,3\n",
			rows:    "3||2026-03-25|A||2\n4||2026-03-25|A||3\n",
			skipped: "t.csv:2: date \"03/04/2026\" is ambiguous (day/month or month/day?) and the column has both day-first (line 3) and month-first (line 4) dates: pass --date-order dmy (day/month/year) or mdy (month/day/year), set import.date_order in acct.yaml, or write YYYY-MM-DD\n"},
		{name: "--date-order mdy reads every such date month-first",
			data:    "date,product,amount\n03/04/2026,A,1\n3/4/2026,A,2\n25/03/2026,A,3\n",
			s:       Settings{DateOrder: DateOrderMDY},
			rows:    "2||2026-03-04|A||1\n3||2026-03-04|A||2\n",
			skipped: "t.csv:4: date \"25/03/2026\" has no month 25: the date order is month/day/year (--date-order or import.date_order)\n"},
		{name: "--date-order dmy",
			data: "date,product,amount\n03/04/2026,A,1\n",
			s:    Settings{DateOrder: DateOrderDMY},
			rows: "2||2026-04-03|A||1\n"},
		{name: "quoted field with a line break keeps line numbers",
			data: "date,product,amount\n2026-01-05,\"Power\nmodule\",1\n2026-01-06,B,x\n",
			rows: "2||2026-01-05|Power\nmodule||1\n", skipped: "t.csv:4: amount \"x\": not a number\n"},
		{name: "ragged rows: every bad line named",
			data: "date,product,amount\n2026-01-05,A\n2026-01-05,A,1\n2026-01-05,A,1,9\n2026-01-05,A,1,,\n",
			rows: "3||2026-01-05|A||1\n5||2026-01-05|A||1\n",
			skipped: "t.csv:2: 2 fields, but the header (line 1) has 3: a missing or extra delimiter?\n" +
				"t.csv:4: 4 fields, but the header (line 1) has 3: a missing or extra delimiter?\n"},
		{name: "stray quote inside a field", data: "date,product,amount\n2026-01-05,27\" 显示器,1\n2026-01-06,\"24\"\" 显示器\",2\n",
			rows: "2||2026-01-05|27\" 显示器||1\n3||2026-01-06|24\" 显示器||2\n"},
		{name: "unclosed quote is named and reading goes on",
			data:    "date,product,amount\n2026-01-05,\"oops,1\n",
			skipped: "t.csv:2: a quoted field opened on this line is never closed (a stray quote at the start of a field?); the line is skipped\n"},
		{name: "ID turned into scientific notation",
			data: "order,date,customer,product,amount\n2.02602E+19,2026-01-05,华星,A,1\nSO2,2026-01-05,1.23457E+11,A,1\n",
			s:    Settings{NeedCustomer: true, KeepOrder: true},
			skipped: "t.csv:2: order \"2.02602E+19\": Excel turned this number into scientific notation and its digits are lost; re-export the column as text\n" +
				"t.csv:3: customer \"1.23457E+11\": Excel turned this identifier into scientific notation and its digits are lost; re-export the column as text\n"},
		{name: "empty cells", data: "date,customer,product,amount\n2026-01-05,,A,1\n2026-01-05,X,,1\n,X,A,1\n2026-01-05,X,A,\n\n",
			s:       Settings{NeedCustomer: true},
			skipped: "t.csv:2: customer is empty\nt.csv:3: product is empty\nt.csv:4: date is empty\nt.csv:5: amount is empty\n"},
		{name: "NUL byte in a product name", data: "date,product,amount\n2026-01-05,A\x00B,1\n2026-01-05,A,2\n",
			rows:    "3||2026-01-05|A||2\n",
			skipped: "t.csv:2: product \"A\\x00B\" holds the control character U+0000 (a damaged export?)\n"},
		{name: "quantity only: the metric falls back", data: "date,product,qty\n2026-01-05,A,7\n",
			rows: "2||2026-01-05|A|7|\n"},
		{name: "column override", data: "when,what,how much,who\n2026-01-05,A,7,X\n",
			s:    Settings{Columns: map[Field]string{FieldDate: "When", FieldProduct: "what", FieldAmount: "how much", FieldCustomer: "WHO"}, NeedCustomer: true},
			rows: "2|X|2026-01-05|A||7\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, small := range []bool{false, true} {
				if small {
					old, oldMax := chunkSize, inlineMax
					chunkSize = 7 // forces a chunk boundary at nearly every record
					inlineMax = -1
					defer func() { chunkSize, inlineMax = old, oldMax }()
				}
				rows, tb, err := readAll(t, "t.csv", []byte(tt.data), tt.s)
				if err != nil {
					t.Fatal(err)
				}
				if got := rowText(rows); got != tt.rows {
					t.Errorf("small=%v rows:\n%s\nwant:\n%s", small, got, tt.rows)
				}
				if got := skippedText(tb); got != tt.skipped {
					t.Errorf("small=%v skipped:\n%s\nwant:\n%s", small, got, tt.skipped)
				}
				if fmt.Sprint(tb.TotalLines) != fmt.Sprint(tt.totals) && !(len(tb.TotalLines) == 0 && tt.totals == nil) {
					t.Errorf("totals %v, want %v", tb.TotalLines, tt.totals)
				}
			}
		})
	}
}

// The buyer column of VAT invoice exports (购买方, 购方名称) is the customer.
func TestReadInvoiceBuyerColumn(t *testing.T) {
	for _, h := range []string{"购买方", "购买方名称", "购方名称", "客户简称"} {
		rows, tb, err := readAll(t, "t.csv", []byte("开票日期,"+h+",商品名称,价税合计\n2026-01-05,华星电子,电源模块,100\n"), Settings{NeedCustomer: true})
		if err != nil || len(rows) != 1 || tb.Columns[FieldCustomer] != 1 {
			t.Errorf("%s: rows %d, err %v", h, len(rows), err)
		}
	}
}

func TestReadNoHeader(t *testing.T) {
	_, _, err := readAll(t, "t.csv", []byte("a,b,c\n1,2,3\n"), Settings{})
	var fe *FileError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "t.csv: no header row found") || !strings.Contains(err.Error(), "--map") {
		t.Fatalf("err = %v", err)
	}
	_, _, err = readAll(t, "t.csv", []byte("date,product,amount\n2026-01-05,A,1\n"), Settings{NeedCustomer: true})
	if err == nil || !strings.Contains(err.Error(), "customer") {
		t.Fatalf("whole-book export without customer column: err = %v", err)
	}
	// Under a title row, the error shows the row most like a header and
	// what it lacks, not the title.
	_, _, err = readAll(t, "t.csv", []byte("2026年2月 销售明细\n日期,单位,物料名称,金额\n2026-01-05,华星,A,1\n"), Settings{NeedCustomer: true})
	if err == nil || !strings.Contains(err.Error(), "the row most like a header reads: 日期 | 单位 | 物料名称 | 金额 (no customer column recognised)") {
		t.Fatalf("title row: err = %v", err)
	}
	_, _, err = readAll(t, "t.xls", []byte("\xd0\xcf\x11\xe0junk"), Settings{})
	if err == nil || !strings.Contains(err.Error(), ".xlsx") {
		t.Fatalf("xls: err = %v", err)
	}
}

// TestReadMappedFile reads a file large enough to be memory-mapped and
// requires the same rows and errors as streaming the same bytes.
func TestReadMappedFile(t *testing.T) {
	data := benchExport(60000)
	// Quoted line breaks (which a guessed cut may land inside), a bad
	// date and a quote that never closes.
	data = bytes.ReplaceAll(data, []byte(",主板,"), []byte(",\"主\n板\","))
	data = append(data, "SO1,2026-13-01,X,Y,1,2,3\n\"SO2,2026-01-01,X,Y,1,2,3\nSO3,2026-01-02,X,Y,1,2,3\n"...)
	path := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	summary := func(r io.Reader) string {
		var n int
		var sum Value
		tb, err := Read("big.csv", r, Settings{NeedCustomer: true}, func(b []Row) error {
			for i := range b {
				n++
				sum += b[i].Amount
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%d rows, sum %v, %d read\n%s", n, sum, tb.Rows, skippedText(tb))
	}
	streamed := summary(bytes.NewReader(data))
	if !strings.Contains(streamed, "60001 rows") || !strings.Contains(streamed, ":72002: date") || !strings.Contains(streamed, ":72003: a quoted field") {
		t.Errorf("unexpected summary:\n%s", streamed)
	}
	for _, size := range []int{chunkSize, 1000, 37} {
		old := chunkSize
		chunkSize = size
		fh, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		mapped := summary(fh)
		fh.Close()
		chunkSize = old
		if mapped != streamed {
			t.Errorf("chunk size %d: mapped:\n%.2000s\nstreamed:\n%.2000s", size, mapped, streamed)
		}
	}
}

// TestReadMappedSinkError checks that a sink's error ends a read of a
// memory-mapped file with that error, and that the parsing goroutines have
// stopped reading the mapping before it is unmapped (a crash otherwise).
func TestReadMappedSinkError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(path, benchExport(60000), 0o644); err != nil {
		t.Fatal(err)
	}
	old := chunkSize
	chunkSize = 4 << 10 // many pieces in flight when the sink fails
	defer func() { chunkSize = old }()
	full := errors.New("disk full")
	for i := 0; i < 20; i++ {
		fh, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Read("big.csv", fh, Settings{NeedCustomer: true}, func([]Row) error { return full })
		fh.Close()
		if !errors.Is(err, full) {
			t.Fatalf("Read = %v, want the sink's error", err)
		}
	}
}

func TestReadDuplicateColumn(t *testing.T) {
	for _, data := range []string{
		"date,product,amount,Amount\n2026-01-05,A,1,2\n",
		"date,product,amount,qty,amount\n2026-01-05,A,1,1,2\n",
	} {
		_, _, err := readAll(t, "t.csv", []byte(data), Settings{})
		if err == nil || !strings.Contains(err.Error(), "t.csv: line 1: columns 3") || !strings.Contains(err.Error(), "are both the amount column") {
			t.Errorf("%q: err %v, want both amount columns named", data, err)
		}
	}
	// Different header names of one field are a preference, not a duplicate.
	if _, _, err := readAll(t, "t.csv", []byte("日期,产品,金额,价税合计\n2026-01-05,A,1,2\n"), Settings{}); err != nil {
		t.Errorf("金额 and 价税合计: %v", err)
	}
}

// TestScanner checks the scanner against next on the record forms it
// takes, after records of every length from 1 to 130 bytes (so each record
// starts at every place in a 64-byte block and crosses block edges), and
// that it declines the others.
func TestScanner(t *testing.T) {
	long := strings.Repeat("长字段", 30) // 270 bytes of UTF-8, > 64
	for _, c := range []struct {
		in   string
		d    dialect
		fast bool
	}{
		{"SO1,2024-03-21,青岛博源物流科技有限公司,铜箔,942,50,47080\nx", dialect{',', '\n'}, true},
		{"SO1,2024-03-21, 青岛 ,铜箔,176,50,\"8,794.00\"\r\nx", dialect{',', '\n'}, true},
		{"\"a\",\"\",b", dialect{',', '\n'}, true},
		{"a;b;\"c;d\"\rnext", dialect{';', '\r'}, true},
		{"a;b\r\nc;d\r", dialect{';', '\r'}, true},
		{"a\tb\r\n", dialect{'\t', '\n'}, true},
		{"a,b\r", dialect{',', '\n'}, true},
		{"a,b", dialect{',', '\n'}, true},
		{"a,\"b\"", dialect{',', '\n'}, true},
		{",,\n", dialect{',', '\n'}, true},
		{"\n", dialect{',', '\n'}, true},
		{"\r\n", dialect{',', '\n'}, true},
		{"", dialect{',', '\n'}, true},
		{long + "," + long + ",\"" + long + "\"\n", dialect{',', '\n'}, true},
		{strings.Repeat("x", 1500) + "\n", dialect{',', '\n'}, true},
		{"\xc7\xe0\xb5\xba,\x22\xb2\xa9\x2c\xd4\xb4\x22,\x80\xff\x8a\xa2\xac\n", dialect{',', '\n'}, true}, // GB18030, bytes >= 0x80
		{"27\" 显示器,1\n", dialect{',', '\n'}, false},
		{"\"x\"\"y\",1\n", dialect{',', '\n'}, false},
		{"\"a\nb\",1\n", dialect{',', '\n'}, false},
		{"\"a\"b,1\n", dialect{',', '\n'}, false},
		{"\"open,1\n", dialect{',', '\n'}, false},
		{"\"open," + long, dialect{',', '\n'}, false},
		{"a,\"b\"\r", dialect{',', '\n'}, false},
		{"a,\"b\"\rc\n", dialect{',', '\n'}, false},
		{"a;\"b\"\r\n", dialect{';', '\r'}, true},
	} {
		for k := 0; k <= 130; k++ {
			// A record of k bytes (none for k = 0) before the one tested.
			data := []byte(strings.Repeat("p", max(k-1, 0)) + string(c.d.term)[:min(k, 1)] + c.in)
			sc := newScanner(c.d, data)
			if k > 0 {
				if _, next, _, ok := sc.next(0, nil); !ok || next != k {
					t.Fatalf("%q after %d bytes: the record before ends at %d, %v", c.in, k, next, ok)
				}
			}
			want, _, wantNext, wantLines, st := c.d.next(data, k, true, nil, nil)
			got, next, lines, ok := sc.next(k, nil)
			if ok != c.fast {
				t.Fatalf("%q after %d bytes: fast=%v, want %v", c.in, k, ok, c.fast)
			}
			if !ok {
				continue
			}
			if st != recOK || next != wantNext || lines != wantLines || fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
				t.Fatalf("%q after %d bytes: scanner=(%q,%d,%d), next=(%q,%d,%d,%v)", c.in, k, got, next, lines, want, wantNext, wantLines, st)
			}
		}
	}
}

// TestScannerRandom splits random records of the bytes that matter (and
// long runs without them) with one scanner, in order and then at random
// positions, and checks every record it takes against next.
func TestScannerRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{",", ";", "\t", "\"", "\n", "\r", "\r\n", " ", "a", "中", "\xb2\xa9", "\"8,794.00\"", "\"\"", strings.Repeat("z", 70), strings.Repeat("字", 200)}
	for round := 0; round < 300; round++ {
		var b strings.Builder
		for n := rng.IntN(400); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		data := []byte(b.String())
		for _, d := range []dialect{{',', '\n'}, {';', '\r'}, {'\t', '\n'}} {
			var starts []int
			sc := newScanner(d, data)
			for pos := 0; pos < len(data); {
				starts = append(starts, pos)
				want, _, next, lines, st := d.next(data, pos, true, nil, nil)
				if st == recOK {
					checkScanner(t, sc, data, pos, want, next, lines)
				}
				pos = next
			}
			for _, i := range rng.Perm(len(starts)) {
				pos := starts[i]
				want, _, next, lines, st := d.next(data, pos, true, nil, nil)
				if st == recOK {
					checkScanner(t, sc, data, pos, want, next, lines)
				}
			}
		}
	}
}

// TestReadLongLine: a line longer than a record may be (1 MiB) is one
// skipped row named as too long, whichever way the file is read (in memory,
// memory-mapped, in chunks smaller than the line); the rows after it keep
// their line numbers.
func TestReadLongLine(t *testing.T) {
	for _, n := range []int{maxRecord + 1, 3 * maxRecord} {
		data := []byte("date,product,amount\n2026-01-05,A,1\n2026-01-05," + strings.Repeat("X", n) + ",1\n2026-01-06,B,2\n")
		const wantRows = "2||2026-01-05|A||1\n4||2026-01-06|B||2\n"
		const wantSkipped = "t.csv:3: the line is longer than 1 MiB (binary data, or no line breaks?); the line is skipped\n"
		check := func(how string, rows []Row, tb *Table, err error) {
			t.Helper()
			if err != nil {
				t.Fatalf("%d bytes, %s: %v", n, how, err)
			}
			if got := rowText(rows); got != wantRows {
				t.Errorf("%d bytes, %s: rows:\n%s\nwant:\n%s", n, how, got, wantRows)
			}
			if got := skippedText(tb); got != wantSkipped {
				t.Errorf("%d bytes, %s: skipped:\n%s\nwant:\n%s", n, how, got, wantSkipped)
			}
		}
		old, oldMax := chunkSize, inlineMax
		inlineMax = 1 << 30
		rows, tb, err := readAll(t, "t.csv", data, Settings{})
		check("inline", rows, tb, err)
		chunkSize, inlineMax = 64<<10, -1
		rows, tb, err = readAll(t, "t.csv", data, Settings{})
		check("in chunks", rows, tb, err)
		chunkSize, inlineMax = old, oldMax

		path := filepath.Join(t.TempDir(), "t.csv")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		rows = nil
		tb, err = Read("t.csv", f, Settings{}, func(b []Row) error { rows = append(rows, b...); return nil })
		f.Close()
		sort.Slice(rows, func(i, j int) bool { return rows[i].Line < rows[j].Line })
		check("from a file", rows, tb, err)
	}
}

// TestReadMixedEncodings: a GBK file with a row pasted from a UTF-8 file
// does not read that row's Chinese as GBK (电源模块 would become another
// product, 鐢垫簮妯″潡): the row is skipped, naming the line and the cause.
func TestReadMixedEncodings(t *testing.T) {
	data := append(encGBK(t, "日期,产品名称,金额\n2026-01-05,电源模块,100\n2026-01-06,主板,2\n"), "2026-01-07,电源模块,200\n"...)
	rows, tb, err := readAll(t, "t.csv", data, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "2||2026-01-05|电源模块||100\n3||2026-01-06|主板||2\n"; rowText(rows) != want {
		t.Errorf("rows:\n%s\nwant:\n%s", rowText(rows), want)
	}
	if got := skippedText(tb); !strings.HasPrefix(got, "t.csv:4: product is UTF-8 text while the file is GBK") {
		t.Errorf("skipped:\n%s", got)
	}
}

// TestReadLineEndInQuotes: the line end is the one that ends records, not
// one inside a quoted cell. Excel for Mac's "CSV (Macintosh)" ends records
// with CR and writes a line break typed in a cell (Alt+Enter) as LF.
func TestReadLineEndInQuotes(t *testing.T) {
	whole := Settings{NeedCustomer: true, KeepOrder: true}
	tests := []struct {
		name, data, want string
	}{
		{"CR records, LF in a cell",
			"单据编号,单据日期,客户名称,物料名称,数量,价税合计\rSO1,2026-02-05,华星电子,\"电源\n模块\",10,1200\rSO2,2026/2/6,华星电子,主板,5,500\r",
			"2|华星电子|2026-02-05|电源\n模块|10|1200|SO1\n3|华星电子|2026-02-06|主板|5|500|SO2\n"},
		{"CR records, CRLF in a cell",
			"单据编号,单据日期,客户名称,物料名称,数量,价税合计\rSO1,2026-02-05,华星电子,\"电源\r\n模块\",10,1200\rSO2,2026/2/6,华星电子,主板,5,500\r",
			"2|华星电子|2026-02-05|电源\r\n模块|10|1200|SO1\n4|华星电子|2026-02-06|主板|5|500|SO2\n"},
		{"LF records, CR in a cell",
			"单据编号,单据日期,客户名称,物料名称,数量,价税合计\nSO1,2026-02-05,华星电子,\"电源\r模块\",10,1200\nSO2,2026/2/6,华星电子,主板,5,500\n",
			"2|华星电子|2026-02-05|电源\r模块|10|1200|SO1\n3|华星电子|2026-02-06|主板|5|500|SO2\n"},
		{"CRLF records, LF in a cell",
			"单据编号,单据日期,客户名称,物料名称,数量,价税合计\r\nSO1,2026-02-05,华星电子,\"电源\n模块\",10,1200\r\nSO2,2026/2/6,华星电子,主板,5,500\r\n",
			"2|华星电子|2026-02-05|电源\n模块|10|1200|SO1\n4|华星电子|2026-02-06|主板|5|500|SO2\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, tb, err := readAll(t, "x.csv", []byte(tt.data), whole)
			if err != nil {
				t.Fatal(err)
			}
			if got := rowText(rows); got != tt.want {
				t.Errorf("rows:\n%q\nwant:\n%q", got, tt.want)
			}
			if len(tb.Skipped) > 0 {
				t.Errorf("skipped: %s", skippedText(tb))
			}
		})
	}
}
