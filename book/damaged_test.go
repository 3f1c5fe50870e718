package book

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/acctbook/acct/msg"
)

// looseObject returns the file of loose object h in the repository at root.
func looseObject(t *testing.T, root string, h plumbing.Hash) string {
	t.Helper()
	s := h.String()
	p := filepath.Join(root, ".git", "objects", s[:2], s[2:])
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("object %s is not loose: %v", s, err)
	}
	return p
}

// The damages done to a loose object, as a disk or an interrupted copy
// would: garbage instead of zlib data, the object cut in half, the file
// gone.
var damages = map[string]func(t *testing.T, file string){
	"garbage": func(t *testing.T, file string) {
		os.Chmod(file, 0o644)
		if err := os.WriteFile(file, []byte("this is not a zlib stream at all"), 0o644); err != nil {
			t.Fatal(err)
		}
	},
	"truncated": func(t *testing.T, file string) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		os.Chmod(file, 0o644)
		if err := os.WriteFile(file, data[:len(data)/2], 0o644); err != nil {
			t.Fatal(err)
		}
	},
	"missing": func(t *testing.T, file string) {
		if err := os.Remove(file); err != nil {
			t.Fatal(err)
		}
	},
}

func TestDamagedObjectStoreIsNamed(t *testing.T) {
	ops := map[string]func(r *Repo) error{
		"commit": func(r *Repo) error {
			write(t, r.Root(), "accounts/hx/account.md", "---\nkind: account\nname: HX Electronics\n---\nedited\n")
			_, err := r.Record(commitOpts(""))
			return err
		},
		"log": func(r *Repo) error {
			_, err := r.Log(LogOptions{Paths: []string{"accounts/hx"}})
			return err
		},
		"sync": func(r *Repo) error {
			write(t, r.Root(), "accounts/hx/account.md", "---\nkind: account\nname: HX Electronics\n---\nsynced\n")
			_, err := r.Sync(SyncOptions{Getenv: testEnv("")})
			return err
		},
		"read": func(r *Repo) error {
			_, _, err := r.ReadFileAt("", "accounts/hx/account.md")
			return err
		},
	}
	// The objects of the last commit that every operation reads.
	targets := map[string]func(c plumbingCommit) plumbing.Hash{
		"commit": func(c plumbingCommit) plumbing.Hash { return c.hash },
		"tree":   func(c plumbingCommit) plumbing.Hash { return c.tree },
	}
	for damage, spoil := range damages {
		for target, pick := range targets {
			for op, run := range ops {
				t.Run(damage+"/"+target+"/"+op, func(t *testing.T) {
					a, _, _ := twoClones(t, map[string]string{"accounts/hx/account.md": "---\nkind: account\nname: HX\n---\n"})
					// A commit of a's own: its objects are loose.
					write(t, a.Root(), "accounts/hx/account.md", "---\nkind: account\nname: HX Electronics\n---\n")
					hash, err := a.Commit(commitOpts("rename"))
					if err != nil {
						t.Fatal(err)
					}
					c, err := a.repo.CommitObject(plumbing.NewHash(hash))
					if err != nil {
						t.Fatal(err)
					}
					spoil(t, looseObject(t, a.Root(), pick(plumbingCommit{c.Hash, c.TreeHash})))
					r, err := OpenRepo(a.Root()) // no cached objects
					if err != nil {
						t.Fatal(err)
					}
					err = run(r)
					if !errors.Is(err, ErrDamaged) {
						t.Fatalf("got %v, want a DamagedError", err)
					}
					en, zh := err.Error(), msg.Localize(err, "zh")
					for _, want := range []string{a.Root(), "is damaged", "git fsck", "acct clone"} {
						if !strings.Contains(en, want) {
							t.Errorf("message lacks %q: %s", want, en)
						}
					}
					for _, want := range []string{a.Root(), "git 仓库已损坏", "git fsck", "acct clone"} {
						if !strings.Contains(zh, want) {
							t.Errorf("Chinese message lacks %q: %s", want, zh)
						}
					}
				})
			}
		}
	}
}

// plumbingCommit is the commit and root tree of a commit.
type plumbingCommit struct{ hash, tree plumbing.Hash }

// Ordinary failures are not taken for damage.
func TestHealthyRepoErrorsAreNotDamage(t *testing.T) {
	r := committedRepo(t, t.TempDir(), map[string]string{"accounts/hx/account.md": "---\nkind: account\n---\n"})
	if _, err := r.Record(commitOpts("")); !errors.Is(err, ErrNothingToCommit) || errors.Is(err, ErrDamaged) {
		t.Errorf("nothing to commit: got %v", err)
	}
	if _, err := r.Log(LogOptions{Rev: "no-such-branch"}); err == nil || errors.Is(err, ErrDamaged) {
		t.Errorf("unknown revision: got %v", err)
	}
	if _, err := r.Sync(SyncOptions{Getenv: testEnv("")}); err == nil || errors.Is(err, ErrDamaged) {
		t.Errorf("sync without a remote: got %v", err)
	}
}
