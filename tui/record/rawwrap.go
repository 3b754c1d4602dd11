package record

import (
	"fmt"
	"sort"

	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/tui/common"
)

// The raw view shows long lines either cut, scrolled sideways with ←/→, or
// wrapped (w). Rows are what the view scrolls through: a body's lines, or
// with wrapping the pieces of them one pane wide.

// rawRow is one row of the wrapped raw view: line of the body from cell x.
type rawRow struct{ line, x int }

// ensureWrap builds the wrapped rows of d for the pane's width when
// wrapping is on and they were built for another body or width. It runs in
// Update; the widths of the lines were measured when the body arrived.
func (m *Model) ensureWrap(d *rawDoc) {
	w := m.innerW()
	if !m.rawWrap || d == nil || (m.wrapDoc == d && m.wrapW == w) {
		return
	}
	rows := make([]rawRow, 0, len(d.lines))
	for i := range d.lines {
		rows = append(rows, rawRow{i, 0})
		for x := w; x < d.lines[i].width; x += w {
			rows = append(rows, rawRow{i, x})
		}
	}
	m.wrapDoc, m.wrapW, m.wrapRows = d, w, rows
	m.rawCache = map[int]string{}
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
		return r.line, r.x
	}
	return i, x
}

// rawRowOf is the first row showing cell col of line.
func (m *Model) rawRowOf(line, col int) int {
	if !m.rawWrap {
		return line
	}
	i := sort.Search(len(m.wrapRows), func(j int) bool {
		r := m.wrapRows[j]
		return r.line > line || (r.line == line && r.x+m.wrapW > col)
	})
	return min(i, max(len(m.wrapRows)-1, 0))
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

// rawPosition is the raw view's footer position: the lines shown and,
// when lines are cut, the columns shown ("col 81–160 of 5,120").
func (m *Model) rawPosition(p *page, d *rawDoc, k rawKey) string {
	pos := p.rawPos[k]
	n := m.rawRowCount(d)
	if len(d.lines) == 0 || n == 0 {
		return "empty"
	}
	first, _ := m.rawRowAt(min(pos.offset, n-1), 0)
	last, _ := m.rawRowAt(min(pos.offset+m.bodyH, n)-1, 0)
	s := fmt.Sprintf("lines %s–%s of %s", common.Count(first+1), common.Count(last+1), common.Count(len(d.lines)))
	switch {
	case m.rawWrap:
		s += " · wrapped (w)"
	case d.width > m.innerW():
		s += fmt.Sprintf(" · col %s–%s of %s", common.Count(pos.x+1), common.Count(min(pos.x+m.innerW(), d.width)), common.Count(d.width))
	}
	return s
}

// matchCols is the cells [from, to) of match mt in its line.
func matchCols(d *rawDoc, mt match) (from, to int) {
	t := d.lines[mt.line].text
	from = ansi.StringWidth(t[:mt.start])
	return from, from + ansi.StringWidth(t[mt.start:mt.end])
}
