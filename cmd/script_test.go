package cmd

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update", false, "rewrite golden output in testdata/script/*.txtar")

// TestMain lets testscript run the real acct binary (this test binary, under
// the name acct) inside each scenario.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"acct": func() { os.Exit(Main()) },
	})
}

// TestScripts runs every scenario in testdata/script: one behaviour per
// file, each in a fresh temp folder with a fixed clock, home and git identity.
func TestScripts(t *testing.T) {
	testscript.Run(t, scriptParams())
}

func scriptParams() testscript.Params {
	return testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		UpdateScripts:       *updateScripts,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			home := filepath.Join(env.WorkDir, ".home")
			if err := os.MkdirAll(home, 0o755); err != nil {
				return err
			}
			gitconfig := "[user]\n\tname = Test Rep\n\temail = rep@example.com\n[init]\n\tdefaultBranch = main\n"
			if err := os.WriteFile(filepath.Join(home, ".gitconfig"), []byte(gitconfig), 0o644); err != nil {
				return err
			}
			env.Setenv("HOME", home)
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
			env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
			env.Setenv("ACCT_NOW", "2026-03-01")
			env.Setenv("NO_COLOR", "1")
			env.Setenv("LANG", "zh_CN.UTF-8")
			env.Setenv("EDITOR", "")
			env.Setenv("VISUAL", "")
			env.Setenv("TZ", "UTC")
			return nil
		},
	}
}
