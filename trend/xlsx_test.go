package trend

import (
	"bytes"
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
