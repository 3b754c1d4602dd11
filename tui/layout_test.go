package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// resultRows counts the search pane's result rows on screen.
func resultRows(a *App) int {
	n := 0
	for _, l := range strings.Split(text(a.search.View()), "\n") {
		if strings.Contains(l, "0009-") || strings.Contains(l, "0000-") {
			n++
		}
	}
	return n
}

// At 80x24 the focused pane gets the room: the results take the screen
// while no record is open, and keep three rows under an open record.
func TestLayout80x24GivesTheRoomToTheFocusedPane(t *testing.T) {
	a := demoApp(t, 80, 24)
	searchFor(a, "carberry")
	if n := resultRows(a); n < 10 {
		t.Errorf("no record open: %d result rows, want at least 10:\n%s", n, screen(a))
	}
	drive(a, press("enter"))
	if n := resultRows(a); n < 3 {
		t.Errorf("record open: %d result rows, want at least 3:\n%s", n, screen(a))
	}
	if strings.Count(text(a.record.View()), "\n") < strings.Count(text(a.search.View()), "\n") {
		t.Errorf("the focused record pane is smaller than the search pane:\n%s", screen(a))
	}
	drive(a, press("shift+tab"))
	if n := resultRows(a); n < 5 {
		t.Errorf("search focused over a record: %d result rows:\n%s", n, screen(a))
	}
}

// ctrl+d and ctrl+u move half of the visible rows, in the results and in
// the record's lists.
func TestHalfPageKeys(t *testing.T) {
	ctrl := func(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl} }
	a := demoApp(t, 80, 24)
	searchFor(a, "carberry")
	vis := resultRows(a)
	drive(a, ctrl('d'))
	if got, want := a.search.Cursor(), vis/2; got != want {
		t.Errorf("results: ctrl+d moved to row %d, want %d (half of %d)", got, want, vis)
	}
	drive(a, ctrl('u'))
	if got := a.search.Cursor(); got != 0 {
		t.Errorf("results: ctrl+u moved to row %d, want 0", got)
	}

	a = demoApp(t, 80, 24)
	drive(a, press("/"), tea.PasteMsg{Content: orcidtest.BigRecordID})
	drive(a, press("]"))
	body := a.record.BodyHeight()
	drive(a, ctrl('d'))
	if !strings.Contains(text(a.record.View()), itoa(body/2+1)+" of 2,223") {
		t.Errorf("works: ctrl+d with %d rows visible did not move to row %d:\n%s", body, body/2+1, text(a.record.View()))
	}
}

// The DOI the first screen offers as an example finds its work's author in
// --demo.
func TestFirstScreenExampleDOIFindsItsWorkInDemo(t *testing.T) {
	a := demoApp(t, 80, 24)
	var doi string
	for _, l := range strings.Split(screen(a), "\n") {
		if f := strings.Fields(strings.Trim(l, "┃│ ")); len(f) == 1 && strings.HasPrefix(f[0], "10.") {
			doi = f[0]
		}
	}
	if doi == "" {
		t.Fatalf("no example DOI on the first screen:\n%s", screen(a))
	}
	searchFor(a, doi)
	if !strings.Contains(text(a.search.View()), orcidtest.CarberryID) {
		t.Errorf("the example DOI %s finds nothing in the demo:\n%s", doi, text(a.search.View()))
	}
}

// The Person tab scrolls like the works list and says where it is.
func TestPersonTabScrollsWithPosition(t *testing.T) {
	a := demoApp(t, 80, 24)
	searchFor(a, "carberry")
	drive(a, press("enter"))
	s := text(a.record.View())
	if !strings.Contains(s, "lines 1–") || !strings.Contains(s, " of ") {
		t.Fatalf("no position on the Person tab:\n%s", s)
	}
	for range 30 {
		drive(a, press("j"))
	}
	s = text(a.record.View())
	if strings.Contains(s, "lines 1–") || strings.Contains(s, "ORCID iD ") {
		t.Errorf("the Person tab did not scroll:\n%s", s)
	}
}

// The environment pane, opened over the others at a narrow width, closes
// with esc back to where the user was; at 120 columns focusing it does not
// move the other panes.
func TestEnvPaneEscAndNoReflow(t *testing.T) {
	a := demoApp(t, 80, 24)
	searchFor(a, "carberry")
	drive(a, press("enter"))
	drive(a, press("E"))
	if !strings.Contains(screen(a), "Environment") || strings.Contains(screen(a), "Search ") {
		t.Fatalf("E at 80 columns does not cover the others:\n%s", screen(a))
	}
	drive(a, press("esc"))
	if a.Focused() != common.PaneRecord || !strings.Contains(screen(a), "Josiah") {
		t.Errorf("esc: focus %v, want the record again:\n%s", a.Focused(), screen(a))
	}

	a = demoApp(t, 120, 40)
	searchFor(a, "carberry")
	drive(a, press("enter"))
	before := map[common.PaneID]rect{}
	for id, r := range a.rects {
		before[id] = r
	}
	drive(a, press("E"))
	for _, id := range []common.PaneID{common.PaneSearch, common.PaneEnv} {
		if a.rects[id] != before[id] {
			t.Errorf("focusing the environment pane moved %v from %+v to %+v", id, before[id], a.rects[id])
		}
	}
	if a.rects[common.PaneRecord].w != before[common.PaneRecord].w || a.rects[common.PaneRecord].x != before[common.PaneRecord].x {
		t.Errorf("focusing the environment pane changed the record's column: %+v -> %+v", before[common.PaneRecord], a.rects[common.PaneRecord])
	}
}
