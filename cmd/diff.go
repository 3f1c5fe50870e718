package cmd

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/msg"
)

func init() { register(func(f *Factory) *cobra.Command { return NewCmdDiff(f, nil) }) }

// DiffOptions are the inputs of `acct diff`.
type DiffOptions struct {
	IO      *IOStreams
	Book    func() (*book.Book, error)
	Args    []string
	JSON    bool
	From    string // revision, "" = HEAD
	To      string // revision, "" = the work tree
	Account string
}

// NewCmdDiff builds `acct diff [REV[..REV]] [ACCOUNT] [--json]`.
func NewCmdDiff(f *Factory, runF func(*DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{IO: f.IO, Book: f.Book}
	c := &cobra.Command{
		Use:   "diff [REV[..REV]] [ACCOUNT]",
		Short: "Show what changed, field by field, in sales terms",
		Long: `Show what changed in the book in sales terms: front-matter fields one by one
("financials 2025 inventory_days: 30 -> 60", "contact 张大同: stance:
neutral -> supporter", "new visit 2026-02-25, sent") and how many body
lines changed, grouped by account.

Without REV: the work tree (edits not yet committed) against the last
commit. With REV: the work tree against REV. With A..B: commit A against
commit B. A revision is a commit hash, a branch (origin/main), HEAD~3, ...`,
		Example: `  acct diff
  acct diff hx
  acct diff HEAD~5..HEAD hx
  acct diff origin/main --json`,
		Args: wantArgs(0, 2),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Args = args
			if runF != nil {
				return runF(opts)
			}
			return runDiff(opts)
		},
	}
	c.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return c
}

func runDiff(opts *DiffOptions) error {
	b, repo, err := openBookRepo(opts.Book)
	if err != nil {
		return err
	}
	args := opts.Args
	setRev := func(a string) {
		if from, to, ok := strings.Cut(a, ".."); ok {
			opts.From, opts.To = from, to
			if opts.To == "" {
				opts.To = "HEAD"
			}
		} else {
			opts.From = a
		}
	}
	switch len(args) {
	case 1:
		if strings.Contains(args[0], "..") || !b.HasAccount(args[0]) {
			if _, err := repo.TreeFiles(strings.SplitN(args[0], "..", 2)[0], "acct.yaml"); err != nil && !b.HasAccount(args[0]) {
				if !errors.Is(err, book.ErrUnknownRevision) {
					return err
				}
				// Not a revision: an account's name or alias?
				id, aerr := resolveAccount(b, args[0])
				if strings.Contains(args[0], "..") || aerr != nil {
					return usageErrorf("%q is neither an account (id, name or alias) nor a revision", args[0])
				}
				opts.Account = id
				break
			}
			setRev(args[0])
		} else {
			opts.Account = args[0]
		}
	case 2:
		setRev(args[0])
		opts.Account = args[1]
	}
	scope := ""
	if opts.Account != "" {
		if scope, err = documentPath(b, opts.Account, ""); err != nil {
			return err
		}
	}
	from := opts.From
	if from == "" {
		from = "HEAD"
	}
	old, err := repo.TreeFiles(from, scope)
	if errors.Is(err, book.ErrUnknownRevision) && opts.From == "" {
		old, err = map[string]string{}, nil // no commit yet: everything is new
	}
	if err != nil {
		return err
	}
	var cur map[string]string
	if opts.To == "" {
		cur, err = repo.WorktreeFiles(scope)
	} else {
		cur, err = repo.TreeFiles(opts.To, scope)
	}
	if err != nil {
		return err
	}
	if scope != "" && len(old) == 0 && len(cur) == 0 {
		if _, err := os.Stat(b.Path(scope)); err != nil {
			// Neither in the book nor in the revisions compared: mistyped.
			return msg.Errorf("unknown account %q: %s is not in the book nor at %s (acct list shows the accounts)", opts.Account, scope, from)
		}
	}
	var paths []string
	for p, h := range old {
		if cur[p] != h {
			paths = append(paths, p)
		}
	}
	for p := range cur {
		if _, ok := old[p]; !ok {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	diffs := make([]book.DocDiff, 0, len(paths))
	for _, p := range paths {
		var a, bb []byte
		if h, ok := old[p]; ok {
			if a, err = repo.ReadBlob(h); err != nil {
				return err
			}
		}
		if h, ok := cur[p]; ok {
			if opts.To == "" {
				bb, err = repo.ReadWorktreeFile(p)
			} else {
				bb, err = repo.ReadBlob(h)
			}
			if err != nil {
				return err
			}
		}
		diffs = append(diffs, book.DiffDocument(p, a, bb))
	}
	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(diffs)
	}
	if len(diffs) == 0 {
		opts.IO.Say("no changes\n")
		return nil
	}
	names := map[string]string{}
	for _, d := range diffs {
		if d.Document == "account" && d.Name != "" {
			names[d.Account] = d.Name
		}
	}
	last := "\x00"
	for _, d := range diffs {
		if d.Account != last {
			last = d.Account
			switch {
			case d.Account == "":
				fmt.Fprintln(opts.IO.Out, "book")
			case names[d.Account] != "":
				fmt.Fprintf(opts.IO.Out, "%s (%s)\n", d.Account, names[d.Account])
			default:
				fmt.Fprintln(opts.IO.Out, d.Account)
			}
		}
		for _, l := range d.Lines() {
			fmt.Fprintf(opts.IO.Out, "  %s\n", l)
		}
	}
	return nil
}
