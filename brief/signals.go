package brief

import (
	"fmt"
	"sort"
	"strings"

	"github.com/acctbook/acct/profile"
	"github.com/acctbook/acct/trend"
)

// FinancialSignals returns the financial signals of an account's profile
// (FORMAT.md section 6: inventory or receivable days up 30% or more, gross
// margin down 3 points or more between the last two periods), computed by
// trend.FinancialSignals over the periods ordered by their end. Periods
// whose label cannot be read are left out. A nil profile gives none.
func FinancialSignals(p *profile.Account) []trend.Signal {
	if p == nil {
		return nil
	}
	fs := make([]profile.Financial, 0, len(p.Financials))
	for _, f := range p.Financials {
		if !f.End.IsZero() {
			fs = append(fs, f)
		}
	}
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].End.Before(fs[j].End) })
	periods := make([]trend.FinancialPeriod, len(fs))
	for i, f := range fs {
		periods[i] = trend.FinancialPeriod{Period: f.Period, InventoryDays: f.InventoryDays,
			ReceivableDays: f.ReceivableDays, GrossMargin: f.GrossMargin}
	}
	return trend.FinancialSignals(p.ID, periods)
}

// SignalText describes a signal in one line in lang: "电源模块:连续 3 个月下降
// (2025-11 → 2026-02,-64%)" or "库存周转天数 30 天 → 60 天(2024 → 2025,+100%)".
func SignalText(lang string, s trend.Signal) string {
	span := ""
	if len(s.Months) > 0 {
		span = s.Months[0] + " → " + s.Months[len(s.Months)-1]
	}
	change := ""
	if s.Change != nil {
		if s.Kind == trend.KindFinancial && s.Measure == "gross_margin" {
			change = fmt.Sprintf("%+.1f%s", *s.Change*100, tr(lang, " 个百分点", " points"))
		} else {
			change = signedPercent(*s.Change)
		}
	}
	paren := func(parts ...string) string {
		var keep []string
		for _, p := range parts {
			if p != "" {
				keep = append(keep, p)
			}
		}
		if len(keep) == 0 {
			return ""
		}
		if lang == "zh" {
			return "(" + strings.Join(keep, ",") + ")"
		}
		return " (" + strings.Join(keep, ", ") + ")"
	}
	switch s.Kind {
	case trend.KindFinancial:
		if len(s.Values) < 2 {
			return word(lang, s.Measure)
		}
		from, to := s.Values[0], s.Values[1]
		var a, b string
		if s.Measure == "gross_margin" {
			a, b = percent(from), percent(to)
		} else {
			a, b = days(lang, from), days(lang, to)
		}
		return word(lang, s.Measure) + " " + a + " → " + b + paren(span, change)
	case trend.KindDecline:
		n := len(s.Months) - 1
		return s.Product + tr(lang, fmt.Sprintf(":连续 %d 个月下降", n), fmt.Sprintf(": down %d months in a row", n)) + paren(span, change)
	case trend.KindSurge:
		return s.Product + tr(lang, ":采购激增", ": purchases surged") + paren(s.Months[len(s.Months)-1], change)
	case trend.KindNew:
		return s.Product + tr(lang, ":新开始采购", ": newly bought") + paren(firstBought(s))
	case trend.KindLapsed:
		return s.Product + tr(lang, ":连续两个月没有采购", ": no purchases for two months") + paren(span)
	}
	return s.Product + ": " + s.Kind
}

// firstBought returns the first month of a new-product signal with a purchase.
func firstBought(s trend.Signal) string {
	for i, v := range s.Values {
		if v > 0 && i < len(s.Months) {
			return s.Months[i]
		}
	}
	return ""
}
