package trend

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/acctbook/acct/msg"
)

// Field is a column of a purchase table that acct reads (FORMAT.md section 6).
type Field int

// The fields of a purchase table. Order is not in FORMAT.md's table: it is
// the ERP's order or document number, kept by `acct import`.
const (
	FieldCustomer Field = iota
	FieldDate
	FieldProduct
	FieldQuantity
	FieldAmount
	FieldOrder
	numFields
)

var fieldNames = [numFields]string{"customer", "date", "product", "quantity", "amount", "order"}

// String returns the field's name as --map and acct.yaml import.columns spell it.
func (f Field) String() string { return fieldNames[f] }

// ParseField returns the Field named s (customer, date, product, quantity,
// amount, order), or an error listing the names.
func ParseField(s string) (Field, error) {
	for i, n := range fieldNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return Field(i), nil
		}
	}
	return 0, msg.Errorf("unknown column field %q: want one of %s", s, strings.Join(fieldNames[:], ", "))
}

// headerNames are the header texts recognised per field, normalised by
// normHeader, in order of preference when a table has more than one match.
// FORMAT.md section 6 lists the minimum; the rest is common ERP wording.
var headerNames = [numFields][]string{
	FieldCustomer: {"customer", "customername", "account", "accountname", "client", "clientname", "客户", "客户名称", "购货单位", "往来单位", "客户全称", "单位名称", "客户简称", "购买方", "购买方名称", "购方名称", "购货方"},
	FieldDate:     {"date", "orderdate", "日期", "单据日期", "订单日期", "业务日期", "invoicedate", "documentdate", "开票日期", "发货日期", "出库日期"},
	FieldProduct:  {"product", "item", "sku", "产品", "产品名称", "物料名称", "存货名称", "商品名称", "productname", "itemname", "物料", "存货", "商品", "品名"},
	FieldQuantity: {"quantity", "qty", "数量", "销售数量", "出库数量", "主数量"},
	FieldAmount:   {"amount", "total", "revenue", "金额", "价税合计", "含税金额", "totalamount", "销售金额", "总金额"},
	FieldOrder:    {"order", "orderno", "ordernumber", "orderid", "order#", "单据编号", "单据号", "订单号", "订单编号", "单号"},
}

// folder is shared by the reading goroutines: x/text's case folder keeps no
// state between calls (cases/fold.go: caseFolder embeds NopResetter).
var folder = cases.Fold()

// normHeader normalises a header cell for matching: NFKC (full-width to
// half-width), case-folded, all white space removed, and a trailing unit in
// brackets dropped (金额(元) matches 金额, Qty (pcs) matches qty).
func normHeader(s string) string {
	s = normName(s)
	if i := strings.LastIndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i]
	}
	return s
}

// normName is the key for case-, width- and space-insensitive comparison of
// names (FORMAT.md section 6): NFKC, case folding, white space removed.
func normName(s string) string {
	if k, ok := normNameQuick(s); ok {
		return k
	}
	s = norm.NFKC.String(s)
	s = folder.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

// normNameQuick is normName for the common names that need no Unicode
// tables: printable ASCII (upper case folded to lower, white space
// dropped) and CJK unified ideographs, which NFKC and case folding leave as
// they are. ok is false for anything else.
func normNameQuick(s string) (string, bool) {
	upper, space := false, false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || '\t' <= c && c <= '\r':
				space = true
			case c < ' ' || c == 0x7f:
				return "", false
			case 'A' <= c && c <= 'Z':
				upper = true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !(r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF) {
			return "", false
		}
		i += n
	}
	if space {
		b := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c == ' ' || '\t' <= c && c <= '\r':
			case 'A' <= c && c <= 'Z':
				b = append(b, c+'a'-'A')
			default:
				b = append(b, c)
			}
		}
		return string(b), true
	}
	if upper {
		return strings.ToLower(s), true
	}
	return s, true
}

// NormalizeName returns the key under which customer names, account names,
// aliases and ids are compared: Unicode NFKC (so full-width ＡＢＣ and （）
// equal ABC and ()), case-folded, with all white space removed.
func NormalizeName(s string) string { return normName(s) }

// totalWords are the first-cell texts that mark a total row (FORMAT.md
// section 6 and issue 3): not a purchase.
var totalWords = map[string]bool{"合计": true, "总计": true, "小计": true, "共计": true, "total": true,
	"totals": true, "grandtotal": true, "subtotal": true, "sum": true}

func isTotalCell(s string) bool {
	k := normName(s)
	k = strings.TrimRight(k, ":：")
	return totalWords[k]
}

// Columns maps each field to its column index in the table (-1 when absent).
type Columns [numFields]int

// layout finds the columns of a header row. over maps a field to the header
// text that holds it (--map, import.columns). It returns the columns and
// whether the row is a usable header: date, product, amount or quantity, and
// the customer when needCustomer.
func layout(cells []string, over map[Field]string, needCustomer bool) (Columns, bool) {
	var c Columns
	norms := make([]string, len(cells))
	for i, s := range cells {
		norms[i] = normHeader(s)
	}
	for f := Field(0); f < numFields; f++ {
		c[f] = -1
		if h, ok := over[f]; ok {
			want := normHeader(h)
			for i, n := range norms {
				if n == want {
					c[f] = i
					break
				}
			}
			continue
		}
		best := len(headerNames[f])
		for i, n := range norms {
			for p, name := range headerNames[f] {
				if n == name && p < best {
					best, c[f] = p, i
				}
			}
		}
	}
	// A column overridden for one field is not also detected for another.
	for f := Field(0); f < numFields; f++ {
		if _, ok := over[f]; ok {
			continue
		}
		for g := Field(0); g < numFields; g++ {
			if g != f && c[g] >= 0 && c[g] == c[f] {
				if _, ok := over[g]; ok {
					c[f] = -1
				}
			}
		}
	}
	for f := range over {
		if c[f] < 0 {
			return c, false
		}
	}
	ok := c[FieldDate] >= 0 && c[FieldProduct] >= 0 && (c[FieldAmount] >= 0 || c[FieldQuantity] >= 0)
	if needCustomer && c[FieldCustomer] < 0 {
		ok = false
	}
	return c, ok
}

// duplicateColumns returns an error when a field's column header appears
// twice in the header row (two "amount" columns): which one holds the data
// cannot be told, so neither is picked silently. line is the header's line.
func duplicateColumns(cells []string, c Columns, line int) error {
	for f := Field(0); f < numFields; f++ {
		i := c[f]
		if i < 0 {
			continue
		}
		want := normHeader(cells[i])
		for j, s := range cells {
			if j != i && normHeader(s) == want {
				a, b := i, j
				if b < a {
					a, b = b, a
				}
				return msg.Errorf("line %d: columns %d (%q) and %d (%q) are both the %s column: rename one of them so the right one is read",
					line, a+1, cells[a], b+1, cells[b], f.label())
			}
		}
	}
	return nil
}

// known counts the fields a row's layout found.
func known(c Columns) int {
	n := 0
	for _, i := range c {
		if i >= 0 {
			n++
		}
	}
	return n
}

// headerCandidate keeps, in first, the non-empty row that looks most like
// a header (the most columns recognised; the earliest on a tie), for
// noHeaderError.
func headerCandidate(first [][]string, cells []string, over map[Field]string, needCustomer bool) [][]string {
	if allEmpty(cells) {
		return first
	}
	if len(first) == 0 {
		return [][]string{cells}
	}
	c, _ := layout(cells, over, needCustomer)
	old, _ := layout(first[0], over, needCustomer)
	if known(c) > known(old) {
		first[0] = cells
	}
	return first
}

// noHeaderError explains which columns were missing from the best candidate.
func noHeaderError(first [][]string, over map[Field]string, needCustomer bool) error {
	need := msg.T("date, product, amount or quantity")
	if needCustomer {
		need = msg.T("customer, date, product, amount or quantity")
	}
	var mapped, candidate msg.Text
	if len(over) > 0 {
		var ov []string
		for f, h := range over {
			ov = append(ov, fmt.Sprintf("%s=%q", f, h))
		}
		sort.Strings(ov)
		mapped = msg.T(" (and the mapped headers %s)", strings.Join(ov, ", "))
	}
	if len(first) > 0 {
		c, _ := layout(first[0], over, needCustomer)
		var missing msg.Text
		if known(c) > 0 {
			missing = msg.T(" (no %s column recognised)", missingColumns(c, needCustomer))
		}
		candidate = msg.T("; the row most like a header reads: %s%s", strings.Join(first[0], " | "), missing)
	}
	return msg.Errorf("no header row found in the first rows: need columns %s%s%s; name the columns with --map field=header", need, mapped, candidate)
}

// missingColumns lists the required columns a header layout lacks, as
// "date, no product".
func missingColumns(c Columns, needCustomer bool) msg.Text {
	var missing []msg.Text
	if needCustomer && c[FieldCustomer] < 0 {
		missing = append(missing, FieldCustomer.label())
	}
	for _, f := range []Field{FieldDate, FieldProduct} {
		if c[f] < 0 {
			missing = append(missing, f.label())
		}
	}
	if c[FieldAmount] < 0 && c[FieldQuantity] < 0 {
		missing = append(missing, msg.T("amount or quantity"))
	}
	var list msg.Text
	for i, p := range missing {
		if i == 0 {
			list = msg.T("%s", p)
		} else {
			list = msg.T("%s, no %s", list, p)
		}
	}
	return list
}
