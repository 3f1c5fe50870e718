package book

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/acctbook/acct/msg"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// The index is read and written here rather than through go-git's storer
// because go-git writes it in place (not through index.lock), drops the
// cache-tree extension, and mis-reads a cache-tree holding invalidated
// entries. Keeping the cache-tree is what lets a commit after one edit
// rebuild a handful of tree objects instead of every folder of the book.

// gitIndex is the staging area: entries sorted by path, plus the cache of
// tree hashes ("TREE" extension, https://git-scm.com/docs/index-format).
type gitIndex struct {
	version uint32
	entries []*index.Entry
	cache   *ctNode
	// mtime is the modification time of the index file when it was read;
	// entries modified at or after it are "racily clean" and get hashed.
	mtime time.Time
	// treeChanged is set when writeTree rebuilt part of the cache-tree, so
	// that the index is worth writing even when no entry changed (an index
	// written by the git CLI often has no cache-tree; without saving it,
	// every scan would re-encode and look up every tree of the book).
	treeChanged bool
	// file is the stat data of the file gi was read from (nil: unknown).
	file *keptIndex
}

// ctNode is one folder of the cache-tree: the tree hash of the entries
// below it, valid when count >= 0.
type ctNode struct {
	name  string
	count int
	hash  plumbing.Hash
	subs  []*ctNode
	// byName indexes subs by name once a folder has many of them (the
	// accounts/ folder of a big book), built on first use.
	byName map[string]*ctNode
}

func (n *ctNode) child(name string) *ctNode {
	if n == nil {
		return nil
	}
	if len(n.subs) > 16 {
		if n.byName == nil {
			n.byName = make(map[string]*ctNode, len(n.subs))
			for _, c := range n.subs {
				n.byName[c.name] = c
			}
		}
		return n.byName[name]
	}
	for _, c := range n.subs {
		if c.name == name {
			return c
		}
	}
	return nil
}

// invalidate marks every folder on the way to path as changed.
func (n *ctNode) invalidate(path string) {
	for n != nil {
		n.count = -1
		i := strings.IndexByte(path, '/')
		if i < 0 {
			return
		}
		n = n.child(path[:i])
		path = path[i+1:]
	}
}

var errBadIndex = errors.New("corrupt index")

// readIndex reads path (a missing file gives an empty index). Versions 2
// and 3 are decoded here with their cache-tree; version 4 (path
// compression) is decoded by go-git without the cache-tree.
func readIndex(path string) (*gitIndex, error) {
	fh, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &gitIndex{version: 2}, nil
	}
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	// The stat data and the content come from the same open file (git
	// replaces the index by a rename, never in place).
	st, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	data := make([]byte, st.Size())
	if _, err := io.ReadFull(fh, data); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	gi, err := decodeIndex(data)
	if errors.Is(err, errBadIndex) {
		// The index is git's staging file, not the book: say so, and how
		// to rebuild it from the last commit without touching any file.
		return nil, msg.Errorf("%s: %w; the book's files are untouched: rebuild git's index from the last commit with 'rm %s && git reset' (in the book's folder), then run the command again", path, err, path)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	gi.mtime = st.ModTime()
	if fst, ok := folderStatOf(st); ok {
		gi.file = &keptIndex{gi: gi, st: fst, size: st.Size()}
	}
	return gi, nil
}

func decodeIndex(data []byte) (*gitIndex, error) {
	if len(data) < 12+20 || string(data[:4]) != "DIRC" {
		return nil, errBadIndex
	}
	sum := sha1.Sum(data[:len(data)-20])
	if !bytes.Equal(sum[:], data[len(data)-20:]) {
		return nil, fmt.Errorf("%w: checksum mismatch", errBadIndex)
	}
	version := binary.BigEndian.Uint32(data[4:])
	n := int(binary.BigEndian.Uint32(data[8:]))
	if version == 4 {
		idx := &index.Index{}
		if err := index.NewDecoder(bytes.NewReader(data)).Decode(idx); err != nil {
			return nil, err
		}
		return &gitIndex{version: 2, entries: idx.Entries}, nil
	}
	if version != 2 && version != 3 {
		return nil, fmt.Errorf("%w: unsupported version %d", errBadIndex, version)
	}
	gi := &gitIndex{version: version, entries: make([]*index.Entry, 0, n)}
	body := data[:len(data)-20]
	// One allocation for all entries and one string for all names: a
	// 67k-file book otherwise makes 134k small objects for the collector.
	slab := make([]index.Entry, n)
	names := string(body)
	off := 12
	u32 := func(o int) uint32 { return binary.BigEndian.Uint32(body[o:]) }
	for i := 0; i < n; i++ {
		if off+62 > len(body) {
			return nil, errBadIndex
		}
		e := &slab[i]
		*e = index.Entry{
			CreatedAt:  unixTime(u32(off), u32(off+4)),
			ModifiedAt: unixTime(u32(off+8), u32(off+12)),
			Dev:        u32(off + 16),
			Inode:      u32(off + 20),
			Mode:       filemode.FileMode(u32(off + 24)),
			UID:        u32(off + 28),
			GID:        u32(off + 32),
			Size:       u32(off + 36),
		}
		copy(e.Hash[:], body[off+40:off+60])
		flags := binary.BigEndian.Uint16(body[off+60:])
		e.Stage = index.Stage((flags >> 12) & 3)
		hdr := 62
		if flags&0x4000 != 0 {
			if version < 3 || off+64 > len(body) {
				return nil, errBadIndex
			}
			ext := binary.BigEndian.Uint16(body[off+62:])
			e.SkipWorktree = ext&0x4000 != 0
			e.IntentToAdd = ext&0x2000 != 0
			hdr = 64
		}
		nameStart := off + hdr
		nameLen := int(flags & 0xfff)
		if nameLen == 0xfff {
			j := bytes.IndexByte(body[nameStart:], 0)
			if j < 0 {
				return nil, errBadIndex
			}
			nameLen = j
		}
		if nameStart+nameLen > len(body) {
			return nil, errBadIndex
		}
		e.Name = names[nameStart : nameStart+nameLen]
		entLen := hdr + nameLen
		off += entLen + (8 - entLen%8)
		gi.entries = append(gi.entries, e)
	}
	for off+8 <= len(body) {
		sig := string(body[off : off+4])
		size := int(u32(off + 4))
		off += 8
		if off+size > len(body) {
			return nil, errBadIndex
		}
		if sig == "TREE" {
			if root, rest, err := decodeCacheTree(body[off : off+size]); err == nil && len(rest) == 0 {
				gi.cache = root
			}
		} else if sig[0] < 'A' || sig[0] > 'Z' {
			// A required extension we do not understand (e.g. a split
			// index): the entries alone would be wrong.
			return nil, fmt.Errorf("%w: unsupported extension %q (run 'git update-index --no-split-index')", errBadIndex, sig)
		}
		off += size
	}
	if !sort.SliceIsSorted(gi.entries, func(i, j int) bool { return entryLess(gi.entries[i], gi.entries[j]) }) {
		return nil, fmt.Errorf("%w: entries out of order", errBadIndex)
	}
	return gi, nil
}

func unixTime(s, ns uint32) time.Time {
	if s == 0 && ns == 0 {
		return time.Time{}
	}
	return time.Unix(int64(s), int64(ns))
}

func entryLess(a, b *index.Entry) bool {
	if a.Name != b.Name {
		return a.Name < b.Name
	}
	return a.Stage < b.Stage
}

// decodeCacheTree reads one cache-tree node and its subtrees (pre-order).
func decodeCacheTree(b []byte) (*ctNode, []byte, error) {
	i := bytes.IndexByte(b, 0)
	if i < 0 {
		return nil, nil, errBadIndex
	}
	n := &ctNode{name: string(b[:i])}
	b = b[i+1:]
	i = bytes.IndexByte(b, ' ')
	if i < 0 {
		return nil, nil, errBadIndex
	}
	count, err := strconv.Atoi(string(b[:i]))
	if err != nil {
		return nil, nil, errBadIndex
	}
	b = b[i+1:]
	i = bytes.IndexByte(b, '\n')
	if i < 0 {
		return nil, nil, errBadIndex
	}
	subs, err := strconv.Atoi(string(b[:i]))
	if err != nil || subs < 0 {
		return nil, nil, errBadIndex
	}
	b = b[i+1:]
	n.count = count
	if count >= 0 {
		if len(b) < 20 {
			return nil, nil, errBadIndex
		}
		copy(n.hash[:], b[:20])
		b = b[20:]
	}
	for k := 0; k < subs; k++ {
		var c *ctNode
		c, b, err = decodeCacheTree(b)
		if err != nil {
			return nil, nil, err
		}
		n.subs = append(n.subs, c)
	}
	return n, b, nil
}

// encode writes the index in git's format (version 2, or 3 when an entry
// needs extended flags) with the cache-tree extension.
func (gi *gitIndex) encode(w io.Writer) error {
	h := sha1.New()
	bw := bufio.NewWriterSize(io.MultiWriter(w, h), 1<<16)
	version := uint32(2)
	for _, e := range gi.entries {
		if e.SkipWorktree || e.IntentToAdd {
			version = 3
		}
	}
	var buf [64]byte
	bw.WriteString("DIRC")
	binary.BigEndian.PutUint32(buf[:4], version)
	binary.BigEndian.PutUint32(buf[4:8], uint32(len(gi.entries)))
	bw.Write(buf[:8])
	put := func(o int, v uint32) { binary.BigEndian.PutUint32(buf[o:], v) }
	ts := func(t time.Time) (uint32, uint32) {
		if t.IsZero() || t.Unix() < 0 {
			return 0, 0
		}
		return uint32(t.Unix()), uint32(t.Nanosecond())
	}
	var pad [8]byte
	for _, e := range gi.entries {
		cs, cns := ts(e.CreatedAt)
		ms, mns := ts(e.ModifiedAt)
		put(0, cs)
		put(4, cns)
		put(8, ms)
		put(12, mns)
		put(16, e.Dev)
		put(20, e.Inode)
		put(24, uint32(e.Mode))
		put(28, e.UID)
		put(32, e.GID)
		put(36, e.Size)
		copy(buf[40:60], e.Hash[:])
		flags := uint16(e.Stage&3) << 12
		if l := len(e.Name); l < 0xfff {
			flags |= uint16(l)
		} else {
			flags |= 0xfff
		}
		hdr := 62
		if e.SkipWorktree || e.IntentToAdd {
			flags |= 0x4000
			var ext uint16
			if e.SkipWorktree {
				ext |= 0x4000
			}
			if e.IntentToAdd {
				ext |= 0x2000
			}
			binary.BigEndian.PutUint16(buf[62:], ext)
			hdr = 64
		}
		binary.BigEndian.PutUint16(buf[60:], flags)
		bw.Write(buf[:hdr])
		bw.WriteString(e.Name)
		entLen := hdr + len(e.Name)
		bw.Write(pad[:8-entLen%8])
	}
	if gi.cache != nil && gi.cache.count >= 0 {
		var tb bytes.Buffer
		encodeCacheTree(&tb, gi.cache)
		bw.WriteString("TREE")
		binary.BigEndian.PutUint32(buf[:4], uint32(tb.Len()))
		bw.Write(buf[:4])
		bw.Write(tb.Bytes())
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	_, err := w.Write(h.Sum(nil))
	return err
}

func encodeCacheTree(b *bytes.Buffer, n *ctNode) {
	b.WriteString(n.name)
	b.WriteByte(0)
	b.WriteString(strconv.Itoa(n.count))
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(len(n.subs)))
	b.WriteByte('\n')
	if n.count >= 0 {
		b.Write(n.hash[:])
	}
	for _, c := range n.subs {
		encodeCacheTree(b, c)
	}
}

// find returns the position of the stage-0 entry named name, or -1.
func (gi *gitIndex) find(name string) int { return gi.findIn(0, len(gi.entries), name) }

// under returns the positions [lo, hi) of the entries below folder dir
// ("" for all).
func (gi *gitIndex) under(dir string) (lo, hi int) {
	if dir == "" {
		return 0, len(gi.entries)
	}
	p := dir + "/"
	lo = sort.Search(len(gi.entries), func(i int) bool { return gi.entries[i].Name >= p })
	hi = lo + sort.Search(len(gi.entries)-lo, func(i int) bool { return !strings.HasPrefix(gi.entries[lo+i].Name, p) })
	return lo, hi
}

// findIn is find limited to the positions [lo, hi).
func (gi *gitIndex) findIn(lo, hi int, name string) int {
	i := lo + sort.Search(hi-lo, func(i int) bool { return gi.entries[lo+i].Name >= name })
	for ; i < hi && gi.entries[i].Name == name; i++ {
		if gi.entries[i].Stage == 0 {
			return i
		}
	}
	return -1
}

// writeTree writes the tree objects for the index (reusing the cache-tree
// wherever it is valid) and returns the root tree hash. It fails when an
// entry is unmerged (stage > 0).
func (r *Repo) writeTree(gi *gitIndex) (plumbing.Hash, error) {
	for _, e := range gi.entries {
		if e.Stage != 0 {
			return plumbing.ZeroHash, fmt.Errorf("%s: unresolved merge conflict (stage %d in the index); resolve it and run 'git add' on it", e.Name, e.Stage)
		}
	}
	root, err := r.buildTree(gi.cache, gi.entries, "", "")
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if root != gi.cache {
		gi.treeChanged = true
	}
	gi.cache = root
	return root.hash, nil
}

func (r *Repo) buildTree(old *ctNode, entries []*index.Entry, prefix, name string) (*ctNode, error) {
	if old != nil && old.count >= 0 && old.count == len(entries) {
		return old, nil
	}
	node := &ctNode{name: name, count: len(entries)}
	t := &object.Tree{}
	for i := 0; i < len(entries); {
		rest := entries[i].Name[len(prefix):]
		slash := strings.IndexByte(rest, '/')
		if slash < 0 {
			if !entries[i].IntentToAdd {
				t.Entries = append(t.Entries, object.TreeEntry{Name: rest, Mode: entries[i].Mode, Hash: entries[i].Hash})
			}
			i++
			continue
		}
		dir := rest[:slash]
		sub := prefix + dir + "/"
		j := i + 1
		for j < len(entries) && strings.HasPrefix(entries[j].Name, sub) {
			j++
		}
		c, err := r.buildTree(old.child(dir), entries[i:j], sub, dir)
		if err != nil {
			return nil, err
		}
		// git leaves a folder that would be an empty tree out of its parent.
		if c.hash != emptyTreeHash || len(entries[i:j]) == 0 {
			node.subs = append(node.subs, c)
			t.Entries = append(t.Entries, object.TreeEntry{Name: dir, Mode: filemode.Dir, Hash: c.hash})
		}
		i = j
	}
	obj := r.repo.Storer.NewEncodedObject()
	if err := t.Encode(obj); err != nil {
		return nil, err
	}
	node.hash = obj.Hash()
	if err := r.repo.Storer.HasEncodedObject(node.hash); err != nil {
		if _, err := r.repo.Storer.SetEncodedObject(obj); err != nil {
			return nil, fmt.Errorf("write tree %s: %w", prefix, err)
		}
	}
	return node, nil
}

// emptyTreeHash is the hash of the tree with no entries.
var emptyTreeHash = plumbing.NewHash("4b825dc642cb6eb9a060e54bf8d69288fbee4904")

// writeIndexLocked writes gi into the held index lock and renames it over
// the index.
func writeIndexLocked(l *lockFile, gi *gitIndex) error {
	if err := l.f.Truncate(0); err != nil {
		return err
	}
	if _, err := l.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if err := gi.encode(l.f); err != nil {
		return err
	}
	return l.commit()
}

// keptIndex is an index acct wrote in this process, kept in memory with
// the stat data of the file it was written to.
type keptIndex struct {
	gi   *gitIndex
	st   folderStat
	size int64
}

// saveIndex writes gi through the held index lock (writeIndexLocked) and
// keeps it in memory, so that the next operation of this process (sync's
// fast-forward after its commit) need not read and checksum the file
// again.
func (r *Repo) saveIndex(l *lockFile, gi *gitIndex) error {
	r.kept = nil
	if err := writeIndexLocked(l, gi); err != nil {
		return err
	}
	info, err := os.Stat(r.indexPath())
	if err != nil {
		return nil
	}
	if st, ok := folderStatOf(info); ok {
		gi.mtime, gi.treeChanged = info.ModTime(), false
		gi.file = &keptIndex{gi: gi, st: st, size: info.Size()}
		r.kept = gi.file
	}
	return nil
}

// keepUnchanged keeps gi, read by loadIndex and not changed since other
// than by refreshed stat data (taken from the files, smudged when racy, so
// as safe to trust as the file's), for the next operation of this process.
func (r *Repo) keepUnchanged(gi *gitIndex) {
	if gi.file != nil && !gi.treeChanged {
		r.kept = gi.file
	}
}

// loadIndex returns the index: the one this process wrote last when the
// file still has the stat data (device, inode, times, size) it had then,
// else read from the file. The kept copy is handed out once.
func (r *Repo) loadIndex() (*gitIndex, error) {
	if k := r.kept; k != nil {
		r.kept = nil
		if info, err := os.Stat(r.indexPath()); err == nil && info.Size() == k.size {
			if st, ok := folderStatOf(info); ok && st == k.st {
				return k.gi, nil
			}
		}
	}
	return readIndex(r.indexPath())
}

// indexPath is the index file of the work tree.
func (r *Repo) indexPath() string { return filepath.Join(r.gitDir, "index") }

// clone copies the cache-tree so that it can be invalidated without
// touching the original (nil gives nil).
func (n *ctNode) clone() *ctNode {
	if n == nil {
		return nil
	}
	c := &ctNode{name: n.name, count: n.count, hash: n.hash, subs: make([]*ctNode, len(n.subs))}
	for i, s := range n.subs {
		c.subs[i] = s.clone()
	}
	return c
}
