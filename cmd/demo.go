package cmd

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/check"
	"github.com/acctbook/acct/msg"
	"github.com/acctbook/acct/templates"
)

func init() { register(func(f *Factory) *cobra.Command { return NewCmdDemo(f, nil) }) }

// DemoOptions are the inputs of `acct demo`.
type DemoOptions struct {
	IO      *IOStreams
	Factory *Factory
	// Dir is where the demo book goes ("" = ./acct-demo).
	Dir string
}

// NewCmdDemo builds `acct demo [DIR]`.
func NewCmdDemo(f *Factory, runF func(*DemoOptions) error) *cobra.Command {
	opts := &DemoOptions{IO: f.IO, Factory: f}
	c := &cobra.Command{
		Use:   "demo [DIR]",
		Short: "Write an example book (in Chinese), commit it and check it",
		Long: `Write an example book of business to DIR (default ./acct-demo): three
Chinese B2B accounts of tiers A, B and C with contact cards (one key person
filled in completely), visit summaries in every confirmation state, purchase
exports from ERP systems (one GBK-encoded), and some honest gaps. The book is
committed to a new git repository and checked, and the findings are printed.

The demo book is dated ` + templates.DemoDate + `: it is checked as of that day, so
the result is the same whenever you run it. DIR must not exist or be empty.
The exit status is 0 when the demo was written, whatever check finds.`,
		Example: `  acct demo
  acct demo /tmp/book && cd /tmp/book && acct list`,
		Args: wantArgs(0, 1),
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return runDemo(opts)
		},
	}
	return c
}

func runDemo(opts *DemoOptions) error {
	f := opts.Factory
	// Outside a book, notices follow the rep's locale (the demo book itself
	// is Chinese): a Chinese rep reads the whole first run in Chinese.
	if opts.IO.Lang == "" {
		opts.IO.Lang = localeLang(f.Getenv)
	}
	dir, err := absDir(f.WorkDir, opts.Dir, "acct-demo")
	if err != nil {
		return err
	}
	created := false
	if ents, err := os.ReadDir(dir); err == nil {
		if len(ents) > 0 {
			return msg.Errorf("%s is not empty; give acct demo a new or empty folder", dir)
		}
	} else if errors.Is(err, fs.ErrNotExist) {
		created = true
	} else {
		return msg.Errorf("cannot write the demo to %s: %w", dir, err)
	}
	if b, err := book.Find(dir); err == nil {
		return msg.Errorf("%s is inside the book at %s; write the demo somewhere else", dir, b.Root)
	}

	n, err := writeDemo(dir)
	if err != nil {
		// Leave nothing half-written: the folder was new or empty.
		if created {
			os.RemoveAll(dir)
		} else if ents, rerr := os.ReadDir(dir); rerr == nil {
			for _, e := range ents {
				os.RemoveAll(filepath.Join(dir, e.Name()))
			}
		}
		return err
	}
	b, err := book.Open(dir)
	if err != nil {
		return err
	}
	accounts, _ := b.Accounts()
	opts.IO.Say("wrote the demo book to %s: %d files, %d accounts\n", dir, n, len(accounts))
	// Always a repository of its own: run inside a project's work tree
	// (go run ./cmd/acct demo), the demo must not commit into the project.
	repo, err := book.NewRepoEnv(dir, f.Getenv)
	if err != nil {
		return msg.Errorf("the demo book is written in %s but no git repository could be made: %w", dir, err)
	}
	// The demo must work on a machine where git knows nobody yet.
	var author *book.Signature
	if _, err := repo.Author(f.Getenv); errors.Is(err, book.ErrNoAuthor) {
		author = &book.Signature{Name: "acct demo", Email: "demo@acct.invalid"}
	}
	if err := commitPaths(f, dir, b.Config.Language, msg.T("Demo book: three accounts, their contacts, visits and purchases"), nil, author); err != nil {
		return err
	}

	asOf, _ := time.Parse("2006-01-02", templates.DemoDate)
	rep, err := check.Run(b, check.Options{AsOf: asOf})
	if err != nil {
		return err
	}
	rep.Localize(b.Config.Language)
	opts.IO.Say("acct check --as-of %s (the demo book's date):\n\n", templates.DemoDate)
	writeCheckText(opts.IO.Out, opts.IO.OutColor, b.Config.Language, rep)
	rel := dir
	if wd, err := f.WorkDir(); err == nil {
		if r, err := filepath.Rel(wd, dir); err == nil && !strings.HasPrefix(r, "..") {
			rel = r
		}
	}
	opts.IO.Say("\nnext, in %s (acct is installed by: go install ./cmd/acct):\n"+
		"  acct list                        the accounts at a glance\n"+
		"  acct map huaxing                 the power map, drawn from the contact cards\n"+
		"  acct trend --financials          purchase trends: decline, surge, new, lapsed; cash pressure\n"+
		"  acct edit huaxing zhang-datong   a key person's card in your editor; checked and committed on save\n", rel)
	return nil
}

// writeDemo copies the embedded demo book into dir and returns how many
// files it wrote.
func writeDemo(dir string) (int, error) {
	n := 0
	err := fs.WalkDir(templates.Demo(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(templates.Demo(), p)
		if err != nil {
			return err
		}
		if err := book.CreateFile(filepath.Join(dir, filepath.FromSlash(p)), data); err != nil {
			return err
		}
		n++
		return nil
	})
	if err == nil {
		err = book.CreateFile(filepath.Join(dir, ".gitignore"), []byte(bookGitignore))
		n++
	}
	return n, err
}
