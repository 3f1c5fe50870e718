// Package check applies the rules of FORMAT.md section 8 under the policy
// of section 7 to a book: it loads each account (profile, contact cards,
// visit summaries), validates every file, and reports findings and per-account
// completeness. It reads files but writes nothing and knows nothing of
// terminals or git.
package check

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/internal/smallfile"
	"github.com/acctbook/acct/profile"
	"github.com/acctbook/acct/visit"
	"golang.org/x/text/unicode/norm"
)

// Options select what Run checks.
type Options struct {
	// AsOf is the day dates are judged against (unconfirmed visits, overdue
	// steps, stale financials).
	AsOf time.Time
	// Accounts limits the check to these account ids; nil means all.
	Accounts []string
	// KeepDocuments keeps the parsed documents (Doc fields and yaml nodes)
	// in the result. Without it Run drops them once an account is checked,
	// so a 10,000-account book fits in little memory.
	KeepDocuments bool
}

// Report is the result of checking a book.
type Report struct {
	// Findings are sorted by account, then file (account.md, contacts,
	// visits), then line and column.
	Findings []document.Finding
	// Accounts holds one result per account checked, sorted by id.
	Accounts []*Account
}

// Localize puts every finding's message into lang (acct.yaml language:
// zh or en), in Findings and in each account's Findings.
func (r *Report) Localize(lang string) {
	document.LocalizeAll(r.Findings, lang)
	for _, a := range r.Accounts {
		document.LocalizeAll(a.Findings, lang)
	}
}

// Count returns the number of findings of the given severity.
func (r *Report) Count(sev document.Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == sev {
			n++
		}
	}
	return n
}

// Account is one checked account: its parsed documents, findings and
// completeness.
type Account struct {
	ID string
	// Profile is nil when account.md is missing or cannot be parsed.
	Profile *profile.Account
	// Contacts and Visits hold the documents that parsed, sorted by id.
	Contacts []*profile.Contact
	Visits   []*visit.Visit
	// ContactFiles counts every contact card file, parsed or not.
	ContactFiles int
	// Findings are this account's findings, sorted.
	Findings []document.Finding
	// Required is the number of policy fields for the account's tier, and
	// Present how many of those are filled in (FORMAT.md section 7).
	Required, Present int
	// Unconfirmed and Overdue count unconfirmed visits and overdue steps.
	Unconfirmed, Overdue int
}

// Completeness returns Present/Required as a fraction (1 when nothing is
// required, 0 when the profile could not be read).
func (a *Account) Completeness() float64 {
	if a.Profile == nil {
		return 0
	}
	if a.Required == 0 {
		return 1
	}
	return float64(a.Present) / float64(a.Required)
}

// Percent returns Completeness as a whole percentage, rounded to nearest,
// so every command shows the same number.
func (a *Account) Percent() int {
	return int(math.Round(a.Completeness() * 100))
}

// Count returns the number of this account's findings of a severity.
func (a *Account) Count(sev document.Severity) int {
	n := 0
	for _, f := range a.Findings {
		if f.Severity == sev {
			n++
		}
	}
	return n
}

// LastVisit returns the newest visit that has happened: the one with the
// latest valid date on or before the day of asOf, or nil. Visits dated
// after it are planned ones (NextVisit), not contact that took place.
func (a *Account) LastVisit(asOf time.Time) *visit.Visit {
	day := visit.Day(asOf)
	var last *visit.Visit
	for _, v := range a.Visits {
		if !v.Date.IsZero() && !visit.Day(v.Date).After(day) && (last == nil || !v.Date.Before(last.Date)) {
			last = v
		}
	}
	return last
}

// NextVisit returns the earliest planned visit: the one with the first
// valid date after the day of asOf, or nil.
func (a *Account) NextVisit(asOf time.Time) *visit.Visit {
	day := visit.Day(asOf)
	var next *visit.Visit
	for _, v := range a.Visits {
		if !v.Date.IsZero() && visit.Day(v.Date).After(day) && (next == nil || v.Date.Before(next.Date)) {
			next = v
		}
	}
	return next
}

// Contact returns the contact with the given id, or nil.
func (a *Account) Contact(id string) *profile.Contact {
	for _, c := range a.Contacts {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// dropDocuments forgets the parsed files, keeping the typed values.
func (a *Account) dropDocuments() {
	if a.Profile != nil {
		a.Profile.Doc = nil
		for i := range a.Profile.Financials {
			a.Profile.Financials[i].Node = nil
		}
	}
	for _, c := range a.Contacts {
		c.Doc = nil
	}
	for _, v := range a.Visits {
		v.Doc = nil
		for i := range v.NextSteps {
			v.NextSteps[i].Node = nil
		}
	}
}

// ErrNoAccount is wrapped by Run when an account asked for does not exist.
var ErrNoAccount = errors.New("no such account")

// Run checks the book. It returns an error wrapping ErrNoAccount for an
// account id in opts.Accounts that has no folder, or an I/O error from
// listing the book; problems inside files are findings, not errors.
func Run(b *book.Book, opts Options) (*Report, error) {
	var results []*Account
	n, err := Stream(b, opts, func(i int, a *Account) { results[i] = a }, func(n int) { results = make([]*Account, n) })
	if err != nil {
		return nil, err
	}
	r := &Report{Accounts: results[:n]}
	total := 0
	for _, a := range results {
		total += len(a.Findings)
	}
	// One array holds every finding; each account's Findings is its part
	// of it (capped, so an append copies), which halves the memory a large
	// book's findings take.
	r.Findings = make([]document.Finding, 0, total)
	for _, a := range results {
		start := len(r.Findings)
		r.Findings = append(r.Findings, a.Findings...)
		if a.Findings != nil {
			a.Findings = r.Findings[start:len(r.Findings):len(r.Findings)]
		}
	}
	return r, nil
}

// Stream checks the book like Run, but instead of collecting a Report it
// hands each account's result to fn as soon as the account is checked, so
// that a caller which only prints the results need not hold them all.
// start, when not nil, is first called with the number of accounts n; fn
// is then called once for each account that could be read, with its place
// i (0 <= i < n) in the order Run reports them (by id). fn runs on the
// goroutine that checked the account: calls overlap and come in no
// particular order. Unless opts.KeepDocuments is set, the account's
// documents are dropped before fn sees it. Stream returns n and Run's
// error: ErrNoAccount before any fn call, or the I/O error of the first
// account (by id) that could not be read, after all the others were
// passed to fn.
func Stream(b *book.Book, opts Options, fn func(i int, a *Account), start func(n int)) (int, error) {
	ids := opts.Accounts
	if ids == nil {
		var err error
		if ids, err = b.Accounts(); err != nil {
			return 0, err
		}
	} else {
		for _, id := range ids {
			if !b.HasAccount(id) {
				return 0, fmt.Errorf("%s: %w (looked in %s)", id, ErrNoAccount, book.AccountDir(id))
			}
		}
	}
	if start != nil {
		start(len(ids))
	}
	errs := make([]error, len(ids))
	bf := openBook(b)
	defer bf.close()
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Without KeepDocuments every tree is dropped once its account
			// is checked, so the worker reuses the trees' memory.
			var scratch *document.Scratch
			if !opts.KeepDocuments {
				scratch = new(document.Scratch)
			}
			for i := range next {
				a, err := load(b, ids[i], opts.AsOf, scratch, bf)
				if err != nil {
					errs[i] = err
				} else {
					if !opts.KeepDocuments {
						a.dropDocuments()
					}
					fn(i, a)
				}
				if scratch != nil {
					scratch.Reset()
				}
			}
		}()
	}
	for i := range ids {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return len(ids), err
		}
	}
	return len(ids), nil
}

// Load reads and checks one account. Problems in files become findings;
// the error is only for I/O failures other than a missing file.
func Load(b *book.Book, id string, asOf time.Time) (*Account, error) {
	return load(b, id, asOf, nil, nil)
}

// load is Load with the documents' trees in s (nil: new memory; the
// caller must drop them, dropDocuments, before it resets s), and the
// files opened through bf (nil: on their own).
func load(b *book.Book, id string, asOf time.Time, s *document.Scratch, bf *bookFiles) (*Account, error) {
	cfg := b.Config
	a := &Account{ID: id}
	add := func(fs ...document.Finding) {
		for i := range fs {
			fs[i].Account = id
		}
		a.Findings = append(a.Findings, fs...)
	}

	files := openAccount(b, id, bf)
	defer files.close()

	// The profile.
	accFile := book.AccountFile(id)
	accDoc, fs := read(b, files, accFile, "account", s)
	add(fs...)
	if accDoc != nil {
		add(document.Validate(accDoc, profile.AccountSchema)...)
		a.Profile = profile.ParseAccount(id, accDoc)
		// A period given twice (a copied entry) would make "the newest
		// period" and the financial signals pick one of them silently.
		// (A few periods per account: compare pairs, no allocation; a map
		// beyond that.)
		fin := a.Profile.Financials
		var seen map[string]int
		if len(fin) > 32 {
			seen = make(map[string]int, len(fin))
		}
		for i := 1; i < len(fin); i++ {
			if seen != nil {
				if k := strings.ToUpper(fin[i-1].Period); seen[k] == 0 {
					seen[k] = i // index + 1
				}
				if j := seen[strings.ToUpper(fin[i].Period)] - 1; j >= 0 && !fin[i].End.IsZero() {
					add(accDoc.Finding(document.Get(fin[i].Node, "period"), document.SeverityError, document.RuleDuplicateKey, "financials.period",
						"financials: period %s is given twice (first on line %d); keep one", fin[i].Period, accDoc.Line(document.Get(fin[j].Node, "period"))))
				}
				continue
			}
			for j := 0; j < i; j++ {
				if !fin[i].End.IsZero() && strings.EqualFold(fin[i].Period, fin[j].Period) {
					add(accDoc.Finding(document.Get(fin[i].Node, "period"), document.SeverityError, document.RuleDuplicateKey, "financials.period",
						"financials: period %s is given twice (first on line %d); keep one", fin[i].Period, accDoc.Line(document.Get(fin[j].Node, "period"))))
					break
				}
			}
		}
	}

	// The contact cards.
	contactIDs, err := files.documents("contacts")
	if err != nil {
		if ferr := accountFolderErr(b, id); ferr != nil {
			// The account folder itself cannot be read: one finding for
			// it instead of one for each of its files and folders.
			a.Profile, a.Findings = nil, nil
			add(folderFinding(book.AccountDir(id), "", ferr))
			return a, nil
		}
		add(folderFinding(book.AccountDir(id)+"/contacts", "contact cards", err))
	}
	a.ContactFiles = len(contactIDs)
	known := map[string]bool{}
	for _, cid := range contactIDs {
		known[cid] = true
	}
	for _, cid := range contactIDs {
		file := book.ContactFile(id, cid)
		if f, folded := foldedID(cid); folded && known[f] {
			add(document.Newf(file, 0, 0, document.SeverityError, document.RuleDuplicateKey, "",
				"contact id %s differs from %s only in case or width: on macOS and Windows both are one file; merge the two cards or rename one", cid, f))
		}
		d, fs := read(b, files, file, "contact", s)
		add(fs...)
		if d == nil {
			continue
		}
		add(document.Validate(d, profile.ContactSchema)...)
		c := profile.ParseContact(id, cid, d)
		a.Contacts = append(a.Contacts, c)
		need := cfg.Policy.Contact
		if c.Key {
			need = union(need, cfg.Policy.KeyContact)
		}
		for _, field := range need {
			if document.Missing(document.Lookup(d.Root, field)) {
				add(missing(d, field, "contact card"))
			}
		}
	}
	for _, c := range a.Contacts {
		if c.ReportsTo != "" && !known[c.ReportsTo] {
			n := document.Get(c.Doc.Root, "reports_to")
			if other := contactNamed(a.Contacts, c.ReportsTo); other != "" {
				add(c.Doc.Finding(n, document.SeverityError, document.RuleReference, "reports_to",
					"reports_to: %q is the name on contacts/%s.md; write its id: %s", c.ReportsTo, other, other))
				continue
			}
			add(c.Doc.Finding(n, document.SeverityError, document.RuleReference, "reports_to",
				"reports_to: no contact %q in this account (contacts/%s.md does not exist)", c.ReportsTo, c.ReportsTo))
		}
	}
	for _, cyc := range profile.ReportsToCycles(a.Contacts) {
		loop := strings.Join(append(cyc, cyc[0]), " → ")
		for _, cid := range cyc {
			if c := a.Contact(cid); c != nil {
				add(c.Doc.Finding(document.Get(c.Doc.Root, "reports_to"), document.SeverityError, document.RuleCycle, "reports_to",
					"reports_to goes round in a circle: %s; one of them must report to someone outside it, or to nobody", loop))
			}
		}
	}

	// The visit summaries.
	visitIDs, err := files.documents("visits")
	if err != nil {
		add(folderFinding(book.AccountDir(id)+"/visits", "visit summaries", err))
	}
	for _, vid := range visitIDs {
		file := book.VisitFile(id, vid)
		d, fs := read(b, files, file, "visit", s)
		add(fs...)
		if d == nil {
			continue
		}
		add(document.Validate(d, visit.Schema)...)
		v := visit.Parse(id, vid, d)
		a.Visits = append(a.Visits, v)
		planned := !v.Date.IsZero() && v.Date.After(asOf)
		for _, field := range cfg.Policy.Visit {
			if planned && isOutcome(field) {
				continue // a planned visit has no outcome yet
			}
			if document.Missing(document.Lookup(d.Root, field)) {
				add(missing(d, field, "visit summary"))
			}
		}
		for _, s := range v.NextSteps {
			if s.Node != nil && document.Missing(document.Get(s.Node, "action")) {
				add(d.Finding(s.Node, document.SeverityWarning, document.RuleMissingField, "next_steps.action",
					"next_steps.action: a next step without an action; say what will be done"))
			}
		}
		if att := document.Get(d.Root, "attendees"); att != nil {
			items := att.Content
			if att.Kind != 0 && len(items) == 0 && document.Str(att) != "" {
				items = append(items, att)
			}
			for _, n := range items {
				if cid := document.Str(n); cid != "" && !known[cid] {
					if other := contactNamed(a.Contacts, cid); other != "" {
						add(d.Finding(n, document.SeverityError, document.RuleReference, "attendees",
							"attendees: %q is the name on contacts/%s.md; write its id: %s", cid, other, other))
						continue
					}
					add(d.Finding(n, document.SeverityError, document.RuleReference, "attendees",
						"attendees: no contact %q in this account; add contacts/%s.md or fix the id", cid, cid))
				}
			}
		}
		if by := document.Lookup(d.Root, "confirmation.by"); document.Str(by) != "" && !known[document.Str(by)] {
			if other := contactNamed(a.Contacts, document.Str(by)); other != "" {
				add(d.Finding(by, document.SeverityError, document.RuleReference, "confirmation.by",
					"confirmation.by: %q is the name on contacts/%s.md; write its id: %s", document.Str(by), other, other))
			} else {
				add(d.Finding(by, document.SeverityError, document.RuleReference, "confirmation.by",
					"confirmation.by: no contact %q in this account", document.Str(by)))
			}
		}
		if v.Unconfirmed(asOf, cfg.Policy.VisitConfirmDays) {
			a.Unconfirmed++
			days := visit.DaysBetween(v.Date, asOf)
			format := "the consensus of the visit of %s is still a draft %d days later; send the recap (acct visit recap) and get it confirmed"
			switch v.Confirmation.Status {
			case visit.StatusSent:
				format = "the recap of the visit of %s was sent but is not confirmed %d days after the visit; ask the customer to confirm"
			case visit.StatusDisputed:
				format = "the customer disputes the consensus of the visit of %s (%d days ago); settle the disputed points and get it confirmed"
			}
			add(d.Finding(document.GetKey(d.Root, "confirmation"), document.SeverityWarning, document.RuleUnconfirmedVisit, "",
				format, v.Date.Format("2006-01-02"), days))
		}
		for _, s := range v.Overdue(asOf) {
			a.Overdue++
			add(d.Finding(s.Node, document.SeverityWarning, document.RuleOverdueStep, "",
				"next step %q (owner %s) was due %s and is not done", s.Action, orDash(s.Owner), s.Due.Format("2006-01-02")))
		}
	}

	if a.Profile != nil {
		policyFindings(a, cfg, asOf, add)
	}
	sortFindings(a.Findings)
	return a, nil
}

// policyFindings adds the missing-field warnings of the account profile and
// the stale-financials warning, and fills Required and Present.
func policyFindings(a *Account, cfg *book.Config, asOf time.Time, add func(...document.Finding)) {
	d := a.Profile.Doc
	fields := cfg.Policy.Tier(a.Profile.Tier)
	a.Required = len(fields)
	for _, field := range fields {
		ok := true
		switch {
		case field == "financials":
			ok = financialsComplete(a.Profile)
		case field == "decision-maker":
			ok = false
			for _, c := range a.Contacts {
				if c.Role == "decision-maker" {
					ok = true
				}
			}
		case strings.HasPrefix(field, "contacts>="):
			n, err := strconv.Atoi(strings.TrimPrefix(field, "contacts>="))
			ok = err == nil && a.ContactFiles >= n
		default:
			ok = !document.Missing(document.Lookup(d.Root, field))
		}
		if ok {
			a.Present++
			continue
		}
		f := missing(d, field, "account profile")
		switch {
		case field == "financials" && len(a.Profile.Financials) == 0:
			f = f.Reword("financials: no period recorded; add revenue, gross_margin, inventory_days and receivable_days for the last year")
		case field == "financials":
			f = f.Reword("financials: the newest period needs revenue, gross_margin, inventory_days and receivable_days (inventory and receivable days show cash pressure)")
		case field == "decision-maker":
			f = f.Reword("no contact with role: decision-maker; find out who signs")
		case strings.HasPrefix(field, "contacts>="):
			f = f.Reword("%d contact card(s), the policy wants at least %s; a single thread is a risk", a.ContactFiles, strings.TrimPrefix(field, "contacts>="))
		}
		add(f)
	}
	if latest := a.Profile.Latest(); latest != nil && cfg.Policy.FinancialsMaxAgeMonths > 0 {
		limit := latest.End.AddDate(0, cfg.Policy.FinancialsMaxAgeMonths, 0)
		if visit.Day(asOf).After(limit) {
			add(d.Finding(document.Get(latest.Node, "period"), document.SeverityWarning, document.RuleStaleFinancials, "",
				"financials: the newest period %s ended %s, more than %d months ago; ask for the latest report",
				latest.Period, latest.End.Format("2006-01-02"), cfg.Policy.FinancialsMaxAgeMonths))
		}
	}
}

// financialsComplete implements the "financials" policy entry (FORMAT.md
// section 7): at least one period, and the newest has revenue,
// gross_margin, inventory_days and receivable_days.
func financialsComplete(a *profile.Account) bool {
	if len(a.Financials) == 0 {
		return false
	}
	n := a.Financials[len(a.Financials)-1].Node
	if l := a.Latest(); l != nil {
		n = l.Node
	}
	for _, k := range []string{"revenue", "gross_margin", "inventory_days", "receivable_days"} {
		if document.Missing(document.Get(n, k)) {
			return false
		}
	}
	return true
}

// missing builds a missing-field warning placed at the field, or at its
// nearest parent that exists, or at the file.
func missing(d *document.Document, field string, what document.Phrase) document.Finding {
	n := d.Root
	at := d.Root
	for rest, more := field, true; more; {
		var k string
		k, rest, more = strings.Cut(rest, ".")
		key := document.GetKey(n, k)
		if key == nil {
			break
		}
		at = key
		n = document.Get(n, k)
	}
	if at == d.Root {
		// Absent at the top: point at the closing --- where it would be added.
		f := d.Finding(nil, document.SeverityWarning, document.RuleMissingField, field, "%s: missing in the %s", field, what)
		f.Line = d.BodyLine - 1
		return f
	}
	return d.Finding(at, document.SeverityWarning, document.RuleMissingField, field, "%s: missing in the %s", field, what)
}

// isOutcome reports whether a visit field (a policy.visit path) records
// what came of the visit, so that a planned visit (dated after the as-of
// day) cannot have it yet: the consensus and its confirmation. FORMAT.md
// section 5 does not speak of planned visits; docs/format.md section 10
// says this.
func isOutcome(field string) bool {
	top, _, _ := strings.Cut(field, ".")
	return top == "consensus" || top == "confirmation"
}

// read loads and parses one file and checks its kind. A missing file gives
// a front-matter error; other I/O errors are returned. The document's
// nodes and bytes are in s (nil: its own memory).
func read(b *book.Book, files *accountFiles, rel, kind string, s *document.Scratch) (*document.Document, []document.Finding) {
	src, err := files.readFile(rel)
	if errors.Is(err, errSymlink) {
		src, err = readLink(b, b.Path(rel))
	}
	if err != nil {
		fail := func(format string, a ...any) (*document.Document, []document.Finding) {
			return nil, []document.Finding{document.Newf(rel, 0, 0, document.SeverityError, document.RuleFrontMatter, "", format, a...)}
		}
		var pe *fs.PathError
		cause := err
		if errors.As(err, &pe) {
			cause = pe.Err
		}
		switch {
		case errors.Is(err, fs.ErrNotExist) && kind == "account":
			return fail("this account folder has no account.md; add one (kind: account), or remove the folder")
		case errors.Is(err, fs.ErrNotExist):
			return fail("cannot read the %s: the file disappeared or is a broken link", document.Phrase(kind))
		case errors.Is(err, errNotRegular):
			return fail("not a regular file (a folder, pipe or device); a %s must be a Markdown file", document.Phrase(kind))
		case errors.Is(err, smallfile.ErrOutside):
			return fail("a symbolic link leading outside the book; a %s must be a file inside the book (git would store only the link)", document.Phrase(kind))
		case errors.Is(err, errTooLarge):
			return fail("the file is over %d MiB; a %s is a short Markdown file", maxDocumentBytes>>20, document.Phrase(kind))
		}
		return fail("cannot read the %s: %v", document.Phrase(kind), cause)
	}
	var d *document.Document
	var fs []document.Finding
	if s != nil {
		d, fs = s.Parse(rel, src) // copies src
	} else {
		d, fs = document.Parse(rel, bytes.Clone(src)) // src may be files' buffer
	}
	if d == nil {
		return nil, fs
	}
	k := document.Get(d.Root, "kind")
	switch got := document.Str(k); {
	case got == "":
		f := d.Finding(nil, document.SeverityError, document.RuleKind, "kind", "missing `kind: %s` in the front matter", kind)
		f.Line = 1
		fs = append(fs, f)
	case got != kind:
		fs = append(fs, d.Finding(k, document.SeverityError, document.RuleKind, "kind", "kind is %q, but a file here must be `kind: %s`", got, kind))
	}
	return d, fs
}

// folderFinding is the one front-matter error of a folder of the account
// that cannot be read: rel is the folder (relative to the book), what the
// documents it holds ("" for the account folder itself), err why. None of
// the documents in it is checked; the rest of the book is.
func folderFinding(rel string, what document.Phrase, err error) document.Finding {
	var cause any = err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		cause = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrPermission):
		cause = document.Phrase("permission denied")
	case errors.Is(err, syscall.ENOTDIR) && what != "":
		return document.Newf(rel, 0, 0, document.SeverityError, document.RuleFrontMatter, "",
			"not a folder (a file, pipe or device); the %s of the account go in a folder of this name", what)
	}
	if what == "" {
		return document.Newf(rel, 0, 0, document.SeverityError, document.RuleFrontMatter, "",
			"cannot read the account folder: %v; none of its files is checked", cause)
	}
	return document.Newf(rel, 0, 0, document.SeverityError, document.RuleFrontMatter, "",
		"cannot read the folder of %s: %v; none of them is checked", what, cause)
}

// accountFolderErr reports why the account's folder cannot be read (listed,
// or its files opened), or nil when it can. It is asked only once
// something in the folder failed, so it costs nothing on a readable book.
func accountFolderErr(b *book.Book, id string) error {
	dir := b.Path(book.AccountDir(id))
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	// Listing needs read permission, opening what is inside needs search
	// (x) permission: "dir/." tests the second.
	if _, err := os.Stat(filepath.Join(dir, ".")); err != nil {
		return err
	}
	return nil
}

// Reasons a file of the book is not read (wrapped in *fs.PathError).
var (
	errSymlink    = smallfile.ErrSymlink
	errNotRegular = smallfile.ErrNotRegular
	errTooLarge   = smallfile.ErrTooLarge
)

// maxDocumentBytes is the size above which a document is not read.
const maxDocumentBytes = 8 << 20

// readFile reads the file at path like os.ReadFile, except that it does
// not follow a symbolic link (errSymlink) and refuses anything but a
// regular file (errNotRegular) of at most maxDocumentBytes (errTooLarge).
func readFile(path string) ([]byte, error) { return smallfile.ReadFile(path, maxDocumentBytes) }

// readLink reads the file a symbolic link in the book points to, if it is a
// regular file inside the book; links leading outside the book are refused
// so a book never shows (or commits) files from elsewhere.
func readLink(b *book.Book, path string) ([]byte, error) {
	return smallfile.ReadLink(b.Root, path, maxDocumentBytes)
}

// contactNamed returns the id of the one contact whose card has the name
// s (a name written where an id belongs), or "".
func contactNamed(cs []*profile.Contact, s string) string {
	id := ""
	for _, c := range cs {
		if c.Name == s {
			if id != "" {
				return ""
			}
			id = c.ID
		}
	}
	return id
}

func sortFindings(fs []document.Finding) {
	rank := func(f string) int {
		switch {
		case strings.HasSuffix(f, "/account.md"):
			return 0
		case strings.Contains(f, "/contacts/"), strings.HasSuffix(f, "/contacts"):
			return 1
		}
		return 2
	}
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			if ra, rb := rank(a.File), rank(b.File); ra != rb {
				return ra < rb
			}
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}

func union(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, x := range b {
		found := false
		for _, y := range out {
			found = found || x == y
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// foldedID folds an id as a case-insensitive file system and NFKC width
// folding would ("Zhang" -> "zhang", "ｗａｎｇ" -> "wang"), and reports
// whether that changed it. Lower-case ASCII ids (what acct derives) are
// returned as they are without work.
func foldedID(id string) (string, bool) {
	for i := 0; i < len(id); i++ {
		if c := id[i]; c >= 0x80 || c >= 'A' && c <= 'Z' {
			f := strings.ToLower(norm.NFKC.String(id))
			return f, f != id
		}
	}
	return id, false
}
