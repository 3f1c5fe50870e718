package document

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
	"gopkg.in/yaml.v3"
)

// ErrEdit is wrapped by every error of Editor: the path cannot be set in
// place (it runs through a list or a flow mapping, or names a list or a
// mapping), or the result would not read back as intended.
var ErrEdit = errors.New("cannot edit in place")

// Editor changes values of a document's front matter in place, touching
// only the lines that change: a value is replaced on its own line (an
// inline comment after it stays, at its column when there is room), and a
// missing key is inserted as a new line under its parent mapping with the
// mapping's indentation, creating the parent's block when it is absent.
// Comments, key order, unknown keys, blank lines, the body, a UTF-8 BOM and
// the line endings (LF, CRLF) of every other line survive byte for byte
// (FORMAT.md section 2, "round-trip"). After each change the text is parsed
// again, so Document always reflects the edits so far.
//
// An Editor is not safe for concurrent use.
type Editor struct {
	// want is the value the edit in progress must read back as.
	want  string
	orig  []byte
	doc   *Document
	lines []srcLine
	eol   string
}

// srcLine is one line of the file: its text and the line ending that
// followed it ("\n", "\r\n", "\r", or "" for a last line without one).
type srcLine struct {
	text, eol string
}

// NewEditor starts editing d, a document returned by Parse.
func NewEditor(d *Document) *Editor {
	text := d.Src
	if d.BOM {
		text = text[len(bom):]
	}
	e := &Editor{orig: d.Src, doc: d, lines: splitLines(text), eol: "\n"}
	if d.CRLF {
		e.eol = "\r\n"
	}
	return e
}

// splitLines splits text into lines the way Parse counts them: "\r\n",
// "\n" and a lone "\r" each end a line.
func splitLines(text []byte) []srcLine {
	var out []srcLine
	start := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			out = append(out, srcLine{string(text[start:i]), "\n"})
			start = i + 1
		case '\r':
			eol := "\r"
			if i+1 < len(text) && text[i+1] == '\n' {
				eol = "\r\n"
			}
			out = append(out, srcLine{string(text[start:i]), eol})
			i += len(eol) - 1
			start = i + 1
		}
	}
	out = append(out, srcLine{string(text[start:]), ""})
	return out
}

// Document returns the document as edited so far.
func (e *Editor) Document() *Document { return e.doc }

// Bytes returns the edited file: the BOM when the original had one, and
// every line with its original ending (new lines get the file's ending).
func (e *Editor) Bytes() []byte {
	var b bytes.Buffer
	if e.doc.BOM {
		b.Write(bom)
	}
	for _, l := range e.lines {
		b.WriteString(l.text)
		b.WriteString(l.eol)
	}
	return b.Bytes()
}

// Changed reports whether the edits so far changed the file's bytes.
func (e *Editor) Changed() bool { return !bytes.Equal(e.Bytes(), e.orig) }

// Set sets the scalar at a dotted path (confirmation.status) to value. The
// value is written plain when YAML reads it back as the same text and not
// as null or a boolean (dates, numbers, ids and plain words stay plain);
// otherwise it is double-quoted with escapes, so it always stays on one
// line. Every key along the path must be a block mapping or absent; absent
// keys are inserted. It returns an error wrapping ErrEdit naming the file
// and line when the path cannot be edited in place.
func (e *Editor) Set(path, value string) error {
	if !utf8.ValidString(value) {
		return fmt.Errorf("%s: %w: the value for %s is not valid UTF-8", e.doc.File, ErrEdit, path)
	}
	e.want = value
	return e.set(path, ScalarText(value))
}

// SetNull empties the value at path, leaving `key:` with nothing after it
// (how the templates leave a field to fill in). An absent key is left
// absent.
func (e *Editor) SetNull(path string) error {
	if Lookup(e.doc.Root, path) == nil && GetKeyPath(e.doc.Root, path) == nil {
		return nil
	}
	e.want = ""
	return e.set(path, "")
}

// GetKeyPath returns the key node of a dotted path through mappings, or nil.
func GetKeyPath(n *yaml.Node, path string) *yaml.Node {
	keys := strings.Split(path, ".")
	for i, k := range keys {
		if i == len(keys)-1 {
			return GetKey(n, k)
		}
		if n = Get(n, k); n == nil {
			return nil
		}
	}
	return nil
}

// ScalarText returns s written as one YAML scalar for "key: <here>": plain
// when YAML reads the plain text back as s and not as null or a boolean,
// double-quoted (with escapes, on one line) otherwise. The empty string
// gives "".
func ScalarText(s string) string {
	if s != "" && !strings.ContainsAny(s, "\n\r\t") && s == strings.TrimSpace(s) {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte("k: "+s), &n); err == nil && len(n.Content) == 1 {
			m := n.Content[0]
			if m.Kind == yaml.MappingNode && len(m.Content) == 2 {
				v := m.Content[1]
				if v.Kind == yaml.ScalarNode && v.Value == s && v.Style == 0 && v.Tag != "!!null" && v.Tag != "!!bool" {
					return s
				}
			}
		}
	}
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
	out, err := yaml.Marshal(n)
	if err != nil {
		return `""` // unreachable: a string scalar always encodes
	}
	return strings.TrimSuffix(string(out), "\n")
}

// set writes the already formatted scalar text v ("" for an empty value) at path.
func (e *Editor) set(path, v string) error {
	saved := append([]srcLine(nil), e.lines...)
	err := e.setLines(path, v)
	if err != nil {
		e.lines = saved // nothing half-done survives a failed edit
	}
	return err
}

func (e *Editor) setLines(path, v string) error {
	d := e.doc
	keys := strings.Split(path, ".")
	for _, k := range keys {
		if k == "" {
			return fmt.Errorf("%s: %w: bad field path %q", d.File, ErrEdit, path)
		}
	}
	parent := d.Root
	for i, k := range keys {
		key := GetKey(parent, k)
		if key == nil {
			return e.insert(parent, keys[:i], keys[i:], v)
		}
		val := Get(parent, k)
		if i == len(keys)-1 {
			if val.Kind != yaml.ScalarNode {
				return fmt.Errorf("%s:%d: %w: %s is a %s, not a single value", d.File, d.Line(key), ErrEdit, path, kindName(val))
			}
			return e.replace(key, val, path, v)
		}
		switch {
		case val.Kind == yaml.MappingNode && val.Style&yaml.FlowStyle == 0 && len(val.Content) > 0:
			parent = val
		case val.Kind == yaml.ScalarNode && val.Tag == "!!null" && val.Value == "" ||
			val.Kind == yaml.MappingNode && val.Style&yaml.FlowStyle != 0 && len(val.Content) == 0:
			// `confirmation:` with nothing, or `confirmation: {}`: start its block.
			return e.startBlock(key, val, keys[i+1:], v)
		default:
			return fmt.Errorf("%s:%d: %w: %s is a %s, not a block of fields", d.File, d.Line(key), ErrEdit,
				strings.Join(keys[:i+1], "."), kindName(val))
		}
	}
	return nil
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		if n.Style&yaml.FlowStyle != 0 {
			return "{...} mapping"
		}
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	}
	return "value"
}

// fileIndex converts a node's front-matter line into an index into e.lines.
func (e *Editor) fileIndex(n *yaml.Node) int { return e.doc.Line(n) - 1 }

// frontEnd returns the index of the closing --- line.
func (e *Editor) frontEnd() int { return e.doc.BodyLine - 2 }

// replace rewrites the value of key (whose value node is val) with v.
func (e *Editor) replace(key, val *yaml.Node, path, v string) error {
	d := e.doc
	li := e.fileIndex(key)
	line := e.lines[li].text
	start := runeOffset(line, key.Column-1)
	colon := keyEnd(line, start)
	if colon < 0 {
		return fmt.Errorf("%s:%d: %w: cannot find the colon after %s", d.File, li+1, ErrEdit, path)
	}
	prefix := line[:colon+1]
	rest := line[colon+1:]
	last := e.extentEnd(val, li)
	multi := last > li || val.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0
	var comment, gap string
	if !multi {
		valEnd := scalarEnd(rest)
		tail := rest[valEnd:]
		if c := strings.Index(tail, "#"); c >= 0 {
			comment = tail[c:]
			// Keep the comment at its column when the new value fits.
			newWidth := runewidth.StringWidth(v)
			if v != "" {
				newWidth++ // the space after the colon
			}
			pad := runewidth.StringWidth(tail[:c]) + runewidth.StringWidth(rest[:valEnd]) - newWidth
			gap = strings.Repeat(" ", max(pad, 1))
		}
	} else if t := strings.TrimSpace(rest); strings.HasPrefix(t, "|") || strings.HasPrefix(t, ">") {
		// A block scalar's indicator line (`note: |  # why`) keeps its comment.
		if c := strings.Index(rest, " #"); c >= 0 {
			comment, gap = rest[c+1:], " "
		}
	}
	text := prefix
	if v != "" {
		text += " " + v
	}
	if comment != "" {
		text += gap + comment
	}
	e.lines[li].text = text
	if multi {
		e.lines = append(e.lines[:li+1], e.lines[last+1:]...)
	}
	return e.reparse(path, v)
}

// runeOffset returns the byte offset of the rune at index col (0-based) in s;
// yaml.v3 counts columns in characters.
func runeOffset(s string, col int) int {
	off := 0
	for i := 0; i < col && off < len(s); i++ {
		_, w := utf8.DecodeRuneInString(s[off:])
		off += w
	}
	return off
}

// keyEnd returns the byte index of the colon ending the key that starts at
// byte start of line, or -1.
func keyEnd(line string, start int) int {
	i := start
	if i < len(line) && (line[i] == '"' || line[i] == '\'') {
		q := line[i]
		for i++; i < len(line); i++ {
			if line[i] == '\\' && q == '"' {
				i++
				continue
			}
			if line[i] == q {
				if q == '\'' && i+1 < len(line) && line[i+1] == '\'' {
					i++
					continue
				}
				i++
				break
			}
		}
	}
	for ; i < len(line); i++ {
		if line[i] == ':' && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t') {
			return i
		}
	}
	return -1
}

// scalarEnd returns the byte length of the scalar at the start of rest (the
// text after "key:"), including the spaces before it but not those after.
func scalarEnd(rest string) int {
	i := 0
	for i < len(rest) && rest[i] == ' ' {
		i++
	}
	if i == len(rest) || rest[i] == '#' {
		return 0
	}
	switch rest[i] {
	case '"', '\'':
		q := rest[i]
		for j := i + 1; j < len(rest); j++ {
			if rest[j] == '\\' && q == '"' {
				j++
				continue
			}
			if rest[j] == q {
				if q == '\'' && j+1 < len(rest) && rest[j+1] == '\'' {
					j++
					continue
				}
				return j + 1
			}
		}
		return len(strings.TrimRight(rest, " "))
	}
	end := len(rest)
	if c := strings.Index(rest[i:], " #"); c >= 0 {
		end = i + c
	}
	return len(strings.TrimRight(rest[:end], " \t"))
}

// extentEnd returns the index of the last line that belongs to the value
// n whose key is on line li: up to the line before the next node of the
// front matter, without trailing blank and comment lines.
func (e *Editor) extentEnd(n *yaml.Node, li int) int {
	maxIdx := max(li, e.fileIndex(&yaml.Node{Line: subtreeMaxLine(n)}))
	next := e.frontEnd()
	walk(e.doc.Root, func(m *yaml.Node) {
		if l := e.fileIndex(m); l > maxIdx && l < next {
			next = l
		}
	})
	last := next - 1
	for last > li && isBlankOrComment(e.lines[last].text) {
		last--
	}
	if last < li {
		last = li
	}
	return last
}

func isBlankOrComment(s string) bool {
	t := strings.TrimSpace(s)
	return t == "" || strings.HasPrefix(t, "#")
}

func subtreeMaxLine(n *yaml.Node) int {
	m := n.Line
	walk(n, func(c *yaml.Node) {
		if c.Line > m {
			m = c.Line
		}
	})
	return m
}

func walk(n *yaml.Node, fn func(*yaml.Node)) {
	if n == nil {
		return
	}
	fn(n)
	for _, c := range n.Content {
		walk(c, fn)
	}
}

// indentUnit guesses the document's indentation step from its first nested
// block mapping or sequence; 2 when there is none.
func (e *Editor) indentUnit() int {
	unit := 0
	var find func(n *yaml.Node)
	find = func(n *yaml.Node) {
		if unit > 0 || n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0 && v.Column > k.Column {
				unit = v.Column - k.Column
				return
			}
		}
	}
	find(e.doc.Root)
	if unit <= 0 {
		unit = 2
	}
	return unit
}

// insert adds keys (the first of which is missing from parent, a block
// mapping at path have) with value v after the last line of parent.
func (e *Editor) insert(parent *yaml.Node, have, keys []string, v string) error {
	d := e.doc
	var at, indent int
	if parent == d.Root && len(parent.Content) == 0 {
		at, indent = e.frontEnd(), 0
	} else {
		first := parent.Content[0]
		indent = first.Column - 1
		at = e.extentEnd(parent, e.fileIndex(first)) + 1
	}
	e.insertLines(at, e.block(indent, keys, v))
	return e.reparse(strings.Join(append(append([]string(nil), have...), keys...), "."), v)
}

// startBlock fills the empty value of key (`confirmation:` or
// `confirmation: {}`) with the nested keys.
func (e *Editor) startBlock(key, val *yaml.Node, keys []string, v string) error {
	d := e.doc
	li := e.fileIndex(key)
	line := e.lines[li].text
	colon := keyEnd(line, runeOffset(line, key.Column-1))
	if colon < 0 {
		return fmt.Errorf("%s:%d: %w: cannot find the colon after %s", d.File, li+1, ErrEdit, key.Value)
	}
	if val.Kind == yaml.MappingNode { // `key: {}  # comment`: drop the {}
		rest := strings.Replace(line[colon+1:], "{}", "  ", 1)
		if strings.TrimSpace(rest) == "" {
			rest = ""
		}
		e.lines[li].text = line[:colon+1] + rest
	}
	indent := key.Column - 1 + e.indentUnit()
	e.insertLines(li+1, e.block(indent, keys, v))
	return e.reparse(keyPath(d.Root, key)+"."+strings.Join(keys, "."), v)
}

// keyPath returns the dotted path of a key node inside root.
func keyPath(root, key *yaml.Node) string {
	var path []string
	var find func(n *yaml.Node, p []string) bool
	find = func(n *yaml.Node, p []string) bool {
		if n.Kind != yaml.MappingNode {
			return false
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			q := append(append([]string(nil), p...), n.Content[i].Value)
			if n.Content[i] == key {
				path = q
				return true
			}
			if find(n.Content[i+1], q) {
				return true
			}
		}
		return false
	}
	find(root, nil)
	return strings.Join(path, ".")
}

// block returns the lines "key:" nesting down to "last: v", each level
// indented one more step.
func (e *Editor) block(indent int, keys []string, v string) []string {
	unit := e.indentUnit()
	var out []string
	for i, k := range keys {
		l := strings.Repeat(" ", indent+i*unit) + ScalarText(k) + ":"
		if i == len(keys)-1 && v != "" {
			l += " " + v
		}
		out = append(out, l)
	}
	return out
}

func (e *Editor) insertLines(at int, texts []string) {
	// New lines end like the line they follow, so a file with old Mac
	// line endings (a lone CR) stays consistent.
	eol := e.eol
	if at > 0 && e.lines[at-1].eol != "" {
		eol = e.lines[at-1].eol
	}
	add := make([]srcLine, len(texts))
	for i, t := range texts {
		add[i] = srcLine{t, eol}
	}
	e.lines = append(e.lines[:at], append(add, e.lines[at:]...)...)
}

// reparse parses the edited text and checks that path now reads as v.
func (e *Editor) reparse(path, v string) error {
	old := e.doc
	src := e.Bytes()
	d, fs := Parse(old.File, src)
	if d == nil {
		return fmt.Errorf("%s: %w: setting %s would break the file: %s", old.File, ErrEdit, path, fs[0].Message)
	}
	got := Lookup(d.Root, path)
	want := e.want
	if got == nil || got.Kind != yaml.ScalarNode || got.Value != want {
		return fmt.Errorf("%s: %w: %s did not read back as %q", old.File, ErrEdit, path, want)
	}
	e.doc = d
	e.lines = splitLines(bytes.TrimPrefix(src, bom))
	return nil
}
