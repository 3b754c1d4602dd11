package tui

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// frameRate is the renderer's frame rate. Bubble Tea writes nothing, not
// even its terminal queries, before the renderer's first tick, so the first
// frame waits one whole frame interval after start-up: 16.7 ms at the
// default 60 frames a second, twice what the rest of the start costs. At
// Bubble Tea's ceiling of 120 it waits 8.3 ms. The renderer writes only
// when the view changed, so an idle screen still writes nothing.
const frameRate = 120

// hangupMsg says the terminal was closed (SIGHUP).
type hangupMsg struct{}

// Run starts the program on the terminal and blocks until the user quits or
// ctx is cancelled. NO_COLOR (any non-empty value) turns colour off.
//
// Run handles SIGHUP itself: when the terminal is closed the program quits
// as if the user had pressed q, so the terminal is restored (alternate
// screen and mouse reporting off) instead of the process dying with 129.
// Bubble Tea already does the same for SIGTERM and SIGINT.
func Run(ctx context.Context, opts Options) error {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	return run(ctx, opts, hup)
}

// run is Run with the hang-up signals coming from hup (tests send their own).
func run(ctx context.Context, opts Options, hup <-chan os.Signal) error {
	if os.Getenv("NO_COLOR") != "" {
		opts.NoColor = true
	}
	popts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithFPS(frameRate)}
	if opts.NoColor {
		// colorprofile honours only NO_COLOR values ParseBool accepts; say it
		// ourselves so "NO_COLOR=yes" works too.
		popts = append(popts, tea.WithColorProfile(colorprofile.Ascii))
	}
	popts = append(popts, opts.ProgramOptions...)
	app := New(opts)
	p := tea.NewProgram(app, popts...)
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-hup:
			p.Send(hangupMsg{})
		case <-done:
		}
	}()
	_, err := p.Run()
	app.env.Close()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil // cancelled from outside (signal): a normal end
	}
	return err
}
