package check

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/document"
)

var asOf = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// completeC is a tier-C account.md with every field the default policy asks of tier C.
const completeC = `---
kind: account
name: 华星电子
owner: 李明
tier: C
overview:
  ownership: private
  industry: 消费电子
business:
  main_products: [电源模块]
  phase: growth
---
`

func writeBook(t *testing.T, files map[string]string) *book.Book {
	t.Helper()
	root := t.TempDir()
	files["acct.yaml"] = "language: zh\n"
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := book.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// keys renders findings of severity error and warning as "file rule field" lines, sorted.
func keys(fs []document.Finding) []string {
	var out []string
	for _, f := range fs {
		if f.Severity == document.SeverityHint {
			continue
		}
		out = append(out, fmt.Sprintf("%s %s %s", strings.TrimPrefix(f.File, "accounts/hx/"), f.Rule, f.Field))
	}
	sort.Strings(out)
	return out
}

func TestRules(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"complete tier C", map[string]string{"accounts/hx/account.md": completeC}, nil},
		{"missing fields, placeholder and empty",
			map[string]string{"accounts/hx/account.md": strings.NewReplacer("industry: 消费电子", "industry: <行业>", "owner: 李明", `owner: ""`).Replace(completeC)},
			[]string{"account.md missing-field overview.industry", "account.md missing-field owner"}},
		{"tier B needs a decision maker and financials",
			map[string]string{"accounts/hx/account.md": strings.Replace(completeC, "tier: C", "tier: B\nstrategy:\n  business_plan: 降本\nsuppliers:\n  incumbents:\n    - name: 甲\n      share: 60%", 1)},
			[]string{"account.md missing-field decision-maker", "account.md missing-field financials"}},
		{"incomplete newest financial period",
			map[string]string{"accounts/hx/account.md": strings.Replace(completeC, "tier: C", "tier: B\nfinancials:\n  - period: 2024\n    revenue: 12亿\n    gross_margin: 23%\n    inventory_days: 30\n    receivable_days: 45\n  - period: 2025\n    revenue: 11亿\n    inventory_days: 60\nstrategy:\n  business_plan: x\nsuppliers:\n  incumbents: [{name: 甲}]", 1),
				"accounts/hx/contacts/wang.md": "---\nkind: contact\nname: 王总\ntitle: 总经理\nrole: decision-maker\n---\n"},
			[]string{"account.md missing-field financials"}},
		{"a financial period given twice",
			map[string]string{"accounts/hx/account.md": strings.Replace(completeC, "tier: C", "tier: C\nfinancials:\n  - period: 2024\n    revenue: 1亿\n  - period: 2025\n    revenue: 2亿\n  - period: 2025\n    revenue: 3亿", 1)},
			[]string{"account.md duplicate-key financials.period"}},
		{"a financial period given twice among many",
			map[string]string{"accounts/hx/account.md": strings.Replace(completeC, "tier: C", "tier: C\nfinancials:"+manyPeriods(40)+"\n  - period: 2001\n    revenue: 3亿", 1)},
			[]string{"account.md duplicate-key financials.period"}},
		{"contact ids differing only in case or width",
			map[string]string{"accounts/hx/account.md": completeC,
				"accounts/hx/contacts/zhang.md": "---\nkind: contact\nname: 张\ntitle: t\n---\n",
				"accounts/hx/contacts/Zhang.md": "---\nkind: contact\nname: 张\ntitle: t\n---\n",
				"accounts/hx/contacts/ｗａｎｇ.md":  "---\nkind: contact\nname: 王\ntitle: t\n---\n",
				"accounts/hx/contacts/wang.md":  "---\nkind: contact\nname: 王\ntitle: t\n---\n"},
			[]string{"contacts/Zhang.md duplicate-key ", "contacts/ｗａｎｇ.md duplicate-key "}},
		{"stale financials whatever the tier",
			map[string]string{"accounts/hx/account.md": strings.Replace(completeC, "tier: C", "tier: C\nfinancials:\n  - period: 2024H1\n    revenue: 1亿", 1)},
			[]string{"account.md stale-financials "}},
		{"contact references and cycles",
			map[string]string{"accounts/hx/account.md": completeC,
				"accounts/hx/contacts/a.md": "---\nkind: contact\nname: A\ntitle: t\nreports_to: b\n---\n",
				"accounts/hx/contacts/b.md": "---\nkind: contact\nname: B\ntitle: t\nreports_to: a\n---\n",
				"accounts/hx/contacts/c.md": "---\nkind: contact\nname: C\ntitle: t\nreports_to: nobody\n---\n",
				"accounts/hx/contacts/d.md": "---\nkind: contact\nname: D\ntitle: t\nkey: true\n---\n"},
			[]string{"contacts/a.md cycle reports_to", "contacts/b.md cycle reports_to", "contacts/c.md reference reports_to",
				"contacts/d.md missing-field interests", "contacts/d.md missing-field pain_points"}},
		{"visits: unconfirmed, overdue, references, confirmed is fine",
			map[string]string{"accounts/hx/account.md": completeC,
				"accounts/hx/contacts/a.md":          "---\nkind: contact\nname: A\ntitle: t\n---\n",
				"accounts/hx/visits/2026-02-20-a.md": "---\nkind: visit\npurpose: p\nconsensus: [c]\ndate: 2026-02-20\nattendees: [a, ghost]\nnext_steps:\n  - action: x\n    due: 2026-02-27\n    done: false\n  - action: y\n    due: 2026-02-27\n    done: true\n  - action: z\n    due: 2026-03-01\nconfirmation:\n  status: sent\n---\n",
				"accounts/hx/visits/2026-02-27-b.md": "---\nkind: visit\npurpose: p\nconsensus: [c]\ndate: 2026-02-27\nconfirmation:\n  status: sent\n---\n",
				"accounts/hx/visits/2026-01-10-c.md": "---\nkind: visit\npurpose: p\nconsensus: [c]\ndate: 2026-01-10\nconfirmation:\n  status: confirmed\n  by: zed\n---\n"},
			[]string{"visits/2026-01-10-c.md reference confirmation.by", "visits/2026-02-20-a.md overdue-step ",
				"visits/2026-02-20-a.md reference attendees", "visits/2026-02-20-a.md unconfirmed-visit "}},
		{"a planned visit needs no consensus yet; a past one does",
			map[string]string{"accounts/hx/account.md": completeC,
				"accounts/hx/visits/2026-03-05-plan.md":      "---\nkind: visit\npurpose: 报价沟通\ndate: 2026-03-05\n---\n",
				"accounts/hx/visits/2026-02-26-past.md":      "---\nkind: visit\npurpose: 报价沟通\ndate: 2026-02-26\nconfirmation: {status: confirmed}\n---\n",
				"accounts/hx/visits/2026-03-06-nopurpose.md": "---\nkind: visit\ndate: 2026-03-06\n---\n"},
			[]string{"visits/2026-02-26-past.md missing-field consensus", "visits/2026-03-06-nopurpose.md missing-field purpose"}},
		{"a broken file gets its one error and no other finding",
			map[string]string{"accounts/hx/account.md": completeC,
				"accounts/hx/visits/2025-01-01-x.md": "---\nkind: visit\npurpose: p\nconsensus: [c]\ndate: 2025-01-01\npurpose: a: b\nattendees: [ghost]\n---\n"},
			[]string{"visits/2025-01-01-x.md yaml-syntax "}},
		{"wrong kind and bad values",
			map[string]string{"accounts/hx/account.md": strings.Replace(completeC, "phase: growth", "phase: booming\n  budget_posture: 保命型", 1),
				"accounts/hx/contacts/a.md": "---\nkind: account\nname: A\ntitle: t\n---\n"},
			[]string{"account.md enum business.phase", "contacts/a.md kind kind"}},
		{"missing account.md",
			map[string]string{"accounts/hx/contacts/a.md": "---\nkind: contact\nname: A\ntitle: t\n---\n"},
			[]string{"account.md front-matter "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := writeBook(t, tt.files)
			rep, err := Run(b, Options{AsOf: asOf})
			if err != nil {
				t.Fatal(err)
			}
			got := keys(rep.Findings)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("findings:\n  %s\nwant:\n  %s\nall: %v", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "), rep.Findings)
			}
		})
	}
}

func TestCompleteness(t *testing.T) {
	b := writeBook(t, map[string]string{"accounts/hx/account.md": strings.Replace(completeC, "industry: 消费电子", "industry: TODO", 1)})
	rep, err := Run(b, Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	a := rep.Accounts[0]
	if a.Required != 7 || a.Present != 6 {
		t.Errorf("completeness %d/%d, want 6/7", a.Present, a.Required)
	}
	if a.Profile.Name != "华星电子" || a.Profile.Tier != "C" {
		t.Errorf("profile not kept: %+v", a.Profile)
	}
}

func TestUnknownAccount(t *testing.T) {
	b := writeBook(t, map[string]string{"accounts/hx/account.md": completeC})
	if _, err := Run(b, Options{AsOf: asOf, Accounts: []string{"nope"}}); err == nil {
		t.Fatal("want an error for an unknown account")
	}
}

func TestLineNumbersCountTheMarkdownFile(t *testing.T) {
	b := writeBook(t, map[string]string{"accounts/hx/account.md": strings.Replace(completeC, "industry: 消费电子", `industry: ""`, 1)})
	rep, _ := Run(b, Options{AsOf: asOf})
	if len(rep.Findings) != 1 || rep.Findings[0].Line != 8 || rep.Findings[0].Column != 3 {
		t.Fatalf("got %v, want the missing industry at 8:3", rep.Findings)
	}
}

// TestSpecialFiles: links, pipes and folders where documents should be
// become findings for that file; nothing hangs, and other files are checked.
func TestSpecialFiles(t *testing.T) {
	b := writeBook(t, map[string]string{
		"accounts/hx/account.md":             completeC,
		"accounts/hx/contacts/real.md":       "---\nkind: contact\nname: A\ntitle: t\n---\n",
		"accounts/dir/contacts/x.md":         "---\nkind: contact\nname: A\ntitle: t\n---\n",
		"accounts/hx/visits/2026-02-01-v.md": "---\nkind: visit\npurpose: p\nconsensus: [c]\ndate: 2026-02-01\nattendees: [inside]\nconfirmation: {status: confirmed}\n---\n",
	})
	outside := filepath.Join(t.TempDir(), "outside.md")
	os.WriteFile(outside, []byte("---\nkind: contact\nname: X\ntitle: t\n---\n"), 0o644)
	c := b.Path("accounts/hx/contacts")
	must := func(err error) {
		if err != nil {
			t.Skip("cannot make special files here:", err)
		}
	}
	must(os.Symlink("real.md", filepath.Join(c, "inside.md")))
	must(os.Symlink(outside, filepath.Join(c, "outside.md")))
	must(os.Symlink("nowhere.md", filepath.Join(c, "dangling.md")))
	must(syscallMkfifo(filepath.Join(c, "fifo.md")))
	must(os.Mkdir(b.Path("accounts/dir/account.md"), 0o755))

	rep, err := Run(b, Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range rep.Findings {
		got[f.File] += f.Rule + ": " + f.Message + "; "
	}
	want := map[string]string{
		"accounts/hx/contacts/outside.md":  "outside the book",
		"accounts/hx/contacts/dangling.md": "broken link",
		"accounts/hx/contacts/fifo.md":     "not a regular file",
		"accounts/dir/account.md":          "not a regular file",
	}
	for file, msg := range want {
		if !strings.Contains(got[file], msg) {
			t.Errorf("%s: got %q, want a finding mentioning %q", file, got[file], msg)
		}
	}
	for _, file := range []string{"accounts/hx/contacts/inside.md", "accounts/hx/visits/2026-02-01-v.md", "accounts/hx/contacts/real.md"} {
		if got[file] != "" {
			t.Errorf("%s: unexpected %s", file, got[file])
		}
	}
}

// manyPeriods lists n yearly financial periods from 2000 on.
func manyPeriods(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "\n  - period: %d\n    revenue: 1亿", 2000+i)
	}
	return b.String()
}
