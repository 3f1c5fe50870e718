package book

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDeriveID(t *testing.T) {
	tests := map[string]string{
		"华星电子集团":             "华星电子集团",
		"HX Electronics Co.": "hx-electronics-co",
		"  恒泰汽车零部件(宁波)有限公司 ": "恒泰汽车零部件-宁波-有限公司",
		"Ｈｘ":          "Ｈｘ", // only ASCII is lower-cased
		"a/b\\c..d":   "a-b-c-d",
		"---":         "",
		"e\u0301cole": "école", // NFC
	}
	for in, want := range tests {
		if got := DeriveID(in); got != want {
			t.Errorf("DeriveID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidateID(t *testing.T) {
	good := []string{"hx", "华星电子集团", "zhang-datong", "2026-02-25-jit", "a.b"}
	for _, id := range good {
		if err := ValidateID("account", id); err != nil {
			t.Errorf("ValidateID(%q): %v", id, err)
		}
	}
	bad := map[string]string{
		"":                      "empty",
		"a/b":                   "path separator",
		`a\b`:                   "path separator",
		"..":                    `".."`,
		"a..b":                  `".."`,
		".hidden":               `starts with "."`,
		"tab\there":             "control character",
		"CON":                   "Windows reserves",
		"nul.txt":               "Windows reserves",
		"lpt1":                  "Windows reserves",
		"a:b":                   `< > : " | ? *`,
		"trailing.":             "ends with a dot",
		strings.Repeat("长", 27): "bytes long",
		"e\u0301":               "NFC",
	}
	for id, want := range bad {
		err := ValidateID("contact", id)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "invalid contact id") {
			t.Errorf("ValidateID(%q) = %v, want an error mentioning %q", id, err, want)
		}
	}
}

func TestCreateFileRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sub", "a.md")
	if err := CreateFile(p, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := CreateFile(p, []byte("two")); !errors.Is(err, ErrExists) {
		t.Fatalf("second CreateFile: %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "one" {
		t.Errorf("file was overwritten: %q", b)
	}
	assertNoTemp(t, filepath.Dir(p))
}

func TestWriteFileKeepsModeAndLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	if b, _ := os.ReadFile(p); string(b) != "new" || st.Mode().Perm() != 0o600 {
		t.Errorf("got %q mode %v", b, st.Mode().Perm())
	}
	assertNoTemp(t, dir)
	// A write into a folder that cannot be created fails and leaves the old file.
	if err := WriteFile(filepath.Join(p, "x"), []byte("y")); err == nil {
		t.Error("want an error writing below a file")
	}
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestFindWalksUp(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, ConfigFile), []byte("language: en\n"), 0o644)
	deep := filepath.Join(root, "accounts", "hx", "contacts")
	os.MkdirAll(deep, 0o755)
	b, err := Find(deep)
	if err != nil {
		t.Fatal(err)
	}
	if b.Root != root || b.Config.Language != "en" || b.Config.Policy.VisitConfirmDays != 3 {
		t.Errorf("Find: root %s, config %+v", b.Root, b.Config)
	}
	if _, err := Find(t.TempDir()); !errors.Is(err, ErrNoBook) {
		t.Errorf("Find outside a book: %v, want ErrNoBook", err)
	}
}

func TestParseConfig(t *testing.T) {
	cfg, err := ParseConfig("acct.yaml", []byte("\xef\xbb\xbflanguage: en\npolicy:\n  all: [name]\n  visit_confirm_days: 5\ntrend: {decline_months: 4}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Language != "en" || len(cfg.Policy.All) != 1 || cfg.Policy.VisitConfirmDays != 5 ||
		cfg.Trend.DeclineMonths != 4 || cfg.Trend.SurgeRatio != 1.5 || len(cfg.Policy.A) == 0 {
		t.Errorf("settings not merged over the defaults: %+v", cfg)
	}
	if got := cfg.Policy.Tier("A"); got[0] != "name" || len(got) != 1+len(cfg.Policy.A) {
		t.Errorf("Tier(A) = %v", got)
	}
	bad := map[string]string{
		"language: fr\n":                     "want zh or en",
		"polcy:\n  all: []\n":                "acct.yaml:1:",
		"policy:\n  visit_confirm_days: x":   "acct.yaml:2:",
		"trend: {surge_ratio: 0}\n":          "surge_ratio",
		"language: [zh\n":                    "line 1",
		"trend: {surge_ratio: .nan}\n":       "surge_ratio",
		"trend: {surge_ratio: .inf}\n":       "surge_ratio",
		"language: zh\n\tcurrency: CNY\n":    "acct.yaml:2:",
		"\tlanguage: zh\n":                   "acct.yaml:1: a tab",
		"\xff\xfel\x00a\x00":                 "UTF-16",
		"# \xd5\xc5\xc8\xfd\nlanguage: zh\n": "not UTF-8",
	}
	for src, want := range bad {
		_, err := ParseConfig("acct.yaml", []byte(src))
		var ce *ConfigError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), "acct.yaml") {
			t.Errorf("ParseConfig(%q) = %v, want a ConfigError mentioning %q", src, err, want)
		}
	}
}

func TestParseConfigPolicyErrors(t *testing.T) {
	bad := map[string]string{
		"policy:\n  all: [nosuch.field]\n":      `"nosuch.field" is not a field of account.md`,
		"policy:\n  A: [\"contacts>=abc\"]\n":   "contacts>=N",
		"policy:\n  visit_confirm_days: -5\n":   "must not be negative",
		"policy:\n  A: oops\n":                  "want a list of names",
		"policy:\n  visit_confirm_days: many\n": "want a whole number",
		"tred: {}\n":                            `unknown setting "tred"`,
	}
	for src, want := range bad {
		_, err := ParseConfig("acct.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseConfig(%q) = %v, want an error mentioning %q", src, err, want)
		}
	}
	if _, err := ParseConfig("acct.yaml", []byte("policy:\n  all: [name, overview.industry, decision-maker, financials, \"contacts>=2\"]\n")); err != nil {
		t.Errorf("valid policy refused: %v", err)
	}
}
