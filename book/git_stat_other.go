//go:build !linux

package book

import (
	"io/fs"
	"time"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// fillStat records the file's modification time as its ctime on systems
// where acct does not read the inode data; git then re-hashes the file
// once, which is slower but correct.
func fillStat(e *index.Entry, info fs.FileInfo) {
	e.CreatedAt = info.ModTime()
}

// statMatches reports whether a file's size and modification time agree
// with what index entry e recorded.
func statMatches(e *index.Entry, info fs.FileInfo) bool {
	return e.Size == uint32(info.Size()) && e.ModifiedAt.Equal(info.ModTime())
}

// changedSince reports whether the file was modified at or after t.
func changedSince(info fs.FileInfo, t time.Time) bool { return !info.ModTime().Before(t) }

// folderStat is unused where folders' inode data is not read: every folder
// is read on every scan.
type folderStat struct {
	dev, ino     uint64
	mtime, ctime int64
}

func folderStatOf(info fs.FileInfo) (folderStat, bool) { return folderStat{}, false }
