package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// recorder is an http.RoundTripper that remembers the forms posted to the
// revoke and token endpoints and the tokens the token endpoint handed out.
type recorder struct {
	mu       sync.Mutex
	revoked  []string // "token" of every /oauth/revoke post
	forms    []url.Values
	accesses []string // access_token of every /oauth/token answer
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var form url.Values
	if req.Body != nil && req.Method == http.MethodPost {
		b, _ := io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(b))
		form, _ = url.ParseQuery(string(b))
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	switch req.URL.Path {
	case "/oauth/revoke":
		r.revoked = append(r.revoked, form.Get("token"))
	case "/oauth/token":
		r.forms = append(r.forms, form)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(b))
		var v struct {
			AccessToken string `json:"access_token"`
		}
		if json.Unmarshal(b, &v) == nil && v.AccessToken != "" {
			r.accesses = append(r.accesses, v.AccessToken)
		}
	}
	return resp, nil
}

func (r *recorder) revokedTokens() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.revoked)
}

func (r *recorder) issued() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.accesses)
}

func recording(rec *recorder) func(*Config) {
	return func(c *Config) { c.HTTPClient = &http.Client{Timeout: 10 * time.Second, Transport: rec} }
}

// alive reports whether the registry still honours access (userinfo reads)
// and refresh (it mints a new token).
func alive(t *testing.T, fx *fixture, s *Session) (access, refresh bool) {
	t.Helper()
	ctx := context.Background()
	_, err := fx.a.UserInfo(ctx, s.AccessToken)
	access = err == nil
	// A refresh through an Authenticator without a store, so nothing is kept.
	probe, _ := New(Config{Env: fx.a.cfg.Env, ClientID: fx.a.cfg.ClientID, ClientSecret: fx.a.cfg.ClientSecret})
	_, err = probe.refreshToken(ctx, s.RefreshToken)
	refresh = err == nil
	return access, refresh
}

// TestRefreshRetiresTheOldPair: after a refresh (by Refresh or by the
// TokenSource a client reads with) the pre-refresh access token no longer
// reads and the old refresh token no longer mints, both where the registry
// honours revoke_old=true and where it drops it (ORCID's current forwarders
// do): the superseded access token is revoked once the new pair is saved.
func TestRefreshRetiresTheOldPair(t *testing.T) {
	for _, ignore := range []bool{false, true} {
		for _, via := range []string{"Refresh", "TokenSource"} {
			name := via + "/revoke_old honoured"
			if ignore {
				name = via + "/revoke_old ignored"
			}
			t.Run(name, func(t *testing.T) {
				rec := &recorder{}
				fx := newFixture(t, recording(rec))
				fx.srv.SetOAuthHooks(orcidtest.OAuthHooks{IgnoreRevokeOld: ignore})
				old := fx.userSession(t, -time.Minute, ScopeOpenID, ScopeReadLimited)
				var n *Session
				switch via {
				case "Refresh":
					var err error
					if n, err = fx.a.Refresh(context.Background(), old); err != nil {
						t.Fatal(err)
					}
				case "TokenSource":
					ts := fx.a.TokenSource(old)
					if _, err := ts.Token(); err != nil {
						t.Fatal(err)
					}
					n = ts.Session()
				}
				if got := rec.forms[len(rec.forms)-1].Get("revoke_old"); got != "true" {
					t.Errorf("refresh sent revoke_old=%q", got)
				}
				if a, r := alive(t, fx, old); a || r {
					t.Errorf("after the refresh the old access token reads: %v, the old refresh token mints: %v", a, r)
				}
				if a, _ := alive(t, fx, n); !a {
					t.Error("the new access token does not read")
				}
				saved, err := fx.store.Get(n.Key())
				if err != nil || saved.AccessToken != n.AccessToken {
					t.Errorf("new pair not saved: %v", err)
				}
			})
		}
	}
}

// TestRefreshKeepsTheOldPairWhenNotSaved: a refresh whose new pair could not
// be saved leaves the saved (old) pair alive: revoking it would leave the
// next run with nothing that works.
func TestRefreshKeepsTheOldPairWhenNotSaved(t *testing.T) {
	rec := &recorder{}
	fx := newFixture(t, recording(rec))
	fx.srv.SetOAuthHooks(orcidtest.OAuthHooks{IgnoreRevokeOld: true})
	old := fx.userSession(t, -time.Minute, ScopeOpenID, ScopeReadLimited)
	fx.a.cfg.Store = failingStore{fx.store}
	if _, err := fx.a.Refresh(context.Background(), old); err == nil {
		t.Fatal("Refresh hid the failed save")
	}
	if len(rec.revokedTokens()) != 0 {
		t.Error("the old pair was revoked although the new one was not saved")
	}
}

// TestLogoutRevokesBothTokens: logout revokes the refresh token as well as
// the access token (an expired access token may be unknown to the registry,
// and the refresh token must not outlive the logout).
func TestLogoutRevokesBothTokens(t *testing.T) {
	rec := &recorder{}
	fx := newFixture(t, recording(rec))
	s := fx.userSession(t, time.Hour, ScopeOpenID, ScopeReadLimited)
	if err := fx.a.Logout(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	got := rec.revokedTokens()
	if !slices.Contains(got, s.AccessToken) || !slices.Contains(got, s.RefreshToken) {
		t.Errorf("revoked %d token(s); want the access and the refresh token", len(got))
	}
	if a, r := alive(t, fx, s); a || r {
		t.Errorf("after logout the access token reads: %v, the refresh token mints: %v", a, r)
	}
	if _, err := fx.store.Get(s.Key()); !errors.Is(err, ErrNotStored) {
		t.Errorf("still stored: %v", err)
	}
}

// failingStore refuses every Put, like a token file others can read.
type failingStore struct{ Store }

func (failingStore) Put(*Session) error {
	return &InsecureFileError{Path: "/tmp/tokens.json", Mode: 0o644}
}

// TestFailedSignInRevokesItsToken: a sign-in that received a token and then
// failed — the id_token was rejected, or the token could not be saved —
// fails, and the token it received is revoked rather than left alive on
// the registry for 20 years.
func TestFailedSignInRevokesItsToken(t *testing.T) {
	cases := []struct {
		name  string
		setup func(fx *fixture)
	}{
		{"id_token rejected", func(fx *fixture) {
			fx.srv.SetOAuthHooks(orcidtest.OAuthHooks{TamperIDToken: func(c map[string]any) { c["aud"] = "APP-SOMEONEELSE00001" }})
		}},
		{"save failed", func(fx *fixture) { fx.a.cfg.Store = failingStore{fx.store} }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := &recorder{}
			fx := newFixture(t, recording(rec))
			c.setup(fx)
			f, err := fx.a.SignIn(context.Background(), SignInOptions{NoBrowser: true, Scopes: []string{ScopeOpenID, ScopeReadLimited}, Timeout: 30 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			br := &testBrowser{t: t, follow: true}
			if _, _, err := br.run(f.URL(), "authorize"); err != nil {
				t.Fatal(err)
			}
			if _, err := f.Wait(); err == nil {
				t.Fatal("the sign-in succeeded")
			}
			issued := rec.issued()
			if len(issued) != 1 {
				t.Fatalf("%d token(s) issued", len(issued))
			}
			if !slices.Contains(rec.revokedTokens(), issued[0]) {
				t.Error("the received token was not revoked")
			}
			if _, err := fx.a.UserInfo(context.Background(), issued[0]); err == nil {
				t.Error("the received token still reads")
			}
		})
	}
}

// userSession is a signed-in session of Carberry issued by the registry,
// expiring in `in` (negative: already expired), saved in the store.
func (fx *fixture) userSession(t *testing.T, in time.Duration, scopes ...string) *Session {
	t.Helper()
	access, refresh := fx.srv.IssueToken(orcidtest.DemoClientID, orcidtest.CarberryID, scopes...)
	s := fx.a.newSession(scopes)
	s.ORCID = orcidtest.CarberryID
	s.AccessToken, s.RefreshToken, s.TokenType = access, refresh, "bearer"
	s.Expiry, s.Obtained = time.Now().Add(in), time.Now()
	if err := fx.store.Put(s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRefreshedElsewhereIsAdopted: once another program (another
// Authenticator on the same store) has refreshed — and so retired — the
// pair this one holds, this one takes the saved new pair instead of
// failing with the dead refresh token.
func TestRefreshedElsewhereIsAdopted(t *testing.T) {
	fx := newFixture(t)
	fx.srv.SetOAuthHooks(orcidtest.OAuthHooks{IgnoreRevokeOld: true})
	old := fx.userSession(t, -time.Minute, ScopeOpenID, ScopeReadLimited)
	other, err := New(fx.a.Config())
	if err != nil {
		t.Fatal(err)
	}
	n, err := other.Refresh(context.Background(), old)
	if err != nil {
		t.Fatal(err)
	}
	grants := fx.srv.TokenGrants()
	tok, err := fx.a.TokenSource(old).Token()
	if err != nil || tok.AccessToken != n.AccessToken {
		t.Errorf("TokenSource with the retired pair: %v (same as the saved one: %v)", err, err == nil && tok.AccessToken == n.AccessToken)
	}
	got, err := fx.a.Refresh(context.Background(), old)
	if err != nil || got.AccessToken != n.AccessToken {
		t.Errorf("Refresh with the retired pair: %v", err)
	}
	if fx.srv.TokenGrants() != grants {
		t.Error("a new pair was minted")
	}
}
