package record

import (
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// BenchmarkRecordViewBigRecord draws the works tab of the 2,500-work
// record: the cost must be that of the visible rows only.
func BenchmarkRecordViewBigRecord(b *testing.B) {
	m, _ := newTestModel(b, 160, 48)
	open(b, m, orcidtest.BigRecordID)
	press(m, "]", "ctrl+d")
	if len(m.cur.order) < 1000 {
		b.Fatalf("only %d works", len(m.cur.order))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkRecordScroll is Update for j and ctrl+d through the big works
// list, wrapping to the top at the end.
func BenchmarkRecordScroll(b *testing.B) {
	m, _ := newTestModel(b, 160, 48)
	open(b, m, orcidtest.BigRecordID)
	press(m, "]")
	j, pgdn, top := keyMsg("j"), keyMsg("ctrl+d"), keyMsg("g")
	n := len(m.cur.order)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		switch {
		case m.cur.lists[tabWorks].cursor >= n-1:
			m.Update(top)
		case i%8 == 0:
			m.Update(pgdn)
		default:
			m.Update(j)
		}
		i++
	}
}

// BenchmarkRecordRawScroll scrolls the raw JSON of the big record.
func BenchmarkRecordRawScroll(b *testing.B) { benchRawScroll(b) }
