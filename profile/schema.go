package profile

import (
	"strings"

	"github.com/acctbook/acct/document"
)

// Enumerations of the account profile and contact card (FORMAT.md sections 3 and 4).
var (
	Tiers           = []string{"A", "B", "C"}
	Ownerships      = []string{"state-owned", "private", "foreign", "joint-venture", "listed"}
	Phases          = []string{"growth", "mature", "decline"}
	BudgetPostures  = []string{"expansion", "survival"}
	CashFlows       = []string{"healthy", "tight", "critical"}
	AllocationRules = []string{"lowest-price", "quality-first", "relationship", "mixed"}
	Roles           = []string{"decision-maker", "economic-buyer", "champion", "influencer", "evaluator", "user", "gatekeeper", "blocker"}
	Stances         = []string{"supporter", "neutral", "opponent", "unknown"}
	Influences      = []string{"high", "medium", "low"}
)

func enum(values []string, synonyms map[string]string) *document.Spec {
	return &document.Spec{Type: document.Enum, Enum: values, Synonyms: synonyms}
}

func m(fields ...document.Field) *document.Spec {
	return &document.Spec{Type: document.Map, Fields: fields}
}
func f(key string, s *document.Spec) document.Field { return document.Field{Key: key, Spec: s} }
func list(elem *document.Spec) *document.Spec       { return &document.Spec{Type: document.List, Elem: elem} }

var (
	text = &document.Spec{Type: document.Text}
	// days are inventory or receivable days: not negative, at most ten years.
	days = &document.Spec{Type: document.Number, Bounded: true, Low: 0, High: 3650}
	// amount is money: not negative.
	amount = &document.Spec{Type: document.Number, Bounded: true, Low: 0, High: 1e15}
	// margin is a gross margin: -100% to 100%.
	margin = &document.Spec{Type: document.Percent, Bounded: true, Low: -1, High: 1}
	// share is a fraction of spend: 0% to 100%.
	share   = &document.Spec{Type: document.Percent, Bounded: true, Low: 0, High: 1}
	date    = &document.Spec{Type: document.Date}
	boolean = &document.Spec{Type: document.Bool}
	texts   = list(text)
)

// AccountSchema is the front matter of account.md: the eight dimensions of
// FORMAT.md section 3. Chinese spellings of phase (上升期, 成熟期, 夕阳期),
// budget posture (扩张型, 保命型) and ownership are accepted as synonyms.
var AccountSchema = m(
	f("kind", text),
	f("name", text),
	f("aliases", texts),
	f("owner", text),
	f("tier", enum(Tiers, map[string]string{"a": "A", "b": "B", "c": "C"})),
	f("reviewed", date),
	f("currency", text),
	f("overview", m(
		f("ownership", enum(Ownerships, map[string]string{"国企": "state-owned", "国有": "state-owned", "央企": "state-owned",
			"民营": "private", "民企": "private", "私营": "private", "外资": "foreign", "外企": "foreign", "合资": "joint-venture", "上市": "listed", "上市公司": "listed"})),
		f("industry", text),
		f("headquarters", text),
		f("employees", &document.Spec{Type: document.Int, Min: 0, Max: 10000000}),
		f("founded", &document.Spec{Type: document.Int, Min: 1800, Max: 2100}),
		f("website", text),
	)),
	f("business", m(
		f("main_products", texts),
		f("phase", enum(Phases, map[string]string{"上升期": "growth", "成熟期": "mature", "夕阳期": "decline"})),
		f("budget_posture", enum(BudgetPostures, map[string]string{"扩张型": "expansion", "保命型": "survival"})),
	)),
	f("financials", list(m(
		f("period", &document.Spec{Type: document.Period}),
		f("revenue", amount),
		f("gross_margin", margin),
		f("inventory_days", days),
		f("receivable_days", days),
		f("cash_flow", enum(CashFlows, map[string]string{"健康": "healthy", "紧张": "tight", "危险": "critical"})),
		f("currency", text),
		f("source", text),
		f("notes", text),
	))),
	f("strategy", m(
		f("strategic_plan", text),
		f("business_plan", text),
		f("priorities", texts),
		f("budget_approved", boolean),
	)),
	f("decision_process", text),
	f("suppliers", m(
		f("allocation_rule", enum(AllocationRules, map[string]string{"最低价": "lowest-price", "质量优先": "quality-first", "关系": "relationship", "综合": "mixed"})),
		f("incumbents", list(m(
			f("name", text),
			f("share", share),
			f("products", texts),
			f("notes", text),
		))),
	)),
	f("process_it", m(
		f("procurement_process", text),
		f("erp", text),
		f("digital_maturity", &document.Spec{Type: document.Int, Min: 1, Max: 5}),
		f("systems", texts),
	)),
)

// ContactSchema is the front matter of a contact card (FORMAT.md section 4).
var ContactSchema = m(
	f("kind", text),
	f("name", text),
	f("title", text),
	f("department", text),
	f("reports_to", text),
	// Synonyms include the words the contact template's comments and the
	// power map (powermap_labels.go) print, so what acct shows is accepted.
	f("role", enum(Roles, map[string]string{"决策者": "decision-maker", "拍板人": "decision-maker", "经济决策者": "economic-buyer",
		"预算审批人": "economic-buyer", "管钱的人": "economic-buyer", "支持者": "champion", "教练": "champion", "内线": "champion",
		"内部支持者": "champion", "影响者": "influencer", "评估者": "evaluator", "技术评估者": "evaluator", "使用者": "user",
		"守门人": "gatekeeper", "把关人": "gatekeeper", "把关者": "gatekeeper", "阻碍者": "blocker", "反对者": "blocker"})),
	f("stance", enum(Stances, map[string]string{"支持": "supporter", "中立": "neutral", "反对": "opponent", "未知": "unknown",
		"不清楚": "unknown", "态度未知": "unknown"})),
	f("influence", enum(Influences, map[string]string{"高": "high", "中": "medium", "低": "low",
		"影响力高": "high", "影响力中": "medium", "影响力低": "low"})),
	f("key", boolean),
	f("phone", text),
	f("email", text),
	f("wechat", text),
	f("traits", text),
	f("interests", texts),
	f("preferences", &document.Spec{Type: document.FreeMap}),
	f("family", list(m(
		f("relation", text),
		f("name", text),
		f("born", &document.Spec{Type: document.Int, Min: 1900, Max: 2100}),
		f("notes", text),
	))),
	f("pain_points", texts),
	f("kpi", texts),
	f("career", text),
	f("last_contact", date),
)

// AccountField reports whether the dotted path (overview.industry) names a
// field of AccountSchema.
func AccountField(path string) bool {
	s := AccountSchema
	for _, k := range strings.Split(path, ".") {
		if s = s.Key(k); s == nil {
			return false
		}
	}
	return true
}
