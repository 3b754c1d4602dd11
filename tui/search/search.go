// Package search is the search pane: a text input that takes free text, Solr
// syntax, a pasted iD or a DOI, and a table of expanded-search results that
// loads more pages as the user scrolls.
package search

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/cache"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// PageRows is how many results one request asks for.
const PageRows = 50

// prefetch is how close to the last loaded row the cursor may come before
// the next page is asked for.
const prefetch = 10

const maxHistory = 100

// row is one result, sanitised once when it arrives.
type row struct {
	id    orcid.ID
	name  string
	other string
	inst  string
}

// resultsMsg is the answer to one search request.
type resultsMsg struct {
	req    uint64
	start  int
	asked  int // rows asked for
	rows   []row
	total  int64
	err    error
	cached bool      // from the cache: not kept again
	at     time.Time // when it was read from ORCID
}

// cachedPage is one page of results as the cache keeps it.
type cachedPage struct {
	rows  []row
	total int64
}

// Model is the search pane.
type Model struct {
	st   *common.Styles
	keys *common.KeyMap

	session *common.Session
	cache   *cache.Cache     // pages read before; nil keeps none
	clock   func() time.Time // time.Now; tests set it

	input        textinput.Model
	inputFocused bool
	focused      bool
	w, h         int

	history []string
	histIdx int    // len(history) when not browsing
	draft   string // what was typed before browsing history
	// Each environment has its own queries: history is the current one's,
	// histories the others'. histVersion counts changes, so the root
	// knows when to save them.
	histories   map[string][]string
	histVersion int

	resultSet

	loading  bool
	reloaded bool // R ran the search again: say so when it is answered
	// G (or a number then G) going to a hit not loaded yet: the pages up
	// to it are being read.
	jumping bool
	jump    int    // the hit's index
	count   string // digits typed before G
	req     uint64
	cancel  context.CancelFunc
	spin    spinner.Model

	exp exporter // E: the results as CSV

	// Each environment keeps its own last search: what was typed and the
	// results, put back when the user comes back to it.
	saved map[orcid.Environment]envState
}

// resultSet is the last search and where the user is in its answer.
type resultSet struct {
	q        orcid.Query // the query the results belong to
	searched bool        // a search was made
	rows     []row
	total    int64
	cursor   int
	offset   int
	errText  string
	badQuery bool      // ORCID refused the query itself: fix it, not retry
	fetched  time.Time // when the first page was read, if it came from the cache
	// The widest name, other names and institutions among the rows,
	// measured once as they arrive: the columns give room to what is
	// there (no other names: no column).
	nameW, otherW, instW int
	// cancelled: esc stopped the request for the first page (rows empty)
	// or for the next one.
	cancelled bool
	atLimit   bool // anonymous paging limit reached
}

// envState is the search of an environment the user switched away from.
type envState struct {
	input string
	resultSet
}

// New returns an empty search pane drawing with st and keys. Both are shared
// with the root model.
func New(st *common.Styles, keys *common.KeyMap) *Model {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "name, iD, DOI or family-name:carberry"
	in.CharLimit = 500
	in.SetStyles(st.InputStyles())
	m := &Model{
		st:    st,
		keys:  keys,
		input: in,
		spin:  spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(st.Title)),
	}
	return m
}

// SetSession sets the session searches go through. On a switch to another
// environment the search of the one left (query and results) is put aside
// and the new environment's own last search, if any, comes back; results
// never show under another environment's name.
func (m *Model) SetSession(s *common.Session) {
	envChanged := m.session == nil || s == nil || m.session.Env != s.Env
	if !envChanged {
		m.session = s
		return
	}
	// A first page still under way is dropped: come back to the query, not
	// to an empty result.
	interrupted := m.loading && len(m.rows) == 0
	m.stop()
	if m.session != nil {
		if m.saved == nil {
			m.saved = map[orcid.Environment]envState{}
		}
		left := envState{input: m.input.Value(), resultSet: m.resultSet}
		left.searched = m.searched && !interrupted
		m.saved[m.session.Env] = left
	}
	m.swapHistory(m.session, s)
	m.session = s
	var st envState
	if s != nil {
		st = m.saved[s.Env]
	}
	m.input.SetValue(st.input)
	m.input.CursorEnd()
	m.histIdx, m.draft = len(m.history), ""
	m.resultSet = st.resultSet
	m.clampScroll()
}

// SetQuery puts text into the input (an initial query from the command line).
func (m *Model) SetQuery(s string) {
	m.input.SetValue(s)
	m.input.CursorEnd()
}

// Submit runs the query in the input as if enter had been pressed.
func (m *Model) Submit() tea.Cmd { return m.submit() }

// SetSize implements common.Pane.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	// Border 2, prompt 2, one cell for the cursor.
	m.input.SetWidth(max(1, w-2-len(m.input.Prompt)-1))
	m.clampScroll()
}

// Focus implements common.Pane. The input takes the keyboard when there are
// no results to move through.
func (m *Model) Focus() {
	m.focused = true
	if len(m.rows) == 0 {
		m.FocusInput()
	}
}

// Blur implements common.Pane.
func (m *Model) Blur() {
	m.focused = false
	m.BlurInput()
}

// Focused implements common.Pane.
func (m *Model) Focused() bool { return m.focused }

// InputFocused implements common.TextInputter.
func (m *Model) InputFocused() bool { return m.focused && m.inputFocused || m.dialogActive() }

// FocusInput gives the keyboard to the text input.
func (m *Model) FocusInput() {
	m.inputFocused = true
	m.input.Focus()
	m.input.CursorEnd()
}

// NewSearch gives the keyboard to an empty input for a new query ("/" from
// anywhere). What the input held is kept one ↑ away in the history, so
// nothing typed is lost and nothing is glued to the old text.
func (m *Model) NewSearch() {
	if t := strings.TrimSpace(m.input.Value()); t != "" {
		m.remember(t)
	}
	m.input.SetValue("")
	m.histIdx, m.draft = len(m.history), ""
	m.FocusInput()
}

// BlurInput takes the keyboard away from the text input.
func (m *Model) BlurInput() {
	m.inputFocused = false
	m.input.Blur()
}

// Update implements common.Pane.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.SessionMsg:
		m.SetSession(msg.Session)
	case common.StylesMsg:
		m.input.SetStyles(m.st.InputStyles())
		m.spin.Style = m.st.Title
	case resultsMsg:
		return m.onResults(msg)
	case csvProgressMsg:
		return m.handleCSVProgress(msg)
	case csvDoneMsg:
		return m.handleCSVDone(msg)
	case spinner.TickMsg:
		if !m.loading {
			return nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return cmd
	case tea.KeyPressMsg:
		if cmd, ok := m.exportKey(msg); ok {
			return cmd
		}
		if m.inputFocused {
			return m.updateInput(msg)
		}
		return m.updateTable(msg)
	case tea.PasteMsg:
		if m.dialogActive() {
			cmd, _ := m.exp.dlg.Update(msg) // a path pasted into the export's
			return cmd
		}
		if !m.inputFocused {
			// A paste over the results starts a new search, like "/".
			m.NewSearch()
		}
		if strings.TrimSpace(m.input.Value()) == "" {
			// An iD pasted into the empty box opens its record at once:
			// pasting one is how people say "show me this record".
			if q := orcid.ParseQuery(msg.Content); q.Kind == orcid.QueryID {
				m.input.SetValue(q.Input)
				m.input.CursorEnd()
				return m.submit()
			}
		}
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return cmd
	default:
		if m.dialogActive() {
			// The dialog's own answers (does the file exist?).
			cmd, ans := m.exp.dlg.Update(msg)
			if ans != nil {
				return tea.Batch(cmd, m.runExport(*ans))
			}
			return cmd
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			m.move(-3)
		case tea.MouseWheelDown:
			return m.move(3)
		}
	case common.ClickMsg:
		if msg.Y == 1 {
			m.FocusInput()
			return nil
		}
		// Border, input and header come before the first row.
		if i := m.offset + msg.Y - 3; msg.Y >= 3 && i < len(m.rows) && i < m.offset+m.visibleRows() {
			if i == m.cursor && m.focused && !m.inputFocused {
				// A click on the selected row opens it, as enter does.
				return common.Cmd(common.OpenRecordMsg{ID: m.rows[i].id})
			}
			m.BlurInput()
			m.cursor = i
			return m.maybeMore()
		}
	}
	return nil
}

func (m *Model) updateInput(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "/":
		if m.input.Value() == "" {
			// The help says "/ search", so people press it first even
			// though the box already has the keyboard: it is the key, not
			// the start of a query.
			return nil
		}
	case "enter":
		return m.submit()
	case "esc":
		m.BlurInput()
		return nil
	case "up", "ctrl+p":
		m.historyPrev()
		return nil
	case "down", "ctrl+n":
		if m.histIdx >= len(m.history) && len(m.rows) > 0 {
			// ↓ past the newest query moves into the results.
			m.BlurInput()
			return nil
		}
		m.historyNext()
		return nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

func (m *Model) updateTable(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	if s := msg.String(); len(s) == 1 && s[0] >= '0' && s[0] <= '9' {
		m.typeCount(s[0])
		return nil
	}
	if !key.Matches(msg, k.Bottom) {
		m.count = ""
	}
	if msg.String() == "esc" && m.loading {
		// Stop, as in a browser: no waiting for a hanging server.
		m.jumping = false
		m.stop()
		m.cancelled = true
		return common.Cmd(common.StatusMsg{Text: "cancelled"})
	}
	switch {
	case key.Matches(msg, k.Up):
		if m.cursor == 0 {
			m.FocusInput()
			return nil
		}
		return m.move(-1)
	case key.Matches(msg, k.Down):
		return m.move(1)
	case key.Matches(msg, k.PageUp):
		return m.move(-max(1, m.visibleRows()/2))
	case key.Matches(msg, k.PageDown):
		return m.move(max(1, m.visibleRows()/2))
	case key.Matches(msg, k.Top):
		return m.move(-len(m.rows))
	case key.Matches(msg, k.Bottom):
		return m.jumpKey()
	case key.Matches(msg, k.Enter):
		if r, ok := m.selected(); ok {
			return common.Cmd(common.OpenRecordMsg{ID: r.id})
		}
		if m.cancelled && m.searched {
			return m.search(m.q) // "Search cancelled: enter runs it again"
		}
		m.FocusInput()
	case key.Matches(msg, k.Open):
		if r, ok := m.selected(); ok {
			return common.Cmd(common.OpenURLMsg{URL: m.idURI(r.id)})
		}
	case key.Matches(msg, k.Copy):
		if r, ok := m.selected(); ok {
			return common.Cmd(common.CopyMsg{Text: m.idURI(r.id), What: "iD " + string(r.id)})
		}
	case key.Matches(msg, k.Reload):
		if m.searched {
			m.cache.DeletePrefix(m.pageKey(m.q.Solr, -1, 0))
			cmd := m.search(m.q)
			m.reloaded = true
			return cmd
		}
	}
	return nil
}

// idURI is the iD's URI in the current environment's registry.
func (m *Model) idURI(id orcid.ID) string {
	if m.session == nil {
		return orcid.Production.IDURI(id)
	}
	return m.session.Env.IDURI(id)
}

func (m *Model) selected() (row, bool) {
	if m.cursor < 0 || m.cursor >= len(m.rows) {
		return row{}, false
	}
	return m.rows[m.cursor], true
}

// Selected returns the iD under the cursor, if any.
func (m *Model) Selected() (orcid.ID, bool) {
	r, ok := m.selected()
	return r.id, ok
}

func (m *Model) move(d int) tea.Cmd {
	if len(m.rows) == 0 {
		return nil
	}
	m.cursor = max(0, min(len(m.rows)-1, m.cursor+d))
	m.clampScroll()
	return m.maybeMore()
}

func (m *Model) clampScroll() {
	vis := m.visibleRows()
	if vis <= 0 {
		m.offset = m.cursor
		return
	}
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+vis {
		m.offset = m.cursor - vis + 1
	}
	m.offset = max(0, min(m.offset, max(0, len(m.rows)-vis)))
}

// maybeMore asks for the next page when the cursor is near the end of what
// is loaded and more exists.
func (m *Model) maybeMore() tea.Cmd {
	if m.loading || !m.searched || m.atLimit || int64(len(m.rows)) >= m.total {
		return nil
	}
	if m.cursor < len(m.rows)-prefetch {
		return nil
	}
	next := len(m.rows)
	if m.anonymous() && next > orcid.MaxAnonymousStart {
		m.atLimit = true
		return nil
	}
	return m.fetch(m.q.Solr, next)
}

func (m *Model) anonymous() bool {
	return m.session == nil || m.session.Who == common.WhoAnonymous
}

func (m *Model) submit() tea.Cmd {
	text := strings.TrimSpace(m.input.Value())
	q := orcid.ParseQuery(text)
	if q.Kind == orcid.QueryEmpty {
		return nil
	}
	m.remember(text)
	switch q.Kind {
	case orcid.QueryID:
		m.BlurInput()
		return common.Cmd(common.OpenRecordMsg{ID: q.ID})
	}
	m.BlurInput()
	return m.search(q)
}

// search starts a new search, superseding any request under way.
func (m *Model) search(q orcid.Query) tea.Cmd {
	m.resultSet = resultSet{q: q, searched: true}
	m.reloaded = false
	return m.fetch(q.Solr, 0)
}

func (m *Model) stop() {
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	m.loading = false
	m.req = 0
}

// fetch asks for one page. The command runs off the UI goroutine; its answer
// carries the request id so a superseded answer is dropped.
func (m *Model) fetch(solr string, start int) tea.Cmd {
	return m.fetchRows(solr, start, pageRows(start))
}

// pageRows is how many hits the page at start asks for: PageRows first,
// for a fast first screen, then up to ORCID's 1,000 ending on a thousand,
// so scrolling to ORCID's anonymous limit (11,000 hits) takes 12 requests,
// not 220, and no page is asked for twice.
func pageRows(start int) int {
	if start == 0 {
		return PageRows
	}
	return orcid.MaxRows - start%orcid.MaxRows
}

// fetchRows asks for rows results from start.
func (m *Model) fetchRows(solr string, start, rows int) tea.Cmd {
	m.stop()
	if m.session == nil || m.session.Client == nil {
		m.errText = "no environment selected"
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	m.req = common.NextRequestID()
	m.loading, m.cancelled = true, false
	req, client := m.req, m.session.Client
	if v, at, ok := m.cache.Get(m.pageKey(solr, start, rows)); ok {
		// Read before, as this identity: the answer without a request.
		pg := v.(cachedPage)
		return func() tea.Msg {
			cancel()
			return resultsMsg{req: req, start: start, asked: rows, rows: pg.rows, total: pg.total, cached: true, at: at}
		}
	}
	p := orcid.SearchParams{Query: solr, Start: start, Rows: rows}
	do := func() tea.Msg {
		defer cancel()
		res, err := client.ExpandedSearch(ctx, p)
		if err != nil {
			return resultsMsg{req: req, start: start, asked: rows, err: err}
		}
		return resultsMsg{req: req, start: start, asked: rows, rows: toRows(res), total: res.NumFound}
	}
	return tea.Batch(do, m.spin.Tick)
}

func toRows(res *orcid.ExpandedSearchResult) []row {
	rows := make([]row, 0, len(res.ExpandedResult))
	for _, r := range res.ExpandedResult {
		id := orcid.ID(sanitize.Line(r.ORCIDID))
		if parsed, err := orcid.ParseID(r.ORCIDID); err == nil {
			id = parsed
		}
		rows = append(rows, row{
			id:    id,
			name:  sanitize.Line(displayName(r)),
			other: sanitize.Line(strings.Join(r.OtherName, "; ")),
			inst:  sanitize.Line(strings.Join(r.InstitutionName, "; ")),
		})
	}
	return rows
}

func displayName(r orcid.ExpandedResult) string {
	if n := r.DisplayName(); n != "" { // the rule the CLI uses too
		return n
	}
	return "(name not public)"
}

func (m *Model) onResults(msg resultsMsg) tea.Cmd {
	if msg.req != m.req || msg.req == 0 {
		return nil // stale: superseded by a newer request
	}
	m.loading = false
	m.cancel = nil
	if msg.err != nil {
		m.jumping = false
		if errors.Is(msg.err, context.Canceled) {
			return nil
		}
		if qe, ok := asQueryError(msg.err); ok {
			// Put the query back under the cursor to be fixed.
			msg.err, m.badQuery = qe, true
			m.input.SetValue(m.q.Input)
			if m.focused {
				m.FocusInput()
			}
		}
		short, _ := common.Describe(msg.err)
		if m.badQuery {
			short = msg.err.(*queryError).short() // whole: the pane wraps it
		}
		m.errText = short
		if msg.start > 0 && m.anonymous() {
			// Past the anonymous paging limit the client refuses to send.
			var rl *orcid.RateLimitError
			if !errors.As(msg.err, &rl) && msg.start >= orcid.MaxAnonymousStart {
				m.atLimit, m.errText = true, ""
				return nil
			}
		}
		return common.Cmd(common.ErrorMsg{Err: msg.err, What: "search"})
	}
	m.errText = ""
	m.total = msg.total
	if msg.start == 0 {
		m.fetched = msg.at // zero: just read
	}
	if !msg.cached {
		m.cache.Put(m.pageKey(m.q.Solr, msg.start, msg.asked), cachedPage{msg.rows, msg.total}, pageSize(msg.rows))
	}
	if msg.start == len(m.rows) {
		m.rows = append(m.rows, msg.rows...)
		for _, r := range msg.rows {
			m.nameW = max(m.nameW, ansi.StringWidth(r.name))
			m.otherW = max(m.otherW, ansi.StringWidth(r.other))
			m.instW = max(m.instW, ansi.StringWidth(r.inst))
		}
	}
	if len(msg.rows) == 0 && int64(len(m.rows)) < m.total {
		// The server has no more to give even though it counted more.
		m.total = int64(len(m.rows))
	}
	m.clampScroll()
	if m.jumping {
		return tea.Batch(m.jumpStep(), common.Cmd(common.DoneMsg{Op: "search"}))
	}
	// A search that works takes an earlier search error off the status line.
	done := common.Cmd(common.DoneMsg{Op: "search"})
	if m.reloaded && msg.start == 0 {
		m.reloaded = false
		return tea.Batch(done, common.Cmd(common.StatusMsg{Text: "reloaded the search for “" + sanitize.Truncate(sanitize.Line(m.q.Input), 40) + "”"}))
	}
	return done
}

// remember adds a query to the history (most recent last, no repeats).
func (m *Model) remember(q string) {
	for i, h := range m.history {
		if h == q {
			m.history = append(m.history[:i], m.history[i+1:]...)
			break
		}
	}
	m.history = append(m.history, q)
	if len(m.history) > maxHistory {
		m.history = m.history[len(m.history)-maxHistory:]
	}
	m.histIdx = len(m.history)
	m.draft = ""
	m.histVersion++
}

// History returns recent queries, oldest first.
func (m *Model) History() []string { return append([]string(nil), m.history...) }

// SetHistory restores recent queries (oldest first).
func (m *Model) SetHistory(h []string) {
	m.history = append([]string(nil), h...)
	m.histIdx = len(m.history)
}

func (m *Model) historyPrev() {
	if len(m.history) == 0 || m.histIdx == 0 {
		return
	}
	if m.histIdx == len(m.history) {
		m.draft = m.input.Value()
	}
	m.histIdx--
	m.input.SetValue(m.history[m.histIdx])
	m.input.CursorEnd()
}

func (m *Model) historyNext() {
	if m.histIdx >= len(m.history) {
		return
	}
	m.histIdx++
	if m.histIdx == len(m.history) {
		m.input.SetValue(m.draft)
	} else {
		m.input.SetValue(m.history[m.histIdx])
	}
	m.input.CursorEnd()
}

// Loading reports whether a request is under way.
func (m *Model) Loading() bool { return m.loading }

// Total is the number of hits of the last search.
func (m *Model) Total() int64 { return m.total }

// Len is the number of results loaded.
func (m *Model) Len() int { return len(m.rows) }

// visibleRows is how many result rows fit: inner height minus the input,
// the header and the note line.
func (m *Model) visibleRows() int {
	return m.h - 2 - 2 - 1
}

// ShortHelp implements common.Pane.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	// Only keys that do something now: no "open" without a row, no
	// "↑ recent" before the first query, no "esc results" without results.
	if m.inputFocused {
		bs := []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search"))}
		if len(m.history) > 0 {
			bs = append(bs, key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "recent")))
		}
		esc := "results"
		if len(m.rows) == 0 {
			esc = "leave input"
		}
		bs = append(bs, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", esc)))
		return append(bs, k.Tab)
	}
	if m.dialogShown() {
		return m.exp.dlg.Keys()
	}
	bs := []key.Binding{k.Tab, k.Search}
	if len(m.rows) > 0 {
		bs = append(bs, common.WithHelp(k.Enter, "enter", "open"), k.Open, k.Copy, common.WithDesc(k.Export, "export"))
	} else if m.errText != "" && !m.badQuery {
		bs = append(bs, common.WithHelp(k.Reload, "R", "retry"))
	}
	return append(bs, k.Help, k.Quit)
}

// FullHelp implements common.Pane.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, common.WithDesc(k.Bottom, "last hit (loads up to 10,000)"),
			key.NewBinding(key.WithKeys("G"), key.WithHelp("N G", "go to hit N (type N, then G)")), k.PageUp, k.PageDown},
		{common.WithHelp(k.Enter, "enter", "open record"), common.WithHelp(k.Open, "o", "open iD in browser"), common.WithHelp(k.Copy, "y", "copy iD URI"), common.WithHelp(k.Reload, "R", "search again"),
			common.WithDesc(k.Export, "export the results as CSV (loaded or all)")},
		{common.WithHelp(k.Search, "/", "new search (from anywhere)"),
			key.NewBinding(key.WithKeys("up"), key.WithHelp("↑ (input)", "recent queries")),
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter (input)", "search / open iD")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc (input)", "to results")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc (loading)", "cancel the search")),
			key.NewBinding(key.WithKeys("ctrl+v"), key.WithHelp("paste an iD", "opens its record"))},
	}
}

// View implements common.Pane. Only the visible rows are drawn.
func (m *Model) View() string {
	if m.w < 4 || m.h < 3 {
		return ""
	}
	st := m.st
	iw := m.w - 2
	var b strings.Builder
	b.WriteString(m.input.View())

	info := ""
	switch {
	case m.loading && len(m.rows) == 0:
		info = m.spin.View() + " searching"
	case m.searched && m.errText == "" && !(m.cancelled && len(m.rows) == 0):
		info = common.Count(m.total) + " found"
		if m.now().Sub(m.fetched) >= time.Minute && !m.fetched.IsZero() {
			info += " · fetched " + cache.Ago(m.now(), m.fetched)
		}
		if m.stale() {
			// The box holds something else (a new query being typed, an
			// iD that was opened): say which query these rows answer.
			info += " for “" + sanitize.Truncate(sanitize.Line(m.q.Input), 24) + "”"
		}
		if m.loading {
			info = m.spin.View() + " " + info
		}
	}

	lines := m.h - 2 - 1 // under the input
	if lines <= 0 {
		return st.Box("Search", info, b.String(), m.w, m.h, m.focused)
	}
	cols := m.columns(iw)
	switch {
	case m.errText != "" && len(m.rows) == 0:
		// Wrapped, not cut: the advice comes at the end of the words.
		wl := strings.Split(ansi.Wrap(m.errText, iw, ""), "\n")
		if len(wl) > lines {
			wl = wl[:lines]
			wl[lines-1] = common.Truncate(wl[lines-1]+" …", iw, "…")
		}
		for _, l := range wl {
			b.WriteString("\n" + st.Error.Render(l))
		}
	case !m.searched:
		b.WriteString(m.hints(iw, lines))
	case len(m.rows) == 0 && m.cancelled:
		b.WriteString("\n" + st.Dim.Render(common.Truncate("Search for “"+sanitize.Truncate(sanitize.Line(m.q.Input), 40)+"” cancelled: enter runs it again.", iw, "…")))
	case len(m.rows) == 0 && !m.loading && m.q.Kind == orcid.QueryDOI:
		// "family-name:10.5555/…" would be no help for a DOI.
		b.WriteString("\n" + ansi.Wrap(fmt.Sprintf("No public record lists the DOI %s among its works",
			sanitize.Truncate(m.q.DOI, 60)), iw, ""))
	case len(m.rows) == 0 && !m.loading:
		b.WriteString("\n" + ansi.Wrap(fmt.Sprintf("No one matches “%s” — try fewer words or a field like family-name:%s",
			sanitize.Truncate(m.q.Input, 60), exampleWord(m.q.Input)), iw, ""))
	case len(m.rows) > 0:
		b.WriteByte('\n')
		b.WriteString(st.Header.Render(cols.header()))
		vis := m.visibleRows()
		end := min(len(m.rows), m.offset+vis)
		for i := m.offset; i < end; i++ {
			b.WriteByte('\n')
			line := cols.row(m.rows[i])
			if i == m.cursor && m.focused && !m.inputFocused {
				b.WriteString(st.Selected.Render(common.Fit(st.Marker+line, iw)))
			} else if i == m.cursor {
				b.WriteString(st.Marker + line)
			} else {
				b.WriteString(st.NoMarker + line)
			}
		}
		for i := end - m.offset; i < vis; i++ {
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
		b.WriteString(m.note(iw))
	}
	return st.Box("Search", info, b.String(), m.w, m.h, m.focused)
}

// stale reports results that answer another query than the one in the box.
func (m *Model) stale() bool {
	return m.searched && strings.TrimSpace(m.input.Value()) != m.q.Input
}

// note is the line under the table: position, loading, limits, errors.
func (m *Model) note(iw int) string {
	st := m.st
	switch {
	case m.dialogShown():
		return m.exp.dlg.View(iw)
	case m.errText != "":
		return st.Error.Render(common.Truncate(m.errText, iw, "…"))
	case m.atLimit:
		return st.Warning.Render(common.Truncate(fmt.Sprintf("Showing the first %s: anonymous searches page only to %s — refine the query, or get a client token (c)",
			common.Count(len(m.rows)), common.Count(orcid.MaxAnonymousStart)), iw, "…"))
	case m.jumping:
		return st.Dim.Render(common.Truncate(fmt.Sprintf("%s loading to hit %s: %s of %s loaded · esc stops",
			m.spin.View(), common.Count(m.jump+1), common.Count(len(m.rows)), common.Count(m.jump+1)), iw, "…"))
	case m.loading:
		return st.Dim.Render(m.spin.View() + " loading more…")
	case m.count != "":
		return st.Dim.Render("go to hit " + m.count + "… (G)")
	}
	if m.cancelled {
		return st.Dim.Render(fmt.Sprintf("%s of %s · loading the next page cancelled", common.Count(m.cursor+1), common.Count(m.total)))
	}
	pos := fmt.Sprintf("%s of %s", common.Count(m.cursor+1), common.Count(m.total))
	if int64(len(m.rows)) < m.total {
		pos += fmt.Sprintf(" · %s loaded", common.Count(len(m.rows)))
	}
	return st.Dim.Render(pos)
}

func (m *Model) hints(iw, lines int) string {
	hints := []string{
		"Type a name, an iD, a DOI, or Solr syntax, then enter:",
		"  josiah carberry",
		"  0000-0002-1825-0097",
		"  10.5555/12345678",
		"  family-name:carberry AND affiliation-org-name:brown",
	}
	if len(m.history) > 0 {
		hints = append(hints, "↑ recalls recent queries.")
	}
	// The advice wraps (its end says what to press); the examples are
	// cut, since a wrapped query would read as two.
	var out []string
	for _, h := range hints {
		if strings.HasPrefix(h, "  ") {
			out = append(out, common.Truncate(h, iw, "…"))
			continue
		}
		out = append(out, strings.Split(ansi.Wrap(h, iw, ""), "\n")...)
	}
	var b strings.Builder
	for i := 0; i < len(out) && i < lines; i++ {
		b.WriteString("\n" + m.st.Dim.Render(out[i]))
	}
	return b.String()
}

// exampleWord picks the last plain word of a query for the zero-hits hint.
func exampleWord(q string) string {
	f := strings.Fields(q)
	for i := len(f) - 1; i >= 0; i-- {
		w := strings.ToLower(strings.Trim(f[i], `"()*`))
		if w != "" && !strings.Contains(w, ":") && w != "and" && w != "or" && w != "not" {
			return sanitize.Truncate(sanitize.Line(w), 20)
		}
	}
	return "carberry"
}

// columns lays the table out for an inner width: name, other names and
// institutions, each after a two-cell gap. Zero width leaves a column out.
type columns struct{ name, other, inst int }

const idWidth = 19

// Least widths before a column is left out.
const (
	minNameW  = 8
	minOtherW = 10
	minInstW  = 12
)

func (m *Model) columns(iw int) columns {
	rest := iw - 2 - idWidth // marker and iD
	if rest < 2+minNameW {
		return columns{}
	}
	// The name is cut last: it gets what it needs, leaving the
	// institutions their least width.
	var c columns
	room := rest - 2
	if m.instW > 0 {
		room -= 2 + minInstW
	}
	c.name = max(minNameW, min(max(m.nameW, 4), room)) // 4: "Name"
	left := rest - 2 - c.name
	if m.instW > 0 && left >= 2+minInstW {
		c.inst = left - 2
	}
	// Other names only when some row has them, and from the institutions'
	// room beyond their least.
	if m.otherW > 0 && c.inst >= minInstW+2+minOtherW {
		c.other = min(m.otherW, max(minOtherW, (c.inst-2)*2/5))
		c.inst -= c.other + 2
	}
	return c
}

func (c columns) header() string {
	return "  " + c.cells("iD", "Name", "Other names", "Institutions")
}

func (c columns) row(r row) string {
	return c.cells(string(r.id), r.name, r.other, r.inst)
}

func (c columns) cells(id, name, other, inst string) string {
	var b strings.Builder
	b.WriteString(common.Fit(id, idWidth))
	if c.other == 0 && c.inst == 0 {
		b.WriteString("  " + common.Truncate(name, c.name, "…"))
		return b.String()
	}
	if c.name > 0 {
		b.WriteString("  " + common.Fit(name, c.name))
	}
	if c.other > 0 {
		b.WriteString("  " + common.Fit(other, c.other))
	}
	if c.inst > 0 {
		b.WriteString("  " + common.Truncate(inst, c.inst, "…"))
	}
	return b.String()
}

// Input is the text in the search box.
func (m *Model) Input() string { return m.input.Value() }

// Cursor is the row under the cursor (0 is the first result).
func (m *Model) Cursor() int { return m.cursor }

// SetCache gives the pane the program's cache; nil keeps nothing.
func (m *Model) SetCache(c *cache.Cache) { m.cache = c }

// pageKey names the page of rows of solr's results starting at start;
// start -1 is the prefix of every page of solr.
func (m *Model) pageKey(solr string, start, rows int) string {
	if start < 0 {
		return cache.Key(m.session.CacheScope(), "search", solr, "")
	}
	return cache.Key(m.session.CacheScope(), "search", solr, strconv.Itoa(start), strconv.Itoa(rows))
}

// pageSize is about what a page of rows takes in memory.
func pageSize(rows []row) int64 {
	n := int64(256)
	for _, r := range rows {
		n += int64(96 + len(r.id) + len(r.name) + len(r.other) + len(r.inst))
	}
	return n
}

func (m *Model) now() time.Time {
	if m.clock != nil {
		return m.clock()
	}
	return time.Now()
}
