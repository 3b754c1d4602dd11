package auth

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// leakCatcher is another server: it answers like a registry would, and
// remembers every request that carried one of the watched secrets.
type leakCatcher struct {
	srv     *httptest.Server
	mu      sync.Mutex
	watched []string
	leaks   []string
}

func newLeakCatcher(t *testing.T) *leakCatcher {
	lc := &leakCatcher{}
	lc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		seen := r.Header.Get("Authorization") + " " + string(b) + " " + r.URL.RawQuery
		lc.mu.Lock()
		for _, s := range lc.watched {
			if strings.Contains(seen, s) {
				lc.leaks = append(lc.leaks, r.Method+" "+r.URL.Path)
			}
		}
		lc.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"access_token":"other-host-token","token_type":"bearer","refresh_token":"other-host-refresh","expires_in":3600}`))
	}))
	t.Cleanup(lc.srv.Close)
	return lc
}

func (lc *leakCatcher) watch(secrets ...string) {
	lc.mu.Lock()
	lc.watched = append(lc.watched, secrets...)
	lc.mu.Unlock()
}

func (lc *leakCatcher) leaked() []string {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	return append([]string(nil), lc.leaks...)
}

// TestTokensStayWithTheirServer: a token saved for one registry and its API
// hosts is not used — not listed, not refreshed, not read with, not revoked
// — by the same environment name and client pointed at another URL (the
// `--registry-url http://other-host` of the review, and each API URL on its
// own): there nobody is signed in, and the other host never sees a token.
func TestTokensStayWithTheirServer(t *testing.T) {
	moves := []struct {
		name string
		move func(env *orcid.Environment, other string)
	}{
		{"registry URL", func(env *orcid.Environment, other string) { env.RegistryURL = other }},
		{"member API URL", func(env *orcid.Environment, other string) { env.MemberAPIURL = other }},
		{"public API URL", func(env *orcid.Environment, other string) { env.PublicAPIURL = other }},
		{"all three", func(env *orcid.Environment, other string) {
			env.RegistryURL, env.PublicAPIURL, env.MemberAPIURL = other, other, other
		}},
	}
	for _, mv := range moves {
		t.Run(mv.name, func(t *testing.T) {
			fx := newFixture(t)
			ctx := context.Background()
			s := fx.userSession(t, -time.Minute, ScopeOpenID, ScopeReadLimited)
			ct, err := fx.a.ClientToken(ctx)
			if err != nil {
				t.Fatal(err)
			}
			lc := newLeakCatcher(t)
			lc.watch(s.AccessToken, s.RefreshToken, ct.AccessToken)

			cfg := fx.a.Config()
			mv.move(&cfg.Env, lc.srv.URL)
			b, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if ss, err := b.Sessions(); err != nil || len(ss) != 0 {
				t.Errorf("Sessions at the other URL: %d, %v", len(ss), err)
			}
			if _, err := b.Current(); !errors.Is(err, ErrNotStored) {
				t.Errorf("Current at the other URL: %v", err)
			}
			// Handed the session anyway, b refuses to send it anywhere.
			if _, err := b.Refresh(ctx, s); !errors.Is(err, ErrOtherServer) {
				t.Errorf("Refresh: %v", err)
			}
			if _, err := b.TokenSource(s).Token(); !errors.Is(err, ErrOtherServer) {
				t.Errorf("TokenSource: %v", err)
			}
			if mc, err := b.MemberClient(s, orcid.WithMaxRetries(0)); err == nil {
				_, _ = mc.Record(ctx, orcidtest.CarberryID)
				t.Error("MemberClient accepted another server's session")
			}
			if err := b.Logout(ctx, s); !errors.Is(err, ErrOtherServer) {
				t.Errorf("Logout: %v", err)
			}
			// The client token: b fetches its own, never sends a's.
			if _, err := b.ClientToken(ctx); err != nil && !strings.Contains(err.Error(), "other-host") {
				_ = err // the other host's answer does not matter here
			}
			if l := lc.leaked(); len(l) != 0 {
				t.Errorf("the other host saw a token: %v", l)
			}
			// a still has its own sign-in.
			if cur, err := fx.a.Current(); err != nil || cur.AccessToken != s.AccessToken {
				t.Errorf("a lost its session: %v", err)
			}
		})
	}
}

// TestLegacyTokensBinding: a token saved before tokens were bound (no URLs)
// is taken as issued by ORCID's own registry of its environment name —
// production or sandbox, the only registries a name stood for — and moved
// to a bound entry when first listed there; anywhere else (another URL under
// that name, or any other environment name) it is not used.
func TestLegacyTokensBinding(t *testing.T) {
	legacy := func(env string) []byte {
		b, _ := json.Marshal(map[string]any{"version": 1, "tokens": map[string]any{
			env + "|APP-0000000000000001|0000-0002-1825-0097": map[string]any{
				"env": env, "client_id": "APP-0000000000000001", "orcid": "0000-0002-1825-0097",
				"scopes": []string{"/read-limited"}, "access_token": "legacy-access", "refresh_token": "legacy-refresh",
				"obtained": time.Now().Format(time.RFC3339),
			}}})
		return b
	}
	other := orcid.Production
	other.RegistryURL = "http://other-host.invalid"
	demo := orcid.Environment{Name: "demo", RegistryURL: "http://127.0.0.1:1", PublicAPIURL: "http://127.0.0.1:1", MemberAPIURL: "http://127.0.0.1:1"}
	cases := []struct {
		name  string
		saved string
		env   orcid.Environment
		used  bool
	}{
		{"production at orcid.org", "production", orcid.Production, true},
		{"sandbox at sandbox.orcid.org", "sandbox", orcid.Sandbox, true},
		{"production at another registry", "production", other, false},
		{"demo", "demo", demo, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := t.TempDir() + "/tokens.json"
			if err := writeFile0600(path, legacy(c.saved)); err != nil {
				t.Fatal(err)
			}
			st := NewFileStore(path)
			a, err := New(Config{Env: c.env, ClientID: "APP-0000000000000001", ClientSecret: "x", Store: st})
			if err != nil {
				t.Fatal(err)
			}
			ss, err := a.Sessions()
			if err != nil {
				t.Fatal(err)
			}
			if got := len(ss) == 1 && ss[0].AccessToken == "legacy-access"; got != c.used {
				t.Fatalf("legacy token used: %v, want %v", got, c.used)
			}
			if !c.used {
				return
			}
			if ss[0].RegistryURL != c.env.RegistryURL || ss[0].MemberAPIURL != c.env.MemberAPIURL {
				t.Errorf("migrated session not bound: %q %q", ss[0].RegistryURL, ss[0].MemberAPIURL)
			}
			keys, _ := st.List()
			if len(keys) != 1 || keys[0].Server == "" {
				t.Errorf("stored keys after migration: %v", keys)
			}
		})
	}
}

func writeFile0600(path string, b []byte) error { return os.WriteFile(path, b, 0o600) }
