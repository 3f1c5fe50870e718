// Package smallfile reads the small regular files a book is made of
// (account profiles, contact cards, visit summaries) with as few system
// calls and allocations as the platform allows, and refuses what a book
// should not hold in their place: symbolic links, anything but a regular
// file, and files over a size limit.
//
// On Linux (smallfile_linux.go) files are opened relative to an open
// directory descriptor and read into a buffer the caller reuses; elsewhere
// (smallfile_other.go) the same checks are made with os.Lstat before
// os.ReadFile.
package smallfile

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// Reasons a file is not read. They come wrapped in an *fs.PathError, so
// test for them with errors.Is.
var (
	// ErrSymlink: the file is a symbolic link (which is not followed).
	ErrSymlink = errors.New("a symbolic link")
	// ErrNotRegular: the file is a directory, FIFO, device or socket.
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge: the file is larger than the limit given.
	ErrTooLarge = errors.New("file too large")
	// ErrOutside: a symbolic link ReadLink refuses, as it leads outside
	// the book.
	ErrOutside = errors.New("outside the book")
)

// ReadLink reads, with ReadFile and the limit max (bytes), the file the
// symbolic link at path leads to, provided it lies inside the folder root
// (a book): a link leading outside it is refused, so that a book never
// shows (or commits) files from elsewhere. The errors are those of
// filepath.EvalSymlinks (a missing target satisfies
// errors.Is(err, fs.ErrNotExist)), an error naming the target and wrapping
// ErrOutside when it is outside root, and those of ReadFile.
func ReadLink(root, path string, max int64) ([]byte, error) {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, err
	}
	root, err = filepath.EvalSymlinks(root)
	if err != nil {
		return nil, err
	}
	if r, err := filepath.Rel(root, target); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("a symbolic link to %s, %w; acct reads only files inside the book", target, ErrOutside)
	}
	return ReadFile(target, max)
}
