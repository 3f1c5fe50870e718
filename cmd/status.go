package cmd

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/acctbook/acct/brief"
	"github.com/acctbook/acct/check"
	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/msg"
	"github.com/acctbook/acct/trend"
	"github.com/acctbook/acct/visit"
)

func init() { register(func(f *Factory) *cobra.Command { return NewCmdStatus(f, nil) }) }

// StatusOptions are the inputs of `acct status`.
type StatusOptions struct {
	F *Factory
	// Owner keeps only the accounts of this owner ("" = all).
	Owner string
	JSON  bool
	// AsOf is --as-of (YYYY-MM-DD, "" = today).
	AsOf string
}

// NewCmdStatus builds `acct status [--owner NAME] [--json]`.
func NewCmdStatus(f *Factory, runF func(*StatusOptions) error) *cobra.Command {
	opts := &StatusOptions{F: f}
	c := &cobra.Command{
		Use:   "status",
		Short: "The team dashboard: one row per account, what needs attention first",
		Long: `Show the book of business at a glance: one row per account with its tier,
owner, completeness of the profile, last visit, next (planned) visit,
unconfirmed visits, overdue next steps and signals (purchase trends and financials), sorted with what
needs attention first. The last visit is the newest one dated today or
earlier (--as-of: that day or earlier); a visit summary dated later is a
planned visit, and the earliest of them is the next visit.

Attention is a score: 3 per unconfirmed visit and per overdue step, 2 per
file error, 1 per warning signal (decline, lapsed, financial), 2 when the
last visit is more than 60 days ago or there is none, and up to 4 for a
missing profile; the sum is weighted by tier (A x1.5, B x1.2).

On a terminal: a coloured table. Piped: stable tab-separated lines without
a header: account, name, tier, owner, completeness (0..1), present,
required, last visit (YYYY-MM-DD or empty), unconfirmed, overdue, signals,
errors, attention, focus (the talking-point rules of 'acct brief', most
urgent first, comma-separated), next visit (YYYY-MM-DD or empty). --json
prints the same as a JSON array.`,
		Example: `  acct status
  acct status --owner 李明
  acct status --json | jq '.[] | select(.unconfirmed > 0) | .account'`,
		Args: wantArgs(0, 0),
		RunE: func(c *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runStatus(opts)
		},
	}
	c.Flags().StringVar(&opts.Owner, "owner", "", "only the accounts of this owner `NAME`")
	c.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	c.Flags().StringVar(&opts.AsOf, "as-of", "", "judge dates as of this `DATE` (YYYY-MM-DD) instead of today")
	c.RegisterFlagCompletionFunc("owner", completeOwners(f))
	return c
}

// statusRow is one account of the dashboard; its JSON is `acct status --json`.
type statusRow struct {
	Account string `json:"account"`
	Name    string `json:"name"`
	Tier    string `json:"tier"`
	Owner   string `json:"owner"`
	// Completeness is Present/Required, a fraction.
	Completeness float64 `json:"completeness"`
	Present      int     `json:"present"`
	Required     int     `json:"required"`
	// LastVisit is the newest visit dated on or before the as-of day,
	// YYYY-MM-DD, "" when there is none; DaysSinceVisit is -1 then.
	LastVisit      string `json:"last_visit"`
	DaysSinceVisit int    `json:"days_since_visit"`
	// NextVisit is the earliest visit dated after the as-of day (a planned
	// one), YYYY-MM-DD, "" when there is none; DaysToNextVisit is -1 then.
	NextVisit       string         `json:"next_visit"`
	DaysToNextVisit int            `json:"days_to_next_visit"`
	Unconfirmed     int            `json:"unconfirmed"`
	Overdue         int            `json:"overdue"`
	Signals         []trend.Signal `json:"signals"`
	Errors          int            `json:"errors"`
	Warnings        int            `json:"warnings"`
	// Attention is the score the rows are sorted by (highest first).
	Attention float64 `json:"attention"`
	// Focus are the talking-point rules of the account, most urgent first
	// (brief.TalkingPoints): what to do next.
	Focus []string `json:"focus"`
}

// staleVisitDays is how long after the last visit an account counts as
// neglected on the dashboard.
const staleVisitDays = 60

func runStatus(opts *StatusOptions) error {
	f := opts.F
	b, rep, asOf, err := checkBook(f, opts.AsOf, nil)
	if err != nil {
		return err
	}
	var accounts []*check.Account
	owners := map[string]bool{}
	for _, a := range rep.Accounts {
		owner := ""
		if a.Profile != nil {
			owner = a.Profile.Owner
		}
		owners[owner] = true
		if opts.Owner == "" || strings.EqualFold(strings.TrimSpace(opts.Owner), owner) {
			accounts = append(accounts, a)
		}
	}
	if len(accounts) == 0 {
		if opts.Owner != "" {
			var names []string
			for o := range owners {
				if o != "" {
					names = append(names, o)
				}
			}
			sort.Strings(names)
			f.IO.Say("no accounts owned by %q; owners are: %s\n", opts.Owner, strings.Join(names, ", "))
		} else {
			f.IO.Say("no accounts in the book yet (acct new NAME)\n")
		}
		if opts.JSON {
			fmt.Fprintln(f.IO.Out, "[]")
		}
		return nil
	}
	ids := make([]string, len(accounts))
	for i, a := range accounts {
		ids[i] = a.ID
	}
	ps, err := purchaseSignals(f, b, ids, asOf)
	if err != nil {
		return err
	}
	rows := make([]statusRow, len(accounts))
	for i, a := range accounts {
		rows[i] = statusRowOf(a, ps.byAccount[a.ID], asOf)
		seen := map[string]bool{}
		for _, pt := range brief.TalkingPoints(brief.Input{Account: a, Config: b.Config, AsOf: asOf, Signals: ps.byAccount[a.ID]}) {
			if !seen[pt.Rule] {
				seen[pt.Rule] = true
				rows[i].Focus = append(rows[i].Focus, pt.Rule)
			}
		}
		if rows[i].Focus == nil {
			rows[i].Focus = []string{}
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Attention != rows[j].Attention {
			return rows[i].Attention > rows[j].Attention
		}
		if rows[i].Tier != rows[j].Tier {
			return tierRank(rows[i].Tier) < tierRank(rows[j].Tier)
		}
		return rows[i].Account < rows[j].Account
	})
	switch {
	case opts.JSON:
		enc := json.NewEncoder(f.IO.Out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	case f.IO.OutTTY:
		writeStatusTable(f.IO.Out, newPainter(f.IO.OutColor), b.Config.Language, rows)
	default:
		writeStatusTSV(f.IO.Out, rows)
	}
	printSkipped(f.IO, ps.skipped, 5)
	return nil
}

func tierRank(t string) int {
	switch t {
	case "A":
		return 0
	case "B":
		return 1
	case "C":
		return 2
	}
	return 3
}

// statusRowOf summarises one account; purchase are its purchase signals.
func statusRowOf(a *check.Account, purchase []trend.Signal, asOf time.Time) statusRow {
	r := statusRow{Account: a.ID, Name: a.ID, Completeness: a.Completeness(), Present: a.Present, Required: a.Required,
		DaysSinceVisit: -1, DaysToNextVisit: -1, Unconfirmed: a.Unconfirmed, Overdue: a.Overdue,
		Errors: a.Count(document.SeverityError), Warnings: a.Count(document.SeverityWarning)}
	if a.Profile != nil {
		r.Name, r.Tier, r.Owner = a.Profile.DisplayName(), a.Profile.Tier, a.Profile.Owner
	}
	if v := a.LastVisit(asOf); v != nil {
		r.LastVisit = v.Date.Format(time.DateOnly)
		r.DaysSinceVisit = visit.DaysBetween(v.Date, asOf)
	}
	if v := a.NextVisit(asOf); v != nil {
		r.NextVisit = v.Date.Format(time.DateOnly)
		r.DaysToNextVisit = visit.DaysBetween(asOf, v.Date)
	}
	r.Signals = append(append([]trend.Signal{}, brief.FinancialSignals(a.Profile)...), purchase...)
	score := 3*float64(r.Unconfirmed+r.Overdue) + 2*float64(r.Errors)
	for _, s := range r.Signals {
		switch s.Kind {
		case trend.KindDecline, trend.KindLapsed, trend.KindFinancial:
			score++
		}
	}
	if r.DaysSinceVisit < 0 || r.DaysSinceVisit > staleVisitDays {
		score += 2
	}
	score += 4 * (1 - r.Completeness)
	switch r.Tier {
	case "A":
		score *= 1.5
	case "B":
		score *= 1.2
	}
	r.Attention = math.Round(score*100) / 100
	return r
}

func writeStatusTSV(w io.Writer, rows []statusRow) {
	clean := func(s string) string { return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s) }
	for _, r := range rows {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\t%d\t%d\t%d\t%d\t%s\t%s\t%s\n",
			clean(r.Account), clean(r.Name), r.Tier, clean(r.Owner),
			strconv.FormatFloat(math.Round(r.Completeness*1000)/1000, 'f', -1, 64), r.Present, r.Required,
			r.LastVisit, r.Unconfirmed, r.Overdue, len(r.Signals), r.Errors,
			strconv.FormatFloat(r.Attention, 'f', -1, 64), strings.Join(r.Focus, ","), r.NextVisit)
	}
}

// daysAgo says how long ago a day n days back was: "3 天前", "今天", and
// "2 天后" for a day ahead (-2), such as a planned visit's.
func daysAgo(lang string, n int) string {
	switch {
	case n == 0:
		return msg.Sprintf(lang, "today")
	case n < 0:
		return msg.Sprintf(lang, "in %dd", -n)
	}
	return msg.Sprintf(lang, "%dd ago", n)
}

// writeStatusTable prints the dashboard for a terminal: aligned columns
// (CJK characters count double), what needs attention coloured.
func writeStatusTable(w io.Writer, p painter, lang string, rows []statusRow) {
	var head []string
	for _, h := range []string{"ACCOUNT", "NAME", "TIER", "OWNER", "COMPLETE", "LAST VISIT", "NEXT VISIT", "UNCONFIRMED", "OVERDUE", "SIGNALS", "ERRORS", "FOCUS"} {
		head = append(head, msg.Sprintf(lang, h))
	}
	cells := make([][]cell, len(rows))
	for i, r := range rows {
		last := cell{text: "-"}
		if r.LastVisit != "" {
			last.text = r.LastVisit + " (" + daysAgo(lang, r.DaysSinceVisit) + ")"
		}
		if r.DaysSinceVisit < 0 || r.DaysSinceVisit > staleVisitDays {
			last.paint = p.yellow
		}
		next := cell{text: "-"}
		if r.NextVisit != "" {
			next.text = r.NextVisit + " (" + daysAgo(lang, -r.DaysToNextVisit) + ")"
		}
		comp := cell{text: fmt.Sprintf("%.0f%%", math.Round(r.Completeness*100)), paint: p.green}
		switch {
		case r.Completeness < 0.6:
			comp.paint = p.red
		case r.Completeness < 0.9:
			comp.paint = p.yellow
		}
		count := func(n int, paint func(string) string) cell {
			if n == 0 {
				return cell{"0", p.dim}
			}
			return cell{strconv.Itoa(n), paint}
		}
		focus := "-"
		if len(r.Focus) > 0 {
			var labels []string
			for _, rule := range r.Focus[:min(2, len(r.Focus))] {
				labels = append(labels, brief.RuleLabel(lang, rule))
			}
			sep := ", "
			if lang == "zh" {
				sep = "、"
			}
			focus = strings.Join(labels, sep)
			if len(r.Focus) > 2 {
				focus += fmt.Sprintf(" +%d", len(r.Focus)-2)
			}
		}
		cells[i] = []cell{{r.Account, p.bold}, {text: r.Name}, {text: dash(r.Tier)}, {text: dash(r.Owner)}, comp, last, next,
			count(r.Unconfirmed, p.yellow), count(r.Overdue, p.red), count(len(r.Signals), p.yellow), count(r.Errors, p.red),
			{text: focus}}
	}
	writeTable(w, p, head, cells)
}

// completeOwners completes --owner with the owners in the book.
func completeOwners(f *Factory) cobra.CompletionFunc {
	return func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		b, err := f.Book()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		rep, err := check.Run(b, check.Options{AsOf: f.Now()})
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		seen := map[string]bool{}
		var out []string
		for _, a := range rep.Accounts {
			if a.Profile != nil && a.Profile.Owner != "" && !seen[a.Profile.Owner] && strings.HasPrefix(a.Profile.Owner, toComplete) {
				seen[a.Profile.Owner] = true
				out = append(out, a.Profile.Owner)
			}
		}
		sort.Strings(out)
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
