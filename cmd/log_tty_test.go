package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/acctbook/acct/book"
	"github.com/mattn/go-runewidth"
)

// On a terminal, log and history print aligned tables under a header line.
func TestLogAndHistoryHeaderOnTerminal(t *testing.T) {
	dir := t.TempDir()
	// A Chinese author name: columns are aligned by display width.
	env := map[string]string{"HOME": dir, "ACCT_AUTHOR_NAME": "王小明", "ACCT_AUTHOR_EMAIL": "rep@example.com"}
	write := func(rel, s string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(tty bool, args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		f := &Factory{
			IO:      &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, OutTTY: tty},
			Args:    args,
			Getenv:  func(k string) string { return env[k] },
			Now:     func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) },
			WorkDir: func() (string, error) { return dir, nil },
		}
		root := NewCmdRoot(f)
		root.SetArgs(args)
		if code := execute(root, f); code != 0 {
			t.Fatalf("acct %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
		}
		return out.String()
	}
	write("acct.yaml", "language: zh\n")
	write("accounts/hx/account.md", "---\nkind: account\nname: 华星\nsuppliers:\n  incumbents:\n    - name: 甲\n      share: 60%\n---\n")
	if _, err := book.InitRepoEnv(dir, func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	run(false, "commit", "-m", "start")
	write("accounts/hx/account.md", "---\nkind: account\nname: 华星\nsuppliers:\n  incumbents:\n    - name: 甲\n      share: 40%\n---\n")
	run(false, "commit", "-m", "share down")

	lines := strings.Split(strings.TrimSpace(run(true, "log", "hx")), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "COMMIT  ") || !strings.Contains(lines[0], "DOCUMENTS") {
		t.Errorf("log on a terminal:\n%s", strings.Join(lines, "\n"))
	}
	msgCol := runewidth.StringWidth(lines[0][:strings.Index(lines[0], "MESSAGE")])
	for _, l := range lines[1:] {
		if i := strings.Index(l, "share down"); i >= 0 && runewidth.StringWidth(l[:i]) != msgCol {
			t.Errorf("log message not under MESSAGE:\n%s", strings.Join(lines, "\n"))
		}
	}
	if piped := run(false, "log", "hx"); strings.Contains(piped, "COMMIT") {
		t.Errorf("log piped has a header:\n%s", piped)
	}
	lines = strings.Split(strings.TrimRight(run(true, "history", "hx", "suppliers.incumbents"), "\n"), "\n")
	// Header, then each value's lines in the value column.
	if len(lines) != 5 || !strings.HasPrefix(lines[0], "DATE ") || !strings.HasSuffix(lines[0], "SUPPLIERS.INCUMBENTS") {
		t.Fatalf("history on a terminal:\n%s", strings.Join(lines, "\n"))
	}
	col := strings.Index(lines[0], "SUPPLIERS") // the header is ASCII: bytes are columns
	at := func(l, sub string) int { return runewidth.StringWidth(l[:max(strings.Index(l, sub), 0)]) }
	if at(lines[1], "- name: 甲") != col || strings.TrimSpace(lines[2][:col]) != "" || at(lines[2], "  share: 40%") != col {
		t.Errorf("history values not in their column:\n%s", strings.Join(lines, "\n"))
	}
	if piped := run(false, "history", "hx", "suppliers.incumbents"); strings.Contains(piped, "DATE") || strings.Count(piped, "\n") != 2 {
		t.Errorf("history piped:\n%s", piped)
	}
}
