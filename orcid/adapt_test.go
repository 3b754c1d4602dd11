package orcid

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// fakeClock is a settable clock for Client.now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestAdaptiveLimiterDecreaseAndRecover(t *testing.T) {
	a := newAdaptiveLimiter(12, 39)
	t0 := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	if got := a.effective(t0); got != 12 {
		t.Fatalf("effective %v before any 503, want 12", got)
	}
	a.refresh(t0) // nothing to do: the configured bucket as it was
	if a.lim.Limit() != 12 || a.lim.Burst() != 39 {
		t.Fatalf("bucket %v/%d, want 12/39", a.lim.Limit(), a.lim.Burst())
	}

	// A 503: half the rate, no burst.
	a.on503(t0.Add(-100*time.Millisecond), t0)
	if got := a.effective(t0); got != 6 {
		t.Fatalf("effective %v after one 503, want 6", got)
	}
	if a.lim.Limit() != 6 || a.lim.Burst() != 1 {
		t.Fatalf("bucket %v/%d after a 503, want 6/1", a.lim.Limit(), a.lim.Burst())
	}
	// 503s for requests already under way when the rate was cut do not cut
	// it again (one overflow, one halving).
	for i := range 5 {
		a.on503(t0.Add(-time.Duration(i+1)*time.Millisecond), t0.Add(10*time.Millisecond))
	}
	if got := a.effective(t0.Add(10 * time.Millisecond)); got != 6 {
		t.Fatalf("effective %v after 503s sent before the cut, want still 6", got)
	}
	// A request sent at the new rate and refused too: half again, and so
	// on down to the floor of 1 req/s.
	now := t0.Add(10 * time.Millisecond)
	for _, want := range []float64{3, 1.5, 1, 1} {
		sent := now.Add(time.Millisecond)
		now = sent.Add(50 * time.Millisecond)
		a.on503(sent, now)
		if got := a.effective(now); got != want {
			t.Fatalf("effective %v, want %v", got, want)
		}
	}
	if a.lim.Limit() != 1 {
		t.Fatalf("bucket rate %v, want the floor 1", a.lim.Limit())
	}

	// Quiet: each 2 s without a 503 gives back 12/8 = 1.5 req/s, up to 12
	// and never above; the bucket follows when a request takes a token.
	steps := []float64{1, 2.5, 4, 5.5, 7, 8.5, 10, 11.5, 12, 12}
	for i, want := range steps {
		at := now.Add(time.Duration(i)*adaptQuiet + adaptQuiet/2)
		if got := a.effective(at); got != want {
			t.Fatalf("after %v quiet: effective %v, want %v", at.Sub(now), got, want)
		}
		a.refresh(at)
		if got := float64(a.lim.Limit()); got != want {
			t.Fatalf("after %v quiet: bucket rate %v, want %v", at.Sub(now), got, want)
		}
		wantBurst := 1
		if want == 12 {
			wantBurst = 39
		}
		if a.lim.Burst() != wantBurst {
			t.Fatalf("after %v quiet: burst %d, want %d", at.Sub(now), a.lim.Burst(), wantBurst)
		}
	}
	if a.slowed.Load() {
		t.Fatal("still marked slowed at the configured rate")
	}

	// A 503 midway through a recovery is a failed climb: back to the rate
	// that held, and for adaptForget no closer than one step (1.5) below
	// the rate that failed.
	now = now.Add(time.Minute)
	a.on503(now, now)
	a.refresh(now.Add(3 * adaptQuiet)) // 6 + 3·1.5
	if got := a.effective(now.Add(3 * adaptQuiet)); got != 10.5 {
		t.Fatalf("effective %v, want 10.5", got)
	}
	later := now.Add(3 * adaptQuiet)
	a.on503(later, later)
	if got := a.effective(later); got != 6 {
		t.Fatalf("effective %v after a failed climb at 10.5, want 6 (the rate that held)", got)
	}
	for _, q := range []struct {
		after time.Duration
		want  float64
	}{{adaptQuiet, 7.5}, {2 * adaptQuiet, 9}, {10 * adaptQuiet, 9}, {adaptForget, 12}} {
		if got := a.effective(later.Add(q.after)); got != q.want {
			t.Fatalf("%v after the failed climb: effective %v, want %v", q.after, got, q.want)
		}
	}
	// A 503 at the rate that held (not climbing) halves it, as any cut.
	a.on503(later.Add(time.Millisecond), later.Add(time.Millisecond))
	if got := a.effective(later.Add(time.Millisecond)); got != 3 {
		t.Fatalf("effective %v after a 503 at the held rate, want 3", got)
	}
}

// TestAdaptiveLimiterCutDrainsBucket: after a cut, the bucket holds no
// token: the next request waits a whole interval at the new rate, however
// many tokens the burst had saved.
func TestAdaptiveLimiterCutDrainsBucket(t *testing.T) {
	a := newAdaptiveLimiter(12, 39)
	now := time.Now()
	a.on503(now, now)
	if a.lim.AllowN(now, 1) {
		t.Fatal("a token was left after the cut")
	}
	if !a.lim.AllowN(now.Add(time.Second/6+time.Millisecond), 1) {
		t.Fatal("no token one interval (1/6 s) after the cut")
	}
}

func TestAdaptiveLimiterFloorBelowOne(t *testing.T) {
	a := newAdaptiveLimiter(0.5, 1)
	now := time.Now()
	a.on503(now, now)
	if got := a.effective(now); got != 0.5 {
		t.Errorf("effective %v, want the configured 0.5 (the floor is never above it)", got)
	}
}

// TestStatsEffectiveAfter503s drives a client with an injected clock: 503s
// lower Stats.Effective below Stats.Limit, a quiet period brings it back,
// and the shared bucket follows.
func TestStatsEffectiveAfter503s(t *testing.T) {
	var refuse atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if refuse.Add(-1) >= 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.orcid+json")
		w.Write([]byte(`{"result":null,"num-found":0}`))
	}))
	defer srv.Close()
	env, _ := CustomEnvironment("t", srv.URL, srv.URL, srv.URL)
	clock := &fakeClock{t: time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)}
	c := New(env, WithRateLimit(1000, 40), WithBackoff(time.Millisecond, 2*time.Millisecond))
	c.now = clock.now
	other := New(env, WithLimiterOf(c))
	other.now = clock.now
	ctx := context.Background()

	if s := c.Stats(); s.Limit != 1000 || s.Effective != 1000 {
		t.Fatalf("before any 503: limit %v effective %v, want 1000 for both", s.Limit, s.Effective)
	}
	// Two 503s, each for a request sent after the previous cut: 1000 → 250.
	refuse.Store(2)
	if _, err := c.Search(ctx, SearchParams{Query: "x"}); err != nil {
		t.Fatal(err)
	}
	s, o := c.Stats(), other.Stats()
	if s.Status503 != 2 || s.Limit != 1000 || s.Effective != 250 || o.Effective != 250 {
		t.Fatalf("after two 503s: %d 503s, limit %v, effective %v (sharing client %v); want 2, 1000, 250, 250",
			s.Status503, s.Limit, s.Effective, o.Effective)
	}
	if c.limiter.lim.Limit() != rate.Limit(250) || c.limiter.lim.Burst() != 1 {
		t.Fatalf("bucket %v/%d, want 250/1", c.limiter.lim.Limit(), c.limiter.lim.Burst())
	}

	// Less than a quiet period: still 250. A 503 to the transport (an
	// OAuth call) counts too.
	clock.add(adaptQuiet - time.Millisecond)
	if s := c.Stats(); s.Effective != 250 {
		t.Fatalf("effective %v before the quiet period is over, want 250", s.Effective)
	}
	refuse.Store(1)
	resp, err := other.HTTPClient().Get(srv.URL + "/oauth/token")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if s := c.Stats(); s.Effective != 125 || s.Status503 != 3 {
		t.Fatalf("after a 503 to the transport: effective %v, %d 503s; want 125, 3", s.Effective, s.Status503)
	}

	// Quiet periods: +125 req/s each, back to 1000 and no further.
	clock.add(adaptQuiet)
	if s := c.Stats(); s.Effective != 250 {
		t.Fatalf("effective %v after one quiet period, want 250", s.Effective)
	}
	clock.add(20 * adaptQuiet)
	if s := c.Stats(); s.Effective != 1000 || s.Limit != 1000 {
		t.Fatalf("after a long quiet: limit %v effective %v, want 1000 for both", s.Limit, s.Effective)
	}
	// The next request gives the bucket back its rate and burst.
	if _, err := other.Search(ctx, SearchParams{Query: "x"}); err != nil {
		t.Fatal(err)
	}
	if c.limiter.lim.Limit() != rate.Limit(1000) || c.limiter.lim.Burst() != 39 {
		t.Fatalf("bucket %v/%d after recovering, want 1000/39", c.limiter.lim.Limit(), c.limiter.lim.Burst())
	}
}
