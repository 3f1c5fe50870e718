package templates

import (
	"embed"
	"io/fs"
)

//go:embed all:demo
var demoFiles embed.FS

// DemoDate is the day the demo book is written as of (YYYY-MM-DD): its
// visits, next steps and purchases are dated around it, and `acct demo`
// checks it as of this day so the findings are the same whenever it runs.
const DemoDate = "2026-03-01"

// Demo returns the embedded example book `acct demo` writes: a Chinese book
// (language zh) with three accounts of tiers A, B and C (huaxing, hengtai,
// lanjing), their contact cards, visit summaries in every confirmation
// state, purchase exports (one GBK-encoded with Chinese ERP headers) and some
// deliberate gaps for acct check to find. Paths are slash-separated,
// relative to the book root; the bytes are written as they are.
func Demo() fs.FS {
	sub, err := fs.Sub(demoFiles, "demo")
	if err != nil {
		panic(err) // the folder is embedded at build time; unreachable
	}
	return sub
}
