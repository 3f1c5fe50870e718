package trend

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// FuzzSplit checks that the chunker's skip and the worker's next agree on
// every record boundary and line count, whatever the bytes, and that the
// scanner splits every record it takes as next does, both carrying its
// classified span from record to record and starting afresh.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "\"a\nb\",c\r\n\"x\"\"y\",z", "27\" 显示器,1\n\"open,2\n", "a;b\rc;d\r", "\"q\"x\",1\n", "a,\"8,794.00\"\r\n\"x\",\"\"\n", "\"a\"\r", "longer line without quotes,0123456789,abcdefgh\n\"q\"", ",,\n\n", strings.Repeat("a,\"b,c\",", 20) + "\r\n" + strings.Repeat("字", 30) + ",\"x\"\"y\"\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, d := range []dialect{{',', '\n'}, {';', '\r'}, {'\t', '\n'}} {
			pos := 0
			var fields [][]byte
			var scratch []byte
			sc := newScanner(d, data) // carries its block from record to record
			for pos < len(data) {
				var n1, l1 int
				var st1 recState
				fields, scratch, n1, l1, st1 = d.next(data, pos, true, fields, scratch)
				n2, l2, st2 := d.skip(data, pos, true)
				if n1 != n2 || l1 != l2 || st1 != st2 {
					t.Fatalf("dialect %q at %d: next=(%d,%d,%v) skip=(%d,%d,%v)", d, pos, n1, l1, st1, n2, l2, st2)
				}
				if n1 <= pos {
					t.Fatalf("no progress at %d", pos)
				}
				if st1 == recOK {
					checkScanner(t, sc, data, pos, fields, n1, l1)
					fresh := newScanner(d, data)
					checkScanner(t, fresh, data, pos, fields, n1, l1)
				}
				pos = n1
			}
		}
	})
}

// checkScanner checks that sc, when it takes the record at pos, splits it
// exactly as next did (fields, end, lines).
func checkScanner(t *testing.T, sc *scanner, data []byte, pos int, want [][]byte, wantNext, wantLines int) {
	t.Helper()
	got, next, lines, ok := sc.next(pos, nil)
	if !ok {
		return
	}
	if next != wantNext || lines != wantLines || len(got) != len(want) {
		t.Fatalf("dialect %q at %d in %q: scanner=(%q,%d,%d) next=(%q,%d,%d)", sc.d, pos, data, got, next, lines, want, wantNext, wantLines)
	}
	for i := range got {
		if !bytes.Equal(got[i], want[i]) {
			t.Fatalf("dialect %q at %d in %q: scanner fields %q, next %q", sc.d, pos, data, got, want)
		}
	}
}

// FuzzReadChunked checks that a table read in many small chunks gives the
// same rows, errors and totals as one read in one piece.
func FuzzReadChunked(f *testing.F) {
	f.Add([]byte("date,product,amount\n2026-01-05,\"A\nB\",1\n2026-01-06,27\" 显示器,2\n合计,,3\n"))
	f.Add([]byte("日期,产品,金额\n2026/1/5,A,¥1,000\n\"2026-01-05,A,1\n2026-01-07,B,(3)\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		read := func() (string, string) {
			var rows []Row
			tb, err := Read("f.csv", bytes.NewReader(data), Settings{}, func(b []Row) error {
				rows = append(rows, b...)
				return nil
			})
			if err != nil {
				return "", err.Error()
			}
			sortRows(rows)
			return rowText(rows), skippedText(tb)
		}
		r1, e1 := read()
		old, oldMax := chunkSize, inlineMax
		chunkSize, inlineMax = 5, -1
		r2, e2 := read()
		chunkSize, inlineMax = old, oldMax
		if r1 != r2 || e1 != e2 {
			t.Fatalf("whole:\n%s%s\nchunked:\n%s%s", r1, e1, r2, e2)
		}
	})
}

func sortRows(rows []Row) {
	for i := 1; i < len(rows); i++ {
		for j := i; j > 0 && rows[j].Line < rows[j-1].Line; j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
}

// FuzzParseNumberDate checks that the number and date parsers never panic
// and that a parsed number prints back to the same value.
func FuzzParseNumberDate(f *testing.F) {
	for _, s := range []string{"(1,234.00)", "¥12,345.00", "12亿", "−5", "2026年2月5日", "03/04/2026", "1e400", "2026-02-05", "2026/2/5", "2026年12月31日"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, err := ParseNumber(s); err == nil {
			if w, err := ParseNumber(v.String()); err != nil || w != v {
				t.Fatalf("%q -> %v -> %v, %v", s, v, w, err)
			}
		}
		want, err := ParseDate(s)
		if d, ok := quickDate([]byte(s)); ok && (err != nil || d != want) {
			t.Fatalf("quickDate(%q) = %v, ParseDate = %v, %v", s, d, want, err)
		}
	})
}

// FuzzReadXLSX: a damaged or odd workbook (corrupt zip, broken XML, odd
// cells, merges) is a FileError or rows and skipped rows, never a panic.
func FuzzReadXLSX(f *testing.F) {
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"customer", "date", "product", "amount"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"HX", 46058, "A", 1})
	x.SetSheetRow("Sheet1", "A3", &[]any{nil, "2026-02-06", "B", "(1,234)"})
	x.MergeCell("Sheet1", "A2", "A3")
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := Read("f.xlsx", bytes.NewReader(data), Settings{NeedCustomer: true}, func([]Row) error { return nil })
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.xlsx") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, s := range tb.Skipped {
			if s.File != "f.xlsx" || s.Line <= 0 {
				t.Fatalf("skipped row without file or line: %+v", s)
			}
		}
	})
}
