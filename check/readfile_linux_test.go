package check

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/acctbook/acct/internal/smallfile"
)

// TestReadFileInto reads files around the buffer's size (empty, one byte,
// one short of the buffer, exactly the buffer, one more, several buffers)
// and compares them with os.ReadFile.
func TestReadFileInto(t *testing.T) {
	dir := t.TempDir()
	bp := readBufs.Get().(*[]byte)
	defer readBufs.Put(bp)
	size := len(*bp)
	for _, n := range []int{0, 1, size - 1, size, size + 1, 3*size + 7} {
		path := filepath.Join(dir, fmt.Sprintf("f%d.md", n))
		want := bytes.Repeat([]byte("华星 abc\n"), n/10+1)[:n]
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readFileInto(bp, smallfile.AtFDCWD, path, path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%d bytes: read %d bytes, not the file", n, len(got))
		}
		if src, err := smallfile.ReadFileAt(smallfile.AtFDCWD, path, path, maxDocumentBytes); err != nil || !bytes.Equal(src, want) {
			t.Errorf("readFileAt, %d bytes: read %d bytes (%v)", n, len(src), err)
		}
	}
}
