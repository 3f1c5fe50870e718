package check

import (
	"os"
	"testing"
	"time"

	"github.com/acctbook/acct/book"
)

// BenchmarkRun checks the book at $ACCT_BENCH_BOOK (for example one made by
// ../shared/bench/gen_book.py); it is skipped when the variable is unset.
func BenchmarkRun(b *testing.B) {
	dir := os.Getenv("ACCT_BENCH_BOOK")
	if dir == "" {
		b.Skip("set ACCT_BENCH_BOOK to a book folder")
	}
	bk, err := book.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	asOf := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		if _, err := Run(bk, Options{AsOf: asOf}); err != nil {
			b.Fatal(err)
		}
	}
}
