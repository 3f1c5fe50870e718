package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/acctbook/acct/check"
	"github.com/acctbook/acct/profile"
)

func init() { register(func(f *Factory) *cobra.Command { return NewCmdMap(f, nil) }) }

// MapOptions are the inputs of `acct map`.
type MapOptions struct {
	F *Factory
	// Account is the account id (or name) typed.
	Account string
	// Format is mermaid, dot or text.
	Format string
}

// NewCmdMap builds `acct map ACCOUNT [--format mermaid|dot|text]`.
func NewCmdMap(f *Factory, runF func(*MapOptions) error) *cobra.Command {
	opts := &MapOptions{F: f}
	c := &cobra.Command{
		Use:   "map ACCOUNT",
		Short: "Draw an account's power map from its contact cards",
		Long: `Draw the power map of an account from its contact cards: who reports to
whom (reports_to), and each person's role in the decision, stance and
influence. Decision makers, champions and blockers are marked ★ and drawn
in their own shapes; the colour is the stance (green supporter, amber
neutral, red opponent, grey unknown).

Formats: text (a tree for the terminal, the default), mermaid (paste into
GitLab, GitHub or Obsidian Markdown in a mermaid code block) and dot
(Graphviz: acct map hx --format dot | dot -Tsvg > map.svg).

Warnings go to stderr: no decision maker known, a single contact
(single-threaded), reports_to cycles.`,
		Example: `  acct map huaxing
  acct map huaxing --format mermaid
  acct map huaxing --format dot | dot -Tsvg > huaxing.svg`,
		Args:              wantArgs(1, 1),
		ValidArgsFunction: completeAccountIDs(f),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Account = args[0]
			switch opts.Format {
			case "text", "mermaid", "dot":
			default:
				return usageErrorf("--format %q: want text, mermaid or dot", opts.Format)
			}
			if runF != nil {
				return runF(opts)
			}
			return runMap(opts)
		},
	}
	c.Flags().StringVar(&opts.Format, "format", "text", "output `format`: text, mermaid or dot")
	c.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "mermaid", "dot"}, cobra.ShellCompDirectiveNoFileComp))
	return c
}

func runMap(opts *MapOptions) error {
	f := opts.F
	b, err := f.Book()
	if err != nil {
		return err
	}
	id, err := resolveAccount(b, opts.Account)
	if err != nil {
		return err
	}
	asOf, _ := asOfDay(f, "")
	a, err := check.Load(b, id, asOf)
	if err != nil {
		return err
	}
	lang := b.Config.Language
	pm := profile.NewPowerMap(a.Contacts)
	title := id
	if a.Profile != nil {
		title = a.Profile.DisplayName()
	}
	switch opts.Format {
	case "mermaid":
		fmt.Fprint(f.IO.Out, pm.Mermaid(lang, title))
	case "dot":
		fmt.Fprint(f.IO.Out, pm.DOT(lang, title))
	default:
		writeMapText(f.IO.Out, newPainter(f.IO.OutColor), lang, title, pm)
	}
	ep := newPainter(f.IO.ErrColor)
	warnLeftOut(f.IO.ErrOut, ep, lang, a, "contacts")
	for _, w := range pm.Warnings() {
		f.IO.Say("%s: %s: %s\n", id, ep.yellow("warning"), w.Message(lang))
	}
	return nil
}

// writeMapText prints the power map as a tree, one contact a line, the
// stance coloured.
func writeMapText(w io.Writer, p painter, lang, title string, pm *profile.PowerMap) {
	if lang == "zh" {
		fmt.Fprintln(w, p.bold(title+" 权力地图"))
	} else {
		fmt.Fprintln(w, p.bold(title+" power map"))
	}
	for _, l := range pm.TextTree() {
		fmt.Fprintln(w, l.Prefix+contactLine(p, lang, l.Contact))
	}
}

// contactLine is one contact in short: name (title), role, stance and
// influence, with decision makers, champions and blockers in bold and the
// stance coloured.
func contactLine(p painter, lang string, c *profile.Contact) string {
	name := c.DisplayName()
	if c.Title != "" {
		name += " (" + c.Title + ")"
	}
	name = strings.Join(strings.Fields(name), " ") // one line per contact, whatever the card says
	if c.Key {
		if lang == "zh" {
			name += " [关键人物]"
		} else {
			name += " [key]"
		}
	}
	facts := profile.Facts(lang, c)
	if strings.HasPrefix(facts, "★") {
		name = p.bold(name)
	}
	return name + "  " + stanceColor(p, c.Stance, facts)
}

// stanceColor colours text by a contact's stance.
func stanceColor(p painter, stance, text string) string {
	switch stance {
	case "supporter":
		return p.green(text)
	case "neutral":
		return p.yellow(text)
	case "opponent":
		return p.red(text)
	}
	return p.dim(text)
}
