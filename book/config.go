package book

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/acctbook/acct/profile"
	"gopkg.in/yaml.v3"
)

// Config is acct.yaml: the book's settings (FORMAT.md section 7). Fields not
// set in the file keep the defaults of DefaultConfig.
type Config struct {
	// Language is "zh" or "en": templates, headings and messages.
	Language string `yaml:"language"`
	// Currency is the ISO code money is in unless an entry says otherwise (default CNY).
	Currency string         `yaml:"currency"`
	Policy   Policy         `yaml:"policy"`
	Trend    TrendSettings  `yaml:"trend"`
	Import   ImportSettings `yaml:"import"`
	Chart    ChartSettings  `yaml:"chart"`
}

// ChartSettings configure the charts `acct trend --chart` draws.
type ChartSettings struct {
	// Font is a TrueType/OpenType font file (.ttf, .otf or .ttc) for PNG
	// charts, relative to the book's root or absolute; it must cover the
	// Chinese characters of product and account names. Empty: acct looks for
	// a Chinese font itself (fontconfig, then the usual system paths).
	Font string `yaml:"font"`
}

// Policy is what `acct check` requires (FORMAT.md section 7). Field names are
// dotted paths into account.md (overview.industry), or the special names
// "financials", "decision-maker" and "contacts>=N".
type Policy struct {
	// All lists the fields every account needs, whatever its tier.
	All []string `yaml:"all"`
	// A, B and C list the additional fields per tier.
	A []string `yaml:"A"`
	B []string `yaml:"B"`
	C []string `yaml:"C"`
	// KeyContact lists fields a contact with key: true needs, on top of Contact.
	KeyContact []string `yaml:"key_contact"`
	// Contact lists fields every contact card needs.
	Contact []string `yaml:"contact"`
	// Visit lists fields every visit summary needs; a next step also needs
	// its action. This is acct's addition to FORMAT.md section 7, so that
	// an untouched visit template does not pass as a finished summary.
	Visit []string `yaml:"visit"`
	// VisitConfirmDays is how many days after its date a visit may stay
	// unconfirmed before it is flagged.
	VisitConfirmDays int `yaml:"visit_confirm_days"`
	// FinancialsMaxAgeMonths is how many months after its end the newest
	// financial period may be before it is stale.
	FinancialsMaxAgeMonths int `yaml:"financials_max_age_months"`
}

// Tier returns the fields required for an account of the given tier: All
// followed by the tier's own list, without repeats.
func (p Policy) Tier(tier string) []string {
	out := append([]string(nil), p.All...)
	var extra []string
	switch tier {
	case "A":
		extra = p.A
	case "B":
		extra = p.B
	case "C":
		extra = p.C
	}
	seen := map[string]bool{}
	for _, f := range out {
		seen[f] = true
	}
	for _, f := range extra {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// TrendSettings tune the purchase trend signals (FORMAT.md section 6).
type TrendSettings struct {
	// DeclineMonths is N: consecutive month-on-month drops that make a decline.
	DeclineMonths int `yaml:"decline_months"`
	// SurgeRatio is how many times the mean of the three previous months the
	// as-of month must reach to be a surge.
	SurgeRatio float64 `yaml:"surge_ratio"`
}

// ImportSettings configure reading purchase tables.
type ImportSettings struct {
	// Columns maps a field (customer, date, product, quantity, amount) to the
	// header that holds it, overriding detection.
	Columns map[string]string `yaml:"columns"`
	// DateOrder is how dates like 03/04/2026 are read: "dmy"
	// (day/month/year), "mdy", or empty to decide per column (FORMAT.md
	// section 6).
	DateOrder string `yaml:"date_order"`
}

// goTypeWords names Go types of Config in a rep's words.
var goTypeWords = map[string]string{"[]string": "a list of names, like [name, owner]", "int": "a whole number",
	"float64": "a number", "string": "a text", "map[string]string": "a list of `key: value` pairs", "bool": "true or false"}

// checkPolicyField accepts what may appear in a policy list (FORMAT.md
// section 7): a dotted field of account.md, or one of the special names
// "financials", "decision-maker" and "contacts>=N".
func checkPolicyField(f string) error {
	switch {
	case f == "financials" || f == "decision-maker":
		return nil
	case strings.HasPrefix(f, "contacts>="):
		n, err := strconv.Atoi(strings.TrimPrefix(f, "contacts>="))
		if err != nil || n < 0 {
			return fmt.Errorf("%q: write contacts>=N with a whole number N", f)
		}
		return nil
	case !profile.AccountField(f):
		return fmt.Errorf("%q is not a field of account.md (see acct help format, section 3)", f)
	}
	return nil
}

// DefaultConfig returns the settings of FORMAT.md section 7.
func DefaultConfig() *Config {
	return &Config{
		Language: "zh",
		Currency: "CNY",
		Policy: Policy{
			All: []string{"name", "owner", "tier", "overview.ownership", "overview.industry",
				"business.main_products", "business.phase"},
			B: []string{"financials", "strategy.business_plan", "suppliers.incumbents", "decision-maker"},
			A: []string{"financials", "strategy.strategic_plan", "strategy.business_plan",
				"suppliers.incumbents", "suppliers.allocation_rule", "process_it.procurement_process",
				"process_it.digital_maturity", "decision-maker", "contacts>=3"},
			KeyContact:             []string{"title", "interests", "pain_points"},
			Contact:                []string{"name", "title"},
			Visit:                  []string{"date", "purpose", "consensus"},
			VisitConfirmDays:       3,
			FinancialsMaxAgeMonths: 18,
		},
		Trend:  TrendSettings{DeclineMonths: 3, SurgeRatio: 1.5},
		Import: ImportSettings{Columns: map[string]string{}},
	}
}

// ConfigError is a problem in acct.yaml, with the line it is on (0 if unknown).
type ConfigError struct {
	File string
	Line int
	Msg  string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// ParseConfig reads acct.yaml from data over the defaults. file names the
// file in errors. It returns a *ConfigError for YAML syntax errors, unknown
// keys, and values of the wrong type or out of range.
func ParseConfig(file string, data []byte) (*Config, error) {
	cfg := DefaultConfig()
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) || len(data) >= 2 && (data[0] == 0) != (data[1] == 0) {
		return nil, &ConfigError{File: file, Msg: "the file is UTF-16; save it as UTF-8"}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		line := 1
		for len(data) > 0 {
			r, n := utf8.DecodeRune(data)
			if r == utf8.RuneError && n <= 1 {
				break
			}
			if r == '\n' {
				line++
			}
			data = data[n:]
		}
		return nil, &ConfigError{File: file, Line: line, Msg: "not UTF-8 (GBK?); save the file as UTF-8"}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil && err.Error() != "EOF" {
		line := 0
		msg := err.Error()
		if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
			msg = te.Errors[0]
		}
		fmt.Sscanf(msg, "yaml: line %d:", &line)
		if line == 0 {
			fmt.Sscanf(msg, "line %d:", &line)
		}
		if line == 0 && strings.Contains(msg, "cannot start any token") {
			for i, l := range strings.Split(string(data), "\n") {
				if strings.HasPrefix(l, "\t") {
					line, msg = i+1, "a tab is used for indentation; YAML needs spaces"
					break
				}
			}
		}
		// "line 3: cannot unmarshal !!str `oops` into []string" says little
		// to a rep: say what the setting wants.
		if i := strings.Index(msg, "cannot unmarshal "); i >= 0 {
			want := msg[strings.LastIndex(msg, " into ")+len(" into "):]
			got := strings.TrimPrefix(msg[i:], "cannot unmarshal ")
			got = got[:strings.Index(got, " into ")]
			msg = fmt.Sprintf("want %s, got %s", goTypeWords[want], strings.TrimPrefix(got, "!!str "))
		} else if i := strings.Index(msg, "field "); i >= 0 && strings.Contains(msg, "not found in type") {
			key := strings.Fields(msg[i+len("field "):])[0]
			msg = fmt.Sprintf("unknown setting %q (see acct help format, section 7)", key)
		}
		return nil, &ConfigError{File: file, Line: line, Msg: msg}
	}
	if cfg.Language != "zh" && cfg.Language != "en" {
		return nil, &ConfigError{File: file, Msg: fmt.Sprintf("language %q: want zh or en", cfg.Language)}
	}
	if cfg.Trend.DeclineMonths < 1 {
		return nil, &ConfigError{File: file, Msg: "trend.decline_months must be at least 1"}
	}
	if !(cfg.Trend.SurgeRatio > 0) || math.IsInf(cfg.Trend.SurgeRatio, 1) {
		return nil, &ConfigError{File: file, Msg: "trend.surge_ratio must be a number greater than 0"}
	}
	if cfg.Policy.VisitConfirmDays < 0 || cfg.Policy.FinancialsMaxAgeMonths < 0 {
		return nil, &ConfigError{File: file, Msg: "policy.visit_confirm_days and policy.financials_max_age_months must not be negative"}
	}
	for name, fields := range map[string][]string{"all": cfg.Policy.All, "A": cfg.Policy.A, "B": cfg.Policy.B, "C": cfg.Policy.C} {
		for _, f := range fields {
			if err := checkPolicyField(f); err != nil {
				return nil, &ConfigError{File: file, Msg: fmt.Sprintf("policy.%s: %v", name, err)}
			}
		}
	}
	if cfg.Import.Columns == nil {
		cfg.Import.Columns = map[string]string{}
	}
	switch strings.ToLower(strings.TrimSpace(cfg.Import.DateOrder)) {
	case "", "auto", "dmy", "mdy":
	default:
		return nil, &ConfigError{File: file, Msg: fmt.Sprintf("import.date_order %q: want dmy (day/month/year), mdy (month/day/year) or auto", cfg.Import.DateOrder)}
	}
	return cfg, nil
}
