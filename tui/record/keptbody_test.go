package record

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"runtime"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/cache"
)

// served is the registry's answer for id's record in the media type accept.
func served(t testing.TB, c *orcid.Client, id, accept string) []byte {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, c.URL(orcid.RecordPath(orcid.ID(id))), nil)
	r.Header.Set("Accept", accept)
	w := httptest.NewRecorder()
	registry().ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Fatalf("registry answered %d for %s", w.Code, id)
	}
	return w.Body.Bytes()
}

// TestRecordKeptDeflated: the pane reads /record once, as compact JSON,
// and keeps for the raw view the bytes that came, deflated: no plain copy
// of the body stays with the page or the cache. The raw view made from
// that copy is line for line the one ORCID's own pretty body gives.
func TestRecordKeptDeflated(t *testing.T) {
	for _, tt := range []struct {
		id      string
		maxKept int // deflated bytes kept per byte sent, as a fraction 1/maxKept
	}{
		{orcidtest.CarberryID, 4},
		{orcidtest.BigRecordID, 8}, // a 2,500-work record: about 4 MB of compact JSON
	} {
		t.Run(tt.id, func(t *testing.T) {
			m, tr := newTestModel(t, 160, 48)
			m.SetCache(cache.New(64 << 20))
			open(t, m, tt.id)
			if n := len(tr.log()); n != 1 || tr.accepts[0] != "application/json" {
				t.Fatalf("%d requests, Accept %q: want one, for compact JSON", n, tr.accepts)
			}
			compact := served(t, m.sess.Client, tt.id, "application/json")
			k := m.cur.body
			if k == nil || k.size != len(compact) {
				t.Fatalf("kept body %+v, want the %d bytes sent", k, len(compact))
			}
			if kept := int(k.memSize()); kept*tt.maxKept > k.size {
				t.Errorf("%d bytes kept for a %d-byte body: more than 1/%d of it", kept, k.size, tt.maxKept)
			}
			if cr, _, ok := m.cache.Get(m.recordKey(m.cur.id)); !ok || cr.(cachedRecord).body != k {
				t.Error("the cache does not hold the page's one copy of the body")
			}

			press(m, "r")
			if n := len(tr.log()); n != 1 {
				t.Errorf("the raw view made %d requests, want none after the record's", n-1)
			}
			got := m.cur.raws[rawKey{resRecord, orcid.JSON}]
			pretty := &orcid.Body{URL: k.url, ContentType: "application/vnd.orcid+json", Data: served(t, m.sess.Client, tt.id, orcid.JSON.MediaType())}
			want := newRawDoc(pretty, orcid.JSON)
			if got == nil || len(got.lines) != len(want.lines) {
				t.Fatalf("raw view: %v lines, want %d", got, len(want.lines))
			}
			if !reflect.DeepEqual(got.lines, want.lines) || got.url != want.url {
				t.Error("the raw view differs from the one ORCID's own pretty body gives")
			}
			if got.size != len(compact) {
				t.Errorf("raw view says %d bytes, want the %d sent", got.size, len(compact))
			}
		})
	}
}

// TestKeptBodyRefusesDamage: a kept copy that does not inflate to its
// size says so instead of showing something else.
func TestKeptBodyRefusesDamage(t *testing.T) {
	d := newDeflating()
	d.Write([]byte(`{"path":"/0000-0002-1825-0097"}`))
	k, err := d.keep(&orcid.Body{URL: "u", ContentType: "application/json", StatusCode: 200})
	if err != nil {
		t.Fatal(err)
	}
	if b, err := k.body(); err != nil || string(b.Data) != `{"path":"/0000-0002-1825-0097"}` || b.URL != "u" {
		t.Fatalf("body %+v, err %v", b, err)
	}
	for name, k2 := range map[string]keptBody{
		"shorter": {size: k.size + 1, deflated: k.deflated},
		"longer":  {size: k.size - 1, deflated: k.deflated},
		"cut":     {size: k.size, deflated: k.deflated[:len(k.deflated)/2]},
	} {
		if _, err := k2.body(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// BenchmarkBigRecordRetained opens the 2,500-work record, loads every full
// work (25 bulk reads) and reports what the pane then holds: the heap
// retained after a collection (retained-B/op) and the bytes kept for the
// raw view (kept-B/op). Peak memory follows what is retained: Go lets the
// heap grow to about twice the live heap before collecting.
func BenchmarkBigRecordRetained(b *testing.B) {
	m, _ := newTestModel(b, 160, 48)
	open(b, m, orcidtest.BigRecordID) // the registry builds the record once
	var retained, kept, requests int64
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		before := heapAfterGC()
		m, tr := newTestModel(b, 160, 48)
		open(b, m, orcidtest.BigRecordID)
		press(m, "]")
		p := m.cur
		for i := range p.data.works {
			if pc := p.data.works[i].putCode; p.full[pc] == nil && p.failed[pc] == "" {
				run(m, m.fetchAround(p, pc))
			}
		}
		retained += int64(heapAfterGC()) - int64(before)
		if p.body != nil {
			kept += p.body.memSize()
		}
		requests += int64(len(tr.log()))
		runtime.KeepAlive(m)
	}
	b.ReportMetric(float64(retained)/float64(b.N), "retained-B/op")
	b.ReportMetric(float64(kept)/float64(b.N), "kept-B/op")
	b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
}

func heapAfterGC() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
