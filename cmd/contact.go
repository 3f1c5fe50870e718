package cmd

import "github.com/spf13/cobra"

func init() { register(NewCmdContact) }

// contactCommands lists the constructors of the `acct contact` sub-commands;
// each file (contact_new.go, ...) appends itself in an init function.
var contactCommands []func(*Factory) *cobra.Command

// NewCmdContact builds the `acct contact` parent command.
func NewCmdContact(f *Factory) *cobra.Command {
	c := &cobra.Command{
		Use:   "contact",
		Short: "Contact cards: the people at an account",
		Example: `  acct contact new huaxing 张大同 --title 采购部长 --role champion --key
  acct edit huaxing 张大同`,
		Long: `Contact cards: one Markdown file per person at an account
(accounts/<account>/contacts/<contact>.md), their role in the purchase, their
stance and influence, and the whole person: traits, interests, family, pain
points, KPI and career.`,
		Args: wantArgs(0, 0),
		RunE: func(c *cobra.Command, args []string) error { return c.Help() },
	}
	for _, add := range contactCommands {
		c.AddCommand(add(f))
	}
	return c
}
