package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestListOutputs renders acct list over the demo book for a terminal (with
// and without colour), for a pipe and as JSON, against golden files
// (go test ./cmd -run TestListOutputs -update rewrites them).
func TestListOutputs(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"HOME": dir, "ACCT_AUTHOR_NAME": "Test Rep", "ACCT_AUTHOR_EMAIL": "rep@example.com"}
	if code, _, stderr := runAcct(t, dir, env, "demo", "book"); code != 0 {
		t.Fatalf("demo: %d %s", code, stderr)
	}
	cases := []struct {
		name       string
		tty, color bool
		args       []string
	}{
		{"list_tty", true, false, []string{"list"}},
		{"list_tty_color", true, true, []string{"list"}},
		{"list_pipe", false, false, []string{"list"}},
		{"list_json", true, true, []string{"list", "--json"}},
	}
	for _, c := range cases {
		var out, errOut bytes.Buffer
		f := &Factory{
			IO:      &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, OutTTY: c.tty, OutColor: c.color},
			Getenv:  func(k string) string { return env[k] },
			Now:     func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) },
			WorkDir: func() (string, error) { return filepath.Join(dir, "book"), nil },
		}
		root := NewCmdRoot(f)
		root.SetArgs(c.args)
		if code := execute(root, f); code != 0 {
			t.Fatalf("%s: exit %d: %s", c.name, code, errOut.String())
		}
		golden := filepath.Join("testdata", c.name+".golden")
		if *updateScripts {
			os.WriteFile(golden, out.Bytes(), 0o644)
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Errorf("%s: output differs from %s:\n%s", c.name, golden, out.String())
		}
	}
}

// TestListTableLanguage checks that the terminal table's headers and
// findings follow the book's language.
func TestListTableLanguage(t *testing.T) {
	rows := []AccountRow{{ID: "hx", Name: "华星", Tier: "A", Required: 2, Present: 1, Percent: 50, Errors: 1, Warnings: 2,
		LastVisit: "2026-02-20", NextVisit: "2026-03-05"}}
	for _, tt := range []struct{ lang, head, findings string }{
		{"en", "LAST VISIT  NEXT VISIT  FINDINGS", "2026-02-20  2026-03-05  1 error, 2 warnings"},
		{"zh", "上次拜访    下次拜访    问题", "2026-02-20  2026-03-05  1 个错误, 2 个警告"},
	} {
		var b bytes.Buffer
		writeListTable(&b, newPainter(false), tt.lang, rows)
		if !strings.Contains(b.String(), tt.head) || !strings.Contains(b.String(), tt.findings) {
			t.Errorf("%s: want %q and %q in:\n%s", tt.lang, tt.head, tt.findings, b.String())
		}
	}
}
