package auth

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/internal/reexec"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// refreshEnv is the environment of the parent test's registry, passed to
// the helper processes.
func refreshEnv(registry string) orcid.Environment {
	return orcid.Environment{Name: "sandbox", RegistryURL: registry, PublicAPIURL: registry + "/pub", MemberAPIURL: registry + "/api"}
}

// TestRefreshHelperProcess is one program of TestParallelRefreshBothSucceed:
// it waits until all its peers are ready (so they refresh at once), gets a
// valid token for the saved, expired sign-in and reads the record with it.
// It does nothing in a normal run.
func TestRefreshHelperProcess(t *testing.T) {
	path, registry := os.Getenv("AUTH_TEST_REFRESH_FILE"), os.Getenv("AUTH_TEST_REFRESH_REGISTRY")
	if path == "" {
		return
	}
	fail := func(format string, a ...any) {
		fmt.Fprintf(os.Stderr, "refresh helper %s: %s\n", os.Getenv("AUTH_TEST_REFRESH_WHO"), fmt.Sprintf(format, a...))
		os.Exit(3)
	}
	env := refreshEnv(registry)
	a, err := New(Config{Env: env, ClientID: orcidtest.DemoClientID, ClientSecret: orcidtest.DemoClientSecret,
		Store: NewFileStore(path), HTTPClient: &http.Client{Timeout: 10 * time.Second}})
	if err != nil {
		fail("%v", err)
	}
	sessions, err := a.Sessions()
	if err != nil || len(sessions) != 1 {
		fail("%d sessions, %v", len(sessions), err)
	}
	// A barrier, not a timing: every peer has read the expired token
	// before any of them refreshes it.
	dir := filepath.Dir(path)
	n, _ := strconv.Atoi(os.Getenv("AUTH_TEST_REFRESH_N"))
	if err := os.WriteFile(filepath.Join(dir, "ready-"+os.Getenv("AUTH_TEST_REFRESH_WHO")), nil, 0o600); err != nil {
		fail("%v", err)
	}
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(time.Millisecond) {
		ready, _ := filepath.Glob(filepath.Join(dir, "ready-*"))
		if len(ready) >= n {
			break
		}
		if time.Now().After(deadline) {
			fail("peers never got ready")
		}
	}
	tok, err := a.TokenSource(sessions[0]).TokenContext(context.Background())
	if err != nil {
		fail("refresh: %v", err)
	}
	req, _ := http.NewRequest("GET", env.MemberAPIURL+"/v3.0/"+orcidtest.CarberryID+"/record", nil)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fail("%v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fail("the token got %d", resp.StatusCode)
	}
}

// TestParallelRefreshBothSucceed: programs refreshing one expired token at
// once (two `token --print`) all end with a working token. ORCID's refresh
// tokens work once with revoke_old=true, so without the refresh lock and
// the re-read after invalid_grant all but one were told to sign in again.
func TestParallelRefreshBothSucceed(t *testing.T) {
	srv := orcidtest.NewServer()
	t.Cleanup(srv.Close)
	env := refreshEnv(srv.Environment().RegistryURL)
	const rounds, procs = 3, 3
	for round := range rounds {
		dir := t.TempDir()
		path := filepath.Join(dir, "tokens.json")
		access, refresh := srv.IssueToken(orcidtest.DemoClientID, orcidtest.CarberryID, "openid", ScopeReadLimited)
		srv.ExpireToken(access)
		s := &Session{Env: env.Name, ClientID: orcidtest.DemoClientID, ORCID: orcidtest.CarberryID, Scopes: []string{"openid", ScopeReadLimited},
			AccessToken: access, RefreshToken: refresh, TokenType: "bearer", Expiry: time.Now().Add(-time.Minute), Obtained: time.Now().Add(-time.Hour)}
		s.bind(env)
		if err := NewFileStore(path).Put(s); err != nil {
			t.Fatal(err)
		}
		before := srv.CountPath("/oauth/token")
		reexec.Run(t, "TestRefreshHelperProcess", procs, func(i int) []string {
			return []string{"AUTH_TEST_REFRESH_FILE=" + path, "AUTH_TEST_REFRESH_REGISTRY=" + env.RegistryURL,
				"AUTH_TEST_REFRESH_WHO=" + strconv.Itoa(i), "AUTH_TEST_REFRESH_N=" + strconv.Itoa(procs)}
		})
		if t.Failed() {
			t.Fatalf("round %d: a program could not refresh", round)
		}
		if got := srv.CountPath("/oauth/token") - before; got != 1 {
			t.Errorf("round %d: %d refreshes for one expired token, want 1 (the others adopt it)", round, got)
		}
	}
}
