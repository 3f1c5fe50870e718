package cmd

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"path"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/check"
	"github.com/acctbook/acct/document"
	"github.com/spf13/cobra"
)

func init() { register(func(f *Factory) *cobra.Command { return NewCmdCheck(f, nil) }) }

// CheckOptions are the inputs of `acct check`.
type CheckOptions struct {
	F        *Factory
	Accounts []string
	Format   string
	AsOf     string
	Strict   bool
}

// NewCmdCheck builds `acct check`. runF replaces runCheck in tests.
func NewCmdCheck(f *Factory, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{F: f}
	c := &cobra.Command{
		Use:   "check [ACCOUNT...]",
		Short: "Find what is missing or broken in the book",
		Long: `Check every account (or the ones named) against the format and the policy
in acct.yaml: broken files and wrong values are errors, fields the policy
requires but are missing, unconfirmed visits, overdue next steps and stale
financials are warnings, unknown keys and untidy dates are hints.

Exit status: 0 when there are no errors (and, with --strict, no warnings),
1 otherwise, 2 for a usage error.`,
		Example: `  acct check
  acct check hx-electronics --as-of 2026-03-01
  acct check 华星电子            # an account's name or alias works too
  acct check --format json | jq '.[] | select(.severity=="error")'`,
		ValidArgsFunction: completeAccounts(f),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Accounts = args
			if asJSON, _ := c.Flags().GetBool("json"); asJSON {
				if c.Flags().Changed("format") && opts.Format != "json" {
					return usageErrorf("--json and --format %s contradict each other", opts.Format)
				}
				opts.Format = "json"
			}
			if opts.Format != "text" && opts.Format != "json" {
				return usageErrorf("--format %q: want text or json", opts.Format)
			}
			if runF != nil {
				return runF(opts)
			}
			return runCheck(opts)
		},
	}
	c.Flags().StringVar(&opts.Format, "format", "text", "output `format`: text or json")
	c.Flags().Bool("json", false, "print JSON, as --format json (the flag of list, status, trend...)")
	c.Flags().StringVar(&opts.AsOf, "as-of", "", "judge dates as of this `DATE` (YYYY-MM-DD) instead of today")
	c.Flags().BoolVar(&opts.Strict, "strict", false, "exit 1 on warnings too")
	return c
}

// asOfDay parses an --as-of date, or returns today from the factory's clock.
func asOfDay(f *Factory, s string) (time.Time, error) {
	if s == "" {
		n := f.Now()
		return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	t, _, err := document.ParseDate(s)
	if err != nil {
		return time.Time{}, usageErrorf("--as-of: %v", err)
	}
	return t, nil
}

func runCheck(opts *CheckOptions) error {
	f := opts.F
	b, asOf, accounts, err := checkArgs(f, opts.AsOf, opts.Accounts)
	if err != nil {
		return err
	}
	// Each account is rendered as soon as it is checked, on the goroutine
	// that checked it, and only its output is kept: the report of a large
	// book is never held in memory, and the output is written in one go
	// once every account was read (an I/O error still prints nothing).
	lang := b.Config.Language
	asJSON := opts.Format == "json"
	text := newCheckText(f.IO.OutColor, lang)
	var parts []checkedAccount
	restore := func() {}
	defer func() { restore() }()
	var gc *checkGC
	_, err = check.Stream(b, check.Options{AsOf: asOf, Accounts: accounts}, func(i int, a *check.Account) {
		document.LocalizeAll(a.Findings, lang)
		part := &parts[i]
		for _, fd := range a.Findings {
			part.counts[severityIndex(fd.Severity)]++
		}
		bp := renderBufs.Get().(*[]byte)
		if asJSON {
			*bp = appendFindingsJSON((*bp)[:0], a.Findings)
		} else {
			*bp = text.appendAccount((*bp)[:0], a)
			part.row = text.row(a)
		}
		if len(*bp) > 0 {
			part.out = bytes.Clone(*bp)
		}
		renderBufs.Put(bp)
		if gc != nil {
			gc.keep(len(part.out) + 128*len(part.row))
		}
	}, func(n int) {
		parts = make([]checkedAccount, n)
		if f.Getenv("GOMEMLIMIT") == "" && f.Getenv("GOGC") == "" {
			gc = &checkGC{limit: checkMemoryLimit(n)}
			limit := debug.SetMemoryLimit(gc.limit)
			pct := debug.SetGCPercent(-1)
			restore = func() { debug.SetMemoryLimit(limit); debug.SetGCPercent(pct) }
		}
	})
	if err != nil {
		return err
	}
	var counts [3]int
	for _, p := range parts {
		for k, n := range p.counts {
			counts[k] += n
		}
	}
	out := bufio.NewWriterSize(f.IO.Out, 64<<10) // one write per 64 KB, not per line
	if asJSON {
		writeFindingsJSONParts(out, parts)
	} else {
		for _, p := range parts {
			out.Write(p.out)
		}
		rows := make([][]cell, len(parts))
		for i := range parts {
			rows[i] = parts[i].row
		}
		text.summary(out, rows, counts)
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if counts[0] > 0 || opts.Strict && counts[1] > 0 {
		return &SilentError{Code: ExitFailure}
	}
	return nil
}

// checkGC raises the soft memory limit of `acct check` (checkMemoryLimit)
// when what it keeps, the rendered output, grows past half of it: with the
// pacing turned off the collector would otherwise run again and again once
// the kept output filled the limit (a book whose every file is broken).
type checkGC struct {
	mu    sync.Mutex
	kept  int64
	limit int64
}

// keep counts n more bytes kept.
func (g *checkGC) keep(n int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.kept += int64(n)
	if g.kept > g.limit/2 {
		g.limit = 4 * g.kept
		debug.SetMemoryLimit(g.limit)
	}
}

// renderBufs are the buffers accounts are rendered into before their
// output is copied, exactly sized, into checkedAccount.out.
var renderBufs = sync.Pool{New: func() any { return new([]byte) }}

// checkedAccount is what `acct check` keeps of a checked account: its
// rendered findings, its summary row (text output) and its number of
// errors, warnings and hints.
type checkedAccount struct {
	out    []byte
	row    []cell
	counts [3]int
}

// severityIndex numbers severities for checkedAccount.counts.
func severityIndex(s document.Severity) int {
	switch s {
	case document.SeverityError:
		return 0
	case document.SeverityWarning:
		return 1
	}
	return 2
}

// checkArgs reads the arguments of the commands that check the book:
// --as-of (asOfFlag, today when empty) and the accounts named by id, name
// or alias in args (nil for all; then entries of accounts/ that are not read
// as accounts are named on stderr).
func checkArgs(f *Factory, asOfFlag string, args []string) (*book.Book, time.Time, []string, error) {
	asOf, err := asOfDay(f, asOfFlag)
	if err != nil {
		return nil, asOf, nil, err
	}
	b, err := f.Book()
	if err != nil {
		return nil, asOf, nil, err
	}
	var accounts []string
	for _, arg := range args {
		id, err := resolveAccount(b, arg)
		if err != nil {
			return nil, asOf, nil, err
		}
		accounts = append(accounts, id)
	}
	if len(args) == 0 {
		warnNotAccounts(f.IO, b)
	}
	return b, asOf, accounts, nil
}

// warnNotAccounts says on stderr which entries of accounts/ are not read as
// accounts (symbolic links and files), so an account linked in from
// elsewhere does not vanish from check, list and status without a word.
func warnNotAccounts(ios *IOStreams, b *book.Book) {
	names, _ := b.NotAccounts()
	for _, name := range names {
		ios.Say("warning: %s is not a folder (a symbolic link or a file), so it is not read as an account; move the account's folder itself into %s (git would keep only the link)\n",
			path.Join(book.AccountsDir, name), book.AccountsDir+"/")
	}
}

// checkBook checks the book for the commands that report on it (list,
// status): --as-of (asOfFlag, today when empty), the accounts named
// by id, name or alias in args (all when empty), under the soft memory
// limit of checkMemoryLimit unless GOMEMLIMIT is set, with findings in the
// book's language. It returns the book, the report and the as-of day.
func checkBook(f *Factory, asOfFlag string, args []string) (*book.Book, *check.Report, time.Time, error) {
	b, asOf, accounts, err := checkArgs(f, asOfFlag, args)
	if err != nil {
		return nil, nil, asOf, err
	}
	n := len(accounts)
	if n == 0 {
		ids, _ := b.Accounts()
		n = len(ids)
	}
	if f.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(reportMemoryLimit(n)))
	}
	rep, err := check.Run(b, check.Options{AsOf: asOf, Accounts: accounts})
	if err != nil {
		return nil, nil, asOf, err
	}
	rep.Localize(b.Config.Language)
	return b, rep, asOf, nil
}

// reportMemoryLimit is the soft memory limit (bytes) for checking n
// accounts into a report that is kept whole (list, status). Checking
// parses every file into a short-lived tree; with the garbage collector's
// default pacing the heap grows to twice what the report keeps (about 6.5
// KB per account), so a 10,000-account book peaked near 170 MB. At 11 KiB
// per account (64 MiB at least) the collector runs a little more often
// instead: about 110 MiB for 10,000 accounts. The limit is soft (Go
// exceeds it rather than spend more than half the CPU on collection) and
// GOMEMLIMIT overrides it.
func reportMemoryLimit(n int) int64 {
	return max(64<<20, int64(n)*11<<10)
}

// checkMemoryLimit is the soft memory limit (bytes) for `acct check` on n
// accounts. Only the rendered output of each account is kept (about 1.5 KB
// of JSON), so the live heap stays small, and the limit is mostly room for
// garbage: the trees of the files being checked and the typed values made
// from them. The collector's default pacing (GOGC=100) would collect each
// time the heap doubles, tens of times per run on a large book; runCheck
// turns that off and lets the heap grow to this limit instead, so it
// collects a few times. 8 KiB per account and 64 MiB at least: 78 MiB for
// 10,000 accounts, for a peak RSS near 100 MB. GOMEMLIMIT or GOGC in the
// environment leave the collector's settings alone.
func checkMemoryLimit(n int) int64 {
	return max(64<<20, int64(n)*8<<10)
}

// appendFindingsJSON appends the findings as elements of the FORMAT.md
// section 8 array, each preceded by ",\n  ", exactly as encoding/json
// prints a []document.Finding with two-space indentation and a two-space
// prefix (see writeFindingsJSONParts).
func appendFindingsJSON(b []byte, fs []document.Finding) []byte {
	for i := range fs {
		f := &fs[i]
		b = append(b, ",\n  {\n    \"file\": "...)
		b = appendJSONString(b, f.File)
		b = append(b, ",\n    \"line\": "...)
		b = strconv.AppendInt(b, int64(f.Line), 10)
		b = append(b, ",\n    \"column\": "...)
		b = strconv.AppendInt(b, int64(f.Column), 10)
		b = append(b, ",\n    \"severity\": "...)
		b = appendJSONString(b, string(f.Severity))
		b = append(b, ",\n    \"rule\": "...)
		b = appendJSONString(b, f.Rule)
		b = append(b, ",\n    \"field\": "...)
		b = appendJSONNullString(b, f.Field)
		b = append(b, ",\n    \"account\": "...)
		b = appendJSONNullString(b, f.Account)
		b = append(b, ",\n    \"message\": "...)
		b = appendJSONString(b, f.Message)
		b = append(b, "\n  }"...)
	}
	return b
}

// writeFindingsJSONParts prints the FORMAT.md section 8 array ([] when
// empty) from the accounts' appendFindingsJSON parts: the bytes
// json.Encoder with SetIndent("  ", "  ") and SetEscapeHTML(false) writes
// for the []document.Finding, after "[\n  " and before "\n]\n".
func writeFindingsJSONParts(w *bufio.Writer, parts []checkedAccount) {
	first := true
	for _, p := range parts {
		if len(p.out) == 0 {
			continue
		}
		if first {
			w.WriteString("[\n  ")
			w.Write(p.out[len(",\n  "):])
			first = false
			continue
		}
		w.Write(p.out)
	}
	if first {
		w.WriteString("[]\n")
		return
	}
	w.WriteString("\n]\n")
}

// checkText renders `acct check` for people: findings like a compiler,
// grouped by account, then a summary line per account and for the book.
type checkText struct {
	p  painter
	zh bool
}

func newCheckText(color bool, lang string) *checkText {
	return &checkText{p: newPainter(color), zh: lang == "zh"}
}

// writeCheckText prints a whole report as `acct check` does.
func writeCheckText(w io.Writer, color bool, lang string, rep *check.Report) {
	t := newCheckText(color, lang)
	var counts [3]int
	rows := make([][]cell, 0, len(rep.Accounts))
	var buf []byte
	for _, a := range rep.Accounts {
		buf = t.appendAccount(buf[:0], a)
		w.Write(buf)
		rows = append(rows, t.row(a))
		for _, fd := range a.Findings {
			counts[severityIndex(fd.Severity)]++
		}
	}
	t.summary(w, rows, counts)
}

// count says "3 errors" or "3 个错误".
func (t *checkText) count(n int, sev document.Severity) string {
	if t.zh {
		return fmt.Sprintf("%d 个%s", n, map[document.Severity]string{document.SeverityError: "错误", document.SeverityWarning: "警告", document.SeverityHint: "提示"}[sev])
	}
	return plural(n, string(sev))
}

// appendAccount appends an account's findings (nothing when it has none):
// a "# id (name)" line, a line per finding and an empty line.
func (t *checkText) appendAccount(b []byte, a *check.Account) []byte {
	if len(a.Findings) == 0 {
		return b
	}
	name := a.ID
	if a.Profile != nil && a.Profile.Name != "" && a.Profile.Name != a.ID {
		name += " (" + a.Profile.Name + ")"
	}
	b = append(b, t.p.bold("# "+name)...)
	b = append(b, '\n')
	for _, fd := range a.Findings {
		b = append(b, t.p.finding(fd)...)
		b = append(b, '\n')
	}
	return append(b, '\n')
}

// row is an account's line of the summary table.
func (t *checkText) row(a *check.Account) []cell {
	p, zh := t.p, t.zh
	complete := fmt.Sprintf("%3d%% complete (%d/%d)", a.Percent(), a.Present, a.Required)
	if zh {
		complete = fmt.Sprintf("完整度 %3d%%(%d/%d)", a.Percent(), a.Present, a.Required)
	}
	if a.Profile == nil {
		complete = map[bool]string{true: "客户档案无法读取", false: "profile unreadable"}[zh]
	}
	counts := func(sev document.Severity) cell {
		n := a.Count(sev)
		if n == 0 || sev == document.SeverityHint {
			return cell{text: t.count(n, sev)}
		}
		return cell{t.count(n, sev), func(s string) string { return p.sev(sev, s) }}
	}
	return []cell{{text: "  " + a.ID}, {text: complete},
		counts(document.SeverityError), counts(document.SeverityWarning), counts(document.SeverityHint)}
}

// summary prints the summary: the table of rows and the book's totals of
// errors, warnings and hints (counts, in that order).
func (t *checkText) summary(w io.Writer, rows [][]cell, counts [3]int) {
	p := t.p
	fmt.Fprintln(w, p.bold(map[bool]string{true: "汇总", false: "Summary"}[t.zh]))
	writeTable(w, p, nil, rows)
	format, accounts := "%s: %s, %s, %s\n", plural(len(rows), "account")
	if t.zh {
		format, accounts = "共 %s:%s,%s,%s\n", fmt.Sprintf("%d 个客户", len(rows))
	}
	fmt.Fprintf(w, format, accounts,
		p.sev(document.SeverityError, t.count(counts[0], document.SeverityError)),
		p.sev(document.SeverityWarning, t.count(counts[1], document.SeverityWarning)),
		t.count(counts[2], document.SeverityHint))
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
