package cmd

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf8"
)

// Hand-written JSON for the commands whose --json output is large (acct
// check, acct trend): the bytes encoding/json writes, without reflection
// or its indent pass. Tests compare each helper with encoding/json.

// appendJSONNullString appends s as a JSON string (HTML characters
// escaped, see appendJSONString), or null when empty.
func appendJSONNullString(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return appendJSONString(b, s)
}

// appendJSONString appends s as json.Marshal writes it (HTML characters
// escaped, as Finding.MarshalJSON does).
func appendJSONString(b []byte, s string) []byte {
	return appendJSONQuoted(b, s, true)
}

// appendJSONQuoted appends s as a JSON string exactly as encoding/json
// writes it: with <, > and & escaped when escapeHTML is set (json.Marshal),
// as they are when not (an Encoder after SetEscapeHTML(false)). Strings
// with nothing to escape, nearly all of them, are copied as they are; any
// other goes through encoding/json.
func appendJSONQuoted(b []byte, s string, escapeHTML bool) []byte {
	if !jsonPlain(s, escapeHTML) {
		return appendJSONEncoded(b, s, escapeHTML)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// jsonPlain reports whether encoding/json writes s between quotes as it
// is: valid UTF-8 without control characters, quotes, backslashes, U+2028
// or U+2029, nor <, > and & when escapeHTML is set.
func jsonPlain(s string, escapeHTML bool) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			ascii = false
			// U+2028 and U+2029 are E2 80 A8 and E2 80 A9; E2 always
			// starts a rune, in encoding/json's reading as in utf8's.
			if c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2]&^1 == 0xa8 {
				return false
			}
		case c < 0x20 || c == '"' || c == '\\':
			return false
		case escapeHTML && (c == '<' || c == '>' || c == '&'):
			return false
		}
	}
	return ascii || utf8.ValidString(s)
}

// appendJSONEncoded appends s as encoding/json quotes it.
func appendJSONEncoded(b []byte, s string, escapeHTML bool) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	_ = enc.Encode(s) // a string always encodes
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

// appendJSONFloat appends f as encoding/json writes a float64: like
// strconv's shortest 'f' format, or 'e' below 1e-6 and from 1e21 on with
// the exponent's leading zero dropped (1e-7, not 1e-07); -0 stays "-0".
// NaN and infinities are not JSON: it returns encoding/json's error for
// them (json: unsupported value: NaN) and b unchanged.
func appendJSONFloat(b []byte, f float64) ([]byte, error) {
	abs := math.Abs(f)
	switch {
	case math.IsInf(f, 0) || math.IsNaN(f):
		_, err := json.Marshal(f)
		return b, err
	case abs < 1<<53 && f == math.Trunc(f) && (f != 0 || !math.Signbit(f)):
		// Whole numbers, nearly every value of a trend: their shortest
		// form is their integer digits.
		return strconv.AppendInt(b, int64(f), 10), nil
	case abs != 0 && (abs < 1e-6 || abs >= 1e21):
		b = strconv.AppendFloat(b, f, 'e', -1, 64)
		if n := len(b); b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
		return b, nil
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64), nil
}
