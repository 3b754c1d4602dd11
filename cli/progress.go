package cli

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// progress shows how far long work has come on one stderr line, rewritten
// in place, when stderr is a terminal; piped, it writes nothing, so scripts
// get only the one-line error or nothing.
type progress struct {
	w     io.Writer
	on    bool
	mu    sync.Mutex
	shown bool
	start time.Time
}

// newProgress is a progress line on c's stderr if it is a terminal.
func (c *cli) newProgress() *progress {
	on := isTerminal(c.stderr)
	if c.stderrTerminal != nil {
		on = c.stderrTerminal()
	}
	return &progress{w: c.stderr, on: on, start: time.Now()}
}

// line replaces the progress line with s.
func (p *progress) line(s string) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "\r%s\x1b[K", s)
	p.shown = true
}

// done clears the progress line, so what follows starts on a clean line.
func (p *progress) done() {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// bulk shows a load of full works: batches and works done of the total,
// the rate, and the time left at the limiter's pace.
func (p *progress) bulk(b orcid.BulkProgress) {
	total := fmt.Sprint(b.Batches)
	works := groupDigits(int64(b.Works))
	if !b.Final {
		total, works = total+"+", works+"+"
	}
	parts := []string{
		fmt.Sprintf("full works: %s of %s", groupDigits(int64(b.WorksDone)), works),
		fmt.Sprintf("%d of %s requests", b.Done, total),
		fmt.Sprintf("%.3g req/s", b.Rate),
	}
	if b.Final && b.Remaining > 0 {
		parts = append(parts, "about "+roundLeft(b.Remaining)+" left")
	}
	p.line(strings.Join(parts, " · "))
}

// hits shows a search fetching every hit.
func (p *progress) hits(done, total int64, requests int, rate float64, left time.Duration) {
	parts := []string{
		fmt.Sprintf("hits: %s of %s", groupDigits(done), groupDigits(total)),
		plural(requests, "request"),
		fmt.Sprintf("%.3g req/s", rate),
	}
	if left > 0 {
		parts = append(parts, "about "+roundLeft(left)+" left")
	}
	p.line(strings.Join(parts, " · "))
}

// roundLeft is a remaining time as people say it: "12s", "3m10s".
func roundLeft(d time.Duration) string {
	if d < 10*time.Second {
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}
