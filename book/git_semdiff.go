package book

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/acctbook/acct/document"
)

// FieldChange is one front-matter field that differs between two versions
// of a document. Field is the dotted path with list items named by their
// identity (financials.2025.inventory_days, suppliers.incumbents.竞争对手甲.share);
// Old and New are the values as compact YAML ("" when absent).
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old,omitempty"`
	New   string `json:"new,omitempty"`
	// Added and Removed list items added to / removed from a list of plain
	// values (aliases, consensus, interests), instead of Old and New.
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
}

// DocDiff is the semantic difference of one book file between two states:
// what a sales rep would say changed.
type DocDiff struct {
	// Path is book-relative.
	Path string `json:"file"`
	// Account is the account id the file belongs to ("" outside accounts/).
	Account string `json:"account,omitempty"`
	// Document is "account", "contact", "visit", "purchases" or "file".
	Document string `json:"document"`
	// ID is the contact or visit id.
	ID string `json:"id,omitempty"`
	// Name is how the document is named: the account or contact name, the
	// visit date and purpose.
	Name string `json:"name,omitempty"`
	// Change is added, modified or deleted.
	Change string `json:"change"`
	// Fields are the front-matter changes (modified documents).
	Fields []FieldChange `json:"fields,omitempty"`
	// Summary describes an added or deleted document ("2026-02-25, sent").
	Summary string `json:"summary,omitempty"`
	// BodyAdded and BodyRemoved count changed body lines (whole-file lines
	// for files without front matter).
	BodyAdded   int `json:"body_lines_added"`
	BodyRemoved int `json:"body_lines_removed"`
	// Problem is set when a version cannot be parsed (then only line counts
	// are given).
	Problem string `json:"problem,omitempty"`
}

// DiffDocument compares two versions of book file path (nil: absent) in
// sales terms: front matter field by field, body by counted lines (FORMAT.md
// sections 3-5 name the documents and fields).
func DiffDocument(path string, old, new []byte) DocDiff {
	d := DocDiff{Path: path, Change: "modified"}
	switch {
	case old == nil:
		d.Change = "added"
	case new == nil:
		d.Change = "deleted"
	}
	account, doc, ok := describePath(path)
	d.Account = account
	switch {
	case !ok:
		d.Document = "file"
	case doc == "account":
		d.Document = "account"
	case strings.HasPrefix(doc, "contact "):
		d.Document, d.ID = "contact", strings.TrimPrefix(doc, "contact ")
	case strings.HasPrefix(doc, "visit "):
		d.Document, d.ID = "visit", strings.TrimPrefix(doc, "visit ")
	case strings.HasPrefix(doc, "purchases "):
		d.Document = "purchases"
	default:
		d.Document = "file"
	}
	if !strings.HasSuffix(path, ".md") {
		d.BodyAdded, d.BodyRemoved = countLines(old, new)
		if isBinary(old) || isBinary(new) {
			d.BodyAdded, d.BodyRemoved = 0, 0
			d.Problem = "binary file"
		}
		return d
	}
	var od, nd *document.Document
	if old != nil {
		if od, _ = document.Parse(path, old); od == nil {
			d.Problem = "the old version cannot be parsed"
		}
	}
	if new != nil {
		if nd, _ = document.Parse(path, new); nd == nil {
			d.Problem = "the new version cannot be parsed (run acct check)"
		}
	}
	named := nd
	if named == nil {
		named = od
	}
	if named != nil {
		d.Name = docName(d.Document, named.Root)
		d.Summary = docSummary(d.Document, named.Root)
	}
	if d.Change != "modified" {
		if d.Change == "deleted" {
			d.Summary = ""
		}
		return d
	}
	d.Summary = ""
	if od == nil || nd == nil {
		d.BodyAdded, d.BodyRemoved = countLines(old, new)
		return d
	}
	diffNodes(od.Root, nd.Root, "", &d.Fields)
	d.BodyAdded, d.BodyRemoved = countLines(od.Body, nd.Body)
	return d
}

func countLines(a, b []byte) (added, removed int) {
	for _, h := range diffLines(splitLines(string(a)), splitLines(string(b))) {
		removed += h.end - h.start
		added += len(h.lines)
	}
	return added, removed
}

// docName names a document for people: the account or contact name, the
// visit's date and purpose.
func docName(kind string, root *yaml.Node) string {
	switch kind {
	case "account", "contact":
		return document.Str(document.Get(root, "name"))
	case "visit":
		return strings.TrimSpace(document.Str(document.Get(root, "date")) + " " + document.Str(document.Get(root, "purpose")))
	}
	return ""
}

// docSummary says in a few words what a new document holds.
func docSummary(kind string, root *yaml.Node) string {
	var parts []string
	add := func(s string) {
		if s != "" && !document.IsPlaceholder(s) {
			parts = append(parts, s)
		}
	}
	switch kind {
	case "account":
		if t := document.Str(document.Get(root, "tier")); t != "" && !document.IsPlaceholder(t) {
			add("tier " + t)
		}
		add(document.Str(document.Get(root, "owner")))
	case "contact":
		add(document.Str(document.Get(root, "title")))
		add(document.Str(document.Get(root, "role")))
		add(document.Str(document.Get(root, "stance")))
	case "visit":
		add(document.Str(document.Get(root, "date")))
		add(document.Str(document.Lookup(root, "confirmation.status")))
	}
	return strings.Join(parts, ", ")
}

// diffNodes appends the differences between two values at path.
func diffNodes(a, b *yaml.Node, path string, out *[]FieldChange) {
	if nodeEqual(a, b) {
		return
	}
	if a != nil && b != nil && a.Kind == yaml.MappingNode && b.Kind == yaml.MappingNode {
		for _, k := range mergeKeyOrder(mapKeys(a), mapKeys(b)) {
			_, va := mapGet(a, k)
			_, vb := mapGet(b, k)
			diffNodes(va, vb, joinField(path, k), out)
		}
		return
	}
	if a != nil && b != nil && a.Kind == yaml.SequenceNode && b.Kind == yaml.SequenceNode {
		if diffSequences(a, b, path, out) {
			return
		}
	}
	*out = append(*out, FieldChange{Field: path, Old: compactYAML(a), New: compactYAML(b)})
}

// diffSequences compares lists item by item: lists of plain values as
// sets (added / removed), lists of mappings by identity key (period, name,
// action, relation, id) or else by position. It returns false when the
// lists are better shown whole.
func diffSequences(a, b *yaml.Node, path string, out *[]FieldChange) bool {
	scalars := true
	for _, n := range append(append([]*yaml.Node(nil), a.Content...), b.Content...) {
		if n.Kind != yaml.ScalarNode {
			scalars = false
		}
	}
	if scalars {
		in := func(n *yaml.Node, list []*yaml.Node) bool {
			for _, x := range list {
				if nodeEqual(n, x) {
					return true
				}
			}
			return false
		}
		fc := FieldChange{Field: path}
		for _, n := range b.Content {
			if !in(n, a.Content) {
				fc.Added = append(fc.Added, n.Value)
			}
		}
		for _, n := range a.Content {
			if !in(n, b.Content) {
				fc.Removed = append(fc.Removed, n.Value)
			}
		}
		if len(fc.Added) == 0 && len(fc.Removed) == 0 {
			// Same items, new order.
			fc = FieldChange{Field: path, Old: compactYAML(a), New: compactYAML(b)}
		}
		*out = append(*out, fc)
		return true
	}
	key := ""
	for _, k := range identityKeys {
		ok := true
		for _, side := range [][]*yaml.Node{a.Content, b.Content} {
			seen := map[string]bool{}
			for _, n := range side {
				_, v := mapGet(n, k)
				if v == nil || v.Kind != yaml.ScalarNode || seen[v.Value] {
					ok = false
					break
				}
				seen[v.Value] = true
			}
		}
		if ok {
			key = k
			break
		}
	}
	if key == "" {
		if len(a.Content) != len(b.Content) {
			return false
		}
		for i := range a.Content {
			diffNodes(a.Content[i], b.Content[i], joinField(path, "#"+strconv.Itoa(i+1)), out)
		}
		return true
	}
	ids := func(list []*yaml.Node) ([]string, map[string]*yaml.Node) {
		var order []string
		m := map[string]*yaml.Node{}
		for _, n := range list {
			_, v := mapGet(n, key)
			order = append(order, v.Value)
			m[v.Value] = n
		}
		return order, m
	}
	ao, am := ids(a.Content)
	bo, bm := ids(b.Content)
	for _, id := range mergeKeyOrder(bo, ao) {
		diffNodes(am[id], bm[id], joinField(path, id), out)
	}
	return true
}

// compactYAML renders a value on one line: scalars as written, lists and
// mappings in YAML flow style; "" for nil.
func compactYAML(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	c := flowCopy(n)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	if err := enc.Encode(c); err != nil {
		return fmt.Sprint(n.Value)
	}
	enc.Close()
	return strings.TrimSpace(buf.String())
}

func flowCopy(n *yaml.Node) *yaml.Node {
	c := *n
	c.HeadComment, c.LineComment, c.FootComment = "", "", ""
	if c.Kind == yaml.MappingNode || c.Kind == yaml.SequenceNode {
		c.Style = yaml.FlowStyle
	}
	c.Content = nil
	for _, k := range n.Content {
		c.Content = append(c.Content, flowCopy(k))
	}
	return &c
}

// Lines describes the difference in sales terms, one line per fact:
// "financials 2025 inventory_days: 30 -> 60", "new visit 2026-02-25-kickoff
// (2026-02-25, sent)", "visit 2026-02-25-kickoff (2026-02-25 需求调研):
// confirmation status: sent -> confirmed",
// "body: +3 -1 lines".
func (d DocDiff) Lines() []string {
	what := d.Document
	switch d.Document {
	case "contact":
		what = "contact " + firstNonEmpty(d.Name, d.ID)
	case "visit":
		// The id (file name) tells two visits of one day apart; the date
		// and purpose say which visit it is.
		what = "visit " + firstNonEmpty(d.ID, d.Name)
		if d.Name != "" && d.Name != d.ID {
			what += " (" + d.Name + ")"
		}
	case "purchases", "file":
		what = d.Path
		if d.Account != "" {
			what = strings.TrimPrefix(d.Path, AccountDir(d.Account)+"/")
		}
	case "account":
		what = "account"
	}
	switch d.Change {
	case "added":
		s := "new " + what
		if d.Document == "visit" {
			s = "new visit " + firstNonEmpty(d.ID, d.Summary)
			if d.Summary != "" && d.ID != "" {
				s += " (" + d.Summary + ")"
			}
			return []string{s}
		}
		if d.Summary != "" {
			s += " (" + d.Summary + ")"
		}
		return []string{s}
	case "deleted":
		return []string{"removed " + what}
	}
	var out []string
	prefix := what + ": "
	if d.Document == "account" {
		prefix = ""
	}
	for _, f := range d.Fields {
		field := strings.ReplaceAll(f.Field, ".", " ")
		// A template hint (<行业>, <supporter | neutral>) is no value.
		if document.IsPlaceholder(f.Old) {
			f.Old = ""
		}
		if document.IsPlaceholder(f.New) {
			f.New = ""
		}
		if f.Old == "" && f.New == "" && len(f.Added)+len(f.Removed) == 0 {
			continue // one hint replaced by another
		}
		switch {
		case len(f.Added) > 0 || len(f.Removed) > 0:
			var parts []string
			for _, a := range f.Added {
				parts = append(parts, "+"+a)
			}
			for _, r := range f.Removed {
				parts = append(parts, "-"+r)
			}
			out = append(out, prefix+field+": "+strings.Join(parts, ", "))
		case f.Old == "":
			out = append(out, prefix+field+": (none) -> "+f.New)
		case f.New == "":
			out = append(out, prefix+field+": "+f.Old+" -> (none)")
		default:
			out = append(out, prefix+field+": "+f.Old+" -> "+f.New)
		}
	}
	if d.BodyAdded > 0 || d.BodyRemoved > 0 {
		label := "body: "
		if !strings.HasSuffix(d.Path, ".md") || d.Problem != "" {
			label = "" // "purchases/2026-01.csv: +1 -6 lines"
		}
		out = append(out, fmt.Sprintf("%s%s+%d -%d lines", prefix, label, d.BodyAdded, d.BodyRemoved))
	}
	if d.Problem != "" {
		out = append(out, prefix+d.Problem)
	}
	if len(out) == 0 {
		out = append(out, prefix+"formatting only (comments, spacing or key order)")
	}
	return out
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// FieldValue looks up dotted field (list items by identity value or
// 1-based "#N") in a document's front matter and renders it as YAML text
// (block style, comments dropped). ok is false when the document lacks it
// or cannot be parsed.
func FieldValue(src []byte, field string) (value *yaml.Node, ok bool) {
	d, _ := document.Parse("", src)
	if d == nil || d.Root == nil {
		return nil, false
	}
	n := d.Root
	for _, part := range strings.Split(field, ".") {
		if n, _ = fieldChild(n, part, false); n == nil {
			return nil, false
		}
	}
	return n, true
}

// fieldChild finds the value named part below n: a mapping's key, or a
// list item by identity value (identityKeys) or 1-based "#N". With names
// set it also returns every name that would have found something there.
func fieldChild(n *yaml.Node, part string, names bool) (*yaml.Node, []string) {
	var found *yaml.Node
	var all []string
	switch n.Kind {
	case yaml.MappingNode:
		_, found = mapGet(n, part)
		if names {
			all = mapKeys(n)
		}
	case yaml.SequenceNode:
		if strings.HasPrefix(part, "#") {
			if i, err := strconv.Atoi(part[1:]); err == nil && i >= 1 && i <= len(n.Content) {
				found = n.Content[i-1]
			}
		}
		for _, item := range n.Content {
			for _, k := range identityKeys {
				if _, v := mapGet(item, k); v != nil && v.Kind == yaml.ScalarNode {
					if found == nil && v.Value == part {
						found = item
					}
					if names {
						all = append(all, v.Value)
					}
				}
			}
		}
	}
	return found, all
}

// SuggestField returns the field path nearest to a dotted field that the
// front matter of src lacks (for "did you mean"): each part that names
// nothing is replaced by the closest key or list-item name at its level
// (document.Nearest). It returns "" when src has field, cannot be parsed,
// or no part has a close match.
func SuggestField(src []byte, field string) string {
	d, _ := document.Parse("", src)
	if d == nil || d.Root == nil {
		return ""
	}
	n := d.Root
	parts := strings.Split(field, ".")
	changed := false
	for i, part := range parts {
		next, names := fieldChild(n, part, true)
		if next == nil {
			near := document.Nearest(part, names)
			if near == "" {
				return ""
			}
			next, _ = fieldChild(n, near, false)
			parts[i], changed = near, true
		}
		n = next
	}
	if !changed {
		return ""
	}
	return strings.Join(parts, ".")
}

// RenderValue writes a value as YAML: a scalar as itself, anything else in
// block style without comments.
func RenderValue(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	c := blockCopy(n)
	if err := enc.Encode(c); err != nil {
		return ""
	}
	enc.Close()
	return strings.TrimRight(buf.String(), "\n")
}

func blockCopy(n *yaml.Node) *yaml.Node {
	c := *n
	c.HeadComment, c.LineComment, c.FootComment = "", "", ""
	c.Content = nil
	for _, k := range n.Content {
		c.Content = append(c.Content, blockCopy(k))
	}
	return &c
}
