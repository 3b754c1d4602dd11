package orcid_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// TestHugeRecordCompletes: a record of 13,000 works (beyond ORCID's own
// ceiling of 10,000, so every real record fits) loads whole the way show
// --full-works loads it: the record, then every full work in bulk reads of
// 100, in 1 + ⌈groups/100⌉ requests. Under the old fixed 32 MiB cap its
// pretty /record alone failed as "too large".
func TestHugeRecordCompletes(t *testing.T) {
	const works = 13000
	srv := orcidtest.NewServer(orcidtest.WithHugeRecord(works))
	t.Cleanup(srv.Close)
	c := orcid.New(srv.Environment(), orcid.WithRateLimit(1e6, 1000))
	ctx := context.Background()
	rec, err := c.Record(ctx, orcidtest.HugeRecordID)
	if err != nil {
		t.Fatal(err)
	}
	ws := rec.ActivitiesSummary.Works
	if n := len(orcid.WorkPutCodes(ws)); n != works {
		t.Fatalf("%d work summaries, want %d", n, works)
	}
	pcs := ws.PutCodes()
	fw, err := c.AllFullWorks(ctx, orcidtest.HugeRecordID, pcs)
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range fw.Works {
		if w == nil || w.PutCode != pcs[i] {
			t.Fatalf("work %d of %d missing or out of order", i, len(pcs))
		}
	}
	wantBulk := (len(pcs) + orcid.MaxBulkWorks - 1) / orcid.MaxBulkWorks
	if fw.Requests != wantBulk || len(srv.Requests()) != 1+wantBulk || srv.CountStatus(http.StatusOK) != 1+wantBulk {
		t.Errorf("%d bulk requests (%d in all), want 1 + %d", fw.Requests, len(srv.Requests()), wantBulk)
	}
	// The pretty body a raw view reads is larger than the old 32 MiB cap,
	// and still within the record's.
	b, err := c.Get(ctx, orcid.RecordPath(orcidtest.HugeRecordID), orcid.JSON, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d groups; pretty /record %.1f MiB", len(pcs), float64(len(b.Data))/(1<<20))
}
