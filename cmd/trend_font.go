package cmd

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/acctbook/acct/msg"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
)

// chartFonts says where to look for a font that can draw a PNG chart's
// Chinese text: gonum/plot's own fonts (Liberation) have Latin letters only,
// so a product named 电源模块 would come out as empty boxes.
type chartFonts struct {
	// Env is $ACCT_FONT and Setting acct.yaml's chart.font (made absolute
	// against the book's root): a font file the rep chose, tried first.
	Env, Setting string
	// FontConfig lists the font files fontconfig suggests for Chinese, best
	// first, or nil when fontconfig is not installed.
	FontConfig func() []string
	// Paths are where Chinese fonts usually are on this system.
	Paths []string
}

// systemChartFonts is chartFonts for the running system: $ACCT_FONT, the
// book's chart.font, `fc-match -s :lang=zh` and the usual font files of
// Linux distributions, macOS and Windows.
func systemChartFonts(getenv func(string) string, root, setting string) chartFonts {
	cf := chartFonts{Env: getenv("ACCT_FONT"), FontConfig: fcMatchZh, Paths: cjkFontPaths(runtime.GOOS, getenv)}
	if setting != "" {
		if !filepath.IsAbs(setting) {
			setting = filepath.Join(root, setting)
		}
		cf.Setting = setting
	}
	return cf
}

// cjkFontPaths are common locations of fonts with Chinese characters, in
// order of preference (sans-serif first) for goos.
func cjkFontPaths(goos string, getenv func(string) string) []string {
	switch goos {
	case "darwin":
		return []string{
			"/System/Library/Fonts/PingFang.ttc",
			"/System/Library/Fonts/Hiragino Sans GB.ttc",
			"/System/Library/Fonts/STHeiti Light.ttc",
			"/System/Library/Fonts/STHeiti Medium.ttc",
			"/Library/Fonts/Arial Unicode.ttf",
			"/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
		}
	case "windows":
		dir := getenv("WINDIR")
		if dir == "" {
			dir = `C:\Windows`
		}
		var out []string
		for _, f := range []string{"msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc", "Deng.ttf"} {
			out = append(out, filepath.Join(dir, "Fonts", f))
		}
		return out
	}
	var out []string
	for _, dir := range []string{"/usr/share/fonts", "/usr/local/share/fonts"} {
		for _, f := range []string{
			"opentype/noto/NotoSansCJK-Regular.ttc", // Debian, Ubuntu: fonts-noto-cjk
			"noto-cjk/NotoSansCJK-Regular.ttc",      // Arch
			"google-noto-cjk/NotoSansCJK-Regular.ttc",
			"google-noto-sans-cjk-vf-fonts/NotoSansCJK-VF.ttc", // Fedora
			"truetype/arphic/uming.ttc",                        // fonts-arphic-uming
			"truetype/arphic/ukai.ttc",
			"truetype/wqy/wqy-microhei.ttc", // fonts-wqy-microhei
			"truetype/wqy/wqy-zenhei.ttc",
			"wqy-microhei/wqy-microhei.ttc",
			"wenquanyi/wqy-microhei/wqy-microhei.ttc",
			// Droid Sans Fallback is left out: it has no Latin letters.
		} {
			out = append(out, filepath.Join(dir, f))
		}
	}
	return out
}

// fcMatchZh asks fontconfig for the fonts it would use for Chinese, best
// first (nil when fc-match is not installed or fails). Its first answer
// may be a font without Chinese characters (DejaVu when no Chinese font is
// installed), so callers check each file.
func fcMatchZh() []string {
	path, err := exec.LookPath("fc-match")
	if err != nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "-s", "-f", `%{file}\n`, ":lang=zh").Output()
	if err != nil {
		return nil
	}
	var files []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() && len(files) < 40 {
		if f := strings.TrimSpace(sc.Text()); f != "" {
			files = append(files, f)
		}
	}
	return files
}

// find returns the first font that has a glyph for every rune of need
// (all the chart's text: a font with Chinese characters only would lose the
// Latin ones), with its file: $ACCT_FONT, chart.font, fontconfig's
// suggestions, then the usual paths. problems says why a font the rep
// chose could not be used; unreadable lists the fonts found that cannot be
// parsed (golang.org/x/image cannot read WenQuanYi's, go.dev/issue/46384).
func (cf chartFonts) find(need []rune) (f *opentype.Font, file string, problems []msg.Text, unreadable []string) {
	for _, chosen := range []struct {
		what msg.Phrase
		file string
	}{{"ACCT_FONT", cf.Env}, {"chart.font in acct.yaml", cf.Setting}} {
		if chosen.file == "" {
			continue
		}
		f, missing, err := loadFont(chosen.file, need)
		switch {
		case err != nil:
			problems = append(problems, msg.T("%s %s: %v", chosen.what, chosen.file, err))
		case f == nil:
			problems = append(problems, msg.T("%s %s has no %q", chosen.what, chosen.file, string(missing)))
		default:
			return f, chosen.file, problems, nil
		}
	}
	var candidates []string
	if cf.FontConfig != nil {
		candidates = cf.FontConfig()
	}
	candidates = append(candidates, cf.Paths...)
	seen := map[string]bool{}
	for _, c := range candidates {
		if seen[c] {
			continue
		}
		seen[c] = true
		f, _, err := loadFont(c, need)
		if err == nil && f != nil {
			return f, c, problems, nil
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			unreadable = append(unreadable, c)
		}
	}
	return nil, "", problems, unreadable
}

// fontFiles caches parsed font files by path: a CJK font is megabytes.
var fontFiles sync.Map // path -> []*opentype.Font

// loadFont reads a .ttf, .otf or .ttc file and returns its first face
// that has a glyph for every rune of need, or nil and the first rune the
// faces lack.
func loadFont(path string, need []rune) (*opentype.Font, rune, error) {
	var faces []*opentype.Font
	if v, ok := fontFiles.Load(path); ok {
		faces = v.([]*opentype.Font)
	} else {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, 0, err
		}
		coll, err := opentype.ParseCollection(data)
		if err != nil {
			return nil, 0, msg.Errorf("not a TrueType/OpenType font: %v", err)
		}
		var firstErr error
		for i := 0; i < coll.NumFonts(); i++ {
			f, err := coll.Font(i)
			if err != nil {
				// WenQuanYi and AR PL fonts put tables at offsets that are
				// not multiples of four, which x/image refuses
				// (go.dev/issue/46384); the same tables copied aligned parse.
				if b, aerr := alignedFace(data, i); aerr == nil {
					f, err = opentype.Parse(b)
				}
			}
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				continue
			}
			faces = append(faces, f)
		}
		if len(faces) == 0 {
			return nil, 0, msg.Errorf("cannot read the font: %v", firstErr)
		}
		fontFiles.Store(path, faces)
	}
	var missing rune
	for _, f := range faces {
		if r, ok := covers(f, need); ok {
			return f, 0, nil
		} else if missing == 0 {
			missing = r
		}
	}
	return nil, missing, nil
}

// covers reports whether f has a glyph for every rune of need, and
// otherwise the first rune it lacks.
func covers(f *opentype.Font, need []rune) (rune, bool) {
	var buf sfnt.Buffer
	for _, r := range need {
		if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
			return r, false
		}
	}
	return 0, true
}

// textRunes returns, once each and in order, the runes of texts (spaces
// and control characters aside).
func textRunes(texts []string) []rune {
	var out []rune
	seen := map[rune]bool{}
	for _, t := range texts {
		for _, r := range t {
			if !seen[r] && !unicode.IsSpace(r) && !unicode.IsControl(r) {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	return out
}

// missingRunes returns the runes of rs that face has no glyph for.
func missingRunes(face *opentype.Font, rs []rune) []rune {
	var out []rune
	var buf sfnt.Buffer
	for _, r := range rs {
		if i, err := face.GlyphIndex(&buf, r); err != nil || i == 0 {
			out = append(out, r)
		}
	}
	return out
}

// useChartFont makes every text of p use f: it is added to gonum/plot's
// font cache under a typeface named after file.
func useChartFont(p *plot.Plot, f *opentype.Font, file string) font.Font {
	fnt := font.Font{Typeface: font.Typeface("acct:" + file)}
	font.DefaultCache.Add(font.Collection{{Font: fnt, Face: f}})
	for _, st := range []*font.Font{&p.Title.TextStyle.Font, &p.X.Label.TextStyle.Font, &p.Y.Label.TextStyle.Font,
		&p.X.Tick.Label.Font, &p.Y.Tick.Label.Font, &p.Legend.TextStyle.Font} {
		*st = font.From(fnt, st.Size)
	}
	return fnt
}

// defaultChartFace is the face gonum/plot draws text with by default.
func defaultChartFace() *opentype.Font {
	return font.DefaultCache.Lookup(plot.DefaultFont, 12).Face
}

// alignedFace copies face i of a font file (a .ttf, or a .ttc collection)
// into a standalone font whose tables start on four-byte boundaries, as
// the OpenType specification asks and golang.org/x/image/font/sfnt
// requires. Only the table directory is rewritten; the tables are copied
// as they are.
func alignedFace(data []byte, i int) ([]byte, error) {
	u32 := func(o int) (uint32, bool) {
		if o < 0 || o+4 > len(data) {
			return 0, false
		}
		return binary.BigEndian.Uint32(data[o:]), true
	}
	start := 0
	if tag, _ := u32(0); tag == 0x74746366 { // "ttcf"
		n, ok := u32(8)
		if !ok || uint32(i) >= n {
			return nil, msg.New("no such face in the collection")
		}
		o, ok := u32(12 + 4*i)
		if !ok {
			return nil, msg.New("truncated collection header")
		}
		start = int(o)
	} else if i != 0 {
		return nil, msg.New("no such face")
	}
	if start+12 > len(data) {
		return nil, msg.New("truncated font header")
	}
	numTables := int(binary.BigEndian.Uint16(data[start+4:]))
	dir := start + 12
	if dir+16*numTables > len(data) {
		return nil, msg.New("truncated table directory")
	}
	out := make([]byte, 12+16*numTables, len(data)/2)
	copy(out, data[start:start+12])
	for t := 0; t < numTables; t++ {
		rec := data[dir+16*t : dir+16*t+16]
		off, n := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || n < 0 || off+n > len(data) || off+n < off {
			return nil, msg.New("table outside the file")
		}
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		copy(out[12+16*t:], rec[:8]) // tag and checksum
		binary.BigEndian.PutUint32(out[12+16*t+8:], uint32(len(out)))
		binary.BigEndian.PutUint32(out[12+16*t+12:], uint32(n))
		out = append(out, data[off:off+n]...)
	}
	return out, nil
}
