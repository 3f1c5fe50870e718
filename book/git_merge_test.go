package book

import (
	"strings"
	"testing"

	"github.com/acctbook/acct/document"
)

var testLabels = MergeLabels{Ours: "ours (A, 2026-03-01)", Theirs: "theirs (B, 2026-03-02)"}

func TestMergeText(t *testing.T) {
	tests := []struct {
		name               string
		base, ours, theirs string
		want               string
		conflicts          int
	}{
		{"only ours", "a\nb\nc\n", "a\nB\nc\n", "a\nb\nc\n", "a\nB\nc\n", 0},
		{"only theirs", "a\nb\nc\n", "a\nb\nc\n", "a\nb\nC\n", "a\nb\nC\n", 0},
		{"different lines", "a\nb\nc\nd\ne\n", "A\nb\nc\nd\ne\n", "a\nb\nc\nd\nE\n", "A\nb\nc\nd\nE\n", 0},
		{"adjacent lines", "a\nb\nc\n", "A\nb\nc\n", "a\nB\nc\n", "A\nB\nc\n", 0},
		{"same change", "a\nb\nc\n", "a\nX\nc\n", "a\nX\nc\n", "a\nX\nc\n", 0},
		{"same line differently", "a\nb\nc\n", "a\nours\nc\n", "a\ntheirs\nc\n",
			"a\n<<<<<<< ours (A, 2026-03-01)\nours\n=======\ntheirs\n>>>>>>> theirs (B, 2026-03-02)\nc\n", 1},
		{"both append differently", "a\n", "a\nb\n", "a\nc\n",
			"a\n<<<<<<< ours (A, 2026-03-01)\nb\n=======\nc\n>>>>>>> theirs (B, 2026-03-02)\n", 1},
		{"delete vs edit elsewhere", "a\nb\nc\nd\n", "a\nc\nd\n", "a\nb\nc\nD\n", "a\nc\nD\n", 0},
		{"added on both sides, empty base", "", "x\ny\n", "x\ny\n", "x\ny\n", 0},
		{"no final newline", "a\nb", "a\nB", "A\nb", "A\nB", 0},
		{"conflict without final newline", "a\nb", "a\nB", "a\nC",
			"a\n<<<<<<< ours (A, 2026-03-01)\nB\n=======\nC\n>>>>>>> theirs (B, 2026-03-02)\n", 1},
		{"overlapping blocks narrowed line by line", "1\n2\n3\n", "1\nB\nC\n", "A\nX\n3\n",
			"A\n<<<<<<< ours (A, 2026-03-01)\nB\n=======\nX\n>>>>>>> theirs (B, 2026-03-02)\nC\n", 1},
		{"common start and end of a conflict trimmed", "a\nb\n", "a\nx\ny\nz\n", "a\nx\nq\nz\n",
			"a\nx\n<<<<<<< ours (A, 2026-03-01)\ny\n=======\nq\n>>>>>>> theirs (B, 2026-03-02)\nz\n", 1},
		{"two conflicts, clean middle", "1\n2\n3\n4\n5\n", "x\n2\n3\n4\ny\n", "p\n2\nM\n4\nq\n",
			"<<<<<<< ours (A, 2026-03-01)\nx\n=======\np\n>>>>>>> theirs (B, 2026-03-02)\n2\nM\n4\n<<<<<<< ours (A, 2026-03-01)\ny\n=======\nq\n>>>>>>> theirs (B, 2026-03-02)\n", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, cs := MergeText([]byte(tc.base), []byte(tc.ours), []byte(tc.theirs), testLabels)
			if string(got) != tc.want {
				t.Errorf("merged:\n%s\nwant:\n%s", got, tc.want)
			}
			if len(cs) != tc.conflicts {
				t.Errorf("conflicts = %v, want %d", cs, tc.conflicts)
			}
		})
	}
}

const baseAccount = `---
kind: account
name: 华星电子
aliases: [华星, HX]
owner: 李明
tier: B                 # A | B | C
financials:
  - period: 2024
    revenue: 12亿
    inventory_days: 30
    receivable_days: 45
suppliers:
  incumbents:
    - name: 竞争对手甲
      share: 60%
---
## 公司概要
第一行
第二行
第三行
`

func TestMergeDocument(t *testing.T) {
	edit := func(pairs ...string) string { return strings.NewReplacer(pairs...).Replace(baseAccount) }
	tests := []struct {
		name               string
		base, ours, theirs string
		// want lists substrings of the result, in order
		want      []string
		not       []string
		conflicts []string // fields ("" = body)
	}{
		{
			name: "different fields on adjacent lines",
			base: baseAccount,
			ours: edit("inventory_days: 30", "inventory_days: 60"), theirs: edit("receivable_days: 45", "receivable_days: 70"),
			want: []string{"inventory_days: 60", "receivable_days: 70"},
		},
		{
			name: "different fields far apart keep the formatting",
			base: baseAccount,
			ours: edit("tier: B ", "tier: A "), theirs: edit("share: 60%", "share: 40%"),
			want: []string{"tier: A                 # A | B | C", "share: 40%"},
		},
		{
			name:      "same field differently: conflict around just that field",
			base:      baseAccount,
			ours:      edit("inventory_days: 30", "inventory_days: 60", "owner: 李明", "owner: 王军"),
			theirs:    edit("inventory_days: 30", "inventory_days: 90", "receivable_days: 45", "receivable_days: 50"),
			want:      []string{"owner: 王军", "<<<<<<< ours (A, 2026-03-01)\n    inventory_days: 60\n=======\n    inventory_days: 90\n>>>>>>> theirs (B, 2026-03-02)\n", "receivable_days: 50"},
			conflicts: []string{"financials.2024.inventory_days"},
		},
		{
			name:   "new period on one side, edit of the old on the other",
			base:   baseAccount,
			ours:   edit("    receivable_days: 45\n", "    receivable_days: 45\n  - period: 2025\n    revenue: 11亿\n"),
			theirs: edit("revenue: 12亿", "revenue: 13亿", "tier: B ", "tier: C "),
			want:   []string{"tier: C", "revenue: 13亿", "period: 2025", "revenue: 11亿"},
		},
		{
			name: "aliases added on both sides",
			base: baseAccount,
			ours: edit("[华星, HX]", "[华星, HX, 华星集团]", "第一行", "第一行改"), theirs: edit("[华星, HX]", "[华星, HX, HX Group]", "第三行", "第三行改"),
			want: []string{"aliases: [华星, HX, HX Group, 华星集团]", "第一行改\n第二行\n第三行改\n"},
		},
		{
			name: "same body line differently: conflict in the body only",
			base: baseAccount,
			ours: edit("第二行", "我们的第二行", "tier: B ", "tier: A "), theirs: edit("第二行", "他们的第二行"),
			want:      []string{"tier: A", "第一行\n<<<<<<< ours (A, 2026-03-01)\n我们的第二行\n=======\n他们的第二行\n>>>>>>> theirs (B, 2026-03-02)\n第三行\n"},
			conflicts: []string{""},
		},
		{
			name:   "contact added on both sides with the same id",
			base:   "",
			ours:   "---\nkind: contact\nname: 张大同\ntitle: 采购部长\nstance: supporter\n---\n",
			theirs: "---\nkind: contact\nname: 张大同\nphone: \"+86 138\"\nstance: supporter\n---\n",
			want:   []string{"name: 张大同", "phone: \"+86 138\"", "title: 采购部长", "stance: supporter"},
			not:    []string{"<<<<<<<"},
		},
		{
			name: "field deleted on one side, changed on the other",
			base: baseAccount,
			ours: edit("owner: 李明\n", ""), theirs: edit("owner: 李明", "owner: 王军"),
			want:      []string{"<<<<<<< ours (A, 2026-03-01)\n=======\nowner: 王军\n>>>>>>> theirs (B, 2026-03-02)\n"},
			conflicts: []string{"owner"},
		},
		{
			name:   "CRLF kept",
			base:   strings.ReplaceAll(baseAccount, "\n", "\r\n"),
			ours:   strings.ReplaceAll(edit("inventory_days: 30", "inventory_days: 60"), "\n", "\r\n"),
			theirs: strings.ReplaceAll(edit("receivable_days: 45", "receivable_days: 70"), "\n", "\r\n"),
			want:   []string{"inventory_days: 60\r\n", "receivable_days: 70\r\n"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, cs := MergeDocument([]byte(tc.base), []byte(tc.ours), []byte(tc.theirs), testLabels)
			s := string(got)
			rest := s
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("merged text lacks (in order) %q:\n%s", w, s)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tc.not {
				if strings.Contains(s, n) {
					t.Errorf("merged text holds %q:\n%s", n, s)
				}
			}
			if len(cs) != len(tc.conflicts) {
				t.Fatalf("conflicts = %+v, want fields %q\n%s", cs, tc.conflicts, s)
			}
			lines := strings.Split(s, "\n")
			for i, c := range cs {
				if c.Field != tc.conflicts[i] {
					t.Errorf("conflict %d field = %q, want %q", i, c.Field, tc.conflicts[i])
				}
				if c.Line < 1 || !strings.HasPrefix(lines[c.Line-1], "<<<<<<< ") {
					t.Errorf("conflict %d line %d is %q, want the <<<<<<< marker", i, c.Line, lines[max(c.Line-1, 0)])
				}
			}
			if len(cs) == 0 {
				if d, fs := document.Parse("x.md", got); d == nil || len(fs) > 0 {
					t.Errorf("clean merge does not parse: %v\n%s", fs, s)
				}
			}
		})
	}
}

// A field merge re-encodes the front matter: the comments of the template
// (what to record in each field) and people's own notes must survive it.
func TestMergeDocumentKeepsComments(t *testing.T) {
	base := `---
kind: account
# 客户名称:法定全称或通用名称
name: 华星电子集团有限公司
aliases: [华星]         # ERP 里的其他叫法
owner: 王小明
tier: A                 # A | B | C

# 1 公司概要:这是一家什么样的公司
overview:
  ownership: private    # 国企 | 民企
  industry: 消费电子      # 所在行业
  headquarters: <总部城市>
contacts_note: 见 contacts/   # 自己加的说明
---
# 华星电子集团有限公司
`
	edit := func(pairs ...string) string { return strings.NewReplacer(pairs...).Replace(base) }
	cases := []struct {
		name         string
		ours, theirs string
		conflicts    int
	}{
		{"same field differently", edit("industry: 消费电子", "industry: 汽车电子"), edit("industry: 消费电子", "industry: 电子制造"), 1},
		{"list grown on both sides, no conflict", edit("[华星]", "[华星, HX]"), edit("[华星]", "[华星, 华星集团]"), 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, cs := MergeDocument([]byte(base), []byte(tc.ours), []byte(tc.theirs), testLabels)
			if len(cs) != tc.conflicts {
				t.Fatalf("conflicts = %+v, want %d\n%s", cs, tc.conflicts, got)
			}
			for _, c := range []string{"# 客户名称:法定全称或通用名称", "# ERP 里的其他叫法", "# A | B | C",
				"# 1 公司概要:这是一家什么样的公司", "# 国企 | 民企", "# 所在行业", "# 自己加的说明"} {
				if !strings.Contains(string(got), c) {
					t.Errorf("merged text lost the comment %q:\n%s", c, got)
				}
			}
		})
	}
}
