package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// cell is one table cell: its text and an optional colour applied around
// the text (never around the padding, so columns stay aligned).
type cell struct {
	text  string
	paint func(string) string
}

// writeTable prints an aligned table for people: a bold header row (none
// when header is nil), then
// the rows, columns two spaces apart, East Asian wide characters counted as
// two columns (go-runewidth), no trailing spaces.
func writeTable(w io.Writer, p painter, header []string, rows [][]cell) {
	n := len(header)
	for _, row := range rows {
		n = max(n, len(row))
	}
	width := make([]int, n)
	for j, h := range header {
		width[j] = runewidth.StringWidth(h)
	}
	for _, row := range rows {
		for j, c := range row {
			width[j] = max(width[j], runewidth.StringWidth(c.text))
		}
	}
	line := func(row []cell) {
		var b strings.Builder
		for j, c := range row {
			text := c.text
			if c.paint != nil {
				text = c.paint(c.text)
			}
			b.WriteString(text)
			if j < len(row)-1 {
				b.WriteString(strings.Repeat(" ", width[j]-runewidth.StringWidth(c.text)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	if header != nil {
		head := make([]cell, len(header))
		for j, h := range header {
			head[j] = cell{h, p.bold}
		}
		line(head)
	}
	for _, row := range rows {
		line(row)
	}
}

// dash returns s, or "-" when s is empty, for table cells.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
