package cli

import (
	"os"

	"github.com/charmbracelet/x/term"
)

// streamIsTerminal reports whether stream (stdin, stdout: an io.Reader or
// io.Writer) is a terminal. A character device is not enough (/dev/null is
// one): the terminal driver must answer, as term.IsTerminal asks it.
func streamIsTerminal(stream any) bool {
	f, ok := stream.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// readNoEcho reads one line from the terminal f with echo off, so a typed
// secret never shows on screen. A variable so tests can stand in for a
// terminal.
var readNoEcho = func(f *os.File) ([]byte, error) { return term.ReadPassword(f.Fd()) }
