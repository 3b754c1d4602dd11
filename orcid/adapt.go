package orcid

import (
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
const (
	adaptDecrease = 0.5             // multiplicative decrease on a 503
	adaptFloor    = 1.0             // req/s (or the configured rate, if lower)
	adaptQuiet    = 2 * time.Second // each quiet period without a 503 ...
	adaptSteps    = 8               // ... adds 1/adaptSteps of the configured rate
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
	limit  float64     // configured rate
	burst  int         // configured burst of lim
	slowed atomic.Bool // the rate is below limit: wait must look at the clock

	mu      sync.Mutex
	base    float64   // the rate set by the last 503
	last503 time.Time // when the last 503 came back (the quiet period's start)
	lastCut time.Time // when the rate was last halved
	eff     float64   // the rate lim has now
}

func newAdaptiveLimiter(perSecond float64, burst int) *adaptiveLimiter {
	return &adaptiveLimiter{
		lim:   rate.NewLimiter(rate.Limit(perSecond), burst),
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
	steps := float64(quiet / adaptQuiet)
	return math.Min(a.limit, a.base+steps*a.limit/adaptSteps)
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

// on503 adapts to a 503 answered at now to a request sent at sent. Only a
// request sent after the last cut says the new rate is still too fast; the
// ones already under way when the rate was cut restart the quiet period but
// do not cut again, so one overflow halves the rate once, not once per
// request in flight.
func (a *adaptiveLimiter) on503(sent, now time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	r := a.target(now)
	if !sent.Before(a.lastCut) {
		r = math.Max(a.floor(), r*adaptDecrease)
		a.lastCut = now
	}
	a.base, a.last503 = r, now
	a.apply(r)
}
