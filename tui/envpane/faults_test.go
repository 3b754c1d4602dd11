package envpane

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// TestSignInWithUnknownKeyFails: the registry signs the id_token with a key
// it does not publish. The flow fails at the id_token step with plain words,
// nobody is signed in, and the flow works again once the registry does.
func TestSignInWithUnknownKeyFails(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	_ = srv.SetFault(orcidtest.Fault{Name: orcidtest.FaultBadKey})

	signIn := func(m *Model) (*common.Session, []common.ErrorMsg) {
		started, cmd := startFlow(t, m)
		redirect := authorize(t, srv, started.flow.URL())
		m.Update(press("p"))
		m.Update(tea.PasteMsg{Content: redirect})
		m.Update(press("enter"))
		var session *common.Session
		var errs []common.ErrorMsg
		queue := run(cmd)
		for len(queue) > 0 {
			msg := queue[0]
			queue = queue[1:]
			switch x := msg.(type) {
			case common.SessionMsg:
				session = x.Session
				continue
			case common.ErrorMsg:
				errs = append(errs, x)
				continue
			}
			queue = append(queue, run(m.Update(msg))...)
		}
		return session, errs
	}

	m := newPane(t, srv)
	m.Focus()
	m.SetSize(70, 40)
	session, errs := signIn(m)
	if session != nil && session.SignedIn != "" {
		t.Fatalf("signed in with an untrusted id_token: %+v", session)
	}
	if len(errs) != 1 {
		t.Fatalf("errors reported: %+v", errs)
	}
	short, _ := common.Describe(errs[0].Err)
	const want = "id_token is not signed with a key the registry publishes"
	if !strings.Contains(short, want) {
		t.Fatalf("status words %q lack %q", short, want)
	}
	out := ansi.Strip(m.View())
	if !strings.Contains(out, "id_token is not signed") || strings.Contains(out, "id_token verified") || strings.Contains(out, "signed in as") {
		t.Fatalf("pane does not show the failure at the id_token step:\n%s", out)
	}

	// The registry fixed: signing in works.
	srv.ClearFaults()
	m2 := newPane(t, srv)
	m2.Focus()
	m2.SetSize(70, 40)
	if session, errs := signIn(m2); session == nil || session.SignedIn != orcidtest.CarberryID || len(errs) != 0 {
		t.Fatalf("after recovery: session %+v errors %+v", session, errs)
	}
}
