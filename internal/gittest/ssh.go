package gittest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
	"golang.org/x/crypto/ssh/knownhosts"
)

// SSHServer serves the bare repositories under Root over SSH as a git host
// does: it accepts only the authorized public keys and runs
// git-upload-pack or git-receive-pack on the path the client asks for.
type SSHServer struct {
	// Root holds the bare repositories; ssh://git@HOST:PORT/NAME.git serves Root/NAME.git.
	Root string
	// Addr is the listening address, 127.0.0.1:PORT.
	Addr string
	// HostKey is the server's host key.
	HostKey ssh.Signer

	mu         sync.Mutex
	authorized [][]byte
	readOnly   [][]byte
	commands   []string
	ln         net.Listener
	wg         sync.WaitGroup
	conns      connSet
}

// connSet remembers connections so a test's end can close those a client
// left open.
type connSet struct {
	mu    sync.Mutex
	conns []net.Conn
}

func (cs *connSet) add(c net.Conn) {
	cs.mu.Lock()
	cs.conns = append(cs.conns, c)
	cs.mu.Unlock()
}

func (cs *connSet) closeAll() {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	for _, c := range cs.conns {
		c.Close()
	}
}

// NewSSH starts an SSH git server over root that accepts the given public
// keys; it is stopped when the test ends.
func NewSSH(t testing.TB, root string, authorized ...ssh.PublicKey) *SSHServer {
	t.Helper()
	return NewSSHWithHostKeys(t, root, []ssh.Signer{NewKey(t)}, authorized...)
}

// NewSSHWithHostKeys is NewSSH with the server's host keys given, as a
// server with one key per algorithm has; HostKey is the first.
func NewSSHWithHostKeys(t testing.TB, root string, hostKeys []ssh.Signer, authorized ...ssh.PublicKey) *SSHServer {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git CLI not installed")
	}
	s := &SSHServer{Root: root, HostKey: hostKeys[0]}
	for _, k := range authorized {
		s.Authorize(k)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.ln = ln
	s.Addr = ln.Addr().String()
	cfg := &ssh.ServerConfig{
		PublicKeyCallback: func(_ ssh.ConnMetadata, key ssh.PublicKey) (*ssh.Permissions, error) {
			s.mu.Lock()
			defer s.mu.Unlock()
			for _, k := range s.authorized {
				if bytes.Equal(k, key.Marshal()) {
					return &ssh.Permissions{Extensions: map[string]string{"key": string(key.Marshal())}}, nil
				}
			}
			return nil, errors.New("key not authorized")
		},
	}
	for _, k := range hostKeys {
		cfg.AddHostKey(k)
	}
	home := t.TempDir()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.conns.add(c)
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				s.serveConn(c, cfg, home)
			}()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		s.conns.closeAll()
		s.wg.Wait()
	})
	return s
}

// Authorize lets key in from now on.
func (s *SSHServer) Authorize(key ssh.PublicKey) {
	s.mu.Lock()
	s.authorized = append(s.authorized, key.Marshal())
	s.mu.Unlock()
}

// ReadOnly lets key fetch but not push (a read-only deploy key).
func (s *SSHServer) ReadOnly(key ssh.PublicKey) {
	s.mu.Lock()
	s.readOnly = append(s.readOnly, key.Marshal())
	s.mu.Unlock()
	s.Authorize(key)
}

func (s *SSHServer) isReadOnly(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range s.readOnly {
		if string(k) == key {
			return true
		}
	}
	return false
}

// Commands lists the git commands clients have run, in order.
func (s *SSHServer) Commands() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.commands...)
}

// Port is the TCP port the server listens on.
func (s *SSHServer) Port() int {
	return s.ln.Addr().(*net.TCPAddr).Port
}

// RepoURL is the ssh:// URL of the repository Root/name for user git.
func (s *SSHServer) RepoURL(name string) string {
	return fmt.Sprintf("ssh://git@%s/%s", s.Addr, name)
}

// KnownHostsLine is the known_hosts line trusting this server's host key
// ("[127.0.0.1]:PORT ssh-ed25519 AAAA..."), as ssh-keyscan prints it.
func (s *SSHServer) KnownHostsLine() string {
	return s.KnownHostsLineFor(s.HostKey)
}

// KnownHostsLineFor is the known_hosts line trusting key for this server.
func (s *SSHServer) KnownHostsLineFor(key ssh.Signer) string {
	return knownhosts.Line([]string{knownhosts.Normalize(s.Addr)}, key.PublicKey())
}

func (s *SSHServer) serveConn(c net.Conn, cfg *ssh.ServerConfig, home string) {
	defer c.Close()
	sc, chans, reqs, err := ssh.NewServerConn(c, cfg)
	if err != nil {
		return
	}
	defer sc.Close()
	go ssh.DiscardRequests(reqs)
	var wg sync.WaitGroup
	for nc := range chans {
		if nc.ChannelType() != "session" {
			nc.Reject(ssh.UnknownChannelType, "only sessions")
			continue
		}
		ch, creqs, err := nc.Accept()
		if err != nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.serveSession(ch, creqs, home, sc.Permissions.Extensions["key"])
		}()
	}
	wg.Wait()
}

// serveSession waits for the "exec" request and runs the git command it
// names; "env" requests are accepted and ignored, anything else refused.
func (s *SSHServer) serveSession(ch ssh.Channel, reqs <-chan *ssh.Request, home, key string) {
	defer ch.Close()
	for req := range reqs {
		if req.Type != "exec" {
			req.Reply(req.Type == "env", nil)
			continue
		}
		var payload struct{ Command string }
		if err := ssh.Unmarshal(req.Payload, &payload); err != nil {
			req.Reply(false, nil)
			return
		}
		s.mu.Lock()
		s.commands = append(s.commands, payload.Command)
		s.mu.Unlock()
		service, dir, err := s.parseCommand(payload.Command)
		if err != nil {
			req.Reply(true, nil)
			fmt.Fprintf(ch.Stderr(), "fatal: %v\n", err)
			sendExit(ch, 128)
			return
		}
		req.Reply(true, nil)
		if service == "receive-pack" && s.isReadOnly(key) {
			// What GitLab prints for a deploy key without write access.
			fmt.Fprintf(ch.Stderr(), "ERROR: You are not allowed to push code to this project.\n")
			sendExit(ch, 1)
			return
		}
		cmd := exec.Command("git", service, dir)
		cmd.Env = GitEnv(home)
		cmd.Stdin = ch
		cmd.Stdout = ch
		cmd.Stderr = ch.Stderr()
		code := 0
		if err := cmd.Run(); err != nil {
			code = 1
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			}
		}
		ch.CloseWrite()
		sendExit(ch, code)
		return
	}
}

// parseCommand reads "git-upload-pack '/name.git'" into the git
// sub-command and the repository folder under Root.
func (s *SSHServer) parseCommand(command string) (service, dir string, err error) {
	prog, arg, ok := strings.Cut(command, " ")
	if !ok {
		return "", "", fmt.Errorf("bad command %q", command)
	}
	switch prog {
	case "git-upload-pack", "git-receive-pack":
		service = strings.TrimPrefix(prog, "git-")
	default:
		return "", "", fmt.Errorf("command %q not allowed", prog)
	}
	path, err := shellUnquote(arg)
	if err != nil {
		return "", "", err
	}
	rel := filepath.Clean("/" + path)
	dir = filepath.Join(s.Root, rel)
	if _, err := os.Stat(filepath.Join(dir, "HEAD")); err != nil {
		return "", "", fmt.Errorf("'%s' does not appear to be a git repository", path)
	}
	return service, dir, nil
}

// shellUnquote undoes git's sq_quote: one single-quoted word where ' and !
// are written as '\” and '\!'.
func shellUnquote(s string) (string, error) {
	if len(s) < 2 || s[0] != '\'' || s[len(s)-1] != '\'' {
		return "", fmt.Errorf("path %q is not quoted", s)
	}
	s = s[1 : len(s)-1]
	s = strings.ReplaceAll(s, `'\''`, `'`)
	s = strings.ReplaceAll(s, `'\!'`, `!`)
	return s, nil
}

func sendExit(ch ssh.Channel, code int) {
	b := make([]byte, 4)
	binary.BigEndian.PutUint32(b, uint32(code))
	ch.SendRequest("exit-status", false, b)
}

// NewKey makes a fresh ed25519 key.
func NewKey(t testing.TB) ssh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// NewECDSAKey makes a fresh ECDSA P-256 key.
func NewECDSAKey(t testing.TB) ssh.Signer {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// WriteKey makes a fresh ed25519 key, writes it to path in OpenSSH format
// (mode 0600, encrypted when passphrase is not empty) with the public key
// beside it in path.pub, and returns its signer.
func WriteKey(t testing.TB, path, passphrase string) ssh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	var block *pem.Block
	if passphrase == "" {
		block, err = ssh.MarshalPrivateKey(priv, "acct test key")
	} else {
		block, err = ssh.MarshalPrivateKeyWithPassphrase(priv, "acct test key", []byte(passphrase))
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".pub", ssh.MarshalAuthorizedKey(s.PublicKey()), 0o644); err != nil {
		t.Fatal(err)
	}
	return s
}

// Agent is an in-process ssh-agent (see StartAgent).
type Agent struct {
	// Sock is the agent's unix socket, for SSH_AUTH_SOCK.
	Sock string
	open atomic.Int64
}

// Open is the number of client connections not yet closed.
func (a *Agent) Open() int { return int(a.open.Load()) }

// StartAgent runs an ssh-agent holding keys (ed25519 private keys or
// anything agent.AddedKey takes) on a unix socket. It stops when the test
// ends.
func StartAgent(t testing.TB, keys ...any) *Agent {
	t.Helper()
	// Unix socket paths are limited to about 100 bytes: keep it short,
	// under /tmp when $TMPDIR is long.
	base := ""
	if len(os.TempDir()) > 60 {
		base = "/tmp"
	}
	dir, err := os.MkdirTemp(base, "agent")
	if err != nil {
		t.Fatal(err)
	}
	a := &Agent{Sock: filepath.Join(dir, "s")}
	kr := agent.NewKeyring()
	for _, k := range keys {
		if err := kr.Add(agent.AddedKey{PrivateKey: k}); err != nil {
			t.Fatal(err)
		}
	}
	ln, err := net.Listen("unix", a.Sock)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	conns := &connSet{}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.add(c)
			a.open.Add(1)
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer a.open.Add(-1)
				defer c.Close()
				agent.ServeAgent(kr, c)
			}()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		conns.closeAll()
		wg.Wait()
		os.RemoveAll(dir)
	})
	return a
}

// NewAgentKey makes a fresh ed25519 private key for StartAgent and returns
// it with its public key.
func NewAgentKey(t testing.TB) (ed25519.PrivateKey, ssh.PublicKey) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ssh.NewPublicKey(priv.Public())
	if err != nil {
		t.Fatal(err)
	}
	return priv, pub
}
