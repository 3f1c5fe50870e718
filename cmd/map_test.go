package cmd

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/acctbook/acct/profile"
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

// TestMapMermaidParses parses the Mermaid output of every demo account, and
// of a map with awkward names, with the real mermaid parser. It needs node
// and a folder with `npm install mermaid jsdom` named by
// $ACCT_MERMAID_MODULES; otherwise it is skipped.
func TestMapMermaidParses(t *testing.T) {
	mods := os.Getenv("ACCT_MERMAID_MODULES")
	node, err := exec.LookPath("node")
	if mods == "" || err != nil {
		t.Skip("set ACCT_MERMAID_MODULES to a folder with node_modules/mermaid and jsdom (and install node)")
	}
	script, _ := filepath.Abs(filepath.Join("testdata", "mermaid", "check.mjs"))
	parse := func(name string, text []byte) {
		cmd := exec.Command(node, script, mods)
		cmd.Stdin = bytes.NewReader(text)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Errorf("%s: mermaid cannot parse it: %v\n%s\n%s", name, err, out.String(), text)
		}
	}
	for _, lang := range []string{"zh", "en"} {
		dir := demoBookDir(t, lang)
		for _, acc := range demoAccounts {
			f, out, _ := testFactory(dir)
			if err := runMap(&MapOptions{F: f, Account: acc, Format: "mermaid"}); err != nil {
				t.Fatal(err)
			}
			parse(lang+"/"+acc, out.Bytes())
		}
	}
	cs := []*profile.Contact{
		{ID: "a", Name: `Bob "the <boss>" #1; [x] {y} (z) |w| end`, Title: `C\O & "co"`, Role: "decision-maker", Stance: "supporter"},
		{ID: "b", Name: "李 --> 四", ReportsTo: "a", Role: "champion"},
		{ID: "c", Name: "graph", ReportsTo: "a", Role: "blocker", Stance: "opponent", Key: true},
		{ID: "d", ReportsTo: "c", Role: "user", Stance: "neutral"},
	}
	parse("awkward names", []byte(profile.NewPowerMap(cs).Mermaid("zh", `公司 "X" %% --> end`)))
}
