package cmd

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/acctbook/acct/trend"
)

// trendJSONV1 is the struct `acct trend --json` printed through
// encoding/json before writeTrendJSON wrote it by hand.
type trendJSONV1 struct {
	AsOf        string         `json:"as_of"`
	Signals     []trend.Signal `json:"signals"`
	Unmatched   map[string]int `json:"unmatched"`
	SkippedRows int            `json:"skipped_rows"`
	TotalRows   int            `json:"total_rows"`
}

// encodeTrendJSONV1 is writeTrendJSON before this change, except that it
// rounds copies of the changes rather than rep's own.
func encodeTrendJSONV1(w *bytes.Buffer, rep *trend.Report, totals int) error {
	out := trendJSONV1{AsOf: rep.AsOf.String(), Signals: slicesClone(rep.Signals), Unmatched: rep.Unmatched, SkippedRows: len(rep.Skipped), TotalRows: totals}
	if out.Signals == nil {
		out.Signals = []trend.Signal{}
	}
	for i := range out.Signals {
		if c := out.Signals[i].Change; c != nil {
			r := math.Round(*c*10000) / 10000
			out.Signals[i].Change = &r
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func slicesClone(s []trend.Signal) []trend.Signal {
	if s == nil {
		return nil
	}
	return append([]trend.Signal{}, s...)
}

// compareTrendJSON fails t unless writeTrendJSON writes what encoding/json
// wrote for rep, or fails with the same error having written nothing.
func compareTrendJSON(t *testing.T, rep *trend.Report, totals int) {
	t.Helper()
	var got, want bytes.Buffer
	gotErr := writeTrendJSON(&got, rep, totals)
	wantErr := encodeTrendJSONV1(&want, rep, totals)
	if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
		t.Fatalf("error %v, encoding/json: %v", gotErr, wantErr)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatalf("got:\n%s\nwant:\n%s", got.Bytes(), want.Bytes())
	}
}

func ptr(f float64) *float64 { return &f }

// trendJSONNames are account, product and customer names that need
// escaping of every kind, with and without HTML escaping.
var trendJSONNames = []string{
	"", "hx", "华星电子", `say "hi"`, `back\slash\`, "tab\tnew\nline\rcr\b\f", "\x00\x01\x1f\x7f",
	"a & b <c> >=3", "line\u2028para\u2029", "bad \xff utf-8 \xe2\x80", "\xe2\x80\xa8", "emoji 😀",
	"＜full width＞", "\ufeffbom", "\u00a0nbsp", "Apex Industries 3542",
}

// TestTrendJSON compares writeTrendJSON with encoding/json byte for byte.
func TestTrendJSON(t *testing.T) {
	asOf := trend.MonthOf(2026, 2)
	months := []string{"2025-11", "2025-12", "2026-01", "2026-02"}
	floats := []float64{0, math.Copysign(0, -1), 18920, -18920, 1, -1, 0.5, 1.4194, -0.04, 1e-6, 9.99e-7, 1e-7,
		-1e-7, 1e20, 1e21, -1e21, 123456789012345678901234.0, 1 << 53, 1<<53 + 2, 1 << 60, -(1 << 60), 1e15, 1e15 + 0.5,
		math.MaxFloat64, math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, 5e-324, 2.5e-8, 1.7976931348623157e308,
		0.1, 0.2, 0.30000000000000004, 1234.5678, 33.333333333333336, 1e-300, 4.9e-10}
	var many []trend.Signal
	for i, name := range trendJSONNames {
		many = append(many, trend.Signal{Account: name, Product: trendJSONNames[len(trendJSONNames)-1-i], Kind: trend.KindDecline,
			Months: months, Values: []float64{4, 3, 2, 1}, Change: ptr(-0.75)})
	}
	unmatched := map[string]int{}
	for i, name := range trendJSONNames {
		unmatched[name] = i * 1000
		unmatched[name+"-"+name] = -i
	}
	for i := range 300 {
		unmatched[strings.Repeat("未建档", i%7)+string(rune('A'+i%50))+strings.Repeat("x", i/50)] = i
	}
	cases := []struct {
		name   string
		rep    trend.Report
		totals int
	}{
		{"empty", trend.Report{AsOf: asOf}, 0},
		{"empty signals, empty unmatched", trend.Report{AsOf: asOf, Signals: []trend.Signal{}, Unmatched: map[string]int{}}, 3},
		{"null change", trend.Report{AsOf: asOf, Signals: []trend.Signal{{Account: "hx", Product: "主板", Kind: trend.KindNew,
			Months: months[1:], Values: []float64{0, 0, 5}}}}, 0},
		{"financial", trend.Report{AsOf: asOf, Signals: []trend.Signal{
			{Account: "hx", Kind: trend.KindFinancial, Measure: "inventory_days", Months: []string{"2024", "2025"}, Values: []float64{30, 39}, Change: ptr(0.30000000000000004)},
			{Account: "hx", Kind: trend.KindFinancial, Measure: "gross_margin", Months: []string{"2024H1", "<2025&>"}, Values: []float64{0.23, 0.19}, Change: ptr(-0.04000000000000001)},
		}}, 0},
		{"nil and empty slices", trend.Report{AsOf: asOf, Signals: []trend.Signal{{Kind: "x"}, {Months: []string{}, Values: []float64{}}}}, 0},
		{"names", trend.Report{AsOf: asOf, Signals: many, Unmatched: unmatched, Skipped: make([]trend.RowError, 7)}, 12},
		{"floats", trend.Report{AsOf: asOf, Signals: []trend.Signal{{Account: "f", Months: months, Values: floats, Change: ptr(1e-5)}}}, 0},
		{"as of before 1000", trend.Report{AsOf: trend.MonthOf(999, 12)}, 0},
		{"bench", *benchTrendReport(), 0},
	}
	for _, f := range floats {
		cases = append(cases, struct {
			name   string
			rep    trend.Report
			totals int
		}{"change", trend.Report{AsOf: asOf, Signals: []trend.Signal{{Change: ptr(f)}, {Change: ptr(-f)}}}, 0})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { compareTrendJSON(t, &c.rep, c.totals) })
	}
}

// TestTrendJSONNotFinite checks that NaN and infinite values and changes
// fail as encoding/json fails on them, writing nothing, the first such
// value in the order of the output named.
func TestTrendJSONNotFinite(t *testing.T) {
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		for _, rep := range []*trend.Report{
			{Signals: []trend.Signal{{Values: []float64{1, bad}}}},
			{Signals: []trend.Signal{{Values: []float64{1}, Change: ptr(bad)}}},
			{Signals: []trend.Signal{{Values: []float64{1}, Change: ptr(1e305)}}}, // *10000 overflows
			{Signals: []trend.Signal{{Values: []float64{math.Inf(-1)}, Change: ptr(bad)}, {Values: []float64{bad}}}},
			{Signals: []trend.Signal{{Values: []float64{1}, Change: ptr(bad)}, {Values: []float64{math.Inf(-1)}}}},
		} {
			var got bytes.Buffer
			if err := writeTrendJSON(&got, rep, 0); err == nil || got.Len() > 0 {
				t.Errorf("%v: error %v, wrote %q", bad, err, got.Bytes())
			}
			compareTrendJSON(t, rep, 0)
		}
	}
}

// TestAppendJSONQuoted checks both escapings of appendJSONQuoted (and
// appendJSONString, acct check's) against encoding/json, on every byte
// and on strings that need escaping of every kind.
func TestAppendJSONQuoted(t *testing.T) {
	texts := append([]string{}, trendJSONNames...)
	for c := range 256 {
		texts = append(texts, string(rune(c)), string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"\u2029z")
	}
	for _, s := range texts {
		checkJSONQuoted(t, s)
	}
}

func checkJSONQuoted(t *testing.T, s string) {
	t.Helper()
	for _, html := range []bool{false, true} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(html)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want.Truncate(want.Len() - 1)
		if got := appendJSONQuoted([]byte("x"), s, html); string(got) != "x"+want.String() {
			t.Errorf("%q, escapeHTML %v: got %s, want %s", s, html, got[1:], want.Bytes())
		}
	}
	want, _ := json.Marshal(s)
	if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
		t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
	}
}

// checkJSONFloat fails t unless appendJSONFloat writes f as json.Marshal
// does, or fails as it does.
func checkJSONFloat(t *testing.T, f float64) {
	t.Helper()
	want, wantErr := json.Marshal(f)
	got, err := appendJSONFloat([]byte("x"), f)
	if (err == nil) != (wantErr == nil) || err != nil && (err.Error() != wantErr.Error() || string(got) != "x") {
		t.Fatalf("%v (%#x): error %v, wrote %q; json.Marshal: %v", f, math.Float64bits(f), err, got, wantErr)
	}
	if err == nil && string(got) != "x"+string(want) {
		t.Fatalf("%v (%#x): got %s, want %s", f, math.Float64bits(f), got[1:], want)
	}
}

// TestAppendJSONFloat checks appendJSONFloat around every boundary of its
// formats and a sweep of magnitudes.
func TestAppendJSONFloat(t *testing.T) {
	for _, f := range []float64{0, math.Copysign(0, -1), 1e-6, 1e21, 1 << 53, 1e15, math.NaN(), math.Inf(1), math.Inf(-1),
		math.MaxFloat64, math.SmallestNonzeroFloat64, 18920, 0.1, 1.4194} {
		for _, g := range []float64{f, -f, math.Nextafter(f, 0), math.Nextafter(f, math.Inf(1)), math.Nextafter(-f, math.Inf(-1))} {
			checkJSONFloat(t, g)
		}
	}
	for e := -330; e <= 310; e++ {
		for _, m := range []float64{1, 1.5, 3.0000000000000004, 7.123456789, 9.999999999999998} {
			f := m * math.Pow(10, float64(e))
			checkJSONFloat(t, f)
			checkJSONFloat(t, -f)
			checkJSONFloat(t, math.Round(f))
		}
	}
}

// FuzzAppendJSONFloat compares appendJSONFloat with json.Marshal.
func FuzzAppendJSONFloat(f *testing.F) {
	for _, x := range []float64{0, 18920, 1e-7, 1e21, 1 << 53, 0.1} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		checkJSONFloat(t, x)
		checkJSONFloat(t, math.Round(x))
	})
}

// FuzzAppendJSONQuoted compares both escapings with encoding/json.
func FuzzAppendJSONQuoted(f *testing.F) {
	for _, s := range trendJSONNames {
		f.Add(s)
	}
	f.Fuzz(checkJSONQuoted)
}

// fuzzSource hands out the bytes of a fuzz input, zeros once exhausted.
type fuzzSource []byte

func (src *fuzzSource) byte() byte {
	if len(*src) == 0 {
		return 0
	}
	c := (*src)[0]
	*src = (*src)[1:]
	return c
}

func (src *fuzzSource) uint64() uint64 {
	var b [8]byte
	for i := range b {
		b[i] = src.byte()
	}
	return binary.LittleEndian.Uint64(b[:])
}

// float is a value of any kind: arbitrary bits (NaN and infinities
// included), whole numbers small and large, -0, x, tiny and huge numbers,
// two decimals.
func (src *fuzzSource) float(x float64) float64 {
	u := src.uint64()
	switch src.byte() % 8 {
	case 0:
		return math.Float64frombits(u)
	case 1:
		return float64(int64(u) >> (u % 64))
	case 2:
		return math.Copysign(0, -1)
	case 3:
		return x
	case 4:
		return float64(int32(u)) * math.Pow(10, float64(int(u>>32)%60-30))
	case 5:
		return float64(int32(u)) / 100
	case 6:
		return x * float64(int8(u))
	}
	return float64(u % 100000)
}

// text is a piece of one of the fuzzer's strings, or one of the names.
func (src *fuzzSource) text(ss ...string) string {
	k := int(src.byte())
	if k >= 2*len(ss) {
		return trendJSONNames[k%len(trendJSONNames)]
	}
	s := ss[k%len(ss)]
	i, j := int(src.byte()), int(src.byte())
	i, j = min(i, len(s)), min(j, len(s))
	if k < len(ss) {
		return s[min(i, j):max(i, j)]
	}
	return s
}

// fuzzReport builds a report from a fuzz input: its signals, their months,
// values, changes and measures, and the unmatched customers.
func fuzzReport(data []byte, a, b string, x float64) *trend.Report {
	src := fuzzSource(data)
	rep := &trend.Report{AsOf: trend.Month(int(src.byte())<<8 | int(src.byte())), Skipped: make([]trend.RowError, src.byte()%4)}
	if n := int(src.byte()); n%5 != 0 {
		rep.Signals = make([]trend.Signal, 0, n%16)
	}
	for range cap(rep.Signals) {
		s := trend.Signal{Account: src.text(a, b), Product: src.text(a, b), Kind: src.text(trend.KindDecline, trend.KindFinancial, a)}
		if n := int(src.byte()); n%7 != 0 {
			s.Months, s.Values = []string{}, []float64{}
			for range n % 10 {
				s.Months = append(s.Months, src.text(a, b, "2026-02"))
				s.Values = append(s.Values, src.float(x))
			}
		}
		if src.byte()%4 != 0 {
			s.Change = ptr(src.float(x))
		}
		if src.byte()%3 == 0 {
			s.Measure = src.text(a, b, "gross_margin")
		}
		rep.Signals = append(rep.Signals, s)
	}
	if n := int(src.byte()); n%5 != 0 {
		rep.Unmatched = map[string]int{}
		for range n % 32 {
			rep.Unmatched[src.text(a, b)] = int(int64(src.uint64()))
		}
	}
	return rep
}

// FuzzTrendJSON compares writeTrendJSON with encoding/json on generated
// reports.
func FuzzTrendJSON(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, "华星电子", "a<b>\"c\"", 1.4194)
	f.Add([]byte("\x7e\x40\x00\x03hello signals and values \xff\xfe\x00\x01"), "x\xffy\u2028", "\\\n\t", -0.04)
	f.Add(bytes.Repeat([]byte{0x11, 0x83, 0xfe, 0x40}, 64), "Apex Industries", "未建档客户", 1e21)
	f.Fuzz(func(t *testing.T, data []byte, a, b string, x float64) {
		compareTrendJSON(t, fuzzReport(data, a, b, x), len(data))
	})
}
