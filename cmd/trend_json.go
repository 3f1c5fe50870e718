package cmd

import (
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/acctbook/acct/trend"
)

// The JSON of `acct trend --json` (FORMAT.md section 8), written by hand:
// the bytes json.Encoder writes, after SetIndent("", "  ") and
// SetEscapeHTML(false), for
//
//	struct {
//		AsOf        string         `json:"as_of"`
//		Signals     []trend.Signal `json:"signals"` // [] when none
//		Unmatched   map[string]int `json:"unmatched"`
//		SkippedRows int            `json:"skipped_rows"`
//		TotalRows   int            `json:"total_rows"`
//	}
//
// with each signal's change rounded to four decimals. Skipped rows are
// counted, not listed: printSkipped names them on stderr in the book's
// language, as acct check --json gives its messages in it. TotalRows
// counts total and subtotal rows (合计, 小计, Total...) that were read but
// not counted as purchases; they are not in SkippedRows.

// writeTrendJSON writes rep as `acct trend --json` prints it, in one Write
// as json.Encoder does. A NaN or infinite value gives encoding/json's error
// and writes nothing.
func writeTrendJSON(w io.Writer, rep *trend.Report, totals int) error {
	b, err := appendTrendJSON(make([]byte, 0, trendJSONSize(rep)), rep, totals)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// trendJSONSize estimates the length of rep's JSON, to allocate it once.
func trendJSONSize(rep *trend.Report) int {
	n := 128 + 48*len(rep.Unmatched)
	for i := range rep.Signals {
		s := &rep.Signals[i]
		n += 192 + len(s.Account) + len(s.Product) + len(s.Measure) + 40*len(s.Months)
	}
	return n
}

// appendTrendJSON appends rep's JSON, with its trailing newline, to b.
func appendTrendJSON(b []byte, rep *trend.Report, totals int) ([]byte, error) {
	b = append(b, "{\n  \"as_of\": "...)
	b = appendJSONQuoted(b, rep.AsOf.String(), false)
	b = append(b, ",\n  \"signals\": "...)
	b, err := appendSignalsJSON(b, rep.Signals)
	if err != nil {
		return b, err
	}
	b = append(b, ",\n  \"unmatched\": "...)
	b = appendUnmatchedJSON(b, rep.Unmatched)
	b = append(b, ",\n  \"skipped_rows\": "...)
	b = strconv.AppendInt(b, int64(len(rep.Skipped)), 10)
	b = append(b, ",\n  \"total_rows\": "...)
	b = strconv.AppendInt(b, int64(totals), 10)
	return append(b, "\n}\n"...), nil
}

// appendSignalsJSON appends the signals array, [] when there are none (nil
// included), at the indentation of a top-level field.
func appendSignalsJSON(b []byte, sigs []trend.Signal) ([]byte, error) {
	if len(sigs) == 0 {
		return append(b, "[]"...), nil
	}
	b = append(b, '[')
	for i := range sigs {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendSignalJSON(append(b, "\n    "...), &sigs[i]); err != nil {
			return b, err
		}
	}
	return append(b, "\n  ]"...), nil
}

// appendSignalJSON appends one signal, an element of the signals array.
func appendSignalJSON(b []byte, s *trend.Signal) ([]byte, error) {
	b = append(b, "{\n      \"account\": "...)
	b = appendJSONQuoted(b, s.Account, false)
	b = append(b, ",\n      \"product\": "...)
	b = appendJSONQuoted(b, s.Product, false)
	b = append(b, ",\n      \"kind\": "...)
	b = appendJSONQuoted(b, s.Kind, false)
	b = append(b, ",\n      \"months\": "...)
	b = appendJSONStrings(b, s.Months, "\n        ")
	b = append(b, ",\n      \"values\": "...)
	b, err := appendJSONFloats(b, s.Values, "\n        ")
	if err != nil {
		return b, err
	}
	b = append(b, ",\n      \"change\": "...)
	if b, err = appendTrendChange(b, s.Change); err != nil {
		return b, err
	}
	if s.Measure != "" {
		b = append(b, ",\n      \"measure\": "...)
		b = appendJSONQuoted(b, s.Measure, false)
	}
	return append(b, "\n    }"...), nil
}

// appendTrendChange appends a signal's change rounded to four decimals
// (0.1235 for 12.35%), or null when it has none.
func appendTrendChange(b []byte, c *float64) ([]byte, error) {
	if c == nil {
		return append(b, "null"...), nil
	}
	return appendJSONFloat(b, math.Round(*c*10000)/10000)
}

// appendJSONStrings appends ss as an indented array of strings, each
// element on a line of its own after indent (a newline and the element's
// indentation); null when ss is nil, [] when empty.
func appendJSONStrings(b []byte, ss []string, indent string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	if len(ss) == 0 {
		return append(b, "[]"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONQuoted(append(b, indent...), s, false)
	}
	return append(append(b, indent[:len(indent)-2]...), ']')
}

// appendJSONFloats is appendJSONStrings for numbers.
func appendJSONFloats(b []byte, fs []float64, indent string) ([]byte, error) {
	if fs == nil {
		return append(b, "null"...), nil
	}
	if len(fs) == 0 {
		return append(b, "[]"...), nil
	}
	b = append(b, '[')
	for i, f := range fs {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendJSONFloat(append(b, indent...), f); err != nil {
			return b, err
		}
	}
	return append(append(b, indent[:len(indent)-2]...), ']'), nil
}

// appendUnmatchedJSON appends the unmatched customers and their row
// counts as a top-level field's object, keys in byte order as encoding/json
// sorts them; null when m is nil, {} when empty.
func appendUnmatchedJSON(b []byte, m map[string]int) []byte {
	if m == nil {
		return append(b, "null"...)
	}
	if len(m) == 0 {
		return append(b, "{}"...)
	}
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names)
	b = append(b, '{')
	for i, name := range names {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONQuoted(append(b, "\n    "...), name, false)
		b = strconv.AppendInt(append(b, ": "...), int64(m[name]), 10)
	}
	return append(b, "\n  }"...)
}
