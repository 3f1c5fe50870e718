package cmd

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/acctbook/acct/book"
)

// TestImportTempsAllOrNothing: when one month cannot be written, the
// months already written to temporary files are discarded and none is
// renamed into place.
func TestImportTempsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a", "purchases", "2026-01.csv")
	blocker := filepath.Join(dir, "b")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(blocker, "purchases", "2026-01.csv") // parent is a file
	var writes []plannedWrite
	tmp, err := book.StageFile(good, []byte(importHeader))
	if err != nil {
		t.Fatal(err)
	}
	writes = append(writes, plannedWrite{path: good, tmp: tmp})
	if _, err := book.StageFile(bad, []byte(importHeader)); err == nil {
		t.Fatal("want an error")
	}
	discardImport(writes)
	ents, _ := os.ReadDir(filepath.Dir(good))
	if len(ents) != 0 {
		t.Errorf("left %d files in %s (want none): %v", len(ents), filepath.Dir(good), ents)
	}
}

// TestApplyImport: the temporary files are synced and renamed into place,
// obsolete months removed.
func TestApplyImport(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a", "purchases", "2026-01.csv")
	old := filepath.Join(dir, "a", "purchases", "2025-12.csv")
	tmp, err := book.StageFile(a, []byte(importHeader))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(old, []byte(importHeader), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := applyImport([]plannedWrite{{path: a, tmp: tmp}}, []string{old}); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(filepath.Dir(a))
	if len(ents) != 1 || ents[0].Name() != "2026-01.csv" {
		t.Errorf("purchases/ holds %v, want only 2026-01.csv", ents)
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
