// Package trend reads purchase tables (CSV in UTF-8, GB18030/GBK or UTF-16,
// and the first sheet of XLSX files), sums them into calendar-month buckets
// per (account, product) and computes the trend signals decline, surge, new
// and lapsed, plus the financial signals from an account's financials, all as
// FORMAT.md section 6 defines them.
//
// The package is pure: it takes readers, bytes and settings and returns values
// and errors. It knows nothing of Cobra, terminals, git or the book's layout.
package trend
