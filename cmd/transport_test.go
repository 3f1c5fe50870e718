package cmd

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/acctbook/acct/internal/gittest"
)

const transportToken = "glpat-e2e-token-7f3a"

// TestTransportScripts runs the scenarios in testdata/transport through the
// acct binary against real servers in this process: HTTPS (git
// http-backend behind Basic auth, its certificate trusted through
// SSL_CERT_FILE as a rep would) and SSH (public-key auth, known_hosts).
// Each scenario gets its own bare repository, $BARE, served at $HTTPS_URL
// and $SSH_URL ($SSH_HOST is the server as known_hosts names it); $TOKEN is the accepted token; the home folder holds an
// authorized ~/.ssh/id_ed25519 and a known_hosts trusting the SSH server;
// $AGENT_SOCK is an ssh-agent holding another authorized key.
func TestTransportScripts(t *testing.T) {
	root := t.TempDir()
	scripts, err := filepath.Glob(filepath.Join("testdata", "transport", "*.txtar"))
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no transport scenarios: %v", err)
	}
	for _, s := range scripts {
		name := strings.TrimSuffix(filepath.Base(s), ".txtar")
		gittest.NewBare(t, root, name+".git", map[string]string{
			"acct.yaml":              "language: en\n",
			"accounts/hx/account.md": "---\nkind: account\nname: HX Electronics\nowner: Li Ming\n---\n",
		})
	}
	keyFile := filepath.Join(t.TempDir(), "id_ed25519")
	key := gittest.WriteKey(t, keyFile, "")
	keyPEM, err := os.ReadFile(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	https := gittest.NewHTTPS(t, root, transportToken)
	sshd := gittest.NewSSH(t, root, key.PublicKey())
	agentKey, agentPub := gittest.NewAgentKey(t)
	sshd.Authorize(agentPub)
	agent := gittest.StartAgent(t, agentKey)

	p := scriptParams()
	p.Dir = filepath.Join("testdata", "transport")
	setup := p.Setup
	p.Setup = func(env *testscript.Env) error {
		if err := setup(env); err != nil {
			return err
		}
		name := strings.TrimPrefix(filepath.Base(env.WorkDir), "script-")
		home := env.Getenv("HOME")
		ssh := filepath.Join(home, ".ssh")
		if err := os.MkdirAll(ssh, 0o700); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(ssh, "id_ed25519"), keyPEM, 0o600); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(ssh, "known_hosts"), []byte(sshd.KnownHostsLine()+"\n"), 0o600); err != nil {
			return err
		}
		env.Setenv("BARE", filepath.Join(root, name+".git"))
		env.Setenv("HTTPS_URL", https.RepoURL(name+".git"))
		env.Setenv("SSH_URL", sshd.RepoURL(name+".git"))
		env.Setenv("SSH_HOST", "[127.0.0.1]:"+strconv.Itoa(sshd.Port()))
		env.Setenv("TOKEN", transportToken)
		env.Setenv("SSL_CERT_FILE", https.CAFile)
		env.Setenv("SSH_AUTH_SOCK", "")
		env.Setenv("AGENT_SOCK", agent.Sock)
		env.Setenv("ACCT_GIT_TOKEN", "")
		env.Setenv("GIT_SSL_CAINFO", "")
		return nil
	}
	testscript.Run(t, p)
}
