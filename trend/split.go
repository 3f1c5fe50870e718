package trend

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// dialect is how a CSV file separates fields and records.
type dialect struct {
	delim byte // ',', ';' or '\t'
	term  byte // '\n' (LF or CRLF files) or '\r' (old Mac "CR" files)
}

type recState int

const (
	recOK         recState = iota
	recIncomplete          // the record runs past the end of buf; read more
	recUnclosed            // end of file inside a quoted field
)

// next splits the record starting at buf[pos] into fields, RFC 4180 style
// with the leniency Excel exports need: a quote inside an unquoted field is
// a literal character (27" 显示器), a quote inside a quoted field that is
// neither doubled nor followed by a delimiter or line end is kept literally,
// and a line break inside a quoted field belongs to the field. Fields are
// slices of buf, or of scratch when a quoted field had to be unescaped.
// It returns the position after the record's line end, the number of line
// ends consumed (so physical line numbers stay right), and the state.
// At end of file (atEOF) a last record without a line end is complete.
func (d dialect) next(buf []byte, pos int, atEOF bool, fields [][]byte, scratch []byte) ([][]byte, []byte, int, int, recState) {
	fields = fields[:0]
	scratch = scratch[:0]
	// Fast path: a line without quotes.
	if nl := bytes.IndexByte(buf[pos:], d.term); nl >= 0 || atEOF {
		end := len(buf)
		if nl >= 0 {
			end = pos + nl
		}
		line := buf[pos:end]
		if bytes.IndexByte(line, '"') < 0 {
			if d.term == '\n' && len(line) > 0 && line[len(line)-1] == '\r' {
				line = line[:len(line)-1]
			}
			for {
				j := bytes.IndexByte(line, d.delim)
				if j < 0 {
					fields = append(fields, line)
					break
				}
				fields = append(fields, line[:j])
				line = line[j+1:]
			}
			if nl >= 0 {
				return fields, scratch, end + 1, 1, recOK
			}
			return fields, scratch, end, 0, recOK
		}
	} else {
		return fields, scratch, pos, 0, recIncomplete
	}
	i, lines := pos, 0
	for {
		if i < len(buf) && buf[i] == '"' {
			i++
			start := len(scratch)
			for {
				q := bytes.IndexByte(buf[i:], '"')
				if q < 0 {
					if atEOF {
						return fields, scratch, len(buf), lines + bytes.Count(buf[i:], []byte{d.term}), recUnclosed
					}
					return fields, scratch, pos, 0, recIncomplete
				}
				seg := buf[i : i+q]
				lines += bytes.Count(seg, []byte{d.term})
				scratch = append(scratch, seg...)
				i += q + 1
				if i >= len(buf) {
					if !atEOF {
						return fields, scratch, pos, 0, recIncomplete
					}
					fields = append(fields, scratch[start:])
					return fields, scratch, i, lines, recOK
				}
				c := buf[i]
				switch {
				case c == '"':
					scratch = append(scratch, '"')
					i++
					continue
				case c == d.delim:
					fields = append(fields, scratch[start:])
					i++
				case c == d.term:
					fields = append(fields, scratch[start:])
					return fields, scratch, i + 1, lines + 1, recOK
				case c == '\r' && d.term == '\n':
					if i+1 >= len(buf) {
						if !atEOF {
							return fields, scratch, pos, 0, recIncomplete
						}
						fields = append(fields, scratch[start:])
						return fields, scratch, i + 1, lines, recOK
					}
					if buf[i+1] == '\n' {
						fields = append(fields, scratch[start:])
						return fields, scratch, i + 2, lines + 1, recOK
					}
					scratch = append(scratch, '"')
					continue
				default:
					scratch = append(scratch, '"')
					continue
				}
				break
			}
			continue
		}
		j := i
		for j < len(buf) && buf[j] != d.delim && buf[j] != d.term {
			j++
		}
		if j == len(buf) && !atEOF {
			return fields, scratch, pos, 0, recIncomplete
		}
		f := buf[i:j]
		if j == len(buf) || buf[j] == d.term {
			if d.term == '\n' && len(f) > 0 && f[len(f)-1] == '\r' {
				f = f[:len(f)-1]
			}
			fields = append(fields, f)
			if j == len(buf) {
				return fields, scratch, j, lines, recOK
			}
			return fields, scratch, j + 1, lines + 1, recOK
		}
		fields = append(fields, f)
		i = j + 1
	}
}

// skip finds the end of the record at buf[pos] without splitting it into
// fields, with exactly the rules of next. It is what the chunker runs over
// the whole file, so the common case (a line without quotes) costs two
// vectorised byte searches.
func (d dialect) skip(buf []byte, pos int, atEOF bool) (int, int, recState) {
	nl := bytes.IndexByte(buf[pos:], d.term)
	if nl < 0 && !atEOF {
		return pos, 0, recIncomplete
	}
	end := len(buf)
	if nl >= 0 {
		end = pos + nl
	}
	if bytes.IndexByte(buf[pos:end], '"') < 0 {
		if nl >= 0 {
			return end + 1, 1, recOK
		}
		return end, 0, recOK
	}
	i, lines := pos, 0
	for {
		if i < len(buf) && buf[i] == '"' {
			i++
			for {
				q := bytes.IndexByte(buf[i:], '"')
				if q < 0 {
					if atEOF {
						return len(buf), lines + bytes.Count(buf[i:], []byte{d.term}), recUnclosed
					}
					return pos, 0, recIncomplete
				}
				lines += bytes.Count(buf[i:i+q], []byte{d.term})
				i += q + 1
				if i >= len(buf) {
					if !atEOF {
						return pos, 0, recIncomplete
					}
					return i, lines, recOK
				}
				c := buf[i]
				switch {
				case c == '"':
					i++
					continue
				case c == d.delim:
					i++
				case c == d.term:
					return i + 1, lines + 1, recOK
				case c == '\r' && d.term == '\n':
					if i+1 >= len(buf) {
						if !atEOF {
							return pos, 0, recIncomplete
						}
						return i + 1, lines, recOK
					}
					if buf[i+1] == '\n' {
						return i + 2, lines + 1, recOK
					}
					continue
				default:
					continue
				}
				break
			}
			continue
		}
		j := i
		for j < len(buf) && buf[j] != d.delim && buf[j] != d.term {
			j++
		}
		if j == len(buf) {
			if !atEOF {
				return pos, 0, recIncomplete
			}
			return j, lines, recOK
		}
		if buf[j] == d.term {
			return j + 1, lines + 1, recOK
		}
		i = j + 1
	}
}

// Broadcast bytes for the word-at-a-time classification in blockBits.
const (
	lo8 = 0x0101010101010101
	hi8 = 0x8080808080808080
)

// scanner splits the records of one buffer like next at end of input, for
// the common record: fields without quotes, or wholly quoted without a
// quote or line end inside ("8,794.00"). Such fields are slices of buf;
// nothing is copied. It finds the delimiters, quotes and line ends of a
// span of scanSpan bytes at a time, eight bytes per step, lists where they
// are and keeps that list from one record to the next, so a record costs
// little more than one step per field. The list is only a cache of buf's
// bytes: records may be asked for at any position, in any order.
type scanner struct {
	d    dialect
	buf  []byte
	base int // where in buf the span starts
	n, i int // offs[:n] are the span's special bytes; offs[i] is the next
	// offs holds where the span's special bytes are, from base, in order
	// (with room for the eight entries fill writes past the last).
	offs [scanSpan + 8]uint16
}

// scanSpan is how many bytes a scanner classifies at a time (a multiple of
// 64).
const scanSpan = 512

// newScanner returns a scanner for the records of buf.
func newScanner(d dialect, buf []byte) *scanner {
	return &scanner{d: d, buf: buf, base: -scanSpan}
}

// next splits the record at buf[pos]. ok is false, with nothing consumed,
// for a record it does not take (doubled or stray quotes, line breaks in
// quoted fields); next, the dialect's, then reads it with the full rules,
// which give the same fields, end and line count for every record the
// scanner takes.
func (s *scanner) next(pos int, fields [][]byte) (_ [][]byte, next, lines int, ok bool) {
	fields = fields[:0]
	buf, delim, term := s.buf, s.d.delim, s.d.term
	at := pos - s.base
	switch {
	case uint(at) >= scanSpan:
		s.fill(pos)
		at = 0
	case s.i > 0 && int(s.offs[s.i-1]) >= at:
		s.i = 0 // pos is before the last special byte seen
	}
	i, n, base := s.i, s.n, s.base
	for i < n && int(s.offs[i]) < at {
		i++
	}
	start := pos // where the current field starts
	quote := -2  // -2: the field is unquoted; -1: in quotes; else where they close
	for {
		if i == n {
			if base += scanSpan; base >= len(buf) {
				// The end of buf ends the record.
				s.i = i
				switch quote {
				case -2:
					return appendLast(fields, buf[start:], term), len(buf), 0, true
				case len(buf) - 1:
					return append(fields, buf[start+1:quote]), len(buf), 0, true
				}
				return fields, pos, 0, false
			}
			s.fill(base)
			i, n = 0, s.n
			continue
		}
		j := base + int(s.offs[i])
		i++
		c := buf[j]
		if quote == -2 {
			switch {
			case c == delim:
				fields = append(fields, buf[start:j])
				start = j + 1
				continue
			case c == term:
				s.i = i
				return appendLast(fields, buf[start:j], term), j + 1, 1, true
			case j == start:
				quote = -1 // an opening quote
				continue
			}
			return fields, pos, 0, false // a quote inside an unquoted field
		}
		if quote == -1 {
			// Inside the quotes, only the closing quote may come.
			switch c {
			case delim:
				continue
			case '"':
				quote = j
				continue
			}
			return fields, pos, 0, false
		}
		// After the closing quote, the field must end.
		f := buf[start+1 : quote]
		switch {
		case c == delim && j == quote+1:
			fields = append(fields, f)
			start, quote = j+1, -2
		case c == term && (j == quote+1 || term == '\n' && j == quote+2 && buf[quote+1] == '\r'):
			s.i = i
			return append(fields, f), j + 1, 1, true
		default:
			return fields, pos, 0, false
		}
	}
}

// appendLast appends the last field of a record, without the CR of a CRLF
// line end.
func appendLast(fields [][]byte, f []byte, term byte) [][]byte {
	if term == '\n' && len(f) > 0 && f[len(f)-1] == '\r' {
		f = f[:len(f)-1]
	}
	return append(fields, f)
}

// fill lists the special bytes of the span at buf[at:].
func (s *scanner) fill(at int) {
	dm, tm := uint64(s.d.delim)*lo8, uint64(s.d.term)*lo8
	b := s.buf[at:]
	n := 0
	for o := 0; o < scanSpan; o += 64 {
		var m uint64
		if len(b) >= 64 {
			m = blockBits((*[64]byte)(b), dm, tm)
			b = b[64:]
		} else {
			m = tailBits(b, dm, tm)
			b = nil
		}
		// Write eight entries whatever the count, without a branch per
		// bit; the ones past the count are overwritten or unused.
		cnt := bits.OnesCount64(m)
		e := (*[64]uint16)(s.offs[n:])
		e[0] = uint16(o + bits.TrailingZeros64(m))
		m &= m - 1
		e[1] = uint16(o + bits.TrailingZeros64(m))
		m &= m - 1
		e[2] = uint16(o + bits.TrailingZeros64(m))
		m &= m - 1
		e[3] = uint16(o + bits.TrailingZeros64(m))
		m &= m - 1
		e[4] = uint16(o + bits.TrailingZeros64(m))
		m &= m - 1
		e[5] = uint16(o + bits.TrailingZeros64(m))
		m &= m - 1
		e[6] = uint16(o + bits.TrailingZeros64(m))
		m &= m - 1
		e[7] = uint16(o + bits.TrailingZeros64(m))
		for k := 8; k < cnt; k++ {
			m &= m - 1
			e[k] = uint16(o + bits.TrailingZeros64(m))
		}
		n += cnt
	}
	s.base, s.n, s.i = at, n, 0
}

// tailBits is blockBits for a last block shorter than 64 bytes, read from
// a zero-padded copy (a zero byte is never special).
func tailBits(b []byte, dm, tm uint64) uint64 {
	var blk [64]byte
	copy(blk[:], b)
	return blockBits(&blk, dm, tm) & (1<<len(b) - 1)
}

// blockBits returns the bitmap of the delimiters (dm: the delimiter in
// every byte), quotes and line ends (tm) in blk: bit k is set for blk[k].
func blockBits(blk *[64]byte, dm, tm uint64) uint64 {
	return ^(other(binary.LittleEndian.Uint64(blk[0:]), dm, tm) |
		other(binary.LittleEndian.Uint64(blk[8:]), dm, tm)<<8 |
		other(binary.LittleEndian.Uint64(blk[16:]), dm, tm)<<16 |
		other(binary.LittleEndian.Uint64(blk[24:]), dm, tm)<<24 |
		other(binary.LittleEndian.Uint64(blk[32:]), dm, tm)<<32 |
		other(binary.LittleEndian.Uint64(blk[40:]), dm, tm)<<40 |
		other(binary.LittleEndian.Uint64(blk[48:]), dm, tm)<<48 |
		other(binary.LittleEndian.Uint64(blk[56:]), dm, tm)<<56)
}

// other returns one bit per byte of the little-endian word w, bit k for
// byte k, set when the byte is none of the delimiter (dm: broadcast to
// every byte), a quote and the line end (tm). Every bit is exact.
func other(w, dm, tm uint64) uint64 {
	const lo7 = 0x7f7f7f7f7f7f7f7f
	const qm = uint64('"') * lo8
	// With x the low seven bits of a byte, x^c + 0x7f sets the high bit
	// unless x is c; the byte's own high bit means it is none of them.
	w7 := w & lo7
	t := ((w7^dm)+lo7)&((w7^qm)+lo7)&((w7^tm)+lo7) | w
	// Gather the high bits (bit 8k+7) into bits 56+k, then down.
	return t & hi8 * 0x0002040810204081 >> 56
}
