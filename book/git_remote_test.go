package book

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	gitssh "github.com/go-git/go-git/v5/plumbing/transport/ssh"
)

// authFor is the credentials openAccess picks.
func authFor(rawURL string, getenv func(string) string) (transport.AuthMethod, error) {
	a, err := openAccess(rawURL, getenv)
	if err != nil {
		return nil, err
	}
	return a.auth, nil
}

func TestAuthFor(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{"HOME": home}
	getenv := func(k string) string { return env[k] }

	for _, u := range []string{"/srv/git/book.git", "file:///srv/git/book.git"} {
		a, err := authFor(u, getenv)
		if err != nil || a != nil {
			t.Errorf("%s: auth = %v, %v; want none", u, a, err)
		}
	}

	a, err := authFor("git@gitlab.example.com:sales/book.git", getenv)
	if err != nil {
		t.Fatal(err)
	}
	if cb, ok := a.(*gitssh.PublicKeysCallback); !ok || cb.User != "git" {
		t.Errorf("ssh auth = %#v, want public keys for user git", a)
	}

	env["ACCT_GIT_TOKEN"] = "s3cret"
	a, _ = authFor("https://gitea.example.com/sales/book.git", getenv)
	if b, ok := a.(*githttp.BasicAuth); !ok || b.Password != "s3cret" || b.Username == "" {
		t.Errorf("https auth with token = %#v", a)
	}
	delete(env, "ACCT_GIT_TOKEN")

	// Without a token, git's credential helpers are asked once the server
	// asks for credentials (a helper that answers from the test's home
	// folder), and only once.
	gitCLI(t, home, "config", "--file", filepath.Join(home, ".gitconfig"), "credential.helper",
		"!f() { echo username=helper-user; echo password=helper-pass; }; f")
	t.Setenv("HOME", home)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	acc, err := openAccess("https://gitea.example.com/sales/book.git", getenv)
	if err != nil || acc.auth != nil {
		t.Fatalf("https auth before the server asked = %#v, %v", acc.auth, err)
	}
	if acc.askHelper(errors.New("some other error")) {
		t.Error("helper asked for an error that is not about credentials")
	}
	if !acc.askHelper(fmt.Errorf("%w: 401", transport.ErrAuthenticationRequired)) {
		t.Fatal("helper not asked after a 401")
	}
	if b, ok := acc.auth.(*githttp.BasicAuth); !ok || b.Username != "helper-user" || b.Password != "helper-pass" {
		t.Errorf("https auth from credential helper = %#v", acc.auth)
	}
	if acc.askHelper(transport.ErrAuthenticationRequired) {
		t.Error("helper asked twice")
	}
}

func TestRemoteErrorsAreClear(t *testing.T) {
	root := t.TempDir()
	r, _ := InitRepoEnv(root, testEnv(""))
	write(t, root, "a.md", "a\n")
	if _, err := r.Commit(commitOpts("1")); err != nil {
		t.Fatal(err)
	}
	_, err := r.Sync(SyncOptions{Getenv: testEnv("")})
	if !errors.Is(err, ErrNoRemote) {
		t.Errorf("sync without remote: err = %v, want ErrNoRemote", err)
	}
	if err := r.AddRemote("", filepath.Join(root, "no-such-remote.git")); err != nil {
		t.Fatal(err)
	}
	_, err = r.Sync(SyncOptions{Getenv: testEnv("")})
	if err == nil || !strings.Contains(err.Error(), "no-such-remote.git") {
		t.Errorf("sync to a missing remote: err = %v, want it to name the remote", err)
	}
	if err := r.AddRemote("", "/elsewhere"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second remote add: err = %v", err)
	}
	if _, err := Clone("https://127.0.0.1:1/nothing.git", filepath.Join(root, "c"), CloneOptions{Getenv: testEnv("")}); !errors.Is(err, ErrUnreachable) {
		t.Errorf("clone from a closed port: err = %v, want ErrUnreachable", err)
	}
	if _, err := os.Stat(filepath.Join(root, "c")); err == nil {
		t.Error("failed clone left its folder behind")
	}
}

// Several writers at once (acct processes share nothing but the files):
// every commit lands, none is lost, the repository stays consistent.
func TestConcurrentCommits(t *testing.T) {
	root := t.TempDir()
	r0, _ := InitRepoEnv(root, testEnv(""))
	write(t, root, "acct.yaml", "language: en\n")
	if _, err := r0.Commit(commitOpts("start")); err != nil {
		t.Fatal(err)
	}
	const n = 8
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r, err := OpenRepo(root)
			if err != nil {
				errs <- err
				return
			}
			p := fmt.Sprintf("accounts/a%d/account.md", i)
			write(t, root, p, fmt.Sprintf("account %d\n", i))
			for attempt := 0; ; attempt++ {
				_, err = r.Commit(commitOpts(fmt.Sprintf("account %d", i), p))
				if errors.Is(err, ErrRefMoved) && attempt < 5 {
					continue
				}
				break
			}
			if err != nil && !errors.Is(err, ErrNothingToCommit) {
				errs <- err
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	files := gitCLI(t, root, "ls-tree", "-r", "--name-only", "HEAD")
	for i := 0; i < n; i++ {
		if !strings.Contains(files, fmt.Sprintf("accounts/a%d/account.md", i)) {
			t.Errorf("account %d missing from HEAD:\n%s", i, files)
		}
	}
	assertClean(t, root)
}
