package cmd

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
)

// TestCheckMatchesSharedAnswerKey generates books with the shared
// gen_book.py and requires `acct check --format json` to report exactly the
// errors and warnings of its answer key, as a multiset of (file, rule, field).
func TestCheckMatchesSharedAnswerKey(t *testing.T) {
	shared := sharedDir(t)
	for _, seed := range []int{1, 2, 5, 11} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "book")
			gen := exec.Command("python3", filepath.Join(shared, "bench", "gen_book.py"), dir,
				"--accounts", "300", "--seed", fmt.Sprint(seed))
			if out, err := gen.CombinedOutput(); err != nil {
				t.Fatalf("gen_book.py: %v\n%s", err, out)
			}
			code, stdout, stderr := runAcct(t, t.TempDir(), nil, "check", "--book", dir, "--as-of", "2026-03-01", "--format", "json")
			if code != ExitFailure {
				t.Errorf("exit status %d, want 1 (the generated book has errors); stderr: %s", code, stderr)
			}
			var got []struct {
				File, Rule, Severity string
				Field                *string
			}
			if err := json.Unmarshal([]byte(stdout), &got); err != nil {
				t.Fatalf("output is not a JSON array: %v", err)
			}
			count := map[string]int{}
			for _, f := range got {
				if f.Severity == "hint" {
					continue
				}
				field := "<nil>"
				if f.Field != nil {
					field = *f.Field
				}
				count[f.File+" "+f.Rule+" "+field]++
			}
			want := map[string]int{}
			fh, err := os.Open(dir + ".expected.jsonl")
			if err != nil {
				t.Fatal(err)
			}
			defer fh.Close()
			sc := bufio.NewScanner(fh)
			for sc.Scan() {
				var e struct {
					File, Rule string
					Field      *string
				}
				if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
					t.Fatal(err)
				}
				field := "<nil>"
				if e.Field != nil {
					field = *e.Field
				}
				want[e.File+" "+e.Rule+" "+field]++
			}
			var diffs []string
			for k, n := range want {
				if count[k] != n {
					diffs = append(diffs, fmt.Sprintf("%s: got %d, want %d", k, count[k], n))
				}
			}
			for k, n := range count {
				if _, ok := want[k]; !ok {
					diffs = append(diffs, fmt.Sprintf("%s: got %d, want 0", k, n))
				}
			}
			sort.Strings(diffs)
			if len(diffs) > 0 {
				if len(diffs) > 20 {
					diffs = diffs[:20]
				}
				t.Errorf("%d expected findings; differences:\n%v", len(want), diffs)
			}
		})
	}
}
