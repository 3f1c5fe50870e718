package book

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// testEnv is a Getenv with a fixed author and a home without git config.
func testEnv(home string) func(string) string {
	return func(k string) string {
		switch k {
		case "HOME":
			return home
		case "ACCT_AUTHOR_NAME":
			return "Test Rep"
		case "ACCT_AUTHOR_EMAIL":
			return "rep@example.com"
		}
		return ""
	}
}

// gitCLI runs the git command line in dir and returns its output.
func gitCLI(t *testing.T, dir string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git CLI not installed")
	}
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=CLI", "GIT_AUTHOR_EMAIL=cli@example.com",
		"GIT_COMMITTER_NAME=CLI", "GIT_COMMITTER_EMAIL=cli@example.com")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func write(t *testing.T, root, rel, content string) {
	t.Helper()
	if err := WriteFile(filepath.Join(root, filepath.FromSlash(rel)), []byte(content)); err != nil {
		t.Fatal(err)
	}
}

func commitOpts(msg string, paths ...string) CommitOptions {
	o := CommitOptions{Message: msg, Getenv: testEnv(""), Now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	if paths != nil {
		o.Paths = paths
	}
	return o
}

// assertClean checks with the git CLI that the work tree matches HEAD, the
// index agrees with git and the repository is consistent.
func assertClean(t *testing.T, dir string) {
	t.Helper()
	if st := gitCLI(t, dir, "status", "--porcelain", "--untracked-files=all"); st != "" {
		t.Errorf("git status not clean:\n%s", st)
	}
	gitCLI(t, dir, "fsck", "--strict", "--no-progress")
}

func TestCommitRecordsEveryChange(t *testing.T) {
	root := t.TempDir()
	r, err := InitRepoEnv(root, testEnv(""))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, "acct.yaml", "language: zh\n")
	write(t, root, "accounts/hx/account.md", "---\nkind: account\nname: 华星\n---\n")
	write(t, root, "accounts/hx/contacts/zhang.md", "---\nkind: contact\n---\n")
	h1, err := r.Commit(commitOpts("init"))
	if err != nil {
		t.Fatal(err)
	}
	assertClean(t, root)
	if got := strings.TrimSpace(gitCLI(t, root, "rev-parse", "HEAD")); got != h1 {
		t.Fatalf("HEAD = %s, want %s", got, h1)
	}
	if got := gitCLI(t, root, "branch", "--show-current"); strings.TrimSpace(got) != "main" {
		t.Errorf("branch = %q, want main", got)
	}

	if _, err := r.Commit(commitOpts("again")); !errors.Is(err, ErrNothingToCommit) {
		t.Fatalf("second commit: err = %v, want ErrNothingToCommit", err)
	}

	// Modify, add and delete in one go.
	write(t, root, "accounts/hx/account.md", "---\nkind: account\nname: 华星电子\n---\n")
	write(t, root, "accounts/lx/account.md", "---\nkind: account\n---\n")
	os.Remove(filepath.Join(root, "accounts/hx/contacts/zhang.md"))
	res, err := r.Record(commitOpts(""))
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{{"accounts/hx/account.md", Modified}, {"accounts/hx/contacts/zhang.md", Deleted}, {"accounts/lx/account.md", Added}}
	if len(res.Changes) != len(want) {
		t.Fatalf("changes = %v, want %v", res.Changes, want)
	}
	for i := range want {
		if res.Changes[i] != want[i] {
			t.Errorf("change %d = %v, want %v", i, res.Changes[i], want[i])
		}
	}
	if !strings.HasPrefix(res.Message, "hx: account, removed contact zhang; lx: new account") {
		t.Errorf("message = %q", res.Message)
	}
	assertClean(t, root)
	if n := strings.Count(gitCLI(t, root, "log", "--oneline"), "\n"); n != 2 {
		t.Errorf("git log has %d commits, want 2", n)
	}
	// The git CLI reads our cache-tree and agrees with it.
	gitCLI(t, root, "write-tree")
}

func TestCommitPathsOnlyThosePaths(t *testing.T) {
	root := t.TempDir()
	r, err := InitRepoEnv(root, testEnv(""))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, "acct.yaml", "language: en\n")
	write(t, root, "accounts/a/account.md", "a\n")
	write(t, root, "accounts/b/account.md", "b\n")
	if _, err := r.Commit(commitOpts("a only", "accounts/a")); err != nil {
		t.Fatal(err)
	}
	files := gitCLI(t, root, "ls-tree", "-r", "--name-only", "HEAD")
	if files != "accounts/a/account.md\n" {
		t.Errorf("committed files = %q, want only accounts/a/account.md", files)
	}
	os.RemoveAll(filepath.Join(root, "accounts/a"))
	if _, err := r.Commit(commitOpts("drop a", "accounts/a/account.md")); err != nil {
		t.Fatal(err)
	}
	if files := gitCLI(t, root, "ls-tree", "-r", "--name-only", "HEAD"); files != "" {
		t.Errorf("after delete, files = %q", files)
	}
}

func TestBookInSubfolder(t *testing.T) {
	top := t.TempDir()
	gitCLI(t, top, "init", "-q", "-b", "trunk")
	write(t, top, "README", "outside the book\n")
	gitCLI(t, top, "add", "README")
	gitCLI(t, top, "commit", "-q", "-m", "readme")
	root := filepath.Join(top, "sales", "book")
	r, err := InitRepoEnv(root, testEnv(""))
	if err != nil {
		t.Fatal(err)
	}
	if r.Prefix() != "sales/book/" {
		t.Fatalf("prefix = %q", r.Prefix())
	}
	write(t, root, "acct.yaml", "language: en\n")
	write(t, root, "accounts/hx/account.md", "x\n")
	write(t, top, "README", "changed outside\n") // not part of the book
	res, err := r.Record(commitOpts(""))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 2 || res.Changes[0].Path != "accounts/hx/account.md" || res.Changes[1].Path != "acct.yaml" {
		t.Errorf("changes = %v", res.Changes)
	}
	files := gitCLI(t, top, "ls-tree", "-r", "--name-only", "HEAD")
	if files != "README\nsales/book/accounts/hx/account.md\nsales/book/acct.yaml\n" {
		t.Errorf("files = %q", files)
	}
	if st := gitCLI(t, top, "status", "--porcelain"); st != " M README\n" {
		t.Errorf("status = %q, want only README modified", st)
	}
	if b := strings.TrimSpace(gitCLI(t, top, "branch", "--show-current")); b != "trunk" {
		t.Errorf("branch = %q", b)
	}
}

func TestCommitRefusesConflictMarkers(t *testing.T) {
	root := t.TempDir()
	r, _ := InitRepoEnv(root, testEnv(""))
	write(t, root, "accounts/hx/account.md", "---\n<<<<<<< ours\ntier: A\n=======\ntier: B\n>>>>>>> theirs\n---\n")
	_, err := r.Commit(commitOpts("x"))
	var cm *ConflictMarkersError
	if !errors.As(err, &cm) || len(cm.Files) != 1 || cm.Files[0] != "accounts/hx/account.md" {
		t.Fatalf("err = %v, want conflict markers in accounts/hx/account.md", err)
	}
	if _, err := os.Stat(filepath.Join(root, ".git", "index.lock")); err == nil {
		t.Error("index.lock left behind")
	}
}

func TestCommitNoAuthor(t *testing.T) {
	root := t.TempDir()
	r, _ := InitRepoEnv(root, func(string) string { return "" })
	write(t, root, "a.md", "a\n")
	_, err := r.Commit(CommitOptions{Getenv: func(k string) string {
		if k == "HOME" {
			return root
		}
		return ""
	}})
	if !errors.Is(err, ErrNoAuthor) {
		t.Fatalf("err = %v, want ErrNoAuthor", err)
	}
}

func TestAuthorFromGitConfig(t *testing.T) {
	home := t.TempDir()
	os.WriteFile(filepath.Join(home, ".gitconfig"), []byte("[user]\n\tname = Global\n\temail = g@example.com\n"), 0o644)
	root := t.TempDir()
	r, _ := InitRepoEnv(root, func(string) string { return "" })
	env := func(k string) string {
		if k == "HOME" {
			return home
		}
		return ""
	}
	a, err := r.Author(env)
	if err != nil || a.Name != "Global" || a.Email != "g@example.com" {
		t.Fatalf("author = %v, %v", a, err)
	}
	gitCLI(t, root, "config", "user.name", "Repo Local")
	a, _ = r.Author(env)
	if a.Name != "Repo Local" || a.Email != "g@example.com" {
		t.Errorf("author = %v, want repo name with global email", a)
	}
	a, _ = r.Author(func(k string) string {
		return map[string]string{"HOME": home, "ACCT_AUTHOR_NAME": "Env", "ACCT_AUTHOR_EMAIL": "e@x"}[k]
	})
	if a.Name != "Env" || a.Email != "e@x" {
		t.Errorf("author = %v, want from env", a)
	}
}

func TestCommitWaitsForLock(t *testing.T) {
	root := t.TempDir()
	r, _ := InitRepoEnv(root, testEnv(""))
	write(t, root, "a.md", "a\n")
	lock := filepath.Join(root, ".git", "index.lock")
	os.WriteFile(lock, nil, 0o644)
	r.LockWait = 50 * time.Millisecond
	if _, err := r.Commit(commitOpts("x")); !errors.Is(err, ErrLocked) {
		t.Fatalf("err = %v, want ErrLocked", err)
	}
	if _, err := os.Stat(lock); err != nil {
		t.Error("someone else's lock was removed")
	}
	os.Remove(lock)
	if _, err := r.Commit(commitOpts("x")); err != nil {
		t.Fatal(err)
	}
}

func TestCommitSeesEditsWithSameSizeAndGitCLIChanges(t *testing.T) {
	root := t.TempDir()
	r, _ := InitRepoEnv(root, testEnv(""))
	write(t, root, "accounts/a/account.md", "tier: A\n")
	if _, err := r.Commit(commitOpts("1")); err != nil {
		t.Fatal(err)
	}
	// Same size, same second: the racy-clean rule must still catch it.
	write(t, root, "accounts/a/account.md", "tier: B\n")
	if _, err := r.Commit(commitOpts("2")); err != nil {
		t.Fatalf("same-size edit not seen: %v", err)
	}
	// The git CLI stages and commits in between; acct carries on from there.
	write(t, root, "accounts/a/notes.md", "n\n")
	gitCLI(t, root, "add", "-A")
	gitCLI(t, root, "commit", "-q", "-m", "cli")
	write(t, root, "accounts/a/account.md", "tier: C\n")
	if _, err := r.Commit(commitOpts("3")); err != nil {
		t.Fatal(err)
	}
	assertClean(t, root)
	if got := gitCLI(t, root, "show", "HEAD:accounts/a/account.md"); got != "tier: C\n" {
		t.Errorf("HEAD content = %q", got)
	}
	// Staged by git but not committed: a commit of other paths leaves it
	// staged, a whole-book commit records it.
	write(t, root, "b.md", "b\n")
	gitCLI(t, root, "add", "b.md")
	if _, err := r.Commit(commitOpts("4", "accounts")); !errors.Is(err, ErrNothingToCommit) {
		t.Fatalf("commit of accounts/ with only b.md staged: %v", err)
	}
	if got := gitCLI(t, root, "diff", "--cached", "--name-only"); got != "b.md\n" {
		t.Errorf("staged = %q, want b.md", got)
	}
	if _, err := r.Commit(commitOpts("4")); err != nil {
		t.Fatal(err)
	}
	assertClean(t, root)
}

func TestCommitHonoursGitignore(t *testing.T) {
	root := t.TempDir()
	r, _ := InitRepoEnv(root, testEnv(""))
	write(t, root, ".gitignore", "*.bak\nscratch/\n")
	write(t, root, "a.md", "a\n")
	write(t, root, "a.md.bak", "old\n")
	write(t, root, "scratch/x.md", "x\n")
	write(t, root, ".a.md.tmp123", "half\n")
	if _, err := r.Commit(commitOpts("x")); err != nil {
		t.Fatal(err)
	}
	files := gitCLI(t, root, "ls-tree", "-r", "--name-only", "HEAD")
	if files != ".gitignore\na.md\n" {
		t.Errorf("files = %q", files)
	}
}

func TestUpdateRefCompareAndSwap(t *testing.T) {
	root := t.TempDir()
	r, _ := InitRepoEnv(root, testEnv(""))
	write(t, root, "a.md", "a\n")
	h1, err := r.Commit(commitOpts("1"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, "a.md", "b\n")
	h2, _ := r.Commit(commitOpts("2"))
	// Moving main from h1 (stale) must fail: it is at h2.
	err = r.updateRef("refs/heads/main", hashOf(h1), hashOf(h1), Signature{Name: "x", Email: "y"}, "test")
	if !errors.Is(err, ErrRefMoved) {
		t.Fatalf("err = %v, want ErrRefMoved", err)
	}
	if got := strings.TrimSpace(gitCLI(t, root, "rev-parse", "main")); got != h2 {
		t.Errorf("main = %s, want %s", got, h2)
	}
	// Packed refs are read too.
	gitCLI(t, root, "pack-refs", "--all")
	write(t, root, "a.md", "c\n")
	if _, err := r.Commit(commitOpts("3")); err != nil {
		t.Fatal(err)
	}
	assertClean(t, root)
}

func hashOf(s string) plumbing.Hash { return plumbing.NewHash(s) }

// A book with many accounts is scanned by several goroutines (run with
// -race too); the result
// must be the same as a plain scan.
func TestCommitManyAccountsParallelScan(t *testing.T) {
	root := t.TempDir()
	r, _ := InitRepoEnv(root, testEnv(""))
	for i := 0; i < 300; i++ { // above the 256 that makes the scan parallel
		write(t, root, fmt.Sprintf("accounts/a%03d/account.md", i), fmt.Sprintf("tier: %d\n", i))
	}
	if _, err := r.Commit(commitOpts("start")); err != nil {
		t.Fatal(err)
	}
	write(t, root, "accounts/a007/account.md", "tier: changed\n")
	write(t, root, "accounts/a140/contacts/x.md", "new\n")
	os.Remove(filepath.Join(root, "accounts/a099/account.md"))
	write(t, root, "accounts/a120/account.md", "<<<<<<< a\nx\n=======\ny\n>>>>>>> b\n")
	_, err := r.Record(commitOpts(""))
	var cm *ConflictMarkersError
	if !errors.As(err, &cm) || len(cm.Files) != 1 || cm.Files[0] != "accounts/a120/account.md" {
		t.Fatalf("err = %v, want markers in a120", err)
	}
	write(t, root, "accounts/a120/account.md", "tier: resolved\n")
	res, err := r.Record(commitOpts(""))
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{{"accounts/a007/account.md", Modified}, {"accounts/a099/account.md", Deleted},
		{"accounts/a120/account.md", Modified}, {"accounts/a140/contacts/x.md", Added}}
	if fmt.Sprint(res.Changes) != fmt.Sprint(want) {
		t.Errorf("changes = %v, want %v", res.Changes, want)
	}
	assertClean(t, root)
}
