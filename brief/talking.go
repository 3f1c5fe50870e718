package brief

import (
	"fmt"
	"strings"

	"github.com/acctbook/acct/profile"
	"github.com/acctbook/acct/trend"
	"github.com/acctbook/acct/visit"
)

// Point is one talking point: the rule that produced it and its text in
// the brief's language.
type Point struct {
	// Rule names the rule (unconfirmed-visit, disputed-visit, overdue-step,
	// no-decision-maker, single-threaded, blocker, inventory-days,
	// receivable-days, gross-margin, decline, surge, new, lapsed,
	// stale-financials).
	Rule string
	Text string
}

// TalkingPoints derives what to raise in the next meeting from the
// account's state and signals, by rules (issue 5), most urgent first:
// unconfirmed or disputed consensus first (a visit is only an asset once
// confirmed), then promises we have not kept (overdue steps), then gaps in
// the power map (no decision maker, single-threaded, blockers), then the
// financial signals (inventory days up: offer JIT or consignment; receivable
// days up; margin down), then the purchase signals (a product declining: ask
// what changed in their business; surging; new; lapsed).
func TalkingPoints(in Input) []Point {
	lang := in.lang()
	a := in.Account
	var out []Point
	add := func(rule, zh, en string) { out = append(out, Point{rule, tr(lang, zh, en)}) }

	// Unconfirmed visits: each dispute on its own (it has its own note),
	// the visits merely waiting for confirmation in one point.
	type waiting struct{ date, status string }
	var wait []waiting
	var disputes []Point
	for _, v := range newestFirst(a.Visits) {
		if !v.Unconfirmed(in.AsOf, in.Config.Policy.VisitConfirmDays) {
			continue
		}
		d := isoDate(v.Date)
		if v.Confirmation.Status == visit.StatusDisputed {
			note := v.Confirmation.Note
			if note == "" {
				note = tr(lang, "未记录分歧", "no note recorded")
			}
			disputes = append(disputes, Point{"disputed-visit", tr(lang,
				fmt.Sprintf("%s 拜访的共识客户有异议(%s):先把分歧谈清楚,改好后重新发给客户确认", d, note),
				fmt.Sprintf("The customer disputes the consensus of the visit of %s (%s): settle it, correct it and send it again for confirmation", d, note))})
			continue
		}
		wait = append(wait, waiting{d, word(lang, v.Confirmation.Status)})
	}
	switch {
	case len(wait) == 1:
		add("unconfirmed-visit",
			fmt.Sprintf("%s 拜访的共识还没有确认(%s):先让客户确认共识,再谈新的事", wait[0].date, wait[0].status),
			fmt.Sprintf("The consensus of the visit of %s is not confirmed yet (%s): get it confirmed first, before anything new", wait[0].date, wait[0].status))
	case len(wait) > 1:
		var ds []string
		for _, w := range wait {
			ds = append(ds, w.date)
		}
		add("unconfirmed-visit",
			fmt.Sprintf("%d 次拜访的共识还没有确认(%s):先让客户确认共识,再谈新的事", len(wait), join(lang, ds)),
			fmt.Sprintf("The consensus of %d visits is not confirmed yet (%s): get it confirmed first, before anything new", len(wait), join(lang, ds)))
	}
	out = append(out, disputes...)

	var overdue []string
	for _, v := range a.Visits {
		for _, s := range v.Overdue(in.AsOf) {
			if s.Blank() {
				continue // check warns about it; nothing to say to the rep
			}
			overdue = append(overdue, s.Action)
		}
	}
	if len(overdue) > 0 {
		add("overdue-step",
			fmt.Sprintf("有 %d 项下一步已逾期(%s):先兑现承诺,或主动说明新的时间", len(overdue), join(lang, overdue)),
			fmt.Sprintf("%d next step(s) overdue (%s): deliver on what was promised first, or give a new date yourself", len(overdue), join(lang, overdue)))
	}

	pm := profile.NewPowerMap(a.Contacts)
	if len(pm.WithRole("decision-maker")) == 0 {
		add("no-decision-maker", "还不知道谁拍板:弄清楚最后谁签字、谁批预算",
			"No decision maker known: find out who signs and who approves the budget")
	}
	if len(a.Contacts) == 1 {
		c := a.Contacts[0]
		add("single-threaded",
			fmt.Sprintf("只认识 %s 一个人:请 %s 引荐其他部门和上级,避免单线联系", c.DisplayName(), c.DisplayName()),
			fmt.Sprintf("%s is the only contact: ask %s to introduce you to their boss and other departments", c.DisplayName(), c.DisplayName()))
	}
	for _, c := range pm.Contacts {
		if c.Role == "blocker" || c.Stance == "opponent" {
			add("blocker",
				fmt.Sprintf("%s(%s)持反对态度:了解他的顾虑,准备针对性的证据,请内线帮忙沟通", c.DisplayName(), orText(c.Title, profile.RoleLabel(lang, c.Role))),
				fmt.Sprintf("%s (%s) opposes: learn their concerns, bring evidence that answers them, and ask your champion to help", c.DisplayName(), orText(c.Title, profile.RoleLabel(lang, c.Role))))
		}
	}

	for _, s := range FinancialSignals(a.Profile) {
		txt := SignalText(lang, s)
		switch s.Measure {
		case "inventory_days":
			add("inventory-days", txt+":库存压力大,推 JIT 或寄售供货,帮他们少压库存、少占资金",
				txt+": stock is piling up; offer JIT or consignment supply so they hold less inventory and cash")
		case "receivable_days":
			add("receivable-days", txt+":他们的客户回款变慢、现金紧张;谈账期要谨慎,可以提供分期或供应链金融方案",
				txt+": their customers pay more slowly and cash is tight; be careful with payment terms, consider instalments or supply-chain financing")
		case "gross_margin":
			add("gross-margin", txt+":利润被挤压,准备降本方案和总拥有成本(TCO)对比,少谈单价多谈总成本",
				txt+": margins are squeezed; bring a cost-down plan and a total-cost-of-ownership comparison rather than unit price")
		}
	}
	for _, s := range in.Signals {
		txt := SignalText(lang, s)
		switch s.Kind {
		case trend.KindDecline:
			add("decline", txt+":问问他们业务上发生了什么变化(订单、产品切换、换供应商?)",
				txt+": ask what changed in their business (orders, a product change, another supplier?)")
		case trend.KindSurge:
			add("surge", txt+":了解原因,确认我们的产能和交期跟得上,顺势谈年度框架",
				txt+": find out why, make sure our capacity and lead times keep up, and propose a yearly agreement")
		case trend.KindNew:
			add("new", txt+":跟进使用情况和质量反馈,争取扩大份额",
				txt+": follow up on how it performs and aim for a bigger share")
		case trend.KindLapsed:
			add("lapsed", txt+":问清是不是转给了别的供应商,原因是什么",
				txt+": find out whether they moved to another supplier, and why")
		}
	}
	if hasRule(a.Findings, "stale-financials") {
		add("stale-financials", "财务数据已过期:要一份最新的财报或经营数据",
			"The financials are out of date: ask for the latest report")
	}
	return out
}

func hasRule(fs []findingLike, rule string) bool {
	for _, f := range fs {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

func orText(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// ruleLabels are the talking-point rules in a few words, for the dashboard.
var ruleLabels = map[string][2]string{
	"unconfirmed-visit": {"确认共识", "get consensus confirmed"},
	"disputed-visit":    {"处理异议", "settle a dispute"},
	"overdue-step":      {"兑现逾期承诺", "overdue promises"},
	"no-decision-maker": {"找到决策者", "find the decision maker"},
	"single-threaded":   {"多线联系", "single-threaded"},
	"blocker":           {"化解反对者", "win over a blocker"},
	"inventory-days":    {"推 JIT/寄售", "offer JIT/consignment"},
	"receivable-days":   {"关注回款", "watch their cash"},
	"gross-margin":      {"降本方案", "cost-down plan"},
	"decline":           {"问采购下降原因", "ask why purchases fall"},
	"surge":             {"保供", "secure supply"},
	"new":               {"扩大新品份额", "grow a new product"},
	"lapsed":            {"问停购原因", "ask why they stopped"},
	"stale-financials":  {"更新财务数据", "update financials"},
}

// RuleLabel names a talking-point rule (Point.Rule) in a few words in
// lang; an unknown rule is returned as is.
func RuleLabel(lang, rule string) string {
	l, ok := ruleLabels[rule]
	if !ok {
		return rule
	}
	return tr(lang, l[0], l[1])
}
