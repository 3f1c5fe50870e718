package trend

import (
	"sort"
	"sync"

	"github.com/acctbook/acct/msg"
)

// orderSinks decide a table's ambiguous day-first or month-first dates per
// column (DateOrderAuto, FORMAT.md section 6). Each wraps one Sink: it notes
// the first line of the rows that show either order and holds back the
// rows whose date both orders read, passing the others on. When the table
// is read, finish decides: if the column shows exactly one order, the held
// rows are read that way and passed to the Sink they were meant for (rows
// carry their parsing worker's ids); otherwise each is skipped with an
// error naming its line and the fix.
type orderSinks struct {
	mu   sync.Mutex
	list []*orderSink
}

type orderSink struct {
	inner Sink
	held  []Row
	dmy   int // first line showing day-first order, 0 when none
	mdy   int // first line showing month-first order
}

// wrap returns the Sink that holds back ambiguous rows for inner.
func (o *orderSinks) wrap(inner Sink) Sink {
	s := &orderSink{inner: inner}
	o.mu.Lock()
	o.list = append(o.list, s)
	o.mu.Unlock()
	return s.sink
}

func (s *orderSink) sink(batch []Row) error {
	j := 0
	for i := range batch {
		r := &batch[i]
		switch r.dform {
		case formDMY:
			if s.dmy == 0 || r.Line < s.dmy {
				s.dmy = r.Line
			}
		case formMDY:
			if s.mdy == 0 || r.Line < s.mdy {
				s.mdy = r.Line
			}
		case formAmbiguous:
			s.held = append(s.held, *r)
			continue
		}
		if j != i {
			batch[j] = *r
		}
		j++
	}
	if j == 0 {
		return nil
	}
	return s.inner(batch[:j])
}

// finish decides the column's order and delivers or skips the held rows,
// updating t's row count and skipped rows.
func (o *orderSinks) finish(t *Table) error {
	dmy, mdy := 0, 0
	held := 0
	for _, s := range o.list {
		held += len(s.held)
		if s.dmy > 0 && (dmy == 0 || s.dmy < dmy) {
			dmy = s.dmy
		}
		if s.mdy > 0 && (mdy == 0 || s.mdy < mdy) {
			mdy = s.mdy
		}
	}
	if held == 0 {
		return nil
	}
	order := DateOrderAuto
	var why msg.Text
	switch {
	case dmy > 0 && mdy == 0:
		order = DateOrderDMY
	case mdy > 0 && dmy == 0:
		order = DateOrderMDY
	case dmy > 0:
		why = msg.T("the column has both day-first (line %d) and month-first (line %d) dates", dmy, mdy)
	default:
		why = msg.T("no date in the column shows the order (a day above 12)")
	}
	for _, s := range o.list {
		if len(s.held) == 0 {
			continue
		}
		if order == DateOrderAuto {
			for i := range s.held {
				r := &s.held[i]
				t.Skipped = append(t.Skipped, RowError{t.File, r.Line, msg.T(
					"date %q is ambiguous (day/month or month/day?) and %s: pass --date-order dmy (day/month/year) or mdy (month/day/year), set import.date_order in acct.yaml, or write YYYY-MM-DD",
					r.Date.pendingText(), why)})
			}
			t.Rows -= len(s.held)
			s.held = nil
			continue
		}
		for i := range s.held {
			s.held[i].Date = s.held[i].Date.resolve(order)
			s.held[i].dform = formNone
		}
		for len(s.held) > 0 {
			n := min(len(s.held), 4096)
			if err := s.inner(s.held[:n]); err != nil {
				return err
			}
			s.held = s.held[n:]
		}
	}
	if order == DateOrderAuto {
		sort.SliceStable(t.Skipped, func(i, j int) bool { return t.Skipped[i].Line < t.Skipped[j].Line })
	}
	return nil
}
