package document

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// scratchInputs are files to parse: the front-matter samples and the fast
// path's table, wrapped in fences, plus one too large for a single chunk.
func scratchInputs(t *testing.T) []string {
	var srcs []string
	samples, _ := filepath.Glob(filepath.Join("testdata", "frontmatter", "*.yaml"))
	for _, s := range samples {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, "---\n"+string(b)+"\n---\nbody\n")
	}
	if len(srcs) == 0 {
		t.Fatal("no samples in testdata/frontmatter")
	}
	for _, tc := range fastCases {
		srcs = append(srcs, "---\n"+tc.text+"\n---\n")
	}
	var big strings.Builder
	big.WriteString("---\nitems:\n")
	for range 5000 {
		big.WriteString("  - a: 1\n  - name: x\n    tags: [a, b, c]\n")
	}
	big.WriteString("---\n")
	return append(srcs, big.String())
}

// TestScratchParse checks that documents parsed with a Scratch are the
// documents Parse makes, in batches separated by Reset (so reused memory
// starts clean), and that a document stays intact while later ones of the
// same batch are parsed.
func TestScratchParse(t *testing.T) {
	srcs := scratchInputs(t)
	var s Scratch
	for round := range 3 {
		var got []*Document
		for i, src := range srcs {
			if (i+round)%5 == 0 {
				s.Reset()
				got = got[:0]
			}
			d, _ := s.Parse("f.md", []byte(src))
			got = append(got, d)
			// Everything parsed since the last Reset is still as Parse makes it.
			for j, g := range got {
				k := i - len(got) + 1 + j
				want, _ := Parse("f.md", []byte(srcs[k]))
				switch {
				case (g == nil) != (want == nil):
					t.Fatalf("round %d, file %d: scratch document %v, Parse %v", round, k, g, want)
				case g == nil:
				default:
					if d := diffNodes(g.Root, want.Root, ""); d != "" {
						t.Fatalf("round %d, file %d: %s", round, k, d)
					}
				}
			}
		}
	}
}

// TestScratchResetReleasesLarge checks that a Scratch does not keep the
// memory of a huge document after Reset.
func TestScratchResetReleasesLarge(t *testing.T) {
	var s Scratch
	srcs := scratchInputs(t)
	if d, _ := s.Parse("f.md", []byte(srcs[len(srcs)-1])); d == nil {
		t.Fatal("large document did not parse")
	}
	s.Reset()
	if len(s.nodes) != 0 || len(s.ptrs) != 0 {
		t.Fatalf("after Reset: %d node chunks, %d pointer chunks kept", len(s.nodes), len(s.ptrs))
	}
}

// TestScratchStringsOutliveReset checks that the strings of a document
// parsed with a Scratch (node values and findings) stay intact after
// Reset, when the memory of its nodes and bytes is reused for other files.
func TestScratchStringsOutliveReset(t *testing.T) {
	srcs := scratchInputs(t)
	srcs = srcs[:len(srcs)-1] // not the huge one: Reset would drop the memory
	var s Scratch
	var kept [][]string
	for _, src := range srcs {
		d, fs := s.Parse("f.md", []byte(src))
		kept = append(kept, documentStrings(d, fs))
	}
	s.Reset()
	for i := len(srcs) - 1; i >= 0; i-- { // other files into the same memory
		s.Parse("g.md", []byte(strings.ReplaceAll(srcs[i], "a", "Z")))
	}
	for i, src := range srcs {
		d, fs := Parse("f.md", []byte(src))
		want := documentStrings(d, fs)
		if strings.Join(kept[i], "\x00") != strings.Join(want, "\x00") {
			t.Fatalf("file %d: strings changed after Reset:\n%q\nwant\n%q", i, kept[i], want)
		}
	}
}

// documentStrings lists the values of d's tree and the messages of fs.
func documentStrings(d *Document, fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.File, f.Field, f.Message)
	}
	if d == nil {
		return out
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		out = append(out, n.Tag, n.Value)
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(d.Root)
	return out
}

// FuzzScratchParse checks that Scratch.Parse gives what Parse gives, with
// one Scratch reused across inputs (reset after every third), and that the
// strings of the previous batch survive the reset.
// Run it with: go test ./document -run XXX -fuzz FuzzScratchParse
func FuzzScratchParse(f *testing.F) {
	for _, tc := range fastCases {
		f.Add("---\n" + tc.text + "\n---\nbody\n")
	}
	f.Add("\xef\xbb\xbf---\r\nkind: x\r\n---\r\n")
	var s Scratch
	var calls int
	var prev []string // strings of a document parsed before the last Reset
	var prevWant string
	f.Fuzz(func(t *testing.T, src string) {
		calls++
		if calls%3 == 0 {
			s.Reset()
		}
		d, fs := s.Parse("f.md", []byte(src))
		want, wantFs := Parse("f.md", []byte(src))
		got := documentStrings(d, fs)
		if strings.Join(got, "\x00") != strings.Join(documentStrings(want, wantFs), "\x00") {
			t.Fatalf("Scratch.Parse and Parse differ on %q", src)
		}
		if (d == nil) != (want == nil) || d != nil && diffNodes(d.Root, want.Root, "") != "" {
			t.Fatalf("Scratch.Parse and Parse differ on %q", src)
		}
		if prev != nil && strings.Join(prev, "\x00") != prevWant {
			t.Fatalf("strings of an earlier document changed")
		}
		prev, prevWant = got, strings.Join(got, "\x00")
	})
}
