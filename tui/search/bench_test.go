package search

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// benchHits is how many search hits the benchmarks load: 20 pages.
const benchHits = 1000

// loadedPane returns a focused pane of w x h holding benchHits results of a
// real search against the in-process registry, loaded the way a user loads
// them: enter, then G (bottom) to page, one resultsMsg per page.
func loadedPane(b *testing.B, w, h int) *Model {
	b.Helper()
	srv := orcidtest.NewServer()
	b.Cleanup(srv.Close)
	m := newPane(b, srv)
	m.SetSize(w, h)
	typeIn(m, "family-name:smith")
	cmd := m.Update(press("enter"))
	for pages := 0; len(m.rows) < benchHits; pages++ {
		rs := results(run(cmd))
		if len(rs) != 1 || rs[0].err != nil || pages > benchHits/PageRows {
			b.Fatalf("page %d: %+v (rows %d, total %d)", pages, rs, len(m.rows), m.total)
		}
		m.Update(rs[0])
		cmd = m.Update(press("G"))
	}
	if len(m.rows) != benchHits || m.total < benchHits || m.inputFocused {
		b.Fatalf("loaded %d of %d, input focused %v", len(m.rows), m.total, m.inputFocused)
	}
	if m.loading {
		// The 21st page was asked for by the last G: drop it so View draws
		// the resting state (no spinner).
		m.stop()
	}
	m.Update(press("g"))
	return m
}

// BenchmarkSearchView1000 draws the search pane with 1,000 hits loaded and
// the cursor in the middle: the cost must be that of the visible rows only.
func BenchmarkSearchView1000(b *testing.B) {
	for _, size := range []struct {
		name string
		w, h int
	}{{"80x24", 80, 21}, {"160x48", 160, 45}} {
		b.Run(size.name, func(b *testing.B) {
			m := loadedPane(b, size.w, size.h)
			for range benchHits / 2 {
				m.Update(press("j"))
			}
			if m.cursor != benchHits/2 || m.offset == 0 {
				b.Fatalf("cursor %d offset %d", m.cursor, m.offset)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// BenchmarkSearchScroll is Update for j and ctrl+d through the 1,000 hits,
// back to the top at the end, with a View after each key as the program
// draws one. No page is asked for: the pane believes it has them all.
func BenchmarkSearchScroll(b *testing.B) {
	m := loadedPane(b, 160, 45)
	m.total = int64(len(m.rows)) // nothing more to load: measure drawing, not paging
	j, pgdn, top := press("j"), tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}, press("g")
	n := len(m.rows)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		var cmd tea.Cmd
		switch {
		case m.cursor >= n-1:
			cmd = m.Update(top)
		case i%8 == 0:
			cmd = m.Update(pgdn)
		default:
			cmd = m.Update(j)
		}
		if cmd != nil {
			b.Fatal("scrolling asked for more")
		}
		_ = m.View()
		i++
	}
}
