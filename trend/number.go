package trend

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/acctbook/acct/msg"
)

// Scale is the fixed-point scale of a Value: a Value of 12345 means 1.2345.
// Money and quantities are summed as integers so that a delivery and its
// return net out to exactly zero.
const Scale = 10000

// Value is a quantity or an amount in fixed point with four decimal places
// (Value/Scale units; amounts are in the book's currency, CNY by default).
type Value int64

// Float returns v as a float64 in units (not scaled).
func (v Value) Float() float64 { return float64(v) / Scale }

// String formats v in plain notation with at most four decimals and no
// trailing zeros: 1234.5, -3, 0.0001.
func (v Value) String() string {
	neg := v < 0
	u := uint64(v)
	if neg {
		u = uint64(-v)
	}
	ip, fp := u/Scale, u%Scale
	s := strconv.FormatUint(ip, 10)
	if fp != 0 {
		f := fmt.Sprintf("%04d", fp)
		s += "." + strings.TrimRight(f, "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// ErrNoNumber is returned by ParseNumber for an empty cell.
var ErrNoNumber = msg.New("empty")

// ParseNumber reads a number written as FORMAT.md sections 2 and 6 allow:
// plain (1200000, -1234, 12.5), with thousands separators ("1,200,000.00"),
// with Chinese units (12亿 = 1.2e9, 3500万 = 3.5e7, optionally followed by 元),
// with a currency prefix (¥, ￥, $, RMB, CNY, optionally followed by a space)
// and negative as -1234, with a U+2212 minus (−1234) or in parentheses
// ((1,234.00), the accountants' form). Scientific notation (1.5E+3) is read
// as a plain number. More than four decimals are rounded half away from zero.
// It returns ErrNoNumber for an empty cell and an error saying what is wrong
// otherwise.
func ParseNumber(s string) (Value, error) {
	v, err := parseNumber([]byte(s))
	return v, err
}

func trimSpaceBytes(b []byte) []byte {
	// Fast path (inlined): nothing to trim at either end.
	if len(b) == 0 || b[0] > ' ' && b[0] != 0xC2 && b[0] != 0xE3 && b[0] != 0xEF &&
		b[len(b)-1] > ' ' && b[len(b)-1] != 0xA0 && b[len(b)-1] != 0x80 {
		return b
	}
	return trimSpaceSlow(b)
}

func trimSpaceSlow(b []byte) []byte {
	for len(b) > 0 {
		c := b[0]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			b = b[1:]
			continue
		}
		// Only U+00A0, U+3000 and U+FEFF (lead bytes C2, E3, EF) are worth decoding.
		if c == 0xC2 || c == 0xE3 || c == 0xEF {
			r, n := utf8.DecodeRune(b)
			if r == '\u00a0' || r == '\u3000' || r == '\ufeff' {
				b = b[n:]
				continue
			}
		}
		break
	}
	for len(b) > 0 {
		c := b[len(b)-1]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			b = b[:len(b)-1]
			continue
		}
		if c == 0xA0 || c == 0x80 {
			r, n := utf8.DecodeLastRune(b)
			if r == '\u00a0' || r == '\u3000' {
				b = b[:len(b)-n]
				continue
			}
		}
		break
	}
	return b
}

var (
	errNumBad      = msg.New("not a number")
	errNumTooLarge = msg.New("number too large")
	errThousands   = msg.New("misplaced thousands separator")
)

// parseNumber is ParseNumber on bytes, without allocating on the fast path.
func parseNumber(b []byte) (Value, error) {
	b = trimSpaceBytes(b)
	if len(b) == 0 {
		return 0, ErrNoNumber
	}
	// Fast path: ASCII digits with optional '-', ',' groups and '.', also
	// behind a yuan sign or inside accountants' parentheses.
	if v, ok := parseFast(b); ok {
		return v, nil
	}
	if v, ok := parseFastDecorated(b); ok {
		return v, nil
	}
	s := string(b)
	orig := s
	neg := false
	// Parentheses: (1,234.00) or full-width （1,234.00）.
	if p, ok := stripPair(s, "(", ")"); ok {
		s, neg = p, true
	} else if p, ok := stripPair(s, "（", "）"); ok {
		s, neg = p, true
	}
	s = strings.TrimSpace(s)
	takeSign := func() {
		switch {
		case strings.HasPrefix(s, "-"):
			s, neg = s[1:], !neg
		case strings.HasPrefix(s, "\u2212"):
			s, neg = s[len("\u2212"):], !neg
		case strings.HasPrefix(s, "－"): // full-width hyphen-minus
			s, neg = s[len("－"):], !neg
		case strings.HasPrefix(s, "+"):
			s = s[1:]
		}
		s = strings.TrimSpace(s)
	}
	takeSign()
	for _, p := range []string{"¥", "￥", "$", "US$", "RMB", "rmb", "CNY", "cny", "Rmb"} {
		if strings.HasPrefix(s, p) {
			s = strings.TrimSpace(s[len(p):])
			takeSign()
			break
		}
	}
	s = strings.TrimSuffix(s, "元")
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "亿"):
		s, mult = strings.TrimSuffix(s, "亿"), 100000000
	case strings.HasSuffix(s, "万"):
		s, mult = strings.TrimSuffix(s, "万"), 10000
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, msg.Errorf("%q: %w", orig, errNumBad)
	}
	if strings.ContainsAny(s, "eE") {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, msg.Errorf("%q: %w", orig, errNumBad)
		}
		f *= float64(mult) * Scale
		if math.IsNaN(f) || math.Abs(f) >= 1e18 { // 18 digits, as parseDecimal
			return 0, msg.Errorf("%q: %w", orig, errNumTooLarge)
		}
		v := Value(math.Round(f))
		if neg {
			v = -v
		}
		return v, nil
	}
	v, err := parseDecimal(s, mult)
	if err != nil {
		return 0, msg.Errorf("%q: %w", orig, err)
	}
	if neg {
		v = -v
	}
	return v, nil
}

func stripPair(s, open, close string) (string, bool) {
	if strings.HasPrefix(s, open) && strings.HasSuffix(s, close) && len(s) > len(open)+len(close) {
		return s[len(open) : len(s)-len(close)], true
	}
	return s, false
}

// parseFast handles -?digits with optional thousands groups and a decimal
// point, ASCII only; ok is false when the text needs the general path.
func parseFast(b []byte) (Value, bool) {
	i := 0
	neg := false
	if b[0] == '-' {
		neg = true
		i = 1
	}
	if i >= len(b) {
		return 0, false
	}
	// Plain digits first: most cells have no thousands separators.
	var ip int64
	start := i
	for i < len(b) && b[i]-'0' <= 9 {
		ip = ip*10 + int64(b[i]-'0')
		i++
	}
	if i == len(b) && i-start <= maxFastDigits {
		if neg {
			ip = -ip
		}
		return Value(ip * Scale), i > start
	}
	if i < len(b) && b[i] == ',' {
		return parseFastGrouped(b, start, neg)
	}
	if i-start > maxFastDigits {
		return 0, false
	}
	return parseFastFraction(b, i, ip, i-start, neg)
}

// maxFastDigits is the most integer digits parseFast reads: 10^14 CNY in
// fixed point (times Scale) stays far inside int64; longer numbers take the
// general path, which says when one is too large.
const maxFastDigits = 14

// parseFastGrouped is parseFast for digits with thousands separators from
// b[i] on (neg: a minus sign stood before them).
func parseFastGrouped(b []byte, i int, neg bool) (Value, bool) {
	var ip int64
	digits, group := 0, -1 // group: digits since the last comma, -1 before any comma
	for ; i < len(b); i++ {
		c := b[i]
		if c >= '0' && c <= '9' {
			if digits >= maxFastDigits {
				return 0, false
			}
			ip = ip*10 + int64(c-'0')
			digits++
			if group >= 0 {
				group++
			}
			continue
		}
		if c == ',' {
			if digits == 0 || (group >= 0 && group != 3) || (group < 0 && digits > 3) {
				return 0, false
			}
			group = 0
			continue
		}
		break
	}
	if digits == 0 || (group >= 0 && group != 3) {
		return 0, false
	}
	return parseFastFraction(b, i, ip, digits, neg)
}

// parseFastFraction finishes parseFast: ip is the integer part read from
// the digits before b[i] (digits of them), and what follows must be empty
// or a decimal point and at most four digits.
func parseFastFraction(b []byte, i int, ip int64, digits int, neg bool) (Value, bool) {
	if digits == 0 {
		return 0, false
	}
	var fp int64
	if i < len(b) {
		if b[i] != '.' {
			return 0, false
		}
		i++
		n := 0
		for ; i < len(b); i++ {
			c := b[i]
			if c < '0' || c > '9' || n >= 4 {
				return 0, false
			}
			fp = fp*10 + int64(c-'0')
			n++
		}
		for ; n < 4; n++ {
			fp *= 10
		}
	}
	v := Value(ip*Scale + fp)
	if neg {
		v = -v
	}
	return v, true
}

// parseDecimal reads digits with optional thousands groups and a decimal
// part, multiplied by mult, into a Value.
func parseDecimal(s string, mult int64) (Value, error) {
	ipart, fpart, hasDot := strings.Cut(s, ".")
	if hasDot && (fpart == "" && ipart == "") {
		return 0, errNumBad
	}
	if strings.Contains(ipart, ",") {
		groups := strings.Split(ipart, ",")
		if len(groups[0]) < 1 || len(groups[0]) > 3 {
			return 0, errThousands
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, errThousands
			}
		}
		ipart = strings.Join(groups, "")
	}
	if ipart == "" {
		ipart = "0"
	}
	for _, c := range ipart + fpart {
		if c < '0' || c > '9' {
			return 0, errNumBad
		}
	}
	// Work in big enough integers: value*Scale*mult, rounding beyond.
	digits := ipart + fpart
	exp := len(fpart) // value = digits / 10^exp
	// target = digits * Scale * mult / 10^exp
	num := new(bigDec).set(digits)
	num.mul(Scale * mult)
	v, err := num.divPow10Round(exp)
	if err != nil {
		return 0, err
	}
	return Value(v), nil
}

// bigDec is a small arbitrary-precision non-negative decimal integer, enough
// to scale and round a number without float error.
type bigDec struct{ d []byte } // most significant digit first, values 0..9

func (b *bigDec) set(s string) *bigDec {
	s = strings.TrimLeft(s, "0")
	b.d = make([]byte, len(s))
	for i := range s {
		b.d[i] = s[i] - '0'
	}
	return b
}

func (b *bigDec) mul(m int64) {
	// m is a power of ten here (Scale * 1, 1e4 or 1e8).
	for m > 1 {
		b.d = append(b.d, 0)
		m /= 10
	}
}

func (b *bigDec) divPow10Round(exp int) (int64, error) {
	d := b.d
	roundUp := false
	if exp > 0 {
		if exp >= len(d) {
			if exp == len(d) && len(d) > 0 && d[0] >= 5 {
				roundUp = true
			}
			d = nil
		} else {
			roundUp = d[len(d)-exp] >= 5
			d = d[:len(d)-exp]
		}
	}
	if len(d) > 18 {
		return 0, errNumTooLarge
	}
	var v int64
	for _, c := range d {
		v = v*10 + int64(c)
	}
	if roundUp {
		v++
	}
	return v, nil
}

// lostDigits reports whether s looks like an identifier that Excel turned
// into scientific notation (2.02602E+19), which loses its digits for good.
func lostDigits(b []byte) bool {
	i := 0
	if len(b) < 5 || b[0] < '0' || b[0] > '9' {
		return false
	}
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	if i < len(b) && b[i] == '.' {
		i++
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	}
	if i+2 > len(b) || (b[i] != 'E' && b[i] != 'e') || b[i+1] != '+' {
		return false
	}
	i += 2
	if i == len(b) {
		return false
	}
	for ; i < len(b); i++ {
		if b[i] < '0' || b[i] > '9' {
			return false
		}
	}
	return true
}

// lostDigitsXLSX reports whether a raw XLSX cell holds an identifier that
// Excel stored as a number: more than 15 digits (Excel keeps 15 significant
// digits), all zero after the fifteenth, as 2.02602E+19 reads back raw.
func lostDigitsXLSX(b []byte) bool {
	if lostDigits(b) {
		return true
	}
	if len(b) <= 15 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	for _, c := range b[15:] {
		if c != '0' {
			return false
		}
	}
	return true
}

// parseFastDecorated handles the common decorated forms without
// allocating: ¥1,234.00, ￥1,234.00 and (1,234.00).
func parseFastDecorated(b []byte) (Value, bool) {
	neg := false
	if len(b) > 2 && b[0] == '(' && b[len(b)-1] == ')' {
		b, neg = b[1:len(b)-1], true
	}
	switch {
	case len(b) > 2 && b[0] == 0xC2 && b[1] == 0xA5: // ¥
		b = b[2:]
	case len(b) > 3 && b[0] == 0xEF && b[1] == 0xBF && b[2] == 0xA5: // ￥
		b = b[3:]
	case !neg:
		return 0, false
	}
	if len(b) == 0 || b[0] == '-' && neg {
		return 0, false
	}
	v, ok := parseFast(b)
	if neg {
		v = -v
	}
	return v, ok
}
