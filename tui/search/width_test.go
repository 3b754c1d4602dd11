package search

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// A results row is never wider than its columns, whatever the
// institutions hold (keycaps and emoji presentation sequences are measured
// narrower by ansi.Truncate than by ansi.StringWidth).
func TestRowFitsColumns(t *testing.T) {
	m := newPane(t, nil)
	insts := []string{
		"1\ufe0f\u20e3 2\ufe0f\u20e3 3\ufe0f\u20e3 4\ufe0f\u20e3 5\ufe0f\u20e3 6\ufe0f\u20e3 7\ufe0f\u20e3 8\ufe0f\u20e3 9\ufe0f\u20e3 University",
		"☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f Institute",
	}
	for iw := 31; iw <= 120; iw++ {
		c := m.columns(iw)
		width := idWidth
		for _, w := range []int{c.name, c.other, c.inst} {
			if w > 0 {
				width += 2 + w
			}
		}
		for _, inst := range insts {
			if got := ansi.StringWidth(c.cells("0000-0002-1825-0097", "1\ufe0f\u20e3 Name", "☺\ufe0f", inst)); got > width {
				t.Errorf("iw=%d: row %d wide, columns %d", iw, got, width)
			}
		}
	}
}

// The first screen's advice wraps in a narrow pane (the search pane beside
// the environment pane at 100 columns is 54 wide): "then enter" is the
// part a newcomer needs, and truncation cut it off.
func TestHintsWrapWhenNarrow(t *testing.T) {
	m := newPane(t, nil)
	for _, w := range []int{30, 54, 100} {
		m.SetSize(w, 16)
		got := ansi.Strip(m.View())
		flat := strings.Join(strings.Fields(strings.NewReplacer("│", " ", "┃", " ").Replace(got)), " ")
		if !strings.Contains(flat, "Type a name, an iD, a DOI, or Solr syntax, then enter:") {
			t.Errorf("width %d: the advice is cut:\n%s", w, got)
		}
	}
}
