package profile

import (
	"testing"
	"time"

	"github.com/acctbook/acct/document"
)

// FuzzParseDocuments: any front matter that document.Parse accepts can be
// read as an account, a contact and fed to the power map without a panic,
// whatever types its fields hold.
func FuzzParseDocuments(f *testing.F) {
	for _, s := range []string{
		"---\nkind: account\nname: a\nfinancials:\n  - period: 2024\n    revenue: 12亿\n    gross_margin: 23%\n---\n",
		"---\nkind: account\nfinancials: {period: 2024}\nsuppliers: [a, b]\noverview: x\n---\n",
		"---\nkind: account\nfinancials: [[1], x, {period: [1]}]\nbusiness: {main_products: {a: b}}\n---\n",
		"---\nkind: contact\nname: [a]\nreports_to: {x: y}\nfamily: [{born: x}, 3]\nkey: maybe\n---\n",
		"---\nkind: contact\nreports_to: me\nrole: 决策者\nstance: [x]\n---\n",
		"---\nkind: account\nname: &a x\naliases: [*a, *a]\n---\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d, _ := document.Parse("a.md", []byte(src))
		if d == nil {
			return
		}
		a := ParseAccount("a", d)
		a.Latest()
		a.DisplayName()
		c := ParseContact("a", "me", d)
		c.DisplayName()
		c2 := ParseContact("a", "boss", d)
		for _, fm := range c.Family {
			fm.Age(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
		}
		ReportsToCycles([]*Contact{c, c2})
		pm := NewPowerMap([]*Contact{c, c2})
		pm.TextTree()
		pm.Mermaid("zh", "t")
		pm.DOT("en", "t")
		pm.Warnings()
		Facts("zh", c)
		document.Validate(d, AccountSchema)
		document.Validate(d, ContactSchema)
	})
}
