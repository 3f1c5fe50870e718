// Package gittest runs real git servers inside a test process so that acct's
// transports are exercised end to end: HTTPS (git http-backend behind Basic
// auth, see NewHTTPS) and SSH (public-key authentication running
// git-upload-pack / git-receive-pack, see NewSSH), plus an in-process
// ssh-agent (StartAgent). Repositories are bare repositories made with the
// git CLI (NewBare). It is imported by tests only.
package gittest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// GitEnv is the environment the git CLI runs with in these helpers: an
// empty home, no system config and a fixed identity, so the developer's own
// settings never leak into a test.
func GitEnv(home string) []string {
	return append(os.Environ(), gitVars(home)...)
}

// gitVars are the variables GitEnv sets.
func gitVars(home string) []string {
	return []string{"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"GIT_CONFIG_NOSYSTEM=1", "GIT_TERMINAL_PROMPT=0",
		"GIT_AUTHOR_NAME=Server", "GIT_AUTHOR_EMAIL=server@example.com",
		"GIT_COMMITTER_NAME=Server", "GIT_COMMITTER_EMAIL=server@example.com"}
}

// Git runs the git CLI in dir with GitEnv and returns its combined output;
// the test fails when git fails, and is skipped when git is not installed.
func Git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git CLI not installed")
	}
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = GitEnv(t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// NewBare creates the bare repository root/name (branch main) holding one
// commit with files (slash-separated path -> content); with no files it is
// left empty. It returns the repository's path.
func NewBare(t testing.TB, root, name string, files map[string]string) string {
	t.Helper()
	bare := filepath.Join(root, name)
	Git(t, root, "init", "-q", "--bare", "-b", "main", bare)
	if len(files) == 0 {
		return bare
	}
	seed := t.TempDir()
	Git(t, seed, "init", "-q", "-b", "main")
	for p, c := range files {
		abs := filepath.Join(seed, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(abs, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	Git(t, seed, "add", "-A")
	Git(t, seed, "commit", "-q", "-m", "start")
	Git(t, seed, "push", "-q", bare, "main")
	return bare
}

// RejectPushes installs a pre-receive hook in the bare repository that
// refuses every push, printing message to the pusher (as a protected branch
// or a server-side policy does).
func RejectPushes(t testing.TB, bare, message string) {
	t.Helper()
	hook := filepath.Join(bare, "hooks", "pre-receive")
	script := "#!/bin/sh\necho " + shellQuote(message) + " >&2\nexit 1\n"
	if err := os.WriteFile(hook, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
