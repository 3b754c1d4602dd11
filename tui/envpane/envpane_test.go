package envpane

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

func newPane(t testing.TB, srv *orcidtest.Server) *Model {
	t.Helper()
	st := common.NewStyles(true, true)
	km := common.DefaultKeyMap()
	envs := []Env{{Environment: orcid.Production}, {Environment: orcid.Sandbox}}
	cfg := Config{Initial: "production"}
	if srv != nil {
		envs = append(envs, Env{Environment: srv.Environment(), Label: "demo (offline)",
			ClientID: orcidtest.DemoClientID, ClientSecret: orcidtest.DemoClientSecret})
		cfg.HTTPClient = srv.HTTPClient()
		cfg.PublicOptions = []orcid.Option{orcid.WithHTTPClient(srv.HTTPClient())}
		cfg.Initial = "demo"
	}
	cfg.Envs = envs
	cfg.OpenBrowser = func(string) error { return auth.ErrNoBrowser }
	m := New(&st, &km, cfg)
	m.SetSize(30, 30)
	return m
}

func press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	}
	return tea.KeyPressMsg{Code: []rune(s)[0], Text: s}
}

// run executes cmd (and batched commands, spinner ticks skipped).
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, run(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	if _, ok := msg.(interface{ ID() int }); ok {
		return nil
	}
	return []tea.Msg{msg}
}

func sessions(msgs []tea.Msg) []*common.Session {
	var out []*common.Session
	for _, m := range msgs {
		if s, ok := m.(common.SessionMsg); ok {
			out = append(out, s.Session)
		}
	}
	return out
}

func TestSwitchingKeepsEachEnvironmentsState(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	m := newPane(t, srv)
	m.Focus()
	if m.Active().Name != "demo" {
		t.Fatalf("active %q", m.Active().Name)
	}
	// Get a client token in demo.
	for _, msg := range run(m.Update(press("c"))) {
		m.Update(msg)
	}
	if s := m.Session(); s.Who != common.WhoClientToken {
		t.Fatalf("after c: who %q", s.Who)
	}
	demoClient := m.Session().Client

	// Switch to sandbox: anonymous there, one SessionMsg.
	m.Update(press("g"))
	m.Update(press("j"))
	ss := sessions(run(m.Update(press("enter"))))
	if len(ss) != 1 || ss[0].Env.Name != "sandbox" || ss[0].Who != common.WhoAnonymous {
		t.Fatalf("switch to sandbox: %+v", ss)
	}
	// Back to demo: the token and the same client are still there.
	m.Update(press("G"))
	ss = sessions(run(m.Update(press("enter"))))
	if len(ss) != 1 || ss[0].Env.Name != "demo" || ss[0].Who != common.WhoClientToken || ss[0].Client != demoClient {
		t.Fatalf("back to demo: %+v", ss)
	}
}

func TestStaleResultDropped(t *testing.T) {
	m := newPane(t, nil)
	e := m.cur()
	e.spec.ClientID, e.spec.ClientSecret = "APP-1234567890123456", "s3cret-value"
	_, first := m.start(e, "getting a client token")
	_, second := m.start(e, "getting a client token")
	m.Update(envResultMsg{env: e.spec.Name, req: first, op: "client token", tok: &auth.Session{AccessToken: "old"}})
	if e.clientTok != nil || e.busy == "" {
		t.Fatal("stale answer used")
	}
	m.Update(envResultMsg{env: e.spec.Name, req: second, op: "client token", tok: &auth.Session{AccessToken: "new", Scopes: []string{"/read-public"}}})
	if e.clientTok == nil || e.clientTok.AccessToken != "new" || e.busy != "" {
		t.Fatalf("current answer not used: %+v", e.clientTok)
	}
}

func TestSecretNeverDrawn(t *testing.T) {
	m := newPane(t, nil)
	m.Focus()
	m.Update(press("e"))
	for _, r := range "APP-ABCDEFGHIJKLMNOP" {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	m.Update(press("enter"))
	for _, r := range "hunter2-topsecret" {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		if strings.Contains(ansi.Strip(m.View()), "hunter2") {
			t.Fatal("secret echoed while typing")
		}
	}
	m.Update(press("enter"))
	out := ansi.Strip(m.View())
	if strings.Contains(out, "hunter2") || !strings.Contains(out, "••••••••") || !strings.Contains(out, "APP-ABCD…") {
		t.Fatalf("after saving:\n%s", out)
	}
	if m.cur().spec.ClientSecret != "hunter2-topsecret" {
		t.Fatal("secret not kept")
	}
}

func TestSignInWithPastedURL(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	m := newPane(t, srv)
	m.Focus()
	m.SetSize(70, 40)
	started, cmd := startFlow(t, m)
	// Act as the browser: authorize, and paste where it was sent.
	redirect := authorize(t, srv, started.flow.URL())
	m.Update(press("p"))
	if !m.InputFocused() {
		t.Fatal("paste input not focused")
	}
	m.Update(tea.PasteMsg{Content: redirect})
	m.Update(press("enter"))
	var session *common.Session
	queue := run(cmd)
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		if s, ok := msg.(common.SessionMsg); ok {
			session = s.Session
			continue
		}
		queue = append(queue, run(m.Update(msg))...)
	}
	if session == nil || session.SignedIn != orcidtest.CarberryID || session.Member == nil {
		t.Fatalf("session %+v\n%s", session, ansi.Strip(m.View()))
	}
	out := ansi.Strip(m.View())
	for _, want := range []string{"state matches", "id_token verified", "signed in as"} {
		if !strings.Contains(out, want) {
			t.Errorf("flow view lacks %q:\n%s", want, out)
		}
	}
}

// authorize plays the user's browser: it loads the consent page, presses
// Authorize and returns where the registry redirects (not followed).
func authorize(t *testing.T, srv *orcidtest.Server, authURL string) string {
	t.Helper()
	return orcidtestAuthorize(context.Background(), t, srv, authURL)
}

func TestGoldenEnvPane(t *testing.T) {
	for _, size := range [][2]int{{30, 22}, {60, 44}} {
		t.Run(itoa(size[0])+"x"+itoa(size[1]), func(t *testing.T) {
			m := newPane(t, nil)
			m.SetSize(size[0], size[1])
			if size[0] > 40 {
				m.Focus()
			}
			golden.RequireEqual(t, m.View())
		})
	}
}

func itoa(n int) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// With no HTTP client of its own, auth's requests go through the
// environment's rate-limited client, and the client-token client shares the
// anonymous client's limiter: every request the pane causes is counted once.
func TestTokenRequestsShareTheEnvironmentsLimiter(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	m := newPane(t, srv)
	m.cfg.HTTPClient = nil
	m.Focus()
	before := m.Session().Client.Stats().Sent
	for _, msg := range run(m.Update(press("c"))) {
		m.Update(msg)
	}
	s := m.Session()
	if s.Who != common.WhoClientToken {
		t.Fatalf("after c: who %q", s.Who)
	}
	if _, err := s.Client.Search(context.Background(), orcid.SearchParams{Query: "family-name:carberry"}); err != nil {
		t.Fatal(err)
	}
	st := s.Client.Stats()
	if got := st.Sent - before; got != 2 {
		t.Errorf("requests counted = %d, want 2 (the token request and the search)", got)
	}
	if st.Limit != orcid.DefaultPublicRate {
		t.Errorf("limit = %v, want the public API's %v", st.Limit, orcid.DefaultPublicRate)
	}
}

// The demo registry forgets its tokens when the program stops, so a token
// saved by an earlier run must not come back as "signed in" (every read would
// be refused), and tokens got now must not land in the real store.
func TestEphemeralEnvironmentKeepsTokensInMemory(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	saved := auth.NewMemoryStore()
	old := &auth.Session{Env: "demo", ClientID: orcidtest.DemoClientID, ORCID: orcidtest.CarberryID,
		Scopes: []string{"openid", "/read-limited"}, AccessToken: "from-an-earlier-run", TokenType: "bearer"}
	if err := saved.Put(old); err != nil {
		t.Fatal(err)
	}
	st := common.NewStyles(true, true)
	km := common.DefaultKeyMap()
	m := New(&st, &km, Config{
		Initial: "demo",
		Envs: []Env{{Environment: srv.Environment(), Label: "demo (offline)", Ephemeral: true,
			ClientID: orcidtest.DemoClientID, ClientSecret: orcidtest.DemoClientSecret}},
		Store:         saved,
		HTTPClient:    srv.HTTPClient(),
		PublicOptions: []orcid.Option{orcid.WithHTTPClient(srv.HTTPClient())},
		OpenBrowser:   func(string) error { return auth.ErrNoBrowser },
	})
	m.SetSize(30, 30)
	m.Focus()
	for _, msg := range run(m.Init()) {
		m.Update(msg)
	}
	if s := m.Session(); s.SignedIn != "" || s.Who != common.WhoAnonymous {
		t.Fatalf("a token from an earlier run was restored: who %q, signed in %q", s.Who, s.SignedIn)
	}
	for _, msg := range run(m.Update(press("c"))) {
		m.Update(msg)
	}
	if s := m.Session(); s.Who != common.WhoClientToken {
		t.Fatalf("after c: who %q", s.Who)
	}
	keys, err := saved.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 1 {
		t.Errorf("the real store holds %d tokens, want only the 1 put there before: %+v", len(keys), keys)
	}
}

// The context of a finished operation is released when its answer arrives,
// not left to its two-minute timeout.
func TestFinishedOperationReleasesContext(t *testing.T) {
	m := newPane(t, nil)
	e := m.cur()
	ctx, req := m.start(e, "getting a client token")
	m.Update(envResultMsg{env: e.spec.Name, req: req, op: "client token", err: context.DeadlineExceeded})
	if ctx.Err() != context.Canceled {
		t.Fatalf("context after the answer: %v, want it cancelled", ctx.Err())
	}
	if e.busy != "" || e.cancel != nil {
		t.Fatalf("still busy: %q", e.busy)
	}
}

// The token summaries are made once, when a token is set (View decodes
// nothing), yet expiry is still judged against the clock when drawn.
func TestTokenExpiryJudgedWhenDrawn(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	m := newPane(t, srv)
	now := time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)
	m.cfg.Now = func() time.Time { return now }
	m.SetSize(60, 40)
	m.Focus()
	e := m.cur()
	_, req := m.start(e, "getting a client token")
	m.Update(envResultMsg{env: e.spec.Name, req: req, op: "client token",
		tok: &auth.Session{AccessToken: "tok-abcdef", Scopes: []string{"/read-public"}, Expiry: now.Add(time.Hour)}})
	day := now.Add(time.Hour).Local().Format(time.DateOnly)
	if got := ansi.Strip(m.View()); !strings.Contains(got, day) || strings.Contains(got, "(expired)") {
		t.Fatalf("before expiry:\n%s", got)
	}
	now = now.Add(2 * time.Hour)
	if got := ansi.Strip(m.View()); !strings.Contains(got, "(expired)") {
		t.Errorf("after expiry the pane does not say so:\n%s", got)
	}
}

// The secret field shows the same mask whatever the secret's length, while
// typing and after.
func TestSecretMaskHasFixedLength(t *testing.T) {
	lines := map[string]string{}
	for _, secret := range []string{"a", "hunter2", "a-very-long-client-secret-0123456789abcdef"} {
		m := newPane(t, nil)
		m.Focus()
		m.Update(press("e"))
		m.Update(press("tab"))
		for _, r := range secret {
			m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
		for _, l := range strings.Split(ansi.Strip(m.View()), "\n") {
			if strings.Contains(l, "secret ") && strings.Contains(l, "•") {
				lines[secret] = l
			}
		}
		if lines[secret] == "" {
			t.Fatalf("%q: no secret field drawn:\n%s", secret, ansi.Strip(m.View()))
		}
		if n := strings.Count(lines[secret], "•"); n != len("••••••••")/len("•") {
			t.Errorf("%q: %d bullets, want the fixed mask of 8", secret, n)
		}
		m.Update(press("backspace"))
		if got := m.secretInput.Value(); got != secret[:len(secret)-1] {
			t.Errorf("backspace under the mask left %q", got)
		}
	}
	if lines["a"] != lines["hunter2"] || lines["hunter2"] != lines["a-very-long-client-secret-0123456789abcdef"] {
		t.Errorf("the field differs with the secret's length:\n%q\n%q", lines["a"], lines["hunter2"])
	}
}

// TestLazyEnvironmentStartsOnFirstSelection: an environment with Start
// (the demo registry) is not made while another is in use; choosing it
// makes it once, with the URLs Start gives.
func TestLazyEnvironmentStartsOnFirstSelection(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	starts := 0
	st := common.NewStyles(true, true)
	km := common.DefaultKeyMap()
	lazy := Env{Environment: orcid.Environment{Name: "demo"}, Label: "demo (offline)", Start: func() (Env, error) {
		starts++
		return Env{Environment: srv.Environment(), Label: "demo (offline)", ClientID: orcidtest.DemoClientID}, nil
	}}
	m := New(&st, &km, Config{Envs: []Env{{Environment: orcid.Sandbox}, lazy}, Initial: "sandbox"})
	if starts != 0 {
		t.Fatalf("started %d times before being chosen", starts)
	}
	m.Switch(1)
	if starts != 1 || m.Active().PublicAPIURL != srv.Environment().PublicAPIURL {
		t.Fatalf("after choosing it: %d starts, active %+v", starts, m.Active())
	}
	m.Switch(0)
	m.Switch(1)
	if starts != 1 {
		t.Errorf("started %d times, want once", starts)
	}
	// Chosen at start, it is made at once.
	starts = 0
	lazy.Start = func() (Env, error) { starts++; return Env{Environment: srv.Environment()}, nil }
	m = New(&st, &km, Config{Envs: []Env{{Environment: orcid.Sandbox}, lazy}, Initial: "demo"})
	if starts != 1 || m.Active().PublicAPIURL == "" {
		t.Errorf("initial lazy environment: %d starts, active %+v", starts, m.Active())
	}
}
