package cli

import (
	"bytes"
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/config"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// limitedTitle is the title of the work each demo person has with
// visibility "limited": only their own /read-limited token shows it.
const limitedTitle = "Manuscript in preparation (visible to trusted parties only)"

const memberLine = "reading " + orcidtest.CarberryID + " from the member API as the signed-in user (limited items included)\n"

// signedInAsCarberry logs in through the test browser with scopes and
// returns the saved session.
func signedInAsCarberry(t *testing.T, reg *registry, scopes string) *auth.Session {
	t.Helper()
	if r := reg.login(t, "authorize", "--scopes", scopes); r.code != exitOK {
		t.Fatalf("login exit %d; stderr:\n%s", r.code, r.stderr)
	}
	keys, _ := reg.store.List()
	if len(keys) != 1 || keys[0].ORCID != orcidtest.CarberryID {
		t.Fatalf("store holds %v, want Carberry's sign-in", keys)
	}
	sess, err := reg.store.Get(keys[0])
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

func TestShowSignedInReadsMemberAPI(t *testing.T) {
	reg := newRegistry(t)
	signedInAsCarberry(t, reg, "openid /read-limited")

	// Every way of showing the signed-in iD goes through the member API.
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"works section", []string{"--section", "works"}},
		{"whole record", nil},
		{"full works", []string{"--section", "works", "--full-works"}},
		{"raw works", []string{"--raw", "--section", "works"}},
		{"raw record xml", []string{"--raw", "--format", "xml"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := append(append([]string{"--demo", "show"}, tt.args...), orcidtest.CarberryID)
			r := reg.run(t, args...)
			if r.code != exitOK {
				t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
			}
			if !strings.Contains(r.stdout, limitedTitle) {
				t.Errorf("the limited work is missing:\n%s", r.stdout)
			}
			if r.stderr != memberLine {
				t.Errorf("stderr = %q, want %q", r.stderr, memberLine)
			}
		})
	}

	r := reg.run(t, "--demo", "show", "--section", "works", orcidtest.CarberryID)
	if !strings.Contains(r.stdout, "Works (14)\n") || !strings.Contains(r.stdout, "2024  working-paper       "+limitedTitle+"\n") {
		t.Errorf("works section signed in:\n%s", r.stdout)
	}

	// --public reads the public API: no limited work, no member line.
	r = reg.run(t, "--demo", "show", "--public", "--section", "works", orcidtest.CarberryID)
	if r.code != exitOK {
		t.Fatalf("--public exit %d; stderr:\n%s", r.code, r.stderr)
	}
	if strings.Contains(r.stdout, limitedTitle) || !strings.Contains(r.stdout, "Works (13)\n") {
		t.Errorf("--public shows the limited work or the wrong count:\n%s", r.stdout)
	}
	if strings.Contains(r.stderr, "member API") {
		t.Errorf("--public stderr = %q", r.stderr)
	}

	// Another iD is read from the public API.
	r = reg.run(t, "--demo", "show", "--section", "works", orcidtest.AngstromID)
	if r.code != exitOK {
		t.Fatalf("another iD: exit %d; stderr:\n%s", r.code, r.stderr)
	}
	if strings.Contains(r.stdout, limitedTitle) || strings.Contains(r.stderr, "member API") {
		t.Errorf("another iD read as the signed-in user: stdout\n%s\nstderr %q", r.stdout, r.stderr)
	}
}

// A sign-in without /read-limited does not change what show reads.
func TestShowSignedInWithoutReadLimited(t *testing.T) {
	reg := newRegistry(t)
	signedInAsCarberry(t, reg, "openid")
	r := reg.run(t, "--demo", "show", "--section", "works", orcidtest.CarberryID)
	if r.code != exitOK || strings.Contains(r.stdout, limitedTitle) || r.stderr != "" {
		t.Errorf("exit %d; stderr %q; stdout:\n%s", r.code, r.stderr, r.stdout)
	}
}

// A revoked token ends show with advice (exit 1); it does not quietly read
// the public record instead. --public still works.
func TestShowSignedInRevokedToken(t *testing.T) {
	reg := newRegistry(t)
	sess := signedInAsCarberry(t, reg, "openid /read-limited")
	reg.srv.RevokeToken(sess.AccessToken)

	r := reg.run(t, "--demo", "show", "--section", "works", orcidtest.CarberryID)
	if r.code != exitError {
		t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, exitError, r.stderr)
	}
	want := "orcid-tui: the saved sign-in for " + orcidtest.CarberryID + " in demo is no longer valid (ORCID rejected its token: revoked or expired) — run: orcid-tui login --scopes \"openid /read-limited\", or add --public to read the public record\n"
	if r.stderr != memberLine+want {
		t.Errorf("stderr = %q\nwant    %q", r.stderr, memberLine+want)
	}
	if r.stdout != "" {
		t.Errorf("stdout = %q", r.stdout)
	}
	if strings.Contains(r.stderr, sess.AccessToken) {
		t.Error("the error shows the token")
	}

	r = reg.run(t, "--demo", "show", "--public", "--section", "works", orcidtest.CarberryID)
	if r.code != exitOK || !strings.Contains(r.stdout, "Works (13)\n") {
		t.Errorf("--public after revoke: exit %d; stderr %q", r.code, r.stderr)
	}
}

// An expired token is refreshed through the saving token source: the read
// succeeds and the new token is saved.
func TestShowSignedInRefreshesAndSaves(t *testing.T) {
	reg := newRegistry(t)
	sess := signedInAsCarberry(t, reg, "openid /read-limited")
	if sess.RefreshToken == "" {
		t.Skip("the registry gave no refresh token")
	}
	reg.srv.ExpireToken(sess.AccessToken)
	old := *sess
	old.Expiry = time.Now().Add(-time.Minute)
	if err := reg.store.Put(&old); err != nil {
		t.Fatal(err)
	}

	r := reg.run(t, "--demo", "show", "--section", "works", orcidtest.CarberryID)
	if r.code != exitOK || !strings.Contains(r.stdout, limitedTitle) {
		t.Fatalf("exit %d; stderr %q; stdout:\n%s", r.code, r.stderr, r.stdout)
	}
	saved, err := reg.store.Get(sess.Key())
	if err != nil {
		t.Fatal(err)
	}
	if saved.AccessToken == sess.AccessToken || !saved.Expiry.After(time.Now()) {
		t.Errorf("the refreshed token was not saved (same token %v, expiry %v)", saved.AccessToken == sess.AccessToken, saved.Expiry)
	}
}

// A token store that does not answer costs at most the keyring budget, and
// show reads the public API with a warning.
func TestShowTokenStoreHangs(t *testing.T) {
	reg := newRegistry(t)
	var out, errOut bytes.Buffer
	c := reg.cli(t, strings.NewReader(""), &out, &errOut)
	release := make(chan struct{})
	defer close(release)
	c.openStore = func(*config.Config) (auth.Store, string, error) {
		<-release
		return nil, "", context.Canceled
	}
	c.keyringBudget = 50 * time.Millisecond
	start := time.Now()
	code := c.run(context.Background(), []string{"--demo", "show", "--section", "works", orcidtest.CarberryID})
	if code != exitOK || !strings.Contains(out.String(), "Works (13)\n") {
		t.Fatalf("exit %d; stderr %q", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "orcid-tui: warning: the token store did not answer within 50ms: reading "+orcidtest.CarberryID+" from the public API") {
		t.Errorf("stderr = %q", errOut.String())
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("show took %s", d)
	}
}

// Without a client id the token store is not opened at all.
func TestShowWithoutClientIDLeavesStoreAlone(t *testing.T) {
	reg := newRegistry(t)
	var out, errOut bytes.Buffer
	c := reg.cli(t, strings.NewReader(""), &out, &errOut)
	var opened atomic.Int32
	c.openStore = func(*config.Config) (auth.Store, string, error) {
		opened.Add(1)
		return reg.store, "", nil
	}
	u := reg.srv.URL()
	code := c.run(context.Background(), []string{"--registry-url", u, "--pub-url", u + "/pub", "--api-url", u + "/api",
		"show", "--section", "works", orcidtest.CarberryID})
	if code != exitOK || !strings.Contains(out.String(), "Works (13)\n") {
		t.Fatalf("exit %d; stderr %q; stdout:\n%s", code, errOut.String(), out.String())
	}
	if n := opened.Load(); n != 0 {
		t.Errorf("the token store was opened %d times", n)
	}
}

// A token store that cannot be opened is a warning: show reads the public
// record.
func TestShowTokenStoreFails(t *testing.T) {
	reg := newRegistry(t)
	var out, errOut bytes.Buffer
	c := reg.cli(t, strings.NewReader(""), &out, &errOut)
	c.openStore = func(*config.Config) (auth.Store, string, error) {
		return nil, "", userErrorf("the OS keyring is not available")
	}
	code := c.run(context.Background(), []string{"--demo", "show", "--section", "works", orcidtest.CarberryID})
	if code != exitOK || !strings.Contains(out.String(), "Works (13)\n") {
		t.Fatalf("exit %d; stderr %q", code, errOut.String())
	}
	want := "orcid-tui: warning: could not read the saved sign-ins (the OS keyring is not available): reading " + orcidtest.CarberryID + " from the public API (limited items are not shown)\n"
	if errOut.String() != want {
		t.Errorf("stderr = %q, want %q", errOut.String(), want)
	}
}

func TestShowHelpTellsMemberReads(t *testing.T) {
	r := runCLI(t, nil, "", "help", "show")
	for _, w := range []string{"[--public] ID", "--public        read the public API even when signed in as ID",
		"from the member API with the saved token", "orcid-tui login (or --public), and exits 1."} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("help show lacks %q:\n%s", w, r.stdout)
		}
	}
}
