// Package templates holds the documents acct scaffolds: the account profile,
// the contact card and the visit summary (FORMAT.md sections 3 to 5), plus a
// new book's acct.yaml and README, in Chinese (zh) and English (en). They are
// embedded in the binary and may be overridden per book by files of the same
// name in the book's templates/ folder.
//
// Templates use Go's text/template. Values that land in YAML front matter go
// through the yaml and flow functions, which quote them so that any name
// (with ": ", "#", quotes or a leading "-") still gives valid YAML.
package templates

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"gopkg.in/yaml.v3"
)

//go:embed zh en
var builtin embed.FS

// Names of the document templates a book may override.
const (
	Account = "account.md" // the account profile, FORMAT.md section 3
	Contact = "contact.md" // a contact card, FORMAT.md section 4
	Visit   = "visit.md"   // a visit summary, FORMAT.md section 5
)

// Names of the files a new book starts with; these are never overridden.
const (
	BookConfig = "acct.yaml" // the book's settings, FORMAT.md section 7
	BookReadme = "README.md" // a short README for the book
)

// OverrideDir is the folder, relative to a book's root, whose account.md,
// contact.md and visit.md replace the embedded templates.
const OverrideDir = "templates"

// Languages lists the languages templates exist in.
var Languages = []string{"zh", "en"}

// Data are the values a template may use. Empty strings make the templates
// write their placeholder hints instead (such as <职务>), which acct check
// counts as missing (FORMAT.md section 2).
type Data struct {
	// Name is the display name of the account or contact.
	Name string
	// ID is the account, contact or visit id.
	ID string
	// Account is the id of the account a contact or visit belongs to.
	Account string
	// Owner is the account owner, or the owner of a visit's next step.
	Owner string
	// Tier is A, B or C.
	Tier string
	// Title is a contact's job title.
	Title string
	// Role is a contact's role in the purchase (decision-maker, champion, ...).
	Role string
	// Key marks a key person.
	Key bool
	// Date is a visit's date, YYYY-MM-DD.
	Date string
	// Attendees are the contact ids of the customer's side of a visit.
	Attendees []string
	// Team are the names of our side of a visit.
	Team []string
}

// Source tells where a template came from: the embedded one, or a file in
// the book (its path, for error messages).
type Source struct {
	// Path is the book file used, or "" for the embedded template.
	Path string
	// Text is the template text.
	Text string
}

// Load returns the template name (Account, Contact, Visit) in language lang
// ("zh" or "en"). When bookRoot is not empty and bookRoot/templates/name
// exists, that file is used instead of the embedded one. It returns an error
// for an unknown language or name, or when the override cannot be read.
func Load(bookRoot, lang, name string) (Source, error) {
	if bookRoot != "" && (name == Account || name == Contact || name == Visit) {
		p := filepath.Join(bookRoot, OverrideDir, name)
		data, err := os.ReadFile(p)
		if err == nil {
			return Source{Path: p, Text: string(data)}, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return Source{}, err
		}
	}
	return Builtin(lang, name)
}

// Builtin returns the embedded template name in language lang. It returns an
// error for an unknown language or name.
func Builtin(lang, name string) (Source, error) {
	if lang != "zh" && lang != "en" {
		return Source{}, fmt.Errorf("no templates for language %q (want zh or en)", lang)
	}
	data, err := builtin.ReadFile(lang + "/" + name)
	if err != nil {
		return Source{}, fmt.Errorf("no template %q", name)
	}
	return Source{Text: string(data)}, nil
}

// Render loads template name (see Load) and fills it with d. Errors name the
// override file when one was used.
func Render(bookRoot, lang, name string, d Data) ([]byte, error) {
	src, err := Load(bookRoot, lang, name)
	if err != nil {
		return nil, err
	}
	return src.Render(d)
}

// Render fills the template with d. A template that does not parse or fails
// to execute gives an error naming its file ("templates/account.md" or
// "embedded zh/account.md").
func (s Source) Render(d Data) ([]byte, error) {
	label := s.Path
	if label == "" {
		label = "embedded template"
	}
	t, err := template.New(label).Option("missingkey=error").Funcs(funcs).Parse(s.Text)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", label, err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, d); err != nil {
		return nil, fmt.Errorf("template %s: %w", label, err)
	}
	return buf.Bytes(), nil
}

var funcs = template.FuncMap{
	"yaml": Scalar,
	"flow": Flow,
}

// Scalar returns s written as one YAML scalar that reads back as the string
// s: plain when that is safe (华星电子, zhang-wei), quoted otherwise ("a: b",
// "#1", "true", "007", a leading "-", quotes, control characters). A string
// with line breaks is written double-quoted with escapes, so it always stays
// on one line and fits after "key: ".
func Scalar(s string) string {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	out := encode(n)
	// A block scalar (| or >) would need the lines below the key; force
	// the one-line double-quoted form instead.
	if strings.Contains(out, "\n") || strings.HasPrefix(out, "|") || strings.HasPrefix(out, ">") {
		n.Style = yaml.DoubleQuotedStyle
		out = encode(n)
	}
	return out
}

// Flow returns items as a YAML flow sequence on one line, each item quoted
// as needed: [a, b] or [] for none.
func Flow(items []string) string {
	if len(items) == 0 {
		return "[]"
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, it := range items {
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: it}
		if strings.ContainsAny(it, "\n\r") {
			n.Style = yaml.DoubleQuotedStyle
		}
		seq.Content = append(seq.Content, n)
	}
	return encode(seq)
}

func encode(n *yaml.Node) string {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	if err := enc.Encode(n); err != nil {
		// A string scalar or a sequence of them always encodes; this is
		// unreachable, but never write a value that would not read back.
		return `""`
	}
	enc.Close()
	return strings.TrimSuffix(buf.String(), "\n")
}
