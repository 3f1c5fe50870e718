package trend

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestReadXLSX(t *testing.T) {
	x := excelize.NewFile()
	sh := x.GetSheetName(0)
	style, err := x.NewStyle(&excelize.Style{NumFmt: 14}) // a date format: shows 2/5/26
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"华星电子 采购明细"},
		{},
		{"单据编号", "单据日期", "客户名称", "物料名称", "数量", "价税合计"},
		{"SO1", 46058, "华星电子", "电源模块", 10, 1200.5},           // Excel serial date
		{"SO2", "2026年2月6日", "华星电子", "主板", -2, "(1,234.00)"}, // text date, text negative
		{2.02602e19, 46058, "华星电子", "主板", 1, 1},              // order number lost its digits
		{"合计", nil, nil, nil, 8, 0},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.SetCellStyle(sh, "B4", "B6", style); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, tb, err := readAll(t, "export.xlsx", buf.Bytes(), Settings{NeedCustomer: true, KeepOrder: true})
	if err != nil {
		t.Fatal(err)
	}
	want := "4|华星电子|2026-02-05|电源模块|10|1200.5|SO1\n5|华星电子|2026-02-06|主板|-2|-1234|SO2\n"
	if rowText(got) != want {
		t.Errorf("rows:\n%s\nwant:\n%s", rowText(got), want)
	}
	if tb.HeaderLine != 3 || len(tb.Skipped) != 1 || tb.Skipped[0].Line != 6 || len(tb.TotalLines) != 1 || tb.TotalLines[0] != 7 {
		t.Errorf("table %+v", tb)
	}
}

// noSheetXLSX is a workbook zip whose workbook lists no sheet.
func noSheetXLSX(t *testing.T) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":     `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets></sheets></workbook>`,
	} {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadXLSXNoSheet(t *testing.T) {
	var empty bytes.Buffer
	z := zip.NewWriter(&empty)
	w, _ := z.Create("[Content_Types].xml")
	w.Write([]byte("<Types/>"))
	z.Close()
	for _, data := range [][]byte{noSheetXLSX(t), empty.Bytes()} {
		_, _, err := readAll(t, "empty.xlsx", data, Settings{})
		if err == nil || !strings.HasPrefix(err.Error(), "empty.xlsx: ") || !strings.Contains(err.Error(), "no sheet") {
			t.Errorf("err %v, want empty.xlsx: ... no sheet", err)
		}
	}
}

// TestReadXLSXDateOrderPerColumn: text dates in a sheet are decided per
// column like CSV ones: 13/02/2026 makes 03/02/2026 day-first.
func TestReadXLSXDateOrderPerColumn(t *testing.T) {
	x := excelize.NewFile()
	sh := x.GetSheetName(0)
	for i, r := range [][]any{
		{"单据日期", "物料名称", "价税合计"},
		{"03/02/2026", "主板", 1},
		{"13/02/2026", "主板", 2},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, tb, err := readAll(t, "export.xlsx", buf.Bytes(), Settings{})
	if err != nil {
		t.Fatal(err)
	}
	want := "2||2026-02-03|主板||1\n3||2026-02-13|主板||2\n"
	if rowText(got) != want || len(tb.Skipped) != 0 || tb.Rows != 2 {
		t.Errorf("rows:\n%s\nwant:\n%s\ntable %+v", rowText(got), want, tb)
	}
}

// xlsxBytes writes an excelize workbook to bytes.
func xlsxBytes(t *testing.T, x *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReadXLSXMergedCells: a cell merged down over several rows (a customer
// or date written once for its block of orders, as Chinese ERP reports do)
// counts for every row of the block, as Excel shows it; merges across
// columns change nothing.
func TestReadXLSXMergedCells(t *testing.T) {
	x := excelize.NewFile()
	sh := x.GetSheetName(0)
	rows := [][]any{
		{"客户名称", "日期", "产品名称", "金额", "备注"},
		{"华星电子", 46058, "A", 100, "x"},
		{nil, nil, "B", 200},
		{nil, 46059, "A", 300},
		{"HX2", 46060, "A", 50},
		{nil, 46061, "A", 60},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range [][2]string{{"A2", "A4"}, {"B2", "B3"}, {"D5", "E5"}} {
		if err := x.MergeCell(sh, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	got, tb, err := readAll(t, "report.xlsx", xlsxBytes(t, x), Settings{NeedCustomer: true})
	if err != nil {
		t.Fatal(err)
	}
	want := "2|华星电子|2026-02-05|A||100\n3|华星电子|2026-02-05|B||200\n4|华星电子|2026-02-06|A||300\n5|HX2|2026-02-07|A||50\n"
	if rowText(got) != want {
		t.Errorf("rows:\n%s\nwant:\n%s", rowText(got), want)
	}
	if s := skippedText(tb); s != "report.xlsx:6: customer is empty\n" {
		t.Errorf("skipped:\n%s", s)
	}
}

// TestReadXLSXFirstVisibleSheet: the first sheet is the first one Excel
// shows; a hidden sheet before it is passed over. When the first sheet has
// no header row, the error names it and the workbook's other sheets.
func TestReadXLSXFirstVisibleSheet(t *testing.T) {
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"lookup", "junk"})
	x.NewSheet("数据")
	x.SetSheetRow("数据", "A1", &[]any{"customer", "date", "product", "amount"})
	x.SetSheetRow("数据", "A2", &[]any{"HX", "2026-01-05", "A", 1})
	x.SetActiveSheet(1)
	if err := x.SetSheetVisible("Sheet1", false); err != nil {
		t.Fatal(err)
	}
	got, _, err := readAll(t, "h.xlsx", xlsxBytes(t, x), Settings{NeedCustomer: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := "2|HX|2026-01-05|A||1\n"; rowText(got) != want {
		t.Errorf("rows:\n%s\nwant:\n%s", rowText(got), want)
	}

	x = excelize.NewFile()
	x.NewSheet("数据")
	x.SetSheetRow("数据", "A1", &[]any{"customer", "date", "product", "amount"})
	_, _, err = readAll(t, "e.xlsx", xlsxBytes(t, x), Settings{NeedCustomer: true})
	if err == nil || !strings.Contains(err.Error(), `sheet "Sheet1"`) || !strings.Contains(err.Error(), "数据") {
		t.Errorf("err %v, want it to name sheet \"Sheet1\" and the other sheet 数据", err)
	}
}
