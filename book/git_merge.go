package book

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
	"gopkg.in/yaml.v3"

	"github.com/acctbook/acct/document"
)

// The three-way merge of sync (issue 4): a document changed on both sides is
// merged field by field in its front matter and line by line in its body;
// only what both sides changed differently becomes a conflict, written with
// git's markers around just the conflicting lines.

// MergeLabels name the two sides in conflict markers, e.g.
// "ours (李明, 2026-03-01)" and "theirs (王军, 2026-03-02)".
type MergeLabels struct {
	Ours, Theirs string
}

// MergeConflict is one conflict left in a merged file: Field is the dotted
// front-matter path ("financials.2025.inventory_days") or "" for body
// lines; Line is the 1-based line of the <<<<<<< marker in the merged file.
type MergeConflict struct {
	Field string
	Line  int
}

// hunk is one change of a side against the base: base lines [start, end)
// are replaced by lines.
type hunk struct {
	start, end int
	lines      []string
}

// splitLines splits text into lines that keep their "\n".
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	out := strings.SplitAfter(s, "\n")
	if out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// diffLines returns the hunks that turn a into b, line by line (a minimal
// line diff from github.com/sergi/go-diff).
func diffLines(a, b []string) []hunk {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	ra, rb, _ := dmp.DiffLinesToRunes(strings.Join(a, ""), strings.Join(b, ""))
	diffs := dmp.DiffMainRunes(ra, rb, false)
	var out []hunk
	ia, ib := 0, 0
	var cur *hunk
	flush := func() {
		if cur != nil {
			out = append(out, *cur)
			cur = nil
		}
	}
	for _, d := range diffs {
		n := len([]rune(d.Text))
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			flush()
			ia += n
			ib += n
		case diffmatchpatch.DiffDelete:
			if cur == nil {
				cur = &hunk{start: ia, end: ia}
			}
			ia += n
			cur.end = ia
		case diffmatchpatch.DiffInsert:
			if cur == nil {
				cur = &hunk{start: ia, end: ia}
			}
			cur.lines = append(cur.lines, b[ib:ib+n]...)
			ib += n
		}
	}
	flush()
	return out
}

// overlaps reports whether hunks x and y of the two sides touch the same
// base lines: ranges that intersect, two insertions at one place, or an
// insertion inside a replaced range.
func overlaps(x, y hunk) bool {
	xe, ye := x.start == x.end, y.start == y.end
	switch {
	case xe && ye:
		return x.start == y.start
	case xe:
		return y.start < x.start && x.start < y.end
	case ye:
		return x.start < y.start && y.start < x.end
	}
	return x.start < y.end && y.start < x.end
}

// mergeLines merges ours and theirs, both derived from base, line by line
// (diff3). Conflicting regions are written between markers; conflicts
// returns the 0-based output line of each <<<<<<< marker.
func mergeLines(base, ours, theirs []string, labels MergeLabels) (out []string, conflicts []int) {
	ho, ht := diffLines(base, ours), diffLines(base, theirs)
	type side struct {
		h    hunk
		ours bool
	}
	all := make([]side, 0, len(ho)+len(ht))
	for _, h := range ho {
		all = append(all, side{h, true})
	}
	for _, h := range ht {
		all = append(all, side{h, false})
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].h.start != all[j].h.start {
			return all[i].h.start < all[j].h.start
		}
		return all[i].h.end < all[j].h.end
	})
	pos := 0
	for i := 0; i < len(all); {
		// Group hunks that overlap one another (transitively).
		group := []side{all[i]}
		lo, hi := all[i].h.start, all[i].h.end
		j := i + 1
		for j < len(all) {
			x := all[j]
			inc := x.h.start < hi
			for _, g := range group {
				if !inc && g.ours != x.ours && overlaps(g.h, x.h) {
					inc = true
				}
			}
			if !inc {
				break
			}
			group = append(group, x)
			if x.h.end > hi {
				hi = x.h.end
			}
			j++
		}
		i = j
		out = append(out, base[pos:lo]...)
		pos = hi
		var hasO, hasT bool
		for _, g := range group {
			if g.ours {
				hasO = true
			} else {
				hasT = true
			}
		}
		// Each side's text over base[lo:hi].
		render := func(isOurs bool) []string {
			var r []string
			p := lo
			for _, g := range group {
				if g.ours != isOurs {
					continue
				}
				r = append(r, base[p:g.h.start]...)
				r = append(r, g.h.lines...)
				p = g.h.end
			}
			return append(r, base[p:hi]...)
		}
		o, t := render(true), render(false)
		switch {
		case !hasT:
			out = append(out, o...)
		case !hasO:
			out = append(out, t...)
		case equalLines(o, t):
			out = append(out, o...)
		default:
			r, cs := refineConflict(base[lo:hi], o, t, labels)
			for _, c := range cs {
				conflicts = append(conflicts, len(out)+c)
			}
			out = append(out, r...)
		}
	}
	out = append(out, base[pos:]...)
	return out, conflicts
}

// refineConflict narrows a conflicting region to the lines that really
// differ: when every side has as many lines as the base, line by line
// (a line changed on one side only is taken from it); otherwise by
// trimming the lines both sides share at the start and the end.
func refineConflict(b, o, t []string, labels MergeLabels) (out []string, conflicts []int) {
	if len(o) == len(b) && len(t) == len(b) {
		var co, ct []string
		flush := func() {
			if len(co) > 0 {
				conflicts = append(conflicts, len(out))
				out = append(out, conflictBlock(co, ct, labels)...)
				co, ct = nil, nil
			}
		}
		for i := range b {
			switch {
			case o[i] == t[i]:
				flush()
				out = append(out, o[i])
			case o[i] == b[i]:
				flush()
				out = append(out, t[i])
			case t[i] == b[i]:
				flush()
				out = append(out, o[i])
			default:
				co = append(co, o[i])
				ct = append(ct, t[i])
			}
		}
		flush()
		return out, conflicts
	}
	p := 0
	for p < len(o) && p < len(t) && o[p] == t[p] {
		p++
	}
	s := 0
	for s < len(o)-p && s < len(t)-p && o[len(o)-1-s] == t[len(t)-1-s] {
		s++
	}
	out = append(out, o[:p]...)
	conflicts = append(conflicts, len(out))
	out = append(out, conflictBlock(o[p:len(o)-s], t[p:len(t)-s], labels)...)
	out = append(out, o[len(o)-s:]...)
	return out, conflicts
}

func equalLines(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// conflictBlock writes ours and theirs between git's conflict markers,
// making sure each side ends with a newline so the markers stay on their
// own lines.
func conflictBlock(o, t []string, labels MergeLabels) []string {
	var out []string
	out = append(out, "<<<<<<< "+labels.Ours+"\n")
	out = append(out, terminated(o)...)
	out = append(out, "=======\n")
	out = append(out, terminated(t)...)
	out = append(out, ">>>>>>> "+labels.Theirs+"\n")
	return out
}

func terminated(lines []string) []string {
	if n := len(lines); n > 0 && !strings.HasSuffix(lines[n-1], "\n") {
		lines = append(append([]string(nil), lines[:n-1]...), lines[n-1]+"\n")
	}
	return lines
}

// MergeText merges two versions of a text file line by line against their
// common base (empty when the file was added on both sides). It returns the
// merged text and one MergeConflict per conflicting region.
func MergeText(base, ours, theirs []byte, labels MergeLabels) ([]byte, []MergeConflict) {
	out, cs := mergeLines(splitLines(string(base)), splitLines(string(ours)), splitLines(string(theirs)), labels)
	var conflicts []MergeConflict
	for _, c := range cs {
		conflicts = append(conflicts, MergeConflict{Line: c + 1})
	}
	return []byte(strings.Join(out, "")), conflicts
}

// MergeDocument merges two versions of a book document (Markdown with YAML
// front matter, FORMAT.md section 2) against their common base (empty when
// added on both sides): the front matter field by field (different fields
// are both kept, the same change is fine, sequences of periods, suppliers,
// steps or family members are matched by their period / name / action /
// relation, lists of plain values as sets), the body line by line. A field
// changed differently on both sides, or body lines changed differently,
// become conflicts between markers in the returned text. Files that do
// not parse are merged as plain text.
func MergeDocument(base, ours, theirs []byte, labels MergeLabels) ([]byte, []MergeConflict) {
	// A clean line merge keeps every byte of formatting: prefer it when its
	// result is still a valid document.
	if out, cs := MergeText(base, ours, theirs, labels); len(cs) == 0 {
		if d, fs := document.Parse("", out); d != nil && len(fs) == 0 {
			return out, nil
		}
	}
	pb, okb := parseForMerge(base)
	po, oko := parseForMerge(ours)
	pt, okt := parseForMerge(theirs)
	if !okb || !oko || !okt {
		return MergeText(base, ours, theirs, labels)
	}
	m := &nodeMerger{}
	merged := m.node(pb.Root, po.Root, pt.Root, "")
	var front []string
	var conflicts []MergeConflict
	switch {
	case len(m.conflicts) == 0 && nodeEqual(merged, po.Root):
		front = splitLines(po.front)
	case len(m.conflicts) == 0 && nodeEqual(merged, pt.Root):
		front = splitLines(pt.front)
	default:
		var err error
		front, conflicts, err = m.render(merged, labels)
		if err != nil {
			return MergeText(base, ours, theirs, labels)
		}
	}
	body, bcs := mergeLines(splitLines(pb.body), splitLines(po.body), splitLines(pt.body), labels)
	var buf bytes.Buffer
	if po.d.BOM {
		buf.WriteString("\xef\xbb\xbf")
	}
	buf.WriteString("---\n")
	buf.WriteString(strings.Join(terminated(front), ""))
	buf.WriteString("---\n")
	bodyStart := 2 + len(front) + 1
	buf.WriteString(strings.Join(body, ""))
	for _, c := range bcs {
		conflicts = append(conflicts, MergeConflict{Line: bodyStart + c})
	}
	for i := range conflicts {
		if conflicts[i].Field != "" {
			conflicts[i].Line++ // after the opening ---
		}
	}
	out := buf.Bytes()
	if po.d.CRLF {
		out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
	}
	return out, conflicts
}

// parsedDoc is a document split for merging: its front matter text and
// tree, and its body (LF line endings).
type parsedDoc struct {
	d     *document.Document
	Root  *yaml.Node
	front string
	body  string
}

func parseForMerge(src []byte) (*parsedDoc, bool) {
	if len(bytes.TrimSpace(src)) == 0 {
		return &parsedDoc{d: &document.Document{}, Root: &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}}, true
	}
	d, fs := document.Parse("", src)
	if d == nil || len(fs) > 0 {
		return nil, false
	}
	text := bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
	lines := splitLines(string(text))
	// Parse succeeded, so lines[0] is the opening fence and the closing one
	// is the line before the body.
	closing := d.BodyLine - 2
	if closing < 1 || closing > len(lines) {
		return nil, false
	}
	front := strings.Join(lines[1:closing], "")
	// document.Parse may build Root with its fast decoder, which records no
	// comments; a merged front matter is re-encoded from these trees, so
	// decode it with yaml.v3 to keep the comments (template guidance and
	// people's notes).
	root := d.Root
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(front), &n); err == nil && len(n.Content) == 1 && n.Content[0].Kind == yaml.MappingNode {
		root = n.Content[0]
	}
	return &parsedDoc{d: d, Root: root, front: front, body: strings.Join(lines[closing+1:], "")}, true
}

// nodeConflict is a front-matter field both sides changed differently.
type nodeConflict struct {
	path        string
	key         string
	ours, their *yaml.Node // nil: the side deleted the field
	token       string
}

// nodeMerger merges yaml.Node trees three ways, collecting conflicts.
type nodeMerger struct {
	conflicts []*nodeConflict
}

// node merges one value; nil means absent. The result shares nodes with
// the inputs. Conflicts are returned as placeholder scalars.
func (m *nodeMerger) node(b, o, t *yaml.Node, path string) *yaml.Node {
	switch {
	case nodeEqual(o, t):
		return o
	case nodeEqual(b, o):
		return t
	case nodeEqual(b, t):
		return o
	}
	if o != nil && t != nil && o.Kind == yaml.MappingNode && t.Kind == yaml.MappingNode && (b == nil || b.Kind == yaml.MappingNode) {
		return m.mapping(b, o, t, path)
	}
	if o != nil && t != nil && o.Kind == yaml.SequenceNode && t.Kind == yaml.SequenceNode && (b == nil || b.Kind == yaml.SequenceNode) {
		if r := m.sequence(b, o, t, path); r != nil {
			return r
		}
	}
	return m.conflict(path, o, t)
}

func (m *nodeMerger) conflict(path string, o, t *yaml.Node) *yaml.Node {
	c := &nodeConflict{path: path, ours: o, their: t, token: fmt.Sprintf("ACCT-MERGE-CONFLICT-%d-7f3a", len(m.conflicts))}
	m.conflicts = append(m.conflicts, c)
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: c.token}
}

// mapping merges key by key, in ours' order with theirs' new keys after
// the key that precedes them in theirs.
func (m *nodeMerger) mapping(b, o, t *yaml.Node, path string) *yaml.Node {
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: o.Tag, Style: o.Style, HeadComment: o.HeadComment, LineComment: o.LineComment, FootComment: o.FootComment}
	keys := mergeKeyOrder(mapKeys(o), mapKeys(t))
	for _, k := range keys {
		ko, vo := mapGet(o, k)
		kt, vt := mapGet(t, k)
		_, vb := mapGet(b, k)
		v := m.node(vb, vo, vt, joinField(path, k))
		if v == nil {
			continue
		}
		key := ko
		if key == nil {
			key = kt
		}
		if c := m.lastConflictFor(v); c != nil {
			c.key = k
		}
		out.Content = append(out.Content, key, v)
	}
	return out
}

func (m *nodeMerger) lastConflictFor(v *yaml.Node) *nodeConflict {
	if v.Kind != yaml.ScalarNode || !strings.HasPrefix(v.Value, "ACCT-MERGE-CONFLICT-") {
		return nil
	}
	for _, c := range m.conflicts {
		if c.token == v.Value {
			return c
		}
	}
	return nil
}

// identityKeys name the field that identifies an item of a list of
// mappings (FORMAT.md sections 3-5: financials by period, incumbents and
// family by name, next_steps by action).
var identityKeys = []string{"period", "name", "action", "relation", "id"}

// sequence merges lists: of mappings by identity key, of scalars as sets.
// It returns nil when the lists cannot be merged item by item.
func (m *nodeMerger) sequence(b, o, t *yaml.Node, path string) *yaml.Node {
	var bItems []*yaml.Node
	if b != nil {
		bItems = b.Content
	}
	all := append(append(append([]*yaml.Node(nil), bItems...), o.Content...), t.Content...)
	out := &yaml.Node{Kind: yaml.SequenceNode, Tag: o.Tag, Style: o.Style, HeadComment: o.HeadComment, LineComment: o.LineComment, FootComment: o.FootComment}
	var idKey string
	scalars := true
	for _, n := range all {
		if n.Kind != yaml.ScalarNode {
			scalars = false
		}
	}
	if !scalars {
		for _, k := range identityKeys {
			ok := true
			seen := map[string]bool{}
			for _, side := range [][]*yaml.Node{bItems, o.Content, t.Content} {
				clear(seen)
				for _, n := range side {
					if n.Kind != yaml.MappingNode {
						ok = false
						break
					}
					_, v := mapGet(n, k)
					if v == nil || v.Kind != yaml.ScalarNode || seen[v.Value] {
						ok = false
						break
					}
					seen[v.Value] = true
				}
			}
			if ok {
				idKey = k
				break
			}
		}
		if idKey == "" {
			return nil
		}
	}
	id := func(n *yaml.Node) string {
		if idKey == "" {
			return n.Tag + "\x00" + n.Value
		}
		_, v := mapGet(n, idKey)
		return v.Value
	}
	index := func(items []*yaml.Node) ([]string, map[string]*yaml.Node) {
		ids := make([]string, 0, len(items))
		byID := map[string]*yaml.Node{}
		for _, n := range items {
			k := id(n)
			if _, dup := byID[k]; dup {
				continue
			}
			ids = append(ids, k)
			byID[k] = n
		}
		return ids, byID
	}
	_, bm := index(bItems)
	oi, om := index(o.Content)
	ti, tm := index(t.Content)
	for _, k := range mergeKeyOrder(oi, ti) {
		label := k
		if idKey == "" {
			if om[k] != nil {
				label = om[k].Value
			} else {
				label = tm[k].Value
			}
		}
		v := m.node(bm[k], om[k], tm[k], joinField(path, label))
		if v == nil {
			continue
		}
		if c := m.lastConflictFor(v); c != nil {
			// A conflict inside a list item that is not a mapping field
			// cannot be marked line by line: conflict on the whole list.
			return nil
		}
		out.Content = append(out.Content, v)
	}
	return out
}

// mergeKeyOrder lists the keys of ours in order, with keys only theirs has
// inserted after the key that precedes them in theirs.
func mergeKeyOrder(ours, theirs []string) []string {
	out := append([]string(nil), ours...)
	have := map[string]bool{}
	for _, k := range ours {
		have[k] = true
	}
	prev := ""
	for _, k := range theirs {
		if !have[k] {
			at := 0
			if prev != "" {
				for i, x := range out {
					if x == prev {
						at = i + 1
					}
				}
			}
			out = append(out[:at], append([]string{k}, out[at:]...)...)
			have[k] = true
		}
		prev = k
	}
	return out
}

func mapKeys(n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	var out []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, n.Content[i].Value)
	}
	return out
}

func mapGet(n *yaml.Node, key string) (k, v *yaml.Node) {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}

func joinField(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

// nodeEqual compares two values by content (kind, resolved tag, value,
// children), ignoring comments, style and position. nil equals only nil.
func nodeEqual(a, b *yaml.Node) bool {
	if a == nil || b == nil {
		return a == b
	}
	for a.Kind == yaml.AliasNode && a.Alias != nil {
		a = a.Alias
	}
	for b.Kind == yaml.AliasNode && b.Alias != nil {
		b = b.Alias
	}
	if a.Kind != b.Kind || len(a.Content) != len(b.Content) {
		return false
	}
	if a.Kind == yaml.ScalarNode && (a.Value != b.Value || a.ShortTag() != b.ShortTag()) {
		return false
	}
	for i := range a.Content {
		if !nodeEqual(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// render encodes the merged front matter and replaces each conflict's
// placeholder line with a block holding ours and theirs.
func (m *nodeMerger) render(root *yaml.Node, labels MergeLabels) ([]string, []MergeConflict, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, nil, err
	}
	enc.Close()
	lines := splitLines(buf.String())
	var conflicts []MergeConflict
	for _, c := range m.conflicts {
		at := -1
		for i, l := range lines {
			if strings.Contains(l, c.token) {
				at = i
				break
			}
		}
		if at < 0 || c.key == "" {
			return nil, nil, fmt.Errorf("conflict %s not placed", c.path)
		}
		line := lines[at]
		indent := len(line) - len(strings.TrimLeft(line, " "))
		prefix := line[:indent]
		for strings.HasPrefix(line[len(prefix):], "- ") {
			prefix += "- "
		}
		side := func(v *yaml.Node) ([]string, error) {
			if v == nil {
				return nil, nil
			}
			var b bytes.Buffer
			e := yaml.NewEncoder(&b)
			e.SetIndent(2)
			kv := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: c.key}, v}}
			if err := e.Encode(kv); err != nil {
				return nil, err
			}
			e.Close()
			out := splitLines(b.String())
			pad := strings.Repeat(" ", len(prefix))
			for i := range out {
				if i == 0 {
					out[i] = prefix + out[i]
				} else {
					out[i] = pad + out[i]
				}
			}
			return out, nil
		}
		o, err := side(c.ours)
		if err != nil {
			return nil, nil, err
		}
		t, err := side(c.their)
		if err != nil {
			return nil, nil, err
		}
		block := conflictBlock(o, t, labels)
		lines = append(lines[:at], append(block, lines[at+1:]...)...)
		conflicts = append(conflicts, MergeConflict{Field: c.path, Line: at + 1})
	}
	// Lines shift as blocks are inserted: recompute marker lines.
	k := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "<<<<<<< ") && k < len(conflicts) {
			conflicts[k].Line = i + 1
			k++
		}
	}
	return lines, conflicts, nil
}

// conflictSummary formats conflicts for a message: "field a.b (line 7)".
func conflictSummary(cs []MergeConflict) string {
	var parts []string
	for _, c := range cs {
		if c.Field != "" {
			parts = append(parts, c.Field+" (line "+strconv.Itoa(c.Line)+")")
		} else {
			parts = append(parts, "body (line "+strconv.Itoa(c.Line)+")")
		}
	}
	return strings.Join(parts, ", ")
}
