package cmd

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/acctbook/acct/book"
	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/msg"
)

func init() { register(func(f *Factory) *cobra.Command { return NewCmdHistory(f, nil) }) }

// HistoryOptions are the inputs of `acct history`.
type HistoryOptions struct {
	IO      *IOStreams
	Book    func() (*book.Book, error)
	Account string
	Field   string
	JSON    bool
}

// NewCmdHistory builds `acct history ACCOUNT FIELD [--json]`.
func NewCmdHistory(f *Factory, runF func(*HistoryOptions) error) *cobra.Command {
	opts := &HistoryOptions{IO: f.IO, Book: f.Book}
	c := &cobra.Command{
		Use:   "history ACCOUNT FIELD",
		Short: "Show how one field changed over time",
		Long: `Show one field's values over time, newest first, each with the date,
author and commit that set it: profiles are dynamic, and how inventory
days, a supplier's share or a contact's stance moved tells the story.

ACCOUNT is an account id, name or alias. A FIELD that no version ever
had is an error with a suggestion ("did you mean ..."). On a terminal the
values are an aligned table under a header.

FIELD is a dotted path in the account profile (financials,
financials.2025.inventory_days, suppliers.incumbents), or DOCUMENT:FIELD for
a contact card or visit summary (zhang-datong:stance,
contacts/zhang-datong:stance, 2026-02-25-kickoff:confirmation.status).
List items are named by their period, name or action, or by #N.`,
		Example: `  acct history hx financials
  acct history hx financials.2025.inventory_days
  acct history hx zhang-datong:stance --json`,
		Args: wantArgs(2, 2),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Account, opts.Field = args[0], args[1]
			if runF != nil {
				return runF(opts)
			}
			return runHistory(opts)
		},
	}
	c.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return c
}

// historyEntry is one value in `acct history --json`.
type historyEntry struct {
	Commit string          `json:"commit"`
	Date   string          `json:"date"`
	Author string          `json:"author"`
	Email  string          `json:"email"`
	Value  json.RawMessage `json:"value"`
	Text   string          `json:"text"`
}

func runHistory(opts *HistoryOptions) error {
	b, err := opts.Book()
	if err != nil {
		return err
	}
	doc, field := "account", opts.Field
	if i := strings.LastIndex(opts.Field, ":"); i >= 0 {
		doc, field = opts.Field[:i], opts.Field[i+1:]
	}
	if field == "" {
		return usageErrorf("FIELD %q names no field", opts.Field)
	}
	path, err := documentPath(b, opts.Account, doc)
	if err != nil {
		return err
	}
	repo, err := b.Repo()
	if err != nil {
		return err
	}
	versions, err := repo.FileHistory(path, time.Time{})
	if err != nil {
		return err
	}
	if len(versions) == 0 {
		return msg.Errorf("no commit ever recorded %s: check the account and document names (acct list shows the accounts), or commit it first (acct commit)", path)
	}
	type change struct {
		c    book.CommitInfo
		node *yaml.Node
		ok   bool
	}
	// Oldest first, keeping the versions where the value changed.
	var changes []change
	var prev *change
	for i := len(versions) - 1; i >= 0; i-- {
		v := versions[i]
		var n *yaml.Node
		ok := false
		if v.Data != nil {
			n, ok = book.FieldValue(v.Data, field)
		}
		if prev == nil && !ok {
			continue
		}
		if prev != nil && prev.ok == ok && (!ok || book.RenderValue(prev.node) == book.RenderValue(n)) {
			continue
		}
		changes = append(changes, change{c: v.Commit, node: n, ok: ok})
		prev = &changes[len(changes)-1]
	}
	if len(changes) == 0 {
		// The field was in no version: most likely mistyped.
		hint := ""
		for _, v := range versions {
			if v.Data == nil {
				continue
			}
			if near := book.SuggestField(v.Data, field); near != "" {
				if doc != "account" {
					near = doc + ":" + near
				}
				hint = msg.Sprintf(opts.IO.Lang, " (did you mean %s?)", near)
				break
			}
		}
		return msg.Errorf("%s never had %s in any of its %d version%s%s", path, field, len(versions), pluralS(len(versions)), hint)
	}
	if opts.JSON {
		out := []historyEntry{}
		for i := len(changes) - 1; i >= 0; i-- {
			ch := changes[i]
			val := json.RawMessage("null")
			text := ""
			if ch.ok {
				val = nodeJSON(ch.node)
				text = book.RenderValue(ch.node)
			}
			out = append(out, historyEntry{Commit: ch.c.Hash, Date: ch.c.Author.When.Format(time.RFC3339),
				Author: ch.c.Author.Name, Email: ch.c.Author.Email, Value: val, Text: text})
		}
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if opts.IO.OutTTY {
		// An aligned table with a header; a value of several lines goes
		// down its column.
		// Aligned by display width (Chinese takes two columns a character).
		var rows [][]cell
		for i := len(changes) - 1; i >= 0; i-- {
			ch := changes[i]
			val := "(none)"
			if ch.ok && !document.IsPlaceholder(ch.node.Value) {
				val = book.RenderValue(ch.node)
			}
			lines := strings.Split(val, "\n")
			rows = append(rows, []cell{{text: ch.c.Author.When.Format("2006-01-02")}, {text: ch.c.Author.Name}, {text: ch.c.Hash[:7]}, {text: lines[0]}})
			for _, l := range lines[1:] {
				rows = append(rows, []cell{{}, {}, {}, {text: l}})
			}
		}
		writeTable(opts.IO.Out, newPainter(opts.IO.OutColor), []string{"DATE", "AUTHOR", "COMMIT", strings.ToUpper(opts.Field)}, rows)
		return nil
	}
	for i := len(changes) - 1; i >= 0; i-- {
		ch := changes[i]
		head := fmt.Sprintf("%s\t%s\t%s", ch.c.Author.When.Format("2006-01-02"), ch.c.Author.Name, ch.c.Hash[:7])
		val := "(none)"
		if ch.ok && !document.IsPlaceholder(ch.node.Value) { // a template hint is no value
			val = book.RenderValue(ch.node)
		}
		if strings.Contains(val, "\n") {
			// One line per value when piped: flow style.
			val = flowText(ch.node)
		}
		fmt.Fprintf(opts.IO.Out, "%s\t%s\n", head, val)
	}
	return nil
}

// flowText renders a value on one line in YAML flow style.
func flowText(n *yaml.Node) string {
	var conv func(*yaml.Node) *yaml.Node
	conv = func(n *yaml.Node) *yaml.Node {
		c := *n
		c.HeadComment, c.LineComment, c.FootComment = "", "", ""
		if c.Kind != yaml.ScalarNode {
			c.Style = yaml.FlowStyle
		}
		c.Content = nil
		for _, k := range n.Content {
			c.Content = append(c.Content, conv(k))
		}
		return &c
	}
	out, err := yaml.Marshal(conv(n))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// nodeJSON converts a YAML value to JSON keeping key order, and keeping
// every scalar that is not a plain number, boolean or null as a string (so
// ids and phone numbers never lose digits).
func nodeJSON(n *yaml.Node) json.RawMessage {
	if n == nil {
		return json.RawMessage("null")
	}
	switch n.Kind {
	case yaml.AliasNode:
		return nodeJSON(n.Alias)
	case yaml.MappingNode:
		var b strings.Builder
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(n.Content[i].Value)
			b.Write(k)
			b.WriteByte(':')
			b.Write(nodeJSON(n.Content[i+1]))
		}
		b.WriteByte('}')
		return json.RawMessage(b.String())
	case yaml.SequenceNode:
		var b strings.Builder
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(nodeJSON(c))
		}
		b.WriteByte(']')
		return json.RawMessage(b.String())
	}
	switch n.ShortTag() {
	case "!!null":
		return json.RawMessage("null")
	case "!!bool":
		if v, err := strconv.ParseBool(n.Value); err == nil {
			return json.RawMessage(strconv.FormatBool(v))
		}
	case "!!int", "!!float":
		if len(n.Value) < 16 {
			if out, err := json.Marshal(json.Number(n.Value)); err == nil {
				return out
			}
		}
	}
	s, _ := json.Marshal(n.Value)
	return s
}
