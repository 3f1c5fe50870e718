package document

import "testing"

func TestNearest(t *testing.T) {
	keys := []string{"inventory_days", "receivable_days", "gross_margin", "tier", "name", "2025", "2024"}
	tests := []struct{ in, want string }{
		{"inventroy_days", "inventory_days"},
		{"Inventory_Days", "inventory_days"},
		{"recievable_days", "receivable_days"},
		{"teir", ""}, // two edits on a short word: too far
		{"tire", ""},
		{"tiers", "tier"},
		{"2052", ""},
		{"2026", "2024"}, // one edit; ties go to the first in order
		{"revenue", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Nearest(tt.in, keys); got != tt.want {
			t.Errorf("Nearest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Nearest("x", nil); got != "" {
		t.Errorf("Nearest with no candidates = %q", got)
	}
}
