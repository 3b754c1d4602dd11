package orcid_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// strictLoad is one load of a record and all its full works, the way show
// --full-works does it, by a client at ORCID's default limits (12 req/s
// burst 40) against a server enforcing a stricter serverRate/serverBurst.
type strictLoad struct {
	requests, n503 int           // logged by the server
	needed         int           // 1 + bulk reads: the requests the load cannot do without
	wall, minimum  time.Duration // the load, and what the server's limit forces
	groups         int
}

func loadStrict(tb testing.TB, id string, opts []orcidtest.Option, serverRate float64, serverBurst int) strictLoad {
	tb.Helper()
	srv := orcidtest.NewServer(opts...)
	tb.Cleanup(srv.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// Warm up: the registry builds the record once (not part of the load).
	if _, err := orcid.New(srv.Environment(), orcid.WithRateLimit(1e6, 1000)).Works(ctx, orcid.ID(id)); err != nil {
		tb.Fatalf("warm-up: %v", err)
	}
	srv.SetRateLimit(serverRate, serverBurst)
	srv.ResetRequests()

	c := orcid.New(srv.Environment())
	start := time.Now()
	rec, fw, err := c.RecordWithFullWorks(ctx, orcid.ID(id), nil)
	wall := time.Since(start)
	if err != nil {
		tb.Fatal(err)
	}
	pcs := rec.ActivitiesSummary.Works.PutCodes()
	for i, w := range fw.Works {
		if w == nil || w.PutCode != pcs[i] {
			tb.Fatalf("work %d of %d missing or out of order", i, len(pcs))
		}
	}
	l := strictLoad{requests: len(srv.Requests()), n503: srv.CountStatus(http.StatusServiceUnavailable),
		needed: 1 + (len(pcs)+orcid.MaxBulkWorks-1)/orcid.MaxBulkWorks, wall: wall, groups: len(pcs)}
	l.minimum = time.Duration(float64(max(0, l.needed-serverBurst)) / serverRate * float64(time.Second))
	return l
}

// TestStrictServerFewBusy: against a server at 6 req/s burst 10 (half of
// ORCID's rate, a quarter of its burst), the client that does not know it
// meets at most 2 503s loading the 2,500-work record: after the first
// overflow it settles at the server's pace instead of climbing back into
// its limit. (The time is logged; BenchmarkStrictServer10000 reports it
// for 10,000 works.)
func TestStrictServerFewBusy(t *testing.T) {
	if testing.Short() {
		t.Skip("takes about 3 s: the server's 6 req/s forces it")
	}
	l := loadStrict(t, orcidtest.BigRecordID, nil, 6, 10)
	t.Logf("%d groups: %d requests (%d needed), %d 503s, %v (the server's limit forces %v)", l.groups, l.requests, l.needed, l.n503, l.wall, l.minimum)
	if l.requests != l.needed+l.n503 {
		t.Errorf("%d requests, %d 503s; want %d + one per 503", l.requests, l.n503, l.needed)
	}
	switch {
	case l.n503 <= 2:
	case e2eRaceEnabled():
		// Instrumented on two shared cores, a 503 takes long enough to come
		// back that more requests leave before it: the count measures the
		// machine. .ci/run runs this test again without -race.
		t.Logf("%d 503s: not asserted under the race detector", l.n503)
	default:
		t.Errorf("%d 503s; want at most 2", l.n503)
	}
}

// BenchmarkStrictServer10000: a 10,000-work record (ORCID's ceiling)
// loaded against a server at 6 req/s burst 10. Reports requests, 503s and
// the wall time divided by the minimum the server's limit forces.
func BenchmarkStrictServer10000(b *testing.B) {
	for b.Loop() {
		l := loadStrict(b, orcidtest.HugeRecordID, []orcidtest.Option{orcidtest.WithHugeRecord(10000)}, 6, 10)
		b.ReportMetric(float64(l.requests), "requests/op")
		b.ReportMetric(float64(l.n503), "503s/op")
		b.ReportMetric(l.wall.Seconds()/l.minimum.Seconds(), "wall/minimum")
		b.ReportMetric(l.minimum.Seconds(), "minimum-s")
	}
}

// BenchmarkRecordFullWorks10000DefaultLimits: the same record against a
// server at ORCID's own limits (12 req/s burst 40).
func BenchmarkRecordFullWorks10000DefaultLimits(b *testing.B) {
	for b.Loop() {
		l := loadStrict(b, orcidtest.HugeRecordID, []orcidtest.Option{orcidtest.WithHugeRecord(10000)}, orcid.DefaultPublicRate, orcid.DefaultBurst)
		b.ReportMetric(float64(l.requests), "requests/op")
		b.ReportMetric(float64(l.n503), "503s/op")
		b.ReportMetric(l.wall.Seconds()/l.minimum.Seconds(), "wall/minimum")
		b.ReportMetric(l.minimum.Seconds(), "minimum-s")
	}
}
