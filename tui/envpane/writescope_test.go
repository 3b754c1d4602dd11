package envpane

import (
	"slices"
	"testing"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// Ticking a write scope ticks /read-limited too: the record pane writes
// through the member client, which needs it, so a newcomer who ticks only
// /activities/update is not refused after signing in. Unticking it again
// is the user's choice and stays.
func TestWriteScopeTicksReadLimited(t *testing.T) {
	for _, write := range []string{auth.ScopeActivitiesUpdate, auth.ScopePersonUpdate} {
		srv := orcidtest.NewServer()
		m := newPane(t, srv)
		m.Focus()
		m.SetSize(80, 22)
		m.Update(press("l"))
		if m.mode != modeScopes {
			t.Fatalf("mode %v", m.mode)
		}
		e := m.cur()
		toggle := func(scope string) {
			t.Helper()
			m.scopeCursor = slices.Index(auth.SignInScopes, scope)
			m.Update(press("space"))
		}
		toggle(auth.ScopeReadLimited) // off: only openid left
		if slices.Contains(e.scopes, auth.ScopeReadLimited) {
			t.Fatalf("/read-limited not unticked: %v", e.scopes)
		}
		toggle(write)
		if !slices.Contains(e.scopes, write) || !slices.Contains(e.scopes, auth.ScopeReadLimited) {
			t.Errorf("ticking %s gave %v, want /read-limited too", write, e.scopes)
		}
		toggle(auth.ScopeReadLimited)
		if slices.Contains(e.scopes, auth.ScopeReadLimited) || !slices.Contains(e.scopes, write) {
			t.Errorf("unticking /read-limited after %s gave %v", write, e.scopes)
		}
		srv.Close()
	}
}
