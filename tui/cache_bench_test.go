package tui

import (
	"net/http"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// countingTransport counts the requests that reach the registry.
type countingTransport struct {
	next http.RoundTripper
	n    atomic.Int64
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.next.RoundTrip(r)
}

// BenchmarkRevisitAB is A → B → A → B …: every open after the first two is
// a revisit. With the cache it costs no request; without, two records are
// read again per op. Each op opens A and B and draws a frame of each at
// 160x48.
func BenchmarkRevisitAB(b *testing.B) {
	for _, tc := range []struct {
		name   string
		cached bool
	}{{"no_cache", false}, {"cache", true}} {
		b.Run(tc.name, func(b *testing.B) {
			srv := orcidtest.NewHandler(orcidtest.WithBaseURL(fixedBase))
			ct := &countingTransport{next: handlerTransport{srv.Handler()}}
			hc := &http.Client{Transport: ct}
			opts := demoOptions()
			opts.PublicOptions = []orcid.Option{orcid.WithHTTPClient(hc), orcid.WithRateLimit(1e6, 1000)}
			opts.HTTPClient = hc
			a := New(opts)
			drive(a, tea.WindowSizeMsg{Width: 160, Height: 48})
			if !tc.cached {
				a.record.SetCache(nil)
				a.search.SetCache(nil)
			}
			A, B := orcid.ID(orcidtest.CarberryID), orcid.ID(orcidtest.TanakaID)
			drive(a, common.OpenRecordMsg{ID: A})
			drive(a, common.OpenRecordMsg{ID: B})
			ct.n.Store(0)
			b.ReportAllocs()
			for b.Loop() {
				drive(a, common.OpenRecordMsg{ID: A})
				_ = a.Render()
				drive(a, common.OpenRecordMsg{ID: B})
				_ = a.Render()
			}
			if a.record.ID() != B {
				b.Fatalf("record %q", a.record.ID())
			}
			b.ReportMetric(float64(ct.n.Load())/float64(b.N), "requests/op")
		})
	}
}
