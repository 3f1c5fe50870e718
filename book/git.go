package book

// The book's git store. Everything that touches go-git lives in the files
// book/git*.go; the rest of acct sees only Repo and plain Go values (strings,
// times, byte slices), so go-git never leaks out of this package.
//
// Writes follow git's own locking protocol so that acct and the git CLI can
// run side by side: .git/index.lock is created exclusively and held for the
// whole operation, the new index is written into it and renamed over
// .git/index, and a branch is moved last, through refs/heads/<b>.lock, only
// if it still points where it pointed when the operation began.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	formatcfg "github.com/go-git/go-git/v5/plumbing/format/config"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// ErrNothingToCommit is returned by Repo.Commit when the book has no change
// to record. Callers treat it as success.
var ErrNothingToCommit = errors.New("nothing to commit")

// ErrNoAuthor is returned (wrapped) when no commit author can be found.
var ErrNoAuthor = errors.New("no commit author configured: set one with " +
	"'git config --global user.name \"Your Name\"' and 'git config --global user.email you@example.com', " +
	"or set ACCT_AUTHOR_NAME and ACCT_AUTHOR_EMAIL")

// ErrNoRepo is returned (wrapped) when the book is not inside a git repository.
var ErrNoRepo = errors.New("the book is not in a git repository (run 'acct init' in it, or 'git init')")

// ErrLocked is returned (wrapped) when another process holds the repository's
// lock file (.git/index.lock) for longer than acct waits.
var ErrLocked = errors.New("another acct or git process is writing to the repository")

// Signature is a commit author or committer.
type Signature struct {
	Name  string
	Email string
	// When is the time of the signature; zero means the commit time.
	When time.Time
}

// String formats the signature as git does: "Name <email>".
func (s Signature) String() string { return s.Name + " <" + s.Email + ">" }

// Repo is the git repository that holds a book. The book root may be the
// repository's work tree root or any folder below it; paths given to and
// returned by Repo are always relative to the book root, with "/"
// separators.
type Repo struct {
	repo *git.Repository
	// workTree is the absolute path of the repository's work tree.
	workTree string
	// gitDir holds HEAD and the index (".git", or a linked worktree's dir).
	gitDir string
	// commonDir holds objects, refs and config (the same as gitDir except in
	// linked worktrees).
	commonDir string
	// prefix is the book root relative to workTree, "" or ending in "/".
	prefix string
	// root is the absolute book root.
	root string
	// LockWait is how long an operation waits for another writer's lock
	// before failing with ErrLocked.
	LockWait time.Duration
	// kept is the index this process wrote last (see loadIndex).
	kept *keptIndex
	// lastDirs is the folder cache of the last Record (tests read it).
	lastDirs *dirCache
}

// Root returns the absolute path of the book root.
func (r *Repo) Root() string { return r.root }

// WorkTree returns the absolute path of the repository's work tree, which
// holds the book root.
func (r *Repo) WorkTree() string { return r.workTree }

// Prefix returns the book root relative to the work tree with "/"
// separators, "" when they are the same folder or else ending in "/".
func (r *Repo) Prefix() string { return r.prefix }

// toRepo maps a book-relative slash path to a repository path.
func (r *Repo) toRepo(p string) string {
	p = strings.Trim(p, "/")
	if p == "" || p == "." {
		return strings.TrimSuffix(r.prefix, "/")
	}
	return r.prefix + p
}

// toBook maps a repository path to a book-relative path; ok is false when the
// path lies outside the book.
func (r *Repo) toBook(p string) (string, bool) {
	if r.prefix == "" {
		return p, true
	}
	if !strings.HasPrefix(p, r.prefix) {
		return "", false
	}
	return p[len(r.prefix):], true
}

// findGit walks up from dir to the folder holding ".git" and returns the work
// tree, the git dir and the common dir. ok is false when there is none.
func findGit(dir string) (workTree, gitDir, commonDir string, ok bool, err error) {
	for d := dir; ; {
		p := filepath.Join(d, ".git")
		st, err := os.Stat(p)
		if err == nil {
			gitDir = p
			if !st.IsDir() {
				// A linked worktree or submodule: ".git" is a file "gitdir: PATH".
				data, err := os.ReadFile(p)
				if err != nil {
					return "", "", "", false, err
				}
				line := strings.TrimSpace(string(data))
				if !strings.HasPrefix(line, "gitdir:") {
					return "", "", "", false, fmt.Errorf("%s: not a gitdir file", p)
				}
				gitDir = strings.TrimSpace(strings.TrimPrefix(line, "gitdir:"))
				if !filepath.IsAbs(gitDir) {
					gitDir = filepath.Join(d, gitDir)
				}
			}
			commonDir = gitDir
			if data, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
				c := strings.TrimSpace(string(data))
				if !filepath.IsAbs(c) {
					c = filepath.Join(gitDir, c)
				}
				commonDir = filepath.Clean(c)
			}
			return d, gitDir, commonDir, true, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", "", "", false, err
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", "", "", false, nil
		}
		d = parent
	}
}

// OpenRepo opens the git repository holding the book root (root itself or
// a parent folder). It returns an error wrapping ErrNoRepo when there is none.
func OpenRepo(root string) (*Repo, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	wt, gitDir, commonDir, ok, err := findGit(abs)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%s: %w", abs, ErrNoRepo)
	}
	repo, err := openStorage(wt, gitDir, commonDir)
	if err != nil {
		return nil, fmt.Errorf("open git repository at %s: %w", wt, err)
	}
	rel, err := filepath.Rel(wt, abs)
	if err != nil {
		return nil, err
	}
	prefix := ""
	if rel != "." {
		prefix = filepath.ToSlash(rel) + "/"
	}
	return &Repo{repo: repo, workTree: wt, gitDir: gitDir, commonDir: commonDir,
		prefix: prefix, root: abs, LockWait: 10 * time.Second}, nil
}

// openStorage opens the repository with pack files kept open between
// object reads: go-git's default reopens the pack for every object, which
// made reading a 67k-file tree spend most of its time in system calls.
func openStorage(workTree, gitDir, commonDir string) (*git.Repository, error) {
	var dot billy.Filesystem = osfs.New(gitDir)
	if commonDir != gitDir {
		dot = dotgit.NewRepositoryFilesystem(dot, osfs.New(commonDir))
	}
	st := filesystem.NewStorageWithOptions(dot, cache.NewObjectLRUDefault(), filesystem.Options{MaxOpenDescriptors: 16})
	return git.Open(st, osfs.New(workTree))
}

// Repo opens the git repository holding the book (see OpenRepo).
func (b *Book) Repo() (*Repo, error) { return OpenRepo(b.Root) }

// InitRepo creates a git repository at root with go-git, or adopts the one
// root is already inside (root may be a sub-folder of a work tree). A new
// repository's branch is init.defaultBranch from the global git config
// ($HOME/.gitconfig, $XDG_CONFIG_HOME/git/config), or "main".
func InitRepo(root string) (*Repo, error) {
	return InitRepoEnv(root, nil)
}

// InitRepoEnv is InitRepo with the environment read through getenv
// (nil: os.Getenv), so tests can point it at another home folder.
func InitRepoEnv(root string, getenv func(string) string) (*Repo, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if r, err := OpenRepo(abs); err == nil {
		return r, nil
	} else if !errors.Is(err, ErrNoRepo) {
		return nil, err
	}
	return NewRepoEnv(abs, getenv)
}

// NewRepoEnv creates a new git repository at root, even when root lies
// inside another repository's work tree (then it is a nested repository,
// which the outer one sees as an untracked folder). `acct demo` uses it so
// the demo book never commits into a project it is written inside.
// getenv reads HOME and XDG_CONFIG_HOME (nil: os.Getenv). It fails when
// root already holds a .git.
func NewRepoEnv(root string, getenv func(string) string) (*Repo, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if getenv == nil {
		getenv = os.Getenv
	}
	branch := "main"
	for _, c := range globalConfigs(getenv) {
		if v := c.Section("init").Option("defaultBranch"); v != "" {
			branch = v
		}
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, err
	}
	_, err = git.PlainInitWithOptions(abs, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName(branch)},
	})
	if err != nil {
		return nil, fmt.Errorf("create git repository in %s: %w", abs, err)
	}
	return OpenRepo(abs)
}

// globalConfigs reads the user's global git config files, in git's order
// (later ones win): $XDG_CONFIG_HOME/git/config (or ~/.config/git/config),
// then ~/.gitconfig. Files that are missing or unreadable are skipped.
func globalConfigs(getenv func(string) string) []*formatcfg.Config {
	var files []string
	home := getenv("HOME")
	if x := getenv("XDG_CONFIG_HOME"); x != "" {
		files = append(files, filepath.Join(x, "git", "config"))
	} else if home != "" {
		files = append(files, filepath.Join(home, ".config", "git", "config"))
	}
	if home != "" {
		files = append(files, filepath.Join(home, ".gitconfig"))
	}
	var out []*formatcfg.Config
	for _, f := range files {
		if c := readConfigFile(f); c != nil {
			out = append(out, c)
		}
	}
	return out
}

// readConfigFile decodes one git config file; nil when it cannot be read.
func readConfigFile(path string) *formatcfg.Config {
	fh, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer fh.Close()
	c := formatcfg.New()
	if err := formatcfg.NewDecoder(fh).Decode(c); err != nil {
		return nil
	}
	return c
}

// Author finds the commit author: ACCT_AUTHOR_NAME / ACCT_AUTHOR_EMAIL, then
// GIT_AUTHOR_NAME / GIT_AUTHOR_EMAIL, then user.name / user.email of the
// repository's config, then of the global git config. getenv nil means
// os.Getenv. It returns an error wrapping ErrNoAuthor when name or email
// cannot be found.
func (r *Repo) Author(getenv func(string) string) (Signature, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	var name, email string
	fill := func(n, e string) {
		if name == "" {
			name = strings.TrimSpace(n)
		}
		if email == "" {
			email = strings.TrimSpace(e)
		}
	}
	fill(getenv("ACCT_AUTHOR_NAME"), getenv("ACCT_AUTHOR_EMAIL"))
	fill(getenv("GIT_AUTHOR_NAME"), getenv("GIT_AUTHOR_EMAIL"))
	if c := readConfigFile(filepath.Join(r.commonDir, "config")); c != nil {
		fill(c.Section("user").Option("name"), c.Section("user").Option("email"))
	}
	globals := globalConfigs(getenv)
	for i := len(globals) - 1; i >= 0; i-- {
		fill(globals[i].Section("user").Option("name"), globals[i].Section("user").Option("email"))
	}
	if name == "" || email == "" {
		return Signature{}, ErrNoAuthor
	}
	return Signature{Name: name, Email: email}, nil
}
