package cmd

import (
	"errors"
	"image/color"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/msg"
	"github.com/acctbook/acct/trend"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// drawTrendChart draws the monthly values of each product of one account
// over the last months (up to the as-of month), one line per product, and
// marks each signal with a labelled point on the month it fires (the as-of
// month). The format follows the file's extension (.svg or .png); the file
// is written atomically. A PNG whose text has characters gonum/plot's own
// font lacks (Chinese product names) is drawn with a font fonts finds;
// when there is none, ios is told once how to fix it and the chart is
// still written. SVG leaves fonts to the program showing it.
func drawTrendChart(path string, rep *trend.Report, account, name, metric string, months int, fonts chartFonts, ios *IOStreams) error {
	p := plot.New()
	// The chart's own words follow the book's language, like its notices.
	p.Title.Text = msg.Sprintf(ios.Lang, "%s: purchases to %s", name, rep.AsOf)
	// The Y axis says what is summed (--metric), not only "per month".
	if metric == "quantity" {
		p.Y.Label.Text = msg.Sprintf(ios.Lang, "quantity per month")
	} else {
		p.Y.Label.Text = msg.Sprintf(ios.Lang, "amount per month")
	}
	p.X.Label.Text = msg.Sprintf(ios.Lang, "month")
	first := rep.AsOf - trend.Month(months-1)
	var ticks []plot.Tick
	for i := 0; i < months; i++ {
		label := ""
		if i%3 == (months-1)%3 {
			label = (first + trend.Month(i)).String()
		}
		ticks = append(ticks, plot.Tick{Value: float64(i), Label: label})
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Marker = amountTicks{}
	p.Legend.Top = true
	p.Legend.Left = true
	sigs := map[string][]string{}
	for _, s := range rep.Signals {
		if s.Account == account && s.Product != "" {
			sigs[s.Product] = append(sigs[s.Product], s.Kind)
		}
	}
	n := 0
	var marks plotter.XYs
	var markColors []color.Color
	var labels, products []string
	for _, s := range rep.Series {
		if s.Account != account {
			continue
		}
		vals := window(s, rep.AsOf, months)
		if !active(vals) && len(sigs[s.Product]) == 0 {
			continue
		}
		xys := make(plotter.XYs, months)
		for i, v := range vals {
			xys[i] = plotter.XY{X: float64(i), Y: v}
		}
		line, err := plotter.NewLine(xys)
		if err != nil {
			return err
		}
		line.Color = plotutil.Color(n)
		line.Dashes = plotutil.Dashes(n / 7)
		line.Width = vg.Points(1.5)
		p.Add(line)
		p.Legend.Add(s.Product, line)
		products = append(products, s.Product)
		if k := sigs[s.Product]; len(k) > 0 {
			marks = append(marks, plotter.XY{X: float64(months - 1), Y: vals[months-1]})
			markColors = append(markColors, signalColor(k))
			// Signal names in the book's language, as the terminal shows them.
			names := make([]string, len(k))
			for i, kind := range k {
				names[i] = msg.Sprintf(ios.Lang, kind)
			}
			labels = append(labels, s.Product+": "+strings.Join(names, ", "))
		}
		n++
	}
	if n > 0 {
		// The legend sits in the top left corner, inside the plot: leave
		// room above the lines for its n rows so it covers none of them.
		rowH := p.Legend.TextStyle.Font.Size.Points() + 2
		if frac := (float64(n)*rowH + 8) / (5*72 - 60); frac < 0.6 {
			lo := math.Min(p.Y.Min, 0)
			p.Y.Max = lo + (p.Y.Max-lo)/(1-frac)
		}
	}
	if n == 0 {
		return msg.Errorf("account %q has no purchases in the %d months to %s: nothing to chart", account, months, rep.AsOf)
	}
	var lb *plotter.Labels
	if len(marks) > 0 {
		sc, err := plotter.NewScatter(marks)
		if err != nil {
			return err
		}
		sc.GlyphStyleFunc = func(i int) draw.GlyphStyle {
			return draw.GlyphStyle{Shape: draw.CircleGlyph{}, Radius: vg.Points(4), Color: markColors[i]}
		}
		p.Add(sc)
		if lb, err = plotter.NewLabels(plotter.XYLabels{XYs: marks, Labels: labels}); err != nil {
			return err
		}
		for i := range lb.TextStyle {
			lb.TextStyle[i].XAlign = draw.XRight
			lb.Offset = vg.Point{X: -vg.Points(6), Y: vg.Points(4)}
		}
		p.Add(lb)
	}
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	if ext != "svg" {
		// The tick labels are months and numbers: digits, "-", "." and "e+".
		all := textRunes(append([]string{p.Title.Text, p.X.Label.Text, p.Y.Label.Text, "0123456789-.,e+"}, append(labels, products...)...))
		if missing := missingRunes(defaultChartFace(), all); len(missing) > 0 {
			f, file, problems, unreadable := fonts.find(all)
			for _, pr := range problems {
				ios.Say("warning: %s\n", pr)
			}
			if f != nil {
				fnt := useChartFont(p, f, file)
				if lb != nil {
					for i := range lb.TextStyle {
						lb.TextStyle[i].Font = font.From(fnt, lb.TextStyle[i].Font.Size)
					}
				}
			} else {
				found := ""
				if len(unreadable) > 0 {
					found = msg.Sprintf(ios.Lang, " (%s cannot be read by the chart library)", strings.Join(unreadable, ", "))
				}
				ios.Say("warning: %s: no font with both Chinese and Latin characters found%s, so %q will show as empty boxes; "+
					"install one (Debian/Ubuntu: apt install fonts-noto-cjk or fonts-arphic-uming) or name a .ttf/.otf/.ttc "+
					"file in ACCT_FONT or chart.font in acct.yaml (SVG charts need no font)\n", path, found, string(missing))
			}
		}
	}
	w, err := p.WriterTo(9*vg.Inch, 5*vg.Inch, ext)
	if err != nil {
		return err
	}
	var buf strings.Builder
	if _, err := w.WriteTo(&buf); err != nil {
		return err
	}
	if err := book.WriteFile(path, []byte(buf.String())); err != nil {
		// Name the chart, not the temporary file the error may mention.
		var pe *fs.PathError
		var le *os.LinkError
		switch {
		case errors.As(err, &le):
			err = le.Err
		case errors.As(err, &pe):
			err = pe.Err
		}
		return msg.Errorf("cannot write the chart %s: %w", path, err)
	}
	return nil
}

// amountTicks are gonum/plot's default ticks labelled as the terminal
// prints amounts: 500,000 rather than 500000.00.
type amountTicks struct{}

func (amountTicks) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = formatAmount(ts[i].Value)
		}
	}
	return ts
}

// checkChartFolder refuses a --chart path whose folder does not exist
// (acct does not create folders for a chart).
func checkChartFolder(path string) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return msg.Errorf("--chart %s: the folder %s does not exist (create it first)", path, dir)
	}
	return nil
}

// Marker colours of trend --chart: purchases falling, rising, or both.
var (
	colorDown  = color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff} // red
	colorUp    = color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff} // green
	colorMixed = color.RGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 0xff} // amber
)

// signalColor is the colour of a product's signal marker on a chart, from
// the kinds of its signals (FORMAT.md section 6): red when purchases fell
// (decline, lapsed), green when they rose (surge, new), amber when one
// product has both.
func signalColor(kinds []string) color.Color {
	var down, up bool
	for _, k := range kinds {
		switch k {
		case trend.KindDecline, trend.KindLapsed:
			down = true
		case trend.KindSurge, trend.KindNew:
			up = true
		}
	}
	switch {
	case down && up:
		return colorMixed
	case down:
		return colorDown
	default:
		return colorUp
	}
}
