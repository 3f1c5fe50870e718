package book

import (
	"os"
	"testing"
)

// BenchmarkAccountIndex loads the account index of the book in
// $ACCT_BENCH_BOOK (e.g. /work/benchdata/trend/book10k).
func BenchmarkAccountIndex(b *testing.B) {
	dir := os.Getenv("ACCT_BENCH_BOOK")
	if dir == "" {
		b.Skip("set ACCT_BENCH_BOOK to a book")
	}
	bk, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, tt := range []struct {
		name       string
		financials bool
	}{{"names", false}, {"financials", true}} {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bk.AccountIndex(tt.financials); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
