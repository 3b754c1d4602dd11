package tui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// TestNewcomerRun is issue 10's walk through the real program: a query
// typed on the first screen, "/" and a new query, an iD pasted after "/"
// on the Works tab, B → A → B → A with no request for the revisits, and R
// with one.
func TestNewcomerRun(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	tm, wait, has := teaProgram(t, srv, 80, 24)
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
	// Words only B's screen draws, so the next step starts after it was
	// drawn (frames can merge).
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
	tm.WaitFinished(t, teatest.WithFinalTimeout(20*time.Second))
}
