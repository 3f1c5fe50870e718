package cmd

import (
	"errors"
	"io/fs"
	"sort"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/internal/smallfile"
	"github.com/acctbook/acct/msg"
	"github.com/acctbook/acct/trend"
)

// accountIndex is what trend and import need of the account profiles:
// the book's account index (names, aliases, financials) and the customer
// matcher built from it.
type accountIndex struct {
	*book.AccountIndex
	matcher *trend.Matcher
}

// loadAccountIndex reads the book's account index (book.AccountIndex) and
// builds the matcher of ERP customer names (FORMAT.md section 6); full
// also reads the financials, for the financial signals. A profile
// that cannot be parsed still matches by its id; `acct check` reports what
// is wrong with it; one that cannot be read at all is an error.
func loadAccountIndex(b *book.Book, full bool) (*accountIndex, error) {
	ix, err := b.AccountIndex(full)
	if err != nil {
		return nil, err
	}
	if len(ix.Unreadable) > 0 {
		return nil, unreadableProfile(ix.Unreadable[0])
	}
	list := make([]trend.Account, 0, len(ix.Profiles))
	for _, p := range ix.Profiles {
		list = append(list, trend.Account{ID: p.ID, Name: p.Name, Aliases: p.Aliases})
	}
	return &accountIndex{AccountIndex: ix, matcher: trend.NewMatcher(list)}, nil
}

// financialSignals computes the financial signals (FORMAT.md section 6) of
// the given accounts, or of all when ids is empty.
func (ai *accountIndex) financialSignals(ids []string) []trend.Signal {
	if len(ids) == 0 {
		for _, p := range ai.Profiles {
			ids = append(ids, p.ID)
		}
		sort.Strings(ids)
	}
	var out []trend.Signal
	for _, id := range ids {
		p := ai.Profile(id)
		if p == nil {
			continue
		}
		var periods []trend.FinancialPeriod
		for _, f := range p.Financials {
			periods = append(periods, trend.FinancialPeriod{Period: f.Period, InventoryDays: f.InventoryDays,
				ReceivableDays: f.ReceivableDays, GrossMargin: f.GrossMargin})
		}
		out = append(out, trend.FinancialSignals(id, periods)...)
	}
	return out
}

// unreadableProfile is the error of an account.md AccountIndex could not
// read (an *fs.PathError naming it), in words the book's language has.
func unreadableProfile(err error) error {
	path := ""
	var why any = err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		path, why = pe.Path, pe.Err
	}
	switch {
	case errors.Is(err, smallfile.ErrNotRegular):
		why = msg.T("not a regular file (a folder, pipe or device)")
	case errors.Is(err, smallfile.ErrOutside):
		why = msg.T("a symbolic link leading outside the book (acct reads only files inside the book)")
	case errors.Is(err, fs.ErrPermission):
		why = msg.T("permission denied")
	}
	return msg.Errorf("cannot read the account profile %s: %v; run acct check to see what is wrong", path, why)
}
