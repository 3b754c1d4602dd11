//go:build linux

package tui

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/internal/ptytest"
)

// On a terminal the first frame arrives before Bubble Tea writes anything
// (its first flush turns on bracketed paste), and the terminal is put back
// when the program ends.
func TestPrepaintOnTerminalComesFirst(t *testing.T) {
	master, tty := ptytest.Open(t)
	ptytest.SetSize(t, tty, 80, 24)
	out := &lockedBuffer{}
	go func() { _, _ = io.Copy(out, master) }()

	opts := demoOptions()
	opts.ProgramOptions = []tea.ProgramOption{tea.WithInput(strings.NewReader("")), tea.WithOutput(tty)}
	hup := make(chan os.Signal, 1)
	errc := make(chan error, 1)
	go func() { errc <- run(context.Background(), opts, hup, tty) }()

	const bubbleTeaFirst = "\x1b[?2004h" // bracketed paste, in Bubble Tea's first flush
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), bubbleTeaFirst) {
		if time.Now().After(deadline) {
			t.Fatalf("Bubble Tea drew nothing: %q", out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	hangUp(t, hup, errc)
	s := out.String()
	if !strings.HasPrefix(s, prepaintEnter) {
		t.Errorf("the output does not start with the pre-painted frame: %q", s[:min(len(s), 60)])
	}
	if i, j := strings.Index(s, "Search"), strings.Index(s, bubbleTeaFirst); i < 0 || i > j {
		t.Errorf("the search pane (at %d) did not come before Bubble Tea's first flush (at %d)", i, j)
	}
	time.Sleep(50 * time.Millisecond) // the last bytes through the pty
	if s := out.String(); !strings.Contains(s[strings.Index(s, bubbleTeaFirst):], "\x1b[?1049l") {
		t.Error("the alternate screen was not left at the end")
	}
}
