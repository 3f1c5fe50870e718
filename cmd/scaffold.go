package cmd

// Helpers shared by the scaffolding commands (init, new, contact new, visit
// new, edit, list, demo): names, owners, resolving ids typed on the command
// line, and shell completion of account and contact ids.

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"golang.org/x/text/unicode/norm"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/msg"
	"github.com/acctbook/acct/trend"
)

// checkName validates a display name given on the command line (an account
// or contact name): not blank, one line, no control characters. It returns
// the name with surrounding spaces trimmed.
func checkName(what, name string) (string, error) {
	n := strings.TrimSpace(name)
	if n == "" {
		return "", usageErrorf("the %s name is empty", msg.Phrase(what))
	}
	for _, r := range n {
		if unicode.IsControl(r) {
			return "", usageErrorf("the %s name %q contains a line break or control character; give it on one line", msg.Phrase(what), name)
		}
	}
	return n, nil
}

// defaultOwner is the owner written into new documents: --owner, then
// $ACCT_OWNER, then the git user name of the book (repository config, then
// global). "" when none is known; the template then writes its placeholder.
func defaultOwner(f *Factory, flag string, root string) string {
	if s := strings.TrimSpace(flag); s != "" {
		return s
	}
	if s := strings.TrimSpace(f.Getenv("ACCT_OWNER")); s != "" {
		return s
	}
	return gitUserName(f, root)
}

// gitUserName is the name acct would sign commits in the book at root with
// (ACCT_AUTHOR_NAME, GIT_AUTHOR_NAME, repository then global git config),
// or "" when there is no repository or no name.
func gitUserName(f *Factory, root string) string {
	repo, err := book.OpenRepo(root)
	if err != nil {
		return ""
	}
	sig, err := repo.Author(f.Getenv)
	if err != nil {
		return ""
	}
	return sig.Name
}

// commitPaths records the book-relative paths in one commit whose message
// is subject in lang, the language of the book at root, signed by author
// (nil: the configured git identity), and reports the commit on stderr.
// Nothing to commit is not an error. On failure the error says the files
// are kept and how to commit them later.
func commitPaths(f *Factory, root, lang string, subject msg.Text, paths []string, author *book.Signature) error {
	repo, err := book.OpenRepo(root)
	if err == nil {
		var hash string
		hash, err = repo.Commit(book.CommitOptions{Message: subject.In(lang), Paths: paths, Author: author,
			Getenv: f.Getenv, Now: commitTime(f.Now), Lang: lang})
		if errors.Is(err, book.ErrNothingToCommit) {
			return nil
		}
		if err == nil {
			f.IO.Say("committed %s: %s\n", hash[:7], subject.In(lang))
			return nil
		}
	}
	label := strings.Join(paths, ", ")
	if len(paths) > 1 {
		label = msg.Sprintf(f.IO.Lang, "%s and %d more", paths[0], len(paths)-1)
	}
	return msg.Errorf("%s written but not committed: %w (the files are kept; run 'acct commit' once this is fixed)", label, err)
}

// resolveAccount turns what the user typed into an existing account id: the
// id itself, or a name whose derived id exists ("HX Electronics" ->
// hx-electronics). It refuses invalid ids before touching the file system,
// and names the book when the account is unknown.
func resolveAccount(b *book.Book, arg string) (string, error) {
	if pathLike(arg) {
		return "", book.ValidateID("account", arg)
	}
	if book.ValidateID("account", arg) == nil && b.HasAccount(arg) {
		return arg, nil
	}
	if d := book.DeriveID(arg); d != arg && book.ValidateID("account", d) == nil && b.HasAccount(d) {
		return d, nil
	}
	if id, err := accountByName(b, arg); id != "" || err != nil {
		return id, err
	}
	if sug := suggestAccounts(b, arg); sug != "" {
		return "", msg.Errorf("unknown account %q: the book at %s has no account of that id, name or alias; did you mean %s? (acct list shows the accounts)",
			arg, b.Root, sug)
	}
	if err := book.ValidateID("account", arg); err != nil {
		return "", err
	}
	return "", msg.Errorf("unknown account %q: there is no folder %s in the book at %s (acct list shows the accounts)",
		arg, book.AccountDir(arg), b.Root)
}

// suggestAccounts names up to three accounts close to what the rep typed
// (rankSuggestions over the ids, names and aliases of the book's account
// index): "acme-trading-co (ACME Trading Co.), acme-steel", or "" when none
// is close or the index cannot be read.
func suggestAccounts(b *book.Book, typed string) string {
	ix, err := b.AccountIndex(false)
	if err != nil {
		return ""
	}
	ids := rankSuggestions(typed, accountCands(ix), 3)
	for i, id := range ids {
		if name := ix.Name(id); name != id {
			ids[i] = id + " (" + name + ")"
		}
	}
	return strings.Join(ids, ", ")
}

// accountCands lists every id, name and alias of the index as suggestion
// candidates, each leading to its account's id.
func accountCands(ix *book.AccountIndex) []suggestCand {
	var cands []suggestCand
	for _, p := range ix.Profiles {
		cands = append(cands, suggestCand{ID: p.ID, Key: p.ID})
		if p.Name != "" {
			cands = append(cands, suggestCand{ID: p.ID, Key: p.Name})
		}
		for _, a := range p.Aliases {
			cands = append(cands, suggestCand{ID: p.ID, Key: a})
		}
	}
	return cands
}

// accountByName finds the account whose profile name or one of whose
// aliases is name, compared case-, width- and space-insensitively (as
// purchase rows are matched, FORMAT.md section 6), through the book's
// account index. It returns "" when none matches and an error when several
// do. Unreadable profiles are skipped.
func accountByName(b *book.Book, name string) (string, error) {
	if trend.NormalizeName(name) == "" {
		return "", nil
	}
	ix, err := b.AccountIndex(false)
	if err != nil {
		return "", err
	}
	found := ix.Named(name, trend.NormalizeName)
	switch len(found) {
	case 0:
		return "", nil
	case 1:
		return found[0], nil
	}
	return "", msg.Errorf("%q names more than one account (%s); use the id", name, strings.Join(found, ", "))
}

// pathLike reports whether arg looks like a path rather than a name (a
// separator or ".."); such arguments are refused rather than resolved by
// their derived id, so "../x" never quietly means "x".
func pathLike(arg string) bool {
	return strings.ContainsAny(arg, `/\`) || strings.Contains(arg, "..")
}

// resolveContact returns the id of an existing contact of account: the id
// itself (in any case or width), a name whose derived id exists, or the name on a contact card
// (张大同 for zhang-datong), compared case-, width- and space-insensitively
// like accountByName. A name on several cards is an error listing their
// ids; an unknown contact is an error listing the account's contacts.
func resolveContact(b *book.Book, account, arg string) (string, error) {
	exists := func(id string) bool {
		st, err := os.Stat(b.Path(book.ContactFile(account, id)))
		return err == nil && st.Mode().IsRegular()
	}
	if pathLike(arg) {
		return "", book.ValidateID("contact", arg)
	}
	if err := book.ValidateID("contact", arg); err == nil && exists(arg) {
		return arg, nil
	}
	if d := book.DeriveID(arg); book.ValidateID("contact", d) == nil && exists(d) {
		return d, nil
	}
	if id, err := contactByName(b, account, arg); id != "" || err != nil {
		return id, err
	}
	// The id typed in another case or width (ZHANG-DATONG, ｗａｎｇ-ｊｕｎ).
	if known, _ := b.Documents(account, "contacts"); len(known) > 0 {
		if id := idClash(known, arg); id != "" {
			return id, nil
		}
	}
	if err := book.ValidateID("contact", arg); err != nil {
		return "", err
	}
	known, _ := b.Documents(account, "contacts")
	hint := msg.T("it has no contacts yet (acct contact new %s NAME)", account)
	if len(known) > 0 {
		hint = msg.T("its contacts are: %s", strings.Join(known, ", "))
	}
	return "", msg.Errorf("unknown contact %q in account %q: no file %s and no card named so; %s",
		arg, account, book.ContactFile(account, arg), hint)
}

// contactByName finds the contact of account whose card's name is name,
// compared with matchKey. It returns "" when none matches and an error
// listing the ids when several do. Unreadable cards are skipped.
func contactByName(b *book.Book, account, name string) (string, error) {
	found := contactsNamed(b, account, name)
	switch len(found) {
	case 0:
		return "", nil
	case 1:
		return found[0], nil
	}
	return "", msg.Errorf("%q is the name of %d contacts of %s (%s); give the contact id", name, len(found), account, strings.Join(found, ", "))
}

// contactsNamed returns the ids of the contacts of account whose card's
// name matches name (matchKey), in id order.
func contactsNamed(b *book.Book, account, name string) []string {
	want := trend.NormalizeName(name)
	if want == "" {
		return nil
	}
	ids, _ := b.Documents(account, "contacts")
	var found []string
	for _, id := range ids {
		src, err := os.ReadFile(b.Path(book.ContactFile(account, id)))
		if err != nil {
			continue
		}
		d, _ := document.Parse(book.ContactFile(account, id), src)
		if d == nil || d.Root == nil {
			continue
		}
		if trend.NormalizeName(document.Str(document.Get(d.Root, "name"))) == want {
			found = append(found, id)
		}
	}
	return found
}

// completeAccountIDs completes the first positional argument with the ids
// of the book's accounts.
func completeAccountIDs(f *Factory) cobra.CompletionFunc {
	return func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		b, err := f.Book()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return completeAccount(b, toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeAccount offers the account ids starting with prefix; when there
// are none (a Chinese rep types 华 for 华星电子), the names and aliases
// from the account index that start with it, case-insensitively, each once:
// every command taking an account accepts its name too.
func completeAccount(b *book.Book, prefix string) []string {
	ids, _ := b.Accounts()
	if out := filterPrefix(ids, prefix); len(out) > 0 || prefix == "" {
		return out
	}
	ix, err := b.AccountIndex(false)
	if err != nil {
		return nil
	}
	want := strings.ToLower(prefix)
	seen := map[string]bool{}
	var out []string
	for _, p := range ix.Profiles {
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			if n != "" && !seen[n] && strings.HasPrefix(strings.ToLower(n), want) {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}

// completeContactIDs completes contact ids of the account named by the
// first positional argument (for flags such as --with).
func completeContactIDs(f *Factory) cobra.CompletionFunc {
	return func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		b, err := f.Book()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		acc, err := resolveAccount(b, args[0])
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		ids, _ := b.Documents(acc, "contacts")
		return filterPrefix(ids, toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

func filterPrefix(ids []string, prefix string) []string {
	var out []string
	for _, id := range ids {
		if strings.HasPrefix(id, prefix) {
			out = append(out, id)
		}
	}
	return out
}

// idClash returns the id among existing that differs from id but names the
// same file on a case-insensitive file system (macOS, Windows) or after
// NFKC width folding ("Test" and "test", "ｈｘ" and "hx"), or "" when none
// does. An identical id is not a clash: the caller refuses it as existing.
func idClash(existing []string, id string) string {
	want := foldID(id)
	for _, e := range existing {
		if e != id && foldID(e) == want {
			return e
		}
	}
	return ""
}

// foldID folds an id for idClash: NFKC, then Unicode case folding.
func foldID(id string) string {
	return strings.ToLower(norm.NFKC.String(id))
}

// claimDir creates dir, failing if it exists, so two commands cannot
// scaffold the same account and an existing one is never touched.
func claimDir(dir string) error {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	return os.Mkdir(dir, 0o755)
}

// newID returns the id for a new document: given (--id) when set, else
// the id derived from name (FORMAT.md section 2), validated. An invalid id
// is a usage error that says where it came from.
func newID(what, name, given string) (string, error) {
	id := given
	if id == "" {
		id = book.DeriveID(name)
	}
	if err := book.ValidateID(what, id); err != nil {
		if given == "" {
			return "", usageErrorf("%v (derived from the name %q; pass --id)", err, name)
		}
		return "", &UsageError{Err: err}
	}
	return id, nil
}
