//go:build !linux

package check

import "github.com/acctbook/acct/book"

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
