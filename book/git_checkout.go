package book

import (
	"os"
	"path/filepath"
	"sort"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// checkoutFresh writes every file of commit into an empty work tree and
// writes a matching index with a complete cache-tree, so that the first
// commit after a clone rehashes nothing.
func (r *Repo) checkoutFresh(commit plumbing.Hash) error {
	c, err := r.repo.CommitObject(commit)
	if err != nil {
		return err
	}
	lock, err := acquireLock(r.indexPath(), r.LockWait)
	if err != nil {
		return err
	}
	defer lock.release()
	gi := &gitIndex{version: 2}
	root, err := r.checkoutTree(gi, c.TreeHash, "", "", r.workTree)
	if err != nil {
		return err
	}
	gi.cache = root
	sort.Slice(gi.entries, func(i, j int) bool { return entryLess(gi.entries[i], gi.entries[j]) })
	return writeIndexLocked(lock, gi)
}

func (r *Repo) checkoutTree(gi *gitIndex, h plumbing.Hash, prefix, name, dir string) (*ctNode, error) {
	t, err := r.repo.TreeObject(h)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	node := &ctNode{name: name, hash: h}
	before := len(gi.entries)
	for _, te := range t.Entries {
		abs := filepath.Join(dir, te.Name)
		switch te.Mode {
		case filemode.Dir:
			sub, err := r.checkoutTree(gi, te.Hash, prefix+te.Name+"/", te.Name, abs)
			if err != nil {
				return nil, err
			}
			node.subs = append(node.subs, sub)
			continue
		case filemode.Submodule:
			continue
		}
		data, err := r.readBlob(te.Hash)
		if err != nil {
			return nil, err
		}
		if te.Mode == filemode.Symlink {
			err = os.Symlink(string(data), abs)
		} else {
			perm := os.FileMode(0o644)
			if te.Mode == filemode.Executable {
				perm = 0o755
			}
			err = os.WriteFile(abs, data, perm)
		}
		if err != nil {
			return nil, err
		}
		info, err := os.Lstat(abs)
		if err != nil {
			return nil, err
		}
		e := &index.Entry{Name: prefix + te.Name, Hash: te.Hash, Mode: te.Mode}
		setStat(e, info)
		gi.entries = append(gi.entries, e)
	}
	node.count = len(gi.entries) - before
	return node, nil
}
