//go:build !linux

package check

import (
	"io/fs"
	"os"

	"github.com/acctbook/acct/book"
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

// accountFiles reads the files of one account folder; readfile_linux.go
// has a leaner version.
type accountFiles struct {
	b  *book.Book
	id string
}

func openAccount(b *book.Book, id string, _ *bookFiles) *accountFiles {
	return &accountFiles{b: b, id: id}
}

// bookFiles is what the accounts of one check share (nothing here).
type bookFiles struct{}

func openBook(*book.Book) *bookFiles { return &bookFiles{} }

func (*bookFiles) close() {}

func (af *accountFiles) close() {}

func (af *accountFiles) documents(sub string) ([]string, error) { return af.b.Documents(af.id, sub) }

// readFile reads a file of this account. (On Linux the bytes are valid
// until the next readFile; here they are the caller's.)
func (af *accountFiles) readFile(rel string) ([]byte, error) { return readFile(af.b.Path(rel)) }
