package brief

import (
	"strings"
	"testing"
	"time"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/check"
	"github.com/acctbook/acct/profile"
	"github.com/acctbook/acct/trend"
	"github.com/acctbook/acct/visit"
)

var asOf = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// load opens testdata/book (a Chinese fixture book: hx is an A account with
// a blocker, lt is single-threaded without a decision maker, xy is small)
// in lang and loads one account.
func load(t *testing.T, id, lang string) Input {
	t.Helper()
	b, err := book.Open("testdata/book")
	if err != nil {
		t.Fatal(err)
	}
	b.Config.Language = lang
	a, err := check.Load(b, id, asOf)
	if err != nil {
		t.Fatal(err)
	}
	return Input{Account: a, Config: b.Config, AsOf: asOf}
}

func rules(pts []Point) string {
	var out []string
	for _, p := range pts {
		out = append(out, p.Rule)
	}
	return strings.Join(out, ",")
}

func TestTalkingPointsRules(t *testing.T) {
	decline := trend.Signal{Account: "hx", Product: "电源模块", Kind: trend.KindDecline,
		Months: []string{"2025-11", "2025-12", "2026-01", "2026-02"}, Values: []float64{70, 50, 30, 20}}
	tests := []struct {
		id      string
		signals []trend.Signal
		want    string
	}{
		// hx: a sent visit 4 days old and a disputed one, two overdue
		// steps, a blocker, DIO 30 -> 60, DSO 45 -> 70, margin 23% -> 19%,
		// and the decline given.
		{"hx", []trend.Signal{decline}, "unconfirmed-visit,disputed-visit,overdue-step,blocker,inventory-days,receivable-days,gross-margin,decline"},
		// lt: a draft visit, an overdue step, one contact who does not decide.
		{"lt", nil, "unconfirmed-visit,overdue-step,no-decision-maker,single-threaded"},
		{"xy", []trend.Signal{{Product: "ERP", Kind: trend.KindLapsed, Months: []string{"2025-07", "2026-02"}},
			{Product: "新品", Kind: trend.KindNew, Months: []string{"2025-12", "2026-01", "2026-02"}, Values: []float64{0, 5, 6}},
			{Product: "X", Kind: trend.KindSurge, Months: []string{"2026-02"}}}, "single-threaded,lapsed,new,surge"},
	}
	for _, tt := range tests {
		for _, lang := range []string{"zh", "en"} {
			in := load(t, tt.id, lang)
			in.Signals = tt.signals
			pts := TalkingPoints(in)
			if got := rules(pts); got != tt.want {
				t.Errorf("%s %s: rules %s, want %s", tt.id, lang, got, tt.want)
			}
			for _, p := range pts {
				if p.Text == "" {
					t.Errorf("%s %s: empty text for %s", tt.id, lang, p.Rule)
				}
			}
		}
	}
	// The examples, word for word in spirit.
	in := load(t, "hx", "zh")
	in.Signals = []trend.Signal{decline}
	text := Build(in).Text()
	for _, want := range []string{"库存周转天数 30 天 → 60 天", "推 JIT 或寄售供货", "问问他们业务上发生了什么变化", "先让客户确认共识", "李工(质量经理)持反对态度"} {
		if !strings.Contains(text, want) {
			t.Errorf("brief lacks %q", want)
		}
	}
	in = load(t, "lt", "en")
	if text := Build(in).Text(); !strings.Contains(text, "No decision maker known: find out who signs") {
		t.Errorf("English brief lacks the decision maker point:\n%s", text)
	}
}

func TestFamilyAges(t *testing.T) {
	tests := []struct {
		m    profile.FamilyMember
		lang string
		want string
	}{
		{profile.FamilyMember{Relation: "daughter", Name: "妞妞", Born: 2018, Notes: "学钢琴"}, "zh", "女儿 妞妞(8 岁,学钢琴)"},
		{profile.FamilyMember{Relation: "daughter", Name: "妞妞", Born: 2018}, "en", "daughter 妞妞 (age 8)"},
		{profile.FamilyMember{Relation: "wife", Name: "刘芳"}, "zh", "妻子 刘芳"},
		{profile.FamilyMember{Relation: "wife", Name: "Liu Fang", Notes: "teacher"}, "en", "wife Liu Fang (teacher)"},
		{profile.FamilyMember{Relation: "cousin"}, "en", "cousin"},
	}
	for _, tt := range tests {
		if got := familyText(tt.lang, tt.m, asOf); got != tt.want {
			t.Errorf("familyText(%+v, %s) = %q, want %q", tt.m, tt.lang, got, tt.want)
		}
	}
	// In the brief: the fixture's 刘芳 has no born and so no age.
	text := Build(load(t, "hx", "zh")).Text()
	if !strings.Contains(text, "家庭:女儿 妞妞(8 岁,学钢琴,觉得作业多);妻子 刘芳\n") {
		t.Errorf("family line wrong:\n%s", text)
	}
}

func TestSignalText(t *testing.T) {
	ch := func(v float64) *float64 { return &v }
	tests := []struct {
		s    trend.Signal
		lang string
		want string
	}{
		{trend.Signal{Kind: trend.KindFinancial, Measure: "inventory_days", Months: []string{"2024", "2025"}, Values: []float64{30, 60}, Change: ch(1)}, "zh", "库存周转天数 30 天 → 60 天(2024 → 2025,+100%)"},
		{trend.Signal{Kind: trend.KindFinancial, Measure: "gross_margin", Months: []string{"2024", "2025"}, Values: []float64{0.23, 0.19}, Change: ch(-0.04)}, "en", "gross margin 23% → 19% (2024 → 2025, -4.0 points)"},
		{trend.Signal{Kind: trend.KindDecline, Product: "电源模块", Months: []string{"2025-11", "2025-12", "2026-01", "2026-02"}, Change: ch(-0.5)}, "en", "电源模块: down 3 months in a row (2025-11 → 2026-02, -50%)"},
		{trend.Signal{Kind: trend.KindNew, Product: "散热片", Months: []string{"2025-12", "2026-01", "2026-02"}, Values: []float64{0, 6, 9}}, "zh", "散热片:新开始采购(2026-01)"},
	}
	for _, tt := range tests {
		if got := SignalText(tt.lang, tt.s); got != tt.want {
			t.Errorf("SignalText = %q, want %q", got, tt.want)
		}
	}
}

func TestPageRendering(t *testing.T) {
	p := &Page{Lang: "en", Title: "T <x>", Blocks: []Block{
		Heading{1, "Title"},
		Para{"a *star* and <b>tag</b>\nsecond line"},
		Heading{2, "List"},
		List{Ordered: true, Items: []Item{{Text: "1. not a list"}, {Label: "Owner", Text: "[link](x)"}}},
		List{Items: []Item{{Text: "- dash"}, {Text: "# hash"}}},
	}}
	md := p.Markdown()
	for _, want := range []string{`a \*star\* and \<b\>tag\</b\>  ` + "\n", `1. 1\. not a list`, `2. **Owner**: \[link\](x)`, `- \- dash`, `- \# hash`} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	txt := p.Text()
	if want := "Title\n\na *star* and <b>tag</b>\nsecond line\n\n[List]\n1) 1. not a list\n2) Owner: [link](x)\n\n· - dash\n· # hash\n"; txt != want {
		t.Errorf("text:\n%q\nwant\n%q", txt, want)
	}
	h, err := p.HTML()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<title>T &lt;x&gt;</title>", "a *star* and &lt;b&gt;tag&lt;/b&gt;<br>", "<li>1. not a list</li>", "<strong>Owner</strong>: [link](x)"} {
		if !strings.Contains(h, want) {
			t.Errorf("html lacks %q:\n%s", want, h)
		}
	}
	if _, err := p.Render("pdf"); err == nil {
		t.Error("Render(pdf) gave no error")
	}
}

func TestPageOneLine(t *testing.T) {
	p := &Page{Lang: "zh"}
	p.add(Heading{2, "a\nb"}, List{Items: []Item{{Label: "x\r\ny", Text: "line one\n  line two"}}})
	if got := p.Text(); got != "【a b】\n· x y:line one line two\n" {
		t.Errorf("%q", got)
	}
}

// TestTalkingPointsGroupWaitingVisits: visits waiting for confirmation make
// one point, before each dispute.
func TestTalkingPointsGroupWaitingVisits(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	a := &check.Account{ID: "x", Visits: []*visit.Visit{
		{ID: "1", Date: day("2026-01-05"), Confirmation: visit.Confirmation{Status: visit.StatusDraft}},
		{ID: "2", Date: day("2026-02-01"), Confirmation: visit.Confirmation{Status: visit.StatusDisputed, Note: "价格"}},
		{ID: "3", Date: day("2026-02-10"), Confirmation: visit.Confirmation{Status: visit.StatusSent}},
		{ID: "4", Date: day("2026-02-28"), Confirmation: visit.Confirmation{Status: visit.StatusSent}}, // within 3 days
		{ID: "5", Date: day("2026-01-20"), Confirmation: visit.Confirmation{Status: visit.StatusConfirmed}},
	}, Contacts: []*profile.Contact{{ID: "a", Role: "decision-maker"}, {ID: "b"}}}
	pts := TalkingPoints(Input{Account: a, Config: book.DefaultConfig(), AsOf: asOf})
	if rules(pts) != "unconfirmed-visit,disputed-visit" {
		t.Fatalf("rules %s", rules(pts))
	}
	if want := "2 次拜访的共识还没有确认(2026-02-10、2026-01-05)"; !strings.HasPrefix(pts[0].Text, want) {
		t.Errorf("got %q, want prefix %q", pts[0].Text, want)
	}
	if !strings.Contains(pts[1].Text, "2026-02-01 拜访的共识客户有异议(价格)") {
		t.Errorf("got %q", pts[1].Text)
	}
}
