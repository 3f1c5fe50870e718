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
	"github.com/acctbook/acct/msg"
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
overlapping months replaces them (a warning names products those months
had that the export lacks, e.g. an export of one product line only); when
several FILEs cover the same account and month, the last one wins. Customers that match no account are listed
with their row counts; rows that cannot be read are listed and skipped
(--strict: nothing is written). The changes are committed when the book is
a git repository.

Import never replaces or removes a purchases file whose content git does not
have at HEAD (an untracked file, or uncommitted edits; without git: a file
not in import's own form): it refuses, names the files and writes nothing.
Commit them (acct commit) or move them first. All months are written to
temporary files first and renamed at the end, so an interrupted import
leaves no half import; the next run removes the leftover temporary files.
A large export's rows are staged by account in a temporary folder
($TMPDIR), so memory does not grow with the export.

Months that another purchases file of the account (one not named
YYYY-MM.csv, e.g. an ERP export kept as it is) already has rows for would
be counted twice by acct trend: import refuses them, naming the file and
the months, unless --force.`,
		Example: `  acct import imports/erp-2026-02.csv
  acct import 销售明细.xlsx --map customer=购买方 --dry-run`,
		Args: wantArgs(1, anyNumber),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Files = args
			if _, err := parseColumnMap(nil, opts.Map); err != nil {
				return &UsageError{Err: err}
			}
			if _, err := trend.ParseDateOrder(opts.DateOrder); err != nil {
				return &UsageError{Err: msg.Errorf("--date-order: %w", err)}
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
	name string
	// covered are the accounts (importSpill indexes) with rows in the file.
	covered map[int]bool
	first   trend.Month
	last    trend.Month
	any     bool
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
	order, err := dateOrder(b, opts.DateOrder)
	if err != nil {
		return err
	}
	// The profiles load first: rows are matched to accounts as they are
	// read and spilled to disk by account, so memory stays flat however
	// large the export.
	accounts, err := loadAccountIndex(b, false)
	if err != nil {
		return err
	}
	spill, err := newImportSpill()
	if err != nil {
		return err
	}
	defer spill.close()
	var files []*importFile
	match := map[string]int{}         // customer as written -> account index, -1: none
	unmatchedRows := map[string]int{} // customer as written -> rows
	sink := func(acct string) trend.Sink {
		f := &importFile{covered: map[int]bool{}}
		fi := len(files)
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
				ai, ok := match[r.Customer]
				if !ok {
					ai = -1
					if id, ok := accounts.matcher.Match(r.Customer); ok {
						ai = spill.account(id)
					}
					match[r.Customer] = ai
				}
				if ai < 0 {
					unmatchedRows[r.Customer]++
					continue
				}
				f.covered[ai] = true
				if err := spill.add(fi, ai, r); err != nil {
					return msg.Errorf("nothing was imported: spilling rows to %s: %w", spill.dir, err)
				}
			}
			return nil
		}
	}
	run, err := readPurchases(opts.IO, b, nil, opts.Files, trend.Settings{Columns: columns, DateOrder: order}, trend.FieldAmount, true, false, sink, accounts)
	if err != nil {
		return err
	}
	for i, f := range files {
		f.name = opts.Files[i]
	}
	if len(run.skipped) > 0 && opts.Strict {
		printSkipped(opts.IO, run.skipped, 0)
		opts.IO.Say("acct: %d row%s could not be read (--strict); nothing was written\n", len(run.skipped), pluralS(len(run.skipped)))
		return &SilentError{Code: ExitFailure}
	}
	if err := spill.finish(); err != nil {
		return msg.Errorf("nothing was imported: spilling rows to %s: %w", spill.dir, err)
	}
	unmatched := map[string]int{}
	spelling := map[string]map[string]int{}
	for cust, n := range unmatchedRows {
		k := trend.NormalizeName(cust)
		if spelling[k] == nil {
			spelling[k] = map[string]int{}
		}
		spelling[k][cust] += n
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

	type change struct {
		added, replaced, removed, unchanged int
		gone                                map[string]bool // products of replaced months the export no longer has
	}
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
	// Plan bucket by bucket, account by account: decide the content of
	// every (account, month) the exports cover (the last file covering a
	// pair wins), compare it with the file there and write what changes
	// into a temporary file beside it. Nothing is renamed into place
	// before every month is planned: a file holding data that only exists
	// in the working folder, or months another purchases file already
	// holds, stop the import and the temporary files are removed.
	var writes []plannedWrite
	var removes []string
	var guarded []string
	var overlapsFound []acctOverlap
	var writeErr error
	cleanup := func() { discardImport(writes) }
	bar := newCountProgress(opts.IO, "comparing and writing purchases files", len(spill.ids))
	for k := 0; k < importBuckets && writeErr == nil; k++ {
		byAcct, err := spill.load(k)
		if err != nil {
			bar.done()
			cleanup()
			return err
		}
		accts := make([]int, 0, len(byAcct))
		for ai := range byAcct {
			accts = append(accts, ai)
		}
		sort.Slice(accts, func(i, j int) bool { return spill.ids[accts[i]] < spill.ids[accts[j]] })
		for _, ai := range accts {
			if writeErr != nil {
				break
			}
			bar.add()
			id := spill.ids[ai]
			byFile := map[int][]importRow{}
			for _, sr := range byAcct[ai] {
				byFile[sr.file] = append(byFile[sr.file], sr.row)
			}
			want := map[trend.Month][]importRow{}
			for fi, f := range files {
				if !f.covered[ai] {
					continue
				}
				for m := f.first; m <= f.last; m++ {
					want[m] = nil
				}
				for _, r := range byFile[fi] {
					want[r.date.Month()] = append(want[r.date.Month()], r)
				}
			}
			months := make([]trend.Month, 0, len(want))
			writing := map[trend.Month]bool{}
			for m, rows := range want {
				months = append(months, m)
				if len(rows) > 0 {
					writing[m] = true
				}
			}
			sort.Slice(months, func(i, j int) bool { return months[i] < months[j] })
			found, err := importOverlaps(opts, b, columns, id, writing)
			if err != nil {
				bar.done()
				cleanup()
				return err
			}
			overlapsFound = append(overlapsFound, found...)
			dir := b.Path(book.AccountDir(id) + "/purchases")
			staleRemoved := false
			ch := &change{}
			perAccount[id] = ch
			for _, m := range months {
				rel := book.AccountDir(id) + "/purchases/" + m.String() + ".csv"
				path := b.Path(rel)
				old, err := os.ReadFile(path)
				exists := err == nil
				if err != nil && !errors.Is(err, fs.ErrNotExist) {
					bar.done()
					cleanup()
					return err
				}
				rows := want[m]
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
						cleanup()
						return err
					}
					if !safe {
						guarded = append(guarded, rel)
					}
				}
				if exists {
					for _, p := range goneProducts(old, rows) {
						if ch.gone == nil {
							ch.gone = map[string]bool{}
						}
						ch.gone[p] = true
					}
				}
				switch {
				case len(rows) == 0 && exists:
					ch.removed++
					removes = append(removes, path)
					continue
				case len(rows) == 0:
					continue
				case exists:
					ch.replaced++
				default:
					ch.added++
				}
				w := plannedWrite{path: path}
				if !opts.DryRun && len(guarded) == 0 && (opts.Force || len(overlapsFound) == 0) {
					if !staleRemoved {
						if err := removeStaleTemps(map[string]bool{dir: true}); err != nil {
							bar.done()
							cleanup()
							return err
						}
						staleRemoved = true
					}
					if w.tmp, writeErr = book.StageFile(path, data); writeErr != nil {
						discardImport(writes)
						writeErr = msg.Errorf("nothing was imported: %w", writeErr)
						break
					}
				}
				writes = append(writes, w)
			}
		}
	}
	bar.done()
	if len(overlapsFound) > 0 {
		if err := reportImportOverlaps(opts, overlapsFound); err != nil {
			cleanup()
			return err
		}
	}
	if len(guarded) > 0 {
		cleanup()
		sort.Strings(guarded)
		return uncommittedPurchasesError(guarded, repo != nil)
	}
	if !opts.DryRun && writeErr == nil {
		writeErr = applyImport(writes, removes)
	}
	if writeErr != nil {
		return writeErr
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
	verb := map[bool]msg.Text{true: msg.T("would import"), false: msg.T("imported")}[opts.DryRun]
	if len(ids) <= 30 {
		for _, id := range ids {
			ch := perAccount[id]
			if ch.added+ch.replaced+ch.removed == 0 {
				continue
			}
			opts.IO.Say("  %s: %s\n", id, describeChange(opts.IO.Lang, ch.added, ch.replaced, ch.removed, ch.unchanged))
		}
	}
	for _, id := range ids {
		if gone := perAccount[id].gone; len(gone) > 0 {
			names := make([]string, 0, len(gone))
			for p := range gone {
				names = append(names, p)
			}
			sort.Strings(names)
			if len(names) > 5 {
				names = append(names[:5], msg.Sprintf(opts.IO.Lang, "%d more", len(names)-5))
			}
			opts.IO.Say("warning: %s: the months replaced had purchases of %s, which this export does not have: they are gone from those months (git keeps the old files)\n",
				id, strings.Join(names, ", "))
		}
	}
	span := ""
	for _, f := range files {
		if f.any {
			span += fmt.Sprintf(" %s (%s..%s)", f.name, f.first, f.last)
		}
	}
	opts.IO.Say("%s%s into %d account%s: %s\n", verb, span, len(ids), pluralS(len(ids)),
		describeChange(opts.IO.Lang, total.added, total.replaced, total.removed, total.unchanged))
	printUnmatched(opts.IO, unmatched)
	for _, f := range run.emptyFiles {
		opts.IO.Say("warning: %s has a header row but no purchase rows\n", f)
	}
	printTotals(opts.IO, run)
	printSkipped(opts.IO, run.skipped, 20)
	if opts.DryRun || len(changedDirs) == 0 {
		return nil
	}
	if repo == nil {
		opts.IO.Say("not committed: the book is not a git repository\n")
		return nil
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f.name))
	}
	lang := b.Config.Language
	subject := msg.Sprintf(lang, "import %s: %d account%s, %s", strings.Join(names, ", "), len(changedDirs), pluralS(len(changedDirs)),
		describeChange(lang, total.added, total.replaced, total.removed, 0))
	res, err := repo.Record(book.CommitOptions{Message: subject, Paths: changedDirs, Getenv: opts.Getenv, Now: commitTime(opts.Now), Lang: lang})
	if errors.Is(err, book.ErrNothingToCommit) {
		return nil
	}
	if err != nil {
		return msg.Errorf("files written but not committed: %w", err)
	}
	opts.IO.Say("committed %s: %s\n", res.Hash[:7], subject)
	return nil
}

func describeChange(lang string, added, replaced, removed, unchanged int) string {
	var parts []string
	if added > 0 {
		parts = append(parts, msg.Sprintf(lang, "%d month%s added", added, pluralS(added)))
	}
	if replaced > 0 {
		parts = append(parts, msg.Sprintf(lang, "%d replaced", replaced))
	}
	if removed > 0 {
		parts = append(parts, msg.Sprintf(lang, "%d removed", removed))
	}
	if unchanged > 0 {
		parts = append(parts, msg.Sprintf(lang, "%d unchanged", unchanged))
	}
	if len(parts) == 0 {
		return msg.Sprintf(lang, "nothing to do")
	}
	return strings.Join(parts, msg.Sprintf(lang, ", "))
}

// purchasesCSV renders one account-month file: UTF-8, LF, the header
// date,product,quantity,amount,order, rows by date then export line.
// goneProducts lists the products of an existing month file (import's own
// CSV: date, product, ...) that the month's new rows do not have.
func goneProducts(old []byte, rows []importRow) []string {
	have := map[string]bool{}
	for _, r := range rows {
		have[r.product] = true
	}
	recs, err := csv.NewReader(bytes.NewReader(old)).ReadAll()
	if err != nil {
		return nil
	}
	var gone []string
	seen := map[string]bool{}
	for i, r := range recs {
		if i == 0 || len(r) < 2 || have[r[1]] || seen[r[1]] {
			continue
		}
		seen[r[1]] = true
		gone = append(gone, r[1])
	}
	return gone
}

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
	tmp  string // the temporary file holding its content; empty in a dry run
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
	var more any = ""
	if len(list) > 20 {
		list = list[:20]
		more = msg.T("\n  ... and %d more", len(files)-20)
	}
	how := msg.T("commit them first (acct commit) or move them out of purchases/")
	what := msg.T("hold changes that are not committed (or are not tracked by git)")
	if !git {
		what = msg.T("were not written by acct import (the book has no git history to keep them)")
		how = msg.T("move them out of purchases/ first")
	}
	return msg.Errorf("import would replace or remove %d purchases file%s that %s; nothing was written. To import, %s:\n  %s%s",
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

// discardImport removes the temporary files of writes.
func discardImport(writes []plannedWrite) {
	for _, w := range writes {
		if w.tmp != "" {
			os.Remove(w.tmp)
		}
	}
}

// applyImport moves the planned files into place once every one of them
// is written (each to a temporary file beside it, book.StageFile), and
// removes the obsolete ones. The temporary files are made durable first,
// all at once (syncTemps), so a crash leaves either them or the import,
// never an empty or half-written month; an interruption before the
// renames leaves only temporary files (which trend, check and commit
// ignore and the next import removes), never half an import.
func applyImport(writes []plannedWrite, removes []string) error {
	if err := syncTemps(writes); err != nil {
		discardImport(writes)
		return msg.Errorf("nothing was imported: %w", err)
	}
	for i, w := range writes {
		if err := os.Rename(w.tmp, w.path); err != nil {
			discardImport(writes[i:])
			return msg.Errorf("import stopped after %d of %d files (run it again): write %s: %w", i, len(writes), w.path, err)
		}
	}
	for _, p := range removes {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// acctOverlap is one purchases file of an account (not written by import)
// that already holds months import would write.
type acctOverlap struct {
	account string
	text    msg.Text
}

// importOverlaps lists the purchases files of account id, other than the
// ones import writes, that already hold rows in the months import would
// write rows into: acct trend would add both (FORMAT.md section 6).
func importOverlaps(opts *ImportOptions, b *book.Book, columns map[trend.Field]string, id string, writing map[trend.Month]bool) ([]acctOverlap, error) {
	if len(writing) == 0 {
		return nil, nil
	}
	files, err := purchaseFiles(b, id)
	if err != nil {
		return nil, err
	}
	var found []acctOverlap
	for _, p := range files {
		if importMonthFile.MatchString(filepath.Base(p)) {
			continue
		}
		fm, err := readMonths(p, b.Rel(p), columns)
		if err != nil {
			opts.IO.Say("warning: cannot tell which months %s holds: %v\n", b.Rel(p), err)
			continue
		}
		var ms []string
		for m := range fm.months {
			if writing[m] {
				ms = append(ms, m.String())
			}
		}
		if len(ms) > 0 {
			sort.Strings(ms)
			found = append(found, acctOverlap{id, msg.T("%s already holds %s", b.Rel(p), describeMonths(ms))})
		}
	}
	return found, nil
}

// reportImportOverlaps refuses the months importOverlaps found, or with
// --force warns about them.
func reportImportOverlaps(opts *ImportOptions, found []acctOverlap) error {
	sort.SliceStable(found, func(i, j int) bool { return found[i].account < found[j].account })
	if opts.Force {
		for _, f := range found {
			opts.IO.Say("warning: %s; with --force those months are imported too and acct trend counts them twice\n", f.text)
		}
		return nil
	}
	var texts []string
	for _, f := range found {
		texts = append(texts, f.text.In(opts.IO.Lang))
	}
	return msg.Errorf("import would count months twice; nothing was written:\n  %s\nmove those files out of purchases/ (or remove the months from the export), or pass --force to import anyway",
		strings.Join(texts, "\n  "))
}
