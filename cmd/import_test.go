package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestApplyImportAllOrNothing: when one month cannot be written, no month is
// renamed into place and no temporary file stays behind.
func TestApplyImportAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a", "purchases", "2026-01.csv")
	blocker := filepath.Join(dir, "b")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(blocker, "purchases", "2026-01.csv") // parent is a file
	ios := &IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
	err := applyImport(ios, []plannedWrite{{path: good, data: []byte(importHeader)}, {path: bad, data: []byte(importHeader)}}, nil)
	if err == nil {
		t.Fatal("want an error")
	}
	ents, _ := os.ReadDir(filepath.Dir(good))
	if len(ents) != 0 {
		t.Errorf("left %d files in %s (want none): %v", len(ents), filepath.Dir(good), ents)
	}
}

func TestIsImportForm(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{importHeader + "2026-01-05,Bolts,1,100,SO1\n", true},
		{importHeader, true},
		{"日期,产品,金额\n2026-02-10,Bolts,500\n", false},
		{importHeader + "2026-01-05,Bolts,1,100\n", false},
		{importHeader + "2026-01-05,Bolts,1,100,SO1", false},
	} {
		if got := isImportForm([]byte(c.in)); got != c.want {
			t.Errorf("isImportForm(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
