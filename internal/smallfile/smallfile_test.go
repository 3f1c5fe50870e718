package smallfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRead reads every kind of entry a book folder may hold through
// Dir.Read and ReadFile and checks the bytes or the error: its reason
// (errors.Is) and that it is an *fs.PathError naming the file's path.
func TestRead(t *testing.T) {
	const bufSize, max = 4096, 3 * 4096
	dir := t.TempDir()
	content := func(n int) []byte { return bytes.Repeat([]byte("华星 abc\n"), n/10+1)[:n] }
	tests := []struct {
		name    string
		make    func(path string) error // nil: nothing there
		want    []byte
		wantErr error
	}{
		{name: "regular.md", make: write(content(900)), want: content(900)},
		{name: "empty.md", make: write(nil), want: []byte{}},
		{name: "one.md", make: write(content(1)), want: content(1)},
		{name: "short-of-buffer.md", make: write(content(bufSize - 1)), want: content(bufSize - 1)},
		{name: "buffer-sized.md", make: write(content(bufSize)), want: content(bufSize)},
		{name: "over-buffer.md", make: write(content(bufSize + 1)), want: content(bufSize + 1)},
		{name: "at-limit.md", make: write(content(max)), want: content(max)},
		{name: "too-large.md", make: write(content(max + 1)), wantErr: ErrTooLarge},
		{name: "missing.md", wantErr: fs.ErrNotExist},
		{name: "directory.md", make: func(p string) error { return os.Mkdir(p, 0o755) }, wantErr: ErrNotRegular},
		{name: "fifo.md", make: mkfifo, wantErr: ErrNotRegular}, // and does not block
		{name: "link.md", make: symlink("regular.md"), wantErr: ErrSymlink},
		{name: "dangling.md", make: symlink("nowhere.md"), wantErr: ErrSymlink},
		{name: "dirlink.md", make: symlink("directory.md"), wantErr: ErrSymlink},
	}
	cannot := map[string]error{}
	for _, tt := range tests {
		if tt.make != nil {
			if err := tt.make(filepath.Join(dir, tt.name)); err != nil {
				cannot[tt.name] = err // no FIFOs or symbolic links here
			}
		}
	}
	d, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := cannot[tt.name]; err != nil {
				t.Skip(err)
			}
			path := filepath.Join(dir, tt.name)
			check := func(how string, got []byte, err error) {
				t.Helper()
				if tt.wantErr != nil {
					var pe *fs.PathError
					if !errors.Is(err, tt.wantErr) || !errors.As(err, &pe) || pe.Path != path {
						t.Errorf("%s: error %#v, want an *fs.PathError for %s that is %v", how, err, path, tt.wantErr)
					}
					return
				}
				if err != nil || !bytes.Equal(got, tt.want) {
					t.Errorf("%s: read %d bytes (%v), want the file's %d", how, len(got), err, len(tt.want))
				}
			}
			buf := make([]byte, bufSize)
			got, err := d.Read(&buf, tt.name, max)
			check("Dir.Read", got, err)
			got, err = d.Read(&buf, tt.name, max) // again, into the buffer as left
			check("Dir.Read again", got, err)
			var none []byte
			got, err = d.Read(&none, tt.name, max)
			check("Dir.Read into no buffer", got, err)
			got, err = ReadFile(path, max)
			check("ReadFile", got, err)
		})
	}
}

// TestReadLink follows symbolic links inside the root only.
func TestReadLink(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	for _, p := range []string{filepath.Join(root, "a.md"), filepath.Join(outside, "b.md")} {
		if err := os.WriteFile(p, []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, target := range map[string]string{"in.md": "a.md", "out.md": filepath.Join(outside, "b.md"), "dangling.md": "none.md"} {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Skip(err)
		}
	}
	if got, err := ReadLink(root, filepath.Join(root, "in.md"), 10); err != nil || string(got) != "x\n" {
		t.Errorf("inside: %q, %v", got, err)
	}
	if _, err := ReadLink(root, filepath.Join(root, "out.md"), 10); err == nil || !strings.Contains(err.Error(), "outside the book") {
		t.Errorf("outside: %v", err)
	}
	if _, err := ReadLink(root, filepath.Join(root, "dangling.md"), 10); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("dangling: %v", err)
	}
	if _, err := ReadLink(root, filepath.Join(root, "in.md"), 1); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over the limit: %v", err)
	}
}

// TestOpenDir refuses what is not a directory.
func TestOpenDir(t *testing.T) {
	dir := t.TempDir()
	if _, err := OpenDir(filepath.Join(dir, "none")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if d, err := OpenDir(file); err == nil {
		d.Close()
		t.Error("a file opened as a directory")
	}
}

func write(b []byte) func(string) error {
	return func(p string) error { return os.WriteFile(p, b, 0o644) }
}

func symlink(target string) func(string) error {
	return func(p string) error { return os.Symlink(target, p) }
}
