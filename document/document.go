// Package document reads and edits the Markdown-with-YAML-front-matter files
// of a book (FORMAT.md section 2): it splits the front matter at line 1,
// decodes it into a yaml.Node tree whose lines are counted in the .md file,
// reports broken files as Findings, validates fields against a Schema, and
// rewrites single values in place so that comments, key order, unknown keys,
// a BOM and CRLF line endings survive.
package document

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding/simplifiedchinese"
	"gopkg.in/yaml.v3"
)

// Document is one parsed file. The zero value is not useful; use Parse.
type Document struct {
	// File is the book-relative path with / separators, used in findings.
	File string
	// Src is the file's bytes exactly as read.
	Src []byte
	// BOM reports whether the file started with a UTF-8 byte order mark.
	BOM bool
	// CRLF reports whether the file's lines end in CR LF.
	CRLF bool
	// FrontLine is the 1-based file line of the first front-matter line
	// (the line after the opening ---).
	FrontLine int
	// Root is the front matter's top-level mapping node; an empty front
	// matter gives an empty mapping. Node lines are relative to the front
	// matter: use Line to convert. The nodes may carry no comments (the
	// fast decoder in fastyaml.go does not record them): Root is for
	// reading; edits are made on the text, never by re-encoding Root.
	Root *yaml.Node
	// Body is the Markdown after the closing --- line (LF line endings).
	Body []byte
	// BodyLine is the 1-based file line where Body starts.
	BodyLine int
}

// Line converts a node's line, as yaml.v3 counts it in the front matter,
// into a line of the .md file.
func (d *Document) Line(n *yaml.Node) int {
	if n == nil || n.Line == 0 {
		return 0
	}
	return n.Line + d.FrontLine - 1
}

// Finding builds a finding located at node n (n may be nil: the file itself).
func (d *Document) Finding(n *yaml.Node, sev Severity, rule, field, format string, a ...any) Finding {
	if n != nil {
		return Newf(d.File, d.Line(n), n.Column, sev, rule, field, format, a...)
	}
	return Newf(d.File, 0, 0, sev, rule, field, format, a...)
}

var bom = []byte("\xef\xbb\xbf")

// Parse splits src into front matter and body and decodes the front matter.
// file is the book-relative path used in findings. When the file is broken
// (conflict markers, missing or unclosed front matter, YAML syntax errors,
// tabs or no-break spaces as indentation, a full-width colon as key
// separator) it returns a nil Document and the error findings, at least one;
// FORMAT.md section 8 says such a file gets no other findings. Duplicate keys
// are reported as findings next to a usable Document (the first value wins).
func Parse(file string, src []byte) (*Document, []Finding) { return parse(file, src, nil) }

// parse is Parse with the fast path's nodes and the file's bytes in s (nil:
// new memory).
func parse(file string, src []byte, s *Scratch) (*Document, []Finding) {
	if s != nil {
		src = s.copyBytes(src)
	}
	d := &Document{File: file, Src: src}
	text := src
	if bytes.HasPrefix(text, bom) {
		d.BOM = true
		text = text[len(bom):]
	}
	if i := bytes.IndexByte(text, '\n'); i > 0 && text[i-1] == '\r' {
		d.CRLF = true
	}
	if bytes.IndexByte(text, '\r') >= 0 {
		text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
		text = bytes.ReplaceAll(text, []byte("\r"), []byte("\n"))
	}
	fail := func(line, col int, rule, format string, a ...any) (*Document, []Finding) {
		return nil, []Finding{Newf(file, line, col, SeverityError, rule, "", format, a...)}
	}
	if isUTF16(src) {
		return fail(1, 0, RuleFrontMatter, "the file is UTF-16 (what Windows Notepad may save as \"Unicode\"); save it as UTF-8")
	}
	if !utf8.Valid(text) {
		line := 1 + bytes.Count(text[:invalidUTF8At(text)], []byte("\n"))
		if dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(text); err == nil && !bytes.ContainsRune(dec, utf8.RuneError) {
			return fail(line, 0, RuleFrontMatter, "the file is not UTF-8 but looks like GBK/GB18030 (what Chinese Windows editors save); save it as UTF-8")
		}
		return fail(line, 0, RuleFrontMatter, "the file is not valid UTF-8; save it as UTF-8")
	}
	var str string
	if s != nil && len(text) > 0 {
		// The bytes stay as they are until s is reset, and no string
		// made from them is kept: the fast path copies the values it
		// hands out (copyValues, keys interned), yaml.v3 decodes a copy,
		// and findings are formatted. So the text need not be copied.
		str = unsafe.String(unsafe.SliceData(text), len(text))
	} else {
		str = string(text)
	}
	if bytes.Contains(text, []byte("<<<<<<<")) || bytes.Contains(text, []byte(">>>>>>>")) || bytes.Contains(text, []byte("=======")) {
		if fs := conflictMarkers(file, strings.Split(str, "\n")); len(fs) > 0 {
			return nil, fs
		}
	}
	first, rest, _ := strings.Cut(str, "\n")
	if !isFence(first) {
		for i, l := range strings.Split(str, "\n") {
			if isFence(l) {
				return fail(i+1, 1, RuleFrontMatter, "front matter must start on line 1 with ---; remove the %d line(s) above it", i)
			}
		}
		return fail(1, 1, RuleFrontMatter, "no front matter: the file must start with a --- line, the YAML fields, and a closing --- line")
	}
	// Find the closing fence without splitting the whole file.
	var frontBuf [64]string // on the stack for a typical front matter
	front := frontBuf[:0]
	end, frontLen := -1, 0
	for line := 2; rest != ""; line++ {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		if len(l) >= 3 && (l[0] == '-' || l[0] == '.') && (isFence(l) || strings.TrimRight(l, " \t") == "...") {
			end = line
			break
		}
		front = append(front, l)
		frontLen += len(l) + 1
	}
	if end < 0 {
		return fail(1, 1, RuleFrontMatter, "unclosed front matter: the --- on line 1 has no closing --- line")
	}
	d.FrontLine = 2
	d.BodyLine = end + 1
	if s != nil {
		d.Body = text[len(text)-len(rest):]
	} else {
		d.Body = []byte(rest)
	}
	if fs := lintLines(d, front); len(fs) > 0 {
		return nil, fs
	}
	var root yaml.Node
	frontText := str[len(first)+1 : len(first)+1+frontLen]
	if n, ok := parseFastIn(frontText, s); ok {
		root = *n
	} else if err := yaml.Unmarshal([]byte(frontText), &root); err != nil {
		line, msg := yamlErrorLine(err)
		if strings.HasPrefix(msg, "did not find expected") || strings.HasPrefix(msg, "found undefined tag") {
			// yaml.v3 reports parser (not scanner) errors with a 0-based line.
			line++
		}
		if line > 0 {
			line += d.FrontLine - 1
		}
		if strings.Contains(msg, "control characters are not allowed") {
			if l, col, r, ok := controlChar(front); ok {
				return fail(l+d.FrontLine, col, RuleYAMLSyntax, "the control character %U is not allowed in the front matter; delete it", r)
			}
		}
		if strings.Contains(msg, "mapping values are not allowed") {
			msg += ` (a value holding ": " must be quoted)`
		}
		return fail(line, 0, RuleYAMLSyntax, "YAML syntax: %s", msg)
	}
	switch {
	case root.Kind == 0: // empty front matter
		d.Root = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	case root.Kind == yaml.DocumentNode && len(root.Content) == 1 && root.Content[0].Kind == yaml.MappingNode:
		d.Root = root.Content[0]
	default:
		n := &root
		if len(root.Content) > 0 {
			n = root.Content[0]
		}
		return fail(d.Line(n), n.Column, RuleFrontMatter, "the front matter must be a list of `key: value` fields")
	}
	return d, duplicateKeys(d, d.Root, "")
}

// isFence reports whether a line is a front-matter delimiter.
func isFence(l string) bool { return strings.TrimRight(l, " \t") == "---" }

var markerRE = regexp.MustCompile(`^(<{7}|={7}|>{7}|\|{7})( |$)`)

// conflictMarkers reports every line git's merge writes around a conflict.
func conflictMarkers(file string, lines []string) []Finding {
	var fs []Finding
	for i, l := range lines {
		if len(l) < 7 || !markerRE.MatchString(l) {
			continue
		}
		if strings.HasPrefix(l, "<<<<<<<") {
			fs = append(fs, Newf(file, i+1, 1, SeverityError, RuleConflictMarker, "", "unresolved merge conflict: keep the right lines between <<<<<<<, ======= and >>>>>>>, then delete the three marker lines"))
		}
	}
	if len(fs) == 0 {
		// A lone ======= or >>>>>>> still means a half-resolved conflict.
		for i, l := range lines {
			if len(l) >= 7 && markerRE.MatchString(l) && (strings.HasPrefix(l, ">>>>>>>") || strings.HasPrefix(l, "=======") && i > 0) {
				if strings.HasPrefix(l, "=======") && strings.TrimSpace(l) == "=======" && !hasMarker(lines, ">>>>>>>") {
					continue // a Markdown setext heading underline, not a conflict
				}
				fs = append(fs, Newf(file, i+1, 1, SeverityError, RuleConflictMarker, "", "left-over merge conflict marker: delete this line once the conflict is resolved"))
				break
			}
		}
	}
	return fs
}

func hasMarker(lines []string, prefix string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

var fullWidthKeyRE = regexp.MustCompile(`^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_-]*\s*：`)

// lintLines catches what YAML would misread or report obscurely: tabs and
// no-break or ideographic spaces used as indentation, and a full-width colon
// after a key. Each gets a message saying what to type instead.
func lintLines(d *Document, front []string) []Finding {
	var fs []Finding
	for i, l := range front {
		line := i + d.FrontLine
		if l == "" || l[0] != ' ' && l[0] != '\t' && l[0] != 0xc2 && l[0] != 0xe3 && !strings.Contains(l, "：") && !strings.Contains(l, "\u00a0") {
			continue
		}
		for col, r := range l {
			if r == ' ' {
				continue
			}
			switch r {
			case '\t':
				fs = append(fs, Newf(d.File, line, col+1, SeverityError, RuleYAMLSyntax, "", "a tab is used for indentation; YAML needs spaces (indent with two spaces)"))
			case '\u00a0', '\u3000':
				fs = append(fs, Newf(d.File, line, col+1, SeverityError, RuleYAMLSyntax, "", "a %s is used for indentation; YAML needs plain spaces", spaceName(r)))
			}
			break
		}
		if i := strings.Index(l, ":\u00a0"); i >= 0 && fullWidthKeyRE.MatchString(l[:i]+"：") {
			fs = append(fs, Newf(d.File, line, utf8.RuneCountInString(l[:i])+2, SeverityError, RuleYAMLSyntax, "", "a no-break space (U+00A0) follows the colon; YAML needs a plain space after `key:`"))
		}
		if strings.Contains(l, "：") && fullWidthKeyRE.MatchString(l) && !strings.HasPrefix(strings.TrimSpace(l), "#") {
			col := utf8.RuneCountInString(l[:strings.Index(l, "：")]) + 1
			fs = append(fs, Newf(d.File, line, col, SeverityError, RuleYAMLSyntax, "", "a full-width colon ： separates the key from its value; type an ASCII colon and a space (: )"))
		}
	}
	return fs
}

// isUTF16 reports whether src is UTF-16 text: it starts with a UTF-16 byte
// order mark, or one of its first two bytes is NUL (an ASCII character in
// UTF-16, such as the opening -).
func isUTF16(src []byte) bool {
	return bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) ||
		len(src) >= 2 && (src[0] == 0) != (src[1] == 0)
}

// controlChar finds the first character in lines that YAML does not allow
// (yaml.v3's is_printable): it returns its 0-based line, 1-based column and
// the character.
func controlChar(lines []string) (line, col int, r rune, ok bool) {
	for i, l := range lines {
		col := 0
		for _, r := range l {
			col++
			if r == '\t' || r == '\r' || r >= 0x20 && r <= 0x7e || r == 0x85 || r >= 0xa0 && r <= 0xd7ff ||
				r >= 0xe000 && r <= 0xfffd && r != 0xfeff || r >= 0x10000 && r <= 0x10ffff {
				continue
			}
			return i, col, r, true
		}
	}
	return 0, 0, 0, false
}

// invalidUTF8At returns the offset of the first byte that is not valid UTF-8.
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func spaceName(r rune) Phrase {
	if r == '\u3000' {
		return "full-width space (U+3000)"
	}
	return "no-break space (U+00A0)"
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlErrorLine pulls the line out of a yaml.v3 error message.
func yamlErrorLine(err error) (int, string) {
	msg := err.Error()
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		var n int
		fmt.Sscan(m[1], &n)
		return n, m[2]
	}
	return 0, strings.TrimPrefix(msg, "yaml: ")
}

// duplicateKeys reports keys given twice in one mapping, anywhere in the tree.
func duplicateKeys(d *Document, n *yaml.Node, path string) []Finding {
	var fs []Finding
	switch n.Kind {
	case yaml.MappingNode:
		var seen map[string]*yaml.Node // only for large mappings
		if len(n.Content) > 64 {
			seen = make(map[string]*yaml.Node, len(n.Content)/2)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			first, ok := seen[k.Value]
			if seen == nil {
				for j := 0; j < i; j += 2 {
					if n.Content[j].Value == k.Value {
						first, ok = n.Content[j], true
						break
					}
				}
			}
			if ok {
				fs = append(fs, d.Finding(k, SeverityError, RuleDuplicateKey, joinPath(path, k.Value),
					"duplicate key `%s` (first given on line %d); keep one", k.Value, d.Line(first)))
				continue
			}
			if seen != nil {
				seen[k.Value] = k
			}
			if v := n.Content[i+1]; v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode {
				fs = append(fs, duplicateKeys(d, v, joinPath(path, k.Value))...)
			}
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			fs = append(fs, duplicateKeys(d, c, path)...)
		}
	}
	return fs
}

func joinPath(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}
