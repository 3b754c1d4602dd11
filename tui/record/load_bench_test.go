package record

import (
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// TestOpenBigRecordOneRequest: opening the 2,500-work record is one request
// (/record carries every work summary); with TestBigRecordBulkRequests
// (every work's detail in at most 25 bulk requests, nothing else) the TUI
// loads the whole record in at most 1 + 25.
func TestOpenBigRecordOneRequest(t *testing.T) {
	m, tr := newTestModel(t, 160, 48)
	open(t, m, orcidtest.BigRecordID)
	press(m, "]")
	if n := len(tr.log()); n != 1 {
		t.Errorf("opening the big record and its works tab made %d requests, want 1: %v", n, tr.log())
	}
	if n := len(m.cur.order); n < 2000 {
		t.Errorf("works tab lists %d works", n)
	}
}

// BenchmarkOpenBigRecord is opening the 2,500-work record from the
// in-process registry (no listener) up to its works tab drawn: the request,
// decoding, building the rows, sorting, and the first frame. Its figure
// is what a user waits for after enter, minus the network; the registry's
// encoding of the answer (in process) is included.
func BenchmarkOpenBigRecord(b *testing.B) {
	m, _ := newTestModel(b, 160, 48)
	open(b, m, orcidtest.BigRecordID) // the registry builds the record once
	requests := 0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m, tr := newTestModel(b, 160, 48) // a fresh pane: nothing cached
		open(b, m, orcidtest.BigRecordID)
		press(m, "]")
		_ = m.View()
		requests += len(tr.log())
	}
	b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
}

// The record's raw JSON came with the record: showing it (built lazily, on
// first use) asks the server for nothing more.
func TestRawRecordJSONNeedsNoRequest(t *testing.T) {
	m, tr := newTestModel(t, 160, 48)
	open(t, m, orcidtest.CarberryID)
	if m.cur.raws[rawKey{resRecord, orcid.JSON}] != nil {
		t.Error("the raw view was prepared before it was asked for")
	}
	press(m, "r")
	if n := len(tr.log()); n != 1 {
		t.Errorf("record + raw JSON made %d requests, want 1: %v", n, tr.log())
	}
	if got := plain(m); !strings.Contains(got, `"orcid-identifier"`) {
		t.Errorf("raw view does not show the record's JSON:\n%s", got)
	}
}
