package cmd

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// sharedDir returns the folder with the shared bench generators
// (../shared next to the repository, or $ACCT_SHARED), skipping the test
// when it or python3 is absent.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("ACCT_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared")
	}
	if _, err := os.Stat(filepath.Join(dir, "bench", "gen_book.py")); err != nil {
		t.Skipf("no shared bench generators at %s (set ACCT_SHARED)", dir)
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 not installed")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}
