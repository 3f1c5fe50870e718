package document

import (
	"strings"
	"testing"
)

var testSchema = &Spec{Type: Map, Fields: []Field{
	{Key: "kind", Spec: &Spec{Type: Text}},
	{Key: "industry", Spec: &Spec{Type: Text}},
	{Key: "employees", Spec: &Spec{Type: Int}},
	{Key: "maturity", Spec: &Spec{Type: Int, Min: 1, Max: 5}},
	{Key: "revenue", Spec: &Spec{Type: Number}},
	{Key: "margin", Spec: &Spec{Type: Percent}},
	{Key: "share", Spec: &Spec{Type: Percent, Bounded: true, Low: 0, High: 1}},
	{Key: "days", Spec: &Spec{Type: Number, Bounded: true, Low: 0, High: 3650}},
	{Key: "date", Spec: &Spec{Type: Date}},
	{Key: "key", Spec: &Spec{Type: Bool}},
	{Key: "phase", Spec: &Spec{Type: Enum, Enum: []string{"growth", "mature"}, Synonyms: map[string]string{"成熟期": "mature"}}},
	{Key: "tags", Spec: &Spec{Type: List, Elem: &Spec{Type: Text}}},
	{Key: "period", Spec: &Spec{Type: Period}},
	{Key: "overview", Spec: &Spec{Type: Map, Fields: []Field{{Key: "ownership", Spec: &Spec{Type: Text}}}}},
	{Key: "prefs", Spec: &Spec{Type: FreeMap}},
}}

func TestValidate(t *testing.T) {
	tests := []struct {
		yaml     string
		rule     string // "" = no finding
		severity Severity
		field    string
		msg      string
	}{
		{"employees: 3200", "", "", "", ""},
		{"employees: many", RuleNumber, SeverityError, "employees", "whole number"},
		{`employees: "3,200"`, "", "", "", ""},
		{"maturity: 7", RuleNumber, SeverityError, "maturity", "1 to 5"},
		{"revenue: 12亿", "", "", "", ""},
		{"revenue: 12 billion", RuleNumber, SeverityError, "revenue", "12亿"},
		{"margin: 23%", "", "", "", ""},
		{"margin: 23", RuleNumber, SeverityError, "margin", "ambiguous"},
		{"share: 150%", RuleNumber, SeverityError, "share", "out of range, want 0% to 100%"},
		{"share: 60%", "", "", "", ""},
		{"days: -5", RuleNumber, SeverityError, "days", "out of range, want 0 to 3650"},
		{"date: 2026-02-30", RuleDate, SeverityError, "date", "no such day"},
		{"date: 2026/2/25", RuleDateFormat, SeverityHint, "date", "2026-02-25"},
		{"date: TODO", "", "", "", ""},
		{"key: yes please", RuleType, SeverityError, "key", "true or false"},
		{"phase: booming", RuleEnum, SeverityError, "phase", "growth, mature"},
		{"phase: 成熟期", "", "", "", ""},
		{"phase: <阶段>", "", "", "", ""},
		{"tags: 王者荣耀", "", "", "", ""},
		{"tags: {a: 1}", RuleType, SeverityError, "tags", "want a list"},
		{"period: FY24", RuleDate, SeverityError, "period", "2024H1"},
		{"overview: 深圳", RuleType, SeverityError, "overview", "group of"},
		{"overview:\n  ownrship: private", RuleUnknownKey, SeverityHint, "overview.ownrship", "did you mean `ownership`"},
		{"indstry: x", RuleUnknownKey, SeverityHint, "indstry", "did you mean `industry`"},
		{"ownrship: x", RuleUnknownKey, SeverityHint, "ownrship", "did you mean `overview.ownership`"},
		{"zzzzzz: x", RuleUnknownKey, SeverityHint, "zzzzzz", "kept as is"},
		{"industry: [a, b]", RuleType, SeverityError, "industry", "want a text"},
		{"prefs:\n  coffee: Espresso", "", "", "", ""},
		{"overview:\n  <<: {industry: x}", RuleYAMLSyntax, SeverityError, "overview.<<", "merge key"},
	}
	for _, tt := range tests {
		d, fs := Parse("x.md", []byte("---\n"+tt.yaml+"\n---\n"))
		if d == nil {
			t.Fatalf("%s: %v", tt.yaml, fs)
		}
		got := Validate(d, testSchema)
		if tt.rule == "" {
			if len(got) != 0 {
				t.Errorf("%q: unexpected %v", tt.yaml, got)
			}
			continue
		}
		if len(got) != 1 {
			t.Errorf("%q: got %v, want one %s", tt.yaml, got, tt.rule)
			continue
		}
		f := got[0]
		if f.Rule != tt.rule || f.Severity != tt.severity || f.Field != tt.field || !strings.Contains(f.Message, tt.msg) || f.Line < 2 {
			t.Errorf("%q: got %+v, want %s %s field %s mentioning %q", tt.yaml, f, tt.severity, tt.rule, tt.field, tt.msg)
		}
	}
}
