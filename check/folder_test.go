package check

import (
	"io/fs"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/document"
)

// TestUnreadableFolders: a contacts/ or visits/ folder (or the account
// folder) that cannot be read is one front-matter error naming the folder,
// and the rest of the account and of the book is still checked.
func TestUnreadableFolders(t *testing.T) {
	card := "---\nkind: contact\nname: A\ntitle: t\n---\n"
	tests := []struct {
		name string
		// spoil replaces a folder of account hx with something unreadable.
		spoil func(b *book.Book) error
		// want are the findings of hx (keys), the other account has none.
		want []string
		// zh is a part of the Chinese message of the folder's finding.
		zh string
	}{
		{"visits is a file", func(b *book.Book) error {
			return os.WriteFile(b.Path("accounts/hx/visits"), []byte("oops\n"), 0o644)
		}, []string{"contacts/a.md missing-field title", "visits front-matter "}, "不是文件夹"},
		{"contacts is a file", func(b *book.Book) error {
			if err := os.RemoveAll(b.Path("accounts/hx/contacts")); err != nil {
				return err
			}
			return os.WriteFile(b.Path("accounts/hx/contacts"), nil, 0o644)
		}, []string{"contacts front-matter ", "visits/2026-02-01-v.md reference attendees"}, "联系人卡片"},
		{"visits is a FIFO", func(b *book.Book) error {
			return syscallMkfifo(b.Path("accounts/hx/visits"))
		}, []string{"contacts/a.md missing-field title", "visits front-matter "}, "拜访纪要"},
		{"visits is a link to a file", func(b *book.Book) error {
			return os.Symlink("account.md", b.Path("accounts/hx/visits"))
		}, []string{"contacts/a.md missing-field title", "visits front-matter "}, "不是文件夹"},
		{"account folder without permissions", func(b *book.Book) error {
			if os.Geteuid() == 0 {
				return errSkip // root reads it anyway; TestFolderFinding covers the message
			}
			return os.Chmod(b.Path("accounts/hx"), 0)
		}, []string{"accounts/hx front-matter "}, "无法读取客户文件夹"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"accounts/hx/account.md":    completeC,
				"accounts/hx/contacts/a.md": strings.Replace(card, "title: t\n", "", 1),
				"accounts/zz/account.md":    completeC,
				"accounts/zz/contacts/b.md": card,
			}
			if !strings.Contains(tt.name, "visits is") {
				files["accounts/hx/visits/2026-02-01-v.md"] = "---\nkind: visit\npurpose: p\nconsensus: [c]\ndate: 2026-02-01\nattendees: [a]\nconfirmation: {status: confirmed}\n---\n"
			}
			b := writeBook(t, files)
			if err := tt.spoil(b); err != nil {
				t.Skip("cannot make the folder unreadable here:", err)
			}
			defer os.Chmod(b.Path("accounts/hx"), 0o755)
			rep, err := Run(b, Options{AsOf: asOf})
			if err != nil {
				t.Fatal(err)
			}
			if got := keys(rep.Findings); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("findings:\n  %s\nwant:\n  %s\nall: %v", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "), rep.Findings)
			}
			if len(rep.Accounts) != 2 || rep.Accounts[1].ID != "zz" || rep.Accounts[1].Profile == nil || rep.Accounts[1].ContactFiles != 1 {
				t.Errorf("the other account was not checked: %+v", rep.Accounts)
			}
			for _, f := range rep.Findings {
				if f.Rule == document.RuleFrontMatter && !strings.HasSuffix(f.File, ".md") && f.Severity == document.SeverityError {
					if zh := f.Localize("zh").Message; !strings.Contains(zh, tt.zh) {
						t.Errorf("Chinese message %q, want it to mention %q", zh, tt.zh)
					}
					return
				}
			}
			t.Error("no error finding for the folder")
		})
	}
}

// errSkip makes a case of TestUnreadableFolders skip.
var errSkip = fs.ErrInvalid

// TestFolderFinding: the message says why a folder cannot be read, in
// the book's language, also for causes a test run as root cannot cause.
func TestFolderFinding(t *testing.T) {
	tests := []struct {
		rel    string
		what   document.Phrase
		err    error
		en, zh string
	}{
		{"accounts/hx", "", &fs.PathError{Op: "open", Path: "/b/accounts/hx", Err: syscall.EACCES},
			"cannot read the account folder: permission denied; none of its files is checked", "无法读取客户文件夹:没有读取权限;其中的文件都没有检查"},
		{"accounts/hx/visits", "visit summaries", &fs.PathError{Op: "open", Path: "/b/accounts/hx/visits", Err: syscall.EACCES},
			"cannot read the folder of visit summaries: permission denied; none of them is checked", "无法读取拜访纪要所在的文件夹:没有读取权限;其中的文件都没有检查"},
		{"accounts/hx/contacts", "contact cards", &fs.PathError{Op: "open", Path: "/b/accounts/hx/contacts", Err: syscall.ENOTDIR},
			"not a folder (a file, pipe or device); the contact cards of the account go in a folder of this name", "不是文件夹(是文件、管道或设备);客户的联系人卡片应放在这个名字的文件夹里"},
		{"accounts/hx/contacts", "contact cards", &fs.PathError{Op: "readdirent", Path: "/b/accounts/hx/contacts", Err: syscall.EIO},
			"cannot read the folder of contact cards: " + syscall.EIO.Error() + "; none of them is checked", "无法读取联系人卡片所在的文件夹"},
	}
	for _, tt := range tests {
		f := folderFinding(tt.rel, tt.what, tt.err)
		if f.File != tt.rel || f.Severity != document.SeverityError || f.Rule != document.RuleFrontMatter || f.Line != 0 {
			t.Errorf("%s: %+v", tt.rel, f)
		}
		if f.Message != tt.en {
			t.Errorf("%v: message %q, want %q", tt.err, f.Message, tt.en)
		}
		if zh := f.Localize("zh").Message; !strings.HasPrefix(zh, tt.zh) {
			t.Errorf("%v: Chinese %q, want %q", tt.err, zh, tt.zh)
		}
	}
}
