package record

import (
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// BenchmarkRecordRawScrollWrapped scrolls the raw JSON of the big record
// with lines wrapped (w): the rows are built once, so a page down costs the
// visible rows only.
func BenchmarkRecordRawScrollWrapped(b *testing.B) { benchRawScroll(b, "w") }

// benchRawScroll is Update and View for ctrl+d through the raw JSON of the
// big record after keys, back to the top at the end.
func benchRawScroll(b *testing.B, keys ...string) {
	m, _ := newTestModel(b, 160, 48)
	open(b, m, orcidtest.BigRecordID)
	press(m, "0")
	press(m, keys...)
	pgdn, top := keyMsg("ctrl+d"), keyMsg("g")
	d, _ := m.rawDoc(m.cur)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_, k := m.rawDoc(m.cur)
		if m.cur.rawPos[k].offset >= m.rawRowCount(d)-m.bodyH {
			m.Update(top)
		} else {
			m.Update(pgdn)
		}
		_ = m.View()
	}
}

// BenchmarkRecordRawWrapToggle is w on the raw JSON of the big record:
// building the wrapped rows is the cost, once per body and width.
func BenchmarkRecordRawWrapToggle(b *testing.B) {
	m, _ := newTestModel(b, 160, 48)
	open(b, m, orcidtest.BigRecordID)
	press(m, "0")
	w := keyMsg("w")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m.Update(w)
	}
}
