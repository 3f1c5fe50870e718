package book

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"runtime"
	"sync"

	"github.com/acctbook/acct/document"
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
// 10,000-account book fast. A file that cannot be read for any reason but
// its absence is listed in Unreadable; only a failure to list accounts/ is
// an error.
func (b *Book) AccountIndex(withFinancials bool) (*AccountIndex, error) {
	ids, err := b.Accounts()
	if err != nil {
		return nil, err
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
	// More goroutines than cores: much of the time goes to opening and
	// reading thousands of small files.
	for w := 0; w < 4*runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 32<<10)
			for i := range next {
				profiles[i], errs[i] = b.readProfile(ids[i], want, buf)
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

// readProfile parses the wanted top-level keys of one account.md into a
// profile without its document tree; buf is scratch space for reading.
// When the cut-out keys do not parse on their own, the whole file is
// parsed; a file that does not parse gives a profile with only its ID.
func (b *Book) readProfile(id string, want map[string]bool, buf []byte) (*profile.Account, error) {
	rel := AccountFile(id)
	src, err := readSmall(b.Path(rel), buf)
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

// readSmall reads a file into a copy of buf's bytes when it fits (one open,
// one or two reads, one close: a book has thousands of profiles), or whole
// otherwise. The result never aliases buf.
func readSmall(path string, buf []byte) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	n := 0
	for n < len(buf) {
		m, err := f.Read(buf[n:])
		n += m
		if err == io.EOF {
			return append([]byte(nil), buf[:n]...), nil
		}
		if err != nil {
			return nil, err
		}
	}
	rest, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	return append(append([]byte(nil), buf[:n]...), rest...), nil
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
