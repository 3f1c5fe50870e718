package book

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// CommitInfo is one commit as acct shows it.
type CommitInfo struct {
	// Hash is the full hex hash.
	Hash   string
	Author Signature
	// Message is the full commit message.
	Message string
	// Parents are the parents' hashes (two for a merge).
	Parents []string
	// Changes are the book files the commit changed against its first
	// parent, limited to the paths asked for, sorted.
	Changes []Change
}

// Subject is the first line of the message.
func (c CommitInfo) Subject() string {
	s, _, _ := strings.Cut(c.Message, "\n")
	return s
}

// LogOptions select commits for Repo.Log.
type LogOptions struct {
	// Paths are book-relative files or folders; a commit is listed when it
	// changed something below one of them. Empty means the whole book.
	Paths []string
	// Since drops commits authored before this time (zero: no limit).
	Since time.Time
	// Limit stops after this many commits (0: no limit).
	Limit int
	// Rev is where to start (empty: HEAD).
	Rev string
}

// ErrUnknownRevision is returned (wrapped) for a revision that names no commit.
var ErrUnknownRevision = errors.New("unknown revision")

// resolve turns a revision (hash, abbreviated hash, branch, tag, HEAD,
// HEAD~2, origin/main) into a commit hash.
func (r *Repo) resolve(rev string) (plumbing.Hash, error) {
	if rev == "" || rev == "HEAD" {
		_, h, err := r.headTarget()
		if err == nil && h.IsZero() {
			return h, fmt.Errorf("%w: the book has no commits yet", ErrUnknownRevision)
		}
		return h, err
	}
	h, err := r.repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("%w %q", ErrUnknownRevision, rev)
	}
	return *h, nil
}

// Log lists the commits reachable from opts.Rev that changed the given
// paths, newest first (by commit date, parents after children). A merge is
// listed only when it changed a path against every parent (a resolved
// conflict), so that each edit shows once. It compares tree-entry hashes
// along each path rather than diffing whole trees, which keeps it fast on
// large books.
func (r *Repo) Log(opts LogOptions) ([]CommitInfo, error) {
	res, err := r.log(opts)
	return res, r.damaged(err)
}

// log is Log without turning a damaged object store's errors into a
// *DamagedError.
func (r *Repo) log(opts LogOptions) ([]CommitInfo, error) {
	start, err := r.resolve(opts.Rev)
	if err != nil {
		return nil, err
	}
	scopes := []string{r.toRepo("")}
	if len(opts.Paths) > 0 {
		scopes = scopes[:0]
		for _, p := range opts.Paths {
			scopes = append(scopes, r.toRepo(strings.Trim(filepath.ToSlash(p), "/")))
		}
	}
	pl := &pathLookup{r: r, cache: map[lookupKey]plumbing.Hash{}}
	var out []CommitInfo
	seen := map[plumbing.Hash]bool{start: true}
	queue := []*object.Commit{}
	c0, err := r.commitObject(start)
	if err != nil {
		return nil, err
	}
	queue = append(queue, c0)
	for len(queue) > 0 {
		// Newest commit first (a priority queue by committer time would
		// do; the queue stays short since book history is mostly linear).
		best := 0
		for i := range queue {
			if queue[i].Committer.When.After(queue[best].Committer.When) {
				best = i
			}
		}
		c := queue[best]
		queue = append(queue[:best], queue[best+1:]...)
		var parents []*object.Commit
		for _, ph := range c.ParentHashes {
			p, err := r.commitObject(ph)
			if err != nil {
				return nil, err
			}
			parents = append(parents, p)
			if !seen[ph] {
				seen[ph] = true
				queue = append(queue, p)
			}
		}
		if !opts.Since.IsZero() && c.Author.When.Before(opts.Since) {
			continue
		}
		changed := false
		for _, s := range scopes {
			h, err := pl.hash(c.TreeHash, s)
			if err != nil {
				return nil, err
			}
			if len(parents) == 0 {
				changed = changed || !h.IsZero()
				continue
			}
			all := true
			for _, p := range parents {
				ph, err := pl.hash(p.TreeHash, s)
				if err != nil {
					return nil, err
				}
				if ph == h {
					all = false
				}
			}
			changed = changed || all
		}
		if !changed {
			continue
		}
		info := CommitInfo{Hash: c.Hash.String(), Message: c.Message,
			Author: Signature{Name: c.Author.Name, Email: c.Author.Email, When: c.Author.When}}
		for _, p := range c.ParentHashes {
			info.Parents = append(info.Parents, p.String())
		}
		var parentTree plumbing.Hash
		if len(parents) > 0 {
			parentTree = parents[0].TreeHash
		}
		for _, s := range scopes {
			a, err := pl.hash(parentTree, s)
			if err != nil {
				return nil, err
			}
			b, err := pl.hash(c.TreeHash, s)
			if err != nil {
				return nil, err
			}
			info.Changes = append(info.Changes, r.diffAt(a, b, s, pl)...)
		}
		sort.Slice(info.Changes, func(i, j int) bool { return info.Changes[i].Path < info.Changes[j].Path })
		out = append(out, info)
		if opts.Limit > 0 && len(out) >= opts.Limit {
			break
		}
	}
	return out, nil
}

// diffAt lists the book changes between two versions (tree or blob hashes)
// of repository path p.
func (r *Repo) diffAt(a, b plumbing.Hash, p string, pl *pathLookup) []Change {
	if a == b {
		return nil
	}
	aTree, bTree := pl.isTree(a), pl.isTree(b)
	if !aTree && !bTree {
		bp, ok := r.toBook(p)
		if !ok {
			return nil
		}
		k := Modified
		if a.IsZero() {
			k = Added
		} else if b.IsZero() {
			k = Deleted
		}
		return []Change{{Path: bp, Kind: k}}
	}
	var ta, tb plumbing.Hash
	if aTree {
		ta = a
	}
	if bTree {
		tb = b
	}
	prefix := ""
	if p != "" {
		prefix = p + "/"
	}
	var out []Change
	r.walkDiff(ta, tb, prefix, func(path string, ea, eb *object.TreeEntry) {
		bp, ok := r.toBook(path)
		if !ok {
			return
		}
		switch {
		case ea == nil:
			out = append(out, Change{Path: bp, Kind: Added})
		case eb == nil:
			out = append(out, Change{Path: bp, Kind: Deleted})
		default:
			out = append(out, Change{Path: bp, Kind: Modified})
		}
	})
	return out
}

type lookupKey struct {
	tree plumbing.Hash
	name string
}

// pathLookup finds the hash of the entry at a path in a tree by scanning
// raw tree objects (no decoding into maps), caching per tree and name.
type pathLookup struct {
	r     *Repo
	cache map[lookupKey]plumbing.Hash
	trees map[plumbing.Hash]bool
	buf   []byte
}

func (pl *pathLookup) isTree(h plumbing.Hash) bool {
	if h.IsZero() {
		return false
	}
	if pl.trees != nil {
		if t, ok := pl.trees[h]; ok {
			return t
		}
	}
	obj, err := pl.r.repo.Storer.EncodedObject(plumbing.AnyObject, h)
	return err == nil && obj.Type() == plumbing.TreeObject
}

// hash returns the hash at repository path p ("" = the tree itself), zero
// when absent.
func (pl *pathLookup) hash(tree plumbing.Hash, p string) (plumbing.Hash, error) {
	h := tree
	if p == "" {
		return h, nil
	}
	for _, name := range strings.Split(p, "/") {
		if h.IsZero() {
			return h, nil
		}
		k := lookupKey{h, name}
		if v, ok := pl.cache[k]; ok {
			h = v
			continue
		}
		v, isDir, err := pl.find(h, name)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		if pl.trees == nil {
			pl.trees = map[plumbing.Hash]bool{}
		}
		if !v.IsZero() {
			pl.trees[v] = isDir
		}
		pl.cache[k] = v
		h = v
	}
	return h, nil
}

// find scans the raw tree object h for entry name.
func (pl *pathLookup) find(h plumbing.Hash, name string) (plumbing.Hash, bool, error) {
	if pl.trees != nil && !pl.trees[h] && h != plumbing.ZeroHash {
		if _, known := pl.trees[h]; known {
			return plumbing.ZeroHash, false, nil // a blob has no entries
		}
	}
	obj, err := pl.r.repo.Storer.EncodedObject(plumbing.TreeObject, h)
	if err != nil {
		return plumbing.ZeroHash, false, badObject(fmt.Errorf("read tree %s: %w", short(h), err))
	}
	rd, err := obj.Reader()
	if err != nil {
		return plumbing.ZeroHash, false, badObject(fmt.Errorf("read tree %s: %w", short(h), err))
	}
	// One buffer reused for every tree read: a 10,000-account folder is a
	// ~400 KB tree, read once per commit.
	if int64(cap(pl.buf)) < obj.Size() {
		pl.buf = make([]byte, obj.Size())
	}
	data := pl.buf[:obj.Size()]
	_, err = io.ReadFull(rd, data)
	rd.Close()
	if err != nil {
		return plumbing.ZeroHash, false, badObject(fmt.Errorf("read tree %s: %w", short(h), err))
	}
	for off := 0; off < len(data); {
		sp := bytes.IndexByte(data[off:], ' ')
		if sp < 0 {
			break
		}
		nul := bytes.IndexByte(data[off+sp:], 0)
		if nul < 0 || off+sp+nul+21 > len(data) {
			break
		}
		mode := data[off : off+sp]
		n := data[off+sp+1 : off+sp+nul]
		hs := off + sp + nul + 1
		if string(n) == name {
			var out plumbing.Hash
			copy(out[:], data[hs:hs+20])
			return out, string(mode) == "40000", nil
		}
		off = hs + 20
	}
	return plumbing.ZeroHash, false, nil
}

// ReadFileAt returns the content of book-relative path p at revision rev
// (empty: HEAD). ok is false when the file does not exist there.
func (r *Repo) ReadFileAt(rev, p string) (data []byte, ok bool, err error) {
	defer func() { err = r.damaged(err) }()
	h, err := r.resolve(rev)
	if err != nil {
		return nil, false, err
	}
	return r.readAtCommit(h, p)
}

func (r *Repo) readAtCommit(commit plumbing.Hash, p string) ([]byte, bool, error) {
	c, err := r.commitObject(commit)
	if err != nil {
		return nil, false, err
	}
	pl := &pathLookup{r: r, cache: map[lookupKey]plumbing.Hash{}}
	h, err := pl.hash(c.TreeHash, r.toRepo(p))
	if err != nil || h.IsZero() {
		return nil, false, err
	}
	data, err := r.readBlob(h)
	return data, err == nil, err
}

// FileVersion is one version of a file in history.
type FileVersion struct {
	Commit CommitInfo
	// Data is the file's content after the commit; nil when the commit
	// deleted it.
	Data []byte
}

// FileHistory returns the versions of book-relative file p, newest first:
// one per commit that changed it (see Log), with the content it left.
func (r *Repo) FileHistory(p string, since time.Time) ([]FileVersion, error) {
	res, err := r.fileHistory(p, since)
	return res, r.damaged(err)
}

// fileHistory is FileHistory without turning a damaged object store's errors into a
// *DamagedError.
func (r *Repo) fileHistory(p string, since time.Time) ([]FileVersion, error) {
	commits, err := r.Log(LogOptions{Paths: []string{p}, Since: since})
	if err != nil {
		return nil, err
	}
	out := make([]FileVersion, 0, len(commits))
	for _, c := range commits {
		data, ok, err := r.readAtCommit(plumbing.NewHash(c.Hash), p)
		if err != nil {
			return nil, err
		}
		if !ok {
			data = nil
		}
		out = append(out, FileVersion{Commit: c, Data: data})
	}
	return out, nil
}

// TreeFiles returns the book files below book-relative folder (or file) p at
// revision rev, as path -> content hash (hex). Used to compare revisions.
func (r *Repo) TreeFiles(rev, p string) (map[string]string, error) {
	res, err := r.treeFiles(rev, p)
	return res, r.damaged(err)
}

// treeFiles is TreeFiles without turning a damaged object store's errors into a
// *DamagedError.
func (r *Repo) treeFiles(rev, p string) (map[string]string, error) {
	h, err := r.resolve(rev)
	if err != nil {
		return nil, err
	}
	c, err := r.commitObject(h)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	pl := &pathLookup{r: r, cache: map[lookupKey]plumbing.Hash{}}
	rp := r.toRepo(p)
	eh, err := pl.hash(c.TreeHash, rp)
	if err != nil || eh.IsZero() {
		return out, err
	}
	if !pl.isTree(eh) {
		out[strings.Trim(p, "/")] = eh.String()
		return out, nil
	}
	prefix := ""
	if rp != "" {
		prefix = rp + "/"
	}
	err = r.walkDiff(plumbing.ZeroHash, eh, prefix, func(path string, _, b *object.TreeEntry) {
		if bp, ok := r.toBook(path); ok {
			out[bp] = b.Hash.String()
		}
	})
	return out, err
}

// WorktreeFiles returns the book files below book-relative p in the work
// tree (ignored files left out) as path -> content hash (hex), trusting the
// index's stat data for files that did not change. It writes nothing.
func (r *Repo) WorktreeFiles(p string) (map[string]string, error) {
	gi, err := readIndex(r.indexPath())
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	sc := newScanner(r, gi)
	sc.dryRun = true
	sc.dirs = loadDirCache(r.gitDir)
	sc.visit = func(rp string, h plumbing.Hash) {
		if bp, ok := r.toBook(rp); ok {
			out[bp] = h.String()
		}
	}
	if err := sc.scope(r.toRepo(p)); err != nil {
		return nil, err
	}
	return out, nil
}

// ReadWorktreeFile reads book-relative path p from the work tree.
func (r *Repo) ReadWorktreeFile(p string) ([]byte, error) {
	return os.ReadFile(filepath.Join(r.root, filepath.FromSlash(p)))
}

// ReadBlob returns the content of the blob with hex hash h.
func (r *Repo) ReadBlob(h string) ([]byte, error) {
	data, err := r.readBlob(plumbing.NewHash(h))
	return data, r.damaged(err)
}
