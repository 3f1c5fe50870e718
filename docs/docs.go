// Package docs embeds the user documentation that ships inside the binary,
// so `acct help format` works wherever acct is installed.
package docs

import _ "embed"

// Format is docs/format.md: the account book format in the project's words
// (it restates the FORMAT.md v1 contract, with the sections numbered alike).
//
//go:embed format.md
var Format string
