package cmd

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/profile"
	"github.com/acctbook/acct/trend"
	"gopkg.in/yaml.v3"
)

// accountIndex is what trend and import need of the account profiles:
// names and aliases for matching customers, display names, financials.
type accountIndex struct {
	matcher  *trend.Matcher
	accounts map[string]*profile.Account
}

// loadAccountIndex reads every accounts/<id>/account.md (in parallel; a
// book may hold thousands). Unless full is set (financial signals need the
// whole profile), only the top-level name and aliases are decoded, which is
// ten times faster. A profile that cannot be parsed still matches by its
// id; `acct check` reports what is wrong with it.
func loadAccountIndex(b *book.Book, full bool) (*accountIndex, error) {
	ids, err := b.Accounts()
	if err != nil {
		return nil, err
	}
	profiles := make([]*profile.Account, len(ids))
	var wg sync.WaitGroup
	next := make(chan int, len(ids))
	for i := range ids {
		next <- i
	}
	close(next)
	var mu sync.Mutex
	var firstErr error
	// More goroutines than cores: most of the time goes to opening and
	// reading thousands of small files.
	for w := 0; w < 4*runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 32<<10)
			for i := range next {
				id := ids[i]
				rel := book.AccountFile(id)
				src, err := readSmall(b.Path(rel), buf)
				if errors.Is(err, fs.ErrNotExist) {
					profiles[i] = &profile.Account{ID: id}
					continue
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					continue
				}
				if !full {
					if name, aliases, ok := nameAndAliases(src); ok {
						profiles[i] = &profile.Account{ID: id, Name: name, Aliases: aliases}
						continue
					}
				}
				src = append([]byte(nil), src...) // src may alias buf
				doc, _ := document.Parse(rel, src)
				if doc == nil || doc.Root == nil {
					profiles[i] = &profile.Account{ID: id}
					continue
				}
				p := profile.ParseAccount(id, doc)
				// Keep only what trend uses, not the document tree.
				p.Doc = nil
				for j := range p.Financials {
					p.Financials[j].Node = nil
				}
				profiles[i] = p
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	ai := &accountIndex{accounts: map[string]*profile.Account{}}
	list := make([]trend.Account, 0, len(ids))
	for _, p := range profiles {
		if p == nil {
			continue
		}
		ai.accounts[p.ID] = p
		list = append(list, trend.Account{ID: p.ID, Name: p.Name, Aliases: p.Aliases})
	}
	ai.matcher = trend.NewMatcher(list)
	return ai, nil
}

// readSmall reads a file into buf when it fits (one open, one or two
// reads, one close: a book has thousands of profiles), or whole otherwise.
// The result may alias buf.
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
			return buf[:n], nil
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

// name is the account's display name (its id when it has none).
func (ai *accountIndex) name(id string) string {
	if p := ai.accounts[id]; p != nil && p.Name != "" && !document.IsPlaceholder(p.Name) {
		return p.Name
	}
	return id
}

// financialSignals computes the financial signals (FORMAT.md section 6) of
// the given accounts, or of all when ids is empty.
func (ai *accountIndex) financialSignals(ids []string) []trend.Signal {
	if len(ids) == 0 {
		for id := range ai.accounts {
			ids = append(ids, id)
		}
		sort.Strings(ids)
	}
	var out []trend.Signal
	for _, id := range ids {
		p := ai.accounts[id]
		if p == nil {
			continue
		}
		var periods []trend.FinancialPeriod
		for _, f := range p.Financials {
			periods = append(periods, trend.FinancialPeriod{Period: f.Period, InventoryDays: f.InventoryDays,
				ReceivableDays: f.ReceivableDays, GrossMargin: f.GrossMargin})
		}
		out = append(out, trend.FinancialSignals(id, periods)...)
	}
	return out
}

// nameAndAliases decodes only the top-level name and aliases keys of an
// account.md front matter: their lines (with the indented or "- " lines
// that continue them) are cut out and given to yaml.v3, so a big book's
// profiles need not be parsed whole to match customers. ok is false when
// the file does not look as expected (no front matter, a YAML error in those
// lines); the caller then parses the whole document.
// TODO(trend): replace with a profile package loader for name and aliases
// when it offers one.
func nameAndAliases(src []byte) (name string, aliases []string, ok bool) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.HasPrefix(src, []byte("---\r\n")) {
		return "", nil, false
	}
	rest := src[bytes.IndexByte(src, '\n')+1:]
	var snippet []byte
	var lines [2][][]byte // the lines of name and of aliases
	taking := -1
	for len(rest) > 0 {
		i := bytes.IndexByte(rest, '\n')
		line := rest
		if i >= 0 {
			line, rest = rest[:i+1], rest[i+1:]
		} else {
			rest = nil
		}
		t := bytes.TrimRight(line, "\r\n")
		if bytes.Equal(t, []byte("---")) || bytes.Equal(t, []byte("...")) {
			break
		}
		if len(t) > 0 && t[0] != ' ' && t[0] != '\t' && t[0] != '#' && t[0] != '-' {
			taking = -1
			if bytes.HasPrefix(t, []byte("name:")) {
				taking = 0
			} else if bytes.HasPrefix(t, []byte("aliases:")) {
				taking = 1
			}
		}
		if taking >= 0 {
			snippet = append(snippet, line...)
			lines[taking] = append(lines[taking], t)
		}
	}
	// Fast path: one line each, in the simple forms almost every profile
	// uses; anything else goes to yaml.v3.
	if len(lines[0]) <= 1 && len(lines[1]) <= 1 {
		okName, okAliases := true, true
		if len(lines[0]) == 1 {
			name, okName = simpleScalar(bytes.TrimSpace(lines[0][0][len("name:"):]))
		}
		if len(lines[1]) == 1 {
			aliases, okAliases = simpleFlowList(bytes.TrimSpace(lines[1][0][len("aliases:"):]))
		}
		if okName && okAliases {
			if document.IsPlaceholder(name) {
				name = ""
			}
			return name, aliases, true
		}
		name, aliases = "", nil
	}
	var v struct {
		Name    yaml.Node `yaml:"name"`
		Aliases yaml.Node `yaml:"aliases"`
	}
	if err := yaml.Unmarshal(snippet, &v); err != nil {
		return "", nil, false
	}
	return document.Str(&v.Name), document.Strs(&v.Aliases), true
}

// simpleScalar reads a YAML scalar written in the simplest ways: "double
// quoted" without escapes, or plain text that YAML cannot read as anything
// but a string or null. ok is false for every other form.
func simpleScalar(v []byte) (string, bool) {
	if len(v) == 0 {
		return "", true
	}
	if v[0] == '"' {
		if len(v) < 2 || v[len(v)-1] != '"' || bytes.ContainsAny(v[1:len(v)-1], "\\\"") {
			return "", false
		}
		return strings.TrimSpace(string(v[1 : len(v)-1])), true
	}
	switch string(v) {
	case "~", "null", "Null", "NULL":
		return "", true
	}
	if bytes.ContainsAny(v[:1], "-?:,[]{}#&*!|>'\"%@`") || bytes.Contains(v, []byte(": ")) ||
		bytes.Contains(v, []byte(" #")) || bytes.HasSuffix(v, []byte(":")) || bytes.ContainsAny(v, "\t") {
		return "", false
	}
	return string(v), true
}

// simpleFlowList reads a one-line flow sequence of simple scalars
// ([a, "b c"]); ok is false for anything else.
func simpleFlowList(v []byte) ([]string, bool) {
	if len(v) == 0 {
		return nil, true
	}
	if v[0] != '[' || v[len(v)-1] != ']' {
		if s, ok := simpleScalar(v); ok && !bytes.ContainsAny(v, "[]") {
			if s == "" || document.IsPlaceholder(s) {
				return nil, true
			}
			return []string{s}, true
		}
		return nil, false
	}
	inner := bytes.TrimSpace(v[1 : len(v)-1])
	if len(inner) == 0 {
		return nil, true
	}
	var out []string
	for _, item := range bytes.Split(inner, []byte(",")) {
		item = bytes.TrimSpace(item)
		if len(item) == 0 || bytes.ContainsAny(item, "[]{}") {
			return nil, false
		}
		s, ok := simpleScalar(item)
		if !ok {
			return nil, false
		}
		if s != "" && !document.IsPlaceholder(s) {
			out = append(out, s)
		}
	}
	return out, true
}
