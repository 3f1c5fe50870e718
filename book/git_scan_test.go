package book

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// settle waits until the file system's clock has moved past every change
// made so far under root, so that the next scan may cache the folders
// (a folder changed in the clock tick its scan began is never cached).
func settle(t *testing.T, root string) {
	t.Helper()
	var newest time.Time
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil {
			if st, ok := folderStatOf(info); ok {
				if c := time.Unix(0, st.ctime); c.After(newest) {
					newest = c
				}
			}
			if info.ModTime().After(newest) && info.ModTime().Before(time.Now().Add(time.Minute)) {
				newest = info.ModTime()
			}
		}
		return nil
	})
	probe := filepath.Join(t.TempDir(), "probe")
	for i := 0; i < 400; i++ {
		os.WriteFile(probe, nil, 0o644)
		if info, err := os.Stat(probe); err == nil && info.ModTime().After(newest) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the file system clock does not move")
}

func mtimeOf(t *testing.T, path string) time.Time {
	t.Helper()
	info, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.ModTime()
}

// setMtime puts a file's or folder's modification time back (as a program
// restoring it, or an edit within the same clock tick, would leave it).
func setMtime(t *testing.T, path string, m time.Time) {
	t.Helper()
	if err := os.Chtimes(path, m, m); err != nil {
		t.Fatal(err)
	}
}

// warmBook commits files, then scans twice more so that the second scan
// takes every folder from the folder cache.
func warmBook(t *testing.T, files map[string]string) (*Repo, string) {
	t.Helper()
	root := t.TempDir()
	r := committedRepo(t, root, files)
	for i := 0; i < 2; i++ {
		settle(t, root)
		if _, err := r.Commit(commitOpts("none")); !errors.Is(err, ErrNothingToCommit) {
			t.Fatalf("warm-up commit: %v", err)
		}
	}
	if d := r.lastDirs; d == nil || d.reads != 0 || d.hits == 0 {
		t.Fatalf("the folder cache was not used: %+v", d)
	}
	return r, root
}

func TestKeyLessIsIndexOrder(t *testing.T) {
	names := []dirName{{"b", 'f'}, {"a", 'd'}, {"a.md", 'f'}, {"a-b", 'd'}, {"a0", 'f'}, {"a/", 'o'}, {"", 'f'}}
	for i, x := range names {
		for j, y := range names {
			kx, ky := x.name, y.name
			if x.kind == 'd' {
				kx += "/"
			}
			if y.kind == 'd' {
				ky += "/"
			}
			if got, want := keyLess(x, y), kx < ky; got != want {
				t.Errorf("keyLess(%q, %q) = %v, want %v (%d, %d)", kx, ky, got, want, i, j)
			}
		}
	}
}

// Every kind of change a rep can make must be recorded even when every
// folder's listing comes from the folder cache.
func TestScanWithFolderCacheMissesNoEdit(t *testing.T) {
	files := map[string]string{
		".gitignore":                   "*.bak\n",
		"acct.yaml":                    "language: zh\n",
		"accounts/a/account.md":        "tier: A\n",
		"accounts/a/notes.md":          "n\n",
		"accounts/a/contacts/x.md":     "x\n",
		"accounts/a/contacts/z.md":     "z\n",
		"accounts/b/account.md":        "tier: B\n",
		"accounts/a/purchases/old.bak": "ignored\n",
		// Names that sort around the folder contacts/ (index order puts
		// contacts.md and contacts-old/ before contacts/x.md).
		"accounts/a/contacts.md":       "c\n",
		"accounts/a/contacts-old/x.md": "x\n",
		"accounts/a/contacts0":         "0\n",
	}
	p := func(root, rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }
	cases := []struct {
		name   string
		change func(t *testing.T, r *Repo, root string)
		want   []Change // nil: nothing to commit
	}{
		{"same-size edit, modification time put back", func(t *testing.T, r *Repo, root string) {
			m := mtimeOf(t, p(root, "accounts/a/account.md"))
			write(t, root, "accounts/a/account.md", "tier: C\n")
			setMtime(t, p(root, "accounts/a/account.md"), m)
		}, []Change{{"accounts/a/account.md", Modified}}},
		{"same-size edit in place", func(t *testing.T, r *Repo, root string) {
			os.WriteFile(p(root, "accounts/a/contacts/x.md"), []byte("y\n"), 0o644)
		}, []Change{{"accounts/a/contacts/x.md", Modified}}},
		{"new file in an existing folder", func(t *testing.T, r *Repo, root string) {
			write(t, root, "accounts/a/contacts/new.md", "new\n")
		}, []Change{{"accounts/a/contacts/new.md", Added}}},
		{"new file, folder modification time put back", func(t *testing.T, r *Repo, root string) {
			m := mtimeOf(t, p(root, "accounts/a/contacts"))
			write(t, root, "accounts/a/contacts/new.md", "new\n")
			setMtime(t, p(root, "accounts/a/contacts"), m)
		}, []Change{{"accounts/a/contacts/new.md", Added}}},
		{"new files sorting around a folder's name", func(t *testing.T, r *Repo, root string) {
			write(t, root, "accounts/a/contacts+.md", "+\n")
			write(t, root, "accounts/a/contacts/x.md.bak2", "b\n")
			write(t, root, "accounts/a/contacts-old/y.md", "y\n")
			write(t, root, "accounts/a/contacts1", "1\n")
		}, []Change{{"accounts/a/contacts+.md", Added}, {"accounts/a/contacts-old/y.md", Added},
			{"accounts/a/contacts/x.md.bak2", Added}, {"accounts/a/contacts1", Added}}},
		{"deleted file", func(t *testing.T, r *Repo, root string) {
			os.Remove(p(root, "accounts/a/contacts/z.md"))
		}, []Change{{"accounts/a/contacts/z.md", Deleted}}},
		{"deleted file, folder modification time put back", func(t *testing.T, r *Repo, root string) {
			m := mtimeOf(t, p(root, "accounts/a/contacts"))
			os.Remove(p(root, "accounts/a/contacts/z.md"))
			setMtime(t, p(root, "accounts/a/contacts"), m)
		}, []Change{{"accounts/a/contacts/z.md", Deleted}}},
		{"new folder in an account", func(t *testing.T, r *Repo, root string) {
			write(t, root, "accounts/a/visits/2026-03-01-kickoff.md", "v\n")
		}, []Change{{"accounts/a/visits/2026-03-01-kickoff.md", Added}}},
		{"new account folder", func(t *testing.T, r *Repo, root string) {
			write(t, root, "accounts/c/account.md", "tier: C\n")
		}, []Change{{"accounts/c/account.md", Added}}},
		{"new folder, parent's modification time put back", func(t *testing.T, r *Repo, root string) {
			m := mtimeOf(t, p(root, "accounts/b"))
			write(t, root, "accounts/b/contacts/q.md", "q\n")
			setMtime(t, p(root, "accounts/b"), m)
		}, []Change{{"accounts/b/contacts/q.md", Added}}},
		{"folder replaced by another", func(t *testing.T, r *Repo, root string) {
			pm := mtimeOf(t, p(root, "accounts/a"))
			cm := mtimeOf(t, p(root, "accounts/a/contacts"))
			os.RemoveAll(p(root, "accounts/a/contacts"))
			write(t, root, "accounts/a/contacts/x.md", "x\n")
			write(t, root, "accounts/a/contacts/y.md", "y\n")
			setMtime(t, p(root, "accounts/a/contacts"), cm)
			setMtime(t, p(root, "accounts/a"), pm)
		}, []Change{{"accounts/a/contacts/y.md", Added}, {"accounts/a/contacts/z.md", Deleted}}},
		{"file became a folder", func(t *testing.T, r *Repo, root string) {
			os.Remove(p(root, "accounts/a/notes.md"))
			write(t, root, "accounts/a/notes.md/n.md", "n\n")
		}, []Change{{"accounts/a/notes.md", Deleted}, {"accounts/a/notes.md/n.md", Added}}},
		{".gitignore edited in place", func(t *testing.T, r *Repo, root string) {
			os.WriteFile(p(root, ".gitignore"), []byte("*.tmp\n"), 0o644)
		}, []Change{{".gitignore", Modified}, {"accounts/a/purchases/old.bak", Added}}},
		{"untracked by git rm --cached, file kept", func(t *testing.T, r *Repo, root string) {
			gitCLI(t, root, "rm", "-q", "--cached", "accounts/b/account.md")
		}, nil},
		{"folder cache file corrupt", func(t *testing.T, r *Repo, root string) {
			data, _ := os.ReadFile(filepath.Join(r.gitDir, dirCacheFile))
			data[len(data)/2] ^= 0xff
			os.WriteFile(filepath.Join(r.gitDir, dirCacheFile), data, 0o644)
			write(t, root, "accounts/a/contacts/new.md", "new\n")
		}, []Change{{"accounts/a/contacts/new.md", Added}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, root := warmBook(t, files)
			tc.change(t, r, root)
			res, err := r.Record(commitOpts("change"))
			if tc.want == nil {
				if !errors.Is(err, ErrNothingToCommit) {
					t.Fatalf("err = %v, want nothing to commit", err)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(res.Changes) != fmt.Sprint(tc.want) {
					t.Errorf("changes = %v, want %v", res.Changes, tc.want)
				}
			}
			assertClean(t, root)
		})
	}
}

// A folder or file changed at or after the start of the scan may change
// again within the same clock tick without its stat data changing: such a
// folder is not cached, such a file's entry is smudged, and the next scan
// looks at both again.
func TestScanRacyFolderAndFileNotTrusted(t *testing.T) {
	r, root := warmBook(t, map[string]string{"accounts/a/account.md": "tier: A\n", "accounts/a/contacts/x.md": "x\n"})
	future := time.Now().Add(time.Hour).Truncate(time.Second)
	contacts := filepath.Join(root, "accounts", "a", "contacts")
	account := filepath.Join(root, "accounts", "a", "account.md")
	write(t, root, "accounts/a/contacts/y.md", "y\n")
	setMtime(t, contacts, future)
	write(t, root, "accounts/a/account.md", "tier: B\n")
	setMtime(t, account, future)
	if _, err := r.Commit(commitOpts("racy")); err != nil {
		t.Fatal(err)
	}
	if _, ok := r.lastDirs.fresh["accounts/a/contacts"]; ok {
		t.Error("a folder changed after the scan began was cached")
	}
	gi, err := readIndex(r.indexPath())
	if err != nil {
		t.Fatal(err)
	}
	if e := gi.entries[gi.find("accounts/a/account.md")]; !e.ModifiedAt.IsZero() {
		t.Errorf("a file changed after the scan began was recorded with its stat data: %v", e.ModifiedAt)
	}
	// The same change again, stat data as before: still seen.
	write(t, root, "accounts/a/contacts/w.md", "w\n")
	setMtime(t, contacts, future)
	write(t, root, "accounts/a/account.md", "tier: C\n")
	setMtime(t, account, future)
	res, err := r.Record(commitOpts("again"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{{"accounts/a/account.md", Modified}, {"accounts/a/contacts/w.md", Added}}
	if fmt.Sprint(res.Changes) != fmt.Sprint(want) {
		t.Errorf("changes = %v, want %v", res.Changes, want)
	}
	assertClean(t, root)
}

// Files a sync wrote are recorded smudged, so an edit made in the same
// clock tick as the write is still seen by the next scan.
func TestSyncPulledFilesAreSmudged(t *testing.T) {
	a, b, _ := twoClones(t, map[string]string{"accounts/hx/account.md": "tier: A\n"})
	write(t, a.Root(), "accounts/hx/account.md", "tier: B\n")
	if _, err := a.Sync(SyncOptions{Getenv: testEnv("")}); err != nil {
		t.Fatal(err)
	}
	res, err := b.Sync(SyncOptions{Getenv: testEnv("")})
	if err != nil || !res.FastForward {
		t.Fatalf("sync: %+v %v", res, err)
	}
	gi, err := readIndex(b.indexPath())
	if err != nil {
		t.Fatal(err)
	}
	if e := gi.entries[gi.find("accounts/hx/account.md")]; !e.ModifiedAt.IsZero() {
		t.Errorf("pulled file recorded with stat data %v, want smudged", e.ModifiedAt)
	}
	path := filepath.Join(b.Root(), "accounts", "hx", "account.md")
	m := mtimeOf(t, path)
	write(t, b.Root(), "accounts/hx/account.md", "tier: C\n")
	setMtime(t, path, m)
	c, err := b.Record(commitOpts("edit"))
	if err != nil || len(c.Changes) != 1 {
		t.Fatalf("edit after sync: %+v %v", c, err)
	}
	assertClean(t, b.Root())
}

// A submodule (a gitlink in the index, its folder a repository of its own)
// is left alone: neither dropped nor its files added to the book.
func TestScanLeavesSubmodules(t *testing.T) {
	root := t.TempDir()
	r, _ := InitRepoEnv(root, testEnv(""))
	write(t, root, "accounts/a/account.md", "tier: A\n")
	if _, err := r.Commit(commitOpts("start")); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(root, "vendor", "sub")
	os.MkdirAll(sub, 0o755)
	gitCLI(t, sub, "init", "-q")
	write(t, sub, "x.md", "x\n")
	gitCLI(t, sub, "add", "x.md")
	gitCLI(t, sub, "commit", "-q", "-m", "x")
	head := strings.TrimSpace(gitCLI(t, sub, "rev-parse", "HEAD"))
	gitCLI(t, root, "update-index", "--add", "--cacheinfo", "160000,"+head+",vendor/sub")
	gitCLI(t, root, "commit", "-q", "-m", "submodule")
	write(t, root, "accounts/a/account.md", "tier: B\n")
	res, err := r.Record(commitOpts("edit"))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(res.Changes) != fmt.Sprint([]Change{{"accounts/a/account.md", Modified}}) {
		t.Errorf("changes = %v", res.Changes)
	}
	if got := gitCLI(t, root, "ls-tree", "HEAD", "vendor/sub"); !strings.HasPrefix(got, "160000 commit "+head) {
		t.Errorf("submodule entry = %q", got)
	}
}
