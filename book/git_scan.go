package book

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// ChangeKind says how a file changed: 'A' added, 'M' modified, 'D' deleted.
type ChangeKind byte

// The kinds of Change.
const (
	Added    ChangeKind = 'A'
	Modified ChangeKind = 'M'
	Deleted  ChangeKind = 'D'
)

// String returns "added", "modified" or "deleted".
func (k ChangeKind) String() string {
	switch k {
	case Added:
		return "added"
	case Deleted:
		return "deleted"
	}
	return "modified"
}

// Change is one file that differs between two states of the book. Path is
// relative to the book root with "/" separators.
type Change struct {
	Path string
	Kind ChangeKind
}

// ConflictMarkersError is returned by Repo.Commit when files to be recorded
// still hold git conflict markers (<<<<<<<, =======, >>>>>>>). Files are
// book-relative paths.
type ConflictMarkersError struct{ Files []string }

func (e *ConflictMarkersError) Error() string {
	return fmt.Sprintf("%s still hold%s merge conflict markers (<<<<<<< ... >>>>>>>): edit %s to keep the right values, then commit again",
		strings.Join(e.Files, ", "), map[bool]string{true: "s", false: ""}[len(e.Files) == 1],
		map[bool]string{true: "it", false: "them"}[len(e.Files) == 1])
}

// HasConflictMarkers reports whether data holds a git conflict block: a line
// starting with "<<<<<<<", later a "=======" line and then a line starting
// with ">>>>>>>" (FORMAT.md section 8, rule conflict-marker).
func HasConflictMarkers(data []byte) bool {
	state := 0
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = bytes.TrimRight(line, "\r")
		switch {
		case state == 0 && isMarker(line, '<'):
			state = 1
		case state == 1 && string(line) == "=======":
			state = 2
		case state == 2 && isMarker(line, '>'):
			return true
		}
	}
	return false
}

func isMarker(line []byte, c byte) bool {
	if len(line) < 7 || string(line[:7]) != strings.Repeat(string(c), 7) {
		return false
	}
	return len(line) == 7 || line[7] == ' '
}

// scanner compares the files of the work tree with the index by size and
// modification time, hashing only files whose stat data differ, and
// stages what changed.
type scanner struct {
	r       *Repo
	gi      *gitIndex
	seen    []bool
	added   []*index.Entry
	changes []Change // repository paths
	markers []string // repository paths
	dirty   bool     // the index must be rewritten
	exclude []gitignore.Pattern
	// dryRun computes hashes without storing blobs or noting markers.
	dryRun bool
	// visit, when set, is called with every file met and its blob hash.
	visit func(path string, h plumbing.Hash)
	// blobs and invalid are the objects to store and the cache-tree paths
	// to invalidate, applied after the (possibly parallel) walk.
	blobs   []pendingBlob
	invalid []string
	// workers is how many goroutines stat the files of a big folder.
	workers int
	// stamp is when the operation began (the index lock's modification
	// time); zero for a scan that writes nothing. Folders changed since are
	// not cached, files changed since are recorded smudged.
	stamp time.Time
	// dirs is the folder cache (nil: every folder is read).
	dirs *dirCache
	// refreshed counts entries whose stat data alone were refreshed.
	refreshed int
	// gitlinks are the submodules in the index (their folders are not
	// walked); nil when there are none.
	gitlinks map[string]bool
}

type pendingBlob struct {
	h    plumbing.Hash
	data []byte
}

// flush stores the blobs met and invalidates the changed paths.
func (s *scanner) flush() error {
	for _, b := range s.blobs {
		if err := s.r.writeBlob(b.h, b.data); err != nil {
			return err
		}
	}
	for _, p := range s.invalid {
		s.gi.cache.invalidate(p)
	}
	s.blobs, s.invalid = nil, nil
	return nil
}

func newScanner(r *Repo, gi *gitIndex) *scanner {
	s := &scanner{r: r, gi: gi, seen: make([]bool, len(gi.entries)), workers: 4}
	if data, err := os.ReadFile(filepath.Join(r.commonDir, "info", "exclude")); err == nil {
		s.exclude = parseIgnore(data, nil)
	}
	return s
}

func parseIgnore(data []byte, domain []string) []gitignore.Pattern {
	var ps []gitignore.Pattern
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, domain))
	}
	return ps
}

// ignoresThrough loads info/exclude and the .gitignore files from the work
// tree root down to folder dir (a repository path, "" for the root),
// including dir's own when include is set.
func (s *scanner) ignoresThrough(dir string, include bool) []gitignore.Pattern {
	ps := append([]gitignore.Pattern(nil), s.exclude...)
	var parts []string
	if dir != "" {
		parts = strings.Split(dir, "/")
	} else if !include {
		return ps
	}
	n := len(parts)
	if !include {
		n--
	}
	for i := 0; i <= n; i++ {
		d := parts[:i]
		if data, err := os.ReadFile(filepath.Join(s.r.workTree, filepath.Join(d...), ".gitignore")); err == nil {
			ps = append(ps, parseIgnore(data, append([]string(nil), d...))...)
		}
	}
	return ps
}

// scope scans one repository path (a file or folder; "" is the whole work
// tree) and marks as deleted the index entries below it that are gone.
func (s *scanner) scope(path string) error {
	abs := filepath.Join(s.r.workTree, filepath.FromSlash(path))
	info, err := os.Lstat(abs)
	switch {
	case err == nil && info.IsDir():
		if err := s.folder(path, abs, info); err != nil {
			return err
		}
	case err == nil:
		dir := ""
		if i := strings.LastIndexByte(path, '/'); i >= 0 {
			dir = path[:i]
		}
		if err := s.file(path, abs, info, s.ignoresThrough(dir, true)); err != nil {
			return err
		}
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
	default:
		return err
	}
	if err := s.flush(); err != nil {
		return err
	}
	// Entries in scope that were not met on disk are deleted. Names with
	// path as a string prefix are contiguous in the sorted index.
	lo, hi := 0, len(s.gi.entries)
	if path != "" {
		lo = sort.Search(len(s.gi.entries), func(i int) bool { return s.gi.entries[i].Name >= path })
		hi = lo
		for hi < len(s.gi.entries) && strings.HasPrefix(s.gi.entries[hi].Name, path) {
			hi++
		}
	}
	for i := lo; i < hi; i++ {
		e := s.gi.entries[i]
		if path != "" && e.Name != path && !strings.HasPrefix(e.Name, path+"/") {
			continue
		}
		if s.seen[i] || e.SkipWorktree {
			continue
		}
		if info, err := os.Lstat(filepath.Join(s.r.workTree, filepath.FromSlash(e.Name))); err == nil && (!info.IsDir() || e.Mode == filemode.Submodule) {
			// Present but not visited (for example a file of a kind git
			// does not track, or below a symbolic link, or a submodule's
			// folder): leave it.
			continue
		}
		s.seen[i] = true
		e.Stage = 0xff // marker: drop
		s.changes = append(s.changes, Change{Path: e.Name, Kind: Deleted})
		s.gi.cache.invalidate(e.Name)
		s.dirty = true
	}
	return nil
}

// folder scans folder dir (a repository path, "" for the work tree root)
// in two passes, as git does: first every index entry below it is compared
// with its file's stat data (spread over s.workers goroutines, like git's
// preloaded index), then the folders are walked for files not in the index
// yet, each folder's names coming from the folder cache when its stat data
// did not change (git's untracked cache, see git_dircache.go).
func (s *scanner) folder(dir, abs string, info fs.FileInfo) error {
	lo, hi := s.gi.under(dir)
	for _, e := range s.gi.entries[lo:hi] {
		if e.Mode == filemode.Submodule {
			if s.gitlinks == nil {
				s.gitlinks = map[string]bool{}
			}
			s.gitlinks[e.Name] = true
		}
	}
	if err := s.parallel(hi-lo, func(sub *scanner, i int) error { return sub.tracked(lo + i) }); err != nil {
		return err
	}
	return s.walk(dir, abs, info, s.ignoresThrough(dir, false), lo, hi)
}

// parallel calls fn for 0 <= i < n, spread over s.workers goroutines in
// contiguous runs when n is large, each goroutine with its own scanner
// whose findings are merged into s after.
func (s *scanner) parallel(n int, fn func(sub *scanner, i int) error) error {
	workers := s.workers
	if n < 256 || s.visit != nil {
		workers = 1
	}
	if workers <= 1 {
		for i := 0; i < n; i++ {
			if err := fn(s, i); err != nil {
				return err
			}
		}
		return nil
	}
	subs := make([]*scanner, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	// Small interleaved blocks keep the goroutines busy to the end even
	// when one part of the book holds more files.
	const block = 64
	for w := range subs {
		sub := &scanner{r: s.r, gi: s.gi, seen: s.seen, exclude: s.exclude, dryRun: s.dryRun,
			workers: 1, stamp: s.stamp, dirs: s.dirs, gitlinks: s.gitlinks}
		subs[w] = sub
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for start := w * block; start < n; start += workers * block {
				end := min(start+block, n)
				for i := start; i < end; i++ {
					if err := fn(sub, i); err != nil {
						errs[w] = err
						return
					}
				}
			}
		}(w)
	}
	wg.Wait()
	for w, sub := range subs {
		if errs[w] != nil {
			return errs[w]
		}
		s.added = append(s.added, sub.added...)
		s.changes = append(s.changes, sub.changes...)
		s.markers = append(s.markers, sub.markers...)
		s.blobs = append(s.blobs, sub.blobs...)
		s.invalid = append(s.invalid, sub.invalid...)
		s.dirty = s.dirty || sub.dirty
		s.refreshed += sub.refreshed
	}
	return nil
}

// tracked compares the index entry at pos (stage 0) with its file. A file
// that is gone, or is now a folder, is left unseen for scope's deletion
// pass.
func (s *scanner) tracked(pos int) error {
	e := s.gi.entries[pos]
	if e.Stage != 0 {
		return nil
	}
	if e.SkipWorktree || e.Mode == filemode.Submodule {
		s.seen[pos] = true // a submodule's commit is changed with git
		return nil
	}
	abs := s.r.workTree + string(filepath.Separator) + filepath.FromSlash(e.Name)
	info, err := os.Lstat(abs)
	if err != nil || info.IsDir() {
		return nil
	}
	return s.compare(pos, abs, info)
}

// walk visits folder dir (repository path) at abs, whose stat is info,
// looking for files that are not in the index. [lo, hi) are the positions
// of the index entries below dir: the folder's names, sorted in the
// index's order (keyLess), are matched against them in one pass, which
// also gives each sub-folder its own range.
func (s *scanner) walk(dir, abs string, info fs.FileInfo, ign []gitignore.Pattern, lo, hi int) error {
	names, err := s.dirs.listing(dir, abs, info, s.stamp)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			return nil // removed meanwhile
		}
		return err
	}
	var domain []string
	if dir != "" {
		domain = strings.Split(dir, "/")
	}
	for _, d := range names {
		if d.name == ".gitignore" && d.kind != 'd' {
			if data, err := os.ReadFile(filepath.Join(abs, ".gitignore")); err == nil {
				ign = append(append([]gitignore.Pattern(nil), ign...), parseIgnore(data, domain)...)
			}
			break
		}
	}
	plen := 0
	if dir != "" {
		plen = len(dir) + 1
	}
	join := func(name string) string {
		if dir == "" {
			return name
		}
		return dir + "/" + name
	}
	ignoredDir := func(rp string, tracked bool) bool {
		return len(ign) > 0 && !tracked && gitignore.NewMatcher(ign).Match(strings.Split(rp, "/"), true)
	}
	type sub struct {
		name   string
		lo, hi int
	}
	var subdirs []sub
	i := lo
	for _, d := range names {
		name := d.name
		if d.kind == 'd' {
			for i < hi && lessDirKey(s.gi.entries[i].Name[plen:], name) {
				i++
			}
			clo := i
			for i < hi && hasDirPrefix(s.gi.entries[i].Name[plen:], name) {
				i++
			}
			if name == ".git" || ignoredDir(join(name), i > clo) || (s.gitlinks != nil && s.gitlinks[join(name)]) {
				continue
			}
			subdirs = append(subdirs, sub{name, clo, i})
			continue
		}
		for i < hi && s.gi.entries[i].Name[plen:] < name {
			i++
		}
		tracked := false
		for k := i; k < hi && s.gi.entries[k].Name[plen:] == name; k++ {
			tracked = tracked || s.gi.entries[k].Stage == 0
		}
		if tracked || isTempName(name) {
			continue // tracked files were compared in the first pass
		}
		rp := join(name)
		if len(ign) > 0 && gitignore.NewMatcher(ign).Match(strings.Split(rp, "/"), false) {
			continue
		}
		childAbs := abs + string(filepath.Separator) + name
		info, err := os.Lstat(childAbs)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if info.IsDir() { // the listing did not know the entry's type
			clo, chi := s.gi.under(rp)
			if name != ".git" && !ignoredDir(rp, chi > clo) {
				subdirs = append(subdirs, sub{name, clo, chi})
			}
			continue
		}
		if err := s.added1(rp, childAbs, info); err != nil {
			return err
		}
	}
	return s.parallel(len(subdirs), func(w *scanner, k int) error {
		sd := subdirs[k]
		rp := join(sd.name)
		childAbs := abs + string(filepath.Separator) + sd.name
		info, err := os.Lstat(childAbs)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		if !info.IsDir() {
			// Replaced by a file meanwhile (the listing was read before).
			if info.Mode().IsRegular() && !isTempName(sd.name) && w.gi.find(rp) < 0 {
				return w.added1(rp, childAbs, info)
			}
			return nil
		}
		return w.walk(rp, childAbs, info, ign, sd.lo, sd.hi)
	})
}

// lessDirKey reports whether index path rest r sorts before the entries
// of folder name (that is, r < name+"/" byte-wise).
func lessDirKey(r, name string) bool {
	n := min(len(r), len(name))
	if r[:n] != name[:n] {
		return r[:n] < name[:n]
	}
	if len(r) <= len(name) {
		return true
	}
	return r[len(name)] < '/'
}

// hasDirPrefix reports whether index path rest r lies in folder name.
func hasDirPrefix(r, name string) bool {
	return len(r) > len(name) && r[len(name)] == '/' && r[:len(name)] == name
}

// keyLess orders a folder's names as the index orders their paths: a
// folder's name compares as if followed by "/" (git's tree order).
func keyLess(a, b dirName) bool {
	n := min(len(a.name), len(b.name))
	if a.name[:n] != b.name[:n] {
		return a.name[:n] < b.name[:n]
	}
	return keyByte(a, n) < keyByte(b, n)
}

// keyByte is the byte at position n of d's sort key (its name, plus "/"
// for a folder), -1 past its end.
func keyByte(d dirName, n int) int {
	switch {
	case n < len(d.name):
		return int(d.name[n])
	case n == len(d.name) && d.kind == 'd':
		return '/'
	}
	return -1
}

// isTempName reports whether a file name is one of acct's own temporary
// files (book.WriteFile writes ".NAME.tmp123" before renaming) or an editor
// swap file: never recorded.
func isTempName(name string) bool {
	return strings.HasPrefix(name, ".") && (strings.Contains(name, ".tmp") || strings.HasSuffix(name, ".swp"))
}

// fileMode maps file info to the git mode, ok false for what git does not
// track (sockets, devices, folders).
func fileMode(info fs.FileInfo) (filemode.FileMode, bool) {
	m := info.Mode()
	switch {
	case m.IsRegular():
		if m&0o111 != 0 {
			return filemode.Executable, true
		}
		return filemode.Regular, true
	case m&fs.ModeSymlink != 0:
		return filemode.Symlink, true
	}
	return 0, false
}

// file checks one file against the index and stages it when it changed.
func (s *scanner) file(rp, abs string, info fs.FileInfo, ign []gitignore.Pattern) error {
	if pos := s.gi.find(rp); pos >= 0 {
		if s.gi.entries[pos].SkipWorktree {
			s.seen[pos] = true
			return nil
		}
		return s.compare(pos, abs, info)
	}
	if len(ign) > 0 && gitignore.NewMatcher(ign).Match(strings.Split(rp, "/"), false) {
		return nil
	}
	return s.added1(rp, abs, info)
}

// compare checks the file of the stage-0 index entry at pos against the
// entry's stat data, hashing it only when they differ (or the entry is
// racily clean), and stages it when its content changed.
func (s *scanner) compare(pos int, abs string, info fs.FileInfo) error {
	mode, ok := fileMode(info)
	if !ok {
		s.seen[pos] = true // a kind of file git does not track: leave the entry
		return nil
	}
	s.seen[pos] = true
	e := s.gi.entries[pos]
	if e.Mode == mode && !e.IntentToAdd && statMatches(e, info) && e.ModifiedAt.Before(s.gi.mtime) {
		if s.visit != nil {
			s.visit(e.Name, e.Hash)
		}
		return nil
	}
	data, err := readWorktree(abs, mode)
	if errors.Is(err, fs.ErrNotExist) {
		s.seen[pos] = false // gone meanwhile: deleted
		return nil
	}
	if err != nil {
		return err
	}
	h := plumbing.ComputeHash(plumbing.BlobObject, data)
	if s.visit != nil {
		s.visit(e.Name, h)
	}
	if s.dryRun {
		return nil
	}
	if e.Hash == h && e.Mode == mode && !e.IntentToAdd {
		// Same content, only the stat data moved (touch, checkout, a file
		// written by sync): refresh them. The index is rewritten for that
		// alone only when many were refreshed (see Record).
		s.setStat(e, info)
		s.refreshed++
		return nil
	}
	s.stage(e, e.Name, data, h, mode, info, Modified)
	return nil
}

// added1 stages a file that is not in the index.
func (s *scanner) added1(rp, abs string, info fs.FileInfo) error {
	mode, ok := fileMode(info)
	if !ok {
		return nil
	}
	data, err := readWorktree(abs, mode)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	h := plumbing.ComputeHash(plumbing.BlobObject, data)
	if s.visit != nil {
		s.visit(rp, h)
	}
	if s.dryRun {
		return nil
	}
	e := &index.Entry{Name: rp}
	s.added = append(s.added, e)
	s.stage(e, rp, data, h, mode, info, Added)
	return nil
}

// stage records new content for entry e.
func (s *scanner) stage(e *index.Entry, rp string, data []byte, h plumbing.Hash, mode filemode.FileMode, info fs.FileInfo, kind ChangeKind) {
	if mode != filemode.Symlink && HasConflictMarkers(data) {
		s.markers = append(s.markers, rp)
	}
	s.blobs = append(s.blobs, pendingBlob{h, data})
	e.Hash, e.Mode, e.IntentToAdd = h, mode, false
	s.setStat(e, info)
	s.changes = append(s.changes, Change{Path: rp, Kind: kind})
	s.invalid = append(s.invalid, rp)
	s.dirty = true
}

// readWorktree reads a work-tree file's content, or a symbolic link's
// target.
func readWorktree(abs string, mode filemode.FileMode) ([]byte, error) {
	if mode == filemode.Symlink {
		target, err := os.Readlink(abs)
		return []byte(target), err
	}
	return os.ReadFile(abs)
}

// setStat records the file's stat data in e, smudged (see smudgeStat) when
// the file changed at or after the scan began.
func (s *scanner) setStat(e *index.Entry, info fs.FileInfo) {
	setStat(e, info)
	smudgeStat(e, info, s.stamp)
}

// smudgeStat clears e's modification time when the file was modified or
// changed at or after stamp (the start of the operation; zero: never): it
// may change again within the same clock tick without its stat data
// changing, so the next scan must compare its content (git calls such
// entries racily clean).
func smudgeStat(e *index.Entry, info fs.FileInfo, stamp time.Time) {
	if !stamp.IsZero() && changedSince(info, stamp) {
		e.ModifiedAt = time.Time{}
	}
}

func setStat(e *index.Entry, info fs.FileInfo) {
	e.ModifiedAt = info.ModTime()
	e.Size = uint32(info.Size())
	fillStat(e, info)
}

// finish folds additions and deletions into the index, sorted, and drops
// unmerged (stage 1-3) entries of paths that now have a resolved version.
func (s *scanner) finish() {
	if len(s.added) == 0 && !s.dirty {
		return
	}
	resolved := map[string]bool{}
	for _, e := range s.added {
		resolved[e.Name] = true
	}
	for i, e := range s.gi.entries {
		if e.Stage == 0 && s.seen[i] {
			resolved[e.Name] = true
		}
	}
	out := make([]*index.Entry, 0, len(s.gi.entries)+len(s.added))
	for _, e := range s.gi.entries {
		if e.Stage == 0xff || (e.Stage != 0 && resolved[e.Name]) {
			continue
		}
		out = append(out, e)
	}
	out = append(out, s.added...)
	sort.Slice(out, func(i, j int) bool { return entryLess(out[i], out[j]) })
	s.gi.entries = out
	s.dirty = true
}

// writeBlob stores data as a blob whose hash is h, unless it exists.
func (r *Repo) writeBlob(h plumbing.Hash, data []byte) error {
	if r.repo.Storer.HasEncodedObject(h) == nil {
		return nil
	}
	obj := r.repo.Storer.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	obj.SetSize(int64(len(data)))
	w, err := obj.Writer()
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	if _, err := r.repo.Storer.SetEncodedObject(obj); err != nil {
		return fmt.Errorf("write object: %w", err)
	}
	return nil
}
