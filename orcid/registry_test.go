package orcid_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// newRegistry starts the in-process registry and a client for its public
// API with fast retries and a limit high enough not to slow tests down.
func newRegistry(t testing.TB, srvOpts []orcidtest.Option, opts ...orcid.Option) (*orcidtest.Server, *orcid.Client) {
	t.Helper()
	srv := orcidtest.NewServer(srvOpts...)
	t.Cleanup(srv.Close)
	base := []orcid.Option{orcid.WithRateLimit(1000, 100), orcid.WithBackoff(time.Millisecond, 2*time.Millisecond), orcid.WithMaxRetryAfter(5 * time.Millisecond)}
	return srv, orcid.New(srv.Environment(), append(base, opts...)...)
}

func TestRegistryNegotiation(t *testing.T) {
	srv, c := newRegistry(t, nil)
	ctx := context.Background()
	for _, f := range []orcid.Format{orcid.JSON, orcid.XML} {
		b, err := c.Get(ctx, orcid.RecordPath(orcidtest.CarberryID), f, nil)
		if err != nil {
			t.Fatalf("%v: %v", f, err)
		}
		if f == orcid.JSON && !b.IsJSON() || f == orcid.XML && !b.IsXML() {
			t.Errorf("%v: Content-Type %q", f, b.ContentType)
		}
		if len(b.Pretty()) == 0 {
			t.Errorf("%v: empty pretty body", f)
		}
	}
	rec, err := c.Record(ctx, orcidtest.CarberryID)
	if err != nil || rec.Person == nil || rec.Person.Name.FamilyName.String() != "Carberry" {
		t.Fatalf("Record = %+v, %v", rec, err)
	}
	// Get asks for ORCID's own (pretty) bodies, which a raw view shows;
	// the typed read asks for compact JSON, half the bytes.
	want := []string{"application/vnd.orcid+json", "application/vnd.orcid+xml", "application/json"}
	reqs := srv.Requests()
	if len(reqs) != len(want) {
		t.Fatalf("%d requests, want %d", len(reqs), len(want))
	}
	for i, r := range reqs {
		if r.Accept != want[i] {
			t.Errorf("request %s sent Accept %q, want %q", r.Path, r.Accept, want[i])
		}
	}
}

func TestRegistryReads(t *testing.T) {
	_, c := newRegistry(t, nil)
	ctx := context.Background()
	id := orcid.ID(orcidtest.CarberryID)
	if _, err := c.Person(ctx, id); err != nil {
		t.Error("Person:", err)
	}
	if _, err := c.Activities(ctx, id); err != nil {
		t.Error("Activities:", err)
	}
	works, err := c.Works(ctx, id)
	if err != nil || len(works.Group) == 0 {
		t.Fatalf("Works = %v, %v", works, err)
	}
	pc := works.Group[0].WorkSummary[0].PutCode
	w, err := c.Work(ctx, id, pc)
	if err != nil || w.PutCode != pc {
		t.Errorf("Work(%d) = %+v, %v", pc, w, err)
	}
	if _, err := c.Fundings(ctx, id); err != nil {
		t.Error("Fundings:", err)
	}
	if _, err := c.PeerReviews(ctx, id); err != nil {
		t.Error("PeerReviews:", err)
	}
	if _, err := c.ResearchResources(ctx, id); err != nil {
		t.Error("ResearchResources:", err)
	}
	for _, s := range orcid.AffiliationSections {
		if _, err := c.Affiliations(ctx, id, s); err != nil {
			t.Errorf("Affiliations(%s): %v", s, err)
		}
	}
	if _, err := c.Work(ctx, id, 999999999); !errors.Is(err, orcid.ErrNotFound) {
		t.Errorf("unknown put-code: %v", err)
	}
}

func TestRegistryRecordStates(t *testing.T) {
	srv, c := newRegistry(t, nil)
	ctx := context.Background()

	_, err := c.Record(ctx, orcidtest.MergedID)
	var me *orcid.MergedError
	if !errors.As(err, &me) || me.Deprecated != orcidtest.MergedID || me.Primary != orcidtest.PrimaryID {
		t.Fatalf("merged record: %v", err)
	}
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, orcidtest.PrimaryID) {
			t.Errorf("client followed the merge to %s", r.Path)
		}
	}
	tests := []struct {
		id   string
		want error
	}{
		{orcidtest.LockedID, orcid.ErrLocked},
		{orcidtest.DeactivatedID, orcid.ErrDeactivated},
		{orcidtest.UnknownID, orcid.ErrNotFound},
	}
	for _, tt := range tests {
		if _, err := c.Works(ctx, orcid.ID(tt.id)); !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.id, err, tt.want)
		}
	}
	empty, err := c.Works(ctx, orcidtest.EmptyID)
	if err != nil || len(empty.Group) != 0 {
		t.Errorf("empty record works = %+v, %v", empty, err)
	}
}

func TestRegistrySearchPaging(t *testing.T) {
	_, c := newRegistry(t, nil)
	ctx := context.Background()
	q := orcid.ParseQuery("family-name:smith").Solr
	all, err := c.ExpandedSearch(ctx, orcid.SearchParams{Query: q, Rows: 4})
	if err != nil {
		t.Fatal(err)
	}
	if all.NumFound < orcidtest.SyntheticSmiths || len(all.ExpandedResult) != 4 {
		t.Fatalf("%d hits, %d rows for %q", all.NumFound, len(all.ExpandedResult), q)
	}
	p1, err1 := c.ExpandedSearch(ctx, orcid.SearchParams{Query: q, Rows: 1})
	p2, err2 := c.ExpandedSearch(ctx, orcid.SearchParams{Query: q, Start: 1, Rows: 1})
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if len(p1.ExpandedResult) != 1 || len(p2.ExpandedResult) != 1 || p1.NumFound != all.NumFound {
		t.Fatalf("pages %+v %+v", p1, p2)
	}
	if p1.ExpandedResult[0].ORCIDID != all.ExpandedResult[0].ORCIDID || p2.ExpandedResult[0].ORCIDID != all.ExpandedResult[1].ORCIDID {
		t.Errorf("pages do not line up with the first four hits")
	}
	// A deep page: the last rows past start 5,100.
	start := int(all.NumFound) - 3
	deep, err := c.Search(ctx, orcid.SearchParams{Query: q, Start: start, Rows: 100})
	if err != nil || len(deep.Result) != 3 || deep.NumFound != all.NumFound {
		t.Errorf("Search from %d = %d results of %d, %v", start, len(deep.Result), deep.NumFound, err)
	}
}

func TestRegistryNullResults(t *testing.T) {
	_, c := newRegistry(t, nil)
	ctx := context.Background()
	q := "family-name:zzqxnonexistent"
	s, err := c.Search(ctx, orcid.SearchParams{Query: q})
	if err != nil || s.Result != nil || s.NumFound != 0 {
		t.Errorf("Search = %+v, %v", s, err)
	}
	e, err := c.ExpandedSearch(ctx, orcid.SearchParams{Query: q})
	if err != nil || e.ExpandedResult != nil || e.NumFound != 0 {
		t.Errorf("ExpandedSearch = %+v, %v", e, err)
	}
}

func TestRegistryAnonymousStartLimit(t *testing.T) {
	srv, c := newRegistry(t, nil)
	_, err := c.Search(context.Background(), orcid.SearchParams{Query: "x", Start: 10001})
	if !errors.Is(err, orcid.ErrAnonymousStartLimit) || len(srv.Requests()) != 0 {
		t.Errorf("err = %v, %d requests", err, len(srv.Requests()))
	}
}

// loadBig loads every full work of the 2,500-work record; it returns the
// put-codes in record order too.
func loadBig(t testing.TB, c *orcid.Client) (*orcid.FullWorks, []int64) {
	t.Helper()
	ctx := context.Background()
	works, err := c.Works(ctx, orcidtest.BigRecordID)
	if err != nil {
		t.Fatal(err)
	}
	pcs := orcid.WorkPutCodes(works)
	fw, err := c.AllFullWorks(ctx, orcidtest.BigRecordID, pcs)
	if err != nil {
		t.Fatal(err)
	}
	return fw, pcs
}

// TestRegistryBulkLoadUnderLimits loads the 2,500-work record with ORCID's
// public limits (12 req/s, burst 40) enforced by the server and the client's
// defaults on our side: exactly 1 + 25 requests, in record order, no 503.
func TestRegistryBulkLoadUnderLimits(t *testing.T) {
	srv := orcidtest.NewServer(orcidtest.WithRateLimit(12, 40))
	t.Cleanup(srv.Close)
	c := orcid.New(srv.Environment())
	// Spend most of the burst on cheap reads first, so loading the record
	// runs past it and the client's limiter has to pace the requests.
	for range 30 {
		if _, err := c.Person(context.Background(), orcidtest.CarberryID); err != nil {
			t.Fatal(err)
		}
	}
	srv.ResetRequests()
	fw, pcs := loadBig(t, c)
	if len(pcs) != orcidtest.BigRecordWorks || len(fw.Works) != orcidtest.BigRecordWorks || len(fw.Failed) != 0 {
		t.Fatalf("%d put-codes, %d works, %d failed", len(pcs), len(fw.Works), len(fw.Failed))
	}
	for i, pc := range pcs {
		if fw.Works[i] == nil || fw.Works[i].PutCode != pc {
			t.Fatalf("work %d is %v, want put-code %d", i, fw.Works[i], pc)
		}
	}
	if n := len(srv.Requests()); n != 1+25 || fw.Requests != 25 {
		t.Errorf("%d requests (%d bulk), want 1 + 25", n, fw.Requests)
	}
	s := c.Stats()
	if n := srv.CountStatus(http.StatusServiceUnavailable); n != 0 || s.Status503 != 0 {
		t.Errorf("%d 503s from the server (client saw %d)", n, s.Status503)
	}
	// How many requests waited depends on how fast the server answers
	// (slow under -race), so it is logged, not asserted.
	t.Logf("stats: %+v", s)
}

func TestRegistry503Retried(t *testing.T) {
	srv, c := newRegistry(t, nil)
	srv.FailNext(2, http.StatusServiceUnavailable)
	if _, err := c.Works(context.Background(), orcidtest.CarberryID); err != nil {
		t.Fatal(err)
	}
	if n := srv.CountStatus(503); n != 2 {
		t.Errorf("server answered %d 503s, want 2", n)
	}
	if s := c.Stats(); s.Retried != 2 || s.Status503 != 2 || s.Sent != 3 {
		t.Errorf("stats = %+v", s)
	}
}

func TestRegistryQuota429(t *testing.T) {
	srv, c := newRegistry(t, []orcidtest.Option{orcidtest.WithDailyQuota(1)})
	ctx := context.Background()
	if _, err := c.Person(ctx, orcidtest.CarberryID); err != nil {
		t.Fatal(err)
	}
	_, err := c.Person(ctx, orcidtest.CarberryID)
	var rl *orcid.RateLimitError
	if !errors.As(err, &rl) || rl.StatusCode != 429 || !strings.Contains(err.Error(), "daily quota") {
		t.Fatalf("err = %v", err)
	}
	if n := len(srv.Requests()); n != 2 {
		t.Errorf("%d requests, want 2 (no retry of a 429)", n)
	}
}

// TestRegistryGarbageBodies: an answer that is not ORCID's document is a
// BadResponseError. A body cut short and a proxy's 502 are retried (a read
// is idempotent): once is forgiven, five times in a row is the error.
func TestRegistryGarbageBodies(t *testing.T) {
	tests := []struct {
		status      int
		ctype, body string
		retried     bool
	}{
		{200, "application/vnd.orcid+json", `{"group":[{"work-summary":[`, true},
		{502, "text/html", "<html><body>Bad Gateway</body></html>", true},
		{504, "text/html", "<html><body>Gateway Timeout</body></html>", true},
		{200, "text/html", "<html>login</html>", false},
		{500, "application/octet-stream", "\x00\x01\x02", false},
	}
	for _, tt := range tests {
		for _, times := range []int{1, 1 + orcid.DefaultMaxRetries} {
			srv, c := newRegistry(t, nil)
			srv.FailNextWith(times, tt.status, tt.ctype, tt.body)
			_, err := c.Works(context.Background(), orcidtest.CarberryID)
			sent := len(srv.Requests())
			if tt.retried && times == 1 {
				if err != nil || sent != 2 {
					t.Errorf("%d %s once: err = %v after %d requests, want success after 2", tt.status, tt.ctype, err, sent)
				}
				continue
			}
			var be *orcid.BadResponseError
			if !errors.As(err, &be) || be.StatusCode != tt.status {
				t.Errorf("%d %s ×%d: err = %v", tt.status, tt.ctype, times, err)
			}
			want := 1
			if tt.retried {
				want = 1 + orcid.DefaultMaxRetries
			}
			if sent != want {
				t.Errorf("%d %s ×%d: %d requests, want %d", tt.status, tt.ctype, times, sent, want)
			}
		}
	}
}

func TestRegistryCancelMidLoad(t *testing.T) {
	_, c := newRegistry(t, nil, orcid.WithRateLimit(20, 1), orcid.WithBulkWorkers(2))
	ctx, cancel := context.WithCancel(context.Background())
	pcs := make([]int64, 1000) // unknown put-codes: cheap error elements
	for i := range pcs {
		pcs[i] = int64(i + 1)
	}
	done := make(chan error, 1)
	go func() {
		_, err := c.AllFullWorks(ctx, orcidtest.CarberryID, pcs)
		done <- err
	}()
	for c.Stats().Waited == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func BenchmarkAllFullWorks(b *testing.B) {
	srv, c := newRegistry(b, nil, orcid.WithRateLimit(1e6, 1000))
	ctx := context.Background()
	works, err := c.Works(ctx, orcidtest.BigRecordID)
	if err != nil {
		b.Fatal(err)
	}
	pcs := orcid.WorkPutCodes(works)
	srv.ResetRequests()
	requests := 0
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		fw, err := c.AllFullWorks(ctx, orcidtest.BigRecordID, pcs)
		if err != nil || len(fw.Works) != len(pcs) {
			b.Fatal(err)
		}
		requests += fw.Requests
	}
	elapsed := time.Since(start)
	b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
	b.ReportMetric(float64(requests)/elapsed.Seconds(), "req/s")
}
