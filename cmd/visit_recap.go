package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/acctbook/acct/brief"
	"github.com/acctbook/acct/check"
	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/msg"
	"github.com/acctbook/acct/visit"
)

func init() {
	visitCommands = append(visitCommands, func(f *Factory) *cobra.Command { return NewCmdVisitRecap(f, nil) })
}

// VisitRecapOptions are the inputs of `acct visit recap`.
type VisitRecapOptions struct {
	F *Factory
	// Visit is VISIT as typed: ACCOUNT/ID or a path.
	Visit string
	// Format is text (WeChat), markdown or html (email).
	Format string
	// Lang is zh or en, overriding the book's language ("" = the book's).
	Lang string
}

// pageFormats are the formats of the recap and the brief.
var pageFormats = []string{"text", "markdown", "html"}

// NewCmdVisitRecap builds `acct visit recap VISIT [--format text|markdown|html]`.
func NewCmdVisitRecap(f *Factory, runF func(*VisitRecapOptions) error) *cobra.Command {
	opts := &VisitRecapOptions{F: f}
	c := &cobra.Command{
		Use:   "recap VISIT",
		Short: "Write the recap to send the customer after a visit",
		Long: `Write the message to send after a visit, in the book's language: thanks,
the consensus points, the next steps with owner and due date, and a request
to confirm. Send it, then record it with 'acct visit sent VISIT'; when the
customer replies, 'acct visit confirm VISIT --by CONTACT'. VISIT is
ACCOUNT/ID or ACCOUNT ID (ID is the file name without .md), or the path of
the file.

Formats: text (default) is for WeChat and has no Markdown syntax; markdown;
html is a complete email-ready HTML document.`,
		Example: `  acct visit recap huaxing/2026-02-25-zhang-datong
  acct visit recap hengtai/2026-01-15-sun-li --lang en --format markdown
  acct visit recap huaxing/2026-02-25-zhang-datong --format html > recap.html`,
		Args:              visitArgs,
		ValidArgsFunction: completeVisits(f),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Visit = visitArg(args)
			if err := checkPageFormat(opts.Format); err != nil {
				return err
			}
			if err := checkLang(opts.Lang); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runVisitRecap(opts)
		},
	}
	c.Flags().StringVar(&opts.Format, "format", "text", "output `format`: text (WeChat), markdown or html (email)")
	c.Flags().StringVar(&opts.Lang, "lang", "", "write in this language, zh or en (default: the book's language)")
	c.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(pageFormats, cobra.ShellCompDirectiveNoFileComp))
	return c
}

func checkPageFormat(format string) error {
	for _, f := range pageFormats {
		if f == format {
			return nil
		}
	}
	return usageErrorf("--format %q: want %s", format, strings.Join(pageFormats, ", "))
}

// checkLang checks a --lang flag: "" (the book's language), zh or en.
func checkLang(lang string) error {
	if lang != "" && lang != "zh" && lang != "en" {
		return usageErrorf("--lang %q: want zh or en", lang)
	}
	return nil
}

// pageLang is --lang when given, else the book's language.
func pageLang(book, flag string) string {
	if flag != "" {
		return flag
	}
	return book
}

// loadVisit loads the account of a visit and finds the parsed visit in it;
// a visit file that cannot be parsed is an error naming file and line.
func loadVisit(f *Factory, ref visitRef) (*check.Account, *visit.Visit, error) {
	b, err := f.Book()
	if err != nil {
		return nil, nil, err
	}
	asOf, _ := asOfDay(f, "")
	a, err := check.Load(b, ref.Account, asOf)
	if err != nil {
		return nil, nil, err
	}
	for _, v := range a.Visits {
		if v.ID == ref.ID {
			return a, v, nil
		}
	}
	for _, fd := range a.Findings {
		if fd.File == ref.File && fd.Severity == document.SeverityError {
			return nil, nil, msg.Errorf("%s; fix the file first", fd)
		}
	}
	return nil, nil, msg.Errorf("%s: cannot read the visit", ref.File)
}

func runVisitRecap(opts *VisitRecapOptions) error {
	f := opts.F
	b, err := f.Book()
	if err != nil {
		return err
	}
	ref, err := resolveVisit(f, b, opts.Visit)
	if err != nil {
		return err
	}
	a, v, err := loadVisit(f, ref)
	if err != nil {
		return err
	}
	shown, steps, points := filledVisit(v)
	out, err := brief.Recap(shown, a, pageLang(b.Config.Language, opts.Lang)).Render(opts.Format)
	if err != nil {
		return err
	}
	fmt.Fprint(f.IO.Out, out)
	warnLeftOut(f.IO.ErrOut, newPainter(f.IO.ErrColor), b.Config.Language, a, "contacts")
	if steps > 0 {
		f.IO.Say("%s: warning: %d next step%s without an action (still the template's placeholder or empty) left out of the recap; fill them in (acct edit %s %s)\n",
			ref.File, steps, pluralS(steps), ref.Account, ref.ID)
	}
	if points > 0 {
		f.IO.Say("%s: warning: %d consensus point%s still a placeholder or empty, left out of the recap; fill them in (acct edit %s %s)\n",
			ref.File, points, pluralS(points), ref.Account, ref.ID)
	}
	if len(v.Consensus) == 0 {
		f.IO.Say("%s: warning: no consensus recorded; add what was agreed under consensus: before sending\n", ref.File)
	}
	if v.Confirmation.Status == visit.StatusDraft {
		f.IO.Say("once sent: acct visit sent %s/%s\n", ref.Account, ref.ID)
	}
	return nil
}

// filledVisit returns a copy of v for the recap without the next steps that
// have no action (empty or a template placeholder such as <下一步行动>), and
// how many next steps and consensus points were unfilled. Consensus
// placeholders are already left out of v.Consensus by visit.Parse; they
// are counted from the file.
func filledVisit(v *visit.Visit) (shown *visit.Visit, steps, points int) {
	c := *v
	c.NextSteps = v.Filled()
	steps = len(v.NextSteps) - len(c.NextSteps)
	if v.Doc != nil {
		if n := document.Get(v.Doc.Root, "consensus"); n != nil && n.Kind == yaml.SequenceNode {
			for _, p := range n.Content {
				if document.Str(p) == "" {
					points++
				}
			}
		}
	}
	return &c, steps, points
}
