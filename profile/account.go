// Package profile is the account profile (account.md, the eight dimensions
// of FORMAT.md section 3) and the contact cards (FORMAT.md section 4): their
// schemas, typed values read from a parsed document.Document, and the power
// map drawn from the contacts. It knows nothing of files on disk, git or
// terminals.
package profile

import (
	"strconv"
	"strings"
	"time"

	"github.com/acctbook/acct/document"
	"gopkg.in/yaml.v3"
)

// Account is the typed view of an account profile. Text fields hold ""
// when missing or a placeholder; numbers are nil when missing or invalid
// (validation findings say why).
type Account struct {
	// ID is the account id: the folder name under accounts/.
	ID string
	// Doc is the parsed file, for positions and in-place edits.
	Doc *document.Document

	Name    string
	Aliases []string
	// Owner is the rep who owns the account.
	Owner string
	// Tier is A, B or C, or "" when missing or invalid.
	Tier string
	// Reviewed is the date of the last full review, or the zero time.
	Reviewed time.Time

	Overview   Overview
	Business   Business
	Financials []Financial
	Strategy   Strategy
	// DecisionProcess says how decisions are made (dimension 5, with the
	// power map drawn from the contacts).
	DecisionProcess string
	Suppliers       Suppliers
	ProcessIT       ProcessIT
}

// Overview is dimension 1, 公司概要.
type Overview struct {
	Ownership, Industry, Headquarters, Website string
	// Employees is a head count, Founded a year; 0 when missing.
	Employees, Founded int
}

// Business is dimension 2, 主营业务.
type Business struct {
	MainProducts []string
	// Phase is growth, mature or decline; BudgetPosture expansion or survival.
	Phase, BudgetPosture string
}

// Financial is one period of dimension 3, 财务状况.
type Financial struct {
	// Period is as written (2024, 2024H1, 2024Q3, 2024-06); End is its last day.
	Period string
	End    time.Time
	// Revenue is in the account's currency (CNY unless set).
	Revenue *float64
	// GrossMargin is a fraction (0.23 for 23%).
	GrossMargin *float64
	// InventoryDays is DIO, ReceivableDays is DSO, both in days.
	InventoryDays, ReceivableDays *float64
	// CashFlow is healthy, tight or critical.
	CashFlow, Source string
	// Node is the period's mapping in the front matter.
	Node *yaml.Node
}

// Strategy is dimension 4, 客户解读: the strategic plan (SP) and business plan (BP).
type Strategy struct {
	StrategicPlan, BusinessPlan string
	Priorities                  []string
	// BudgetApproved is nil when not stated.
	BudgetApproved *bool
}

// Suppliers is dimension 7, 供应商.
type Suppliers struct {
	// AllocationRule is lowest-price, quality-first, relationship or mixed.
	AllocationRule string
	Incumbents     []Incumbent
}

// Incumbent is a supplier the customer buys from today.
type Incumbent struct {
	Name string
	// Share is a fraction of the customer's spend (0.6 for 60%), nil if unknown.
	Share    *float64
	Products []string
	Notes    string
}

// ProcessIT is dimension 8, 流程 & IT.
type ProcessIT struct {
	ProcurementProcess, ERP string
	// DigitalMaturity is 1 (paper) to 5 (fully digital), 0 when missing.
	DigitalMaturity int
	Systems         []string
}

// ParseAccount reads the typed account profile from a parsed document.
// It does not validate; use document.Validate with AccountSchema for that.
func ParseAccount(id string, d *document.Document) *Account {
	r := d.Root
	g := func(p string) *yaml.Node { return document.Lookup(r, p) }
	s := func(p string) string { return document.Str(g(p)) }
	a := &Account{ID: id, Doc: d,
		Name: s("name"), Aliases: document.Strs(g("aliases")), Owner: s("owner"),
		Tier:            enumOf(AccountSchema, "tier", g("tier")),
		Reviewed:        dateOf(g("reviewed")),
		DecisionProcess: s("decision_process"),
	}
	a.Overview = Overview{
		Ownership: enumOf(AccountSchema, "overview.ownership", g("overview.ownership")),
		Industry:  s("overview.industry"), Headquarters: s("overview.headquarters"), Website: s("overview.website"),
		Employees: intOf(g("overview.employees")), Founded: intOf(g("overview.founded")),
	}
	a.Business = Business{
		MainProducts:  document.Strs(g("business.main_products")),
		Phase:         enumOf(AccountSchema, "business.phase", g("business.phase")),
		BudgetPosture: enumOf(AccountSchema, "business.budget_posture", g("business.budget_posture")),
	}
	a.Financials = ParseFinancials(g("financials"))
	a.Strategy = Strategy{StrategicPlan: s("strategy.strategic_plan"), BusinessPlan: s("strategy.business_plan"),
		Priorities: document.Strs(g("strategy.priorities")), BudgetApproved: boolOf(g("strategy.budget_approved"))}
	a.Suppliers.AllocationRule = enumOf(AccountSchema, "suppliers.allocation_rule", g("suppliers.allocation_rule"))
	if inc := g("suppliers.incumbents"); inc != nil && inc.Kind == yaml.SequenceNode {
		for _, n := range inc.Content {
			a.Suppliers.Incumbents = append(a.Suppliers.Incumbents, Incumbent{
				Name: document.Str(document.Get(n, "name")), Share: numOf(document.Get(n, "share"), document.ParsePercent),
				Products: document.Strs(document.Get(n, "products")), Notes: document.Str(document.Get(n, "notes"))})
		}
	}
	a.ProcessIT = ProcessIT{ProcurementProcess: s("process_it.procurement_process"), ERP: s("process_it.erp"),
		DigitalMaturity: intOf(g("process_it.digital_maturity")), Systems: document.Strs(g("process_it.systems"))}
	return a
}

// Latest returns the financial period that ends last, or nil when there is
// none with a valid period (FORMAT.md section 7: "the newest period").
func (a *Account) Latest() *Financial {
	var best *Financial
	for i := range a.Financials {
		f := &a.Financials[i]
		if f.End.IsZero() {
			continue
		}
		if best == nil || !f.End.Before(best.End) {
			best = f
		}
	}
	return best
}

// DisplayName is the account's name, or its id when the name is missing.
func (a *Account) DisplayName() string {
	if a.Name != "" {
		return a.Name
	}
	return a.ID
}

func enumOf(schema *document.Spec, path string, n *yaml.Node) string {
	s := schema
	for rest, more := path, true; more; {
		var k string
		k, rest, more = strings.Cut(rest, ".")
		if s = s.Key(k); s == nil {
			return ""
		}
	}
	v, ok := document.EnumValue(s, document.Str(n))
	if !ok {
		return ""
	}
	return v
}

func dateOf(n *yaml.Node) time.Time {
	t, _, err := document.ParseDate(document.Str(n))
	if err != nil {
		return time.Time{}
	}
	return t
}

func intOf(n *yaml.Node) int {
	s := document.Str(n)
	if s == "" {
		return 0 // without Atoi's error, allocated and dropped
	}
	i, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return i
}

func numOf(n *yaml.Node, parse func(string) (float64, error)) *float64 {
	s := document.Str(n)
	if s == "" {
		return nil
	}
	v, err := parse(s)
	if err != nil {
		return nil
	}
	return &v
}

func boolOf(n *yaml.Node) *bool {
	if n == nil || n.Tag != "!!bool" {
		return nil
	}
	b := n.Value == "true"
	return &b
}

// ParseFinancials reads the periods of dimension 3 from the financials
// list of an account profile (FORMAT.md section 3); entries that are not
// mappings are skipped, and a missing or malformed list gives nil.
func ParseFinancials(fin *yaml.Node) []Financial {
	if fin == nil || fin.Kind != yaml.SequenceNode {
		return nil
	}
	var out []Financial
	for _, p := range fin.Content {
		if p.Kind != yaml.MappingNode {
			continue
		}
		fp := Financial{Node: p, Period: document.Str(document.Get(p, "period")),
			Revenue:        numOf(document.Get(p, "revenue"), document.ParseNumber),
			GrossMargin:    numOf(document.Get(p, "gross_margin"), document.ParsePercent),
			InventoryDays:  numOf(document.Get(p, "inventory_days"), document.ParseNumber),
			ReceivableDays: numOf(document.Get(p, "receivable_days"), document.ParseNumber),
			CashFlow:       document.Str(document.Get(p, "cash_flow")),
			Source:         document.Str(document.Get(p, "source")),
		}
		if end, err := document.ParsePeriod(fp.Period); err == nil {
			fp.End, _ = time.Parse("2006-01-02", end)
		}
		out = append(out, fp)
	}
	return out
}
