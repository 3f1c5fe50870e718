package profile

import (
	"time"

	"github.com/acctbook/acct/document"
	"gopkg.in/yaml.v3"
)

// Contact is the typed view of a contact card (FORMAT.md section 4): the
// person's place in the decision and their holistic background.
type Contact struct {
	// ID is the file name without .md; Account the account id.
	ID, Account string
	Doc         *document.Document

	Name, Title, Department string
	// ReportsTo is the id of the contact's boss in the same account.
	ReportsTo string
	// Role is the part in the decision (decision-maker, champion, blocker, ...).
	Role string
	// Stance is supporter, neutral, opponent or unknown ("" when missing).
	Stance string
	// Influence is high, medium or low.
	Influence string
	// Key marks a key person (dimension 6).
	Key                  bool
	Phone, Email, WeChat string
	Traits               string
	Interests            []string
	// Preferences are free key/value notes in file order (coffee: Espresso).
	Preferences []Preference
	Family      []FamilyMember
	PainPoints  []string
	KPI         []string
	Career      string
	LastContact time.Time
}

// Preference is one entry of a contact's preferences.
type Preference struct{ Key, Value string }

// FamilyMember is a member of a contact's family. Born is a year of birth
// (0 when unknown); ages are computed, never stored (FORMAT.md section 2).
type FamilyMember struct {
	Relation, Name, Notes string
	Born                  int
}

// Age returns the member's age in whole years in the year of asOf, and
// false when Born is unknown.
func (m FamilyMember) Age(asOf time.Time) (int, bool) {
	if m.Born == 0 {
		return 0, false
	}
	return asOf.Year() - m.Born, true
}

// DisplayName is the contact's name, or its id when the name is missing.
func (c *Contact) DisplayName() string {
	if c.Name != "" {
		return c.Name
	}
	return c.ID
}

// ParseContact reads the typed contact card from a parsed document. It does
// not validate; use document.Validate with ContactSchema for that.
func ParseContact(account, id string, d *document.Document) *Contact {
	r := d.Root
	g := func(k string) *yaml.Node { return document.Get(r, k) }
	s := func(k string) string { return document.Str(g(k)) }
	c := &Contact{ID: id, Account: account, Doc: d,
		Name: s("name"), Title: s("title"), Department: s("department"), ReportsTo: s("reports_to"),
		Role:      enumOf(ContactSchema, "role", g("role")),
		Stance:    enumOf(ContactSchema, "stance", g("stance")),
		Influence: enumOf(ContactSchema, "influence", g("influence")),
		Phone:     s("phone"), Email: s("email"), WeChat: s("wechat"), Traits: s("traits"),
		Interests: document.Strs(g("interests")), PainPoints: document.Strs(g("pain_points")), KPI: document.Strs(g("kpi")),
		Career: s("career"), LastContact: dateOf(g("last_contact")),
	}
	if b := boolOf(g("key")); b != nil {
		c.Key = *b
	}
	if p := g("preferences"); p != nil && p.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(p.Content); i += 2 {
			if v := document.Str(p.Content[i+1]); v != "" {
				c.Preferences = append(c.Preferences, Preference{Key: p.Content[i].Value, Value: v})
			}
		}
	}
	if fam := g("family"); fam != nil && fam.Kind == yaml.SequenceNode {
		for _, n := range fam.Content {
			c.Family = append(c.Family, FamilyMember{Relation: document.Str(document.Get(n, "relation")),
				Name: document.Str(document.Get(n, "name")), Notes: document.Str(document.Get(n, "notes")),
				Born: intOf(document.Get(n, "born"))})
		}
	}
	return c
}
