package record

import (
	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/tui/common"
)

// Rows of the pane, counted from its top border at 0.
const (
	tabBarRow = 1
	bodyRow   = 3 // after the border, the tab bar and the column header
)

// click handles a left click at pane-local x, y (the root sends it before
// focusing the pane, so the layout is the one the user clicked on). A tab
// switches to it, ‹ and › scroll the tab bar, a row of a list moves the
// cursor there, and a click on the row already selected in the focused pane
// opens it as enter does.
func (m *Model) click(msg common.ClickMsg) tea.Cmd {
	p := m.cur
	if p == nil || p.data == nil || m.mode != inputNone {
		return nil
	}
	m.notice = ""
	switch {
	case msg.Y == tabBarRow:
		return m.clickTabBar(msg.X)
	case msg.Y >= bodyRow && msg.Y < bodyRow+m.bodyH:
		if p.tab == tabRaw {
			return nil
		}
		ls := m.curList()
		i := ls.offset + msg.Y - bodyRow
		if i >= m.lineCount() {
			return nil
		}
		if i == ls.cursor && m.focused {
			return m.enter()
		}
		ls.cursor = i
		m.fix()
	}
	return nil
}

func (m *Model) clickTabBar(x int) tea.Cmd {
	p := m.cur
	for _, h := range m.tabHits {
		if x < h.x0 || x >= h.x1 {
			continue
		}
		if h.tab >= 0 {
			if h.tab == p.tab && p.tab == tabWorks && p.detail != 0 {
				return m.back1() // the Works tab of an opened work: the list
			}
			return m.setTab(h.tab)
		}
		m.barPin.p, m.barPin.tab, m.barPin.w, m.barPin.from = p, p.tab, m.innerW(), h.from
		m.tabBar = m.buildTabBar()
		return nil
	}
	return nil
}
