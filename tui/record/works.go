package record

import (
	"cmp"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/tui/common"
)

// Sort modes of the works list; s cycles through them.
const (
	sortYearDesc = iota
	sortYearAsc
	sortTitleAsc
	sortTitleDesc
	sortTypeAsc
	sortTypeDesc
	numSorts
)

var sortNames = [numSorts]string{"year ↓", "year ↑", "title ↑", "title ↓", "type ↑", "type ↓"}

// applyOrder sorts and filters p's works into p.order, keeping the cursor on
// the same work when it is still listed. It runs in Update, once per change.
func (m *Model) applyOrder(p *page) {
	if p.data == nil {
		p.order = nil
		return
	}
	var curPC int64
	ls := &p.lists[tabWorks]
	if ls.cursor < len(p.order) {
		curPC = p.data.works[p.order[ls.cursor]].putCode
	}
	ws := p.data.works
	terms := strings.Fields(strings.ToLower(p.filter))
	order := make([]int, 0, len(ws))
	for i := range ws {
		ok := true
		for _, t := range terms {
			if !strings.Contains(ws[i].key, t) {
				ok = false
				break
			}
		}
		if ok {
			order = append(order, i)
		}
	}
	byDate := func(a, b int) int {
		if c := cmp.Compare(ws[a].date, ws[b].date); c != 0 {
			return c
		}
		return naturalCompare(ws[a].ltitle, ws[b].ltitle)
	}
	byTitle := func(a, b int) int {
		if c := naturalCompare(ws[a].ltitle, ws[b].ltitle); c != 0 {
			return c
		}
		return -cmp.Compare(ws[a].date, ws[b].date)
	}
	byType := func(a, b int) int {
		if c := cmp.Compare(ws[a].cells[1], ws[b].cells[1]); c != 0 {
			return c
		}
		return -cmp.Compare(ws[a].date, ws[b].date)
	}
	var f func(a, b int) int
	switch p.sortMode {
	case sortYearDesc:
		f = func(a, b int) int { return -byDate(a, b) }
	case sortYearAsc:
		f = byDate
	case sortTitleAsc:
		f = byTitle
	case sortTitleDesc:
		f = func(a, b int) int { return -byTitle(a, b) }
	case sortTypeAsc:
		f = byType
	default:
		f = func(a, b int) int { return -byType(a, b) }
	}
	// Works without a date go last whatever the direction.
	g := func(a, b int) int {
		if p.sortMode <= sortYearAsc {
			da, db := ws[a].date == "", ws[b].date == ""
			if da != db {
				if da {
					return 1
				}
				return -1
			}
		}
		if c := f(a, b); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	}
	slices.SortStableFunc(order, g)
	p.order = order
	ls.cursor = 0
	if curPC != 0 {
		for i, wi := range order {
			if ws[wi].putCode == curPC {
				ls.cursor = i
				break
			}
		}
	}
}

// workCols lays the works columns out for width w (marker excluded).
type workCols struct{ year, typ, title, journal, doi int }

// Widths that decide what the works list gives up first: the DOI is cut
// last (it identifies the work; the title is still there to read), down to
// what leaves the title minTitleW cells; the journal appears only when the
// title still gets titleRoomForJournal cells; the DOI grows to doiW, which
// fits most DOIs.
const (
	doiW                = 32
	journalW            = 30
	titleRoomForJournal = 60
	minTitleW           = 20
)

// workColumns lays the columns out for width w; typ, title, journal and doi
// are the widest of each among the works, so no column is wider than what it
// holds and room the titles do not need goes to the journal and the DOI.
func workColumns(w, typ, title, journal, doi int) workCols {
	// 5: room for "Type↑". rest: the title, journal, DOI and their gaps.
	c := workCols{year: 5, typ: clamp(typ, 5, typeW)}
	rest := w - c.year - c.typ - 3
	doi = min(doi, doiW)
	if doi > 0 && rest >= minTitleW+2+10 {
		c.doi = min(doi, rest-2-minTitleW)
	}
	if c.doi > 0 {
		c.doi = max(c.doi, 3) // "DOI"
	}
	if journal > 0 && rest-c.doi-2 >= titleRoomForJournal+2+16 {
		c.journal = max(min(journal, journalW, (rest-c.doi-4)/3), 7) // "Journal"
	}
	c.title = rest
	if c.doi > 0 {
		c.title -= c.doi + 2
	}
	if c.journal > 0 {
		c.title -= c.journal + 2
	}
	c.title = max(c.title, 1)
	// Room the longest title does not need widens the journal and the DOI.
	if spare := c.title - max(title, 5); spare > 0 { // 5: "Title"
		if c.journal > 0 && journal > c.journal {
			add := min(spare, journal-c.journal)
			c.journal += add
			c.title -= add
			spare -= add
		}
		if c.doi > 0 && doi > c.doi {
			add := min(spare, doi-c.doi)
			c.doi += add
			c.title -= add
		}
	}
	return c
}

func (c workCols) format(cells []string) string {
	var b strings.Builder
	b.WriteString(common.Fit(cells[0], c.year))
	b.WriteString(" ")
	b.WriteString(common.Fit(cells[1], c.typ))
	b.WriteString("  ")
	if c.journal == 0 && c.doi == 0 {
		b.WriteString(truncate(cells[2], c.title))
		return b.String()
	}
	b.WriteString(common.Fit(cells[2], c.title))
	if c.journal > 0 {
		b.WriteString("  ")
		b.WriteString(common.Fit(cells[3], c.journal))
	}
	if c.doi > 0 {
		b.WriteString("  ")
		// Cut in the middle: DOIs of one journal differ at the end.
		b.WriteString(common.TruncateMiddle(cells[4], c.doi))
	}
	return strings.TrimRight(b.String(), " ")
}

func (c workCols) header(sortMode int) string {
	arrow := func(col int, name string) string {
		switch {
		case sortMode == sortYearDesc && col == 0, sortMode == sortTitleDesc && col == 2, sortMode == sortTypeDesc && col == 1:
			return name + "↓"
		case sortMode == sortYearAsc && col == 0, sortMode == sortTitleAsc && col == 2, sortMode == sortTypeAsc && col == 1:
			return name + "↑"
		}
		return name
	}
	cells := []string{arrow(0, "Year"), arrow(1, "Type"), arrow(2, "Title"), "Journal", "DOI"}
	return c.format(cells)
}

// ensureWorkLines formats every work for width w once (per width); sorting
// and filtering only reorder indices into these lines.
func (p *page) ensureWorkLines(w int) {
	if p.data == nil || (p.workLines != nil && p.workWidth == w) {
		return
	}
	var typ, title, journal, doi int
	for i := range p.data.works {
		c := p.data.works[i].cells
		typ = max(typ, ansi.StringWidth(c[1]))
		title = max(title, ansi.StringWidth(c[2]))
		journal = max(journal, ansi.StringWidth(c[3]))
		doi = max(doi, ansi.StringWidth(c[4]))
	}
	c := workColumns(w, typ, title, journal, doi)
	lines := make([]string, len(p.data.works))
	for i := range p.data.works {
		lines[i] = c.format(p.data.works[i].cells)
	}
	p.workLines, p.workWidth, p.workCols = lines, w, c
}

// curWork is the work row under the cursor of the works list.
func (p *page) curWork() *workRow {
	if p.data == nil {
		return nil
	}
	ls := p.lists[tabWorks]
	if ls.cursor < 0 || ls.cursor >= len(p.order) {
		return nil
	}
	return &p.data.works[p.order[ls.cursor]]
}

// workIndex is the position of put-code pc in the list order, or -1.
func (p *page) workIndex(pc int64) int {
	for i, wi := range p.order {
		if p.data.works[wi].putCode == pc {
			return i
		}
	}
	return -1
}
