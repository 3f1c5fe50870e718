package cmd

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/msg"
)

func init() { register(func(f *Factory) *cobra.Command { return NewCmdLog(f, nil) }) }

// LogOptions are the inputs of `acct log`.
type LogOptions struct {
	IO       *IOStreams
	Book     func() (*book.Book, error)
	Account  string
	Document string
	Since    string
	JSON     bool
	Limit    int
}

// NewCmdLog builds `acct log [ACCOUNT [DOCUMENT]] [--since DATE] [--json]`.
func NewCmdLog(f *Factory, runF func(*LogOptions) error) *cobra.Command {
	opts := &LogOptions{IO: f.IO, Book: f.Book}
	c := &cobra.Command{
		Use:   "log [ACCOUNT [DOCUMENT] | ACCOUNT/DOCUMENT]",
		Short: "List the commits that changed the book, an account or a document",
		Long: `List the commits that changed the book, one account, or one document of
an account, newest first: commit, date, author, message and the documents
it touched. ACCOUNT is an account id, name or alias. DOCUMENT is "account"
(the profile), a contact id, a visit id, or a path inside the account folder
(purchases/2025.csv); ACCOUNT/DOCUMENT in one argument works too.

Output is an aligned table on a terminal, tab-separated text when piped,
and JSON with --json.`,
		Example: `  acct log
  acct log hx
  acct log hx zhang-datong --since 2026-01-01
  acct log 华星电子
  acct log hx/2026-02-25-kickoff
  acct log hx account --json`,
		Args: wantArgs(0, 2),
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				opts.Account = args[0]
			}
			if len(args) > 1 {
				opts.Document = args[1]
			}
			if runF != nil {
				return runF(opts)
			}
			return runLog(opts)
		},
	}
	c.Flags().StringVar(&opts.Since, "since", "", "only commits on or after `DATE` (YYYY-MM-DD)")
	c.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	c.Flags().IntVarP(&opts.Limit, "max-count", "n", 0, "show at most `N` commits")
	return c
}

// documentPath maps ACCOUNT [DOCUMENT] to a book-relative path: the account
// folder, its account.md, a contact card, a visit summary, or a path inside
// the account folder. Documents that no longer exist on disk may be named
// by "contacts/ID" or "visits/ID".
func documentPath(b *book.Book, account, doc string) (string, error) {
	if a, d, ok := strings.Cut(account, "/"); ok && doc == "" {
		// ACCOUNT/ID names a contact or visit in one argument.
		account, doc = a, d
	}
	account, err := historyAccount(b, account)
	if err != nil {
		return "", err
	}
	dir := book.AccountDir(account)
	if doc == "" {
		return dir, nil
	}
	exists := func(p string) bool {
		_, err := os.Stat(b.Path(p))
		return err == nil
	}
	switch {
	case doc == "account" || doc == "account.md":
		return book.AccountFile(account), nil
	case strings.Contains(doc, "/"):
		p := dir + "/" + strings.Trim(doc, "/")
		if strings.Contains("/"+p+"/", "/../") {
			return "", usageErrorf("document %q leaves the account folder", doc)
		}
		if !exists(p) && !strings.HasSuffix(p, ".md") && (strings.HasPrefix(doc, "contacts/") || strings.HasPrefix(doc, "visits/")) {
			p += ".md"
		}
		return p, nil
	}
	for _, p := range []string{book.ContactFile(account, doc), book.VisitFile(account, doc)} {
		if exists(p) {
			return p, nil
		}
	}
	doc = strings.TrimSuffix(doc, ".md")
	for _, p := range []string{book.ContactFile(account, doc), book.VisitFile(account, doc)} {
		if exists(p) {
			return p, nil
		}
	}
	// The name on a contact card: acct history huaxing 张大同:stance.
	if id, err := contactByName(b, account, doc); err != nil {
		return "", err
	} else if id != "" {
		return book.ContactFile(account, id), nil
	}
	return "", msg.Errorf("account %s has no contact or visit %q (for one that was deleted, write contacts/%s or visits/%s)", account, doc, doc, doc)
}

// historyAccount turns what the user typed into an account id for log,
// diff and history: an existing account by id, name or alias
// (resolveAccount), else the text itself when it is a valid id, since an
// account deleted from the book still has a history.
func historyAccount(b *book.Book, arg string) (string, error) {
	if book.ValidateID("account", arg) == nil && b.HasAccount(arg) {
		return arg, nil
	}
	id, err := resolveAccount(b, arg)
	if err == nil {
		return id, nil
	}
	if verr := book.ValidateID("account", arg); verr != nil {
		return "", &UsageError{Err: verr}
	}
	return arg, nil
}

// parseDay reads a YYYY-MM-DD flag value in the local time zone.
func parseDay(flag, v string) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02", v, time.Local)
	if err != nil {
		return time.Time{}, usageErrorf("--%s %q: want a date like 2026-03-01", flag, v)
	}
	return t, nil
}

// logEntry is one commit in `acct log --json`.
type logEntry struct {
	Commit    string        `json:"commit"`
	Date      string        `json:"date"`
	Author    string        `json:"author"`
	Email     string        `json:"email"`
	Subject   string        `json:"subject"`
	Message   string        `json:"message"`
	Parents   []string      `json:"parents"`
	Documents []logDocument `json:"documents"`
}

type logDocument struct {
	File     string `json:"file"`
	Account  string `json:"account,omitempty"`
	Document string `json:"document"`
	Change   string `json:"change"`
}

func runLog(opts *LogOptions) error {
	b, err := opts.Book()
	if err != nil {
		return err
	}
	var since time.Time
	if opts.Since != "" {
		if since, err = parseDay("since", opts.Since); err != nil {
			return err
		}
	}
	var paths []string
	if opts.Account != "" {
		p, err := documentPath(b, opts.Account, opts.Document)
		if err != nil {
			return err
		}
		paths = append(paths, p)
	}
	repo, err := b.Repo()
	if err != nil {
		return err
	}
	commits, err := repo.Log(book.LogOptions{Paths: paths, Since: since, Limit: opts.Limit})
	if errors.Is(err, book.ErrUnknownRevision) {
		opts.IO.Say("no commits yet\n")
		return nil
	}
	if err != nil {
		return err
	}
	if opts.JSON {
		out := make([]logEntry, 0, len(commits))
		for _, c := range commits {
			e := logEntry{Commit: c.Hash, Date: c.Author.When.Format(time.RFC3339), Author: c.Author.Name,
				Email: c.Author.Email, Subject: c.Subject(), Message: strings.TrimRight(c.Message, "\n"),
				Parents: c.Parents, Documents: []logDocument{}}
			for _, ch := range c.Changes {
				d := book.DiffDocument(ch.Path, nil, nil)
				e.Documents = append(e.Documents, logDocument{File: ch.Path, Account: d.Account, Document: docLabel(ch.Path, d.Account), Change: ch.Kind.String()})
			}
			out = append(out, e)
		}
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(commits) == 0 {
		if len(paths) > 0 {
			if _, err := os.Stat(b.Path(paths[0])); err != nil {
				// Neither in the book now nor in its history: mistyped.
				return msg.Errorf("no commit ever changed %s and the book has no such account or document (name an account by its id, name or alias; acct list shows them)", paths[0])
			}
		}
		opts.IO.Say("no commits changed %s\n", strings.Join(append(paths, "")[:max(len(paths), 1)], ""))
		return nil
	}
	var rows [][]cell
	for _, c := range commits {
		var docs []string
		for _, ch := range c.Changes {
			docs = append(docs, changeLabel(ch, opts.Account))
		}
		row := []string{c.Hash[:7], c.Author.When.Format("2006-01-02"), c.Author.Name, c.Subject(), strings.Join(docs, ", ")}
		if !opts.IO.OutTTY {
			fmt.Fprintln(opts.IO.Out, strings.Join(row, "\t"))
			continue
		}
		cells := make([]cell, len(row))
		for i, s := range row {
			cells[i] = cell{text: s}
		}
		rows = append(rows, cells)
	}
	if opts.IO.OutTTY {
		// Aligned by display width: Chinese names and messages take two
		// columns a character.
		writeTable(opts.IO.Out, newPainter(opts.IO.OutColor), []string{"COMMIT", "DATE", "AUTHOR", "MESSAGE", "DOCUMENTS"}, rows)
	}
	return nil
}

// docLabel names a book file in sales terms ("account", "contact
// zhang-datong", "visit 2026-02-25-kickoff"), prefixed with its account id
// unless it belongs to account.
func docLabel(path, account string) string {
	parts := strings.SplitN(path, "/", 3)
	if len(parts) == 3 && parts[0] == book.AccountsDir {
		rest := parts[2]
		label := rest
		switch {
		case rest == "account.md":
			label = "account"
		case strings.HasPrefix(rest, "contacts/") && strings.HasSuffix(rest, ".md"):
			label = "contact " + strings.TrimSuffix(strings.TrimPrefix(rest, "contacts/"), ".md")
		case strings.HasPrefix(rest, "visits/") && strings.HasSuffix(rest, ".md"):
			label = "visit " + strings.TrimSuffix(strings.TrimPrefix(rest, "visits/"), ".md")
		}
		if parts[1] == account {
			return label
		}
		return parts[1] + " " + label
	}
	return path
}

// changeLabel is docLabel with "new" / "removed" for added and deleted files.
func changeLabel(ch book.Change, account string) string {
	l := docLabel(ch.Path, account)
	switch ch.Kind {
	case book.Added:
		return "new " + l
	case book.Deleted:
		return "removed " + l
	}
	return l
}
