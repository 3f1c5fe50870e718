package brief

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// words maps an English term of the format (an enum value or a label key)
// to its wording in zh and en.
var words = map[string][2]string{
	// ownership
	"state-owned": {"国企", "state-owned"}, "private": {"民营", "private"}, "foreign": {"外资", "foreign"},
	"joint-venture": {"合资", "joint venture"}, "listed": {"上市公司", "listed"},
	// phase and budget posture
	"growth": {"上升期", "growth"}, "mature": {"成熟期", "mature"}, "decline": {"夕阳期", "decline"},
	"expansion": {"扩张型", "expansion budget"}, "survival": {"保命型", "survival budget"},
	// cash flow
	"healthy": {"现金流健康", "cash flow healthy"}, "tight": {"现金流紧张", "cash flow tight"}, "critical": {"现金流危险", "cash flow critical"},
	// allocation rule
	"lowest-price": {"低价优先", "lowest price wins"}, "quality-first": {"质量优先", "quality first"},
	"relationship": {"看关系", "relationship"}, "mixed": {"综合", "mixed"},
	// confirmation
	"draft": {"草稿,未发送", "draft, not sent"}, "sent": {"已发送,等待确认", "sent, awaiting confirmation"},
	"confirmed": {"已确认", "confirmed"}, "disputed": {"有异议", "disputed"},
	// channels
	"wechat": {"微信", "WeChat"}, "email": {"邮件", "email"}, "phone": {"电话", "phone"}, "in-person": {"当面", "in person"},
	// family
	"wife": {"妻子", "wife"}, "husband": {"丈夫", "husband"}, "daughter": {"女儿", "daughter"}, "son": {"儿子", "son"},
	"father": {"父亲", "father"}, "mother": {"母亲", "mother"}, "spouse": {"配偶", "spouse"}, "child": {"孩子", "child"},
	// financial measures
	"inventory_days": {"库存周转天数", "inventory days (DIO)"}, "receivable_days": {"应收账款周转天数", "receivable days (DSO)"},
	"gross_margin": {"毛利率", "gross margin"},
}

// word returns the wording of term in lang, or term itself when unknown.
func word(lang, term string) string {
	w, ok := words[term]
	if !ok {
		return term
	}
	if lang == "zh" {
		return w[0]
	}
	return w[1]
}

// tr picks the zh or en text.
func tr(lang, zh, en string) string {
	if lang == "zh" {
		return zh
	}
	return en
}

// listSep joins items the language's way: 、 in Chinese, ", " in English.
func join(lang string, items []string) string {
	return strings.Join(items, tr(lang, "、", ", "))
}

// longDate writes a date for people: 2月25日 / February 25 in the year of
// ref, with the year when it differs.
func longDate(lang string, t, ref time.Time) string {
	if t.IsZero() {
		return ""
	}
	if lang == "zh" {
		if t.Year() != ref.Year() {
			return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
		}
		return fmt.Sprintf("%d月%d日", int(t.Month()), t.Day())
	}
	if t.Year() != ref.Year() {
		return t.Format("January 2, 2006")
	}
	return t.Format("January 2")
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// money writes an amount for people: 11.5亿 / 3500万 in Chinese, 1.15 bn /
// 35 m in English, plain below ten thousand.
func money(lang string, v float64) string {
	a := math.Abs(v)
	num := func(x float64) string { return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64) }
	if lang == "zh" {
		switch {
		case a >= 1e8:
			return num(v/1e8) + "亿"
		case a >= 1e4:
			return num(v/1e4) + "万"
		}
		return num(v)
	}
	switch {
	case a >= 1e9:
		return num(v/1e9) + " bn"
	case a >= 1e6:
		return num(v/1e6) + " m"
	case a >= 1e4:
		return num(v/1e3) + " k"
	}
	return num(v)
}

// percent writes a fraction as a percentage: 0.19 -> 19%.
func percent(v float64) string {
	return strconv.FormatFloat(math.Round(v*1000)/10, 'f', -1, 64) + "%"
}

// signedPercent writes a relative change: +100%, -64%.
func signedPercent(v float64) string {
	s := percent(v)
	if v > 0 {
		s = "+" + s
	}
	return s
}

func days(lang string, v float64) string {
	n := strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
	return n + tr(lang, " 天", " days")
}
