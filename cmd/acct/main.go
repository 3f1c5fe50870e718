// Command acct keeps a team's book of business as Markdown files under git.
package main

import (
	"os"

	"github.com/acctbook/acct/cmd"
)

func main() { os.Exit(cmd.Main()) }
