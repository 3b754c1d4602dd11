package record

import (
	"sort"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/tui/common"
)

// liveSearchLines is the largest raw body searched on every keystroke;
// bigger ones are searched when enter is pressed.
const liveSearchLines = 20000

// Update handles keys, mouse wheel and the answers to the pane's requests.
// It never blocks: every request is a returned tea.Cmd.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case recordMsg:
		return m.handleRecord(msg)
	case bulkMsg:
		return m.handleBulk(msg)
	case rawMsg:
		return m.handleRaw(msg)
	case writingMsg:
		return m.handleWrite(msg)
	case fullItemMsg:
		return m.handleFullItem(msg)
	case itemMsg:
		return m.handleItem(msg)
	case exportBatchMsg:
		return m.handleExportBatch(msg)
	case exportDoneMsg:
		return m.handleExportDone(msg)
	case citationSavedMsg:
		return m.handleCitationSaved(msg)
	case spinner.TickMsg:
		if msg.ID != m.spin.ID() {
			return nil
		}
		if !m.cur.busy() {
			m.spinning = false
			return nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return cmd
	case common.OpenRecordMsg:
		return m.Open(msg.ID)
	case common.SessionMsg:
		m.SetSession(msg.Session)
		return nil
	case common.StylesMsg:
		m.rawCache = map[int]string{}
		m.relayout()
		return nil
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	}
	if m.dialogActive() {
		// The dialog's own answers (does the file exist?) and its input's.
		cmd, ans := m.exp.dlg.Update(msg)
		if ans != nil {
			return tea.Batch(cmd, m.answered(*ans))
		}
		return cmd
	}
	switch msg := msg.(type) {
	case common.ClickMsg:
		return m.click(msg)
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			m.scroll(-3)
		case tea.MouseWheelDown:
			m.scroll(3)
		}
		return nil
	}
	if m.mode != inputNone {
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return cmd
	}
	if m.wr.choose != nil {
		return m.chooserUpdate(msg)
	}
	if m.wr.form != nil {
		// The form's own messages (next field, submit, paste).
		return m.formUpdate(msg)
	}
	return nil
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	m.notice = ""
	if cmd, ok := m.exportKey(msg); ok {
		return cmd
	}
	if m.mode != inputNone {
		return m.handleInputKey(msg)
	}
	if m.writing() {
		return m.writeInputKey(msg)
	}
	p := m.cur
	if p == nil {
		return nil
	}
	if msg.String() == "esc" {
		if m.wr.req != 0 && m.wr.cancel != nil {
			m.wr.cancel()
			m.notice = "cancelled"
			return nil
		}
		if cmd, ok := m.cancelLoading(); ok {
			return cmd
		}
	}
	switch {
	case key.Matches(msg, k.Reload):
		return m.reload(p)
	case key.Matches(msg, k.Forward):
		return m.goForward()
	case key.Matches(msg, k.CopyCurl):
		return m.copyCurl()
	}
	if p.data == nil {
		switch {
		case key.Matches(msg, k.Enter):
			if primary := mergedPrimary(p.err); primary != "" {
				return m.Open(primary)
			}
		case key.Matches(msg, k.Back):
			return m.goBack()
		case key.Matches(msg, k.Open):
			return common.Cmd(common.OpenURLMsg{URL: m.env().IDURI(p.id)})
		case key.Matches(msg, k.Copy):
			return common.Cmd(common.CopyMsg{Text: string(p.id), What: "iD"})
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.NextSection) || (key.Matches(msg, k.Right) && p.tab != tabRaw):
		return m.setTab((p.tab + 1) % numTabs)
	case key.Matches(msg, k.PrevSection) || (key.Matches(msg, k.Left) && p.tab != tabRaw):
		return m.setTab((p.tab + numTabs - 1) % numTabs)
	case key.Matches(msg, k.Raw):
		if p.tab == tabRaw {
			return m.leaveRaw()
		}
		return m.openRaw()
	case key.Matches(msg, k.Format):
		// Everywhere x switches JSON/XML; outside the raw view it also
		// opens it, on what is shown, so the switch is seen.
		return m.toggleFormat()
	case key.Matches(msg, k.Back):
		return m.back1()
	case m.moveKey(msg):
		return nil
	}
	if s := msg.String(); len(s) == 1 && s[0] >= '1' && s[0] <= '9' {
		return m.setTab(tabID(s[0] - '1'))
	} else if s == "0" {
		return m.setTab(tabRaw)
	}
	switch {
	case key.Matches(msg, k.Open):
		link, _, _ := m.target()
		if link == "" {
			m.notice = "nothing to open here"
			return nil
		}
		return common.Cmd(common.OpenURLMsg{URL: link})
	case key.Matches(msg, k.Copy):
		link, text, what := m.target()
		if text == "" {
			text = link
		}
		if text == "" {
			m.notice = "nothing to copy here"
			return nil
		}
		return common.Cmd(common.CopyMsg{Text: text, What: what})
	}
	if cmd, ok := m.writeKeys(msg); ok {
		return cmd
	}
	switch {
	case p.tab == tabWorks && key.Matches(msg, k.Export):
		return m.startExport()
	case p.tab == tabWorks && key.Matches(msg, k.Cite):
		return m.copyCitation()
	case p.tab == tabRaw:
		return m.rawKeys(msg)
	case p.tab == tabWorks && p.detail == 0:
		return m.worksKeys(msg)
	}
	if key.Matches(msg, k.Enter) {
		return m.enter()
	}
	return nil
}

// enter opens what is under the cursor: a work's detail on the works list,
// a linked record (a merged record's primary) elsewhere; a link only says
// which keys open or copy it.
func (m *Model) enter() tea.Cmd {
	p := m.cur
	if p == nil || p.data == nil || p.tab == tabRaw {
		return nil
	}
	if p.tab == tabWorks && p.detail != 0 && p.full[p.detail] == nil {
		// The detail says "enter tries again" when its batch failed or
		// was cancelled.
		delete(p.failed, p.detail)
		return m.fetchAround(p, p.detail)
	}
	if p.tab == tabWorks && p.detail == 0 {
		w := p.curWork()
		if w == nil {
			return nil
		}
		p.detail = w.putCode
		p.detailPos = listState{}
		m.relayout()
		return m.fetchAround(p, w.putCode)
	}
	if _, open := p.openRef(); open {
		if cmd := m.retryItem(); cmd != nil {
			return cmd
		}
	} else if it := m.curItem(); it != nil && it.putCode != 0 && opensInFull(p.tab) {
		return m.openItem(it)
	}
	if it := m.curItem(); it != nil && it.open != "" {
		return m.Open(it.open)
	}
	if link, _, _ := m.target(); link != "" {
		m.notice = "o opens it in the browser, y copies it"
	}
	return nil
}

// back1 is esc/backspace: leave the innermost sub-view, else go back in the
// history.
func (m *Model) back1() tea.Cmd {
	p := m.cur
	switch {
	case p.tab == tabWorks && p.detail != 0:
		if i := p.workIndex(p.detail); i >= 0 {
			p.lists[tabWorks].cursor = i
		}
		p.detail = 0
		m.relayout()
		return nil
	case p.tab != tabWorks && p.tab != tabRaw && p.items.open[p.tab] != 0:
		m.closeItem()
		return nil
	case p.tab == tabWorks && p.filter != "":
		p.filter = ""
		m.applyOrder(p)
		m.relayout()
		return nil
	case p.tab == tabRaw && p.search != "":
		p.search, p.matches, p.matchCur = "", nil, 0
		m.rawCache = map[int]string{}
		m.relayout()
		return nil
	case p.tab == tabRaw && p.prevTab != tabRaw:
		return m.leaveRaw()
	}
	return m.goBack()
}

func (m *Model) setTab(t tabID) tea.Cmd {
	p := m.cur
	if t == p.tab {
		return nil
	}
	if t == tabRaw {
		p.rawRes = resRecord
	}
	p.prevTab, p.tab = p.tab, t
	m.rawCache = map[int]string{}
	if t == tabRaw {
		m.research(p)
	}
	m.relayout()
	if t == tabRaw {
		return m.ensureRaw(p)
	}
	return nil
}

// openRaw jumps to the raw view of what is shown: the opened work, the
// works list, or the record.
func (m *Model) openRaw() tea.Cmd {
	p := m.cur
	p.rawRes = shownResource(p)
	p.prevTab, p.tab = p.tab, tabRaw
	m.rawCache = map[int]string{}
	m.research(p)
	m.relayout()
	return m.ensureRaw(p)
}

// toggleFormat is x: it switches the format between JSON and XML, the
// raw view's and the one C copies curl commands in, and shows the raw view
// of what is shown (on another tab it opens it, as r does).
func (m *Model) toggleFormat() tea.Cmd {
	p := m.cur
	p.rawFmt = otherFormat(p.rawFmt)
	if p.tab != tabRaw {
		return m.openRaw()
	}
	m.rawCache = map[int]string{}
	m.research(p)
	m.relayout()
	return m.ensureRaw(p)
}

func (m *Model) leaveRaw() tea.Cmd {
	p := m.cur
	t := p.prevTab
	if t == tabRaw {
		t = tabPerson
	}
	p.prevTab, p.tab = tabRaw, t
	m.relayout()
	if t == tabWorks && p.detail != 0 && p.full[p.detail] == nil && p.failed[p.detail] == "" {
		return m.fetchAround(p, p.detail)
	}
	return nil
}

// moveKey handles the movement keys for lists and the raw view.
func (m *Model) moveKey(msg tea.KeyPressMsg) bool {
	k := m.keys
	page := max(m.bodyH/2, 1) // ctrl+d/ctrl+u: half of what is visible
	switch {
	case key.Matches(msg, k.Up):
		m.scroll(-1)
	case key.Matches(msg, k.Down):
		m.scroll(1)
	case key.Matches(msg, k.PageUp):
		m.scroll(-page)
	case key.Matches(msg, k.PageDown):
		m.scroll(page)
	case key.Matches(msg, k.Top):
		m.scroll(-1 << 30)
	case key.Matches(msg, k.Bottom):
		m.scroll(1 << 30)
	case m.cur.tab == tabRaw && key.Matches(msg, k.Left):
		m.shiftRaw(-8)
	case m.cur.tab == tabRaw && key.Matches(msg, k.Right):
		m.shiftRaw(8)
	default:
		return false
	}
	return true
}

// scroll moves the cursor (lists) or the view (raw) by d lines.
func (m *Model) scroll(d int) {
	p := m.cur
	if p == nil || p.data == nil {
		return
	}
	if p.tab == tabRaw {
		dd, k := m.rawDoc(p)
		if dd == nil {
			return
		}
		pos := p.rawPos[k]
		pos.offset = clampAdd(pos.offset, d)
		p.rawPos[k] = pos
		m.fix()
		return
	}
	ls := m.curList()
	ls.cursor = clampAdd(ls.cursor, d)
	m.fix()
}

func clampAdd(v, d int) int {
	if d < 0 && v < -d {
		return 0
	}
	if d > 0 && v > 1<<30 {
		return v
	}
	return v + d
}

func (m *Model) shiftRaw(d int) {
	p := m.cur
	if m.rawWrap {
		m.notice = "lines are wrapped: w cuts them again to scroll sideways"
		return
	}
	_, k := m.rawDoc(p)
	pos := p.rawPos[k]
	pos.x = max(pos.x+d, 0)
	p.rawPos[k] = pos
	m.rawCache = map[int]string{}
	m.fix()
}

func (m *Model) worksKeys(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	p := m.cur
	switch {
	case key.Matches(msg, k.Enter):
		return m.enter()
	case key.Matches(msg, k.Sort):
		p.sortMode = (p.sortMode + 1) % numSorts
		m.applyOrder(p)
		m.relayout()
	case key.Matches(msg, k.Filter):
		return m.openInput(inputFilter, "filter: ", p.filter)
	}
	return nil
}

func (m *Model) rawKeys(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	p := m.cur
	switch {
	case key.Matches(msg, k.Filter):
		return m.openInput(inputSearch, "search: ", p.search)
	case key.Matches(msg, k.Wrap):
		m.toggleWrap()
	case key.Matches(msg, k.NextMatch):
		m.stepMatch(1)
	case key.Matches(msg, k.PrevMatch):
		m.stepMatch(-1)
	}
	return nil
}

// openInput gives the keyboard to the footer's text input, for mode, with
// what it holds now.
func (m *Model) openInput(mode inputMode, prompt, value string) tea.Cmd {
	m.mode = mode
	m.input.Prompt = prompt
	m.input.SetValue(value)
	m.input.CursorEnd()
	m.input.SetWidth(max(m.innerW()-10, 10))
	return m.input.Focus()
}

func (m *Model) handleInputKey(msg tea.KeyPressMsg) tea.Cmd {
	p := m.cur
	switch msg.String() {
	case "enter":
		if m.mode == inputSearch && p != nil {
			p.search = m.input.Value()
			m.research(p)
			m.jumpToMatch(p)
		}
		m.closeInput(false)
		return nil
	case "esc":
		m.closeInput(true)
		return nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if p == nil || p.data == nil {
		return cmd
	}
	switch m.mode {
	case inputFilter:
		if v := m.input.Value(); v != p.filter {
			p.filter = v
			m.applyOrder(p)
			m.relayout()
		}
	case inputSearch:
		if d, _ := m.rawDoc(p); d != nil && len(d.lines) <= liveSearchLines {
			p.search = m.input.Value()
			m.research(p)
			m.jumpToMatch(p)
		}
	}
	return cmd
}

// closeInput leaves the text input; clear also drops the filter or search.
func (m *Model) closeInput(clear bool) {
	if m.mode == inputNone {
		return
	}
	p := m.cur
	if clear && p != nil {
		switch m.mode {
		case inputFilter:
			if p.filter != "" {
				p.filter = ""
				m.applyOrder(p)
			}
		case inputSearch:
			p.search, p.matches, p.matchCur = "", nil, 0
			m.rawCache = map[int]string{}
		}
	}
	m.mode = inputNone
	m.input.Blur()
	m.relayout()
}

// research recomputes the search hits in the raw body shown.
func (m *Model) research(p *page) {
	d, _ := m.rawDoc(p)
	p.matches = findMatches(d, p.search)
	p.matchCur = 0
	m.rawCache = map[int]string{}
}

// jumpToMatch makes the first hit at or after the top line current.
func (m *Model) jumpToMatch(p *page) {
	if len(p.matches) == 0 {
		m.fix()
		return
	}
	_, k := m.rawDoc(p)
	top, _ := m.rawRowAt(p.rawPos[k].offset, 0)
	i := sort.Search(len(p.matches), func(j int) bool { return p.matches[j].line >= top })
	if i == len(p.matches) {
		i = 0
	}
	p.matchCur = i
	m.showMatch(p)
}

func (m *Model) stepMatch(d int) {
	p := m.cur
	if len(p.matches) == 0 {
		if p.search != "" {
			m.notice = "no match for “" + p.search + "”"
		}
		return
	}
	p.matchCur = (p.matchCur + d + len(p.matches)) % len(p.matches)
	m.showMatch(p)
}

// showMatch scrolls so the current hit is visible, a few lines from the top.
func (m *Model) showMatch(p *page) {
	mt := p.matches[p.matchCur]
	d, k := m.rawDoc(p)
	pos := p.rawPos[k]
	from, to := matchCols(d, mt)
	m.ensureWrap(d)
	row := m.rawRowOf(mt.line, from)
	if row < pos.offset || row >= pos.offset+m.bodyH {
		pos.offset = max(row-m.bodyH/3, 0)
	}
	// Sideways too: the hit in full when it fits, a third in from the left.
	if w := m.innerW(); !m.rawWrap && (from < pos.x || to > pos.x+w) {
		pos.x = max(0, from-w/3)
		if to > pos.x+w {
			pos.x = max(from, to-w) // a hit wider than the pane: its start
		}
	}
	p.rawPos[k] = pos
	m.rawCache = map[int]string{}
	m.fix()
}

// curItem is the item under the cursor of a list tab or the work detail.
func (m *Model) curItem() *item {
	p := m.cur
	if p == nil || p.data == nil {
		return nil
	}
	if p.tab == tabWorks && p.detail == 0 {
		if w := p.curWork(); w != nil {
			return &w.item
		}
		return nil
	}
	ls := m.curList()
	if ls.cursor < len(m.lines) {
		return m.lines[ls.cursor].it
	}
	return nil
}

// target is what o opens and y copies: the link under the cursor, else the
// record's iD.
func (m *Model) target() (link, text, what string) {
	p := m.cur
	if p.tab == tabRaw {
		if d, _ := m.rawDoc(p); d != nil && d.url != "" {
			return d.url, d.url, "URL"
		}
	}
	if it := m.curItem(); it != nil && (it.link != "" || it.copy != "") {
		what = it.what
		if what == "" {
			what = "link"
		}
		return it.link, it.copy, what
	}
	if p.tab == tabWorks && p.detail != 0 {
		if w := p.full[p.detail]; w != nil {
			if doi := bareDOI(findExtID(w.ExternalIDs, "doi")); doi != "" {
				return doiURL(doi), doi, "DOI"
			}
			if u := val(w.URL); u != "" {
				return u, u, "URL"
			}
		}
	}
	return m.env().IDURI(p.id), string(p.id), "iD"
}
