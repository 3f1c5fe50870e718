package document

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Get returns the value node of key in mapping n, or nil when n is not a
// mapping or has no such key. With duplicate keys the first wins.
func Get(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			v := n.Content[i+1]
			if v.Kind == yaml.AliasNode && v.Alias != nil {
				return v.Alias
			}
			return v
		}
	}
	return nil
}

// GetKey returns the key node of key in mapping n (for positions), or nil.
func GetKey(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i]
		}
	}
	return nil
}

// Lookup follows a dotted path (overview.industry) through mappings.
func Lookup(n *yaml.Node, path string) *yaml.Node {
	for {
		k, rest, more := strings.Cut(path, ".")
		if n = Get(n, k); n == nil || !more {
			return n
		}
		path = rest
	}
}

// Missing reports whether a value counts as missing (FORMAT.md section 2):
// absent (nil), null, an empty string, list or map, or a placeholder
// (IsPlaceholder).
func Missing(n *yaml.Node) bool {
	if n == nil {
		return true
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return true
		}
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 && n.Tag != "!!str" {
			return false // numbers, booleans, dates
		}
		return trimSpace(n.Value) == "" || IsPlaceholder(n.Value)
	case yaml.SequenceNode, yaml.MappingNode:
		return len(n.Content) == 0
	case yaml.AliasNode:
		return Missing(n.Alias)
	}
	return true
}

// Str returns a scalar's text, or "" for anything else and for placeholders.
func Str(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" || IsPlaceholder(n.Value) {
		return ""
	}
	return trimSpace(n.Value)
}

// Strs returns the texts of a list of scalars (a single scalar gives one
// item); missing items are left out.
func Strs(n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		if s := Str(n); s != "" {
			return []string{s}
		}
		return nil
	}
	var out []string
	for _, c := range n.Content {
		if s := Str(c); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// trimSpace is strings.TrimSpace, quicker for the common value that has no
// space at either end: strings.TrimSpace takes its slow path for any text
// that starts with a non-ASCII character, as Chinese values do, and the
// typed views and validation trim every value they read, some twice.
func trimSpace(s string) string {
	if s == "" {
		return s
	}
	first, last := rune(s[0]), rune(s[len(s)-1])
	if first >= utf8.RuneSelf {
		first, _ = utf8.DecodeRuneInString(s)
	}
	if last >= utf8.RuneSelf {
		last, _ = utf8.DecodeLastRuneInString(s)
	}
	if isSpace(first) || isSpace(last) {
		return strings.TrimSpace(s)
	}
	return s
}

// isSpace is unicode.IsSpace, answering at once for the runes above
// U+3000, the last white space character (Chinese text is all above it).
func isSpace(r rune) bool {
	if r > '\u3000' {
		return false
	}
	return unicode.IsSpace(r)
}
