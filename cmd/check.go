package cmd

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime/debug"
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
	b, rep, _, err := checkBook(f, opts.AsOf, opts.Accounts)
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(f.IO.Out, 64<<10) // one write per 64 KB, not per line
	if opts.Format == "json" {
		if err := writeFindingsJSON(out, rep.Findings); err != nil {
			return err
		}
	} else {
		writeCheckText(out, f.IO.OutColor, b.Config.Language, rep)
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if rep.Count(document.SeverityError) > 0 || opts.Strict && rep.Count(document.SeverityWarning) > 0 {
		return &SilentError{Code: ExitFailure}
	}
	return nil
}

// checkBook checks the book for the commands that report on it (check,
// list, status): --as-of (asOfFlag, today when empty), the accounts named
// by id, name or alias in args (all when empty), under the soft memory
// limit of checkMemoryLimit unless GOMEMLIMIT is set, with findings in the
// book's language. It returns the book, the report and the as-of day.
func checkBook(f *Factory, asOfFlag string, args []string) (*book.Book, *check.Report, time.Time, error) {
	asOf, err := asOfDay(f, asOfFlag)
	if err != nil {
		return nil, nil, asOf, err
	}
	b, err := f.Book()
	if err != nil {
		return nil, nil, asOf, err
	}
	var accounts []string
	for _, arg := range args {
		id, err := resolveAccount(b, arg)
		if err != nil {
			return nil, nil, asOf, err
		}
		accounts = append(accounts, id)
	}
	n := len(accounts)
	if n == 0 {
		ids, _ := b.Accounts()
		n = len(ids)
	}
	if f.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(checkMemoryLimit(n)))
	}
	rep, err := check.Run(b, check.Options{AsOf: asOf, Accounts: accounts})
	if err != nil {
		return nil, nil, asOf, err
	}
	rep.Localize(b.Config.Language)
	return b, rep, asOf, nil
}

// checkMemoryLimit is the soft memory limit (bytes) for checking n
// accounts. Checking parses every file into a short-lived tree; with the
// garbage collector's default pacing the heap grows to twice what the
// report keeps (about 6.5 KB per account), so a 10,000-account book peaked
// near 170 MB. At 11 KiB per account (64 MiB at least) the collector runs a
// little more often instead: about 110 MiB for 10,000 accounts. The limit
// is soft (Go exceeds it rather than spend more than half the CPU on
// collection) and GOMEMLIMIT overrides it.
func checkMemoryLimit(n int) int64 {
	return max(64<<20, int64(n)*11<<10)
}

// writeFindingsJSON prints the FORMAT.md section 8 array ([] when empty),
// indented by two spaces, one finding at a time so that a large book's
// output is never held in memory whole.
func writeFindingsJSON(w io.Writer, fs []document.Finding) error {
	if len(fs) == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	for i := range fs {
		buf.Reset()
		if i == 0 {
			buf.WriteString("[\n  ")
		} else {
			buf.WriteString(",\n  ")
		}
		if err := enc.Encode(&fs[i]); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1) // Encode's newline
		if _, err := w.Write(buf.Bytes()); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "\n]\n")
	return err
}

// writeCheckText prints findings like a compiler, grouped by account, and a
// summary line per account and for the book.
func writeCheckText(w io.Writer, color bool, lang string, rep *check.Report) {
	p := newPainter(color)
	zh := lang == "zh"
	count := func(n int, sev document.Severity) string {
		if zh {
			return fmt.Sprintf("%d 个%s", n, map[document.Severity]string{document.SeverityError: "错误", document.SeverityWarning: "警告", document.SeverityHint: "提示"}[sev])
		}
		return plural(n, string(sev))
	}
	for _, a := range rep.Accounts {
		if len(a.Findings) == 0 {
			continue
		}
		name := a.ID
		if a.Profile != nil && a.Profile.Name != "" && a.Profile.Name != a.ID {
			name += " (" + a.Profile.Name + ")"
		}
		fmt.Fprintln(w, p.bold("# "+name))
		for _, fd := range a.Findings {
			fmt.Fprintln(w, p.finding(fd))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, p.bold(map[bool]string{true: "汇总", false: "Summary"}[zh]))
	rows := make([][]cell, 0, len(rep.Accounts))
	for _, a := range rep.Accounts {
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
				return cell{text: count(n, sev)}
			}
			return cell{count(n, sev), func(s string) string { return p.sev(sev, s) }}
		}
		rows = append(rows, []cell{{text: "  " + a.ID}, {text: complete},
			counts(document.SeverityError), counts(document.SeverityWarning), counts(document.SeverityHint)})
	}
	writeTable(w, p, nil, rows)
	format := "%d account(s): %s, %s, %s\n"
	if zh {
		format = "共 %d 个客户:%s,%s,%s\n"
	}
	fmt.Fprintf(w, format, len(rep.Accounts),
		p.sev(document.SeverityError, count(rep.Count(document.SeverityError), document.SeverityError)),
		p.sev(document.SeverityWarning, count(rep.Count(document.SeverityWarning), document.SeverityWarning)),
		count(rep.Count(document.SeverityHint), document.SeverityHint))
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
