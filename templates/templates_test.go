package templates

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/acctbook/acct/book"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// frontMatter returns the YAML between the first two --- lines.
func frontMatter(t *testing.T, doc []byte) []byte {
	t.Helper()
	s := string(doc)
	if !strings.HasPrefix(s, "---\n") {
		t.Fatalf("document does not start with ---:\n%s", s)
	}
	end := strings.Index(s[4:], "\n---\n")
	if end < 0 {
		t.Fatalf("front matter not closed:\n%s", s)
	}
	return []byte(s[4 : 4+end+1])
}

func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		file string
		data Data
	}{
		{"account", Account, Data{Name: "华星电子集团有限公司", ID: "华星电子集团有限公司", Owner: "李明", Tier: "A"}},
		{"account_placeholders", Account, Data{Name: "HX Electronics", ID: "hx-electronics"}},
		{"contact", Contact, Data{Name: "张大同", ID: "张大同", Account: "hx", Title: "采购部长", Role: "decision-maker", Key: true}},
		{"contact_placeholders", Contact, Data{Name: "Wang Jun", ID: "wang-jun", Account: "hx"}},
		{"visit", Visit, Data{Date: "2026-02-25", Account: "hx", ID: "2026-02-25-zhang", Owner: "李明", Attendees: []string{"张大同", "wang-jun"}, Team: []string{"李明"}}},
		{"visit_empty", Visit, Data{Date: "2026-03-01", Account: "hx", ID: "2026-03-01-visit"}},
	}
	for _, lang := range Languages {
		for _, c := range cases {
			t.Run(lang+"_"+c.name, func(t *testing.T) {
				got, err := Render("", lang, c.file, c.data)
				if err != nil {
					t.Fatal(err)
				}
				var m map[string]any
				if err := yaml.Unmarshal(frontMatter(t, got), &m); err != nil {
					t.Fatalf("rendered front matter is not valid YAML: %v\n%s", err, got)
				}
				golden := filepath.Join("testdata", lang+"_"+c.name+".golden")
				if *update {
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./templates -update)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from the rendered template (go test ./templates -update rewrites it):\n%s", golden, got)
				}
			})
		}
	}
}

// TestNamesAreYAMLSafe renders every template with awkward names and checks
// the front matter reads back with exactly those values.
func TestNamesAreYAMLSafe(t *testing.T) {
	names := []string{
		"华星电子", "Acme: the company", "Acme #1", "#hash", "it's", `say "hi"`, `back\slash`,
		"- dash", "? question", "true", "null", "~", "007", "1e3", "[brackets]", "{braces}",
		"a, b", "  padded  ", "&anchor", "*alias", "!tag", "%percent", "@at", "`tick`",
		"|pipe", ">fold", "tab\there", "line\nbreak", "crlf\r\nx", "ctl\x01x", "<行业>",
		"TODO later", "---", "...", "'", `"`, "x: y # z", strings.Repeat("长名字 ", 60),
	}
	for _, lang := range Languages {
		for _, name := range names {
			for _, file := range []string{Account, Contact, Visit} {
				d := Data{Name: name, Owner: name, Title: name, Role: name, Date: "2026-03-01",
					Attendees: []string{name, "x"}, Team: []string{name}}
				got, err := Render("", lang, file, d)
				if err != nil {
					t.Fatal(err)
				}
				var m map[string]any
				if err := yaml.Unmarshal(frontMatter(t, got), &m); err != nil {
					t.Fatalf("%s %s with name %q: invalid YAML: %v\n%s", lang, file, name, err, got)
				}
				switch file {
				case Account:
					if m["name"] != name || m["owner"] != name {
						t.Errorf("%s %s: name %q read back as %q, owner as %q", lang, file, name, m["name"], m["owner"])
					}
				case Contact:
					if m["name"] != name || m["title"] != name || m["role"] != name {
						t.Errorf("%s %s: name %q read back as %q / %q / %q", lang, file, name, m["name"], m["title"], m["role"])
					}
				case Visit:
					att, _ := m["attendees"].([]any)
					team, _ := m["team"].([]any)
					if len(att) != 2 || att[0] != name || att[1] != "x" || len(team) != 1 || team[0] != name {
						t.Errorf("%s %s: %q read back as attendees %q team %q", lang, file, name, att, team)
					}
				}
			}
		}
	}
}

func TestScalar(t *testing.T) {
	tests := []struct{ in, want string }{
		{"华星电子", "华星电子"},
		{"zhang-wei", "zhang-wei"},
		{"a: b", "'a: b'"},
		{"true", `"true"`},
		{"007", `"007"`},
		{"line\nbreak", `"line\nbreak"`},
	}
	for _, tt := range tests {
		if got := Scalar(tt.in); got != tt.want {
			t.Errorf("Scalar(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	if got := Flow(nil); got != "[]" {
		t.Errorf("Flow(nil) = %s", got)
	}
	if got := Flow([]string{"a,b", "c"}); got != "['a,b', c]" {
		t.Errorf("Flow = %s", got)
	}
}

func TestOverrideFromBook(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, OverrideDir), 0o755); err != nil {
		t.Fatal(err)
	}
	custom := "---\nkind: contact\nname: {{yaml .Name}}\nregion: 华南\n---\n"
	if err := os.WriteFile(filepath.Join(root, OverrideDir, Contact), []byte(custom), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Render(root, "zh", Contact, Data{Name: "a: b"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "---\nkind: contact\nname: 'a: b'\nregion: 华南\n---\n"; string(got) != want {
		t.Errorf("override rendered %q, want %q", got, want)
	}
	// Templates not overridden come from the binary.
	acc, err := Render(root, "en", Account, Data{Name: "X"})
	if err != nil || !bytes.Contains(acc, []byte("inventory_days")) {
		t.Errorf("embedded account template not used: %v", err)
	}
	// A broken override names its file.
	os.WriteFile(filepath.Join(root, OverrideDir, Visit), []byte("{{.Nope"), 0o644)
	if _, err := Render(root, "zh", Visit, Data{}); err == nil || !strings.Contains(err.Error(), filepath.Join(OverrideDir, Visit)) {
		t.Errorf("broken override: err = %v, want it to name %s", err, Visit)
	}
	os.WriteFile(filepath.Join(root, OverrideDir, Visit), []byte("{{.Nope}}"), 0o644)
	if _, err := Render(root, "zh", Visit, Data{}); err == nil {
		t.Error("unknown field in override: no error")
	}
}

func TestBuiltinErrors(t *testing.T) {
	if _, err := Builtin("fr", Account); err == nil {
		t.Error("language fr: no error")
	}
	if _, err := Builtin("zh", "nope.md"); err == nil {
		t.Error("unknown template: no error")
	}
	for _, lang := range Languages {
		for _, n := range []string{BookConfig, BookReadme} {
			if _, err := Builtin(lang, n); err != nil {
				t.Error(err)
			}
		}
	}
}

// TestBookConfigParses checks the acct.yaml a new book starts with reads back
// with its language and the default policy.
func TestBookConfigParses(t *testing.T) {
	for _, lang := range Languages {
		src, err := Builtin(lang, BookConfig)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := book.ParseConfig("acct.yaml", []byte(src.Text))
		if err != nil {
			t.Fatalf("%s acct.yaml: %v", lang, err)
		}
		if cfg.Language != lang || cfg.Currency != "CNY" {
			t.Errorf("%s acct.yaml: language %q currency %q", lang, cfg.Language, cfg.Currency)
		}
		def := book.DefaultConfig()
		if strings.Join(cfg.Policy.Tier("A"), ",") != strings.Join(def.Policy.Tier("A"), ",") {
			t.Errorf("%s acct.yaml changes the default policy", lang)
		}
	}
}

// FuzzScalar checks that any UTF-8 text written with Scalar, after a key
// and inside a flow list, reads back as exactly that text.
func FuzzScalar(f *testing.F) {
	for _, s := range []string{"华星电子", "a: b", "#1", "true", "007", "- x", "line\nbreak", "\ufeffbom", "x\u2028y", "'", `"`, "", " ", "~", "<行业>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip()
		}
		var m struct {
			K string   `yaml:"k"`
			L []string `yaml:"l"`
		}
		doc := "k: " + Scalar(s) + "\nl: " + Flow([]string{s, "x"}) + "\n"
		if err := yaml.Unmarshal([]byte(doc), &m); err != nil {
			t.Fatalf("%q: %v\n%s", s, err, doc)
		}
		if m.K != s || len(m.L) != 2 || m.L[0] != s || m.L[1] != "x" {
			t.Fatalf("%q read back as %q and %q\n%s", s, m.K, m.L, doc)
		}
	})
}
