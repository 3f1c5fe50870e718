package trend

import (
	"sort"
	"strings"

	"github.com/acctbook/acct/msg"
)

// Account is what customer matching needs to know of an account
// (FORMAT.md section 3): its id, name and aliases.
type Account struct {
	ID      string
	Name    string
	Aliases []string
}

// Matcher matches ERP customer names to accounts by id, name or any alias,
// case-, width- and space-insensitively (FORMAT.md section 6).
type Matcher struct {
	keys map[string]string // NormalizeName(key) -> account id; "" when ambiguous
	// Conflicts describe names that more than one account claims; such a
	// name matches no account.
	Conflicts []msg.Text
}

// NewMatcher indexes accounts. Names and aliases that are template
// placeholders (TODO..., <...>) or empty are ignored. A name claimed by two
// accounts is listed in Conflicts and matches neither.
func NewMatcher(accounts []Account) *Matcher {
	m := &Matcher{keys: make(map[string]string, 3*len(accounts))}
	// owners lists the accounts of the keys several accounts claim; a key
	// claimed by one account is only in keys.
	owners := map[string]map[string]bool{}
	add := func(id, name string) {
		name = strings.TrimSpace(name)
		if name == "" || strings.HasPrefix(name, "TODO") || (strings.HasPrefix(name, "<") && strings.HasSuffix(name, ">")) {
			return
		}
		k := NormalizeName(name)
		if k == "" {
			return
		}
		switch old, seen := m.keys[k]; {
		case !seen:
			m.keys[k] = id
		case owners[k] != nil:
			owners[k][id] = true
		case old != id:
			owners[k] = map[string]bool{old: true, id: true}
			m.keys[k] = ""
		}
	}
	for _, a := range accounts {
		add(a.ID, a.ID)
		add(a.ID, a.Name)
		for _, al := range a.Aliases {
			add(a.ID, al)
		}
	}
	clashes := make([]string, 0, len(owners))
	for k := range owners {
		clashes = append(clashes, k)
	}
	sort.Strings(clashes)
	for _, k := range clashes {
		var list []string
		for id := range owners[k] {
			list = append(list, id)
		}
		sort.Strings(list)
		m.Conflicts = append(m.Conflicts, msg.T("%q is the id, name or alias of several accounts (%s): rows under it match none", k, strings.Join(list, ", ")))
	}
	return m
}

// Match returns the id of the account a customer name belongs to.
func (m *Matcher) Match(customer string) (string, bool) {
	id := m.matchKey(NormalizeName(customer))
	return id, id != ""
}

// matchKey is Match for a name already normalised (NormalizeName); "" when
// no account, or several, claim it.
func (m *Matcher) matchKey(key string) string { return m.keys[key] }
