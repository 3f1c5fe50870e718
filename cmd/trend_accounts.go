package cmd

import (
	"errors"
	"io/fs"
	"os"
	"runtime"
	"sort"
	"sync"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/profile"
	"github.com/acctbook/acct/trend"
)

// accountIndex is what trend and import need of the account profiles:
// names and aliases for matching customers, display names, financials.
type accountIndex struct {
	matcher  *trend.Matcher
	accounts map[string]*profile.Account
}

// loadAccountIndex reads every accounts/<id>/account.md (in parallel; a
// book may hold thousands). A profile that cannot be parsed still matches
// by its id; `acct check` reports what is wrong with it.
func loadAccountIndex(b *book.Book) (*accountIndex, error) {
	ids, err := b.Accounts()
	if err != nil {
		return nil, err
	}
	profiles := make([]*profile.Account, len(ids))
	var wg sync.WaitGroup
	next := make(chan int, len(ids))
	for i := range ids {
		next <- i
	}
	close(next)
	var mu sync.Mutex
	var firstErr error
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				id := ids[i]
				rel := book.AccountFile(id)
				src, err := os.ReadFile(b.Path(rel))
				if errors.Is(err, fs.ErrNotExist) {
					profiles[i] = &profile.Account{ID: id}
					continue
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					continue
				}
				doc, _ := document.Parse(rel, src)
				if doc == nil || doc.Root == nil {
					profiles[i] = &profile.Account{ID: id}
					continue
				}
				profiles[i] = profile.ParseAccount(id, doc)
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	ai := &accountIndex{accounts: map[string]*profile.Account{}}
	list := make([]trend.Account, 0, len(ids))
	for _, p := range profiles {
		if p == nil {
			continue
		}
		ai.accounts[p.ID] = p
		list = append(list, trend.Account{ID: p.ID, Name: p.Name, Aliases: p.Aliases})
	}
	ai.matcher = trend.NewMatcher(list)
	return ai, nil
}

// name is the account's display name (its id when it has none).
func (ai *accountIndex) name(id string) string {
	if p := ai.accounts[id]; p != nil && p.Name != "" && !document.IsPlaceholder(p.Name) {
		return p.Name
	}
	return id
}

// financialSignals computes the financial signals (FORMAT.md section 6) of
// the given accounts, or of all when ids is empty.
func (ai *accountIndex) financialSignals(ids []string) []trend.Signal {
	if len(ids) == 0 {
		for id := range ai.accounts {
			ids = append(ids, id)
		}
		sort.Strings(ids)
	}
	var out []trend.Signal
	for _, id := range ids {
		p := ai.accounts[id]
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
