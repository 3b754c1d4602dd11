package auth

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// redirectingRegistry is a registry whose endpoint at path answers with a
// redirect (status) to another host, which counts every request it gets.
// The other endpoints answer as far as the call under test needs.
type redirectingRegistry struct {
	reg, other *httptest.Server
	otherHits  atomic.Int64
}

func newRedirectingRegistry(t *testing.T, path string, status int) *redirectingRegistry {
	t.Helper()
	rr := &redirectingRegistry{}
	rr.other = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rr.otherHits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		// Whatever it is asked, it hands out a token of its own.
		_, _ = w.Write([]byte(`{"access_token":"other-host-token","token_type":"bearer","expires_in":3600,"keys":[]}`))
	}))
	t.Cleanup(rr.other.Close)
	rr.reg = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		base := rr.reg.URL
		if r.URL.Path == path {
			http.Redirect(w, r, rr.other.URL+r.URL.Path, status)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/.well-known/openid-configuration":
			_ = json.NewEncoder(w).Encode(map[string]any{
				"issuer": base, "authorization_endpoint": base + "/oauth/authorize",
				"token_endpoint": base + "/oauth/token", "userinfo_endpoint": base + "/oauth/userinfo",
				"jwks_uri": base + "/oauth/jwks", "id_token_signing_alg_values_supported": []string{"RS256"},
			})
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(rr.reg.Close)
	return rr
}

func (rr *redirectingRegistry) authenticator(t *testing.T, hc *http.Client) *Authenticator {
	t.Helper()
	env, err := orcid.CustomEnvironment("custom", rr.reg.URL, rr.reg.URL, rr.reg.URL)
	if err != nil {
		t.Fatal(err)
	}
	env.AnyLoopbackPort = true
	a, err := New(Config{Env: env, ClientID: "APP-0000000000000001", ClientSecret: "s3cret-s3cret", HTTPClient: hc, OpenBrowser: func(string) error { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// unsignedIDToken is a well-formed id_token for iss and aud: its claims
// pass, so go-oidc goes on to fetch the JWKS to check its signature.
func unsignedIDToken(iss, aud string) string {
	enc := func(v any) string { b, _ := json.Marshal(v); return base64.RawURLEncoding.EncodeToString(b) }
	now := time.Now().Unix()
	return enc(map[string]string{"alg": "RS256", "kid": "k1"}) + "." +
		enc(map[string]any{"iss": iss, "aud": aud, "sub": "0000-0002-1825-0097", "iat": now, "exp": now + 600}) + "." +
		base64.RawURLEncoding.EncodeToString([]byte("not a signature"))
}

// TestNoRequestFollowsARedirect: no OAuth or OIDC request follows a
// redirect, whatever HTTP client the front end passes (the CLI passes none,
// which used to mean Go's default policy: follow 307/308 and post the client
// secret again to the new host). Each endpoint answers 307 and 308 to
// another host; the call fails and the other host sees nothing.
func TestNoRequestFollowsARedirect(t *testing.T) {
	calls := []struct {
		name, path string
		call       func(ctx context.Context, a *Authenticator, reg string) error
	}{
		{"client credentials", "/oauth/token", func(ctx context.Context, a *Authenticator, _ string) error {
			_, err := a.ClientToken(ctx)
			return err
		}},
		{"code exchange", "/oauth/token", func(ctx context.Context, a *Authenticator, _ string) error {
			f, err := a.SignIn(ctx, SignInOptions{NoBrowser: true, Scopes: []string{ScopeReadLimited}, RedirectURI: "http://127.0.0.1:0/callback"})
			if err != nil {
				return err
			}
			if err := f.Paste("http://127.0.0.1/callback?code=AbC123&state=" + f.state); err != nil {
				return err
			}
			_, err = f.Wait()
			return err
		}},
		{"refresh", "/oauth/token", func(ctx context.Context, a *Authenticator, _ string) error {
			s := a.newSession([]string{ScopeReadLimited})
			s.AccessToken, s.RefreshToken = "old-access", "old-refresh"
			_, err := a.Refresh(ctx, s)
			return err
		}},
		{"revoke", "/oauth/revoke", func(ctx context.Context, a *Authenticator, _ string) error {
			return a.Revoke(ctx, "some-access-token")
		}},
		{"userinfo", "/oauth/userinfo", func(ctx context.Context, a *Authenticator, _ string) error {
			_, err := a.UserInfo(ctx, "some-access-token")
			return err
		}},
		{"discovery", "/.well-known/openid-configuration", func(ctx context.Context, a *Authenticator, _ string) error {
			_, err := a.Discover(ctx)
			return err
		}},
		{"JWKS", "/oauth/jwks", func(ctx context.Context, a *Authenticator, reg string) error {
			_, err := a.VerifyIDToken(ctx, unsignedIDToken(reg, a.cfg.ClientID), "", "")
			return err
		}},
	}
	clients := []struct {
		name string
		hc   *http.Client
	}{
		{"no client given (CLI)", nil},
		{"a client that follows redirects", &http.Client{Timeout: 10 * time.Second}},
	}
	for _, c := range calls {
		for _, status := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
			for _, hc := range clients {
				t.Run(c.name+"/"+http.StatusText(status)+"/"+hc.name, func(t *testing.T) {
					rr := newRedirectingRegistry(t, c.path, status)
					a := rr.authenticator(t, hc.hc)
					ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
					defer cancel()
					err := c.call(ctx, a, rr.reg.URL)
					if n := rr.otherHits.Load(); n != 0 {
						t.Fatalf("the other host got %d request(s)", n)
					}
					if err == nil {
						t.Fatal("the call succeeded through a redirect")
					}
					if c.path != "/oauth/jwks" && !strings.Contains(err.Error(), "redirect") {
						t.Errorf("error does not say a redirect was refused: %v", err)
					}
					if strings.Contains(err.Error(), "s3cret-s3cret") {
						t.Errorf("error shows the client secret: %v", err)
					}
				})
			}
		}
	}
}
