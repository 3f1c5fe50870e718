package smallfile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestReadAtGrowing reads files longer than fstat said when they were
// opened: a /proc file (size 0, contents made on reading) into buffers too
// small and large enough, and a file appended to while it is read, of
// which a prefix at least as long as it was must come back.
func TestReadAtGrowing(t *testing.T) {
	want, err := os.ReadFile("/proc/self/limits") // the same for the test's whole life
	if err != nil || len(want) < 2 {
		t.Skip("no /proc/self/limits")
	}
	for _, size := range []int{1, len(want) - 1, len(want), len(want) + 1, 64 << 10} {
		buf := make([]byte, size)
		got, err := ReadAt(&buf, AtFDCWD, "/proc/self/limits", "/proc/self/limits", 1)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("buffer of %d: read %d bytes (%v), want %d", size, len(got), err, len(want))
		}
	}

	path := filepath.Join(t.TempDir(), "growing.md")
	line := []byte("华星 abc growing\n")
	start := bytes.Repeat(line, 100)
	if err := os.WriteFile(path, start, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 2000 {
			if _, err := f.Write(line); err != nil {
				return
			}
		}
	}()
	buf := make([]byte, 512)
	for {
		got, err := ReadAt(&buf, AtFDCWD, path, path, 1<<30)
		if err != nil {
			t.Fatal(err)
		}
		final, _ := os.ReadFile(path)
		if len(got) < len(start) || !bytes.HasPrefix(final, got) {
			t.Fatalf("read %d bytes, not a prefix of the file at least %d long", len(got), len(start))
		}
		select {
		case <-done:
			return
		default:
		}
	}
}
