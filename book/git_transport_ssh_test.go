package book

import (
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/acctbook/acct/internal/gittest"
)

func marshalAuthorized(s gossh.Signer) []byte { return gossh.MarshalAuthorizedKey(s.PublicKey()) }

// sshBook is a bare repository with a book served over SSH, and a home
// folder whose ~/.ssh holds an authorized key file and a known_hosts file
// trusting the server.
func sshBook(t *testing.T) (srv *gittest.SSHServer, bare, home string) {
	t.Helper()
	root := t.TempDir()
	bare = gittest.NewBare(t, root, "book.git", map[string]string{
		"acct.yaml":              "language: en\n",
		"accounts/hx/account.md": "---\nname: HX\n---\n",
	})
	home = t.TempDir()
	key := gittest.WriteKey(t, filepath.Join(home, ".ssh", "id_ed25519"), "")
	srv = gittest.NewSSH(t, root, key.PublicKey())
	writeKnownHosts(t, home, srv.KnownHostsLine())
	return srv, bare, home
}

func writeKnownHosts(t *testing.T, home string, lines ...string) {
	t.Helper()
	p := filepath.Join(home, ".ssh", "known_hosts")
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// sshRoundTrip clones url, pushes an edit and pulls a commit made on the
// server side, checking each arrives; label makes the edits unique.
func sshRoundTrip(t *testing.T, url, bare, label string, env func(string) string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "a")
	a, err := Clone(url, dir, CloneOptions{Getenv: env})
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "accounts/hx/account.md")); !strings.Contains(string(data), "HX") {
		t.Fatalf("clone did not check out the book: %q", data)
	}
	write(t, dir, "accounts/hx/account.md", "---\nname: HX over SSH "+label+"\n---\n")
	if res, err := a.Sync(SyncOptions{Getenv: env}); err != nil || !res.Pushed {
		t.Fatalf("sync push: %+v, %v", res, err)
	}
	if got := gittest.Git(t, bare, "show", "main:accounts/hx/account.md"); !strings.Contains(got, "over SSH "+label) {
		t.Errorf("server has %q after push", got)
	}
	w := filepath.Join(t.TempDir(), "w")
	gittest.Git(t, filepath.Dir(w), "clone", "-q", bare, w)
	if err := os.WriteFile(filepath.Join(w, "acct.yaml"), []byte("language: zh\n# "+label+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gittest.Git(t, w, "commit", "-q", "-am", "book in Chinese")
	gittest.Git(t, w, "push", "-q", "origin", "main")
	if res, err := a.Sync(SyncOptions{Getenv: env}); err != nil || len(res.Pulled) != 1 {
		t.Fatalf("sync pull: %+v, %v", res, err)
	}
	if got, want := gitCLI(t, dir, "rev-parse", "HEAD"), gittest.Git(t, bare, "rev-parse", "main"); got != want {
		t.Errorf("clone at %s, server at %s", got, want)
	}
	assertClean(t, dir)
}

func TestSSHKeyFile(t *testing.T) {
	srv, bare, home := sshBook(t)
	sshRoundTrip(t, srv.RepoURL("book.git"), bare, "key file", envWith(home, nil))
	for _, c := range srv.Commands() {
		if c != "git-upload-pack '/book.git'" && c != "git-receive-pack '/book.git'" {
			t.Errorf("server ran %q", c)
		}
	}
	if len(srv.Commands()) < 3 { // clone, push, pull
		t.Errorf("server saw %v", srv.Commands())
	}
}

func TestSSHAgent(t *testing.T) {
	srv, bare, _ := sshBook(t)
	home := t.TempDir() // no key files: only the agent has the key
	writeKnownHosts(t, home, srv.KnownHostsLine())
	priv, pub := gittest.NewAgentKey(t)
	srv.Authorize(pub)
	ag := gittest.StartAgent(t, priv)
	sock := ag.Sock
	sshRoundTrip(t, srv.RepoURL("book.git"), bare, "agent", envWith(home, map[string]string{"SSH_AUTH_SOCK": sock}))
	// Each clone, fetch and push closed its agent connection.
	for i := 0; ag.Open() > 0 && i < 100; i++ {
		time.Sleep(50 * time.Millisecond)
	}
	if n := ag.Open(); n > 0 {
		t.Errorf("%d agent connections left open", n)
	}

	// The agent comes first: with both an agent key and an unauthorized
	// key file, the agent's key gets in.
	gittest.WriteKey(t, filepath.Join(home, ".ssh", "id_ed25519"), "")
	sshRoundTrip(t, srv.RepoURL("book.git"), bare, "agent first", envWith(home, map[string]string{"SSH_AUTH_SOCK": sock}))
}

func TestSSHUnknownHost(t *testing.T) {
	srv, bare, home := sshBook(t)
	url := srv.RepoURL("book.git")
	port := strconv.Itoa(srv.Port())
	other := gittest.NewKey(t)
	for name, known := range map[string][]string{
		"no known_hosts":        nil,
		"another host is known": {"[127.0.0.1]:1 " + strings.TrimSpace(string(marshalAuthorized(other)))},
	} {
		t.Run(name, func(t *testing.T) {
			os.Remove(filepath.Join(home, ".ssh", "known_hosts"))
			if known != nil {
				writeKnownHosts(t, home, known...)
			}
			parent := t.TempDir()
			_, err := Clone(url, filepath.Join(parent, "c"), CloneOptions{Getenv: envWith(home, nil)})
			if !errors.Is(err, ErrHostUnknown) {
				t.Fatalf("clone from an unknown host: err = %v", err)
			}
			t.Log(err)
			for _, want := range []string{url, "ssh-keyscan -p " + port + " 127.0.0.1 >> " + filepath.Join(home, ".ssh", "known_hosts"), "SHA256:", "nothing was sent"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error does not say %q", want)
				}
			}
			if ents, _ := os.ReadDir(parent); len(ents) != 0 {
				t.Errorf("refused clone left %v", ents)
			}
		})
	}
	// A new laptop without ~/.ssh: the advice creates it first.
	bare2 := t.TempDir()
	_, err := Clone(url, filepath.Join(t.TempDir(), "c"), CloneOptions{Getenv: envWith(bare2, nil)})
	if want := "mkdir -p " + filepath.Join(bare2, ".ssh") + " && ssh-keyscan"; !errors.Is(err, ErrHostUnknown) || !strings.Contains(err.Error(), want) {
		t.Errorf("clone without ~/.ssh: err = %v, want %q", err, want)
	}
	if n := len(srv.Commands()); n != 0 {
		t.Errorf("the server ran %d commands for an untrusted client", n)
	}
	// Following the advice works: ssh-keyscan's output trusts the host.
	line := srv.KnownHostsLine()
	if _, err := exec.LookPath("ssh-keyscan"); err == nil {
		out, err := exec.Command("ssh-keyscan", "-p", port, "127.0.0.1").Output()
		if err != nil {
			t.Fatalf("ssh-keyscan: %v", err)
		}
		line = string(out)
	}
	writeKnownHosts(t, home, strings.TrimSpace(line))
	sshRoundTrip(t, url, bare, "after keyscan", envWith(home, nil))
}

func TestSSHChangedHostKey(t *testing.T) {
	srv, bare, home := sshBook(t)
	url := srv.RepoURL("book.git")
	env := envWith(home, nil)
	dir := filepath.Join(t.TempDir(), "a")
	a, err := Clone(url, dir, CloneOptions{Getenv: env})
	if err != nil {
		t.Fatal(err)
	}
	// known_hosts now holds another key for the server's address, as after
	// an attacker took its place (or the server was reinstalled).
	impostor := gittest.NewKey(t)
	writeKnownHosts(t, home, "[127.0.0.1]:"+strconv.Itoa(srv.Port())+" "+strings.TrimSpace(string(marshalAuthorized(impostor))))
	before := gittest.Git(t, bare, "rev-parse", "main")
	seen := len(srv.Commands())
	write(t, dir, "accounts/hx/account.md", "---\nname: not for strangers\n---\n")
	_, err = a.Sync(SyncOptions{Getenv: env})
	if !errors.Is(err, ErrHostKeyChanged) {
		t.Fatalf("sync to a host with a changed key: err = %v", err)
	}
	t.Log(err)
	for _, want := range []string{url, "CHANGED", "intercepting", "ssh-keygen -R", "known_hosts line 1", "nothing was sent"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q", want)
		}
	}
	if after := gittest.Git(t, bare, "rev-parse", "main"); after != before || len(srv.Commands()) != seen {
		t.Errorf("server moved or ran commands: %s -> %s, %v", before, after, srv.Commands()[seen:])
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "accounts/hx/account.md")); !strings.Contains(string(data), "not for strangers") {
		t.Errorf("local edit lost: %q", data)
	}
	_, err = Clone(url, filepath.Join(t.TempDir(), "c"), CloneOptions{Getenv: env})
	if !errors.Is(err, ErrHostKeyChanged) {
		t.Errorf("clone from a host with a changed key: err = %v", err)
	}
}

func TestSSHWrongKey(t *testing.T) {
	srv, bare, _ := sshBook(t)
	url := srv.RepoURL("book.git")
	before := gittest.Git(t, bare, "rev-parse", "main")
	cases := []struct {
		name  string
		setup func(home string) map[string]string
		want  []string
	}{
		{"unregistered key file", func(home string) map[string]string {
			gittest.WriteKey(t, filepath.Join(home, ".ssh", "id_ed25519"), "")
			return nil
		}, []string{"accepted none of the keys", "~/.ssh/id_ed25519", "register your public key"}},
		{"unregistered agent key", func(home string) map[string]string {
			priv, _ := gittest.NewAgentKey(t)
			return map[string]string{"SSH_AUTH_SOCK": gittest.StartAgent(t, priv).Sock}
		}, []string{"ssh-agent (1 key)", "register your public key"}},
		{"no key at all", func(home string) map[string]string { return nil },
			[]string{"no SSH key was found", "ssh-add"}},
		{"key with a passphrase", func(home string) map[string]string {
			gittest.WriteKey(t, filepath.Join(home, ".ssh", "id_ed25519"), "secret words")
			return nil
		}, []string{"~/.ssh/id_ed25519 needs a passphrase", "ssh-add ~/.ssh/id_ed25519"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			writeKnownHosts(t, home, srv.KnownHostsLine())
			env := envWith(home, tc.setup(home))
			parent := t.TempDir()
			_, err := Clone(url, filepath.Join(parent, "c"), CloneOptions{Getenv: env})
			if !errors.Is(err, ErrAuth) {
				t.Fatalf("clone: err = %v, want ErrAuth", err)
			}
			t.Log(err)
			for _, want := range append([]string{url}, tc.want...) {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error does not say %q", want)
				}
			}
			if ents, _ := os.ReadDir(parent); len(ents) != 0 {
				t.Errorf("refused clone left %v", ents)
			}
		})
	}
	if after := gittest.Git(t, bare, "rev-parse", "main"); after != before {
		t.Errorf("server moved from %s to %s", before, after)
	}
}

func TestSSHUnreachableAndRejected(t *testing.T) {
	srv, bare, home := sshBook(t)
	env := envWith(home, nil)
	closed := "ssh://git@127.0.0.1:1/book.git"
	_, err := Clone(closed, filepath.Join(t.TempDir(), "c"), CloneOptions{Getenv: env})
	if !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), closed) {
		t.Errorf("clone from a closed port: err = %v", err)
	}
	t.Log(err)
	_, err = Clone(srv.RepoURL("nothing.git"), filepath.Join(t.TempDir(), "c"), CloneOptions{Getenv: env})
	if err == nil || !strings.Contains(err.Error(), "nothing.git") {
		t.Errorf("clone of a missing repository: err = %v", err)
	}
	t.Log(err)

	dir := filepath.Join(t.TempDir(), "a")
	a, err := Clone(srv.RepoURL("book.git"), dir, CloneOptions{Getenv: env})
	if err != nil {
		t.Fatal(err)
	}
	before := gittest.Git(t, bare, "rev-parse", "main")
	gittest.RejectPushes(t, bare, "pushes are frozen during the audit")
	write(t, dir, "accounts/hx/account.md", "---\nname: refused\n---\n")
	_, err = a.Sync(SyncOptions{Getenv: env})
	if !errors.Is(err, ErrPushRejected) || !strings.Contains(err.Error(), "frozen during the audit") {
		t.Fatalf("push to a refusing server: err = %v", err)
	}
	t.Log(err)
	if after := gittest.Git(t, bare, "rev-parse", "main"); after != before {
		t.Errorf("server moved from %s to %s", before, after)
	}
	if got := gitCLI(t, dir, "show", "HEAD:accounts/hx/account.md"); !strings.Contains(got, "refused") {
		t.Errorf("local commit lost: HEAD has %q", got)
	}
	assertClean(t, dir)
}

// A server with several host keys, known_hosts holding only one of them
// (ed25519, which the ssh library would otherwise ask for after ECDSA):
// the server is asked for the known key, not refused as changed.
func TestSSHServerWithSeveralHostKeys(t *testing.T) {
	root := t.TempDir()
	bare := gittest.NewBare(t, root, "book.git", map[string]string{"acct.yaml": "language: en\n", "accounts/hx/account.md": "---\nname: HX\n---\n"})
	home := t.TempDir()
	key := gittest.WriteKey(t, filepath.Join(home, ".ssh", "id_ed25519"), "")
	edKey := gittest.NewKey(t)
	srv := gittest.NewSSHWithHostKeys(t, root, []gossh.Signer{gittest.NewECDSAKey(t), edKey}, key.PublicKey())
	writeKnownHosts(t, home, srv.KnownHostsLineFor(edKey))
	sshRoundTrip(t, srv.RepoURL("book.git"), bare, "several host keys", envWith(home, nil))
}

// ~/.ssh/config: a Host alias with HostName, Port, User and IdentityFile,
// used with the scp-like address reps paste from GitLab; a Match block
// elsewhere in the file does not make acct ignore it.
func TestSSHConfigAlias(t *testing.T) {
	root := t.TempDir()
	bare := gittest.NewBare(t, root, "book.git", map[string]string{"acct.yaml": "language: en\n", "accounts/hx/account.md": "---\nname: HX\n---\n"})
	home := t.TempDir()
	key := gittest.WriteKey(t, filepath.Join(home, ".ssh", "work_key"), "")
	srv := gittest.NewSSH(t, root, key.PublicKey())
	writeKnownHosts(t, home, srv.KnownHostsLine())
	config := "Match host nothing exec \"false\"\n  User nobody\n\n" +
		"Host booksrv\n  HostName 127.0.0.1\n  Port " + strconv.Itoa(srv.Port()) + "\n  User git\n  IdentityFile ~/.ssh/work_key\n"
	if err := os.WriteFile(filepath.Join(home, ".ssh", "config"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home) // go-git asks for HostName and Port without our getenv
	sshRoundTrip(t, "booksrv:book.git", bare, "alias", envWith(home, nil))
	for _, c := range srv.Commands() {
		if !strings.HasSuffix(c, " 'book.git'") {
			t.Errorf("server ran %q, want the path as written", c)
		}
	}
}

func TestSSHFirstPushToEmptyRemote(t *testing.T) {
	root := t.TempDir()
	bare := gittest.NewBare(t, root, "empty.git", nil)
	home := t.TempDir()
	key := gittest.WriteKey(t, filepath.Join(home, ".ssh", "id_ed25519"), "")
	srv := gittest.NewSSH(t, root, key.PublicKey())
	writeKnownHosts(t, home, srv.KnownHostsLine())
	env := envWith(home, nil)
	checkFirstPush(t, srv.RepoURL("empty.git"), bare, env)
}

// A key that may fetch but not push (a read-only deploy key): the server's
// refusal reaches the rep, the commit stays local.
func TestSSHReadOnlyKey(t *testing.T) {
	root := t.TempDir()
	bare := gittest.NewBare(t, root, "book.git", map[string]string{"acct.yaml": "language: en\n", "accounts/hx/account.md": "---\nname: HX\n---\n"})
	home := t.TempDir()
	key := gittest.WriteKey(t, filepath.Join(home, ".ssh", "id_ed25519"), "")
	srv := gittest.NewSSH(t, root)
	srv.ReadOnly(key.PublicKey())
	writeKnownHosts(t, home, srv.KnownHostsLine())
	env := envWith(home, nil)
	_, err := syncRefused(t, srv.RepoURL("book.git"), bare, env)
	if !errors.Is(err, ErrPushRejected) || !strings.Contains(err.Error(), "the remote says: ERROR: You are not allowed to push") || !strings.Contains(err.Error(), srv.RepoURL("book.git")) {
		t.Fatalf("push with a read-only key: err = %v", err)
	}
	t.Log(err)
}

// A server that accepts the connection and never answers (a firewall or
// captive portal in between): clone fails after the idle timeout with a
// clear error instead of hanging for ever.
func TestSSHSilentServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	defer func(d time.Duration) { idleTimeout = d }(idleTimeout)
	idleTimeout = 300 * time.Millisecond
	home := t.TempDir()
	gittest.WriteKey(t, filepath.Join(home, ".ssh", "id_ed25519"), "")
	url := "ssh://git@" + ln.Addr().String() + "/book.git"
	done := make(chan error, 1)
	go func() {
		_, err := Clone(url, filepath.Join(t.TempDir(), "c"), CloneOptions{Getenv: envWith(home, nil)})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), "did not answer") || !strings.Contains(err.Error(), url) {
			t.Fatalf("clone from a silent server: err = %v", err)
		}
		t.Log(err)
	case <-time.After(time.Minute):
		t.Fatal("clone from a silent server still waiting after a minute")
	}
}

// known_hosts with hashed host names (HashKnownHosts, Debian's default)
// and in a file named by SSH_KNOWN_HOSTS.
func TestSSHHashedKnownHosts(t *testing.T) {
	srv, bare, home := sshBook(t)
	os.Remove(filepath.Join(home, ".ssh", "known_hosts"))
	hashed := knownhosts.Line([]string{knownhosts.HashHostname(knownhosts.Normalize(srv.Addr))}, srv.HostKey.PublicKey())
	kh := filepath.Join(t.TempDir(), "team_known_hosts")
	if err := os.WriteFile(kh, []byte(hashed+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	sshRoundTrip(t, srv.RepoURL("book.git"), bare, "hashed", envWith(home, map[string]string{"SSH_KNOWN_HOSTS": kh}))
}
