package record

import (
	"runtime"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// BenchmarkRawViewBigRecordRetained is pressing r on the 2,500-work record
// (its raw JSON built from the kept body, no request): what the raw view
// still holds after a collection (retained-B/op) besides the time and
// allocations to build it. The 10,000-work record has four times its lines.
func BenchmarkRawViewBigRecordRetained(b *testing.B) {
	m, _ := newTestModel(b, 160, 48)
	open(b, m, orcidtest.BigRecordID)
	var retained, lines int64
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m, _ := newTestModel(b, 160, 48)
		open(b, m, orcidtest.BigRecordID)
		before := heapAfterGC()
		press(m, "r")
		d := m.cur.raws[rawKey{resRecord, orcid.JSON}]
		if d == nil {
			b.Fatal("no raw view")
		}
		retained += int64(heapAfterGC()) - int64(before)
		lines += int64(len(d.lines))
		runtime.KeepAlive(m)
	}
	b.ReportMetric(float64(retained)/float64(b.N), "retained-B/op")
	b.ReportMetric(float64(lines)/float64(b.N), "lines/op")
}
