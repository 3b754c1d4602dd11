package record

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/cache"
	"github.com/orcid-tui/orcid-tui/tui/common"
	"github.com/orcid-tui/orcid-tui/tui/editor"
)

// tabID names the record's tabs in display order.
type tabID int

const (
	tabPerson tabID = iota
	tabWorks
	tabEmployment
	tabEducation
	tabQualifications
	tabInvited
	tabDistinctions
	tabMemberships
	tabService
	tabFunding
	tabPeerReview
	tabResources
	tabRaw
	numTabs
)

var tabNames = [numTabs]string{
	"Person", "Works", "Employment", "Education", "Qualifications", "Invited positions",
	"Distinctions", "Memberships", "Service", "Funding", "Peer review", "Research resources", "Raw",
}

// tabMedium and tabShort are the names used when the full ones do not fit.
var tabMedium = [numTabs]string{
	"Person", "Works", "Employment", "Education", "Qualifications", "Invited", "Distinctions",
	"Memberships", "Service", "Funding", "Peer review", "Resources", "Raw",
}

var tabShort = [numTabs]string{
	"Person", "Works", "Empl", "Educ", "Qual", "Invited", "Dist", "Memb", "Serv", "Fund", "Peer", "Res", "Raw",
}

// listState is a cursor and the first visible line of a scrolled list.
type listState struct{ cursor, offset int }

// rawKey names one raw body: a resource ("record", "works", "work/123") in
// one format.
type rawKey struct {
	res    string
	format orcid.Format
}

// rawPos is where the raw view of one body was left.
type rawPos struct{ offset, x int }

// page is everything about one record: what was loaded and where the user
// was. History entries are pages, so going back costs no request.
type page struct {
	id     orcid.ID
	ctx    context.Context
	cancel context.CancelFunc

	recReq  uint64    // the record request under way, 0 when none
	fetched time.Time // when the record shown was read from ORCID
	loading bool
	err     error  // why the last load of the record failed
	errText string // err in plain words
	data    *recData
	body    *keptBody // the record as sent (JSON), deflated

	tab, prevTab tabID
	lists        [numTabs]listState

	// Works: the view order (indices into data.works) after sorting and
	// filtering, and the formatted lines for the current width.
	order     []int
	sortMode  int
	filter    string
	workLines []string
	workWidth int
	workCols  workCols // the layout of workLines, for the column header

	// Full works, loaded in bulk around the cursor. Failures are kept in
	// plain words, described once when they arrive, not on every frame.
	full     map[int64]*orcid.Work
	failed   map[int64]string // why ORCID did not give the work
	pending  map[int64]bool
	bulkReqs map[uint64]bool
	bulkErr  string // why the last bulk request failed
	// worksLooked: the cache was searched for this record's full works.
	worksLooked bool

	detail    int64 // put-code of the opened work; 0 shows the list
	detailPos listState

	items itemsState // full fundings, peer reviews, resources, affiliations

	// Raw bodies per resource and format.
	rawRes   string
	rawFmt   orcid.Format
	raws     map[rawKey]*rawDoc
	rawErrs  map[rawKey]string // why a body could not be read, in words
	rawReqs  map[uint64]rawKey
	rawPos   map[rawKey]rawPos
	search   string
	matches  []match
	matchCur int

	// afterWrite is what the re-read after a write must show (write.go).
	afterWrite *writeCheck
}

func newPage(id orcid.ID) *page {
	p := &page{id: id, rawRes: resRecord}
	p.resetCaches()
	return p
}

// resetCaches forgets everything loaded after the record itself (R).
func (p *page) resetCaches() {
	p.full = map[int64]*orcid.Work{}
	p.failed = map[int64]string{}
	p.pending = map[int64]bool{}
	p.bulkReqs = map[uint64]bool{}
	p.bulkErr = ""
	p.worksLooked = false
	p.raws = map[rawKey]*rawDoc{}
	p.rawErrs = map[rawKey]string{}
	p.rawReqs = map[uint64]rawKey{}
	p.rawPos = map[rawKey]rawPos{}
	p.matches, p.matchCur = nil, 0
	p.items.reset()
}

// busy reports whether any request of the page is under way.
func (p *page) busy() bool {
	return p != nil && (p.loading || len(p.bulkReqs) > 0 || len(p.rawReqs) > 0 || len(p.items.reqs) > 0)
}

const resRecord = "record"

// inputMode says what the text input is for.
type inputMode int

const (
	inputNone inputMode = iota
	inputFilter
	inputSearch
)

// Model is the record pane. Create it with New; it implements common.Pane.
type Model struct {
	styles  *common.Styles
	keys    *common.KeyMap
	sess    *common.Session
	w, h    int
	focused bool

	cur  *page
	back []*page
	fwd  []*page

	cache *cache.Cache     // answers read before; nil keeps none
	clock func() time.Time // time.Now; tests set it

	spin     spinner.Model
	spinning bool

	input textinput.Model
	mode  inputMode
	wr    writeState // a form, a delete confirmation, a write (write.go)

	exp exporter // E (export the works) and Y (copy a citation)

	// Built in Update for View: the lines of the current tab (except works
	// and raw, which slice their own), the tab bar and the column header.
	lines    []lineData
	tabBar   string
	colHead  string
	bodyH    int
	rawCache map[int]string
	// Wrapping of the raw view (w), for every body; the wrapped rows are
	// built for wrapDoc at width wrapW.
	rawWrap  bool
	wrapDoc  *rawDoc
	wrapW    int
	wrapRows []rawRow
	rawWidth int
	notice   string // a one-line message in the footer (e.g. "nothing to open here")

	// The tab bar's layout for clicks, and where a click on ‹ or › scrolled
	// it to (for page p on tab tab at width w; any change lets the bar
	// follow the active tab again).
	tabHits []tabHit
	barPin  struct {
		p    *page
		tab  tabID
		w    int
		from int
	}
}

// tabHit is the cells [x0,x1) of the tab bar showing tab, or, when tab is
// -1, a ‹ or › marker that scrolls the bar to start at tab from.
type tabHit struct {
	x0, x1 int
	tab    tabID
	from   int
}

// lineData is one laid-out line of a list tab, with the item it belongs to.
type lineData struct {
	text string
	it   *item
	head bool
}

var _ common.Pane = (*Model)(nil)
var _ common.TextInputter = (*Model)(nil)

// New returns an empty record pane drawing with styles and keys.
func New(styles *common.Styles, keys *common.KeyMap) *Model {
	in := textinput.New()
	in.Prompt = "/ "
	in.CharLimit = 200
	// A steady cursor: a blinking one would wake the program twice a
	// second for as long as the input is open.
	ist := in.Styles()
	ist.Cursor.Blink = false
	in.SetStyles(ist)
	m := &Model{
		styles:   styles,
		keys:     keys,
		spin:     spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		input:    in,
		rawCache: map[int]string{},
		w:        80,
		h:        24,
	}
	m.relayout()
	return m
}

// SetSession sets who to read records as. A session for another
// environment cancels what is under way and forgets the history, since its
// records belong to the old environment.
func (m *Model) SetSession(s *common.Session) {
	old := m.sess
	m.sess = s
	if old != nil && s != nil && old.Env == s.Env {
		return
	}
	if old == nil {
		return // the first session: nothing of another environment to drop
	}
	m.deactivate(m.cur)
	for _, p := range m.back {
		m.deactivate(p)
	}
	m.cur, m.back, m.fwd = nil, nil, nil
	m.dropWrites()
	m.mode = inputNone
	m.relayout()
}

// Open shows the record id, pushing the current one onto the history, and
// returns the command that loads it.
func (m *Model) Open(id orcid.ID) tea.Cmd {
	if m.cur != nil && m.cur.id == id {
		if m.cur.data == nil && !m.cur.loading {
			return m.load(m.cur)
		}
		return nil
	}
	if m.cur != nil {
		m.deactivate(m.cur)
		m.back = append(m.back, m.cur)
	}
	for _, p := range m.fwd {
		m.deactivate(p)
	}
	m.fwd = nil
	p := newPage(id)
	m.cur = p
	m.mode = inputNone
	m.input.Blur()
	m.notice = ""
	m.activate(p)
	if cmd, ok := m.fromCache(p); ok {
		// Read before, as this identity: no request.
		m.relayout()
		return cmd
	}
	m.relayout()
	return m.load(p)
}

// ID is the iD of the record shown, "" when none.
func (m *Model) ID() orcid.ID {
	if m.cur == nil {
		return ""
	}
	return m.cur.id
}

// deactivate cancels p's requests: its answers will be dropped as stale.
func (m *Model) deactivate(p *page) {
	if p == nil {
		return
	}
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
	p.recReq = 0
	p.loading = false
	p.pending = map[int64]bool{}
	p.bulkReqs = map[uint64]bool{}
	p.rawReqs = map[uint64]rawKey{}
	p.items.reqs = map[uint64]itemRef{}
}

// activate gives p a fresh context for its requests.
func (m *Model) activate(p *page) {
	if p.cancel != nil {
		p.cancel()
	}
	p.ctx, p.cancel = context.WithCancel(context.Background())
}

// goBack shows the previous record of the history.
func (m *Model) goBack() tea.Cmd {
	if len(m.back) == 0 {
		return nil
	}
	prev := m.back[len(m.back)-1]
	m.back = m.back[:len(m.back)-1]
	m.deactivate(m.cur)
	m.fwd = append(m.fwd, m.cur)
	return m.show(prev)
}

// goForward undoes goBack.
func (m *Model) goForward() tea.Cmd {
	if len(m.fwd) == 0 {
		return nil
	}
	next := m.fwd[len(m.fwd)-1]
	m.fwd = m.fwd[:len(m.fwd)-1]
	m.deactivate(m.cur)
	m.back = append(m.back, m.cur)
	return m.show(next)
}

// show makes p current; it loads only what p did not finish loading.
func (m *Model) show(p *page) tea.Cmd {
	m.cur = p
	m.mode = inputNone
	m.input.Blur()
	m.notice = ""
	m.activate(p)
	m.rawCache = map[int]string{}
	var cmds []tea.Cmd
	if p.data == nil {
		cmds = append(cmds, m.load(p))
	} else {
		if p.detail != 0 && p.full[p.detail] == nil && p.failed[p.detail] == "" {
			cmds = append(cmds, m.fetchAround(p, p.detail))
		}
		if p.tab == tabRaw {
			cmds = append(cmds, m.ensureRaw(p))
		}
		cmds = append(cmds, m.ensureItem(p))
	}
	m.relayout()
	return tea.Batch(cmds...)
}

// SetSize sets the pane's outer size (borders included).
func (m *Model) SetSize(w, h int) {
	if w == m.w && h == m.h {
		return
	}
	m.w, m.h = w, h
	m.relayout()
}

// Focus, Blur and Focused implement common.Pane.
func (m *Model) Focus()        { m.focused = true }
func (m *Model) Blur()         { m.focused = false; m.closeInput(false) }
func (m *Model) Focused() bool { return m.focused }

// InputFocused reports whether the filter or search input holds the keys.
func (m *Model) InputFocused() bool {
	return m.mode != inputNone || m.writing() || m.dialogActive()
}

// ShortHelp lists the keys that apply now.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	if m.mode != inputNone {
		// enter opens nothing here, and esc drops what was typed.
		enter := common.WithDesc(k.Enter, "keep filter")
		if m.mode == inputSearch {
			enter = common.WithDesc(k.Enter, "find")
		}
		return []key.Binding{enter, common.WithDesc(k.Cancel, "clear")}
	}
	if m.writing() {
		return m.writeHelp()
	}
	if m.footerDialog() {
		return m.exp.dlg.Keys()
	}
	p := m.cur
	if p == nil {
		return nil
	}
	// Only keys that do something now: esc is listed with what it does,
	// and not at all on a first record with nothing to clear.
	back := func(bs []key.Binding) []key.Binding {
		if len(m.back) > 0 {
			return append(bs, k.Back)
		}
		return bs
	}
	if p.data == nil && p.err != nil {
		bs := []key.Binding{common.WithDesc(k.Reload, "retry")}
		if mergedPrimary(p.err) != "" {
			bs = append([]key.Binding{common.WithDesc(k.Enter, "open primary")}, bs...)
		} else {
			bs = append(bs, common.WithDesc(k.CopyCurl, "curl"))
		}
		return back(bs)
	}
	// One entry for [ and ], as in the design's key line.
	section := key.NewBinding(key.WithKeys("[", "]"), key.WithHelp("[ ]", "section"))
	curl := common.WithDesc(k.CopyCurl, "curl")
	out := append([]key.Binding{section}, m.writeShortHelp()...)
	// Everything must fit 80 columns with the root's "? help · q quit":
	// the rest is in the full help (?).
	switch {
	case p.tab == tabRaw:
		// x says which format it switches to.
		out = append(out, common.WithDesc(k.Format, strings.ToLower(fmtName(otherFormat(p.rawFmt)))), curl)
		switch {
		case p.search != "":
			out = append(out, common.WithDesc(k.NextMatch, "next"), common.WithDesc(k.Back, "clear"))
		case p.prevTab != tabRaw:
			out = append(out, common.WithDesc(k.Filter, "find"), common.WithDesc(k.Back, "leave"))
		default:
			out = back(append(out, common.WithDesc(k.Filter, "find")))
		}
	case p.tab == tabWorks && p.detail != 0:
		// The column header already says "esc back to the list".
		out = append(out, common.WithDesc(k.Open, "open"), k.Copy, curl, k.Raw)
		out = m.ifRoom(out, common.WithDesc(k.Cite, "cite"))
	case p.tab == tabWorks:
		// r and esc back are in the full help: the root puts "/ search"
		// first on this line.
		out = append(out, common.WithDesc(k.Enter, "detail"), k.Filter)
		if p.filter != "" {
			out = append(out, common.WithDesc(k.Back, "clear"))
		} else {
			out = append(out, k.Sort)
		}
		out = m.ifRoom(out, k.Export, common.WithDesc(k.Cite, "cite"))
	default:
		// The pane's top border says "esc back" when there is history.
		if _, open := p.openRef(); !open && opensInFull(p.tab) {
			out = append(out, common.WithDesc(k.Enter, "detail"))
		}
		out = append(out, common.WithDesc(k.Open, "open"), k.Copy, curl, k.Raw)
	}
	return out
}

// FullHelp lists every key of the pane, grouped: everything ShortHelp
// leaves out for room is here.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	// Not keys: listed so the mouse and the number keys are known to work.
	click := key.NewBinding(key.WithKeys("click"), key.WithHelp("click", "tab, row; again: open"))
	digits := key.NewBinding(key.WithKeys("1"), key.WithHelp("1–9 0", "tab by number (0 raw)"))
	sideways := key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→ h/l", "raw: scroll sideways"))
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown, click},
		{k.PrevSection, k.NextSection, digits, k.Enter,
			common.WithHelp(k.Back, "esc/backspace", "back (also H, alt+←)"),
			common.WithHelp(k.Forward, "L/alt+→", "forward"),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc (loading)", "cancel"))},
		{k.Sort, common.WithDesc(k.Filter, "filter works / find in raw"), k.NextMatch, k.PrevMatch,
			k.Raw, common.WithDesc(k.Format, "json/xml (opens raw)"), sideways, common.WithDesc(k.Wrap, "raw: wrap long lines")},
		{common.WithDesc(k.Open, "open link or record in browser"), common.WithDesc(k.Copy, "copy link, DOI or iD"),
			common.WithDesc(k.CopyCurl, "copy request as curl"), common.WithDesc(k.Reload, "reload from ORCID")},
		{common.WithDesc(keyAdd, "add a work, affiliation, funding or person item (signed in)"), common.WithDesc(keyEdit, "edit the item (yours: ✎)"),
			common.WithDesc(keyDelete, "delete the item (asks first)"), common.WithDesc(editor.SendKey, "form: send")},
		{common.WithDesc(k.Export, "works: export the works shown (BibTeX, RIS, CSL-JSON, CSV)"),
			common.WithDesc(k.Cite, "works: copy the work's citation")},
		marksLegend(),
	}
}

// marksLegend explains the marks before an item's name. They are not keys:
// the bindings have keys only so the help lists them.
func marksLegend() []key.Binding {
	mark := func(m, desc string) key.Binding {
		m = strings.TrimSpace(m)
		return key.NewBinding(key.WithKeys(m), key.WithHelp(m, desc))
	}
	return []key.Binding{
		mark(ownMark, "marks: yours (this app added it)"),
		mark(limitedMark, "limited: trusted parties only"),
		mark(privateMark, "private: only the researcher"),
		mark(otherVisMark, "registered only (old)"),
	}
}

// BodyHeight is how many lines of the current tab are visible.
func (m *Model) BodyHeight() int { return m.bodyH }
