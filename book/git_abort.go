package book

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// A merge Sync leaves pending is recorded in .git/acct-merge: the commit
// checked out when it began (ours), the merged commit (theirs), and every
// work-tree file the merge wrote or removed with the blob hash of what it
// left there (the zero hash for a removed file). AbortMerge uses it to know
// which files to put back and whether the rep edited them since.
const mergeRecordFile = "acct-merge"

// ErrNoMergePending is returned by AbortMerge when there is no merge to
// abort.
var ErrNoMergePending = errors.New("no merge is pending: there is nothing to abort (acct sync --abort undoes a sync that stopped at conflicts)")

// EditedSinceMergeError is returned by AbortMerge when files the merge
// wrote were edited (or removed) since: aborting would lose those edits, so
// nothing was changed. Files are book-relative paths.
type EditedSinceMergeError struct{ Files []string }

func (e *EditedSinceMergeError) Error() string {
	return fmt.Sprintf("not aborted: %s changed since the merge began and would lose %s edits; "+
		"copy what you want to keep elsewhere and put the conflict markers back (or finish the merge: resolve the conflicts and run acct sync)",
		strings.Join(e.Files, ", "), map[bool]string{true: "its", false: "their"}[len(e.Files) == 1])
}

// AbortResult reports what AbortMerge put back.
type AbortResult struct {
	// Restored lists the files set back to the last local commit,
	// book-relative, sorted.
	Restored []Change
	// Head is the commit the branch is on (unchanged by the abort).
	Head string
}

type mergeRecord struct {
	ours, theirs plumbing.Hash
	files        []mergedFile
}

type mergedFile struct {
	path string        // repository path
	left plumbing.Hash // what the merge left in the work tree; zero: removed
}

func (r *Repo) writeMergeRecord(rec *mergeRecord) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "ours %s\ntheirs %s\n", rec.ours, rec.theirs)
	for _, f := range rec.files {
		fmt.Fprintf(&b, "%s\t%s\n", f.left, f.path)
	}
	return WriteFile(filepath.Join(r.gitDir, mergeRecordFile), b.Bytes())
}

func (r *Repo) readMergeRecord() (*mergeRecord, error) {
	data, err := os.ReadFile(filepath.Join(r.gitDir, mergeRecordFile))
	if err != nil {
		return nil, err
	}
	rec := &mergeRecord{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		bad := fmt.Errorf("%s line %d: bad record %q", mergeRecordFile, n, line)
		switch {
		case n == 1 && strings.HasPrefix(line, "ours "), n == 2 && strings.HasPrefix(line, "theirs "):
			_, h, _ := strings.Cut(line, " ")
			if !plumbing.IsHash(h) {
				return nil, bad
			}
			if n == 1 {
				rec.ours = plumbing.NewHash(h)
			} else {
				rec.theirs = plumbing.NewHash(h)
			}
		case n > 2:
			h, p, ok := strings.Cut(line, "\t")
			if !ok || !plumbing.IsHash(h) || p == "" {
				return nil, bad
			}
			rec.files = append(rec.files, mergedFile{path: p, left: plumbing.NewHash(h)})
		default:
			return nil, bad
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if rec.ours.IsZero() && rec.theirs.IsZero() {
		return nil, fmt.Errorf("%s: empty", mergeRecordFile)
	}
	return rec, nil
}

// AbortMerge undoes a merge Sync left pending at conflicts (acct sync
// --abort): every file the merge wrote or removed is set back to the last
// local commit in the work tree and the index, the files it added are
// removed, and the pending-merge state (MERGE_HEAD, MERGE_MSG, ...) is
// cleared. Local commits are kept (the branch never moved), nothing of the
// other side stays, and edits to files the merge did not touch are left
// as they are. It returns ErrNoMergePending when no merge is pending,
// *EditedSinceMergeError (changing nothing) when a file the merge wrote
// was edited or removed since, and an error when the branch moved since
// the merge began or the merge was not made by acct.
func (r *Repo) AbortMerge() (*AbortResult, error) {
	res, err := r.abortMerge()
	return res, r.damaged(err)
}

// abortMerge is AbortMerge without turning a damaged object store's errors into a
// *DamagedError.
func (r *Repo) abortMerge() (*AbortResult, error) {
	lock, err := acquireLock(filepath.Join(r.gitDir, "acct-sync"), r.LockWait)
	if err != nil {
		return nil, err
	}
	defer lock.release()
	mh, err := r.mergeHead()
	if err != nil {
		return nil, err
	}
	if mh.IsZero() {
		return nil, ErrNoMergePending
	}
	rec, err := r.readMergeRecord()
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("the pending merge was not started by acct sync (no .git/" + mergeRecordFile + "): abort it with 'git merge --abort'")
	}
	if err != nil {
		return nil, err
	}
	if rec.theirs != mh {
		return nil, fmt.Errorf("the pending merge (MERGE_HEAD %s) is not the one acct sync recorded (%s): abort it with 'git merge --abort'", short(mh), short(rec.theirs))
	}
	ilock, err := acquireLock(r.indexPath(), r.LockWait)
	if err != nil {
		return nil, err
	}
	defer ilock.release()
	branch, head, err := r.headTarget()
	if err != nil {
		return nil, err
	}
	if head != rec.ours {
		return nil, fmt.Errorf("the branch moved since the merge began (%s, was %s): not aborted", short(head), short(rec.ours))
	}
	hc, err := r.commitObject(head)
	if err != nil {
		return nil, err
	}
	headTree, err := hc.Tree()
	if err != nil {
		return nil, err
	}
	gi, err := r.loadIndex()
	if err != nil {
		return nil, err
	}
	// First check every file, so that nothing changes when one was edited.
	type restore struct {
		path  string
		head  plumbing.Hash // zero: not in the last commit, remove
		mode  filemode.FileMode
		wrote bool // the work tree holds what the merge left
	}
	var todo []restore
	var edited []string
	for _, f := range rec.files {
		var want plumbing.Hash
		var mode filemode.FileMode
		te, err := headTree.FindEntry(f.path)
		switch {
		case err == nil && te.Mode != filemode.Dir && te.Mode != filemode.Submodule:
			want, mode = te.Hash, te.Mode
		case err == nil, errors.Is(err, object.ErrEntryNotFound), errors.Is(err, object.ErrDirectoryNotFound):
		default:
			return nil, err
		}
		have, err := worktreeHash(filepath.Join(r.workTree, filepath.FromSlash(f.path)))
		if err != nil {
			return nil, err
		}
		switch have {
		case f.left:
			todo = append(todo, restore{path: f.path, head: want, mode: mode, wrote: true})
		case want:
			todo = append(todo, restore{path: f.path, head: want, mode: mode}) // already back: the index still is set back
		default:
			edited = append(edited, r.bookPath(f.path))
		}
	}
	if len(edited) > 0 {
		sort.Strings(edited)
		return nil, &EditedSinceMergeError{Files: edited}
	}
	res := &AbortResult{Head: head.String()}
	drop := map[string]bool{}
	for _, t := range todo {
		abs := filepath.Join(r.workTree, filepath.FromSlash(t.path))
		if t.head.IsZero() {
			if t.wrote {
				if err := os.Remove(abs); err != nil && !errors.Is(err, fs.ErrNotExist) {
					return nil, err
				}
				removeEmptyParents(r.workTree, filepath.Dir(abs))
			}
			drop[t.path] = true
			gi.cache.invalidate(t.path)
			res.Restored = append(res.Restored, Change{Path: r.bookPath(t.path), Kind: Deleted})
			continue
		}
		mode := t.mode
		if t.wrote {
			data, err := r.readBlob(t.head)
			if err != nil {
				return nil, err
			}
			if err := writeWorktreeFile(abs, data, mode); err != nil {
				return nil, err
			}
		}
		info, err := os.Lstat(abs)
		if err != nil {
			return nil, err
		}
		// Unmerged stages of the path go; the stage-0 entry is the last
		// commit's.
		kept := gi.entries[:0]
		for _, e := range gi.entries {
			if e.Name != t.path || e.Stage == 0 {
				kept = append(kept, e)
			}
		}
		gi.entries = kept
		pos := gi.find(t.path)
		var e *index.Entry
		if pos >= 0 {
			e = gi.entries[pos]
		} else {
			e = &index.Entry{Name: t.path}
			gi.entries = append(gi.entries, e)
			sort.Slice(gi.entries, func(i, j int) bool { return entryLess(gi.entries[i], gi.entries[j]) })
		}
		e.Hash, e.Mode, e.Stage, e.IntentToAdd = t.head, mode, 0, false
		setStat(e, info)
		smudgeStat(e, info, ilock.stamp)
		gi.cache.invalidate(t.path)
		res.Restored = append(res.Restored, Change{Path: r.bookPath(t.path), Kind: Modified})
	}
	if len(drop) > 0 {
		out := gi.entries[:0]
		for _, e := range gi.entries {
			if !drop[e.Name] {
				out = append(out, e)
			}
		}
		gi.entries = out
	}
	if _, err := r.writeTree(gi); err != nil {
		return nil, err
	}
	if err := r.saveIndex(ilock, gi); err != nil {
		return nil, err
	}
	r.clearMerge()
	who, _ := r.Author(nil)
	r.appendReflog(branch, head, head, who, "sync --abort: merge of "+short(mh)+" undone")
	sort.Slice(res.Restored, func(i, j int) bool { return res.Restored[i].Path < res.Restored[j].Path })
	return res, nil
}

// worktreeHash returns the blob hash of a work-tree file (a symbolic
// link's target), the zero hash when it is absent.
func worktreeHash(abs string) (plumbing.Hash, error) {
	info, err := os.Lstat(abs)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, err
	}
	mode, ok := fileMode(info)
	if !ok {
		// A folder or special file where the merge left a file: an edit.
		return plumbing.NewHash(strings.Repeat("f", 40)), nil
	}
	data, err := readWorktree(abs, mode)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	return plumbing.ComputeHash(plumbing.BlobObject, data), nil
}
