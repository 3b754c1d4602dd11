package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// pasteID opens id the way a user does from anywhere: "/" and a paste.
func pasteID(a *App, id string) {
	drive(a, press("/"), tea.PasteMsg{Content: id})
}

// A revisit costs nothing: A, then B, then A again sends no request for A
// (record, its opened work, the search page); R reads A again, once.
func TestRevisitSendsNoRequest(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	a := faultApp(t, srv, 0)
	A, B := orcidtest.CarberryID, orcidtest.TanakaID
	recA := "/v3.0/" + A

	typeText(a, "carberry")
	drive(a, press("enter"))
	drive(a, press("enter")) // A from the results
	drive(a, press("]"))
	drive(a, press("enter")) // a work of A: the full works in bulk
	if !strings.Contains(screen(a), "Put-code") {
		t.Fatalf("work detail not shown:\n%s", screen(a))
	}
	pasteID(a, B)
	if string(a.record.ID()) != B {
		t.Fatalf("record %q, want B", a.record.ID())
	}

	srv.ResetRequests()
	pasteID(a, A)
	if string(a.record.ID()) != A || !strings.Contains(screen(a), "Josiah") {
		t.Fatalf("A not shown again:\n%s", screen(a))
	}
	if !strings.Contains(a.status, A+" from the cache, fetched just now") {
		t.Errorf("status %q does not say A came from the cache", a.status)
	}
	drive(a, press("]"))
	drive(a, press("enter"))
	if !strings.Contains(screen(a), "Put-code") {
		t.Fatalf("A's work detail not shown again:\n%s", screen(a))
	}
	drive(a, press("/"), press("up"), press("enter")) // the same search again
	if !strings.Contains(text(a.search.View()), A) {
		t.Fatalf("search not shown again:\n%s", text(a.search.View()))
	}
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("revisiting A sent %d requests: %+v", n, srv.Requests())
	}

	// R reads A again: one request, and the cached copy is replaced.
	drive(a, press("tab")) // to the record
	drive(a, press("esc")) // out of the work detail
	drive(a, press("R"))
	if n := srv.CountPath("/pub" + recA + "/record"); n != 1 {
		t.Errorf("R sent %d record requests for A, want 1: %+v", n, srv.Requests())
	}
	if a.status != "reloaded "+A {
		t.Errorf("status after R %q", a.status)
	}
	srv.ResetRequests()
	pasteID(a, B)
	pasteID(a, A)
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("after R, revisiting A sent %d requests", n)
	}
}

// Answers are kept per identity: what was read signed in is never served
// anonymously, and signing out drops it.
func TestCacheNeverCrossesIdentities(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	a := faultApp(t, srv, 0)
	anon := a.session
	A, B := orcidtest.CarberryID, orcidtest.TanakaID

	signed := *anon
	signed.Who, signed.SignedIn = "signed in "+A, orcid.ID(A)
	drive(a, common.SessionMsg{Session: &signed})
	pasteID(a, A)
	pasteID(a, B)
	if n, _ := a.cache.Size(); n == 0 {
		t.Fatal("nothing cached while signed in")
	}

	drive(a, common.SessionMsg{Session: anon}) // signed out
	for k := range cacheKeys(a) {
		if strings.Contains(k, "signed in") {
			t.Errorf("signed-in entry %q kept after signing out", k)
		}
	}
	srv.ResetRequests()
	pasteID(a, A)
	if n := srv.CountPath("/pub/v3.0/" + A); n != 1 {
		t.Errorf("A read anonymously after signing out: %d requests, want 1 (no signed-in copy)", n)
	}
}

// cacheKeys lists the cache's keys (the test looks inside).
func cacheKeys(a *App) map[string]bool {
	out := map[string]bool{}
	for _, k := range a.cache.Keys() {
		out[k] = true
	}
	return out
}
