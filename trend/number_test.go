package trend

import (
	"errors"
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want string // Value.String(); "" means an error
		err  string // part of the error
	}{
		{"1200000", "1200000", ""},
		{"-1234", "-1234", ""},
		{"\u22121234", "-1234", ""},         // U+2212 minus sign
		{"(1,234.00)", "-1234", ""},         // accountants' negative
		{"（1,234.00）", "-1234", ""},         // full-width parentheses
		{"1,200,000", "1200000", ""},        // thousands separators
		{"12,345.00", "12345", ""},          //
		{"¥12,345.00", "12345", ""},         // yen/yuan sign
		{"￥12,345.00", "12345", ""},         // full-width yuan sign
		{"RMB 500", "500", ""},              //
		{"$1,000.5", "1000.5", ""},          //
		{"-¥12", "-12", ""},                 //
		{"¥-12", "-12", ""},                 //
		{"12亿", "1200000000", ""},           // FORMAT.md section 2
		{"11.5亿", "1150000000", ""},         //
		{"3500万", "35000000", ""},           //
		{"3500万元", "35000000", ""},          //
		{"0.00005", "0.0001", ""},           // rounded half away from zero at 4 decimals
		{"0.00004", "0", ""},                //
		{"1.5E+3", "1500", ""},              //
		{" 42 ", "42", ""},                  //
		{"", "", "empty"},                   //
		{"abc", "", "not a number"},         //
		{"1,23", "", "thousands separator"}, //
		{"12,34,567", "", "thousands separator"},
		{"1..2", "", "not a number"},
		{"99999999999999999999999", "", "too large"},
		// Near the limit of the fixed point (int64 ten-thousandths): once
		// read as negative numbers by an overflow.
		{"99999999999999", "99999999999999", ""},
		{"99,999,999,999,999.99", "99999999999999.99", ""},
		{"999999999999999", "", "too large"},
		{"999,999,999,999,999", "", "too large"},
		{"922337203685478", "", "too large"},
	}
	for _, tt := range tests {
		v, err := ParseNumber(tt.in)
		if tt.want == "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseNumber(%q) = %v, %v; want error containing %q", tt.in, v, err, tt.err)
			}
			continue
		}
		if err != nil || v.String() != tt.want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %s", tt.in, v, err, tt.want)
		}
	}
	if _, err := ParseNumber("  "); !errors.Is(err, ErrNoNumber) {
		t.Errorf("blank: %v, want ErrNoNumber", err)
	}
}

func TestLostDigits(t *testing.T) {
	for in, want := range map[string]bool{
		"2.02602E+19": true, "2.0260200000000001E+19": true, "1E+15": true,
		"SO100001": false, "20260205": false, "2.5": false, "E+19": false, "1.5e-3": false,
	} {
		if got := lostDigits([]byte(in)); got != want {
			t.Errorf("lostDigits(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"2026-02-05", "2026-02-05", ""},
		{"2026-2-5", "2026-02-05", ""},
		{"2026/2/5", "2026-02-05", ""},
		{"2026.2.5", "2026-02-05", ""},
		{"2026年2月5日", "2026-02-05", ""},
		{"2026 年 2 月 5 日", "2026-02-05", ""},
		{"2026-02-05 13:45:00", "2026-02-05", ""},
		{"2026-02-05T13:45:00", "2026-02-05", ""},
		{"2026/2/5 9:05", "2026-02-05", ""},
		{"13/04/2026", "2026-04-13", ""},
		{"04/13/2026", "2026-04-13", ""},
		{"03/04/2026", "", "ambiguous"},
		{"2026-02-30", "", "does not exist"},
		{"2026-13-01", "", "does not exist"},
		{"2026/02-05", "", "not understood"},
		{"5.2.26", "", "not understood"},
		{"yesterday", "", "not understood"},
		{"", "", "empty"},
		{"2026-02-05 lunch", "", "not understood"},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if tt.want == "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseDate(%q) = %v, %v; want error containing %q", tt.in, d, err, tt.err)
			}
			continue
		}
		if err != nil || d.String() != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tt.in, d, err, tt.want)
		}
	}
}

func TestDateFromSerial(t *testing.T) {
	for serial, want := range map[float64]string{46058: "2026-02-05", 1: "1900-01-01", 61: "1900-03-01", 45658.75: "2025-01-01"} {
		d, err := dateFromSerial(serial)
		if err != nil || d.String() != want {
			t.Errorf("dateFromSerial(%v) = %v, %v; want %s", serial, d, err, want)
		}
	}
	if _, err := dateFromSerial(0); err == nil {
		t.Error("serial 0: want an error")
	}
}

// TestQuickDate checks the fast path for year-first dates against
// parseDate: whatever it accepts, parseDate reads the same way.
func TestQuickDate(t *testing.T) {
	for _, s := range []string{"2026-02-05", "2026-2-5", "2026/2/5", "2026/12/31", "2026.2.5", "2026年2月5日", "2026年12月1",
		"2026-02-30", "2026-2/5", "2026/02/005", "2026年2-5", "2026年2月5日 10:00", "2026-02-05 10:00", "1899-01-01", "2026-13-01",
		"2026-0-1", "2026/2/", "2026年2月5号", "20260205", "2024-02-29", "2025-02-29", "2026-02-05日"} {
		d, ok := quickDate([]byte(s))
		want, err := parseDate([]byte(s))
		if ok && (err != nil || d != want) {
			t.Errorf("quickDate(%q) = %v, parseDate = %v, %v", s, d, want, err)
		}
		if !ok && err == nil && !strings.Contains(s, " ") && len(s) <= 12 && !strings.Contains(s, "0205") && !strings.Contains(s, "005") {
			t.Errorf("quickDate(%q) declined a plain date parseDate reads (%v)", s, want)
		}
	}
}
