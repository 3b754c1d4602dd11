package record

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// Layout inside the border: tab bar, column header, bodyH body lines, footer.
const chromeLines = 3

// labelW is the label column of the person tab and the work detail.
const labelW = 14

func (m *Model) innerW() int { return max(m.w-2, 1) }

// contentW is the width of a row after the cursor marker.
func (m *Model) contentW() int {
	return max(m.innerW()-ansi.StringWidth(m.styles.NoMarker), 1)
}

// relayout rebuilds what View draws after anything but a cursor move:
// size, tab, data, sort or filter, detail, styles.
func (m *Model) relayout() {
	m.bodyH = max(m.h-2-chromeLines, 1)
	if m.wr.form != nil {
		m.wr.form.SetSize(m.innerW(), max(m.h-2, 4))
	}
	keep := m.cursorItem()
	m.lines = nil
	m.colHead = ""
	m.tabBar = m.buildTabBar()
	p := m.cur
	if p == nil || p.data == nil {
		return
	}
	defer keep.restore(m)
	cw := m.contentW()
	switch {
	case p.tab == tabWorks && p.detail != 0:
		if w := p.full[p.detail]; w != nil {
			m.lines = labelled(detailItems(w, m.env()), cw)
		}
		m.colHead = m.detailHead(p)
	case p.tab == tabWorks:
		p.ensureWorkLines(cw)
		m.colHead = m.styles.NoMarker + p.workCols.header(p.sortMode)
	case p.tab == tabPerson:
		m.lines = labelled(p.data.person, cw)
	case p.items.open[p.tab] != 0:
		ref, _ := p.openRef()
		m.lines = labelled(p.items.full[ref], cw)
		m.colHead = m.itemHead(p, ref)
	case p.tab == tabRaw:
		m.colHead = m.rawHead(p)
		if m.rawWidth != m.innerW() {
			m.rawCache = map[int]string{}
			m.rawWidth = m.innerW()
		}
	default:
		specs := listCols(p.tab, cw)
		widths := colWidths(specs, cw)
		heads := make([]string, len(specs))
		dates := -1
		for i, s := range specs {
			heads[i] = s.title
			if s.title == "Dates" && s.fixed < datesW {
				dates = i
			}
		}
		m.colHead = m.styles.NoMarker + formatCols(heads, widths)
		items := p.data.lists[p.tab]
		m.lines = make([]lineData, len(items))
		cells := make([]string, len(specs))
		for i := range items {
			c := items[i].cells
			if dates >= 0 && dates < len(c) {
				// Narrow: months are enough for a date range.
				copy(cells, c)
				cells[dates] = shortDates(c[dates])
				c = cells
			}
			m.lines[i] = lineData{text: formatCols(c, widths), it: &items[i]}
		}
	}
	m.fix()
}

// cursorSpot is the item under the cursor and which of its wrapped lines.
type cursorSpot struct {
	ls   *listState
	it   *item
	line int
}

// cursorItem notes where the cursor is before the lines are rebuilt: a
// resize rewraps the person tab and full items, so the same line number
// can be another item.
func (m *Model) cursorItem() cursorSpot {
	if m.cur == nil || m.cur.data == nil || m.cur.tab == tabRaw {
		return cursorSpot{}
	}
	ls := m.curList()
	if ls.cursor < 0 || ls.cursor >= len(m.lines) || m.lines[ls.cursor].it == nil {
		return cursorSpot{}
	}
	first, _ := m.itemLines(ls.cursor)
	return cursorSpot{ls: ls, it: m.lines[ls.cursor].it, line: ls.cursor - first}
}

// restore puts the cursor back on its item when the same list was
// rebuilt from the same items (a new tab, or new data, keeps the line
// number as before).
func (c cursorSpot) restore(m *Model) {
	if c.it == nil || m.cur.tab == tabRaw || m.curList() != c.ls {
		return
	}
	for i := range m.lines {
		if m.lines[i].it != c.it {
			continue
		}
		n := 0
		for i+n < len(m.lines) && m.lines[i+n].it == c.it {
			n++
		}
		c.ls.cursor = i + min(c.line, n-1)
		m.fix()
		return
	}
}

// fix clamps the cursor and offset of what is shown and fills the raw line
// cache for the visible window. Cheap: it runs after every move.
func (m *Model) fix() {
	p := m.cur
	if p == nil || p.data == nil {
		return
	}
	if p.tab == tabRaw {
		d, k := m.rawDoc(p)
		if d == nil {
			return
		}
		pos := p.rawPos[k]
		if m.rawWrap && m.wrapDoc == d && m.wrapW != m.innerW() {
			// A resize wraps the lines again: the same cell stays on top.
			line, col := m.rawRowAt(pos.offset, 0)
			m.ensureWrap(d)
			pos.offset = m.rawRowOf(line, col)
		}
		m.ensureWrap(d)
		n := m.rawRowCount(d)
		pos.offset = clamp(pos.offset, 0, max(n-m.bodyH, 0))
		pos.x = clamp(pos.x, 0, max(d.width-m.innerW(), 0))
		p.rawPos[k] = pos
		if len(m.rawCache) > 8*m.bodyH {
			m.rawCache = map[int]string{}
		}
		for i := pos.offset; i < pos.offset+m.bodyH && i < n; i++ {
			if _, ok := m.rawCache[i]; !ok {
				m.rawCache[i] = m.renderRawRow(p, d, i, pos.x)
			}
		}
		return
	}
	ls := m.curList()
	n := m.lineCount()
	ls.cursor = clamp(ls.cursor, 0, max(n-1, 0))
	if ls.cursor < ls.offset {
		ls.offset = ls.cursor
	}
	if ls.cursor >= ls.offset+m.bodyH {
		ls.offset = ls.cursor - m.bodyH + 1
	}
	// A wrapped item (a long keyword, a biography) shows whole when it
	// fits: after a write or a jump the cursor is on its first line, and
	// only that line would scroll into view.
	if first, last := m.itemLines(ls.cursor); last-first < m.bodyH {
		if last >= ls.offset+m.bodyH {
			ls.offset = last - m.bodyH + 1
		}
		ls.offset = min(ls.offset, first)
	}
	ls.offset = clamp(ls.offset, 0, max(n-m.bodyH, 0))
}

// itemLines is the first and last line of the item on line i of m.lines
// (i itself when the line is no item's, or the works list is shown).
func (m *Model) itemLines(i int) (first, last int) {
	if i < 0 || i >= len(m.lines) || m.lines[i].it == nil || (m.cur.tab == tabWorks && m.cur.detail == 0) {
		return i, i
	}
	it := m.lines[i].it
	first, last = i, i
	for first > 0 && m.lines[first-1].it == it {
		first--
	}
	for last+1 < len(m.lines) && m.lines[last+1].it == it {
		last++
	}
	return first, last
}

// curList is the cursor state of what is shown.
func (m *Model) curList() *listState {
	p := m.cur
	if p.tab == tabWorks && p.detail != 0 {
		return &p.detailPos
	}
	if _, open := p.openRef(); open {
		return p.itemPos()
	}
	return &p.lists[p.tab]
}

// lineCount is the number of lines of what is shown.
func (m *Model) lineCount() int {
	p := m.cur
	if p == nil || p.data == nil {
		return 0
	}
	switch {
	case p.tab == tabRaw:
		if d, _ := m.rawDoc(p); d != nil {
			return m.rawRowCount(d)
		}
		return 0
	case p.tab == tabWorks && p.detail == 0:
		return len(p.order)
	}
	return len(m.lines)
}

func (m *Model) rawDoc(p *page) (*rawDoc, rawKey) {
	k := rawKey{p.rawRes, p.rawFmt}
	return p.raws[k], k
}

// renderRaw draws cells [x, to) of line i of d, with its search hits.
func (m *Model) renderRaw(p *page, d *rawDoc, i, x, to int) string {
	lo := sort.Search(len(p.matches), func(j int) bool { return p.matches[j].line >= i })
	hi := lo
	for hi < len(p.matches) && p.matches[hi].line == i {
		hi++
	}
	cur := -1
	if p.matchCur >= lo && p.matchCur < hi {
		cur = p.matchCur - lo
	}
	s := renderRawLine(d, &d.lines[i], p.matches[lo:hi], cur, m.styles)
	if x > 0 || m.rawWrap {
		// Wrapped, every piece is cut exactly: the next row goes on.
		return common.Cut(s, x, to)
	}
	return common.Truncate(s, to, "…")
}

// labelled lays label/value items out in two columns, wrapping values that
// ask for it.
func labelled(items []item, cw int) []lineData {
	vw := max(cw-labelW, 8)
	var out []lineData
	for i := range items {
		it := &items[i]
		label, value := it.cells[0], it.cells[1]
		if it.wrap {
			for j, l := range wrap(value, vw) {
				lab := ""
				if j == 0 {
					lab = label
				}
				out = append(out, lineData{text: common.Fit(lab, labelW) + l, it: it})
			}
			continue
		}
		out = append(out, lineData{text: common.Fit(label, labelW) + truncate(value, vw), it: it})
	}
	return out
}

// colSpec is one column of a list tab: fixed width, or a share of the rest.
type colSpec struct {
	title       string
	fixed, flex int
}

// datesW fits "2019-09-01 – 2023-08-31"; shortDatesW "2019-09 – 2023-08".
const (
	datesW      = 23
	shortDatesW = 17
)

func listCols(t tabID, w int) []colSpec {
	dw := datesW
	if w < 120 {
		dw = shortDatesW
	}
	switch t {
	case tabFunding:
		return []colSpec{{"Title", 0, 5}, {"Type", 10, 0}, {"Organisation", 0, 3}, {"Dates", dw, 0}, {"Grant", 0, 2}}
	case tabPeerReview:
		return []colSpec{{"Completed", 10, 0}, {"Role", 8, 0}, {"Type", 10, 0}, {"Group", 0, 3}, {"Convening organisation", 0, 3}}
	case tabResources:
		return []colSpec{{"Title", 0, 4}, {"Hosts", 0, 3}, {"Dates", dw, 0}}
	}
	return []colSpec{{"Organisation", 0, 4}, {"Role", 0, 3}, {"Department", 0, 3}, {"Dates", dw, 0}, {"Place", 0, 3}}
}

// shortDates drops the days from a date range: "2019-09-01 – present"
// becomes "2019-09 – present".
func shortDates(s string) string {
	parts := strings.Split(s, " – ")
	for i, p := range parts {
		if len(p) == 10 && p[4] == '-' && p[7] == '-' {
			parts[i] = p[:7]
		}
	}
	return strings.Join(parts, " – ")
}

func colWidths(specs []colSpec, w int) []int {
	rest := w - 2*(len(specs)-1)
	flex := 0
	for _, s := range specs {
		rest -= s.fixed
		flex += s.flex
	}
	rest = max(rest, 0)
	out := make([]int, len(specs))
	used := 0
	last := -1
	for i, s := range specs {
		if s.fixed > 0 {
			out[i] = s.fixed
			continue
		}
		out[i] = max(rest*s.flex/flex, 3)
		used += out[i]
		last = i
	}
	if last >= 0 && used < rest {
		out[last] += rest - used
	}
	return out
}

func formatCols(cells []string, widths []int) string {
	var b strings.Builder
	for i, w := range widths {
		if i > 0 {
			b.WriteString("  ")
		}
		c := ""
		if i < len(cells) {
			c = cells[i]
		}
		b.WriteString(common.Fit(c, w))
	}
	return strings.TrimRight(b.String(), " ")
}

// buildTabBar draws the tabs with their counts, shortening names and then
// scrolling around the active tab when the width is not enough.
func (m *Model) buildTabBar() string {
	m.tabHits = m.tabHits[:0]
	p := m.cur
	if p == nil || p.data == nil {
		return ""
	}
	label := func(t tabID, names *[numTabs]string) string {
		s := names[t]
		if t != tabPerson && t != tabRaw {
			s += " " + common.Count(p.data.counts[t])
		}
		return s
	}
	w := m.innerW()
	build := func(names *[numTabs]string) []string {
		out := make([]string, numTabs)
		for t := range numTabs {
			out[t] = label(t, names)
		}
		return out
	}
	total := func(ls []string) int {
		n := 2 * (len(ls) - 1)
		for _, l := range ls {
			n += ansi.StringWidth(l)
		}
		return n
	}
	labels := build(&tabNames)
	if total(labels) > w {
		labels = build(&tabMedium)
	}
	if total(labels) > w {
		labels = build(&tabShort)
	}
	from, to := 0, int(numTabs)
	// span is the width of labels[from:to] with the ‹ › markers it needs.
	span := func(from, to int) int {
		n := total(labels[from:to])
		if from > 0 {
			n += 2
		}
		if to < int(numTabs) {
			n += 2
		}
		return n
	}
	switch {
	case total(labels) <= w:
	case m.barPin.p == p && m.barPin.tab == p.tab && m.barPin.w == w:
		// Scrolled with a click on ‹ or ›: from the pinned tab rightwards.
		from = clamp(m.barPin.from, 0, int(numTabs)-1)
		to = from + 1
		for to < int(numTabs) && span(from, to+1) <= w {
			to++
		}
		for to == int(numTabs) && from > 0 && span(from-1, to) <= w {
			from-- // the end reached: fill the bar leftwards
		}
	default:
		// Widen a window around the active tab while it fits, leaving room
		// for the ‹ › markers.
		from, to = int(p.tab), int(p.tab)+1
		width := ansi.StringWidth(labels[p.tab]) + 4
		for {
			grew := false
			if to < int(numTabs) && width+2+ansi.StringWidth(labels[to]) <= w {
				width += 2 + ansi.StringWidth(labels[to])
				to++
				grew = true
			}
			if from > 0 && width+2+ansi.StringWidth(labels[from-1]) <= w {
				from--
				width += 2 + ansi.StringWidth(labels[from])
				grew = true
			}
			if !grew {
				break
			}
		}
	}
	// Where each tab and marker is, for clicks: x counts cells from the
	// pane's left border, which is at 0.
	x := 1
	hit := func(width int, h tabHit) {
		h.x0, h.x1 = x, x+width
		m.tabHits = append(m.tabHits, h)
		x += width
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString(m.styles.Dim.Render("‹ "))
		// Scrolling back to show the tabs before from.
		back := from - 1
		for back > 0 && span(back-1, from) <= w {
			back--
		}
		hit(2, tabHit{tab: -1, from: back})
	}
	for t := from; t < to; t++ {
		if t > from {
			b.WriteString("  ")
			x += 2
		}
		if tabID(t) == p.tab {
			b.WriteString(m.styles.TabActive.Render(labels[t]))
		} else {
			b.WriteString(m.styles.TabInactive.Render(labels[t]))
		}
		hit(ansi.StringWidth(labels[t]), tabHit{tab: tabID(t)})
	}
	if to < int(numTabs) {
		b.WriteString(m.styles.Dim.Render(" ›"))
		hit(2, tabHit{tab: -1, from: to})
	}
	return b.String()
}

func (m *Model) detailHead(p *page) string {
	i := p.workIndex(p.detail)
	s := "Work"
	if i >= 0 {
		s = fmt.Sprintf("Work %s of %s", common.Count(i+1), common.Count(len(p.order)))
	}
	return s + " · esc back to the list"
}

func (m *Model) rawHead(p *page) string {
	what := "record"
	switch {
	case p.rawRes == "works":
		what = "works"
	case strings.HasPrefix(p.rawRes, "work/"):
		what = "work " + strings.TrimPrefix(p.rawRes, "work/")
	default:
		if kind, pc, ok := itemResource(p.rawRes); ok {
			what = kind + " " + strconv.FormatInt(pc, 10)
		}
	}
	s := what + " · " + fmtName(p.rawFmt)
	if d, _ := m.rawDoc(p); d != nil {
		s += " · " + sizeText(d.size) + " · " + d.url
	}
	return s
}

func sizeText(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// title is the pane title: the name and the bare iD, as in the design's
// sketch. The iD's URI is on the Person tab and is what o opens.
func (m *Model) title() string {
	p := m.cur
	if p == nil {
		return "Record"
	}
	if p.data != nil && p.data.name != "" {
		return p.data.name + " · " + string(p.id)
	}
	return string(p.id)
}

// View draws the pane: pure, and only the visible lines.
func (m *Model) View() string {
	info := ""
	if m.cur.busy() {
		info = m.spin.View() + " loading"
	} else if m.cur != nil {
		if n := len(m.back); n > 0 {
			info = "esc back"
		}
		if f := m.fetchedInfo(); f != "" {
			info = strings.TrimPrefix(info+" · "+f, " · ")
		}
	}
	if m.cur == nil {
		// Nothing open: just the sentence, so the pane can be small and
		// leave the room to the search results.
		lines := []string{""}
		for _, l := range wrap(noRecordText, m.innerW()-2) {
			lines = append(lines, " "+l)
		}
		if len(lines) > m.h-2 {
			lines = lines[1:]
		}
		return m.styles.Box(m.title(), info, strings.Join(lines, "\n"), m.w, m.h, m.focused)
	}
	if m.wr.form != nil || m.wr.choose != nil {
		return m.styles.Box(m.title(), info, m.formView(), m.w, m.h, m.focused)
	}
	var b strings.Builder
	b.Grow((m.w + 16) * m.h)
	b.WriteString(m.tabBar)
	b.WriteByte('\n')
	b.WriteString(m.styles.Header.Render(m.colHead))
	b.WriteByte('\n')
	foot := m.footer()
	if extra := strings.Count(foot, "\n"); extra > 0 {
		// A wrapped notice covers the last lines of the body.
		var body strings.Builder
		m.viewBody(&body)
		rows := strings.Split(body.String(), "\n")
		b.WriteString(strings.Join(rows[:max(len(rows)-extra, 0)], "\n"))
	} else {
		m.viewBody(&b)
	}
	b.WriteByte('\n')
	b.WriteString(foot)
	return m.styles.Box(m.title(), info, b.String(), m.w, m.h, m.focused)
}

// noticeView is the notice wrapped to the pane, on at most bodyH lines
// (the last of them in place of the footer): a refusal ends with what to
// do, so it is not cut at the pane's edge.
func (m *Model) noticeView() string {
	lines := wrap(m.notice, m.innerW())
	if n := m.bodyH; len(lines) > n {
		lines = lines[:n]
		lines[n-1] = common.Truncate(lines[n-1], m.innerW()-1, "") + "…"
	}
	for i, l := range lines {
		lines[i] = m.styles.Dim.Render(l)
	}
	return strings.Join(lines, "\n")
}

const noRecordText = "No record open. Search for someone and press enter, or paste an iD into the search."

// viewBody writes exactly bodyH lines (the last without a newline).
func (m *Model) viewBody(b *strings.Builder) {
	p := m.cur
	n := 0
	nl := func(s string) {
		if n > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s)
		n++
	}
	defer func() {
		for n < m.bodyH {
			nl("")
		}
	}()
	if p == nil {
		nl("")
		// Wrapped, not cut: at 80 columns the sentence is wider than the pane.
		for _, l := range wrap(noRecordText, m.innerW()-2) {
			nl(" " + l)
		}
		return
	}
	if p.data == nil {
		nl("")
		switch {
		case p.loading:
			nl(" " + m.spin.View() + " Loading " + string(p.id) + " …")
		case p.err != nil:
			for _, l := range m.errorLines(p) {
				nl(" " + l)
			}
		}
		return
	}
	switch {
	case p.tab == tabRaw:
		d, k := m.rawDoc(p)
		if d == nil {
			nl("")
			if why := p.rawErrs[k]; why != "" {
				nl(" " + m.styles.Error.Render(why))
				nl(" " + m.styles.Dim.Render("R reloads the record and its bodies"))
			} else {
				nl(" " + m.spin.View() + " Loading the " + fmtName(k.format) + " …")
			}
			return
		}
		pos := p.rawPos[k]
		for i := pos.offset; i < pos.offset+m.bodyH && i < m.rawRowCount(d); i++ {
			s, ok := m.rawCache[i]
			if !ok {
				line, _ := m.rawRowAt(i, pos.x)
				s = truncate(d.lines[line].text, m.innerW())
			}
			nl(s)
		}
		return
	case p.tab == tabWorks && p.detail != 0 && p.full[p.detail] == nil:
		nl("")
		if why := p.failed[p.detail]; why != "" {
			nl(" " + m.styles.Error.Render("This work could not be read: "+why))
		} else if p.bulkErr != "" && !p.pending[p.detail] {
			nl(" " + m.styles.Error.Render(p.bulkErr))
			nl(" " + m.styles.Dim.Render("enter tries again"))
		} else {
			nl(" " + m.spin.View() + " Loading the full work …")
		}
		return
	case p.items.open[p.tab] != 0 && p.items.full[itemRef{p.tab, p.items.open[p.tab]}] == nil:
		nl("")
		for _, l := range m.itemStatusLines(p, itemRef{p.tab, p.items.open[p.tab]}) {
			nl(" " + l)
		}
		return
	}
	count := m.lineCount()
	if count == 0 {
		nl("")
		nl(" " + m.styles.Dim.Render(emptyText(p)))
		return
	}
	ls := m.curList()
	cw := m.contentW()
	for i := ls.offset; i < ls.offset+m.bodyH && i < count; i++ {
		var text string
		head := false
		if p.tab == tabWorks && p.detail == 0 {
			text = p.workLines[p.order[i]]
		} else {
			text, head = m.lines[i].text, m.lines[i].head
		}
		switch {
		case i == ls.cursor && m.focused:
			nl(m.styles.Marker + m.styles.Selected.Render(common.Fit(text, cw)))
		case i == ls.cursor:
			nl(m.styles.Marker + text)
		case head:
			nl(m.styles.NoMarker + m.styles.Header.Render(text))
		default:
			nl(m.styles.NoMarker + text)
		}
	}
}

func emptyText(p *page) string {
	switch p.tab {
	case tabWorks:
		if p.filter != "" {
			return "No works match “" + p.filter + "” (esc clears the filter)"
		}
		return "No public works"
	case tabPerson:
		return "Nothing public in the person section"
	case tabFunding:
		return "No public funding"
	case tabPeerReview:
		return "No public peer reviews"
	case tabResources:
		return "No public research resources"
	}
	return "No public " + strings.ToLower(tabNames[p.tab])
}

// errorLines says in plain words why p's record could not be shown.
func (m *Model) errorLines(p *page) []string {
	if primary := mergedPrimary(p.err); primary != "" {
		var me *orcid.MergedError
		dep := string(p.id)
		if errors.As(p.err, &me) && me.Deprecated != "" {
			dep = string(me.Deprecated)
		}
		return []string{
			m.styles.Warning.Render(dep + " was merged into " + string(primary)),
			"",
			"enter opens " + string(primary),
		}
	}
	// Wrapped, not cut: the reason is the one thing to read on this screen.
	var out []string
	for _, l := range wrap(common.Sentence(p.errText), m.innerW()-2) {
		out = append(out, m.styles.Error.Render(l))
	}
	hint := "R tries again"
	if len(m.back) > 0 {
		hint += " · esc goes back"
	}
	out = append(out, "", m.styles.Dim.Render(hint))
	return out
}

// footer is the last line: the text input, a notice, or where we are.
func (m *Model) footer() string {
	if m.mode != inputNone {
		return m.input.View()
	}
	if s := m.writeFooter(); s != "" {
		return s
	}
	if m.footerDialog() {
		return m.exp.dlg.View(m.innerW())
	}
	if m.notice != "" {
		return m.noticeView()
	}
	p := m.cur
	if p == nil || p.data == nil {
		return ""
	}
	if p.err != nil {
		return m.styles.Error.Render("Reload failed: " + p.errText)
	}
	switch {
	case p.tab == tabRaw:
		d, k := m.rawDoc(p)
		if d == nil {
			return ""
		}
		return m.styles.Dim.Render(m.rawFooter(p, d, k))
	case p.tab == tabWorks && p.detail == 0:
		n := len(p.order)
		s := fmt.Sprintf("%s of %s", common.Count(min(p.lists[tabWorks].cursor+1, n)), common.Count(n))
		if p.filter != "" {
			s += fmt.Sprintf(" (filtered from %s: “%s”)", common.Count(len(p.data.works)), p.filter)
		}
		s += " · sorted by " + sortNames[p.sortMode]
		if len(p.pending) > 0 {
			// Full works arrive in bulk reads of 100 while this shows.
			s += fmt.Sprintf(" · full works %s of %s", common.Count(len(p.full)), common.Count(len(p.data.works)))
		}
		out := m.styles.Dim.Render(s)
		if p.bulkErr != "" {
			out += "  " + m.styles.Error.Render(p.bulkErr)
		}
		return out
	}
	if p.tab == tabWorks && len(p.pending) > 0 {
		// A work's detail waiting for its bulk read.
		return m.styles.Dim.Render(fmt.Sprintf("full works %s of %s", common.Count(len(p.full)), common.Count(len(p.data.works))))
	}
	// The Person tab, the other sections and a work's detail: where the
	// view is, when there is more than fits.
	if n := m.lineCount(); n > m.bodyH {
		ls := m.curList()
		return m.styles.Dim.Render(fmt.Sprintf("lines %s–%s of %s · j/k scroll",
			common.Count(ls.offset+1), common.Count(min(ls.offset+m.bodyH, n)), common.Count(n)))
	}
	return ""
}
