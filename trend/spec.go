package trend

import (
	"bytes"
	"runtime"
	"sort"
	"sync"
)

// runMem parses a memory-mapped table in parallel without a sequential
// pass to find record boundaries: the data is cut after the first line end
// past every chunkSize bytes, and each worker parses its piece on the guess
// that the cut starts a record. The guess is checked in order: a piece is
// right when the piece before it ended exactly at its cut. A wrong guess
// (a quoted field with a line break across the cut) is rare; that piece is
// parsed again from where the previous one really ended. Rows reach the
// sinks only after their piece is checked, in file order, from this
// goroutine; per-worker sinks (newSink) are kept per worker, since rows
// carry the ids their worker interned.
func runMem(t *Table, data []byte, d dialect, line int, rs *rowSpec, codec *textCodec, sink Sink, newSink func() Sink) error {
	workers := rs.s.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct{ idx, start, limit int }
	type piece struct {
		job
		worker     int
		res        result
		end, lines int
	}
	// tokens bound how far the workers run ahead of the in-order check,
	// so memory stays flat.
	tokens := make(chan struct{}, workers+2)
	jobs := make(chan job)
	results := make(chan piece, workers+2)
	freeRows := make(chan []Row, workers+4)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	// The workers read data, which the caller unmaps when this returns:
	// on every way out (a sink's error too), wait for them to stop (at
	// most one piece each).
	defer func() { close(stop); wg.Wait() }()
	go func() {
		// The cuts are found here, a piece at a time as the tokens allow,
		// not all at the start: looking at a page maps it (with the large
		// folios of a file's page cache, a whole folio around it), so a
		// pass over the whole file first would map all of it at once.
		defer close(jobs)
		for i, start := 0, 0; i == 0 || start < len(data); i++ {
			select {
			case tokens <- struct{}{}:
			case <-stop:
				return
			}
			limit := len(data)
			if p := start + chunkSize; p < len(data) {
				if j := bytes.IndexByte(data[p:], d.term); j >= 0 && p+j+1 < len(data) {
					limit = p + j + 1
				}
			}
			select {
			case jobs <- job{i, start, limit}:
			case <-stop:
				return
			}
			start = limit
		}
	}()
	for k := 0; k < workers; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			w := newWorker(rs, codec)
			for j := range jobs {
				var rows []Row
				select {
				case rows = <-freeRows:
				default:
					rows = make([]Row, 0, chunkSize/64)
				}
				res, end, lines := w.parseSpan(data, j.start, j.limit, rows[:0])
				select {
				case results <- piece{job: j, worker: k, res: res, end: end, lines: lines}:
				case <-stop:
					return
				}
			}
		}(k)
	}
	sinks := make([]Sink, workers+1)
	sinkOf := func(k int) Sink {
		if sink != nil {
			return sink
		}
		if sinks[k] == nil {
			sinks[k] = newSink()
		}
		return sinks[k]
	}
	var fixer *worker // re-parses pieces whose guess was wrong; its own ids
	pending := map[int]piece{}
	expectStart, base := 0, line
	go func() { wg.Wait(); close(results) }() // all pieces parsed
	for next := 0; ; {
		p, ok := pending[next]
		if !ok {
			if p, ok = <-results; !ok {
				break
			}
			pending[p.idx] = p
			continue
		}
		delete(pending, next)
		if p.start != expectStart {
			if fixer == nil {
				fixer = newWorker(rs, codec)
			}
			if expectStart < p.limit {
				p.res, p.end, p.lines = fixer.parseSpan(data, expectStart, p.limit, p.res.rows[:0])
			} else {
				p.res, p.end, p.lines = result{rows: p.res.rows[:0]}, expectStart, 0
			}
			p.worker = workers
		}
		res := &p.res
		for i := range res.rows {
			res.rows[i].Line += base
		}
		for i := range res.errs {
			res.errs[i].Line += base
		}
		for i := range res.totals {
			res.totals[i] += base
		}
		t.Rows += len(res.rows)
		t.Skipped = append(t.Skipped, res.errs...)
		t.TotalLines = append(t.TotalLines, res.totals...)
		if len(res.rows) > 0 {
			if err := sinkOf(p.worker)(res.rows); err != nil {
				return err
			}
		}
		releaseMapped(data[p.start:p.limit])
		if rs.s.Progress != nil {
			rs.s.Progress(int64(p.limit))
		}
		select {
		case freeRows <- res.rows[:0]:
		default:
		}
		base += p.lines
		expectStart = p.end
		next++
		<-tokens
	}
	sort.Slice(t.Skipped, func(i, j int) bool { return t.Skipped[i].Line < t.Skipped[j].Line })
	sort.Ints(t.TotalLines)
	return nil
}

// parseSpan parses the records starting at data[start] for as long as they
// start before limit (the last may run past it), with line numbers counted
// from 0 at start. A quoted field that is never closed, or a record longer
// than maxRecord, is reported on the line it starts and parsing goes on
// after that line, as produceChunks does. It returns the position after
// the last record and the number of lines consumed.
func (w *worker) parseSpan(data []byte, start, limit int, rows []Row) (result, int, int) {
	var res result
	pos, line := start, 0
	d := w.rs.d
	sc := newScanner(d, data)
	for pos < limit {
		var next, nl int
		var st recState
		var ok bool
		if w.fields, next, nl, ok = sc.next(pos, w.fields); !ok {
			w.fields, w.scr, next, nl, st = d.next(data, pos, true, w.fields, w.scr)
		}
		if st != recOK || next-pos > maxRecord {
			res.errs = append(res.errs, RowError{w.rs.file, line, recordError(data, pos, d.term)})
			if i := bytes.IndexByte(data[pos:], d.term); i >= 0 {
				pos = pos + i + 1
			} else {
				pos = len(data)
			}
			line++
			continue
		}
		rows = w.take(line, rows, &res)
		pos = next
		line += nl
	}
	res.rows = rows
	return res, pos, line
}
