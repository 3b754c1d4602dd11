package tui

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// approveAsCarberry is the browser of the sign-in: it approves the demo
// registry's consent page as Josiah Carberry and follows the redirect to
// the program's loopback listener.
func approveAsCarberry(t *testing.T, authURL string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	loc, err := orcidtest.Consent(ctx, authURL, "authorize", orcidtest.CarberryID)
	if err != nil {
		t.Error(err)
		return
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, loc, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return
	}
	resp.Body.Close()
}

// TestWriteFlow runs the program against the registry: sign in with
// /activities/update /read-limited through the (scripted) browser, open
// the signed-in record, add a work with the form, edit its title, delete
// it. Each write is sent once and each is confirmed by a re-read.
func TestWriteFlow(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	opts := Options{
		Environments: []Env{{Environment: srv.Environment(), ClientID: orcidtest.DemoClientID, ClientSecret: orcidtest.DemoClientSecret,
			Scopes: []string{auth.ScopeOpenID, auth.ScopeReadLimited, auth.ScopeActivitiesUpdate}}},
		Theme:         "dark",
		HTTPClient:    srv.HTTPClient(),
		PublicOptions: []orcid.Option{orcid.WithHTTPClient(srv.HTTPClient()), orcid.WithRateLimit(1000, 1000)},
		MemberOptions: []orcid.Option{orcid.WithHTTPClient(srv.HTTPClient()), orcid.WithRateLimit(1000, 1000)},
		OpenBrowser: func(u string) error {
			go approveAsCarberry(t, u)
			return nil
		},
	}
	tm := teatest.NewTestModel(t, New(opts),
		teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	t.Cleanup(func() {
		if t.Failed() {
			for _, r := range srv.Requests() {
				t.Logf("%s %s %d", r.Method, r.Path, r.Status)
			}
		}
	})
	out := tm.Output()
	// seen is everything drawn so far: a wait may start after the text
	// it looks for was drawn. Each step waits for words no earlier step
	// drew, short and unlike what was at their place before: the renderer
	// skips cells that did not change ("work " of "work added" stays when
	// "work deleted" replaces it).
	seen := ""
	wait := func(s ...string) {
		t.Helper()
		teatest.WaitFor(t, out, func(b []byte) bool {
			screen := seen + ansi.Strip(string(b))
			for _, x := range s {
				if !strings.Contains(screen, x) {
					return false
				}
			}
			seen = screen
			return true
		}, teatest.WithDuration(45*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	waitRaw := func(s string) {
		t.Helper()
		teatest.WaitFor(t, out, func(b []byte) bool {
			if strings.Contains(string(b), s) {
				seen += ansi.Strip(string(b))
				return true
			}
			return false
		}, teatest.WithDuration(45*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	ctrl := func(r rune) { tm.Send(tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl}) }
	tab := func(n int) {
		for range n {
			tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
		}
	}

	wait("Search")
	tm.Send(press("esc"))
	tm.Type("E")
	tm.Type("l")
	wait("/activities/update")
	tm.Send(press("enter"))
	wait("done: signed in as")
	tm.Send(press("esc"))

	tm.Type("/")
	tm.Type(orcidtest.CarberryID)
	tm.Send(press("enter"))
	wait("Published as")
	tm.Type("]")
	wait("sorted by", "a add")

	tm.Type("a")
	wait("Add a work")
	tm.Type("Teatest ceramics")
	tab(1)
	// huh moves the focus in a command of its own: type once the
	// identifier's placeholder shows the cursor.
	waitRaw("\x1b[7me\x1b[m.g. 10.5555")
	tm.Type("https://doi.org/10.5555/TEATEST-1")
	ctrl('s')
	wait("added,")

	tm.Type("f")
	tm.Type("teatest")
	tm.Send(press("enter"))
	wait("✎ Teatest ceramics")
	tm.Type("e")
	wait("Edit work")
	ctrl('u')
	tm.Type("Teatest porcelain")
	ctrl('s')
	// The renamed work still matches the filter.
	wait("updated,", "porcelain")

	tm.Type("d")
	wait("delete work")
	tm.Type("y")
	wait("deleted,")

	tm.Send(press("esc"))
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(20*time.Second))

	count := func(method, part string) int {
		n := 0
		for _, r := range srv.Requests() {
			if r.Method == method && strings.Contains(r.Path, part) {
				n++
			}
		}
		return n
	}
	if p, u, d := count(http.MethodPost, "/work"), count(http.MethodPut, "/work/"), count(http.MethodDelete, "/work/"); p != 1 || u != 1 || d != 1 {
		t.Errorf("%d POSTs, %d PUTs, %d DELETEs; want one each", p, u, d)
	}
	if n := count(http.MethodGet, "/api/v3.0/"+orcidtest.CarberryID+"/record"); n != 4 {
		t.Errorf("%d member record reads, want 4 (open, and a re-read after each write)", n)
	}
}
