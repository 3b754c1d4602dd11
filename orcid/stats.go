package orcid

import (
	"sync"
	"sync/atomic"
	"time"
)

// Stats are the client's request counters for the status bar.
type Stats struct {
	Sent      int64   // requests sent (each retry counts)
	InFlight  int64   // requests under way now
	Waited    int64   // requests that had to wait for the limiter (its rate, not the spacing of a burst)
	Retried   int64   // retries made
	Status503 int64   // 503 answers seen
	Status429 int64   // 429 answers seen
	Rate      float64 // requests/second over the last few seconds
	Limit     float64 // the configured rate
	Effective float64 // the rate in force: Limit, or lower for a while after 503s
	Burst     int
}

// rateWindow is how far back Stats.Rate looks.
const rateWindow = 5 * time.Second

// counters are updated by concurrent requests; all fields are atomic except
// the rate window, which has its own lock.
type counters struct {
	sent, inFlight, waited, retried, s503, s429 atomic.Int64
	window                                      sendWindow
}

// sendWindow counts sends in one-second buckets over the last rateWindow.
type sendWindow struct {
	mu      sync.Mutex
	start   time.Time // when counting began (a young client divides by its age)
	buckets [6]struct {
		sec int64
		n   int64
	}
}

func (w *sendWindow) add(now time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.start.IsZero() {
		w.start = now
	}
	sec := now.Unix()
	b := &w.buckets[sec%int64(len(w.buckets))]
	if b.sec != sec {
		b.sec, b.n = sec, 0
	}
	b.n++
}

// rate is sends per second over the last rateWindow (the current,
// partial second included).
func (w *sendWindow) rate(now time.Time) float64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.start.IsZero() {
		return 0
	}
	sec := now.Unix()
	full := int64(rateWindow/time.Second) - 1 // whole seconds before the current one
	var n int64
	for _, b := range w.buckets {
		if b.sec <= sec && b.sec >= sec-full {
			n += b.n
		}
	}
	span := time.Duration(full)*time.Second + time.Duration(now.Nanosecond())
	if age := now.Sub(w.start); age < span {
		span = age
	}
	if span < 250*time.Millisecond {
		span = 250 * time.Millisecond // a first burst does not read as thousands per second
	}
	return float64(n) / span.Seconds()
}

// Stats returns a snapshot of the counters.
func (c *Client) Stats() Stats {
	return Stats{
		Sent:      c.stats.sent.Load(),
		InFlight:  c.stats.inFlight.Load(),
		Waited:    c.stats.waited.Load(),
		Retried:   c.stats.retried.Load(),
		Status503: c.stats.s503.Load(),
		Status429: c.stats.s429.Load(),
		Rate:      c.stats.window.rate(c.now()),
		Limit:     c.limiter.limit,
		Effective: c.limiter.effective(c.now()),
		Burst:     c.burst, // as configured; the limiter keeps one token of margin
	}
}
