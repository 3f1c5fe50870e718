package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runAcct runs the command tree in-process in dir with the given environment
// and returns the exit status, stdout and stderr.
func runAcct(t *testing.T, dir string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	f := &Factory{
		IO:      &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Args:    args,
		Getenv:  func(k string) string { return env[k] },
		Now:     func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) },
		WorkDir: func() (string, error) { return dir, nil },
	}
	root := NewCmdRoot(f)
	root.SetArgs(args)
	code := execute(root, f)
	return code, out.String(), errOut.String()
}

// TestScaffoldBadInput checks exit statuses and that nothing is written for
// input testscript cannot type (line breaks in arguments).
func TestScaffoldBadInput(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"LANG": "zh_CN.UTF-8", "HOME": dir, "ACCT_AUTHOR_NAME": "Test Rep", "ACCT_AUTHOR_EMAIL": "rep@example.com"}
	book := filepath.Join(dir, "book")
	if code, _, stderr := runAcct(t, dir, env, "init", book, "--lang", "en"); code != 0 {
		t.Fatalf("init: %d %s", code, stderr)
	}
	if code, _, stderr := runAcct(t, book, env, "new", "Acme"); code != 0 {
		t.Fatalf("new: %d %s", code, stderr)
	}
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"new", "two\nlines"}, 2, "line break"},
		{[]string{"new", "x", "--id", "a\nb"}, 2, "control character"},
		{[]string{"new", "x", "--id", "a\x00b"}, 2, "control character"},
		{[]string{"new", "x", "--tier", "D"}, 2, `--tier "D": want A, B or C`},
		{[]string{"new", "acme"}, 1, "already exists"},
		{[]string{"new"}, 2, "missing NAME"},
		{[]string{"new", "x", "--bogus"}, 2, "unknown flag"},
		{[]string{"contact", "new", "acme", "a\rb"}, 2, "line break"},
		{[]string{"contact", "new", "acme", "x", "--title", "a\nb"}, 2, "one line"},
		{[]string{"contact", "new", "acme", "x", "--role", "boss"}, 2, "want one of"},
		{[]string{"contact", "new", "nosuch", "x"}, 1, "unknown account"},
		{[]string{"visit", "new", "acme", "--with", "nobody"}, 1, "unknown contact"},
		{[]string{"visit", "new", "acme", "--date", "2026-13-01"}, 2, "YYYY-MM-DD"},
		{[]string{"visit", "new", "acme", "--slug", "a\nb"}, 2, "control character"},
		{[]string{"init", "--lang", "en", book + "/sub"}, 1, "already inside the book"},
		{[]string{"init", "--lang", "de", filepath.Join(dir, "other")}, 2, "want zh or en"},
		{[]string{"init", "--lang", "en", filepath.Join(book, "acct.yaml")}, 1, "it is a file"},
		{[]string{"init", "a", "b"}, 2, `unexpected argument "b"`},
		{[]string{"edit", "acme", "x", "y"}, 2, `unexpected argument "y"`},
		{[]string{"list", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"demo", book}, 1, "不是空文件夹"},
	}
	for _, tt := range tests {
		code, _, stderr := runAcct(t, book, env, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.msg) {
			t.Errorf("acct %q: exit %d, stderr %q; want exit %d and %q", tt.args, code, stderr, tt.code, tt.msg)
		}
	}
	// Only what the successful commands wrote is there.
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	want := []string{"book/.gitignore", "book/README.md", "book/accounts/.gitkeep", "book/accounts/acme/account.md",
		"book/accounts/acme/contacts/.gitkeep", "book/accounts/acme/purchases/.gitkeep",
		"book/accounts/acme/visits/.gitkeep", "book/acct.yaml"}
	if strings.Join(files, "\n") != strings.Join(want, "\n") {
		t.Errorf("files after bad input:\n%s\nwant:\n%s", strings.Join(files, "\n"), strings.Join(want, "\n"))
	}
}

func TestLocaleLang(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "zh_CN.UTF-8"}, "zh"},
		{map[string]string{"LANG": "zh_TW"}, "zh"},
		{map[string]string{"LANG": "en_US.UTF-8"}, "en"},
		{map[string]string{"LANG": "C"}, "en"},
		{map[string]string{}, "en"},
		{map[string]string{"LANG": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"},
		{map[string]string{"LANG": "en_US", "LC_MESSAGES": "zh_CN"}, "zh"},
	}
	for _, tt := range tests {
		if got := localeLang(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("localeLang(%v) = %s, want %s", tt.env, got, tt.want)
		}
	}
}

// TestScaffoldFlags checks flags and arguments reach the options unchanged
// (the run functions are replaced, nothing is written).
func TestScaffoldFlags(t *testing.T) {
	f := &Factory{IO: &IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, Getenv: func(string) string { return "" }}
	run := func(c interface {
		SetArgs([]string)
		Execute() error
	}, args ...string) {
		t.Helper()
		c.SetArgs(args)
		if err := c.Execute(); err != nil {
			t.Fatalf("%q: %v", args, err)
		}
	}
	var n *NewOptions
	run(NewCmdNew(f, func(o *NewOptions) error { n = o; return nil }), "华星 电子", "--id", "hx", "--tier", "a", "--owner", "李明")
	if n.Name != "华星 电子" || n.ID != "hx" || n.Tier != "a" || n.Owner != "李明" {
		t.Errorf("new options: %+v", n)
	}
	var c *ContactNewOptions
	run(NewCmdContactNew(f, func(o *ContactNewOptions) error { c = o; return nil }), "hx", "张大同", "--title", "采购部长", "--role", "champion", "--key", "--id", "zdt")
	if c.Account != "hx" || c.Name != "张大同" || c.Title != "采购部长" || c.Role != "champion" || !c.Key || c.ID != "zdt" {
		t.Errorf("contact new options: %+v", c)
	}
	var v *VisitNewOptions
	run(NewCmdVisitNew(f, func(o *VisitNewOptions) error { v = o; return nil }), "hx", "--with", "a,b", "--with", "c", "--date", "2026-02-25", "--slug", "kickoff")
	if v.Account != "hx" || strings.Join(v.With, "|") != "a|b|c" || v.Date != "2026-02-25" || v.Slug != "kickoff" {
		t.Errorf("visit new options: %+v", v)
	}
	var e *EditOptions
	run(NewCmdEdit(f, func(o *EditOptions) error { e = o; return nil }), "hx", "zdt")
	if e.Account != "hx" || e.Doc != "zdt" {
		t.Errorf("edit options: %+v", e)
	}
	var i *InitOptions
	run(NewCmdInit(f, func(o *InitOptions) error { i = o; return nil }), "dir", "--lang", "en")
	if i.Dir != "dir" || i.Lang != "en" {
		t.Errorf("init options: %+v", i)
	}
	var l *ListOptions
	run(NewCmdList(f, func(o *ListOptions) error { l = o; return nil }), "--json", "--as-of", "2026-03-01")
	if !l.JSON || l.AsOf != "2026-03-01" {
		t.Errorf("list options: %+v", l)
	}
	var d *DemoOptions
	run(NewCmdDemo(f, func(o *DemoOptions) error { d = o; return nil }), "/tmp/x")
	if d.Dir != "/tmp/x" {
		t.Errorf("demo options: %+v", d)
	}
}

func TestEditorCommand(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, "vi"},
		{map[string]string{"EDITOR": "nano"}, "nano"},
		{map[string]string{"EDITOR": "code --wait"}, "code|--wait"},
		{map[string]string{"EDITOR": "nano", "VISUAL": "code -w"}, "code|-w"},
		{map[string]string{"VISUAL": "  ", "EDITOR": "nano"}, "nano"},
		{map[string]string{"EDITOR": `"/Applications/My Editor/bin/ed" --wait`}, "/Applications/My Editor/bin/ed|--wait"},
		{map[string]string{"EDITOR": `emacs -nw -q 'a b'`}, "emacs|-nw|-q|a b"},
	}
	for _, tt := range tests {
		got, err := editorCommand(func(k string) string { return tt.env[k] })
		if err != nil || strings.Join(got, "|") != tt.want {
			t.Errorf("editorCommand(%v) = %q, %v; want %s", tt.env, got, err, tt.want)
		}
	}
	if _, err := editorCommand(func(k string) string { return map[string]string{"EDITOR": `vi "open`}[k] }); err == nil {
		t.Error("unbalanced quote: no error")
	}
}
