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
// the nodes for reuse, so nothing may keep a *yaml.Node (Document.Root, a
// node of its tree, or a Document) past it. Strings taken from nodes
// (Value, Tag) stay valid: they never live in the slabs. Trees that the
// fast path cannot build (yaml.v3 decodes those) are ordinary memory.
//
// The zero value is ready to use. A Scratch must not be used by two
// goroutines at once.
type Scratch struct {
	nodes []nodeChunk
	ptrs  []ptrChunk
	// ni and pi are the chunks being cut from.
	ni, pi int
}

type nodeChunk struct {
	buf  []yaml.Node
	used int
}

type ptrChunk struct {
	buf  []*yaml.Node
	used int
}

// Chunk sizes: enough for a few typical files; larger requests get a chunk
// of their own size.
const (
	scratchNodes = 1024
	scratchPtrs  = 1024
	// scratchKeep is the total size (in nodes) beyond which Reset frees the
	// chunks instead of keeping them, so one huge file does not pin its
	// memory for the rest of a run.
	scratchKeep = 1 << 15
)

// Parse is Parse with the tree's nodes cut from s; see Scratch for how
// long the result stays valid.
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
	s.ni, s.pi = 0, 0
	if total > scratchKeep {
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
