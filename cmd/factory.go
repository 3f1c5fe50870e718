package cmd

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/msg"
)

// IOStreams are the three standard streams plus what is known about them.
// Data goes to Out; progress, notices and errors go to ErrOut.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// OutTTY and ErrTTY report whether Out / ErrOut are terminals.
	OutTTY, ErrTTY bool
	// OutColor and ErrColor report whether colour may be written to each
	// stream (NO_COLOR, CLICOLOR, CLICOLOR_FORCE and TERM=dumb honoured).
	OutColor, ErrColor bool
	// Lang is the language of notices and errors ("zh" or "en"): the
	// book's language (acct.yaml, FORMAT.md section 7) once the book is
	// open, English before.
	Lang string
}

// Say writes a notice to ErrOut in s.Lang: format is the English text,
// translated through the message catalog (package msg).
func (s *IOStreams) Say(format string, a ...any) {
	fmt.Fprint(s.ErrOut, msg.Sprintf(s.Lang, format, a...))
}

// Factory holds lazily evaluated dependencies of the commands, so that
// `acct --help` works outside a book and tests can inject a clock, streams
// and environment.
type Factory struct {
	IO   *IOStreams
	Args []string
	// Getenv reads the environment (os.Getenv by default).
	Getenv func(string) string
	// Now is the clock (time.Now by default; ACCT_NOW=YYYY-MM-DD fixes it).
	Now func() time.Time
	// WorkDir is the directory the command runs in.
	WorkDir func() (string, error)
	// BookFlag is the value of --book.
	BookFlag string

	book *book.Book
}

// NewFactory returns the Factory for the real process environment.
func NewFactory() *Factory {
	f := &Factory{
		IO:      systemStreams(os.Getenv),
		Args:    os.Args[1:],
		Getenv:  os.Getenv,
		WorkDir: os.Getwd,
	}
	f.Now = func() time.Time {
		if v := f.Getenv("ACCT_NOW"); v != "" {
			if t, err := time.ParseInLocation("2006-01-02", v, time.Local); err == nil {
				return t
			}
		}
		return time.Now()
	}
	return f
}

// Book opens the book the command works on: --book, then $ACCT_BOOK, then
// the nearest folder upwards from the working directory holding acct.yaml.
// It returns book.ErrNoBook (wrapped) when there is none.
func (f *Factory) Book() (*book.Book, error) {
	if f.book != nil {
		return f.book, nil
	}
	dir := f.BookFlag
	if dir == "" {
		dir = f.Getenv("ACCT_BOOK")
	}
	var b *book.Book
	var err error
	if dir != "" {
		b, err = book.Open(dir)
	} else {
		var wd string
		if wd, err = f.WorkDir(); err != nil {
			return nil, err
		}
		b, err = book.Find(wd)
	}
	if err != nil {
		return nil, err
	}
	f.book = b
	f.IO.Lang = b.Config.Language
	return b, nil
}

// isTerminal reports whether the file is a character device (a terminal).
func isTerminal(fl *os.File) bool {
	st, err := fl.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func systemStreams(getenv func(string) string) *IOStreams {
	s := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		OutTTY: isTerminal(os.Stdout), ErrTTY: isTerminal(os.Stderr)}
	s.OutColor = colorAllowed(getenv, s.OutTTY)
	s.ErrColor = colorAllowed(getenv, s.ErrTTY)
	return s
}

// colorAllowed decides colour for one stream, following the NO_COLOR and
// CLICOLOR conventions (https://no-color.org, https://bixense.com/clicolors).
func colorAllowed(getenv func(string) string, tty bool) bool {
	if getenv("NO_COLOR") != "" {
		return false
	}
	if v := getenv("CLICOLOR_FORCE"); v != "" && v != "0" {
		return true
	}
	if getenv("CLICOLOR") == "0" || getenv("TERM") == "dumb" {
		return false
	}
	return tty
}

// openBookRepo opens the book with open (a Factory's Book) and the git
// repository holding it, for the commands that work on history.
func openBookRepo(open func() (*book.Book, error)) (*book.Book, *book.Repo, error) {
	b, err := open()
	if err != nil {
		return nil, nil, err
	}
	repo, err := b.Repo()
	if err != nil {
		return nil, nil, err
	}
	return b, repo, nil
}

// absDir returns dir (def when empty) as a clean absolute path, relative
// paths taken from the working directory wd returns.
func absDir(wd func() (string, error), dir, def string) (string, error) {
	if dir == "" {
		dir = def
	}
	if !filepath.IsAbs(dir) {
		w, err := wd()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(w, dir)
	}
	return filepath.Clean(dir), nil
}
