package book

import (
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

// CommitOptions say what Repo.Commit records and as whom.
type CommitOptions struct {
	// Message is the commit message; empty means one generated from the
	// changes, naming the accounts and documents touched (DescribeChanges).
	Message string
	// Lang is the language ("zh", "en" or "") of a generated message: the
	// book's language (Config.Language), so that a Chinese team reads its
	// history in Chinese.
	Lang string
	// Paths are book-relative slash paths (files or folders) to record,
	// whether added, modified or deleted; nil records every change under
	// the book root.
	Paths []string
	// Author signs the commit; nil looks it up with Repo.Author(Getenv).
	Author *Signature
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// Now is the commit time; zero means time.Now().
	Now time.Time
}

// CommitResult describes a commit Repo.Record made.
type CommitResult struct {
	// Hash is the new commit's full hex hash.
	Hash string
	// Message is the commit message used.
	Message string
	// Changes are the files the commit changed against its first parent,
	// book-relative and sorted by path.
	Changes []Change
	// Merge is true when the commit concluded a pending merge (two parents).
	Merge bool
}

// Commit records changes of the book in one commit and returns its hash
// (see Record). It returns ErrNothingToCommit when there is nothing to
// record, *ConflictMarkersError when a changed file still holds conflict
// markers, and errors wrapping ErrNoAuthor, ErrLocked or ErrRefMoved.
func (r *Repo) Commit(opts CommitOptions) (string, error) {
	res, err := r.Record(opts)
	if err != nil {
		return "", err
	}
	return res.Hash, nil
}

// Record is Commit returning the whole CommitResult. It stages the files
// under opts.Paths (the whole book when nil) by comparing size and
// modification time with the index and hashing only files that differ,
// writes the index through .git/index.lock, then moves the branch from the
// commit it started from (compare-and-swap). When a merge is pending
// (MERGE_HEAD, left by Sync), the commit gets the merged commit as second
// parent and concludes the merge.
func (r *Repo) Record(opts CommitOptions) (*CommitResult, error) {
	res, err := r.record(opts)
	return res, r.damaged(err)
}

// record is Record without turning a damaged object store's errors into a
// *DamagedError.
func (r *Repo) record(opts CommitOptions) (*CommitResult, error) {
	author := Signature{}
	if opts.Author != nil {
		author = *opts.Author
	} else {
		a, err := r.Author(opts.Getenv)
		if err != nil {
			return nil, err
		}
		author = a
	}
	if author.When.IsZero() {
		author.When = opts.Now
		if author.When.IsZero() {
			author.When = time.Now()
		}
	}
	lock, err := acquireLock(r.indexPath(), r.LockWait)
	if err != nil {
		return nil, err
	}
	defer lock.release()
	mergeHead, err := r.mergeHead()
	if err != nil {
		return nil, err
	}
	if !mergeHead.IsZero() {
		// A pending merge is concluded only by a commit of the whole book
		// (acct commit, acct sync) once no conflicted file holds markers;
		// a commit of a few paths would make the merge commit from the
		// index, which holds only our side of the conflicted files.
		files, marked := r.pendingConflicts()
		if opts.Paths != nil {
			return nil, &MergeInProgressError{Files: files, Marked: marked}
		}
		if len(marked) > 0 {
			return nil, &ConflictMarkersError{Files: marked}
		}
	}
	gi, err := r.loadIndex()
	if err != nil {
		return nil, err
	}
	branch, head, err := r.headTarget()
	if err != nil {
		return nil, err
	}
	var headTree plumbing.Hash
	if !head.IsZero() {
		c, err := r.commitObject(head)
		if err != nil {
			return nil, fmt.Errorf("read HEAD commit: %w", err)
		}
		headTree = c.TreeHash
	}
	sc := newScanner(r, gi)
	sc.stamp = lock.stamp
	sc.dirs = loadDirCache(r.gitDir)
	scopes := []string{r.toRepo("")}
	if opts.Paths != nil {
		scopes = scopes[:0]
		for _, p := range opts.Paths {
			if strings.Contains("/"+p+"/", "/../") {
				return nil, fmt.Errorf("path %q leaves the book", p)
			}
			scopes = append(scopes, r.toRepo(filepath.ToSlash(p)))
		}
	}
	// With explicit paths, entries the user staged outside them (git add)
	// stay staged but out of this commit: note how the index differs from
	// HEAD outside the paths before scanning.
	var outside []stagedEntry
	if opts.Paths != nil {
		if outside, err = r.stagedOutside(gi, headTree, scopes); err != nil {
			return nil, err
		}
	}
	for _, sp := range scopes {
		if err := sc.scope(sp); err != nil {
			return nil, err
		}
	}
	sc.finish()
	// The folder cache is only a shortcut: a failure to save it costs the
	// next scan time, not correctness.
	_ = sc.dirs.save(r.gitDir, scopes)
	r.lastDirs = sc.dirs
	if len(sc.markers) > 0 {
		files := make([]string, len(sc.markers))
		for i, m := range sc.markers {
			files[i] = r.bookPath(m)
		}
		sort.Strings(files)
		return nil, &ConflictMarkersError{Files: files}
	}
	tree, err := r.writeTree(gi)
	if err != nil {
		return nil, err
	}
	if len(outside) > 0 {
		if tree, err = r.treeWithout(gi, outside); err != nil {
			return nil, err
		}
	}
	if mergeHead.IsZero() && (tree == headTree || (head.IsZero() && len(gi.entries) == 0)) {
		// Keep refreshed stat data and the rebuilt cache-tree so that the
		// next scan is fast.
		if sc.dirty || gi.treeChanged || sc.refreshed >= refreshWorthWriting {
			if err := r.saveIndex(lock, gi); err != nil {
				return nil, err
			}
		} else {
			r.keepUnchanged(gi)
		}
		return nil, ErrNothingToCommit
	}
	changes, err := r.diffTrees(headTree, tree)
	if err != nil {
		return nil, err
	}
	msg := opts.Message
	if msg == "" {
		if !mergeHead.IsZero() {
			msg = r.mergeMessage(opts.Lang)
		} else {
			msg = DescribeChanges(opts.Lang, changes)
		}
	}
	if !strings.HasSuffix(msg, "\n") {
		msg += "\n"
	}
	c := &object.Commit{
		Author:    object.Signature{Name: author.Name, Email: author.Email, When: author.When},
		Committer: object.Signature{Name: author.Name, Email: author.Email, When: author.When},
		Message:   msg,
		TreeHash:  tree,
	}
	if !head.IsZero() {
		c.ParentHashes = append(c.ParentHashes, head)
	}
	if !mergeHead.IsZero() {
		c.ParentHashes = append(c.ParentHashes, mergeHead)
	}
	hash, err := r.writeCommit(c)
	if err != nil {
		return nil, err
	}
	if err := r.saveIndex(lock, gi); err != nil {
		return nil, err
	}
	ref := branch
	if ref == "" {
		ref = plumbing.HEAD
	}
	subject, _, _ := strings.Cut(msg, "\n")
	kind := "commit"
	if head.IsZero() {
		kind = "commit (initial)"
	} else if !mergeHead.IsZero() {
		kind = "commit (merge)"
	}
	if err := r.updateRef(ref, head, hash, author, kind+": "+subject); err != nil {
		return nil, err
	}
	if !mergeHead.IsZero() {
		r.clearMerge()
	}
	return &CommitResult{Hash: hash.String(), Message: msg, Changes: changes, Merge: !mergeHead.IsZero()}, nil
}

// refreshWorthWriting is how many entries with refreshed stat data (and
// nothing else changed) make Record rewrite the index: below it, hashing
// those few files again on the next scan is cheaper than writing the index
// of a big book.
const refreshWorthWriting = 16

// writeCommit stores a commit object and returns its hash.
func (r *Repo) writeCommit(c *object.Commit) (plumbing.Hash, error) {
	obj := r.repo.Storer.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	h, err := r.repo.Storer.SetEncodedObject(obj)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("write commit: %w", err)
	}
	return h, nil
}

// bookPath maps a repository path to a book-relative one (unchanged when it
// lies outside the book).
func (r *Repo) bookPath(p string) string {
	if b, ok := r.toBook(p); ok {
		return b
	}
	return p
}

// mergeHead returns the commit of a pending merge (.git/MERGE_HEAD), zero
// when none is pending.
func (r *Repo) mergeHead() (plumbing.Hash, error) {
	data, err := os.ReadFile(filepath.Join(r.gitDir, "MERGE_HEAD"))
	if errors.Is(err, fs.ErrNotExist) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, err
	}
	s := strings.TrimSpace(string(data))
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if !plumbing.IsHash(s) {
		return plumbing.ZeroHash, fmt.Errorf("MERGE_HEAD: bad content %q", s)
	}
	return plumbing.NewHash(s), nil
}

// mergeMessage is the message saved for a pending merge (.git/MERGE_MSG),
// or a generic one in lang when there is none.
func (r *Repo) mergeMessage(lang string) string {
	if data, err := os.ReadFile(filepath.Join(r.gitDir, "MERGE_MSG")); err == nil {
		var keep []string
		for _, l := range strings.Split(string(data), "\n") {
			if !strings.HasPrefix(l, "#") {
				keep = append(keep, l)
			}
		}
		if m := strings.TrimSpace(strings.Join(keep, "\n")); m != "" {
			return m
		}
	}
	return defaultMergeMessage(lang)
}

// clearMerge removes the pending-merge state files.
func (r *Repo) clearMerge() {
	for _, f := range []string{"MERGE_HEAD", "MERGE_MSG", "MERGE_MODE", "AUTO_MERGE", mergeRecordFile} {
		os.Remove(filepath.Join(r.gitDir, f))
	}
}

// diffTrees lists the files that differ between two trees (zero hash: the
// empty tree), skipping subtrees whose hashes are equal, limited to the book
// and with book-relative paths, sorted.
func (r *Repo) diffTrees(from, to plumbing.Hash) ([]Change, error) {
	var out []Change
	err := r.walkDiff(from, to, "", func(p string, a, b *object.TreeEntry) {
		bp, ok := r.toBook(p)
		if !ok {
			return
		}
		switch {
		case a == nil:
			out = append(out, Change{Path: bp, Kind: Added})
		case b == nil:
			out = append(out, Change{Path: bp, Kind: Deleted})
		default:
			out = append(out, Change{Path: bp, Kind: Modified})
		}
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, err
}

// walkDiff calls fn for every file path (repository path) whose blob or
// mode differs between trees a and b; a nil entry means absent on that side.
// Paths come in name order within each folder, a folder's files before a
// file of the same name on the other side. The raw tree objects are
// matched in one pass in their own (git's) order, so that a 10,000-entry
// accounts/ tree is neither decoded into entries nor put in a map.
func (r *Repo) walkDiff(a, b plumbing.Hash, prefix string, fn func(path string, ea, eb *object.TreeEntry)) error {
	if a == b {
		return nil
	}
	ta, err := r.rawTree(a)
	if err != nil {
		return err
	}
	tb, err := r.rawTree(b)
	if err != nil {
		return err
	}
	type pair struct{ a, b *rawEntry }
	var diffs []pair
	for i, j := 0, 0; i < len(ta) || j < len(tb); {
		switch {
		case j >= len(tb) || (i < len(ta) && rawKeyLess(&ta[i], &tb[j])):
			diffs = append(diffs, pair{&ta[i], nil})
			i++
		case i >= len(ta) || rawKeyLess(&tb[j], &ta[i]):
			diffs = append(diffs, pair{nil, &tb[j]})
			j++
		default:
			if ta[i].hash != tb[j].hash || ta[i].mode != tb[j].mode {
				diffs = append(diffs, pair{&ta[i], &tb[j]})
			}
			i++
			j++
		}
	}
	name := func(p pair) (string, bool) {
		if p.a != nil {
			return p.a.name, p.a.mode == filemode.Dir
		}
		return p.b.name, p.b.mode == filemode.Dir
	}
	sort.SliceStable(diffs, func(i, j int) bool {
		ni, di := name(diffs[i])
		nj, dj := name(diffs[j])
		if ni != nj {
			return ni < nj
		}
		return di && !dj
	})
	for _, d := range diffs {
		n, _ := name(d)
		p := prefix + n
		ea, eb := d.a, d.b
		// Descend into the folders on either side.
		aDir := ea != nil && ea.mode == filemode.Dir
		bDir := eb != nil && eb.mode == filemode.Dir
		if aDir || bDir {
			var ha, hb plumbing.Hash
			if aDir {
				ha = ea.hash
				ea = nil
			}
			if bDir {
				hb = eb.hash
				eb = nil
			}
			if err := r.walkDiff(ha, hb, p+"/", fn); err != nil {
				return err
			}
			if ea == nil && eb == nil {
				continue
			}
		}
		fn(p, ea.treeEntry(), eb.treeEntry())
	}
	return nil
}

// rawEntry is one entry of a raw tree object; name is a slice of the
// tree's content.
type rawEntry struct {
	name string
	mode filemode.FileMode
	hash plumbing.Hash
}

func (e *rawEntry) treeEntry() *object.TreeEntry {
	if e == nil {
		return nil
	}
	return &object.TreeEntry{Name: e.name, Mode: e.mode, Hash: e.hash}
}

// rawKeyLess orders tree entries as git does: a folder's name compares as
// if followed by "/".
func rawKeyLess(a, b *rawEntry) bool {
	return keyLess(dirName{a.name, rawKind(a)}, dirName{b.name, rawKind(b)})
}

func rawKind(e *rawEntry) byte {
	if e.mode == filemode.Dir {
		return 'd'
	}
	return 'f'
}

// rawTree reads tree h's entries in their stored order (zero hash: none).
func (r *Repo) rawTree(h plumbing.Hash) ([]rawEntry, error) {
	if h.IsZero() {
		return nil, nil
	}
	obj, err := r.repo.Storer.EncodedObject(plumbing.TreeObject, h)
	if err != nil {
		return nil, badObject(fmt.Errorf("read tree %s: %w", short(h), err))
	}
	rd, err := obj.Reader()
	if err != nil {
		return nil, badObject(fmt.Errorf("read tree %s: %w", short(h), err))
	}
	buf := make([]byte, obj.Size())
	_, err = io.ReadFull(rd, buf)
	rd.Close()
	if err != nil {
		return nil, badObject(fmt.Errorf("read tree %s: %w", short(h), err))
	}
	data := string(buf)
	out := make([]rawEntry, 0, len(data)/48)
	for off := 0; off < len(data); {
		sp := strings.IndexByte(data[off:], ' ')
		nul := -1
		if sp >= 0 {
			nul = strings.IndexByte(data[off+sp:], 0)
		}
		if sp < 0 || nul < 0 || off+sp+nul+21 > len(data) {
			return nil, badObject(fmt.Errorf("read tree %s: malformed entry at byte %d", short(h), off))
		}
		var mode uint32
		for _, c := range data[off : off+sp] {
			if c < '0' || c > '7' {
				return nil, badObject(fmt.Errorf("read tree %s: bad mode at byte %d", short(h), off))
			}
			mode = mode<<3 | uint32(c-'0')
		}
		e := rawEntry{name: data[off+sp+1 : off+sp+nul], mode: filemode.FileMode(mode)}
		hs := off + sp + nul + 1
		copy(e.hash[:], data[hs:hs+20])
		out = append(out, e)
		off = hs + 20
	}
	return out, nil
}

// tree reads a tree object; the zero hash gives the empty tree.
func (r *Repo) tree(h plumbing.Hash) (*object.Tree, error) {
	if h.IsZero() {
		return &object.Tree{}, nil
	}
	t, err := r.repo.TreeObject(h)
	if err != nil {
		return nil, badObject(fmt.Errorf("read tree %s: %w", short(h), err))
	}
	return t, nil
}

// describePath names a book path in sales terms: the account id and the
// document ("account", "contact zhang-datong", "visit 2026-02-25-kickoff",
// "purchases q1.csv"). ok is false outside accounts/<id>/.
func describePath(p string) (account, doc string, ok bool) {
	account, kind, name, ok := describeDoc(p)
	switch {
	case kind == "":
		return account, name, ok
	case name == "":
		return account, kind, ok
	}
	return account, kind + " " + name, ok
}

// describeDoc splits a book path under accounts/<id>/ into the account id,
// the kind of document ("account", "contact", "visit", "purchases"; "" for
// any other file) and its name (the contact or visit id, the purchases
// file name; for other files their path below the account folder).
func describeDoc(p string) (account, kind, name string, ok bool) {
	parts := strings.Split(p, "/")
	if len(parts) < 3 || parts[0] != AccountsDir {
		return "", "", "", false
	}
	account = parts[1]
	rest := parts[2:]
	switch {
	case len(rest) == 1 && rest[0] == "account.md":
		return account, "account", "", true
	case len(rest) == 2 && rest[0] == "contacts" && strings.HasSuffix(rest[1], ".md"):
		return account, "contact", strings.TrimSuffix(rest[1], ".md"), true
	case len(rest) == 2 && rest[0] == "visits" && strings.HasSuffix(rest[1], ".md"):
		return account, "visit", strings.TrimSuffix(rest[1], ".md"), true
	case len(rest) == 2 && rest[0] == "purchases":
		return account, "purchases", rest[1], true
	}
	return account, "", strings.Join(rest, "/"), true
}

// ErrMergeInProgress is matched (errors.Is) by *MergeInProgressError.
var ErrMergeInProgress = errors.New("a merge is in progress")

// MergeInProgressError is returned by Repo.Commit and Repo.Record when a
// merge left by Sync is pending (MERGE_HEAD) and the commit names explicit
// paths: only a commit of the whole book (acct commit, acct sync) may
// conclude the merge, once no conflicted file holds markers. Files are the
// book-relative files the merge left with conflicts; Marked are those that
// still hold conflict markers.
type MergeInProgressError struct {
	Files  []string
	Marked []string
}

func (e *MergeInProgressError) Error() string {
	if len(e.Marked) > 0 {
		return "a merge is in progress: resolve the conflicts in " + strings.Join(e.Marked, ", ") + ", then run acct sync"
	}
	return "a merge is in progress: its conflicts are resolved; run acct sync to conclude it, then try again"
}

// Is makes errors.Is(err, ErrMergeInProgress) true.
func (e *MergeInProgressError) Is(target error) bool { return target == ErrMergeInProgress }

// MergeInProgress reports whether a merge left by Sync is pending and, if
// so, the book-relative files it left with conflicts and those of them that
// still hold conflict markers.
func (r *Repo) MergeInProgress() (pending bool, files, marked []string, err error) {
	h, err := r.mergeHead()
	if err != nil || h.IsZero() {
		return false, nil, nil, err
	}
	files, marked = r.pendingConflicts()
	return true, files, marked, nil
}

// pendingConflicts lists the files a pending merge left with conflicts
// (the "# Conflicts:" lines of MERGE_MSG, as git writes them) and those
// that still hold conflict markers in the work tree.
func (r *Repo) pendingConflicts() (files, marked []string) {
	data, err := os.ReadFile(filepath.Join(r.gitDir, "MERGE_MSG"))
	if err != nil {
		return nil, nil
	}
	in := false
	for _, l := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(l, "# Conflicts:"):
			in = true
		case in && strings.HasPrefix(l, "#\t"):
			f := strings.TrimSpace(l[2:])
			files = append(files, f)
			if src, err := os.ReadFile(filepath.Join(r.root, filepath.FromSlash(f))); err == nil && HasConflictMarkers(src) {
				marked = append(marked, f)
			}
		case in:
			in = false
		}
	}
	return files, marked
}

// stagedEntry is an index entry that differs from HEAD outside the paths
// of a commit; head is HEAD's entry (nil: the path is not in HEAD).
type stagedEntry struct {
	path string
	head *object.TreeEntry
}

// inScopes reports whether repository path p lies in one of the scopes
// (repository paths of files or folders; "" is everything).
func inScopes(p string, scopes []string) bool {
	for _, s := range scopes {
		if s == "" || p == s || strings.HasPrefix(p, s+"/") {
			return true
		}
	}
	return false
}

// stagedOutside lists the paths outside scopes where the index differs from
// the tree headTree (what the user staged with git add).
func (r *Repo) stagedOutside(gi *gitIndex, headTree plumbing.Hash, scopes []string) ([]stagedEntry, error) {
	for _, e := range gi.entries {
		if e.Stage != 0 {
			// Unmerged entries: writeTree refuses them later anyway.
			return nil, nil
		}
	}
	pre, err := r.writeTree(gi)
	if err != nil {
		return nil, err
	}
	var out []stagedEntry
	err = r.walkDiff(headTree, pre, "", func(p string, a, b *object.TreeEntry) {
		if !inScopes(p, scopes) {
			out = append(out, stagedEntry{path: p, head: a})
		}
	})
	return out, err
}

// treeWithout writes the tree of index gi with the staged entries outside
// set back to HEAD's, leaving gi itself unchanged, and returns its hash.
func (r *Repo) treeWithout(gi *gitIndex, outside []stagedEntry) (plumbing.Hash, error) {
	byPath := make(map[string]*stagedEntry, len(outside))
	for i := range outside {
		byPath[outside[i].path] = &outside[i]
	}
	entries := make([]*index.Entry, 0, len(gi.entries)+len(outside))
	for _, e := range gi.entries {
		if se := byPath[e.Name]; se != nil {
			continue
		}
		entries = append(entries, e)
	}
	for _, se := range outside {
		if se.head != nil {
			entries = append(entries, &index.Entry{Name: se.path, Hash: se.head.Hash, Mode: se.head.Mode})
		}
	}
	sort.Slice(entries, func(i, j int) bool { return entryLess(entries[i], entries[j]) })
	cache := gi.cache.clone()
	for _, se := range outside {
		cache.invalidate(se.path)
	}
	root, err := r.buildTree(cache, entries, "", "")
	if err != nil {
		return plumbing.ZeroHash, err
	}
	return root.hash, nil
}
