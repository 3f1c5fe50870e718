package cmd

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-runewidth"
	"github.com/spf13/cobra"

	"github.com/acctbook/acct/check"
	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/msg"
)

func init() { register(func(f *Factory) *cobra.Command { return NewCmdList(f, nil) }) }

// ListOptions are the inputs of `acct list`.
type ListOptions struct {
	IO      *IOStreams
	Factory *Factory
	// JSON asks for a JSON array instead of a table.
	JSON bool
	// AsOf is the day dates are judged against ("" = today).
	AsOf string
}

// AccountRow is one line of `acct list`: an account's vital signs.
type AccountRow struct {
	// ID is the account id; Name, Tier and Owner come from account.md
	// (empty when missing or when the profile cannot be read).
	ID    string `json:"id"`
	Name  string `json:"name"`
	Tier  string `json:"tier"`
	Owner string `json:"owner"`
	// Required is how many fields the policy requires for the tier and
	// Present how many of those are filled in (FORMAT.md section 7).
	Required int `json:"required"`
	Present  int `json:"present"`
	// Percent is Present/Required as a rounded whole percentage.
	Percent int `json:"percent"`
	// Contacts counts contact card files.
	Contacts int `json:"contacts"`
	// LastVisit is the date of the newest visit that has happened (dated
	// on or before today, or --as-of), YYYY-MM-DD, or "".
	LastVisit string `json:"last_visit"`
	// NextVisit is the date of the earliest planned visit (dated after
	// today, or --as-of), YYYY-MM-DD, or "".
	NextVisit string `json:"next_visit"`
	// Errors, Warnings and Hints count the account's findings.
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Hints    int `json:"hints"`
}

// NewCmdList builds `acct list [--json]`.
func NewCmdList(f *Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IO, Factory: f}
	c := &cobra.Command{
		Use:   "list",
		Short: "One line per account: tier, owner, completeness, contacts, last and next visit, findings",
		Long: `List the accounts of the book, one per line: id, name, tier, owner,
completeness (required fields present / required by the policy for the
tier), contact cards, the date of the last visit, the date of the next
(planned) visit, and the number of errors and warnings acct check finds.

The last visit is the newest one dated today or earlier (--as-of: that
day or earlier); a visit summary dated later is a planned visit and shows
as the next visit, the earliest of them.

On a terminal this is an aligned table; when piped, tab-separated lines
without a header (id, name, tier, owner, present/required, contacts,
last visit, errors, warnings, next visit), stable for scripts; --json
gives a JSON array.`,
		Example: `  acct list
  acct list | sort -t$'\t' -k5
  acct list --json | jq '.[] | select(.errors > 0) | .id'`,
		Args: wantArgs(0, 0),
		RunE: func(c *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runList(opts)
		},
	}
	c.Flags().BoolVar(&opts.JSON, "json", false, "print a JSON array")
	c.Flags().StringVar(&opts.AsOf, "as-of", "", "judge dates as of this `DATE` (YYYY-MM-DD) instead of today")
	return c
}

func runList(opts *ListOptions) error {
	f := opts.Factory
	b, rep, asOf, err := checkBook(f, opts.AsOf, nil)
	if err != nil {
		return err
	}
	rows := listRows(rep, asOf)
	switch {
	case opts.JSON:
		return writeListJSON(f.IO.Out, rows)
	case f.IO.OutTTY:
		writeListTable(f.IO.Out, newPainter(f.IO.OutColor), b.Config.Language, rows)
		if len(rows) == 0 {
			f.IO.Say("no accounts yet: acct new \"Customer name\" --tier A\n")
		}
	default:
		writeListTSV(f.IO.Out, rows)
	}
	return nil
}

// listRows turns a check report into one row per account, in id order;
// visits are last or next as of asOf.
func listRows(rep *check.Report, asOf time.Time) []AccountRow {
	rows := make([]AccountRow, 0, len(rep.Accounts))
	for _, a := range rep.Accounts {
		r := AccountRow{ID: a.ID, Required: a.Required, Present: a.Present, Percent: a.Percent(), Contacts: a.ContactFiles,
			Errors: a.Count(document.SeverityError), Warnings: a.Count(document.SeverityWarning),
			Hints: a.Count(document.SeverityHint)}
		if p := a.Profile; p != nil {
			r.Name, r.Tier, r.Owner = clean(p.Name), p.Tier, clean(p.Owner)
		}
		if v := a.LastVisit(asOf); v != nil {
			r.LastVisit = v.Date.Format(time.DateOnly)
		}
		if v := a.NextVisit(asOf); v != nil {
			r.NextVisit = v.Date.Format(time.DateOnly)
		}
		rows = append(rows, r)
	}
	return rows
}

// clean drops placeholders (<负责人>, TODO) and flattens whitespace so a
// value fits one cell.
func clean(s string) string {
	if document.IsPlaceholder(s) {
		return ""
	}
	return strings.Join(strings.Fields(s), " ")
}

func writeListJSON(w io.Writer, rows []AccountRow) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(rows)
}

// writeListTSV prints the stable, header-less form for scripts. Columns
// are only ever added at the end (the next visit came last), so scripts
// that pick columns by number keep working.
func writeListTSV(w io.Writer, rows []AccountRow) {
	for _, r := range rows {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d/%d\t%d\t%s\t%d\t%d\t%s\n", r.ID, tsv(r.Name), r.Tier, tsv(r.Owner),
			r.Present, r.Required, r.Contacts, r.LastVisit, r.Errors, r.Warnings, r.NextVisit)
	}
}

func tsv(s string) string { return strings.ReplaceAll(s, "\t", " ") }

// writeListTable prints an aligned table for people, counting East Asian
// wide characters as two columns.
func writeListTable(w io.Writer, p painter, lang string, rows []AccountRow) {
	header := []string{msg.Sprintf(lang, "ID"), msg.Sprintf(lang, "NAME"), msg.Sprintf(lang, "TIER"), msg.Sprintf(lang, "OWNER"),
		msg.Sprintf(lang, "COMPLETE"), msg.Sprintf(lang, "CONTACTS"), msg.Sprintf(lang, "LAST VISIT"), msg.Sprintf(lang, "NEXT VISIT"),
		msg.Sprintf(lang, "FINDINGS")}
	cells := make([][]cell, 0, len(rows))
	for _, r := range rows {
		// A profile that cannot be read has no tier and so no policy:
		// show nothing rather than a misleading 100%.
		complete := "-"
		if r.Required > 0 {
			complete = fmt.Sprintf("%3d%% %d/%d", r.Percent, r.Present, r.Required)
		}
		findings := cell{text: "-"}
		if r.Errors+r.Warnings > 0 {
			findings.text = fmt.Sprintf("%s, %s", plural(r.Errors, "error"), plural(r.Warnings, "warning"))
			if lang == "zh" {
				findings.text = fmt.Sprintf("%d 个错误, %d 个警告", r.Errors, r.Warnings)
			}
			findings.paint = p.yellow
			if r.Errors > 0 {
				findings.paint = p.red
			}
		}
		cells = append(cells, []cell{{text: r.ID}, {text: dash(truncate(r.Name, 30))}, {text: dash(r.Tier)}, {text: dash(r.Owner)},
			{text: complete}, {text: strconv.Itoa(r.Contacts)}, {text: dash(r.LastVisit)}, {text: dash(r.NextVisit)}, findings})
	}
	writeTable(w, p, header, cells)
}

// truncate shortens s to at most n display columns, ending in "…".
func truncate(s string, n int) string {
	if runewidth.StringWidth(s) <= n {
		return s
	}
	return runewidth.Truncate(s, n, "…")
}
