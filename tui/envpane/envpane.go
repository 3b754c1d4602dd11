// Package envpane is the environment and credentials pane: it lists the
// ORCID environments, shows the URLs in use, lets the user enter a client id
// and secret, get a client-credentials token, sign in with the browser
// (watching the flow's steps live), and see, refresh, revoke or forget
// tokens. Each environment keeps its own state; switching emits a
// common.SessionMsg.
package envpane

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// Env is one environment the pane offers, with its credentials.
type Env struct {
	orcid.Environment
	// Label is shown in the list; "" means Name.
	Label        string
	ClientID     string
	ClientSecret string // never drawn
	// RedirectURI is the registered loopback redirect URI; "" means
	// auth's default.
	RedirectURI string
	// Scopes are preselected for sign-in; nil means auth.DefaultSignInScopes.
	Scopes []string
	// Ephemeral environments (the in-process demo registry) forget every
	// token when the program stops, so their tokens are kept in memory:
	// one saved by an earlier run would only be refused as invalid.
	Ephemeral bool
}

func (e Env) label() string {
	if e.Label != "" {
		return e.Label
	}
	return e.Name
}

// Config is what the pane needs to build clients and authenticators.
type Config struct {
	Envs    []Env
	Initial string // name of the environment selected at start; "" means the first
	// Store keeps tokens across runs; nil keeps them in memory only.
	Store       auth.Store
	StoreNotice string // shown once ("tokens are kept in …")
	// PublicOptions and MemberOptions are given to every orcid.Client of the
	// public and member API (rate limits, user agent, HTTP client).
	PublicOptions []orcid.Option
	MemberOptions []orcid.Option
	// HTTPClient makes auth's requests; nil means the environment's
	// rate-limited client (orcid.Client.HTTPClient).
	HTTPClient *http.Client
	// OpenBrowser opens a URL; nil means auth.OpenBrowser.
	OpenBrowser func(string) error
	// Now is the clock for expiry display (tests); nil means time.Now.
	Now func() time.Time
	// SaveCredentials keeps confirmed credentials beyond this run (never for
	// an Ephemeral environment); nil keeps them for this run only.
	SaveCredentials SaveCredentialsFunc
}

type mode int

const (
	modeBrowse mode = iota
	modeEdit        // editing client id and secret
	modeScopes      // choosing sign-in scopes
	modeFlow        // a sign-in under way (or just finished)
)

// envState is everything the pane knows about one environment. It is kept
// when the user switches away.
type envState struct {
	spec Env

	anon   *orcid.Client // anonymous public client
	authn  *auth.Authenticator
	pub    *orcid.Client // public client with the client token
	member *orcid.Client // member client of the signed-in user

	clientTok *auth.Session
	user      *auth.Session
	// Masked summaries of clientTok and user, made when they are set: a
	// summary decodes the stored id_token, which View must not do.
	clientSum, userSum auth.Summary
	memberErr          string // why there is no member client

	loaded  bool   // stored tokens looked up
	loadReq uint64 // the stored-token lookup under way
	busy    string // "getting a client token" …
	req     uint64 // request the busy line waits for
	cancel  context.CancelFunc
	note    string // last outcome in words
	errMsg  string // last failure in words

	flow   *flowState
	scopes []string // chosen for the next sign-in

	saveReq uint64 // the credentials save under way
}

// flowState is one browser sign-in as the pane shows it.
type flowState struct {
	req    uint64
	flow   *auth.Flow
	events []auth.Event
	url    string
	done   bool
	err    string
	paste  textinput.Model
	pasted string // outcome of the last paste
	input  bool   // the paste input holds the keyboard
}

// Model is the environment pane.
type Model struct {
	st   *common.Styles
	keys *common.KeyMap
	cfg  Config

	// storeNotice says in plain words where tokens are kept; storeWhy is
	// the technical reason the OS keyring was not used, shown on !.
	storeNotice, storeWhy string
	showWhy               bool

	envs   []*envState
	active int // the environment in use
	cursor int // the environment under the cursor

	mode    mode
	focused bool
	w, h    int
	scroll  int

	// edit mode
	idInput     textinput.Model
	secretInput textinput.Model
	editField   int // 0 id, 1 secret

	// scope picker
	scopeCursor int

	saveQ *saveQueue

	spin spinner.Model
}

// envResultMsg carries the outcome of one credentials operation.
type envResultMsg struct {
	env  string
	req  uint64
	op   string // "client token", "refresh", "revoke", "forget", "stored"
	tok  *auth.Session
	user *auth.Session
	err  error
}

type flowStartedMsg struct {
	env  string
	req  uint64
	flow *auth.Flow
	err  error
}

type flowEventMsg struct {
	env string
	req uint64
	ev  auth.Event
}

type flowDoneMsg struct {
	env  string
	req  uint64
	sess *auth.Session
	err  error
}

// New returns the pane. The environment named cfg.Initial (or the first) is
// active.
func New(st *common.Styles, keys *common.KeyMap, cfg Config) *Model {
	m := &Model{st: st, keys: keys, cfg: cfg, saveQ: &saveQueue{}}
	m.storeNotice, m.storeWhy = splitStoreNotice(cfg.StoreNotice)
	for _, e := range cfg.Envs {
		s := &envState{spec: e, scopes: slices.Clone(e.Scopes)}
		if len(s.scopes) == 0 {
			s.scopes = slices.Clone(auth.DefaultSignInScopes)
		}
		m.envs = append(m.envs, s)
	}
	for i, e := range m.envs {
		if e.spec.Name == cfg.Initial {
			m.active = i
		}
	}
	m.cursor = m.active
	m.idInput = textinput.New()
	m.idInput.Prompt = "client id  "
	m.idInput.Placeholder = "APP-XXXXXXXXXXXXXXXX"
	m.idInput.CharLimit = 64
	m.secretInput = textinput.New()
	m.secretInput.Prompt = "secret     "
	m.secretInput.EchoMode = textinput.EchoPassword
	m.secretInput.EchoCharacter = '•'
	m.secretInput.CharLimit = 128
	m.spin = spinner.New(spinner.WithSpinner(spinner.MiniDot))
	m.restyle()
	return m
}

func (m *Model) restyle() {
	is := m.st.InputStyles()
	m.idInput.SetStyles(is)
	m.secretInput.SetStyles(is)
	m.spin.Style = m.st.Title
	for _, e := range m.envs {
		if e.flow != nil {
			e.flow.paste.SetStyles(is)
		}
	}
}

func (m *Model) now() time.Time {
	if m.cfg.Now != nil {
		return m.cfg.Now()
	}
	return time.Now()
}

func (m *Model) cur() *envState {
	if len(m.envs) == 0 {
		return nil
	}
	return m.envs[m.active]
}

func (m *Model) byName(name string) *envState {
	for _, e := range m.envs {
		if e.spec.Name == name {
			return e
		}
	}
	return nil
}

// Active returns the environment in use.
func (m *Model) Active() orcid.Environment {
	if e := m.cur(); e != nil {
		return e.spec.Environment
	}
	return orcid.Environment{}
}

// Init looks up stored tokens of the active environment.
func (m *Model) Init() tea.Cmd { return m.loadStored(m.cur()) }

// Session returns the session of the active environment, building its
// clients on first use. It never returns nil when there is an environment.
func (m *Model) Session() *common.Session {
	e := m.cur()
	if e == nil {
		return nil
	}
	s := &common.Session{Env: e.spec.Environment, Who: common.WhoAnonymous}
	switch {
	case e.clientTok != nil && e.pub != nil:
		s.Client, s.Who = e.pub, common.WhoClientToken
	default:
		s.Client = m.anonClient(e)
	}
	if e.user != nil && e.member != nil {
		s.Member, s.SignedIn = e.member, e.user.ORCID
		s.Who = "signed in " + string(e.user.ORCID)
	} else if e.user != nil {
		s.Who = "signed in " + string(e.user.ORCID) + " (public API)"
	}
	return s
}

func (m *Model) sessionCmd() tea.Cmd {
	return common.Cmd(common.SessionMsg{Session: m.Session()})
}

// anonClient is e's anonymous public-API client. It owns the environment's
// public-API rate limiter: the client-token client and every OAuth request
// share it (orcid.WithLimiterOf, Client.HTTPClient), so nothing bypasses it.
func (m *Model) anonClient(e *envState) *orcid.Client {
	if e.anon == nil {
		e.anon = orcid.New(e.spec.Environment, m.cfg.PublicOptions...)
	}
	return e.anon
}

// publicOptions are the options of a public-API client with a token.
func (m *Model) publicOptions(e *envState) []orcid.Option {
	return append(slices.Clip(m.cfg.PublicOptions), orcid.WithLimiterOf(m.anonClient(e)))
}

// authenticator returns e's authenticator, building it from the
// credentials; nil and the reason when there are none.
func (m *Model) authenticator(e *envState) (*auth.Authenticator, error) {
	if e.authn != nil {
		return e.authn, nil
	}
	hc := m.cfg.HTTPClient
	if hc == nil {
		hc = m.anonClient(e).HTTPClient()
	}
	a, err := auth.New(auth.Config{
		Env:          e.spec.Environment,
		ClientID:     e.spec.ClientID,
		ClientSecret: e.spec.ClientSecret,
		RedirectURI:  e.spec.RedirectURI,
		HTTPClient:   hc,
		Store:        m.store(e),
		OpenBrowser:  m.cfg.OpenBrowser,
	})
	if err != nil {
		return nil, err
	}
	e.authn = a
	return a, nil
}

// SetSize implements common.Pane.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	iw := max(4, w-2)
	m.idInput.SetWidth(max(1, iw-len(m.idInput.Prompt)-1))
	m.secretInput.SetWidth(max(1, iw-len(m.secretInput.Prompt)-1))
	for _, e := range m.envs {
		if e.flow != nil {
			e.flow.paste.SetWidth(max(1, iw-len(e.flow.paste.Prompt)-1))
		}
	}
}

// Focus implements common.Pane.
func (m *Model) Focus() { m.focused = true }

// Blur implements common.Pane.
func (m *Model) Blur() { m.focused = false }

// Focused implements common.Pane.
func (m *Model) Focused() bool { return m.focused }

// Wide reports whether the pane wants more room than the narrow column:
// while it is focused, or in a mode with long lines (editing, sign-in).
func (m *Model) Wide() bool { return m.focused || m.mode != modeBrowse }

// InputFocused implements common.TextInputter.
func (m *Model) InputFocused() bool {
	if !m.focused {
		return false
	}
	switch m.mode {
	case modeEdit:
		return true
	case modeFlow:
		if f := m.cur().flow; f != nil && f.input {
			return true
		}
	}
	return false
}

// Modal reports whether the pane is in a dialog that esc leaves (scope
// choice, a sign-in): the root sends it esc before treating esc as back.
func (m *Model) Modal() bool { return m.mode != modeBrowse }

// Update implements common.Pane.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.StylesMsg:
		m.restyle()
	case spinner.TickMsg:
		if !m.anyBusy() {
			return nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return cmd
	case envResultMsg:
		return m.onResult(msg)
	case flowStartedMsg:
		return m.onFlowStarted(msg)
	case flowEventMsg:
		return m.onFlowEvent(msg)
	case flowDoneMsg:
		return m.onFlowDone(msg)
	case credsSavedMsg:
		return m.onCredsSaved(msg)
	case tea.PasteMsg:
		return m.updateInputs(msg)
	case tea.KeyPressMsg:
		switch m.mode {
		case modeEdit:
			return m.updateEdit(msg)
		case modeScopes:
			return m.updateScopes(msg)
		case modeFlow:
			return m.updateFlow(msg)
		}
		return m.updateBrowse(msg)
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			m.scroll = max(0, m.scroll-2)
		} else if msg.Button == tea.MouseWheelDown {
			m.scroll += 2
			m.clampScroll()
		}
	case common.ClickMsg:
		// Rows 1.. of the list are the environments.
		if m.mode == modeBrowse && msg.Y >= 1 && msg.Y-1 < len(m.envs) && m.scroll == 0 {
			m.cursor = msg.Y - 1
		}
	}
	return nil
}

func (m *Model) anyBusy() bool {
	for _, e := range m.envs {
		if e.busy != "" || (e.flow != nil && !e.flow.done) {
			return true
		}
	}
	return false
}

func (m *Model) updateInputs(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch m.mode {
	case modeEdit:
		if m.editField == 0 {
			m.idInput, cmd = m.idInput.Update(msg)
		} else {
			m.secretInput, cmd = m.secretInput.Update(msg)
		}
	case modeFlow:
		if f := m.cur().flow; f != nil && !f.done {
			if !f.input {
				f.input = true
				f.paste.Focus()
			}
			f.paste, cmd = f.paste.Update(msg)
		}
	}
	return cmd
}

func (m *Model) updateBrowse(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	e := m.cur()
	switch {
	case key.Matches(msg, k.Up):
		m.cursor = max(0, m.cursor-1)
	case key.Matches(msg, k.Down):
		m.cursor = min(len(m.envs)-1, m.cursor+1)
	case key.Matches(msg, k.Top):
		m.cursor, m.scroll = 0, 0
	case key.Matches(msg, k.Bottom):
		m.cursor = len(m.envs) - 1
	case key.Matches(msg, k.PageDown):
		m.scroll += max(1, m.h/2)
		m.clampScroll()
	case key.Matches(msg, k.PageUp):
		m.scroll = max(0, m.scroll-max(1, m.h/2))
	case key.Matches(msg, k.Enter):
		return m.Switch(m.cursor)
	case key.Matches(msg, k.EditCreds):
		m.startEdit()
	case key.Matches(msg, k.Detail) && m.storeWhy != "":
		m.showWhy = !m.showWhy
	case key.Matches(msg, k.ClientToken):
		return m.clientToken(e)
	case key.Matches(msg, k.SignIn):
		if _, err := m.authenticator(e); err != nil {
			e.errMsg = "sign-in needs a client id and secret: press e to enter them"
			return nil
		}
		m.mode, m.scopeCursor = modeScopes, 0
	case key.Matches(msg, k.RefreshTok):
		return m.refresh(e)
	case key.Matches(msg, k.Revoke):
		return m.revoke(e)
	case key.Matches(msg, k.Forget):
		return m.forget(e)
	case key.Matches(msg, k.Copy):
		if e.user != nil && e.user.ORCID != "" {
			return common.Cmd(common.CopyMsg{Text: e.spec.IDURI(e.user.ORCID), What: "iD " + string(e.user.ORCID)})
		}
		return common.Cmd(common.CopyMsg{Text: e.spec.RegistryURL, What: "registry URL"})
	case key.Matches(msg, k.Open):
		if e.user != nil && e.user.ORCID != "" {
			return common.Cmd(common.OpenRecordMsg{ID: e.user.ORCID})
		}
	}
	return nil
}

// Switch makes environment i the active one and announces the new session.
func (m *Model) Switch(i int) tea.Cmd {
	if i < 0 || i >= len(m.envs) {
		return nil
	}
	m.cursor = i
	if i == m.active {
		return nil
	}
	m.active = i
	m.scroll = 0
	m.mode = modeBrowse
	if m.cur().flow != nil && !m.cur().flow.done {
		m.mode = modeFlow
	}
	return tea.Batch(m.sessionCmd(), m.loadStored(m.cur()),
		common.Cmd(common.StatusMsg{Text: "environment " + m.cur().spec.label()}))
}

// SwitchTo makes the environment with that name active.
func (m *Model) SwitchTo(name string) tea.Cmd {
	for i, e := range m.envs {
		if e.spec.Name == name {
			return m.Switch(i)
		}
	}
	return nil
}

// ---- credentials editing -------------------------------------------------

func (m *Model) startEdit() {
	e := m.cur()
	m.mode = modeEdit
	m.editField = 0
	m.idInput.SetValue(e.spec.ClientID)
	m.idInput.CursorEnd()
	m.secretInput.SetValue(e.spec.ClientSecret)
	m.secretInput.CursorEnd()
	m.idInput.Focus()
	m.secretInput.Blur()
}

func (m *Model) updateEdit(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		m.mode = modeBrowse
		m.idInput.Blur()
		m.secretInput.Blur()
		m.secretInput.SetValue("")
		return nil
	case "tab", "shift+tab", "up", "down":
		m.editField = 1 - m.editField
		m.focusEditField()
		return nil
	case "enter":
		if m.editField == 0 {
			m.editField = 1
			m.focusEditField()
			return nil
		}
		return m.saveCreds()
	}
	var cmd tea.Cmd
	if m.editField == 0 {
		m.idInput, cmd = m.idInput.Update(msg)
	} else {
		m.secretInput, cmd = m.secretInput.Update(msg)
	}
	return cmd
}

func (m *Model) focusEditField() {
	if m.editField == 0 {
		m.secretInput.Blur()
		m.idInput.Focus()
	} else {
		m.idInput.Blur()
		m.secretInput.Focus()
	}
}

// saveCreds uses the new credentials from now on, drops every token
// obtained with the old ones and saves them (Config.SaveCredentials).
func (m *Model) saveCreds() tea.Cmd {
	e := m.cur()
	id := strings.TrimSpace(m.idInput.Value())
	secret := strings.TrimSpace(m.secretInput.Value())
	m.idInput.Blur()
	m.secretInput.Blur()
	m.secretInput.SetValue("")
	m.mode = modeBrowse
	if id == e.spec.ClientID && secret == e.spec.ClientSecret {
		return nil
	}
	m.cancelOps(e)
	e.spec.ClientID, e.spec.ClientSecret = id, secret
	e.authn, e.pub, e.clientTok, e.user, e.member = nil, nil, nil, nil, nil
	e.loaded = false
	e.errMsg, e.note = "", "credentials changed (kept for this run)"
	return tea.Batch(m.sessionCmd(), m.loadStored(e), m.saveCmd(e))
}

func (m *Model) cancelOps(e *envState) {
	if e.cancel != nil {
		e.cancel()
		e.cancel = nil
	}
	e.busy, e.req = "", 0
	if e.flow != nil && !e.flow.done && e.flow.flow != nil {
		e.flow.flow.Cancel()
	}
	e.flow = nil
}

// ---- token operations -----------------------------------------------------

// start marks e busy with a new request and returns its context.
func (m *Model) start(e *envState, what string) (context.Context, uint64) {
	if e.cancel != nil {
		e.cancel()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	e.cancel = cancel
	e.req = common.NextRequestID()
	e.busy, e.errMsg, e.note = what, "", ""
	return ctx, e.req
}

// store is where e's tokens are kept.
func (m *Model) store(e *envState) auth.Store {
	if e.spec.Ephemeral || m.cfg.Store == nil {
		return auth.NewMemoryStore()
	}
	return m.cfg.Store
}

// loadStored looks up tokens kept from earlier runs (the keyring may be
// slow, so off the UI goroutine).
func (m *Model) loadStored(e *envState) tea.Cmd {
	if e == nil || e.loaded || e.spec.Ephemeral || m.cfg.Store == nil {
		return nil
	}
	a, err := m.authenticator(e)
	if err != nil {
		e.loaded = true
		return nil
	}
	e.loaded = true
	name := e.spec.Name
	req := common.NextRequestID()
	e.loadReq = req
	return func() tea.Msg {
		r := envResultMsg{env: name, req: req, op: "stored"}
		if s, err := a.StoredClientToken(); err == nil && s.Token().Valid() {
			r.tok = s
		}
		if u, err := a.Current(); err == nil {
			r.user = u
		}
		return r
	}
}

func (m *Model) clientToken(e *envState) tea.Cmd {
	a, err := m.authenticator(e)
	if err != nil {
		e.errMsg = "a client token needs a client id and secret: press e to enter them"
		return nil
	}
	ctx, req := m.start(e, "getting a client token")
	name := e.spec.Name
	return tea.Batch(func() tea.Msg {
		// Asking for a client token gets a new one: the one held may have
		// been revoked by the registry while it still looks valid here.
		_ = a.ForgetClientToken()
		s, err := a.ClientToken(ctx)
		return envResultMsg{env: name, req: req, op: "client token", tok: s, err: err}
	}, m.spin.Tick)
}

func (m *Model) refresh(e *envState) tea.Cmd {
	if e.user == nil {
		e.errMsg = "nobody is signed in here: press l to sign in"
		return nil
	}
	if e.user.RefreshToken == "" {
		e.errMsg = "this sign-in has no refresh token"
		return nil
	}
	a, err := m.authenticator(e)
	if err != nil {
		e.errMsg = "refreshing needs the client id and secret"
		return nil
	}
	ctx, req := m.start(e, "refreshing the token")
	name, user := e.spec.Name, e.user
	return tea.Batch(func() tea.Msg {
		s, err := a.Refresh(ctx, user)
		return envResultMsg{env: name, req: req, op: "refresh", user: s, err: err}
	}, m.spin.Tick)
}

func (m *Model) revoke(e *envState) tea.Cmd {
	a, err := m.authenticator(e)
	if err != nil || (e.user == nil && e.clientTok == nil) {
		e.errMsg = "there is no token to revoke here"
		return nil
	}
	ctx, req := m.start(e, "revoking the token")
	name, user, tok := e.spec.Name, e.user, e.clientTok
	return tea.Batch(func() tea.Msg {
		if user != nil {
			return envResultMsg{env: name, req: req, op: "revoke", user: user, err: a.Logout(ctx, user)}
		}
		err := a.Revoke(ctx, tok.AccessToken)
		if ferr := a.ForgetClientToken(); err == nil {
			err = ferr
		}
		return envResultMsg{env: name, req: req, op: "revoke", tok: tok, err: err}
	}, m.spin.Tick)
}

func (m *Model) forget(e *envState) tea.Cmd {
	a, err := m.authenticator(e)
	if err != nil || (e.user == nil && e.clientTok == nil) {
		e.errMsg = "there is no token to forget here"
		return nil
	}
	_, req := m.start(e, "forgetting the token")
	name, user, tok := e.spec.Name, e.user, e.clientTok
	return func() tea.Msg {
		if user != nil {
			return envResultMsg{env: name, req: req, op: "forget", user: user, err: a.Forget(user.Key())}
		}
		return envResultMsg{env: name, req: req, op: "forget", tok: tok, err: a.ForgetClientToken()}
	}
}

func (m *Model) onResult(msg envResultMsg) tea.Cmd {
	e := m.byName(msg.env)
	switch {
	case e == nil:
		return nil
	case msg.op == "stored":
		if msg.req != e.loadReq {
			return nil
		}
		e.loadReq = 0
	case msg.req != e.req:
		return nil // stale
	default:
		// Done with the request: release its context (a 2-minute timer).
		if e.cancel != nil {
			e.cancel()
		}
		e.busy, e.req, e.cancel = "", 0, nil
	}
	if msg.err != nil && msg.op == "refresh" && e.user != nil && e.authn != nil && auth.TokenForgotten(msg.err) {
		// The registry no longer knows this sign-in (revoked there): it is
		// over here too, and its saved token is dropped (off this goroutine).
		a, k := e.authn, e.user.Key()
		e.user, e.member, e.memberErr = nil, nil, ""
		e.errMsg = "the registry no longer accepts this sign-in (revoked there?): press l to sign in again"
		return tea.Batch(m.sessionCmd(), func() tea.Msg { _ = a.Forget(k); return nil })
	}
	if msg.err != nil {
		short, _ := common.Describe(msg.err)
		e.errMsg = msg.op + " failed: " + short
		if errors.Is(msg.err, context.Canceled) {
			return nil
		}
		return common.Cmd(common.ErrorMsg{Err: msg.err, What: msg.op})
	}
	a := e.authn
	switch msg.op {
	case "stored":
		if msg.tok != nil && e.clientTok == nil && a != nil {
			e.setClientTok(msg.tok)
			e.pub = a.PublicClient(m.publicOptions(e)...)
		}
		if msg.user != nil && e.user == nil {
			m.setUser(e, msg.user)
			e.note = "signed in from an earlier run"
		}
		if msg.tok == nil && msg.user == nil {
			return nil
		}
	case "client token":
		e.setClientTok(msg.tok)
		if a != nil {
			e.pub = a.PublicClient(m.publicOptions(e)...)
		}
		e.note = "client token obtained: searches and reads use it"
	case "refresh":
		m.setUser(e, msg.user)
		e.note = "token refreshed"
	case "revoke", "forget":
		verb := map[string]string{"revoke": "revoked", "forget": "forgotten"}[msg.op]
		if msg.user != nil {
			e.user, e.member, e.memberErr = nil, nil, ""
			e.note = "sign-in " + verb
		} else {
			e.clientTok, e.pub = nil, nil
			if a != nil && msg.op == "forget" {
				// The authenticator keeps it in memory too.
				_ = a.ForgetClientToken()
			}
			e.note = "client token " + verb
		}
	}
	if e != m.cur() {
		return nil
	}
	return tea.Batch(m.sessionCmd(), common.Cmd(common.StatusMsg{Text: e.note}))
}

// setClientTok keeps the client token and its summary.
func (e *envState) setClientTok(s *auth.Session) {
	e.clientTok = s
	if s != nil {
		e.clientSum = s.Summary(time.Time{}) // expiry is judged when drawn
	}
}

func (m *Model) setUser(e *envState, s *auth.Session) {
	e.user, e.member, e.memberErr = s, nil, ""
	if s != nil {
		e.userSum = s.Summary(time.Time{}) // expiry is judged when drawn
	}
	if s == nil || e.authn == nil {
		return
	}
	mc, err := e.authn.MemberClient(s, m.cfg.MemberOptions...)
	if err != nil {
		e.memberErr = "records are read from the public API: the token lacks " + auth.ScopeReadLimited
		return
	}
	e.member = mc
}

// ---- sign-in ----------------------------------------------------------------

func (m *Model) updateScopes(msg tea.KeyPressMsg) tea.Cmd {
	e := m.cur()
	k := m.keys
	switch {
	case msg.String() == "esc":
		m.mode = modeBrowse
	case key.Matches(msg, k.Up):
		m.scopeCursor = max(0, m.scopeCursor-1)
	case key.Matches(msg, k.Down):
		m.scopeCursor = min(len(auth.SignInScopes)-1, m.scopeCursor+1)
	case key.Matches(msg, k.Toggle), msg.String() == "x":
		sc := auth.SignInScopes[m.scopeCursor]
		if i := slices.Index(e.scopes, sc); i >= 0 {
			e.scopes = slices.Delete(e.scopes, i, i+1)
		} else {
			e.scopes = append(e.scopes, sc)
			// Keep the order of auth.SignInScopes.
			slices.SortFunc(e.scopes, func(a, b string) int {
				return slices.Index(auth.SignInScopes, a) - slices.Index(auth.SignInScopes, b)
			})
		}
	case key.Matches(msg, k.Enter):
		return m.signIn(e)
	}
	return nil
}

func (m *Model) signIn(e *envState) tea.Cmd {
	a, err := m.authenticator(e)
	if err != nil {
		m.mode = modeBrowse
		e.errMsg = "sign-in needs a client id and secret: press e to enter them"
		return nil
	}
	if len(e.scopes) == 0 {
		e.scopes = slices.Clone(auth.DefaultSignInScopes)
	}
	m.cancelOps(e)
	m.mode = modeFlow
	req := common.NextRequestID()
	paste := textinput.New()
	paste.Prompt = "paste "
	paste.Placeholder = "the redirected URL or the code"
	paste.CharLimit = 4096
	paste.SetStyles(m.st.InputStyles())
	paste.SetWidth(max(1, m.w-2-len(paste.Prompt)-1))
	e.flow = &flowState{req: req, paste: paste}
	e.errMsg, e.note = "", ""
	name, scopes := e.spec.Name, slices.Clone(e.scopes)
	return tea.Batch(func() tea.Msg {
		f, err := a.SignIn(context.Background(), auth.SignInOptions{Scopes: scopes})
		return flowStartedMsg{env: name, req: req, flow: f, err: err}
	}, m.spin.Tick)
}

// nextEvent waits for the flow's next event; when the events end it
// returns the flow's outcome.
func nextEvent(name string, req uint64, f *auth.Flow) tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-f.Events()
		if ok {
			return flowEventMsg{env: name, req: req, ev: ev}
		}
		s, err := f.Wait()
		return flowDoneMsg{env: name, req: req, sess: s, err: err}
	}
}

func (m *Model) onFlowStarted(msg flowStartedMsg) tea.Cmd {
	e := m.byName(msg.env)
	if e == nil || e.flow == nil || e.flow.req != msg.req {
		if msg.flow != nil {
			msg.flow.Cancel()
		}
		return nil
	}
	if msg.err != nil {
		short, _ := common.Describe(msg.err)
		e.flow.done, e.flow.err = true, short
		return common.Cmd(common.ErrorMsg{Err: msg.err, What: "sign-in"})
	}
	e.flow.flow = msg.flow
	e.flow.url = sanitize.Line(msg.flow.URL())
	return nextEvent(msg.env, msg.req, msg.flow)
}

func (m *Model) onFlowEvent(msg flowEventMsg) tea.Cmd {
	e := m.byName(msg.env)
	if e == nil || e.flow == nil || e.flow.req != msg.req {
		return nil
	}
	e.flow.events = append(e.flow.events, msg.ev)
	return nextEvent(msg.env, msg.req, e.flow.flow)
}

func (m *Model) onFlowDone(msg flowDoneMsg) tea.Cmd {
	e := m.byName(msg.env)
	if e == nil || e.flow == nil || e.flow.req != msg.req {
		return nil
	}
	f := e.flow
	f.done, f.input = true, false
	f.paste.Blur()
	if msg.err != nil {
		short, _ := common.Describe(msg.err)
		f.err = short
		if errors.Is(msg.err, auth.ErrCancelled) {
			f.err = "sign-in cancelled"
			return common.Cmd(common.StatusMsg{Text: "sign-in cancelled"})
		}
		return common.Cmd(common.ErrorMsg{Err: msg.err, What: "sign-in"})
	}
	m.setUser(e, msg.sess)
	who := string(msg.sess.ORCID)
	if msg.sess.Name != "" {
		who = sanitize.Line(msg.sess.Name) + " (" + who + ")"
	}
	e.note = "signed in as " + who
	if e != m.cur() {
		return nil
	}
	return tea.Batch(m.sessionCmd(), common.Cmd(common.StatusMsg{Text: e.note}))
}

func (m *Model) updateFlow(msg tea.KeyPressMsg) tea.Cmd {
	e := m.cur()
	f := e.flow
	if f == nil {
		m.mode = modeBrowse
		return nil
	}
	if f.input {
		switch msg.String() {
		case "esc":
			f.input = false
			f.paste.Blur()
			return nil
		case "enter":
			text := f.paste.Value()
			f.paste.SetValue("")
			f.input = false
			f.paste.Blur()
			if f.flow == nil {
				return nil
			}
			if err := f.flow.Paste(text); err != nil {
				f.pasted = sanitize.Line(err.Error())
			} else {
				f.pasted = "accepted"
			}
			return nil
		}
		var cmd tea.Cmd
		f.paste, cmd = f.paste.Update(msg)
		return cmd
	}
	k := m.keys
	switch {
	case msg.String() == "esc", msg.String() == "q" && f.done, key.Matches(msg, k.Enter) && f.done:
		if !f.done && f.flow != nil {
			f.flow.Cancel() // the flow ends with ErrCancelled and reports it
		}
		m.mode = modeBrowse
		if !f.done && f.flow == nil {
			e.flow = nil
		}
	case key.Matches(msg, k.Copy):
		if f.url != "" {
			return common.Cmd(common.CopyMsg{Text: f.flow.URL(), What: "authorize URL"})
		}
	case key.Matches(msg, k.Open):
		if f.url != "" {
			return common.Cmd(common.OpenURLMsg{URL: f.flow.URL()})
		}
	case msg.String() == "p":
		if !f.done && f.flow != nil {
			f.input = true
			f.paste.Focus()
		}
	case key.Matches(msg, k.SignIn) && f.done:
		m.mode = modeScopes
	case key.Matches(msg, k.PageDown), key.Matches(msg, k.Down):
		m.scroll++
		m.clampScroll()
	case key.Matches(msg, k.PageUp), key.Matches(msg, k.Up):
		m.scroll = max(0, m.scroll-1)
	}
	return nil
}

// Close cancels every sign-in and request under way (at quit).
func (m *Model) Close() {
	for _, e := range m.envs {
		m.cancelOps(e)
	}
}

// ---- help -----------------------------------------------------------------

// ShortHelp implements common.Pane.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch m.mode {
	case modeEdit:
		return []key.Binding{
			key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		}
	case modeScopes:
		return []key.Binding{k.Up, k.Down,
			key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "toggle")),
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "sign in")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))}
	case modeFlow:
		f := m.cur().flow
		if f != nil && f.input {
			return []key.Binding{
				key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "submit")),
				key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
			}
		}
		if f != nil && f.done {
			return []key.Binding{
				key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
				common.WithHelp(k.SignIn, "l", "sign in again"),
			}
		}
		return []key.Binding{common.WithHelp(k.Open, "o", "open URL"), common.WithHelp(k.Copy, "y", "copy URL"),
			key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "paste URL/code")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))}
	}
	return []key.Binding{k.Tab, common.WithHelp(k.Enter, "enter", "use env"), k.EditCreds, k.ClientToken, k.SignIn, k.Help, k.Quit}
}

// FullHelp implements common.Pane.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		{k.Up, k.Down, common.WithHelp(k.Enter, "enter", "use environment"), k.PageUp, k.PageDown},
		{common.WithHelp(k.EditCreds, "e", "edit client id/secret"), common.WithHelp(k.ClientToken, "c", "get client token (/read-public)"), common.WithHelp(k.SignIn, "l", "sign in with the browser")},
		{common.WithHelp(k.RefreshTok, "f", "refresh token"), common.WithHelp(k.Revoke, "v", "revoke token"), common.WithHelp(k.Forget, "F", "forget token"), common.WithHelp(k.Copy, "y", "copy iD URI"), common.WithHelp(k.Open, "o", "open my record")},
		{key.NewBinding(key.WithKeys("o"), key.WithHelp("o (sign-in)", "open URL")), key.NewBinding(key.WithKeys("y"), key.WithHelp("y (sign-in)", "copy URL")), key.NewBinding(key.WithKeys("p"), key.WithHelp("p (sign-in)", "paste URL/code")), key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc (sign-in)", "cancel"))},
	}
}

// splitStoreNotice turns auth.OpenStore's notice, "OS keyring unavailable
// (<cause>): tokens are kept in <file> (readable by you only)", into a
// sentence for the user and the cause, which only someone fixing their
// keyring needs.
func splitStoreNotice(n string) (notice, why string) {
	n = strings.TrimSpace(n)
	const pre, mid = "OS keyring unavailable (", "): tokens are kept in "
	if strings.HasPrefix(n, pre) {
		if i := strings.LastIndex(n, mid); i > len(pre) {
			return "No OS keyring here: tokens are kept in " + n[i+len(mid):], n[len(pre):i]
		}
	}
	return common.Sentence(n), ""
}
