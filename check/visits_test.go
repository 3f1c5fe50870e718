package check

import (
	"testing"
	"time"

	"github.com/acctbook/acct/visit"
)

// TestLastAndNextVisit: the last visit is the newest one on or before the
// as-of day (whatever its time of day), the next visit the earliest after it.
func TestLastAndNextVisit(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	visits := func(dates ...string) []*visit.Visit {
		var vs []*visit.Visit
		for _, d := range dates {
			v := &visit.Visit{ID: d}
			if d != "" {
				v.Date = day(d)
			}
			vs = append(vs, v)
		}
		return vs
	}
	evening := time.Date(2026, 3, 1, 23, 30, 0, 0, time.UTC)
	tests := []struct {
		name       string
		visits     []*visit.Visit
		asOf       time.Time
		last, next string
	}{
		{"none", nil, evening, "", ""},
		{"only past", visits("2026-01-10", "2026-02-25"), evening, "2026-02-25", ""},
		{"only planned", visits("2026-03-03", "2026-03-20"), evening, "", "2026-03-03"},
		{"past and planned", visits("2026-02-25", "2026-03-20", "2026-03-03", "2026-01-10"), evening, "2026-02-25", "2026-03-03"},
		{"today has happened", visits("2026-03-01", "2026-03-02"), evening, "2026-03-01", "2026-03-02"},
		{"today at midnight", visits("2026-03-01"), day("2026-03-01"), "2026-03-01", ""},
		{"an undated visit is neither", visits("", "2026-04-01"), evening, "", "2026-04-01"},
	}
	for _, tt := range tests {
		a := &Account{Visits: tt.visits}
		got := func(v *visit.Visit) string {
			if v == nil {
				return ""
			}
			return v.Date.Format(time.DateOnly)
		}
		if l, n := got(a.LastVisit(tt.asOf)), got(a.NextVisit(tt.asOf)); l != tt.last || n != tt.next {
			t.Errorf("%s: last %q next %q, want %q and %q", tt.name, l, n, tt.last, tt.next)
		}
	}
}
