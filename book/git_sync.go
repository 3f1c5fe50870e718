package book

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// SyncOptions configure Repo.Sync.
type SyncOptions struct {
	// Remote is the remote to sync with; empty means DefaultRemote.
	Remote string
	// Author signs commits; nil looks it up with Repo.Author(Getenv).
	Author *Signature
	// Getenv reads the environment (author, ACCT_GIT_TOKEN, HOME,
	// SSH_AUTH_SOCK); nil means os.Getenv.
	Getenv func(string) string
	// Now is the time of the commits made; zero means time.Now().
	Now time.Time
	// Lang is the language ("zh", "en" or "") of the commit messages Sync
	// writes (pending changes, merges): the book's language.
	Lang string
	// Retries bounds how often fetch-integrate-push is repeated when the
	// remote moves meanwhile; 0 means 5.
	Retries int
	// Progress receives the transport's progress messages (nil: none).
	Progress io.Writer
	// BeforePush, when set, runs before each push attempt (tests use it to
	// move the remote in between).
	BeforePush func(attempt int)
}

// SyncResult reports what Repo.Sync did.
type SyncResult struct {
	// Committed is the commit of pending local changes made first, if any.
	Committed *CommitResult
	// Pulled lists the files the remote's changes updated, book-relative.
	Pulled []Change
	// FastForward is true when the remote was simply ahead.
	FastForward bool
	// Merge is the merge commit made, if any.
	Merge *CommitResult
	// Pushed is true when local commits were pushed.
	Pushed bool
	// Attempts counts fetch-integrate-push rounds (more than 1 after a race).
	Attempts int
	// Conflicts lists the files left with conflict markers; when not empty
	// the merge is pending and nothing was pushed.
	Conflicts []FileConflict
}

// FileConflict is a file a merge left with conflict markers. Path is
// book-relative; Conflicts locate each conflicting region.
type FileConflict struct {
	Path      string
	Conflicts []MergeConflict
	// Note explains a conflict that has no markers (binary files).
	Note string
}

// String formats the conflict as "path: field a.b (line 7), body (line 20)".
func (c FileConflict) String() string {
	if c.Note != "" {
		return c.Path + ": " + c.Note
	}
	return c.Path + ": " + conflictSummary(c.Conflicts)
}

// ErrMergeConflict is returned (wrapped, with the SyncResult listing the
// files) when a merge leaves conflicts to resolve.
var ErrMergeConflict = errors.New("merge conflict")

// ErrDirtyDuringSync is returned (wrapped) when a file was edited while
// sync was about to replace it; nothing was overwritten.
var ErrDirtyDuringSync = errors.New("a file was edited while syncing; nothing was overwritten, run sync again")

// Sync shares the book with its remote (issue 4): it commits pending
// changes first, fetches, fast-forwards when only the remote moved, merges
// three-way when both moved (see MergeDocument), pushes, and repeats when
// the remote moved meanwhile, never forcing. A conflict leaves the merge
// pending (MERGE_HEAD) with markers in the files and returns an error
// wrapping ErrMergeConflict next to the result; running Sync again once
// they are resolved makes the two-parent merge commit and pushes it.
func (r *Repo) Sync(opts SyncOptions) (*SyncResult, error) {
	res, err := r.sync(opts)
	return res, r.damaged(err)
}

// sync is Sync without turning a damaged object store's errors into a
// *DamagedError.
func (r *Repo) sync(opts SyncOptions) (*SyncResult, error) {
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	if opts.Remote == "" {
		opts.Remote = DefaultRemote
	}
	if opts.Retries <= 0 {
		opts.Retries = 5
	}
	if _, err := r.remoteURL(opts.Remote); err != nil {
		return nil, err
	}
	lock, err := acquireLock(filepath.Join(r.gitDir, "acct-sync"), r.LockWait)
	if err != nil {
		return nil, err
	}
	defer lock.release()
	branch, _, err := r.headTarget()
	if err != nil {
		return nil, err
	}
	if branch == "" {
		return nil, errors.New("HEAD is detached: check out a branch before syncing")
	}
	res := &SyncResult{}
	commit := func() (*CommitResult, error) {
		c, err := r.Record(CommitOptions{Author: opts.Author, Getenv: opts.Getenv, Now: opts.Now, Lang: opts.Lang})
		if errors.Is(err, ErrNothingToCommit) {
			return nil, nil
		}
		return c, err
	}
	pending, err := r.mergeHead()
	if err != nil {
		return nil, err
	}
	c, err := commit()
	if err != nil {
		var cm *ConflictMarkersError
		if !pending.IsZero() && errors.As(err, &cm) {
			for _, f := range cm.Files {
				res.Conflicts = append(res.Conflicts, FileConflict{Path: f, Note: "still holds conflict markers"})
			}
			return res, fmt.Errorf("%w: resolve the conflict markers in %s, then run sync again (or undo the merge with sync --abort)", ErrMergeConflict, strings.Join(cm.Files, ", "))
		}
		return nil, err
	}
	if c != nil && c.Merge {
		res.Merge = c
	} else {
		res.Committed = c
	}
	remoteRef := plumbing.NewRemoteReferenceName(opts.Remote, branch.Short())
	for attempt := 1; attempt <= opts.Retries; attempt++ {
		res.Attempts = attempt
		empty, err := r.fetch(opts.Remote, opts.Getenv, opts.Progress)
		if err != nil {
			return res, err
		}
		_, local, err := r.headTarget()
		if err != nil {
			return res, err
		}
		var remote plumbing.Hash
		if !empty {
			if remote, err = r.readRef(remoteRef); err != nil {
				return res, err
			}
		}
		needPush := false
		switch {
		case local.IsZero() && remote.IsZero():
			return res, nil
		case remote.IsZero():
			needPush = true
		case local == remote:
			return res, nil
		case local.IsZero():
			if err := r.fastForward(branch, local, remote, res); err != nil {
				return res, err
			}
			return res, nil
		default:
			lc, err := r.commitObject(local)
			if err != nil {
				return res, err
			}
			rc, err := r.commitObject(remote)
			if err != nil {
				return res, err
			}
			remoteBehind, localBehind, err := r.ancestry(local, remote)
			if err != nil {
				return res, err
			}
			if remoteBehind {
				needPush = true
				break
			}
			if localBehind {
				return res, r.fastForward(branch, local, remote, res)
			}
			conflicts, err := r.merge(lc, rc, opts.Remote+"/"+branch.Short(), opts.Lang)
			if err != nil {
				return res, err
			}
			if len(conflicts) > 0 {
				res.Conflicts = conflicts
				var names []string
				for _, fc := range conflicts {
					names = append(names, fc.Path)
				}
				return res, fmt.Errorf("%w in %s: edit the marked lines, then run sync again, or undo the merge with sync --abort (nothing was pushed)", ErrMergeConflict, strings.Join(names, ", "))
			}
			mc, err := commit()
			if err != nil {
				return res, err
			}
			res.Merge = mc
			needPush = true
		}
		if !needPush {
			return res, nil
		}
		if opts.BeforePush != nil {
			opts.BeforePush(attempt)
		}
		err = r.push(opts.Remote, branch, opts.Getenv, opts.Progress)
		if err == nil {
			res.Pushed = true
			if cfg, cerr := r.repo.Config(); cerr == nil {
				if _, ok := cfg.Branches[branch.Short()]; !ok {
					r.setUpstream(branch, opts.Remote)
				}
			}
			return res, nil
		}
		if !errors.Is(err, errPushRace) {
			return res, err
		}
	}
	return res, fmt.Errorf("%w: the remote kept moving during %d attempts; run sync again", ErrPushRejected, opts.Retries)
}

// ancestry reports whether b is an ancestor of a (bInA) or a of b (aInB),
// walking both histories at once, one commit from each side in turn, so
// that the usual cases (one side a few commits ahead) end after a few
// commits instead of walking the whole history of the other side.
func (r *Repo) ancestry(a, b plumbing.Hash) (bInA, aInB bool, err error) {
	type side struct {
		queue []plumbing.Hash
		seen  map[plumbing.Hash]bool
	}
	sa := &side{queue: []plumbing.Hash{a}, seen: map[plumbing.Hash]bool{a: true}}
	sb := &side{queue: []plumbing.Hash{b}, seen: map[plumbing.Hash]bool{b: true}}
	step := func(s *side, target plumbing.Hash) (bool, error) {
		h := s.queue[0]
		s.queue = s.queue[1:]
		c, err := r.commitObject(h)
		if err != nil {
			return false, err
		}
		for _, p := range c.ParentHashes {
			if p == target {
				return true, nil
			}
			if !s.seen[p] {
				s.seen[p] = true
				s.queue = append(s.queue, p)
			}
		}
		return false, nil
	}
	if a == b {
		return true, true, nil
	}
	for len(sa.queue) > 0 || len(sb.queue) > 0 {
		if len(sa.queue) > 0 {
			if ok, err := step(sa, b); err != nil || ok {
				return ok, false, err
			}
		}
		if len(sb.queue) > 0 {
			if ok, err := step(sb, a); err != nil || ok {
				return false, ok, err
			}
		}
	}
	return false, false, nil
}

// fileUpdate is one work-tree file to set: to a blob, to merged content, or
// away (remove).
type fileUpdate struct {
	path   string // repository path
	expect *object.TreeEntry
	remove bool
	hash   plumbing.Hash
	mode   filemode.FileMode
	data   []byte // content; nil means read blob hash
	stage  bool   // record in the index (false for files left with conflicts)
}

// fastForward moves the work tree, the index and then the branch from
// commit from to commit to.
func (r *Repo) fastForward(branch plumbing.ReferenceName, from, to plumbing.Hash, res *SyncResult) error {
	var fromTree plumbing.Hash
	if !from.IsZero() {
		c, err := r.commitObject(from)
		if err != nil {
			return err
		}
		fromTree = c.TreeHash
	}
	tc, err := r.commitObject(to)
	if err != nil {
		return err
	}
	var ups []fileUpdate
	err = r.walkDiff(fromTree, tc.TreeHash, "", func(p string, a, b *object.TreeEntry) {
		u := fileUpdate{path: p, expect: a, stage: true}
		if b == nil {
			u.remove = true
		} else {
			u.hash, u.mode = b.Hash, b.Mode
		}
		ups = append(ups, u)
	})
	if err != nil {
		return err
	}
	lock, err := acquireLock(r.indexPath(), r.LockWait)
	if err != nil {
		return err
	}
	defer lock.release()
	gi, err := r.loadIndex()
	if err != nil {
		return err
	}
	if err := r.applyUpdates(gi, ups, lock.stamp); err != nil {
		return err
	}
	// Rebuild the trees on the updated paths now (the rest of the
	// cache-tree stays valid), so the index is saved with a whole
	// cache-tree and the next scan has no tree to rebuild.
	if _, err := r.writeTree(gi); err != nil {
		return err
	}
	if err := r.saveIndex(lock, gi); err != nil {
		return err
	}
	who := Signature{Name: tc.Committer.Name, Email: tc.Committer.Email, When: time.Now()}
	if err := r.updateRef(branch, from, to, who, "sync: fast-forward"); err != nil {
		return err
	}
	res.FastForward = true
	res.Pulled = append(res.Pulled, r.bookChanges(ups)...)
	return nil
}

// bookChanges turns updates into book-relative changes.
func (r *Repo) bookChanges(ups []fileUpdate) []Change {
	var out []Change
	for _, u := range ups {
		p, ok := r.toBook(u.path)
		if !ok {
			continue
		}
		k := Modified
		switch {
		case u.remove:
			k = Deleted
		case u.expect == nil:
			k = Added
		}
		out = append(out, Change{Path: p, Kind: k})
	}
	return out
}

// applyUpdates first checks that every file to touch still holds what the
// index (the last commit) says, so that no edit is overwritten, then
// writes or removes the files and records them in gi. stamp is when the
// operation began (the index lock's modification time).
func (r *Repo) applyUpdates(gi *gitIndex, ups []fileUpdate, stamp time.Time) error {
	removing := map[string]bool{}
	for _, u := range ups {
		if u.remove {
			removing[u.path] = true
		}
	}
	var dirty []string
	for _, u := range ups {
		ok, err := r.worktreeMatches(gi, u.path, u.expect)
		if err != nil {
			return err
		}
		if !ok && u.expect == nil && !u.remove {
			// A folder where the file goes is fine when it holds only
			// tracked files this update removes (a folder became a file).
			ok = r.folderOnlyHolds(u.path, removing)
		}
		if !ok {
			dirty = append(dirty, r.bookPath(u.path))
		}
	}
	if len(dirty) > 0 {
		return fmt.Errorf("%w: %s", ErrDirtyDuringSync, strings.Join(dirty, ", "))
	}
	// Removals first, each emptied folder with them: a file may take a
	// removed folder's place (and a folder a removed file's).
	var removed []string
	for _, u := range ups {
		if !u.remove {
			continue
		}
		abs := filepath.Join(r.workTree, filepath.FromSlash(u.path))
		if err := os.Remove(abs); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		removeEmptyParents(r.workTree, filepath.Dir(abs))
		removed = append(removed, u.path)
	}
	for _, u := range ups {
		if u.remove {
			continue
		}
		abs := filepath.Join(r.workTree, filepath.FromSlash(u.path))
		data := u.data
		if data == nil {
			b, err := r.readBlob(u.hash)
			if err != nil {
				return err
			}
			data = b
		}
		if err := writeWorktreeFile(abs, data, u.mode); err != nil {
			return err
		}
		if !u.stage {
			continue
		}
		info, err := os.Lstat(abs)
		if err != nil {
			return err
		}
		pos := gi.find(u.path)
		var e *index.Entry
		if pos >= 0 {
			e = gi.entries[pos]
		} else {
			e = &index.Entry{Name: u.path}
			gi.entries = append(gi.entries, e)
		}
		h := u.hash
		if u.data != nil {
			h = plumbing.ComputeHash(plumbing.BlobObject, data)
			if err := r.writeBlob(h, data); err != nil {
				return err
			}
		}
		e.Hash, e.Mode, e.Stage = h, u.mode, 0
		// Written in this operation, so changed after stamp: smudged, the
		// next scan compares the content (an edit made in the same clock
		// tick as this write would keep the stat data seen here).
		setStat(e, info)
		smudgeStat(e, info, stamp)
		gi.cache.invalidate(u.path)
	}
	if len(removed) > 0 {
		drop := map[string]bool{}
		for _, p := range removed {
			drop[p] = true
			gi.cache.invalidate(p)
		}
		out := gi.entries[:0]
		for _, e := range gi.entries {
			if !drop[e.Name] {
				out = append(out, e)
			}
		}
		gi.entries = out
	}
	sort.Slice(gi.entries, func(i, j int) bool { return entryLess(gi.entries[i], gi.entries[j]) })
	return nil
}

// folderOnlyHolds reports whether repository path p is a folder whose
// every file is in removing (repository paths).
func (r *Repo) folderOnlyHolds(p string, removing map[string]bool) bool {
	abs := filepath.Join(r.workTree, filepath.FromSlash(p))
	if info, err := os.Lstat(abs); err != nil || !info.IsDir() {
		return false
	}
	only := true
	filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			only = false
			return filepath.SkipAll
		}
		if d.IsDir() {
			return nil
		}
		rel, rerr := filepath.Rel(r.workTree, path)
		if rerr != nil || !removing[filepath.ToSlash(rel)] {
			only = false
			return filepath.SkipAll
		}
		return nil
	})
	return only
}

// worktreeMatches reports whether the work-tree file at repository path p
// holds the blob of want (or is absent when want is nil), trusting the
// index's stat data when they agree.
func (r *Repo) worktreeMatches(gi *gitIndex, p string, want *object.TreeEntry) (bool, error) {
	abs := filepath.Join(r.workTree, filepath.FromSlash(p))
	info, err := os.Lstat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return want == nil, nil
	}
	if err != nil {
		return false, err
	}
	if want == nil {
		return false, nil
	}
	mode, ok := fileMode(info)
	if !ok {
		return false, nil
	}
	if pos := gi.find(p); pos >= 0 {
		e := gi.entries[pos]
		if e.Hash == want.Hash && e.Mode == mode && statMatches(e, info) && e.ModifiedAt.Before(gi.mtime) {
			return true, nil
		}
	}
	var data []byte
	if mode == filemode.Symlink {
		t, err := os.Readlink(abs)
		if err != nil {
			return false, err
		}
		data = []byte(t)
	} else if data, err = os.ReadFile(abs); err != nil {
		return false, err
	}
	return plumbing.ComputeHash(plumbing.BlobObject, data) == want.Hash, nil
}

// writeWorktreeFile writes a work-tree file atomically with git's mode.
func writeWorktreeFile(abs string, data []byte, mode filemode.FileMode) error {
	if mode == filemode.Symlink {
		os.MkdirAll(filepath.Dir(abs), 0o755)
		os.Remove(abs)
		return os.Symlink(string(data), abs)
	}
	if err := WriteFile(abs, data); err != nil {
		return err
	}
	perm := fs.FileMode(0o644)
	if mode == filemode.Executable {
		perm = 0o755
	}
	return os.Chmod(abs, perm)
}

// removeEmptyParents removes empty folders from dir up to (not including) top.
func removeEmptyParents(top, dir string) {
	for dir != top && strings.HasPrefix(dir, top) {
		if err := os.Remove(dir); err != nil {
			return
		}
		dir = filepath.Dir(dir)
	}
}

// readBlob returns a blob's content.
func (r *Repo) readBlob(h plumbing.Hash) ([]byte, error) {
	b, err := r.repo.BlobObject(h)
	if err != nil {
		return nil, badObject(fmt.Errorf("read blob %s: %w", short(h), err))
	}
	rd, err := b.Reader()
	if err != nil {
		return nil, badObject(fmt.Errorf("read blob %s: %w", short(h), err))
	}
	defer rd.Close()
	data, err := io.ReadAll(rd)
	if err != nil {
		return nil, badObject(fmt.Errorf("read blob %s: %w", short(h), err))
	}
	return data, nil
}

// merge integrates commit theirs into ours (the checked-out HEAD) three
// ways from their merge base, writes the result into the work tree and the
// index, and records the pending merge (MERGE_HEAD, MERGE_MSG). It returns
// the files left with conflicts. The merge message is in lang.
func (r *Repo) merge(ours, theirs *object.Commit, theirName, lang string) ([]FileConflict, error) {
	var baseTree plumbing.Hash
	bases, err := ours.MergeBase(theirs)
	if err != nil {
		return nil, err
	}
	if len(bases) > 0 {
		baseTree = bases[0].TreeHash
	}
	type pair struct{ base, ours, theirs *object.TreeEntry }
	changed := map[string]*pair{}
	var order []string
	collect := func(side int) func(p string, a, b *object.TreeEntry) {
		return func(p string, a, b *object.TreeEntry) {
			pr := changed[p]
			if pr == nil {
				pr = &pair{base: a}
				changed[p] = pr
				order = append(order, p)
			}
			if side == 0 {
				pr.ours = b
			} else {
				pr.theirs = b
			}
		}
	}
	oursChanged := map[string]bool{}
	if err := r.walkDiff(baseTree, ours.TreeHash, "", func(p string, a, b *object.TreeEntry) {
		oursChanged[p] = true
		collect(0)(p, a, b)
	}); err != nil {
		return nil, err
	}
	theirsChanged := map[string]bool{}
	if err := r.walkDiff(baseTree, theirs.TreeHash, "", func(p string, a, b *object.TreeEntry) {
		theirsChanged[p] = true
		collect(1)(p, a, b)
	}); err != nil {
		return nil, err
	}
	sort.Strings(order)
	labels := MergeLabels{
		Ours:   fmt.Sprintf("ours (%s, %s)", ours.Author.Name, ours.Author.When.Format("2006-01-02")),
		Theirs: fmt.Sprintf("theirs (%s, %s)", theirs.Author.Name, theirs.Author.When.Format("2006-01-02")),
	}
	var ups []fileUpdate
	var conflicts []FileConflict
	for _, p := range order {
		pr := changed[p]
		if !theirsChanged[p] {
			continue // only ours changed it: keep
		}
		if !oursChanged[p] {
			pr.ours = pr.base
		}
		o, t := pr.ours, pr.theirs
		switch {
		case !oursChanged[p]:
			// Only theirs changed it: take theirs.
			u := fileUpdate{path: p, expect: o, stage: true}
			if t == nil {
				u.remove = true
			} else {
				u.hash, u.mode = t.Hash, t.Mode
			}
			ups = append(ups, u)
			continue
		case o == nil && t == nil:
			continue
		case o != nil && t != nil && o.Hash == t.Hash && o.Mode == t.Mode:
			continue
		case o == nil:
			// Deleted here, modified there: keep the modified file.
			ups = append(ups, fileUpdate{path: p, hash: t.Hash, mode: t.Mode, stage: true})
			continue
		case t == nil:
			continue // modified here, deleted there: keep ours
		}
		var baseData []byte
		if pr.base != nil {
			if baseData, err = r.readBlob(pr.base.Hash); err != nil {
				return nil, err
			}
		}
		od, err := r.readBlob(o.Hash)
		if err != nil {
			return nil, err
		}
		td, err := r.readBlob(t.Hash)
		if err != nil {
			return nil, err
		}
		bp := r.bookPath(p)
		if isBinary(baseData) || isBinary(od) || isBinary(td) || o.Mode == filemode.Symlink || t.Mode == filemode.Symlink {
			ext := filepath.Ext(p)
			alt := strings.TrimSuffix(p, ext) + ".theirs" + ext
			ups = append(ups, fileUpdate{path: alt, hash: t.Hash, mode: t.Mode, stage: false})
			conflicts = append(conflicts, FileConflict{Path: bp,
				Note: "changed on both sides and cannot be merged line by line: kept ours, theirs saved as " + r.bookPath(alt) + "; keep one, delete the other"})
			continue
		}
		var merged []byte
		var cs []MergeConflict
		if strings.HasSuffix(p, ".md") {
			merged, cs = MergeDocument(baseData, od, td, labels)
		} else {
			merged, cs = MergeText(baseData, od, td, labels)
		}
		if bytes.Equal(merged, od) && len(cs) == 0 {
			continue
		}
		ups = append(ups, fileUpdate{path: p, expect: o, data: merged, mode: o.Mode, stage: len(cs) == 0})
		if len(cs) > 0 {
			conflicts = append(conflicts, FileConflict{Path: bp, Conflicts: cs})
		}
	}
	lock, err := acquireLock(r.indexPath(), r.LockWait)
	if err != nil {
		return nil, err
	}
	defer lock.release()
	gi, err := r.loadIndex()
	if err != nil {
		return nil, err
	}
	if err := r.applyUpdates(gi, ups, lock.stamp); err != nil {
		return nil, err
	}
	if err := r.saveIndex(lock, gi); err != nil {
		return nil, err
	}
	rec := &mergeRecord{ours: ours.Hash, theirs: theirs.Hash}
	for _, u := range ups {
		left := u.hash
		switch {
		case u.remove:
			left = plumbing.ZeroHash
		case u.data != nil:
			left = plumbing.ComputeHash(plumbing.BlobObject, u.data)
		}
		rec.files = append(rec.files, mergedFile{path: u.path, left: left})
	}
	if err := r.writeMergeRecord(rec); err != nil {
		return nil, err
	}
	msg := describeMerge(lang, theirName, r.bookChanges(ups)) + "\n"
	if len(conflicts) > 0 {
		msg += "\n# Conflicts:\n"
		for _, c := range conflicts {
			msg += "#\t" + c.Path + "\n"
		}
	}
	if err := os.WriteFile(filepath.Join(r.gitDir, "MERGE_MSG"), []byte(msg), 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(r.gitDir, "MERGE_MODE"), []byte("no-ff"), 0o644); err != nil {
		return nil, err
	}
	// MERGE_HEAD last: it is what makes the merge pending.
	if err := os.WriteFile(filepath.Join(r.gitDir, "MERGE_HEAD"), []byte(theirs.Hash.String()+"\n"), 0o644); err != nil {
		return nil, err
	}
	return conflicts, nil
}

// isBinary reports whether data looks binary (holds a NUL byte in its first 8000 bytes, as git decides).
func isBinary(data []byte) bool {
	if len(data) > 8000 {
		data = data[:8000]
	}
	return bytes.IndexByte(data, 0) >= 0
}
