package explain

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// A registry that echoes the posted client secret in its
// error_description: the explanation quotes its words, but masked.
func TestEchoedClientSecretMasked(t *testing.T) {
	const secret = "TOPSECRET123456"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": "invalid_request",
			"error_description": "Bad client credentials for secret=" + r.PostForm.Get("client_secret")})
	}))
	defer srv.Close()
	env := orcid.Environment{Name: "echo", RegistryURL: srv.URL, PublicAPIURL: srv.URL + "/pub", MemberAPIURL: srv.URL + "/api"}
	a, err := auth.New(auth.Config{Env: env, ClientID: "APP-ECHO", ClientSecret: secret, HTTPClient: &http.Client{Timeout: 10 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	_, direct := a.ClientToken(context.Background())
	_, viaClient := a.PublicClient().Search(context.Background(), orcid.SearchParams{Query: "x"})
	for name, err := range map[string]error{"client token": direct, "orcid client": viaClient} {
		x := Of(err)
		if x.Kind != OAuthRefused || !strings.Contains(x.What, "Bad client credentials for secret=") {
			t.Errorf("%s: %v %q", name, x.Kind, x.What)
		}
		for _, s := range []string{x.What, x.Message, x.Code, x.Reason} {
			if strings.Contains(s, secret) {
				t.Errorf("%s: the secret is shown: %q", name, s)
			}
		}
	}
}

type testRedactor struct{ err error }

func (e testRedactor) Error() string { return e.err.Error() }
func (e testRedactor) Unwrap() error { return e.err }
func (e testRedactor) Redact(s string) string {
	return strings.ReplaceAll(s, "SECRETVALUE", "SECR…")
}

// Whatever field an explanation takes from the server is passed through
// the error's Redactor.
func TestExplanationUsesRedactor(t *testing.T) {
	oe := &orcid.OAuthError{StatusCode: 400, Code: "invalid_request", Description: "echo SECRETVALUE"}
	x := Of(testRedactor{fmt.Errorf("client token: %w", oe)})
	if strings.Contains(x.What+x.Message, "SECRETVALUE") || !strings.Contains(x.What, "SECR…") {
		t.Errorf("%q / %q", x.What, x.Message)
	}
}

// A token endpoint answering 307 to another host: the explanation names
// the registry that answered, and says where the redirect pointed.
func TestRedirectRefusedNamesBothHosts(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("the redirect was followed")
	}))
	defer other.Close()
	otherHost := strings.Replace(other.URL, "127.0.0.1", "localhost", 1) // another name than the registry's
	reg := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, otherHost+"/oauth/token", http.StatusTemporaryRedirect)
	}))
	defer reg.Close()
	env := orcid.Environment{Name: "redir", RegistryURL: reg.URL, PublicAPIURL: reg.URL + "/pub", MemberAPIURL: reg.URL + "/api"}
	a, err := auth.New(auth.Config{Env: env, ClientID: "APP-REDIR", ClientSecret: "redirect-secret-123", HTTPClient: &http.Client{Timeout: 10 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = a.ClientToken(context.Background())
	x := Of(err)
	want := "the registry " + reg.URL + " answered a sign-in request with a redirect to " + otherHost + ","
	if x.Kind != RedirectRefused || x.Host != reg.URL || !strings.Contains(x.What, want) {
		t.Errorf("%v host %q:\n%s\nwant %q", x.Kind, x.Host, x.What, want)
	}
}
