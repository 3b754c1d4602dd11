package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/tui/common"
)

// at is the screen cell (x, y) where s is first drawn, or -1, -1.
func at(a *App, s string) (int, int) {
	for y, l := range strings.Split(asciiScreen(a), "\n") {
		if i := strings.Index(l, s); i >= 0 {
			return ansi.StringWidth(l[:i]), y
		}
	}
	return -1, -1
}

func leftClick(x, y int) tea.MouseClickMsg {
	return tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft}
}

// A click reaches the pane under the pointer in the pane's own coordinates,
// measured on the layout that was clicked: clicking the record pane while
// the search pane has the focus (and so is taller) still hits the tab or
// row drawn under the pointer, though focusing the record moves it up.
func TestClickRoutesToRecordPane(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		a := New(demoOptions())
		drive(a, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		typeText(a, "carberry")
		drive(a, press("enter"))
		drive(a, press("enter"))
		if a.record.ID() == "" {
			t.Fatalf("%v: no record open", size)
		}
		drive(a, press("tab"), press("tab")) // back to the search pane
		if a.Focused() != common.PaneSearch {
			t.Fatalf("%v: focus %v", size, a.Focused())
		}
		x, y := at(a, "Works 13")
		if x < 0 {
			t.Fatalf("%v: no works tab on screen:\n%s", size, asciiScreen(a))
		}
		drive(a, leftClick(x+2, y))
		if a.Focused() != common.PaneRecord {
			t.Fatalf("%v: click on the record: focus %v", size, a.Focused())
		}
		if !strings.Contains(asciiScreen(a), "1 of 13") {
			t.Fatalf("%v: click on Works did not switch:\n%s", size, asciiScreen(a))
		}
		// A row: the work drawn under the pointer gets the cursor.
		drive(a, press("shift+tab")) // search again: the record pane moves down
		title := "La psicocer"
		x, y = at(a, title)
		if x < 0 {
			t.Fatalf("%v: no %q on screen:\n%s", size, title, asciiScreen(a))
		}
		drive(a, leftClick(x, y))
		sel := recordSelected(a)
		if !strings.Contains(sel, title) {
			t.Fatalf("%v: clicked %q, selected %q\n%s", size, title, sel, asciiScreen(a))
		}
		// Clicked again where it is now (the focused record pane is
		// taller): the work opens.
		x, y = at(a, title)
		drive(a, leftClick(x, y))
		if !strings.Contains(asciiScreen(a), "esc back to the list") {
			t.Fatalf("%v: second click did not open the work:\n%s", size, asciiScreen(a))
		}
		// The end of the list, scrolled in the smaller pane: focusing the
		// pane makes it taller and scrolls the list back, after the click
		// picked the row.
		drive(a, press("esc"), press("G"), press("shift+tab"))
		title = "Toward a Unified"
		x, y = at(a, title)
		if x < 0 {
			t.Fatalf("%v: no %q on screen:\n%s", size, title, asciiScreen(a))
		}
		drive(a, leftClick(x, y))
		if sel := recordSelected(a); !strings.Contains(sel, title) {
			t.Fatalf("%v: clicked %q, selected %q\n%s", size, title, sel, asciiScreen(a))
		}
	}
}

// C copies the curl command through the root: OSC 52 and the status line.
func TestCopyCurlStatus(t *testing.T) {
	a := New(demoOptions())
	drive(a, tea.WindowSizeMsg{Width: 120, Height: 40})
	typeText(a, "carberry")
	drive(a, press("enter"))
	drive(a, press("enter"))
	cmd := send(a, press("C"))
	if cmd == nil {
		t.Fatal("C returned no command")
	}
	msg := cmd()
	cp, ok := msg.(common.CopyMsg)
	if !ok || !strings.HasPrefix(cp.Text, "curl -H 'Accept: application/vnd.orcid+json' 'http://orcid.test/pub/v3.0/") {
		t.Fatalf("C gave %#v", msg)
	}
	if send(a, cp) == nil {
		t.Fatal("no clipboard command")
	}
	if !strings.Contains(asciiScreen(a), "copied curl command") {
		t.Fatalf("status line:\n%s", asciiScreen(a))
	}
}

// recordSelected is the record pane's line with the cursor marker.
func recordSelected(a *App) string {
	for _, l := range strings.Split(text(a.record.View()), "\n") {
		if strings.Contains(l, "▸") {
			return l
		}
	}
	return ""
}

// A click on a result selects it; a click on the selected result opens it.
func TestClickSelectedResultOpensIt(t *testing.T) {
	a := demoApp(t, 80, 24)
	searchFor(a, "carberry")
	const second = "0009-0008-0002-0294"
	x, y := at(a, second)
	drive(a, leftClick(x, y))
	if a.record.ID() != "" || !strings.Contains(selectedLine(a), second) {
		t.Fatalf("first click: record %q open, selected %q", a.record.ID(), selectedLine(a))
	}
	x, y = at(a, second)
	drive(a, leftClick(x, y))
	if a.record.ID() != second {
		t.Fatalf("click on the selected result opened %q:\n%s", a.record.ID(), asciiScreen(a))
	}
}
