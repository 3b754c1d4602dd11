package auth

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// fixture is one in-process registry and an Authenticator for its demo client.
type fixture struct {
	srv   *orcidtest.Server
	a     *Authenticator
	store *MemoryStore
}

func newFixture(t *testing.T, mod ...func(*Config)) *fixture {
	t.Helper()
	srv := orcidtest.NewServer()
	t.Cleanup(srv.Close)
	st := NewMemoryStore()
	cfg := Config{
		Env:          srv.Environment(),
		ClientID:     orcidtest.DemoClientID,
		ClientSecret: orcidtest.DemoClientSecret,
		HTTPClient:   &http.Client{Timeout: 10 * time.Second},
		Store:        st,
		OpenBrowser:  func(string) error { return errors.New("no browser in tests") },
	}
	for _, m := range mod {
		m(&cfg)
	}
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{srv: srv, a: a, store: st}
}

var requestField = regexp.MustCompile(`name="request" value="([^"]+)"`)

// testBrowser plays the user's browser: it loads the consent page, presses a
// button, and follows the registry's redirect (to the loopback listener,
// unless follow is false). It returns the last response's status and body
// and the redirect URL the registry sent.
type testBrowser struct {
	t       *testing.T
	person  string
	follow  bool
	mu      sync.Mutex
	visited string // the redirect Location from the registry
}

func (b *testBrowser) run(authURL, decision string) (int, string, error) {
	c := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		b.mu.Lock()
		b.visited = req.URL.String()
		b.mu.Unlock()
		if !b.follow {
			return http.ErrUseLastResponse
		}
		return nil
	}}
	resp, err := c.Get(authURL)
	if err != nil {
		return 0, "", err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := requestField.FindSubmatch(body)
	if resp.StatusCode != http.StatusOK || m == nil {
		return resp.StatusCode, string(body), nil
	}
	if !strings.Contains(string(body), "Authorize access") || !strings.Contains(string(body), "Deny access") {
		return 0, "", errors.New("consent page without buttons")
	}
	u, _ := url.Parse(authURL)
	form := url.Values{"request": {string(m[1])}, "decision": {decision}}
	if b.person != "" {
		form.Set("orcid", b.person)
	}
	resp, err = c.PostForm(u.Scheme+"://"+u.Host+"/oauth/authorize", form)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, _ = io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), nil
}

func (b *testBrowser) location() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.visited
}

type eventLog struct {
	mu sync.Mutex
	ev []Event
}

func (l *eventLog) add(e Event) { l.mu.Lock(); l.ev = append(l.ev, e); l.mu.Unlock() }
func (l *eventLog) all() []Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Event(nil), l.ev...)
}
func (l *eventLog) steps() []Step {
	var s []Step
	for _, e := range l.all() {
		s = append(s, e.Step)
	}
	return s
}

func TestSignInEndToEnd(t *testing.T) {
	br := &testBrowser{t: t, follow: true}
	var page struct {
		status int
		body   string
		err    error
	}
	done := make(chan struct{})
	fx := newFixture(t, func(c *Config) {
		c.OpenBrowser = func(u string) error {
			go func() {
				defer close(done)
				page.status, page.body, page.err = br.run(u, "authorize")
			}()
			return nil
		}
	})
	var log eventLog
	f, err := fx.a.SignIn(context.Background(), SignInOptions{
		Scopes:  []string{ScopeOpenID, ScopeReadLimited, ScopeActivitiesUpdate},
		Timeout: 30 * time.Second,
		OnEvent: log.add,
	})
	if err != nil {
		t.Fatal(err)
	}
	var chanSteps []Step
	for e := range f.Events() {
		chanSteps = append(chanSteps, e.Step)
	}
	s, err := f.Wait()
	<-done
	if err != nil {
		t.Fatalf("sign-in: %v (events %v)", err, log.steps())
	}
	if page.err != nil || page.status != http.StatusOK || !strings.Contains(page.body, "Authorized") {
		t.Fatalf("browser page: %d %q %v", page.status, page.body, page.err)
	}
	if s.ORCID != orcidtest.CarberryID || s.Name != "Josiah S. Carberry" {
		t.Errorf("session iD/name = %q %q", s.ORCID, s.Name)
	}
	if s.TokenType != "bearer" || s.RefreshToken == "" || s.IDToken == "" {
		t.Errorf("token fields: type %q refresh %q id_token %d bytes", s.TokenType, s.RefreshToken, len(s.IDToken))
	}
	if got := strings.Join(s.Scopes, " "); got != "openid /read-limited /activities/update" {
		t.Errorf("scopes = %q", got)
	}
	if s.Claims == nil || s.Claims.Subject != orcidtest.CarberryID || s.Claims.Issuer != fx.srv.URL() ||
		len(s.Claims.Audience) != 1 || s.Claims.Audience[0] != orcidtest.DemoClientID || s.Claims.FamilyName != "Carberry" {
		t.Errorf("claims = %+v", s.Claims)
	}
	if s.UserInfo == nil || s.UserInfo.Sub != orcidtest.CarberryID || s.UserInfo.ID != fx.srv.URL()+"/"+orcidtest.CarberryID ||
		s.UserInfo.GivenName == nil || *s.UserInfo.GivenName != "Josiah" {
		t.Errorf("userinfo = %+v", s.UserInfo)
	}
	want := []Step{Listening, URLBuilt, BrowserOpened, URLToCopy, CallbackReceived, StateChecked, TokenExchanged, IDTokenVerified, UserinfoRead, Done}
	if got := log.steps(); !equalSteps(got, want) {
		t.Errorf("events = %v, want %v", got, want)
	}
	if !equalSteps(chanSteps, want) {
		t.Errorf("channel events = %v, want %v", chanSteps, want)
	}
	code := ""
	if u, err := url.Parse(br.location()); err == nil {
		code = u.Query().Get("code")
	}
	if code == "" {
		t.Fatal("no code seen by the browser")
	}
	secrets := map[string]string{"code": code, "access token": s.AccessToken, "refresh token": s.RefreshToken, "id_token": s.IDToken, "client secret": orcidtest.DemoClientSecret}
	for _, e := range log.all() {
		text := e.Detail
		if e.Err != nil {
			text += " " + e.Err.Error()
		}
		for what, sec := range secrets {
			if strings.Contains(text, sec) {
				t.Errorf("event %v shows the %s unmasked: %q", e.Step, what, text)
			}
		}
	}
	// Saved under env, client, iD and the server that issued it.
	got, err := fx.store.Get(Key{Env: "demo", ClientID: orcidtest.DemoClientID, ORCID: orcidtest.CarberryID, Server: ServerOf(fx.srv.Environment())})
	if err != nil || got.AccessToken != s.AccessToken {
		t.Errorf("stored session: %v %v", got, err)
	}
	// The listener is closed and refuses a second callback.
	if _, err := http.Get(br.location()); err == nil {
		t.Error("the listener still answers after the sign-in")
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", br.location(), nil)
	req.Host = f.hostPort
	f.ServeHTTP(rec, req)
	if rec.Code != http.StatusGone {
		t.Errorf("request after completion: %d, want 410", rec.Code)
	}
	// The code is single-use.
	if _, err := fx.a.oauth2Config(f.scopes, f.RedirectURI()).Exchange(fx.a.ctx(context.Background()), code); err == nil {
		t.Error("the code could be exchanged twice")
	}
}

func equalSteps(a, b []Step) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSignInDenied(t *testing.T) {
	fx := newFixture(t)
	var log eventLog
	f, err := fx.a.SignIn(context.Background(), SignInOptions{NoBrowser: true, Timeout: 30 * time.Second, OnEvent: log.add})
	if err != nil {
		t.Fatal(err)
	}
	br := &testBrowser{t: t, follow: true}
	status, body, err := br.run(f.URL(), "deny")
	if err != nil || status != http.StatusOK || !strings.Contains(body, "Access denied") {
		t.Fatalf("browser: %d %q %v", status, body, err)
	}
	_, err = f.Wait()
	var ae *AuthorizationError
	if !errors.As(err, &ae) || ae.Code != "access_denied" {
		t.Fatalf("err = %v, want access_denied", err)
	}
	steps := log.steps()
	if steps[len(steps)-1] != Failed {
		t.Errorf("last event %v, want Failed", steps[len(steps)-1])
	}
}

func TestSignInWrongStateThenRight(t *testing.T) {
	fx := newFixture(t)
	var log eventLog
	f, err := fx.a.SignIn(context.Background(), SignInOptions{NoBrowser: true, Scopes: []string{ScopeAuthenticate}, Timeout: 30 * time.Second, OnEvent: log.add})
	if err != nil {
		t.Fatal(err)
	}
	forged := f.RedirectURI() + "?code=AbC123&state=not-the-state"
	resp, err := http.Get(forged)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("wrong state: %d, want 400", resp.StatusCode)
	}
	if err := f.Paste(forged); !errors.Is(err, ErrStateMismatch) {
		t.Errorf("paste with wrong state: %v", err)
	}
	// Wrong path with the right state: 404, still waiting.
	resp, err = http.Get("http://" + f.hostPort + "/elsewhere?code=AbC123&state=" + f.state)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("wrong path: %d, want 404", resp.StatusCode)
	}
	br := &testBrowser{t: t, follow: true}
	if status, body, err := br.run(f.URL(), "authorize"); err != nil || status != http.StatusOK {
		t.Fatalf("browser: %d %q %v", status, body, err)
	}
	s, err := f.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if s.ORCID != orcidtest.CarberryID {
		t.Errorf("iD %q", s.ORCID)
	}
	var rejected bool
	for _, e := range log.all() {
		if e.Step == StateChecked && errors.Is(e.Err, ErrStateMismatch) {
			rejected = true
		}
	}
	if !rejected {
		t.Error("no StateChecked event with ErrStateMismatch")
	}
}

func TestSignInPasteRacesListener(t *testing.T) {
	fx := newFixture(t)
	f, err := fx.a.SignIn(context.Background(), SignInOptions{NoBrowser: true, Scopes: []string{ScopeOpenID}, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	br := &testBrowser{t: t, person: orcidtest.AngstromID, follow: false}
	if status, _, err := br.run(f.URL(), "authorize"); err != nil || status != http.StatusFound {
		t.Fatalf("browser: %d %v", status, err)
	}
	callback := br.location()
	if err := f.Paste("  " + callback + "\n"); err != nil {
		t.Fatalf("paste: %v", err)
	}
	// The browser's redirect arriving afterwards is a second callback.
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", callback, nil)
	req.Host = f.hostPort
	f.ServeHTTP(rec, req)
	if rec.Code != http.StatusGone {
		t.Errorf("second callback: %d, want 410", rec.Code)
	}
	if err := f.Paste(callback); !errors.Is(err, ErrFlowFinished) {
		t.Errorf("second paste: %v", err)
	}
	s, err := f.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if s.ORCID != orcidtest.AngstromID || s.Claims == nil || s.Claims.Subject != orcidtest.AngstromID {
		t.Errorf("session %q claims %+v", s.ORCID, s.Claims)
	}
}

// A bare pasted code carries no state, so nothing ties it to this sign-in:
// it is accepted only when openid is asked for, where the id_token's nonce
// does the binding. Without openid the user is told to paste the whole
// address, and the flow keeps waiting for it.
func TestSignInPasteBareCode(t *testing.T) {
	for _, openid := range []bool{false, true} {
		name := "without openid"
		scopes := []string{ScopeAuthenticate, ScopeReadLimited}
		if openid {
			name, scopes = "with openid", []string{ScopeOpenID, ScopeReadLimited}
		}
		t.Run(name, func(t *testing.T) {
			fx := newFixture(t)
			f, err := fx.a.SignIn(context.Background(), SignInOptions{NoBrowser: true, Scopes: scopes, Timeout: 30 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Cancel()
			br := &testBrowser{t: t, follow: false}
			if _, _, err := br.run(f.URL(), "authorize"); err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse(br.location())
			for _, bad := range []string{"", "two words", "https://example.org/callback?nothing=here"} {
				if err := f.Paste(bad); err == nil {
					t.Errorf("Paste(%q) accepted", bad)
				}
			}
			err = f.Paste(u.Query().Get("code"))
			if !openid {
				if !errors.Is(err, ErrBareCode) || !strings.Contains(err.Error(), "whole address") {
					t.Fatalf("bare code without openid: %v", err)
				}
				// Still waiting: the whole address completes the sign-in.
				if err := f.Paste(u.String()); err != nil {
					t.Fatal(err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if s, err := f.Wait(); err != nil || s.ORCID != orcidtest.CarberryID {
				t.Fatalf("%v %v", s, err)
			}
		})
	}
}

// With openid, a bare code of someone else's authorization (another
// sign-in, another nonce) is refused after the exchange, and the token it
// brought is revoked.
func TestSignInPasteSomeoneElsesBareCode(t *testing.T) {
	rec := &recorder{}
	fx := newFixture(t, recording(rec))
	ours, err := fx.a.SignIn(context.Background(), SignInOptions{NoBrowser: true, Scopes: []string{ScopeOpenID}, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	// The other authorization: same client and redirect URI, its own nonce.
	other := fx.a.oauth2Config([]string{ScopeOpenID}, ours.RedirectURI()).AuthCodeURL("their-state", oidc.Nonce("their-nonce"))
	br := &testBrowser{t: t, follow: false}
	if _, _, err := br.run(other, "authorize"); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(br.location())
	if err := ours.Paste(u.Query().Get("code")); err != nil {
		t.Fatal(err)
	}
	_, err = ours.Wait()
	if !errors.Is(err, ErrNonceMismatch) {
		t.Fatalf("err = %v, want a nonce mismatch", err)
	}
	if issued := rec.issued(); len(issued) != 1 || !slices.Contains(rec.revokedTokens(), issued[0]) {
		t.Error("the token of the refused code was not revoked")
	}
}

func TestSignInWrongHost(t *testing.T) {
	fx := newFixture(t)
	f, err := fx.a.SignIn(context.Background(), SignInOptions{NoBrowser: true, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Cancel()
	_, port, _ := net.SplitHostPort(f.hostPort)
	for _, host := range []string{"localhost:" + port, "evil.example:" + port, "127.0.0.1"} {
		req, _ := http.NewRequest("GET", f.RedirectURI()+"?code=x&state="+f.state, nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("Host %s: %d, want 400", host, resp.StatusCode)
		}
	}
	select {
	case <-f.Done():
		t.Fatal("a wrong Host ended the flow")
	default:
	}
}

func TestSignInTimeoutAndCancel(t *testing.T) {
	fx := newFixture(t)
	f, err := fx.a.SignIn(context.Background(), SignInOptions{NoBrowser: true, Timeout: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Wait(); !errors.Is(err, ErrTimeout) {
		t.Errorf("timeout: %v", err)
	}
	if c, err := net.Dial("tcp4", f.hostPort); err == nil {
		c.Close()
		t.Error("listener still open after the timeout")
	}

	var log eventLog
	f, err = fx.a.SignIn(context.Background(), SignInOptions{Timeout: time.Minute, OnEvent: log.add})
	if err != nil {
		t.Fatal(err)
	}
	f.Cancel()
	if _, err := f.Wait(); !errors.Is(err, ErrCancelled) {
		t.Errorf("cancel: %v", err)
	}
	// The browser could not open: the URL is still reported.
	var sawURL bool
	for _, e := range log.all() {
		if e.Step == URLToCopy && e.Detail == f.URL() {
			sawURL = true
		}
	}
	if !sawURL && len(log.all()) > 3 {
		t.Error("URLToCopy missing")
	}

	ctx, cancel := context.WithCancel(context.Background())
	f, err = fx.a.SignIn(ctx, SignInOptions{NoBrowser: true})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := f.Wait(); !errors.Is(err, ErrCancelled) {
		t.Errorf("ctx cancel: %v", err)
	}
}

func TestSignInSetupErrors(t *testing.T) {
	fx := newFixture(t)
	orcidLike := fx.srv.Environment()
	orcidLike.AnyLoopbackPort = false
	cases := []struct {
		name string
		env  orcid.Environment
		opts SignInOptions
		want string
	}{
		{"read-public is not a sign-in scope", fx.srv.Environment(), SignInOptions{Scopes: []string{ScopeReadPublic}}, "cannot be asked"},
		{"localhost", fx.srv.Environment(), SignInOptions{RedirectURI: "http://localhost:0/cb"}, "use 127.0.0.1"},
		{"https", fx.srv.Environment(), SignInOptions{RedirectURI: "https://127.0.0.1:8765/cb"}, "http://127.0.0.1"},
		{"no port where the port must be registered", orcidLike, SignInOptions{RedirectURI: "http://127.0.0.1/callback"}, "no port"},
		{"port 0 where the port must be registered", orcidLike, SignInOptions{RedirectURI: "http://127.0.0.1:0/callback"}, "no port"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := New(Config{Env: tc.env, ClientID: orcidtest.DemoClientID, ClientSecret: "x"})
			if err != nil {
				t.Fatal(err)
			}
			f, err := a.SignIn(context.Background(), tc.opts)
			if err == nil {
				f.Cancel()
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
		})
	}
	if _, err := New(Config{Env: fx.srv.Environment(), ClientID: orcidtest.DemoClientID}); !errors.Is(err, ErrNoCredentials) {
		t.Errorf("no secret: %v", err)
	}
}

// An ORCID-like client registered for one fixed port: a redirect URI on
// another port gets the registry's error page, never a redirect.
func TestSignInUnregisteredPort(t *testing.T) {
	fx := newFixture(t)
	if err := fx.srv.RegisterClient(orcidtest.Client{ID: "APP-0RC1DL1KE0000001", Secret: "s3cret", Name: "ORCID-like", Member: true,
		RedirectURIs: []string{"http://127.0.0.1:8765/callback"}}); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	env := fx.srv.Environment()
	env.AnyLoopbackPort = false
	a, err := New(Config{Env: env, ClientID: "APP-0RC1DL1KE0000001", ClientSecret: "s3cret",
		RedirectURI: "http://127.0.0.1:" + strconv.Itoa(port) + "/callback"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := a.SignIn(context.Background(), SignInOptions{NoBrowser: true, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Cancel()
	br := &testBrowser{t: t, follow: false}
	status, body, err := br.run(f.URL(), "authorize")
	if err != nil {
		t.Fatal(err)
	}
	if status != http.StatusBadRequest || !strings.Contains(body, "Redirect URI mismatch") || br.location() != "" {
		t.Errorf("unregistered port: %d %q redirect %q", status, body, br.location())
	}
}

// A redirect URI whose port another program holds fails at once with
// auth's advice (a *PortInUseError), not as a network error.
func TestSignInPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	fx := newFixture(t)
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	_, err = fx.a.SignIn(context.Background(), SignInOptions{NoBrowser: true, RedirectURI: "http://127.0.0.1:" + port + "/callback"})
	var pe *PortInUseError
	if !errors.As(err, &pe) || pe.Port != port {
		t.Fatalf("err = %v, want a *PortInUseError for port %s", err, port)
	}
	if want := "port " + port + " is in use by another program: close it, or register another redirect URI"; !strings.Contains(err.Error(), want) {
		t.Errorf("err = %q, want %q", err, want)
	}
}

// The browser is told "Authorized" only once the code was exchanged and
// the id_token checked; a sign-in that fails after the redirect says so on
// the page.
func TestBrowserPageWaitsForTheOutcome(t *testing.T) {
	fx := newFixture(t)
	fx.srv.SetOAuthHooks(orcidtest.OAuthHooks{TamperIDToken: func(c map[string]any) { c["aud"] = "APP-SOMEONEELSE00001" }})
	f, err := fx.a.SignIn(context.Background(), SignInOptions{NoBrowser: true, Scopes: []string{ScopeOpenID}, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	br := &testBrowser{t: t, follow: true}
	status, body, err := br.run(f.URL(), "authorize")
	if err != nil {
		t.Fatal(err)
	}
	if _, werr := f.Wait(); werr == nil {
		t.Fatal("the sign-in succeeded")
	}
	if strings.Contains(body, "Authorized") || !strings.Contains(body, "Sign-in failed") || status == http.StatusOK {
		t.Errorf("page %d %q", status, body)
	}
	if !strings.Contains(body, "id_token") {
		t.Errorf("the page does not say why: %q", body)
	}
}
