package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// TestNewcomerRun is issue 10's walk through the real program: a query
// typed on the first screen, "/" and a new query, an iD pasted after "/"
// on the Works tab, B → A → B → A with no request for the revisits, and R
// with one.
func TestNewcomerRun(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	opts := Options{
		Environments:  []Env{{Environment: srv.Environment(), ClientID: orcidtest.DemoClientID, ClientSecret: orcidtest.DemoClientSecret}},
		Theme:         "dark",
		PublicOptions: []orcid.Option{orcid.WithHTTPClient(srv.HTTPClient()), orcid.WithRateLimit(1000, 1000)},
		OpenBrowser:   func(string) error { return nil },
	}
	tm := teatest.NewTestModel(t, New(opts),
		teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	out := tm.Output()
	wait := func(what string, cond func(string) bool) {
		t.Helper()
		teatest.WaitFor(t, out, func(b []byte) bool { return cond(ansi.Strip(string(b))) },
			teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	has := func(s ...string) func(string) bool {
		return func(screen string) bool {
			for _, x := range s {
				if !strings.Contains(screen, x) {
					return false
				}
			}
			return true
		}
	}
	A, B := orcidtest.CarberryID, orcidtest.TanakaID

	// The first screen: "/" first (the key the help names), then a query.
	wait("start", has("Type a name"))
	tm.Type("/carberry")
	tm.Send(press("enter"))
	wait("results", has("found", A))
	// "/" and a new query: the box starts empty.
	tm.Type("/tanaka")
	tm.Send(press("enter"))
	wait("second results", has("found", "Tanaka"))
	// B by its iD, its Works tab, then "/" and A's iD pasted: A opens.
	tm.Type("/")
	tm.Send(tea.PasteMsg{Content: B})
	wait("B", has("Works", B))
	tm.Type("]")
	wait("works tab", has("sorted by"))
	tm.Type("/")
	tm.Send(tea.PasteMsg{Content: "https://orcid.org/" + A})
	wait("A", has("Josiah", "Published as"))
	// B again, then A again: no request for A.
	tm.Type("/")
	tm.Send(tea.PasteMsg{Content: B})
	// The screen is drawn as changes, with cursor moves for unchanged
	// cells: wait for words without spaces that only the new screen has,
	// so the next step starts after it was drawn.
	wait("B again", has("花子"))
	srv.ResetRequests()
	tm.Type("/")
	tm.Send(tea.PasteMsg{Content: A})
	wait("A again", has("Josiah"))
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("revisiting A sent %d requests: %+v", n, srv.Requests())
	}
	// R reads it again, once.
	tm.Type("R")
	wait("reloaded", has("reloaded"))
	if n := srv.CountPath("/pub/v3.0/" + A + "/record"); n != 1 {
		t.Errorf("R sent %d record requests, want 1", n)
	}
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
