package profile

import (
	"testing"

	"github.com/acctbook/acct/document"
)

// What acct prints for a role or stance (the power map's Chinese labels)
// and the words the contact template's comments suggest are accepted back
// on a card and by --role.
func TestContactEnumsAcceptTheirLabels(t *testing.T) {
	for field, labels := range map[string]map[string][2]string{"role": roleLabels, "stance": stanceLabels, "influence": influenceLabels} {
		spec := ContactSchema.Key(field)
		for value, l := range labels {
			for _, word := range []string{value, l[0]} {
				if got, ok := document.EnumValue(spec, word); !ok || got != value {
					t.Errorf("%s %q = %q, %v; want %q", field, word, got, ok, value)
				}
			}
		}
	}
	for word, want := range map[string]string{"拍板人": "decision-maker", "管钱的人": "economic-buyer", "内部支持者": "champion",
		"把关人": "gatekeeper", "阻碍者": "blocker"} {
		if got, ok := document.EnumValue(ContactSchema.Key("role"), word); !ok || got != want {
			t.Errorf("role %q = %q, %v; want %q", word, got, ok, want)
		}
	}
	if got, ok := document.EnumValue(ContactSchema.Key("stance"), "不清楚"); !ok || got != "unknown" {
		t.Errorf("stance 不清楚 = %q, %v", got, ok)
	}
}
