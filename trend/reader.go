package trend

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/acctbook/acct/msg"
)

// Settings configure reading purchase tables.
type Settings struct {
	// Columns maps a field to the header text of its column, overriding
	// detection (--map field=header, acct.yaml import.columns).
	Columns map[Field]string
	// NeedCustomer requires a customer column: whole-book exports.
	NeedCustomer bool
	// Metric is FieldAmount (the default when zero-valued is given as
	// FieldCustomer) or FieldQuantity: the value a row must have. A table
	// with only the other column uses that one (FORMAT.md section 6).
	Metric Field
	// KeepOrder fills Row.Order (acct import); trend leaves it off.
	KeepOrder bool
	// Workers is how many goroutines parse rows; 0 means GOMAXPROCS.
	Workers int
	// DateOrder reads day-first or month-first dates (03/04/2026); the
	// zero value, DateOrderAuto, decides per column (FORMAT.md section 6).
	DateOrder DateOrder
	// Progress, when set, is called now and then (from one goroutine at a
	// time) with the number of input bytes read so far, for a progress bar.
	Progress func(done int64)
}

// Row is one purchase read from a table. Strings are interned: equal cells
// share one string.
type Row struct {
	// Line is the physical line (CSV) or row number (XLSX) where the row starts, from 1.
	Line     int
	Customer string // trimmed as written; empty when the table has no customer column
	Product  string // trimmed as written
	Date     Date
	Quantity Value // valid when HasQuantity
	Amount   Value // valid when HasAmount
	Order    string
	// HasQuantity and HasAmount tell whether the cells were present and not empty.
	HasQuantity, HasAmount bool

	// cust and prod are the parsing worker's ids of Customer and Product
	// (-1 when not interned), for per-worker sinks of this package.
	cust, prod int32
	// dform is what Date says about its column's date order; with
	// formAmbiguous, Date is pending until the column is read.
	dform dateForm
}

// Value returns the row's value of the metric field (FieldAmount or
// FieldQuantity), or of the other one when the row's table lacks the metric's
// column (FORMAT.md section 6: a file with only one of the two uses that one).
// Read rejects rows whose table has the metric's column but whose cell is empty.
func (r *Row) Value(metric Field) Value {
	if metric == FieldQuantity && r.HasQuantity || !r.HasAmount {
		return r.Quantity
	}
	return r.Amount
}

// RowError is a row that could not be read: it was skipped (and counted),
// or is fatal under --strict. Line is counted in the file the user opens.
// Reason is kept as a msg.Text, so it is told in the book's language when
// printed (In); File, Line and the cell text it quotes are values.
type RowError struct {
	File   string
	Line   int
	Reason msg.Text
}

// Error returns "file:line: reason" in English.
func (e *RowError) Error() string { return e.In("en") }

// In returns "file:line: reason" with the reason in lang (msg.Localize
// calls it).
func (e *RowError) In(lang string) string {
	if e.Line > 0 {
		return msg.Sprintf(lang, "%s:%d: %s", e.File, e.Line, e.Reason)
	}
	return msg.Sprintf(lang, "%s: %s", e.File, e.Reason)
}

// Table describes a table after reading it.
type Table struct {
	File       string
	Format     string // "csv" or "xlsx"
	Encoding   string // "utf-8", "utf-8 with BOM", "gb18030", "utf-16le", "utf-16be"
	Delimiter  byte
	HeaderLine int
	Headers    []string
	Columns    Columns
	// Metric is the field actually summed: Settings.Metric, or the other one
	// when the table lacks it.
	Metric Field
	// Rows counts the purchase rows read and passed on.
	Rows int
	// TotalLines are the lines of total rows (合计, 总计, Total), which are not purchases.
	TotalLines []int
	// Skipped are the rows that could not be read, in line order.
	Skipped []RowError
}

// FileError is a table that cannot be read at all (no header, not a table,
// an unreadable file); it names the file.
type FileError struct {
	File string
	Err  error
}

// Error returns "file: error" in English.
func (e *FileError) Error() string { return e.File + ": " + e.Err.Error() }

// In returns "file: error" with the error in lang (msg.Localize calls it).
func (e *FileError) In(lang string) string { return e.File + ": " + msg.Localize(e.Err, lang) }

// Unwrap returns Err.
func (e *FileError) Unwrap() error { return e.Err }

// Sink receives the rows of a table in batches, from one goroutine at a
// time, in no particular order. The batch is reused after Sink returns. An
// error stops reading and is returned by Read.
type Sink func(batch []Row) error

// Read reads the purchase table r named name (for messages and to tell XLSX
// by its extension or content) and passes its rows to sink. CSV is streamed
// in chunks parsed in parallel, so memory does not grow with the file; XLSX
// is read through excelize. It returns the Table with the rows skipped and
// why, or a *FileError when the table cannot be read at all.
func Read(name string, r io.Reader, s Settings, sink Sink) (*Table, error) {
	return read(name, r, s, sink, nil)
}

// ReadEach is Read with one Sink per parsing goroutine: newSink is called
// once per worker, and each Sink only from its worker's goroutine, so sinks
// need no locking and nothing waits on a single consumer. Rows reach the
// sinks in no particular order.
func ReadEach(name string, r io.Reader, s Settings, newSink func() Sink) (*Table, error) {
	return read(name, r, s, nil, newSink)
}

func read(name string, r io.Reader, s Settings, sink Sink, newSink func() Sink) (*Table, error) {
	if s.Metric != FieldQuantity {
		s.Metric = FieldAmount
	}
	br := &peekReader{r: r}
	if f, ok := r.(*os.File); ok {
		if data, unmap, ok := mmapFile(f); ok {
			defer unmap()
			br = &peekReader{r: bytes.NewReader(data), mem: data}
		}
	}
	head, err := br.peek(4)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, &FileError{name, err}
	}
	if strings.EqualFold(filepath.Ext(name), ".xls") || bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		return nil, &FileError{name, errOldXLS}
	}
	var order *orderSinks
	if s.DateOrder == DateOrderAuto {
		// Ambiguous dates wait until the whole column is seen.
		order = &orderSinks{}
		if sink != nil {
			sink = order.wrap(sink)
		} else {
			inner := newSink
			newSink = func() Sink { return order.wrap(inner()) }
		}
	}
	var t *Table
	if strings.EqualFold(filepath.Ext(name), ".xlsx") || bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		if sink == nil {
			sink = newSink()
		}
		t, err = readXLSX(name, br, s, sink)
	} else {
		t, err = readCSV(name, br, s, sink, newSink)
	}
	if err == nil && order != nil {
		err = order.finish(t)
	}
	return t, err
}

// peekReader is a reader that can look ahead.
type peekReader struct {
	r   io.Reader
	buf []byte
	// mem is the whole input when it is a memory-mapped file; off counts
	// the bytes discarded from its start (BOM, header).
	mem []byte
	off int
}

// discard drops n peeked bytes.
func (p *peekReader) discard(n int) {
	p.buf = p.buf[n:]
	p.off += n
}

func (p *peekReader) peek(n int) ([]byte, error) {
	// Grow geometrically from 64 KiB, so that a small file (an account's
	// monthly purchases) does not cost a 1 MiB allocation.
	for len(p.buf) < n {
		if cap(p.buf) == len(p.buf) {
			c := 2 * cap(p.buf)
			if c < 64<<10 {
				c = 64 << 10
			}
			if c > n {
				c = n
			}
			nb := make([]byte, len(p.buf), c)
			copy(nb, p.buf)
			p.buf = nb
		}
		m, err := p.r.Read(p.buf[len(p.buf):cap(p.buf)])
		p.buf = p.buf[:len(p.buf)+m]
		if err != nil {
			if len(p.buf) >= n {
				break
			}
			if errors.Is(err, io.EOF) {
				return p.buf, io.EOF
			}
			return p.buf, err
		}
	}
	return p.buf[:n], nil
}

func (p *peekReader) Read(b []byte) (int, error) {
	if len(p.buf) > 0 {
		n := copy(b, p.buf)
		p.buf = p.buf[n:]
		return n, nil
	}
	return p.r.Read(b)
}

const (
	sampleSize  = 1 << 20 // bytes read to detect encoding, delimiter and header
	maxRecord   = 1 << 20 // a record (with quoted line breaks) longer than this is an error
	headerScan  = 30      // records searched for the header row
	internLimit = 1 << 18 // distinct cells cached per worker
)

// chunkSize is how many bytes a parallel chunk holds (a variable so tests
// can force many chunk boundaries). 1 MiB rather than more: the rows of
// the chunks in flight are held in memory (~16,000 rows of ~100 bytes per
// chunk), and on the 5.8M-row benchmark export 4 MiB chunks took the same
// time with ~30 MB more peak RSS and ~30% more page faults.
var chunkSize = 1 << 20

// inlineMax is the largest table (in bytes after the header) parsed without
// goroutines; tests set it to -1 to drive small tables through the chunks.
var inlineMax = sampleSize

// textCodec turns raw cell bytes into UTF-8 text.
type textCodec struct {
	gb  bool
	dec *encoding.Decoder
}

func (c *textCodec) text(b []byte) (string, error) {
	if !c.gb {
		if !utf8.Valid(b) {
			return "", errNotUTF8
		}
		return string(b), nil
	}
	if isASCII(b) {
		return string(b), nil
	}
	if looksUTF8(b) {
		return "", errMixedEncodings
	}
	out, err := c.dec.Bytes(b)
	if err != nil {
		return "", msg.Errorf("not valid GB18030 text: %v", err)
	}
	return string(out), nil
}

// looksUTF8 reports whether b is valid UTF-8 holding at least two
// characters of three or more bytes (such as Chinese): GBK text almost never
// is, so in a GBK file such a cell was pasted from a UTF-8 one, and decoding
// it as GBK would turn 电源模块 into 鐢垫簮妯″潡.
func looksUTF8(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	n := 0
	for i := 0; i < len(b); {
		_, size := utf8.DecodeRune(b[i:])
		if size >= 3 {
			if n++; n == 2 {
				return true
			}
		}
		i += size
	}
	return false
}

func readCSV(name string, pr *peekReader, s Settings, sink Sink, newSink func() Sink) (*Table, error) {
	t := &Table{File: name, Format: "csv"}
	sample, err := pr.peek(sampleSize)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, &FileError{name, err}
	}
	codec := &textCodec{}
	switch {
	case bytes.HasPrefix(sample, []byte{0xEF, 0xBB, 0xBF}):
		t.Encoding = "utf-8 with BOM"
		pr.discard(3)
	case bytes.HasPrefix(sample, []byte{0xFF, 0xFE}), bytes.HasPrefix(sample, []byte{0xFE, 0xFF}):
		t.Encoding = "utf-16le"
		if sample[0] == 0xFE {
			t.Encoding = "utf-16be"
		}
		// UTF-16 is not ASCII-compatible: decode the whole stream to UTF-8
		// (the BOM tells the byte order and is removed) and read that.
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		pr = &peekReader{r: transform.NewReader(pr, dec)}
		if _, err := pr.peek(sampleSize); err != nil && !errors.Is(err, io.EOF) {
			return nil, &FileError{name, err}
		}
	case bytes.HasPrefix(sample, []byte{0x84, 0x31, 0x95, 0x33}):
		t.Encoding = "gb18030"
		pr.discard(4)
		codec = &textCodec{gb: true, dec: simplifiedchinese.GB18030.NewDecoder()}
	default:
		// No BOM: UTF-8 if the sample is valid UTF-8 (cut at a rune
		// boundary), otherwise GB18030, the superset of GBK that Chinese
		// Excel writes. Both keep ASCII bytes (delimiters, quotes, line
		// ends) as they are, so the file can be split before decoding.
		cut := sample
		if len(cut) == sampleSize {
			for i := 0; i < 4 && len(cut) > 0 && !utf8.Valid(cut); i++ {
				cut = cut[:len(cut)-1]
			}
		}
		if utf8.Valid(cut) {
			t.Encoding = "utf-8"
		} else {
			t.Encoding = "gb18030"
			codec = &textCodec{gb: true, dec: simplifiedchinese.GB18030.NewDecoder()}
		}
	}
	sample, _ = pr.peek(sampleSize)
	atEOF := len(sample) < sampleSize
	d := detectDialect(sample, atEOF)
	t.Delimiter = d.delim

	// Header: the first record among the first few that names the columns.
	over := s.Columns
	var first [][]string
	pos, line := 0, 1
	var fields [][]byte
	var scratch []byte
	found := false
	for n := 0; n < headerScan && pos < len(sample); n++ {
		var nlines int
		var st recState
		var next int
		fields, scratch, next, nlines, st = d.next(sample, pos, atEOF, fields, scratch)
		if st == recIncomplete {
			break
		}
		cells := make([]string, len(fields))
		for i, f := range fields {
			txt, err := codec.text(f)
			if err != nil {
				txt = string(f)
			}
			cells[i] = strings.TrimSpace(txt)
		}
		first = headerCandidate(first, cells, over, s.NeedCustomer)
		if cols, ok := layout(cells, over, s.NeedCustomer); ok {
			t.Columns, t.Headers, t.HeaderLine = cols, cells, line
			found = true
			pos, line = next, line+nlines
			break
		}
		pos, line = next, line+nlines
	}
	if !found {
		return nil, &FileError{name, noHeaderError(first, over, s.NeedCustomer)}
	}
	if err := duplicateColumns(t.Headers, t.Columns, t.HeaderLine); err != nil {
		return nil, &FileError{name, err}
	}
	t.Metric = s.Metric
	if t.Columns[t.Metric] < 0 {
		t.Metric = FieldAmount + FieldQuantity - t.Metric
	}
	// Skip the header bytes, then stream the rest in chunks.
	pr.discard(pos)
	rs := &rowSpec{d: d, header: t.HeaderLine, file: name, cols: t.Columns, width: len(t.Headers), s: s, metric: t.Metric}
	if atEOF && len(pr.buf) <= inlineMax {
		// A small table (the whole file was the sample, as with an
		// account's monthly purchases file): parse it right here, without
		// goroutines and chunk buffers.
		return t, runInline(t, pr.buf, d, line, rs, codec, sink, newSink)
	}
	if pr.mem != nil {
		return t, runMem(t, pr.mem[pr.off:], d, line, rs, codec, sink, newSink)
	}
	return t, runChunks(t, pr, d, line, rs, codec, sink, newSink)
}

// runInline parses a table held in memory in the calling goroutine.
func runInline(t *Table, data []byte, d dialect, line int, rs *rowSpec, codec *textCodec, sink Sink, newSink func() Sink) error {
	var cerrs []RowError
	pos, lines := 0, 0
	for pos < len(data) {
		next, nl, st := d.skip(data, pos, true)
		if st != recOK {
			// Same rule as produceChunks: name the line, go on after it.
			cerrs = append(cerrs, RowError{rs.file, line + lines, recordError(data, pos, d.term)})
			rest := len(data)
			if i := bytes.IndexByte(data[pos:], d.term); i >= 0 {
				rest = pos + i + 1
			}
			w := newWorker(rs, codec)
			res := w.parseChunk(chunk{data: data[:pos], line: line, errs: cerrs}, nil)
			if err := deliver(t, res, sink, newSink); err != nil {
				return err
			}
			data, line, pos, lines, cerrs = data[rest:], line+lines+1, 0, 0, nil
			continue
		}
		pos, lines = next, lines+nl
	}
	w := newWorker(rs, codec)
	res := w.parseChunk(chunk{data: data, line: line, errs: cerrs}, nil)
	if err := deliver(t, res, sink, newSink); err != nil {
		return err
	}
	sort.Slice(t.Skipped, func(i, j int) bool { return t.Skipped[i].Line < t.Skipped[j].Line })
	sort.Ints(t.TotalLines)
	return nil
}

func deliver(t *Table, res result, sink Sink, newSink func() Sink) error {
	t.Rows += len(res.rows)
	t.Skipped = append(t.Skipped, res.errs...)
	t.TotalLines = append(t.TotalLines, res.totals...)
	if len(res.rows) == 0 {
		return nil
	}
	if sink == nil {
		sink = newSink()
	}
	return sink(res.rows)
}

func allEmpty(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return false
		}
	}
	return true
}

// detectDialect finds the line end and the delimiter from a sample: the line
// end is that of the first record (lineEnd); the delimiter is the one of
// , ; tab that splits the most sample lines into the same number (>1) of
// fields.
func detectDialect(sample []byte, atEOF bool) dialect {
	term := lineEnd(sample)
	best, bestScore := byte(','), -1
	for _, delim := range []byte{',', ';', '\t'} {
		d := dialect{delim: delim, term: term}
		counts := map[int]int{}
		pos := 0
		var fields [][]byte
		var scratch []byte
		for n := 0; n < 50 && pos < len(sample); n++ {
			var next int
			var st recState
			fields, scratch, next, _, st = d.next(sample, pos, atEOF, fields, scratch)
			if st == recIncomplete {
				break
			}
			nf := len(fields)
			for nf > 1 && len(bytes.TrimSpace(fields[nf-1])) == 0 {
				nf-- // Excel pads title rows with empty cells
			}
			if nf > 1 {
				counts[len(fields)]++
			}
			pos = next
		}
		score := 0
		for _, c := range counts {
			if c > score {
				score = c
			}
		}
		if score > bestScore {
			best, bestScore = delim, score
		}
	}
	return dialect{delim: best, term: term}
}

// lineEnd is the line end that ends the first record of sample: LF (with
// or without CR before it) or a lone CR. Line breaks inside quotes do not
// count: Excel for Mac ends records with CR and writes a line break typed
// in a cell as LF. Without a line break outside quotes (a stray quote), it
// is LF if the sample has one, else CR.
func lineEnd(sample []byte) byte {
	quoted := false
	for i, c := range sample {
		switch c {
		case '"':
			quoted = !quoted
		case '\n':
			if !quoted {
				return '\n'
			}
		case '\r':
			if !quoted && i+1 < len(sample) {
				if sample[i+1] == '\n' {
					return '\n'
				}
				return '\r'
			}
		}
	}
	if bytes.IndexByte(sample, '\n') < 0 && bytes.IndexByte(sample, '\r') >= 0 {
		return '\r'
	}
	return '\n'
}

// rowSpec is what a worker needs to turn fields into a Row.
type rowSpec struct {
	d      dialect
	header int
	file   string
	cols   Columns
	width  int
	s      Settings
	metric Field
	xlsx   bool
}

type chunk struct {
	data []byte
	line int
	errs []RowError // errors found by the chunker (runaway quotes)
}

type result struct {
	n      int   // rows passed to a per-worker sink
	err    error // from a per-worker sink
	rows   []Row
	errs   []RowError
	totals []int
	buf    []byte
}

// runChunks splits the stream into chunks of whole records, parses them on
// the workers and feeds the sink from this goroutine.
func runChunks(t *Table, r io.Reader, d dialect, line int, rs *rowSpec, codec *textCodec, sink Sink, newSink func() Sink) error {
	workers := rs.s.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	chunks := make(chan chunk, workers)
	results := make(chan result, workers)
	free := make(chan []byte, workers+3)
	freeRows := make(chan []Row, workers+3)
	var readErr error
	stop := make(chan struct{})

	go func() {
		defer close(chunks)
		readErr = produceChunks(r, d, line, rs.file, chunks, free, stop, rs.s.Progress)
	}()
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker(rs, codec)
			var own Sink
			var ownRows []Row
			if newSink != nil {
				own = newSink()
			}
			for c := range chunks {
				var rows []Row
				if own != nil {
					rows = ownRows
				} else {
					select {
					case rows = <-freeRows:
					default:
					}
				}
				res := w.parseChunk(c, rows[:0])
				if own != nil {
					res.n = len(res.rows)
					if res.n > 0 {
						res.err = own(res.rows)
					}
					ownRows, res.rows = res.rows[:0], nil
				}
				select {
				case results <- res:
				case <-stop:
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	var sinkErr error
	for res := range results {
		if sinkErr == nil && res.err != nil {
			sinkErr = res.err
			close(stop)
		}
		if sinkErr == nil {
			t.Rows += len(res.rows) + res.n
			t.Skipped = append(t.Skipped, res.errs...)
			t.TotalLines = append(t.TotalLines, res.totals...)
			if len(res.rows) > 0 {
				if err := sink(res.rows); err != nil {
					sinkErr = err
					close(stop)
				}
			}
		}
		select {
		case free <- res.buf[:0]:
		default:
		}
		select {
		case freeRows <- res.rows[:0]:
		default:
		}
	}
	if sinkErr != nil {
		return sinkErr
	}
	if readErr != nil {
		return &FileError{rs.file, readErr}
	}
	sort.Slice(t.Skipped, func(i, j int) bool { return t.Skipped[i].Line < t.Skipped[j].Line })
	sort.Ints(t.TotalLines)
	return nil
}

// produceChunks reads r and sends chunks that end at record boundaries,
// so each can be parsed on its own. A quoted field left open (a stray
// quote at the start of a field) is reported at the line it starts on, and
// reading goes on after that line, so one typo does not swallow the file.
func produceChunks(r io.Reader, d dialect, line int, file string, out chan<- chunk, free chan []byte, stop <-chan struct{}, progress func(int64)) error {
	var read int64
	var pending []byte // bytes after the last boundary
	atEOF := false
	skipping := false // inside a skipped line whose end is not read yet
	for {
		var buf []byte
		select {
		case buf = <-free:
		default:
		}
		need := len(pending) + chunkSize
		if cap(buf) < need {
			buf = make([]byte, 0, need)
		}
		buf = append(buf[:0], pending...)
		if !atEOF {
			n, err := io.ReadFull(r, buf[len(buf):need])
			buf = buf[:len(buf)+n]
			read += int64(n)
			if progress != nil {
				progress(read)
			}
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				atEOF = true
			} else if err != nil {
				return err
			}
		}
		pos, lines, restart := 0, 0, -1
		if skipping {
			// The rest of a line too long to read, begun in an earlier
			// buffer: drop it up to its line break.
			i := bytes.IndexByte(buf, d.term)
			if i < 0 {
				pending = nil
				if atEOF {
					return nil
				}
				continue
			}
			buf = buf[i+1:]
			skipping = false
		}
		var cerrs []RowError
		for pos < len(buf) {
			next, nl, st := d.skip(buf, pos, atEOF)
			if st == recIncomplete && len(buf)-pos <= maxRecord {
				break
			}
			if st != recOK || next-pos > maxRecord {
				cerrs = append(cerrs, RowError{file, line + lines, recordError(buf, pos, d.term)})
				restart = len(buf)
				if i := bytes.IndexByte(buf[pos:], d.term); i >= 0 {
					restart = pos + i + 1
				} else {
					skipping = !atEOF
				}
				break
			}
			pos = next
			lines += nl
		}
		c := chunk{data: buf[:pos], line: line, errs: cerrs}
		line += lines
		if restart >= 0 {
			pending = append([]byte(nil), buf[restart:]...)
			line++
		} else {
			pending = append([]byte(nil), buf[pos:]...)
		}
		select {
		case out <- c:
		case <-stop:
			return nil
		}
		if atEOF && len(pending) == 0 {
			return nil
		}
	}
}

// recordError says why the record starting at data[pos] cannot be read:
// its line is longer than maxRecord, or a quoted field in it is never closed.
func recordError(data []byte, pos int, term byte) msg.Text {
	if end := min(len(data), pos+maxRecord+1); end-pos > maxRecord && bytes.IndexByte(data[pos:end], term) < 0 {
		return msg.T("the line is longer than 1 MiB (binary data, or no line breaks?); the line is skipped")
	}
	return msg.T("a quoted field opened on this line is never closed (a stray quote at the start of a field?); the line is skipped")
}

// worker turns raw fields into Rows, caching decoded cells and dates.
type worker struct {
	rs     *rowSpec
	codec  *textCodec
	cells  map[string]*cellInfo
	dates  map[string]dateInfo
	fields [][]byte
	scr    []byte

	lastCust, lastProd lastCell
}

// lastCell remembers the previous row's cell of a column: exports sorted
// by customer repeat it row after row, and a byte compare beats a hash.
type lastCell struct {
	raw []byte
	ci  *cellInfo
}

// cellLast is cell with a one-entry cache per column.
func (w *worker) cellLast(b []byte, last *lastCell) *cellInfo {
	if last.ci != nil && bytes.Equal(b, last.raw) {
		return last.ci
	}
	ci := w.cell(b)
	last.raw = append(last.raw[:0], b...)
	last.ci = ci
	return ci
}

type cellInfo struct {
	s     string
	err   error // why the cell cannot be read (msg errors, in English until printed)
	total bool
	id    int32 // worker-local id of the interned cell, -1 when not cached
}

type dateInfo struct {
	d    Date
	err  *msg.Text // why the date cannot be read, made once per distinct cell
	form dateForm
}

func newWorker(rs *rowSpec, codec *textCodec) *worker {
	c := *codec
	if c.gb {
		c.dec = simplifiedchinese.GB18030.NewDecoder()
	}
	return &worker{rs: rs, codec: &c, cells: map[string]*cellInfo{}, dates: map[string]dateInfo{}}
}

func (w *worker) parseChunk(c chunk, rows []Row) result {
	res := result{errs: c.errs, buf: c.data}
	buf := c.data
	pos, line := 0, c.line
	sc := newScanner(w.rs.d, buf)
	for pos < len(buf) {
		var next, nl int
		var st recState
		var ok bool
		if w.fields, next, nl, ok = sc.next(pos, w.fields); !ok {
			w.fields, w.scr, next, nl, st = w.rs.d.next(buf, pos, true, w.fields, w.scr)
		}
		if st != recOK {
			res.errs = append(res.errs, RowError{w.rs.file, line, msg.T("a quoted field opened here is never closed (a stray quote?)")})
			break
		}
		rows = w.take(line, rows, &res)
		pos = next
		line += nl
	}
	res.rows = rows
	return res
}

type rowKind int

const (
	rowOK rowKind = iota
	rowBlank
	rowTotal
	rowBad
)

// take reads the record in w.fields (line is its first line) and files it:
// a purchase is appended to rows (returned), a total row's line and a bad
// row's reason go to res.
func (w *worker) take(line int, rows []Row, res *result) []Row {
	// The row is read into its place in rows, not copied there.
	rows = append(rows, Row{})
	k, reason := w.row(w.fields, line, &rows[len(rows)-1])
	if k != rowOK {
		rows = rows[:len(rows)-1]
	}
	switch k {
	case rowTotal:
		res.totals = append(res.totals, line)
	case rowBad:
		res.errs = append(res.errs, RowError{w.rs.file, line, reason})
	}
	return rows
}

// row interprets the fields of one record.
func (w *worker) row(fields [][]byte, line int, out *Row) (rowKind, msg.Text) {
	rs := w.rs
	blank := true
	for _, f := range fields {
		if len(f) > 0 && (f[0] != ' ' || len(trimSpaceBytes(f)) > 0) {
			blank = false
			break
		}
	}
	if blank {
		return rowBlank, msg.Text{}
	}
	if !rs.xlsx && len(fields) != rs.width {
		n := len(fields)
		for n > rs.width && len(trimSpaceBytes(fields[n-1])) == 0 {
			n--
		}
		if n != rs.width {
			if w.isTotal(fields) {
				return rowTotal, msg.Text{}
			}
			return rowBad, msg.T("%d fields, but the header (line %d) has %d: a missing or extra delimiter?", len(fields), rs.header, rs.width)
		}
	}
	get := func(f Field) []byte {
		i := rs.cols[f]
		if i < 0 || i >= len(fields) {
			return nil
		}
		return trimSpaceBytes(fields[i])
	}
	out.Line = line
	var problems []msg.Text
	if rs.cols[FieldCustomer] >= 0 {
		ci := w.cellLast(get(FieldCustomer), &w.lastCust)
		switch {
		case ci.total:
			return rowTotal, msg.Text{}
		case ci.err != nil:
			problems = append(problems, msg.T("%s %v", fieldLabels[FieldCustomer], ci.err))
		case ci.s == "" && rs.s.NeedCustomer:
			problems = append(problems, msg.T("%s is empty", fieldLabels[FieldCustomer]))
		}
		out.Customer, out.cust = ci.s, ci.id
	} else {
		out.cust = -1
	}
	pi := w.cellLast(get(FieldProduct), &w.lastProd)
	switch {
	case pi.total:
		return rowTotal, msg.Text{}
	case pi.err != nil:
		problems = append(problems, msg.T("%s %v", fieldLabels[FieldProduct], pi.err))
	case pi.s == "":
		problems = append(problems, msg.T("%s is empty", fieldLabels[FieldProduct]))
	}
	out.Product, out.prod = pi.s, pi.id
	db := get(FieldDate)
	if di := w.date(db); di.err != nil {
		problems = append(problems, *di.err)
	} else {
		out.Date, out.dform = di.d, di.form
	}
	for _, f := range []Field{FieldAmount, FieldQuantity} {
		if rs.cols[f] < 0 {
			continue
		}
		b := get(f)
		if w.codec.gb && !isASCII(b) {
			if txt, err := w.codec.text(b); err == nil {
				b = []byte(txt)
			}
		}
		v, err := parseNumber(b)
		if err == ErrNoNumber {
			if f == rs.metric {
				problems = append(problems, msg.T("%s is empty", fieldLabels[f]))
			}
			continue
		}
		if err != nil {
			problems = append(problems, msg.T("%s %v", fieldLabels[f], err))
			continue
		}
		if f == FieldAmount {
			out.Amount, out.HasAmount = v, true
		} else {
			out.Quantity, out.HasQuantity = v, true
		}
	}
	if rs.s.KeepOrder && rs.cols[FieldOrder] >= 0 {
		b := get(FieldOrder)
		if lostDigits(b) || rs.xlsx && lostDigitsXLSX(b) {
			problems = append(problems, msg.T("order %q: Excel turned this number into scientific notation and its digits are lost; re-export the column as text", string(b)))
		} else if txt, err := w.codec.text(b); err != nil {
			problems = append(problems, msg.T("%s %v", fieldLabels[FieldOrder], err))
		} else {
			out.Order = txt
		}
	}
	if len(problems) > 0 {
		if w.isTotal(fields) {
			return rowTotal, msg.Text{}
		}
		return rowBad, joinReasons(problems)
	}
	return rowOK, msg.Text{}
}

// isTotal reports whether one of the first cells says 合计, 总计, Total...
func (w *worker) isTotal(fields [][]byte) bool {
	for i, f := range fields {
		if i >= 4 {
			break
		}
		f = trimSpaceBytes(f)
		if len(f) == 0 || len(f) > 24 {
			continue
		}
		if w.cell(f).total {
			return true
		}
	}
	return false
}

// cell decodes, checks and interns a text cell.
func (w *worker) cell(b []byte) *cellInfo {
	if ci, ok := w.cells[string(b)]; ok {
		return ci
	}
	ci := &cellInfo{id: -1}
	if lostDigits(b) || w.rs.xlsx && lostDigitsXLSX(b) {
		ci.err = msg.Errorf("%q: Excel turned this identifier into scientific notation and its digits are lost; re-export the column as text", string(b))
	} else if txt, err := w.codec.text(b); err != nil {
		ci.err = err
	} else {
		ci.s = strings.TrimSpace(txt)
		if i := strings.IndexFunc(ci.s, isControl); i >= 0 {
			ci.err = msg.Errorf("%q holds the control character U+%04X (a damaged export?)", ci.s, []rune(ci.s[i:])[0])
			ci.s = ""
		} else {
			ci.total = isTotalCell(ci.s)
		}
	}
	if len(w.cells) < internLimit {
		ci.id = int32(len(w.cells))
		w.cells[string(b)] = ci
	}
	return ci
}

// date parses a date cell, with a cache (a table has few distinct dates).
func (w *worker) date(b []byte) dateInfo {
	// Fast path: the year-first forms, without a map lookup.
	if d, ok := quickDate(b); ok {
		return dateInfo{d: d}
	}
	if di, ok := w.dates[string(b)]; ok {
		return di
	}
	var di dateInfo
	if len(b) == 0 {
		di.err = dateReason(errDateEmpty)
	} else if txt, err := w.codec.text(b); err != nil {
		di.err = dateReason(msg.Errorf("%s %w", FieldDate.label(), err))
	} else {
		d, form, err := parseDateOrder([]byte(txt), w.rs.s.DateOrder)
		if err != nil && w.rs.xlsx && form != formAmbiguous {
			if v, nerr := parseNumber([]byte(txt)); nerr == nil {
				d, err = dateFromSerial(v.Float())
			}
		}
		switch {
		case form == formAmbiguous:
			di.d, di.form = d, form // decided when the column is read
		case err != nil:
			di.err = dateReason(err)
		default:
			di.d, di.form = d, form
		}
	}
	if len(w.dates) < internLimit {
		w.dates[string(b)] = di
	}
	return di
}

func isASCII(b []byte) bool {
	for _, x := range b {
		if x >= 0x80 {
			return false
		}
	}
	return true
}

// quickDate reads the year-first forms parseDate reads most often
// (2026-02-05, 2026/2/5, 2026.2.5, 2026年2月5日 with an optional 日) when
// they name a real day. ok is false for anything else, including every
// error, which parseDate then reports.
func quickDate(b []byte) (Date, bool) {
	if len(b) == 10 && b[7] == b[4] && (b[4] == '-' || b[4] == '/' || b[4] == '.') {
		// The most common form, YYYY-MM-DD, without loops.
		y0, y1, y2, y3 := b[0]-'0', b[1]-'0', b[2]-'0', b[3]-'0'
		m0, m1, d0, d1 := b[5]-'0', b[6]-'0', b[8]-'0', b[9]-'0'
		if y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9 {
			return 0, false
		}
		y := int(y0)*1000 + int(y1)*100 + int(y2)*10 + int(y3)
		m, d := int(m0)*10+int(m1), int(d0)*10+int(d1)
		if y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
			return 0, false
		}
		return NewDate(y, m, d), true
	}
	if len(b) < 8 {
		return 0, false
	}
	y, ok := digits(b[0:4])
	if !ok || y < 1900 || y > 2999 {
		return 0, false
	}
	sep := b[4]
	var i int
	var sep2 []byte // what must stand between month and day
	switch {
	case sep == '-' || sep == '/' || sep == '.':
		i, sep2 = 5, b[4:5]
	case len(b) >= 7 && b[4] == 0xE5 && b[5] == 0xB9 && b[6] == 0xB4: // 年
		i, sep2 = 7, []byte("月")
	default:
		return 0, false
	}
	m, i := num2(b, i)
	if m < 1 || m > 12 || !bytes.HasPrefix(b[i:], sep2) {
		return 0, false
	}
	d, i := num2(b, i+len(sep2))
	if d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	if i != len(b) && (sep != 0xE5 || string(b[i:]) != "日") {
		return 0, false
	}
	return NewDate(y, m, d), true
}

// num2 reads one or two ASCII digits at b[i:]; it returns 0 when there
// are none (or more than two), and the position after them.
func num2(b []byte, i int) (int, int) {
	if i >= len(b) || b[i] < '0' || b[i] > '9' {
		return 0, i
	}
	v := int(b[i] - '0')
	i++
	if i < len(b) && b[i] >= '0' && b[i] <= '9' {
		v = v*10 + int(b[i]-'0')
		i++
		if i < len(b) && b[i] >= '0' && b[i] <= '9' {
			return 0, i
		}
	}
	return v, i
}

// digits reads ASCII decimal digits.
func digits(b []byte) (int, bool) {
	v := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// isControl reports a C0 control character other than tab and line breaks
// (a NUL byte in a name is damage, not text; a quoted field may break lines).
func isControl(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f }
