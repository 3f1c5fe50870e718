package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/templates"
)

var demoAccounts = []string{"huaxing", "hengtai", "lanjing"}

// TestBriefGolden renders the brief of every demo account in every format,
// in Chinese and English, as of the demo date.
func TestBriefGolden(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		dir := demoBookDir(t, lang)
		for _, acc := range demoAccounts {
			for _, format := range pageFormats {
				t.Run(lang+"/"+acc+"/"+format, func(t *testing.T) {
					f, out, errOut := testFactory(dir)
					if err := runBrief(&BriefOptions{F: f, Account: acc, Format: format}); err != nil {
						t.Fatal(err)
					}
					if errOut.Len() > 0 {
						t.Errorf("stderr: %s", errOut)
					}
					golden(t, "brief/"+lang+"_"+acc+"."+ext(format), out.Bytes())
				})
			}
		}
	}
}

func ext(format string) string {
	switch format {
	case "markdown":
		return "md"
	case "html":
		return "html"
	}
	return "txt"
}

// htmlText parses an HTML document (failing the test when it does not
// parse) and returns its text content and the names of its elements.
func htmlText(t *testing.T, doc []byte) (string, map[string]int) {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("HTML does not parse: %v", err)
	}
	var text strings.Builder
	tags := map[string]int{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			text.WriteString(n.Data)
		case html.ElementNode:
			tags[n.Data]++
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return text.String(), tags
}

// TestBriefHTML checks that the HTML brief is a complete document showing
// the consensus of the recent visits and every key person.
func TestBriefHTML(t *testing.T) {
	dir := demoBookDir(t, "zh")
	for _, acc := range demoAccounts {
		f, out, _ := testFactory(dir)
		if err := runBrief(&BriefOptions{F: f, Account: acc, Format: "html"}); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(out.Bytes(), []byte("<!DOCTYPE html>")) {
			t.Errorf("%s: not a complete HTML document", acc)
		}
		text, tags := htmlText(t, out.Bytes())
		for _, tag := range []string{"html", "head", "title", "body", "h1", "h2", "ul"} {
			if tags[tag] == 0 {
				t.Errorf("%s: no <%s>", acc, tag)
			}
		}
		a := loadDemoAccount(t, dir, acc)
		for _, v := range newestVisits(a.Visits, 3) {
			for _, c := range v.Consensus {
				if !strings.Contains(text, c) {
					t.Errorf("%s: HTML lacks consensus %q", acc, c)
				}
			}
		}
		for _, c := range a.Contacts {
			if c.Key && !strings.Contains(text, c.DisplayName()) {
				t.Errorf("%s: HTML lacks key person %s", acc, c.DisplayName())
			}
		}
	}
}

// TestBriefAgesComputed checks that ages come from born and the as-of date
// (never stored): the same card gives other ages four years later, the
// files are not touched, and a family member without born has no age.
func TestBriefAgesComputed(t *testing.T) {
	dir := demoBookDir(t, "zh")
	card := filepath.Join(dir, filepath.FromSlash(book.ContactFile("huaxing", "zhang-datong")))
	before, err := os.ReadFile(card)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ asOf, want string }{
		{"2026-03-01", "妞妞(8 岁"}, {"2030-06-30", "妞妞(12 岁"},
	} {
		f, out, _ := testFactory(dir)
		if err := runBrief(&BriefOptions{F: f, Account: "huaxing", Format: "text", AsOf: tc.asOf}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), tc.want) {
			t.Errorf("as of %s: want %q in\n%s", tc.asOf, tc.want, out)
		}
	}
	after, _ := os.ReadFile(card)
	if !bytes.Equal(before, after) {
		t.Error("acct brief changed a contact card")
	}
	// A family member without born: no age at all.
	noBorn := strings.Replace(string(before), "    born: 1984\n", "", 1)
	if noBorn == string(before) {
		t.Fatal("fixture: the demo card has no born: 1984 line")
	}
	if err := os.WriteFile(card, []byte(noBorn), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"zh", "en"} {
		f, out, _ := testFactory(dir)
		f.Getenv = func(string) string { return "" }
		if lang == "en" {
			os.WriteFile(filepath.Join(dir, "acct.yaml"), []byte("language: en\n"), 0o644)
		}
		if err := runBrief(&BriefOptions{F: f, Account: "huaxing", Format: "text"}); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"zh": "妻子 李娟(中学老师)", "en": "wife 李娟 (中学老师)"}[lang]
		if !strings.Contains(out.String(), want) {
			t.Errorf("%s: want %q (no age) in\n%s", lang, want, out)
		}
	}
	_ = templates.DemoDate
}
