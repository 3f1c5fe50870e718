package book

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// The folder cache is acct's form of git's untracked cache
// (https://git-scm.com/docs/git-update-index#_untracked_cache): to find
// files that are not in the index yet, a scan must know every folder's
// names, and reading 28k folders of a 10,000-account book costs an open,
// two getdents and a close each. The cache keeps each folder's names with
// the folder's stat data (device, inode, modification and change time, in
// nanoseconds); a folder whose stat data are unchanged holds the same names,
// because creating, removing or renaming an entry changes the folder's
// modification and change times, and the change time cannot be set back by
// a program. A folder is cached only when its times lie before the start of
// the scan that read it (the index lock's modification time), so that an
// entry created in the same clock tick as the listing is never hidden.
//
// Only the names are cached, never what they mean: whether a name is
// tracked, ignored or new is decided afresh on every scan against the
// index and the .gitignore files, so a change to either needs no
// invalidation. The file is .git/acct-folders, written through a temporary
// file and a rename, with a CRC-32C checksum; a file that does not decode is
// ignored (and rewritten).

// dirCacheFile is the cache's file name in the git dir.
const dirCacheFile = "acct-folders"

var dirCacheMagic = []byte("ACCTDIR2")

// A scan rewrites the folder cache when more than one in
// dirCacheWorthWriting of its folders was read from disk (or is gone).
const dirCacheWorthWriting = 256

// dirName is one entry of a folder listing; listings are sorted by
// keyLess (the index's order).
type dirName struct {
	name string
	kind byte // 'd' folder, 'f' regular file, 'l' symbolic link, 'o' other
}

// cachedDir is a folder's listing and the stat data it was read under.
type cachedDir struct {
	st    folderStat
	names []dirName
}

// dirCache maps repository folder paths ("" is the work tree root) to their
// cached listings.
type dirCache struct {
	dirs map[string]*cachedDir
	// mu guards fresh, the listings read during this scan.
	mu    sync.Mutex
	fresh map[string]*cachedDir
	// visited are the folders the scan met (their listing is still valid).
	visited map[string]bool
	// hits and reads count listings taken from the cache and from disk.
	hits, reads int
}

func loadDirCache(gitDir string) *dirCache {
	c := &dirCache{dirs: map[string]*cachedDir{}, fresh: map[string]*cachedDir{}, visited: map[string]bool{}}
	data, err := os.ReadFile(filepath.Join(gitDir, dirCacheFile))
	if err != nil || len(data) < len(dirCacheMagic)+4 || !bytes.HasPrefix(data, dirCacheMagic) {
		return c
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, crcTable) != binary.BigEndian.Uint32(data[len(data)-4:]) {
		return c
	}
	// Names are slices of one string holding the whole file.
	s := string(body[len(dirCacheMagic):])
	dirs, ok := decodeDirCache(s)
	if ok {
		c.dirs = dirs
	}
	return c
}

var crcTable = crc32.MakeTable(crc32.Castagnoli)

func decodeDirCache(s string) (map[string]*cachedDir, bool) {
	off := 0
	uvar := func() (uint64, bool) {
		var x uint64
		var shift uint
		for off < len(s) {
			b := s[off]
			off++
			x |= uint64(b&0x7f) << shift
			if b < 0x80 {
				return x, true
			}
			shift += 7
			if shift > 63 {
				return 0, false
			}
		}
		return 0, false
	}
	str := func() (string, bool) {
		n, ok := uvar()
		if !ok || n > uint64(len(s)-off) {
			return "", false
		}
		v := s[off : off+int(n)]
		off += int(n)
		return v, true
	}
	count, ok := uvar()
	if !ok || count > uint64(len(s)) {
		return nil, false
	}
	dirs := make(map[string]*cachedDir, count)
	for i := uint64(0); i < count; i++ {
		path, ok := str()
		if !ok {
			return nil, false
		}
		var v [5]uint64
		for k := range v {
			if v[k], ok = uvar(); !ok {
				return nil, false
			}
		}
		d := &cachedDir{st: folderStat{dev: v[0], ino: v[1], mtime: int64(v[2]), ctime: int64(v[3])}}
		if v[4] > uint64(len(s)) {
			return nil, false
		}
		d.names = make([]dirName, v[4])
		for k := range d.names {
			if off >= len(s) {
				return nil, false
			}
			kind := s[off]
			off++
			name, ok := str()
			if !ok {
				return nil, false
			}
			d.names[k] = dirName{name: name, kind: kind}
			if k > 0 && !keyLess(d.names[k-1], d.names[k]) {
				return nil, false // not in the index's order: not ours
			}
		}
		dirs[path] = d
	}
	return dirs, off == len(s)
}

// listing returns the names of folder rp (at abs, whose stat is info),
// from the cache when the folder's stat data are those it was cached
// under, else read from disk. stamp is the scan's start (zero: listings
// read are not kept).
func (c *dirCache) listing(rp, abs string, info fs.FileInfo, stamp time.Time) ([]dirName, error) {
	st, ok := folderStatOf(info)
	if ok && c != nil {
		if d := c.dirs[rp]; d != nil && d.st == st {
			c.mu.Lock()
			c.visited[rp] = true
			c.hits++
			c.mu.Unlock()
			return d.names, nil
		}
	}
	fh, err := os.Open(abs)
	if err != nil {
		return nil, err
	}
	ents, err := fh.ReadDir(-1)
	fh.Close()
	if err != nil {
		return nil, err
	}
	names := make([]dirName, len(ents))
	for i, d := range ents {
		k := byte('o')
		switch t := d.Type(); {
		case t.IsDir():
			k = 'd'
		case t.IsRegular():
			k = 'f'
		case t&fs.ModeSymlink != 0:
			k = 'l'
		}
		names[i] = dirName{name: d.Name(), kind: k}
	}
	sort.Slice(names, func(i, j int) bool { return keyLess(names[i], names[j]) })
	if c != nil {
		c.mu.Lock()
		c.reads++
		if ok && !stamp.IsZero() && !changedSince(info, stamp) {
			c.fresh[rp] = &cachedDir{st: st, names: names}
		}
		c.mu.Unlock()
	}
	return names, nil
}

// save writes the cache: the listings read in this scan, the cached ones
// it found still valid, and those outside scopes (repository paths, ""
// for everything) that the scan did not look at. It writes nothing when
// no listing was read and none dropped.
func (c *dirCache) save(gitDir string, scopes []string) error {
	if c == nil {
		return nil
	}
	inScope := func(p string) bool { return inScopes(p, scopes) }
	out := make(map[string]*cachedDir, len(c.dirs)+len(c.fresh))
	dropped := 0
	for p, d := range c.dirs {
		if c.visited[p] || !inScope(p) {
			out[p] = d
		} else {
			dropped++
		}
	}
	// A few folders read again (the account folder a pull or an edit
	// wrote into) cost less to read on the next scan than rewriting the
	// cache of a big book; stale listings are never trusted anyway.
	if len(c.fresh)+dropped <= len(out)/dirCacheWorthWriting {
		return nil
	}
	for p, d := range c.fresh {
		out[p] = d
	}
	var b []byte
	b = append(b, dirCacheMagic...)
	b = binary.AppendUvarint(b, uint64(len(out)))
	for p, d := range out {
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
		for _, v := range []uint64{d.st.dev, d.st.ino, uint64(d.st.mtime), uint64(d.st.ctime), uint64(len(d.names))} {
			b = binary.AppendUvarint(b, v)
		}
		for _, n := range d.names {
			b = append(b, n.kind)
			b = binary.AppendUvarint(b, uint64(len(n.name)))
			b = append(b, n.name...)
		}
	}
	b = binary.BigEndian.AppendUint32(b, crc32.Checksum(b, crcTable))
	err := WriteFile(filepath.Join(gitDir, dirCacheFile), b)
	if errors.Is(err, fs.ErrPermission) {
		return nil // a read-only repository: scan without a cache
	}
	return err
}
