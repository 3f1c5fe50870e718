package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/visit"
)

// demoVisits lists every visit of the demo book as ACCOUNT/ID.
func demoVisits(t *testing.T, dir string) []string {
	t.Helper()
	b, err := book.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, acc := range demoAccounts {
		ids, err := b.Documents(acc, "visits")
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			out = append(out, acc+"/"+id)
		}
	}
	if len(out) < 5 {
		t.Fatalf("the demo book has %d visits, want 5 or more", len(out))
	}
	return out
}

func newestVisits(vs []*visit.Visit, n int) []*visit.Visit {
	out := append([]*visit.Visit(nil), vs...)
	sort.Slice(out, func(i, j int) bool { return out[i].Date.After(out[j].Date) })
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// TestRecapGolden renders the recap of every demo visit in every format,
// in Chinese and English.
func TestRecapGolden(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		dir := demoBookDir(t, lang)
		for _, ref := range demoVisits(t, dir) {
			for _, format := range pageFormats {
				t.Run(lang+"/"+ref+"/"+format, func(t *testing.T) {
					f, out, _ := testFactory(dir)
					if err := runVisitRecap(&VisitRecapOptions{F: f, Visit: ref, Format: format}); err != nil {
						t.Fatal(err)
					}
					golden(t, "recap/"+lang+"_"+strings.ReplaceAll(ref, "/", "_")+"."+ext(format), out.Bytes())
				})
			}
		}
	}
}

// TestRecapTextHasNoMarkdown: the WeChat text has no Markdown syntax.
func TestRecapTextHasNoMarkdown(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		dir := demoBookDir(t, lang)
		for _, ref := range demoVisits(t, dir) {
			f, out, _ := testFactory(dir)
			if err := runVisitRecap(&VisitRecapOptions{F: f, Visit: ref, Format: "text"}); err != nil {
				t.Fatal(err)
			}
			for i, l := range strings.Split(out.String(), "\n") {
				for _, md := range []string{"#", "**", "- ", "* ", "> ", "`", "\\"} {
					if strings.HasPrefix(l, md) || md == "**" && strings.Contains(l, md) || md == "\\" && strings.Contains(l, md) {
						t.Errorf("%s %s line %d has Markdown %q: %s", lang, ref, i+1, md, l)
					}
				}
			}
		}
	}
}

// TestRecapHTML checks that the HTML recap parses as a complete document
// and shows every consensus point and the attendees.
func TestRecapHTML(t *testing.T) {
	dir := demoBookDir(t, "zh")
	for _, ref := range demoVisits(t, dir) {
		f, out, _ := testFactory(dir)
		if err := runVisitRecap(&VisitRecapOptions{F: f, Visit: ref, Format: "html"}); err != nil {
			t.Fatal(err)
		}
		text, tags := htmlText(t, out.Bytes())
		for _, tag := range []string{"html", "head", "title", "body", "ol"} {
			if tags[tag] == 0 {
				t.Errorf("%s: no <%s>", ref, tag)
			}
		}
		acc, id, _ := strings.Cut(ref, "/")
		a := loadDemoAccount(t, dir, acc)
		for _, v := range a.Visits {
			if v.ID != id {
				continue
			}
			for _, c := range v.Consensus {
				if !strings.Contains(text, c) {
					t.Errorf("%s: HTML lacks consensus %q", ref, c)
				}
			}
			for _, att := range v.Attendees {
				if c := a.Contact(att); c != nil && !strings.Contains(text, c.DisplayName()) {
					t.Errorf("%s: HTML lacks attendee %s", ref, c.DisplayName())
				}
			}
		}
	}
}

// TestConfirmEveryDemoVisit confirms every demo visit (and disputes and
// re-sends some) and checks that nothing outside the confirmation block
// changed, byte for byte, and that the block now holds the new values.
func TestConfirmEveryDemoVisit(t *testing.T) {
	dir := demoBookDir(t, "zh")
	for _, ref := range demoVisits(t, dir) {
		acc, id, _ := strings.Cut(ref, "/")
		path := filepath.Join(dir, filepath.FromSlash(book.VisitFile(acc, id)))
		before, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		d, _ := document.Parse("v.md", before)
		v := visit.Parse(acc, id, d)
		by := ""
		if len(v.Attendees) > 0 {
			by = v.Attendees[0]
		}
		f, _, errOut := testFactory(dir)
		if err := runVisitConfirm(&VisitConfirmOptions{F: f, Action: "confirm", Visit: ref, By: by, Channel: "email", Date: "2026-03-01"}); err != nil {
			t.Fatalf("%s: %v\n%s", ref, err, errOut)
		}
		after, _ := os.ReadFile(path)
		outsideEqual(t, ref, before, after)
		d2, fs := document.Parse("v.md", after)
		if d2 == nil {
			t.Fatalf("%s: result does not parse: %v", ref, fs)
		}
		c := visit.Parse(acc, id, d2).Confirmation
		if c.Status != visit.StatusConfirmed || c.By != by || c.Channel != "email" || c.Confirmed.Format("2006-01-02") != "2026-03-01" {
			t.Errorf("%s: confirmation is %+v", ref, c)
		}
	}
}

// outsideEqual fails unless before and after differ only inside the
// top-level confirmation: block.
func outsideEqual(t *testing.T, name string, before, after []byte) {
	t.Helper()
	split := func(b []byte) (head, block, tail []string) {
		lines := strings.Split(string(b), "\n")
		start := -1
		for i, l := range lines {
			if strings.HasPrefix(l, "confirmation:") {
				start = i
				break
			}
		}
		if start < 0 {
			t.Fatalf("%s: no confirmation block", name)
		}
		end := start + 1
		for end < len(lines) && (strings.HasPrefix(lines[end], " ") || lines[end] == "") {
			end++
		}
		return lines[:start], lines[start:end], lines[end:]
	}
	h1, _, t1 := split(before)
	h2, _, t2 := split(after)
	if strings.Join(h1, "\n") != strings.Join(h2, "\n") || strings.Join(t1, "\n") != strings.Join(t2, "\n") {
		t.Errorf("%s: lines outside the confirmation block changed:\n--- before\n%s\n--- after\n%s", name, before, after)
	}
	if bytes.Equal(before, after) {
		t.Errorf("%s: nothing changed", name)
	}
}

// TestConfirmKeepsBOMAndCRLF: acct visit confirm on a file saved with a
// BOM and CRLF line endings (Windows Notepad) writes the same change as on
// the LF file, and keeps the BOM and every CRLF.
func TestConfirmKeepsBOMAndCRLF(t *testing.T) {
	ref := "huaxing/2026-02-25-zhang-datong"
	rel := filepath.FromSlash(book.VisitFile("huaxing", "2026-02-25-zhang-datong"))
	run := func(dir string) []byte {
		f, _, errOut := testFactory(dir)
		opts := &VisitConfirmOptions{F: f, Action: "confirm", Visit: ref, By: "张大同", Channel: "微信"}
		if err := runVisitConfirm(opts); err != nil {
			t.Fatalf("%v\n%s", err, errOut)
		}
		out, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	lfDir, crlfDir := demoBookDir(t, "zh"), demoBookDir(t, "zh")
	src, err := os.ReadFile(filepath.Join(crlfDir, rel))
	if err != nil {
		t.Fatal(err)
	}
	win := append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))...)
	if err := os.WriteFile(filepath.Join(crlfDir, rel), win, 0o644); err != nil {
		t.Fatal(err)
	}
	lf, crlf := run(lfDir), run(crlfDir)
	want := append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))...)
	if !bytes.Equal(crlf, want) {
		t.Errorf("BOM+CRLF result:\n%q\nwant:\n%q", crlf, want)
	}
	if !bytes.Contains(lf, []byte("  by: zhang-datong\n")) || !bytes.Contains(lf, []byte("  channel: wechat\n")) {
		t.Errorf("LF result:\n%s", lf)
	}
}
