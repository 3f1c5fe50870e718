package cmd

import (
	"fmt"
	"io"
	"testing"

	"github.com/acctbook/acct/trend"
)

// benchTrendReport is a report shaped like the benchmark export's
// (erp58.csv on book10k): 10,118 signals over 4, 3 and 8 months with
// whole-number values, a change on each, Chinese and ASCII account ids
// and products, and 264 unmatched customers.
func benchTrendReport() *trend.Report {
	kinds := []struct {
		kind string
		n    int
	}{{trend.KindSurge, 4}, {trend.KindDecline, 4}, {trend.KindNew, 3}, {trend.KindLapsed, 8}}
	products := []string{"散热片", "PCB 板", "主板", "连接器", "马达", "电池包"}
	asOf := trend.MonthOf(2026, 2)
	rep := &trend.Report{AsOf: asOf, Unmatched: map[string]int{}}
	for i := range 10118 {
		k := kinds[i%len(kinds)]
		account := fmt.Sprintf("apex-electronics-%d-%d", i, i)
		if i%2 == 1 {
			account = fmt.Sprintf("苏州恒通机械有限公司-%d", i)
		}
		s := trend.Signal{Account: account, Product: products[i%len(products)], Kind: k.kind}
		for m := k.n - 1; m >= 0; m-- {
			s.Months = append(s.Months, (asOf - trend.Month(m)).String())
			s.Values = append(s.Values, float64(10000+(i*7919+m*104729)%90000/20*20))
		}
		c := s.Values[k.n-1]/s.Values[0] - 1
		s.Change = &c
		rep.Signals = append(rep.Signals, s)
	}
	for i := range 264 {
		rep.Unmatched[fmt.Sprintf("未建档客户%d有限公司", i)] = 100 + i*37%1000
	}
	return rep
}

// BenchmarkWriteTrendJSON measures writeTrendJSON on benchTrendReport.
func BenchmarkWriteTrendJSON(b *testing.B) {
	rep := benchTrendReport()
	b.ReportAllocs()
	for b.Loop() {
		if err := writeTrendJSON(io.Discard, rep, 0); err != nil {
			b.Fatal(err)
		}
	}
}
