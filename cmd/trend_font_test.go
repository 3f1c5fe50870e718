package cmd

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/acctbook/acct/trend"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
)

// misalignedTTC wraps a font in a one-face collection whose tables start
// one byte past a four-byte boundary, like WenQuanYi's and AR PL's files.
func misalignedTTC(t *testing.T, ttf []byte) []byte {
	t.Helper()
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	head := 12 // ttcf tag, version, count, one offset
	out := make([]byte, head+4, len(ttf)+4*n+64)
	copy(out, "ttcf")
	binary.BigEndian.PutUint32(out[4:], 0x00010000)
	binary.BigEndian.PutUint32(out[8:], 1)
	binary.BigEndian.PutUint32(out[12:], uint32(head+4))
	dirAt := len(out)
	out = append(out, ttf[:12+16*n]...)
	for i := 0; i < n; i++ {
		rec := ttf[12+16*i:]
		off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		for len(out)%4 != 1 {
			out = append(out, 0)
		}
		binary.BigEndian.PutUint32(out[dirAt+12+16*i+8:], uint32(len(out)))
		out = append(out, ttf[off:off+size]...)
	}
	return out
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLoadFontMisalignedCollection reads a collection x/image refuses
// (go.dev/issue/46384) by copying its tables aligned.
func TestLoadFontMisalignedCollection(t *testing.T) {
	ttc := misalignedTTC(t, goregular.TTF)
	coll, err := opentype.ParseCollection(ttc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := coll.Font(0); err == nil {
		t.Fatal("the fixture is not misaligned: x/image parses it")
	}
	path := writeFile(t, t.TempDir(), "mis.ttc", ttc)
	f, missing, err := loadFont(path, []rune("Cable 2026-02"))
	if err != nil || f == nil {
		t.Fatalf("loadFont = %v, %q, %v", f != nil, missing, err)
	}
	if _, missing, _ := loadFont(path, []rune("Cable电")); missing != '电' {
		t.Errorf("missing = %q, want 电", missing)
	}
}

// TestChartFontsFind checks the lookup order and what is said when fonts
// are missing or unusable, with the Go font standing in for a CJK one
// (need holds only its letters).
func TestChartFontsFind(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.ttf", goregular.TTF)
	junk := writeFile(t, dir, "junk.ttf", []byte("not a font"))
	latin := []rune("Cable 2026")
	none := func() []string { return nil }

	f, file, problems, _ := chartFonts{Env: junk, Setting: filepath.Join(dir, "nope.ttf"), FontConfig: none, Paths: []string{filepath.Join(dir, "absent.ttc"), good}}.find(latin)
	if f == nil || file != good {
		t.Fatalf("find = %v %q, want %s from the paths", f != nil, file, good)
	}
	if len(problems) != 2 || !strings.Contains(problems[0].String(), "ACCT_FONT "+junk+": not a TrueType/OpenType font") ||
		!strings.Contains(problems[1].String(), "chart.font in acct.yaml") {
		t.Errorf("problems = %q", problems)
	}

	// The rep's choice wins over fontconfig and the paths.
	other := writeFile(t, dir, "other.ttf", goregular.TTF)
	if _, file, _, _ := (chartFonts{Env: other, FontConfig: func() []string { return []string{good} }}).find(latin); file != other {
		t.Errorf("ACCT_FONT not first: %s", file)
	}
	// fontconfig's first answer may lack the characters: the next one is used.
	if _, file, _, _ := (chartFonts{FontConfig: func() []string { return []string{junk, good} }}).find(latin); file != good {
		t.Errorf("fontconfig order: %s", file)
	}
	// A font without the characters is no answer; unreadable ones are listed.
	f, _, problems, unreadable := chartFonts{Env: good, FontConfig: func() []string { return []string{junk} }, Paths: []string{good}}.find([]rune("电源"))
	if f != nil || len(problems) != 1 || !strings.Contains(problems[0].String(), `has no "电"`) || len(unreadable) != 1 || unreadable[0] != junk {
		t.Errorf("find(电源) = %v, %q, %q", f != nil, problems, unreadable)
	}
}

// TestCJKFontPaths covers the usual places per system.
func TestCJKFontPaths(t *testing.T) {
	env := func(k string) string { return map[string]string{"WINDIR": `D:\Win`}[k] }
	for goos, want := range map[string]string{"darwin": "/System/Library/Fonts/PingFang.ttc",
		"windows": filepath.Join(`D:\Win`, "Fonts", "msyh.ttc"), "linux": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"} {
		if got := cjkFontPaths(goos, env); len(got) == 0 || got[0] != want {
			t.Errorf("%s: first path %v, want %s", goos, got, want)
		}
	}
}

// chartReport is a report with a Chinese and a Latin product for hx.
func chartReport() *trend.Report {
	m, _ := trend.ParseMonth("2026-02")
	mk := func(product string, vals ...float64) *trend.Series {
		s := &trend.Series{Account: "hx", Product: product, Start: m - trend.Month(len(vals)-1)}
		for _, v := range vals {
			s.Values = append(s.Values, trend.Value(v*trend.Scale))
		}
		return s
	}
	return &trend.Report{AsOf: m, Series: []*trend.Series{mk("电源模块", 1000, 800, 600, 400), mk("Cable", 0, 0, 0, 400)},
		Signals: []trend.Signal{{Account: "hx", Product: "电源模块", Kind: trend.KindDecline}}}
}

// TestPNGChartChineseFont draws a PNG with Chinese names: with no font it
// warns once with the fix and still writes the chart; with a real Chinese
// font from the system (CI installs fonts-wqy-microhei) it warns nothing
// and the text changes the picture.
func TestPNGChartChineseFont(t *testing.T) {
	dir := t.TempDir()
	var warn bytes.Buffer
	ios := &IOStreams{ErrOut: &warn}
	bare := filepath.Join(dir, "bare.png")
	if err := drawTrendChart(bare, chartReport(), "hx", "华星电子", "amount", 6, chartFonts{}, ios); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(warn.String(), "warning:"); n != 1 || !strings.Contains(warn.String(), "ACCT_FONT") ||
		!strings.Contains(warn.String(), "华星电子源模块") {
		t.Errorf("warnings = %q, want one naming the missing characters and ACCT_FONT", warn.String())
	}
	if st, err := os.Stat(bare); err != nil || st.Size() == 0 {
		t.Fatalf("no chart written without a font: %v", err)
	}
	// SVG never needs a font.
	warn.Reset()
	if err := drawTrendChart(filepath.Join(dir, "x.svg"), chartReport(), "hx", "华星电子", "amount", 6, chartFonts{}, ios); err != nil || warn.Len() > 0 {
		t.Errorf("svg: %v, %q", err, warn.String())
	}

	sys := systemChartFonts(func(string) string { return "" }, dir, "")
	all := textRunes([]string{"华星电子 purchases to 2026-02 amount per month month 0123456789-.e+", "电源模块", "Cable", "decline", "下降", "截至的采购每月金额份"})
	if f, _, _, _ := sys.find(all); f == nil {
		t.Skip("no Chinese font on this machine (apt-get install fonts-wqy-microhei)")
	}
	warn.Reset()
	ios.Lang = "zh" // the chart's own words in Chinese too
	withFont := filepath.Join(dir, "font.png")
	if err := drawTrendChart(withFont, chartReport(), "hx", "华星电子", "amount", 6, sys, ios); err != nil {
		t.Fatal(err)
	}
	if warn.Len() > 0 {
		t.Errorf("warned with a Chinese font present: %q", warn.String())
	}
	a, _ := os.ReadFile(bare)
	b, _ := os.ReadFile(withFont)
	if bytes.Equal(a, b) {
		t.Error("the Chinese font changed nothing in the picture")
	}
}

// The chart's Y axis labels amounts as the terminal prints them.
func TestAmountTicks(t *testing.T) {
	var labels []string
	for _, tk := range (amountTicks{}).Ticks(0, 525871.5) {
		if tk.Label == "" {
			continue
		}
		if strings.Contains(tk.Label, ".00") || tk.Label != formatAmount(tk.Value) {
			t.Errorf("tick %g labelled %q, want %q", tk.Value, tk.Label, formatAmount(tk.Value))
		}
		labels = append(labels, tk.Label)
	}
	if !slices.Contains(labels, "500,000") {
		t.Errorf("labels %q lack 500,000", labels)
	}
}
