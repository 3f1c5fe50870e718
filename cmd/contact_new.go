package cmd

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/msg"
	"github.com/acctbook/acct/profile"
	"github.com/acctbook/acct/templates"
)

func init() {
	contactCommands = append(contactCommands, func(f *Factory) *cobra.Command { return NewCmdContactNew(f, nil) })
}

// contactRoles are the roles a contact may play in a purchase (FORMAT.md section 4).
var contactRoles = []string{"decision-maker", "economic-buyer", "champion", "influencer",
	"evaluator", "user", "gatekeeper", "blocker"}

// ContactNewOptions are the inputs of `acct contact new`.
type ContactNewOptions struct {
	IO      *IOStreams
	Factory *Factory
	// Account is the account id (or name) typed; Name the contact's name.
	Account, Name string
	// ID overrides the contact id derived from Name.
	ID string
	// Title and Role fill the card; Key marks a key person.
	Title, Role string
	Key         bool
}

// NewCmdContactNew builds `acct contact new ACCOUNT NAME`.
func NewCmdContactNew(f *Factory, runF func(*ContactNewOptions) error) *cobra.Command {
	opts := &ContactNewOptions{IO: f.IO, Factory: f}
	c := &cobra.Command{
		Use:   "new ACCOUNT NAME",
		Short: "Add a contact card to an account",
		Long: `Add a contact card, accounts/<account>/contacts/<id>.md, from the template.
The id is derived from NAME unless --id is given; an existing card is never
overwritten. --role is one of: ` + strings.Join(contactRoles, ", ") + `,
or the Chinese word the card accepts (决策者, 使用者, 教练...).
The card is committed and its path printed on stdout.`,
		Example: `  acct contact new 华星电子集团 张大同 --title 采购部长 --role decision-maker --key
  acct contact new hx "Wang Jun" --id wang-jun --role champion`,
		Args:              wantArgs(2, 2),
		ValidArgsFunction: completeAccountIDs(f),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Account, opts.Name = args[0], args[1]
			if runF != nil {
				return runF(opts)
			}
			return runContactNew(opts)
		},
	}
	c.Flags().StringVar(&opts.ID, "id", "", "the contact `ID` (default: derived from NAME)")
	c.Flags().StringVar(&opts.Title, "title", "", "job `TITLE`")
	c.Flags().StringVar(&opts.Role, "role", "", "`ROLE` in the purchase: "+strings.Join(contactRoles, " | "))
	c.Flags().BoolVar(&opts.Key, "key", false, "a key person (dimension 6)")
	c.RegisterFlagCompletionFunc("role", cobra.FixedCompletions(contactRoles, cobra.ShellCompDirectiveNoFileComp))
	return c
}

func runContactNew(opts *ContactNewOptions) error {
	name, err := checkName("contact", opts.Name)
	if err != nil {
		return err
	}
	role := strings.TrimSpace(opts.Role)
	if role != "" {
		// The Chinese words the card accepts (决策者, 教练...) work here too.
		canon, ok := document.EnumValue(profile.ContactSchema.Key("role"), role)
		if !ok {
			return usageErrorf("--role %q: want one of %s", opts.Role, strings.Join(contactRoles, ", "))
		}
		role = canon
	}
	title := strings.TrimSpace(opts.Title)
	if strings.ContainsAny(title, "\r\n") {
		return usageErrorf("--title must be one line")
	}
	id, err := newID("contact", name, opts.ID)
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
	acc, err := resolveAccount(b, opts.Account)
	if err != nil {
		return err
	}
	existing, err := b.Documents(acc, "contacts")
	if err != nil {
		return err
	}
	if other := idClash(existing, id); other != "" {
		return msg.Errorf("contact id %q clashes with the existing contact %q of %s (%s): ids that differ only in case or width name the same file on macOS and Windows; pick another --id",
			id, other, acc, book.ContactFile(acc, other))
	}
	doc, err := templates.Render(b.Root, b.Config.Language, templates.Contact, templates.Data{
		Name: name, ID: id, Account: acc, Title: title, Role: role, Key: opts.Key,
	})
	if err != nil {
		return err
	}
	rel := book.ContactFile(acc, id)
	if err := book.CreateFile(b.Path(rel), doc); err != nil {
		if errors.Is(err, book.ErrExists) {
			return msg.Errorf("contact %q already exists in account %q (%s); pick another --id", id, acc, rel)
		}
		return err
	}
	opts.IO.Say("created contact %s in account %s (%s)\n", id, acc, rel)
	if same := contactsNamed(b, acc, name); len(same) > 1 {
		var others []string
		for _, o := range same {
			if o != id {
				others = append(others, o)
			}
		}
		opts.IO.Say("note: %s already has a contact named %s (%s); if it is the same person, keep one card (git rm %s)\n",
			acc, name, strings.Join(others, ", "), rel)
	}
	fmt.Fprintln(opts.IO.Out, rel)
	return commitPaths(opts.Factory, b.Root, b.Config.Language, msg.T("Add contact %s to %s", id, acc), []string{rel}, nil)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
