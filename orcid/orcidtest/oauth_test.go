package orcidtest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func noRedirect() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func TestRedirectMatching(t *testing.T) {
	fixed := &Client{RedirectURIs: []string{"http://127.0.0.1:8080", "https://orcid.org", "http://127.0.0.1:8765/callback"}}
	anyPort := &Client{RedirectURIs: []string{"http://127.0.0.1/callback"}, AnyLoopbackPort: true}
	cases := []struct {
		c    *Client
		uri  string
		want bool
	}{
		{fixed, "http://127.0.0.1:8080", true},
		{fixed, "http://127.0.0.1:8080/deeper/path?x=1", true},
		{fixed, "http://127.0.0.1:8081", false},
		{fixed, "http://127.0.0.1", false},
		{fixed, "https://orcid.org/subdirectory/1/2", true},
		{fixed, "http://orcid.org/", false},
		{fixed, "http://127.0.0.1:8765/callback", true},
		{fixed, "http://127.0.0.1:8765/other", false},
		{fixed, "http://localhost:8765/callback", false},
		{anyPort, "http://127.0.0.1:41234/callback", true},
		{anyPort, "http://127.0.0.1:41234/elsewhere", false},
		{anyPort, "http://localhost:41234/callback", false},
		{anyPort, "http://127.0.0.1:41234/callback#frag", false},
	}
	for _, tc := range cases {
		if got := redirectAllowed(tc.c, tc.uri); got != tc.want {
			t.Errorf("redirectAllowed(%v, %q) = %v, want %v", tc.c.RedirectURIs, tc.uri, got, tc.want)
		}
	}
}

func TestAuthorizeErrors(t *testing.T) {
	s := NewServer()
	defer s.Close()
	c := noRedirect()
	q := func(v url.Values) string { return s.URL() + "/oauth/authorize?" + v.Encode() }
	base := url.Values{"client_id": {DemoClientID}, "response_type": {"code"}, "scope": {"openid"}, "redirect_uri": {"http://127.0.0.1:9/callback"}, "state": {"st"}}
	with := func(k, v string) url.Values {
		n := url.Values{}
		for kk, vv := range base {
			n[kk] = vv
		}
		n.Set(k, v)
		return n
	}
	// Unknown client and unregistered redirect: an error page, never a redirect.
	for name, v := range map[string]url.Values{
		"unknown client": with("client_id", "APP-0000000000000000"),
		"bad redirect":   with("redirect_uri", "http://evil.example/callback"),
		"public client":  {"client_id": {DemoPublicClientID}, "response_type": {"code"}, "scope": {"openid"}, "redirect_uri": {"http://127.0.0.1:9999/callback"}},
	} {
		resp, err := c.Get(q(v))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 400 || resp.Header.Get("Location") != "" || !strings.Contains(string(body), "<h1>") {
			t.Errorf("%s: %d %q", name, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	// Invalid scopes: an error redirect with the state.
	for name, v := range map[string]url.Values{
		"unknown scope":               with("scope", "openid /everything"),
		"read-public":                 with("scope", "/read-public"),
		"member scope, public client": {"client_id": {DemoPublicClientID}, "response_type": {"code"}, "scope": {"/read-limited"}, "redirect_uri": {DemoRedirectURI}, "state": {"st"}},
	} {
		resp, err := c.Get(q(v))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		loc, _ := url.Parse(resp.Header.Get("Location"))
		if resp.StatusCode != http.StatusFound || loc.Query().Get("error") != "invalid_scope" || loc.Query().Get("state") != "st" {
			t.Errorf("%s: %d %q", name, resp.StatusCode, loc)
		}
	}
	resp, err := c.Get(q(with("prompt", "none")))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc, _ := url.Parse(resp.Header.Get("Location")); loc.Query().Get("error") != "login_required" {
		t.Errorf("prompt=none: %q", loc)
	}
	// The consent page names the client and the scopes in words.
	resp, err = c.Get(q(with("scope", "openid /read-limited")))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{DemoClientName, scopeWords["/read-limited"], "Josiah Carberry", `value="authorize"`, `value="deny"`, `method="post"`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("consent page lacks %q", want)
		}
	}
	// A consent form answered twice is refused.
	m := strings.SplitN(strings.SplitN(string(body), `name="request" value="`, 2)[1], `"`, 2)[0]
	for i, want := range []int{http.StatusFound, http.StatusBadRequest} {
		resp, err := c.PostForm(s.URL()+"/oauth/authorize", url.Values{"request": {m}, "decision": {"authorize"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("answer %d: %d, want %d", i+1, resp.StatusCode, want)
		}
	}
}

func postToken(t *testing.T, s *Server, form url.Values, basic ...string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("POST", s.URL()+"/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if len(basic) == 2 {
		req.SetBasicAuth(basic[0], basic[1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m
}

func TestTokenEndpoint(t *testing.T) {
	s := NewServer()
	defer s.Close()
	cc := url.Values{"grant_type": {"client_credentials"}, "scope": {"/read-public"}, "client_id": {DemoClientID}, "client_secret": {DemoClientSecret}}
	status, m := postToken(t, s, cc)
	if status != 200 || m["token_type"] != "bearer" || m["scope"] != "/read-public" || m["expires_in"].(float64) < 631138000 || m["refresh_token"] == "" {
		t.Errorf("client_credentials: %d %v", status, m)
	}
	if v, ok := m["orcid"]; !ok || v != nil {
		t.Errorf("orcid should be null: %v", m)
	}
	if _, ok := m["name"]; ok {
		t.Errorf("name should be absent: %v", m)
	}
	// Basic auth works too.
	if status, _ := postToken(t, s, url.Values{"grant_type": {"client_credentials"}}, DemoClientID, DemoClientSecret); status != 200 {
		t.Errorf("basic auth: %d", status)
	}
	cases := []struct {
		name   string
		form   url.Values
		status int
		code   string
	}{
		{"no grant type", url.Values{"client_id": {DemoClientID}, "client_secret": {DemoClientSecret}}, 400, "unsupported_grant_type"},
		{"password grant", url.Values{"grant_type": {"password"}, "client_id": {DemoClientID}, "client_secret": {DemoClientSecret}}, 400, "unsupported_grant_type"},
		{"no secret", url.Values{"grant_type": {"client_credentials"}, "client_id": {DemoClientID}}, 401, "invalid_client"},
		{"wrong secret", url.Values{"grant_type": {"client_credentials"}, "client_id": {DemoClientID}, "client_secret": {"x"}}, 401, "invalid_client"},
		{"member scope by client credentials", url.Values{"grant_type": {"client_credentials"}, "scope": {"/read-limited"}, "client_id": {DemoClientID}, "client_secret": {DemoClientSecret}}, 400, "invalid_scope"},
		{"unknown code", url.Values{"grant_type": {"authorization_code"}, "code": {"nope"}, "redirect_uri": {DemoRedirectURI}, "client_id": {DemoClientID}, "client_secret": {DemoClientSecret}}, 400, "invalid_grant"},
		{"unknown refresh token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"nope"}, "client_id": {DemoClientID}, "client_secret": {DemoClientSecret}}, 400, "invalid_grant"},
	}
	for _, tc := range cases {
		status, m := postToken(t, s, tc.form)
		if status != tc.status || m["error"] != tc.code || m["error_description"] == "" {
			t.Errorf("%s: %d %v, want %d %s", tc.name, status, m, tc.status, tc.code)
		}
	}
}

func TestCodeGrant(t *testing.T) {
	s := NewServer()
	defer s.Close()
	c := noRedirect()
	redirect := "http://127.0.0.1:45678/callback"
	v := url.Values{"client_id": {DemoClientID}, "response_type": {"code"}, "scope": {"openid /read-limited"}, "redirect_uri": {redirect}, "state": {"s1"}, "nonce": {"n1"}}
	resp, err := c.Get(s.URL() + "/oauth/authorize?" + v.Encode())
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	req := strings.SplitN(strings.SplitN(string(body), `name="request" value="`, 2)[1], `"`, 2)[0]
	resp, err = c.PostForm(s.URL()+"/oauth/authorize", url.Values{"request": {req}, "decision": {"authorize"}, "orcid": {TanakaID}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	code := loc.Query().Get("code")
	if loc.Query().Get("state") != "s1" || len(code) != 6 || !strings.HasPrefix(loc.String(), redirect+"?") {
		t.Fatalf("redirect %q", loc)
	}
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {"http://127.0.0.1:45679/callback"}, "client_id": {DemoClientID}, "client_secret": {DemoClientSecret}}
	if status, m := postToken(t, s, form); status != 400 || m["error"] != "invalid_grant" {
		t.Errorf("other redirect_uri: %d %v", status, m)
	}
	// The failed attempt used the code up: single use.
	form.Set("redirect_uri", redirect)
	if status, _ := postToken(t, s, form); status != 400 {
		t.Errorf("code reused after a failed exchange: %d", status)
	}
}

func TestUserinfoAndDiscoveryShapes(t *testing.T) {
	s := NewServer()
	defer s.Close()
	req, _ := http.NewRequest("GET", s.URL()+"/oauth/userinfo", nil)
	req.Header.Set("Authorization", "Bearer nope")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 403 || string(body) != `{"error":"access_denied","error-description":"access_token is invalid"}` {
		t.Errorf("userinfo with a bad token: %d %s", resp.StatusCode, body)
	}
	access, _ := s.IssueToken(DemoClientID, EmptyID, "openid")
	req.Header.Set("Authorization", "Bearer "+access)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	want := `{"id":"` + s.URL() + `/` + EmptyID + `","sub":"` + EmptyID + `","name":null,"family_name":null,"given_name":null}`
	if strings.TrimSpace(string(body)) != want {
		t.Errorf("userinfo of a private name:\n got %s\nwant %s", body, want)
	}
	resp, err = http.Get(s.URL() + "/.well-known/openid-configuration")
	if err != nil {
		t.Fatal(err)
	}
	var d map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&d)
	resp.Body.Close()
	if d["issuer"] != s.URL() || d["jwks_uri"] != s.URL()+"/oauth/jwks" || d["claims_parameter_supported"] != false {
		t.Errorf("discovery %v", d)
	}
	resp, err = http.Get(s.URL() + "/oauth/jwks")
	if err != nil {
		t.Fatal(err)
	}
	var set struct{ Keys []map[string]string }
	_ = json.NewDecoder(resp.Body).Decode(&set)
	resp.Body.Close()
	if len(set.Keys) != 1 || set.Keys[0]["kty"] != "RSA" || set.Keys[0]["alg"] != "RS256" || set.Keys[0]["kid"] == "" || set.Keys[0]["e"] != "AQAB" {
		t.Errorf("jwks %v", set)
	}
}

func apiDo(t *testing.T, s *Server, method, path, token, body string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(method, s.URL()+path, strings.NewReader(body))
	req.Header.Set("Accept", "application/vnd.orcid+json")
	if body != "" {
		req.Header.Set("Content-Type", "application/vnd.orcid+json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := noRedirect().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

func TestBearerRulesAndPostWork(t *testing.T) {
	s := NewServer()
	defer s.Close()
	update, _ := s.IssueToken(DemoClientID, CarberryID, "/read-limited", "/activities/update")
	readOnly, _ := s.IssueToken(DemoClientID, CarberryID, "/read-limited")
	authOnly, _ := s.IssueToken(DemoClientID, CarberryID, "/authenticate")
	public, _ := s.IssueToken(DemoClientID, "", "/read-public")
	revoked, _ := s.IssueToken(DemoClientID, CarberryID, "/read-limited")
	s.RevokeToken(revoked)
	expired, _ := s.IssueToken(DemoClientID, CarberryID, "/read-limited")
	s.ExpireToken(expired)

	reads := []struct {
		name, path, token string
		status            int
		want              string
	}{
		{"member API without a token", "/api/v3.0/" + CarberryID + "/works", "", 403, `"forbidden"`},
		{"revoked token", "/api/v3.0/" + CarberryID + "/works", revoked, 401, `"invalid_token"`},
		{"expired token on the public API", "/pub/v3.0/" + CarberryID + "/works", expired, 401, `"invalid_token"`},
		{"token without a read scope", "/api/v3.0/" + CarberryID + "/works", authOnly, 403, `"insufficient_scope"`},
		{"token for another record", "/api/v3.0/" + AngstromID + "/works", readOnly, 401, `9017`},
		{"read-limited, own record", "/api/v3.0/" + CarberryID + "/works", readOnly, 200, `"limited"`},
		{"read-public client token", "/api/v3.0/" + AngstromID + "/works", public, 200, `"public"`},
	}
	for _, tc := range reads {
		resp, body := apiDo(t, s, "GET", tc.path, tc.token, "")
		if resp.StatusCode != tc.status || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d %.200s", tc.name, resp.StatusCode, body)
		}
	}
	if _, body := apiDo(t, s, "GET", "/pub/v3.0/"+CarberryID+"/works", readOnly, ""); strings.Contains(body, `"limited"`) {
		t.Error("the public API shows a limited work to its owner's token")
	}

	good := `{"title":{"title":{"value":"A new pot"}},"type":"journal-article","external-ids":{"external-id":[{"external-id-type":"doi","external-id-value":"10.5555/new.pot","external-id-relationship":"self"}]}}`
	writes := []struct {
		name, token, body string
		status            int
		want              string
	}{
		{"no title", update, `{"type":"journal-article","external-ids":{"external-id":[{"external-id-type":"doi","external-id-value":"10.5555/x","external-id-relationship":"self"}]}}`, 400, "9022"},
		{"no self identifier", update, `{"title":{"title":{"value":"T"}},"external-ids":{"external-id":[{"external-id-type":"doi","external-id-value":"10.5555/x","external-id-relationship":"part-of"}]}}`, 400, "9023"},
		{"put-code in the body", update, `{"put-code":12,"title":{"title":{"value":"T"}}}`, 400, "9024"},
		{"without /activities/update", readOnly, good, 403, "insufficient_scope"},
		{"created", update, good, 201, ""},
		{"same identifier again", update, good, 409, "9021"},
	}
	for _, tc := range writes {
		resp, body := apiDo(t, s, "POST", "/api/v3.0/"+CarberryID+"/work", tc.token, tc.body)
		if resp.StatusCode != tc.status || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d %.200s", tc.name, resp.StatusCode, body)
		}
		if tc.status == 201 {
			loc := resp.Header.Get("Location")
			if !strings.HasPrefix(loc, s.URL()+"/api/v3.0/"+CarberryID+"/work/") {
				t.Errorf("Location %q", loc)
			}
		}
	}
	if resp, body := apiDo(t, s, "POST", "/api/v3.0/"+AngstromID+"/work", update, good); resp.StatusCode != 401 || !strings.Contains(body, "9017") {
		t.Errorf("POST to another record: %d %s", resp.StatusCode, body)
	}
	if _, body := apiDo(t, s, "GET", "/pub/v3.0/"+CarberryID+"/works", "", ""); !strings.Contains(body, "A new pot") {
		t.Error("the posted work is not in /works")
	}
}

// The form endpoints answer another method with 405 (their mux patterns
// name POST) and refuse a form larger than 64 KiB.
func TestFormEndpointsMethodAndSize(t *testing.T) {
	s := NewServer()
	defer s.Close()
	for _, path := range []string{"/oauth/token", "/oauth/revoke"} {
		resp, err := http.Get(s.URL() + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") == "" {
			t.Errorf("GET %s: %d Allow %q, want 405 with Allow", path, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
	big := url.Values{"request": {strings.Repeat("x", 80<<10)}}.Encode()
	for _, path := range []string{"/oauth/token", "/oauth/revoke"} {
		resp, err := http.Post(s.URL()+path, "application/x-www-form-urlencoded", strings.NewReader(big))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("POST %s with an 80 KiB form: %d, want 400", path, resp.StatusCode)
		}
	}
}
