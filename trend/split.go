package trend

import "bytes"

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
