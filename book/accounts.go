package book

import (
	"bytes"
	"errors"
	"io/fs"
	"math"
	"runtime"
	"sync"

	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/internal/smallfile"
	"github.com/acctbook/acct/profile"
)

// AccountIndex is every account profile of a book, read once, for the
// commands that look accounts up by name or alias (trend's customer
// matching, a name typed where an id is expected, shell completion) or need
// the financials of many accounts at once.
type AccountIndex struct {
	// Profiles are in id order, one per folder under accounts/. A profile
	// that is missing or cannot be parsed has only its ID (acct check says
	// what is wrong with it). Profiles hold no document tree (Doc and the
	// financials' Node are nil), so the index of a big book stays small.
	Profiles []*profile.Account
	// Unreadable holds an error naming each account.md that exists but
	// could not be read (permissions, a folder in its place); its profile
	// has only its ID. Callers decide whether that is fatal.
	Unreadable []error

	byID map[string]*profile.Account
}

// AccountIndex reads accounts/<id>/account.md of every account, several
// files at a time since a book may hold thousands. Of each front matter
// only the top-level name and aliases (and the financials when
// withFinancials is set) are cut out and decoded with document.Parse,
// like profile.ParseAccount reads them (FORMAT.md section 3); the other
// fields of the profiles stay empty. This is what keeps the index of a
// 10,000-account book fast: accounts/ is opened once and each account.md
// read relative to it into a reused buffer (internal/smallfile).
//
// A missing account.md (or a symbolic link leading nowhere) gives a
// profile with only its ID. An account.md that is a symbolic link is read
// only when it leads to a regular file inside the book, as acct check reads
// it; one leading outside the book is unreadable, so that the book never
// shows what its teammates do not have. A folder, FIFO, device or socket
// named account.md is unreadable too, and never blocks (os.Open would
// wait on a FIFO for a writer). A file that cannot be read for any other
// reason but its absence is unreadable as well; each unreadable one is listed in
// Unreadable, as an *fs.PathError naming the account.md, and its profile
// has only its ID. Regular files are read whatever their size. Only a
// failure to list or open accounts/ is an error.
func (b *Book) AccountIndex(withFinancials bool) (*AccountIndex, error) {
	ids, err := b.Accounts()
	if err != nil {
		return nil, err
	}
	var dir *smallfile.Dir
	if len(ids) > 0 {
		if dir, err = smallfile.OpenDir(b.Path(AccountsDir)); err != nil {
			return nil, err
		}
		defer dir.Close()
	}
	want := map[string]bool{"name": true, "aliases": true, "financials": withFinancials}
	profiles := make([]*profile.Account, len(ids))
	errs := make([]error, len(ids))
	next := make(chan int, len(ids))
	for i := range ids {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(indexWorkers*runtime.GOMAXPROCS(0), len(ids)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for i := range next {
				if cap(buf) > maxIndexBuffer {
					buf = nil // the last file was huge; do not keep its room
				}
				if buf == nil {
					buf = make([]byte, indexBuffer)
				}
				profiles[i], errs[i] = b.readProfile(dir, ids[i], want, &buf)
			}
		}()
	}
	wg.Wait()
	ix := &AccountIndex{Profiles: profiles, byID: make(map[string]*profile.Account, len(ids))}
	for i, p := range profiles {
		if errs[i] != nil {
			ix.Unreadable = append(ix.Unreadable, errs[i])
			p = &profile.Account{ID: ids[i]}
			profiles[i] = p
		}
		ix.byID[p.ID] = p
	}
	return ix, nil
}

const (
	// indexWorkers is how many goroutines per core (GOMAXPROCS)
	// AccountIndex reads and parses profiles with. With smallfile's
	// reads, 1, 2 and 4 per core cost the same CPU within the noise of
	// a shared 2-core machine (acct trend on the 10,000-account
	// benchmark book, task-clock medians 156-183, 167-191, 157-186 ms),
	// and 4 gave the best wall time on the 5.8M-row export (0.83 s
	// against 0.87 and 0.93), so it stays.
	indexWorkers = 4
	// indexBuffer is the size in bytes of each goroutine's read buffer,
	// many times that of a typical account.md; maxIndexBuffer the size
	// above which a buffer grown for a huge file is dropped.
	indexBuffer, maxIndexBuffer = 32 << 10, 1 << 20
	// maxProfileBytes is the size limit AccountIndex reads account.md
	// with: none, so that every regular file is read as before.
	maxProfileBytes = math.MaxInt64
)

// readProfile parses the wanted top-level keys of accounts/<id>/account.md
// into a profile without its document tree; it reads the file relative to
// dir (accounts/) into *bp, which it may grow. The profile keeps nothing of
// *bp: frontKeys copies the keys out, and document.Parse keeps the bytes it
// is given only in the Document's Src, which is dropped (its nodes' values
// are copies). When the cut-out keys do not parse on their own, the whole
// file is parsed; a file that does not parse gives a profile with only its
// ID. Errors are AccountIndex's unreadable files.
func (b *Book) readProfile(dir *smallfile.Dir, id string, want map[string]bool, bp *[]byte) (*profile.Account, error) {
	rel := AccountFile(id)
	src, err := dir.Read(bp, id+"/account.md", maxProfileBytes)
	if errors.Is(err, smallfile.ErrSymlink) {
		src, err = smallfile.ReadLink(b.Root, b.Path(rel), maxProfileBytes)
		if _, ok := err.(*fs.PathError); err != nil && !ok {
			err = &fs.PathError{Op: "open", Path: b.Path(rel), Err: err} // outside the book
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		return &profile.Account{ID: id}, nil
	}
	if err != nil {
		return nil, err
	}
	var doc *document.Document
	if part, ok := frontKeys(src, want); ok {
		doc, _ = document.Parse(rel, part)
	}
	if doc == nil {
		doc, _ = document.Parse(rel, src)
	}
	if doc == nil || doc.Root == nil {
		return &profile.Account{ID: id}, nil
	}
	r := doc.Root
	p := &profile.Account{ID: id, Name: document.Str(document.Get(r, "name")), Aliases: document.Strs(document.Get(r, "aliases"))}
	if want["financials"] {
		p.Financials = profile.ParseFinancials(document.Get(r, "financials"))
		for j := range p.Financials {
			p.Financials[j].Node = nil
		}
	}
	return p, nil
}

// frontKeys returns a front matter holding only the top-level keys in want
// of the one src starts with, each with the lines that continue it
// (indented, "- " items, comments, blank lines), so that parsing it costs
// a fraction of the whole. ok is false when src has no front matter.
func frontKeys(src []byte, want map[string]bool) (part []byte, ok bool) {
	text := bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	first, rest, found := bytes.Cut(text, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, false
	}
	part = make([]byte, 0, 512)
	part = append(part, "---\n"...)
	taking := false
	for len(rest) > 0 {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		if len(line) >= 3 && (line[0] == '-' || line[0] == '.') {
			if t := string(bytes.TrimRight(line, " \t\r")); t == "---" || t == "..." {
				return append(part, "---\n"...), true
			}
		}
		if len(line) > 0 && line[0] != ' ' && line[0] != '\t' && line[0] != '#' && line[0] != '-' && line[0] != '\r' {
			key, _, _ := bytes.Cut(line, []byte(":"))
			key = bytes.TrimSpace(key)
			if len(key) >= 2 && (key[0] == '"' || key[0] == '\'') && key[len(key)-1] == key[0] {
				key = key[1 : len(key)-1] // "name": a quoted key
			}
			taking = want[string(key)]
		}
		if taking {
			part = append(append(part, line...), '\n')
		}
	}
	return nil, false // unclosed: the whole file says why
}

// Profile returns the profile of the account id, or nil when the book has
// no such account.
func (ix *AccountIndex) Profile(id string) *profile.Account { return ix.byID[id] }

// Name returns the account's display name: the profile's name, or the id
// when the profile has none (missing or still a placeholder).
func (ix *AccountIndex) Name(id string) string {
	if p := ix.byID[id]; p != nil && p.Name != "" {
		return p.Name
	}
	return id
}

// Named returns the ids, in id order, of the accounts whose name or one of
// whose aliases gives the same key as name under key (trend.NormalizeName
// for the case-, width- and space-insensitive comparison of FORMAT.md
// section 6). An empty key matches nothing.
func (ix *AccountIndex) Named(name string, key func(string) string) []string {
	want := key(name)
	if want == "" {
		return nil
	}
	var ids []string
	for _, p := range ix.Profiles {
		if key(p.Name) == want {
			ids = append(ids, p.ID)
			continue
		}
		for _, a := range p.Aliases {
			if key(a) == want {
				ids = append(ids, p.ID)
				break
			}
		}
	}
	return ids
}
