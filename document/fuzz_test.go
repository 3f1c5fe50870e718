package document

import (
	"testing"
)

// FuzzParse feeds arbitrary files to Parse and Validate: they must never
// panic, a nil Document always comes with an error finding, and findings
// always name the file.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"---\nkind: account\nname: 华星\n---\nbody\n",
		"\xef\xbb\xbf---\r\nkind: x\r\n---\r\n",
		"---\na: [1,\n---\n",
		"---\n\tb: 1\n---\n",
		"---\nname： x\n---\n",
		"<<<<<<< a\n=======\n>>>>>>> b\n",
		"---\na: &x 1\nb: *x\n---\n",
		"---\n- 1\n---\n",
		"---\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, fs := Parse("f.md", src)
		if d == nil {
			if len(fs) == 0 {
				t.Fatal("nil document without a finding")
			}
			return
		}
		for _, x := range append(fs, Validate(d, testSchema)...) {
			if x.File != "f.md" {
				t.Fatalf("finding without the file: %+v", x)
			}
		}
	})
}

// FuzzParseNumber checks that number, percentage and date parsing never
// panic and that a number that parses is finite.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"12亿", "1,200,000", "23%", "0.23", "2026年2月5日", "2026/2/5", "(123)", "1e400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, err := ParseNumber(s); err == nil && (v != v || v > 1e300 || v < -1e300) {
			t.Fatalf("ParseNumber(%q) = %v", s, v)
		}
		ParsePercent(s)
		ParseDate(s)
		ParsePeriod(s)
	})
}
