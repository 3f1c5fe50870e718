package cmd

import (
	"github.com/spf13/cobra"
)

// completeAccounts offers account ids for every positional argument (for
// commands that take several accounts, such as check and trend);
// completeAccountIDs is the one-account version.
func completeAccounts(f *Factory) cobra.CompletionFunc {
	return func(c *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		b, err := f.Book()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return completeAccount(b, prefix), cobra.ShellCompDirectiveNoFileComp
	}
}
