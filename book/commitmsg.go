package book

import (
	"strings"

	"github.com/acctbook/acct/msg"
)

// The commit messages acct writes by itself, in the book's language (the
// msg catalog): a Chinese team reads acct log and git log in Chinese. Ids,
// file names and paths stay as they are. Nothing in acct parses these
// messages back; git's own "# Conflicts:" lines of MERGE_MSG, which
// pendingConflicts reads, stay as git writes them.

// DescribeChanges writes a commit message in lang naming the accounts and
// documents touched: a subject line such as "hx: account, new contact
// zhang-datong" ("hx: 客户档案,新增联系人 zhang-datong"), or "Update 12
// accounts: a, b, c, ..." when many, and, when more than one file changed,
// a body listing every file with added / modified / deleted. Paths are
// book-relative (FORMAT.md section 1 layout).
func DescribeChanges(lang string, changes []Change) string {
	if len(changes) == 0 {
		return msg.Sprintf(lang, "Update book")
	}
	sep := msg.Sprintf(lang, ", ")
	type acc struct {
		id   string
		docs []string
	}
	var accounts []*acc
	byID := map[string]*acc{}
	var other []string
	for _, c := range changes {
		id, kind, name, ok := describeDoc(c.Path)
		what := c.Path
		if ok {
			what = docLabel(lang, kind, name)
		}
		switch c.Kind {
		case Added:
			what = msg.Sprintf(lang, "new %s", what)
		case Deleted:
			what = msg.Sprintf(lang, "removed %s", what)
		}
		if !ok {
			other = append(other, what)
			continue
		}
		a := byID[id]
		if a == nil {
			a = &acc{id: id}
			byID[id] = a
			accounts = append(accounts, a)
		}
		dup := false
		for _, x := range a.docs {
			if x == what {
				dup = true
			}
		}
		if !dup {
			a.docs = append(a.docs, what)
		}
	}
	var subject string
	switch {
	case len(accounts) == 0:
		subject = msg.Sprintf(lang, "Update %s", strings.Join(limit(lang, other, 4), sep))
	case len(accounts) == 1 && len(other) == 0:
		subject = accounts[0].id + ": " + strings.Join(limit(lang, accounts[0].docs, 4), sep)
	case len(accounts) <= 3:
		var parts []string
		for _, a := range accounts {
			parts = append(parts, a.id+": "+strings.Join(limit(lang, a.docs, 2), sep))
		}
		if len(other) > 0 {
			parts = append(parts, strings.Join(limit(lang, other, 2), sep))
		}
		subject = strings.Join(parts, "; ")
	default:
		ids := make([]string, len(accounts))
		for i, a := range accounts {
			ids[i] = a.id
		}
		subject = msg.Sprintf(lang, "Update %d accounts: %s", len(accounts), strings.Join(limit(lang, ids, 5), sep))
	}
	if len(changes) == 1 {
		return subject
	}
	var b strings.Builder
	b.WriteString(subject)
	b.WriteString("\n")
	for _, c := range changes {
		b.WriteString("\n")
		switch c.Kind {
		case Added:
			b.WriteString(msg.Sprintf(lang, "added: %s", c.Path))
		case Deleted:
			b.WriteString(msg.Sprintf(lang, "deleted: %s", c.Path))
		default:
			b.WriteString(msg.Sprintf(lang, "modified: %s", c.Path))
		}
	}
	return b.String()
}

// docLabel names a document of the kind and name describeDoc gives in
// lang: "account", "contact zhang-datong", "purchases q1.csv".
func docLabel(lang, kind, name string) string {
	switch kind {
	case "account":
		return msg.Sprintf(lang, "account")
	case "contact":
		return msg.Sprintf(lang, "contact %s", name)
	case "visit":
		return msg.Sprintf(lang, "visit %s", name)
	case "purchases":
		return msg.Sprintf(lang, "purchases %s", name)
	}
	return name
}

// limit keeps the first n items and says how many more there are.
func limit(lang string, items []string, n int) []string {
	if len(items) <= n {
		return items
	}
	return append(append([]string(nil), items[:n]...), msg.Sprintf(lang, "and %d more", len(items)-n))
}

// describeMerge is the message of a merge of theirName (origin/main) that
// took changes from it, in lang: "Merge origin/main: hx: account".
func describeMerge(lang, theirName string, changes []Change) string {
	if len(changes) == 0 {
		return msg.Sprintf(lang, "Merge %s: no file changes", theirName)
	}
	s, _, _ := strings.Cut(DescribeChanges(lang, changes), "\n")
	return msg.Sprintf(lang, "Merge %s: %s", theirName, s)
}

// defaultMergeMessage concludes a pending merge whose MERGE_MSG is gone.
func defaultMergeMessage(lang string) string {
	return msg.Sprintf(lang, "Merge remote changes")
}
