package cmd

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/msg"
	"github.com/acctbook/acct/trend"
	"github.com/mattn/go-runewidth"
	"github.com/spf13/cobra"
)

func init() { register(func(f *Factory) *cobra.Command { return NewCmdTrend(f, nil) }) }

// TrendOptions are the inputs of `acct trend`.
type TrendOptions struct {
	IO   *IOStreams
	Book func() (*book.Book, error)
	Now  func() time.Time
	// Getenv reads the environment ($ACCT_FONT for PNG charts).
	Getenv func(string) string

	Accounts   []string
	From       []string
	AsOf       string
	Metric     string
	Months     int
	JSON       bool
	Strict     bool
	Map        []string
	Chart      string
	Financials bool
	DateOrder  string
}

// trendMemoryLimit is acct trend's soft memory limit (bytes) for a book of
// n accounts, see runTrend: the live heap grows with the accounts (names,
// series), not with the rows read, so the limit does too, and a large book
// is never squeezed into a limit its live heap exceeds (which would make
// the collector run all the time).
func trendMemoryLimit(n int) int64 { return max(200<<20, int64(n)*(20<<10)) }

// maxTrendMonths bounds --months: 20 years of months per product.
const maxTrendMonths = 240

// NewCmdTrend builds `acct trend`. runF replaces runTrend in tests.
func NewCmdTrend(f *Factory, runF func(*TrendOptions) error) *cobra.Command {
	opts := &TrendOptions{IO: f.IO, Book: f.Book, Now: f.Now, Getenv: f.Getenv}
	c := &cobra.Command{
		Use:   "trend [ACCOUNT...]",
		Short: "Show purchase trends and signal what changed",
		Long: `Sum purchases into calendar months per account and product and signal what
changed (acct help format, section 6): decline (N month-on-month drops in a row),
surge (the as-of month at 1.5x the mean of the three before), new (first
purchase in the last three months) and lapsed (nothing for two months after
buying in at least 3 of the 6 before).

Purchases come from each account's purchases/ folder (CSV or XLSX, as
'acct import' writes them), or with --from from whole-book ERP exports whose
customers are matched to accounts by id, name or alias (case-, width- and
space-insensitive). CSV may be UTF-8, GB18030/GBK or UTF-16, separated by
commas, semicolons or tabs; XLSX is read from its first sheet. Columns are
found by header name in English or Chinese ERP wording; --map field=header
(and import.columns in acct.yaml) names them when detection fails.

Rows that cannot be read are skipped and listed on stderr with file, line
and reason (--strict makes them fatal); customers that match no account are
listed with their row counts so you can add an alias.

On a terminal each account's products get a sparkline of the last --months
months, the last value, the change against the mean of the three months
before and the signals; piped, the same as tab-separated lines (account,
product, as-of month, last value, change, signals, monthly values oldest
first; a financial signal has financial:<measure> as product, the periods
compared as month and the two values compared). --json prints {"as_of",
"signals", "unmatched", "skipped_rows", "total_rows"}: total_rows counts
the total and subtotal rows (合计, 小计, Total) that are not purchases;
they are listed on stderr, not in skipped_rows.`,
		Example: `  acct trend
  acct trend hx-electronics --as-of 2026-02
  acct trend --from imports/erp-2026-02.csv --json
  acct trend --from 销售明细.xlsx --map customer=购买方 --map amount=金额(元)
  acct trend hx-electronics --chart hx.svg`,
		ValidArgsFunction: completeAccounts(f),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Accounts = args
			if opts.Metric != "amount" && opts.Metric != "quantity" {
				return usageErrorf("--metric %q: want amount or quantity", opts.Metric)
			}
			if opts.Months < 1 || opts.Months > maxTrendMonths {
				return usageErrorf("--months %d: must be at least 1 and at most %d (%d years)", opts.Months, maxTrendMonths, maxTrendMonths/12)
			}
			if _, err := trend.ParseDateOrder(opts.DateOrder); err != nil {
				return &UsageError{Err: msg.Errorf("--date-order: %w", err)}
			}
			if opts.AsOf != "" {
				if _, err := trend.ParseMonth(opts.AsOf); err != nil {
					return &UsageError{Err: msg.Errorf("--as-of: %w", err)}
				}
			}
			if _, err := parseColumnMap(nil, opts.Map); err != nil {
				return &UsageError{Err: err}
			}
			if opts.Chart != "" {
				if len(args) != 1 {
					return usageErrorf("--chart draws one account: name exactly one ACCOUNT")
				}
				if ext := strings.ToLower(filepath.Ext(opts.Chart)); ext != ".svg" && ext != ".png" {
					return usageErrorf("--chart %q: the file must end in .svg or .png", opts.Chart)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return runTrend(opts)
		},
	}
	c.Flags().StringArrayVar(&opts.From, "from", nil, "read whole-book export `FILE`s (CSV or XLSX) instead of the accounts' purchases/ (repeatable)")
	c.Flags().StringVar(&opts.AsOf, "as-of", "", "judge as of this `YYYY-MM` (default: the last month in the data, or the month before when that is the current, unfinished month)")
	c.Flags().StringVar(&opts.Metric, "metric", "amount", "sum `amount` or quantity")
	c.Flags().IntVar(&opts.Months, "months", 12, "show the last `N` months per product")
	c.Flags().BoolVar(&opts.JSON, "json", false, "print JSON (acct help format, section 8)")
	c.Flags().BoolVar(&opts.Strict, "strict", false, "a row that cannot be read is fatal instead of skipped")
	c.Flags().StringArrayVar(&opts.Map, "map", nil, "name a column: `field=header` with field customer, date, product, quantity, amount or order (repeatable)")
	c.Flags().StringVar(&opts.Chart, "chart", "", "draw the account's monthly values per product, signals marked, into `FILE`.svg or .png")
	c.Flags().StringVar(&opts.DateOrder, "date-order", "", "read dates like 03/04/2026 as `dmy` (day/month/year) or mdy (default: import.date_order in acct.yaml, else decided per column by a day above 12)")
	c.Flags().BoolVar(&opts.Financials, "financials", false, "also signal financials (inventory/receivable days up 30%, gross margin down 3 points)")
	return c
}

// maxListedTotals is how many total rows are named on stderr.
const maxListedTotals = 10

// printTotals reports the total and subtotal rows (合计, 小计, Total...)
// that were not counted as purchases (FORMAT.md section 6: nothing is
// dropped silently).
func printTotals(ios *IOStreams, run *trendRun) {
	if run.totals == 0 {
		return
	}
	var more msg.Text
	if run.totals > len(run.totalLines) {
		more = msg.T(", ... and %d more", run.totals-len(run.totalLines))
	}
	ios.Say("%d total row%s (合计, 小计, Total...) not counted as purchases: %s%s\n",
		run.totals, pluralS(run.totals), strings.Join(run.totalLines, ", "), more)
}

// parseColumnMap merges --map field=header pairs over acct.yaml's
// import.columns into the reader's column overrides.
func parseColumnMap(config map[string]string, flags []string) (map[trend.Field]string, error) {
	out := map[trend.Field]string{}
	for k, v := range config {
		f, err := trend.ParseField(k)
		if err != nil {
			return nil, msg.Errorf("acct.yaml import.columns: %w", err)
		}
		out[f] = v
	}
	for _, m := range flags {
		k, v, ok := strings.Cut(m, "=")
		if !ok || strings.TrimSpace(v) == "" {
			return nil, msg.Errorf("--map %q: want field=header, e.g. customer=购货单位", m)
		}
		f, err := trend.ParseField(k)
		if err != nil {
			return nil, msg.Errorf("--map %q: %w", m, err)
		}
		out[f] = strings.TrimSpace(v)
	}
	return out, nil
}

// dateOrder is --date-order, else acct.yaml's import.date_order, else
// DateOrderAuto (decided per column, FORMAT.md section 6).
func dateOrder(b *book.Book, flag string) (trend.DateOrder, error) {
	if flag != "" {
		return trend.ParseDateOrder(flag)
	}
	o, err := trend.ParseDateOrder(b.Config.Import.DateOrder)
	if err != nil {
		return 0, msg.Errorf("acct.yaml import.date_order: %w", err)
	}
	return o, nil
}

// trendRun is the data a trend or import run gathered.
type trendRun struct {
	book     *book.Book
	accounts *accountIndex
	coll     *trend.Collector
	skipped  []trend.RowError
	totals   int
	// emptyFiles are the files read that have a header but no rows.
	emptyFiles []string
	// totalLines are the first total rows (合计, Total...) as file:line.
	totalLines []string
	// files are the months each purchases file holds, per account.
	files map[string][]*fileMonths
}

// overlaps lists the purchases files of one account with rows in the same months.
func (run *trendRun) overlaps() []monthOverlap {
	ids := make([]string, 0, len(run.files))
	for id := range run.files {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var out []monthOverlap
	for _, id := range ids {
		out = append(out, overlaps(id, run.files[id])...)
	}
	return out
}

// readPurchases reads --from exports (whole-book) or the accounts' own
// purchases files into a Collector. The account profiles load meanwhile,
// unless pre holds them already.
func readPurchases(ios *IOStreams, b *book.Book, ids []string, from []string, base trend.Settings, metric trend.Field, keepOrder, full bool, sink func(acct string) trend.Sink, pre *accountIndex) (*trendRun, error) {
	run := &trendRun{book: b, coll: trend.NewCollector(), files: map[string][]*fileMonths{}}
	loaded := make(chan error, 1)
	if pre != nil {
		run.accounts = pre
		loaded <- nil
	} else {
		go func() {
			var err error
			run.accounts, err = loadAccountIndex(b, full)
			loaded <- err
		}()
	}
	settings := base
	settings.Metric, settings.KeepOrder = metric, keepOrder
	read := func(path, display, acct string) error {
		fh, err := os.Open(path)
		if err != nil {
			return err
		}
		defer fh.Close()
		var size int64
		if st, err := fh.Stat(); err == nil {
			size = st.Size()
		}
		s := settings
		s.NeedCustomer = acct == ""
		var snk trend.Sink
		if sink != nil {
			snk = sink(acct)
		} else if acct == "" {
			snk = run.coll.ExportSink(metric)
		} else {
			snk = run.coll.AccountSink(acct, metric)
		}
		if acct != "" {
			fm := &fileMonths{file: display, months: map[trend.Month]bool{}}
			run.files[acct] = append(run.files[acct], fm)
			snk = monthRecorder(fm, snk)
		}
		pr := newProgress(ios, display, size)
		s.Progress = pr.callback()
		var t *trend.Table
		if sink == nil && acct == "" {
			t, err = run.coll.ReadExport(display, fh, s)
		} else {
			t, err = trend.Read(display, fh, s, snk)
			if t != nil {
				run.coll.Tables = append(run.coll.Tables, t)
			}
		}
		pr.done()
		if err != nil {
			return err
		}
		if t.Rows == 0 && len(t.Skipped) == 0 && len(t.TotalLines) == 0 {
			run.emptyFiles = append(run.emptyFiles, display)
		}
		run.skipped = append(run.skipped, t.Skipped...)
		run.totals += len(t.TotalLines)
		for _, l := range t.TotalLines {
			if len(run.totalLines) < maxListedTotals {
				run.totalLines = append(run.totalLines, fmt.Sprintf("%s:%d", display, l))
			}
		}
		return nil
	}
	var err error
	if len(from) > 0 {
		for _, p := range from {
			if err = read(p, p, ""); err != nil {
				break
			}
		}
	} else {
		for _, id := range ids {
			files, ferr := purchaseFiles(b, id)
			if ferr != nil {
				err = ferr
				break
			}
			for _, p := range files {
				if err = read(p, b.Rel(p), id); err != nil {
					break
				}
			}
			if err != nil {
				break
			}
		}
	}
	if lerr := <-loaded; err == nil {
		err = lerr
	}
	return run, err
}

// purchaseFiles lists accounts/<id>/purchases/*.csv and *.xlsx, sorted.
func purchaseFiles(b *book.Book, id string) ([]string, error) {
	dir := b.Path(book.AccountDir(id) + "/purchases")
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		n := e.Name()
		ext := strings.ToLower(filepath.Ext(n))
		if e.IsDir() || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "~$") || (ext != ".csv" && ext != ".xlsx") {
			continue
		}
		out = append(out, filepath.Join(dir, n))
	}
	sort.Strings(out)
	return out, nil
}

func runTrend(opts *TrendOptions) error {
	b, err := opts.Book()
	if err != nil {
		return err
	}
	if opts.Chart != "" {
		if err := checkChartFolder(opts.Chart); err != nil {
			return err
		}
	}
	columns, err := parseColumnMap(b.Config.Import.Columns, opts.Map)
	if err != nil {
		return err
	}
	metric := trend.FieldAmount
	if opts.Metric == "quantity" {
		metric = trend.FieldQuantity
	}
	// An account may be named by its id, name or alias, as everywhere.
	for i, a := range opts.Accounts {
		if opts.Accounts[i], err = resolveAccount(b, a); err != nil {
			return err
		}
	}
	ids := opts.Accounts
	if len(ids) == 0 && len(opts.From) == 0 {
		if ids, err = b.Accounts(); err != nil {
			return err
		}
	}
	order, err := dateOrder(b, opts.DateOrder)
	if err != nil {
		return err
	}
	if opts.Getenv == nil || opts.Getenv("GOGC") == "" && opts.Getenv("GOMEMLIMIT") == "" {
		// The reader's live heap is small and bounded (a few chunks of
		// rows, the interned cells, the series), but it allocates row
		// buffers fast: collecting at 5x the live heap instead of 2x
		// saves ~10% of the CPU of a large export, and the soft limit
		// keeps the peak well under the 300 MB issue 3 allows.
		all, _ := b.Accounts()
		defer debug.SetGCPercent(debug.SetGCPercent(400))
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(trendMemoryLimit(len(all))))
	}
	run, err := readPurchases(opts.IO, b, ids, opts.From, trend.Settings{Columns: columns, DateOrder: order}, metric, false, opts.Financials, nil, nil)
	if err != nil {
		return err
	}
	if opts.Strict && len(run.skipped) > 0 {
		printSkipped(opts.IO, run.skipped, 0)
		opts.IO.Say("acct: %d row%s could not be read (--strict)\n", len(run.skipped), pluralS(len(run.skipped)))
		return &SilentError{Code: ExitFailure}
	}
	ro := trend.ReportOptions{Matcher: run.accounts.matcher, Only: opts.Accounts,
		Settings: trend.SignalSettings{DeclineMonths: b.Config.Trend.DeclineMonths, SurgeRatio: b.Config.Trend.SurgeRatio}}
	if opts.AsOf != "" {
		m, _ := trend.ParseMonth(opts.AsOf)
		ro.AsOf = &m
	}
	rep, ok := run.coll.Report(ro)
	if !ok {
		printSkipped(opts.IO, run.skipped, 20)
		if len(run.emptyFiles) > 0 {
			return msg.Errorf("no purchase data found: %s %s a header row but no purchase rows", strings.Join(run.emptyFiles, ", "),
				map[bool]string{true: "has", false: "have"}[len(run.emptyFiles) == 1])
		}
		return msg.New("no purchase data found: import an ERP export with 'acct import FILE' or pass --from FILE")
	}
	if opts.AsOf == "" && opts.Now != nil {
		// The current calendar month is not over: judging it against whole
		// months gives false declines, so the default is the month before.
		now := opts.Now()
		if cur := trend.MonthOf(now.Year(), int(now.Month())); rep.AsOf == cur {
			rep.AsOf = cur - 1
			rep.Signals = rep.Signals[:0]
			for _, s := range rep.Series {
				rep.Signals = append(rep.Signals, trend.Signals(s, rep.AsOf, ro.Settings)...)
			}
			trend.SortSignals(rep.Signals)
			opts.IO.Say("as of %s: %s is not over yet; pass --as-of %s to include it\n", rep.AsOf, cur, cur)
		}
	}
	if opts.Financials {
		rep.Signals = append(rep.Signals, run.accounts.financialSignals(opts.Accounts)...)
		trend.SortSignals(rep.Signals)
	}
	if opts.Chart != "" {
		if err := drawTrendChart(opts.Chart, rep, opts.Accounts[0], run.accounts.Name(opts.Accounts[0]), opts.Metric, opts.Months,
			systemChartFonts(opts.Getenv, b.Root, b.Config.Chart.Font), opts.IO); err != nil {
			return err
		}
		opts.IO.Say("wrote %s\n", opts.Chart)
	}
	switch {
	case opts.JSON:
		err = writeTrendJSON(opts.IO.Out, rep, run.totals)
	case opts.IO.OutTTY:
		err = writeTrendTable(opts.IO.Out, opts.IO.Lang, rep, run.accounts, opts.Months, newPainter(opts.IO.OutColor))
	default:
		err = writeTrendTSV(opts.IO.Out, rep, opts.Months)
	}
	if err != nil {
		return err
	}
	printUnmatched(opts.IO, rep.Unmatched)
	printOverlaps(opts.IO, run.overlaps())
	for _, c := range run.accounts.matcher.Conflicts {
		opts.IO.Say("warning: %s\n", c)
	}
	printTotals(opts.IO, run)
	printSkipped(opts.IO, run.skipped, 20)
	return nil
}

// window returns the last n monthly values of s up to asOf, oldest first.
func window(s *trend.Series, asOf trend.Month, n int) []float64 {
	out := make([]float64, n)
	for i := 0; i < n; i++ {
		out[i] = s.At(asOf - trend.Month(n-1-i)).Float()
	}
	return out
}

// sparkline draws values as block characters, from the lowest (or 0) to the highest.
func sparkline(vals []float64) string {
	const bars = "▁▂▃▄▅▆▇█"
	blocks := []rune(bars)
	lo, hi := 0.0, 0.0
	for _, v := range vals {
		hi = math.Max(hi, v)
		lo = math.Min(lo, v)
	}
	var b strings.Builder
	for _, v := range vals {
		if hi == lo {
			b.WriteRune(blocks[0])
			continue
		}
		i := int((v - lo) / (hi - lo) * float64(len(blocks)-1))
		b.WriteRune(blocks[i])
	}
	return b.String()
}

// recentChange is v[0]/mean(v[1..3]) - 1, the change shown for every product.
func recentChange(s *trend.Series, asOf trend.Month) (float64, bool) {
	mean := (s.At(asOf-1) + s.At(asOf-2) + s.At(asOf-3)).Float() / 3
	if mean == 0 {
		return 0, false
	}
	return s.At(asOf).Float()/mean - 1, true
}

// signalsBy indexes signals by account and product.
func signalsBy(rep *trend.Report) map[[2]string][]string {
	m := map[[2]string][]string{}
	for _, s := range rep.Signals {
		k := [2]string{s.Account, s.Product}
		m[k] = append(m[k], s.Kind)
	}
	return m
}

// active reports whether a series has data in the shown window.
func active(vals []float64) bool {
	for _, v := range vals {
		if v != 0 {
			return true
		}
	}
	return false
}

func formatAmount(v float64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "00"), ".")
	ip, fp, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range ip {
		if i > 0 && (len(ip)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if fp != "" {
		b.WriteString("." + fp)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func formatChange(c float64, ok bool) string {
	if !ok {
		return "-"
	}
	s := fmt.Sprintf("%+.0f%%", c*100)
	if s == "-0%" || s == "+0%" {
		// A change that rounds to zero reads 0%, whatever its sign.
		return "0%"
	}
	return s
}

// trendBlock is one account's part of the output: its financial signals
// and the product series active in the shown window (or with signals).
type trendBlock struct {
	account string
	fin     []trend.Signal
	series  []*trend.Series
}

// trendBlocks groups the report by account, sorted by account id; an
// account with financial signals but no purchases still gets a block.
func trendBlocks(rep *trend.Report, months int, sigs map[[2]string][]string) []*trendBlock {
	by := map[string]*trendBlock{}
	var out []*trendBlock
	get := func(id string) *trendBlock {
		bl := by[id]
		if bl == nil {
			bl = &trendBlock{account: id}
			by[id] = bl
			out = append(out, bl)
		}
		return bl
	}
	for _, s := range rep.Signals {
		if s.Kind == trend.KindFinancial {
			bl := get(s.Account)
			bl.fin = append(bl.fin, s)
		}
	}
	for _, s := range rep.Series {
		if !active(window(s, rep.AsOf, months)) && len(sigs[[2]string{s.Account, s.Product}]) == 0 {
			continue
		}
		bl := get(s.Account)
		bl.series = append(bl.series, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].account < out[j].account })
	return out
}

// writeTrendTable is the terminal view, in lang: per account, its
// financial signals (--financials), then one line per product.
func writeTrendTable(w io.Writer, lang string, rep *trend.Report, ai *accountIndex, months int, p painter) error {
	sigs := signalsBy(rep)
	fmt.Fprintf(w, "%s\n", p.dim(msg.Sprintf(lang, "as of %s, last %d months", rep.AsOf, months)))
	width := 8
	for _, s := range rep.Series {
		if n := runewidth.StringWidth(s.Product); n > width && n <= 24 {
			width = n
		}
	}
	for i, bl := range trendBlocks(rep, months, sigs) {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s %s\n", p.bold(ai.Name(bl.account)), p.dim("("+bl.account+")"))
		for _, f := range bl.fin {
			fmt.Fprintf(w, "  %s\n", p.yellow(describeFinancial(lang, f)))
		}
		for _, s := range bl.series {
			vals := window(s, rep.AsOf, months)
			c, ok := recentChange(s, rep.AsOf)
			var kinds []string
			for _, k := range sigs[[2]string{s.Account, s.Product}] {
				switch k {
				case trend.KindFinancial:
					continue
				case trend.KindDecline, trend.KindLapsed:
					kinds = append(kinds, p.red(msg.Sprintf(lang, k)))
				default:
					kinds = append(kinds, p.green(msg.Sprintf(lang, k)))
				}
			}
			fmt.Fprintf(w, "  %s  %s  %12s  %6s  %s\n", runewidth.FillRight(runewidth.Truncate(s.Product, 24, "…"), width),
				sparkline(vals), formatAmount(vals[len(vals)-1]), formatChange(c, ok), strings.Join(kinds, " "))
		}
	}
	return nil
}

// describeFinancial says a financial signal (FORMAT.md section 6) in lang.
func describeFinancial(lang string, s trend.Signal) string {
	switch s.Measure {
	case "gross_margin":
		return msg.Sprintf(lang, "financial: gross margin %.1f%% -> %.1f%% (%s to %s)", s.Values[0]*100, s.Values[1]*100, s.Months[0], s.Months[1])
	case "inventory_days":
		return msg.Sprintf(lang, "financial: inventory days %g -> %g (%s, %s to %s)", s.Values[0], s.Values[1], formatChange(*s.Change, true), s.Months[0], s.Months[1])
	case "receivable_days":
		return msg.Sprintf(lang, "financial: receivable days %g -> %g (%s, %s to %s)", s.Values[0], s.Values[1], formatChange(*s.Change, true), s.Months[0], s.Months[1])
	default:
		label := strings.ReplaceAll(s.Measure, "_", " ")
		return msg.Sprintf(lang, "financial: %s %g -> %g (%s, %s to %s)", label, s.Values[0], s.Values[1], formatChange(*s.Change, true), s.Months[0], s.Months[1])
	}
}

// writeTrendTSV is the piped form: one stable tab-separated line per
// account and product: account, product, as-of month, last value, change
// (fraction, empty when undefined), signals (comma-separated), and the
// monthly values oldest first (space-separated). With --financials each
// financial signal comes first in its account's lines: account,
// "financial:<measure>" (inventory_days, receivable_days, gross_margin) in
// the product column, the periods compared ("2024..2025") in the month
// column, the later value, the change, "financial", and the two values
// compared, older first.
func writeTrendTSV(w io.Writer, rep *trend.Report, months int) error {
	sigs := signalsBy(rep)
	for _, bl := range trendBlocks(rep, months, sigs) {
		for _, s := range bl.fin {
			if _, err := fmt.Fprintf(w, "%s\tfinancial:%s\t%s..%s\t%g\t%s\t%s\t%g %g\n", s.Account, s.Measure, s.Months[0], s.Months[1],
				s.Values[1], tsvChange(*s.Change), trend.KindFinancial, s.Values[0], s.Values[1]); err != nil {
				return err
			}
		}
		for _, s := range bl.series {
			vals := window(s, rep.AsOf, months)
			c, ok := recentChange(s, rep.AsOf)
			cs := ""
			if ok {
				cs = tsvChange(c)
			}
			vs := make([]string, len(vals))
			for i, v := range vals {
				vs[i] = trend.Value(math.Round(v * trend.Scale)).String()
			}
			var ks []string
			for _, k := range sigs[[2]string{s.Account, s.Product}] {
				if k != trend.KindFinancial {
					ks = append(ks, k)
				}
			}
			if _, err := fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.Account, s.Product, rep.AsOf, vs[len(vs)-1], cs,
				strings.Join(ks, ","), strings.Join(vs, " ")); err != nil {
				return err
			}
		}
	}
	return nil
}

// tsvChange formats a change as a fraction with 4 decimals, never "-0.0000".
func tsvChange(c float64) string {
	s := fmt.Sprintf("%.4f", c)
	if s == "-0.0000" {
		return "0.0000"
	}
	return s
}

// printUnmatched lists customers that matched no account, most rows first.
func printUnmatched(ios *IOStreams, un map[string]int) {
	if len(un) == 0 {
		return
	}
	names := make([]string, 0, len(un))
	rows := 0
	for n, c := range un {
		names = append(names, n)
		rows += c
	}
	sort.Slice(names, func(i, j int) bool {
		if un[names[i]] != un[names[j]] {
			return un[names[i]] > un[names[j]]
		}
		return names[i] < names[j]
	})
	ios.Say("%d customer%s (%d row%s) matched no account; add them as an account's name or alias (aliases: in accounts/<id>/account.md):\n",
		len(names), pluralS(len(names)), rows, pluralS(rows))
	for _, n := range names {
		ios.Say("  %s\t%d row%s\n", n, un[n], pluralS(un[n]))
	}
}

// printSkipped lists skipped rows with file, line and reason; limit 0 lists all.
func printSkipped(ios *IOStreams, errs []trend.RowError, limit int) {
	if len(errs) == 0 {
		return
	}
	ios.Say("%d row%s could not be read and %s skipped:\n", len(errs), pluralS(len(errs)), map[bool]string{true: "was", false: "were"}[len(errs) == 1])
	for i := range errs {
		if limit > 0 && i == limit {
			ios.Say("  ... and %d more (--strict lists them all)\n", len(errs)-limit)
			break
		}
		ios.Say("  %s\n", &errs[i]) // an error: told in the book's language
	}
}
