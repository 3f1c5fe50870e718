package book

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// checkoutFresh writes every file of commit into an empty work tree and
// writes a matching index with a complete cache-tree, so that the first
// commit after a clone rehashes nothing. Blobs are read in one goroutine
// (go-git's storage is not safe for concurrent use) and written by several,
// which overlaps the waits on the disk.
func (r *Repo) checkoutFresh(commit plumbing.Hash) error {
	c, err := r.commitObject(commit)
	if err != nil {
		return err
	}
	lock, err := acquireLock(r.indexPath(), r.LockWait)
	if err != nil {
		return err
	}
	defer lock.release()
	co := &checkout{r: r, jobs: make(chan writeJob, 256)}
	workers := max(4, runtime.NumCPU())
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range co.jobs {
				co.write(j)
			}
		}()
	}
	root, err := co.tree(c.TreeHash, "", "", r.workTree)
	close(co.jobs)
	wg.Wait()
	if err == nil {
		err = co.err
	}
	if err != nil {
		return err
	}
	gi := &gitIndex{version: 2, entries: co.entries, cache: root}
	sort.Slice(gi.entries, func(i, j int) bool { return entryLess(gi.entries[i], gi.entries[j]) })
	return writeIndexLocked(lock, gi)
}

type writeJob struct {
	abs  string
	data []byte
	e    *index.Entry
}

type checkout struct {
	r       *Repo
	jobs    chan writeJob
	entries []*index.Entry
	mu      sync.Mutex
	err     error
}

func (co *checkout) fail(err error) {
	co.mu.Lock()
	if co.err == nil {
		co.err = err
	}
	co.mu.Unlock()
}

func (co *checkout) write(j writeJob) {
	var err error
	if j.e.Mode == filemode.Symlink {
		err = os.Symlink(string(j.data), j.abs)
	} else {
		perm := os.FileMode(0o644)
		if j.e.Mode == filemode.Executable {
			perm = 0o755
		}
		err = os.WriteFile(j.abs, j.data, perm)
	}
	if err == nil {
		var info os.FileInfo
		if info, err = os.Lstat(j.abs); err == nil {
			setStat(j.e, info)
		}
	}
	if err != nil {
		co.fail(err)
	}
}

// tree checks out tree h into dir and returns its cache-tree node.
func (co *checkout) tree(h plumbing.Hash, prefix, name, dir string) (*ctNode, error) {
	t, err := co.r.repo.TreeObject(h)
	if err != nil {
		return nil, badObject(fmt.Errorf("read tree %s: %w", short(h), err))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	node := &ctNode{name: name, hash: h}
	before := len(co.entries)
	for _, te := range t.Entries {
		abs := filepath.Join(dir, te.Name)
		switch te.Mode {
		case filemode.Dir:
			sub, err := co.tree(te.Hash, prefix+te.Name+"/", te.Name, abs)
			if err != nil {
				return nil, err
			}
			node.subs = append(node.subs, sub)
			continue
		case filemode.Submodule:
			continue
		}
		data, err := co.r.readBlob(te.Hash)
		if err != nil {
			return nil, err
		}
		e := &index.Entry{Name: prefix + te.Name, Hash: te.Hash, Mode: te.Mode}
		co.entries = append(co.entries, e)
		co.jobs <- writeJob{abs: abs, data: data, e: e}
	}
	node.count = len(co.entries) - before
	return node, nil
}
