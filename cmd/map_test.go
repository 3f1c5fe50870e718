package cmd

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// TestMapGolden renders the power map of every demo account in every
// format, in Chinese and English.
func TestMapGolden(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		dir := demoBookDir(t, lang)
		for _, acc := range []string{"huaxing", "hengtai", "lanjing"} {
			for _, format := range []string{"text", "mermaid", "dot"} {
				t.Run(lang+"/"+acc+"/"+format, func(t *testing.T) {
					f, out, errOut := testFactory(dir)
					if err := runMap(&MapOptions{F: f, Account: acc, Format: format}); err != nil {
						t.Fatal(err)
					}
					golden(t, "map/"+lang+"_"+acc+"."+format, append(out.Bytes(), append([]byte("-- stderr --\n"), errOut.Bytes()...)...))
				})
			}
		}
	}
}

// TestMapDOTRenders runs Graphviz on the DOT output of every demo account:
// it must render to SVG and show every contact.
func TestMapDOTRenders(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz dot not installed")
	}
	dir := demoBookDir(t, "zh")
	for _, acc := range []string{"huaxing", "hengtai", "lanjing"} {
		f, out, _ := testFactory(dir)
		if err := runMap(&MapOptions{F: f, Account: acc, Format: "dot"}); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(dot, "-Tsvg")
		cmd.Stdin = bytes.NewReader(out.Bytes())
		var svg, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &svg, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s: dot -Tsvg: %v\n%s\n%s", acc, err, stderr.String(), out.String())
		}
		if !strings.Contains(svg.String(), "<svg") {
			t.Fatalf("%s: no SVG from dot", acc)
		}
		a := loadDemoAccount(t, dir, acc)
		for _, c := range a.Contacts {
			if !strings.Contains(svg.String(), c.DisplayName()) {
				t.Errorf("%s: SVG lacks contact %s", acc, c.DisplayName())
			}
		}
	}
}
