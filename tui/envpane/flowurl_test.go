package envpane

import (
	"strings"
	"testing"

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
	m.Update(press("l"))
	var started flowStartedMsg
	for _, msg := range run(m.Update(press("enter"))) {
		if s, ok := msg.(flowStartedMsg); ok {
			started = s
		}
	}
	if started.err != nil || started.flow == nil {
		t.Fatalf("flow: %+v", started)
	}
	defer started.flow.Cancel()
	cmd := m.Update(started)
	for i := 0; i < 10 && !strings.Contains(ansi.Strip(m.View()), "paste the redirected URL"); i++ {
		msgs := run(cmd)
		if len(msgs) == 0 {
			break
		}
		cmd = m.Update(msgs[0])
	}
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
