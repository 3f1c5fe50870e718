package cmd

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/brief"
	"github.com/acctbook/acct/check"
	"github.com/acctbook/acct/trend"
)

func init() { register(func(f *Factory) *cobra.Command { return NewCmdBrief(f, nil) }) }

// BriefOptions are the inputs of `acct brief`.
type BriefOptions struct {
	F *Factory
	// Account is the account id (or name) typed.
	Account string
	// Format is text, markdown or html.
	Format string
	// AsOf is --as-of (YYYY-MM-DD, "" = today).
	AsOf string
	// Lang is zh or en, overriding the book's language ("" = the book's).
	Lang string
}

// NewCmdBrief builds `acct brief ACCOUNT [--format text|markdown|html] [--as-of DATE]`.
func NewCmdBrief(f *Factory, runF func(*BriefOptions) error) *cobra.Command {
	opts := &BriefOptions{F: f}
	c := &cobra.Command{
		Use:   "brief ACCOUNT",
		Short: "The page to read before walking into a customer",
		Long: `Print the pre-visit brief of an account, in the book's language: talking
points derived from the signals; the eight dimensions condensed, with what
is still missing; the power map in short (who decides, who supports, who
blocks); each key person's card (traits, interests, preferences, family with
ages computed from the year of birth, pain points, KPIs, last contact); the
last three visits with their consensus and confirmation; open and overdue
next steps; purchase and financial signals.

Purchase signals come from accounts/<account>/purchases/ as 'acct trend'
computes them, as of the last month with data (not after --as-of).`,
		Example: `  acct brief huaxing
  acct brief huaxing --format html > huaxing.html
  acct brief huaxing --as-of 2026-03-01 --format markdown`,
		Args:              wantArgs(1, 1),
		ValidArgsFunction: completeAccountIDs(f),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Account = args[0]
			if err := checkPageFormat(opts.Format); err != nil {
				return err
			}
			if err := checkLang(opts.Lang); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runBrief(opts)
		},
	}
	c.Flags().StringVar(&opts.Format, "format", "text", "output `format`: text, markdown or html")
	c.Flags().StringVar(&opts.Lang, "lang", "", "write in this language, zh or en (default: the book's language)")
	c.Flags().StringVar(&opts.AsOf, "as-of", "", "the `DATE` the brief is for (YYYY-MM-DD, default today): ages, overdue steps, signals")
	c.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(pageFormats, cobra.ShellCompDirectiveNoFileComp))
	return c
}

func runBrief(opts *BriefOptions) error {
	f := opts.F
	asOf, err := asOfDay(f, opts.AsOf)
	if err != nil {
		return err
	}
	b, err := f.Book()
	if err != nil {
		return err
	}
	id, err := resolveAccount(b, opts.Account)
	if err != nil {
		return err
	}
	a, err := check.Load(b, id, asOf)
	if err != nil {
		return err
	}
	ps, err := purchaseSignals(f, b, []string{id}, asOf)
	if err != nil {
		return err
	}
	cfg := *b.Config
	cfg.Language = pageLang(cfg.Language, opts.Lang)
	page := brief.Build(brief.Input{Account: a, Config: &cfg, AsOf: asOf,
		Signals: ps.byAccount[id], SignalsAsOf: ps.asOf})
	out, err := page.Render(opts.Format)
	if err != nil {
		return err
	}
	fmt.Fprint(f.IO.Out, out)
	printSkipped(f.IO, ps.skipped, 5)
	warnLeftOut(f.IO.ErrOut, newPainter(f.IO.ErrColor), b.Config.Language, a, "contacts", "visits")
	if a.Profile == nil {
		f.IO.Say("%s: warning: the account profile cannot be read; run acct check %s\n", book.AccountFile(id), id)
	}
	return nil
}

// purchaseSet holds the purchase signals of some accounts.
type purchaseSet struct {
	// byAccount maps an account id to its signals (decline, surge, new, lapsed).
	byAccount map[string][]trend.Signal
	// asOf is the as-of month (YYYY-MM), "" when there is no data.
	asOf    string
	skipped []trend.RowError
}

// purchaseSignals reads the purchases files of the accounts ids (as acct
// trend does) and computes their signals (FORMAT.md section 6) as of the
// last month with data, but never after the month of asOf. Unreadable
// rows are skipped and returned; an unreadable table is an error.
func purchaseSignals(f *Factory, b *book.Book, ids []string, asOf time.Time) (*purchaseSet, error) {
	set := &purchaseSet{byAccount: map[string][]trend.Signal{}}
	columns, err := parseColumnMap(b.Config.Import.Columns, nil)
	if err != nil {
		return nil, err
	}
	// Only the accounts' own files: no whole-book export, so no need to
	// load every profile for customer matching (acct trend --from does that).
	coll := trend.NewCollector()
	for _, id := range ids {
		files, err := purchaseFiles(b, id)
		if err != nil {
			return nil, err
		}
		for _, p := range files {
			fh, err := os.Open(p)
			if err != nil {
				return nil, err
			}
			t, err := trend.Read(b.Rel(p), fh, trend.Settings{Columns: columns, Metric: trend.FieldAmount},
				coll.AccountSink(id, trend.FieldAmount))
			fh.Close()
			if err != nil {
				return nil, err
			}
			coll.Tables = append(coll.Tables, t)
			set.skipped = append(set.skipped, t.Skipped...)
		}
	}
	settings := trend.SignalSettings{DeclineMonths: b.Config.Trend.DeclineMonths, SurgeRatio: b.Config.Trend.SurgeRatio}
	rep, ok := coll.Report(trend.ReportOptions{Only: ids, Settings: settings})
	if !ok {
		return set, nil
	}
	month := rep.AsOf
	signals := rep.Signals
	if limit := trend.MonthOf(asOf.Year(), int(asOf.Month())); month > limit {
		// Data after the day of the brief: judge as of that day's month.
		month, signals = limit, nil
		for _, s := range rep.Series {
			signals = append(signals, trend.Signals(s, month, settings)...)
		}
		trend.SortSignals(signals)
	}
	set.asOf = month.String()
	for _, s := range signals {
		set.byAccount[s.Account] = append(set.byAccount[s.Account], s)
	}
	return set, nil
}
