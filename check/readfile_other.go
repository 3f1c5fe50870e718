//go:build !linux

package check

import (
	"io/fs"
	"os"
)

// readFile is os.ReadFile with the checks of the Linux version: no
// following of symbolic links (errSymlink), regular files only
// (errNotRegular), at most maxDocumentBytes (errTooLarge).
func readFile(path string) ([]byte, error) {
	st, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	switch {
	case st.Mode()&fs.ModeSymlink != 0:
		return nil, &fs.PathError{Op: "open", Path: path, Err: errSymlink}
	case !st.Mode().IsRegular():
		return nil, &fs.PathError{Op: "open", Path: path, Err: errNotRegular}
	case st.Size() > maxDocumentBytes:
		return nil, &fs.PathError{Op: "open", Path: path, Err: errTooLarge}
	}
	return os.ReadFile(path)
}
