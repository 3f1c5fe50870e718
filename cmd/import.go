package cmd

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/trend"
	"github.com/spf13/cobra"
)

func init() { register(func(f *Factory) *cobra.Command { return NewCmdImport(f, nil) }) }

// ImportOptions are the inputs of `acct import`.
type ImportOptions struct {
	IO     *IOStreams
	Book   func() (*book.Book, error)
	Getenv func(string) string
	Now    func() time.Time

	Files  []string
	Map    []string
	DryRun bool
	Strict bool
	Force  bool
	// DateOrder is --date-order: dmy, mdy or empty (see dateOrder).
	DateOrder string
}

// NewCmdImport builds `acct import`. runF replaces runImport in tests.
func NewCmdImport(f *Factory, runF func(*ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{IO: f.IO, Book: f.Book, Getenv: f.Getenv, Now: f.Now}
	c := &cobra.Command{
		Use:   "import FILE...",
		Short: "Split whole-book ERP exports into the accounts' purchase files",
		Long: `Split whole-book ERP exports (CSV or XLSX, read as 'acct trend --from'
reads them) into accounts/<id>/purchases/<YYYY-MM>.csv: UTF-8 CSV with the
columns date, product, quantity, amount, order.

For every account an export covers, the months it covers (its first to its
last month) are replaced: months without rows for that account lose their
file. Importing the same export twice changes nothing; a later export with
overlapping months replaces them; when several FILEs cover the same account
and month, the last one wins. Customers that match no account are listed
with their row counts; rows that cannot be read are listed and skipped
(--strict: nothing is written). The changes are committed when the book is
a git repository.

Import never replaces or removes a purchases file whose content git does not
have at HEAD (an untracked file, or uncommitted edits; without git: a file
not in import's own form): it refuses, names the files and writes nothing.
Commit them (acct commit) or move them first. All months are written to
temporary files first and renamed at the end, so an interrupted import
leaves no half import; the next run removes the leftover temporary files.

Months that another purchases file of the account (one not named
YYYY-MM.csv, e.g. an ERP export kept as it is) already has rows for would
be counted twice by acct trend: import refuses them, naming the file and
the months, unless --force.`,
		Example: `  acct import imports/erp-2026-02.csv
  acct import 销售明细.xlsx --map customer=购买方 --dry-run`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Files = args
			if _, err := parseColumnMap(nil, opts.Map); err != nil {
				return &UsageError{Err: err}
			}
			if _, err := trend.ParseDateOrder(opts.DateOrder); err != nil {
				return &UsageError{Err: fmt.Errorf("--date-order: %w", err)}
			}
			if runF != nil {
				return runF(opts)
			}
			return runImport(opts)
		},
	}
	c.Flags().StringArrayVar(&opts.Map, "map", nil, "name a column: `field=header` with field customer, date, product, quantity, amount or order (repeatable)")
	c.Flags().StringVar(&opts.DateOrder, "date-order", "", "read dates like 03/04/2026 as `dmy` (day/month/year) or mdy (default: import.date_order in acct.yaml, else decided per column by a day above 12)")
	c.Flags().BoolVar(&opts.DryRun, "dry-run", false, "say what would change, write nothing")
	c.Flags().BoolVar(&opts.Strict, "strict", false, "a row that cannot be read is fatal: nothing is written")
	c.Flags().BoolVar(&opts.Force, "force", false, "import months that another purchases file of the account already holds (they are then counted twice)")
	return c
}

// importRow is a purchase row kept for writing.
type importRow struct {
	line     int
	date     trend.Date
	product  string
	qty, amt trend.Value
	hasQ     bool
	hasA     bool
	order    string
}

// importFile is what one export holds.
type importFile struct {
	name       string
	byCustomer map[string][]importRow
	first      trend.Month
	last       trend.Month
	any        bool
}

type acctMonth struct {
	account string
	month   trend.Month
}

func runImport(opts *ImportOptions) error {
	b, err := opts.Book()
	if err != nil {
		return err
	}
	if !opts.DryRun {
		if err := refuseDuringMerge(b.Root); err != nil {
			return err
		}
	}
	columns, err := parseColumnMap(b.Config.Import.Columns, opts.Map)
	if err != nil {
		return err
	}
	var files []*importFile
	sink := func(acct string) trend.Sink {
		f := &importFile{byCustomer: map[string][]importRow{}}
		files = append(files, f)
		return func(batch []trend.Row) error {
			for i := range batch {
				r := &batch[i]
				m := r.Date.Month()
				if !f.any || m < f.first {
					f.first = m
				}
				if !f.any || m > f.last {
					f.last = m
				}
				f.any = true
				f.byCustomer[r.Customer] = append(f.byCustomer[r.Customer], importRow{line: r.Line, date: r.Date,
					product: r.Product, qty: r.Quantity, amt: r.Amount, hasQ: r.HasQuantity, hasA: r.HasAmount, order: r.Order})
			}
			return nil
		}
	}
	order, err := dateOrder(b, opts.DateOrder)
	if err != nil {
		return err
	}
	run, err := readPurchases(opts.IO, b, nil, opts.Files, trend.Settings{Columns: columns, DateOrder: order}, trend.FieldAmount, true, false, sink)
	if err != nil {
		return err
	}
	for i, f := range files {
		f.name = opts.Files[i]
	}
	if len(run.skipped) > 0 && opts.Strict {
		printSkipped(opts.IO.ErrOut, run.skipped, 0)
		fmt.Fprintf(opts.IO.ErrOut, "acct: %d row%s could not be read (--strict); nothing was written\n", len(run.skipped), pluralS(len(run.skipped)))
		return &SilentError{Code: ExitFailure}
	}

	// Decide the content of every (account, month) the exports cover; the
	// last file covering a pair wins.
	want := map[acctMonth][]importRow{}
	unmatched := map[string]int{}
	spelling := map[string]map[string]int{}
	for _, f := range files {
		covered := map[string][]importRow{}
		for cust, rows := range f.byCustomer {
			id, ok := run.accounts.matcher.Match(cust)
			if !ok {
				k := trend.NormalizeName(cust)
				if spelling[k] == nil {
					spelling[k] = map[string]int{}
				}
				spelling[k][cust] += len(rows)
				continue
			}
			covered[id] = append(covered[id], rows...)
		}
		for id, rows := range covered {
			for m := f.first; m <= f.last; m++ {
				want[acctMonth{id, m}] = nil
			}
			for _, r := range rows {
				k := acctMonth{id, r.date.Month()}
				want[k] = append(want[k], r)
			}
		}
	}
	for _, sp := range spelling {
		best, bestN, total := "", -1, 0
		for s, n := range sp {
			total += n
			if n > bestN || n == bestN && s < best {
				best, bestN = s, n
			}
		}
		unmatched[best] += total
	}

	keys := make([]acctMonth, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].account != keys[j].account {
			return keys[i].account < keys[j].account
		}
		return keys[i].month < keys[j].month
	})
	if err := checkImportOverlaps(opts, b, columns, keys, want); err != nil {
		return err
	}
	type change struct{ added, replaced, removed, unchanged int }
	perAccount := map[string]*change{}
	var total change
	var changedDirs []string
	repo, repoErr := b.Repo()
	if repoErr != nil && !errors.Is(repoErr, book.ErrNoRepo) {
		return repoErr
	}
	if repoErr != nil {
		repo = nil
	}
	// Plan every file first: nothing is written when a file holds data
	// that only exists in the working folder.
	var writes []plannedWrite
	var removes []string
	var guarded []string
	bar := newCountProgress(opts.IO, "comparing purchases files", len(keys))
	for _, k := range keys {
		bar.add()
		rel := book.AccountDir(k.account) + "/purchases/" + k.month.String() + ".csv"
		path := b.Path(rel)
		old, err := os.ReadFile(path)
		exists := err == nil
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			bar.done()
			return err
		}
		ch := perAccount[k.account]
		if ch == nil {
			ch = &change{}
			perAccount[k.account] = ch
		}
		rows := want[k]
		var data []byte
		if len(rows) > 0 {
			data = purchasesCSV(rows)
		}
		if exists && len(rows) > 0 && bytes.Equal(old, data) {
			ch.unchanged++
			continue
		}
		if exists {
			safe, err := importMaySupersede(repo, rel, old)
			if err != nil {
				bar.done()
				return err
			}
			if !safe {
				guarded = append(guarded, rel)
			}
		}
		switch {
		case len(rows) == 0 && exists:
			ch.removed++
			removes = append(removes, path)
		case len(rows) == 0:
		case exists:
			ch.replaced++
			writes = append(writes, plannedWrite{path: path, data: data})
		default:
			ch.added++
			writes = append(writes, plannedWrite{path: path, data: data})
		}
	}
	bar.done()
	if len(guarded) > 0 {
		return uncommittedPurchasesError(guarded, repo != nil)
	}
	if !opts.DryRun {
		dirs := map[string]bool{}
		for _, k := range keys {
			dirs[b.Path(book.AccountDir(k.account)+"/purchases")] = true
		}
		if err := removeStaleTemps(dirs); err != nil {
			return err
		}
	}
	var writeErr error
	if !opts.DryRun {
		writeErr = applyImport(opts.IO, writes, removes)
	}
	ids := make([]string, 0, len(perAccount))
	for id, ch := range perAccount {
		ids = append(ids, id)
		total.added += ch.added
		total.replaced += ch.replaced
		total.removed += ch.removed
		total.unchanged += ch.unchanged
		if ch.added+ch.replaced+ch.removed > 0 {
			changedDirs = append(changedDirs, book.AccountDir(id)+"/purchases")
		}
	}
	sort.Strings(ids)
	sort.Strings(changedDirs)
	verb := map[bool]string{true: "would import", false: "imported"}[opts.DryRun]
	if len(ids) <= 30 {
		for _, id := range ids {
			ch := perAccount[id]
			if ch.added+ch.replaced+ch.removed == 0 {
				continue
			}
			fmt.Fprintf(opts.IO.ErrOut, "  %s: %s\n", id, describeChange(ch.added, ch.replaced, ch.removed, ch.unchanged))
		}
	}
	span := ""
	for _, f := range files {
		if f.any {
			span += fmt.Sprintf(" %s (%s..%s)", f.name, f.first, f.last)
		}
	}
	fmt.Fprintf(opts.IO.ErrOut, "%s%s into %d account%s: %s\n", verb, span, len(ids), pluralS(len(ids)),
		describeChange(total.added, total.replaced, total.removed, total.unchanged))
	printUnmatched(opts.IO.ErrOut, unmatched)
	for _, f := range run.emptyFiles {
		fmt.Fprintf(opts.IO.ErrOut, "warning: %s has a header row but no purchase rows\n", f)
	}
	printTotals(opts.IO.ErrOut, run)
	printSkipped(opts.IO.ErrOut, run.skipped, 20)
	if writeErr != nil {
		return writeErr
	}
	if opts.DryRun || len(changedDirs) == 0 {
		return nil
	}
	if repo == nil {
		fmt.Fprintln(opts.IO.ErrOut, "not committed: the book is not a git repository")
		return nil
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f.name))
	}
	msg := fmt.Sprintf("import %s: %d account%s, %s", strings.Join(names, ", "), len(changedDirs), pluralS(len(changedDirs)),
		describeChange(total.added, total.replaced, total.removed, 0))
	res, err := repo.Record(book.CommitOptions{Message: msg, Paths: changedDirs, Getenv: opts.Getenv, Now: commitTime(opts.Now)})
	if errors.Is(err, book.ErrNothingToCommit) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("files written but not committed: %w", err)
	}
	fmt.Fprintf(opts.IO.ErrOut, "committed %s: %s\n", res.Hash[:7], msg)
	return nil
}

func describeChange(added, replaced, removed, unchanged int) string {
	var parts []string
	if added > 0 {
		parts = append(parts, fmt.Sprintf("%d month%s added", added, pluralS(added)))
	}
	if replaced > 0 {
		parts = append(parts, fmt.Sprintf("%d replaced", replaced))
	}
	if removed > 0 {
		parts = append(parts, fmt.Sprintf("%d removed", removed))
	}
	if unchanged > 0 {
		parts = append(parts, fmt.Sprintf("%d unchanged", unchanged))
	}
	if len(parts) == 0 {
		return "nothing to do"
	}
	return strings.Join(parts, ", ")
}

// purchasesCSV renders one account-month file: UTF-8, LF, the header
// date,product,quantity,amount,order, rows by date then export line.
func purchasesCSV(rows []importRow) []byte {
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].date != rows[j].date {
			return rows[i].date < rows[j].date
		}
		return rows[i].line < rows[j].line
	})
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	buf.WriteString(importHeader)
	rec := make([]string, 5)
	for _, r := range rows {
		rec[0] = r.date.String()
		rec[1] = r.product
		rec[2], rec[3] = "", ""
		if r.hasQ {
			rec[2] = r.qty.String()
		}
		if r.hasA {
			rec[3] = r.amt.String()
		}
		rec[4] = r.order
		_ = w.Write(rec)
	}
	w.Flush()
	return buf.Bytes()
}

// plannedWrite is one purchases file import writes.
type plannedWrite struct {
	path string
	data []byte
	tmp  string
}

// importHeader is the first line of every file import writes.
const importHeader = "date,product,quantity,amount,order\n"

// importMaySupersede reports whether import may replace or remove the
// purchases file rel (book-relative) whose current content is old: only
// when that content is safe elsewhere or is import's own. In a git
// repository that means old is exactly what HEAD holds (an untracked file,
// or one with uncommitted edits, is never touched); a book without git has
// no history, so only a file in import's own form (its header, five
// columns on every line) may be superseded.
func importMaySupersede(repo *book.Repo, rel string, old []byte) (bool, error) {
	if repo == nil {
		return isImportForm(old), nil
	}
	head, ok, err := repo.ReadFileAt("", rel)
	if err != nil {
		// No commit yet (or HEAD unreadable): nothing is known to be
		// safe, so the file is kept.
		return false, nil
	}
	return ok && bytes.Equal(head, old), nil
}

// isImportForm reports whether data looks exactly like a file import
// writes: its header and five columns on every record.
func isImportForm(data []byte) bool {
	if !bytes.HasPrefix(data, []byte(importHeader)) || len(data) > 0 && data[len(data)-1] != '\n' {
		return false
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = 5
	_, err := r.ReadAll()
	return err == nil
}

// uncommittedPurchasesError names the purchases files import refuses to
// replace or remove.
func uncommittedPurchasesError(files []string, git bool) error {
	list := files
	more := ""
	if len(list) > 20 {
		list = list[:20]
		more = fmt.Sprintf("\n  ... and %d more", len(files)-20)
	}
	how := "commit them first (acct commit) or move them out of purchases/"
	what := "hold changes that are not committed (or are not tracked by git)"
	if !git {
		what = "were not written by acct import (the book has no git history to keep them)"
		how = "move them out of purchases/ first"
	}
	return fmt.Errorf("import would replace or remove %d purchases file%s that %s; nothing was written. To import, %s:\n  %s%s",
		len(files), pluralS(len(files)), what, how, strings.Join(list, "\n  "), more)
}

// isStaleTemp reports whether name is a temporary file an interrupted
// write left behind (".NAME.tmp123", as book.WriteFile and import write).
func isStaleTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp")
}

// removeStaleTemps deletes the temporary files an interrupted import (or
// write) left in the given purchases folders.
func removeStaleTemps(dirs map[string]bool) error {
	for dir := range dirs {
		ents, err := os.ReadDir(dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		for _, e := range ents {
			if !e.IsDir() && isStaleTemp(e.Name()) {
				if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
					return err
				}
			}
		}
	}
	return nil
}

// applyImport writes every planned file into a temporary file beside it
// first; only when all are written are they renamed into place and the
// obsolete files removed. An interruption while writing leaves only
// temporary files (which trend, check and commit ignore and the next import
// removes), never half an import.
func applyImport(ios *IOStreams, writes []plannedWrite, removes []string) error {
	cleanup := func() {
		for _, w := range writes {
			if w.tmp != "" {
				os.Remove(w.tmp)
			}
		}
	}
	bar := newCountProgress(ios, "writing purchases files", len(writes))
	for i := range writes {
		bar.add()
		tmp, err := writeImportTemp(writes[i].path, writes[i].data)
		if err != nil {
			bar.done()
			cleanup()
			return err
		}
		writes[i].tmp = tmp
	}
	bar.done()
	for i, w := range writes {
		if err := os.Rename(w.tmp, w.path); err != nil {
			for _, r := range writes[i:] {
				os.Remove(r.tmp)
			}
			return fmt.Errorf("write %s: %w", w.path, err)
		}
	}
	for _, p := range removes {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// writeImportTemp writes data, synced, into a new ".NAME.tmp*" file beside
// path (creating the folder) and returns its name.
func writeImportTemp(path string, data []byte) (string, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	fh, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return "", err
	}
	name := fh.Name()
	_, err = fh.Write(data)
	if err == nil {
		err = fh.Sync()
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, 0o644)
	}
	if err != nil {
		os.Remove(name)
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return name, nil
}

// checkImportOverlaps refuses (or with --force warns about) months import
// would write rows into while another purchases file of the same account,
// one not written by import, already has rows in them: acct trend would
// add both (FORMAT.md section 6).
func checkImportOverlaps(opts *ImportOptions, b *book.Book, columns map[trend.Field]string, keys []acctMonth, want map[acctMonth][]importRow) error {
	writing := map[string]map[trend.Month]bool{}
	var ids []string
	for _, k := range keys {
		if len(want[k]) == 0 {
			continue
		}
		if writing[k.account] == nil {
			writing[k.account] = map[trend.Month]bool{}
			ids = append(ids, k.account)
		}
		writing[k.account][k.month] = true
	}
	var found []string
	for _, id := range ids {
		files, err := purchaseFiles(b, id)
		if err != nil {
			return err
		}
		for _, p := range files {
			if importMonthFile.MatchString(filepath.Base(p)) {
				continue
			}
			fm, err := readMonths(p, b.Rel(p), columns)
			if err != nil {
				fmt.Fprintf(opts.IO.ErrOut, "warning: cannot tell which months %s holds: %v\n", b.Rel(p), err)
				continue
			}
			var ms []string
			for m := range fm.months {
				if writing[id][m] {
					ms = append(ms, m.String())
				}
			}
			if len(ms) > 0 {
				sort.Strings(ms)
				found = append(found, fmt.Sprintf("%s already holds %s", b.Rel(p), describeMonths(ms)))
			}
		}
	}
	if len(found) == 0 {
		return nil
	}
	if opts.Force {
		for _, f := range found {
			fmt.Fprintf(opts.IO.ErrOut, "warning: %s; with --force those months are imported too and acct trend counts them twice\n", f)
		}
		return nil
	}
	return fmt.Errorf("import would count months twice; nothing was written:\n  %s\nmove those files out of purchases/ (or remove the months from the export), or pass --force to import anyway",
		strings.Join(found, "\n  "))
}
