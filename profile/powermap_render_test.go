package profile

import (
	"reflect"
	"strings"
	"testing"
)

func contacts(specs ...[4]string) []*Contact {
	var out []*Contact
	for _, s := range specs {
		out = append(out, &Contact{ID: s[0], Name: strings.ToUpper(s[0]), ReportsTo: s[1], Role: s[2], Stance: s[3]})
	}
	return out
}

func TestPowerMapWarnings(t *testing.T) {
	tests := []struct {
		name string
		cs   []*Contact
		want []string
	}{
		{"none", nil, []string{WarnNoContacts}},
		{"single without decision maker", contacts([4]string{"a", "", "champion", "supporter"}), []string{WarnNoDecisionMaker, WarnSingleThreaded}},
		{"single decision maker", contacts([4]string{"a", "", "decision-maker", "neutral"}), []string{WarnSingleThreaded}},
		{"healthy", contacts([4]string{"a", "", "decision-maker", ""}, [4]string{"b", "a", "champion", "supporter"}), nil},
		{"cycle", contacts([4]string{"a", "b", "decision-maker", ""}, [4]string{"b", "a", "", ""}), []string{WarnCycle}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, w := range NewPowerMap(tt.cs).Warnings() {
				got = append(got, w.Code)
				if w.Message("zh") == w.Code || w.Message("en") == w.Code {
					t.Errorf("%s has no message", w.Code)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("warnings %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPowerMapTree checks the order (bosses first, decision makers and
// champions before others), the drawing, and that a cycle and a dangling
// reports_to still show every contact once.
func TestPowerMapTree(t *testing.T) {
	cs := contacts(
		[4]string{"boss", "", "decision-maker", "neutral"},
		[4]string{"user1", "champ", "user", "supporter"},
		[4]string{"champ", "boss", "champion", "supporter"},
		[4]string{"eval", "boss", "evaluator", "neutral"},
		[4]string{"blk", "boss", "blocker", "opponent"},
		[4]string{"x", "y", "", ""},
		[4]string{"y", "x", "", ""},
		[4]string{"lost", "nobody", "user", "unknown"},
	)
	var got []string
	for _, l := range NewPowerMap(cs).TextTree() {
		got = append(got, l.Prefix+l.Contact.ID)
	}
	want := []string{
		"boss",
		"├── champ",
		"│   └── user1",
		"├── blk",
		"└── eval",
		"lost",
		"x",
		"└── y",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tree:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPowerMapEscaping(t *testing.T) {
	cs := []*Contact{{ID: "a", Name: `Bob "the <boss>" #1`, Title: `C\O`, Role: "blocker", Stance: "opponent"}}
	m := NewPowerMap(cs)
	mer := m.Mermaid("en", "Acme")
	if !strings.Contains(mer, `c0[/"Bob #quot;the #lt;boss#gt;#quot; #35;1<br/>C\O<br/>★ blocker · opponent"\]:::opponent`) {
		t.Errorf("mermaid:\n%s", mer)
	}
	dot := m.DOT("en", `Acme "X"`)
	if !strings.Contains(dot, `label="Bob \"the <boss>\" #1\nC\\O\n★ blocker · opponent"`) || !strings.Contains(dot, `label="Acme \"X\" power map"`) {
		t.Errorf("dot:\n%s", dot)
	}
}

func TestLabels(t *testing.T) {
	if RoleLabel("zh", "champion") != "内线" || RoleLabel("en", "decision-maker") != "decision maker" || RoleLabel("zh", "odd") != "odd" {
		t.Error("role labels")
	}
	if StanceLabel("zh", "opponent") != "反对" || InfluenceLabel("en", "low") != "low influence" {
		t.Error("stance/influence labels")
	}
}
