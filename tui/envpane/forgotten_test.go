package envpane

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// A sign-in the registry has forgotten (revoked there) stops showing as
// "Signed in" once the pane learns it: the pane offers l, and the saved
// token is dropped.
func TestForgottenSignInIsDropped(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	env := srv.Environment()
	access, refresh := srv.IssueToken(orcidtest.DemoClientID, orcidtest.CarberryID, "openid", "/read-limited")
	saved := auth.NewMemoryStore()
	if err := saved.Put(&auth.Session{Env: env.Name, ClientID: orcidtest.DemoClientID, ORCID: orcidtest.CarberryID,
		Scopes: []string{"openid", "/read-limited"}, AccessToken: access, RefreshToken: refresh, TokenType: "bearer",
		Expiry: time.Now().Add(time.Hour), Obtained: time.Now(),
		RegistryURL: env.RegistryURL, PublicAPIURL: env.PublicAPIURL, MemberAPIURL: env.MemberAPIURL}); err != nil {
		t.Fatal(err)
	}
	st := common.NewStyles(true, true)
	km := common.DefaultKeyMap()
	m := New(&st, &km, Config{
		Initial: env.Name,
		Envs: []Env{{Environment: env, Label: "demo (offline)",
			ClientID: orcidtest.DemoClientID, ClientSecret: orcidtest.DemoClientSecret}},
		Store:         saved,
		HTTPClient:    srv.HTTPClient(),
		PublicOptions: []orcid.Option{orcid.WithHTTPClient(srv.HTTPClient())},
		OpenBrowser:   func(string) error { return auth.ErrNoBrowser },
	})
	m.SetSize(70, 40)
	m.Focus()
	for _, msg := range run(m.Init()) {
		m.Update(msg)
	}
	if s := m.Session(); s.SignedIn != orcidtest.CarberryID {
		t.Fatalf("the saved sign-in was not restored: %+v", s)
	}
	srv.RevokeToken(access) // revoked on the registry: its refresh token goes too
	for _, msg := range run(m.Update(press("f"))) {
		for _, msg := range run(m.Update(msg)) {
			m.Update(msg)
		}
	}
	if s := m.Session(); s.SignedIn != "" {
		t.Errorf("still signed in as %q", s.SignedIn)
	}
	out := ansi.Strip(m.View())
	if !strings.Contains(out, "nobody (l to sign in)") || !strings.Contains(out, "press l to sign in again") {
		t.Errorf("pane:\n%s", out)
	}
	if keys, _ := saved.List(); len(keys) != 0 {
		t.Errorf("the forgotten token is still saved: %v", keys)
	}
}
