package record

import (
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// longestLine is the widest line of the raw body shown.
func longestLine(t *testing.T, m *Model) (int, string) {
	t.Helper()
	d, _ := m.rawDoc(m.cur)
	if d == nil {
		t.Fatal("no raw body")
	}
	best := 0
	for i, l := range d.lines {
		if l.width > d.lines[best].width {
			best = i
		}
	}
	return best, d.lines[best].text
}

// The raw view says which columns show, wraps long lines with w, and
// scrolls a search hit into view sideways, highlighted.
func TestRawWrapPositionAndSidewaysHit(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	open(t, m, orcidtest.CarberryID)
	press(m, "0")
	_, long := longestLine(t, m)
	d, _ := m.rawDoc(m.cur)
	cols := "col 1–78 of " + common.Count(d.width)
	mustContain(t, plain(m), cols)

	// A hit far to the right: the view moves sideways to show it.
	needle := strings.TrimSpace(long[len(long)-30 : len(long)-18])
	if strings.ContainsAny(needle, `"\`) || strings.Contains(plain(m), needle) {
		t.Fatalf("pick another needle than %q", needle)
	}
	press(m, "f")
	typeText(m, needle)
	press(m, "enter")
	out := plain(m)
	mustContain(t, out, needle, "match 1 of")
	if strings.Contains(out, "col 1–78") {
		t.Errorf("the view did not move sideways to the hit:\n%s", out)
	}
	if hit := m.styles.Match.Bold(true).Underline(true).Render(needle); !strings.Contains(m.View(), hit) {
		t.Errorf("the hit is not drawn highlighted (%q):\n%q", hit, m.View())
	}
	press(m, "esc") // clear the search

	// w wraps: every cell of the long line is on screen somewhere while
	// scrolling, and ← → say why they do nothing.
	press(m, "w")
	mustContain(t, plain(m), "wrapped (w)")
	if m.rawRowCount(d) <= len(d.lines) {
		t.Fatalf("wrapping made %d rows of %d lines", m.rawRowCount(d), len(d.lines))
	}
	var seen strings.Builder
	for range m.rawRowCount(d) {
		seen.WriteString(strings.ReplaceAll(plain(m), "┃", ""))
		press(m, "ctrl+d")
	}
	tail := long[len(long)-12:]
	if !strings.Contains(seen.String(), tail) {
		t.Errorf("the end of the longest line %q never showed wrapped", tail)
	}
	// No piece is cut with an ellipsis: the next row carries on.
	press(m, "f")
	typeText(m, needle) // near the end of the longest line: its first rows show above
	press(m, "enter")
	for _, l := range strings.Split(plain(m), "\n") {
		if strings.HasSuffix(strings.TrimSuffix(l, "┃"), "…") && !strings.Contains(l, "record · JSON") && !strings.Contains(l, "wrapped (w)") {
			t.Errorf("a wrapped row is cut: %q", l)
		}
	}
	press(m, "right")
	mustContain(t, plain(m), "lines are wrapped")
	press(m, "w", "g")
	mustContain(t, plain(m), " of "+common.Count(d.width))
}
