package book

import "testing"

func TestSuggestField(t *testing.T) {
	src := []byte("---\nkind: account\nfinancials:\n  - period: 2025\n    inventory_days: 60\nsuppliers:\n  incumbents:\n    - name: 竞争对手甲\n      share: 40%\n---\n")
	tests := []struct{ field, want string }{
		{"financials.2025.inventroy_days", "financials.2025.inventory_days"},
		{"finacials.2025.inventory_days", "financials.2025.inventory_days"},
		{"financials.2025.inventory_days", ""}, // present: nothing to suggest
		{"financials.2031.inventory_days", ""}, // no period close enough... 2031 vs 2025 is 2 edits on 4 bytes
		{"suppliers.incumbent", "suppliers.incumbents"},
		{"suppliers.incumbents.竞争对手甲.shares", "suppliers.incumbents.竞争对手甲.share"},
		{"nosuch.field", ""},
	}
	for _, tt := range tests {
		if got := SuggestField(src, tt.field); got != tt.want {
			t.Errorf("SuggestField(%q) = %q, want %q", tt.field, got, tt.want)
		}
	}
	if got := SuggestField([]byte("no front matter"), "tier"); got != "" {
		t.Errorf("without front matter: %q", got)
	}
}
