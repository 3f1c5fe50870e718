package cmd

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"

	"github.com/acctbook/acct/msg"
	"github.com/acctbook/acct/trend"
)

// importBuckets is how many files an import's matched rows are spread
// over, by account: one bucket is in memory at a time (1/64 of the rows).
const importBuckets = 64

// importSpill holds an import's matched rows in temporary files, one per
// bucket of accounts, so that memory does not grow with the export: a
// 5.8M-row export is split account by account from disk.
type importSpill struct {
	dir   string
	files [importBuckets]*os.File
	w     [importBuckets]*bufio.Writer
	// ids are the accounts met, by index; index maps an id to its index.
	ids   []string
	index map[string]int
	rec   []byte
}

// spilledRow is one row read back: the export it came from (index into
// the FILE arguments) and the row.
type spilledRow struct {
	file int
	row  importRow
}

func newImportSpill() (*importSpill, error) {
	dir, err := os.MkdirTemp("", "acct-import-")
	if err != nil {
		return nil, err
	}
	return &importSpill{dir: dir, index: map[string]int{}}, nil
}

// account returns the index of account id, adding it when new.
func (s *importSpill) account(id string) int {
	i, ok := s.index[id]
	if !ok {
		i = len(s.ids)
		s.ids = append(s.ids, id)
		s.index[id] = i
	}
	return i
}

func (s *importSpill) bucket(acct int) int {
	h := fnv.New32a()
	h.Write([]byte(s.ids[acct]))
	return int(h.Sum32() % importBuckets)
}

// add writes row r of export file for account acct.
func (s *importSpill) add(file, acct int, r *trend.Row) error {
	k := s.bucket(acct)
	if s.w[k] == nil {
		f, err := os.Create(filepath.Join(s.dir, fmt.Sprintf("b%02d", k)))
		if err != nil {
			return err
		}
		s.files[k], s.w[k] = f, bufio.NewWriterSize(f, 64<<10)
	}
	b := s.rec[:0]
	b = binary.AppendUvarint(b, uint64(file))
	b = binary.AppendUvarint(b, uint64(acct))
	b = binary.AppendUvarint(b, uint64(r.Line))
	b = binary.AppendVarint(b, int64(r.Date))
	b = binary.AppendVarint(b, int64(r.Quantity))
	b = binary.AppendVarint(b, int64(r.Amount))
	var flags byte
	if r.HasQuantity {
		flags |= 1
	}
	if r.HasAmount {
		flags |= 2
	}
	b = append(b, flags)
	b = binary.AppendUvarint(b, uint64(len(r.Product)))
	b = append(b, r.Product...)
	b = binary.AppendUvarint(b, uint64(len(r.Order)))
	b = append(b, r.Order...)
	s.rec = b
	_, err := s.w[k].Write(b)
	return err
}

// finish flushes the buckets for reading.
func (s *importSpill) finish() error {
	for k, w := range s.w {
		if w == nil {
			continue
		}
		if err := w.Flush(); err != nil {
			return err
		}
		if _, err := s.files[k].Seek(0, io.SeekStart); err != nil {
			return err
		}
	}
	return nil
}

// load reads bucket k back: the rows of each account in it, by index.
// Products are interned per bucket.
func (s *importSpill) load(k int) (map[int][]spilledRow, error) {
	out := map[int][]spilledRow{}
	if s.files[k] == nil {
		return out, nil
	}
	r := bufio.NewReaderSize(s.files[k], 64<<10)
	products := map[string]string{}
	var buf []byte
	str := func() (string, error) {
		n, err := binary.ReadUvarint(r)
		if err != nil {
			return "", err
		}
		if uint64(cap(buf)) < n {
			buf = make([]byte, n)
		}
		buf = buf[:n]
		if _, err := io.ReadFull(r, buf); err != nil {
			return "", err
		}
		return string(buf), nil
	}
	for {
		file, err := binary.ReadUvarint(r)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		var acct, line uint64
		var date, qty, amt int64
		for _, p := range []*uint64{&acct, &line} {
			if err == nil {
				*p, err = binary.ReadUvarint(r)
			}
		}
		for _, p := range []*int64{&date, &qty, &amt} {
			if err == nil {
				*p, err = binary.ReadVarint(r)
			}
		}
		var flags byte
		if err == nil {
			flags, err = r.ReadByte()
		}
		var product, order string
		if err == nil {
			product, err = str()
		}
		if err == nil {
			order, err = str()
		}
		if err != nil {
			return nil, msg.Errorf("reading back the import's rows: %w", err)
		}
		if p, ok := products[product]; ok {
			product = p
		} else {
			products[product] = product
		}
		out[int(acct)] = append(out[int(acct)], spilledRow{file: int(file), row: importRow{line: int(line), date: trend.Date(date),
			qty: trend.Value(qty), amt: trend.Value(amt), hasQ: flags&1 != 0, hasA: flags&2 != 0, product: product, order: order}})
	}
}

// close removes the spill files.
func (s *importSpill) close() {
	for _, f := range s.files {
		if f != nil {
			f.Close()
		}
	}
	os.RemoveAll(s.dir)
}
