package cmd

import (
	"strconv"

	"github.com/acctbook/acct/msg"
)

// UsageError wraps a command-line mistake; it maps to exit status 2.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// In returns the message in lang (msg.Localize).
func (e *UsageError) In(lang string) string { return msg.Localize(e.Err, lang) }

// SilentError carries an exit status whose explanation has already been
// printed (for example `acct check` after listing its findings).
type SilentError struct{ Code int }

func (e *SilentError) Error() string { return "exit status " + strconv.Itoa(e.Code) }

// usageErrorf returns a UsageError with a formatted message.
func usageErrorf(format string, a ...any) error {
	return &UsageError{Err: msg.Errorf(format, a...)}
}
