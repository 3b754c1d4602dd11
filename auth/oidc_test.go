package auth

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/coreos/go-oidc/v3/oidc"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

func TestVerifyIDTokenRejects(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	d, err := fx.a.Discover(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d.Issuer != fx.srv.URL() || d.JWKSURI != fx.srv.URL()+"/oauth/jwks" || d.UserinfoEndpoint != fx.srv.URL()+"/oauth/userinfo" {
		t.Errorf("discovery = %+v", d)
	}
	const nonce = "n-0123456789"
	access, _ := fx.srv.IssueToken(orcidtest.DemoClientID, orcidtest.CarberryID, "openid")
	base := func() map[string]any {
		return fx.srv.IDTokenClaims(orcidtest.DemoClientID, orcidtest.CarberryID, nonce, access)
	}
	good := fx.srv.SignIDToken(base(), false)
	c, err := fx.a.VerifyIDToken(ctx, good, nonce, access)
	if err != nil {
		t.Fatalf("good token: %v", err)
	}
	if c.Subject != orcidtest.CarberryID || c.Nonce != nonce || c.Expiry.Sub(c.IssuedAt) != 24*time.Hour {
		t.Errorf("claims %+v", c)
	}
	cases := []struct {
		name     string
		edit     func(map[string]any)
		unknown  bool
		nonce    string
		access   string
		wantText string
	}{
		{name: "wrong audience", edit: func(m map[string]any) { m["aud"] = "APP-SOMEONEELSE00001" }, nonce: nonce, wantText: "audience"},
		{name: "wrong issuer", edit: func(m map[string]any) { m["iss"] = "https://orcid.org" }, nonce: nonce, wantText: "different provider"},
		{name: "wrong nonce", nonce: "n-other", wantText: "nonce"},
		{name: "missing nonce", edit: func(m map[string]any) { delete(m, "nonce") }, nonce: nonce, wantText: "nonce"},
		{name: "unknown key", unknown: true, nonce: nonce, wantText: "signature"},
		{name: "expired", edit: func(m map[string]any) { m["exp"] = time.Now().Add(-time.Hour).Unix() }, nonce: nonce, wantText: "expired"},
		{name: "at_hash of another token", nonce: nonce, access: "not-the-token", wantText: "access token hash"},
		{name: "issued in the future", edit: func(m map[string]any) {
			m["iat"] = time.Now().Add(time.Hour).Unix()
			m["exp"] = time.Now().Add(25 * time.Hour).Unix()
		}, nonce: nonce, wantText: "iat"},
		{name: "several audiences, no azp", edit: func(m map[string]any) { m["aud"] = []string{orcidtest.DemoClientID, "APP-SOMEONEELSE00001"} }, nonce: nonce, wantText: "azp"},
		{name: "several audiences, azp another client", edit: func(m map[string]any) {
			m["aud"] = []string{orcidtest.DemoClientID, "APP-SOMEONEELSE00001"}
			m["azp"] = "APP-SOMEONEELSE00001"
		}, nonce: nonce, wantText: "azp"},
		{name: "azp another client", edit: func(m map[string]any) { m["azp"] = "APP-SOMEONEELSE00001" }, nonce: nonce, wantText: "azp"},
	}
	// Within the clock skew, an iat ahead of our clock is accepted; so are
	// several audiences when azp names this client.
	accepted := map[string]func(map[string]any){
		"iat a minute ahead": func(m map[string]any) { m["iat"] = time.Now().Add(time.Minute).Unix() },
		"several audiences, azp this client": func(m map[string]any) {
			m["aud"] = []string{orcidtest.DemoClientID, "APP-SOMEONEELSE00001"}
			m["azp"] = orcidtest.DemoClientID
		},
	}
	for name, edit := range accepted {
		m := base()
		edit(m)
		if _, err := fx.a.VerifyIDToken(ctx, fx.srv.SignIDToken(m, false), nonce, access); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := base()
			if tc.edit != nil {
				tc.edit(m)
			}
			raw := fx.srv.SignIDToken(m, tc.unknown)
			acc := access
			if tc.access != "" {
				acc = tc.access
			}
			_, err := fx.a.VerifyIDToken(ctx, raw, tc.nonce, acc)
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(strings.ToLower(err.Error()), tc.wantText) {
				t.Errorf("error %q does not mention %q", err, tc.wantText)
			}
			var ie *IDTokenError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T is not an *IDTokenError", err)
			}
			if ie.BadSignature() != tc.unknown {
				t.Errorf("BadSignature() = %v, want %v", ie.BadSignature(), tc.unknown)
			}
			if ie.Expired() != (tc.name == "expired") {
				t.Errorf("Expired() = %v for %q", ie.Expired(), tc.name)
			}
		})
	}
}

// A sign-in whose id_token is signed with a key not in the JWKS fails at
// IDTokenVerified, after the exchange.
func TestSignInRejectsForgedIDToken(t *testing.T) {
	fx := newFixture(t)
	fx.srv.SetOAuthHooks(orcidtest.OAuthHooks{SignWithUnknownKey: true})
	var log eventLog
	f, err := fx.a.SignIn(context.Background(), SignInOptions{NoBrowser: true, Scopes: []string{ScopeOpenID}, Timeout: 30 * time.Second, OnEvent: log.add})
	if err != nil {
		t.Fatal(err)
	}
	br := &testBrowser{t: t, follow: true}
	if _, _, err := br.run(f.URL(), "authorize"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Wait(); err == nil || !strings.Contains(err.Error(), "id_token rejected") {
		t.Fatalf("err = %v", err)
	}
	steps := log.steps()
	if steps[len(steps)-2] != TokenExchanged || steps[len(steps)-1] != Failed {
		t.Errorf("steps %v", steps)
	}
}

func fixtureDir(t *testing.T) string {
	dir := filepath.Join("..", "..", "shared", "fixtures", "orcid")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/fixtures/orcid is absent")
	}
	return dir
}

// ORCID's test id_token and JWKS: valid when the clock is set back to its
// iat, expired with the real clock.
func TestFixtureIDToken(t *testing.T) {
	dir := fixtureDir(t)
	raw, err := os.ReadFile(filepath.Join(dir, "id_token-OpenIDTestKey1.jwt"))
	if err != nil {
		t.Fatal(err)
	}
	jwks, err := os.ReadFile(filepath.Join(dir, "jwks-OpenIDTestKey1.public.json"))
	if err != nil {
		t.Fatal(err)
	}
	keys, err := ParseJWKS(jwks)
	if err != nil {
		t.Fatal(err)
	}
	token := strings.TrimSpace(string(raw))
	unverified, err := DecodeClaims(token)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	then := func() time.Time { return unverified.IssuedAt }
	v := oidc.NewVerifier("https://orcid.org", keys, &oidc.Config{ClientID: unverified.Audience[0], Now: then, SupportedSigningAlgs: []string{oidc.RS256}})
	c, err := VerifyIDToken(ctx, v, token, "n1", "")
	if err != nil {
		t.Fatalf("fixture at its iat: %v", err)
	}
	if c.Subject != "0000-0002-2601-8132" || c.Issuer != "https://orcid.org" || c.Nonce != "n1" || c.AuthTime.Unix() != 1495707257 {
		t.Errorf("claims %+v", c)
	}
	if _, err := VerifyIDToken(ctx, v, token, "n2", ""); !errors.Is(err, ErrNonceMismatch) {
		t.Errorf("other nonce: %v", err)
	}
	now := oidc.NewVerifier("https://orcid.org", keys, &oidc.Config{ClientID: unverified.Audience[0], SupportedSigningAlgs: []string{oidc.RS256}})
	_, err = VerifyIDToken(ctx, now, token, "n1", "")
	var expired *oidc.TokenExpiredError
	if !errors.As(err, &expired) {
		t.Errorf("real clock: %v, want TokenExpiredError", err)
	}
	// One flipped bit of the signature.
	bad := token[:len(token)-2] + map[bool]string{true: "A", false: "B"}[token[len(token)-2] != 'A'] + token[len(token)-1:]
	if _, err := VerifyIDToken(ctx, v, bad, "n1", ""); err == nil {
		t.Error("tampered signature accepted")
	}
}

func TestUserInfoRefused(t *testing.T) {
	fx := newFixture(t)
	_, err := fx.a.UserInfo(context.Background(), "00000000-0000-4000-8000-000000000000")
	var oe *orcid.OAuthError
	if !errors.As(err, &oe) || oe.StatusCode != 403 || oe.Code != "access_denied" || oe.Description != "access_token is invalid" {
		t.Fatalf("err = %#v", err)
	}
	if strings.Contains(err.Error(), "00000000-0000-4000-8000-000000000000") {
		t.Error("the token appears in the error")
	}
}

// answerTransport answers every request with one canned response.
type answerTransport struct {
	status      int
	contentType string
	body        string
}

func (a answerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: a.status, Header: http.Header{"Content-Type": {a.contentType}},
		Body: io.NopCloser(strings.NewReader(a.body)), Request: r}, nil
}

// A userinfo answer that is not JSON is reported with a snippet that is
// safe to draw: no escape or C1 control sequence, no split character.
func TestUserInfoGarbageSnippetIsSafe(t *testing.T) {
	body := "\x1b]52;c;cHduZWQ=\x07\u009b2J" + strings.Repeat("é", 200)
	a, err := New(Config{Env: orcid.Environment{Name: "x", RegistryURL: "https://registry.invalid"},
		ClientID: "APP-1", ClientSecret: "s", HTTPClient: &http.Client{Transport: answerTransport{200, "text/html", body}}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = a.UserInfo(context.Background(), "token")
	var bre *orcid.BadResponseError
	if !errors.As(err, &bre) {
		t.Fatalf("err = %v, want *orcid.BadResponseError", err)
	}
	if !utf8.ValidString(bre.Snippet) || strings.ContainsAny(bre.Snippet, "\x1b\x07\u009b") {
		t.Errorf("unsafe snippet %q", bre.Snippet)
	}
}
