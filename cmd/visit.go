package cmd

import "github.com/spf13/cobra"

func init() { register(NewCmdVisit) }

// visitCommands lists the constructors of the `acct visit` sub-commands
// (new, recap, confirm, ...); each file appends itself in an init function.
var visitCommands []func(*Factory) *cobra.Command

// NewCmdVisit builds the `acct visit` parent command.
func NewCmdVisit(f *Factory) *cobra.Command {
	c := &cobra.Command{
		Use:   "visit",
		Short: "Visit summaries and the consensus the customer confirms",
		Example: `  acct visit new huaxing --with zhang-datong
  acct visit recap huaxing/2026-02-25-zhang-datong
  acct visit confirm huaxing/2026-02-25-zhang-datong --by zhang-datong --channel wechat`,
		Long: `Visit summaries: one Markdown file per visit
(accounts/<account>/visits/<YYYY-MM-DD>-<slug>.md) with who attended, the
consensus reached, the next steps, and whether the customer confirmed the
consensus. A visit turns into an asset only when the customer confirms it.`,
		Args: wantArgs(0, 0),
		RunE: func(c *cobra.Command, args []string) error { return c.Help() },
	}
	for _, add := range visitCommands {
		c.AddCommand(add(f))
	}
	return c
}
