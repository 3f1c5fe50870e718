package book

import (
	"compress/flate"
	"compress/zlib"
	"errors"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/objfile"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/acctbook/acct/msg"
)

// ErrDamaged is matched (errors.Is) by *DamagedError.
var ErrDamaged = errors.New("the git repository is damaged")

// DamagedError is returned by Repo's methods (Record, Commit, Sync, Log,
// FileHistory, ReadFileAt, TreeFiles, ReadBlob, AbortMerge) when an object
// of the book's git repository is missing or corrupt: a damaged disk, a
// copy interrupted half-way, a sync tool that touched .git. Its message
// names the repository and says what to do (git fsck, clone again from
// the team's remote), in the book's language through the msg catalog;
// Err is go-git's error ("zlib: invalid header", "object not found").
type DamagedError struct {
	// Repo is the work tree of the damaged repository.
	Repo string
	// Err is the error reading or writing the object.
	Err error
}

// Error returns the message in English.
func (e *DamagedError) Error() string { return e.In("en") }

// In returns the message in lang (package msg).
func (e *DamagedError) In(lang string) string {
	return msg.Sprintf(lang, "the git repository at %s is damaged (%v): run 'git fsck' there to see what is broken; if it reports errors, clone the book again from the team's remote (acct clone URL) and copy over the files you changed since your last sync", e.Repo, e.Err)
}

// Unwrap returns the object error.
func (e *DamagedError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrDamaged) true.
func (e *DamagedError) Is(target error) bool { return target == ErrDamaged }

// objectError is an error of acct's own reading of an object of the
// repository (a tree, a blob, a commit that the repository itself refers
// to): whatever went wrong, the object store is damaged.
type objectError struct{ err error }

func (e *objectError) Error() string { return e.err.Error() }
func (e *objectError) Unwrap() error { return e.err }

// badObject marks err, returned while reading an object the repository
// refers to, as a sign of a damaged object store (see damaged).
func badObject(err error) error {
	if err == nil {
		return nil
	}
	return &objectError{err}
}

// damaged turns err into a *DamagedError naming the repository when it says
// that an object is missing or corrupt, and returns any other error as it
// is. It is called on the way out of Repo's methods, once per call and only
// for a failure, so that it costs nothing when all goes well.
func (r *Repo) damaged(err error) error {
	if err == nil || !isDamage(err) {
		return err
	}
	var d *DamagedError
	if errors.As(err, &d) {
		return err
	}
	return &DamagedError{Repo: r.workTree, Err: err}
}

// isDamage reports whether err says that an object of the repository is
// missing or corrupt: go-git's and zlib's errors for unreadable objects,
// and any failure of acct's own object reads (objectError). An unexpected
// end of file counts only from those reads, as it may also be a network's.
func isDamage(err error) bool {
	var oe *objectError
	var corrupt flate.CorruptInputError
	switch {
	case errors.As(err, &oe), errors.As(err, &corrupt):
		return true
	}
	for _, target := range []error{
		plumbing.ErrObjectNotFound, plumbing.ErrInvalidType, object.ErrUnsupportedObject,
		zlib.ErrHeader, zlib.ErrChecksum, zlib.ErrDictionary,
		objfile.ErrHeader, objfile.ErrNegativeSize,
		packfile.ErrInvalidObject, packfile.ErrZLib, packfile.ErrMalformedPackFile, packfile.ErrBadSignature,
		packfile.ErrInvalidDelta, packfile.ErrDeltaCmd, packfile.ErrReferenceDeltaNotFound, packfile.ErrInflatedSizeMismatch,
		idxfile.ErrMalformedIdxFile,
	} {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

// commitObject reads a commit the repository refers to (HEAD, a parent, a
// merge or remote head); any failure marks the object store as damaged.
func (r *Repo) commitObject(h plumbing.Hash) (*object.Commit, error) {
	c, err := r.repo.CommitObject(h)
	if err != nil {
		return nil, badObject(err)
	}
	return c, nil
}
