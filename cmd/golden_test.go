package cmd

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/check"
	"github.com/acctbook/acct/templates"
)

var updateGolden = flag.Bool("update-golden", false, "rewrite cmd/testdata/golden/*")

// demoBookDir copies the embedded demo book into a temp folder (no git),
// with acct.yaml's language set to lang (zh or en), and returns the folder.
func demoBookDir(t *testing.T, lang string) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(templates.Demo(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := fs.ReadFile(templates.Demo(), p)
		if err != nil {
			return err
		}
		if p == "acct.yaml" {
			data = regexp.MustCompile(`(?m)^language: *zh\b`).ReplaceAll(data, []byte("language: "+lang))
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// testFactory returns a Factory on the book at dir with captured streams,
// no colour, and the clock at the demo book's date.
func testFactory(dir string) (*Factory, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	now, _ := time.Parse("2006-01-02", templates.DemoDate)
	f := &Factory{
		IO:       &IOStreams{In: &bytes.Buffer{}, Out: out, ErrOut: errOut},
		Getenv:   func(string) string { return "" },
		Now:      func() time.Time { return now },
		WorkDir:  func() (string, error) { return dir, nil },
		BookFlag: dir,
	}
	return f, out, errOut
}

// golden compares got with testdata/golden/name, rewriting it under
// -update-golden.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *updateGolden {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd -update-golden)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// loadDemoAccount loads one account of the book at dir as of the demo date.
func loadDemoAccount(t *testing.T, dir, id string) *check.Account {
	t.Helper()
	b, err := book.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	now, _ := time.Parse("2006-01-02", templates.DemoDate)
	a, err := check.Load(b, id, now)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
