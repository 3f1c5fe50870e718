package document

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/acctbook/acct/msg"
)

// IsPlaceholder reports whether s is a template placeholder, which counts
// as missing (FORMAT.md section 2): a string starting with TODO, or one
// that starts with < and ends with > (a hint such as <行业>).
func IsPlaceholder(s string) bool {
	s = trimSpace(s)
	return strings.HasPrefix(s, "TODO") || len(s) >= 2 && s[0] == '<' && s[len(s)-1] == '>'
}

// ErrNumber is wrapped by the errors of ParseNumber and ParsePercent.
var ErrNumber = msg.New("not a number")

var numberRE = regexp.MustCompile(`^([+-]?)(\d+(?:\.\d+)?|\.\d+)(?:e([+-]?\d+))?$`)

// ParseNumber reads a number as FORMAT.md section 2 allows: plain
// (1200000, 11.5), with thousands separators ("1,200,000"), or with a
// Chinese unit suffix: 万 (1e4), 亿 (1e8), 万亿 (1e12), so "12亿" is 1.2e9
// and "3500万" is 3.5e7. Surrounding spaces are ignored. It returns an
// error wrapping ErrNumber that says what was wrong.
func ParseNumber(s string) (float64, error) {
	t := trimSpace(s)
	mult := 1.0
	for _, u := range []struct {
		suffix string
		mult   float64
	}{{"万亿", 1e12}, {"亿", 1e8}, {"万", 1e4}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	if v, err := strconv.ParseFloat(t, 64); err == nil && mult == 1 && !math.IsInf(v, 0) && !math.IsNaN(v) && plainNumber(t) {
		return v, nil // the common case, without regular expressions
	}
	if strings.Contains(t, ",") {
		if !thousandsOK(t) {
			return 0, msg.Errorf("%q: %w (thousands separators must group three digits, as in 1,200,000)", s, ErrNumber)
		}
		t = strings.ReplaceAll(t, ",", "")
	}
	if !numberRE.MatchString(strings.ToLower(t)) {
		return 0, msg.Errorf("%q: %w (write 1200000, 1,200,000, 12亿 or 3500万)", s, ErrNumber)
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, msg.Errorf("%q: %w", s, ErrNumber)
	}
	return v * mult, nil
}

// plainNumber reports whether t has only digits, one dot and a leading
// sign: what ParseFloat accepts that the format also does (not "Inf", "0x1p3").
func plainNumber(t string) bool {
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !(c >= '0' && c <= '9' || c == '.' || (c == '-' || c == '+') && i == 0) {
			return false
		}
	}
	return t != ""
}

var thousandsRE = regexp.MustCompile(`^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$`)

func thousandsOK(t string) bool { return thousandsRE.MatchString(t) }

// ParsePercent reads a percentage as FORMAT.md section 2 allows: "23%" or
// the fraction 0.23, both returning 0.23. A bare number above 1 (23) is
// refused because it is ambiguous; the error wraps ErrNumber and says to
// write 23% or 0.23.
func ParsePercent(s string) (float64, error) {
	t := trimSpace(s)
	if strings.HasSuffix(t, "%") || strings.HasSuffix(t, "％") {
		t = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(t, "%"), "％"))
		v, err := ParseNumber(t)
		if err != nil {
			return 0, msg.Errorf("%q: %w (write a percentage as 23%% or 0.23)", s, ErrNumber)
		}
		return v / 100, nil
	}
	v, err := ParseNumber(t)
	if err != nil {
		return 0, msg.Errorf("%q: %w (write a percentage as 23%% or 0.23)", s, ErrNumber)
	}
	if v > 1 || v < -1 {
		return 0, msg.Errorf("%q: %w: ambiguous, write %s%% for a percentage or a fraction such as 0.23", s, ErrNumber, t)
	}
	return v, nil
}

// ErrDate is wrapped by the errors of ParseDate.
var ErrDate = msg.New("not a date")

var (
	isoDateRE   = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	otherDateRE = regexp.MustCompile(`^(\d{4})\s*(?:[/.]\s*(\d{1,2})\s*[/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)$`)
)

// errNoDate is ParseDate's error for an empty string, made once.
var errNoDate = msg.Errorf("%q: %w (write YYYY-MM-DD, e.g. 2026-02-25)", "", ErrDate)

// ParseDate reads a calendar date (FORMAT.md section 2). YYYY-MM-DD is the
// normal form; 2026/2/25, 2026.2.25 and 2026年2月25日 are accepted with
// normalised=false so the caller can hint to rewrite them. A date that does
// not exist (2026-02-30) or any other form returns an error wrapping ErrDate.
// The time is midnight UTC.
func ParseDate(s string) (t time.Time, normalised bool, err error) {
	s = trimSpace(s)
	if s == "" {
		// Typed views ask for every optional date, most often absent.
		return time.Time{}, false, errNoDate
	}
	var y, m, d int
	if len(s) == 10 && s[4] == '-' && s[7] == '-' && digits(s[:4]) && digits(s[5:7]) && digits(s[8:]) {
		y, m, d = atoi(s[:4]), atoi(s[5:7]), atoi(s[8:])
		normalised = true
	} else if p := isoDateRE.FindStringSubmatch(s); p != nil {
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
		normalised = true
	} else if p := otherDateRE.FindStringSubmatch(s); p != nil {
		y = atoi(p[1])
		if p[2] != "" {
			m, d = atoi(p[2]), atoi(p[3])
		} else {
			m, d = atoi(p[4]), atoi(p[5])
		}
	} else {
		return time.Time{}, false, msg.Errorf("%q: %w (write YYYY-MM-DD, e.g. 2026-02-25)", s, ErrDate)
	}
	t = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || t.Day() != d {
		return time.Time{}, false, msg.Errorf("%q: %w: there is no such day", s, ErrDate)
	}
	return t, normalised, nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
