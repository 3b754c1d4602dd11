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
	return run(ctx, opts, hup, os.Stdout)
}

// run is Run with the hang-up signals coming from hup (tests send their own)
// and the first frame painted on tty before Bubble Tea starts, when tty is a
// terminal (see prepaint).
func run(ctx context.Context, opts Options, hup <-chan os.Signal, tty *os.File) error {
	if os.Getenv("NO_COLOR") != "" {
		opts.NoColor = true
	}
	popts := []tea.ProgramOption{tea.WithContext(ctx)}
	if opts.NoColor {
		// colorprofile honours only NO_COLOR values ParseBool accepts; say it
		// ourselves so "NO_COLOR=yes" works too.
		popts = append(popts, tea.WithColorProfile(colorprofile.Ascii))
	}
	popts = append(popts, opts.ProgramOptions...)
	app := New(opts)
	p := tea.NewProgram(app, popts...)
	painted := prepaint(tty, app, os.Environ(), opts.NoColor)
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
	if painted && err != nil {
		// Bubble Tea may have failed before it took the screen over (no
		// TTY for input, say): leave the alternate screen the pre-painted
		// frame entered. Had it drawn, it left it already and this does
		// nothing.
		_, _ = tty.WriteString(prepaintLeave)
	}
	app.env.Close()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil // cancelled from outside (signal): a normal end
	}
	return err
}
