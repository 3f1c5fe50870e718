package templates

import (
	"io/fs"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"gopkg.in/yaml.v3"
)

// TestDemoBook checks the demo book holds what the issue asks for: three
// accounts of tiers A, B and C, eight or more contacts with one fully filled
// key person, five or more visits in every confirmation state, and purchase
// files per account, one GBK-encoded with Chinese ERP headers.
func TestDemoBook(t *testing.T) {
	demo := Demo()
	tiers := map[string]bool{}
	statuses := map[string]int{}
	contacts, visits, purchases := 0, 0, 0
	fullKey := false
	gbk := false
	err := fs.WalkDir(demo, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(demo, p)
		if err != nil {
			return err
		}
		if strings.Contains(p, "/purchases/") {
			purchases++
			if !utf8.Valid(data) {
				dec, err := simplifiedchinese.GBK.NewDecoder().Bytes(data)
				if err != nil {
					t.Errorf("%s: neither UTF-8 nor GBK: %v", p, err)
				}
				gbk = strings.HasPrefix(string(dec), "单据日期,") && strings.Contains(string(dec), "价税合计")
			}
			return nil
		}
		if !strings.HasSuffix(p, ".md") || !strings.HasPrefix(p, "accounts/") {
			return nil
		}
		var m map[string]any
		if err := yaml.Unmarshal(frontMatter(t, data), &m); err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		switch m["kind"] {
		case "account":
			tiers[m["tier"].(string)] = true
		case "contact":
			contacts++
			if m["key"] == true {
				full := true
				for _, k := range []string{"title", "role", "stance", "influence", "traits", "interests",
					"preferences", "family", "pain_points", "kpi", "career", "reports_to"} {
					if v, ok := m[k]; !ok || v == nil || v == "" {
						full = false
					}
				}
				if fam, _ := m["family"].([]any); full && len(fam) > 0 {
					born := fam[0].(map[string]any)["born"]
					fullKey = fullKey || born != nil
				}
			}
		case "visit":
			visits++
			statuses[m["confirmation"].(map[string]any)["status"].(string)]++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !tiers["A"] || !tiers["B"] || !tiers["C"] {
		t.Errorf("tiers %v, want A, B and C", tiers)
	}
	if contacts < 8 || visits < 5 || purchases < 3 {
		t.Errorf("%d contacts, %d visits, %d purchase files; want at least 8, 5, 3", contacts, visits, purchases)
	}
	for _, s := range []string{"draft", "sent", "confirmed", "disputed"} {
		if statuses[s] == 0 {
			t.Errorf("no visit with confirmation status %s (have %v)", s, statuses)
		}
	}
	if !fullKey {
		t.Error("no fully filled key-person card with family born years")
	}
	if !gbk {
		t.Error("no GBK-encoded purchase file with Chinese ERP headers")
	}
}
