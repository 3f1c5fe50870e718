package gittest

import (
	"crypto/subtle"
	"encoding/pem"
	"io"
	"log"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// HTTPServer serves the bare repositories under Root over HTTPS with
// `git http-backend` (smart HTTP, fetch and push), behind Basic
// authentication that accepts any user name with the password Token, as
// GitLab, Gitea and GitHub accept access tokens.
type HTTPServer struct {
	// Root holds the bare repositories; https://.../NAME.git serves Root/NAME.git.
	Root string
	// URL is the server's base URL, https://127.0.0.1:PORT, without a slash.
	URL string
	// CAFile is a PEM file holding the certificate the server presents,
	// for clients to trust (SSL_CERT_FILE, GIT_SSL_CAINFO).
	CAFile string
	// Token is the password accepted for fetch and push.
	Token string
	// ReadOnlyToken, when set, is a password accepted for fetch only:
	// pushes get 403 Forbidden, as with a read-only access token.
	ReadOnlyToken string
	// Refused counts requests refused for missing or wrong credentials.
	Refused atomic.Int64

	srv *httptest.Server
}

// NewHTTPS starts an HTTPS git server over root accepting token (an empty
// token: anyone, as a public repository); it is closed when the test ends.
func NewHTTPS(t testing.TB, root, token string) *HTTPServer {
	t.Helper()
	gitBin, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git CLI not installed")
	}
	s := &HTTPServer{Root: root, Token: token}
	home := t.TempDir()
	backend := &cgi.Handler{
		Path: gitBin,
		Args: []string{"http-backend"},
		Dir:  root,
		// "Not a git repository" for a wrong URL is part of the tests.
		Stderr: io.Discard,
		Env: append(gitVars(home), "GIT_PROJECT_ROOT="+root, "GIT_HTTP_EXPORT_ALL=1",
			// http-backend allows receive-pack only to authenticated users.
			"REMOTE_USER=rep", "PATH="+os.Getenv("PATH")),
	}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token == "" {
			backend.ServeHTTP(w, r)
			return
		}
		_, pass, ok := r.BasicAuth()
		if ro := s.ReadOnlyToken; ok && ro != "" && subtle.ConstantTimeCompare([]byte(pass), []byte(ro)) == 1 {
			if r.URL.Query().Get("service") == "git-receive-pack" || strings.HasSuffix(r.URL.Path, "/git-receive-pack") {
				http.Error(w, "this token may not push", http.StatusForbidden)
				return
			}
			backend.ServeHTTP(w, r)
			return
		}
		if !ok || subtle.ConstantTimeCompare([]byte(pass), []byte(token)) != 1 {
			s.Refused.Add(1)
			w.Header().Set("WWW-Authenticate", `Basic realm="git"`)
			http.Error(w, "authentication required", http.StatusUnauthorized)
			return
		}
		backend.ServeHTTP(w, r)
	}))
	// Clients that do not trust the certificate are part of the tests.
	s.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.srv.StartTLS()
	t.Cleanup(s.srv.Close)
	s.URL = s.srv.URL
	s.CAFile = filepath.Join(t.TempDir(), "ca.pem")
	block := &pem.Block{Type: "CERTIFICATE", Bytes: s.srv.Certificate().Raw}
	if err := os.WriteFile(s.CAFile, pem.EncodeToMemory(block), 0o644); err != nil {
		t.Fatal(err)
	}
	return s
}

// RepoURL is the URL of the repository Root/name.
func (s *HTTPServer) RepoURL(name string) string { return s.URL + "/" + name }
