package trend

// FinancialPeriod is one period of an account's financials, as the profile
// holds them (FORMAT.md section 3): nil means the figure is missing.
type FinancialPeriod struct {
	// Period is the label: 2024, 2024H1, 2024Q3 or 2024-06.
	Period string
	// InventoryDays is DIO (库存周转天数), in days.
	InventoryDays *float64
	// ReceivableDays is DSO (应收账款周转天数), in days.
	ReceivableDays *float64
	// GrossMargin is a fraction (0.23 for 23%).
	GrossMargin *float64
}

// Thresholds of the financial signals (FORMAT.md section 6).
const (
	// FinancialDaysRise is the relative rise of inventory or receivable days that signals (30%).
	FinancialDaysRise = 0.30
	// FinancialMarginDrop is the fall of gross margin, as a fraction, that signals (3 points).
	FinancialMarginDrop = 0.03
)

// FinancialSignals compares the last two periods of periods (oldest first)
// and returns a signal of kind "financial" per figure that moved the wrong
// way (FORMAT.md section 6): inventory_days or receivable_days up by 30% or
// more (Change is the relative rise, 0.5 for +50%), or gross_margin down by
// 3 points or more (Change is the difference as a fraction, -0.04 for four
// points). A figure missing in either period gives no signal; fewer than
// two periods give none. Product is empty.
func FinancialSignals(account string, periods []FinancialPeriod) []Signal {
	if len(periods) < 2 {
		return nil
	}
	a, b := periods[len(periods)-2], periods[len(periods)-1]
	var out []Signal
	mk := func(measure string, x, y, change float64) Signal {
		c := change
		return Signal{Account: account, Kind: KindFinancial, Measure: measure,
			Months: []string{a.Period, b.Period}, Values: []float64{x, y}, Change: &c}
	}
	// A tiny tolerance so that 30 -> 39 days (exactly +30%) fires despite
	// binary floating point.
	const eps = 1e-9
	for _, d := range []struct {
		name string
		x, y *float64
	}{{"inventory_days", a.InventoryDays, b.InventoryDays}, {"receivable_days", a.ReceivableDays, b.ReceivableDays}} {
		if d.x == nil || d.y == nil || *d.x <= 0 {
			continue
		}
		rise := *d.y / *d.x - 1
		if rise >= FinancialDaysRise-eps {
			out = append(out, mk(d.name, *d.x, *d.y, rise))
		}
	}
	if a.GrossMargin != nil && b.GrossMargin != nil {
		diff := *b.GrossMargin - *a.GrossMargin
		if -diff >= FinancialMarginDrop-eps {
			out = append(out, mk("gross_margin", *a.GrossMargin, *b.GrossMargin, diff))
		}
	}
	return out
}
