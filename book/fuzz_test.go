package book

import (
	"bytes"
	"strings"
	"testing"

	"github.com/acctbook/acct/document"
)

// FuzzParseConfig: acct.yaml is parsed into a Config or a *ConfigError,
// never a panic.
func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{
		"language: zh\ncurrency: CNY\n",
		"policy:\n  all: [name]\n  A: [contacts>=3]\n  visit_confirm_days: 3\ntrend: {decline_months: 3, surge_ratio: 1.5}\n",
		"import:\n  columns: {customer: 往来单位}\n  date_order: dmy\n",
		"trend: {decline_months: -1, surge_ratio: .nan}\n",
		"policy: [x]\nlanguage: [zh]\n",
		"a: &a [*a]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ParseConfig("acct.yaml", data)
		if (cfg == nil) == (err == nil) {
			t.Fatalf("config %v and error %v", cfg, err)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "acct.yaml") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}

// FuzzDeriveID: a derived id is either refused by ValidateID or valid, and
// deriving it again gives the same id.
func FuzzDeriveID(f *testing.F) {
	for _, s := range []string{"华星电子集团有限公司", "HX Electronics Co.", "..", "con", "A\u0301", "ﾊﾟ", "\x00x", strings.Repeat("长", 40)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		id := DeriveID(name)
		if ValidateID("account", id) != nil {
			return
		}
		if again := DeriveID(id); again != id {
			t.Fatalf("DeriveID(%q) = %q, but DeriveID(%q) = %q", name, id, id, again)
		}
	})
}

// FuzzMergeDocument: merging never panics; when both sides made the same
// change the result is that change; when one side changed nothing, the
// result is the other side (FORMAT.md section 2: nothing lost).
func FuzzMergeDocument(f *testing.F) {
	base := "---\nkind: account\nname: a\nfinancials:\n  - period: 2024\n    revenue: 1\n---\nbody\n"
	f.Add([]byte(base), []byte(strings.Replace(base, "name: a", "name: b", 1)), []byte(strings.Replace(base, "revenue: 1", "revenue: 2", 1)))
	f.Add([]byte(base), []byte(strings.Replace(base, "name: a", "name: b", 1)), []byte(strings.Replace(base, "name: a", "name: c", 1)))
	f.Add([]byte(""), []byte("---\nkind: contact\nname: x\n---\n"), []byte("---\nkind: contact\nname: y\n---\n"))
	f.Add([]byte("---\nconsensus: [a, b]\n---\n"), []byte("---\nconsensus: [a, b, c]\n---\n"), []byte("---\nconsensus: [a]\n---\n"))
	f.Fuzz(func(t *testing.T, b, o, th []byte) {
		labels := MergeLabels{Ours: "ours", Theirs: "theirs"}
		out, cs := MergeDocument(b, o, th, labels)
		DiffDocument("accounts/a/account.md", b, o)
		DiffDocument("accounts/a/contacts/x.md", o, th)
		for _, in := range [][]byte{b, o, th} {
			if len(in) > 0 && len(bytes.TrimSpace(in)) == 0 {
				return // a blank file merges as an empty document
			}
		}
		if bytes.Equal(o, th) && len(cs) == 0 && !bytes.Equal(out, o) {
			if d, _ := document.Parse("", o); d != nil {
				t.Fatalf("both sides the same, merge differs:\n%q\nvs\n%q", out, o)
			}
		}
		if bytes.Equal(b, o) && len(cs) == 0 && !bytes.Equal(out, th) {
			t.Fatalf("ours unchanged, merge is not theirs:\nbase/ours %q\ntheirs %q\nout %q", b, th, out)
		}
		if bytes.Equal(b, th) && len(cs) == 0 && !bytes.Equal(out, o) {
			t.Fatalf("theirs unchanged, merge is not ours:\nbase/theirs %q\nours %q\nout %q", b, o, out)
		}
	})
}
