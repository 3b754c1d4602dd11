package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// hang runs cmd in the background, as Bubble Tea would, and waits until
// its request is under way at the server.
func hang(t *testing.T, a *App, cmd tea.Cmd) chan []tea.Msg {
	t.Helper()
	done := make(chan []tea.Msg, 1)
	go func() { done <- runCmd(cmd) }()
	deadline := time.Now().Add(10 * time.Second)
	for a.session.Client.Stats().InFlight == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the request never started")
		}
		time.Sleep(time.Millisecond)
	}
	return done
}

// ended waits for a hung command to return. The server holds it for a
// minute, so it returning at all shows esc cancelled the request.
func ended(t *testing.T, done chan []tea.Msg) []tea.Msg {
	t.Helper()
	select {
	case msgs := <-done:
		return msgs
	case <-time.After(30 * time.Second):
		t.Fatal("the request was not cancelled")
		return nil
	}
}

// esc cancels what is loading even when there is nothing to go back to:
// the first record, the first page of a search, a batch of full works.
func TestEscCancelsLoading(t *testing.T) {
	slow := orcidtest.Fault{Name: orcidtest.FaultSlow, Delay: time.Minute}

	t.Run("first record", func(t *testing.T) {
		srv := orcidtest.NewServer()
		defer srv.Close()
		defer srv.ClearFaults()
		a := faultApp(t, srv, 0)
		_ = srv.SetFault(slow)
		_, cmd := a.Update(common.OpenRecordMsg{ID: orcidtest.CarberryID})
		done := hang(t, a, cmd)
		drive(a, press("esc"))
		ended(t, done) // its answer is stale: not driven
		if a.status != "cancelled" {
			t.Errorf("status %q, want cancelled", a.status)
		}
		if s := text(a.record.View()); !strings.Contains(strings.ToLower(s), "cancelled") || strings.Contains(s, "Loading") {
			t.Errorf("record pane does not say cancelled:\n%s", s)
		}
		srv.ClearFaults()
		drive(a, press("R"))
		if !strings.Contains(text(a.record.View()), "Josiah") {
			t.Errorf("R after cancel did not load the record:\n%s", text(a.record.View()))
		}
	})

	t.Run("search", func(t *testing.T) {
		srv := orcidtest.NewServer()
		defer srv.Close()
		defer srv.ClearFaults()
		a := faultApp(t, srv, 0)
		_ = srv.SetFault(slow)
		typeText(a, "carberry")
		_, cmd := a.Update(press("enter"))
		done := hang(t, a, cmd)
		drive(a, press("esc"))
		ended(t, done)
		if a.status != "cancelled" {
			t.Errorf("status %q, want cancelled", a.status)
		}
		if s := text(a.search.View()); !strings.Contains(s, "Search for “carberry” cancelled") || strings.Contains(s, "0 found") {
			t.Errorf("search pane does not say cancelled:\n%s", s)
		}
		srv.ClearFaults()
		if a.search.InputFocused() || a.search.Input() != "carberry" {
			// Not in the box: "/" must still start a new search.
			t.Fatalf("box %q focused %v: want the query kept, the box not focused", a.search.Input(), a.search.InputFocused())
		}
		drive(a, press("enter"))
		if !strings.Contains(text(a.search.View()), orcidtest.CarberryID) {
			t.Errorf("enter after cancel did not search:\n%s", text(a.search.View()))
		}
	})

	t.Run("full works", func(t *testing.T) {
		srv := orcidtest.NewServer()
		defer srv.Close()
		defer srv.ClearFaults()
		a := faultApp(t, srv, 0)
		drive(a, common.OpenRecordMsg{ID: orcidtest.CarberryID})
		drive(a, press("]"))
		_ = srv.SetFault(slow)
		_, cmd := a.Update(press("enter"))
		done := hang(t, a, cmd)
		drive(a, press("esc"))
		ended(t, done)
		if a.status != "cancelled" {
			t.Errorf("status %q, want cancelled", a.status)
		}
		if s := text(a.record.View()); !strings.Contains(s, "cancelled") || !strings.Contains(s, "enter tries again") {
			t.Errorf("work detail does not say cancelled:\n%s", s)
		}
		srv.ClearFaults()
		drive(a, press("enter"))
		if s := text(a.record.View()); !strings.Contains(s, "Put-code") {
			t.Errorf("enter after cancel did not load the work:\n%s", s)
		}
	})
}
