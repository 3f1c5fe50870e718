package book

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing/transport"
	"github.com/go-git/go-git/v5/plumbing/transport/client"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	gitssh "github.com/go-git/go-git/v5/plumbing/transport/ssh"
	"github.com/kevinburke/ssh_config"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
	"golang.org/x/crypto/ssh/knownhosts"
	"golang.org/x/net/proxy"
)

// ErrHostUnknown is returned (wrapped) when an SSH server's host key is not
// in known_hosts: nothing was sent to it.
var ErrHostUnknown = errors.New("the server's host key is not in known_hosts")

// ErrHostKeyChanged is returned (wrapped) when an SSH server presents a host
// key different from the one known_hosts holds for it: nothing was sent.
var ErrHostKeyChanged = errors.New("the server's host key has CHANGED")

// ErrCertUntrusted is returned (wrapped) when an HTTPS server's certificate
// does not verify against the trusted certificate authorities.
var ErrCertUntrusted = errors.New("the server's certificate is not trusted")

// ErrCredentialsInURL is returned (wrapped) for a remote URL that holds a
// password or token, which would be stored in .git/config.
var ErrCredentialsInURL = errors.New("the URL holds a password or token")

// remoteAccess is what one conversation with a remote needs: the
// credentials, extra trusted certificate authorities, and what was tried
// (for error messages). close releases the ssh-agent connection.
type remoteAccess struct {
	url      string
	protocol string // "ssh", "https", "http", "file"
	auth     transport.AuthMethod
	caBundle []byte
	// source names where HTTP credentials came from: "ACCT_GIT_TOKEN",
	// "git credential helper", "the URL", or "" for none.
	source string
	ssh    *sshKeys
	// remoteSays collects what the server printed during a push.
	remoteSays *remoteMessages
	// proxy routes SSH connections through idleDialer.
	proxy transport.ProxyOptions
	// fillFrom is the endpoint to ask git's credential helpers about when
	// the server asks for credentials; nil once asked or not wanted.
	fillFrom *transport.Endpoint
	getenv   func(string) string
}

// askHelper reports whether err is the server asking for credentials and
// git's credential helpers gave some, now in a.auth: the operation should
// be tried once more. Helpers are asked at most once.
func (a *remoteAccess) askHelper(err error) bool {
	if a.fillFrom == nil || !errors.Is(err, transport.ErrAuthenticationRequired) {
		return false
	}
	ep := a.fillFrom
	a.fillFrom = nil
	user, pass, ok := credentialFill(ep, a.getenv)
	if !ok {
		return false
	}
	a.auth, a.source = &githttp.BasicAuth{Username: user, Password: pass}, "git credential helper"
	return true
}

// idleTimeout is how long an SSH or HTTP connection may stay silent, while
// connecting or later, before acct gives up: a server (or a firewall in
// between) that accepts the connection and never answers would otherwise
// hang clone and sync for ever.
var idleTimeout = 60 * time.Second

// idleScheme names idleDialer among x/net/proxy's dialers: go-git dials
// SSH through a proxy dialer when ProxyOptions are set, the one place a
// connection deadline can be added.
const idleScheme = "acct-idle"

func init() {
	proxy.RegisterDialerType(idleScheme, func(*url.URL, proxy.Dialer) (proxy.Dialer, error) { return idleDialer{}, nil })
	// HTTP(S) connections get the same idle deadline (the default
	// transport has none once the TLS handshake is done); proxies from
	// HTTPS_PROXY and friends still apply.
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = idleDialer{}.DialContext
	hc := githttp.NewClient(&http.Client{Transport: tr})
	client.InstallProtocol("https", hc)
	client.InstallProtocol("http", hc)
}

// idleDialer dials directly and gives the connection an idle deadline.
type idleDialer struct{}

func (d idleDialer) Dial(network, addr string) (net.Conn, error) {
	return d.DialContext(context.Background(), network, addr)
}

func (idleDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	nd := net.Dialer{Timeout: idleTimeout}
	c, err := nd.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return &idleConn{Conn: c, idle: idleTimeout}, nil
}

// idleConn fails a Read or Write that waits longer than idle.
type idleConn struct {
	net.Conn
	idle time.Duration
}

func (c *idleConn) Read(p []byte) (int, error) {
	c.Conn.SetReadDeadline(time.Now().Add(c.idle))
	return c.Conn.Read(p)
}

func (c *idleConn) Write(p []byte) (int, error) {
	c.Conn.SetWriteDeadline(time.Now().Add(c.idle))
	return c.Conn.Write(p)
}

// remoteMessages keeps the first 4 KiB of what a server prints on the
// side band ("remote: ..." in git), without progress counters.
type remoteMessages struct{ buf []byte }

// Write implements io.Writer.
func (m *remoteMessages) Write(p []byte) (int, error) {
	if room := 4096 - len(m.buf); room > 0 {
		m.buf = append(m.buf, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

// quote gives the server's message lines as "; the remote says: ..." or
// "" when it said nothing but progress.
func (m *remoteMessages) quote() string {
	if m == nil {
		return ""
	}
	var lines []string
	for _, l := range strings.FieldsFunc(string(m.buf), func(r rune) bool { return r == '\n' || r == '\r' }) {
		l = strings.TrimSpace(l)
		if l == "" || strings.Contains(l, "% (") {
			continue
		}
		lines = append(lines, l)
	}
	if len(lines) == 0 {
		return ""
	}
	return "; the remote says: " + strings.Join(lines, " / ")
}

// openAccess picks what talking to rawURL needs: nothing for local paths
// and file://; for SSH the agent's keys, then the IdentityFile keys of
// ~/.ssh/config, then ~/.ssh/id_ed25519, id_ecdsa and id_rsa, with host
// keys checked against known_hosts (SSH_KNOWN_HOSTS, else
// ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts); for HTTPS the token in
// ACCT_GIT_TOKEN, else a password in the URL, else what 'git credential
// fill' answers when git is installed, else none, plus the extra CA of
// GIT_SSL_CAINFO / http.sslCAInfo. It fails when that CA file cannot be
// read or known_hosts cannot be parsed.
func openAccess(rawURL string, getenv func(string) string) (*remoteAccess, error) {
	ep, err := transport.NewEndpoint(rawURL)
	if err != nil {
		return nil, fmt.Errorf("remote %q: %w", redactURL(rawURL), err)
	}
	a := &remoteAccess{url: rawURL, protocol: ep.Protocol}
	switch ep.Protocol {
	case "ssh":
		conf := sshConfigFor(getenv, ep.Host)
		user := ep.User
		if user == "" {
			user = conf.user
		}
		if user == "" {
			user = "git"
		}
		a.ssh = &sshKeys{getenv: getenv, identities: conf.identities}
		a.proxy = transport.ProxyOptions{URL: idleScheme + "://direct"}
		// The address go-git dials (see sshConfigAdapter): HostName and
		// Port from ~/.ssh/config win over the URL's.
		host, port := ep.Host, ep.Port
		if conf.hostname != "" {
			host = conf.hostname
			if conf.port > 0 {
				port = conf.port
			}
		}
		if port <= 0 {
			port = 22
		}
		cb, algos, err := hostKeyCheck(getenv, net.JoinHostPort(host, strconv.Itoa(port)))
		if err != nil {
			return nil, err
		}
		a.auth = &gitssh.PublicKeysCallback{User: user, Callback: a.ssh.signers,
			HostKeyCallbackHelper: gitssh.HostKeyCallbackHelper{HostKeyCallback: cb, HostKeyAlgorithms: algos}}
	case "http", "https":
		if a.caBundle, err = caBundle(getenv); err != nil {
			return nil, err
		}
		if tok := getenv("ACCT_GIT_TOKEN"); tok != "" {
			user := ep.User
			if user == "" {
				user = "acct"
			}
			a.auth, a.source = &githttp.BasicAuth{Username: user, Password: tok}, "ACCT_GIT_TOKEN"
		} else if ep.User != "" && ep.Password != "" {
			a.auth, a.source = &githttp.BasicAuth{Username: ep.User, Password: ep.Password}, "the URL"
		} else {
			// git's credential helpers are asked once the server says it
			// needs credentials (askHelper), as git does: a public
			// repository never wakes a keychain.
			a.fillFrom, a.getenv = ep, getenv
		}
	}
	return a, nil
}

// close releases what the conversation held open (the ssh-agent socket).
func (a *remoteAccess) close() {
	if a != nil && a.ssh != nil {
		a.ssh.close()
	}
}

// checkURLCredentials refuses a URL with a password in it, so that no token
// is ever written to .git/config.
func checkURLCredentials(rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil || u.User == nil {
		return nil
	}
	if _, has := u.User.Password(); !has {
		return nil
	}
	return fmt.Errorf("%s: %w, which would be stored in .git/config: give the URL without it and set ACCT_GIT_TOKEN to the token (or store it with a git credential helper)",
		redactURL(rawURL), ErrCredentialsInURL)
}

// caBundle reads the extra certificate authorities to trust for HTTPS:
// the PEM file named by GIT_SSL_CAINFO, else by http.sslCAInfo in the
// global git config, as git does. (SSL_CERT_FILE and SSL_CERT_DIR, which
// replace the system's authorities, are honoured by Go itself on Linux.)
func caBundle(getenv func(string) string) ([]byte, error) {
	file, from := getenv("GIT_SSL_CAINFO"), "GIT_SSL_CAINFO"
	if file == "" {
		for _, c := range globalConfigs(getenv) {
			if v := c.Section("http").Option("sslCAInfo"); v != "" {
				file, from = v, "http.sslCAInfo"
			}
		}
		if strings.HasPrefix(file, "~/") {
			file = filepath.Join(getenv("HOME"), file[2:])
		}
	}
	if file == "" {
		return nil, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("%s names a certificate file that cannot be read: %w", from, err)
	}
	return data, nil
}

// sshKeys gathers the keys offered to an SSH server, once per
// conversation: the agent's first, then the unencrypted key files named by
// IdentityFile in ~/.ssh/config, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa.
type sshKeys struct {
	getenv     func(string) string
	identities []string // IdentityFile entries of ~/.ssh/config, tried first
	once       sync.Once
	list       []gossh.Signer
	conn       net.Conn
	tried      []string // "ssh-agent (2 keys)", "~/.ssh/id_ed25519"
	locked     []string // key files skipped because they need a passphrase
}

func (k *sshKeys) signers() ([]gossh.Signer, error) {
	k.once.Do(func() {
		if sock := k.getenv("SSH_AUTH_SOCK"); sock != "" {
			if conn, err := net.DialTimeout("unix", sock, 2*time.Second); err == nil {
				k.conn = conn
				if s, err := agent.NewClient(conn).Signers(); err == nil && len(s) > 0 {
					k.list = append(k.list, s...)
					k.tried = append(k.tried, fmt.Sprintf("ssh-agent (%d key%s)", len(s), pluralS(len(s))))
				}
			}
		}
		home := k.getenv("HOME")
		if home == "" {
			home, _ = os.UserHomeDir()
		}
		files := append([]string(nil), k.identities...)
		for _, name := range []string{"id_ed25519", "id_ecdsa", "id_rsa"} {
			files = append(files, "~/.ssh/"+name)
		}
		seen := map[string]bool{}
		for _, name := range files {
			path := expandHome(name, home)
			if seen[path] {
				continue
			}
			seen[path] = true
			data, err := os.ReadFile(path)
			if err != nil {
				continue
			}
			s, err := gossh.ParsePrivateKey(data)
			var missing *gossh.PassphraseMissingError
			switch {
			case errors.As(err, &missing):
				k.locked = append(k.locked, name)
			case err == nil:
				k.list = append(k.list, s)
				k.tried = append(k.tried, name)
			}
		}
	})
	return k.list, nil
}

func (k *sshKeys) close() {
	if k.conn != nil {
		k.conn.Close()
	}
}

func pluralS(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// expandHome turns a leading ~/ (or %d/) into home.
func expandHome(p, home string) string {
	for _, pre := range []string{"~/", "%d/"} {
		if strings.HasPrefix(p, pre) {
			return filepath.Join(home, p[len(pre):])
		}
	}
	return p
}

// sshHostConfig is what ~/.ssh/config says about one host alias.
type sshHostConfig struct {
	hostname   string // HostName; the alias itself when only Port is set; "" when neither is
	port       int    // Port (0: not set)
	user       string
	identities []string // IdentityFile entries, as written
}

// sshConfigFiles are the ssh_config files read, user's first: the rep's
// $HOME/.ssh/config (HOME as acct reads it everywhere) and the system's.
func sshConfigFiles(getenv func(string) string) []string {
	home := getenv("HOME")
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	return []string{filepath.Join(home, ".ssh", "config"), "/etc/ssh/ssh_config"}
}

// sshConfigFor reads HostName, Port, User and IdentityFile for alias from
// the ssh_config files, the first value of each winning as in ssh.
// Unreadable or malformed files are skipped (ssh would complain; acct
// falls back to the URL as written).
func sshConfigFor(getenv func(string) string, alias string) sshHostConfig {
	var out sshHostConfig
	for _, f := range sshConfigFiles(getenv) {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		cfg, err := ssh_config.DecodeBytes(withoutMatchBlocks(data))
		if err != nil {
			continue
		}
		get := func(key string) string { v, _ := cfg.Get(alias, key); return v }
		if out.hostname == "" {
			out.hostname = strings.ReplaceAll(get("HostName"), "%h", alias)
		}
		if out.port == 0 {
			out.port, _ = strconv.Atoi(get("Port"))
		}
		if out.user == "" {
			out.user = get("User")
		}
		ids, _ := cfg.GetAll(alias, "IdentityFile")
		out.identities = append(out.identities, ids...)
	}
	if out.hostname == "" && out.port > 0 {
		out.hostname = alias
	}
	return out
}

// withoutMatchBlocks drops the Match blocks of an ssh_config file (from a
// Match line to the next Host or Match line): the ssh_config library
// refuses the whole file when it meets one, which would silently ignore
// every Host alias of a rep whose config has one.
func withoutMatchBlocks(data []byte) []byte {
	var out bytes.Buffer
	skipping := false
	for _, line := range strings.SplitAfter(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) > 0 {
			switch key, _, _ := strings.Cut(strings.ToLower(f[0]), "="); key {
			case "match":
				skipping = true
			case "host":
				skipping = false
			}
		}
		if skipping {
			out.WriteString("\n") // keep line numbers
			continue
		}
		out.WriteString(line)
	}
	return out.Bytes()
}

// sshConfigAdapter answers go-git's ssh_config questions (HostName and
// Port of an alias) from the same files as sshConfigFor, with the process
// environment's HOME, instead of the passwd entry's home.
type sshConfigAdapter struct{}

// Get implements go-git's sshConfig.
func (sshConfigAdapter) Get(alias, key string) string {
	c := sshConfigFor(os.Getenv, alias)
	switch strings.ToLower(key) {
	case "hostname":
		return c.hostname
	case "port":
		if c.port > 0 {
			return strconv.Itoa(c.port)
		}
	}
	return ""
}

func init() { gitssh.DefaultSSHConfig = sshConfigAdapter{} }

// knownHostsFiles lists the known_hosts files SSH host keys are checked
// against: those in SSH_KNOWN_HOSTS (a path list), else ~/.ssh/known_hosts
// and /etc/ssh/ssh_known_hosts. The first is where a rep adds a host.
func knownHostsFiles(getenv func(string) string) []string {
	if l := filepath.SplitList(getenv("SSH_KNOWN_HOSTS")); len(l) > 0 {
		return l
	}
	home := getenv("HOME")
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	return []string{filepath.Join(home, ".ssh", "known_hosts"), "/etc/ssh/ssh_known_hosts"}
}

// hostKeyCheck builds the host key callback for hostWithPort from the
// known_hosts files, and the key algorithms to ask the server for (those
// known_hosts holds for it, so a server with several host keys presents
// the one we know). Its errors wrap ErrHostUnknown or ErrHostKeyChanged
// and say what to do.
func hostKeyCheck(getenv func(string) string, hostWithPort string) (gossh.HostKeyCallback, []string, error) {
	all := knownHostsFiles(getenv)
	var files []string
	for _, f := range all {
		if _, err := os.Stat(f); err == nil {
			files = append(files, f)
		}
	}
	var check gossh.HostKeyCallback
	var algos []string
	if len(files) == 0 {
		check = func(string, net.Addr, gossh.PublicKey) error { return &knownhosts.KeyError{} }
	} else {
		db, err := gitssh.NewKnownHostsDb(files...)
		if err != nil {
			return nil, nil, fmt.Errorf("reading known_hosts: %w", err)
		}
		check = db.HostKeyCallback()
		algos = db.HostKeyAlgorithms(hostWithPort)
	}
	cb := func(hostname string, remote net.Addr, key gossh.PublicKey) error {
		err := check(hostname, remote, key)
		if err == nil {
			return nil
		}
		host, port, _ := net.SplitHostPort(hostname)
		if host == "" {
			host, port = hostname, "22"
		}
		scan := "ssh-keyscan " + host
		if port != "22" {
			scan = "ssh-keyscan -p " + port + " " + host
		}
		fp := gossh.FingerprintSHA256(key)
		var ke *knownhosts.KeyError
		var re *knownhosts.RevokedError
		switch {
		case errors.As(err, &ke) && len(ke.Want) == 0:
			trust := scan + " >> " + all[0]
			if _, err := os.Stat(filepath.Dir(all[0])); err != nil {
				trust = "mkdir -p " + filepath.Dir(all[0]) + " && " + trust
			}
			return fmt.Errorf("%w (%s key %s); nothing was sent. If that fingerprint is the one your git server's admin publishes, trust it with: %s",
				ErrHostUnknown, key.Type(), fp, trust)
		case errors.As(err, &ke):
			w := ke.Want[0]
			return fmt.Errorf("%w: it presents %s key %s, but %s line %d holds another key for it. Someone may be intercepting the connection, or the server was reinstalled; nothing was sent. Ask your git server's admin; only if they confirm the new key, remove the old one (ssh-keygen -R %s -f %s) and trust the new one (%s >> %s)",
				ErrHostKeyChanged, key.Type(), fp, w.Filename, w.Line, "'"+knownhosts.Normalize(hostname)+"'", w.Filename, scan, w.Filename)
		case errors.As(err, &re):
			return fmt.Errorf("%w: its key %s is marked @revoked in %s line %d; nothing was sent",
				ErrHostKeyChanged, fp, re.Revoked.Filename, re.Revoked.Line)
		}
		return err
	}
	return cb, algos, nil
}

// credentialFill asks git's credential helpers for a user name and
// password, without prompting on the terminal.
func credentialFill(ep *transport.Endpoint, getenv func(string) string) (user, pass string, ok bool) {
	gitBin, err := exec.LookPath("git")
	if err != nil {
		return "", "", false
	}
	host := ep.Host
	if ep.Port != 0 && ep.Port != 443 && ep.Port != 80 {
		host = fmt.Sprintf("%s:%d", ep.Host, ep.Port)
	}
	in := fmt.Sprintf("protocol=%s\nhost=%s\npath=%s\n", ep.Protocol, host, strings.TrimPrefix(ep.Path, "/"))
	if ep.User != "" {
		in += "username=" + ep.User + "\n"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, gitBin, "credential", "fill")
	cmd.Stdin = strings.NewReader(in + "\n")
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GCM_INTERACTIVE=never")
	if h := getenv("HOME"); h != "" {
		cmd.Env = append(cmd.Env, "HOME="+h)
	}
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return "", "", false
	}
	for _, l := range strings.Split(out.String(), "\n") {
		k, v, _ := strings.Cut(l, "=")
		switch k {
		case "username":
			user = v
		case "password":
			pass = v
		}
	}
	return user, pass, pass != ""
}

// remoteError turns transport errors into messages a rep can act on,
// naming the remote (without any password) and what to set or do.
func (a *remoteAccess) remoteError(op string, err error) error {
	if err == nil {
		return nil
	}
	redacted := redactURL(a.url)
	msg := err.Error()
	var certErr *tls.CertificateVerificationError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var opErr *net.OpError
	var netErr net.Error
	switch {
	case errors.Is(err, ErrHostUnknown), errors.Is(err, ErrHostKeyChanged):
		return fmt.Errorf("%s %s: %w", op, redacted, unwrapHandshake(err))
	case errors.Is(err, transport.ErrAuthorizationFailed):
		return fmt.Errorf("%s %s: %w: %s", op, redacted, ErrAuth, a.forbiddenHint())
	case errors.Is(err, transport.ErrAuthenticationRequired),
		strings.Contains(msg, "unable to authenticate"), strings.Contains(msg, "no supported methods remain"):
		return fmt.Errorf("%s %s: %w: %s", op, redacted, ErrAuth, a.authHint())
	case errors.As(err, &certErr), errors.As(err, &unknownCA), errors.As(err, &hostErr), strings.Contains(msg, "x509:"):
		return fmt.Errorf("%s %s: %w (%s); if your company runs its own certificate authority, point GIT_SSL_CAINFO (or git config --global http.sslCAInfo) at its PEM file",
			op, redacted, ErrCertUntrusted, certReason(err))
	case errors.Is(err, transport.ErrRepositoryNotFound):
		return fmt.Errorf("%s %s: %w: no repository there, or these credentials may not see it (check the URL and your access)", op, redacted, ErrUnreachable)
	case strings.Contains(msg, "unknown error: "):
		// A server that refuses before the protocol starts prints a line
		// on stderr ("ERROR: You are not allowed to push code to this project.").
		_, said, _ := strings.Cut(msg, "unknown error: ")
		if op == "push to" {
			return fmt.Errorf("%s %s: %w: the remote says: %s (your commits are kept locally; check your access with the remote's admin)", op, redacted, ErrPushRejected, said)
		}
		return fmt.Errorf("%s %s: the remote says: %s", op, redacted, said)
	case errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Errorf("%s %s: %w: the server did not answer for %v (is the address right? a firewall or proxy may be holding the connection)", op, redacted, ErrUnreachable, idleTimeout)
	case errors.As(err, &opErr):
		// The dial error alone: "dial tcp 127.0.0.1:1: connect: connection refused".
		return fmt.Errorf("%s %s: %w: %v", op, redacted, ErrUnreachable, opErr)
	case errors.As(err, &netErr), strings.Contains(msg, "no such host"), strings.Contains(msg, "connection refused"):
		return fmt.Errorf("%s %s: %w: %v", op, redacted, ErrUnreachable, err)
	}
	return fmt.Errorf("%s %s: %w", op, redacted, err)
}

// unwrapHandshake drops the "ssh: handshake failed: " prefix x/crypto puts
// before our host key errors.
func unwrapHandshake(err error) error {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if strings.HasPrefix(e.Error(), ErrHostUnknown.Error()) || strings.HasPrefix(e.Error(), ErrHostKeyChanged.Error()) {
			return e
		}
	}
	return err
}

// certReason is the x509 part of a TLS verification error.
func certReason(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "x509: "); i >= 0 {
		return msg[i:]
	}
	return msg
}

// authHint says what to do when the remote refused (or needed) credentials.
func (a *remoteAccess) authHint() string {
	if a.protocol == "ssh" {
		var keys []gossh.Signer
		var locked, tried []string
		if a.ssh != nil {
			keys, _ = a.ssh.signers()
			locked, tried = a.ssh.locked, a.ssh.tried
		}
		var hints []string
		if len(keys) > 0 {
			hints = append(hints, "the server accepted none of the keys offered ("+strings.Join(tried, ", ")+"): register your public key (~/.ssh/id_ed25519.pub) with your account on the git server, or load the right key with ssh-add")
		}
		for _, l := range locked {
			hints = append(hints, l+" needs a passphrase, which acct cannot ask for: load it into ssh-agent with ssh-add "+l)
		}
		if len(hints) == 0 {
			hints = append(hints, "no SSH key was found: load yours into ssh-agent (ssh-add) or put it at ~/.ssh/id_ed25519, and register its public key with the git server")
		}
		return strings.Join(hints, "; ")
	}
	switch a.source {
	case "ACCT_GIT_TOKEN":
		return "the token in ACCT_GIT_TOKEN was refused (expired, revoked, or made for another server?): set ACCT_GIT_TOKEN to a valid access token"
	case "git credential helper":
		return "the password git's credential helper gave was refused: update the stored credentials, or set ACCT_GIT_TOKEN to an access token"
	case "the URL":
		return "the password in the remote's URL was refused: set ACCT_GIT_TOKEN to an access token"
	}
	return "the server asks for credentials: set ACCT_GIT_TOKEN to an access token (read and write repository rights), or store them with a git credential helper"
}

// forbiddenHint is for a server that knows who we are but refuses access.
func (a *remoteAccess) forbiddenHint() string {
	from := a.source
	if from == "" {
		from = "no credentials"
	}
	return "the server refused access with the credentials from " + from + ": the token needs read and write access to this repository (set ACCT_GIT_TOKEN to one that has it)"
}

// redactURL removes a password from a URL before it is printed.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
