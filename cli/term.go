package cli

import (
	"os"

	"github.com/charmbracelet/x/term"
)

// readNoEcho reads one line from the terminal f with echo off, so a typed
// secret never shows on screen. A variable so tests can stand in for a
// terminal.
var readNoEcho = func(f *os.File) ([]byte, error) { return term.ReadPassword(f.Fd()) }
