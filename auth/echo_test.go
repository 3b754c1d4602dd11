package auth

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// echoServer is a registry that refuses every token and revoke request and
// quotes what was posted in its error_description, as a careless (or
// hostile) server might.
func echoServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{
			"error": "invalid_request",
			"error_description": "Bad client credentials for secret=" + r.PostForm.Get("client_secret") +
				" refresh=" + r.PostForm.Get("refresh_token") + " token=" + r.PostForm.Get("token") +
				" encoded=" + r.PostForm.Encode(),
		})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// What a registry echoes of the client secret or a token it was sent is
// masked in every field an error offers, not only in its message: package
// explain quotes an OAuthError's description as it is.
func TestEchoedSecretsAreMasked(t *testing.T) {
	const secret = "TOPSECRET123456-7890"
	const refresh = "REFRESHTOKEN-abcdef-1234"
	const access = "ACCESSTOKEN-abcdef-5678"
	srv := echoServer(t)
	env := orcid.Environment{Name: "echo", RegistryURL: srv.URL, PublicAPIURL: srv.URL + "/pub", MemberAPIURL: srv.URL + "/api"}
	a, err := New(Config{Env: env, ClientID: "APP-ECHO", ClientSecret: secret, HTTPClient: &http.Client{Timeout: 10 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	sess := &Session{Env: "echo", ClientID: "APP-ECHO", ORCID: "0000-0002-1825-0097", AccessToken: access, RefreshToken: refresh,
		Expiry: time.Now().Add(-time.Minute)}
	sess.bind(env)
	ctx := context.Background()
	tests := []struct {
		name string
		call func() error
	}{
		{"client credentials", func() error { _, err := a.ClientToken(ctx); return err }},
		{"client credentials through orcid", func() error {
			_, err := a.PublicClient().Search(ctx, orcid.SearchParams{Query: "x"})
			return err
		}},
		{"refresh", func() error { _, err := a.Refresh(ctx, sess); return err }},
		{"token source refresh", func() error { _, err := a.TokenSource(sess).TokenContext(ctx); return err }},
		{"revoke", func() error { return a.Revoke(ctx, access) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if err == nil {
				t.Fatal("no error")
			}
			var oe *orcid.OAuthError
			if !errors.As(err, &oe) {
				t.Fatalf("no OAuthError in %v", err)
			}
			var re *oauth2.RetrieveError
			texts := map[string]string{"message": err.Error(), "description": oe.Description}
			if errors.As(err, &re) {
				texts["retrieve description"], texts["body"] = re.ErrorDescription, string(re.Body)
			}
			for where, s := range texts {
				for _, sec := range []string{secret, refresh, access} {
					if strings.Contains(s, sec) {
						t.Errorf("%s shows %s: %s", where, sec, s)
					}
				}
			}
			if !strings.Contains(oe.Description, "Bad client credentials") {
				t.Errorf("the server's words are lost: %q", oe.Description)
			}
			var r Redactor
			if !errors.As(err, &r) || strings.Contains(r.Redact("x "+secret), secret) {
				t.Error("the error offers no Redactor for the secret")
			}
		})
	}
}

// A token endpoint that echoes the posted code and client secret when the
// code exchange fails: the flow's error and its events show neither.
func TestEchoedCodeMaskedInSignIn(t *testing.T) {
	fx := newFixture(t)
	var posted string
	fx.srv.Inject(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/oauth/token" {
			return false
		}
		_ = r.ParseForm()
		posted = r.PostForm.Get("code")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": "invalid_request",
			"error_description": "code " + r.PostForm.Get("code") + " with secret " + r.PostForm.Get("client_secret")})
		return true
	})
	var log eventLog
	f, err := fx.a.SignIn(context.Background(), SignInOptions{NoBrowser: true, Timeout: 30 * time.Second, OnEvent: log.add})
	if err != nil {
		t.Fatal(err)
	}
	br := &testBrowser{t: t, follow: true}
	if _, _, err := br.run(f.URL(), "authorize"); err != nil {
		t.Fatal(err)
	}
	_, err = f.Wait()
	var oe *orcid.OAuthError
	if !errors.As(err, &oe) || len(posted) < 4 {
		t.Fatalf("err = %v (code %q)", err, posted)
	}
	for where, s := range map[string]string{"message": err.Error(), "description": oe.Description} {
		if strings.Contains(s, posted) || strings.Contains(s, fx.a.cfg.ClientSecret) {
			t.Errorf("%s shows the code or the secret: %s", where, s)
		}
	}
}
