package book

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// lockFile is a git-style lock: PATH.lock created exclusively. Content
// written to it replaces PATH when it is committed (renamed); otherwise it
// is removed on release.
type lockFile struct {
	path string // the file the lock protects
	f    *os.File
	// stamp is the lock file's modification time: the file system's clock
	// when the operation began. A file or folder modified at or after it
	// may change again within the same clock tick without its stat data
	// changing, so its stat data are not trusted later (racy git).
	stamp time.Time
}

// acquireLock creates path+".lock" exclusively, waiting up to wait for
// another holder to release it. It returns an error wrapping ErrLocked when
// the lock stays taken.
func acquireLock(path string, wait time.Duration) (*lockFile, error) {
	deadline := time.Now().Add(wait)
	delay := 5 * time.Millisecond
	for {
		f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			l := &lockFile{path: path, f: f}
			if st, err := f.Stat(); err == nil {
				l.stamp = st.ModTime()
			}
			return l, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%w: %s.lock exists (if no acct or git process is running, remove that file)", ErrLocked, path)
		}
		time.Sleep(delay)
		if delay < 200*time.Millisecond {
			delay *= 2
		}
	}
}

// commit syncs the lock file and renames it over the protected file.
func (l *lockFile) commit() error {
	if l.f == nil {
		return errors.New("lock already released")
	}
	err := l.f.Sync()
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	if err == nil {
		err = os.Rename(l.path+".lock", l.path)
	}
	if err != nil {
		os.Remove(l.path + ".lock")
		return fmt.Errorf("write %s: %w", l.path, err)
	}
	return nil
}

// release drops the lock without touching the protected file. It is a
// no-op after commit.
func (l *lockFile) release() {
	if l == nil || l.f == nil {
		return
	}
	l.f.Close()
	l.f = nil
	os.Remove(l.path + ".lock")
}

// ErrRefMoved is returned (wrapped) when a branch no longer points where an
// operation expected it to: another process committed meanwhile.
var ErrRefMoved = errors.New("the branch was moved by another process meanwhile; run the command again")

// readRef returns the hash a ref points to, following loose files and then
// packed-refs; zero hash when the ref does not exist.
func (r *Repo) readRef(name plumbing.ReferenceName) (plumbing.Hash, error) {
	data, err := os.ReadFile(filepath.Join(r.refDir(name), filepath.FromSlash(name.String())))
	if err == nil {
		s := strings.TrimSpace(string(data))
		if strings.HasPrefix(s, "ref: ") {
			return r.readRef(plumbing.ReferenceName(strings.TrimPrefix(s, "ref: ")))
		}
		if !plumbing.IsHash(s) {
			return plumbing.ZeroHash, fmt.Errorf("ref %s: bad content %q", name, s)
		}
		return plumbing.NewHash(s), nil
	}
	if !errors.Is(err, fs.ErrNotExist) && !isDirErr(err) {
		return plumbing.ZeroHash, err
	}
	fh, err := os.Open(filepath.Join(r.commonDir, "packed-refs"))
	if errors.Is(err, fs.ErrNotExist) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' || line[0] == '^' {
			continue
		}
		h, n, ok := strings.Cut(line, " ")
		if ok && n == name.String() && plumbing.IsHash(h) {
			return plumbing.NewHash(h), nil
		}
	}
	return plumbing.ZeroHash, sc.Err()
}

func isDirErr(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "is a directory")
}

// refDir is the folder a ref's file lives under: HEAD and other
// per-worktree refs in gitDir, the rest in commonDir.
func (r *Repo) refDir(name plumbing.ReferenceName) string {
	s := name.String()
	if s == "HEAD" || s == "MERGE_HEAD" || s == "ORIG_HEAD" || s == "FETCH_HEAD" || strings.HasPrefix(s, "refs/bisect/") || strings.HasPrefix(s, "refs/worktree/") {
		return r.gitDir
	}
	return r.commonDir
}

// headTarget returns the branch HEAD points to ("" when HEAD is detached)
// and the commit HEAD resolves to (zero on an unborn branch).
func (r *Repo) headTarget() (plumbing.ReferenceName, plumbing.Hash, error) {
	data, err := os.ReadFile(filepath.Join(r.gitDir, "HEAD"))
	if err != nil {
		return "", plumbing.ZeroHash, err
	}
	s := strings.TrimSpace(string(data))
	if strings.HasPrefix(s, "ref: ") {
		name := plumbing.ReferenceName(strings.TrimPrefix(s, "ref: "))
		h, err := r.readRef(name)
		return name, h, err
	}
	if !plumbing.IsHash(s) {
		return "", plumbing.ZeroHash, fmt.Errorf("HEAD: bad content %q", s)
	}
	return "", plumbing.NewHash(s), nil
}

// updateRef moves ref name from old to new (compare-and-swap) through
// name.lock, and appends a reflog line. A zero old means the ref must not
// exist yet. It returns an error wrapping ErrRefMoved when the ref moved.
func (r *Repo) updateRef(name plumbing.ReferenceName, old, new plumbing.Hash, who Signature, msg string) error {
	path := filepath.Join(r.refDir(name), filepath.FromSlash(name.String()))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	l, err := acquireLock(path, r.LockWait)
	if err != nil {
		return err
	}
	defer l.release()
	cur, err := r.readRef(name)
	if err != nil {
		return err
	}
	if cur != old {
		return fmt.Errorf("%s is at %s, expected %s: %w", name.Short(), short(cur), short(old), ErrRefMoved)
	}
	if _, err := l.f.WriteString(new.String() + "\n"); err != nil {
		return err
	}
	if err := l.commit(); err != nil {
		return err
	}
	r.appendReflog(name, old, new, who, msg)
	return nil
}

// appendReflog records a ref move in logs/<ref> (and logs/HEAD when HEAD
// points to ref), as git does. Failures are ignored: the reflog is a
// convenience for recovery, not part of the repository's state.
func (r *Repo) appendReflog(name plumbing.ReferenceName, old, new plumbing.Hash, who Signature, msg string) {
	when := who.When
	if when.IsZero() {
		when = time.Now()
	}
	line := fmt.Sprintf("%s %s %s %d %s\t%s\n", old, new, who.String(), when.Unix(), when.Format("-0700"),
		strings.ReplaceAll(msg, "\n", " "))
	write := func(dir string, ref string) {
		p := filepath.Join(dir, "logs", filepath.FromSlash(ref))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return
		}
		f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return
		}
		f.WriteString(line)
		f.Close()
	}
	write(r.refDir(name), name.String())
	if name != plumbing.HEAD {
		if head, _, err := r.headTarget(); err == nil && head == name {
			write(r.gitDir, "HEAD")
		}
	}
}

// short abbreviates a hash to 7 hex digits ("(none)" for the zero hash).
func short(h plumbing.Hash) string {
	if h.IsZero() {
		return "(none)"
	}
	return h.String()[:7]
}
