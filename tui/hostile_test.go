package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/internal/termcheck"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// The hostile record (orcidtest.HostileID) holds escape sequences, C1
// controls, bidi controls, zero-width characters, 10,000-character strings,
// wide CJK and emoji and invalid UTF-8 in every field. These tests draw
// every screen that shows it and check that nothing reaches the terminal
// unescaped and that the layout holds.

// checkFrame asserts that frame, a whole screen of w×h, is safe and fits:
// no escape other than SGR styling, and with noColor no colour in those
// (only attributes such as bold and reverse, as NO_COLOR allows); no OSC,
// C0/C1 control, bidi control, zero-width character, BEL or invalid UTF-8;
// exactly h lines, none wider than w cells (wide CJK and emoji measured
// with ansi.StringWidth, as lipgloss lays them out).
func checkFrame(t *testing.T, what, frame string, w, h int, noColor bool) {
	t.Helper()
	if p := termcheck.Problem(frame, true); p != "" {
		t.Errorf("%s: %s", what, p)
	}
	if p := termcheck.Problem(ansi.Strip(frame), false); p != "" {
		t.Errorf("%s (styling stripped): %s", what, p)
	}
	if noColor {
		if sgr := colourSGR.FindString(frame); sgr != "" {
			t.Errorf("%s: colour %q drawn with NoColor", what, sgr)
		}
	}
	lines := strings.Split(frame, "\n")
	if len(lines) != h {
		t.Errorf("%s: %d lines, want %d:\n%s", what, len(lines), h, ansi.Strip(frame))
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("%s: line %d is %d cells wide, more than %d:\n%s", what, i+1, lw, w, ansi.Strip(l))
		}
	}
}

// colourSGR matches an SGR sequence that sets a colour (30–39, 40–49,
// 90–97, 100–107, or 38/48/58 extended).
var colourSGR = regexp.MustCompile(`\x1b\[(?:[0-9:]*;)*(?:3[0-9]|4[0-9]|9[0-7]|10[0-7]|58)(?:[;:][0-9;:]*)?m`)

// checkPart asserts a pane's own view is safe (no layout assertion: the
// frame check covers it).
func checkPart(t *testing.T, what, view string) {
	t.Helper()
	if p := termcheck.Problem(view, true); p != "" {
		t.Errorf("%s: %s", what, p)
	}
}

// hkey is press with the named keys this walk needs.
func hkey(s string) tea.KeyPressMsg {
	switch s {
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+d":
		return tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	}
	return press(s)
}

func TestHostileScreens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		for _, noColor := range []bool{true, false} {
			w, h := size[0], size[1]
			if !noColor && w < 160 {
				continue // colours once, at the larger size (quick under -race)
			}
			name := fmt.Sprintf("%dx%d", w, h)
			if !noColor {
				name += "_colour"
			}
			t.Run(name, func(t *testing.T) { hostileWalk(t, w, h, noColor) })
		}
	}
}

func hostileWalk(t *testing.T, w, h int, noColor bool) {
	opts := demoOptions()
	opts.NoColor = noColor
	a := New(opts)
	drive(a, tea.WindowSizeMsg{Width: w, Height: h})
	screen := func(what string) string {
		t.Helper()
		frame := a.Render()
		checkFrame(t, what, frame, w, h, noColor)
		checkPart(t, what+": status bar", a.statusBar(w))
		if v := a.View(); termcheck.Problem(v.WindowTitle, false) != "" {
			t.Errorf("%s: window title %q", what, v.WindowTitle)
		}
		return ansi.Strip(frame)
	}

	// Search results with the hostile person among others.
	typeText(a, "family-name:hostile OR family-name:carberry")
	drive(a, press("enter"))
	s := screen("search results")
	checkPart(t, "search pane", a.search.View())
	if !strings.Contains(s, orcidtest.HostileID) || !strings.Contains(s, orcidtest.CarberryID) {
		t.Fatalf("search results lack the hostile person or Carberry:\n%s", s)
	}

	// Only the hostile person; open the record.
	drive(a, press("/"))
	for range len("family-name:hostile OR family-name:carberry") {
		a.Update(hkey("backspace"))
	}
	typeText(a, "family-name:hostile")
	drive(a, press("enter"))
	if s := screen("search one hit"); !strings.Contains(s, "1 found") {
		t.Fatalf("the second search did not find just the hostile person:\n%s", s)
	}
	drive(a, press("enter"))
	if a.record.ID() != orcidtest.HostileID {
		t.Fatalf("record %q open, want the hostile one:\n%s", a.record.ID(), ansi.Strip(a.Render()))
	}
	s = screen("record: person")
	checkPart(t, "record pane", a.record.View())
	if !strings.Contains(s, "Hostile") {
		t.Errorf("the person tab does not show the name:\n%s", s)
	}

	// Every tab, then back to Works.
	for i := 1; i < 13; i++ {
		drive(a, press("]"))
		screen(fmt.Sprintf("record: tab %d", i))
		checkPart(t, "record pane", a.record.View())
	}
	for i := 1; i < 13; i++ {
		drive(a, press("["))
	}
	drive(a, press("]"))
	s = screen("record: works")
	if !strings.Contains(s, "Clear the screen") {
		t.Errorf("works tab lacks the first title:\n%s", s)
	}

	// Each work's detail, scrolled to the end, and its raw bodies.
	for i := 0; i < 4; i++ {
		drive(a, press("enter"))
		screen(fmt.Sprintf("work %d detail", i))
		drive(a, press("G"))
		screen(fmt.Sprintf("work %d detail, end", i))
		drive(a, press("r"))
		screen(fmt.Sprintf("work %d raw JSON", i))
		drive(a, press("x"))
		screen(fmt.Sprintf("work %d raw XML", i))
		drive(a, press("x"), press("esc"), press("esc"), press("j"))
	}

	// The record's raw JSON and XML: top, scrolled right (inside wide
	// characters and escapes), bottom; and a search inside.
	drive(a, press("["))
	drive(a, press("r"))
	s = screen("raw JSON")
	if !strings.Contains(s, "JSON") {
		t.Errorf("not the raw view:\n%s", s)
	}
	for _, f := range []string{"JSON", "XML"} {
		// Jump to hostile lines (a name, the long title) and scroll right
		// through escapes, wide characters and combining marks.
		for _, q := range []string{"Hostile", "overflow", "研究"} {
			drive(a, press("f"))
			typeText(a, q)
			drive(a, press("enter"), press("n"))
			before := screen(fmt.Sprintf("raw %s, search %q", f, q))
			for i := 0; i < 8; i++ {
				drive(a, hkey("right"))
				if s := screen(fmt.Sprintf("raw %s, search %q, right ×%d", f, q, i+1)); i == 0 && s == before {
					t.Errorf("raw %s: → did not scroll", f)
				}
			}
			for i := 0; i < 8; i++ {
				drive(a, hkey("left"))
			}
		}
		for _, k := range []string{"G", "g", "ctrl+d", "ctrl+d", "ctrl+u"} {
			drive(a, hkey(k))
			screen(fmt.Sprintf("raw %s after %s", f, k))
		}
		drive(a, press("x"))
	}

	// The environment pane and the help over the hostile record.
	drive(a, press("E"))
	screen("env pane")
	checkPart(t, "env pane", a.env.View())
	drive(a, press("?"))
	screen("help")
}
