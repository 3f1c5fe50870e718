package cmd

import (
	"fmt"
	"testing"

	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/profile"
)

// TestNameAndAliases requires the light front-matter reader to agree with
// the full profile parser on name and aliases, whichever path it takes.
func TestNameAndAliases(t *testing.T) {
	for _, fm := range []string{
		"name: 华星电子集团有限公司\naliases: [华星电子, HX Electronics]",
		"name: \"华星电子\"\naliases: [\"华星\", \"HX Co.\"]",
		"name: \"  spaced  \"",
		"name: ~\naliases: []",
		"name: null",
		"name: TODO\naliases: [\"<填写>\", 真名]",
		"name: \"<填写>\"",
		"name: ''",
		"name: 'It''s'\naliases: ['a, b', c]",
		"name: \"Esc \\\"q\\\"\"",
		"name: Acme # the customer\naliases: Acme Co",
		"name: >-\n  folded\n  name\naliases:\n  - one\n  - \"two\"",
		"aliases:\n- one\n- two\nname: Later",
		"kind: account\nowner: 李明",
		"name: 2024\naliases: [true, 1.5]",
		"name: \"a, b\"\naliases: [\"x, y\", z]",
		"name: [not, a, string]",
	} {
		src := []byte("---\n" + fm + "\n---\nbody\n")
		name, aliases, ok := nameAndAliases(src)
		if !ok {
			t.Errorf("%q: not ok", fm)
			continue
		}
		doc, _ := document.Parse("accounts/x/account.md", src)
		if doc == nil {
			t.Fatalf("%q: the full parser fails", fm)
		}
		want := profile.ParseAccount("x", doc)
		if name != want.Name || fmt.Sprint(aliases) != fmt.Sprint(want.Aliases) {
			t.Errorf("%q: got %q %q, the profile parser says %q %q", fm, name, aliases, want.Name, want.Aliases)
		}
	}
}
