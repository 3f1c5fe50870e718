//go:build !linux

package smallfile

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// ReadFile reads the file at path like os.ReadFile, after checking with
// os.Lstat that it is no symbolic link (ErrSymlink) but a regular file
// (ErrNotRegular) of at most max bytes (ErrTooLarge). Errors are
// *fs.PathError (those of os.Lstat and os.ReadFile included). The bytes
// are the caller's.
func ReadFile(path string, max int64) ([]byte, error) {
	st, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	switch {
	case st.Mode()&fs.ModeSymlink != 0:
		return nil, &fs.PathError{Op: "open", Path: path, Err: ErrSymlink}
	case !st.Mode().IsRegular():
		return nil, &fs.PathError{Op: "open", Path: path, Err: ErrNotRegular}
	case st.Size() > max:
		return nil, &fs.PathError{Op: "open", Path: path, Err: ErrTooLarge}
	}
	return os.ReadFile(path)
}

// Dir is a directory that files are read relative to (here by joining
// paths; the Linux version holds a descriptor).
type Dir struct {
	path string
}

// OpenDir checks that path is a directory and returns it. The error is an
// *fs.PathError (errors.Is(err, fs.ErrNotExist) for a missing one;
// syscall.ENOTDIR when path is no directory).
func OpenDir(path string) (*Dir, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: path, Err: syscall.ENOTDIR}
	}
	return &Dir{path: path}, nil
}

// Close releases the directory (nothing to do here).
func (d *Dir) Close() error { return nil }

// Read reads the file name (slash-separated, relative to d) with
// ReadFile's checks and errors, which name its full path. The bytes are
// the caller's here (on Linux they may be part of *bp, which is unused
// here).
func (d *Dir) Read(bp *[]byte, name string, max int64) ([]byte, error) {
	return ReadFile(filepath.Join(d.path, filepath.FromSlash(name)), max)
}
