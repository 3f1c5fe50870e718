package trend

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/acctbook/acct/msg"
)

// Date is a calendar day packed as YYYYMMDD (20260205). The zero Date is no
// date.
type Date int32

// NewDate returns the Date of year, month and day; it does not validate.
func NewDate(y, m, d int) Date { return Date(y*10000 + m*100 + d) }

// Year, MonthOfYear and Day take the date apart.
func (d Date) Year() int        { return int(d) / 10000 }
func (d Date) MonthOfYear() int { return int(d) / 100 % 100 }
func (d Date) Day() int         { return int(d) % 100 }

// Month returns the calendar month the day falls in.
func (d Date) Month() Month { return MonthOf(d.Year(), d.MonthOfYear()) }

// String formats the date as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year(), d.MonthOfYear(), d.Day())
}

// Month is a calendar month counted from January of year 0 (year*12 + month-1),
// so that consecutive months differ by one.
type Month int32

// MonthOf returns the Month of a year and a month 1..12.
func MonthOf(y, m int) Month { return Month(y*12 + m - 1) }

// String formats the month as YYYY-MM.
func (m Month) String() string {
	y, mo := int(m)/12, int(m)%12+1
	if y < 1000 || y > 9999 {
		return fmt.Sprintf("%04d-%02d", y, mo)
	}
	b := []byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-', byte('0' + mo/10), byte('0' + mo%10)}
	return string(b)
}

// ParseMonth reads YYYY-MM (as --as-of takes it). It returns an error naming
// the value otherwise.
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return 0, msg.Errorf("month %q: want YYYY-MM", s)
	}
	return MonthOf(t.Year(), int(t.Month())), nil
}

// ParseDate reads a date as FORMAT.md sections 2 and 6 allow: 2026-02-05
// (also 2026-2-5), 2026/2/5, 2026.2.5 and 2026年2月5日, each optionally
// followed by a time of day (2026-02-05 13:45:00 or 2026-02-05T13:45:00),
// which is ignored. A day-first or month-first date such as 03/04/2026 is
// an error when both readings are possible (ambiguous); 13/04/2026 and
// 04/13/2026 are read the only way they can be. Anything else, or a day
// that does not exist (2026-02-30), is an error saying what to write.
// Tables decide ambiguous dates per column instead (see DateOrder).
func ParseDate(s string) (Date, error) { return parseDate([]byte(s)) }

// DateOrder says how a table's day-first or month-first dates (03/04/2026)
// are read (FORMAT.md section 6): decided per column (DateOrderAuto), or
// set by --date-order / acct.yaml import.date_order.
type DateOrder uint8

const (
	// DateOrderAuto decides per column: if any date of the column shows
	// the order (25/03/2026 is day-first, 03/25/2026 month-first), the
	// ambiguous dates of the column are read that way; if none does, or
	// the column shows both, they are errors.
	DateOrderAuto DateOrder = iota
	// DateOrderDMY reads 03/04/2026 as 3 April 2026.
	DateOrderDMY
	// DateOrderMDY reads 03/04/2026 as 4 March 2026.
	DateOrderMDY
)

// ParseDateOrder reads "dmy", "mdy", or "" / "auto" (DateOrderAuto). It
// returns an error naming the choices otherwise.
func ParseDateOrder(s string) (DateOrder, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return DateOrderAuto, nil
	case "dmy":
		return DateOrderDMY, nil
	case "mdy":
		return DateOrderMDY, nil
	}
	return 0, msg.Errorf("date order %q: want dmy (day/month/year), mdy (month/day/year) or auto", s)
}

func (o DateOrder) String() string {
	return [...]string{"auto", "dmy", "mdy"}[o]
}

// dateForm tells what a day-first or month-first date says about its
// column's order (see DateOrder).
type dateForm uint8

const (
	formNone      dateForm = iota
	formDMY                // shows day-first order: 25/03/2026
	formMDY                // shows month-first order: 03/25/2026
	formAmbiguous          // 03/04/2026: Date holds pendingDate's code
)

// errAmbiguous marks a date both orders read.
var errAmbiguous = msg.New("ambiguous date")

// dateSeps are the separators of day-first or month-first dates, by code.
const dateSeps = "/-."

// pendingDate codes an ambiguous date a/c/y as a negative Date, resolved
// when the column's order is known: sep is its separator and pad tells
// which of a (bit 0) and c (bit 1) were written with two digits, so the
// date can be shown as written.
func pendingDate(a, c, y int, sep byte, pad int) Date {
	return Date(-((strings.IndexByte(dateSeps, sep)*4+pad)*30000000 + y*10000 + a*100 + c))
}

// resolve reads a pending date in order (DateOrderDMY or DateOrderMDY).
func (d Date) resolve(o DateOrder) Date {
	v := int(-d) % 30000000
	y, a, c := v/10000, v/100%100, v%100
	if o == DateOrderDMY {
		return NewDate(y, c, a)
	}
	return NewDate(y, a, c)
}

// pendingText is the pending date as written (03/04/2026).
func (d Date) pendingText() string {
	v := int(-d)
	code := v / 30000000
	v %= 30000000
	sep, pad := dateSeps[code/4], code%4
	num := func(n, bit int) string {
		if pad&bit != 0 {
			return fmt.Sprintf("%02d", n)
		}
		return fmt.Sprint(n)
	}
	return num(v/100%100, 1) + string(sep) + num(v%100, 2) + string(sep) + fmt.Sprint(v/10000)
}

func parseDate(b []byte) (Date, error) {
	d, _, err := parseDateOrder(b, DateOrderAuto)
	if errors.Is(err, errAmbiguous) {
		return 0, msg.Errorf("date %q is ambiguous (day/month or month/day?): write it as YYYY-MM-DD", string(trimSpaceBytes(b)))
	}
	return d, err
}

// parseDateOrder is parseDate reading day-first or month-first dates in
// order. With DateOrderAuto, a date both orders read returns a pending
// Date, formAmbiguous and an error wrapping errAmbiguous; a date only one
// order reads returns the form it shows.
func parseDateOrder(b []byte, order DateOrder) (Date, dateForm, error) {
	b = trimSpaceBytes(b)
	if len(b) == 0 {
		return 0, formNone, errDateEmpty
	}
	nums := [3]int{}
	lens := [3]int{}
	seps := [2]string{}
	i, n := 0, 0
	for n < 3 {
		start := i
		v := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' && i-start < 9 {
			v = v*10 + int(b[i]-'0')
			i++
		}
		if i == start {
			return 0, formNone, badDate(b)
		}
		nums[n], lens[n] = v, i-start
		n++
		// separator
		sepStart := i
		for i < len(b) && (b[i] == ' ' || b[i] == '-' || b[i] == '/' || b[i] == '.' || b[i] >= 0x80 || b[i] == 'T') {
			if b[i] >= 0x80 {
				// multi-byte: take the whole rune
				_, sz := decodeRune(b[i:])
				i += sz
			} else {
				i++
			}
			if n == 3 || (i < len(b) && b[i] >= '0' && b[i] <= '9') {
				break
			}
		}
		if n < 3 {
			seps[n-1] = trimSep(string(b[sepStart:i]))
		} else {
			rest := string(b[sepStart:])
			if !okDateTail(rest) {
				return 0, formNone, badDate(b)
			}
		}
	}
	var y, m, d int
	form := formNone
	switch {
	case lens[0] == 4 && seps[0] == seps[1] && (seps[0] == "-" || seps[0] == "/" || seps[0] == "."):
		y, m, d = nums[0], nums[1], nums[2]
	case lens[0] == 4 && seps[0] == "年" && seps[1] == "月":
		y, m, d = nums[0], nums[1], nums[2]
	case lens[2] == 4 && lens[0] <= 2 && lens[1] <= 2 && seps[0] == seps[1] && (seps[0] == "/" || seps[0] == "-" || seps[0] == "."):
		a, c := nums[0], nums[1]
		y = nums[2]
		switch {
		case order == DateOrderDMY:
			m, d = c, a
			if c > 12 && a <= 12 {
				return 0, formNone, msg.Errorf("date %q has no month %d: the date order is day/month/year (--date-order or import.date_order)", string(b), c)
			}
		case order == DateOrderMDY:
			m, d = a, c
			if a > 12 && c <= 12 {
				return 0, formNone, msg.Errorf("date %q has no month %d: the date order is month/day/year (--date-order or import.date_order)", string(b), a)
			}
		case a >= 1 && c >= 1 && a <= 12 && c <= 12 && a != c:
			if y < 1900 || y > 2999 {
				break // does not exist either way
			}
			pad := 0
			if lens[0] == 2 {
				pad |= 1
			}
			if lens[1] == 2 {
				pad |= 2
			}
			return pendingDate(a, c, y, seps[0][0], pad), formAmbiguous, errAmbiguous
		case a > 12:
			m, d = c, a
			form = formDMY
		default:
			m, d = a, c
			if c > 12 {
				form = formMDY
			}
		}
	default:
		return 0, formNone, badDate(b)
	}
	if y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, formNone, msg.Errorf("date %q does not exist: write a real day as YYYY-MM-DD", string(b))
	}
	return NewDate(y, m, d), form, nil
}

func trimSep(s string) string {
	for len(s) > 0 && s[0] == ' ' {
		s = s[1:]
	}
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}

// okDateTail accepts what may follow the day: nothing, 日, or a time of day.
func okDateTail(rest string) bool {
	rest = trimSep(rest)
	if len(rest) >= len("日") && rest[:len("日")] == "日" {
		rest = rest[len("日"):]
	}
	rest = trimSep(rest)
	if rest == "" {
		return true
	}
	if rest[0] == 'T' {
		rest = rest[1:]
	}
	// HH:MM or HH:MM:SS, optional fraction
	for _, layout := range []string{"15:04:05", "15:04", "15:04:05.999999999", "3:04:05 PM", "15:4:5", "15:4"} {
		if _, err := time.Parse(layout, rest); err == nil {
			return true
		}
	}
	return false
}

func badDate(b []byte) error {
	return msg.Errorf("date %q not understood: write YYYY-MM-DD (2026/2/5, 2026.2.5 and 2026年2月5日 are read too)", string(b))
}

func daysIn(y, m int) int {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// dateFromSerial converts an Excel serial day number (1900 date system,
// with Excel's 1900-02-29 quirk) into a Date.
func dateFromSerial(f float64) (Date, error) {
	if f < 1 || f > 2958465 {
		return 0, msg.Errorf("Excel serial date %s is out of range", strconv.FormatFloat(f, 'f', -1, 64))
	}
	days := int(f)
	if days >= 60 {
		days-- // Excel counts a 29 February 1900 that did not exist
	}
	t := time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
	return NewDate(t.Year(), int(t.Month()), t.Day()), nil
}
