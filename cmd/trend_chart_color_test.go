package cmd

import (
	"image/color"
	"testing"

	"github.com/acctbook/acct/trend"
)

func TestSignalColor(t *testing.T) {
	tests := []struct {
		kinds []string
		want  color.Color
	}{
		{[]string{trend.KindDecline}, colorDown},
		{[]string{trend.KindLapsed}, colorDown},
		{[]string{trend.KindSurge}, colorUp},
		{[]string{trend.KindNew}, colorUp},
		{[]string{trend.KindSurge, trend.KindDecline}, colorMixed},
	}
	for _, tt := range tests {
		if got := signalColor(tt.kinds); got != tt.want {
			t.Errorf("signalColor(%v) = %v, want %v", tt.kinds, got, tt.want)
		}
	}
}
