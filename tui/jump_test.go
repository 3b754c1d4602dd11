package tui

import (
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// G goes to the true last hit, loading the pages in between in ORCID's
// largest pages; a number then G goes to that hit.
func TestGoToLastAndToHitN(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	a := faultApp(t, srv, 0)
	typeText(a, "family-name:smith")
	drive(a, press("enter"))
	total := a.search.Total()
	if total < 3000 || a.search.Len() >= 3000 {
		t.Fatalf("%d hits, %d loaded: the test needs a long list", total, a.search.Len())
	}

	srv.ResetRequests()
	for _, k := range []string{"2", "5", "0", "0", "G"} {
		drive(a, press(k))
	}
	if got := a.search.Cursor(); got != 2499 {
		t.Fatalf("2500G: cursor on hit %d, want 2500", got+1)
	}
	if !strings.Contains(text(a.search.View()), "2,500 of "+commaCount(total)) {
		t.Errorf("no position 2,500:\n%s", text(a.search.View()))
	}
	if n := len(srv.Requests()); n > 3 {
		t.Errorf("2500G took %d requests, want at most 3 (pages of 1,000)", n)
	}

	srv.ResetRequests()
	drive(a, press("G"))
	want := int(min(total, 10000))
	if got := a.search.Cursor(); got != want-1 {
		t.Fatalf("G: cursor on hit %d, want %d", got+1, want)
	}
	if n, most := len(srv.Requests()), (want-2500)/1000+2; n > most {
		t.Errorf("G took %d requests, want at most %d", n, most)
	}
	drive(a, press("g"))
	if a.search.Cursor() != 0 {
		t.Errorf("g: cursor %d", a.search.Cursor())
	}

	// While the pages load, the note line says how far it got; esc stops.
	drive(a, press("/"))
	typeText(a, "family-name:smith OR family-name:jones")
	drive(a, press("enter"))
	a.Update(press("G")) // its request is not run: under way
	if s := text(a.search.View()); !strings.Contains(s, "loading to hit") || !strings.Contains(s, "esc stops") {
		t.Errorf("no progress while G loads:\n%s", s)
	}
	drive(a, press("esc"))
	if s := text(a.search.View()); strings.Contains(s, "loading to hit") || a.search.Loading() {
		t.Errorf("esc did not stop G:\n%s", s)
	}
}

func commaCount(n int64) string {
	s := itoa(int(n))
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
