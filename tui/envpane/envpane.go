// Package envpane is the environment and credentials pane: it lists the
// ORCID environments, shows the URLs in use, lets the user enter a client id
// and secret, get a client-credentials token, sign in with the browser
// (watching the flow's steps live), and see, refresh, revoke or forget
// tokens. Each environment keeps its own state; switching emits a
// common.SessionMsg.
//
// The pane is split by job: this file holds the state and key routing,
// creds.go the credentials form, tokens.go the token operations,
// signin.go the browser sign-in steps, save.go saving credentials,
// view.go drawing and keys.go the key help.
package envpane

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/auth"
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
	// Start, when set, makes the environment on its first selection (the
	// in-process demo registry: not built at every start when another
	// environment is used) and returns it with its URLs and credentials.
	Start func() (Env, error)
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
	if len(m.envs) > 0 {
		_ = m.envs[m.active].start() // a failure shows when the first request has no URL
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

// start makes a lazy environment (Env.Start) the first time it is chosen.
func (e *envState) start() error {
	if e.spec.Start == nil {
		return nil
	}
	started, err := e.spec.Start()
	if err != nil {
		return err
	}
	started.Start = nil
	e.spec = started
	return nil
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
	if e.user != nil {
		// SignedIn even without a member client (no /read-limited): the
		// record pane then says the sign-in lacks the member API rather
		// than asking to sign in.
		s.SignedIn = e.user.ORCID
		s.Scopes, s.ClientID = slices.Clone(e.user.Scopes), e.user.ClientID
		s.Who = "signed in " + string(e.user.ORCID) + " (public API)"
		if e.member != nil {
			s.Member = e.member
			s.Who = "signed in " + string(e.user.ORCID)
		}
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
	if err := m.envs[i].start(); err != nil {
		return common.Cmd(common.StatusMsg{Text: "could not start " + m.envs[i].spec.label() + ": " + err.Error()})
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

// Close cancels every sign-in and request under way (at quit).
func (m *Model) Close() {
	for _, e := range m.envs {
		m.cancelOps(e)
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
