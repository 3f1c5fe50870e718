package book

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// committedRepo makes a repository in dir holding files (path: content)
// in one commit, "start".
func committedRepo(t *testing.T, dir string, files map[string]string) *Repo {
	t.Helper()
	r, err := InitRepoEnv(dir, testEnv(""))
	if err != nil {
		t.Fatal(err)
	}
	for p, c := range files {
		write(t, dir, p, c)
	}
	if _, err := r.Commit(commitOpts("start")); err != nil {
		t.Fatal(err)
	}
	return r
}

// twoClones makes a bare remote holding a first commit and two clones of it.
func twoClones(t *testing.T, files map[string]string) (a, b *Repo, remote string) {
	t.Helper()
	dir := t.TempDir()
	remote = filepath.Join(dir, "remote.git")
	gitCLI(t, dir, "init", "-q", "--bare", "-b", "main", remote)
	seed := filepath.Join(dir, "seed")
	r := committedRepo(t, seed, files)
	if err := r.AddRemote("", remote); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Sync(SyncOptions{Getenv: testEnv("")}); err != nil {
		t.Fatal(err)
	}
	var err error
	if a, err = Clone(remote, filepath.Join(dir, "a"), CloneOptions{Getenv: testEnv("")}); err != nil {
		t.Fatal(err)
	}
	if b, err = Clone(remote, filepath.Join(dir, "b"), CloneOptions{Getenv: testEnv("")}); err != nil {
		t.Fatal(err)
	}
	return a, b, remote
}

func TestSyncBinaryConflictKeepsBoth(t *testing.T) {
	a, b, remote := twoClones(t, map[string]string{"accounts/hx/purchases/2025.xlsx": "PK\x00base"})
	write(t, a.Root(), "accounts/hx/purchases/2025.xlsx", "PK\x00ours")
	if _, err := a.Sync(SyncOptions{Getenv: testEnv("")}); err != nil {
		t.Fatal(err)
	}
	write(t, b.Root(), "accounts/hx/purchases/2025.xlsx", "PK\x00theirs")
	res, err := b.Sync(SyncOptions{Getenv: testEnv("")})
	if !errors.Is(err, ErrMergeConflict) || len(res.Conflicts) != 1 || !strings.Contains(res.Conflicts[0].Note, "2025.theirs.xlsx") {
		t.Fatalf("err = %v, conflicts = %+v", err, res)
	}
	if _, err := os.Stat(filepath.Join(b.gitDir, "MERGE_HEAD")); err != nil {
		t.Fatal("no pending merge")
	}
	// Nothing was pushed while the merge is pending.
	if got, want := gitCLI(t, remote, "rev-parse", "main"), gitCLI(t, a.Root(), "rev-parse", "HEAD"); got != want {
		t.Errorf("remote moved to %s while a merge is pending", got)
	}
	// The rep keeps theirs, drops the copy, and syncs: a merge commit.
	data, _ := os.ReadFile(filepath.Join(b.Root(), "accounts/hx/purchases/2025.theirs.xlsx"))
	if string(data) != "PK\x00ours" {
		t.Errorf("theirs copy = %q", data)
	}
	os.Remove(filepath.Join(b.Root(), "accounts/hx/purchases/2025.theirs.xlsx"))
	res, err = b.Sync(SyncOptions{Getenv: testEnv("")})
	if err != nil || res.Merge == nil || !res.Pushed {
		t.Fatalf("resolution sync: %+v, %v", res, err)
	}
	if _, err := a.Sync(SyncOptions{Getenv: testEnv("")}); err != nil {
		t.Fatal(err)
	}
	if ha, hb := gitCLI(t, a.Root(), "rev-parse", "HEAD"), gitCLI(t, b.Root(), "rev-parse", "HEAD"); ha != hb {
		t.Errorf("clones differ: %s %s", ha, hb)
	}
	assertClean(t, a.Root())
	assertClean(t, b.Root())
}

func TestSyncNeverOverwritesAnEditMadeDuringSync(t *testing.T) {
	a, b, _ := twoClones(t, map[string]string{"accounts/hx/account.md": "---\ntier: B\n---\n"})
	write(t, a.Root(), "accounts/hx/account.md", "---\ntier: A\n---\n")
	if _, err := a.Sync(SyncOptions{Getenv: testEnv("")}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Sync(SyncOptions{Getenv: testEnv("")}); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(b.Root(), "accounts/hx/account.md")); string(data) != "---\ntier: A\n---\n" {
		t.Errorf("b has %q", data)
	}
	// An edit the sync did not commit (made after its commit step) must
	// stop the fast-forward rather than be overwritten.
	write(t, a.Root(), "accounts/hx/account.md", "---\ntier: C\n---\n")
	if _, err := a.Sync(SyncOptions{Getenv: testEnv("")}); err != nil {
		t.Fatal(err)
	}
	write(t, b.Root(), "accounts/hx/account.md", "---\ntier: local edit\n---\n")
	if _, err := b.fetch(DefaultRemote, testEnv(""), nil); err != nil {
		t.Fatal(err)
	}
	_, local, _ := b.headTarget()
	remoteHash, _ := b.readRef("refs/remotes/origin/main")
	err := b.fastForward("refs/heads/main", local, remoteHash, &SyncResult{})
	if !errors.Is(err, ErrDirtyDuringSync) {
		t.Fatalf("fast-forward over an edit: err = %v, want ErrDirtyDuringSync", err)
	}
	if data, _ := os.ReadFile(filepath.Join(b.Root(), "accounts/hx/account.md")); !strings.Contains(string(data), "local edit") {
		t.Errorf("the edit was overwritten: %q", data)
	}
	// A normal sync then commits the edit and merges.
	res, err := b.Sync(SyncOptions{Getenv: testEnv("")})
	if !errors.Is(err, ErrMergeConflict) || len(res.Conflicts) != 1 {
		t.Fatalf("sync after edit: %+v %v", res, err)
	}
}

// AbortMerge puts back what a conflicted merge changed, binary conflicts
// (a .theirs copy) and delete-against-modify (the file comes back deleted)
// included, and leaves both sides' history untouched.
func TestAbortMergeBinaryAndDeleteModify(t *testing.T) {
	a, b, _ := twoClones(t, map[string]string{
		"accounts/hx/purchases/2025.xlsx": "PK\x00base",
		"accounts/hx/contacts/old.md":     "old\n",
	})
	write(t, a.Root(), "accounts/hx/purchases/2025.xlsx", "PK\x00ours")
	write(t, a.Root(), "accounts/hx/contacts/old.md", "kept by a\n")
	if _, err := a.Sync(SyncOptions{Getenv: testEnv("")}); err != nil {
		t.Fatal(err)
	}
	write(t, b.Root(), "accounts/hx/purchases/2025.xlsx", "PK\x00theirs")
	os.Remove(filepath.Join(b.Root(), "accounts/hx/contacts/old.md"))
	if _, err := b.Sync(SyncOptions{Getenv: testEnv("")}); !errors.Is(err, ErrMergeConflict) {
		t.Fatalf("sync: %v", err)
	}
	before := gitCLI(t, b.Root(), "rev-parse", "HEAD")
	if _, err := os.Stat(filepath.Join(b.Root(), "accounts/hx/contacts/old.md")); err != nil {
		t.Fatalf("delete against modify should bring the file back during the merge: %v", err)
	}
	res, err := b.AbortMerge()
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{{"accounts/hx/contacts/old.md", Deleted}, {"accounts/hx/purchases/2025.theirs.xlsx", Deleted}}
	if fmt.Sprint(res.Restored) != fmt.Sprint(want) {
		t.Errorf("restored = %v, want %v", res.Restored, want)
	}
	if data, _ := os.ReadFile(filepath.Join(b.Root(), "accounts/hx/purchases/2025.xlsx")); string(data) != "PK\x00theirs" {
		t.Errorf("b's own workbook = %q", data)
	}
	for _, p := range []string{"accounts/hx/contacts/old.md", "accounts/hx/purchases/2025.theirs.xlsx"} {
		if _, err := os.Stat(filepath.Join(b.Root(), p)); err == nil {
			t.Errorf("%s still there after abort", p)
		}
	}
	if after := gitCLI(t, b.Root(), "rev-parse", "HEAD"); after != before {
		t.Errorf("HEAD moved: %s -> %s", before, after)
	}
	assertClean(t, b.Root())
	if _, err := b.AbortMerge(); !errors.Is(err, ErrNoMergePending) {
		t.Errorf("second abort: %v", err)
	}
}

// A file the merge wrote and the rep removed since counts as an edit.
func TestAbortMergeRefusesRemovedFile(t *testing.T) {
	a, b, _ := twoClones(t, map[string]string{"accounts/hx/account.md": "tier: B\n"})
	write(t, a.Root(), "accounts/hx/account.md", "tier: A\n")
	if _, err := a.Sync(SyncOptions{Getenv: testEnv("")}); err != nil {
		t.Fatal(err)
	}
	write(t, b.Root(), "accounts/hx/account.md", "tier: C\n")
	if _, err := b.Sync(SyncOptions{Getenv: testEnv("")}); !errors.Is(err, ErrMergeConflict) {
		t.Fatalf("sync: %v", err)
	}
	os.Remove(filepath.Join(b.Root(), "accounts/hx/account.md"))
	_, err := b.AbortMerge()
	var ee *EditedSinceMergeError
	if !errors.As(err, &ee) || len(ee.Files) != 1 || ee.Files[0] != "accounts/hx/account.md" {
		t.Fatalf("err = %v, want EditedSinceMergeError naming account.md", err)
	}
	if _, err := os.Stat(filepath.Join(b.gitDir, "MERGE_HEAD")); err != nil {
		t.Error("the pending merge was dropped by a refused abort")
	}
}

// A folder that became a file on the other side: the fast-forward removes
// the folder's files (and the emptied folder) before writing the file.
func TestSyncFolderBecameFile(t *testing.T) {
	a, b, _ := twoClones(t, map[string]string{"accounts/hx/notes/a.md": "a\n", "accounts/hx/account.md": "tier: A\n"})
	os.RemoveAll(filepath.Join(a.Root(), "accounts/hx/notes"))
	write(t, a.Root(), "accounts/hx/notes", "now a file\n")
	if _, err := a.Sync(SyncOptions{Getenv: testEnv("")}); err != nil {
		t.Fatal(err)
	}
	res, err := b.Sync(SyncOptions{Getenv: testEnv("")})
	if err != nil || !res.FastForward {
		t.Fatalf("sync: %+v %v", res, err)
	}
	if data, err := os.ReadFile(filepath.Join(b.Root(), "accounts/hx/notes")); err != nil || string(data) != "now a file\n" {
		t.Errorf("notes = %q, %v", data, err)
	}
	assertClean(t, b.Root())
}

// The same through a merge (both sides moved): the merge's updates are in
// path order, which puts the file before the folder's files.
func TestSyncMergeFolderBecameFile(t *testing.T) {
	a, b, _ := twoClones(t, map[string]string{"accounts/hx/notes/a.md": "a\n", "accounts/lx/account.md": "tier: B\n"})
	os.RemoveAll(filepath.Join(a.Root(), "accounts/hx/notes"))
	write(t, a.Root(), "accounts/hx/notes", "now a file\n")
	if _, err := a.Sync(SyncOptions{Getenv: testEnv("")}); err != nil {
		t.Fatal(err)
	}
	write(t, b.Root(), "accounts/lx/account.md", "tier: A\n")
	res, err := b.Sync(SyncOptions{Getenv: testEnv("")})
	if err != nil || res.Merge == nil || !res.Pushed {
		t.Fatalf("sync: %+v %v", res, err)
	}
	if data, err := os.ReadFile(filepath.Join(b.Root(), "accounts/hx/notes")); err != nil || string(data) != "now a file\n" {
		t.Errorf("notes = %q, %v", data, err)
	}
	assertClean(t, b.Root())
}
