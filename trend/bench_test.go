package trend

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// benchExport builds an export like gen_erp.py's: n rows, Chinese headers,
// mixed number and date forms, some quoted amounts.
func benchExport(n int) []byte {
	var b bytes.Buffer
	b.WriteString("单据编号,单据日期,客户名称,物料名称,数量,单价,价税合计\n")
	products := []string{"电源模块", "主板", "连接器", "传感器", "PCB 板"}
	for i := 0; i < n; i++ {
		cust := fmt.Sprintf("深圳华星电子%d有限公司", i/300)
		if i%5 == 0 {
			cust = " " + cust + " "
		}
		date := fmt.Sprintf("20%02d-%02d-%02d", 24+i%3, 1+i%12, 1+i%28)
		if i%7 == 0 {
			date = fmt.Sprintf("20%02d年%d月%d日", 24+i%3, 1+i%12, 1+i%28)
		}
		amt := fmt.Sprint(1000 + i%5000)
		switch i % 4 {
		case 1:
			amt = fmt.Sprintf("\"%d,%03d.00\"", 1+i%90, i%1000)
		case 2:
			amt = fmt.Sprintf("\"¥%d,%03d.00\"", 1+i%90, i%1000)
		}
		fmt.Fprintf(&b, "SO%d,%s,%s,%s,%d,12,%s\n", 100000+i, date, cust, products[i%len(products)], i%50, amt)
	}
	return b.Bytes()
}

func benchRead(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := NewCollector()
		if _, err := c.ReadExport("bench.csv", bytes.NewReader(data), Settings{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadExportUTF8 reads and sums a 200,000-row UTF-8 export.
func BenchmarkReadExportUTF8(b *testing.B) { benchRead(b, benchExport(200000)) }

// BenchmarkReadExportGB18030 is the same export as Chinese Excel saves it.
func BenchmarkReadExportGB18030(b *testing.B) {
	data, err := simplifiedchinese.GB18030.NewEncoder().Bytes(benchExport(200000))
	if err != nil {
		b.Fatal(err)
	}
	benchRead(b, data)
}

// BenchmarkReadSerialSink is Read with one serialised Sink (what per-account
// files and import use).
func BenchmarkReadSerialSink(b *testing.B) {
	data := benchExport(200000)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := 0
		if _, err := Read("bench.csv", bytes.NewReader(data), Settings{NeedCustomer: true}, func(batch []Row) error {
			n += len(batch)
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadExportFile reads and sums the export named by
// $ACCT_BENCH_EXPORT (e.g. bench/trend.sh's erp1m.csv), memory-mapped as
// acct trend --from reads it; it is skipped when the variable is unset.
func BenchmarkReadExportFile(b *testing.B) {
	path := os.Getenv("ACCT_BENCH_EXPORT")
	if path == "" {
		b.Skip("ACCT_BENCH_EXPORT is not set")
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		c := NewCollector()
		t, err := c.ReadExport(path, f, Settings{})
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(t.Rows*(i+1)), "ns/row")
	}
}

// BenchmarkQuickDate parses the year-first date forms of gen_erp.py exports.
func BenchmarkQuickDate(b *testing.B) {
	in := [][]byte{[]byte("2024-03-21"), []byte("2025/12/19"), []byte("2024/9/8"), []byte("2026年1月15日")}
	var s Date
	for i := 0; i < b.N; i++ {
		d, _ := quickDate(in[i&3])
		s += d
	}
	_ = s
}

// BenchmarkParseNumberFast parses the amount and quantity forms of gen_erp.py exports.
func BenchmarkParseNumberFast(b *testing.B) {
	in := [][]byte{[]byte("942"), []byte("47080"), []byte("8,794.00"), []byte("¥989.00"), []byte("121.00"), []byte("16160")}
	var s Value
	for i := 0; i < b.N; i++ {
		v, _ := parseNumber(in[i%6])
		s += v
	}
	_ = s
}

// BenchmarkSplit splits a 200,000-row export into fields the way the
// workers do: the scanner, and next for the records it declines.
func BenchmarkSplit(b *testing.B) {
	data := benchExport(200000)
	d := dialect{',', '\n'}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	var fields [][]byte
	var scr []byte
	for i := 0; i < b.N; i++ {
		n := 0
		sc := newScanner(d, data)
		for pos := 0; pos < len(data); n++ {
			var next int
			var ok bool
			if fields, next, _, ok = sc.next(pos, fields); !ok {
				fields, scr, next, _, _ = d.next(data, pos, true, fields, scr)
			}
			pos = next
		}
		if n != 200001 {
			b.Fatalf("%d records", n)
		}
	}
}
