package cli

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/auth"
)

// refusingStore refuses every save, like a token file others can read, and
// remembers what it was asked to save.
type refusingStore struct {
	*auth.MemoryStore
	mu  sync.Mutex
	put []*auth.Session
}

func (s *refusingStore) Put(sess *auth.Session) error {
	s.mu.Lock()
	s.put = append(s.put, sess)
	s.mu.Unlock()
	return &auth.InsecureFileError{Path: "/home/u/.local/state/orcid-tui/tokens.json", Mode: 0o644}
}

// login says why and exits 1 when the token cannot be saved, and the
// token it could not keep is revoked.
func TestLoginSaveFailedExits1AndRevokes(t *testing.T) {
	reg := newRegistry(t)
	st := &refusingStore{MemoryStore: auth.NewMemoryStore()}
	reg.storeOverride = st
	r := reg.login(t, "authorize", "--scopes", "openid /read-limited")
	if r.code != exitError {
		t.Fatalf("exit %d; stdout %q stderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout, "token saved") || r.stdout != "" ||
		!strings.Contains(r.stderr, "orcid-tui: signed in, but the token could not be saved, so it was revoked: the token file") ||
		!strings.Contains(r.stderr, "chmod 600") {
		t.Errorf("stdout %q stderr:\n%s", r.stdout, r.stderr)
	}
	if len(st.put) != 1 {
		t.Fatalf("%d saves", len(st.put))
	}
	if got := memberRead(t, reg.srv, st.put[0].AccessToken); got != http.StatusUnauthorized {
		t.Errorf("the unsaved token still reads: %d", got)
	}
}

// logout forgets the saved token even when revoking fails (the registry is
// unreachable), after saying so and exiting 1; logout --local forgets
// without asking the registry.
func TestLogoutForgetsWhenRevokingFails(t *testing.T) {
	reg := newRegistry(t)
	if r := reg.login(t, "authorize"); r.code != exitOK {
		t.Fatalf("login: %d\n%s", r.code, r.stderr)
	}
	reg.srv.Close() // revoking cannot reach it
	r := reg.run(t, "--demo", "logout")
	if r.code != exitError || !strings.Contains(r.stderr, "revoking failed") || !strings.Contains(r.stdout, "forgotten here") {
		t.Errorf("logout: exit %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	if keys, _ := reg.store.List(); len(keys) != 0 {
		t.Errorf("still saved: %v", keys)
	}
}

func TestLogoutLocal(t *testing.T) {
	reg := newRegistry(t)
	if r := reg.login(t, "authorize", "--scopes", "openid /read-limited"); r.code != exitOK {
		t.Fatalf("login: %d\n%s", r.code, r.stderr)
	}
	keys, _ := reg.store.List()
	sess, _ := reg.store.Get(keys[0])
	r := reg.run(t, "--demo", "logout", "--local")
	if r.code != exitOK || !strings.Contains(r.stdout, "forgotten here, not revoked") {
		t.Errorf("logout --local: exit %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	if keys, _ := reg.store.List(); len(keys) != 0 {
		t.Errorf("still saved: %v", keys)
	}
	if got := memberRead(t, reg.srv, sess.AccessToken); got != http.StatusOK {
		t.Errorf("--local revoked the token: %d", got)
	}
}

// expire makes the saved sign-in's access token expired, here and on the
// registry (its refresh token still works).
func (r *registry) expire(t *testing.T) *auth.Session {
	t.Helper()
	keys, _ := r.store.List()
	if len(keys) != 1 {
		t.Fatalf("%d saved", len(keys))
	}
	sess, _ := r.store.Get(keys[0])
	r.srv.ExpireToken(sess.AccessToken)
	sess.Expiry = time.Now().Add(-time.Minute)
	if err := r.store.Put(sess); err != nil {
		t.Fatal(err)
	}
	return sess
}

// token does not send the user to login when a silent refresh would do.
func TestTokenSaysItWillRefresh(t *testing.T) {
	reg := newRegistry(t)
	if r := reg.login(t, "authorize"); r.code != exitOK {
		t.Fatalf("login: %d\n%s", r.code, r.stderr)
	}
	reg.expire(t)
	r := reg.run(t, "--demo", "token")
	bound := "bound to       " + reg.srv.URL() + " " + reg.srv.URL() + "/pub " + reg.srv.URL() + "/api\n"
	if r.code != exitOK || strings.Contains(r.stdout, "run: orcid-tui login") || !strings.Contains(r.stdout, "expired — refreshed on next use") ||
		!strings.Contains(r.stdout, bound) {
		t.Errorf("token: exit %d stdout:\n%s", r.code, r.stdout)
	}
}

// token --print writes the bare access token for scripts — refreshed when
// it has expired — and refuses a terminal unless asked.
func TestTokenPrint(t *testing.T) {
	reg := newRegistry(t)
	if r := reg.login(t, "authorize", "--scopes", "openid /read-limited"); r.code != exitOK {
		t.Fatalf("login: %d\n%s", r.code, r.stderr)
	}
	keys, _ := reg.store.List()
	sess, _ := reg.store.Get(keys[0])
	r := reg.run(t, "--demo", "token", "--print")
	if r.code != exitOK || r.stdout != sess.AccessToken+"\n" {
		t.Fatalf("token --print: exit %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}

	// On a terminal: refused (the token would stay on screen), unless asked.
	var out, errOut bytes.Buffer
	c := reg.cli(t, strings.NewReader(""), &out, &errOut)
	c.stdoutTerminal = func() bool { return true }
	if code := c.run(context.Background(), []string{"--demo", "token", "--print"}); code != exitUsage || out.Len() != 0 ||
		!strings.Contains(errOut.String(), "--on-terminal") {
		t.Errorf("on a terminal: exit %d stdout %q stderr %q", code, out.String(), errOut.String())
	}
	out.Reset()
	c = reg.cli(t, strings.NewReader(""), &out, &errOut)
	c.stdoutTerminal = func() bool { return true }
	if code := c.run(context.Background(), []string{"--demo", "token", "--print", "--on-terminal"}); code != exitOK || out.String() != sess.AccessToken+"\n" {
		t.Errorf("--on-terminal: exit %d stdout %q", code, out.String())
	}

	// Expired: refreshed, saved, and the new token printed.
	old := reg.expire(t)
	r = reg.run(t, "--demo", "token", "--print")
	got := strings.TrimSpace(r.stdout)
	if r.code != exitOK || got == "" || got == old.AccessToken {
		t.Fatalf("expired --print: exit %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	if code := memberRead(t, reg.srv, got); code != http.StatusOK {
		t.Errorf("printed token reads: %d", code)
	}
}

// The client secret can come from a file or stdin, out of ps and history.
func TestClientSecretFromFileOrStdin(t *testing.T) {
	const secret = "0b8d5c7e-0000-4c2b-9d6e-fromafile"
	file := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(file, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(t.TempDir(), "empty")
	if err := os.WriteFile(empty, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	base := []string{"--env", "sandbox", "--client-id", "APP-674MCQQR985VZZQ2"}
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"file", "", []string{"--client-secret-file", file, "config", "show"}, exitOK, "0b8d••••"},
		{"stdin", secret + "\n", []string{"--client-secret", "-", "config", "show"}, exitOK, "0b8d••••"},
		{"both", "", []string{"--client-secret", "x", "--client-secret-file", file, "config", "show"}, exitUsage, "not both"},
		{"empty file", "", []string{"--client-secret-file", empty, "config", "show"}, exitError, "is empty"},
		{"missing file", "", []string{"--client-secret-file", file + ".nope", "config", "show"}, exitError, "cannot read"},
		{"empty stdin", "", []string{"--client-secret", "-", "config", "show"}, exitUsage, "no client secret on stdin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, tt.stdin, append(base, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.stdout+r.stderr, tt.want) {
				t.Errorf("exit %d (want %d); output lacks %q:\n%s%s", r.code, tt.code, tt.want, r.stdout, r.stderr)
			}
			if strings.Contains(r.stdout+r.stderr, "fromafile") {
				t.Error("the secret was printed")
			}
		})
	}
}

// A redirect URI whose port another program holds: login keeps auth's
// advice instead of calling it a network error.
func TestLoginPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	reg := newRegistry(t)
	r := reg.run(t, "--demo", "--redirect-uri", "http://127.0.0.1:"+port+"/callback", "login", "--no-browser")
	want := "port " + port + " is in use by another program: close it, or register another redirect URI"
	if r.code != exitError || !strings.Contains(r.stderr, want) || strings.Contains(r.stderr, "network") {
		t.Errorf("exit %d; stderr %q", r.code, r.stderr)
	}
}
