package document

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// edit is one change: Set(path, value), or SetNull(path) when null.
type edit struct {
	path, value string
	null        bool
}

func applyEdits(t *testing.T, file string, src []byte, edits []edit) []byte {
	t.Helper()
	d, fs := Parse(file, src)
	if d == nil {
		t.Fatalf("parse %s: %v", file, fs)
	}
	e := NewEditor(d)
	for _, ed := range edits {
		var err error
		if ed.null {
			err = e.SetNull(ed.path)
		} else {
			err = e.Set(ed.path, ed.value)
		}
		if err != nil {
			t.Fatalf("%s: set %s: %v", file, ed.path, err)
		}
	}
	return e.Bytes()
}

// crlfBOM turns an LF file into a BOM + CRLF one.
func crlfBOM(b []byte) []byte {
	return append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...)
}

func TestEditorGolden(t *testing.T) {
	confirm := []edit{
		{path: "confirmation.status", value: "confirmed"},
		{path: "confirmation.confirmed", value: "2026-03-01"},
		{path: "confirmation.by", value: "zhang-datong"},
		{path: "confirmation.channel", value: "wechat"},
	}
	tests := []struct {
		name, in string
		edits    []edit
	}{
		{"confirm", "visit_template.md", confirm},
		{"dispute_note_needs_quotes", "visit_template.md", []edit{
			{path: "confirmation.status", value: "disputed"},
			{path: "confirmation.note", value: "交期: 不是 3 月 15 日 #2"},
		}},
		{"sent_again_clears", "visit_template.md", []edit{
			{path: "confirmation.status", value: "sent"},
			{path: "confirmation.sent", value: "2026-03-02"},
			{path: "confirmation.confirmed", null: true},
			{path: "x_custom", value: "true"},
		}},
		{"new_block_at_end", "no_confirmation.md", confirm},
		{"fill_empty_block", "empty_confirmation.md", confirm},
		{"fill_flow_block", "flow_confirmation.md", []edit{{path: "confirmation.status", value: "sent"}}},
		{"indent4_quoted_and_literal", "indent4.md", []edit{
			{path: "confirmation.status", value: "confirmed"},
			{path: "confirmation.note", value: "one line now"},
			{path: "confirmation.by", value: "zhang-datong"},
			{path: "confirmation.channel", value: "email"},
			{path: "overview.phase", value: "growth"},
		}},
		{"plain_multiline", "plain_multiline.md", []edit{
			{path: "confirmation.note", value: "short"},
			{path: "confirmation.status", value: "confirmed"},
		}},
		{"new_nested_parents", "no_confirmation.md", []edit{{path: "a.b.c", value: "deep"}}},
		// acct visit dispute after confirm: confirmed and by are cleared,
		// their comments stay.
		{"dispute_after_confirm", "confirmed.md", []edit{
			{path: "confirmation.status", value: "disputed"},
			{path: "confirmation.note", value: "交期: 要 4 月 1 日"},
			{path: "confirmation.confirmed", null: true},
			{path: "confirmation.by", null: true},
		}},
		// acct visit confirm after a dispute: the note is cleared.
		{"confirm_after_dispute", "disputed.md", []edit{
			{path: "confirmation.status", value: "confirmed"},
			{path: "confirmation.confirmed", value: "2026-03-01"},
			{path: "confirmation.by", value: "zhang-datong"},
			{path: "confirmation.note", null: true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", "edit", tt.in))
			if err != nil {
				t.Fatal(err)
			}
			got := applyEdits(t, tt.in, src, tt.edits)
			golden := filepath.Join("testdata", "edit", tt.name+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			// The same edits on a BOM + CRLF copy give the BOM + CRLF golden.
			if got := applyEdits(t, tt.in, crlfBOM(src), tt.edits); !bytes.Equal(got, crlfBOM(want)) {
				t.Errorf("BOM+CRLF: got %q\nwant %q", got, crlfBOM(want))
			}
			// Every value reads back.
			d, fs := Parse(tt.in, got)
			if d == nil {
				t.Fatalf("result does not parse: %v", fs)
			}
			for _, ed := range tt.edits {
				n := Lookup(d.Root, ed.path)
				if ed.null {
					if !Missing(n) {
						t.Errorf("%s: want empty, got %q", ed.path, n.Value)
					}
					continue
				}
				if n == nil || n.Value != ed.value {
					t.Errorf("%s: read back %v, want %q", ed.path, n, ed.value)
				}
			}
		})
	}
}

// TestEditorTouchesOnlyChangedLines checks, line by line, that replacing
// values leaves every other line byte-identical.
func TestEditorTouchesOnlyChangedLines(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "edit", "visit_template.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range [][]byte{src, crlfBOM(src)} {
		got := applyEdits(t, "v.md", in, []edit{{path: "confirmation.by", value: "wang-jun"}, {path: "confirmation.status", value: "confirmed"}})
		a, b := strings.Split(string(in), "\n"), strings.Split(string(got), "\n")
		if len(a) != len(b) {
			t.Fatalf("line count changed: %d -> %d", len(a), len(b))
		}
		changed := 0
		for i := range a {
			if a[i] != b[i] {
				changed++
				if !strings.Contains(b[i], "by: wang-jun") && !strings.Contains(b[i], "status: confirmed") {
					t.Errorf("line %d changed unexpectedly: %q -> %q", i+1, a[i], b[i])
				}
			}
		}
		if changed != 2 {
			t.Errorf("%d lines changed, want 2", changed)
		}
	}
}

func TestEditorNoChange(t *testing.T) {
	src := []byte("---\nkind: visit\nconfirmation:\n  status: sent   # x\n---\n")
	d, _ := Parse("v.md", src)
	e := NewEditor(d)
	if err := e.Set("confirmation.status", "sent"); err != nil {
		t.Fatal(err)
	}
	if e.Changed() {
		t.Errorf("setting the same value changed the file: %q", e.Bytes())
	}
	if err := e.Set("confirmation.status", "confirmed"); err != nil {
		t.Fatal(err)
	}
	if !e.Changed() {
		t.Error("Changed is false after a change")
	}
}

func TestEditorLoneCR(t *testing.T) {
	src := []byte("---\rkind: visit\rconfirmation:\r  status: sent\r---\rbody\r")
	got := applyEdits(t, "v.md", src, []edit{{path: "confirmation.status", value: "confirmed"}, {path: "confirmation.by", value: "x"}})
	want := "---\rkind: visit\rconfirmation:\r  status: confirmed\r  by: x\r---\rbody\r"
	if string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestEditorErrors(t *testing.T) {
	src := []byte("---\nkind: visit\nconsensus: [a, b]\nnext_steps:\n  - action: x\nname: plain\nflow: {a: 1}\n---\n")
	tests := []struct{ path, want string }{
		{"consensus", "consensus is a list, not a single value"},
		{"next_steps.action", "next_steps is a list, not a block of fields"},
		{"name.first", "name is a value, not a block of fields"},
		{"flow.a", "flow is a {...} mapping, not a block of fields"},
		{"flow", "flow is a {...} mapping, not a single value"},
		{"a..b", "bad field path"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			d, _ := Parse("v.md", src)
			e := NewEditor(d)
			err := e.Set(tt.path, "v")
			if !errors.Is(err, ErrEdit) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if !bytes.Equal(e.Bytes(), src) {
				t.Errorf("a failed edit changed the text: %q", e.Bytes())
			}
		})
	}
}

func TestScalarText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"confirmed", "confirmed"},
		{"2026-03-01", "2026-03-01"},
		{"zhang-datong", "zhang-datong"},
		{"交期不对", "交期不对"},
		{"", `""`},
		{"true", `"true"`},
		{"null", `"null"`},
		{"~", `"~"`},
		{"a: b", `"a: b"`},
		{"#1", `"#1"`},
		{"x #1", `"x #1"`},
		{"- item", `"- item"`},
		{" padded", `" padded"`},
		{"two\nlines", `"two\nlines"`},
		{`say "hi"`, `say "hi"`},
		{`"quoted"`, `"\"quoted\""`},
		{"[a]", `"[a]"`},
		{"007", "007"},
	}
	for _, tt := range tests {
		if got := ScalarText(tt.in); got != tt.want {
			t.Errorf("ScalarText(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// FuzzEditorSet sets a value at a path in arbitrary front matter: the edit
// either fails leaving the text as it was, or the result parses and reads
// the value back, with the body untouched.
func FuzzEditorSet(f *testing.F) {
	f.Add("---\nkind: visit\nconfirmation:\n  status: sent   # x\n---\nbody\n", "confirmation.status", "confirmed")
	f.Add("\xef\xbb\xbf---\r\nkind: visit\r\n---\r\n", "confirmation.note", "a: b #c")
	f.Add("---\na:\n  b: |\n    x\n    y\n  c: 1\n---\n", "a.b", "z")
	f.Add("---\na: {}\nb: [1]\n---\n", "a.x.y", "\"q\"")
	f.Fuzz(func(t *testing.T, src, path, value string) {
		d, _ := Parse("f.md", []byte(src))
		if d == nil || strings.ContainsAny(path, " \t\r\n:#") || len(path) > 40 {
			return
		}
		e := NewEditor(d)
		if err := e.Set(path, value); err != nil {
			if !bytes.Equal(e.Bytes(), []byte(src)) {
				t.Fatalf("failed edit changed the text: %v", err)
			}
			return
		}
		d2, fs := Parse("f.md", e.Bytes())
		if d2 == nil {
			t.Fatalf("result does not parse: %v\n%q", fs, e.Bytes())
		}
		if n := Lookup(d2.Root, path); n == nil || n.Value != value {
			t.Fatalf("%s reads back %v, want %q", path, n, value)
		}
		if !bytes.Equal(d2.Body, d.Body) {
			t.Fatalf("body changed: %q -> %q", d.Body, d2.Body)
		}
	})
}
