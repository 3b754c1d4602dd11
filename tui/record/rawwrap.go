package record

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/tui/common"
)

// The raw view shows long lines either cut, scrolled sideways with ←/→, or
// wrapped (w). Rows are what the view scrolls through: a body's lines, or
// with wrapping the pieces of them one pane wide.

// rawRow is one row of the wrapped raw view: the cells [x, end) of line.
// int32 keeps the rows of a 13,000-work record small.
type rawRow struct{ line, x, end int32 }

// ensureWrap builds the wrapped rows of d for the pane's width when
// wrapping is on and they were built for another body or width. It runs in
// Update; the widths of the lines were measured when the body arrived, so
// only the lines wider than the pane are read again.
func (m *Model) ensureWrap(d *rawDoc) {
	w := m.innerW()
	if !m.rawWrap || d == nil || (m.wrapDoc == d && m.wrapW == w) {
		return
	}
	rows := make([]rawRow, 0, len(d.lines))
	for i := range d.lines {
		l := &d.lines[i]
		if int(l.width) <= w {
			rows = append(rows, rawRow{int32(i), 0, int32(l.width)})
			continue
		}
		rows = wrapRawLine(rows, int32(i), l.text, w)
	}
	m.wrapDoc, m.wrapW, m.wrapRows = d, w, rows
	m.rawCache = map[int]string{}
}

// hangOf is how far the rows after a line's first are indented: as far as
// the line itself, so wrapped JSON and XML keep their shape, but never more
// than half the pane.
func hangOf(s string, w int) int {
	n := 0
	for n < len(s) && s[n] == ' ' {
		n++
	}
	return min(n, w/2)
}

// wrapRawLine appends the rows of line i (text s, wider than w cells):
// each ends at the last space or punctuation that fits, and only a token
// longer than the row (a long URL, base64) is cut where the row ends. The
// indentation is no place to break.
func wrapRawLine(rows []rawRow, i int32, s string, w int) []rawRow {
	indent := 0
	for indent < len(s) && s[indent] == ' ' {
		indent++
	}
	hang := hangOf(s, w)
	ascii := isASCII(s)
	x0, avail := 0, w    // the row under way starts at cell x0, avail cells wide
	brk := -1            // the last cell a row may end at, after x0
	soft, softB := -1, 0 // the last of those after a space or before a tag, and its byte
	var prev byte
	for b, c := 0, 0; b < len(s); {
		g, gw := s[b:b+1], 1
		if !ascii {
			g, gw = ansi.FirstGraphemeCluster(s[b:], ansi.GraphemeWidth)
		}
		if len(g) == 1 && g[0] == '<' && c > indent {
			brk, soft, softB = c, c, b // XML: before a tag
		}
		for c+gw-x0 > avail {
			end := c // a token too long for a row: cut where the row ends
			switch {
			case soft > x0 && brk > soft && wordFits(s, softB, b, w-hang):
				// A space or a tag beats a URL's slash after it when the
				// whole URL fits on the next row.
				end = soft
			case brk > x0:
				end = brk
			case c == x0:
				end = c + gw // a wide character in a pane narrower than it
			}
			rows = append(rows, rawRow{i, int32(x0), int32(end)})
			x0, avail, brk, soft = end, w-hang, -1, -1
		}
		c += gw
		b += len(g)
		if len(g) == 1 && c > indent && breaksAfter(g[0], prev) {
			brk = c
			if g[0] == ' ' {
				soft, softB = c, b
			}
		}
		if len(g) == 1 {
			prev = g[0]
		} else {
			prev = 0
		}
	}
	return append(rows, rawRow{i, int32(x0), int32(ansi.StringWidth(s))})
}

// wordFits says whether s from byte from to the end of the word under way
// at byte at (up to the next space or tag) is at most w cells.
func wordFits(s string, from, at, w int) bool {
	end := strings.IndexAny(s[at:], " <")
	if end < 0 {
		end = len(s) - at
	}
	return ansi.StringWidth(s[from:at+end]) <= w
}

// breaksAfter says whether a row may end after c (which follows prev): a
// space, JSON's and XML's separators and the parts of a URL. Not a hyphen:
// it joins the words of JSON keys, XML names and dates; nor the slash of
// an XML end tag.
func breaksAfter(c, prev byte) bool {
	switch c {
	case ' ', ',', ';', '&', '?', '>', '|':
		return true
	case '/':
		return prev != '<'
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// rawRowCount is how many rows the raw view of d scrolls through.
func (m *Model) rawRowCount(d *rawDoc) int {
	if m.rawWrap && m.wrapDoc == d {
		return len(m.wrapRows)
	}
	return len(d.lines)
}

// rawRowAt is the line and first cell of row i; x is the sideways position
// when not wrapping.
func (m *Model) rawRowAt(i, x int) (line, col int) {
	if m.rawWrap && i < len(m.wrapRows) {
		r := m.wrapRows[i]
		return int(r.line), int(r.x)
	}
	return i, x
}

// renderRawRow draws row i of d, from cell x when lines are cut.
func (m *Model) renderRawRow(p *page, d *rawDoc, i, x int) string {
	if !m.rawWrap || i >= len(m.wrapRows) {
		return m.renderRaw(p, d, i, x, x+m.innerW())
	}
	r := m.wrapRows[i]
	s := m.renderRaw(p, d, int(r.line), int(r.x), int(r.end))
	if r.x > 0 {
		if hang := hangOf(d.lines[r.line].text, m.wrapW); hang > 0 {
			s = blanks(hang) + s
		}
	}
	return s
}

// spaces is sliced for the indentation of wrapped rows, which are drawn
// while scrolling.
var spaces = strings.Repeat(" ", 128)

func blanks(n int) string {
	if n <= len(spaces) {
		return spaces[:n]
	}
	return strings.Repeat(" ", n)
}

// rawRowOf is the row showing cell col of line.
func (m *Model) rawRowOf(line, col int) int {
	if !m.rawWrap {
		return line
	}
	// The last row that starts at or before (line, col).
	i := sort.Search(len(m.wrapRows), func(j int) bool {
		r := m.wrapRows[j]
		return int(r.line) > line || (int(r.line) == line && int(r.x) > col)
	}) - 1
	return clamp(i, 0, max(len(m.wrapRows)-1, 0))
}

// toggleWrap is w: wrap long lines or cut them, keeping the top line.
func (m *Model) toggleWrap() {
	p := m.cur
	d, k := m.rawDoc(p)
	if d == nil {
		m.rawWrap = !m.rawWrap
		return
	}
	m.ensureWrap(d)
	pos := p.rawPos[k]
	top, _ := m.rawRowAt(pos.offset, 0)
	m.rawWrap = !m.rawWrap
	m.wrapDoc = nil
	m.ensureWrap(d)
	pos.offset = m.rawRowOf(top, 0)
	p.rawPos[k] = pos
	m.rawCache = map[int]string{}
	m.fix()
}

// rawFooter is the raw view's footer: the lines and columns shown
// ("col 81–160 of 5,120"), the search's hit and, room permitting, hints.
// When the pane is narrow the hints go first, then the query from the
// hit's words: cut at the end, the footer lost the hit's "(n/N)".
func (m *Model) rawFooter(p *page, d *rawDoc, k rawKey) string {
	type part struct {
		s     string
		drop  int    // the highest goes first; 0 stays
		short string // what stays of s when it goes; "" leaves it out
	}
	parts := make([]part, 0, 5)
	pos := p.rawPos[k]
	n := m.rawRowCount(d)
	if len(d.lines) == 0 || n == 0 {
		parts = append(parts, part{s: "empty"})
	} else {
		first, _ := m.rawRowAt(min(pos.offset, n-1), 0)
		last, _ := m.rawRowAt(min(pos.offset+m.bodyH, n)-1, 0)
		parts = append(parts, part{s: fmt.Sprintf("lines %s–%s of %s", common.Count(first+1), common.Count(last+1), common.Count(len(d.lines)))})
		switch {
		case m.rawWrap:
			parts = append(parts, part{s: "wrapped (w)", drop: 2, short: "wrapped"})
		case d.width > m.innerW():
			parts = append(parts, part{s: fmt.Sprintf("col %s–%s of %s", common.Count(pos.x+1), common.Count(min(pos.x+m.innerW(), d.width)), common.Count(d.width))},
				part{s: "w wraps", drop: 2}) // the key line has no room for w
		}
	}
	switch {
	case p.search == "":
	case len(p.matches) == 0:
		parts = append(parts, part{s: "no match for “" + p.search + "”", drop: 1, short: "no match"})
	default:
		hit := fmt.Sprintf("match %s of %s", common.Count(p.matchCur+1), common.Count(len(p.matches)))
		parts = append(parts, part{s: hit + " for “" + p.search + "” (n/N)", drop: 1, short: hit + " (n/N)"})
	}
	// The key line says x too, with the format it switches to.
	parts = append(parts, part{s: "x " + fmtName(otherFormat(p.rawFmt)), drop: 3})
	join := func() string {
		var b strings.Builder
		for _, pt := range parts {
			if pt.s == "" {
				continue
			}
			if b.Len() > 0 {
				b.WriteString(" · ")
			}
			b.WriteString(pt.s)
		}
		return b.String()
	}
	s := join()
	for drop := 3; drop > 0 && ansi.StringWidth(s) > m.innerW(); drop-- {
		for i := range parts {
			if parts[i].drop == drop {
				parts[i].s = parts[i].short
			}
		}
		s = join()
	}
	return s
}

// matchCols is the cells [from, to) of match mt in its line.
func matchCols(d *rawDoc, mt match) (from, to int) {
	t := d.lines[mt.line].text
	from = ansi.StringWidth(t[:mt.start])
	return from, from + ansi.StringWidth(t[mt.start:mt.end])
}
