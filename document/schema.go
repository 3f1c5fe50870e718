package document

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/acctbook/acct/msg"
	"github.com/agnivade/levenshtein"
	"gopkg.in/yaml.v3"
)

// Type is the type of value a field holds.
type Type int

// The value types of the format (FORMAT.md sections 2 to 5).
const (
	// Text is any single scalar: a name, a note, a phone number.
	Text Type = iota
	// Int is a whole number (employees, founded, born).
	Int
	// Number is an amount: plain, "1,200,000", "12亿" or "3500万" (ParseNumber).
	Number
	// Percent is "23%" or 0.23 (ParsePercent).
	Percent
	// Date is YYYY-MM-DD, with the other forms of ParseDate hinted.
	Date
	// Bool is true or false.
	Bool
	// Enum is one of Spec.Enum (or one of its Spec.Synonyms).
	Enum
	// List is a sequence of Spec.Elem; a single scalar is accepted as a
	// one-item list of Text.
	List
	// Map is a mapping with the keys of Spec.Fields; other keys are hinted
	// as unknown.
	Map
	// FreeMap is a mapping with any keys and scalar values (preferences).
	FreeMap
	// Period is a financial period: 2024, 2024H1, 2024Q3 or 2024-06.
	Period
)

// Spec describes the value of one field.
type Spec struct {
	Type Type
	// Enum lists the allowed values of an Enum.
	Enum []string
	// Synonyms maps other accepted spellings (such as 成熟期) to an Enum value.
	Synonyms map[string]string
	// Min and Max bound an Int when Max > Min.
	Min, Max int
	// Low and High bound a Number or Percent (as a fraction) when Bounded.
	Low, High float64
	Bounded   bool
	// Elem is the spec of a List's items.
	Elem *Spec
	// Fields are a Map's keys, in the order templates write them.
	Fields []Field
}

// Field is one key of a Map spec.
type Field struct {
	Key  string
	Spec *Spec
}

// Key returns the spec of a Map's key, or nil.
func (s *Spec) Key(key string) *Spec {
	for _, f := range s.Fields {
		if f.Key == key {
			return f.Spec
		}
	}
	return nil
}

// Validate checks the front matter of d against the Map spec s and returns
// a finding for every value of the wrong type (rule type), outside its enum
// (enum), or not a valid date (date) or number (number); a hint for unknown
// keys (unknown-key, with the nearest known key) and for dates not written
// as YYYY-MM-DD (date-format). Missing values and placeholders are not
// reported here: required fields are a matter of policy.
func Validate(d *Document, s *Spec) []Finding {
	v := validator{d: d}
	v.value(d.Root, s, "")
	return v.fs
}

type validator struct {
	d  *Document
	fs []Finding
}

func (v *validator) add(n *yaml.Node, sev Severity, rule, field, format string, a ...any) {
	v.fs = append(v.fs, v.d.Finding(n, sev, rule, field, format, a...))
}

func (v *validator) value(n *yaml.Node, s *Spec, path string) {
	if Missing(n) {
		return
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch s.Type {
	case Map, FreeMap:
		if n.Kind != yaml.MappingNode {
			v.add(n, SeverityError, RuleType, path, "%s: want a group of `key: value` fields, got %s", name(path), describe(n))
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			p := joinPath(path, k.Value)
			if s.Type == FreeMap {
				if val.Kind == yaml.MappingNode {
					v.add(val, SeverityError, RuleType, p, "%s: want a short text, got %s", p, describe(val))
				}
				continue
			}
			fs := s.Key(k.Value)
			if fs == nil && k.Value == "<<" && k.Tag == "!!merge" {
				v.add(k, SeverityError, RuleYAMLSyntax, p, "a YAML merge key (<<) is not read by acct: its fields would count as missing; write them out")
				continue
			}
			if fs == nil {
				if near := nearest(k.Value, s.Fields); near != "" {
					v.add(k, SeverityHint, RuleUnknownKey, p, "unknown key `%s`, did you mean `%s`?", k.Value, near)
				} else {
					v.add(k, SeverityHint, RuleUnknownKey, p, "unknown key `%s` (kept as is)", k.Value)
				}
				continue
			}
			v.value(val, fs, p)
		}
	case List:
		if n.Kind == yaml.ScalarNode && s.Elem.Type == Text {
			return // one item written without brackets
		}
		if n.Kind != yaml.SequenceNode {
			v.add(n, SeverityError, RuleType, path, "%s: want a list, got %s", name(path), describe(n))
			return
		}
		for _, c := range n.Content {
			v.value(c, s.Elem, path)
		}
	default:
		if n.Kind != yaml.ScalarNode {
			v.add(n, SeverityError, RuleType, path, "%s: want %s, got %s", name(path), typeName(s), describe(n))
			return
		}
		v.scalar(n, s, path)
	}
}

func (v *validator) scalar(n *yaml.Node, s *Spec, path string) {
	val := n.Value
	switch s.Type {
	case Int:
		i, err := strconv.Atoi(strings.TrimSpace(val))
		if err != nil {
			f, ferr := ParseNumber(val)
			if ferr != nil || f != float64(int(f)) {
				v.add(n, SeverityError, RuleNumber, path, "%s: want a whole number, got %q", name(path), val)
				return
			}
			i = int(f)
		}
		if s.Max > s.Min && (i < s.Min || i > s.Max) {
			v.add(n, SeverityError, RuleNumber, path, "%s: %d is out of range, want %d to %d", name(path), i, s.Min, s.Max)
		}
	case Number, Percent:
		parse, unit := ParseNumber, 1.0
		if s.Type == Percent {
			parse, unit = ParsePercent, 100
		}
		x, err := parse(val)
		if err != nil {
			v.add(n, SeverityError, RuleNumber, path, "%s: %v", name(path), err)
		} else if s.Bounded && (x < s.Low || x > s.High) {
			pct := map[bool]string{true: "%", false: ""}[s.Type == Percent]
			v.add(n, SeverityError, RuleNumber, path, "%s: %s is out of range, want %g%s to %g%s",
				name(path), val, s.Low*unit, pct, s.High*unit, pct)
		}
	case Date:
		_, norm, err := ParseDate(val)
		if err != nil {
			v.add(n, SeverityError, RuleDate, path, "%s: %v", name(path), err)
		} else if !norm {
			t, _, _ := ParseDate(val)
			v.add(n, SeverityHint, RuleDateFormat, path, "%s: write %q as %s", name(path), val, t.Format("2006-01-02"))
		}
	case Bool:
		if n.Tag != "!!bool" {
			v.add(n, SeverityError, RuleType, path, "%s: want true or false, got %q", name(path), val)
		}
	case Enum:
		if _, ok := EnumValue(s, val); !ok {
			v.add(n, SeverityError, RuleEnum, path, "%s: %q is not one of %s", name(path), val, strings.Join(s.Enum, ", "))
		}
	case Period:
		if _, err := ParsePeriod(val); err != nil {
			v.add(n, SeverityError, RuleDate, path, "%s: %v", name(path), err)
		}
	}
}

// EnumValue returns the canonical enum value for val (matched exactly, by
// case, or through the spec's synonyms) and whether it is allowed.
func EnumValue(s *Spec, val string) (string, bool) {
	t := trimSpace(val)
	for _, e := range s.Enum {
		if strings.EqualFold(e, t) {
			return e, true
		}
	}
	if c, ok := s.Synonyms[t]; ok {
		return c, true
	}
	return "", false
}

var periodRE = regexp.MustCompile(`^(\d{4})(?:([HhQq])(\d)|-(\d{2}))?$`)

// ParsePeriod checks a financial period (FORMAT.md section 3: 2024,
// 2024H1, 2024Q3, 2024-06) and returns its last day as YYYY-MM-DD (FORMAT.md
// section 7: 2024 ends 2024-12-31, 2024H1 2024-06-30, 2024Q3 2024-09-30,
// 2024-06 2024-06-30). It returns an error wrapping ErrDate otherwise.
func ParsePeriod(s string) (string, error) {
	p := periodRE.FindStringSubmatch(strings.TrimSpace(s))
	if p == nil {
		return "", msg.Errorf("%q: %w (a period is 2024, 2024H1, 2024Q3 or 2024-06)", s, ErrDate)
	}
	y := atoi(p[1])
	month := 12
	switch {
	case p[2] == "H" || p[2] == "h":
		h := atoi(p[3])
		if h < 1 || h > 2 {
			return "", msg.Errorf("%q: %w: half-years are H1 and H2", s, ErrDate)
		}
		month = h * 6
	case p[2] == "Q" || p[2] == "q":
		q := atoi(p[3])
		if q < 1 || q > 4 {
			return "", msg.Errorf("%q: %w: quarters are Q1 to Q4", s, ErrDate)
		}
		month = q * 3
	case p[4] != "":
		month = atoi(p[4])
		if month < 1 || month > 12 {
			return "", msg.Errorf("%q: %w: there is no month %d", s, ErrDate, month)
		}
	}
	// The day before the first of the next month.
	last := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month]
	if month == 2 && (y%4 == 0 && y%100 != 0 || y%400 == 0) {
		last = 29
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, month, last), nil
}

func name(path string) Phrase {
	if path == "" {
		return "front matter"
	}
	return Phrase(path)
}

func typeName(s *Spec) Phrase {
	switch s.Type {
	case Int:
		return "a whole number"
	case Number:
		return "a number"
	case Percent:
		return "a percentage"
	case Date:
		return "a date"
	case Bool:
		return "true or false"
	case Enum:
		return Phrase("one of " + strings.Join(s.Enum, ", "))
	case Period:
		return "a period"
	}
	return "a text"
}

func describe(n *yaml.Node) Phrase {
	switch n.Kind {
	case yaml.MappingNode:
		return "a group of fields"
	case yaml.SequenceNode:
		return "a list"
	}
	return Phrase(fmt.Sprintf("%q", n.Value))
}

// nearest returns the known key closest to k by edit distance, if close.
// Keys one level down are offered too, as "parent.key", for a field
// written at the wrong level (indstry at the top for overview.industry).
func nearest(k string, fields []Field) string {
	var keys []string
	paths := map[string]string{}
	add := func(key, path string) {
		if _, ok := paths[key]; !ok {
			paths[key] = path
			keys = append(keys, key)
		}
	}
	for _, f := range fields {
		add(f.Key, f.Key)
	}
	for _, f := range fields {
		if f.Spec.Type == Map {
			for _, g := range f.Spec.Fields {
				add(g.Key, f.Key+"."+g.Key)
			}
		}
	}
	if near := Nearest(k, keys); near != "" {
		return paths[near]
	}
	return ""
}

// Nearest returns the candidate closest to s by edit distance (in runes,
// ignoring case), or "" when none is close: within 2 edits, or 1 edit for
// an s of at most 4 bytes (the rule `acct check` uses to suggest a key).
// Ties go to the candidate that sorts first. Commands use it for "did you
// mean" on mistyped field names.
func Nearest(s string, candidates []string) string {
	best, bestD := "", 3
	if len(s) <= 4 {
		bestD = 2
	}
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	for _, c := range sorted {
		if d := levenshtein.ComputeDistance(strings.ToLower(s), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
