package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/msg"
	"github.com/acctbook/acct/templates"
)

func init() { register(func(f *Factory) *cobra.Command { return NewCmdNew(f, nil) }) }

// NewOptions are the inputs of `acct new`.
type NewOptions struct {
	IO      *IOStreams
	Factory *Factory
	// Name is the account's display name; ID overrides the id derived from it.
	Name, ID string
	// Tier is A, B or C ("" leaves the template's placeholder).
	Tier string
	// Owner is the account owner ("" = $ACCT_OWNER, else the git user name).
	Owner string
}

// accountSubdirs are the folders every account starts with; each gets a
// .gitkeep so git records it while it is empty.
var accountSubdirs = []string{"contacts", "visits", "purchases"}

// NewCmdNew builds `acct new NAME [--id ID] [--tier A|B|C] [--owner NAME]`.
func NewCmdNew(f *Factory, runF func(*NewOptions) error) *cobra.Command {
	opts := &NewOptions{IO: f.IO, Factory: f}
	c := &cobra.Command{
		Use:   "new NAME",
		Short: "Scaffold a new account from the template",
		Long: `Scaffold a new account: accounts/<id>/account.md with every field of the
eight dimensions (company overview, main business, financials, strategy,
power map, key persons, suppliers, procurement process & IT), each with a
comment saying what to record, plus contacts/, visits/ and purchases/.

The id is derived from NAME (letters and digits kept, ASCII lower-cased,
anything else becomes "-") unless --id is given. An existing account is
never overwritten. The new files are committed; the path of account.md is
printed on stdout (EDITOR $(acct new X) works).`,
		Example: `  acct new "华星电子集团有限公司" --tier A
  acct new "HX Electronics Co., Ltd." --id hx --tier B --owner "Li Ming"`,
		Args:              wantArgs(1, 1),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runNew(opts)
		},
	}
	c.Flags().StringVar(&opts.ID, "id", "", "the account `ID` (default: derived from NAME)")
	c.Flags().StringVar(&opts.Tier, "tier", "", "the account `TIER`: A, B or C")
	c.Flags().StringVar(&opts.Owner, "owner", "", "the account owner's `NAME` (default: $ACCT_OWNER, else your git user name)")
	c.RegisterFlagCompletionFunc("tier", cobra.FixedCompletions([]string{"A", "B", "C"}, cobra.ShellCompDirectiveNoFileComp))
	return c
}

func runNew(opts *NewOptions) error {
	name, err := checkName("account", opts.Name)
	if err != nil {
		return err
	}
	tier := strings.ToUpper(strings.TrimSpace(opts.Tier))
	if tier != "" && tier != "A" && tier != "B" && tier != "C" {
		return usageErrorf("--tier %q: want A, B or C", opts.Tier)
	}
	id, err := newID("account", name, opts.ID)
	if err != nil {
		return err
	}
	b, err := opts.Factory.Book()
	if err != nil {
		return err
	}
	if err := refuseDuringMerge(b.Root); err != nil {
		return err
	}
	existing, err := b.Accounts()
	if err != nil {
		return err
	}
	if other := idClash(existing, id); other != "" {
		return msg.Errorf("account id %q clashes with the existing account %q (%s): ids that differ only in case or width name the same folder on macOS and Windows; pick another --id",
			id, other, book.AccountDir(other))
	}
	// A second account under a name the book already uses would make that
	// name, and the purchase rows under it, match no account.
	if other, err := accountByName(b, name); !b.HasAccount(id) && (other != "" || err != nil) {
		if other == "" {
			return err
		}
		return msg.Errorf("account %q (%s) already has the name or alias %q; two accounts of one name make it and the purchase rows under it ambiguous: edit that account (acct edit %s), or give the new one a name of its own",
			other, book.AccountFile(other), name, other)
	}
	owner := defaultOwner(opts.Factory, opts.Owner, b.Root)
	data := templates.Data{Name: name, ID: id, Account: id, Owner: owner, Tier: tier}
	if owner == "" {
		data.Owner = placeholder(b, "负责人", "owner")
	}
	if tier == "" {
		data.Tier = "<A | B | C>"
	}
	doc, err := templates.Render(b.Root, b.Config.Language, templates.Account, data)
	if err != nil {
		return err
	}

	dir := b.Path(book.AccountDir(id))
	if err := claimDir(dir); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return msg.Errorf("account %q already exists (%s); pick another --id", id, book.AccountDir(id))
		}
		return err
	}
	paths, err := writeAccount(b, id, doc)
	if err != nil {
		// The folder is ours (claimDir made it): leave nothing half-made.
		os.RemoveAll(dir)
		return err
	}
	opts.IO.Say("created account %s (%s)\n", id, book.AccountFile(id))
	opts.IO.Say("next: acct edit %s, acct contact new %s NAME\n", id, id)
	fmt.Fprintln(opts.IO.Out, book.AccountFile(id))
	return commitPaths(opts.Factory, b.Root, b.Config.Language, msg.T("Add account %s (%s)", id, name), paths, nil)
}

// writeAccount writes the profile and the .gitkeep files of a freshly
// claimed account folder and returns their slash paths relative to the root.
func writeAccount(b *book.Book, id string, doc []byte) ([]string, error) {
	paths := []string{book.AccountFile(id)}
	for _, sub := range accountSubdirs {
		paths = append(paths, book.AccountDir(id)+"/"+sub+"/.gitkeep")
	}
	for i, p := range paths {
		var data []byte
		if i == 0 {
			data = doc
		}
		if err := book.CreateFile(b.Path(p), data); err != nil {
			return nil, err
		}
	}
	return paths, nil
}

// placeholder returns the template-style hint for a value nobody gave, in
// the book's language (<负责人> or <owner>); acct check counts it as missing.
func placeholder(b *book.Book, zh, en string) string {
	if b.Config.Language == "zh" {
		return "<" + zh + ">"
	}
	return "<" + en + ">"
}
