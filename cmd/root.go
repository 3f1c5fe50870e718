// Package cmd is the acct command tree: one file per command (<noun>_<verb>.go),
// each with an options struct, a NewCmdX constructor and a runX function. It is
// the only package that knows about Cobra, terminals and exit codes.
package cmd

import (
	"errors"

	"github.com/spf13/cobra"
)

// Exit codes, the same for every command (FORMAT.md section 8).
const (
	ExitOK      = 0 // success
	ExitFailure = 1 // findings, or an operation that failed
	ExitUsage   = 2 // the command line was wrong
)

// Main runs acct with os.Args and the real environment and returns the process
// exit status. Nothing below it calls os.Exit.
func Main() int {
	f := NewFactory()
	root := NewCmdRoot(f)
	root.SetArgs(f.Args)
	return execute(root, f)
}

// execute runs the tree and maps the returned error to an exit code in one
// place, by type, never by message text.
func execute(root *cobra.Command, f *Factory) int {
	c, err := root.ExecuteC()
	if err == nil {
		return ExitOK
	}
	var silent *SilentError
	if errors.As(err, &silent) {
		return silent.Code
	}
	f.IO.Lang = f.lang()
	var usage *UsageError
	if errors.As(err, &usage) {
		if c == nil {
			c = root
		}
		f.IO.Say("%s: %v\n", c.CommandPath(), err)
		f.IO.Say("Usage: %s\n", usageLine(c))
		if c.Example != "" {
			f.IO.Say("Examples:\n%s\n", c.Example)
		}
		f.IO.Say("Run '%s --help' for usage.\n", c.CommandPath())
		return ExitUsage
	}
	f.IO.Say("acct: %v\n", err)
	return ExitFailure
}

// lang is the language errors are told in: the book's, when the command
// ran in one (even if it failed before opening it), else the locale's
// (LC_ALL, LC_MESSAGES, LANG; English unless Chinese).
func (f *Factory) lang() string {
	if f.IO.Lang == "" && f.book == nil {
		if _, err := f.Book(); err != nil {
			return localeLang(f.Getenv)
		}
	}
	return f.IO.Lang
}

// NewCmdRoot builds the whole command tree on top of f.
func NewCmdRoot(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "acct",
		Short: "A book of business for B2B sales, as Markdown under git",
		Long: `acct keeps a team's book of business (accounts, contacts, visits and
purchase history) as Markdown files with YAML front matter in a git
repository: editable in any editor, reviewable, diffable, shared through an
ordinary git remote.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
		Args:          wantArgs(0, 0),
		RunE: func(c *cobra.Command, args []string) error {
			return c.Help()
		},
	}
	root.SetVersionTemplate("acct {{.Version}}\n")
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetFlagErrorFunc(flagError)
	root.PersistentFlags().StringVar(&f.BookFlag, "book", "", "the book's root `DIR` (default: walk up to acct.yaml, or $ACCT_BOOK)")
	for _, add := range commands {
		root.AddCommand(add(f))
	}
	completionArgs(root)
	return root
}

// commands lists the top-level command constructors; each command file adds
// itself here in an init function, so files can be added without touching
// this one.
var commands []func(*Factory) *cobra.Command

func register(c func(*Factory) *cobra.Command) { commands = append(commands, c) }
