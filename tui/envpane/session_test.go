package envpane

import (
	"slices"
	"testing"

	"github.com/orcid-tui/orcid-tui/auth"
)

// A sign-in without /read-limited has no member client, but the session
// still says who signed in and with which scopes: the record pane then
// tells the user their sign-in lacks the member API, instead of asking
// them to sign in when they just did.
func TestSessionSignedInWithoutMemberClient(t *testing.T) {
	const me = "0000-0002-1825-0097"
	scopes := []string{"openid", "/activities/update"}
	m := newPane(t, nil)
	m.setUser(m.cur(), &auth.Session{ORCID: me, Scopes: scopes, ClientID: "APP-X", AccessToken: "tok-1234567890"})
	s := m.Session()
	if s.Member != nil {
		t.Fatal("a member client without /read-limited")
	}
	if s.SignedIn != me || !slices.Equal(s.Scopes, scopes) || s.ClientID != "APP-X" {
		t.Errorf("session SignedIn %q Scopes %q ClientID %q, want %q %q APP-X", s.SignedIn, s.Scopes, s.ClientID, me, scopes)
	}
	if s.CanWrite(me, "/activities/update") {
		t.Error("CanWrite without a member client")
	}
	if s.ClientFor(me) != s.Client {
		t.Error("own record not read with the public client")
	}
	if s.Who != "signed in "+me+" (public API)" {
		t.Errorf("Who = %q", s.Who)
	}
}
