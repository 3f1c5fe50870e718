package document

import (
	"strings"

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
		return strings.TrimSpace(n.Value) == "" || IsPlaceholder(n.Value)
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
	return strings.TrimSpace(n.Value)
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
