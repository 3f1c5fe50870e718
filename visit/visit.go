// Package visit is the visit summary (FORMAT.md section 5): what was
// discussed, the consensus agreed with the customer, next steps, and the
// customer's confirmation of that consensus. It reads typed values from a
// parsed document.Document and knows nothing of files, git or terminals.
package visit

import (
	"strings"
	"time"

	"github.com/acctbook/acct/document"
	"gopkg.in/yaml.v3"
)

// Confirmation states (FORMAT.md section 5): a visit turns into an asset
// only when the customer has confirmed its consensus.
const (
	StatusDraft     = "draft"
	StatusSent      = "sent"
	StatusConfirmed = "confirmed"
	StatusDisputed  = "disputed"
)

// Statuses, Channels are the allowed confirmation values.
var (
	Statuses = []string{StatusDraft, StatusSent, StatusConfirmed, StatusDisputed}
	Channels = []string{"wechat", "email", "phone", "in-person"}
)

var (
	text  = &document.Spec{Type: document.Text}
	date  = &document.Spec{Type: document.Date}
	texts = &document.Spec{Type: document.List, Elem: text}
)

// Schema is the front matter of a visit summary (FORMAT.md section 5).
var Schema = &document.Spec{Type: document.Map, Fields: []document.Field{
	{Key: "kind", Spec: text},
	{Key: "date", Spec: date},
	{Key: "attendees", Spec: texts},
	{Key: "team", Spec: texts},
	{Key: "purpose", Spec: text},
	{Key: "consensus", Spec: texts},
	{Key: "next_steps", Spec: &document.Spec{Type: document.List, Elem: &document.Spec{Type: document.Map, Fields: []document.Field{
		{Key: "action", Spec: text},
		{Key: "owner", Spec: text},
		{Key: "due", Spec: date},
		{Key: "done", Spec: &document.Spec{Type: document.Bool}},
	}}}},
	{Key: "confirmation", Spec: &document.Spec{Type: document.Map, Fields: []document.Field{
		{Key: "status", Spec: &document.Spec{Type: document.Enum, Enum: Statuses,
			Synonyms: map[string]string{"草稿": StatusDraft, "已发送": StatusSent, "已确认": StatusConfirmed, "有异议": StatusDisputed}}},
		{Key: "sent", Spec: date},
		{Key: "confirmed", Spec: date},
		{Key: "by", Spec: text},
		{Key: "channel", Spec: &document.Spec{Type: document.Enum, Enum: Channels,
			Synonyms: map[string]string{"微信": "wechat", "邮件": "email", "电话": "phone", "当面": "in-person"}}},
		{Key: "note", Spec: text},
	}}},
}}

// Visit is the typed view of a visit summary.
type Visit struct {
	// ID is the file name without .md (<YYYY-MM-DD>-<slug>); Account the account id.
	ID, Account string
	Doc         *document.Document
	// Date is the day of the visit, zero when missing or invalid.
	Date time.Time
	// Attendees are contact ids of the customer's side; Team is our side.
	Attendees, Team []string
	Purpose         string
	// Consensus are the points agreed with the customer.
	Consensus    []string
	NextSteps    []Step
	Confirmation Confirmation
}

// Step is one next step agreed in a visit.
type Step struct {
	Action, Owner string
	// Due is zero when missing or invalid.
	Due  time.Time
	Done bool
	// Node is the step's mapping, for positions.
	Node *yaml.Node
}

// Confirmation is the customer's confirmation of a visit's consensus.
type Confirmation struct {
	// Status is draft, sent, confirmed or disputed ("draft" when missing).
	Status string
	// Sent and Confirmed are dates, zero when missing.
	Sent, Confirmed time.Time
	// By is the contact id who confirmed; Channel wechat, email, phone or in-person.
	By, Channel, Note string
}

// Parse reads the typed visit from a parsed document. It does not
// validate; use document.Validate with Schema for that.
func Parse(account, id string, d *document.Document) *Visit {
	r := d.Root
	v := &Visit{ID: id, Account: account, Doc: d,
		Date:      dateOf(document.Get(r, "date")),
		Attendees: document.Strs(document.Get(r, "attendees")),
		Team:      document.Strs(document.Get(r, "team")),
		Purpose:   document.Str(document.Get(r, "purpose")),
		Consensus: document.Strs(document.Get(r, "consensus")),
	}
	if ns := document.Get(r, "next_steps"); ns != nil && ns.Kind == yaml.SequenceNode {
		for _, n := range ns.Content {
			done := document.Get(n, "done")
			v.NextSteps = append(v.NextSteps, Step{Node: n,
				Action: document.Str(document.Get(n, "action")), Owner: document.Str(document.Get(n, "owner")),
				Due: dateOf(document.Get(n, "due")), Done: done != nil && done.Tag == "!!bool" && done.Value == "true"})
		}
	}
	c := document.Get(r, "confirmation")
	v.Confirmation = Confirmation{
		Status: StatusDraft,
		Sent:   dateOf(document.Get(c, "sent")), Confirmed: dateOf(document.Get(c, "confirmed")),
		By: document.Str(document.Get(c, "by")), Note: document.Str(document.Get(c, "note")),
	}
	if s, ok := document.EnumValue(Schema.Key("confirmation").Key("status"), document.Str(document.Get(c, "status"))); ok {
		v.Confirmation.Status = s
	}
	if ch, ok := document.EnumValue(Schema.Key("confirmation").Key("channel"), document.Str(document.Get(c, "channel"))); ok {
		v.Confirmation.Channel = ch
	}
	return v
}

// Unconfirmed reports whether the visit is still unconfirmed more than
// days days after it took place, as of asOf (FORMAT.md section 7). A visit
// without a valid date is never reported.
func (v *Visit) Unconfirmed(asOf time.Time, days int) bool {
	if v.Date.IsZero() || v.Confirmation.Status == StatusConfirmed {
		return false
	}
	return DaysBetween(v.Date, asOf) > days
}

// Overdue returns the steps whose due date is before asOf and that are not
// done (FORMAT.md section 7).
func (v *Visit) Overdue(asOf time.Time) []Step {
	var out []Step
	day := Day(asOf)
	for _, s := range v.NextSteps {
		if !s.Done && !s.Due.IsZero() && s.Due.Before(day) {
			out = append(out, s)
		}
	}
	return out
}

// Blank reports whether the step has no action: empty, or still the
// template's placeholder (such as <下一步行动> or TODO; FORMAT.md section 2).
// A blank step is not shown to the customer or the rep (recap, brief);
// acct check warns about it instead.
func (s Step) Blank() bool { return strings.TrimSpace(s.Action) == "" }

// Filled returns the next steps that are not Blank, in file order.
func (v *Visit) Filled() []Step {
	var out []Step
	for _, s := range v.NextSteps {
		if !s.Blank() {
			out = append(out, s)
		}
	}
	return out
}

// Open returns the steps not done yet, leaving out Blank ones.
func (v *Visit) Open() []Step {
	var out []Step
	for _, s := range v.NextSteps {
		if !s.Done && !s.Blank() {
			out = append(out, s)
		}
	}
	return out
}

// Day truncates t to its calendar day, as a midnight UTC time like the
// dates of the format.
func Day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// DaysBetween returns the whole days from a to b (negative when b is earlier).
func DaysBetween(a, b time.Time) int {
	return int(Day(b).Sub(Day(a)).Hours() / 24)
}

func dateOf(n *yaml.Node) time.Time {
	t, _, err := document.ParseDate(document.Str(n))
	if err != nil {
		return time.Time{}
	}
	return t
}
