package trend

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// series builds a Series from monthly values in units, oldest first,
// ending at 2026-02.
func mkSeries(vals ...float64) *Series {
	s := &Series{Account: "hx", Product: "A"}
	end := MonthOf(2026, 2)
	start := end - Month(len(vals)) + 1
	for i, v := range vals {
		val := Value(v * Scale)
		s.add(start+Month(i), val)
	}
	return s
}

func kinds(sigs []Signal) string {
	var k []string
	for _, s := range sigs {
		k = append(k, s.Kind)
	}
	return strings.Join(k, ",")
}

func TestSignals(t *testing.T) {
	asOf := MonthOf(2026, 2)
	tests := []struct {
		name string
		vals []float64
		want string
	}{
		{"flat", []float64{110, 90, 110, 90, 110, 90, 110, 90}, ""},
		{"decline", []float64{110, 90, 110, 100, 80, 60, 40}, "decline"},
		{"near decline: two drops", []float64{110, 90, 110, 90, 100, 80, 60}, ""},
		{"decline to zero", []float64{110, 90, 110, 30, 20, 10, 0}, "decline"},
		{"surge", []float64{110, 90, 110, 100, 100, 100, 150}, "surge"},
		{"near surge 1.3x", []float64{110, 90, 110, 100, 100, 100, 130}, ""},
		{"new: first in v[2]", []float64{0, 0, 0, 0, 100, 100, 100}, "new"},
		{"new: first in v[0], no surge", []float64{0, 0, 0, 0, 0, 0, 100}, "new"},
		{"new with a jump is not a surge", []float64{0, 0, 0, 0, 0, 10, 100}, "new"},
		{"not new: first in v[3]", []float64{0, 0, 0, 100, 100, 100, 100}, ""},
		{"lapsed", []float64{100, 100, 100, 100, 100, 100, 0, 0}, "lapsed"},
		{"lapsed needs 3 of v[2..7]", []float64{0, 0, 0, 0, 100, 100, 0, 0}, ""},
		{"lapsed, 3 of 6", []float64{100, 0, 100, 0, 100, 0, 0, 0}, "lapsed"},
		{"returns net out to zero", []float64{100, 100, 100, 100, 0, 0}, "lapsed"},
		{"no purchases", []float64{0, 0, 0, 0}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mkSeries(tt.vals...)
			if got := kinds(Signals(s, asOf, DefaultSignalSettings)); got != tt.want {
				t.Errorf("signals %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSignalDetails(t *testing.T) {
	asOf := MonthOf(2026, 2)
	sig := Signals(mkSeries(110, 100, 80, 60, 40), asOf, DefaultSignalSettings)
	if len(sig) != 1 {
		t.Fatalf("signals %+v", sig)
	}
	d := sig[0]
	if fmt.Sprint(d.Months) != "[2025-11 2025-12 2026-01 2026-02]" || fmt.Sprint(d.Values) != "[100 80 60 40]" || *d.Change != -0.6 {
		t.Errorf("decline = %+v change %v", d, *d.Change)
	}
	s := Signals(mkSeries(100, 100, 100, 250), asOf, DefaultSignalSettings)[0]
	if s.Kind != KindSurge || *s.Change != 1.5 || len(s.Months) != 4 {
		t.Errorf("surge = %+v", s)
	}
	// decline_months from acct.yaml
	if got := kinds(Signals(mkSeries(90, 90, 90, 110, 100, 80), asOf, SignalSettings{DeclineMonths: 2, SurgeRatio: 1.5})); got != "decline" {
		t.Errorf("N=2: %q", got)
	}
	// months after the as-of month are ignored
	if got := kinds(Signals(mkSeries(100, 80, 60, 40, 500), asOf-1, DefaultSignalSettings)); got != "decline" {
		t.Errorf("as-of before the end: %q", got)
	}
	n := Signals(mkSeries(0, 0, 0, 0, 0, 0, 100), asOf, DefaultSignalSettings)[0]
	if n.Change != nil {
		t.Errorf("new from nothing: change %v, want nil", *n.Change)
	}
}

func f(v float64) *float64 { return &v }

func TestFinancialSignals(t *testing.T) {
	tests := []struct {
		name string
		a, b FinancialPeriod
		want string
	}{
		{"inventory +100%, receivable +55%, margin -4 pts",
			FinancialPeriod{"2024", f(30), f(45), f(0.23)}, FinancialPeriod{"2025", f(60), f(70), f(0.19)},
			"inventory_days:1,receivable_days:0.5556,gross_margin:-0.04"},
		{"exactly +30% and -3 points fire",
			FinancialPeriod{"2024", f(30), f(100), f(0.20)}, FinancialPeriod{"2025", f(39), f(100), f(0.17)},
			"inventory_days:0.3,gross_margin:-0.03"},
		{"below thresholds", FinancialPeriod{"2024", f(30), f(100), f(0.20)}, FinancialPeriod{"2025", f(38), f(129), f(0.171)}, ""},
		{"missing figures", FinancialPeriod{"2024H1", nil, f(100), nil}, FinancialPeriod{"2024H2", f(90), nil, f(0.1)}, ""},
	}
	for _, tt := range tests {
		sigs := FinancialSignals("hx", []FinancialPeriod{{Period: "2023"}, tt.a, tt.b})
		var got []string
		for _, s := range sigs {
			if s.Kind != KindFinancial || s.Account != "hx" || s.Months[0] != tt.a.Period {
				t.Errorf("%s: %+v", tt.name, s)
			}
			got = append(got, fmt.Sprintf("%s:%.4g", s.Measure, *s.Change))
		}
		if strings.Join(got, ",") != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, strings.Join(got, ","), tt.want)
		}
	}
	if FinancialSignals("hx", []FinancialPeriod{{Period: "2025", InventoryDays: f(1)}}) != nil {
		t.Error("one period: want no signal")
	}
}

func TestMatcher(t *testing.T) {
	m := NewMatcher([]Account{
		{ID: "hx-1", Name: "华星电子集团有限公司", Aliases: []string{"华星电子", "HX Electronics"}},
		{ID: "apex-2", Name: "Apex Industries 2"},
		{ID: "dup-a", Name: "Same Name"},
		{ID: "dup-b", Name: "same  name"},
		{ID: "todo-3", Name: "TODO", Aliases: []string{"<填写>"}},
		{ID: "dup-c", Aliases: []string{"SAME NAME", "Same Name"}}, // a third claimant, twice
		{ID: "acme", Name: "ACME", Aliases: []string{"acme"}},      // its own id as name and alias
	})
	for in, want := range map[string]string{
		"华星电子集团有限公司": "hx-1", " 华星电子 ": "hx-1", "hx electronics": "hx-1", "ＨＸ　Ｅｌｅｃｔｒｏｎｉｃｓ": "hx-1",
		"HX-1": "hx-1", "APEX INDUSTRIES 2": "apex-2", "ApexIndustries2": "apex-2",
		"Same Name": "", "TODO": "", "<填写>": "", "unknown": "", "Acme": "acme",
	} {
		got, ok := m.Match(in)
		if got != want || ok != (want != "") {
			t.Errorf("Match(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if len(m.Conflicts) != 1 || !strings.Contains(m.Conflicts[0].String(), "(dup-a, dup-b, dup-c)") {
		t.Errorf("conflicts %v", m.Conflicts)
	}
}

func TestCollectorReport(t *testing.T) {
	data := "日期,客户,产品,金额\n" +
		"2025-11-03,华星电子,A,100\n2025-12-03,华星电子,A,80\n2026-01-03,ＨＸ,A,60\n2026-02-03,hx-1,A,40\n" +
		"2026-02-03,华星电子,A,10\n2026-02-04,华星电子,A,-10\n" + // a delivery and its return net out
		"2026-02-03,未建档客户1,A,5\n2026-02-03, 未建档客户1 ,A,5\n2026-02-03,未建档客户1,A,5\n"
	c := NewCollector()
	tb, err := c.ReadExport("e.csv", strings.NewReader(data), Settings{})
	if err != nil {
		t.Fatal(err)
	}
	_ = tb
	m := NewMatcher([]Account{{ID: "hx-1", Name: "华星电子集团", Aliases: []string{"华星电子", "HX"}}})
	r, ok := c.Report(ReportOptions{Matcher: m, Settings: DefaultSignalSettings})
	if !ok || r.AsOf.String() != "2026-02" {
		t.Fatalf("report %v %+v", ok, r)
	}
	if kinds(r.Signals) != "decline" || fmt.Sprint(r.Signals[0].Values) != "[100 80 60 40]" {
		t.Errorf("signals %+v", r.Signals)
	}
	if fmt.Sprint(r.Unmatched) != "map[未建档客户1:3]" {
		t.Errorf("unmatched %v", r.Unmatched)
	}
	asOf := MonthOf(2026, 1)
	r, _ = c.Report(ReportOptions{Matcher: m, AsOf: &asOf, Only: []string{"nobody"}})
	if len(r.Series) != 0 || r.AsOf != asOf {
		t.Errorf("only: %+v", r)
	}
}

// TestNormNameQuick: the quick path agrees with the Unicode tables on the
// names it takes.
func TestNormNameQuick(t *testing.T) {
	for _, s := range []string{"华星电子集团有限公司", "HX Electronics", "hx", "HX-ELEC(1)", "ＨＸ", "华星 电子", "未建档客户12有限公司",
		"Ǆ", "İstanbul", "K", "ß", "㐀", "\u00a0x", "A\u0301", "a~b`c", "ABC123", "合计:", "Total",
		"Apex Industries 3542", " Crest Logistics 8033 Co. ", "华星\t电子\r\n", "A\vB\fC", "x\x00y", "x\x1fy", "华星 Electronics (HK) Ltd."} {
		slow := norm.NFKC.String(s)
		slow = folder.String(slow)
		slow = strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || r == '\ufeff' {
				return -1
			}
			return r
		}, slow)
		if k, ok := normNameQuick(s); ok && k != slow {
			t.Errorf("normNameQuick(%q) = %q, want %q", s, k, slow)
		}
		if got := normName(s); got != slow {
			t.Errorf("normName(%q) = %q, want %q", s, got, slow)
		}
	}
	// Names of English customers with spaces, common in exports, take it.
	for _, s := range []string{"Apex Industries 3542", " Crest Logistics 8033 Co. ", "华星 电子"} {
		if _, ok := normNameQuick(s); !ok {
			t.Errorf("normNameQuick(%q) declined", s)
		}
	}
}
