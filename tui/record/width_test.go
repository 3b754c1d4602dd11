package record

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// wideCases are texts ansi.Truncate and ansi.Cut measure narrower than
// ansi.StringWidth does (keycaps, emoji presentation sequences).
var wideCases = []string{
	"1\ufe0f\u20e3 2\ufe0f\u20e3 3\ufe0f\u20e3 4\ufe0f\u20e3 5\ufe0f\u20e3 6\ufe0f\u20e3 7\ufe0f\u20e3",
	"☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f title",
	"Hostile 研究者 👩\u200d🔬 🇯🇵 e\u0301 1\ufe0f\u20e3",
}

// truncate never makes a column wider than asked: the works table and the
// labelled fields stay in line with keycaps and emoji (common.Fit, which
// pads them, is tested in common).
func TestTruncateFits(t *testing.T) {
	for _, s := range wideCases {
		for w := 0; w <= ansi.StringWidth(s)+1; w++ {
			if got := ansi.StringWidth(truncate(s, w)); got > w {
				t.Errorf("truncate(%q, %d) is %d wide", s, w, got)
			}
		}
	}
}

// A raw line, scrolled sideways or not, is never wider than the pane.
func TestRawLineFits(t *testing.T) {
	st := common.NewStyles(true, true)
	km := common.DefaultKeyMap()
	m := New(&st, &km)
	var b strings.Builder
	b.WriteString("{\n")
	for i, s := range wideCases {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`"k` + string(rune('a'+i)) + `": "` + strings.Repeat(s+" ", 3) + `"`)
	}
	b.WriteString("\n}")
	d := newRawDoc(&orcid.Body{Data: []byte(b.String()), ContentType: "application/json"}, orcid.JSON)
	p := &page{}
	for w := 6; w <= 40; w++ {
		m.SetSize(w, 10)
		iw := m.innerW()
		for i := range d.lines {
			for x := 0; x < 60; x += 3 {
				if got := ansi.StringWidth(m.renderRawRow(p, d, i, x)); got > iw {
					t.Fatalf("w=%d line %d x=%d: %d wide, want <= %d: %q", w, i, x, got, iw, ansi.Strip(m.renderRawRow(p, d, i, x)))
				}
			}
		}
		// Wrapped too, with the rows after a line's first indented.
		m.rawWrap, m.wrapDoc = true, nil
		m.ensureWrap(d)
		for i := range m.rawRowCount(d) {
			if got := ansi.StringWidth(m.renderRawRow(p, d, i, 0)); got > iw {
				t.Fatalf("wrapped, w=%d row %d: %d wide, want <= %d: %q", w, i, got, iw, ansi.Strip(m.renderRawRow(p, d, i, 0)))
			}
		}
		m.rawWrap = false
	}
}
