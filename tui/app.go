package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/cache"
	"github.com/orcid-tui/orcid-tui/tui/common"
	"github.com/orcid-tui/orcid-tui/tui/envpane"
	"github.com/orcid-tui/orcid-tui/tui/record"
	"github.com/orcid-tui/orcid-tui/tui/search"
)

// Layout constants.
const (
	// narrowWidth: below it the environment pane folds away (reachable
	// with tab or E, then it takes the whole pane area).
	narrowWidth = 100
	envWidth    = 30 // the environment column, not focused
	minWidth    = 20
	minHeight   = 8
	// emptyRecordH is the record pane's height with no record open: its
	// border and the three lines that say how to open one.
	emptyRecordH = 5
	statsEvery   = 500 * time.Millisecond

	// How long a message stays on the message line when nothing else
	// happens; any key takes it away sooner. An error stays longer (there
	// is more to read) and its detail stays one key (!) away after.
	statusTTL = 5 * time.Second
	errorTTL  = 10 * time.Second
)

// statusExpiredMsg takes the message numbered seq off the message line,
// unless another one replaced it meanwhile.
type statusExpiredMsg struct{ seq uint64 }

// statsTickMsg polls the clients' counters for the status bar.
type statsTickMsg struct{}

// openedMsg is the outcome of opening a URL in the browser.
type openedMsg struct {
	url string
	err error
}

type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return r.w > 0 && x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

// App is the root model: it owns the size, the focus and the key routing,
// lays out the panes and draws the status bar and key help.
type App struct {
	opts Options
	st   *common.Styles
	keys *common.KeyMap

	env    *envpane.Model
	search *search.Model
	record *record.Model

	focus   common.PaneID
	envFrom common.PaneID // the pane focused before the environment pane
	w, h    int
	sized   bool
	dark    bool
	noColor bool

	session *common.Session
	cache   *cache.Cache  // shared by the panes, keyed by session scope
	history *historyStore // nil: the search history is not kept
	stats   orcid.Stats
	mstats  orcid.Stats // member client
	frame   int         // status-bar spinner frame

	help       help.Model
	showHelp   bool
	helpScroll int // first line of the help overlay's key list shown

	status     string // the last message, in plain words
	statusErr  bool
	statusSeq  uint64 // numbers each message, for its expiry
	errOp      string // the operation whose error status shows (ErrorMsg.Op)
	errShort   string // the last error in plain words, for the detail (!)
	errDetail  string
	showDetail bool

	rects map[common.PaneID]rect

	openURL func(string) error
	// after is tea.Tick; tests that run every command at once replace it
	// and send the timer's message themselves.
	after func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
}

// New builds the program's model (Run uses it; tests drive it directly).
func New(opts Options) *App {
	a := &App{
		opts:    opts,
		dark:    opts.Theme != "light",
		noColor: opts.NoColor,
		w:       80,
		h:       24,
		rects:   map[common.PaneID]rect{},
		openURL: opts.OpenBrowser,
		after:   tea.Tick,
	}
	if a.openURL == nil {
		a.openURL = auth.OpenBrowser
	}
	st := common.NewStyles(a.dark, a.noColor)
	a.st = &st
	km := common.DefaultKeyMap()
	a.keys = &km
	a.help = help.New()
	a.help.Styles = a.st.HelpStyles()
	a.help.ShortSeparator = " · "

	a.env = envpane.New(a.st, a.keys, envpane.Config{
		Envs:          opts.Environments,
		Initial:       opts.Initial,
		Store:         opts.Store,
		StoreNotice:   opts.StoreNotice,
		PublicOptions: opts.PublicOptions,
		MemberOptions: opts.MemberOptions,
		HTTPClient:    opts.HTTPClient,
		OpenBrowser:   opts.OpenBrowser,

		SaveCredentials: opts.SaveCredentials,
	})
	a.search = search.New(a.st, a.keys)
	a.record = record.New(a.st, a.keys)
	a.record.SetCitation(opts.CitationFormat, opts.SaveCitationFormat)
	a.cache = cache.New(opts.CacheBytes)
	a.search.SetCache(a.cache)
	a.record.SetCache(a.cache)
	if opts.HistoryFile != "" {
		a.history = &historyStore{path: opts.HistoryFile}
	}
	a.setSession(a.env.Session())
	a.focus = common.PaneSearch
	a.search.Focus()
	a.layout()
	return a
}

func (a *App) pane(id common.PaneID) common.Pane {
	switch id {
	case common.PaneEnv:
		return a.env
	case common.PaneRecord:
		return a.record
	}
	return a.search
}

func (a *App) setSession(s *common.Session) {
	if s == nil {
		return
	}
	if old := a.session; old != nil && old.SignedIn != "" && old.CacheScope() != s.CacheScope() {
		// Signed out or someone else signed in: what the user read, limited
		// items included, leaves memory with them.
		a.cache.DeletePrefix(old.CacheScope() + "\x00")
	}
	a.session = s
	a.search.SetSession(s)
	a.record.SetSession(s)
}

// Init implements tea.Model.
func (a *App) Init() tea.Cmd {
	cmds := []tea.Cmd{a.env.Init(), a.statsTick()}
	if a.history != nil {
		cmds = append(cmds, a.history.load())
	}
	if a.opts.Theme == "" || a.opts.Theme == "auto" {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if q := strings.TrimSpace(a.opts.Query); q != "" {
		a.search.SetQuery(q)
		cmds = append(cmds, a.search.Submit())
	}
	return tea.Batch(cmds...)
}

func (a *App) statsTick() tea.Cmd {
	return tea.Tick(statsEvery, func(time.Time) tea.Msg { return statsTickMsg{} })
}

// Focus moves the focus to pane p.
func (a *App) Focus(p common.PaneID) {
	if p == a.focus {
		return
	}
	a.pane(a.focus).Blur()
	if p == common.PaneEnv {
		a.envFrom = a.focus
	}
	a.focus = p
	a.pane(p).Focus()
	a.layout()
}

// Focused is the focused pane.
func (a *App) Focused() common.PaneID { return a.focus }

func (a *App) cycle(d int) {
	order := []common.PaneID{common.PaneEnv, common.PaneSearch, common.PaneRecord}
	i := 0
	for j, p := range order {
		if p == a.focus {
			i = j
		}
	}
	a.Focus(order[(i+d+len(order))%len(order)])
}

// Update implements tea.Model.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	seq := a.statusSeq
	hv := a.search.HistoryVersion()
	cmd := a.update(msg)
	a.layout()
	if h := a.history; h != nil && h.loaded && !h.broken && a.search.HistoryVersion() != hv {
		q, v := a.search.Histories()
		cmd = tea.Batch(cmd, h.save(q, v))
	}
	if a.statusSeq != seq && a.status != "" {
		cmd = tea.Batch(cmd, a.expireStatus())
	}
	return a, cmd
}

// expireStatus takes the message now shown off the line after a while.
func (a *App) expireStatus() tea.Cmd {
	seq, ttl := a.statusSeq, statusTTL
	if a.statusErr {
		ttl = errorTTL
	}
	return a.after(ttl, func(time.Time) tea.Msg { return statusExpiredMsg{seq} })
}

// clearStatus takes the message off the line; the last error's detail stays
// one key (!) away.
func (a *App) clearStatus() {
	a.status, a.statusErr, a.errOp = "", false, ""
}

func (a *App) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.w, a.h, a.sized = msg.Width, msg.Height, true
		return nil
	case tea.BackgroundColorMsg:
		a.dark = msg.IsDark()
		a.restyle()
		return a.broadcast(common.StylesMsg{})
	case statsTickMsg:
		a.pollStats()
		return a.statsTick()
	case hangupMsg:
		return a.quit()
	case historyLoadedMsg:
		a.history.loaded = true
		if msg.err != nil {
			a.history.broken = true
			a.setError(msg.err, "search history not read (it is kept for this run only)")
			return nil
		}
		a.search.AddHistories(msg.queries)
		if q, v := a.search.Histories(); v > 0 {
			// Queries made before the file was read: save them with it.
			return a.history.save(q, v)
		}
		return nil
	case historySavedMsg:
		if msg.err != nil {
			a.setError(msg.err, "search history not saved")
		}
		return nil
	case statusExpiredMsg:
		if msg.seq == a.statusSeq {
			a.clearStatus()
		}
		return nil
	case tea.KeyPressMsg:
		return a.handleKey(msg)
	case tea.MouseClickMsg:
		return a.handleClick(msg)
	case tea.MouseWheelMsg:
		m := msg.Mouse()
		for id, r := range a.rects {
			if r.contains(m.X, m.Y) {
				return a.pane(id).Update(msg)
			}
		}
		return nil
	case tea.PasteMsg:
		a.clearStatus() // an action: the last message is old news
		p := a.pane(a.focus)
		if ti, ok := p.(common.TextInputter); (ok && ti.InputFocused()) || (a.focus == common.PaneEnv && a.env.Modal()) {
			return p.Update(msg)
		}
		// Outside a text field a paste is what "/" and a paste would be: a
		// new search, or the record of a pasted iD.
		a.Focus(common.PaneSearch)
		a.search.NewSearch()
		return a.search.Update(msg)

	case common.SessionMsg:
		a.setSession(msg.Session)
		a.pollStats()
		return nil
	case common.OpenRecordMsg:
		if a.statusErr {
			// An error about the record shown before must not stand
			// under the next one.
			a.clearStatus()
		}
		a.Focus(common.PaneRecord)
		return a.record.Update(msg)
	case common.FocusMsg:
		a.Focus(msg.Pane)
		return nil
	case common.OpenURLMsg:
		u := msg.URL
		open := a.openURL
		a.setStatus("opening "+sanitize.Truncate(sanitize.Line(u), 60)+" in the browser", false)
		return func() tea.Msg { return openedMsg{url: u, err: open(u)} }
	case openedMsg:
		if msg.err != nil {
			a.setError(fmt.Errorf("could not open the browser: %w", msg.err), "open")
			a.status = "no browser opened — copy the address with y instead"
		}
		return nil
	case common.CopyMsg:
		what := msg.What
		if what == "" {
			what = "text"
		}
		a.setStatus("copied "+sanitize.Line(what), false)
		return tea.SetClipboard(msg.Text)
	case common.ErrorMsg:
		a.setError(msg.Err, msg.What)
		a.errOp = msg.Op
		if a.errOp == "" {
			a.errOp = msg.What
		}
		return nil
	case common.DoneMsg:
		if a.statusErr && a.errOp != "" && a.errOp == msg.Op {
			a.setStatus(sanitize.Line(msg.Text), false)
		}
		return nil
	case common.StatusMsg:
		a.setStatus(sanitize.Line(msg.Text), false)
		return nil
	case spinner.TickMsg:
		return a.broadcast(msg)
	}
	// Answers to panes' requests and anything else: every pane gets it and
	// keeps what is addressed to it (request ids).
	return a.broadcast(msg)
}

func (a *App) broadcast(msg tea.Msg) tea.Cmd {
	return tea.Batch(a.env.Update(msg), a.search.Update(msg), a.record.Update(msg))
}

func (a *App) restyle() {
	*a.st = common.NewStyles(a.dark, a.noColor)
	a.help.Styles = a.st.HelpStyles()
}

func (a *App) pollStats() {
	if a.session == nil {
		return
	}
	if a.session.Client != nil {
		a.stats = a.session.Client.Stats()
	}
	a.mstats = orcid.Stats{}
	if a.session.Member != nil {
		a.mstats = a.session.Member.Stats()
	}
	if a.stats.InFlight+a.mstats.InFlight > 0 {
		a.frame++
	}
}

func (a *App) setStatus(s string, isErr bool) {
	a.status, a.statusErr, a.errOp = s, isErr, ""
	a.statusSeq++
	if !isErr {
		a.errDetail = ""
	}
}

func (a *App) setError(err error, what string) {
	if err == nil {
		return
	}
	short, detail := common.Describe(err)
	if what != "" {
		short = sanitize.Line(what) + ": " + short
	}
	a.status, a.statusErr, a.errDetail, a.errOp = short, true, detail, ""
	a.errShort = short
	a.statusSeq++
}

// handleKey routes a key: overlay, then a focused text input, then global
// keys, then the focused pane.
func (a *App) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := a.keys
	if key.Matches(msg, k.ForceQuit) {
		return a.quit()
	}
	if a.showHelp {
		if key.Matches(msg, k.Help, k.Back, k.Quit) {
			a.showHelp = false
			return nil
		}
		a.scrollHelp(msg)
		return nil
	}
	if a.showDetail {
		a.showDetail = false
		return nil
	}
	if !key.Matches(msg, k.Detail) {
		// Any action takes the last message away (its detail stays on !).
		a.clearStatus()
	}
	p := a.pane(a.focus)
	if ti, ok := p.(common.TextInputter); ok && ti.InputFocused() {
		// Tab leaves the search box for the next pane; everything else is
		// typing (so "q" does not quit).
		if a.focus == common.PaneSearch && key.Matches(msg, k.Tab, k.ShiftTab) {
			a.search.BlurInput()
			a.cycle(map[bool]int{true: 1, false: -1}[key.Matches(msg, k.Tab)])
			return nil
		}
		return p.Update(msg)
	}
	if a.focus == common.PaneEnv && a.env.Modal() {
		if !key.Matches(msg, k.Tab, k.ShiftTab, k.Help) {
			return p.Update(msg)
		}
	}
	if a.focus == common.PaneEnv && msg.String() == "esc" {
		// esc closes the environment pane (at narrow widths it covers the
		// others) and goes back to where the user was.
		a.Focus(a.envFrom)
		return nil
	}

	if kc, ok := p.(common.KeyClaimer); ok && kc.ClaimsKey(msg) {
		return p.Update(msg) // E exports there; the environment pane is a tab away
	}
	switch {
	case key.Matches(msg, k.Quit):
		return a.quit()
	case key.Matches(msg, k.Tab):
		a.cycle(1)
		return nil
	case key.Matches(msg, k.ShiftTab):
		a.cycle(-1)
		return nil
	case key.Matches(msg, k.Help):
		a.showHelp, a.helpScroll = true, 0
		return nil
	case key.Matches(msg, k.Detail) && a.errDetail != "":
		a.showDetail = true
		return nil
	case key.Matches(msg, k.EnvPane):
		a.Focus(common.PaneEnv)
		return nil
	case key.Matches(msg, k.Search):
		// "/" means one thing everywhere: a new ORCID search (filtering and
		// finding inside a pane have their own key).
		a.Focus(common.PaneSearch)
		a.search.NewSearch()
		return nil
	}
	return p.Update(msg)
}

func (a *App) quit() tea.Cmd {
	a.env.Close()
	return tea.Quit
}

func (a *App) handleClick(msg tea.MouseClickMsg) tea.Cmd {
	m := msg.Mouse()
	if m.Button != tea.MouseLeft {
		return nil
	}
	if a.showHelp || a.showDetail {
		a.showHelp, a.showDetail = false, false
		return nil
	}
	for id, r := range a.rects {
		if r.contains(m.X, m.Y) {
			// The pane gets the click before the focus moves: focusing
			// resizes the panes (the focused one grows), which could scroll
			// what was under the pointer away.
			cmd := a.pane(id).Update(common.ClickMsg{X: m.X - r.x, Y: m.Y - r.y})
			a.Focus(id)
			return cmd
		}
	}
	return nil
}

// layout gives each pane its size. It runs after every Update (cheap).
func (a *App) layout() {
	w, h := max(a.w, minWidth), max(a.h, minHeight)
	areaH := h - 3 // status bar, message line, help line
	top := 1
	clear(a.rects)
	narrow := w < narrowWidth
	if narrow && a.focus == common.PaneEnv {
		a.rects[common.PaneEnv] = rect{0, top, w, areaH}
	} else {
		x := 0
		if !narrow {
			// The same width focused or not, so moving the focus does not
			// reflow the other panes; only a dialog (credentials, sign-in)
			// takes more room.
			ew := envWidth
			if a.env.Modal() {
				ew = min(max(envWidth, w*45/100), 90)
			}
			a.rects[common.PaneEnv] = rect{0, top, ew, areaH}
			x = ew
		}
		rw := w - x
		// The focused pane gets the room. Without a record the record
		// pane only says how to open one, so the results take the rest;
		// with one, the search pane keeps 3 result rows (border, input,
		// header and note take 5 more) and grows while it has the focus.
		var sh int
		switch {
		case a.record.ID() == "":
			sh = max(3, areaH-emptyRecordH)
		case a.focus == common.PaneSearch:
			sh = min(max(8, areaH*60/100), 30)
		default:
			sh = min(max(8, areaH*35/100), 16)
		}
		if a.record.ID() != "" && areaH-sh < 6 {
			sh = max(3, areaH/2)
		}
		a.rects[common.PaneSearch] = rect{x, top, rw, sh}
		a.rects[common.PaneRecord] = rect{x, top + sh, rw, areaH - sh}
	}
	for _, id := range []common.PaneID{common.PaneEnv, common.PaneSearch, common.PaneRecord} {
		if r, ok := a.rects[id]; ok {
			a.pane(id).SetSize(r.w, r.h)
		}
	}
}

// View implements tea.Model. It is pure: it only draws what Update stored.
func (a *App) View() tea.View {
	v := tea.NewView(a.Render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "orcid-tui · " + sanitize.Line(a.envName())
	return v
}

func (a *App) envName() string {
	if a.session == nil {
		return ""
	}
	return a.session.Env.Name
}

// Render draws the whole screen as a string (View wraps it; tests and the
// benchmark use it directly).
func (a *App) Render() string {
	w, h := max(a.w, minWidth), max(a.h, minHeight)
	var b strings.Builder
	b.Grow(w * h * 2)
	b.WriteString(a.statusBar(w))
	b.WriteByte('\n')
	areaH := h - 3
	switch {
	case a.showHelp:
		b.WriteString(a.helpOverlay(w, areaH))
	case a.showDetail:
		b.WriteString(a.detailOverlay(w, areaH))
	default:
		b.WriteString(a.panes())
	}
	b.WriteByte('\n')
	b.WriteString(a.messageLine(w))
	b.WriteByte('\n')
	b.WriteString(a.helpLine(w))
	return b.String()
}

// panes draws the pane area. Every pane draws exactly its rect (Box fits
// each line to the width), so the boxes are put side by side line by line:
// lipgloss.JoinVertical/JoinHorizontal would measure every line of every
// pane again, which was most of the cost of a 160x48 frame.
func (a *App) panes() string {
	er, hasEnv := a.rects[common.PaneEnv]
	if hasEnv && er.w == max(a.w, minWidth) {
		return a.env.View()
	}
	sr, rr := a.rects[common.PaneSearch], a.rects[common.PaneRecord]
	right := append(boxLines(a.search.View(), sr.w, sr.h), boxLines(a.record.View(), rr.w, rr.h)...)
	if !hasEnv {
		return strings.Join(right, "\n")
	}
	left := boxLines(a.env.View(), er.w, er.h)
	blankL, blankR := strings.Repeat(" ", er.w), strings.Repeat(" ", sr.w)
	var b strings.Builder
	b.Grow((er.w + sr.w) * 2 * max(len(left), len(right)))
	for i := range max(len(left), len(right)) {
		if i > 0 {
			b.WriteByte('\n')
		}
		l, r := blankL, blankR
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		b.WriteString(l)
		b.WriteString(r)
	}
	return b.String()
}

// boxLines is a pane's view as at least h lines; a pane too small to draw
// anything is blank lines w cells wide.
func boxLines(view string, w, h int) []string {
	var lines []string
	if view != "" {
		lines = strings.Split(view, "\n")
	}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return lines
}

// statusBar: environment and who on the left; requests, rate and trouble on
// the right.
func (a *App) statusBar(w int) string {
	st := a.st
	env, who := "", ""
	if a.session != nil {
		env = sanitize.Line(a.session.Env.Name)
		who = sanitize.Line(a.session.Who)
	}
	if a.opts.Demo && env == "demo" {
		env = "demo (offline)"
	}
	left := " " + st.Title.Render("orcid-tui") + st.Dim.Render(" · ") + st.StatusEnv.Render(env) + st.Dim.Render(" · ") + who

	s, ms := a.stats, a.mstats
	var parts []string
	if n := s.InFlight + ms.InFlight; n > 0 {
		frames := spinner.MiniDot.Frames
		word := "requests"
		if n == 1 {
			word = "request"
		}
		parts = append(parts, st.Title.Render(frames[a.frame%len(frames)])+fmt.Sprintf(" %d %s", n, word))
	}
	if s.Limit > 0 {
		parts = append(parts, fmt.Sprintf("%s/%s req/s", fmtRate(s.Rate), fmtRate(s.Limit)), fmt.Sprintf("%d burst", s.Burst))
		if slowed(s) {
			parts = append(parts, st.Warning.Render("slowed to "+fmtRate(s.Effective)+"/s"))
		}
	}
	if ms.Limit > 0 && ms.Sent > 0 {
		parts = append(parts, fmt.Sprintf("member %s/%s", fmtRate(ms.Rate), fmtRate(ms.Limit)))
		if slowed(ms) {
			parts = append(parts, st.Warning.Render("member slowed to "+fmtRate(ms.Effective)+"/s"))
		}
	}
	if r := s.Retried + ms.Retried; r > 0 {
		parts = append(parts, st.Warning.Render(fmt.Sprintf("%d retried", r)))
	}
	if n := s.Status503 + ms.Status503; n > 0 {
		parts = append(parts, st.Warning.Render(fmt.Sprintf("503×%d", n)))
	}
	if n := s.Status429 + ms.Status429; n > 0 {
		parts = append(parts, st.Error.Render(fmt.Sprintf("429×%d", n)))
	}
	right := strings.Join(parts, st.Dim.Render(" · ")) + " "
	lw, rw := ansi.StringWidth(left), ansi.StringWidth(right)
	if lw+rw+1 > w {
		// Keep who we are; drop figures from the right until they fit.
		for len(parts) > 0 && lw+rw+1 > w {
			parts = parts[:len(parts)-1]
			right = strings.Join(parts, st.Dim.Render(" · ")) + " "
			rw = ansi.StringWidth(right)
		}
		if lw+rw+1 > w {
			return common.Fit(left, w)
		}
	}
	return left + strings.Repeat(" ", w-lw-rw) + right
}

func fmtRate(r float64) string {
	if r == float64(int64(r)) {
		return fmt.Sprintf("%d", int64(r))
	}
	return fmt.Sprintf("%.1f", r)
}

// messageLine is the last status or error, in plain words.
func (a *App) messageLine(w int) string {
	if a.status == "" {
		return ""
	}
	st := a.st
	if a.statusErr {
		line := st.Error.Render("✗ ") + a.status
		if a.errDetail != "" {
			line += st.Dim.Render("  (! detail)")
		}
		return common.Fit(" "+line, w)
	}
	return common.Fit(" "+st.Dim.Render(a.status), w)
}

// helpLine is the short key help of the focused pane, always visible. It
// always fits w: entries that do not fit are left out whole (never cut or
// wrapped), the least important first, and the root's keys that always work
// ("? help", "q quit") come last and are left out last.
func (a *App) helpLine(w int) string {
	items := a.footerKeys()
	bs := fitKeys(items, w-1, ansi.StringWidth(a.help.ShortSeparator))
	return " " + a.help.ShortHelpView(bs)
}

// footerKey is an entry of the key line; entries with the higher drop are
// left out first when the line is too long.
type footerKey struct {
	b    key.Binding
	drop int
}

// footerKeys are the key line's entries in the order they are drawn.
func (a *App) footerKeys() []footerKey {
	k := a.keys
	// Root keys drawn last; they go only when nothing else is left.
	const kept = -1
	switch {
	case a.showHelp:
		// ?, esc and q close the overlay; only ctrl+c quits.
		fk := []footerKey{{common.WithHelp(k.Help, "?/esc", "close help"), kept}, {k.ForceQuit, kept}}
		if a.helpMaxScroll() > 0 {
			fk = append([]footerKey{{key.NewBinding(key.WithKeys("j", "k"), key.WithHelp("j/k ctrl+d/u", "scroll")), 0}}, fk...)
		}
		return fk
	case a.showDetail:
		return []footerKey{{key.NewBinding(key.WithKeys("any"), key.WithHelp("any key", "close")), kept}, {k.ForceQuit, kept}}
	}
	p := a.pane(a.focus)
	var items []footerKey
	var tail []key.Binding
	for _, b := range p.ShortHelp() {
		if !b.Enabled() {
			continue
		}
		switch b.Help() {
		case k.Help.Help(), k.Quit.Help():
			continue // the root adds them last
		}
		items = append(items, footerKey{b, len(items)})
	}
	if ti, ok := p.(common.TextInputter); ok && ti.InputFocused() {
		// Every key but tab is typing: no root keys to list.
		return items
	}
	modal := a.focus == common.PaneEnv && a.env.Modal()
	if !modal {
		has := false
		for _, it := range items {
			has = has || it.b.Help() == k.Search.Help()
		}
		if !has {
			// "/ search" goes first on the line but is left out before the
			// pane's own keys (tab reaches the search pane too).
			items = append([]footerKey{{k.Search, len(items)}}, items...)
		}
	}
	tail = append(tail, k.Help)
	if !modal {
		// In a dialog of the environment pane q is the dialog's key.
		tail = append(tail, k.Quit)
	}
	for _, b := range tail {
		items = append(items, footerKey{b, kept})
	}
	return items
}

// fitKeys picks the entries of items that fit w cells when drawn as
// "key desc" joined by a separator sepW cells wide: the entries with the
// highest drop go first, then, if even that is not enough, the kept ones
// from the front. The order is kept.
func fitKeys(items []footerKey, w, sepW int) []key.Binding {
	widths := make([]int, len(items))
	total := 0
	for i, it := range items {
		widths[i] = ansi.StringWidth(it.b.Help().Key) + 1 + ansi.StringWidth(it.b.Help().Desc)
		total += widths[i]
		if i > 0 {
			total += sepW
		}
	}
	out := make([]bool, len(items))
	n := len(items)
	for n > 0 && total > w {
		worst := -1
		for i, it := range items {
			if !out[i] && (worst < 0 || it.drop > items[worst].drop) {
				worst = i
			}
		}
		out[worst] = true
		total -= widths[worst]
		if n > 1 {
			total -= sepW
		}
		n--
	}
	bs := make([]key.Binding, 0, n)
	for i, it := range items {
		if !out[i] {
			bs = append(bs, it.b)
		}
	}
	return bs
}

// globalKeys are listed in the help overlay for every pane.
func (a *App) globalKeys() []key.Binding {
	k := a.keys
	return []key.Binding{k.Tab, k.ShiftTab, common.WithDesc(k.Search, "new ORCID search, any pane"), k.EnvPane, k.Help, k.Detail, k.Quit}
}

func (a *App) detailOverlay(w, h int) string {
	st := a.st
	body := st.Error.Render("✗ "+a.errShort) + "\n\n" + ansi.Wrap(a.errDetail, max(10, w-8), "") + "\n\n" + st.Dim.Render("any key closes")
	return a.overlayBox(body, w, h)
}

// overlayBox draws body in a box centred in the pane area (w x h).
func (a *App) overlayBox(body string, w, h int) string {
	lines := strings.Split(body, "\n")
	maxLines := max(1, h-2)
	if len(lines) > maxLines {
		lines = append(lines[:maxLines-1], a.st.Dim.Render("…"))
	}
	for i, l := range lines {
		lines[i] = common.Truncate(l, max(1, w-4), "…")
	}
	box := a.st.Overlay.Render(strings.Join(lines, "\n"))
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, box)
}

// slowed reports a client that lowered its own rate after ORCID answered 503.
func slowed(s orcid.Stats) bool { return s.Effective > 0 && s.Effective < s.Limit }
