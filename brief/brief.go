package brief

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/check"
	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/profile"
	"github.com/acctbook/acct/trend"
	"github.com/acctbook/acct/visit"
)

// Input is what the pre-visit brief of one account is built from.
type Input struct {
	// Account is the loaded account (check.Load), with its documents.
	Account *check.Account
	// Config is the book's settings: language and policy.
	Config *book.Config
	// AsOf is the day the brief is for: ages, overdue steps, unconfirmed visits.
	AsOf time.Time
	// Signals are the account's purchase signals (FORMAT.md section 6);
	// financial signals are computed from the profile.
	Signals []trend.Signal
	// SignalsAsOf is the as-of month of the purchase signals (YYYY-MM), ""
	// when the account has no purchase data.
	SignalsAsOf string
}

func (in Input) lang() string {
	if in.Config != nil && in.Config.Language == "en" {
		return "en"
	}
	return "zh"
}

// findingLike is a check finding (alias kept short for the rules).
type findingLike = document.Finding

// Build makes the pre-visit brief (issue 5): the account's tier, owner and
// completeness; talking points; the eight dimensions condensed, with what is
// still missing; the power map in short; each key person's card with family
// ages computed from born (never stored; no born, no age); the last three
// visits with their consensus and confirmation state; open and overdue next
// steps; and the purchase and financial signals.
func Build(in Input) *Page {
	lang := in.lang()
	a := in.Account
	name := a.ID
	if a.Profile != nil {
		name = a.Profile.DisplayName()
	}
	p := &Page{Lang: lang, Title: tr(lang, "拜访前简报:", "Pre-visit brief: ") + name}
	p.add(Heading{1, p.Title})
	p.add(Para{headerLine(in)})

	p.add(Heading{2, tr(lang, "谈话要点", "Talking points")})
	if pts := TalkingPoints(in); len(pts) > 0 {
		var items []Item
		for _, pt := range pts {
			items = append(items, Item{Text: pt.Text})
		}
		p.add(List{Ordered: true, Items: items})
	} else {
		p.add(Para{tr(lang, "没有需要特别处理的信号。", "No signal needs special attention.")})
	}

	p.add(Heading{2, tr(lang, "客户概况(八个维度)", "The account in eight dimensions")})
	p.add(List{Items: dimensions(in)})
	if miss := missingFields(a); len(miss) > 0 {
		p.add(Para{tr(lang, "还缺:", "Still missing: ") + join(lang, miss)})
	}

	p.add(Heading{2, tr(lang, "权力地图", "Power map")})
	p.add(List{Items: powerMapItems(lang, a)})

	p.add(Heading{2, tr(lang, "关键人物", "Key people")})
	keys := 0
	for _, c := range orderedContacts(a.Contacts) {
		if !c.Key {
			continue
		}
		keys++
		p.add(Heading{3, contactHeading(c)})
		p.add(List{Items: personCard(lang, c, in.AsOf)})
	}
	if keys == 0 {
		p.add(Para{tr(lang, "还没有标为关键人物(key: true)的联系人。", "No contact is marked as a key person (key: true) yet.")})
	}

	p.add(Heading{2, tr(lang, "最近拜访", "Recent visits")})
	recent := newestFirst(a.Visits)
	if len(recent) > 3 {
		recent = recent[:3]
	}
	if len(recent) == 0 {
		p.add(Para{tr(lang, "还没有拜访记录。", "No visits recorded yet.")})
	}
	for _, v := range recent {
		h := isoDate(v.Date)
		if v.Purpose != "" {
			h += " " + v.Purpose
		}
		p.add(Heading{3, h})
		items := []Item{{Label: tr(lang, "确认状态", "Confirmation"), Text: confirmationText(lang, v, a, in.AsOf, in.Config)}}
		if len(v.Consensus) == 0 {
			items = append(items, Item{Label: tr(lang, "共识", "Consensus"), Text: tr(lang, "(未记录)", "(none recorded)")})
		}
		for _, c := range v.Consensus {
			items = append(items, Item{Label: tr(lang, "共识", "Consensus"), Text: c})
		}
		p.add(List{Items: items})
	}

	p.add(Heading{2, tr(lang, "下一步", "Next steps")})
	if steps := openSteps(lang, a.Visits, in.AsOf); len(steps) > 0 {
		p.add(List{Items: steps})
	} else {
		p.add(Para{tr(lang, "没有未完成的下一步。", "No open next steps.")})
	}

	p.add(Heading{2, tr(lang, "信号", "Signals")})
	var sig []Item
	for _, s := range FinancialSignals(a.Profile) {
		sig = append(sig, Item{Label: tr(lang, "财务", "Financials"), Text: SignalText(lang, s)})
	}
	for _, s := range in.Signals {
		sig = append(sig, Item{Label: tr(lang, "采购", "Purchases"), Text: SignalText(lang, s)})
	}
	if len(sig) > 0 {
		p.add(List{Items: sig})
	} else {
		p.add(Para{tr(lang, "财务和采购数据没有触发信号。", "The financials and purchases show no signal.")})
	}
	if in.SignalsAsOf != "" {
		p.add(Para{tr(lang, "采购信号截至 "+in.SignalsAsOf+"。", "Purchase signals as of "+in.SignalsAsOf+".")})
	} else {
		p.add(Para{tr(lang, "没有采购数据(purchases/)。", "No purchase data (purchases/).")})
	}
	return p
}

// headerLine is tier, owner, completeness and the date of the brief.
func headerLine(in Input) string {
	lang := in.lang()
	a := in.Account
	var parts []string
	if a.Profile != nil {
		if a.Profile.Tier != "" {
			parts = append(parts, tr(lang, a.Profile.Tier+" 级客户", "Tier "+a.Profile.Tier))
		}
		if a.Profile.Owner != "" {
			parts = append(parts, tr(lang, "负责人 ", "owner ")+a.Profile.Owner)
		}
	}
	parts = append(parts, fmt.Sprintf(tr(lang, "资料完整度 %.0f%%(%d/%d)", "profile %.0f%% complete (%d/%d)"),
		a.Completeness()*100, a.Present, a.Required))
	parts = append(parts, tr(lang, "截至 ", "as of ")+isoDate(in.AsOf))
	return strings.Join(parts, " · ")
}

// dimensions condenses the eight dimensions of FORMAT.md section 3 to one
// line each; an empty dimension says so.
func dimensions(in Input) []Item {
	lang := in.lang()
	a := in.Account
	pr := a.Profile
	none := tr(lang, "(空)", "(empty)")
	line := func(parts ...string) string {
		var keep []string
		for _, p := range parts {
			if strings.TrimSpace(p) != "" {
				keep = append(keep, p)
			}
		}
		if len(keep) == 0 {
			return none
		}
		return strings.Join(keep, tr(lang, ";", "; "))
	}
	labels := []string{tr(lang, "1 公司概要", "1 Company overview"), tr(lang, "2 主营业务", "2 Main business"),
		tr(lang, "3 财务状况", "3 Financials"), tr(lang, "4 客户解读", "4 Strategy"), tr(lang, "5 权力地图", "5 Power map"),
		tr(lang, "6 关键人物", "6 Key people"), tr(lang, "7 供应商", "7 Suppliers"), tr(lang, "8 流程 & IT", "8 Process & IT")}
	if pr == nil {
		items := make([]Item, len(labels))
		for i, l := range labels {
			items[i] = Item{Label: l, Text: tr(lang, "(account.md 无法读取)", "(account.md cannot be read)")}
		}
		return items
	}
	o := pr.Overview
	emp, founded := "", ""
	if o.Employees > 0 {
		emp = tr(lang, strconv.Itoa(o.Employees)+" 人", strconv.Itoa(o.Employees)+" employees")
	}
	if o.Founded > 0 {
		founded = tr(lang, strconv.Itoa(o.Founded)+" 年成立", "founded "+strconv.Itoa(o.Founded))
	}
	enum := func(v string) string {
		if v == "" {
			return ""
		}
		return word(lang, v)
	}
	items := []Item{{Label: labels[0], Text: line(enum(o.Ownership), o.Industry, o.Headquarters, emp, founded)}}
	bz := pr.Business
	items = append(items, Item{Label: labels[1], Text: line(join(lang, bz.MainProducts), enum(bz.Phase), enum(bz.BudgetPosture))})
	items = append(items, Item{Label: labels[2], Text: line(financialLine(lang, pr))})
	st := pr.Strategy
	sp, bp, pri, budget := "", "", "", ""
	if st.StrategicPlan != "" {
		sp = "SP " + st.StrategicPlan
	}
	if st.BusinessPlan != "" {
		bp = "BP " + st.BusinessPlan
	}
	if len(st.Priorities) > 0 {
		pri = tr(lang, "重点:", "priorities: ") + join(lang, st.Priorities)
	}
	if st.BudgetApproved != nil {
		budget = tr(lang, "预算未批", "budget not approved")
		if *st.BudgetApproved {
			budget = tr(lang, "预算已批", "budget approved")
		}
	}
	items = append(items, Item{Label: labels[3], Text: line(sp, bp, pri, budget)})
	items = append(items, Item{Label: labels[4], Text: line(pr.DecisionProcess)})
	var keyNames []string
	for _, c := range orderedContacts(a.Contacts) {
		if c.Key {
			keyNames = append(keyNames, c.DisplayName())
		}
	}
	items = append(items, Item{Label: labels[5], Text: line(join(lang, keyNames))})
	var inc []string
	for _, s := range pr.Suppliers.Incumbents {
		t := s.Name
		var extra []string
		if s.Share != nil {
			extra = append(extra, percent(*s.Share))
		}
		if len(s.Products) > 0 {
			extra = append(extra, join(lang, s.Products))
		}
		if len(extra) > 0 {
			t += tr(lang, "(", " (") + strings.Join(extra, tr(lang, ",", ", ")) + ")"
		}
		inc = append(inc, t)
	}
	items = append(items, Item{Label: labels[6], Text: line(enum(pr.Suppliers.AllocationRule), join(lang, inc))})
	pi := pr.ProcessIT
	erp, dm := "", ""
	if pi.ERP != "" {
		erp = "ERP " + pi.ERP
	}
	if pi.DigitalMaturity > 0 {
		dm = tr(lang, "数字化 ", "digital maturity ") + strconv.Itoa(pi.DigitalMaturity) + "/5"
	}
	items = append(items, Item{Label: labels[7], Text: line(pi.ProcurementProcess, erp, dm, join(lang, pi.Systems))})
	return items
}

// financialLine is the newest period with the one before for comparison.
func financialLine(lang string, pr *profile.Account) string {
	latest := pr.Latest()
	if latest == nil {
		return ""
	}
	var prev *profile.Financial
	for i := range pr.Financials {
		f := &pr.Financials[i]
		if f != latest && !f.End.IsZero() && f.End.Before(latest.End) && (prev == nil || f.End.After(prev.End)) {
			prev = f
		}
	}
	fig := func(cur, old *float64, show func(float64) string) string {
		if cur == nil {
			return tr(lang, "缺", "missing")
		}
		s := show(*cur)
		if old != nil {
			s = show(*old) + " → " + s
		}
		return s
	}
	get := func(sel func(f *profile.Financial) *float64) *float64 {
		if prev == nil {
			return nil
		}
		return sel(prev)
	}
	head := latest.Period
	if prev != nil {
		head = prev.Period + " → " + latest.Period
	}
	parts := []string{
		head,
		tr(lang, "营收 ", "revenue ") + fig(latest.Revenue, get(func(f *profile.Financial) *float64 { return f.Revenue }), func(v float64) string { return money(lang, v) }),
		tr(lang, "毛利 ", "gross margin ") + fig(latest.GrossMargin, get(func(f *profile.Financial) *float64 { return f.GrossMargin }), percent),
		tr(lang, "库存天数 ", "DIO ") + fig(latest.InventoryDays, get(func(f *profile.Financial) *float64 { return f.InventoryDays }), func(v float64) string { return days(lang, v) }),
		tr(lang, "应收天数 ", "DSO ") + fig(latest.ReceivableDays, get(func(f *profile.Financial) *float64 { return f.ReceivableDays }), func(v float64) string { return days(lang, v) }),
	}
	if latest.CashFlow != "" {
		parts = append(parts, word(lang, latest.CashFlow))
	}
	return strings.Join(parts, tr(lang, ",", ", "))
}

// missingFields lists the policy fields the account still lacks
// (missing-field findings of account.md).
func missingFields(a *check.Account) []string {
	var out []string
	for _, f := range a.Findings {
		if f.Rule == document.RuleMissingField && strings.HasSuffix(f.File, "/account.md") && f.Field != "" {
			out = append(out, f.Field)
		}
	}
	return out
}

// powerMapItems is the power map in short: who decides, who supports, who
// blocks, and the map's warnings.
func powerMapItems(lang string, a *check.Account) []Item {
	pm := profile.NewPowerMap(a.Contacts)
	names := func(cs []*profile.Contact) string {
		if len(cs) == 0 {
			return tr(lang, "未知", "unknown")
		}
		var out []string
		for _, c := range cs {
			n := c.DisplayName()
			if c.Title != "" {
				n += tr(lang, "("+c.Title+")", " ("+c.Title+")")
			}
			out = append(out, n)
		}
		return join(lang, out)
	}
	var blockers []*profile.Contact
	for _, c := range orderedContacts(a.Contacts) {
		if c.Role == "blocker" || c.Stance == "opponent" {
			blockers = append(blockers, c)
		}
	}
	items := []Item{
		{Label: tr(lang, "拍板", "Decides"), Text: names(pm.WithRole("decision-maker"))},
		{Label: tr(lang, "内线", "Champions"), Text: names(pm.WithRole("champion"))},
		{Label: tr(lang, "支持", "Supporters"), Text: names(pm.WithStance("supporter"))},
		{Label: tr(lang, "反对", "Blockers"), Text: names(blockers)},
	}
	if len(blockers) == 0 {
		items[3].Text = tr(lang, "无已知反对者", "none known")
	}
	if eb := pm.WithRole("economic-buyer"); len(eb) > 0 {
		items = append(items[:1], append([]Item{{Label: tr(lang, "批预算", "Economic buyer"), Text: names(eb)}}, items[1:]...)...)
	}
	for _, w := range pm.Warnings() {
		items = append(items, Item{Label: tr(lang, "注意", "Warning"), Text: w.Message(lang)})
	}
	return items
}

func orderedContacts(cs []*profile.Contact) []*profile.Contact {
	out := append([]*profile.Contact(nil), cs...)
	sort.SliceStable(out, func(i, j int) bool {
		if ri, rj := roleOrder(out[i].Role), roleOrder(out[j].Role); ri != rj {
			return ri < rj
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func roleOrder(role string) int {
	switch role {
	case "decision-maker":
		return 0
	case "economic-buyer":
		return 1
	case "champion":
		return 2
	case "blocker":
		return 3
	case "":
		return 9
	}
	return 5
}

func contactHeading(c *profile.Contact) string {
	parts := []string{c.DisplayName()}
	if c.Title != "" {
		parts = append(parts, c.Title)
	}
	if c.Department != "" {
		parts = append(parts, c.Department)
	}
	return strings.Join(parts, " · ")
}

// personCard is a key person's card: role, traits, interests, preferences,
// family (ages computed from born as of asOf), pain points, KPIs, career,
// last contact and how to reach them.
func personCard(lang string, c *profile.Contact, asOf time.Time) []Item {
	var items []Item
	add := func(zh, en, text string) {
		if strings.TrimSpace(text) != "" {
			items = append(items, Item{Label: tr(lang, zh, en), Text: text})
		}
	}
	add("角色", "Role", profile.Facts(lang, c))
	add("性格", "Traits", c.Traits)
	add("兴趣", "Interests", join(lang, c.Interests))
	for _, pf := range c.Preferences {
		add("偏好", "Preference", pf.Key+tr(lang, ":", ": ")+pf.Value)
	}
	var fam []string
	for _, m := range c.Family {
		fam = append(fam, familyText(lang, m, asOf))
	}
	add("家庭", "Family", strings.Join(fam, tr(lang, ";", "; ")))
	add("痛点", "Pain points", join(lang, c.PainPoints))
	add("KPI", "KPIs", join(lang, c.KPI))
	add("职业诉求", "Career", c.Career)
	if !c.LastContact.IsZero() {
		n := visit.DaysBetween(c.LastContact, asOf)
		add("上次联系", "Last contact", isoDate(c.LastContact)+tr(lang, fmt.Sprintf("(%d 天前)", n), fmt.Sprintf(" (%d days ago)", n)))
	}
	var reach []string
	if c.Phone != "" {
		reach = append(reach, tr(lang, "电话 ", "phone ")+c.Phone)
	}
	if c.WeChat != "" {
		reach = append(reach, tr(lang, "微信 ", "WeChat ")+c.WeChat)
	}
	if c.Email != "" {
		reach = append(reach, c.Email)
	}
	add("联系方式", "Reach", join(lang, reach))
	return items
}

// familyText is one family member: relation, name, age and notes. The age
// is computed from born as of asOf and left out when born is unknown
// (FORMAT.md section 2: ages go stale, so only the year of birth is stored).
func familyText(lang string, m profile.FamilyMember, asOf time.Time) string {
	var head []string
	if m.Relation != "" {
		head = append(head, word(lang, m.Relation))
	}
	if m.Name != "" {
		head = append(head, m.Name)
	}
	var extra []string
	if age, ok := m.Age(asOf); ok {
		extra = append(extra, tr(lang, strconv.Itoa(age)+" 岁", "age "+strconv.Itoa(age)))
	}
	if m.Notes != "" {
		extra = append(extra, m.Notes)
	}
	t := strings.Join(head, " ")
	if len(extra) > 0 {
		if lang == "zh" {
			t += "(" + strings.Join(extra, ",") + ")"
		} else {
			t += " (" + strings.Join(extra, ", ") + ")"
		}
	}
	return strings.TrimSpace(t)
}

// newestFirst returns visits ordered by date, newest first (then id).
func newestFirst(vs []*visit.Visit) []*visit.Visit {
	out := append([]*visit.Visit(nil), vs...)
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Date.Equal(out[j].Date) {
			return out[i].Date.After(out[j].Date)
		}
		return out[i].ID > out[j].ID
	})
	return out
}

// confirmationText is a visit's confirmation state for people.
func confirmationText(lang string, v *visit.Visit, a *check.Account, asOf time.Time, cfg *book.Config) string {
	c := v.Confirmation
	switch c.Status {
	case visit.StatusConfirmed:
		var parts []string
		if c.By != "" {
			who := c.By
			if ct := a.Contact(c.By); ct != nil {
				who = ct.DisplayName()
			}
			parts = append(parts, who)
		}
		if !c.Confirmed.IsZero() {
			parts = append(parts, isoDate(c.Confirmed))
		}
		if c.Channel != "" {
			parts = append(parts, word(lang, c.Channel))
		}
		t := word(lang, "confirmed")
		if len(parts) > 0 {
			t += tr(lang, "("+strings.Join(parts, ",")+")", " ("+strings.Join(parts, ", ")+")")
		}
		return t
	case visit.StatusDisputed:
		t := word(lang, "disputed")
		if c.Note != "" {
			t += tr(lang, ":", ": ") + c.Note
		}
		return t
	}
	t := word(lang, c.Status)
	if c.Status == visit.StatusSent && !c.Sent.IsZero() {
		t = tr(lang, isoDate(c.Sent)+" 已发送,等待确认", "sent "+isoDate(c.Sent)+", awaiting confirmation")
	}
	days := 3
	if cfg != nil {
		days = cfg.Policy.VisitConfirmDays
	}
	if v.Unconfirmed(asOf, days) {
		n := visit.DaysBetween(v.Date, asOf)
		t += tr(lang, fmt.Sprintf("(拜访后 %d 天仍未确认)", n), fmt.Sprintf(" (still unconfirmed %d days after the visit)", n))
	}
	return t
}

// openSteps lists the steps not done, overdue first, then by due date.
func openSteps(lang string, vs []*visit.Visit, asOf time.Time) []Item {
	type row struct {
		s       visit.Step
		overdue bool
	}
	var rows []row
	for _, v := range vs {
		for _, s := range v.Open() {
			rows = append(rows, row{s, !s.Due.IsZero() && s.Due.Before(visit.Day(asOf))})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].overdue != rows[j].overdue {
			return rows[i].overdue
		}
		di, dj := rows[i].s.Due, rows[j].s.Due
		if di.IsZero() != dj.IsZero() {
			return !di.IsZero()
		}
		return di.Before(dj)
	})
	var items []Item
	for _, r := range rows {
		label := tr(lang, "待办", "Open")
		if r.overdue {
			label = tr(lang, "逾期", "Overdue")
		}
		t := r.s.Action
		var who []string
		if r.s.Owner != "" {
			who = append(who, r.s.Owner)
		}
		if !r.s.Due.IsZero() {
			who = append(who, tr(lang, isoDate(r.s.Due)+" 到期", "due "+isoDate(r.s.Due)))
		}
		if len(who) > 0 {
			t += tr(lang, "("+strings.Join(who, ",")+")", " ("+strings.Join(who, ", ")+")")
		}
		items = append(items, Item{Label: label, Text: t})
	}
	return items
}
