package document

import (
	"os"
	"path/filepath"
	"testing"
)

// typicalAccount is a generated account.md (../shared/bench/gen_book.py):
// the front matter of testdata/frontmatter/account.yaml and a short body.
func typicalAccount(tb testing.TB) []byte {
	front, err := os.ReadFile(filepath.Join("testdata", "frontmatter", "account.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	return []byte("---\n" + string(front) + "\n---\n## 公司概要\n\n一家食品饮料企业。\n")
}

// BenchmarkParse is document.Parse on a typical account profile (about 40
// lines of front matter), the unit of work acct check repeats per file.
func BenchmarkParse(b *testing.B) {
	src := typicalAccount(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		d, fs := Parse("accounts/x/account.md", src)
		if d == nil || len(fs) > 0 {
			b.Fatal(fs)
		}
	}
}

// BenchmarkParseYAMLv3 is BenchmarkParse with the fast path off, so that
// yaml.v3 decodes the front matter, as Parse did before fastyaml.go: the
// peer for BenchmarkParse.
func BenchmarkParseYAMLv3(b *testing.B) {
	fastYAML = false
	defer func() { fastYAML = true }()
	src := typicalAccount(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		d, fs := Parse("accounts/x/account.md", src)
		if d == nil || len(fs) > 0 {
			b.Fatal(fs)
		}
	}
}

// BenchmarkParseScratch is BenchmarkParse with the tree in a Scratch that
// is reset after each file, as acct check's workers do.
func BenchmarkParseScratch(b *testing.B) {
	src := typicalAccount(b)
	var s Scratch
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		d, fs := s.Parse("accounts/x/account.md", src)
		if d == nil || len(fs) > 0 {
			b.Fatal(fs)
		}
		s.Reset()
	}
}
