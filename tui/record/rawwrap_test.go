package record

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

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
	mustContain(t, plain(m), cols+" · w wraps")

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

// wrapRows is how wrapRawLine cuts s at width w, as the texts of its rows.
func wrapRows(s string, w int) []string {
	var out []string
	for _, r := range wrapRawLine(nil, 0, s, w) {
		out = append(out, common.Cut(s, int(r.x), int(r.end)))
	}
	return out
}

// Wrapped raw lines break at spaces and punctuation; only a token longer
// than the row is cut, and the indentation is never a place to break.
func TestWrapRawLine(t *testing.T) {
	tests := []struct {
		name string
		s    string
		w    int
		want []string
	}{
		{"words", `  "content": "Josiah Carberry is a fictitious person"`, 24,
			[]string{`  "content": "Josiah `, `Carberry is a `, `fictitious person"`}},
		{"a URL at its slashes", `    "url": "https://example.org/a/very/long/path?q=1&r=2"`, 30,
			[]string{`    "url": "https://`, `example.org/a/very/long/`, `path?q=1&r=2"`}},
		{"a token longer than the row", `  "b64": "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo="`, 20,
			[]string{`  "b64": `, `"QUJDREVGR0hJSktMT`, `U5PUFFSU1RVVldYWVo`, `="`}},
		{"no break in the indentation", `          QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo`, 20,
			[]string{`          QUJDREVGR0`, `hJSktMTU5P`, `UFFSU1RVVl`, `dYWVo`}},
		{"XML before a tag", `  <common:title>Psychoceramics of the carbon age</common:title>`, 40,
			[]string{`  <common:title>Psychoceramics of the `, `carbon age</common:title>`}},
		{"hyphens and end tags hold", `    <common:last-modified-date>2025-02-03</common:last-modified-date>`, 50,
			[]string{`    <common:last-modified-date>2025-02-03`, `</common:last-modified-date>`}},
		{"a URL kept whole after a space", `  <record:record xmlns:record="http://www.orcid.org/ns/record" path="/0000-0002-1825-0097">`, 60,
			[]string{`  <record:record `, `xmlns:record="http://www.orcid.org/ns/record" `, `path="/0000-0002-1825-0097">`}},
		{"wide characters", `"研究者 研究者研究者研究者"`, 10,
			[]string{`"研究者 `, `研究者研究`, `者研究者"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wrapRows(tt.s, tt.w)
			if strings.Join(got, "") != tt.s {
				t.Errorf("the rows %q do not make up the line", got)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("rows\n%q, want\n%q", got, tt.want)
			}
			hang := hangOf(tt.s, tt.w)
			for i, r := range got {
				if w := ansi.StringWidth(r); (i == 0 && w > tt.w) || (i > 0 && w > tt.w-hang) {
					t.Errorf("row %d %q is %d wide at width %d (hang %d)", i, r, w, tt.w, hang)
				}
			}
		})
	}
}

// In the record's raw view, w wraps the biography at its words, the rows
// after the first indented as the line is, and a search finds a hit on a
// later row of a wrapped line.
func TestRawWrapAtWords(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	open(t, m, orcidtest.CarberryID)
	press(m, "0", "w")
	d, _ := m.rawDoc(m.cur)
	bio := -1
	for i, l := range d.lines {
		if strings.Contains(l.text, "fictitious person") {
			bio = i
		}
	}
	if bio < 0 || int(d.lines[bio].width) < 3*m.innerW() {
		t.Fatal("the test wants the biography on a line three rows long")
	}
	var rows []rawRow
	for _, r := range m.wrapRows {
		if int(r.line) == bio {
			rows = append(rows, r)
		}
	}
	text := d.lines[bio].text
	for i := 1; i < len(rows); i++ {
		end, next := text[rows[i].x-1], text[rows[i].x]
		if isLetter(end) && isLetter(next) {
			t.Errorf("row %d starts inside a word: %q|%q", i, text[rows[i-1].x:rows[i].x], text[rows[i].x:])
		}
	}

	press(m, "f")
	typeText(m, "anxiety")
	press(m, "enter")
	out := plain(m)
	mustContain(t, out, "match 1 of")
	row := m.rawRowOf(m.cur.matches[0].line, 0)
	if hit := m.rawRowOf(m.cur.matches[0].line, ansi.StringWidth(text[:m.cur.matches[0].start])); hit == row {
		t.Fatalf("the test wants the hit on a later row of its line")
	}
	if hit := m.styles.Match.Bold(true).Underline(true).Render("anxiety"); !strings.Contains(m.View(), hit) {
		t.Errorf("the hit is not on screen, highlighted:\n%s", out)
	}
	// The row holding the hit comes after the line's first: it is indented
	// as the line is.
	indent := text[:len(text)-len(strings.TrimLeft(text, " "))]
	found := false
	for _, l := range strings.Split(out, "\n") {
		if l = strings.TrimPrefix(l, "┃"); strings.Contains(l, "anxiety") && !strings.Contains(l, "match 1 of") {
			found = true
			if !strings.HasPrefix(l, indent) || strings.HasPrefix(l, indent+" ") {
				t.Errorf("the wrapped row is not indented by %d: %q", len(indent), l)
			}
		}
	}
	if !found {
		t.Errorf("no row holds the hit whole:\n%s", out)
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// rawFooterLine is the raw view's footer as drawn, without the border.
func rawFooterLine(t *testing.T, m *Model) string {
	t.Helper()
	for _, l := range strings.Split(plain(m), "\n") {
		if strings.Contains(l, "lines ") {
			return strings.Trim(l, "┃│ ")
		}
	}
	t.Fatalf("no footer:\n%s", plain(m))
	return ""
}

// At 80 columns the raw footer keeps the hit's "(n/N)" and the columns
// shown whole, leaving out hints rather than being cut at the end.
func TestRawFooterFits(t *testing.T) {
	tests := []struct {
		name   string
		keys   []string
		search string
		want   []string
		not    []string
	}{
		{"cut lines", nil, "", []string{"col 1–78 of", "w wraps", "x XML"}, nil},
		{"cut lines, a hit", nil, "anxiety", []string{"col ", "match 1 of 2", "(n/N)"}, []string{"x XML", "w wraps"}},
		{"wrapped, a hit", []string{"w"}, "anxiety", []string{"match 1 of 2", "(n/N)", "wrapped"}, nil},
		{"a long query", nil, "the emotional fragility of earthenware", []string{"col ", "match 1 of 1 (n/N)"}, []string{"fragility"}},
		{"no match", nil, "porcelain kilns of the song dynasty", []string{"col ", "no match"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newTestModel(t, 80, 24)
			open(t, m, orcidtest.CarberryID)
			press(m, "0")
			press(m, tt.keys...)
			if tt.search != "" {
				press(m, "f")
				typeText(m, tt.search)
				press(m, "enter")
			}
			f := rawFooterLine(t, m)
			if strings.HasSuffix(f, "…") || ansi.StringWidth(f) > m.innerW() {
				t.Errorf("footer cut: %q", f)
			}
			for _, w := range tt.want {
				if !strings.Contains(f, w) {
					t.Errorf("footer %q lacks %q", f, w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(f, w) {
					t.Errorf("footer %q has %q", f, w)
				}
			}
		})
	}
}

// A resize wraps the raw lines again and keeps the same line on top.
func TestRawWrapResizeKeepsTop(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	open(t, m, orcidtest.CarberryID)
	press(m, "0", "w")
	for range 40 {
		press(m, "ctrl+d")
	}
	_, k := m.rawDoc(m.cur)
	top := func() int {
		line, _ := m.rawRowAt(m.cur.rawPos[k].offset, 0)
		return line
	}
	before := top()
	if before < 100 {
		t.Fatalf("the test wants to be far down: line %d", before)
	}
	for _, w := range []int{200, 60, 80} {
		m.SetSize(w, 24)
		if got := top(); got != before {
			t.Errorf("at width %d the top line is %d, was %d", w, got+1, before+1)
		}
	}
}
