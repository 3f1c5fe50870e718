// Package msg is acct's one message catalog: every sentence acct says to
// a rep (findings, notices on stderr, errors) is written in English as a
// fmt format, and the packages that say them register their Chinese
// versions here, keyed by that English format. A book whose acct.yaml has
// `language: zh` (FORMAT.md section 7) then reads Chinese throughout.
//
// Values (ids, file names, what the rep typed) are passed as arguments and
// never translated; arguments that are themselves wording are a Phrase, an
// error made by Errorf or New, or a Text, and are translated too.
//
// golang.org/x/text/message was considered: its printer localizes numbers
// (a %d year 2026 would print as 2,026), which ids, years and line numbers
// must never get, so plain fmt formats are looked up here instead.
package msg

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// Phrase is a message argument that is itself wording (such as "contact
// card" or "a whole number") rather than a value, so it is translated too.
type Phrase string

var (
	mu      sync.RWMutex
	formats = map[string]map[string]string{} // lang -> English format -> translation
	phrases = map[string]map[Phrase]string{}
)

// Register adds translations of English formats into lang ("zh"). A
// translation keeps the verbs of its format in order, or uses explicit
// argument indexes (%[2]s). Registering a format twice with different
// translations panics: it is a mistake in the catalog.
func Register(lang string, translations map[string]string) { register(formats, lang, translations) }

// RegisterPhrases adds translations of phrases into lang; like Register,
// it panics when a phrase is given two different translations.
func RegisterPhrases(lang string, translations map[Phrase]string) {
	register(phrases, lang, translations)
}

// register adds translations into catalog[lang] under the lock.
func register[K ~string](catalog map[string]map[K]string, lang string, translations map[K]string) {
	mu.Lock()
	defer mu.Unlock()
	m := catalog[lang]
	if m == nil {
		m = map[K]string{}
		catalog[lang] = m
	}
	for en, t := range translations {
		if old, ok := m[en]; ok && old != t {
			panic(fmt.Sprintf("msg: %q translated twice: %q and %q", en, old, t))
		}
		m[en] = t
	}
}

// Has reports whether format has a translation into lang.
func Has(lang, format string) bool {
	mu.RLock()
	defer mu.RUnlock()
	_, ok := formats[lang][format]
	return ok
}

// Sprintf formats in lang: the translation of format (format itself when
// there is none, or for "en" and ""), with Phrase, Text and message-error
// arguments translated as well. %w is printed like %v.
func Sprintf(lang, format string, args ...any) string {
	if lang == "" || lang == "en" {
		return fmt.Sprintf(noW(format), args...)
	}
	mu.RLock()
	t, ok := formats[lang][format]
	mu.RUnlock()
	if !ok {
		t = format
	}
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = translateArg(lang, a)
	}
	return fmt.Sprintf(noW(t), out...)
}

// wVerb is a %w verb, with or without an argument index.
var wVerb = regexp.MustCompile(`%(\[\d+\])?w`)

// noW turns the %w verbs of a format into %v, which Sprintf knows.
func noW(format string) string {
	if !strings.Contains(format, "w") {
		return format
	}
	return wVerb.ReplaceAllString(format, "%${1}v")
}

func translateArg(lang string, a any) any {
	switch v := a.(type) {
	case Phrase:
		mu.RLock()
		t, ok := phrases[lang][v]
		mu.RUnlock()
		if ok {
			return t
		}
		return string(v)
	case Text:
		return v.In(lang)
	case error:
		return Localize(v, lang)
	}
	return a
}

// Text is a message kept for translation later: Sprintf(lang, Format,
// Args...) once the language is known.
type Text struct {
	Format string
	Args   []any
}

// T returns the Text of format and args.
func T(format string, args ...any) Text { return Text{format, args} }

// In returns the text in lang.
func (t Text) In(lang string) string { return Sprintf(lang, t.Format, t.Args...) }

// String returns the text in English.
func (t Text) String() string { return t.In("en") }

// Error is an error whose message can be given in another language: it
// keeps the format and arguments it was made from. errors.Is and errors.As
// see the errors its %w verbs wrap.
type Error struct {
	format string
	args   []any
	err    error // fmt.Errorf(format, args...): the English message and what it wraps
}

// Errorf is fmt.Errorf whose message Localize can translate.
func Errorf(format string, args ...any) error {
	return &Error{format: format, args: args, err: fmt.Errorf(format, args...)}
}

// New is errors.New whose message Localize can translate (for sentinel
// errors such as document.ErrNumber).
func New(text string) error {
	return &Error{format: text, err: errors.New(text)}
}

// Error returns the message in English.
func (e *Error) Error() string { return e.err.Error() }

// Unwrap returns the errors wrapped with %w.
func (e *Error) Unwrap() []error {
	switch u := e.err.(type) {
	case interface{ Unwrap() []error }:
		return u.Unwrap()
	case interface{ Unwrap() error }:
		return []error{u.Unwrap()}
	}
	return nil
}

// In returns the message in lang.
func (e *Error) In(lang string) string { return Sprintf(lang, e.format, e.args...) }

// Localize returns err's message in lang. An error made by Errorf or New
// is translated with the errors it wraps; wrappers of such errors that
// acct does not own (fs.PathError and the like) keep their English text.
func Localize(err error, lang string) string {
	if err == nil {
		return ""
	}
	if e, ok := err.(interface{ In(string) string }); ok {
		return e.In(lang)
	}
	return err.Error()
}

// Translations returns a copy of the formats registered for lang with
// their translations, for tests of the catalog.
func Translations(lang string) map[string]string {
	mu.RLock()
	defer mu.RUnlock()
	out := make(map[string]string, len(formats[lang]))
	for k, v := range formats[lang] {
		out[k] = v
	}
	return out
}
