package cmd

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/msg"
	"github.com/acctbook/acct/templates"
)

func init() { register(func(f *Factory) *cobra.Command { return NewCmdInit(f, nil) }) }

// InitOptions are the inputs of `acct init`.
type InitOptions struct {
	IO     *IOStreams
	Getenv func(string) string
	// Dir is the folder to make a book of ("" = the working directory).
	Dir string
	// Lang is "zh" or "en"; "" means from the locale ($LC_ALL, $LC_MESSAGES, $LANG).
	Lang string
	// Factory gives the clock and environment commits are made with.
	Factory *Factory
	// WorkDir resolves a relative Dir.
	WorkDir func() (string, error)
}

// NewCmdInit builds `acct init [DIR] [--lang zh|en]`.
func NewCmdInit(f *Factory, runF func(*InitOptions) error) *cobra.Command {
	opts := &InitOptions{IO: f.IO, Getenv: f.Getenv, WorkDir: f.WorkDir, Factory: f}
	c := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Start a new book of business in DIR (default: here)",
		Long: `Start a new book: write acct.yaml (the book's settings), an accounts/ folder
and a short README, create a git repository (or use the one DIR is in) and
make the first commit.

The language of templates and headings comes from --lang, else from the
locale: a $LANG starting with zh gives zh, anything else en.`,
		Example: `  acct init
  acct init ~/book --lang zh
  acct init team-book --lang en`,
		Args: wantArgs(0, 1),
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return runInit(opts)
		},
	}
	c.Flags().StringVar(&opts.Lang, "lang", "", "language of the book, `LANG`: zh or en (default from $LANG)")
	c.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions(templates.Languages, cobra.ShellCompDirectiveNoFileComp))
	return c
}

// localeLang picks the book language from the locale variables, in POSIX
// precedence: zh* gives zh, anything else (or nothing) en.
func localeLang(getenv func(string) string) string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := getenv(v); s != "" {
			if strings.HasPrefix(strings.ToLower(s), "zh") {
				return "zh"
			}
			return "en"
		}
	}
	return "en"
}

func runInit(opts *InitOptions) error {
	lang := opts.Lang
	if lang == "" {
		lang = localeLang(opts.Getenv)
	}
	if lang != "zh" && lang != "en" {
		return usageErrorf("--lang %q: want zh or en", opts.Lang)
	}
	opts.IO.Lang = lang // from here on, messages are in the new book's language
	dir, err := absDir(opts.WorkDir, opts.Dir, ".")
	if err != nil {
		return err
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return msg.Errorf("cannot init a book in %s: it is a file", dir)
	}
	// A book inside a book would split one portfolio in two and make every
	// command ambiguous about which acct.yaml applies.
	if b, err := book.Find(dir); err == nil {
		return msg.Errorf("%s is already inside the book at %s (acct.yaml found there); a book cannot hold another book", dir, b.Root)
	} else if !errors.Is(err, book.ErrNoBook) {
		return msg.Errorf("cannot init a book in %s: %w", dir, err)
	}

	cfg, err := templates.Builtin(lang, templates.BookConfig)
	if err != nil {
		return err
	}
	readme, err := templates.Builtin(lang, templates.BookReadme)
	if err != nil {
		return err
	}
	files := []struct {
		rel  string
		data []byte
	}{
		{book.ConfigFile, []byte(cfg.Text)},
		{book.AccountsDir + "/.gitkeep", nil},
		{"README.md", []byte(readme.Text)},
		{".gitignore", []byte(bookGitignore)},
	}
	var written []string
	for _, fl := range files {
		p := filepath.Join(dir, filepath.FromSlash(fl.rel))
		if _, err := os.Lstat(p); err == nil {
			// Adopting an existing folder: keep what is there (a project
			// README, an accounts/ folder from an earlier attempt).
			if fl.rel == book.ConfigFile {
				return msg.Errorf("%s exists: %s is already a book", p, dir)
			}
			continue
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if err := book.CreateFile(p, fl.data); err != nil {
			undo(dir, written)
			return err
		}
		written = append(written, fl.rel)
	}
	opts.IO.Say("created an English book in %s\n", dir)
	for _, w := range written {
		opts.IO.Say("  %s\n", w)
	}
	if _, err := book.InitRepoEnv(dir, opts.Factory.Getenv); err != nil {
		return msg.Errorf("the book is written in %s but no git repository could be made: %w", dir, err)
	}
	if err := commitPaths(opts.Factory, dir, lang, msg.T("Start the book"), written, nil); err != nil {
		return err
	}
	opts.IO.Say("next: acct new \"Customer name\" --tier A\n")
	return nil
}

// bookGitignore keeps what editors, file managers, Excel and merge tools
// leave beside the documents out of the book's commits.
const bookGitignore = `# Left by editors, Finder/Explorer, Excel/WPS/LibreOffice and merge tools;
# acct commit never records these.
*~
.*.sw?
\#*#
.#*
*.orig
*.rej
*.bak
.DS_Store
._*
Thumbs.db
desktop.ini
~$*
.~lock.*#
`

// undo removes files this command created (slash paths relative to root)
// after a later step failed, so nothing half-made is left behind.
func undo(root string, rels []string) {
	for i := len(rels) - 1; i >= 0; i-- {
		os.Remove(filepath.Join(root, filepath.FromSlash(rels[i])))
	}
}
