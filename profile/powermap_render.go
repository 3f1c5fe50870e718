package profile

import (
	"fmt"
	"sort"
	"strings"
)

// PowerMap is an account's power map (dimension 5, FORMAT.md sections 3
// and 4) drawn from its contact cards: who reports to whom (reports_to),
// each person's role in the decision, stance and influence.
type PowerMap struct {
	// Contacts are the account's contacts, sorted by id.
	Contacts []*Contact
	// Cycles are the reports_to cycles (ReportsToCycles).
	Cycles [][]string
	byID   map[string]*Contact
	kids   map[string][]*Contact
	roots  []*Contact
}

// Warning codes of a power map.
const (
	// WarnNoDecisionMaker: no contact has role decision-maker.
	WarnNoDecisionMaker = "no-decision-maker"
	// WarnSingleThreaded: the account has one contact only.
	WarnSingleThreaded = "single-threaded"
	// WarnCycle: reports_to goes round in a circle.
	WarnCycle = "cycle"
	// WarnNoContacts: the account has no contact cards at all.
	WarnNoContacts = "no-contacts"
)

// MapWarning is a weakness of a power map. Code is one of the Warn*
// constants; IDs are the contacts concerned (the cycle, or the single
// contact).
type MapWarning struct {
	Code string
	IDs  []string
}

// Message says what the warning means and what to do, in lang (zh or en).
func (w MapWarning) Message(lang string) string {
	zh := lang == "zh"
	switch w.Code {
	case WarnNoContacts:
		if zh {
			return "还没有联系人卡片:先弄清楚谁参与采购决策"
		}
		return "no contact cards yet: find out who takes part in the decision"
	case WarnNoDecisionMaker:
		if zh {
			return "没有已知的决策者(role: decision-maker):弄清楚最后谁签字"
		}
		return "no decision maker known (role: decision-maker): find out who signs"
	case WarnSingleThreaded:
		if zh {
			return fmt.Sprintf("只有一个联系人(%s):单线联系风险大,再认识几个人", strings.Join(w.IDs, ""))
		}
		return fmt.Sprintf("single-threaded: %s is the only contact; get to know more people", strings.Join(w.IDs, ""))
	case WarnCycle:
		loop := strings.Join(append(append([]string(nil), w.IDs...), w.IDs[0]), " → ")
		if zh {
			return "reports_to 绕成了一个圈:" + loop + ";其中一人应向圈外的人汇报"
		}
		return "reports_to goes round in a circle: " + loop + "; one of them must report to someone outside it"
	}
	return w.Code
}

// roleRank orders contacts in a map: who decides first, then who supports
// or blocks, then the rest.
var roleRank = map[string]int{"decision-maker": 0, "economic-buyer": 1, "champion": 2, "blocker": 3,
	"influencer": 4, "evaluator": 5, "gatekeeper": 6, "user": 7, "": 8}

var influenceRank = map[string]int{"high": 0, "medium": 1, "low": 2, "": 3}

// NewPowerMap builds the power map of one account's contacts. A reports_to
// naming no contact of the account is ignored here (acct check reports it);
// a contact in a reports_to cycle that no one outside reaches is drawn as a
// root so that every contact appears exactly once in the tree.
func NewPowerMap(contacts []*Contact) *PowerMap {
	m := &PowerMap{byID: map[string]*Contact{}, kids: map[string][]*Contact{}}
	m.Contacts = append(m.Contacts, contacts...)
	sort.Slice(m.Contacts, func(i, j int) bool { return m.Contacts[i].ID < m.Contacts[j].ID })
	for _, c := range m.Contacts {
		m.byID[c.ID] = c
	}
	m.Cycles = ReportsToCycles(m.Contacts)
	for _, c := range m.Contacts {
		if b := m.Boss(c); b != nil {
			m.kids[b.ID] = append(m.kids[b.ID], c)
		} else {
			m.roots = append(m.roots, c)
		}
	}
	for id := range m.kids {
		sortContacts(m.kids[id])
	}
	sortContacts(m.roots)
	// Contacts only reachable through a cycle: break each cycle at its
	// first contact in map order.
	seen := map[string]bool{}
	var mark func(c *Contact)
	mark = func(c *Contact) {
		if seen[c.ID] {
			return
		}
		seen[c.ID] = true
		for _, k := range m.kids[c.ID] {
			mark(k)
		}
	}
	for _, r := range m.roots {
		mark(r)
	}
	for _, cyc := range m.Cycles {
		if !seen[cyc[0]] {
			r := m.byID[cyc[0]]
			m.roots = append(m.roots, r)
			mark(r)
		}
	}
	return m
}

func sortContacts(cs []*Contact) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if ra, rb := roleRank[a.Role], roleRank[b.Role]; ra != rb {
			return ra < rb
		}
		if ia, ib := influenceRank[a.Influence], influenceRank[b.Influence]; ia != ib {
			return ia < ib
		}
		return a.ID < b.ID
	})
}

// Boss returns the contact c reports to, or nil when none is set or the id
// is not a contact of the account.
func (m *PowerMap) Boss(c *Contact) *Contact {
	if c.ReportsTo == "" || c.ReportsTo == c.ID {
		return nil
	}
	return m.byID[c.ReportsTo]
}

// Contact returns the contact with id, or nil.
func (m *PowerMap) Contact(id string) *Contact { return m.byID[id] }

// WithRole returns the contacts whose role is role, in map order.
func (m *PowerMap) WithRole(role string) []*Contact {
	var out []*Contact
	for _, c := range m.ordered() {
		if c.Role == role {
			out = append(out, c)
		}
	}
	return out
}

// WithStance returns the contacts whose stance is stance, in map order.
func (m *PowerMap) WithStance(stance string) []*Contact {
	var out []*Contact
	for _, c := range m.ordered() {
		if c.Stance == stance {
			out = append(out, c)
		}
	}
	return out
}

// ordered returns the contacts sorted by role, influence and id.
func (m *PowerMap) ordered() []*Contact {
	out := append([]*Contact(nil), m.Contacts...)
	sortContacts(out)
	return out
}

// Warnings returns the power map's weaknesses (issue 5): no contacts, no
// decision maker, a single contact, reports_to cycles.
func (m *PowerMap) Warnings() []MapWarning {
	if len(m.Contacts) == 0 {
		return []MapWarning{{Code: WarnNoContacts}}
	}
	var out []MapWarning
	if len(m.WithRole("decision-maker")) == 0 {
		out = append(out, MapWarning{Code: WarnNoDecisionMaker})
	}
	if len(m.Contacts) == 1 {
		out = append(out, MapWarning{Code: WarnSingleThreaded, IDs: []string{m.Contacts[0].ID}})
	}
	for _, cyc := range m.Cycles {
		out = append(out, MapWarning{Code: WarnCycle, IDs: cyc})
	}
	return out
}

// Walk visits the contacts as a tree, bosses before their reports, each
// exactly once: fn gets the contact, its depth (0 for a root) and whether
// it is the last child of its parent (for drawing), plus the same for
// every ancestor (lasts[0] is the root's).
func (m *PowerMap) Walk(fn func(c *Contact, lasts []bool)) {
	seen := map[string]bool{}
	var visit func(c *Contact, lasts []bool)
	visit = func(c *Contact, lasts []bool) {
		seen[c.ID] = true
		fn(c, lasts)
		var kids []*Contact
		for _, k := range m.kids[c.ID] {
			if !seen[k.ID] {
				kids = append(kids, k)
			}
		}
		for i, k := range kids {
			visit(k, append(append([]bool(nil), lasts...), i == len(kids)-1))
		}
	}
	for i, r := range m.roots {
		if !seen[r.ID] {
			visit(r, []bool{i == len(m.roots)-1})
		}
	}
}

// Stance colours shared by Mermaid and DOT: green supports, amber is
// neutral, red opposes, grey is unknown.
var stanceFill = map[string][2]string{
	"supporter": {"#d8f0d8", "#2e7d32"},
	"neutral":   {"#fff3cd", "#b8860b"},
	"opponent":  {"#f8d7da", "#c62828"},
	"unknown":   {"#eeeeee", "#757575"},
	"":          {"#eeeeee", "#757575"},
}

// nodeLines are the lines of a contact's box: name, title, then role,
// stance and influence.
func nodeLines(lang string, c *Contact) []string {
	lines := []string{c.DisplayName()}
	if c.Key {
		if lang == "zh" {
			lines[0] += " (关键人物)"
		} else {
			lines[0] += " (key person)"
		}
	}
	if c.Title != "" {
		lines = append(lines, c.Title)
	}
	var facts []string
	if c.Role != "" {
		r := RoleLabel(lang, c.Role)
		if c.Role == "decision-maker" || c.Role == "champion" || c.Role == "blocker" {
			r = "★ " + r
		}
		facts = append(facts, r)
	}
	stance := c.Stance
	if stance == "" {
		stance = "unknown"
	}
	facts = append(facts, StanceLabel(lang, stance))
	if c.Influence != "" {
		facts = append(facts, InfluenceLabel(lang, c.Influence))
	}
	return append(lines, strings.Join(facts, " · "))
}

// Mermaid renders the map as a Mermaid flowchart (renders in GitLab,
// GitHub and Obsidian): bosses above their reports, fill colour by stance,
// decision makers as hexagons, champions as stadiums and blockers as
// trapezoids, each also marked ★ in its label. title is the account name.
func (m *PowerMap) Mermaid(lang, title string) string {
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	fmt.Fprintf(&b, "  %%%% %s\n", mermaidTitle(title, lang))
	ids := map[string]string{}
	i := 0
	m.Walk(func(c *Contact, _ []bool) {
		ids[c.ID] = fmt.Sprintf("c%d", i)
		i++
	})
	m.Walk(func(c *Contact, _ []bool) {
		text := strings.Join(escapeMermaid(nodeLines(lang, c)), "<br/>")
		open, close := "[\"", "\"]"
		switch c.Role {
		case "decision-maker":
			open, close = "{{\"", "\"}}"
		case "champion":
			open, close = "([\"", "\"])"
		case "blocker":
			open, close = "[/\"", "\"\\]"
		}
		stance := c.Stance
		if stance == "" {
			stance = "unknown"
		}
		fmt.Fprintf(&b, "  %s%s%s%s:::%s\n", ids[c.ID], open, text, close, stance)
	})
	m.Walk(func(c *Contact, _ []bool) {
		if boss := m.Boss(c); boss != nil {
			fmt.Fprintf(&b, "  %s --> %s\n", ids[boss.ID], ids[c.ID])
		}
	})
	for _, s := range []string{"supporter", "neutral", "opponent", "unknown"} {
		fmt.Fprintf(&b, "  classDef %s fill:%s,stroke:%s,color:#000\n", s, stanceFill[s][0], stanceFill[s][1])
	}
	return b.String()
}

func mermaidTitle(name, lang string) string {
	t := name + " power map"
	if lang == "zh" {
		t = name + " 权力地图"
	}
	return strings.Join(escapeMermaid([]string{t}), "")
}

// escapeMermaid makes text safe inside a quoted Mermaid label: quotes and
// the characters Mermaid reads as markup become entity codes.
func escapeMermaid(lines []string) []string {
	r := strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;", "#", "#35;", "\r\n", " ", "\n", " ", "\r", " ")
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = r.Replace(l)
	}
	return out
}

// DOT renders the map as a Graphviz digraph (dot -Tsvg): bosses above
// their reports, fill colour by stance, decision makers with a double
// border, champions in bold, blockers as octagons, each also marked ★.
func (m *PowerMap) DOT(lang, title string) string {
	var b strings.Builder
	t := title + " power map"
	if lang == "zh" {
		t = title + " 权力地图"
	}
	fmt.Fprintf(&b, "digraph powermap {\n  label=%s;\n  labelloc=t;\n  rankdir=TB;\n", dotQuote(t))
	b.WriteString("  node [shape=box, style=\"rounded,filled\", fontname=\"sans-serif\"];\n")
	m.Walk(func(c *Contact, _ []bool) {
		stance := c.Stance
		if stance == "" {
			stance = "unknown"
		}
		attrs := fmt.Sprintf("label=%s, fillcolor=%s, color=%s", dotQuote(strings.Join(nodeLines(lang, c), "\n")),
			dotQuote(stanceFill[stance][0]), dotQuote(stanceFill[stance][1]))
		switch c.Role {
		case "decision-maker":
			attrs += ", peripheries=2, penwidth=2"
		case "champion":
			attrs += ", penwidth=3"
		case "blocker":
			attrs += ", shape=octagon, style=filled, penwidth=2"
		}
		fmt.Fprintf(&b, "  %s [%s];\n", dotQuote(c.ID), attrs)
	})
	m.Walk(func(c *Contact, _ []bool) {
		if boss := m.Boss(c); boss != nil {
			fmt.Fprintf(&b, "  %s -> %s;\n", dotQuote(boss.ID), dotQuote(c.ID))
		}
	})
	b.WriteString("}\n")
	return b.String()
}

// dotQuote writes s as a DOT quoted string; line breaks become \n.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "")
	return `"` + r.Replace(s) + `"`
}

// TextLine is one line of the text tree: the drawing prefix (├── and │
// guides) and the contact.
type TextLine struct {
	Prefix  string
	Contact *Contact
}

// TextTree returns the map as lines of a tree for the terminal, bosses
// above their reports; the caller formats each contact (and its colour).
func (m *PowerMap) TextTree() []TextLine {
	var out []TextLine
	m.Walk(func(c *Contact, lasts []bool) {
		var p strings.Builder
		for i := 1; i < len(lasts); i++ {
			switch {
			case i == len(lasts)-1 && lasts[i]:
				p.WriteString("└── ")
			case i == len(lasts)-1:
				p.WriteString("├── ")
			case lasts[i]:
				p.WriteString("    ")
			default:
				p.WriteString("│   ")
			}
		}
		out = append(out, TextLine{Prefix: p.String(), Contact: c})
	})
	return out
}

// Facts returns the contact's role, stance and influence as one line in
// lang, with decision makers, champions and blockers marked ★ (the text
// tree's and the brief's short form).
func Facts(lang string, c *Contact) string {
	l := nodeLines(lang, c)
	return l[len(l)-1]
}
