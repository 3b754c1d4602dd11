package cli

import (
	"errors"
	"io"
	"os"
	"syscall"

	"github.com/charmbracelet/x/term"
)

// checkedWriter remembers the first error writing to stdout: a full disk
// or a closed pipe must end the command with exit 1, not let a script
// believe it got the put-code line it never received.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err != nil {
		c.err = err
	}
	return n, err
}

// outputError is the error to report for a failed write to stdout, nil
// when every write went through. A reader that went away (EPIPE: "| head")
// is not worth a message but still fails the command.
func outputError(w *checkedWriter) error {
	switch {
	case w.err == nil:
		return nil
	case errors.Is(w.err, syscall.EPIPE):
		return errQuietFailure
	}
	return userErrorf("could not write the output: %v", unwrapPathError(w.err))
}

// errQuietFailure fails the command (exit 1) without a message.
var errQuietFailure = errors.New("quiet failure")

// isTerminal reports whether w is a terminal (then raw bodies are stripped
// of control characters, and the TUI may start). /dev/null and other
// character devices are not terminals.
func isTerminal(w io.Writer) bool {
	if cw, ok := w.(*checkedWriter); ok {
		w = cw.w
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

func stdinIsTerminal() bool { return term.IsTerminal(os.Stdin.Fd()) }
