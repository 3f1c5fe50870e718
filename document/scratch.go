package document

import "gopkg.in/yaml.v3"

// Scratch is memory for the yaml.Node trees of documents that are parsed,
// read and then dropped, reused from one batch of documents to the next.
// Checking a large book parses tens of thousands of files whose trees are
// thrown away after their account is checked; cutting the nodes (about 150
// bytes each, 60-200 a file) from reused slabs instead of new memory
// removes most of the garbage the collector would otherwise have to sweep.
//
// Documents parsed with Scratch.Parse are valid until Reset: Reset zeroes
// the nodes for reuse and reuses the bytes of the files (Document.Src and
// Body), so nothing may keep a *yaml.Node (Document.Root, a node of its
// tree), a Document or its bytes past it. Strings taken from nodes (Value,
// Tag) stay valid: they never live in the slabs. Trees that the fast path
// cannot build (yaml.v3 decodes those) are ordinary memory.
//
// The zero value is ready to use. A Scratch must not be used by two
// goroutines at once.
type Scratch struct {
	nodes []nodeChunk
	ptrs  []ptrChunk
	bytes []byteChunk
	// ni, pi and bi are the chunks being cut from.
	ni, pi, bi int
}

type nodeChunk struct {
	buf  []yaml.Node
	used int
}

type ptrChunk struct {
	buf  []*yaml.Node
	used int
}

type byteChunk struct {
	buf  []byte
	used int
}

// Chunk sizes: enough for a few typical files; larger requests get a chunk
// of their own size.
const (
	scratchNodes = 1024
	scratchPtrs  = 1024
	scratchBytes = 64 << 10
	// scratchKeep is the total size (in nodes) beyond which Reset frees the
	// chunks instead of keeping them, so one huge file does not pin its
	// memory for the rest of a run.
	scratchKeep = 1 << 15
)

// Parse is Parse with the tree's nodes cut from s and src copied into s
// (the caller may reuse src at once); see Scratch for how long the result
// stays valid.
func (s *Scratch) Parse(file string, src []byte) (*Document, []Finding) {
	return parse(file, src, s)
}

// Reset makes all the memory handed out since the last Reset reusable.
// Every Document parsed with s since then becomes invalid.
func (s *Scratch) Reset() {
	total := 0
	for i := range s.nodes {
		c := &s.nodes[i]
		clear(c.buf[:c.used])
		c.used = 0
		total += len(c.buf)
	}
	for i := range s.ptrs {
		c := &s.ptrs[i]
		clear(c.buf[:c.used])
		c.used = 0
	}
	bytes := 0
	for i := range s.bytes {
		s.bytes[i].used = 0
		bytes += len(s.bytes[i].buf)
	}
	s.ni, s.pi, s.bi = 0, 0, 0
	if total > scratchKeep || bytes > scratchKeep*64 {
		*s = Scratch{}
	}
}

// nodeSlab returns an empty slice with room for n zeroed nodes. A nil s
// gives new memory.
func (s *Scratch) nodeSlab(n int) []yaml.Node {
	if s == nil {
		return make([]yaml.Node, 0, n)
	}
	for ; s.ni < len(s.nodes); s.ni++ {
		c := &s.nodes[s.ni]
		if len(c.buf)-c.used >= n {
			b := c.buf[c.used : c.used : c.used+n]
			c.used += n
			return b
		}
	}
	c := nodeChunk{buf: make([]yaml.Node, max(n, scratchNodes)), used: n}
	s.nodes = append(s.nodes, c)
	s.ni = len(s.nodes) - 1
	return c.buf[0:0:n]
}

// ptrSlab is nodeSlab for Content slices.
func (s *Scratch) ptrSlab(n int) []*yaml.Node {
	if s == nil {
		return make([]*yaml.Node, 0, n)
	}
	for ; s.pi < len(s.ptrs); s.pi++ {
		c := &s.ptrs[s.pi]
		if len(c.buf)-c.used >= n {
			b := c.buf[c.used : c.used : c.used+n]
			c.used += n
			return b
		}
	}
	c := ptrChunk{buf: make([]*yaml.Node, max(n, scratchPtrs)), used: n}
	s.ptrs = append(s.ptrs, c)
	s.pi = len(s.ptrs) - 1
	return c.buf[0:0:n]
}

// copyBytes returns a copy of b in s. A nil s gives b itself.
func (s *Scratch) copyBytes(b []byte) []byte {
	if s == nil {
		return b
	}
	n := len(b)
	for ; s.bi < len(s.bytes); s.bi++ {
		c := &s.bytes[s.bi]
		if len(c.buf)-c.used >= n {
			out := c.buf[c.used : c.used+n : c.used+n]
			c.used += n
			copy(out, b)
			return out
		}
	}
	c := byteChunk{buf: make([]byte, max(n, scratchBytes)), used: n}
	s.bytes = append(s.bytes, c)
	s.bi = len(s.bytes) - 1
	copy(c.buf, b)
	return c.buf[:n:n]
}
