package cmd

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestStatusGolden renders the dashboard of the demo book: the terminal
// table in Chinese and English, the piped TSV and the JSON.
func TestStatusGolden(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		dir := demoBookDir(t, lang)
		for _, mode := range []string{"table", "tsv", "json"} {
			t.Run(lang+"/"+mode, func(t *testing.T) {
				f, out, _ := testFactory(dir)
				f.IO.OutTTY = mode == "table"
				if err := runStatus(&StatusOptions{F: f, JSON: mode == "json"}); err != nil {
					t.Fatal(err)
				}
				golden(t, "status/"+lang+"."+mode, out.Bytes())
			})
		}
	}
}

// TestStatusOrderAndOwner checks the attention order on the demo book and
// the --owner filter.
func TestStatusOrderAndOwner(t *testing.T) {
	dir := demoBookDir(t, "zh")
	tests := []struct {
		owner string
		want  []string
	}{
		{"", []string{"huaxing", "hengtai", "lanjing"}},
		{"陈晓", []string{"lanjing"}},
		{" 李明 ", []string{"huaxing", "hengtai"}},
		{"nobody", nil},
	}
	for _, tt := range tests {
		f, out, errOut := testFactory(dir)
		if err := runStatus(&StatusOptions{F: f, JSON: true, Owner: tt.owner}); err != nil {
			t.Fatal(err)
		}
		var rows []statusRow
		if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
			t.Fatalf("owner %q: bad JSON %v: %s", tt.owner, err, out)
		}
		var got []string
		for i, r := range rows {
			got = append(got, r.Account)
			if i > 0 && r.Attention > rows[i-1].Attention {
				t.Errorf("rows not sorted by attention: %v", rows)
			}
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("owner %q: got %v, want %v", tt.owner, got, tt.want)
		}
		if tt.want == nil && !strings.Contains(errOut.String(), "负责人有:李明, 陈晓") {
			t.Errorf("unknown owner: stderr %q", errOut)
		}
	}
}

// TestStatusRowScore pins the attention rules on the demo's huaxing row.
func TestStatusRowScore(t *testing.T) {
	dir := demoBookDir(t, "zh")
	a := loadDemoAccount(t, dir, "huaxing")
	f, _, _ := testFactory(dir)
	r := statusRowOf(a, nil, f.Now())
	// 2 unconfirmed + 1 overdue = 9; 3 financial signals = 3; visited 4
	// days ago; complete; tier A x1.5.
	if r.Unconfirmed != 2 || r.Overdue != 1 || len(r.Signals) != 3 || r.Attention != 18 {
		t.Errorf("row %+v", r)
	}
}

func TestDaysAgo(t *testing.T) {
	for _, tt := range []struct {
		lang string
		n    int
		want string
	}{
		{"zh", 3, "3 天前"}, {"zh", 0, "今天"}, {"zh", -2, "2 天后"},
		{"en", 3, "3d ago"}, {"en", 0, "today"}, {"en", -2, "in 2d"},
	} {
		if got := daysAgo(tt.lang, tt.n); got != tt.want {
			t.Errorf("daysAgo(%s, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

// TestStatusTableNextVisit: the terminal table shows the planned visit
// next to the last one, with how far ahead it is, in the book's language.
func TestStatusTableNextVisit(t *testing.T) {
	rows := []statusRow{
		{Account: "hx", Name: "华星", LastVisit: "2026-02-20", DaysSinceVisit: 9, NextVisit: "2026-03-05", DaysToNextVisit: 4, Focus: []string{}},
		{Account: "zz", Name: "中兴", DaysSinceVisit: -1, DaysToNextVisit: -1, Focus: []string{}},
	}
	for _, tt := range []struct{ lang, head, hx, zz string }{
		{"en", "LAST VISIT           NEXT VISIT", "2026-02-20 (9d ago)  2026-03-05 (in 4d)", "-                    -"},
		{"zh", "上次拜访             下次拜访", "2026-02-20 (9 天前)  2026-03-05 (4 天后)", "-                    -"},
	} {
		var b strings.Builder
		writeStatusTable(&b, newPainter(false), tt.lang, rows)
		for _, want := range []string{tt.head, tt.hx, tt.zz} {
			if !strings.Contains(b.String(), want) {
				t.Errorf("%s: want %q in:\n%s", tt.lang, want, b.String())
			}
		}
	}
}
