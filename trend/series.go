package trend

import (
	"sort"
	"strings"
)

// Series holds the calendar-month totals of one (account, product)
// (FORMAT.md section 6): Values[i] is the sum of the metric over the rows
// dated in month Start+i; a month without rows is 0. Returns (negative
// values) net out.
type Series struct {
	Account string
	Product string
	Start   Month
	Values  []Value
	// First is the first month with a purchase (a row with a positive
	// value); HasFirst is false when there is none.
	First    Month
	HasFirst bool
}

// At returns the total of month m (0 outside the data).
func (s *Series) At(m Month) Value {
	i := int(m - s.Start)
	if i < 0 || i >= len(s.Values) {
		return 0
	}
	return s.Values[i]
}

// End returns the last month with data, or Start-1 when there is none.
func (s *Series) End() Month { return s.Start + Month(len(s.Values)) - 1 }

func (s *Series) add(m Month, v Value) {
	switch {
	case len(s.Values) == 0:
		s.Start = m
		s.Values = append(s.Values, v)
	case m < s.Start:
		grow := int(s.Start - m)
		nv := make([]Value, grow+len(s.Values), grow+len(s.Values)+12)
		copy(nv[grow:], s.Values)
		nv[0] = v
		s.Start, s.Values = m, nv
	case int(m-s.Start) >= len(s.Values):
		for int(m-s.Start) >= len(s.Values) {
			s.Values = append(s.Values, 0)
		}
		s.Values[m-s.Start] += v
	default:
		s.Values[m-s.Start] += v
	}
	if v > 0 && (!s.HasFirst || m < s.First) {
		s.First, s.HasFirst = m, true
	}
}

type seriesKey struct{ account, product string }

// Aggregator sums purchase rows into monthly Series per (account, product).
// It is not safe for concurrent use; Read calls a Sink from one goroutine.
type Aggregator struct {
	series map[seriesKey]*Series
	last   Month
	any    bool
}

// NewAggregator returns an empty Aggregator.
func NewAggregator() *Aggregator { return &Aggregator{series: map[seriesKey]*Series{}} }

// Add adds value v (fixed point, the metric of the table) dated d to the
// series of (account, product).
func (a *Aggregator) Add(account, product string, d Date, v Value) {
	k := seriesKey{account, product}
	s := a.series[k]
	if s == nil {
		s = &Series{Account: account, Product: product}
		a.series[k] = s
	}
	m := d.Month()
	s.add(m, v)
	if !a.any || m > a.last {
		a.last, a.any = m, true
	}
}

// Seen records that data exists in month m (a row of an unmatched customer
// still tells how far the data reaches).
func (a *Aggregator) Seen(m Month) {
	if !a.any || m > a.last {
		a.last, a.any = m, true
	}
}

// LastMonth returns the last month present in the data: the default as-of
// month (FORMAT.md section 6). ok is false when there is no data.
func (a *Aggregator) LastMonth() (m Month, ok bool) { return a.last, a.any }

// sortSeries sorts series by account, then product.
func sortSeries(ss []*Series) {
	sort.Slice(ss, func(i, j int) bool {
		if ss[i].Account != ss[j].Account {
			return ss[i].Account < ss[j].Account
		}
		return ss[i].Product < ss[j].Product
	})
}

// Signal is one trend signal (FORMAT.md sections 6 and 8): Kind is
// "decline", "surge", "new", "lapsed" or "financial". Months (YYYY-MM, or
// financial periods) and Values (in the metric's units: CNY for amounts;
// days or fractions for financials) are the data it rests on, oldest first.
// Change is the relative change v[0]/mean(v[1..3]) - 1 (decline:
// v[0]/v[N] - 1; gross margin: the difference in points as a fraction), nil
// when the base is zero.
type Signal struct {
	Account string    `json:"account"`
	Product string    `json:"product"`
	Kind    string    `json:"kind"`
	Months  []string  `json:"months"`
	Values  []float64 `json:"values"`
	Change  *float64  `json:"change"`
	// Measure names the financial figure of a financial signal
	// (inventory_days, receivable_days, gross_margin).
	Measure string `json:"measure,omitempty"`
}

// Signal kinds (FORMAT.md section 6).
const (
	KindDecline   = "decline"
	KindSurge     = "surge"
	KindNew       = "new"
	KindLapsed    = "lapsed"
	KindFinancial = "financial"
)

// kindOrder sorts signals of one product.
var kindOrder = map[string]int{KindDecline: 0, KindSurge: 1, KindNew: 2, KindLapsed: 3, KindFinancial: 4}

// SignalSettings are acct.yaml's trend settings (FORMAT.md section 7).
type SignalSettings struct {
	// DeclineMonths is N, the consecutive month-on-month drops of a decline (default 3).
	DeclineMonths int
	// SurgeRatio is how many times the mean of the three months before the
	// as-of month must be reached for a surge (default 1.5).
	SurgeRatio float64
}

// DefaultSignalSettings are FORMAT.md section 7's defaults.
var DefaultSignalSettings = SignalSettings{DeclineMonths: 3, SurgeRatio: 1.5}

// Signals computes the signals of one series as of month asOf, exactly as
// FORMAT.md section 6 defines them, with v[k] the total of month asOf-k:
//   - decline: v[N] > v[N-1] > ... > v[0], N = DeclineMonths;
//   - surge: v[0] >= SurgeRatio x mean(v[1..3]) and that mean > 0, unless new;
//   - new: the first purchase ever is in v[2]..v[0];
//   - lapsed: v[0] = v[1] = 0 and purchases in at least 3 of v[2]..v[7].
//
// Months after asOf are ignored.
func Signals(s *Series, asOf Month, set SignalSettings) []Signal {
	if set.DeclineMonths < 1 {
		set.DeclineMonths = DefaultSignalSettings.DeclineMonths
	}
	if set.SurgeRatio <= 0 {
		set.SurgeRatio = DefaultSignalSettings.SurgeRatio
	}
	v := func(k int) Value { return s.At(asOf - Month(k)) }
	mean3 := float64(v(1)+v(2)+v(3)) / 3
	change := func() *float64 {
		if mean3 == 0 {
			return nil
		}
		c := v(0).Float()/(mean3/Scale) - 1
		return &c
	}
	mk := func(kind string, from int, ch *float64) Signal {
		sg := Signal{Account: s.Account, Product: s.Product, Kind: kind, Change: ch}
		for k := from; k >= 0; k-- {
			sg.Months = append(sg.Months, (asOf - Month(k)).String())
			sg.Values = append(sg.Values, v(k).Float())
		}
		return sg
	}
	var out []Signal
	n := set.DeclineMonths
	decline := true
	for k := n; k >= 1; k-- {
		if !(v(k) > v(k-1)) {
			decline = false
			break
		}
	}
	if decline {
		var ch *float64
		if v(n) != 0 {
			c := float64(v(0))/float64(v(n)) - 1
			ch = &c
		}
		out = append(out, mk(KindDecline, n, ch))
	}
	isNew := s.HasFirst && s.First <= asOf && s.First >= asOf-2
	if !isNew && mean3 > 0 && float64(v(0)) >= set.SurgeRatio*mean3 {
		out = append(out, mk(KindSurge, 3, change()))
	}
	if isNew {
		out = append(out, mk(KindNew, 2, change()))
	}
	if v(0) == 0 && v(1) == 0 {
		bought := 0
		for k := 2; k <= 7; k++ {
			if v(k) > 0 {
				bought++
			}
		}
		if bought >= 3 {
			out = append(out, mk(KindLapsed, 7, change()))
		}
	}
	return out
}

// SortSignals orders signals by account, product, then kind (decline,
// surge, new, lapsed, financial), then measure.
func SortSignals(sigs []Signal) {
	sort.SliceStable(sigs, func(i, j int) bool { return signalLess(&sigs[i], &sigs[j]) })
}

// signalLess is SortSignals' order: account, product, kind, measure.
func signalLess(a, b *Signal) bool {
	if a.Account != b.Account {
		return a.Account < b.Account
	}
	if a.Product != b.Product {
		return a.Product < b.Product
	}
	if a.Kind != b.Kind {
		return kindOrder[a.Kind] < kindOrder[b.Kind]
	}
	return strings.Compare(a.Measure, b.Measure) < 0
}
