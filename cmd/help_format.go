package cmd

import (
	"github.com/acctbook/acct/docs"
	"github.com/spf13/cobra"
)

func init() { register(NewCmdHelpFormat) }

// NewCmdHelpFormat builds the help topic `acct help format`: the file
// format (docs/format.md, embedded), which messages and settings refer to
// as "format section N".
func NewCmdHelpFormat(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "format",
		Short: "The file format of a book: layout, fields, check rules, trend signals",
		Long:  docs.Format,
	}
}
