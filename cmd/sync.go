package cmd

import (
	"errors"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/msg"
)

func init() { register(func(f *Factory) *cobra.Command { return NewCmdSync(f, nil) }) }

// SyncOptions are the inputs of `acct sync`.
type SyncOptions struct {
	IO     *IOStreams
	Book   func() (*book.Book, error)
	Getenv func(string) string
	Now    func() time.Time
	Remote string
	// Abort undoes a merge sync left pending at conflicts.
	Abort bool
}

// NewCmdSync builds `acct sync`.
func NewCmdSync(f *Factory, runF func(*SyncOptions) error) *cobra.Command {
	opts := &SyncOptions{IO: f.IO, Book: f.Book, Getenv: f.Getenv, Now: f.Now}
	c := &cobra.Command{
		Use:   "sync",
		Short: "Share the book with the team: commit, fetch, merge, push",
		Long: `Share the book with its git remote, never losing an edit:

  1. commit pending changes (as 'acct commit' does);
  2. fetch; if only the remote moved, bring its changes in;
  3. if both sides moved, merge: a document changed on both sides is merged
     field by field in its front matter and line by line in its body; a
     file deleted on one side and edited on the other keeps the edit;
  4. a real conflict (the same field or body lines changed differently) is
     written into the file between <<<<<<< and >>>>>>> markers; sync then
     exits 1, lists the conflicts and pushes nothing. Edit the files, keep
     the right values, and run 'acct sync' again: it makes the merge commit
     and pushes it;
  5. push; if the remote moved meanwhile, fetch and merge again. Never forces.

'acct sync --abort' undoes a sync that stopped at conflicts: every file the
merge changed is put back as in your last commit (your own version of each
conflicted file), the files it brought in are removed, and the pending
merge is dropped. Your commits and your edits to other files are kept.
It refuses, naming them, when files the merge changed were edited since.

HTTPS remotes use the token in ACCT_GIT_TOKEN, else git's credential
helpers; SSH remotes use ssh-agent, then ~/.ssh keys, and check
~/.ssh/known_hosts.`,
		Example: `  acct sync
  acct sync --abort`,
		Args: wantArgs(0, 0),
		RunE: func(c *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runSync(opts)
		},
	}
	c.Flags().StringVar(&opts.Remote, "remote", book.DefaultRemote, "the remote's `NAME`")
	c.Flags().BoolVar(&opts.Abort, "abort", false, "undo a sync that stopped at conflicts: put back your own version of every file the merge changed")
	return c
}

func runSync(opts *SyncOptions) error {
	b, repo, err := openBookRepo(opts.Book)
	if err != nil {
		return err
	}
	if opts.Abort {
		return runSyncAbort(opts, repo)
	}
	res, err := repo.Sync(book.SyncOptions{Remote: opts.Remote, Getenv: opts.Getenv, Now: commitTime(opts.Now), Lang: b.Config.Language})
	say := opts.IO.Say
	if res != nil {
		if c := res.Committed; c != nil {
			subject, _, _ := strings.Cut(c.Message, "\n")
			say("committed %s: %s\n", c.Hash[:7], subject)
		}
		if len(res.Pulled) > 0 {
			say("updated %d file%s from %s\n", len(res.Pulled), pluralS(len(res.Pulled)), opts.Remote)
		}
		if c := res.Merge; c != nil {
			subject, _, _ := strings.Cut(c.Message, "\n")
			say("merged %s: %s\n", c.Hash[:7], subject)
		}
		for _, fc := range res.Conflicts {
			say("conflict: %s\n", fc)
		}
	}
	if errors.Is(err, book.ErrMergeConflict) {
		say("acct: %v\n", err)
		return &SilentError{Code: ExitFailure}
	}
	if err != nil {
		return err
	}
	switch {
	case res.Pushed && res.Attempts > 1:
		say("pushed to %s (the remote moved meanwhile; merged again, %d attempts)\n", opts.Remote, res.Attempts)
	case res.Pushed:
		say("pushed to %s\n", opts.Remote)
	case len(res.Pulled) == 0 && res.Merge == nil:
		say("up to date with %s\n", opts.Remote)
	}
	return nil
}

// runSyncAbort undoes a pending merge (acct sync --abort).
func runSyncAbort(opts *SyncOptions, repo *book.Repo) error {
	res, err := repo.AbortMerge()
	if err != nil {
		return err
	}
	say := opts.IO.Say
	for _, c := range res.Restored {
		verb := msg.T("restored")
		if c.Kind == book.Deleted {
			verb = msg.T("removed")
		}
		say("%s %s\n", verb, c.Path)
	}
	say("merge aborted: the book is back at %s, your last commit (run 'acct sync' to try again)\n", res.Head[:7])
	return nil
}
