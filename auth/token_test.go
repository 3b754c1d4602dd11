package auth

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

func TestClientTokenReusedUntilExpiry(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	a, err := fx.a.ClientToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := fx.a.ClientToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a.AccessToken != b.AccessToken || fx.srv.TokenGrants() != 1 {
		t.Errorf("not reused: %s %s grants %d", Mask(a.AccessToken), Mask(b.AccessToken), fx.srv.TokenGrants())
	}
	if a.ORCID != "" || strings.Join(a.Scopes, " ") != ScopeReadPublic || a.TokenType != "bearer" {
		t.Errorf("client token %+v", a.Summary(time.Now()))
	}
	if _, err := fx.store.Get(fx.a.clientKey()); err != nil {
		t.Errorf("client token not stored: %v", err)
	}
	// A second Authenticator on the same store reuses the stored token.
	a2, _ := New(fx.a.Config())
	if c, err := a2.ClientToken(ctx); err != nil || c.AccessToken != a.AccessToken || fx.srv.TokenGrants() != 1 {
		t.Errorf("stored token not reused: %v grants %d", err, fx.srv.TokenGrants())
	}

	// Tokens that expire within oauth2's 10 s margin are fetched again.
	short := newFixture(t)
	short.srv.SetOAuthHooks(orcidtest.OAuthHooks{TokenLifetime: 5 * time.Second})
	x, err := short.a.ClientToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	y, err := short.a.ClientToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if x.AccessToken == y.AccessToken || short.srv.TokenGrants() != 2 {
		t.Errorf("expired token reused (grants %d)", short.srv.TokenGrants())
	}
}

func TestClientTokenBadSecret(t *testing.T) {
	fx := newFixture(t, func(c *Config) { c.ClientSecret = "wrong"; c.Store = nil })
	_, err := fx.a.ClientToken(context.Background())
	var oe *orcid.OAuthError
	if !errors.As(err, &oe) || oe.Code != "invalid_client" || oe.StatusCode != 401 {
		t.Fatalf("err = %#v", err)
	}
}

func TestRefreshSavesNewToken(t *testing.T) {
	fx := newFixture(t)
	s := fx.userSession(t, -time.Minute, "/read-limited")
	access, refresh := s.AccessToken, s.RefreshToken
	ts := fx.a.TokenSource(s)
	tok, err := ts.Token()
	if err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken == access || !tok.Valid() {
		t.Fatalf("not refreshed: %s", Mask(tok.AccessToken))
	}
	saved, err := fx.store.Get(s.Key())
	if err != nil || saved.AccessToken != tok.AccessToken || saved.RefreshToken == refresh || saved.RefreshToken == "" || ts.SaveErr() != nil {
		t.Errorf("saved %+v err %v save %v", saved.Summary(time.Now()), err, ts.SaveErr())
	}
	// Reused until it expires: no second refresh.
	grants := fx.srv.TokenGrants()
	if tok2, _ := ts.Token(); tok2.AccessToken != tok.AccessToken || fx.srv.TokenGrants() != grants {
		t.Error("refreshed twice")
	}
	// An explicit refresh with the rotated refresh token.
	n, err := fx.a.Refresh(context.Background(), saved)
	if err != nil {
		t.Fatal(err)
	}
	if n.AccessToken == saved.AccessToken || n.ORCID != orcidtest.CarberryID {
		t.Errorf("Refresh: %+v", n.Summary(time.Now()))
	}
	// The old refresh token was retired (revoked once the new pair was
	// saved); the registry's refusal does not quote it.
	probe, _ := New(Config{Env: fx.a.cfg.Env, ClientID: fx.a.cfg.ClientID, ClientSecret: fx.a.cfg.ClientSecret})
	if _, err := probe.Refresh(context.Background(), s); err == nil || strings.Contains(err.Error(), refresh) {
		t.Errorf("old refresh token: %v", err)
	}
}

func TestRevokeAndLogout(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	s := fx.userSession(t, time.Hour, "openid", "/read-limited")
	access := s.AccessToken
	if cur, err := fx.a.Current(); err != nil || cur.AccessToken != access {
		t.Fatalf("Current: %v", err)
	}
	if _, err := fx.a.UserInfo(ctx, access); err != nil {
		t.Fatal(err)
	}
	if err := fx.a.Logout(ctx, s); err != nil {
		t.Fatal(err)
	}
	if _, err := fx.a.UserInfo(ctx, access); err == nil {
		t.Error("revoked token still reads userinfo")
	}
	if _, err := fx.a.Refresh(ctx, s); err == nil {
		t.Error("refresh token of a revoked access token still works")
	}
	if _, err := fx.a.Current(); !errors.Is(err, ErrNotStored) {
		t.Errorf("after logout: %v", err)
	}
	// A read through the member API with the revoked token: 401 invalid_token.
	c := orcid.New(fx.srv.Environment(), orcid.WithTokenSource(oauth2.StaticTokenSource(s.Token()), orcid.MemberAPI), orcid.WithMaxRetries(0))
	_, err := c.Record(ctx, orcidtest.CarberryID)
	var oe *orcid.OAuthError
	if !errors.As(err, &oe) || oe.StatusCode != 401 || oe.Code != "invalid_token" {
		t.Errorf("read with revoked token: %v", err)
	}
	// Revoking with a wrong secret is refused.
	bad, _ := New(Config{Env: fx.srv.Environment(), ClientID: orcidtest.DemoClientID, ClientSecret: "nope"})
	err = bad.Revoke(ctx, access)
	if !errors.As(err, &oe) || oe.Code != "invalid_client" {
		t.Errorf("revoke with a wrong secret: %v", err)
	}
}

func TestMemberClientReadsLimited(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	s := fx.userSession(t, time.Hour, "/read-limited", "/activities/update")
	mc, err := fx.a.MemberClient(s, orcid.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	works, err := mc.Works(ctx, orcidtest.CarberryID)
	if err != nil {
		t.Fatal(err)
	}
	if !hasVisibility(works, "limited") {
		t.Error("member read with /read-limited shows no limited work")
	}
	pub := fx.a.PublicClient(orcid.WithMaxRetries(0))
	pworks, err := pub.Works(ctx, orcidtest.CarberryID)
	if err != nil {
		t.Fatal(err)
	}
	if hasVisibility(pworks, "limited") {
		t.Error("the public API shows a limited work")
	}
	// Another person's record with this token: 401 / 9017.
	_, err = mc.Works(ctx, orcidtest.AngstromID)
	var ae *orcid.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 401 || ae.ErrorCode != 9017 {
		t.Errorf("other record: %v", err)
	}
	if _, err := fx.a.MemberClient(&Session{Scopes: []string{"openid"}}); !errors.Is(err, ErrScopeNotGranted) {
		t.Errorf("member client without /read-limited: %v", err)
	}
}

func hasVisibility(w *orcid.Works, vis string) bool {
	for _, g := range w.Group {
		for _, s := range g.WorkSummary {
			if s.Visibility == vis {
				return true
			}
		}
	}
	return false
}

// ORCID's token endpoint quotes a refused refresh token in its description
// ("Invalid refresh token: <token>"). Every way a refresh fails — Refresh
// and the TokenSource an orcid.Client calls — masks it and the client
// secret, and the OAuth error stays reachable with errors.As.
func TestRefreshErrorMasksSecrets(t *testing.T) {
	const refresh, secret = "5a0c2d1e-refresh-token-9f8e7d6c", "client-secret-0123456789"
	a, err := New(Config{Env: orcid.Environment{Name: "x", RegistryURL: "https://registry.invalid"},
		ClientID: "APP-1", ClientSecret: secret, HTTPClient: &http.Client{Transport: answerTransport{400, "application/json",
			`{"error":"invalid_grant","error_description":"Invalid refresh token: ` + refresh + ` (client ` + secret + `)"}`}}})
	if err != nil {
		t.Fatal(err)
	}
	s := a.newSession([]string{"/read-limited"})
	s.ORCID, s.AccessToken, s.RefreshToken, s.Expiry = orcidtest.CarberryID, "old-access-token", refresh, time.Now().Add(-time.Minute)
	_, errRefresh := a.Refresh(context.Background(), s)
	_, errSource := a.TokenSource(s).Token()
	for name, err := range map[string]error{"Refresh": errRefresh, "TokenSource": errSource} {
		var oe *orcid.OAuthError
		if !errors.As(err, &oe) || oe.Code != "invalid_grant" {
			t.Errorf("%s: err = %v, want invalid_grant", name, err)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, refresh) || strings.Contains(msg, secret) {
			t.Errorf("%s: secret in %q", name, msg)
		}
	}
}
