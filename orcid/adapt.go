package orcid

import (
	"context"
	"errors"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// How the client's rate follows the server's 503s (burst overflow): each
// 503 for a request sent at the current rate halves the rate (not below
// adaptFloor) and takes the burst away, so the requests still queued go out
// evenly spaced; then every adaptQuiet without a 503 gives back an eighth of
// the configured rate, up to the configured rate and burst, never above.
//
// A 503 met while climbing back (above a rate that held for a quiet
// period) does not halve: it says the server's limit lies between the rate
// that held and the rate that failed, so the client returns to the rate
// that held and, for adaptForget, climbs no closer than one step below the
// rate that failed. Against a server stricter than the client thinks, the
// client so settles at the server's pace after one overflow and at most one
// failed climb, instead of overshooting into its limit again and again.
const (
	adaptDecrease = 0.5              // multiplicative decrease on a 503
	adaptFloor    = 1.0              // req/s (or the configured rate, if lower)
	adaptQuiet    = 2 * time.Second  // each quiet period without a 503 ...
	adaptSteps    = 8                // ... adds 1/adaptSteps of the configured rate
	adaptForget   = 60 * time.Second // a failed climb is remembered this long
	// paceFactor spaces requests at least 1/(paceFactor·rate) apart even
	// while the burst lasts. Against real latencies it costs nothing (the
	// bulk workers are slower than that); against a server whose burst is
	// smaller than the client's, it lets the first 503 come back before
	// the next request is sent, so one overflow is one 503, not one per
	// worker.
	paceFactor = 3
	minPace    = 10 // req/s: at a slow configured rate the bucket spaces requests anyway
)

// adaptiveLimiter is the client's token bucket (one per environment, shared
// by the clients made WithLimiterOf and by HTTPClient's transport) with a
// rate that adapts to 503s. Safe for concurrent use.
//
// With no 503 it is the configured bucket and nothing else: wait checks one
// atomic flag. The recovery is computed from the clock on demand (wait,
// Stats), so no timer runs.
type adaptiveLimiter struct {
	lim    *rate.Limiter
	pace   *rate.Limiter // paceFactor × limit, burst 1
	limit  float64       // configured rate
	burst  int           // configured burst of lim
	slowed atomic.Bool   // the rate is below limit: wait must look at the clock

	mu      sync.Mutex
	base    float64   // the rate set by the last 503
	last503 time.Time // when the last 503 came back (the quiet period's start)
	lastCut time.Time // when the rate was last halved
	eff     float64   // the rate lim has now
	failed  float64   // the rate of the last failed climb (0: none)
}

func newAdaptiveLimiter(perSecond float64, burst int) *adaptiveLimiter {
	return &adaptiveLimiter{
		lim:   rate.NewLimiter(rate.Limit(perSecond), burst),
		pace:  rate.NewLimiter(rate.Limit(math.Max(perSecond*paceFactor, minPace)), 1),
		limit: perSecond,
		burst: burst,
		eff:   perSecond,
	}
}

// floor is the lowest rate a 503 can bring the client to.
func (a *adaptiveLimiter) floor() float64 { return math.Min(adaptFloor, a.limit) }

// target is the rate at now after the last 503. a.mu must be held.
func (a *adaptiveLimiter) target(now time.Time) float64 {
	if !a.slowed.Load() {
		return a.limit
	}
	quiet := now.Sub(a.last503)
	if quiet < adaptQuiet {
		return a.base
	}
	step := a.limit / adaptSteps
	r := a.base + float64(quiet/adaptQuiet)*step
	if a.failed > 0 && quiet < adaptForget {
		r = math.Min(r, math.Max(a.base, a.failed-step))
	}
	return math.Min(a.limit, r)
}

// effective is the rate in force at now (the configured one unless 503s
// slowed the client).
func (a *adaptiveLimiter) effective(now time.Time) float64 {
	if !a.slowed.Load() {
		return a.limit
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.target(now)
}

// refresh gives the bucket the rate it has recovered to by now; called
// before each request takes a token.
func (a *adaptiveLimiter) refresh(now time.Time) {
	if !a.slowed.Load() {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.apply(a.target(now))
}

// apply sets the bucket's rate to r: burst 1 while below the configured
// rate, the configured burst once back at it. a.mu must be held.
func (a *adaptiveLimiter) apply(r float64) {
	if r >= a.limit {
		if a.slowed.Load() {
			a.eff = a.limit
			a.lim.SetLimit(rate.Limit(a.limit))
			a.lim.SetBurst(a.burst)
			a.slowed.Store(false)
		}
		return
	}
	if r != a.eff {
		a.eff = r
		a.lim.SetLimit(rate.Limit(r))
	}
	// Burst 1: the bucket holds at most one token, so whatever was saved
	// up is dropped and the requests that follow are spaced 1/r apart.
	if a.lim.Burst() != 1 {
		a.lim.SetBurst(1)
	}
	a.slowed.Store(true)
}

// waitSlice is the longest a request waits on one reservation: a rate cut
// while it waits applies to it after at most this long.
const waitSlice = 50 * time.Millisecond

// errPastDeadline: the wait for a token would outlast the context.
var errPastDeadline = errors.New("the wait would outlast the deadline")

// wait takes a token, waiting as long as the bucket says. A long wait is
// made of short ones, each on a fresh reservation: a request queued before
// a 503 must not go out at the rate the 503 just said is too fast.
func (a *adaptiveLimiter) wait(ctx context.Context, now func() time.Time) error {
	for {
		a.refresh(now())
		r := a.lim.Reserve()
		d := r.Delay()
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
			r.Cancel()
			return errPastDeadline
		}
		if d <= waitSlice {
			if err := sleep(ctx, d); err != nil {
				r.Cancel()
				return err
			}
			return nil
		}
		r.Cancel()
		if err := sleep(ctx, waitSlice); err != nil {
			return err
		}
	}
}

// on503 adapts to a 503 answered at now to a request sent at sent. Only a
// request sent after the last cut says the new rate is still too fast; the
// ones already under way when the rate was cut restart the quiet period but
// do not cut again, so one overflow halves the rate once, not once per
// request in flight.
func (a *adaptiveLimiter) on503(sent, now time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	r := a.target(now)
	base := r
	if !sent.Before(a.lastCut) {
		if a.slowed.Load() && r > a.base {
			// A failed climb: back to the rate that held.
			a.failed, base = r, a.base
		} else {
			base = math.Max(a.floor(), r*adaptDecrease)
		}
		a.lastCut = now
	}
	a.base, a.last503 = base, now
	a.apply(base)
	if !sent.Before(a.lastCut) {
		// Drop the token the bucket may hold, so the next request waits a
		// whole interval at the new rate instead of overflowing again.
		// (The first call makes the bucket clamp what it held to the new
		// burst of 1; the second takes that one.)
		a.lim.AllowN(now, 0)
		a.lim.AllowN(now, 1)
	}
}
