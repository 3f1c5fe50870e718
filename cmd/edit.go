package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/google/shlex"
	"github.com/spf13/cobra"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/check"
	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/msg"
)

func init() { register(func(f *Factory) *cobra.Command { return NewCmdEdit(f, nil) }) }

// EditOptions are the inputs of `acct edit`.
type EditOptions struct {
	IO      *IOStreams
	Factory *Factory
	// Account is the account typed; Doc an optional contact or visit id.
	Account, Doc string
}

// NewCmdEdit builds `acct edit ACCOUNT [CONTACT|VISIT]`.
func NewCmdEdit(f *Factory, runF func(*EditOptions) error) *cobra.Command {
	opts := &EditOptions{IO: f.IO, Factory: f}
	c := &cobra.Command{
		Use:   "edit ACCOUNT [CONTACT|VISIT]",
		Short: "Edit a document in your editor, then check and commit it",
		Long: `Open the account profile (or a contact card or visit summary of the account)
in $VISUAL, else $EDITOR, else vi (notepad on Windows). The editor command
may carry arguments, such as "code --wait".

When the editor exits, the document is checked and its findings shown. A
changed document without errors is committed; one with errors is kept as
you saved it but not committed, so you can fix it with acct edit again.
If the editor fails, nothing is committed and the file stays as the editor
left it.`,
		Example: `  acct edit hx
  acct edit hx zhang-datong
  acct edit hx 2026-02-25-zhang-datong
  EDITOR="code --wait" acct edit 华星电子`,
		Args:              wantArgs(1, 2),
		ValidArgsFunction: completeEditArgs(f),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Account = args[0]
			if len(args) == 2 {
				opts.Doc = args[1]
			}
			if runF != nil {
				return runF(opts)
			}
			return runEdit(opts)
		},
	}
	return c
}

// completeEditArgs completes account ids, then the account's contact and
// visit ids.
func completeEditArgs(f *Factory) cobra.CompletionFunc {
	accounts := completeAccountIDs(f)
	return func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return accounts(c, args, toComplete)
		}
		if len(args) > 1 {
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
		contacts, _ := b.Documents(acc, "contacts")
		visits, _ := b.Documents(acc, "visits")
		return filterPrefix(append(contacts, visits...), toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

// editDocument returns the book-relative path of the document acct edit
// opens: the account profile, or the contact card or visit summary named.
func editDocument(b *book.Book, account, doc string) (acc, rel string, err error) {
	acc, err = resolveAccount(b, account)
	if err != nil {
		return "", "", err
	}
	if doc == "" {
		return acc, book.AccountFile(acc), nil
	}
	if pathLike(doc) {
		return "", "", book.ValidateID("contact", doc)
	}
	isFile := func(rel string) bool {
		st, err := os.Stat(b.Path(rel))
		return err == nil && st.Mode().IsRegular()
	}
	var found []string
	for _, id := range []string{doc, book.DeriveID(doc)} {
		if book.ValidateID("contact", id) != nil {
			continue
		}
		for _, rel := range []string{book.ContactFile(acc, id), book.VisitFile(acc, id)} {
			if isFile(rel) && !contains(found, rel) {
				found = append(found, rel)
			}
		}
		if len(found) > 0 {
			break
		}
	}
	switch len(found) {
	case 1:
		return acc, found[0], nil
	case 2:
		return "", "", msg.Errorf("%q is both a contact and a visit of %s (%s, %s); edit the file directly", doc, acc, found[0], found[1])
	}
	// The name on a contact card: acct edit huaxing 张大同.
	if id, err := contactByName(b, acc, doc); err != nil {
		return "", "", err
	} else if id != "" {
		return acc, book.ContactFile(acc, id), nil
	}
	contacts, _ := b.Documents(acc, "contacts")
	visits, _ := b.Documents(acc, "visits")
	known := append(contacts, visits...)
	hint := msg.T("it has no contacts or visits yet")
	if len(known) > 0 {
		hint = msg.T("its contacts and visits are: %s", strings.Join(known, ", "))
	}
	return "", "", msg.Errorf("account %s has no contact or visit %q; %s", acc, doc, hint)
}

// editorCommand returns the editor to run as program and arguments:
// $VISUAL, then $EDITOR, split like a shell would ("code --wait"), else vi
// (notepad on Windows).
func editorCommand(getenv func(string) string) ([]string, error) {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		s := strings.TrimSpace(getenv(v))
		if s == "" {
			continue
		}
		words, err := shlex.Split(s)
		if err != nil {
			return nil, msg.Errorf("$%s %q: %w", v, s, err)
		}
		if len(words) > 0 {
			return words, nil
		}
	}
	if runtime.GOOS == "windows" {
		return []string{"notepad"}, nil
	}
	return []string{"vi"}, nil
}

func runEdit(opts *EditOptions) error {
	f := opts.Factory
	b, err := f.Book()
	if err != nil {
		return err
	}
	if err := refuseDuringMerge(b.Root); err != nil {
		return err
	}
	acc, rel, err := editDocument(b, opts.Account, opts.Doc)
	if err != nil {
		return err
	}
	path := b.Path(rel)
	before, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return msg.Errorf("%s does not exist; the account folder has no profile (restore it with git, or move the folder away and run acct new)", rel)
	} else if err != nil {
		return err
	}
	editor, err := editorCommand(f.Getenv)
	if err != nil {
		return err
	}
	cmd := exec.Command(editor[0], append(editor[1:], path)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = f.IO.In, f.IO.Out, f.IO.ErrOut
	runErr := cmd.Run()

	after, readErr := os.ReadFile(path)
	changed := readErr == nil && !bytes.Equal(before, after)
	if runErr != nil {
		state := msg.T("is unchanged")
		if changed {
			state = msg.T("was changed by the editor and is kept as it is")
		}
		return msg.Errorf("editor %q failed: %v; %s %s, nothing was committed", strings.Join(editor, " "), runErr, rel, state)
	}
	if errors.Is(readErr, fs.ErrNotExist) {
		return msg.Errorf("the editor removed %s; nothing was committed (git restore %s brings it back)", rel, rel)
	} else if readErr != nil {
		return readErr
	}

	if !changed {
		// Only that: the findings were there before and the user did not
		// touch the file.
		if uncommitted(b, rel, after) {
			f.IO.Say("%s: no changes, nothing to commit (the file still differs from the last commit: earlier edits are not committed yet; acct commit records them)\n", rel)
		} else {
			f.IO.Say("%s: no changes, nothing to commit\n", rel)
		}
		return nil
	}

	n := f.Now()
	asOf := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
	a, err := check.Load(b, acc, asOf)
	if err != nil {
		return err
	}
	p := newPainter(f.IO.OutColor)
	errs, warns := 0, 0
	for _, fd := range a.Findings {
		if fd.File != rel {
			continue
		}
		fmt.Fprintln(f.IO.Out, p.finding(fd.Localize(b.Config.Language)))
		switch fd.Severity {
		case document.SeverityError:
			errs++
		case document.SeverityWarning:
			warns++
		}
	}
	summary := msg.T("%s: %d error%s, %d warning%s", rel, errs, pluralS(errs), warns, pluralS(warns))
	if errs > 0 {
		f.IO.Say("%s; not committed: your changes are saved in the file, fix the errors with 'acct edit %s%s'\n",
			summary, acc, editDocArg(opts.Doc))
		return &SilentError{Code: ExitFailure}
	}
	f.IO.Say("%s\n", summary)
	return commitPaths(f, b.Root, b.Config.Language, msg.T("Edit %s", rel), []string{rel}, nil)
}

func editDocArg(doc string) string {
	if doc == "" {
		return ""
	}
	return " " + doc
}

// uncommitted reports whether data, the content of the book-relative file
// rel, differs from the file in the last commit (or the file is not in it).
// False when the book is not under git or the last commit cannot be read.
func uncommitted(b *book.Book, rel string, data []byte) bool {
	repo, err := b.Repo()
	if err != nil {
		return false
	}
	old, ok, err := repo.ReadFileAt("", rel)
	if err != nil {
		return false
	}
	return !ok || !bytes.Equal(old, data)
}
