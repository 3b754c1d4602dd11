package tui

import (
	"context"
	"errors"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// Run starts the program on the terminal and blocks until the user quits or
// ctx is cancelled. NO_COLOR (any non-empty value) turns colour off.
func Run(ctx context.Context, opts Options) error {
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
	_, err := tea.NewProgram(app, popts...).Run()
	app.env.Close()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil // cancelled from outside (signal): a normal end
	}
	return err
}
