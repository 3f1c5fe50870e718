// Package book is the book of business on disk: finding its root, its
// settings (acct.yaml), account and document paths, ids and atomic writes
// (FORMAT.md sections 1, 2 and 7). It knows nothing of Cobra or terminals.
package book

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ConfigFile is the name of the settings file that marks a book's root.
const ConfigFile = "acct.yaml"

// AccountsDir is the folder, relative to the root, holding one folder per account.
const AccountsDir = "accounts"

// ErrNoBook is returned (wrapped) when no acct.yaml is found.
var ErrNoBook = errors.New("not inside a book (no acct.yaml here or in any parent folder); run 'acct init' or pass --book DIR")

// Book is an opened book: its root folder and its settings.
type Book struct {
	// Root is the absolute path of the folder holding acct.yaml.
	Root string
	// Config holds the settings of acct.yaml merged over the defaults.
	Config *Config
}

// Find walks up from dir to the first folder holding acct.yaml and opens it.
// It returns an error wrapping ErrNoBook when there is none, or the error
// from reading acct.yaml.
func Find(dir string) (*Book, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for d := abs; ; {
		if _, err := os.Stat(filepath.Join(d, ConfigFile)); err == nil {
			return Open(d)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return nil, fmt.Errorf("%s: %w", abs, ErrNoBook)
		}
		d = parent
	}
}

// Open opens the book whose root is dir. It returns an error wrapping
// ErrNoBook when dir has no acct.yaml, and a *ConfigError naming file and
// line when acct.yaml cannot be read.
func Open(dir string) (*Book, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("book folder %s: %w", abs, err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("book folder %s is a file, not a folder", abs)
	}
	data, err := os.ReadFile(filepath.Join(abs, ConfigFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", abs, ErrNoBook)
	}
	if err != nil {
		return nil, err
	}
	cfg, err := ParseConfig(ConfigFile, data)
	if err != nil {
		return nil, err
	}
	return &Book{Root: abs, Config: cfg}, nil
}

// Path returns the absolute path of a slash-separated path relative to the root.
func (b *Book) Path(rel string) string {
	return filepath.Join(b.Root, filepath.FromSlash(rel))
}

// Rel returns path relative to the root with / separators, as FORMAT.md
// section 8 prints file names. A path outside the book is returned as is.
func (b *Book) Rel(path string) string {
	r, err := filepath.Rel(b.Root, path)
	if err != nil || strings.HasPrefix(r, "..") {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(r)
}

// AccountDir returns the slash-separated relative folder of account id.
func AccountDir(id string) string { return AccountsDir + "/" + id }

// AccountFile returns the relative path of the account profile of id.
func AccountFile(id string) string { return AccountDir(id) + "/account.md" }

// ContactFile returns the relative path of a contact card.
func ContactFile(account, contact string) string {
	return AccountDir(account) + "/contacts/" + contact + ".md"
}

// VisitFile returns the relative path of a visit summary whose id is
// <YYYY-MM-DD>-<slug>.
func VisitFile(account, visit string) string {
	return AccountDir(account) + "/visits/" + visit + ".md"
}

// Accounts returns the ids of the accounts (folders under accounts/), sorted.
// A missing accounts/ folder gives an empty list.
func (b *Book) Accounts() ([]string, error) {
	ents, err := b.accountEntries()
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range ents {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			ids = append(ids, e.Name())
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// NotAccounts returns the names of the entries of accounts/ that Accounts
// leaves out although they are not hidden: symbolic links (git would store
// only the link, so teammates would not get the account) and files, sorted.
// A book without accounts/ has none; the error is the folder's read error.
func (b *Book) NotAccounts() ([]string, error) {
	ents, err := b.accountEntries()
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range ents {
		if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// accountEntries lists accounts/ (none when the book has no such folder).
func (b *Book) accountEntries() ([]fs.DirEntry, error) {
	ents, err := os.ReadDir(b.Path(AccountsDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return ents, err
}

// HasAccount reports whether accounts/<id>/ exists.
func (b *Book) HasAccount(id string) bool {
	st, err := os.Stat(b.Path(AccountDir(id)))
	return err == nil && st.IsDir()
}

// Documents returns the ids (file names without .md) of the Markdown files in
// the sub-folder sub ("contacts" or "visits") of an account, sorted.
func (b *Book) Documents(account, sub string) ([]string, error) {
	ents, err := os.ReadDir(b.Path(AccountDir(account) + "/" + sub))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range ents {
		n := e.Name()
		if !e.IsDir() && strings.HasSuffix(n, ".md") && !strings.HasPrefix(n, ".") {
			ids = append(ids, strings.TrimSuffix(n, ".md"))
		}
	}
	sort.Strings(ids)
	return ids, nil
}
