package document

import (
	"encoding/json"
	"fmt"
)

// Severity is how bad a Finding is (FORMAT.md section 8).
type Severity string

// The three severities. Errors mean a file is broken or wrong, warnings that
// the profile is incomplete, hints that something could be tidier.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityHint    Severity = "hint"
)

// Rule names, as printed in brackets and in JSON (FORMAT.md section 8).
const (
	RuleYAMLSyntax       = "yaml-syntax"
	RuleFrontMatter      = "front-matter"
	RuleKind             = "kind"
	RuleType             = "type"
	RuleEnum             = "enum"
	RuleDate             = "date"
	RuleNumber           = "number"
	RuleReference        = "reference"
	RuleCycle            = "cycle"
	RuleConflictMarker   = "conflict-marker"
	RuleDuplicateKey     = "duplicate-key"
	RuleMissingField     = "missing-field"
	RuleUnconfirmedVisit = "unconfirmed-visit"
	RuleOverdueStep      = "overdue-step"
	RuleStaleFinancials  = "stale-financials"
	RuleUnknownKey       = "unknown-key"
	RuleDateFormat       = "date-format"
)

// Finding is one thing `acct check` reports about a file. Line and Column
// are 1-based and count in the .md file as the user opens it (0 when the
// finding is about the file or account as a whole). Field is the dotted
// field name ("overview.industry", or a policy name such as
// "decision-maker"), empty when the rule has none. Account is the account id
// the file belongs to, empty for files outside accounts/.
type Finding struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Severity Severity `json:"severity"`
	Rule     string   `json:"rule"`
	Field    string   `json:"field"`
	Account  string   `json:"account"`
	// Message is the English message; Localize gives it in another language.
	Message string `json:"message"`

	// format and args are what Message was made from, kept for Localize.
	format string
	args   []any
}

// Newf builds a finding whose message is fmt.Sprintf(format, args...), in
// English; Localize translates it later through the message catalog.
func Newf(file string, line, col int, sev Severity, rule, field, format string, args ...any) Finding {
	return Finding{File: file, Line: line, Column: col, Severity: sev, Rule: rule, Field: field,
		Message: fmt.Sprintf(format, args...), format: format, args: args}
}

// MarshalJSON writes the FORMAT.md section 8 shape, with "field" and
// "account" null when empty.
func (f Finding) MarshalJSON() ([]byte, error) {
	type out struct {
		File     string   `json:"file"`
		Line     int      `json:"line"`
		Column   int      `json:"column"`
		Severity Severity `json:"severity"`
		Rule     string   `json:"rule"`
		Field    *string  `json:"field"`
		Account  *string  `json:"account"`
		Message  string   `json:"message"`
	}
	o := out{File: f.File, Line: f.Line, Column: f.Column, Severity: f.Severity, Rule: f.Rule, Message: f.Message}
	if f.Field != "" {
		o.Field = &f.Field
	}
	if f.Account != "" {
		o.Account = &f.Account
	}
	return json.Marshal(o)
}

// String formats the finding like a compiler does:
// "path:line:col: severity: message [rule]".
func (f Finding) String() string {
	pos := f.File
	if f.Line > 0 {
		pos += fmt.Sprintf(":%d", f.Line)
		if f.Column > 0 {
			pos += fmt.Sprintf(":%d", f.Column)
		}
	}
	return fmt.Sprintf("%s: %s: %s [%s]", pos, f.Severity, f.Message, f.Rule)
}
