package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/acctbook/acct/trend"
)

// TestNewCmdTrendFlags checks flags to options and usage errors.
func TestNewCmdTrendFlags(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr string
		check   func(*TrendOptions) bool
	}{
		{args: []string{"hx", "--from", "a.csv", "--from", "b.xlsx", "--as-of", "2026-02", "--metric", "quantity", "--months", "6", "--json", "--strict", "--map", "customer=购货单位"},
			check: func(o *TrendOptions) bool {
				return len(o.Accounts) == 1 && len(o.From) == 2 && o.AsOf == "2026-02" && o.Metric == "quantity" &&
					o.Months == 6 && o.JSON && o.Strict && o.Map[0] == "customer=购货单位"
			}},
		{args: []string{}, check: func(o *TrendOptions) bool { return o.Metric == "amount" && o.Months == 12 && !o.JSON }},
		{args: []string{"--metric", "price"}, wantErr: "want amount or quantity"},
		{args: []string{"--months", "0"}, wantErr: "at least 1"},
		{args: []string{"--months", "241"}, wantErr: "at most 240"},
		{args: []string{"--months", "1000000000000"}, wantErr: "--months"},
		{args: []string{"--months", "240"}, check: func(o *TrendOptions) bool { return o.Months == 240 }},
		{args: []string{"--as-of", "2026-2-1"}, wantErr: "want YYYY-MM"},
		{args: []string{"--map", "customer"}, wantErr: "want field=header"},
		{args: []string{"a", "b", "--chart", "x.svg"}, wantErr: "exactly one ACCOUNT"},
		{args: []string{"a", "--chart", "x.pdf"}, wantErr: ".svg or .png"},
	}
	for _, tt := range tests {
		f := &Factory{IO: &IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, Getenv: func(string) string { return "" }, Now: time.Now}
		var got *TrendOptions
		c := NewCmdTrend(f, func(o *TrendOptions) error { got = o; return nil })
		c.SetArgs(tt.args)
		c.SetOut(&bytes.Buffer{})
		c.SetErr(&bytes.Buffer{})
		err := c.Execute()
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%v: err %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got == nil || !tt.check(got) {
			t.Errorf("%v: err %v, options %+v", tt.args, err, got)
		}
	}
}

// TestTrendOutputModes runs acct trend with a terminal (with and without
// colour) and piped, and compares with golden files.
func TestTrendOutputModes(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, s string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("acct.yaml", "language: zh\n")
	write("accounts/hx/account.md", "---\nkind: account\nname: 华星电子\nfinancials:\n  - period: 2024\n    inventory_days: 30\n    gross_margin: 23%\n  - period: 2025\n    inventory_days: 60\n    gross_margin: 19%\n---\n")
	write("accounts/zz/account.md", "---\nkind: account\nname: 中正物流\nfinancials:\n  - period: 2024\n    receivable_days: 40\n  - period: 2025\n    receivable_days: 80\n---\n")
	write("accounts/ab/account.md", "---\nkind: account\nname: 安邦\n---\n")
	write("accounts/ab/purchases/all.csv", "date,product,amount\n2026-01-05,螺丝,100\n2026-02-05,螺丝,100\n")
	write("accounts/hx/purchases/all.csv", "date,product,amount\n"+
		"2025-11-05,电源模块,1000\n2025-12-05,电源模块,800\n2026-01-05,电源模块,600\n2026-02-05,电源模块,400\n"+
		"2025-11-05,主板,100\n2025-12-05,主板,100\n2026-01-05,主板,100\n2026-02-05,主板,250\n")
	for _, tc := range []struct {
		name       string
		tty, color bool
		args       []string
	}{
		{"tty_color", true, true, []string{"--months", "6", "--financials"}},
		{"tty", true, false, []string{"--months", "6"}},
		{"tty_financials", true, false, []string{"--months", "6", "--financials"}},
		{"piped", false, false, []string{"--months", "6", "--financials"}},
	} {
		var out, errOut bytes.Buffer
		f := &Factory{IO: &IOStreams{Out: &out, ErrOut: &errOut, OutTTY: tc.tty, OutColor: tc.color},
			Getenv: func(string) string { return "" }, Now: func() time.Time { return time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC) }, WorkDir: func() (string, error) { return dir, nil }}
		root := NewCmdRoot(f)
		root.SetArgs(append([]string{"trend"}, tc.args...))
		if code := execute(root, f); code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.name, code, errOut.String())
		}
		golden := filepath.Join("testdata", "trend_"+tc.name+".golden")
		if *updateScripts {
			if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./cmd -run TestTrendOutputModes -update)", err)
		}
		if out.String() != string(want) {
			t.Errorf("%s output:\n%s\nwant:\n%s", tc.name, out.String(), want)
		}
		if hasColor := strings.Contains(out.String(), "\x1b["); hasColor != tc.color {
			t.Errorf("%s: colour codes %v, want %v", tc.name, hasColor, tc.color)
		}
	}
}

func TestSparkline(t *testing.T) {
	for _, tt := range []struct {
		in   []float64
		want string
	}{
		{[]float64{0, 1, 2, 3, 4, 5, 6, 7}, "▁▂▃▄▅▆▇█"},
		{[]float64{5, 5, 5}, "███"},
		{[]float64{0, 0}, "▁▁"},
		{[]float64{-7, 0, 7}, "▁▄█"},
	} {
		if got := sparkline(tt.in); got != tt.want {
			t.Errorf("sparkline(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
	_ = trend.Scale
}

func TestFormatChange(t *testing.T) {
	for _, c := range []struct {
		in   float64
		ok   bool
		want string
	}{
		{-0.001, true, "0%"},
		{0.004, true, "0%"},
		{0, true, "0%"},
		{-0.006, true, "-1%"},
		{0.25, true, "+25%"},
		{-0.5, true, "-50%"},
		{1, false, "-"},
	} {
		if got := formatChange(c.in, c.ok); got != c.want {
			t.Errorf("formatChange(%v, %v) = %q, want %q", c.in, c.ok, got, c.want)
		}
	}
}
