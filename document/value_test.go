package document

import (
	"errors"
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		err  bool
	}{
		{"1200000", 1200000, false},
		{"1,200,000", 1200000, false},
		{"12亿", 1.2e9, false},
		{"11.5亿", 1.15e9, false},
		{"3500万", 3.5e7, false},
		{" 3500 万 ", 3.5e7, false},
		{"-12.5", -12.5, false},
		{"2万亿", 2e12, false},
		{"1,20,000", 0, true},
		{"12 apples", 0, true},
		{"Inf", 0, true},
		{"0x10", 0, true},
		{"", 0, true},
		{"亿", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseNumber(tt.in)
		if tt.err {
			if !errors.Is(err, ErrNumber) {
				t.Errorf("ParseNumber(%q) = %v, %v; want an ErrNumber", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParsePercent(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		err  bool
	}{
		{"23%", 0.23, false}, {"0.23", 0.23, false}, {"19.5%", 0.195, false}, {"23％", 0.23, false},
		{"-3%", -0.03, false}, {"23", 0, true}, {"abc%", 0, true},
	}
	for _, tt := range tests {
		got, err := ParsePercent(tt.in)
		if tt.err != (err != nil) || !tt.err && (got-tt.want > 1e-12 || tt.want-got > 1e-12) {
			t.Errorf("ParsePercent(%q) = %v, %v; want %v (error %v)", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in         string
		want       string
		normalised bool
		err        bool
	}{
		{"2026-02-25", "2026-02-25", true, false},
		{"2026/2/25", "2026-02-25", false, false},
		{"2026.2.5", "2026-02-05", false, false},
		{"2026年2月25日", "2026-02-25", false, false},
		{"2024-02-29", "2024-02-29", true, false},
		{"2026-02-30", "", false, true},
		{"2026-13-01", "", false, true},
		{"03/04/2026", "", false, true},
		{"2026-2-5", "", false, true},
		{"yesterday", "", false, true},
	}
	for _, tt := range tests {
		got, norm, err := ParseDate(tt.in)
		if tt.err {
			if !errors.Is(err, ErrDate) {
				t.Errorf("ParseDate(%q) = %v, %v; want ErrDate", tt.in, got, err)
			}
			continue
		}
		if err != nil || got.Format("2006-01-02") != tt.want || norm != tt.normalised {
			t.Errorf("ParseDate(%q) = %v, %v, %v; want %s normalised=%v", tt.in, got, norm, err, tt.want, tt.normalised)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	tests := map[string]string{"2024": "2024-12-31", "2024H1": "2024-06-30", "2024Q3": "2024-09-30",
		"2024-06": "2024-06-30", "2024-02": "2024-02-29", "2023-02": "2023-02-28", "2024H2": "2024-12-31"}
	for in, want := range tests {
		if got, err := ParsePeriod(in); err != nil || got != want {
			t.Errorf("ParsePeriod(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"2024H3", "2024Q5", "2024-13", "FY24", "24"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) gave no error", bad)
		}
	}
}

// TestParseDateEmpty: an empty date fails like any other non-date.
func TestParseDateEmpty(t *testing.T) {
	for _, s := range []string{"", "  "} {
		_, norm, err := ParseDate(s)
		if norm || !errors.Is(err, ErrDate) || err.Error() != `"": not a date (write YYYY-MM-DD, e.g. 2026-02-25)` {
			t.Errorf("ParseDate(%q) = %v, %v", s, norm, err)
		}
	}
}

// FuzzTrimSpace checks trimSpace against strings.TrimSpace.
func FuzzTrimSpace(f *testing.F) {
	for _, s := range []string{"", " ", "a", " a ", "华星", "　华星　", "\u00a0x", "x\u0085", "\xff", " \xe2\x80", "\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Fatalf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	})
}
