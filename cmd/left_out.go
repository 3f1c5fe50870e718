package cmd

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/acctbook/acct/check"
	"github.com/acctbook/acct/document"
	"github.com/acctbook/acct/msg"
)

// warnLeftOut prints to w, for each document of account a in one of the
// account's sub-folders dirs ("contacts", "visits") that could not be
// parsed, the error that keeps it out (file, line, cause), so a power map,
// brief or recap is never silently short of a card or a visit.
func warnLeftOut(w io.Writer, p painter, lang string, a *check.Account, dirs ...string) {
	parsed := map[string]bool{}
	for _, c := range a.Contacts {
		parsed[c.Doc.File] = true
	}
	for _, v := range a.Visits {
		parsed[v.Doc.File] = true
	}
	for _, fd := range a.Findings {
		if fd.Severity != document.SeverityError || parsed[fd.File] {
			continue
		}
		for _, d := range dirs {
			if strings.HasPrefix(fd.File, "accounts/"+a.ID+"/"+d+"/") {
				parsed[fd.File] = true // one line per file
				at := fd.File
				if fd.Line > 0 {
					at += ":" + strconv.Itoa(fd.Line)
				}
				fmt.Fprintf(w, "%s: %s: %s%s\n", at, p.yellow("warning"), fd.Localize(lang).Message,
					msg.Sprintf(lang, "; left out until fixed (acct check)"))
				break
			}
		}
	}
}
