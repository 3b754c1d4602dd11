package orcid_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// loadBigAsShow loads the 2,500-work record the way `show --full-works`
// does: the record (its works summary included), then every full work in
// bulk requests of 100.
func loadBigAsShow(tb testing.TB, c *orcid.Client) *orcid.FullWorks {
	tb.Helper()
	ctx := context.Background()
	rec, err := c.Record(ctx, orcidtest.BigRecordID)
	if err != nil {
		tb.Fatal(err)
	}
	if rec.ActivitiesSummary == nil || rec.ActivitiesSummary.Works == nil {
		tb.Fatal("record has no works summary")
	}
	pcs := orcid.WorkPutCodes(rec.ActivitiesSummary.Works)
	fw, err := c.AllFullWorks(ctx, orcidtest.BigRecordID, pcs)
	if err != nil {
		tb.Fatal(err)
	}
	if len(pcs) != orcidtest.BigRecordWorks || len(fw.Works) != len(pcs) || len(fw.Failed) != 0 {
		tb.Fatalf("%d put-codes, %d works, %d failed", len(pcs), len(fw.Works), len(fw.Failed))
	}
	return fw
}

// TestBigRecordLoadWithinBurst: with ORCID's public limits on both sides
// (server 12/s burst 40, the client's defaults the same), a fresh client
// loads the 2,500-work record in 1 + 25 requests, and none of them waits
// for the limiter: 26 requests fit in a burst of 40, so the limit forces
// no delay at all. Elapsed time is logged, not asserted.
func TestBigRecordLoadWithinBurst(t *testing.T) {
	srv := orcidtest.NewServer(orcidtest.WithRateLimit(orcid.DefaultPublicRate, orcid.DefaultBurst))
	t.Cleanup(srv.Close)
	c := orcid.New(srv.Environment())
	start := time.Now()
	fw := loadBigAsShow(t, c)
	elapsed := time.Since(start)
	s := c.Stats()
	if n := len(srv.Requests()); n != 1+25 || fw.Requests != 25 || s.Sent != 1+25 {
		t.Errorf("%d requests logged, %d sent (%d bulk); want 1 + 25", n, s.Sent, fw.Requests)
	}
	if s.Waited != 0 {
		t.Errorf("%d requests waited for the limiter; 26 fit in a burst of %d", s.Waited, orcid.DefaultBurst)
	}
	if n := srv.CountStatus(http.StatusServiceUnavailable); n != 0 || s.Retried != 0 {
		t.Errorf("%d 503s, %d retries", n, s.Retried)
	}
	t.Logf("1 + 25 requests in %v (limit-forced minimum 0: burst %d ≥ 26); stats %+v", elapsed, orcid.DefaultBurst, s)
}

// BenchmarkLoadBigRecordDefaultLimits is the wall time of loading the
// 2,500-work record with a fresh client at ORCID's default public limits
// (12/s, burst 40) from the in-process registry over loopback: the record
// plus 25 bulk requests, decoded. The server does not limit here (its
// bucket would run dry across iterations); TestBigRecordLoadWithinBurst
// runs one load with both sides limited.
func BenchmarkLoadBigRecordDefaultLimits(b *testing.B) {
	srv := orcidtest.NewServer()
	b.Cleanup(srv.Close)
	env := srv.Environment()
	loadBigAsShow(b, orcid.New(env, orcid.WithRateLimit(1e6, 1000))) // build the record once
	var requests, waited int64
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		c := orcid.New(env)
		loadBigAsShow(b, c)
		s := c.Stats()
		requests += s.Sent
		waited += s.Waited
	}
	b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
	b.ReportMetric(float64(waited)/float64(b.N), "waited/op")
}

// replayTransport answers from bodies recorded once from the registry, so
// a benchmark measures the client alone (request building, limiter,
// reading, decoding), not the registry's encoding.
type replayTransport struct {
	real  http.RoundTripper
	mu    sync.Mutex // bulk requests run concurrently
	saved map[string]*savedResponse
}

type savedResponse struct {
	status int
	header http.Header
	body   []byte
}

func (t *replayTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	key := r.URL.String() + " " + r.Header.Get("Accept")
	t.mu.Lock()
	s, ok := t.saved[key]
	t.mu.Unlock()
	if !ok {
		resp, err := t.real.RoundTrip(r)
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		s = &savedResponse{status: resp.StatusCode, header: resp.Header, body: body}
		t.mu.Lock()
		t.saved[key] = s
		t.mu.Unlock()
	}
	return &http.Response{StatusCode: s.status, Header: s.header.Clone(), Body: io.NopCloser(bytes.NewReader(s.body)),
		ContentLength: int64(len(s.body)), Request: r, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1}, nil
}

// BenchmarkLoadBigRecordClientOnly is BenchmarkLoadBigRecordDefaultLimits
// with the registry's answers replayed from memory: the client's own share
// of the load (fresh client, default limits, 1 + 25 requests decoded).
func BenchmarkLoadBigRecordClientOnly(b *testing.B) {
	srv := orcidtest.NewServer()
	b.Cleanup(srv.Close)
	env := srv.Environment()
	tr := &replayTransport{real: srv.HTTPClient().Transport, saved: map[string]*savedResponse{}}
	hc := &http.Client{Transport: tr}
	loadBigAsShow(b, orcid.New(env, orcid.WithHTTPClient(hc), orcid.WithRateLimit(1e6, 1000))) // record the answers
	if len(tr.saved) != 1+25 {
		b.Fatalf("%d answers recorded", len(tr.saved))
	}
	var requests, waited int64
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		c := orcid.New(env, orcid.WithHTTPClient(hc))
		loadBigAsShow(b, c)
		s := c.Stats()
		requests += s.Sent
		waited += s.Waited
	}
	b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
	b.ReportMetric(float64(waited)/float64(b.N), "waited/op")
}
