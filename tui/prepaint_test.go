package tui

import (
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// The pre-painted frame is the view Bubble Tea will draw first, at the
// terminal's size: the alternate screen, the cursor hidden, every line of
// the view from the top left, and no newline after the last line (it
// would scroll the whole frame up by one).
func TestPrepaintFrameIsTheFirstView(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {200, 60}} {
		app := New(demoOptions())
		frame := string(prepaintFrame(app, size.w, size.h, colorprofile.Ascii))
		if app.w != size.w || app.h != size.h {
			t.Fatalf("%dx%d: the app was not sized: %dx%d", size.w, size.h, app.w, app.h)
		}
		body, ok := strings.CutPrefix(frame, prepaintEnter)
		if !ok {
			t.Fatalf("%dx%d: frame does not start on a cleared alternate screen: %q", size.w, size.h, frame[:min(len(frame), 40)])
		}
		if strings.HasSuffix(ansi.Strip(body), "\n") {
			t.Errorf("%dx%d: a newline after the last line scrolls the frame", size.w, size.h)
		}
		got := strings.Split(ansi.Strip(body), "\r\n")
		want := strings.Split(ansi.Strip(app.View().Content), "\n")
		if len(got) != size.h || len(want) != size.h {
			t.Fatalf("%dx%d: %d lines painted, the view has %d", size.w, size.h, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%dx%d line %d:\n got %q\nwant %q", size.w, size.h, i, got[i], want[i])
			}
		}
		if !strings.Contains(body, "Search") {
			t.Errorf("%dx%d: no search pane in the frame", size.w, size.h)
		}
	}
}

// A terminal smaller than the smallest layout gets the top of the frame,
// never more lines than it has (more would scroll).
func TestPrepaintFrameTinyTerminal(t *testing.T) {
	app := New(demoOptions())
	frame := string(prepaintFrame(app, 30, 3, colorprofile.Ascii))
	if n := strings.Count(frame, "\r\n"); n != 2 {
		t.Errorf("a 3-line terminal got %d line breaks, want 2", n)
	}
}

// Colours are reduced to what the terminal shows, as Bubble Tea does: none
// at all without colour, 256 colours on a 256-colour terminal.
func TestPrepaintFrameColours(t *testing.T) {
	opts := demoOptions()
	opts.NoColor = false
	colour := func(p colorprofile.Profile) string {
		return string(prepaintFrame(New(opts), 80, 24, p))
	}
	if s := colour(colorprofile.Ascii); strings.Contains(s, "\x1b[3") || strings.Contains(s, "\x1b[9") || strings.Contains(s, ";38;") {
		t.Errorf("colours painted on a terminal without colour: %q", s[:200])
	}
	if s := colour(colorprofile.ANSI256); strings.Contains(s, "38;2;") || !strings.Contains(s, "\x1b[") {
		t.Errorf("a 256-colour terminal got true colour or no style at all")
	}
}

// Nothing is painted on what is not a terminal (a pipe, a file, nothing).
func TestPrepaintOnlyOnATerminal(t *testing.T) {
	if prepaint(nil, New(demoOptions()), nil, true) {
		t.Error("painted on no output")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if prepaint(f, New(demoOptions()), nil, true) {
		t.Error("painted on a file")
	}
	if fi, _ := f.Stat(); fi.Size() != 0 {
		t.Errorf("%d bytes written to a file", fi.Size())
	}
}
