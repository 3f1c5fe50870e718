package check

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
	"syscall"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/internal/smallfile"
)

// readBufs holds read buffers reused from one file to the next.
var readBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// On Linux the files of an account are read through directory descriptors:
// the account folder and its contacts/ and visits/ folders are opened once,
// their entries listed with getdents, and each file opened relative to its
// folder and read into a reused buffer. Compared with os.ReadFile and
// os.ReadDir on full paths this saves the kernel a path walk per file, and
// the poller registration, fstat and os.File (with its finalizer) per open.
// Results and errors are the same as with book.Documents and os.ReadFile;
// anything unusual falls back to those.

// bookFiles holds what the accounts of one check share: the accounts/
// folder, opened once, so that each account's files and folders are
// opened relative to it ("<id>/account.md") instead of through a folder
// of their own, which would cost an open and a close per account.
type bookFiles struct {
	accounts int // accounts/, or -1
}

func openBook(b *book.Book) *bookFiles {
	bf := &bookFiles{accounts: -1}
	if fd, err := smallfile.Openat(smallfile.AtFDCWD, b.Path(book.AccountsDir), syscall.O_DIRECTORY); err == nil {
		bf.accounts = fd
	}
	return bf
}

func (bf *bookFiles) close() {
	if bf.accounts >= 0 {
		syscall.Close(bf.accounts)
	}
}

// accountFiles reads the files of one account folder.
type accountFiles struct {
	b  *book.Book
	id string
	// dir is the folder names are opened in (-1: none, use full paths),
	// and prefix what leads from it to the account's folder: the account
	// folder itself and "", or the book's accounts/ and "<id>/".
	dir    int
	prefix string
	own    bool // dir is this account's to close
	// contacts and visits are its open sub-folders, or -1.
	contacts, visits int
	buf              *[]byte // from readBufs, what readFile reads into
}

// openAccount prepares to read the account's files, relative to bf's
// accounts/ folder (bf may be nil: the account folder is opened).
func openAccount(b *book.Book, id string, bf *bookFiles) *accountFiles {
	af := &accountFiles{b: b, id: id, dir: -1, contacts: -1, visits: -1, buf: readBufs.Get().(*[]byte)}
	if bf != nil && bf.accounts >= 0 && !strings.Contains(id, "/") {
		af.dir, af.prefix = bf.accounts, id+"/"
	} else if fd, err := smallfile.Openat(smallfile.AtFDCWD, b.Path(book.AccountDir(id)), syscall.O_DIRECTORY); err == nil {
		af.dir, af.own = fd, true
	}
	return af
}

func (af *accountFiles) close() {
	readBufs.Put(af.buf)
	for _, fd := range []int{af.contacts, af.visits} {
		if fd >= 0 {
			syscall.Close(fd)
		}
	}
	if af.own {
		syscall.Close(af.dir)
	}
}

// documents is book.Documents(id, sub) for sub "contacts" or "visits":
// the ids of the .md files of the account's sub-folder, sorted; nil when
// it does not exist.
func (af *accountFiles) documents(sub string) ([]string, error) {
	slot := &af.contacts
	if sub == "visits" {
		slot = &af.visits
	}
	if af.dir < 0 || sub != "contacts" && sub != "visits" || *slot >= 0 {
		return af.b.Documents(af.id, sub)
	}
	fd, err := smallfile.Openat(af.dir, af.prefix+sub, syscall.O_DIRECTORY)
	if err == syscall.ENOENT {
		return nil, nil
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: af.b.Path(book.AccountDir(af.id) + "/" + sub), Err: err}
	}
	*slot = fd
	ids, ok := listDocuments(fd, af.b.Path(book.AccountDir(af.id)+"/"+sub))
	if !ok {
		return af.b.Documents(af.id, sub)
	}
	sort.Strings(ids)
	return ids, nil
}

// listDocuments lists the .md files of a directory like book.Documents;
// ok is false when it could not, and the caller should ask book.Documents.
func listDocuments(fd int, dirPath string) (ids []string, ok bool) {
	bp := readBufs.Get().(*[]byte)
	defer readBufs.Put(bp)
	buf := *bp
	for {
		n, err := syscall.ReadDirent(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, false
		}
		if n <= 0 {
			return ids, true
		}
		for b := buf[:n]; len(b) > 0; {
			// struct linux_dirent64: ino u64, off s64, reclen u16, type u8, name.
			if len(b) < 19 {
				return nil, false
			}
			reclen := int(binary.NativeEndian.Uint16(b[16:18]))
			if reclen < 19 || reclen > len(b) {
				return nil, false
			}
			typ := b[18]
			name := b[19:reclen]
			if i := bytes.IndexByte(name, 0); i >= 0 {
				name = name[:i]
			}
			b = b[reclen:]
			if len(name) < 4 || name[0] == '.' || !bytes.HasSuffix(name, []byte(".md")) {
				continue
			}
			isDir := typ == syscall.DT_DIR
			if typ == syscall.DT_UNKNOWN {
				st, err := os.Lstat(path.Join(dirPath, string(name)))
				if errors.Is(err, fs.ErrNotExist) {
					continue // gone meanwhile, as os.ReadDir does
				}
				if err != nil {
					return nil, false
				}
				isDir = st.IsDir()
			}
			if !isDir {
				ids = append(ids, string(name[:len(name)-3]))
			}
		}
	}
}

// readFile is readFile(b.Path(rel)) for a file of this account, except
// that the bytes it returns may be af's buffer, valid until the next
// readFile.
func (af *accountFiles) readFile(rel string) ([]byte, error) {
	dir, name := -1, ""
	if tail, ok := strings.CutPrefix(rel, book.AccountsDir+"/"+af.id+"/"); ok && af.dir >= 0 {
		dir, name = af.dir, af.prefix+tail
		if sub, file, ok := strings.Cut(tail, "/"); ok {
			switch {
			case sub == "contacts" && af.contacts >= 0:
				dir, name = af.contacts, file
			case sub == "visits" && af.visits >= 0:
				dir, name = af.visits, file
			}
		}
	}
	if dir < 0 {
		return readFile(af.b.Path(rel))
	}
	src, err := readFileInto(af.buf, dir, name, "")
	if pe, ok := err.(*fs.PathError); ok {
		pe.Path = af.b.Path(rel) // built only when needed
	}
	return src, err
}

// readFileInto is smallfile.ReadAt with the limit of a document: the file
// name in the directory dir (path is its full path, for errors) read into
// *bp; the bytes returned are part of *bp. It does not follow a symbolic
// link (errSymlink) and refuses anything but a regular file
// (errNotRegular) of at most maxDocumentBytes (errTooLarge).
func readFileInto(bp *[]byte, dir int, name, path string) ([]byte, error) {
	return smallfile.ReadAt(bp, dir, name, path, maxDocumentBytes)
}
