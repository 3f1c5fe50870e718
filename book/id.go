package book

import (
	"strings"
	"unicode"

	"github.com/acctbook/acct/msg"
	"golang.org/x/text/unicode/norm"
)

// MaxIDBytes is the longest id allowed, in bytes of UTF-8 (FORMAT.md section 2).
const MaxIDBytes = 80

// DeriveID turns a display name into an id as FORMAT.md section 2 says:
// the name is NFC-normalised, Unicode letters and digits are kept, ASCII is
// lower-cased, and every run of anything else becomes one "-"; leading and
// trailing dashes are dropped. "华星电子集团" stays "华星电子集团";
// "HX Electronics Co." becomes "hx-electronics-co". The result still has to
// pass ValidateID (it may be empty or too long).
func DeriveID(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFC.String(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) {
			if r < unicode.MaxASCII {
				r = unicode.ToLower(r)
			}
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}

// windowsReserved are the device names Windows refuses as file names, with
// or without an extension.
var windowsReserved = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// ValidateID checks an account, contact or visit id (FORMAT.md section 2):
// not empty, at most MaxIDBytes bytes, valid UTF-8, NFC, at least one letter
// or digit, no '/', '\\', '..', leading '.' or '-', control characters, characters Windows forbids in file names
// (<>:"|?*), trailing dot or space, and not a Windows-reserved device name.
// what ("account", "contact", "visit") names the kind of id in the error.
func ValidateID(what, id string) error {
	bad := func(why msg.Text) error { return msg.Errorf("invalid %s id %q: %v", msg.Phrase(what), id, why) }
	switch {
	case id == "":
		return bad(msg.T("it is empty (give a name with letters or digits, or --id)"))
	case len(id) > MaxIDBytes:
		return bad(msg.T("it is %d bytes long, at most %d are allowed; choose a shorter one", len(id), MaxIDBytes))
	case !norm.NFC.IsNormalString(id):
		return bad(msg.T("it is not in Unicode NFC form"))
	case strings.ContainsAny(id, `/\`):
		return bad(msg.T("it contains a path separator"))
	case strings.Contains(id, ".."):
		return bad(msg.T(`it contains ".."`))
	case strings.HasPrefix(id, "."):
		return bad(msg.T(`it starts with "."`))
	case strings.HasPrefix(id, "-"):
		return bad(msg.T(`it starts with "-" (it would read as an option)`))
	case !strings.ContainsFunc(id, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }):
		return bad(msg.T("it has no letter or digit"))
	case strings.HasSuffix(id, ".") || strings.HasSuffix(id, " "):
		return bad(msg.T("it ends with a dot or a space"))
	case strings.ContainsAny(id, `<>:"|?*`):
		return bad(msg.T(`it contains one of < > : " | ? *`))
	}
	for _, r := range id {
		if r == unicode.ReplacementChar {
			return bad(msg.T("it is not valid UTF-8"))
		}
		if unicode.IsControl(r) {
			return bad(msg.T("it contains a control character"))
		}
	}
	base := strings.ToLower(id)
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	if windowsReserved[base] {
		return bad(msg.T("it is a name Windows reserves for a device"))
	}
	return nil
}
