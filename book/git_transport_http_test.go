package book

import (
	"crypto/tls"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/acctbook/acct/internal/gittest"
)

// envWith is testEnv(home) with more variables set.
func envWith(home string, vars map[string]string) func(string) string {
	base := testEnv(home)
	return func(k string) string {
		if v, ok := vars[k]; ok {
			return v
		}
		return base(k)
	}
}

// assertNoSecret fails when secret appears in err or in the repository's
// config.
func assertNoSecret(t *testing.T, secret string, err error, repoRoot string) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), secret) {
		t.Errorf("error shows the token: %v", err)
	}
	if repoRoot == "" {
		return
	}
	cfg, rerr := os.ReadFile(filepath.Join(repoRoot, ".git", "config"))
	if rerr != nil {
		t.Fatal(rerr)
	}
	if strings.Contains(string(cfg), secret) {
		t.Errorf(".git/config holds the token:\n%s", cfg)
	}
}

const httpToken = "glpat-s3cret-token-42"

// httpsBook is a bare repository with a book, served over HTTPS.
func httpsBook(t *testing.T) (srv *gittest.HTTPServer, bare string) {
	t.Helper()
	root := t.TempDir()
	bare = gittest.NewBare(t, root, "book.git", map[string]string{
		"acct.yaml":                     "language: en\n",
		"accounts/hx/account.md":        "---\nname: HX\n---\n",
		"accounts/hx/contacts/zhang.md": "---\nname: Zhang\n---\n",
	})
	srv = gittest.NewHTTPS(t, root, httpToken)
	return srv, bare
}

func TestHTTPSCloneSyncWithToken(t *testing.T) {
	srv, bare := httpsBook(t)
	url := srv.RepoURL("book.git")
	env := envWith("", map[string]string{"ACCT_GIT_TOKEN": httpToken, "GIT_SSL_CAINFO": srv.CAFile})
	dir := filepath.Join(t.TempDir(), "a")
	a, err := Clone(url, dir, CloneOptions{Getenv: env})
	if err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "accounts/hx/account.md")); err != nil || !strings.Contains(string(data), "HX") {
		t.Fatalf("clone did not check out the book: %q, %v", data, err)
	}
	assertNoSecret(t, httpToken, nil, dir)

	// Push: a local edit goes to the server.
	write(t, dir, "accounts/hx/account.md", "---\nname: HX Group\n---\n")
	res, err := a.Sync(SyncOptions{Getenv: env})
	if err != nil || !res.Pushed || res.Committed == nil {
		t.Fatalf("sync push: %+v, %v", res, err)
	}
	if got := gittest.Git(t, bare, "show", "main:accounts/hx/account.md"); !strings.Contains(got, "HX Group") {
		t.Errorf("server has %q after push", got)
	}

	// Pull: a commit made on the server side (another rep) comes in.
	other := t.TempDir()
	gittest.Git(t, other, "clone", "-q", bare, "w")
	w := filepath.Join(other, "w")
	if err := os.WriteFile(filepath.Join(w, "accounts/hx/contacts/zhang.md"), []byte("---\nname: Zhang Datong\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gittest.Git(t, w, "commit", "-q", "-am", "zhang's full name")
	gittest.Git(t, w, "push", "-q", "origin", "main")
	res, err = a.Sync(SyncOptions{Getenv: env})
	if err != nil || len(res.Pulled) != 1 || res.Pushed {
		t.Fatalf("sync pull: %+v, %v", res, err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "accounts/hx/contacts/zhang.md")); !strings.Contains(string(data), "Zhang Datong") {
		t.Errorf("pulled file = %q", data)
	}
	if got, want := gitCLI(t, dir, "rev-parse", "HEAD"), gittest.Git(t, bare, "rev-parse", "main"); got != want {
		t.Errorf("clone at %s, server at %s", got, want)
	}
	assertClean(t, dir)
	assertNoSecret(t, httpToken, nil, dir)
}

func TestHTTPSCredentialHelper(t *testing.T) {
	srv, bare := httpsBook(t)
	url := srv.RepoURL("book.git")
	home := t.TempDir()
	// The helper answers only for this server, as a stored credential does.
	helper := "!f() { test \"$1\" = get || exit 0; while read l; do case \"$l\" in host=" +
		strings.TrimPrefix(srv.URL, "https://") + ") ok=1;; esac; done; " +
		"test -n \"$ok\" && echo username=rep && echo password=" + httpToken + "; }; f"
	gitCLI(t, home, "config", "--file", filepath.Join(home, ".gitconfig"), "credential.helper", helper)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	env := envWith(home, map[string]string{"GIT_SSL_CAINFO": srv.CAFile})
	dir := filepath.Join(t.TempDir(), "b")
	b, err := Clone(url, dir, CloneOptions{Getenv: env})
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "accounts/hx/account.md", "---\nname: HX via helper\n---\n")
	if res, err := b.Sync(SyncOptions{Getenv: env}); err != nil || !res.Pushed {
		t.Fatalf("sync: %+v, %v", res, err)
	}
	if got := gittest.Git(t, bare, "show", "main:accounts/hx/account.md"); !strings.Contains(got, "via helper") {
		t.Errorf("server has %q", got)
	}
	assertNoSecret(t, httpToken, nil, dir)
}

func TestHTTPSWrongToken(t *testing.T) {
	srv, bare := httpsBook(t)
	url := srv.RepoURL("book.git")
	before := gittest.Git(t, bare, "rev-parse", "main")
	for _, tc := range []struct{ name, token string }{{"wrong token", "glpat-wrong-0000"}, {"no token", ""}} {
		t.Run(tc.name, func(t *testing.T) {
			env := envWith(t.TempDir(), map[string]string{"ACCT_GIT_TOKEN": tc.token, "GIT_SSL_CAINFO": srv.CAFile})
			parent := t.TempDir()
			dir := filepath.Join(parent, "c")
			_, err := Clone(url, dir, CloneOptions{Getenv: env})
			if !errors.Is(err, ErrAuth) {
				t.Fatalf("clone: err = %v, want ErrAuth", err)
			}
			t.Log(err)
			for _, want := range []string{url, "ACCT_GIT_TOKEN"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("clone error %q does not name %q", err, want)
				}
			}
			if tc.token != "" {
				assertNoSecret(t, tc.token, err, "")
			}
			if ents, _ := os.ReadDir(parent); len(ents) != 0 {
				t.Errorf("failed clone left %v behind", ents)
			}
			// An existing empty folder stays empty.
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if _, err := Clone(url, dir, CloneOptions{Getenv: env}); !errors.Is(err, ErrAuth) {
				t.Fatalf("clone into empty folder: %v", err)
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 0 {
				t.Errorf("failed clone left %v in the empty folder", ents)
			}
		})
	}

	// A clone made with the right token, then synced with a wrong one:
	// nothing reaches the server, the local edit is kept.
	good := envWith("", map[string]string{"ACCT_GIT_TOKEN": httpToken, "GIT_SSL_CAINFO": srv.CAFile})
	dir := filepath.Join(t.TempDir(), "a")
	a, err := Clone(url, dir, CloneOptions{Getenv: good})
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "accounts/hx/account.md", "---\nname: kept locally\n---\n")
	bad := envWith("", map[string]string{"ACCT_GIT_TOKEN": "glpat-expired-1111", "GIT_SSL_CAINFO": srv.CAFile})
	_, err = a.Sync(SyncOptions{Getenv: bad})
	if !errors.Is(err, ErrAuth) || !strings.Contains(err.Error(), url) || !strings.Contains(err.Error(), "ACCT_GIT_TOKEN") {
		t.Fatalf("sync with a wrong token: err = %v", err)
	}
	t.Log(err)
	assertNoSecret(t, "glpat-expired-1111", err, dir)
	if after := gittest.Git(t, bare, "rev-parse", "main"); after != before {
		t.Errorf("server moved from %s to %s", before, after)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "accounts/hx/account.md")); !strings.Contains(string(data), "kept locally") {
		t.Errorf("local edit lost: %q", data)
	}
	// With the right token the same sync goes through.
	if res, err := a.Sync(SyncOptions{Getenv: good}); err != nil || !res.Pushed {
		t.Fatalf("sync after fixing the token: %+v, %v", res, err)
	}
	assertClean(t, dir)
}

func TestHTTPSUntrustedCertificate(t *testing.T) {
	srv, _ := httpsBook(t)
	url := srv.RepoURL("book.git")
	env := envWith("", map[string]string{"ACCT_GIT_TOKEN": httpToken})
	_, err := Clone(url, filepath.Join(t.TempDir(), "c"), CloneOptions{Getenv: env})
	if err == nil || !strings.Contains(err.Error(), url) || !strings.Contains(err.Error(), "GIT_SSL_CAINFO") {
		t.Fatalf("clone from a server with an unknown certificate authority: err = %v", err)
	}
	t.Log(err)
	assertNoSecret(t, httpToken, err, "")
	// The CA named in the git config (http.sslCAInfo) is trusted too.
	home := t.TempDir()
	gitCLI(t, home, "config", "--file", filepath.Join(home, ".gitconfig"), "http.sslCAInfo", srv.CAFile)
	env = envWith(home, map[string]string{"ACCT_GIT_TOKEN": httpToken})
	if _, err := Clone(url, filepath.Join(t.TempDir(), "c"), CloneOptions{Getenv: env}); err != nil {
		t.Fatalf("clone trusting http.sslCAInfo: %v", err)
	}
}

func TestHTTPSUnreachable(t *testing.T) {
	srv, _ := httpsBook(t)
	env := envWith("", map[string]string{"ACCT_GIT_TOKEN": httpToken, "GIT_SSL_CAINFO": srv.CAFile})
	dir := filepath.Join(t.TempDir(), "a")
	a, err := Clone(srv.RepoURL("book.git"), dir, CloneOptions{Getenv: env})
	if err != nil {
		t.Fatal(err)
	}
	// A port nobody listens on.
	closed := "https://127.0.0.1:1/book.git"
	_, err = Clone(closed, filepath.Join(t.TempDir(), "c"), CloneOptions{Getenv: env})
	if !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), closed) {
		t.Errorf("clone from a closed port: err = %v", err)
	}
	assertNoSecret(t, httpToken, err, "")
	gitCLI(t, dir, "remote", "set-url", "origin", closed)
	write(t, dir, "accounts/hx/account.md", "---\nname: offline edit\n---\n")
	_, err = a.Sync(SyncOptions{Getenv: env})
	if !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), closed) {
		t.Errorf("sync to a closed port: err = %v", err)
	}
	t.Log(err)
	assertNoSecret(t, httpToken, err, dir)
	if data, _ := os.ReadFile(filepath.Join(dir, "accounts/hx/account.md")); !strings.Contains(string(data), "offline edit") {
		t.Errorf("local edit lost: %q", data)
	}
	// A wrong repository path on a live server.
	_, err = Clone(srv.RepoURL("nothing.git"), filepath.Join(t.TempDir(), "c"), CloneOptions{Getenv: env})
	if err == nil || !strings.Contains(err.Error(), "nothing.git") {
		t.Errorf("clone of a missing repository: err = %v", err)
	}
	t.Log(err)
}

func TestHTTPSPushRejected(t *testing.T) {
	srv, bare := httpsBook(t)
	url := srv.RepoURL("book.git")
	env := envWith("", map[string]string{"ACCT_GIT_TOKEN": httpToken, "GIT_SSL_CAINFO": srv.CAFile})
	dir := filepath.Join(t.TempDir(), "a")
	a, err := Clone(url, dir, CloneOptions{Getenv: env})
	if err != nil {
		t.Fatal(err)
	}
	before := gittest.Git(t, bare, "rev-parse", "main")
	gittest.RejectPushes(t, bare, "main is protected: open a merge request")
	write(t, dir, "accounts/hx/account.md", "---\nname: refused\n---\n")
	res, err := a.Sync(SyncOptions{Getenv: env})
	if !errors.Is(err, ErrPushRejected) {
		t.Fatalf("sync to a refusing server: %+v, err = %v", res, err)
	}
	t.Log(err)
	for _, want := range []string{url, "kept locally", "main is protected: open a merge request"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if res == nil || res.Committed == nil {
		t.Errorf("result = %+v, want the local commit reported", res)
	}
	if after := gittest.Git(t, bare, "rev-parse", "main"); after != before {
		t.Errorf("server moved from %s to %s", before, after)
	}
	if got := gitCLI(t, dir, "show", "HEAD:accounts/hx/account.md"); !strings.Contains(got, "refused") {
		t.Errorf("local commit lost: HEAD has %q", got)
	}
	assertClean(t, dir)
	assertNoSecret(t, httpToken, err, dir)
}

// A token written into the URL is refused rather than stored in
// .git/config; one put there by other tools is used but never shown.
func TestHTTPSTokenInURL(t *testing.T) {
	srv, _ := httpsBook(t)
	withToken := strings.Replace(srv.RepoURL("book.git"), "https://", "https://rep:"+httpToken+"@", 1)
	env := envWith("", map[string]string{"GIT_SSL_CAINFO": srv.CAFile})
	parent := t.TempDir()
	_, err := Clone(withToken, filepath.Join(parent, "c"), CloneOptions{Getenv: env})
	if !errors.Is(err, ErrCredentialsInURL) || !strings.Contains(err.Error(), "ACCT_GIT_TOKEN") {
		t.Fatalf("clone with a token in the URL: err = %v", err)
	}
	assertNoSecret(t, httpToken, err, "")
	if ents, _ := os.ReadDir(parent); len(ents) != 0 {
		t.Errorf("refused clone left %v", ents)
	}

	dir := filepath.Join(parent, "a")
	a, err := Clone(srv.RepoURL("book.git"), dir, CloneOptions{Getenv: envWith("", map[string]string{"ACCT_GIT_TOKEN": httpToken, "GIT_SSL_CAINFO": srv.CAFile})})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.AddRemote("backup", withToken); !errors.Is(err, ErrCredentialsInURL) {
		t.Errorf("remote add with a token in the URL: err = %v", err)
	}
	assertNoSecret(t, httpToken, err, dir)
	// Set with the git CLI: sync uses it, acct remote does not show it.
	gitCLI(t, dir, "remote", "set-url", "origin", withToken)
	write(t, dir, "accounts/hx/account.md", "---\nname: via URL\n---\n")
	if res, err := a.Sync(SyncOptions{Getenv: env}); err != nil || !res.Pushed {
		t.Fatalf("sync with the token in the URL: %+v, %v", res, err)
	}
	rs, err := a.Remotes()
	if err != nil || len(rs) != 1 || strings.Contains(rs[0].URL, httpToken) {
		t.Errorf("remotes = %+v, %v", rs, err)
	}
	gitCLI(t, dir, "remote", "set-url", "origin", strings.Replace(withToken, httpToken, "glpat-old-2222", 1))
	_, err = a.Sync(SyncOptions{Getenv: env})
	if !errors.Is(err, ErrAuth) {
		t.Fatalf("sync with a wrong token in the URL: %v", err)
	}
	t.Log(err)
	assertNoSecret(t, "glpat-old-2222", err, "")
	// Nor when the server cannot be reached, or its certificate is not trusted.
	gitCLI(t, dir, "remote", "set-url", "origin", "https://rep:"+httpToken+"@127.0.0.1:1/book.git")
	_, err = a.Sync(SyncOptions{Getenv: env})
	if !errors.Is(err, ErrUnreachable) {
		t.Errorf("sync to a closed port: %v", err)
	}
	assertNoSecret(t, httpToken, err, "")
	gitCLI(t, dir, "remote", "set-url", "origin", withToken)
	_, err = a.Sync(SyncOptions{Getenv: testEnv("")})
	if !errors.Is(err, ErrCertUntrusted) {
		t.Errorf("sync without the CA: %v", err)
	}
	assertNoSecret(t, httpToken, err, "")
}

// The first push of a new book to an empty repository on the server (as
// made by GitLab's "new project"), then a clone of it.
func TestHTTPSFirstPushToEmptyRemote(t *testing.T) {
	root := t.TempDir()
	bare := gittest.NewBare(t, root, "empty.git", nil)
	srv := gittest.NewHTTPS(t, root, httpToken)
	env := envWith("", map[string]string{"ACCT_GIT_TOKEN": httpToken, "GIT_SSL_CAINFO": srv.CAFile})
	checkFirstPush(t, srv.RepoURL("empty.git"), bare, env)
}

// A token that may read but not write: clone and pull work, the push is
// refused with a message about the token's rights; nothing is lost.
func TestHTTPSReadOnlyToken(t *testing.T) {
	srv, bare := httpsBook(t)
	srv.ReadOnlyToken = "glpat-read-only-5555"
	env := envWith("", map[string]string{"ACCT_GIT_TOKEN": srv.ReadOnlyToken, "GIT_SSL_CAINFO": srv.CAFile})
	dir, err := syncRefused(t, srv.RepoURL("book.git"), bare, env)
	if !errors.Is(err, ErrAuth) || !strings.Contains(err.Error(), "write access") || !strings.Contains(err.Error(), "ACCT_GIT_TOKEN") {
		t.Fatalf("push with a read-only token: err = %v", err)
	}
	t.Log(err)
	assertNoSecret(t, srv.ReadOnlyToken, err, dir)
}

// syncRefused clones url, edits and syncs where the push is expected to be
// refused; it checks that the server (bare) did not move and that the edit
// is kept in a local commit, and returns the clone's folder and sync's error.
func syncRefused(t *testing.T, url, bare string, env func(string) string) (string, error) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "a")
	a, err := Clone(url, dir, CloneOptions{Getenv: env})
	if err != nil {
		t.Fatal(err)
	}
	before := gittest.Git(t, bare, "rev-parse", "main")
	write(t, dir, "accounts/hx/account.md", "---\nname: read only\n---\n")
	_, err = a.Sync(SyncOptions{Getenv: env})
	if after := gittest.Git(t, bare, "rev-parse", "main"); after != before {
		t.Errorf("server moved")
	}
	if got := gitCLI(t, dir, "show", "HEAD:accounts/hx/account.md"); !strings.Contains(got, "read only") {
		t.Errorf("local commit lost: %q", got)
	}
	return dir, err
}

// An HTTP server that stops answering: sync fails after the idle timeout
// instead of hanging for ever (fetch has no deadline of its own).
func TestHTTPSilentServer(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release }))
	defer srv.Close()
	defer close(release)
	defer func(d time.Duration) { idleTimeout = d }(idleTimeout)
	idleTimeout = 300 * time.Millisecond
	url := srv.URL + "/book.git"
	r := newBookWithRemote(t, url)
	done := make(chan error, 1)
	go func() {
		_, err := r.Sync(SyncOptions{Getenv: envWith("", map[string]string{"ACCT_GIT_TOKEN": httpToken})})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), "did not answer") || !strings.Contains(err.Error(), url) {
			t.Fatalf("sync with a silent server: err = %v", err)
		}
		t.Log(err)
		assertNoSecret(t, httpToken, err, "")
	case <-time.After(time.Minute):
		t.Fatal("sync with a silent server still waiting after a minute")
	}
}

// A slow server (11 s before it lists its branches, as over a poor VPN):
// clone waits for it; go-git's List gives up after 10 s by default.
func TestHTTPSlowServerClone(t *testing.T) {
	if testing.Short() {
		t.Skip("takes 11 s")
	}
	srv, _ := httpsBook(t)
	var first atomic.Bool
	slow := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/info/refs") && first.CompareAndSwap(false, true) {
			time.Sleep(11 * time.Second)
		}
		// Forward to the real server.
		req, _ := http.NewRequest(r.Method, srv.URL+r.URL.RequestURI(), r.Body)
		req.Header = r.Header.Clone()
		req.ContentLength = r.ContentLength
		tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
		res, err := tr.RoundTrip(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer res.Body.Close()
		for k, v := range res.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(res.StatusCode)
		io.Copy(w, res.Body)
	}))
	slow.Start()
	defer slow.Close()
	env := envWith("", map[string]string{"ACCT_GIT_TOKEN": httpToken})
	if _, err := Clone(slow.URL+"/book.git", filepath.Join(t.TempDir(), "c"), CloneOptions{Getenv: env}); err != nil {
		t.Fatalf("clone from a slow server: %v", err)
	}
}

// A server that needs no credentials: git's credential helpers are never
// asked (no keychain prompt for a public repository), as with git.
func TestHTTPSPublicServerAsksNoHelper(t *testing.T) {
	root := t.TempDir()
	bare := gittest.NewBare(t, root, "book.git", map[string]string{"acct.yaml": "language: en\n"})
	srv := gittest.NewHTTPS(t, root, "")
	home := t.TempDir()
	marker := filepath.Join(home, "helper-was-asked")
	gitCLI(t, home, "config", "--file", filepath.Join(home, ".gitconfig"), "credential.helper",
		"!f() { touch '"+marker+"'; echo username=u; echo password=p; }; f")
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	env := envWith(home, map[string]string{"GIT_SSL_CAINFO": srv.CAFile})
	dir := filepath.Join(t.TempDir(), "a")
	a, err := Clone(srv.RepoURL("book.git"), dir, CloneOptions{Getenv: env})
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "acct.yaml", "language: zh\n")
	if res, err := a.Sync(SyncOptions{Getenv: env}); err != nil || !res.Pushed {
		t.Fatalf("sync: %+v, %v", res, err)
	}
	if got := gittest.Git(t, bare, "show", "main:acct.yaml"); got != "language: zh\n" {
		t.Errorf("server has %q", got)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("the credential helper was asked although the server needs no credentials")
	}
}

// checkFirstPush clones the empty bare repository at url, pushes a new
// book's first commit to it with acct sync, and checks that the server holds
// it and that the clone made while the remote was empty pulls it.
func checkFirstPush(t *testing.T, url, bare string, env func(string) string) {
	t.Helper()
	emptyClone, err := Clone(url, filepath.Join(t.TempDir(), "e"), CloneOptions{Getenv: env})
	if err != nil {
		t.Fatalf("clone of an empty repository: %v", err)
	}
	r := newBookWithRemote(t, url)
	if res, err := r.Sync(SyncOptions{Getenv: env}); err != nil || !res.Pushed {
		t.Fatalf("first sync: %+v, %v", res, err)
	}
	if got := gittest.Git(t, bare, "show", "main:acct.yaml"); got != "language: en\n" {
		t.Errorf("server has %q", got)
	}
	if res, err := emptyClone.Sync(SyncOptions{Getenv: env}); err != nil || len(res.Pulled) != 1 {
		t.Fatalf("sync of the clone made while empty: %+v, %v", res, err)
	}
	assertClean(t, emptyClone.Root())
}

// newBookWithRemote makes a book (acct.yaml only, not committed) in a
// temporary folder whose remote origin is url.
func newBookWithRemote(t *testing.T, url string) *Repo {
	t.Helper()
	dir := t.TempDir()
	r, err := InitRepoEnv(dir, testEnv(""))
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "acct.yaml", "language: en\n")
	if err := r.AddRemote("", url); err != nil {
		t.Fatal(err)
	}
	return r
}
