package cmd

// Command-line mistakes told in the book's language: acct's own validator
// of positional arguments (instead of cobra.ExactArgs and the like, whose
// errors are English only) and the flag error function, which turns
// pflag's parse errors into translated usage errors. execute prints them
// with the command's usage line and examples.

import (
	"errors"
	"sort"
	"strings"
	"unicode"

	"github.com/agnivade/levenshtein"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/acctbook/acct/msg"
)

// anyNumber is the max of wantArgs for commands taking any number of
// arguments (FILE...).
const anyNumber = -1

// wantArgs is the positional-argument validator of every acct command: it
// accepts between min and max arguments (max anyNumber: no limit). A
// missing argument is named from the command's Use line ("missing FILE"),
// an extra one is quoted, and on a command with subcommands an argument is
// an unknown command, with cobra's suggestions. Every error is a
// UsageError (exit status 2) whose message the catalog translates.
func wantArgs(min, max int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := argsError(c, min, max, args); err != nil {
			return &UsageError{Err: err}
		}
		return nil
	}
}

// argsError is wantArgs' check, returning the bare message error.
func argsError(c *cobra.Command, min, max int, args []string) error {
	if max == 0 && len(args) > 0 && c.HasSubCommands() {
		return unknownCommand(c, args[0])
	}
	if len(args) < min {
		if name := argName(c.Use, len(args)); name != "" {
			return msg.Errorf("missing %s: the command takes %v", name, argCount(min, max))
		}
		return msg.Errorf("missing argument: the command takes %v, got %d", argCount(min, max), len(args))
	}
	if max != anyNumber && len(args) > max {
		if max == 0 {
			return msg.Errorf("unexpected argument %q: the command takes no arguments", args[0])
		}
		return msg.Errorf("unexpected argument %q: the command takes %v", args[max], argCount(min, max))
	}
	return nil
}

// unknownCommand is the error for name typed where a subcommand of c was
// expected, with cobra's suggestions of close command names.
func unknownCommand(c *cobra.Command, name string) error {
	var sug []string
	if !c.DisableSuggestions {
		if c.SuggestionsMinimumDistance <= 0 {
			c.SuggestionsMinimumDistance = 2
		}
		sug = c.SuggestionsFor(name)
	}
	if len(sug) > 0 {
		return msg.Errorf("unknown command %q for %q; did you mean %s?", name, c.CommandPath(), strings.Join(sug, ", "))
	}
	return msg.Errorf("unknown command %q for %q (the commands are listed by %s --help)", name, c.CommandPath(), c.CommandPath())
}

// argCount says how many arguments a command takes, as a translatable text.
func argCount(min, max int) msg.Text {
	switch {
	case max == 0:
		return msg.T("no arguments")
	case min == max && min == 1:
		return msg.T("exactly one argument")
	case min == max:
		return msg.T("exactly %d arguments", min)
	case max == anyNumber && min == 1:
		return msg.T("at least one argument")
	case max == anyNumber:
		return msg.T("at least %d arguments", min)
	case min == 0 && max == 1:
		return msg.T("at most one argument")
	case min == 0:
		return msg.T("at most %d arguments", max)
	}
	return msg.T("%d to %d arguments", min, max)
}

// argName returns the name the Use line gives the positional argument at
// index i ("import FILE..." gives FILE for every i, "edit ACCOUNT
// [CONTACT|VISIT]" gives CONTACT|VISIT for 1), or "" when the line does
// not say. Flags written in the Use line ("--note TEXT") are skipped.
func argName(use string, i int) string {
	fields := strings.Fields(use)
	if len(fields) < 2 {
		return ""
	}
	var names []string
	for j := 1; j < len(fields); j++ {
		f := fields[j]
		if strings.HasPrefix(strings.TrimLeft(f, "["), "-") {
			j++ // the flag's value
			continue
		}
		n := strings.Trim(f, "[]")
		if n == "" || n == "|" || strings.ContainsAny(n, "[]") {
			return "" // nested alternatives: too involved to name
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return ""
	}
	if i < len(names) {
		return strings.TrimSuffix(names[i], "...")
	}
	if last := names[len(names)-1]; strings.HasSuffix(last, "...") {
		return strings.TrimSuffix(last, "...")
	}
	return ""
}

// flagError is the root's flag error function (cobra's SetFlagErrorFunc;
// subcommands inherit it): pflag's parse errors become UsageErrors in the
// book's language, and an unknown flag gets the command's closest flags
// as suggestions.
func flagError(c *cobra.Command, err error) error {
	return &UsageError{Err: flagMessage(c, err)}
}

// flagMessage translates one pflag parse error.
func flagMessage(c *cobra.Command, err error) error {
	var notExist *pflag.NotExistError
	var needsValue *pflag.ValueRequiredError
	var invalid *pflag.InvalidValueError
	var syntax *pflag.InvalidSyntaxError
	switch {
	case errors.As(err, &notExist):
		name := notExist.GetSpecifiedName()
		if short := notExist.GetSpecifiedShortnames(); short != "" && short != name[:1] {
			return msg.Errorf("unknown flag -%s (in -%s)", name[:1], short)
		} else if short != "" {
			return msg.Errorf("unknown flag -%s (the flags are listed by %s --help)", name[:1], c.CommandPath())
		}
		if sug := flagSuggestions(c, name); len(sug) > 0 {
			return msg.Errorf("unknown flag --%s; did you mean %s?", name, strings.Join(sug, ", "))
		}
		return msg.Errorf("unknown flag --%s (the flags are listed by %s --help)", name, c.CommandPath())
	case errors.As(err, &needsValue):
		if short := needsValue.GetSpecifiedShortnames(); short != "" && short != needsValue.GetSpecifiedName()[:1] {
			return msg.Errorf("flag -%s (in -%s) needs a value", needsValue.GetSpecifiedName()[:1], short)
		} else if short != "" {
			return msg.Errorf("flag -%s needs a value", short)
		}
		return msg.Errorf("flag --%s needs a value", needsValue.GetSpecifiedName())
	case errors.As(err, &invalid):
		fl := invalid.GetFlag()
		return msg.Errorf("--%s %q: want %v", fl.Name, invalid.GetValue(), flagKind(fl))
	case errors.As(err, &syntax):
		return msg.Errorf("bad flag syntax %s: write flags as --name or --name=value", syntax.GetSpecifiedFlag())
	}
	return err
}

// flagKind says what a flag's value must be, by its pflag type.
func flagKind(fl *pflag.Flag) msg.Phrase {
	switch t := fl.Value.Type(); {
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case t == "bool":
		return "true or false"
	case t == "duration":
		return "a duration such as 30s or 5m"
	}
	return "a valid value"
}

// flagSuggestions returns up to three flags of c (its own and inherited)
// whose names are close to name, as --name.
func flagSuggestions(c *cobra.Command, name string) []string {
	var cands []suggestCand
	c.Flags().VisitAll(func(fl *pflag.Flag) {
		if !fl.Hidden {
			cands = append(cands, suggestCand{ID: "--" + fl.Name, Key: fl.Name})
		}
	})
	return rankSuggestions(name, cands, 3)
}

// suggestCand is one thing a mistyped word may have meant: ID is what is
// suggested, Key what the word is compared with (an id, a name, an alias,
// a flag name). Several candidates may share an ID.
type suggestCand struct{ ID, Key string }

// rankSuggestions returns the IDs of at most most candidates close to
// typed: those whose Key starts with typed first (shortest Key first),
// then those within an edit distance of a third of typed's length (at
// least 1, at most 3), closest first, then those whose Key begins with
// typed give or take one typo (two for long words); ties go by ID. Case, spaces and
// punctuation are ignored (suggestKey); an ID is listed once, at its best
// rank.
func rankSuggestions(typed string, cands []suggestCand, most int) []string {
	want := suggestKey(typed)
	if len(want) == 0 || most <= 0 {
		return nil
	}
	limit := (len(want) + 2) / 3
	limit = min(3, limit)
	type ranked struct {
		id          string
		class, dist int
	}
	best := map[string]ranked{}
	for _, c := range cands {
		key := suggestKey(c.Key)
		if len(key) == 0 {
			continue
		}
		r := ranked{id: c.ID}
		if len(key) >= len(want) && string(key[:len(want)]) == string(want) {
			r.class, r.dist = 0, len(key)-len(want)
		} else if d := levenshtein.ComputeDistance(string(want), string(key)); d <= limit {
			r.class, r.dist = 1, d
		} else if d := levenshtein.ComputeDistance(string(want), string(key[:min(len(key), len(want))])); len(want) >= 2 && d <= max(1, limit-1) {
			r.class, r.dist = 2, d // a typo in the first words of a long name: 华兴 for 华星电子
		} else {
			continue
		}
		if old, ok := best[c.ID]; !ok || r.class < old.class || r.class == old.class && r.dist < old.dist {
			best[c.ID] = r
		}
	}
	list := make([]ranked, 0, len(best))
	for _, r := range best {
		list = append(list, r)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.class != b.class {
			return a.class < b.class
		}
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		return a.id < b.id
	})
	var out []string
	for _, r := range list {
		if len(out) == most {
			break
		}
		out = append(out, r.id)
	}
	return out
}

// suggestKey is s as rankSuggestions compares it: lower case, letters
// and digits only ("Acme Trading Co." and acme-trading-co both give
// acmetradingco).
func suggestKey(s string) []rune {
	var k []rune
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			k = append(k, r)
		}
	}
	return k
}

// completionArgs adds cobra's default completion command to root now, so
// that its positional arguments are checked by wantArgs as well.
func completionArgs(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Args = wantArgs(0, 0)
		for _, sub := range c.Commands() {
			sub.Args = wantArgs(0, 0)
		}
	}
}

// usageLine is the usage line execute prints under a usage error:
// cobra's UseLine, or "acct visit [command]" for a command with
// subcommands, as its --help shows it.
func usageLine(c *cobra.Command) string {
	if c.HasAvailableSubCommands() {
		return c.CommandPath() + " [command]"
	}
	return c.UseLine()
}
