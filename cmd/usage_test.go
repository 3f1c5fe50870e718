package cmd

import (
	"errors"
	"reflect"
	"testing"

	"github.com/spf13/cobra"

	"github.com/acctbook/acct/msg"
)

func TestWantArgs(t *testing.T) {
	leaf := func(use string) *cobra.Command {
		return &cobra.Command{Use: use, Run: func(*cobra.Command, []string) {}}
	}
	group := &cobra.Command{Use: "visit"}
	group.AddCommand(leaf("new ACCOUNT"), leaf("recap VISIT"))
	tests := []struct {
		name     string
		c        *cobra.Command
		min, max int
		args     []string
		en, zh   string // "" en: no error
	}{
		{"exact ok", leaf("brief ACCOUNT"), 1, 1, []string{"hx"}, "", ""},
		{"exact missing", leaf("brief ACCOUNT"), 1, 1, nil,
			"missing ACCOUNT: the command takes exactly one argument", "缺少 ACCOUNT:此命令需要恰好 1 个参数"},
		{"two missing second", leaf("history ACCOUNT FIELD"), 2, 2, []string{"hx"},
			"missing FIELD: the command takes exactly 2 arguments", "缺少 FIELD:此命令需要恰好 2 个参数"},
		{"at least", leaf("import FILE..."), 1, anyNumber, nil,
			"missing FILE: the command takes at least one argument", "缺少 FILE:此命令需要至少 1 个参数"},
		{"any number ok", leaf("import FILE..."), 1, anyNumber, []string{"a", "b", "c"}, "", ""},
		{"too many", leaf("init [DIR]"), 0, 1, []string{"a", "b"},
			`unexpected argument "b": the command takes at most one argument`, `多余的参数 "b":此命令只接受至多 1 个参数`},
		{"range", leaf("edit ACCOUNT [CONTACT|VISIT]"), 1, 2, []string{"a", "b", "c"},
			`unexpected argument "c": the command takes 1 to 2 arguments`, `多余的参数 "c":此命令只接受最少 1 个、最多 2 个参数`},
		{"none", leaf("list"), 0, 0, []string{"x"},
			`unexpected argument "x": the command takes no arguments`, `多余的参数 "x":此命令不接受参数`},
		{"unnamed", leaf("log [ACCOUNT [DOCUMENT] | ACCOUNT/DOCUMENT]"), 1, 2, nil,
			"missing argument: the command takes 1 to 2 arguments, got 0", "缺少参数:此命令需要最少 1 个、最多 2 个参数,实际只有 0 个"},
		{"unknown command", group, 0, 0, []string{"nwe"},
			`unknown command "nwe" for "visit"; did you mean new?`, `"visit" 没有子命令 "nwe";是不是想写 new?`},
		{"unknown command far", group, 0, 0, []string{"zzzz"},
			`unknown command "zzzz" for "visit" (the commands are listed by visit --help)`, `"visit" 没有子命令 "zzzz"(visit --help 列出所有命令)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := wantArgs(tt.min, tt.max)(tt.c, tt.args)
			if tt.en == "" {
				if err != nil {
					t.Fatalf("got %v, want no error", err)
				}
				return
			}
			var u *UsageError
			if !errors.As(err, &u) {
				t.Fatalf("got %v (%T), want a UsageError", err, err)
			}
			if got := msg.Localize(err, "en"); got != tt.en {
				t.Errorf("en: got %q, want %q", got, tt.en)
			}
			if got := msg.Localize(err, "zh"); got != tt.zh {
				t.Errorf("zh: got %q, want %q", got, tt.zh)
			}
		})
	}
}

func TestArgName(t *testing.T) {
	tests := []struct {
		use  string
		i    int
		want string
	}{
		{"brief ACCOUNT", 0, "ACCOUNT"},
		{"brief ACCOUNT", 1, ""},
		{"import FILE...", 0, "FILE"},
		{"import FILE...", 3, "FILE"},
		{"edit ACCOUNT [CONTACT|VISIT]", 1, "CONTACT|VISIT"},
		{"dispute VISIT --note TEXT", 0, "VISIT"},
		{"dispute VISIT --note TEXT", 1, ""},
		{"commit [-m MSG]", 0, ""},
		{"log [ACCOUNT [DOCUMENT] | ACCOUNT/DOCUMENT]", 0, ""},
		{"list", 0, ""},
	}
	for _, tt := range tests {
		if got := argName(tt.use, tt.i); got != tt.want {
			t.Errorf("argName(%q, %d) = %q, want %q", tt.use, tt.i, got, tt.want)
		}
	}
}

func TestRankSuggestions(t *testing.T) {
	book := []suggestCand{
		{"acme-trading-co", "acme-trading-co"}, {"acme-trading-co", "ACME Trading Co."},
		{"acme-steel", "acme-steel"}, {"acme-steel", "Acme Steel"},
		{"acme", "acme"}, // not a candidate for itself
		{"beta", "beta"}, {"beta", "Beta"}, {"beta", "贝塔"},
		{"huaxing", "huaxing"}, {"huaxing", "华星电子集团有限公司"}, {"huaxing", "HX"},
		{"acorn", "acorn"}, {"acmex", "acmex"},
	}
	tests := []struct {
		typed string
		max   int
		want  []string
	}{
		{"acm", 3, []string{"acme", "acmex", "acme-steel"}},                            // prefixes, shortest first
		{"acme", 3, []string{"acme", "acmex", "acme-steel"}},                           // itself counts as a prefix (0 extra)
		{"acme-t", 3, []string{"acme-trading-co", "acme", "acmex"}},                    // punctuation ignored
		{"Acme Tradng", 3, []string{"acme-trading-co"}},                                // edit distance, name or id
		{"acmetradingco", 3, []string{"acme-trading-co"}},                              // squashed id
		{"bta", 3, []string{"beta"}},                                                   // one letter missing
		{"huaxnig", 3, []string{"huaxing"}},                                            // transposition: distance 2
		{"华星", 3, []string{"huaxing"}},                                                 // Chinese name prefix
		{"hx", 3, []string{"huaxing"}},                                                 // an alias equal after case folding
		{"华兴", 3, []string{"huaxing"}},                                                 // a typo in the start of a name
		{"zzz", 3, nil},                                                                // nothing close
		{"", 3, nil},                                                                   // nothing typed
		{"acm", 1, []string{"acme"}},                                                   // at most max
		{"acmr", 3, []string{"acme", "acmex", "acorn"}},                                // distance 1 before 2
		{"ac", 5, []string{"acme", "acmex", "acorn", "acme-steel", "acme-trading-co"}}, // all prefixes, by length then id
	}
	for _, tt := range tests {
		if got := rankSuggestions(tt.typed, book, tt.max); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("rankSuggestions(%q, %d) = %q, want %q", tt.typed, tt.max, got, tt.want)
		}
	}
}

func TestFlagMessage(t *testing.T) {
	newCmd := func() *cobra.Command {
		c := &cobra.Command{Use: "trend", Run: func(*cobra.Command, []string) {}}
		c.Flags().Int("months", 12, "")
		c.Flags().String("as-of", "", "")
		c.Flags().Bool("json", false, "")
		c.Flags().StringP("message", "m", "", "")
		return c
	}
	tests := []struct {
		args   []string
		en, zh string
	}{
		{[]string{"--monts", "3"}, "unknown flag --monts; did you mean --months?", "未知的选项 --monts;是不是想写 --months?"},
		{[]string{"--bogus"}, "unknown flag --bogus (the flags are listed by trend --help)", "未知的选项 --bogus(trend --help 列出所有选项)"},
		{[]string{"-x"}, "unknown flag -x (the flags are listed by trend --help)", "未知的选项 -x(trend --help 列出所有选项)"},
		{[]string{"-mx"}, "", ""}, // -m takes "x" as its value
		{[]string{"-xm", "a"}, "unknown flag -x (in -xm)", "未知的选项 -x(在 -xm 中)"},
		{[]string{"--months", "x"}, `--months "x": want a whole number`, `--months "x":应为整数`},
		{[]string{"--json=maybe"}, `--json "maybe": want true or false`, `--json "maybe":应为true 或 false`},
		{[]string{"--as-of"}, "flag --as-of needs a value", "选项 --as-of 需要一个值"},
		{[]string{"-m"}, "flag -m needs a value", "选项 -m 需要一个值"},
	}
	for _, tt := range tests {
		c := newCmd()
		err := c.ParseFlags(tt.args)
		if tt.en == "" {
			if err != nil {
				t.Errorf("%q: got %v, want no error", tt.args, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%q: no error", tt.args)
			continue
		}
		err = flagError(c, err)
		var u *UsageError
		if !errors.As(err, &u) {
			t.Errorf("%q: got %T, want a UsageError", tt.args, err)
		}
		if got := msg.Localize(err, "en"); got != tt.en {
			t.Errorf("%q en: got %q, want %q", tt.args, got, tt.en)
		}
		if got := msg.Localize(err, "zh"); got != tt.zh {
			t.Errorf("%q zh: got %q, want %q", tt.args, got, tt.zh)
		}
	}
}
