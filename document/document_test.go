package document

import (
	"strings"
	"testing"
)

func TestParseBroken(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		rule      string
		line, col int
		msg       string
	}{
		{"no front matter", "# Title\n\ntext\n", RuleFrontMatter, 1, 1, "no front matter"},
		{"front matter not on line 1", "\n---\nkind: account\n---\n", RuleFrontMatter, 2, 1, "must start on line 1"},
		{"unclosed", "---\nkind: account\nname: x\n", RuleFrontMatter, 1, 1, "unclosed"},
		{"yaml syntax", "---\nkind: visit\npurpose: 开年拜访: 了解 BP\n---\n", RuleYAMLSyntax, 3, 0, "mapping values"},
		{"tab indentation", "---\nkind: account\noverview:\n\tindustry: x\n---\n", RuleYAMLSyntax, 4, 1, "tab"},
		{"no-break space indentation", "---\nkind: account\noverview:\n\u00a0\u00a0industry: x\n---\n", RuleYAMLSyntax, 4, 1, "no-break space"},
		{"full-width colon", "---\nkind: account\nname： 华星\n---\n", RuleYAMLSyntax, 3, 5, "full-width colon"},
		{"conflict markers", "---\nkind: account\n<<<<<<< ours\nname: a\n=======\nname: b\n>>>>>>> theirs\n---\n", RuleConflictMarker, 3, 1, "conflict"},
		{"list at top", "---\n- a\n- b\n---\n", RuleFrontMatter, 2, 1, "key: value"},
		{"not utf-8", "---\nname: \xff\xfe\n---\n", RuleFrontMatter, 2, 0, "not valid UTF-8"},
		{"GBK", "---\nkind: contact\nname: \xd5\xc5\xc8\xfd\n---\n", RuleFrontMatter, 3, 0, "looks like GBK"},
		{"no-break space after colon", "---\nkind: contact\nname:\u00a0丁\n---\n", RuleYAMLSyntax, 3, 6, "follows the colon"},
		{"line offset with BOM and CRLF", "\xef\xbb\xbf---\r\nkind: x\r\nbad: [1,\r\n---\r\n", RuleYAMLSyntax, 4, 0, ""},
		{"UTF-16LE with BOM", "\xff\xfe-\x00-\x00-\x00\n\x00k\x00:\x00 \x00x\x00\n\x00", RuleFrontMatter, 1, 0, "UTF-16"},
		{"UTF-16BE with BOM", "\xfe\xff\x00-\x00-\x00-\x00\n", RuleFrontMatter, 1, 0, "UTF-16"},
		{"UTF-16LE without BOM", "-\x00-\x00-\x00\n\x00k\x00:\x00 \x00x\x00\n\x00", RuleFrontMatter, 1, 0, "UTF-16"},
		{"NUL byte", "---\nkind: account\nname: a\x00b\n---\n", RuleYAMLSyntax, 3, 8, "control character"},
		{"control character", "---\nkind: account\nname: ok\nowner: \x1b[31m\n---\n", RuleYAMLSyntax, 4, 8, "control character"},
		{"parser error line", "---\nkind: x\ntier: [A\nname: y\nowner: z\n---\n", RuleYAMLSyntax, 3, 0, "expected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, fs := Parse("a.md", []byte(tt.src))
			if d != nil {
				t.Fatalf("got a document, want a %s error", tt.rule)
			}
			if len(fs) != 1 {
				t.Fatalf("got %d findings, want 1: %v", len(fs), fs)
			}
			f := fs[0]
			if f.Rule != tt.rule || f.Line != tt.line || f.Column != tt.col || f.Severity != SeverityError || f.File != "a.md" {
				t.Errorf("got %s (line %d col %d), want rule %s at %d:%d", f, f.Line, f.Column, tt.rule, tt.line, tt.col)
			}
			if !strings.Contains(f.Message, tt.msg) {
				t.Errorf("message %q does not mention %q", f.Message, tt.msg)
			}
		})
	}
}

func TestParseGood(t *testing.T) {
	src := "\xef\xbb\xbf---\r\nkind: account\r\nname: 华星电子\r\noverview:\r\n  industry: 消费电子\r\n---\r\n## 公司概要\r\n正文\r\n"
	d, fs := Parse("accounts/hx/account.md", []byte(src))
	if d == nil || len(fs) != 0 {
		t.Fatalf("Parse: %v", fs)
	}
	if !d.BOM || !d.CRLF {
		t.Errorf("BOM=%v CRLF=%v, want both", d.BOM, d.CRLF)
	}
	ind := Lookup(d.Root, "overview.industry")
	if Str(ind) != "消费电子" || d.Line(ind) != 5 {
		t.Errorf("overview.industry = %q on line %d, want 消费电子 on line 5", Str(ind), d.Line(ind))
	}
	if d.BodyLine != 7 || !strings.HasPrefix(string(d.Body), "## 公司概要\n") {
		t.Errorf("body starts on line %d with %q", d.BodyLine, d.Body)
	}
}

func TestParseDuplicateKey(t *testing.T) {
	d, fs := Parse("c.md", []byte("---\nkind: contact\nname: 张三\ntitle: a\nname: 李四\n---\n"))
	if d == nil {
		t.Fatal("a duplicate key must not make the file unreadable")
	}
	if len(fs) != 1 || fs[0].Rule != RuleDuplicateKey || fs[0].Line != 5 || fs[0].Field != "name" {
		t.Fatalf("got %v, want one duplicate-key on line 5", fs)
	}
	if Str(Get(d.Root, "name")) != "张三" {
		t.Errorf("the first value must win")
	}
}

func TestSetextHeadingIsNotAConflict(t *testing.T) {
	d, fs := Parse("a.md", []byte("---\nkind: account\n---\nTitle\n=======\n"))
	if d == nil || len(fs) != 0 {
		t.Fatalf("a Markdown heading underline was taken for a conflict marker: %v", fs)
	}
}

func TestMissing(t *testing.T) {
	tests := []struct {
		yaml    string
		missing bool
	}{
		{"v:", true}, {"v: ~", true}, {"v: null", true}, {`v: ""`, true}, {"v: []", true}, {"v: {}", true},
		{"v: TODO", true}, {"v: TODO 填写行业", true}, {`v: "<行业>"`, true}, {"v: <行业>", true},
		{"v: 消费电子", false}, {"v: 0", false}, {"v: false", false}, {"v: [a]", false}, {`v: "TODO-list app"`, true},
		{"v: 2026-02-25", false}, {"v: '<'", false},
	}
	for _, tt := range tests {
		d, fs := Parse("x.md", []byte("---\n"+tt.yaml+"\n---\n"))
		if d == nil {
			t.Fatalf("%s: %v", tt.yaml, fs)
		}
		if got := Missing(Get(d.Root, "v")); got != tt.missing {
			t.Errorf("Missing(%s) = %v, want %v", tt.yaml, got, tt.missing)
		}
	}
	if !Missing(Get(nil, "v")) {
		t.Error("an absent field is missing")
	}
}
