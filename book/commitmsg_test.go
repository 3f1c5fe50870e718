package book

import (
	"strings"
	"testing"
)

func TestDescribeChangesInLanguage(t *testing.T) {
	one := []Change{{Path: "accounts/hx/account.md", Kind: Modified}}
	two := []Change{
		{Path: "accounts/hx/account.md", Kind: Modified},
		{Path: "accounts/hx/contacts/zhang-datong.md", Kind: Added},
	}
	many := []Change{
		{Path: "accounts/a/account.md", Kind: Modified}, {Path: "accounts/b/account.md", Kind: Modified},
		{Path: "accounts/c/account.md", Kind: Modified}, {Path: "accounts/d/visits/2026-02-25-kickoff.md", Kind: Deleted},
	}
	other := []Change{{Path: "acct.yaml", Kind: Added}}
	for _, tc := range []struct {
		lang    string
		changes []Change
		want    string
	}{
		{"en", nil, "Update book"},
		{"zh", nil, "更新账本"},
		{"en", one, "hx: account"},
		{"zh", one, "hx: 客户档案"},
		{"en", two, "hx: account, new contact zhang-datong\n\nmodified: accounts/hx/account.md\nadded: accounts/hx/contacts/zhang-datong.md"},
		{"zh", two, "hx: 客户档案,新增 联系人 zhang-datong\n\n修改: accounts/hx/account.md\n新增: accounts/hx/contacts/zhang-datong.md"},
		{"zh", many[:1], "a: 客户档案"},
		{"en", other, "Update new acct.yaml"},
		{"zh", other, "更新 新增 acct.yaml"},
	} {
		if got := DescribeChanges(tc.lang, tc.changes); got != tc.want {
			t.Errorf("DescribeChanges(%s, %v) = %q, want %q", tc.lang, tc.changes, got, tc.want)
		}
	}
	subject := func(lang string) string { s, _, _ := strings.Cut(DescribeChanges(lang, many), "\n"); return s }
	if got, want := subject("en"), "Update 4 accounts: a, b, c, d"; got != want {
		t.Errorf("en: %q, want %q", got, want)
	}
	if got, want := subject("zh"), "更新 4 个客户: a,b,c,d"; got != want {
		t.Errorf("zh: %q, want %q", got, want)
	}
	if got, want := describeMerge("zh", "origin/main", one), "合并 origin/main: hx: 客户档案"; got != want {
		t.Errorf("describeMerge zh = %q, want %q", got, want)
	}
	if got, want := describeMerge("en", "origin/main", nil), "Merge origin/main: no file changes"; got != want {
		t.Errorf("describeMerge en = %q, want %q", got, want)
	}
}
