//go:build linux

package book

import (
	"io/fs"
	"syscall"
	"time"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// fillStat copies the inode data git keeps in the index (ctime, device,
// inode, owner) from a file's stat so that the git CLI trusts the entry
// without re-reading the file.
func fillStat(e *index.Entry, info fs.FileInfo) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		e.CreatedAt = time.Unix(st.Ctim.Unix())
		e.Dev = uint32(st.Dev)
		e.Inode = uint32(st.Ino)
		e.UID = st.Uid
		e.GID = st.Gid
	}
}

// statMatches reports whether a file's stat data agree with what index
// entry e recorded: mode, size and modification time as git always
// compares, plus the change time and inode when e has them (git's
// core.trustctime and core.checkStat defaults). The change time cannot be
// set by a program, so an edit whose modification time was put back is
// still seen.
func statMatches(e *index.Entry, info fs.FileInfo) bool {
	if e.Size != uint32(info.Size()) || !e.ModifiedAt.Equal(info.ModTime()) {
		return false
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return true
	}
	if !e.CreatedAt.IsZero() && !e.CreatedAt.Equal(time.Unix(st.Ctim.Unix())) {
		return false
	}
	return e.Inode == 0 || e.Inode == uint32(st.Ino)
}

// changedSince reports whether the file or folder was modified or changed
// (ctime) at or after t.
func changedSince(info fs.FileInfo, t time.Time) bool {
	if !info.ModTime().Before(t) {
		return true
	}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return !time.Unix(st.Ctim.Unix()).Before(t)
	}
	return false
}

// folderStat is what a cached folder listing is trusted by: device, inode,
// and modification and change times in nanoseconds. Creating, deleting or
// renaming an entry changes the folder's modification and change times;
// a folder put in another's place has another inode.
type folderStat struct {
	dev, ino     uint64
	mtime, ctime int64
}

// folderStatOf returns the folder's stat data; ok is false where it cannot
// be had (then the folder is always read).
func folderStatOf(info fs.FileInfo) (folderStat, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return folderStat{}, false
	}
	return folderStat{dev: uint64(st.Dev), ino: uint64(st.Ino),
		mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano()}, true
}
