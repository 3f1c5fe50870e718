package cmd

import (
	"fmt"
	"strings"

	"github.com/acctbook/acct/document"
)

// painter adds ANSI colour when enabled; all colour goes through it, so
// NO_COLOR and friends are honoured in one place (Factory.IO).
type painter struct{ on bool }

func newPainter(on bool) painter { return painter{on: on} }

func (p painter) wrap(code, s string) string {
	if !p.on || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p painter) bold(s string) string   { return p.wrap("1", s) }
func (p painter) red(s string) string    { return p.wrap("31", s) }
func (p painter) yellow(s string) string { return p.wrap("33", s) }
func (p painter) green(s string) string  { return p.wrap("32", s) }
func (p painter) cyan(s string) string   { return p.wrap("36", s) }
func (p painter) dim(s string) string    { return p.wrap("2", s) }

// sev colours text by severity.
func (p painter) sev(s document.Severity, text string) string {
	switch s {
	case document.SeverityError:
		return p.red(text)
	case document.SeverityWarning:
		return p.yellow(text)
	}
	return p.cyan(text)
}

// finding formats a finding as "path:line:col: severity: message [rule]".
func (p painter) finding(f document.Finding) string {
	if !p.on {
		return f.String()
	}
	s := f.String()
	i := strings.Index(s, ": "+string(f.Severity)+": ")
	if i < 0 {
		return s
	}
	return fmt.Sprintf("%s: %s: %s", p.bold(s[:i]), p.sev(f.Severity, string(f.Severity)), s[i+len(f.Severity)+4:])
}
