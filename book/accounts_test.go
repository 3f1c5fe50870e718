package book

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/profile"
)

// indexBook writes acct.yaml and the given accounts/<id>/account.md
// front matters ("" for a folder without account.md) and opens the book.
func indexBook(t *testing.T, profiles map[string]string) *Book {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "acct.yaml"), []byte("language: zh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for id, fm := range profiles {
		if err := os.MkdirAll(filepath.Join(dir, "accounts", id), 0o755); err != nil {
			t.Fatal(err)
		}
		if fm == "" {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, "accounts", id, "account.md"), []byte(fm), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fold is a stand-in for trend.NormalizeName: case and spaces.
func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), "")) }

func TestAccountIndex(t *testing.T) {
	b := indexBook(t, map[string]string{
		"hx":      "---\nkind: account\nname: 华星电子集团有限公司\naliases: [华星电子, HX Electronics]\nfinancials:\n  - period: 2025\n    inventory_days: 60\n---\nbody\n",
		"todo":    "---\nkind: account\nname: <客户全称>\naliases: [\"<简称>\", 真名]\n---\n",
		"broken":  "---\nname: [unclosed\n---\n",
		"nofront": "just text\n",
		"empty":   "",
		"acme":    "\ufeff---\r\nkind: account\r\nname: Acme Co\r\n---\r\n",
		"twin":    "---\nkind: account\nname: hx electronics\n---\n",
	})
	ix, err := b.AccountIndex(true)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range ix.Profiles {
		ids = append(ids, p.ID)
		if p.Doc != nil {
			t.Errorf("%s: the index keeps the document tree", p.ID)
		}
	}
	if got := strings.Join(ids, ","); got != "acme,broken,empty,hx,nofront,todo,twin" {
		t.Errorf("ids = %s", got)
	}
	if len(ix.Unreadable) != 0 {
		t.Errorf("Unreadable = %v", ix.Unreadable)
	}
	for id, want := range map[string]string{"hx": "华星电子集团有限公司", "acme": "Acme Co", "todo": "todo", "broken": "broken", "empty": "empty", "nosuch": "nosuch"} {
		if got := ix.Name(id); got != want {
			t.Errorf("Name(%s) = %q, want %q", id, got, want)
		}
	}
	if p := ix.Profile("hx"); p == nil || len(p.Financials) != 1 || *p.Financials[0].InventoryDays != 60 || p.Financials[0].Node != nil {
		t.Errorf("hx financials = %+v", p)
	}
	if ix.Profile("nosuch") != nil {
		t.Error("Profile of an unknown id")
	}
	for name, want := range map[string]string{
		"华星电子":           "hx",
		"华星电子集团有限公司":     "hx",
		" ACME  co ":     "acme",
		"真名":             "todo",
		"<简称>":           "", // placeholders never match
		"<客户全称>":         "",
		"HX Electronics": "hx,twin", // an alias of one is the name of the other
		"":               "",
		"nobody":         "",
		"broken":         "", // ids are not names
	} {
		if got := strings.Join(ix.Named(name, fold), ","); got != want {
			t.Errorf("Named(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestAccountIndexAgreesWithProfile requires the index to read name and
// aliases exactly as document.Parse + profile.ParseAccount do, in every
// YAML form a rep might write them.
func TestAccountIndexAgreesWithProfile(t *testing.T) {
	forms := []string{
		"name: 华星电子集团有限公司\naliases: [华星电子, HX Electronics]",
		"name: \"华星电子\"\naliases: [\"华星\", \"HX Co.\"]",
		"name: \"  spaced  \"",
		"name: ~\naliases: []",
		"name: TODO\naliases: [\"<填写>\", 真名]",
		"name: 'It''s'\naliases: ['a, b', c]",
		"name: \"Esc \\\"q\\\"\"",
		"name: Acme # the customer\naliases: Acme Co",
		"name: >-\n  folded\n  name\naliases:\n  - one\n  - \"two\"",
		"aliases:\n- one\n- two\nname: Later",
		"name: 2024\naliases: [true, 1.5]",
		"name: [not, a, string]",
		"overview:\n  name: Wrong\n  aliases: [w]\nname: Right",
		"# top\nname: X # c\n# between\naliases:\n  # c\n  - a\n\n  - b\nowner: o",
		"name: |\n  multi\n  line\naliases: [\n  a,\n  b]",
		"\"name\": quoted key",
		"financials:\n  - period: 2024\n    inventory_days: 30\n    gross_margin: 23%\n  - period: 2025H1\n    inventory_days: 60\n    receivable_days: 1,200\nname: F",
		"financials: []\nname: G",
	}
	files := map[string]string{}
	for i, fm := range forms {
		files[fmt.Sprintf("a%02d", i)] = "---\nkind: account\n" + fm + "\n---\nbody\n"
	}
	ix, err := indexBook(t, files).AccountIndex(true)
	if err != nil {
		t.Fatal(err)
	}
	for i, fm := range forms {
		id := fmt.Sprintf("a%02d", i)
		doc, _ := document.Parse("accounts/"+id+"/account.md", []byte(files[id]))
		want := profile.ParseAccount(id, doc)
		got := ix.Profile(id)
		if got.Name != want.Name || fmt.Sprint(got.Aliases) != fmt.Sprint(want.Aliases) {
			t.Errorf("%q: index %q %q, profile %q %q", fm, got.Name, got.Aliases, want.Name, want.Aliases)
		}
		for j := range want.Financials {
			want.Financials[j].Node = nil
		}
		if !reflect.DeepEqual(got.Financials, want.Financials) {
			t.Errorf("%q: index financials %+v, profile %+v", fm, got.Financials, want.Financials)
		}
	}
}

// TestAccountIndexUnreadable lists a profile that exists but cannot be read
// (a folder named account.md) and keeps the others.
func TestAccountIndexUnreadable(t *testing.T) {
	b := indexBook(t, map[string]string{"ok": "---\nname: OK\n---\n", "locked": ""})
	if err := os.Mkdir(b.Path(AccountFile("locked")), 0o755); err != nil {
		t.Fatal(err)
	}
	ix, err := b.AccountIndex(true)
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.Unreadable) != 1 || !strings.Contains(ix.Unreadable[0].Error(), filepath.FromSlash("accounts/locked/account.md")) {
		t.Errorf("Unreadable = %v", ix.Unreadable)
	}
	if ix.Name("ok") != "OK" || ix.Profile("locked") == nil {
		t.Error("the readable profile is lost or the unreadable one is missing")
	}
}

// TestAccountIndexOddFiles reads a book with every odd account.md the
// index may meet and compares each profile with what document.Parse and
// profile.ParseAccount make of the file's bytes: regular files of any
// size and shape give the profile they always gave, links inside the book
// are followed (like acct check), and links outside it, folders and FIFOs
// are unreadable (never blocking). Many accounts make the goroutines reuse
// their buffers, which no profile may keep.
func TestAccountIndexOddFiles(t *testing.T) {
	fm := func(name string) string {
		return "---\nkind: account\nname: " + name + "\naliases: [" + name + " Co]\n---\n"
	}
	huge := fm("Huge") + strings.Repeat("body line of a huge profile\n", 3<<20/28) // over maxIndexBuffer
	bigFront := "---\nkind: account\nname: Big Front\nnotes: |\n" + strings.Repeat("  a long note line\n", indexBuffer/18+10) + "aliases: [BF]\n---\n"
	exact := fm("Exact")
	exact += strings.Repeat("x", indexBuffer-len(exact)-1) + "\n"
	files := map[string]string{
		"none":      "", // a folder without account.md
		"unclosed":  "---\nname: Never Closed\n",
		"badyaml":   "---\nname: [unclosed\n---\n",
		"nofront":   "just text\nname: Not Front Matter\n",
		"bom":       "\ufeff" + fm("BOM Co"),
		"crlf":      strings.ReplaceAll(fm("CRLF Co"), "\n", "\r\n"),
		"cr":        strings.ReplaceAll(fm("CR Co"), "\n", "\r"),
		"gbk":       "---\nname: \xbb\xaa\xd0\xc7\n---\n",
		"utf16":     "\xff\xfe-\x00-\x00-\x00\n\x00",
		"huge":      huge,
		"bigfront":  bigFront,
		"exact":     exact,
		"emptyfile": "",
		"fallback":  "---\nname: Flow\naliases: [one,\n two]\n---\n",
	}
	for i := range 300 {
		files[fmt.Sprintf("n%03d", i)] = fm(fmt.Sprintf("Name %03d %s", i, strings.Repeat("x", i)))
	}
	b := indexBook(t, files)
	if err := os.WriteFile(b.Path(AccountFile("emptyfile")), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if len(exact) != indexBuffer {
		t.Fatalf("exact is %d bytes", len(exact))
	}
	// Links, folders, FIFOs.
	outside := filepath.Join(t.TempDir(), "account.md")
	if err := os.WriteFile(outside, []byte(fm("Outside")), 0o644); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"linkin":   filepath.Join("..", "n007", "account.md"),
		"linkout":  outside,
		"dangling": "nowhere.md",
	}
	for id, target := range links {
		if err := os.MkdirAll(b.Path(AccountDir(id)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, b.Path(AccountFile(id))); err != nil {
			t.Skip(err)
		}
	}
	if err := os.MkdirAll(b.Path(AccountFile("folder")), 0o755); err != nil {
		t.Fatal(err)
	}
	fifo := true
	if err := os.MkdirAll(b.Path(AccountDir("fifo")), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := mkfifo(b.Path(AccountFile("fifo"))); err != nil {
		fifo = false
	}

	for _, full := range []bool{false, true} {
		ix, err := b.AccountIndex(full)
		if err != nil {
			t.Fatal(err)
		}
		var unreadable []string
		for _, err := range ix.Unreadable {
			unreadable = append(unreadable, err.Error())
		}
		var wantUnreadable []string // in id order
		if fifo {
			wantUnreadable = append(wantUnreadable, "open "+b.Path(AccountFile("fifo"))+": not a regular file")
		}
		target, _ := filepath.EvalSymlinks(outside)
		wantUnreadable = append(wantUnreadable,
			"open "+b.Path(AccountFile("folder"))+": not a regular file",
			"open "+b.Path(AccountFile("linkout"))+": a symbolic link to "+target+", outside the book; acct reads only files inside the book")
		if got, want := strings.Join(unreadable, "\n"), strings.Join(wantUnreadable, "\n"); got != want {
			t.Errorf("Unreadable:\n%s\nwant:\n%s", got, want)
		}
		for _, p := range ix.Profiles {
			want := &profile.Account{ID: p.ID}
			if p.ID == "linkout" || p.ID == "folder" || p.ID == "fifo" {
				continue // unreadable (os.ReadFile would wait on the FIFO)
			}
			src, err := os.ReadFile(b.Path(AccountFile(p.ID)))
			switch {
			case errors.Is(err, fs.ErrNotExist):
			case err != nil:
				t.Fatalf("%s: %v", p.ID, err)
			default:
				if doc, _ := document.Parse(AccountFile(p.ID), src); doc != nil {
					want = profile.ParseAccount(p.ID, doc)
				}
			}
			if p.Name != want.Name || fmt.Sprint(p.Aliases) != fmt.Sprint(want.Aliases) || full && len(p.Financials) != len(want.Financials) {
				t.Errorf("%s: index %q %q, profile %q %q", p.ID, p.Name, p.Aliases, want.Name, want.Aliases)
			}
		}
		for id, name := range map[string]string{"bom": "BOM Co", "crlf": "CRLF Co", "cr": "CR Co", "huge": "Huge", "bigfront": "Big Front",
			"exact": "Exact", "fallback": "Flow", "linkin": "Name 007 xxxxxxx", "n299": "Name 299 " + strings.Repeat("x", 299),
			"none": "none", "unclosed": "unclosed", "badyaml": "badyaml", "gbk": "gbk", "dangling": "dangling", "linkout": "linkout"} {
			if got := ix.Name(id); got != name {
				t.Errorf("Name(%s) = %q, want %q", id, got, name)
			}
		}
		if got := fmt.Sprint(ix.Profile("fallback").Aliases); got != "[one two]" {
			t.Errorf("fallback aliases %s", got)
		}
	}
}
