package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/config"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// syncBuffer is a bytes.Buffer safe for a command writing while the test
// reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// registry is one in-process registry and token store shared by several runs
// of the program, so that login, token and logout see the same tokens.
type registry struct {
	srv   *orcidtest.Server
	store *auth.MemoryStore
	// storeOverride, when set, is the store the program opens instead.
	storeOverride auth.Store
}

func newRegistry(t *testing.T) *registry {
	srv := orcidtest.NewServer()
	t.Cleanup(srv.Close)
	return &registry{srv: srv, store: auth.NewMemoryStore()}
}

// cli returns a program wired to the shared registry (for --demo) and store.
func (r *registry) cli(t *testing.T, stdin io.Reader, stdout, stderr io.Writer) *cli {
	c := newCLI(stdin, stdout, stderr, func(string) string { return "" })
	c.isTerminal = func() bool { return false }
	c.configDir = t.TempDir()
	c.secrets = newFakeKeyring() // never the machine's keyring
	c.startDemo = func(context.Context) (*demo, error) {
		return &demo{env: r.srv.Environment(), clientID: orcidtest.DemoClientID,
			clientSecret: orcidtest.DemoClientSecret, close: func() {}}, nil
	}
	c.openStore = func(*config.Config) (auth.Store, string, error) {
		if r.storeOverride != nil {
			return r.storeOverride, "", nil
		}
		return r.store, "", nil
	}
	return c
}

func (r *registry) run(t *testing.T, args ...string) result {
	var out, errOut bytes.Buffer
	code := r.cli(t, strings.NewReader(""), &out, &errOut).run(context.Background(), args)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

var (
	authorizeURL = regexp.MustCompile(`(?m)^  (http://127\.0\.0\.1:\d+/oauth/authorize\?\S+)$`)
)

// consent plays the user's browser on another computer: it presses
// decision on the consent page and returns where the registry sent it,
// without following (the user copies that address).
func consent(t *testing.T, authURL, decision string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	loc, err := orcidtest.Consent(ctx, authURL, decision, "")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// login runs "login --no-browser", opens the printed URL in the test
// browser, presses decision and pastes the redirected address.
func (r *registry) login(t *testing.T, decision string, extra ...string) result {
	t.Helper()
	stdinR, stdinW := io.Pipe()
	defer stdinW.Close()
	var out, errOut syncBuffer
	done := make(chan int, 1)
	args := append([]string{"--demo", "login", "--no-browser"}, extra...)
	go func() { done <- r.cli(t, stdinR, &out, &errOut).run(context.Background(), args) }()

	var authURL string
	deadline := time.After(10 * time.Second)
	for authURL == "" {
		if m := authorizeURL.FindStringSubmatch(errOut.String()); m != nil {
			authURL = m[1]
			break
		}
		select {
		case code := <-done:
			t.Fatalf("login ended (%d) before printing a URL:\n%s", code, errOut.String())
		case <-deadline:
			t.Fatalf("no authorize URL printed:\n%s", errOut.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	loc := consent(t, authURL, decision)
	go io.WriteString(stdinW, "not a url\n"+loc+"\n")
	select {
	case code := <-done:
		return result{code: code, stdout: out.String(), stderr: errOut.String()}
	case <-time.After(10 * time.Second):
		t.Fatalf("login did not end:\n%s", errOut.String())
	}
	return result{}
}

// memberRead reads Carberry's record from the member API with token and
// returns the HTTP status.
func memberRead(t *testing.T, srv *orcidtest.Server, token string) int {
	t.Helper()
	req, _ := http.NewRequest("GET", srv.Environment().MemberAPIURL+"/v3.0/"+orcidtest.CarberryID+"/record", nil)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestLoginTokenLogout(t *testing.T) {
	reg := newRegistry(t)

	// Not signed in yet.
	if r := reg.run(t, "--demo", "token"); r.code != exitError || !strings.Contains(r.stderr, "no saved sign-in for demo") {
		t.Fatalf("token before login: exit %d, stderr %q", r.code, r.stderr)
	}

	r := reg.login(t, "authorize", "--scopes", "openid /read-limited")
	if r.code != exitOK {
		t.Fatalf("login exit %d; stderr:\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "signed in as Josiah S. Carberry (0000-0002-1825-0097) in demo; scopes openid /read-limited") {
		t.Errorf("stdout = %q", r.stdout)
	}
	for _, step := range []string{"✓ listening", "✓ callback received", "✓ state checked", "✓ token exchanged", "✓ id_token verified", "✗ that is neither a URL nor an authorization code — paste again:"} {
		if !strings.Contains(r.stderr, step) {
			t.Errorf("stderr lacks %q:\n%s", step, r.stderr)
		}
	}
	keys, _ := reg.store.List()
	if len(keys) != 1 {
		t.Fatalf("store holds %d tokens, want 1", len(keys))
	}
	sess, _ := reg.store.Get(keys[0])
	if strings.Contains(r.stderr+r.stdout, sess.AccessToken) || strings.Contains(r.stderr+r.stdout, orcidtest.DemoClientSecret) {
		t.Error("login printed the access token or the client secret")
	}
	if got := memberRead(t, reg.srv, sess.AccessToken); got != http.StatusOK {
		t.Fatalf("member read with the new token: %d", got)
	}

	r = reg.run(t, "--demo", "token")
	if r.code != exitOK {
		t.Fatalf("token exit %d; stderr:\n%s", r.code, r.stderr)
	}
	for _, w := range []string{"environment    demo\n", "ORCID iD       0000-0002-1825-0097\n", "name           Josiah S. Carberry\n",
		"scopes         openid /read-limited\n", "client         APP-DEMO…\n", "expires", "id_token claims", "  sub          0000-0002-1825-0097\n",
		"  aud          " + orcidtest.DemoClientID + "\n"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("token output lacks %q:\n%s", w, r.stdout)
		}
	}
	if strings.Contains(r.stdout, sess.AccessToken) || (sess.RefreshToken != "" && strings.Contains(r.stdout, sess.RefreshToken)) {
		t.Errorf("token output shows a token unmasked:\n%s", r.stdout)
	}

	r = reg.run(t, "--demo", "logout")
	if r.code != exitOK || !strings.Contains(r.stdout, "signed out 0000-0002-1825-0097 from demo: token revoked and forgotten") {
		t.Fatalf("logout exit %d; stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	if keys, _ := reg.store.List(); len(keys) != 0 {
		t.Errorf("store still holds %v", keys)
	}
	if got := memberRead(t, reg.srv, sess.AccessToken); got != http.StatusUnauthorized {
		t.Errorf("member read with the revoked token: %d, want 401", got)
	}
	if r := reg.run(t, "--demo", "logout"); r.code != exitOK || !strings.Contains(r.stderr, "nothing to do") {
		t.Errorf("second logout: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestLoginDenied(t *testing.T) {
	reg := newRegistry(t)
	r := reg.login(t, "deny")
	if r.code != exitError || !strings.Contains(r.stderr, "orcid-tui: sign-in failed: access was denied in the browser") {
		t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
	}
	if keys, _ := reg.store.List(); len(keys) != 0 {
		t.Errorf("a denied sign-in saved %v", keys)
	}
}

func TestLoginErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no credentials", []string{"--env", "sandbox", "login", "--no-browser"}, exitError, "no client id and secret for sandbox"},
		{"bad scope", []string{"--demo", "login", "--no-browser", "--scopes", "/write-everything"}, exitUsage, "/write-everything"},
		{"arguments", []string{"--demo", "login", "now"}, exitUsage, "login takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d (want %d); stderr %q does not contain %q", r.code, tt.code, r.stderr, tt.want)
			}
		})
	}
}

// The demo registry lives as long as one process, so its tokens are never
// written to (or read back from) the real token store.
func TestOpenStoreDemoIsInMemory(t *testing.T) {
	cfg, err := config.Load(config.LoadOptions{
		Flags:     config.Flags{Demo: true},
		Getenv:    func(string) string { return "" },
		ConfigDir: t.TempDir(),
	})
	if err != nil {
		t.Fatal(err)
	}
	st, notice, err := openStore(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := st.(*auth.MemoryStore); !ok || notice != "" {
		t.Errorf("openStore for demo = %T (notice %q), want an in-memory store", st, notice)
	}
}
