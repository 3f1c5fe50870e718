package check

import (
	"strings"
	"testing"
)

// TestEveryFindingHasAChineseMessage runs the rule fixtures and requires
// each finding to read differently (translated) under language zh, so a new
// message without a translation is noticed.
func TestEveryFindingHasAChineseMessage(t *testing.T) {
	files := map[string]string{
		"accounts/hx/account.md":             strings.Replace(completeC, "tier: C", "tier: A\nreviewed: 2026/2/1\nindstry: x\nfinancials:\n  - period: 2023\n    revenue: 1亿\n    gross_margin: 23\n    inventory_days: -5\noverview2: 1\nstrategy: 降本", 1),
		"accounts/hx/contacts/a.md":          "---\nkind: contact\nname: A\nreports_to: b\nkey: true\nrole: boss\n---\n",
		"accounts/hx/contacts/b.md":          "---\nkind: account\nname: B\ntitle: t\nreports_to: a\nkey: maybe\ninterests: {a: 1}\n---\n",
		"accounts/hx/contacts/c.md":          "---\nkind: contact\nname: C\ntitle: t\nreports_to: nobody\nfamily:\n  - born: many\n---\n",
		"accounts/hx/contacts/d.md":          "---\nkind: contact\n\tname: x\n---\n",
		"accounts/hx/contacts/e.md":          "---\nname： x\n---\n",
		"accounts/hx/contacts/f.md":          "---\nkind: contact\nname: x\nname: y\n---\n",
		"accounts/hx/contacts/g.md":          "no front matter\n",
		"accounts/hx/contacts/h.md":          "---\nkind: contact\n",
		"accounts/hx/contacts/i.md":          "---\n<<<<<<< ours\n=======\n>>>>>>> theirs\n---\n",
		"accounts/hx/visits/2026-01-01-a.md": "---\nkind: visit\ndate: 2026-01-01\nattendees: [ghost]\nnext_steps:\n  - due: 2026-01-05\nconfirmation:\n  status: sent\n  by: ghost\n---\n",
		"accounts/hx/visits/2026-01-02-b.md": "---\nkind: visit\ndate: 2026-01-02\nconfirmation: {status: disputed}\n---\n",
		"accounts/hx/visits/2026-01-03-c.md": "---\nkind: visit\ndate: 2026-01-03\npurpose: x: y\n---\n",
		"accounts/hx/visits/2026-01-04-d.md": "---\nkind: visit\ndate: 2026-01-04\nnext_steps:\n  - action: a\n    due: 2026-02-30\n---\n",
		"accounts/empty/contacts/x.md":       "---\nkind: contact\nname: A\ntitle: t\n---\n",
	}
	b := writeBook(t, files)
	rep, err := Run(b, Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, f := range rep.Findings {
		rules[f.Rule] = true
		zh := f.Localize("zh")
		if zh.Message == f.Message {
			t.Errorf("no Chinese message for %s: %q", f.Rule, f.Message)
		}
		if en := f.Localize("en"); en.Message != f.Message {
			t.Errorf("en changed the message: %q", en.Message)
		}
	}
	for _, r := range []string{"yaml-syntax", "front-matter", "kind", "type", "enum", "date", "number", "reference", "cycle",
		"conflict-marker", "duplicate-key", "missing-field", "unconfirmed-visit", "overdue-step", "stale-financials",
		"unknown-key", "date-format"} {
		if !rules[r] {
			t.Errorf("the fixture produced no %s finding", r)
		}
	}
}
