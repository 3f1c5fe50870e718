package cmd

import (
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/acctbook/acct/msg"
	"github.com/acctbook/acct/trend"
)

// importMonthFile matches the names acct import writes: YYYY-MM.csv.
var importMonthFile = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}\.csv$`)

// fileMonths is the set of calendar months one purchases file has rows in.
type fileMonths struct {
	file   string // as displayed, book-relative
	months map[trend.Month]bool
}

// monthRecorder wraps sink so that the months of the rows it passes on
// are recorded in fm.
func monthRecorder(fm *fileMonths, sink trend.Sink) trend.Sink {
	return func(batch []trend.Row) error {
		last := trend.Month(-1 << 31)
		for i := range batch {
			if m := batch[i].Date.Month(); m != last {
				fm.months[m] = true
				last = m
			}
		}
		return sink(batch)
	}
}

// monthOverlap is two purchases files of one account with rows in the
// same months: their rows are summed, which double-counts when one
// repeats the other (FORMAT.md section 6).
type monthOverlap struct {
	account string
	a, b    string
	months  []trend.Month
}

// text says the overlap, translated when printed.
func (o monthOverlap) text() msg.Text {
	ms := make([]string, len(o.months))
	for i, m := range o.months {
		ms[i] = m.String()
	}
	return msg.T("%s and %s both hold purchases for %s", o.a, o.b, describeMonths(ms))
}

// describeMonths lists months, shortening long lists to first..last (n
// months); the Text is translated when printed.
func describeMonths(ms []string) msg.Text {
	if len(ms) <= 6 {
		return msg.T("%s", strings.Join(ms, ", "))
	}
	return msg.T("%s..%s (%d months)", ms[0], ms[len(ms)-1], len(ms))
}

// overlaps finds, per account, each pair of files with rows in the same months.
func overlaps(account string, files []*fileMonths) []monthOverlap {
	var out []monthOverlap
	for i := 0; i < len(files); i++ {
		for j := i + 1; j < len(files); j++ {
			var common []trend.Month
			for m := range files[i].months {
				if files[j].months[m] {
					common = append(common, m)
				}
			}
			if len(common) == 0 {
				continue
			}
			sort.Slice(common, func(x, y int) bool { return common[x] < common[y] })
			out = append(out, monthOverlap{account: account, a: files[i].file, b: files[j].file, months: common})
		}
	}
	return out
}

// printOverlaps warns about purchases files whose months overlap.
func printOverlaps(ios *IOStreams, ovs []monthOverlap) {
	for _, o := range ovs {
		ios.Say("warning: %s: their rows are added together; if one repeats the other, move it out of purchases/\n", o.text())
	}
}

// readMonths reads one purchases file and returns the months it has rows in.
func readMonths(path, display string, columns map[trend.Field]string) (*fileMonths, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	fm := &fileMonths{file: display, months: map[trend.Month]bool{}}
	_, err = trend.Read(display, fh, trend.Settings{Columns: columns, Metric: trend.FieldAmount},
		monthRecorder(fm, func([]trend.Row) error { return nil }))
	return fm, err
}
