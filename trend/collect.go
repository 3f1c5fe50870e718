package trend

import (
	"io"
	"sync"
)

// Collector gathers the rows of several tables into monthly series: rows of
// an account's own purchases files go to that account; rows of whole-book
// exports are summed per customer as written and matched to accounts at
// the end (Report), so that reading does not wait for the accounts to load.
// Customers that match no account are counted, never dropped (FORMAT.md
// section 6). A Collector is not safe for concurrent use; Read calls a Sink
// from one goroutine at a time.
type Collector struct {
	byAccount  *Aggregator
	byCustomer *Aggregator
	rows       map[string]int // customer as written -> rows
	// parts are series of exports per customer as written (Account), one
	// per parsing goroutine that met the pair, folded together by Report.
	parts []*Series
	mu    sync.Mutex
	// Tables are the tables read, in the order given.
	Tables []*Table
}

// NewCollector returns an empty Collector.
func NewCollector() *Collector {
	return &Collector{byAccount: NewAggregator(), byCustomer: NewAggregator(), rows: map[string]int{}}
}

// ExportSink returns the Sink for a whole-book export: metric is FieldAmount
// or FieldQuantity (see Row.Value).
func (c *Collector) ExportSink(metric Field) Sink {
	return func(batch []Row) error {
		for i := range batch {
			r := &batch[i]
			c.rows[r.Customer]++
			c.byCustomer.Add(r.Customer, r.Product, r.Date, r.Value(metric))
		}
		return nil
	}
}

// AccountSink returns the Sink for a purchases file of account id.
func (c *Collector) AccountSink(id string, metric Field) Sink {
	return func(batch []Row) error {
		for i := range batch {
			r := &batch[i]
			c.byAccount.Add(id, r.Product, r.Date, r.Value(metric))
		}
		return nil
	}
}

// Report is the outcome of a trend run (FORMAT.md section 8).
type Report struct {
	// AsOf is the as-of month: --as-of, or the last month in the data.
	AsOf Month
	// Series are the monthly totals, sorted by account and product.
	Series []*Series
	// Signals are sorted by account, product and kind.
	Signals []Signal
	// Unmatched maps customer names to their row counts. Spellings that
	// differ only in case, width or spaces are one customer, shown in its
	// most frequent spelling.
	Unmatched map[string]int
	// Skipped are the rows that could not be read, per file in line order.
	Skipped []RowError
}

// ReportOptions say how to finish a Collector into a Report.
type ReportOptions struct {
	// Matcher matches export customers to accounts (nil: no exports).
	Matcher *Matcher
	// Only, when not empty, keeps just these account ids.
	Only []string
	// AsOf is --as-of; nil means the last month in the data (all rows,
	// matched or not).
	AsOf *Month
	// Settings are the signal settings.
	Settings SignalSettings
}

// Report matches the customers, merges their series into the accounts'
// and computes the signals. It is called once, when all tables are read. ok is false when there is no data at all and
// no AsOf, so there is no as-of month.
func (c *Collector) Report(o ReportOptions) (*Report, bool) {
	r := &Report{Unmatched: map[string]int{}}
	for _, t := range c.Tables {
		r.Skipped = append(r.Skipped, t.Skipped...)
	}
	// Match customers and fold their series into the accounts'.
	final := c.byAccount
	unmatched := map[string]map[string]int{}
	ids := map[string]string{}
	for cust, n := range c.rows {
		id := ""
		if o.Matcher != nil {
			id, _ = o.Matcher.Match(cust)
		}
		ids[cust] = id
		if id == "" {
			k := NormalizeName(cust)
			if unmatched[k] == nil {
				unmatched[k] = map[string]int{}
			}
			unmatched[k][cust] += n
		}
	}
	fold := func(s *Series, own bool) {
		id := ids[s.Account]
		final.Seen(s.End())
		if id == "" {
			return
		}
		k := seriesKey{id, s.Product}
		fs := final.series[k]
		switch {
		case fs != nil:
			fs.merge(s)
		case own:
			// A part's series is the Collector's alone: take it over.
			s.Account = id
			final.series[k] = s
		default:
			fs = &Series{Account: id, Product: s.Product}
			fs.merge(s)
			final.series[k] = fs
		}
	}
	for _, s := range c.byCustomer.series { // order does not matter: final is sorted
		fold(s, false)
	}
	for _, s := range c.parts {
		fold(s, true)
	}
	c.parts = nil
	for _, spellings := range unmatched {
		best, bestN, total := "", -1, 0
		for s, n := range spellings {
			total += n
			if n > bestN || (n == bestN && s < best) {
				best, bestN = s, n
			}
		}
		r.Unmatched[best] += total
	}
	if o.AsOf != nil {
		r.AsOf = *o.AsOf
	} else if m, ok := final.LastMonth(); ok {
		r.AsOf = m
	} else {
		return r, false
	}
	only := map[string]bool{}
	for _, id := range o.Only {
		only[id] = true
	}
	for _, s := range final.Series() {
		if len(only) > 0 && !only[s.Account] {
			continue
		}
		r.Series = append(r.Series, s)
		r.Signals = append(r.Signals, Signals(s, r.AsOf, o.Settings)...)
	}
	SortSignals(r.Signals)
	return r, true
}

// merge adds the months of o into s (o is left as it is).
func (s *Series) merge(o *Series) {
	if len(o.Values) == 0 {
		return
	}
	if len(s.Values) == 0 {
		s.Start, s.Values = o.Start, append([]Value(nil), o.Values...)
	} else {
		start, end := min(s.Start, o.Start), max(s.End(), o.End())
		if start < s.Start || end > s.End() {
			nv := make([]Value, int(end-start)+1)
			copy(nv[s.Start-start:], s.Values)
			s.Start, s.Values = start, nv
		}
		off := int(o.Start - s.Start)
		for i, v := range o.Values {
			s.Values[off+i] += v
		}
	}
	// First is the earliest positive row of either.
	if o.HasFirst && (!s.HasFirst || o.First < s.First) {
		s.First, s.HasFirst = o.First, true
	}
}

// ReadExport reads a whole-book export r (named name) into the Collector,
// parsing and summing on every core: each parsing goroutine sums into its
// own part, keyed by interned ids rather than strings, and the parts are
// folded together at the end. s.NeedCustomer is implied; s.Metric chooses
// amount or quantity (see Row.Value). It returns what Read returns.
func (c *Collector) ReadExport(name string, r io.Reader, s Settings) (*Table, error) {
	s.NeedCustomer = true
	metric := s.Metric
	var mu sync.Mutex
	var parts []*part
	t, err := ReadEach(name, r, s, func() Sink {
		p := &part{series: map[uint64]*Series{}}
		mu.Lock()
		parts = append(parts, p)
		mu.Unlock()
		return p.sink(metric, c)
	})
	for _, p := range parts {
		for id, n := range p.rows {
			if n > 0 {
				c.rows[p.names[id]] += n
			}
		}
		for _, ps := range p.series {
			c.parts = append(c.parts, ps)
			c.byCustomer.Seen(ps.End())
		}
	}
	if t != nil {
		c.Tables = append(c.Tables, t)
	}
	return t, err
}

// part is one parsing goroutine's share of an export.
type part struct {
	series map[uint64]*Series // customer id << 32 | product id
	names  []string           // customer by id
	rows   []int              // rows by customer id
	// last is the series of the previous row, under lastKey.
	last    *Series
	lastKey uint64
}

func (p *part) sink(metric Field, c *Collector) Sink {
	var slow Sink
	return func(batch []Row) error {
		for i := range batch {
			r := &batch[i]
			if r.cust < 0 || r.prod < 0 {
				// Not interned (a huge table): the shared, locked slow path.
				if slow == nil {
					slow = c.lockedExportSink(metric)
				}
				if err := slow(batch[i : i+1]); err != nil {
					return err
				}
				continue
			}
			if int(r.cust) >= len(p.rows) {
				n := int(r.cust) + 1024
				p.rows = append(p.rows, make([]int, n-len(p.rows))...)
				p.names = append(p.names, make([]string, n-len(p.names))...)
			}
			if p.rows[r.cust] == 0 {
				p.names[r.cust] = r.Customer
			}
			p.rows[r.cust]++
			k := uint64(r.cust)<<32 | uint64(uint32(r.prod))
			s := p.last
			if s == nil || k != p.lastKey {
				// Exports sorted by customer repeat a pair row after
				// row; otherwise one map lookup.
				s = p.series[k]
				if s == nil {
					s = &Series{Account: r.Customer, Product: r.Product}
					p.series[k] = s
				}
				p.last, p.lastKey = s, k
			}
			s.add(r.Date.Month(), r.Value(metric))
		}
		return nil
	}
}

// lockedExportSink is ExportSink behind the Collector's mutex.
func (c *Collector) lockedExportSink(metric Field) Sink {
	inner := c.ExportSink(metric)
	return func(batch []Row) error {
		c.mu.Lock()
		defer c.mu.Unlock()
		return inner(batch)
	}
}
