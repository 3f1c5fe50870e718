package cmd

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/acctbook/acct/book"
)

func init() { register(func(f *Factory) *cobra.Command { return NewCmdClone(f, nil) }) }

// CloneOptions are the inputs of `acct clone`.
type CloneOptions struct {
	IO      *IOStreams
	Getenv  func(string) string
	WorkDir func() (string, error)
	URL     string
	Dir     string
}

// NewCmdClone builds `acct clone URL [DIR]`.
func NewCmdClone(f *Factory, runF func(*CloneOptions) error) *cobra.Command {
	opts := &CloneOptions{IO: f.IO, Getenv: f.Getenv, WorkDir: f.WorkDir}
	c := &cobra.Command{
		Use:   "clone URL [DIR]",
		Short: "Copy a team's shared book to this machine",
		Long: `Copy the book at URL (a local path, file://, SSH or HTTPS git remote) into
DIR (default: the last part of the URL without .git), ready for 'acct sync'.

HTTPS remotes use the token in ACCT_GIT_TOKEN, else git's credential
helpers (a URL with a token in it is refused: it would be stored); a
company certificate authority is trusted through GIT_SSL_CAINFO. SSH
remotes use ssh-agent, then the keys of ~/.ssh/config and ~/.ssh, and
the server must be in ~/.ssh/known_hosts. On failure nothing is left.`,
		Example: `  acct clone git@gitlab.example.com:sales/book.git
  acct clone /srv/git/sales-book.git book`,
		Args: wantArgs(1, 2),
		RunE: func(c *cobra.Command, args []string) error {
			opts.URL = args[0]
			if len(args) == 2 {
				opts.Dir = args[1]
			}
			if runF != nil {
				return runF(opts)
			}
			return runClone(opts)
		},
	}
	return c
}

// cloneDir derives the folder name from a URL: its last path element
// without ".git".
func cloneDir(u string) string {
	u = strings.TrimRight(u, "/")
	if i := strings.LastIndexAny(u, "/:"); i >= 0 {
		u = u[i+1:]
	}
	u = strings.TrimSuffix(u, ".git")
	if u == "" || u == "." || u == ".." {
		return "book"
	}
	return u
}

func runClone(opts *CloneOptions) error {
	dir := opts.Dir
	if dir == "" {
		dir = cloneDir(opts.URL)
	}
	if !filepath.IsAbs(dir) {
		wd, err := opts.WorkDir()
		if err != nil {
			return err
		}
		dir = filepath.Join(wd, dir)
	}
	url := opts.URL
	if !strings.Contains(url, "://") && !filepath.IsAbs(url) {
		if _, err := os.Stat(url); err == nil {
			wd, err := opts.WorkDir()
			if err != nil {
				return err
			}
			url = filepath.Join(wd, url)
		}
	}
	if _, err := book.Clone(url, dir, book.CloneOptions{Getenv: opts.Getenv}); err != nil {
		return err
	}
	opts.IO.Say("cloned %s into %s\n", opts.URL, dir)
	if _, err := os.Stat(filepath.Join(dir, book.ConfigFile)); err != nil {
		opts.IO.Say("note: %s has no %s yet (an empty or non-acct repository); 'acct init' there starts a book\n", dir, book.ConfigFile)
	}
	return nil
}
