package cmd

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/msg"
	"github.com/acctbook/acct/visit"
)

func init() {
	visitCommands = append(visitCommands,
		func(f *Factory) *cobra.Command { return NewCmdVisitSent(f, nil) },
		func(f *Factory) *cobra.Command { return NewCmdVisitConfirm(f, nil) },
		func(f *Factory) *cobra.Command { return NewCmdVisitDispute(f, nil) },
	)
}

// visitRef is a visit named on the command line, resolved to its account,
// id and book-relative file.
type visitRef struct {
	Account, ID string
	// File is book-relative with / separators.
	File string
}

// resolveVisit turns VISIT as typed (a path to the .md file, relative to
// the working folder or absolute, or ACCOUNT/ID with ID the file name
// without .md) into a visit of the book. Unknown accounts and visits are
// errors naming what exists.
func resolveVisit(f *Factory, b *book.Book, arg string) (visitRef, error) {
	if strings.HasSuffix(arg, ".md") || strings.Contains(arg, string(filepath.Separator)) && strings.Count(filepath.ToSlash(arg), "/") > 1 {
		return resolveVisitPath(f, b, arg)
	}
	acc, id, ok := strings.Cut(filepath.ToSlash(arg), "/")
	if !ok || acc == "" || id == "" || strings.Contains(id, "/") {
		return visitRef{}, usageErrorf("visit %q: name a visit as ACCOUNT/ID (such as hx/2026-02-25-zhang) or as the path of its .md file", arg)
	}
	account, err := resolveAccount(b, acc)
	if err != nil {
		return visitRef{}, err
	}
	if err := book.ValidateID("visit", id); err != nil {
		return visitRef{}, err
	}
	ref := visitRef{Account: account, ID: id, File: book.VisitFile(account, id)}
	if st, err := os.Stat(b.Path(ref.File)); err != nil || !st.Mode().IsRegular() {
		return visitRef{}, unknownVisit(b, account, id)
	}
	return ref, nil
}

// visitArg joins the arguments naming a visit: VISIT alone, or ACCOUNT and
// ID as two words, as acct edit and acct log take them.
func visitArg(args []string) string {
	if len(args) == 2 {
		return args[0] + "/" + args[1]
	}
	return args[0]
}

// visitArgs accepts VISIT or ACCOUNT ID.
var visitArgs = wantArgs(1, 2)

func unknownVisit(b *book.Book, account, id string) error {
	known, _ := b.Documents(account, "visits")
	hint := msg.T("it has no visits yet (acct visit new %s)", account)
	if len(known) > 0 {
		if len(known) > 8 {
			known = append([]string{"..."}, known[len(known)-8:]...)
		}
		hint = msg.T("its visits are: %s", strings.Join(known, ", "))
	}
	return msg.Errorf("unknown visit %q in account %q: no file %s; %s", id, account, book.VisitFile(account, id), hint)
}

func resolveVisitPath(f *Factory, b *book.Book, arg string) (visitRef, error) {
	p := arg
	if !filepath.IsAbs(p) {
		wd, err := f.WorkDir()
		if err != nil {
			return visitRef{}, err
		}
		p = filepath.Join(wd, p)
	}
	st, err := os.Stat(p)
	if err != nil && !strings.HasSuffix(p, ".md") {
		p += ".md" // accounts/hx/visits/2026-02-25-zhang typed without .md
		st, err = os.Stat(p)
	}
	if err != nil || !st.Mode().IsRegular() {
		return visitRef{}, msg.Errorf("visit %s: no such file", arg)
	}
	rel := b.Rel(p)
	parts := strings.Split(rel, "/")
	if len(parts) != 4 || parts[0] != book.AccountsDir || parts[2] != "visits" || !strings.HasSuffix(parts[3], ".md") {
		return visitRef{}, msg.Errorf("visit %s: not a visit summary of the book at %s (visits live in accounts/<account>/visits/<date>-<slug>.md)", arg, b.Root)
	}
	return visitRef{Account: parts[1], ID: strings.TrimSuffix(parts[3], ".md"), File: rel}, nil
}

// completeVisits completes VISIT as ACCOUNT/ID: account ids followed by a
// slash first, then the visits of the account typed.
func completeVisits(f *Factory) cobra.CompletionFunc {
	return func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		b, err := f.Book()
		if err != nil {
			return nil, cobra.ShellCompDirectiveDefault
		}
		acc, prefix, ok := strings.Cut(toComplete, "/")
		if !ok {
			ids, _ := b.Accounts()
			var out []string
			for _, id := range filterPrefix(ids, toComplete) {
				out = append(out, id+"/")
			}
			return out, cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
		}
		if !b.HasAccount(acc) {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		ids, _ := b.Documents(acc, "visits")
		var out []string
		for _, id := range filterPrefix(ids, prefix) {
			out = append(out, acc+"/"+id)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeVisitContacts completes --by with the contacts of the account of
// the visit typed as the first argument.
func completeVisitContacts(f *Factory) cobra.CompletionFunc {
	return func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		b, err := f.Book()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		ref, err := resolveVisit(f, b, args[0])
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		ids, _ := b.Documents(ref.Account, "contacts")
		return filterPrefix(ids, toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

func completeChannels(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	return filterPrefix(visit.Channels, toComplete), cobra.ShellCompDirectiveNoFileComp
}

// VisitConfirmOptions are the inputs of `acct visit sent`, `confirm` and
// `dispute`, which record where the customer's confirmation of a visit's
// consensus stands (FORMAT.md section 5).
type VisitConfirmOptions struct {
	F *Factory
	// Action is "sent", "confirm" or "dispute".
	Action string
	// Visit is VISIT as typed: a path or ACCOUNT/ID.
	Visit string
	// By is the contact (id or name) who confirmed; confirm only.
	By string
	// Date is YYYY-MM-DD ("" = today unless DateSet): the sent or
	// confirmed date; never after today.
	Date string
	// DateSet is true when --date was given, so --date '' is refused
	// rather than taken as today.
	DateSet bool
	// Channel is wechat, email, phone or in-person ("" = keep).
	Channel string
	// Note says what the customer disputes; dispute only.
	Note string
}

// NewCmdVisitSent builds `acct visit sent VISIT [--date] [--channel]`.
func NewCmdVisitSent(f *Factory, runF func(*VisitConfirmOptions) error) *cobra.Command {
	opts := &VisitConfirmOptions{F: f, Action: "sent"}
	c := &cobra.Command{
		Use:   "sent VISIT",
		Short: "Record that the recap of a visit was sent to the customer to confirm",
		Long: `Record that the consensus of a visit was sent to the customer: confirmation
status becomes sent, with the date sent (and the channel, if given). Only
those lines of the visit file change; then the change is committed.

VISIT is ACCOUNT/ID or ACCOUNT ID (ID is the file name without .md), or
the path of the file.`,
		Example: `  acct visit recap hx/2026-02-25-zhang-datong --format text   # copy into WeChat
  acct visit sent hx/2026-02-25-zhang-datong --channel wechat`,
		Args:              visitArgs,
		ValidArgsFunction: completeVisits(f),
		RunE:              confirmRunE(opts, runF),
	}
	c.Flags().StringVar(&opts.Date, "date", "", "the `DATE` it was sent, YYYY-MM-DD (default: today)")
	c.Flags().StringVar(&opts.Channel, "channel", "", "how it was sent: wechat, email, phone or in-person")
	c.RegisterFlagCompletionFunc("channel", completeChannels)
	return c
}

// NewCmdVisitConfirm builds `acct visit confirm VISIT [--by CONTACT] [--date] [--channel]`.
func NewCmdVisitConfirm(f *Factory, runF func(*VisitConfirmOptions) error) *cobra.Command {
	opts := &VisitConfirmOptions{F: f, Action: "confirm"}
	c := &cobra.Command{
		Use:   "confirm VISIT",
		Short: "Record that the customer confirmed the consensus of a visit",
		Long: `Record that the customer confirmed the consensus of a visit ("收到/确认"):
confirmation status becomes confirmed, with the date, who confirmed (a
contact of the account) and the channel. Only those lines of the visit file
change; comments and everything else stay. Then the change is committed.

A visit turns into an asset only when the customer confirms its consensus.`,
		Example: `  acct visit confirm hx/2026-02-25-zhang-datong --by zhang-datong --channel wechat
  acct visit confirm accounts/hx/visits/2026-02-25-zhang-datong.md --date 2026-02-27`,
		Args:              visitArgs,
		ValidArgsFunction: completeVisits(f),
		RunE:              confirmRunE(opts, runF),
	}
	c.Flags().StringVar(&opts.By, "by", "", "the `CONTACT` (id or name) who confirmed")
	c.Flags().StringVar(&opts.Date, "date", "", "the `DATE` of the confirmation, YYYY-MM-DD (default: today)")
	c.Flags().StringVar(&opts.Channel, "channel", "", "how they confirmed: wechat, email, phone or in-person")
	c.RegisterFlagCompletionFunc("by", completeVisitContacts(f))
	c.RegisterFlagCompletionFunc("channel", completeChannels)
	return c
}

// NewCmdVisitDispute builds `acct visit dispute VISIT --note TEXT`.
func NewCmdVisitDispute(f *Factory, runF func(*VisitConfirmOptions) error) *cobra.Command {
	opts := &VisitConfirmOptions{F: f, Action: "dispute"}
	c := &cobra.Command{
		Use:   "dispute VISIT --note TEXT",
		Short: "Record that the customer disputes the consensus of a visit",
		Long: `Record that the customer does not agree with the consensus as sent:
confirmation status becomes disputed and the note says what they dispute.
Settle the points, correct the consensus, and send it again (acct visit sent).`,
		Example:           `  acct visit dispute hx/2026-02-25-zhang-datong --note "交期要 4 月 1 日,不是 3 月 15 日"`,
		Args:              visitArgs,
		ValidArgsFunction: completeVisits(f),
		RunE:              confirmRunE(opts, runF),
	}
	c.Flags().StringVar(&opts.Note, "note", "", "what the customer disputes (required)")
	c.Flags().StringVar(&opts.Channel, "channel", "", "how they replied: wechat, email, phone or in-person")
	c.RegisterFlagCompletionFunc("channel", completeChannels)
	return c
}

func confirmRunE(opts *VisitConfirmOptions, runF func(*VisitConfirmOptions) error) func(*cobra.Command, []string) error {
	return func(c *cobra.Command, args []string) error {
		opts.Visit = visitArg(args)
		opts.DateSet = c.Flags().Changed("date")
		if runF != nil {
			return runF(opts)
		}
		return runVisitConfirm(opts)
	}
}

// visitChannel checks --channel against FORMAT.md section 5, accepting the
// Chinese synonyms (微信, 邮件, 电话, 当面).
func visitChannel(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	ch, ok := document.EnumValue(visit.Schema.Key("confirmation").Key("channel"), strings.TrimSpace(s))
	if !ok {
		return "", usageErrorf("--channel %q: want one of %s", s, strings.Join(visit.Channels, ", "))
	}
	return ch, nil
}

func runVisitConfirm(opts *VisitConfirmOptions) error {
	f := opts.F
	// Flags first, so a typo never touches a file.
	channel, err := visitChannel(opts.Channel)
	if err != nil {
		return err
	}
	today := visit.Day(f.Now())
	day := today
	if opts.Date != "" || opts.DateSet {
		t, normal, err := document.ParseDate(strings.TrimSpace(opts.Date))
		if err != nil || !normal {
			return usageErrorf("--date %q: want a date as YYYY-MM-DD, such as 2026-02-25", opts.Date)
		}
		if t = visit.Day(t); t.After(today) {
			return usageErrorf("--date %s is in the future (today is %s)", t.Format("2006-01-02"), today.Format("2006-01-02"))
		}
		day = t
	}
	note := strings.TrimSpace(opts.Note)
	if opts.Action == "dispute" && note == "" {
		return usageErrorf("--note is required: say what the customer disputes")
	}
	b, err := f.Book()
	if err != nil {
		return err
	}
	if err := refuseDuringMerge(b.Root); err != nil {
		return err
	}
	ref, err := resolveVisit(f, b, opts.Visit)
	if err != nil {
		return err
	}
	by := ""
	if opts.By != "" {
		if by, err = contactByIDOrName(b, ref.Account, opts.By); err != nil {
			return msg.Errorf("--by: %w", err)
		}
	}
	src, err := os.ReadFile(b.Path(ref.File))
	if err != nil {
		return err
	}
	d, fs := document.Parse(ref.File, src)
	if d == nil {
		return msg.Errorf("%s; fix the file first (acct check %s)", fs[0], ref.Account)
	}
	// Never edit a file that does not say one thing (two confirmation:
	// blocks): which one would be changed is a guess.
	var bad []string
	for _, fd := range fs {
		if fd.Severity == document.SeverityError {
			bad = append(bad, fd.String())
		}
	}
	if len(bad) > 0 {
		return msg.Errorf("%s has errors; fix them first (acct edit %s %s), nothing was changed:\n  %s",
			ref.File, ref.Account, ref.ID, strings.Join(bad, "\n  "))
	}
	if k := document.Str(document.Get(d.Root, "kind")); k != "visit" {
		return msg.Errorf("%s: kind is %q, not a visit summary", ref.File, k)
	}
	v := visit.Parse(ref.Account, ref.ID, d)
	if !v.Date.IsZero() && day.Before(v.Date) {
		return usageErrorf("--date %s is before the visit itself (%s)", day.Format("2006-01-02"), v.Date.Format("2006-01-02"))
	}

	if opts.Action != "dispute" && !hasConsensus(v) {
		// Allowed (a call may be confirmed before the summary is typed up),
		// but the confirmation then holds nothing.
		f.IO.Say("%s: warning: no consensus recorded, so there is nothing to confirm yet; add what was agreed (acct edit %s %s)\n",
			ref.File, ref.Account, ref.ID)
	}
	e := document.NewEditor(d)
	date := day.Format("2006-01-02")
	var sets [][2]string
	var clear []string
	// what the change is, in parts, in the book's language on stderr and
	// in the commit message.
	var what []msg.Text
	switch opts.Action {
	case "sent":
		if v.Confirmation.Status == visit.StatusConfirmed {
			return msg.Errorf("%s: the customer already confirmed this visit on %s; to change what was agreed, edit it and the confirmation by hand",
				ref.File, dateOrDash(v.Confirmation.Confirmed))
		}
		sets = [][2]string{{"status", visit.StatusSent}, {"sent", date}}
		what = []msg.Text{msg.T("sent %s", date)}
	case "confirm":
		sets = [][2]string{{"status", visit.StatusConfirmed}, {"confirmed", date}}
		// A settled dispute: its note no longer describes the visit.
		clear = []string{"note"}
		if v.Confirmation.Status == visit.StatusConfirmed && !v.Confirmation.Confirmed.IsZero() &&
			!v.Confirmation.Confirmed.Equal(day) {
			f.IO.Say("%s: already confirmed on %s; the new date %s replaces it\n",
				ref.File, dateOrDash(v.Confirmation.Confirmed), date)
		}
		if by != "" {
			sets = append(sets, [2]string{"by", by})
		}
		what = []msg.Text{msg.T("confirmed %s", date)}
		if by != "" {
			what = append(what, msg.T("by %s", by))
		}
	case "dispute":
		sets = [][2]string{{"status", visit.StatusDisputed}, {"note", note}}
		// No longer confirmed: who confirmed when would contradict the status.
		clear = []string{"confirmed", "by"}
		what = []msg.Text{msg.T("disputed: %s", note)}
	}
	if channel != "" {
		sets = append(sets, [2]string{"channel", channel})
		what = append(what, msg.T("via %s", channel))
	}
	for _, s := range sets {
		if err := e.Set("confirmation."+s[0], s[1]); err != nil {
			return err
		}
	}
	for _, k := range clear {
		if err := e.SetNull("confirmation." + k); err != nil {
			return err
		}
	}
	if !e.Changed() {
		f.IO.Say("%s: already %s; nothing to change\n", ref.File, joinTexts(f.IO.Lang, what))
		return nil
	}
	// Someone may have saved the file in an editor meanwhile: never
	// overwrite their edit.
	if now, err := os.ReadFile(b.Path(ref.File)); err != nil || !bytes.Equal(now, src) {
		return msg.Errorf("%s changed on disk while acct was updating it; nothing written, run the command again", ref.File)
	}
	if err := book.WriteFile(b.Path(ref.File), e.Bytes()); err != nil {
		return err
	}
	f.IO.Say("%s: %s\n", ref.File, joinTexts(f.IO.Lang, what))
	lang := b.Config.Language
	return commitChange(f, b, []string{ref.File}, msg.Sprintf(lang, "visit %s: %s/%s %s", opts.Action, ref.Account, ref.ID, joinTexts(lang, what)))
}

// joinTexts joins the parts of a description in lang: "confirmed
// 2026-03-01 by zdt via wechat", "已确认 2026-03-01,确认人 zdt,渠道 wechat".
func joinTexts(lang string, parts []msg.Text) string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = p.In(lang)
	}
	return strings.Join(out, msg.Sprintf(lang, " "))
}

// hasConsensus reports whether the visit records a consensus point that is
// not empty or a template hint.
func hasConsensus(v *visit.Visit) bool {
	for _, c := range v.Consensus {
		if strings.TrimSpace(c) != "" && !document.IsPlaceholder(c) {
			return true
		}
	}
	return false
}

// commitChange commits the given book-relative files with msg and says so
// on stderr. A book outside git is fine (a warning, the change stays on
// disk); any other failure is returned, the file change already made.
func commitChange(f *Factory, b *book.Book, paths []string, subject string) error {
	repo, err := b.Repo()
	if errors.Is(err, book.ErrNoRepo) {
		f.IO.Say("not committed: %v\n", err)
		return nil
	}
	if err != nil {
		return err
	}
	res, err := repo.Record(book.CommitOptions{Message: subject, Paths: paths, Getenv: f.Getenv, Now: commitTime(f.Now), Lang: b.Config.Language})
	if errors.Is(err, book.ErrNothingToCommit) {
		return nil
	}
	if err != nil {
		return msg.Errorf("the file is changed but not committed: %w (commit it later with acct commit)", err)
	}
	f.IO.Say("committed %s\n", res.Hash[:7])
	return nil
}

// contactByIDOrName resolves a contact of account typed as its id or as the
// name on its card (张大同 for zhang-datong); an unknown contact is an error
// listing the account's contacts.
func contactByIDOrName(b *book.Book, account, arg string) (string, error) {
	// ACCOUNT/ID or the path of the card: it must be a contact of the
	// visit's own account.
	if s := filepath.ToSlash(arg); strings.Contains(s, "/") {
		s = strings.TrimSuffix(s, ".md")
		parts := strings.Split(s, "/")
		id := parts[len(parts)-1]
		acc := ""
		switch {
		case len(parts) == 2:
			acc = parts[0]
		case len(parts) >= 3 && parts[len(parts)-2] == "contacts":
			acc = parts[len(parts)-3]
		}
		if acc != account {
			return "", msg.Errorf("%q is not a contact of account %q; give a contact id of that account", arg, account)
		}
		arg = id
	}
	return resolveContact(b, account, arg)
}

func dateOrDash(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02")
}
