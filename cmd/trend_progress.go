package cmd

import (
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress shows a byte progress bar on stderr for a file being read, but
// only when stderr is a terminal and the read has taken more than a second,
// so quick runs and scripts see nothing.
type progress struct {
	ios   *IOStreams
	name  string
	size  int64
	start time.Time
	read  int64
	bar   *progressbar.ProgressBar
}

func newProgress(ios *IOStreams, name string, size int64) *progress {
	return &progress{ios: ios, name: name, size: size, start: time.Now()}
}

// callback returns the trend.Settings.Progress function that advances the
// bar, or nil when no bar is shown (not a terminal, size unknown).
func (p *progress) callback() func(int64) {
	if !p.ios.ErrTTY || p.size <= 0 {
		return nil
	}
	return p.set
}

func (p *progress) set(done int64) {
	p.read = done
	if p.bar == nil && time.Since(p.start) > time.Second {
		p.bar = progressbar.NewOptions64(p.size,
			progressbar.OptionSetWriter(p.ios.ErrOut),
			progressbar.OptionSetDescription("reading "+p.name),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionEnableColorCodes(false),
			progressbar.OptionClearOnFinish(),
		)
	}
	if p.bar != nil {
		_ = p.bar.Set64(p.read)
	}
}

// done removes the bar.
func (p *progress) done() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

// countProgress is a progress bar over a number of steps (files written),
// shown like progress: on a terminal, after the first second.
type countProgress struct {
	ios   *IOStreams
	desc  string
	max   int
	n     int
	start time.Time
	bar   *progressbar.ProgressBar
}

func newCountProgress(ios *IOStreams, desc string, max int) *countProgress {
	return &countProgress{ios: ios, desc: desc, max: max, start: time.Now()}
}

func (p *countProgress) add() {
	p.n++
	if !p.ios.ErrTTY {
		return
	}
	if p.bar == nil && time.Since(p.start) > time.Second {
		p.bar = progressbar.NewOptions(p.max,
			progressbar.OptionSetWriter(p.ios.ErrOut),
			progressbar.OptionSetDescription(p.desc),
			progressbar.OptionShowCount(),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	if p.bar != nil {
		_ = p.bar.Set(p.n)
	}
}

func (p *countProgress) done() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
