package envpane

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// At 80x24 the sign-in shows the authorize URL whole, wrapped (it may have
// to be copied into a browser by hand), with its state and nonce but
// nothing secret: the client secret is never in it nor anywhere on screen.
func TestSignInURLWholeAt80(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	m := newPane(t, srv)
	m.Focus()
	m.SetSize(80, 22) // the screen less its title and key lines
	started, _ := startFlow(t, m)
	defer started.flow.Cancel()
	u := started.flow.URL()
	for _, part := range []string{"state=", "nonce=", "redirect_uri="} {
		if !strings.Contains(u, part) {
			t.Fatalf("the authorize URL %q lacks %s", u, part)
		}
	}
	screen := ansi.Strip(m.View())
	var joined strings.Builder
	for _, l := range strings.Split(screen, "\n") {
		l = strings.Trim(l, "┃│ ")
		joined.WriteString(l)
	}
	if !strings.Contains(joined.String(), u) {
		t.Errorf("the authorize URL is not on screen whole:\n%s", screen)
	}
	for _, l := range strings.Split(screen, "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("line %d wide: %q", w, l)
		}
	}
	if strings.Contains(screen, orcidtest.DemoClientSecret) || strings.Contains(u, orcidtest.DemoClientSecret) {
		t.Errorf("the client secret is shown:\n%s", screen)
	}
}

// startFlow signs in from the pane's scopes with the preselected scopes and
// runs the flow's events until the authorize URL is drawn. The command it
// returns waits for the next event.
func startFlow(t *testing.T, m *Model) (flowStartedMsg, tea.Cmd) {
	t.Helper()
	m.Update(press("l"))
	if m.mode != modeScopes {
		t.Fatalf("mode %v", m.mode)
	}
	var started flowStartedMsg
	for _, msg := range run(m.Update(press("enter"))) {
		if s, ok := msg.(flowStartedMsg); ok {
			started = s
		}
	}
	if started.err != nil || started.flow == nil {
		t.Fatalf("flow: %+v", started)
	}
	cmd := m.Update(started)
	for !strings.Contains(ansi.Strip(m.View()), "Authorize URL") {
		msgs := run(cmd)
		if len(msgs) == 0 {
			t.Fatal("no more events")
		}
		cmd = m.Update(msgs[0])
	}
	return started, cmd
}
