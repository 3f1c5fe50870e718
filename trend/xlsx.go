package trend

import (
	"bytes"
	"errors"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/acctbook/acct/msg"
)

// readXLSX reads the first sheet of an XLSX workbook. Cells are taken raw
// (unformatted), so numbers keep their digits and date cells arrive as Excel
// serial day numbers, which the date column converts.
func readXLSX(name string, r io.Reader, s Settings, sink Sink) (*Table, error) {
	t := &Table{File: name, Format: "xlsx", Encoding: "xlsx"}
	f, err := excelize.OpenReader(r)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		// excelize reads the workbook part and finds nothing: a zip
		// without a workbook or sheet.
		return nil, &FileError{name, msg.New("the workbook has no sheet (or the XLSX file is empty): save it from Excel with the data on its first sheet")}
	}
	if err != nil {
		return nil, &FileError{name, msg.Errorf("not a readable XLSX workbook: %v", err)}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, &FileError{name, msg.New("the workbook has no sheet")}
	}
	// The first sheet is the first one Excel shows: hidden ones are passed
	// over.
	sheet := sheets[0]
	for _, sh := range sheets {
		if visible, err := f.GetSheetVisible(sh); err == nil && visible {
			sheet = sh
			break
		}
	}
	fill, err := mergedDown(f, sheet)
	if err != nil {
		return nil, &FileError{name, err}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, &FileError{name, err}
	}
	defer rows.Close()
	var first [][]string
	line := 0
	found := false
	for !found && rows.Next() {
		line++
		if line > headerScan {
			break
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, &FileError{name, msg.Errorf("row %d: %v", line, err)}
		}
		cells = fill.row(line, cells)
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		first = headerCandidate(first, cells, s.Columns, s.NeedCustomer)
		if cols, ok := layout(cells, s.Columns, s.NeedCustomer); ok {
			t.Columns, t.Headers, t.HeaderLine = cols, cells, line
			found = true
		}
	}
	if !found {
		err := noHeaderError(first, s.Columns, s.NeedCustomer)
		if len(sheets) > 1 {
			var others []string
			for _, sh := range sheets {
				if sh != sheet {
					others = append(others, sh)
				}
			}
			err = msg.Errorf("sheet %q (acct reads the first sheet; the others are %s): %w", sheet, strings.Join(others, ", "), err)
		}
		return nil, &FileError{name, err}
	}
	if err := duplicateColumns(t.Headers, t.Columns, t.HeaderLine); err != nil {
		return nil, &FileError{name, err}
	}
	t.Metric = s.Metric
	if t.Columns[t.Metric] < 0 {
		t.Metric = FieldAmount + FieldQuantity - t.Metric
	}
	rs := &rowSpec{header: t.HeaderLine, file: name, cols: t.Columns, width: len(t.Headers), s: s, metric: t.Metric, xlsx: true}
	w := newWorker(rs, &textCodec{})
	batch := make([]Row, 0, 4096)
	var fields [][]byte
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		t.Rows += len(batch)
		err := sink(batch)
		batch = batch[:0]
		return err
	}
	for rows.Next() {
		line++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Skipped = append(t.Skipped, RowError{name, line, msg.T("%v", err)})
			continue
		}
		cells = fill.row(line, cells)
		fields = fields[:0]
		for _, c := range cells {
			fields = append(fields, []byte(c))
		}
		var row Row
		switch k, reason := w.row(fields, line, &row); k {
		case rowOK:
			batch = append(batch, row)
			if len(batch) == cap(batch) {
				if err := flush(); err != nil {
					return nil, err
				}
			}
		case rowTotal:
			t.TotalLines = append(t.TotalLines, line)
		case rowBad:
			t.Skipped = append(t.Skipped, RowError{name, line, reason})
		}
	}
	if err := rows.Error(); err != nil {
		return nil, &FileError{name, err}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	sort.Slice(t.Skipped, func(i, j int) bool { return t.Skipped[i].Line < t.Skipped[j].Line })
	return t, nil
}

// mergeFills holds a sheet's cells merged down over several rows: the file
// stores the value in the top cell only, Excel shows it on every row of the
// range (ERP reports write a customer or a date once for its block of
// orders). Merges across columns only are left alone.
type mergeFills struct {
	fills  []mergeFill // sorted by top row
	next   int         // fills[next:] have not started yet
	active []*mergeFill
}

type mergeFill struct {
	col, top, bottom int // 0-based column, 1-based rows
	val              string
}

// mergedDown finds the sheet's cells merged down over several rows. The
// worksheet is decoded whole only when the workbook has merged cells at all.
func mergedDown(f *excelize.File, sheet string) (*mergeFills, error) {
	found := false
	f.Pkg.Range(func(k, v any) bool {
		if name, _ := k.(string); strings.HasPrefix(name, "xl/worksheets/") {
			if b, ok := v.([]byte); ok && bytes.Contains(b, []byte("<mergeCell ")) {
				found = true
			}
		}
		return !found
	})
	m := &mergeFills{}
	if !found {
		return m, nil
	}
	cells, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return nil, err
	}
	for _, c := range cells {
		col, top, err1 := excelize.CellNameToCoordinates(c.GetStartAxis())
		_, bottom, err2 := excelize.CellNameToCoordinates(c.GetEndAxis())
		if err1 == nil && err2 == nil && bottom > top {
			m.fills = append(m.fills, mergeFill{col: col - 1, top: top, bottom: bottom})
		}
	}
	sort.Slice(m.fills, func(i, j int) bool { return m.fills[i].top < m.fills[j].top })
	return m, nil
}

// row fills the cells of 1-based row line (rows come in order) that lie
// under the top cell of a merge with that cell's value.
func (m *mergeFills) row(line int, cells []string) []string {
	if len(m.fills) == 0 {
		return cells
	}
	for m.next < len(m.fills) && m.fills[m.next].top <= line {
		fl := &m.fills[m.next]
		m.next++
		if fl.top == line && fl.col < len(cells) {
			fl.val = cells[fl.col]
		}
		m.active = append(m.active, fl)
	}
	kept := m.active[:0]
	for _, fl := range m.active {
		if fl.bottom < line {
			continue
		}
		kept = append(kept, fl)
		if fl.top < line {
			for len(cells) <= fl.col {
				cells = append(cells, "")
			}
			if cells[fl.col] == "" {
				cells[fl.col] = fl.val
			}
		}
	}
	m.active = kept
	return cells
}
