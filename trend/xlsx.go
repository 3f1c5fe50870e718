package trend

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
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
		return nil, &FileError{name, errors.New("the workbook has no sheet (or the XLSX file is empty): save it from Excel with the data on its first sheet")}
	}
	if err != nil {
		return nil, &FileError{name, fmt.Errorf("not a readable XLSX workbook: %v", err)}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, &FileError{name, errors.New("the workbook has no sheet")}
	}
	rows, err := f.Rows(sheets[0])
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
			return nil, &FileError{name, fmt.Errorf("row %d: %v", line, err)}
		}
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
		return nil, &FileError{name, errors.New(noHeaderError(first, s.Columns, s.NeedCustomer))}
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
			t.Skipped = append(t.Skipped, RowError{name, line, err.Error()})
			continue
		}
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
