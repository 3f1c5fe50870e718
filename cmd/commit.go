package cmd

import (
	"errors"
	"strings"
	"time"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/msg"
	"github.com/spf13/cobra"
)

func init() { register(func(f *Factory) *cobra.Command { return NewCmdCommit(f, nil) }) }

// CommitOptions are the inputs of `acct commit`.
type CommitOptions struct {
	IO      *IOStreams
	Book    func() (*book.Book, error)
	Getenv  func(string) string
	Now     func() time.Time
	Message string
}

// NewCmdCommit builds `acct commit [-m MSG]`. runF replaces runCommit in tests.
func NewCmdCommit(f *Factory, runF func(*CommitOptions) error) *cobra.Command {
	opts := &CommitOptions{IO: f.IO, Book: f.Book, Getenv: f.Getenv, Now: f.Now}
	c := &cobra.Command{
		Use:   "commit [-m MSG]",
		Short: "Record every change in the book in one git commit",
		Long: `Record every change in the book (added, edited and deleted files) in one
git commit. Without -m the message names the accounts and documents touched.

The author comes from ACCT_AUTHOR_NAME / ACCT_AUTHOR_EMAIL, then the
repository's git config, then the global git config (user.name, user.email).
Having nothing to commit is not an error. Files that still hold merge
conflict markers (<<<<<<<, =======, >>>>>>>) are refused: resolve them first.
When a merge left by 'acct sync' is pending, the commit concludes it.`,
		Example: `  acct commit
  acct commit -m "华星: 2025 财务数据"`,
		Args: wantArgs(0, 0),
		RunE: func(c *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runCommit(opts)
		},
	}
	c.Flags().StringVarP(&opts.Message, "message", "m", "", "the commit `MSG` (default: names the accounts and documents touched)")
	return c
}

func runCommit(opts *CommitOptions) error {
	b, repo, err := openBookRepo(opts.Book)
	if err != nil {
		return err
	}
	res, err := repo.Record(book.CommitOptions{Message: opts.Message, Getenv: opts.Getenv, Now: commitTime(opts.Now), Lang: b.Config.Language})
	if errors.Is(err, book.ErrNothingToCommit) {
		opts.IO.Say("nothing to commit: the book matches the last commit\n")
		return nil
	}
	if err != nil {
		return err
	}
	subject, _, _ := strings.Cut(res.Message, "\n")
	what := msg.T("committed")
	if res.Merge {
		what = msg.T("committed merge")
	}
	opts.IO.Say("%s %s: %s (%d file%s)\n", what, res.Hash[:7], subject, len(res.Changes), pluralS(len(res.Changes)))
	return nil
}

// commitTime is the time commits are signed with: the factory clock, which
// ACCT_NOW fixes in tests. Nil means time.Now.
func commitTime(now func() time.Time) time.Time {
	if now == nil {
		return time.Now()
	}
	return now()
}

func pluralS(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// refuseDuringMerge fails (*book.MergeInProgressError) when a merge left by
// acct sync is pending in the book at root, so that a writing command stops
// before it writes files it could not commit. The store's Commit refuses
// such commits anyway; this only spares the half-done write. A book
// outside git is not refused.
func refuseDuringMerge(root string) error {
	repo, err := book.OpenRepo(root)
	if err != nil {
		return nil
	}
	pending, files, marked, err := repo.MergeInProgress()
	if err != nil || !pending {
		return err
	}
	return &book.MergeInProgressError{Files: files, Marked: marked}
}
