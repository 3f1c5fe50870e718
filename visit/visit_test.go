package visit

import (
	"testing"
	"time"

	"github.com/acctbook/acct/document"
)

func parse(t *testing.T, src string) *Visit {
	t.Helper()
	d, fs := document.Parse("v.md", []byte(src))
	if d == nil {
		t.Fatalf("parse: %v", fs)
	}
	return Parse("hx", "2026-02-20-x", d)
}

func day(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }

func TestUnconfirmed(t *testing.T) {
	tests := []struct {
		status string
		asOf   string
		want   bool
	}{
		{"sent", "2026-02-23", false}, // 3 days: not yet
		{"sent", "2026-02-24", true},  // 4 days
		{"draft", "2026-03-01", true},
		{"disputed", "2026-03-01", true},
		{"confirmed", "2026-12-01", false},
		{"", "2026-03-01", true}, // no status counts as a draft
		{"草稿", "2026-03-01", true},
		{"已确认", "2026-03-01", false},
	}
	for _, tt := range tests {
		v := parse(t, "---\nkind: visit\ndate: 2026-02-20\nconfirmation:\n  status: "+tt.status+"\n---\n")
		if got := v.Unconfirmed(day(tt.asOf), 3); got != tt.want {
			t.Errorf("status %q as of %s: Unconfirmed = %v, want %v", tt.status, tt.asOf, got, tt.want)
		}
	}
	if v := parse(t, "---\nkind: visit\ndate: 2026-02-30\n---\n"); v.Unconfirmed(day("2027-01-01"), 3) {
		t.Error("a visit without a valid date is never reported")
	}
}

func TestOverdueAndOpen(t *testing.T) {
	v := parse(t, `---
kind: visit
date: 2026-02-20
next_steps:
  - action: a
    due: 2026-02-27
    done: false
  - action: b
    due: 2026-02-27
    done: true
  - action: c
    due: 2026-03-01
  - action: d
  - action: e
    due: TODO
  - action: <下一步行动>
    owner: x
  - owner: y
---
`)
	var got []string
	for _, s := range v.Overdue(day("2026-03-01")) {
		got = append(got, s.Action)
	}
	if len(got) != 1 || got[0] != "a" {
		t.Errorf("Overdue = %v, want [a] (due the as-of day is not overdue)", got)
	}
	if n := len(v.Open()); n != 4 {
		t.Errorf("Open = %d steps, want 4 (placeholder and empty actions left out)", n)
	}
	if n := len(v.Filled()); n != 5 {
		t.Errorf("Filled = %d steps, want 5", n)
	}
	if !v.NextSteps[5].Blank() || !v.NextSteps[6].Blank() || v.NextSteps[0].Blank() {
		t.Error("Blank: want true for <下一步行动> and a missing action only")
	}
	if DaysBetween(day("2026-02-20"), day("2026-03-01")) != 9 {
		t.Error("DaysBetween")
	}
}
