package cmd

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/msg"
	"github.com/acctbook/acct/templates"
)

func init() {
	visitCommands = append(visitCommands, func(f *Factory) *cobra.Command { return NewCmdVisitNew(f, nil) })
}

// VisitNewOptions are the inputs of `acct visit new`.
type VisitNewOptions struct {
	IO      *IOStreams
	Factory *Factory
	// Account is the account id (or name) typed.
	Account string
	// Date is the visit date, YYYY-MM-DD ("" = today).
	Date string
	// With are the customer's attendees: contact ids (or names) of the account.
	With []string
	// Slug names the visit after its date ("" = the first attendee, or "visit").
	Slug string
}

// NewCmdVisitNew builds `acct visit new ACCOUNT [--date] [--with CONTACT...] [--slug]`.
func NewCmdVisitNew(f *Factory, runF func(*VisitNewOptions) error) *cobra.Command {
	opts := &VisitNewOptions{IO: f.IO, Factory: f}
	c := &cobra.Command{
		Use:   "new ACCOUNT",
		Short: "Start a visit summary for an account",
		Long: `Start a visit summary, accounts/<account>/visits/<date>-<slug>.md, from the
template: attendees, purpose, consensus, next steps and the customer's
confirmation (status draft until you send the consensus).

--with names the customer's attendees by contact id or the name on their
card; each must have a card.
Without --slug the visit is named after the first attendee (or "visit"),
with -2, -3... added when that day already has one. The summary is
committed and its path printed on stdout.`,
		Example: `  acct visit new 华星电子集团 --with 张大同 --with wang-jun
  acct visit new hx --date 2026-02-25 --with zhang-datong,wang-jun --slug kickoff`,
		Args:              wantArgs(1, 1),
		ValidArgsFunction: completeAccountIDs(f),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Account = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runVisitNew(opts)
		},
	}
	c.Flags().StringVar(&opts.Date, "date", "", "the visit `DATE`, YYYY-MM-DD (default: today)")
	c.Flags().StringSliceVar(&opts.With, "with", nil, "a `CONTACT` id of the customer's side who attended (repeat, or separate with commas)")
	c.Flags().StringVar(&opts.Slug, "slug", "", "`SLUG` naming the file after the date (default: the first attendee)")
	c.RegisterFlagCompletionFunc("with", completeContactIDs(f))
	return c
}

func runVisitNew(opts *VisitNewOptions) error {
	f := opts.Factory
	date := f.Now().Format("2006-01-02")
	if opts.Date != "" {
		// The forms documents accept (2026/2/25, 2026年2月25日) are fine
		// here too; the file gets the normalised YYYY-MM-DD.
		t, _, err := document.ParseDate(strings.TrimSpace(opts.Date))
		if err != nil {
			return usageErrorf("--date %q: want a date as YYYY-MM-DD, such as 2026-02-25", opts.Date)
		}
		date = t.Format("2006-01-02")
	}
	if opts.Slug != "" {
		if err := book.ValidateID("visit", opts.Slug); err != nil {
			return &UsageError{Err: msg.Errorf("--slug: %w", err)}
		}
	}
	b, err := f.Book()
	if err != nil {
		return err
	}
	if err := refuseDuringMerge(b.Root); err != nil {
		return err
	}
	acc, err := resolveAccount(b, opts.Account)
	if err != nil {
		return err
	}
	var attendees []string
	for _, w := range opts.With {
		w = strings.TrimSpace(w)
		if w == "" {
			continue
		}
		id, err := resolveContact(b, acc, w)
		if err != nil {
			return err
		}
		if !contains(attendees, id) {
			attendees = append(attendees, id)
		}
	}
	owner := defaultOwner(f, "", b.Root)
	data := templates.Data{Account: acc, Date: date, Attendees: attendees, Owner: owner}
	if owner != "" {
		data.Team = []string{owner}
	} else {
		data.Owner = placeholder(b, "负责人", "owner")
	}

	slug, auto := opts.Slug, opts.Slug == ""
	if auto {
		slug = "visit"
		if len(attendees) > 0 {
			slug = attendees[0]
		}
	}
	existing, err := b.Documents(acc, "visits")
	if err != nil {
		return err
	}
	for n := 1; ; n++ {
		id := date + "-" + slug
		if n > 1 {
			id += "-" + strconv.Itoa(n)
		}
		if err := book.ValidateID("visit", id); err != nil {
			return usageErrorf("%v; pass a shorter --slug", err)
		}
		if other := idClash(existing, id); other != "" {
			if auto && n < 100 {
				continue
			}
			return msg.Errorf("visit id %q clashes with the existing visit %q (%s): ids that differ only in case or width name the same file on macOS and Windows; pick another --slug",
				id, other, book.VisitFile(acc, other))
		}
		data.ID = id
		doc, err := templates.Render(b.Root, b.Config.Language, templates.Visit, data)
		if err != nil {
			return err
		}
		rel := book.VisitFile(acc, id)
		err = book.CreateFile(b.Path(rel), doc)
		if errors.Is(err, book.ErrExists) {
			if auto && n < 100 {
				continue
			}
			return msg.Errorf("visit %s already exists (%s); pick another --slug", id, rel)
		}
		if err != nil {
			return err
		}
		opts.IO.Say("created visit %s in account %s (%s)\n", id, acc, rel)
		fmt.Fprintln(opts.IO.Out, rel)
		return commitPaths(f, b.Root, b.Config.Language, msg.T("Add visit %s to %s", id, acc), []string{rel}, nil)
	}
}
