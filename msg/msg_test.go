package msg

import (
	"errors"
	"io/fs"
	"testing"
)

var errSentinel = New("not a number")

func init() {
	Register("zh", map[string]string{
		"%s then %s: %w":              "%[3]w:先 %[2]s 后 %[1]s",
		"not a number":                "不是数字",
		"%q: %w (write 12亿 or 3500万)": "%q:%w(请写成 12亿 或 3500万)",
		"financials.revenue: %v":      "financials.revenue:%v",
		"missing in the %s":           "%s中缺少",
		"line %d of %s, year %d":      "%[2]s 第 %[1]d 行,%[3]d 年",
		"cannot open %s: %w":          "无法打开 %s:%w",
	})
	RegisterPhrases("zh", map[Phrase]string{"contact card": "联系人卡片"})
}

func TestSprintf(t *testing.T) {
	for _, tt := range []struct {
		lang, format string
		args         []any
		want         string
	}{
		{"zh", "missing in the %s", []any{Phrase("contact card")}, "联系人卡片中缺少"},
		{"en", "missing in the %s", []any{Phrase("contact card")}, "missing in the contact card"},
		{"zh", "missing in the %s", []any{"contact card"}, "contact card中缺少"},               // a value, not wording
		{"zh", "line %d of %s, year %d", []any{1234, "a.md", 2026}, "a.md 第 1234 行,2026 年"}, // no digit grouping
		{"zh", "not translated %d", []any{1}, "not translated 1"},
		{"zh", "missing in the %s", []any{Phrase("unknown phrase")}, "unknown phrase中缺少"},
		{"", "cannot open %s: %w", []any{"x", errSentinel}, "cannot open x: not a number"},
		{"zh", "%s then %s: %w", []any{"a", "b", errSentinel}, "不是数字:先 b 后 a"}, // an indexed %w
	} {
		if got := Sprintf(tt.lang, tt.format, tt.args...); got != tt.want {
			t.Errorf("Sprintf(%s, %q) = %q, want %q", tt.lang, tt.format, got, tt.want)
		}
	}
}

// TestErrorChain translates an error and the errors it wraps, and keeps
// errors.Is working.
func TestErrorChain(t *testing.T) {
	inner := Errorf("%q: %w (write 12亿 or 3500万)", "12y", errSentinel)
	outer := Errorf("financials.revenue: %v", inner)
	if got := Localize(outer, "zh"); got != `financials.revenue:"12y":不是数字(请写成 12亿 或 3500万)` {
		t.Errorf("zh: %q", got)
	}
	if got := outer.Error(); got != `financials.revenue: "12y": not a number (write 12亿 or 3500万)` {
		t.Errorf("en: %q", got)
	}
	if !errors.Is(inner, errSentinel) {
		t.Error("errors.Is lost the sentinel")
	}
	pe := &fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}
	wrapped := Errorf("cannot open %s: %w", "x", pe)
	if !errors.Is(wrapped, fs.ErrNotExist) {
		t.Error("errors.Is through %w")
	}
	var got *fs.PathError
	if !errors.As(wrapped, &got) {
		t.Error("errors.As through %w")
	}
	if s := Localize(wrapped, "zh"); s != "无法打开 x:open x: file does not exist" {
		t.Errorf("foreign error kept: %q", s)
	}
	if Localize(pe, "zh") != pe.Error() || Localize(nil, "zh") != "" {
		t.Error("Localize of a foreign or nil error")
	}
}

func TestRegisterTwicePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	Register("zh", map[string]string{"not a number": "不是数"})
}

func TestRegisterPhraseTwicePanics(t *testing.T) {
	RegisterPhrases("zh", map[Phrase]string{"contact card": "联系人卡片"}) // the same again is fine
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	RegisterPhrases("zh", map[Phrase]string{"contact card": "名片"})
}

func TestText(t *testing.T) {
	x := T("missing in the %s", Phrase("contact card"))
	if x.In("zh") != "联系人卡片中缺少" || x.String() != "missing in the contact card" {
		t.Errorf("%q %q", x.In("zh"), x.String())
	}
	if Sprintf("zh", "financials.revenue: %v", x) != "financials.revenue:联系人卡片中缺少" {
		t.Error("Text argument not translated")
	}
}
