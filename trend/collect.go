package trend

import (
	"io"
	"runtime"
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
	// parts are series of exports per customer as written (Account): a
	// list per parsing goroutine, each with a series per pair it met,
	// folded together by Report.
	parts [][]*Series
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
	// Match each customer spelling once, on every core.
	custs := make([]string, 0, len(c.rows))
	for cust := range c.rows {
		custs = append(custs, cust)
	}
	keys := make([]string, len(custs))
	matched := make([]string, len(custs))
	inParallel(len(custs), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			keys[i] = NormalizeName(custs[i])
			if o.Matcher != nil {
				matched[i] = o.Matcher.matchKey(keys[i])
			}
		}
	})
	ids := make(map[string]string, len(custs))
	unmatched := map[string]map[string]int{}
	for i, cust := range custs {
		ids[cust] = matched[i]
		if matched[i] == "" {
			k := keys[i]
			if unmatched[k] == nil {
				unmatched[k] = map[string]int{}
			}
			unmatched[k][cust] += c.rows[cust]
		}
	}
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

	// Share out the series by account: all of one account's go to the
	// same group. The sources are shared out and the groups folded,
	// sorted and signalled on every core, then the groups are merged.
	final := c.byAccount
	if m, ok := c.byCustomer.LastMonth(); ok {
		final.Seen(m) // rows of unmatched customers tell how far the data reaches
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
	n := runtime.GOMAXPROCS(0)
	// The account's own series come first, so they take the others in.
	sources := []foldSource{{series: mapValues(final.series), own: true, ownIDs: true}, {series: mapValues(c.byCustomer.series)}}
	for _, p := range c.parts {
		sources = append(sources, foldSource{series: p, own: true})
	}
	c.parts = nil
	shares := make([][][]foldItem, len(sources)) // source, group
	var wg sync.WaitGroup
	for i := range sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			shares[i] = sources[i].share(ids, only, n)
		}()
	}
	wg.Wait()
	series := make([][]*Series, n)
	signals := make([][]Signal, n)
	for g := 0; g < n; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var items []foldItem
			for i := range shares {
				items = append(items, shares[i][g]...)
			}
			series[g] = foldSeries(items)
			sortSeries(series[g])
			for _, s := range series[g] {
				signals[g] = append(signals[g], Signals(s, r.AsOf, o.Settings)...)
			}
			SortSignals(signals[g])
		}()
	}
	wg.Wait()
	r.Series = mergeSorted(series, func(a, b *Series) bool {
		return a.Account < b.Account || a.Account == b.Account && a.Product < b.Product
	})
	r.Signals = mergeSorted(signals, func(a, b Signal) bool { return signalLess(&a, &b) })
	return r, true
}

// foldSource is a list of series to fold: the accounts' own (ownIDs: their
// Account is the account id) or customers' as written, to be matched.
// own says the series are the Collector's alone (see foldItem).
type foldSource struct {
	series      []*Series
	own, ownIDs bool
}

// share sorts the source's series into n groups by account id (ids maps a
// customer as written to its account, "" for none); series of customers
// that match no account, or of accounts not in only (when not empty), are
// left out.
func (src foldSource) share(ids map[string]string, only map[string]bool, n int) [][]foldItem {
	groups := make([][]foldItem, n)
	for _, s := range src.series {
		id := s.Account
		if !src.ownIDs {
			id = ids[s.Account]
		}
		if id == "" || len(only) > 0 && !only[id] {
			continue
		}
		g := groupOf(id, n)
		groups[g] = append(groups[g], foldItem{s, id, src.own})
	}
	return groups
}

// mapValues returns the values of m in no particular order.
func mapValues[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// mergeSorted merges lists each sorted by less into one sorted list.
func mergeSorted[T any](lists [][]T, less func(a, b T) bool) []T {
	total := 0
	for _, l := range lists {
		total += len(l)
	}
	out := make([]T, 0, total)
	for len(out) < total {
		best := -1
		for i, l := range lists {
			if len(l) > 0 && (best < 0 || less(l[0], lists[best][0])) {
				best = i
			}
		}
		out = append(out, lists[best][0])
		lists[best] = lists[best][1:]
	}
	return out
}

// foldItem is a series to fold into account id's; own says the series is
// the Collector's alone, so it may become the account's series itself.
type foldItem struct {
	s   *Series
	id  string
	own bool
}

// foldSeries folds the items into one series per (account, product), in no
// particular order.
func foldSeries(items []foldItem) []*Series {
	m := make(map[seriesKey]*Series, len(items))
	out := make([]*Series, 0, len(items))
	for _, it := range items {
		s := it.s
		k := seriesKey{it.id, s.Product}
		fs := m[k]
		switch {
		case fs != nil:
			fs.merge(s)
			continue
		case it.own:
			s.Account = it.id
			fs = s
		default:
			fs = &Series{Account: it.id, Product: s.Product}
			fs.merge(s)
		}
		m[k] = fs
		out = append(out, fs)
	}
	return out
}

// groupOf spreads account ids over n groups (FNV-1a).
func groupOf(id string, n int) int {
	h := uint32(2166136261)
	for i := 0; i < len(id); i++ {
		h = (h ^ uint32(id[i])) * 16777619
	}
	return int(h % uint32(n))
}

// inParallel calls work on consecutive ranges [lo, hi) covering [0, n),
// one per core, and waits for them.
func inParallel(n int, work func(lo, hi int)) {
	parts := min(runtime.GOMAXPROCS(0), max(1, n/1024))
	var wg sync.WaitGroup
	for p := 0; p < parts; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(n*p/parts, n*(p+1)/parts)
		}()
	}
	wg.Wait()
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
		list := make([]*Series, 0, len(p.series))
		for _, ps := range p.series {
			list = append(list, ps)
			c.byCustomer.Seen(ps.End())
		}
		c.parts = append(c.parts, list)
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
