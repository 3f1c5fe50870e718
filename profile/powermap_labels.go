package profile

// Labels of the contact enums in the book's languages (acct.yaml language:
// zh or en). The Chinese terms are the ones Chinese To-B reps use: a
// champion is the 内线 (inside coach), a blocker the 反对者.
var (
	roleLabels = map[string][2]string{
		"decision-maker": {"决策者", "decision maker"},
		"economic-buyer": {"预算审批人", "economic buyer"},
		"champion":       {"内线", "champion"},
		"influencer":     {"影响者", "influencer"},
		"evaluator":      {"技术评估者", "evaluator"},
		"user":           {"使用者", "user"},
		"gatekeeper":     {"把关者", "gatekeeper"},
		"blocker":        {"反对者", "blocker"},
	}
	stanceLabels = map[string][2]string{
		"supporter": {"支持", "supporter"},
		"neutral":   {"中立", "neutral"},
		"opponent":  {"反对", "opponent"},
		"unknown":   {"态度未知", "stance unknown"},
	}
	influenceLabels = map[string][2]string{
		"high":   {"影响力高", "high influence"},
		"medium": {"影响力中", "medium influence"},
		"low":    {"影响力低", "low influence"},
	}
)

func label(m map[string][2]string, lang, v string) string {
	l, ok := m[v]
	if !ok {
		return v
	}
	if lang == "zh" {
		return l[0]
	}
	return l[1]
}

// RoleLabel names a contact role (decision-maker, champion, ...) in lang
// ("zh" or "en"); an unknown role is returned as is and "" stays "".
func RoleLabel(lang, role string) string { return label(roleLabels, lang, role) }

// StanceLabel names a stance (supporter, neutral, opponent, unknown) in lang.
func StanceLabel(lang, stance string) string { return label(stanceLabels, lang, stance) }

// InfluenceLabel names an influence (high, medium, low) in lang.
func InfluenceLabel(lang, influence string) string {
	return label(influenceLabels, lang, influence)
}
