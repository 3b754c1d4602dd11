package cli

import (
	"io"
	"os"

	"github.com/charmbracelet/x/term"
)

// writerIsTerminal reports whether w is a terminal. A character device is
// not enough (/dev/null is one): the terminal driver must answer, as
// term.IsTerminal asks it.
func writerIsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// readNoEcho reads one line from the terminal f with echo off, so a typed
// secret never shows on screen. A variable so tests can stand in for a
// terminal.
var readNoEcho = func(f *os.File) ([]byte, error) { return term.ReadPassword(f.Fd()) }
