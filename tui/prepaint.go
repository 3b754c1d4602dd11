package tui

import (
	"bytes"
	"io"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
)

// Bubble Tea writes nothing before its renderer's first tick, one frame
// interval after the program starts (16.7 ms at its default 60 frames a
// second):
// longer than everything else between exec and the first frame that is not
// also paid by --help. So Run paints the first frame itself, before Bubble
// Tea starts: the same View Bubble Tea renders, at the terminal's size, on
// the alternate screen, with colours reduced to what the terminal shows.
// Bubble Tea's first flush then enters the alternate screen (already
// there: terminals ignore a second 1049h), erases it and draws the same
// frame in one write, so the user sees the frame 8 ms earlier and no flash.

// Sequences of the pre-painted frame.
const (
	prepaintEnter = ansi.SetModeAltScreenSaveCursor + ansi.HideCursor + ansi.CursorHomePosition + ansi.EraseEntireScreen
	// prepaintLeave undoes prepaintEnter when Bubble Tea ended before it
	// drew anything (it then restores nothing it did not set up itself).
	prepaintLeave = ansi.ResetModeAltScreenSaveCursor + ansi.ShowCursor
)

// prepaintFrame is the first frame of app at w×h as bytes for a terminal
// showing profile's colours: the alternate screen, the cursor hidden, and
// the view's lines from the top left, at most h of them, with no newline
// after the last (which would scroll the screen by one line). It sizes app
// as Bubble Tea's first WindowSizeMsg will.
func prepaintFrame(app *App, w, h int, profile colorprofile.Profile) []byte {
	app.Update(tea.WindowSizeMsg{Width: w, Height: h})
	lines := strings.Split(app.View().Content, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	var out bytes.Buffer
	out.WriteString(prepaintEnter)
	cw := &colorprofile.Writer{Forward: &out, Profile: profile}
	// \r\n: the terminal is not in raw mode yet, but ONLCR may be off.
	_, _ = io.WriteString(cw, strings.Join(lines, ansi.ResetStyle+"\r\n"))
	out.WriteString(ansi.ResetStyle)
	return out.Bytes()
}

// prepaint writes app's first frame to tty when it is a terminal whose size
// is known, and says whether it did. environ decides the colour profile as
// it does for Bubble Tea (colorprofile.Detect on the same output), unless
// noColor.
func prepaint(tty *os.File, app *App, environ []string, noColor bool) bool {
	if tty == nil || !term.IsTerminal(tty.Fd()) {
		return false
	}
	w, h, err := term.GetSize(tty.Fd())
	if err != nil || w <= 0 || h <= 0 {
		return false
	}
	profile := colorprofile.Ascii
	if !noColor {
		profile = colorprofile.Detect(tty, environ)
	}
	_, err = tty.Write(prepaintFrame(app, w, h, profile))
	return err == nil
}
