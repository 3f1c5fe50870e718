package book

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A commit of explicit paths (acct new, edit, visit new, import) while a
// merge is pending must not conclude it: the index holds only our side of
// the conflicted file, so the other side's value would be lost.
func TestCommitPathsRefusedWhileMergePending(t *testing.T) {
	a, b, _ := twoClones(t, map[string]string{"accounts/hx/account.md": "---\nowner: 李明\n---\n"})
	write(t, a.Root(), "accounts/hx/account.md", "---\nowner: 王军\n---\n")
	if _, err := a.Sync(SyncOptions{Getenv: testEnv("")}); err != nil {
		t.Fatal(err)
	}
	write(t, b.Root(), "accounts/hx/account.md", "---\nowner: 张三\n---\n")
	if _, err := b.Sync(SyncOptions{Getenv: testEnv("")}); !errors.Is(err, ErrMergeConflict) {
		t.Fatalf("sync: %v, want a conflict", err)
	}
	before := gitCLI(t, b.Root(), "rev-parse", "HEAD")
	write(t, b.Root(), "accounts/zeta/account.md", "---\nname: Zeta\n---\n")
	_, err := b.Commit(commitOpts("Add account zeta", "accounts/zeta"))
	var mp *MergeInProgressError
	if !errors.As(err, &mp) || !errors.Is(err, ErrMergeInProgress) {
		t.Fatalf("commit during a merge: err = %v, want *MergeInProgressError", err)
	}
	if want := "a merge is in progress: resolve the conflicts in accounts/hx/account.md, then run acct sync"; err.Error() != want {
		t.Errorf("message = %q, want %q", err, want)
	}
	if got := gitCLI(t, b.Root(), "rev-parse", "HEAD"); got != before {
		t.Errorf("HEAD moved to %s", got)
	}
	if _, err := os.Stat(filepath.Join(b.gitDir, "MERGE_HEAD")); err != nil {
		t.Error("the pending merge was dropped")
	}
	// A whole-book commit is refused while markers remain.
	var cm *ConflictMarkersError
	if _, err := b.Commit(commitOpts("")); !errors.As(err, &cm) {
		t.Fatalf("whole-book commit with markers: err = %v", err)
	}
	// Resolved: a paths commit is still refused, the whole-book one concludes.
	write(t, b.Root(), "accounts/hx/account.md", "---\nowner: 王军\n---\n")
	if _, err := b.Commit(commitOpts("x", "accounts/zeta")); !errors.Is(err, ErrMergeInProgress) ||
		!strings.Contains(err.Error(), "run acct sync to conclude it") {
		t.Fatalf("paths commit after resolving: err = %v", err)
	}
	res, err := b.Record(commitOpts(""))
	if err != nil || !res.Merge {
		t.Fatalf("concluding commit: %+v, %v", res, err)
	}
	if p := gitCLI(t, b.Root(), "log", "-1", "--format=%p"); len(strings.Fields(p)) != 2 {
		t.Errorf("parents = %q, want two", p)
	}
	if pending, _, _, err := b.MergeInProgress(); pending || err != nil {
		t.Errorf("still pending after the merge commit: %v", err)
	}
}

// A commit of explicit paths records only those paths; what the user
// staged elsewhere (git add) stays staged and out of the commit.
func TestCommitPathsLeavesOtherStagedChanges(t *testing.T) {
	root := t.TempDir()
	r := committedRepo(t, root, map[string]string{
		"accounts/hx/account.md": "---\nname: 华星\n---\n",
		"accounts/lx/account.md": "---\nname: 立讯\n---\n",
	})
	write(t, root, "accounts/hx/account.md", "---\nname: 华星\n---\nx\n")
	write(t, root, "accounts/hx/contacts/wang.md", "---\nname: 王\n---\n")
	gitCLI(t, root, "add", "accounts/hx/account.md", "accounts/hx/contacts/wang.md")
	gitCLI(t, root, "rm", "-q", "--cached", "accounts/lx/account.md")
	write(t, root, "accounts/zeta/account.md", "---\nname: Zeta\n---\n")
	res, err := r.Record(commitOpts("Add account zeta", "accounts/zeta"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 1 || res.Changes[0].Path != "accounts/zeta/account.md" {
		t.Errorf("changes = %+v, want only accounts/zeta/account.md", res.Changes)
	}
	if got := gitCLI(t, root, "show", "--name-status", "--format=", "HEAD"); got != "A\taccounts/zeta/account.md\n" {
		t.Errorf("commit holds:\n%s", got)
	}
	// The other staged changes are still staged, unchanged.
	if got, want := gitCLI(t, root, "diff", "--cached", "--name-status"),
		"M\taccounts/hx/account.md\nA\taccounts/hx/contacts/wang.md\nD\taccounts/lx/account.md\n"; got != want {
		t.Errorf("staged after the commit:\n%s\nwant:\n%s", got, want)
	}
	gitCLI(t, root, "fsck", "--strict", "--no-progress")
	// A whole-book commit then records the work tree (lx/account.md,
	// untracked now but still on disk, is kept).
	res, err = r.Record(commitOpts("rest"))
	if err != nil || len(res.Changes) != 2 {
		t.Fatalf("whole-book commit: %+v, %v", res, err)
	}
}
