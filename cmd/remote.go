package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/acctbook/acct/book"
)

func init() { register(func(f *Factory) *cobra.Command { return NewCmdRemote(f, nil) }) }

// remoteCommands are the sub-commands of `acct remote`.
var remoteCommands []func(*Factory) *cobra.Command

// RemoteOptions are the inputs of `acct remote` (show).
type RemoteOptions struct {
	IO   *IOStreams
	Book func() (*book.Book, error)
}

// NewCmdRemote builds `acct remote`, which shows the remotes, and its
// sub-commands (acct remote add).
func NewCmdRemote(f *Factory, runF func(*RemoteOptions) error) *cobra.Command {
	opts := &RemoteOptions{IO: f.IO, Book: f.Book}
	c := &cobra.Command{
		Use:   "remote",
		Short: "Show the git remote the book is shared through",
		Long: `Show the git remotes of the book, one per line: name, a tab, and the URL.
A team shares one book through an ordinary git remote (GitLab, Gitea,
GitHub, or a bare repository on a file server); add it with 'acct remote add'.`,
		Example: `  acct remote
  acct remote add git@gitlab.example.com:sales/book.git`,
		Args: wantArgs(0, 0),
		RunE: func(c *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runRemoteShow(opts)
		},
	}
	c.AddCommand(NewCmdRemoteAdd(f, nil))
	for _, add := range remoteCommands {
		c.AddCommand(add(f))
	}
	return c
}

func runRemoteShow(opts *RemoteOptions) error {
	_, repo, err := openBookRepo(opts.Book)
	if err != nil {
		return err
	}
	rs, err := repo.Remotes()
	if err != nil {
		return err
	}
	if len(rs) == 0 {
		opts.IO.Say("no remote yet: add one with 'acct remote add URL'\n")
		return nil
	}
	for _, r := range rs {
		fmt.Fprintf(opts.IO.Out, "%s\t%s\n", r.Name, r.URL)
	}
	return nil
}

// RemoteAddOptions are the inputs of `acct remote add`.
type RemoteAddOptions struct {
	IO   *IOStreams
	Book func() (*book.Book, error)
	Name string
	URL  string
}

// NewCmdRemoteAdd builds `acct remote add URL [--name NAME]`.
func NewCmdRemoteAdd(f *Factory, runF func(*RemoteAddOptions) error) *cobra.Command {
	opts := &RemoteAddOptions{IO: f.IO, Book: f.Book}
	c := &cobra.Command{
		Use:   "add URL",
		Short: "Add the git remote to share the book through",
		Long: `Add the git remote the book is shared through (named origin unless --name
says otherwise). URL may be a local path, file://, an SSH address
(git@host:team/book.git, ssh://...) or HTTPS. Then run 'acct sync'.`,
		Example: `  acct remote add /srv/git/sales-book.git
  acct remote add https://gitea.example.com/sales/book.git`,
		Args: wantArgs(1, 1),
		RunE: func(c *cobra.Command, args []string) error {
			opts.URL = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runRemoteAdd(opts)
		},
	}
	c.Flags().StringVar(&opts.Name, "name", book.DefaultRemote, "the remote's `NAME`")
	return c
}

func runRemoteAdd(opts *RemoteAddOptions) error {
	_, repo, err := openBookRepo(opts.Book)
	if err != nil {
		return err
	}
	if err := repo.AddRemote(opts.Name, opts.URL); err != nil {
		return err
	}
	opts.IO.Say("added remote %s: %s\nrun 'acct sync' to share the book\n", opts.Name, opts.URL)
	return nil
}
