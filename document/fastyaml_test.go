package document

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"gopkg.in/yaml.v3"
)

// decodeV3 is the reference: what yaml.v3 makes of text.
func decodeV3(text string) (*yaml.Node, error) {
	var n yaml.Node
	err := yaml.Unmarshal([]byte(text), &n)
	return &n, err
}

// diffNodes returns "" when a and b agree in everything but comments, or
// where they first differ.
func diffNodes(a, b *yaml.Node, path string) string {
	switch {
	case a == nil && b == nil:
		return ""
	case a == nil || b == nil:
		return fmt.Sprintf("%s: node %v vs %v", path, a, b)
	}
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value ||
		a.Line != b.Line || a.Column != b.Column || a.Anchor != b.Anchor || (a.Alias == nil) != (b.Alias == nil) {
		return fmt.Sprintf("%s: fast {kind %v style %v tag %q value %q at %d:%d} vs yaml.v3 {kind %v style %v tag %q value %q at %d:%d}",
			path, a.Kind, a.Style, a.Tag, a.Value, a.Line, a.Column, b.Kind, b.Style, b.Tag, b.Value, b.Line, b.Column)
	}
	if len(a.Content) != len(b.Content) {
		return fmt.Sprintf("%s: %d children vs %d", path, len(a.Content), len(b.Content))
	}
	for i := range a.Content {
		if d := diffNodes(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkFast asserts that when parseFast accepts text, yaml.v3 accepts it
// too and builds the same tree. It returns whether parseFast accepted it.
func checkFast(t *testing.T, text string) bool {
	t.Helper()
	got, ok := parseFast(text)
	if !ok {
		return false
	}
	want, err := decodeV3(text)
	if err != nil {
		t.Fatalf("parseFast accepted text yaml.v3 rejects (%v):\n%s", err, text)
	}
	if d := diffNodes(got, want, ""); d != "" {
		t.Fatalf("parseFast and yaml.v3 differ: %s\ntext:\n%s", d, text)
	}
	return true
}

var fastCases = []struct {
	name string
	text string
	fast bool // whether the fast path must handle it (else it must refuse)
}{
	{"scalars", "kind: account\nname: 华星\nowner: 陈杰\ntier: A", true},
	{"chinese and full-width punctuation", "name: 苏州华星（集团）有限公司\nnote: 先报价，再谈；“重点”！", true},
	{"quoted colon", `key: "a: b"`, true},
	{"quoted hash", `key: "a # b" # comment`, true},
	{"single quoted", "key: 'it''s # not a comment'", true},
	{"empty value", "key:\nother: 1", true},
	{"empty value last", "a: 1\nkey:", true},
	{"empty value with comment", "key: # nothing yet\nother: 1", true},
	{"empty value trailing spaces", "key:   \nother: 1", true},
	{"tilde", "key: ~", true},
	{"null forms", "a: null\nb: Null\nc: NULL\nd: nULL", true},
	{"bools", "a: true\nb: False\nc: TRUE\nd: yes\ne: no\nf: on\ng: tRue", true},
	{"ints", "a: 12\nb: -3\nc: +4\nd: 0x1F\ne: 0o17\nf: 1_000\ng: 0777\nh: 09\ni: 0b101\nj: -0b11\nk: 99999999999999999999\nl: 18446744073709551615\nm: -0o7", true},
	{"floats", "a: 1.5\nb: .5\nc: 1e3\nd: .inf\ne: -.Inf\nf: .NaN\ng: 1.\nh: .x\ni: 1e\nj: +.inf", true},
	{"numbers with commas", `revenue: 1,200,000`, true},
	{"chinese units", "revenue: 12亿\nother: 3500万", true},
	{"percent", "gross_margin: 23%\nshare: 23％", true},
	{"dates", "a: 2026-02-25\nb: 2026-2-5\nc: 2026-02-30\nd: 2026/02/25\ne: 2026年2月25日\nf: 2001-12-14t21:59:43.10-05:00\ng: 2001-12-14 21:59:43.10\nh: 2024H1\ni: 2024", true},
	{"trailing spaces", "a: b   \nc: \"d\"   \ne: [x]  ", true},
	{"inner spaces", "a: b  c   d", true},
	{"hash without space", "a: C#\nb: x#y", true},
	{"flow sequence", `tags: [a, "b c", 3, 'd''e', -1, 2026-01-02]`, true},
	{"flow sequence empty", "tags: []\nother: [ ]", true},
	{"flow sequence chinese", `main_products: ["控制器", "线束"]`, true},
	{"block sequence", "consensus:\n  - \"3 月 15 日前提交方案\"\n  - 第二条\n  -\n  - ~", true},
	{"indentless sequence", "items:\n- a\n- b\nnext: 1", true},
	{"sequence of mappings", "next_steps:\n  - action: \"提交方案1\"\n    owner: 陈杰\n    due: 2026-03-05\n    done: false\n  - action: x\n    owner: y", true},
	{"indentless sequence of mappings", "steps:\n- action: a\n  done: true\n- action: b\nz: 1", true},
	{"nested mappings", "overview:\n  ownership: foreign\n  industry: \"<填写>\"\n  deep:\n    deeper: 1\nbusiness:\n  phase: mature", true},
	{"comments", "# head\nkind: visit # trailing\n  # indented comment\n\nnext: 1\n# tail", true},
	{"comment between key and nested", "a:\n# c\n  b: 1", true},
	{"empty items", "a:\n  -\n  - x\nb:\n  c:\n  d:", true},
	{"item mapping with nested", "a:\n  - b:\n      c: 1\n    d: 2", true},
	{"item with wide spacing", "a:\n  -   b: 1\n      c: 2", true},
	{"item on next line", "a:\n  -\n    b: 1\n  - x", true},
	{"quoted keys", "\"a b\": 1\n'c': 2\n\"\": 3", true},
	{"numeric keys", "1: a\n2026-01-01: b\ntrue: c\n~: d", true},
	{"space before colon", "a : 1\nb  :  2", true},
	{"escapes", `a: "x\ty\n\"q\" \\ \u4e2d \x41 \U0001F600 \_ \N \L \P \e \0 \/"`, false},
	{"escapes valid", `a: "x\ty\n\"q\" \\ \u4e2d \x41 \xe9 \U0001F600 \_ \N \L \P \e \0 \a \b \v \f \r \ \'"`, true},
	{"url", "site: https://example.com/a?b=c#d", true},
	{"plain with colon inside", "time: 10:30\nratio: a:b", true},
	{"dash value", "a: -x\nb: --\nc: ---", true},
	{"indented root", "  a: 1\n  b: 2", true},
	{"top-level sequence", "- a\n- b", true},
	{"duplicate keys", "a: 1\na: 2", true},
	{"placeholders", "name: \"<填写>\"\nowner: TODO\nx: <y>", true},
	{"no-break space value", "a: x\u00a0y", true},
	{"ideographic space in value", "a: 中\u3000文\u3000", true},

	// Outside the subset: refused, yaml.v3 decides.
	{"empty", "", false},
	{"only comments", "# nothing\n", false},
	{"anchor", "a: &x 1\nb: *x", false},
	{"tag", "a: !!str 1", false},
	{"literal block", "a: |\n  text", false},
	{"folded block", "a: >\n  text", false},
	{"flow mapping", "a: {b: 1}", false},
	{"multi-line plain", "a: one\n  two", false},
	{"multi-line quoted", "a: \"one\n  two\"", false},
	{"multi-line flow", "a: [1,\n  2]", false},
	{"tab", "a:\tb", false},
	{"explicit key", "? a\n: b", false},
	{"document marker", "a: 1\n---\nb: 2", false},
	{"merge key", "<<: 1", false},
	{"mapping in value", "purpose: 开年拜访: 了解 BP", false},
	{"value ends in colon", "a: b:", false},
	{"bad indent", "a:\n  b: 1\n c: 2", false},
	{"more indented key", "a: 1\n  b: 2", false},
	{"entry at map indent", "a: 1\n- b", false},
	{"nested entry inline", "- - a", false},
	{"flow trailing comma", "a: [x, ]", false},
	{"flow nested", "a: [[x]]", false},
	{"flow with colon", "a: [x: y]", false},
	{"text after quote", `a: "x" y`, false},
	{"comment after quote without space", `a: "x"#y`, false},
	{"text after flow", "a: [x] y", false},
	{"bad escape", `a: "\q"`, false},
	{"surrogate escape", `a: "\ud800"`, false},
	{"unclosed quote", `a: "x`, false},
	{"CR", "a: 1\r\nb: 2", false},
	{"NEL", "a: x\u0085y", false},
	{"BOM inside", "a: \ufeffx", false},
	{"scalar root", "just text", false},
	{"alias value", "a: *x", false},
	{"percent start", "a: %x", false},
	{"at start", "a: @x", false},
	{"backquote", "a: `x`", false},
	{"comma start", "a: ,x", false},
	{"question start", "a: ?x", false},
	{"directive", "%YAML 1.2\n---\na: 1", false},
	{"long key", strings.Repeat("k", 600) + ": 1", false},
	{"amounts and percentages", "a: 7198万\nb: 12亿\nc: 34%\nd: -5%\ne: 1,200\nf: +3.5万", true},
	{"timestamp with a decimal comma", "a: 2001-12-14 21:59:43,10\nb: 2001-12-14t21:59:43,10-05:00", true},
}

func TestParseFast(t *testing.T) {
	for _, tc := range fastCases {
		t.Run(tc.name, func(t *testing.T) {
			ok := checkFast(t, tc.text)
			if ok != tc.fast {
				_, err := decodeV3(tc.text)
				t.Fatalf("parseFast ok = %v, want %v (yaml.v3 error: %v)\n%s", ok, tc.fast, err, tc.text)
			}
		})
	}
}

// TestParseFastBook runs parseFast against yaml.v3 on every file of a book
// generated by ../shared/bench/gen_book.py (or the book in ACCT_BENCH_BOOK),
// and requires the fast path to handle every file yaml.v3 accepts: a
// generated book uses nothing outside the subset.
func TestParseFastBook(t *testing.T) {
	root := os.Getenv("ACCT_BENCH_BOOK")
	if root == "" {
		root = generatedBook(t, 40)
	}
	var files, fast int
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		front, ok := frontMatter(string(src))
		if !ok {
			return nil
		}
		files++
		if checkFast(t, front) {
			fast++
		} else if _, err := decodeV3(front); err == nil {
			t.Errorf("%s: parseFast refused front matter yaml.v3 accepts:\n%s", path, front)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatal("no files in the book")
	}
	t.Logf("%d of %d files on the fast path", fast, files)
}

// generatedBook writes a book with gen_book.py into a temporary folder, or
// skips the test when python3 or ../shared is not there.
func generatedBook(t testing.TB, accounts int) string {
	gen := filepath.Join("..", "..", "shared", "bench", "gen_book.py")
	if _, err := os.Stat(gen); err != nil {
		t.Skip("no ../shared/bench/gen_book.py")
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	dir := filepath.Join(t.TempDir(), "book")
	out, err := exec.Command(py, gen, dir, "--accounts", fmt.Sprint(accounts), "--seed", "7").CombinedOutput()
	if err != nil {
		t.Fatalf("gen_book.py: %v\n%s", err, out)
	}
	return dir
}

// frontMatter returns the text between the --- fences of a file with LF
// line ends, as Parse hands it to the decoder.
func frontMatter(src string) (string, bool) {
	lines := strings.Split(src, "\n")
	if len(lines) == 0 || !isFence(lines[0]) {
		return "", false
	}
	for i := 1; i < len(lines); i++ {
		if isFence(lines[i]) {
			return strings.Join(lines[1:i], "\n"), true
		}
	}
	return "", false
}

// FuzzParseFast checks that whenever parseFast accepts a text, yaml.v3
// accepts it and builds the same tree (comments aside). Seeds: the table
// above, the samples in testdata/frontmatter (front matter of files from a
// generated book), and a freshly generated book when python3 is present.
// Run it with: go test ./document -run XXX -fuzz FuzzParseFast
func FuzzParseFast(f *testing.F) {
	for _, tc := range fastCases {
		f.Add(tc.text)
	}
	samples, _ := filepath.Glob(filepath.Join("testdata", "frontmatter", "*.yaml"))
	for _, s := range samples {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkFast(t, text)
	})
}

func BenchmarkParseFast(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "frontmatter", "account.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(src)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, ok := parseFast(text); !ok {
			b.Fatal("not on the fast path")
		}
	}
}

func BenchmarkYAMLv3(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "frontmatter", "account.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := decodeV3(string(src)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestParseFastCopiesValues checks that the tree keeps no reference into
// the text, so that a value kept from a document does not pin its file.
func TestParseFastCopiesValues(t *testing.T) {
	text := "kind: contact\nname: \"朱静\"\ntags: [a, 'b', c d]\nnext:\n  - action: x\n    owner: 李明\n"
	root, ok := parseFast(text)
	if !ok {
		t.Fatal("not on the fast path")
	}
	lo := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	hi := lo + uintptr(len(text))
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Value != "" {
			if p := uintptr(unsafe.Pointer(unsafe.StringData(n.Value))); p >= lo && p < hi {
				t.Errorf("value %q at %d:%d points into the text", n.Value, n.Line, n.Column)
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(root)
}

// TestParseFastLongFlowLine: a flow sequence of a million items on one line
// (an 8 MiB file is allowed) is parsed in one pass. Columns used to be
// counted from the start of the line for every item, so this took hours.
func TestParseFastLongFlowLine(t *testing.T) {
	checkFast(t, "aliases: [华星, \"电子\", 'x', 集团] # 注释\nb: [1,  é ,\"ü\"]\n")
	text := "name: a\naliases: [" + strings.Repeat("华,", 1_000_000) + "华]\n"
	n, ok := parseFast(text)
	if !ok {
		t.Fatal("parseFast refused a long flow sequence")
	}
	items := n.Content[0].Content[3].Content
	if len(items) != 1_000_001 {
		t.Fatalf("%d items, want 1000001", len(items))
	}
	if last := items[len(items)-1]; last.Column != 11+2*1_000_000 {
		t.Errorf("last item at column %d, want %d", last.Column, 11+2*1_000_000)
	}
}
