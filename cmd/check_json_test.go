package cmd

import (
	"bufio"
	"bytes"
	"encoding/json"
	"testing"

	"github.com/acctbook/acct/document"
)

// encodeFindingsV1 is how `acct check --format json` printed findings
// before appendFindingsJSON (writeFindingsJSON until this change): each
// finding through encoding/json, two-space indent and prefix, no HTML
// escaping by the encoder (Finding.MarshalJSON escapes it).
func encodeFindingsV1(t *testing.T, fs []document.Finding) []byte {
	if len(fs) == 0 {
		return []byte("[]\n")
	}
	var out, buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	for i := range fs {
		buf.Reset()
		if i == 0 {
			buf.WriteString("[\n  ")
		} else {
			buf.WriteString(",\n  ")
		}
		if err := enc.Encode(&fs[i]); err != nil {
			t.Fatal(err)
		}
		buf.Truncate(buf.Len() - 1) // Encode's newline
		out.Write(buf.Bytes())
	}
	out.WriteString("\n]\n")
	return out.Bytes()
}

// TestFindingsJSON checks the hand-written JSON of findings against
// encoding/json byte for byte, with strings that need escaping of every
// kind, empty fields (null) and findings spread over accounts, some with
// none.
func TestFindingsJSON(t *testing.T) {
	texts := []string{
		"", "plain", "华星电子", "contacts>=3", "a & b <c>", `quote " and \ backslash`,
		"tab\tnew\nline\rcr", "\x00\x01\x1f\x7f", "bad \xff utf-8 \xe2\x80", "line\u2028para\u2029",
		"emoji 😀 and ＜full width＞", "<填写>", "\u00a0nbsp", "\ufeffbom", "end\\",
	}
	var fs []document.Finding
	for i, s := range texts {
		fs = append(fs, document.Finding{File: "accounts/x/" + s + ".md", Line: i, Column: i * 3,
			Severity: document.SeverityWarning, Rule: "missing-field", Field: s, Account: texts[len(texts)-1-i], Message: s + ": " + s})
	}
	fs = append(fs, document.Finding{File: "f.md", Severity: document.SeverityError, Rule: "yaml-syntax", Line: -1})
	cases := [][][]document.Finding{
		nil,
		{nil, nil},
		{fs[:1]},
		{fs},
		{nil, fs[:3], nil, fs[3:4], fs[4:], nil},
	}
	for _, parts := range cases {
		var all []document.Finding
		cp := make([]checkedAccount, len(parts))
		for i, p := range parts {
			all = append(all, p...)
			cp[i].out = appendFindingsJSON(nil, p)
		}
		var got bytes.Buffer
		w := bufio.NewWriter(&got)
		writeFindingsJSONParts(w, cp)
		w.Flush()
		if want := encodeFindingsV1(t, all); !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%d findings in %d parts:\ngot:\n%s\nwant:\n%s", len(all), len(parts), got.Bytes(), want)
		}
	}
}

// FuzzFindingsJSON compares appendFindingsJSON with encoding/json on
// arbitrary strings.
func FuzzFindingsJSON(f *testing.F) {
	f.Add("a<b", "华星", "x\xffy", 3)
	f.Fuzz(func(t *testing.T, file, field, msg string, line int) {
		fs := []document.Finding{{File: file, Line: line, Column: -line, Severity: document.SeverityHint,
			Rule: msg, Field: field, Account: file + field, Message: msg}}
		var got bytes.Buffer
		w := bufio.NewWriter(&got)
		writeFindingsJSONParts(w, []checkedAccount{{out: appendFindingsJSON(nil, fs)}})
		w.Flush()
		if want := encodeFindingsV1(t, fs); !bytes.Equal(got.Bytes(), want) {
			t.Fatalf("got:\n%s\nwant:\n%s", got.Bytes(), want)
		}
	})
}
