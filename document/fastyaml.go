package document

// A fast path for the YAML that front matter uses in practice.
//
// yaml.v3 spends most of its time in its general scanner, parser and event
// machinery; on a large book it dominates `acct check`. parseFast handles the
// simple subset that templates and people write (block mappings and
// sequences, one-line flow sequences of scalars, plain, single- and
// double-quoted one-line scalars, comments, empty values) and builds the same
// yaml.Node tree yaml.v3 would: the same Kind, Style, Tag, Value, Line,
// Column and Content, recursively. Comments are not recorded (HeadComment,
// LineComment and FootComment stay empty): Document.Root is only read, and
// edits are made on the text, never by re-encoding the tree.
//
// Anything outside the subset, anything yaml.v3 would reject, and anything
// the fast path is not sure about makes it return false, and the caller
// decodes the text with yaml.Unmarshal instead, which also reports errors.
// fastyaml_test.go checks the two against each other (table tests and a fuzz
// test).

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Tags as yaml.v3 writes them into yaml.Node.Tag (resolve.go).
const (
	tagNull      = "!!null"
	tagBool      = "!!bool"
	tagStr       = "!!str"
	tagInt       = "!!int"
	tagFloat     = "!!float"
	tagTimestamp = "!!timestamp"
	tagSeq       = "!!seq"
	tagMap       = "!!map"
)

// fastYAML enables the fast path; benchmarks turn it off to time yaml.v3.
var fastYAML = true

// maxFastDepth bounds nesting; deeper documents go to yaml.v3.
const maxFastDepth = 64

// maxFastKey bounds the length in bytes of a key. yaml.v3 refuses simple
// keys longer than 1024 characters; anything near that goes to yaml.v3.
const maxFastKey = 512

// fastLine is one line of the front matter.
type fastLine struct {
	text string // without the line break
	// ind is the column (0-based, in characters) and pos the byte offset in
	// text where the content being parsed starts. For a plain line both are
	// the number of leading spaces; after "- " of a sequence entry they are
	// moved to the entry's content.
	ind, pos int
	// kind: lineBlank, lineComment or lineContent.
	kind uint8
}

const (
	lineBlank = iota
	lineComment
	lineContent
)

type fastParser struct {
	lines []fastLine
	i     int // current line
	depth int
	// nodes and ptrs are the slabs the nodes and the Content slices are
	// cut from, sized from an estimate made while splitting the lines
	// (another slab is started in the rare case it falls short).
	nodes []yaml.Node
	ptrs  []*yaml.Node
	// stack collects the children of the containers being parsed.
	stack []*yaml.Node
	// vals are the scalars whose values tree copies out of the text.
	vals []*yaml.Node
	// keys interns mapping keys across calls: they repeat from file to
	// file, and a document then keeps no reference to its text.
	keys map[string]string
	// scratch, when not nil, provides the slabs (see Scratch).
	scratch *Scratch
}

// maxInterned bounds fastParser.keys.
const maxInterned = 4096

var fastParsers = sync.Pool{New: func() any { return new(fastParser) }}

// parseFast decodes front-matter text (LF line ends, no BOM, no fences) in
// the simple subset described at the top of this file. It returns the
// document node yaml.Unmarshal would produce, without comments, and true; or
// nil and false when the text is outside the subset or not valid YAML, in
// which case the caller must use yaml.Unmarshal.
func parseFast(text string) (*yaml.Node, bool) { return parseFastIn(text, nil) }

// parseFastIn is parseFast with the nodes cut from s (nil: new memory).
func parseFastIn(text string, s *Scratch) (*yaml.Node, bool) {
	if !fastYAML || !fastChars(text) {
		return nil, false
	}
	p := fastParsers.Get().(*fastParser)
	defer p.release()
	p.scratch = s
	n := strings.Count(text, "\n") + 1
	est := 2 // the document and its root
	for k := 0; k < n; k++ {
		l := text
		if j := strings.IndexByte(text, '\n'); j >= 0 {
			l, text = text[:j], text[j+1:]
		}
		fl := fastLine{text: l}
		for fl.pos < len(l) && l[fl.pos] == ' ' {
			fl.pos++
		}
		fl.ind = fl.pos
		switch {
		case fl.pos == len(l):
			fl.kind = lineBlank
		case l[fl.pos] == '#':
			fl.kind = lineComment
		default:
			fl.kind = lineContent
			// A line makes at most two nodes (key and value, or the
			// value's container), three for "- key: value", plus the
			// items of a flow sequence.
			est += 2
			if l[fl.pos] == '-' {
				est++
			}
			if strings.IndexByte(l, '[') >= 0 {
				est += strings.Count(l, ",") + 1
			}
			if fl.pos == 0 && (strings.HasPrefix(l, "---") || strings.HasPrefix(l, "...")) && (len(l) == 3 || l[3] == ' ') {
				return nil, false // document markers
			}
		}
		p.lines = append(p.lines, fl)
	}
	p.skip()
	if p.i >= len(p.lines) {
		return nil, false // empty: let yaml.v3 say what it makes of it
	}
	p.nodes = p.scratch.nodeSlab(est)
	p.ptrs = p.scratch.ptrSlab(est)
	root, ok := p.block(p.lines[p.i].ind, false)
	if !ok {
		return nil, false
	}
	p.skip()
	if p.i < len(p.lines) {
		return nil, false // something left over at a lower indentation
	}
	doc := p.node(yaml.DocumentNode, 0, "", "", root.Line, root.Column)
	p.stack = append(p.stack, root)
	p.content(doc, 0)
	p.copyValues()
	return doc, true
}

// copyValues copies the values of the scalars in vals, substrings of the
// text so far, into one new string, so that what a caller keeps of the
// tree does not pin the whole file.
func (p *fastParser) copyValues() {
	total := 0
	for _, n := range p.vals {
		total += len(n.Value)
	}
	var b strings.Builder
	b.Grow(total)
	for _, n := range p.vals {
		b.WriteString(n.Value)
	}
	arena, off := b.String(), 0
	for _, n := range p.vals {
		n.Value = arena[off : off+len(n.Value)]
		off += len(n.Value)
	}
}

// release resets p and returns it to the pool, unless it grew large.
func (p *fastParser) release() {
	if len(p.lines) > 4096 || cap(p.stack) > 4096 || cap(p.vals) > 4096 {
		return
	}
	clear(p.lines) // drop the strings
	clear(p.stack)
	clear(p.vals)
	*p = fastParser{lines: p.lines[:0], stack: p.stack[:0], vals: p.vals[:0], keys: p.keys}
	fastParsers.Put(p)
}

// fastChars reports whether text has only characters the fast path handles:
// printable characters, spaces and LF. Tabs, CR, other control characters,
// NEL, the Unicode line and paragraph separators, BOMs, non-characters and
// invalid UTF-8 send the text to yaml.v3.
func fastChars(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || r < 0xA0 || r == 0x2028 || r == 0x2029 || r == 0xFEFF || r == 0xFFFE || r == 0xFFFF {
			return false
		}
		i += w
	}
	return true
}

func (p *fastParser) node(kind yaml.Kind, style yaml.Style, tag, value string, line, col int) *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = p.scratch.nodeSlab(16)
	}
	// Set the fields of the zeroed slot one by one: copying a whole
	// yaml.Node would pass all its pointer fields through the write
	// barrier while the collector runs.
	p.nodes = p.nodes[:len(p.nodes)+1]
	n := &p.nodes[len(p.nodes)-1]
	n.Kind, n.Style, n.Line, n.Column = kind, style, line, col
	n.Tag, n.Value = tag, value
	return n
}

// value makes a scalar node for a value that copyValues will copy.
func (p *fastParser) value(style yaml.Style, tag, value string, line, col int) *yaml.Node {
	n := p.node(yaml.ScalarNode, style, tag, value, line, col)
	if value != "" {
		p.vals = append(p.vals, n)
	}
	return n
}

// content makes the children pushed since mark the Content of n.
func (p *fastParser) content(n *yaml.Node, mark int) {
	kids := p.stack[mark:]
	if len(kids) > 0 {
		if cap(p.ptrs)-len(p.ptrs) < len(kids) {
			p.ptrs = p.scratch.ptrSlab(max(16, len(kids)))
		}
		k := len(p.ptrs)
		p.ptrs = append(p.ptrs, kids...)
		n.Content = p.ptrs[k:len(p.ptrs):len(p.ptrs)]
	}
	clear(kids)
	p.stack = p.stack[:mark]
}

// intern replaces the value of key k by its interned copy; when there is
// no room left, the value is copied like any other.
func (p *fastParser) intern(k *yaml.Node) {
	if s, ok := p.keys[k.Value]; ok {
		k.Value = s
		return
	}
	if p.keys == nil {
		p.keys = make(map[string]string)
	}
	if len(p.keys) < maxInterned {
		s := strings.Clone(k.Value)
		p.keys[s] = s
		k.Value = s
		return
	}
	if k.Value != "" {
		p.vals = append(p.vals, k)
	}
}

// quoteStyle is the style of a scalar quoted with q.
func quoteStyle(q byte) yaml.Style {
	if q == '"' {
		return yaml.DoubleQuotedStyle
	}
	return yaml.SingleQuotedStyle
}

// skip moves past blank and comment lines.
func (p *fastParser) skip() {
	for p.i < len(p.lines) && p.lines[p.i].kind != lineContent {
		p.i++
	}
}

// column returns the 1-based column of byte offset off in line l.
func column(l string, off int) int {
	return utf8.RuneCountInString(l[:off]) + 1
}

// isEntry reports whether the content of l is a block sequence entry ("-"
// followed by a space or the end of the line).
func isEntry(l *fastLine) bool {
	t := l.text
	return t[l.pos] == '-' && (l.pos+1 == len(t) || t[l.pos+1] == ' ')
}

// block parses the block node whose first line is the current line, with
// content at column ind.
func (p *fastParser) block(ind int, indentless bool) (*yaml.Node, bool) {
	if p.depth++; p.depth > maxFastDepth {
		return nil, false
	}
	defer func() { p.depth-- }()
	if isEntry(&p.lines[p.i]) {
		return p.sequence(ind, indentless)
	}
	return p.mapping(ind)
}

// mapping parses a block mapping whose keys are at column ind.
func (p *fastParser) mapping(ind int) (*yaml.Node, bool) {
	var l *fastLine
	m := p.node(yaml.MappingNode, 0, tagMap, "", p.i+1, ind+1)
	mark := len(p.stack)
	for {
		p.skip()
		if p.i >= len(p.lines) {
			break
		}
		l = &p.lines[p.i]
		if l.ind < ind {
			break
		}
		if l.ind > ind || isEntry(l) {
			return nil, false
		}
		key, after, ok := p.key(l)
		if !ok {
			return nil, false
		}
		p.stack = append(p.stack, key)
		// after is just past the ':'.
		t := l.text
		j := after
		for j < len(t) && t[j] == ' ' {
			j++
		}
		if j == len(t) || t[j] == '#' {
			// The value, if any, is on the following lines.
			// yaml.v3 places an empty value at the end of the ':' token;
			// after is the offset just past the ':'.
			line, col := p.i+1, column(t, after)
			p.i++
			p.skip()
			var v *yaml.Node
			switch {
			case p.i < len(p.lines) && p.lines[p.i].ind > ind:
				if v, ok = p.block(p.lines[p.i].ind, false); !ok {
					return nil, false
				}
			case p.i < len(p.lines) && p.lines[p.i].ind == ind && isEntry(&p.lines[p.i]):
				if v, ok = p.block(ind, true); !ok {
					return nil, false
				}
			default:
				v = p.node(yaml.ScalarNode, 0, tagNull, "", line, col)
			}
			p.stack = append(p.stack, v)
			continue
		}
		v, ok := p.inline(l, j)
		if !ok {
			return nil, false
		}
		p.stack = append(p.stack, v)
		p.i++
	}
	p.content(m, mark)
	return m, true
}

// sequence parses a block sequence whose "-" are at column ind. An
// indentless sequence (the value of a mapping key at the key's column) ends
// at the first line at that column that is not an entry.
func (p *fastParser) sequence(ind int, indentless bool) (*yaml.Node, bool) {
	s := p.node(yaml.SequenceNode, 0, tagSeq, "", p.i+1, ind+1)
	mark := len(p.stack)
	for {
		p.skip()
		if p.i >= len(p.lines) {
			break
		}
		l := &p.lines[p.i]
		if l.ind < ind {
			break
		}
		if l.ind > ind {
			return nil, false
		}
		if !isEntry(l) {
			if indentless {
				break
			}
			return nil, false
		}
		t := l.text
		j := l.pos + 1
		for j < len(t) && t[j] == ' ' {
			j++
		}
		if j == len(t) || t[j] == '#' {
			// The item, if any, is on the following lines.
			line, col := p.i+1, l.ind+2
			p.i++
			p.skip()
			var v *yaml.Node
			if p.i < len(p.lines) && p.lines[p.i].ind > ind {
				var ok bool
				if v, ok = p.block(p.lines[p.i].ind, false); !ok {
					return nil, false
				}
			} else {
				v = p.node(yaml.ScalarNode, 0, tagNull, "", line, col)
			}
			p.stack = append(p.stack, v)
			continue
		}
		// Content on the line of the "-": a nested entry (refused), a
		// mapping that starts here, or a scalar or flow sequence.
		l.ind, l.pos = l.ind+(j-l.pos), j
		if isEntry(l) {
			return nil, false
		}
		if p.isKey(l) {
			v, ok := p.block(l.ind, false)
			if !ok {
				return nil, false
			}
			p.stack = append(p.stack, v)
			continue
		}
		v, ok := p.inline(l, j)
		if !ok {
			return nil, false
		}
		p.stack = append(p.stack, v)
		p.i++
	}
	p.content(s, mark)
	return s, true
}

// isKey reports whether the content of l starts with a `key:`.
func (p *fastParser) isKey(l *fastLine) bool {
	t := l.text
	i := l.pos
	switch t[i] {
	case '"', '\'':
		_, end, ok := quoted(t, i)
		if !ok {
			return false
		}
		for end < len(t) && t[end] == ' ' {
			end++
		}
		return end < len(t) && t[end] == ':' && (end+1 == len(t) || t[end+1] == ' ')
	}
	if !plainStart(t, i, false) {
		return false
	}
	_, _, stop := plainBlock(t, i)
	return stop == ':'
}

// key parses the `key:` at the content of l and returns the key node and
// the offset just past the ':'.
func (p *fastParser) key(l *fastLine) (*yaml.Node, int, bool) {
	t := l.text
	i := l.pos
	var k *yaml.Node
	var end int
	switch t[i] {
	case '"', '\'':
		v, e, ok := quoted(t, i)
		if !ok {
			return nil, 0, false
		}
		k = p.node(yaml.ScalarNode, quoteStyle(t[i]), tagStr, v, p.i+1, column(t, i))
		end = e
		for end < len(t) && t[end] == ' ' {
			end++
		}
		if end == len(t) || t[end] != ':' || end+1 < len(t) && t[end+1] != ' ' {
			return nil, 0, false
		}
	default:
		if !plainStart(t, i, false) {
			return nil, 0, false
		}
		v, e, stop := plainBlock(t, i)
		if stop != ':' {
			return nil, 0, false
		}
		tag, ok := resolvePlain(v)
		if !ok {
			return nil, 0, false
		}
		k = p.node(yaml.ScalarNode, 0, tag, v, p.i+1, column(t, i))
		end = e
	}
	if end-i > maxFastKey {
		return nil, 0, false
	}
	p.intern(k)
	return k, end + 1, true
}

// inline parses the value that starts at byte j of l and runs to the end of
// the line (or a comment): a scalar or a flow sequence.
func (p *fastParser) inline(l *fastLine, j int) (*yaml.Node, bool) {
	t := l.text
	var n *yaml.Node
	var end int
	switch c := t[j]; c {
	case '"', '\'':
		v, e, ok := quoted(t, j)
		if !ok {
			return nil, false
		}
		n = p.value(quoteStyle(c), tagStr, v, p.i+1, column(t, j))
		end = e
	case '[':
		var ok bool
		if n, end, ok = p.flowSeq(t, j); !ok {
			return nil, false
		}
	default:
		if !plainStart(t, j, false) {
			return nil, false
		}
		v, _, stop := plainBlock(t, j)
		if stop == ':' {
			return nil, false // `a: b: c` is an error; `a: b:` too
		}
		tag, ok := resolvePlain(v)
		if !ok {
			return nil, false
		}
		return p.value(0, tag, v, p.i+1, column(t, j)), true
	}
	// After a quoted scalar or a flow sequence: blanks, then a comment
	// (after at least one space) or the end of the line.
	k := end
	for k < len(t) && t[k] == ' ' {
		k++
	}
	if k < len(t) && (t[k] != '#' || k == end) {
		return nil, false
	}
	return n, true
}

// flowSeq parses a one-line flow sequence of scalars starting at the '[' at
// t[j], and returns it and the offset just past the ']'.
func (p *fastParser) flowSeq(t string, j int) (*yaml.Node, int, bool) {
	s := p.node(yaml.SequenceNode, yaml.FlowStyle, tagSeq, "", p.i+1, column(t, j))
	mark := len(p.stack)
	// The items' columns are counted on from the previous one: counting
	// from the line's start each time is quadratic in the line's length.
	colOff, col := j, s.Column
	at := func(off int) int {
		col += utf8.RuneCountInString(t[colOff:off])
		colOff = off
		return col
	}
	i := j + 1
	for first := true; ; first = false {
		for i < len(t) && t[i] == ' ' {
			i++
		}
		if i == len(t) {
			return nil, 0, false // continues on the next line
		}
		if t[i] == ']' {
			if !first {
				return nil, 0, false // trailing comma
			}
			i++
			break
		}
		var item *yaml.Node
		switch c := t[i]; c {
		case '"', '\'':
			v, e, ok := quoted(t, i)
			if !ok {
				return nil, 0, false
			}
			item = p.value(quoteStyle(c), tagStr, v, p.i+1, at(i))
			i = e
		default:
			if !plainStart(t, i, true) {
				return nil, 0, false
			}
			v, e, ok := plainFlow(t, i)
			if !ok {
				return nil, 0, false
			}
			tag, ok := resolvePlain(v)
			if !ok {
				return nil, 0, false
			}
			item = p.value(0, tag, v, p.i+1, at(i))
			i = e
		}
		p.stack = append(p.stack, item)
		for i < len(t) && t[i] == ' ' {
			i++
		}
		if i == len(t) {
			return nil, 0, false
		}
		if t[i] == ']' {
			i++
			break
		}
		if t[i] != ',' {
			return nil, 0, false
		}
		i++
		for i < len(t) && t[i] == ' ' {
			i++
		}
		if i < len(t) && t[i] == ']' {
			return nil, 0, false // trailing comma
		}
	}
	p.content(s, mark)
	return s, i, true
}

// plainStart reports whether a plain scalar may start at t[i] (yaml.v3's
// scanner, fetch_next_token), refusing a few legal but odd starts.
func plainStart(t string, i int, flow bool) bool {
	switch t[i] {
	case '-':
		// "-x" is a plain scalar, "- " an entry.
		return i+1 < len(t) && t[i+1] != ' ' && !(flow && strings.ContainsRune(",[]{}", rune(t[i+1])))
	case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ':
		return false
	}
	return true
}

// plainBlock scans a plain scalar in block context from t[i] to the end of
// the line, a ": " or ":" at the end (stop ':'), or a " #" comment (stop
// '#'); stop is 0 at the end of the line. It returns the value (trailing
// spaces trimmed) and the offset where it stopped.
func plainBlock(t string, i int) (v string, end int, stop byte) {
	start, last := i, i
	for i < len(t) {
		c := t[i]
		if c == ' ' {
			i++
			if i < len(t) && t[i] == '#' {
				return t[start:last], i, '#'
			}
			continue
		}
		if c == ':' && (i+1 == len(t) || t[i+1] == ' ') {
			return t[start:last], i, ':'
		}
		i++
		last = i
	}
	return t[start:last], i, 0
}

// plainFlow scans a plain scalar inside a flow sequence from t[i] up to the
// next ',' or ']'. Anything that could make it a mapping, a nested
// collection or a comment is refused.
func plainFlow(t string, i int) (v string, end int, ok bool) {
	start, last := i, i
	for i < len(t) {
		switch c := t[i]; c {
		case ' ':
			i++
			if i < len(t) && t[i] == '#' {
				return "", 0, false
			}
			continue
		case ',', ']':
			return t[start:last], i, true
		case ':', '?', '[', '{', '}':
			return "", 0, false
		}
		i++
		last = i
	}
	return "", 0, false
}

// quoted scans a one-line single- or double-quoted scalar starting at the
// quote t[i] and returns its value and the offset just past the closing
// quote. A scalar that continues on the next line, and an invalid escape,
// give false.
func quoted(t string, i int) (v string, end int, ok bool) {
	q := t[i]
	i++
	start := i
	// Fast path: no escapes.
	for i < len(t) {
		c := t[i]
		if c == q {
			if q == '\'' && i+1 < len(t) && t[i+1] == '\'' {
				break // '' escape
			}
			return t[start:i], i + 1, true
		}
		if c == '\\' && q == '"' {
			break
		}
		i++
	}
	if i == len(t) {
		return "", 0, false
	}
	b := make([]byte, 0, len(t)-start)
	b = append(b, t[start:i]...)
	for i < len(t) {
		c := t[i]
		switch {
		case c == q && q == '\'':
			if i+1 < len(t) && t[i+1] == '\'' {
				b = append(b, '\'')
				i += 2
				continue
			}
			return string(b), i + 1, true
		case c == q:
			return string(b), i + 1, true
		case c == '\\' && q == '"':
			if i+1 == len(t) {
				return "", 0, false // an escaped line break
			}
			n := 0
			switch t[i+1] {
			case '0':
				b = append(b, 0)
			case 'a':
				b = append(b, '\a')
			case 'b':
				b = append(b, '\b')
			case 't':
				b = append(b, '\t')
			case 'n':
				b = append(b, '\n')
			case 'v':
				b = append(b, '\v')
			case 'f':
				b = append(b, '\f')
			case 'r':
				b = append(b, '\r')
			case 'e':
				b = append(b, 0x1b)
			case ' ':
				b = append(b, ' ')
			case '"':
				b = append(b, '"')
			case '\'':
				b = append(b, '\'')
			case '\\':
				b = append(b, '\\')
			case 'N':
				b = append(b, "\u0085"...)
			case '_':
				b = append(b, "\u00a0"...)
			case 'L':
				b = append(b, "\u2028"...)
			case 'P':
				b = append(b, "\u2029"...)
			case 'x':
				n = 2
			case 'u':
				n = 4
			case 'U':
				n = 8
			default:
				return "", 0, false
			}
			i += 2
			if n > 0 {
				if i+n > len(t) {
					return "", 0, false
				}
				r, err := strconv.ParseUint(t[i:i+n], 16, 32)
				if err != nil || r >= 0xD800 && r <= 0xDFFF || r > 0x10FFFF {
					return "", 0, false
				}
				b = utf8.AppendRune(b, rune(r))
				i += n
			}
		default:
			b = append(b, c)
			i++
		}
	}
	return "", 0, false
}

// yamlStyleFloat is yaml.v3's float syntax (resolve.go).
var yamlStyleFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// resolvePlain returns the tag yaml.v3 gives a plain scalar (resolve.go,
// resolve with no explicit tag), mirroring its rules exactly. ok is false
// for the merge key "<<", which the fast path leaves to yaml.v3.
func resolvePlain(in string) (tag string, ok bool) {
	if in == "" {
		return tagNull, true
	}
	var hint byte
	switch c := in[0]; {
	case c == '+' || c == '-':
		hint = 'S'
	case c >= '0' && c <= '9':
		hint = 'D'
	case strings.IndexByte("yYnNtTfFoO~", c) >= 0:
		hint = 'M'
	case c == '.':
		hint = '.'
	case c == '<':
		if in == "<<" {
			return "", false
		}
		return tagStr, true
	default:
		return tagStr, true
	}
	switch in {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return tagBool, true
	case "~", "null", "Null", "NULL":
		return tagNull, true
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return tagFloat, true
	}
	if (hint == 'D' || hint == 'S') && !maybeNumeric(in) {
		return tagStr, true
	}
	switch hint {
	case '.':
		if _, err := strconv.ParseFloat(in, 64); err == nil {
			return tagFloat, true
		}
	case 'D', 'S':
		if isTimestamp(in) {
			return tagTimestamp, true
		}
		plain := in
		if strings.IndexByte(plain, '_') >= 0 {
			plain = strings.ReplaceAll(in, "_", "")
		}
		if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return tagInt, true
		}
		if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return tagInt, true
		}
		if yamlStyleFloat.MatchString(plain) {
			if _, err := strconv.ParseFloat(plain, 64); err == nil {
				return tagFloat, true
			}
		}
		if strings.HasPrefix(plain, "0b") {
			if _, err := strconv.ParseInt(plain[2:], 2, 64); err == nil {
				return tagInt, true
			}
			if _, err := strconv.ParseUint(plain[2:], 2, 64); err == nil {
				return tagInt, true
			}
		} else if strings.HasPrefix(plain, "-0b") {
			if _, err := strconv.ParseInt("-"+plain[3:], 2, 64); err == nil {
				return tagInt, true
			}
		}
		if strings.HasPrefix(plain, "0o") {
			if _, err := strconv.ParseInt(plain[2:], 8, 64); err == nil {
				return tagInt, true
			}
			if _, err := strconv.ParseUint(plain[2:], 8, 64); err == nil {
				return tagInt, true
			}
		} else if strings.HasPrefix(plain, "-0o") {
			if _, err := strconv.ParseInt("-"+plain[3:], 8, 64); err == nil {
				return tagInt, true
			}
		}
	}
	return tagStr, true
}

// maybeNumeric reports whether in could be an int, float or timestamp to
// yaml.v3: false when it has a byte none of those can contain (a non-ASCII
// byte, as in 12亿, or a %), which spares the parse attempts for amounts
// and percentages written the way the format allows. (A comma can appear:
// time.Parse takes it as the decimal separator of seconds.)
func maybeNumeric(in string) bool {
	for i := 0; i < len(in); i++ {
		if c := in[i]; c >= utf8.RuneSelf || c == '%' {
			return false
		}
	}
	return true
}

// timestampFormats are yaml.v3's (resolve.go), the date-only one first
// because it is the common case; only whether one matches matters.
var timestampFormats = []string{
	"2006-1-2",
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
}

// isTimestamp reports whether yaml.v3's parseTimestamp accepts s.
func isTimestamp(s string) bool {
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; c < '0' || c > '9' {
			break
		}
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, f := range timestampFormats {
		if _, err := time.Parse(f, s); err == nil {
			return true
		}
	}
	return false
}
