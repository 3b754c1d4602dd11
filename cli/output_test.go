package cli

import (
	"bytes"
	"context"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/config"
)

// failingWriter fails every write with err.
type failingWriter struct{ err error }

func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }

// TestOutputFailureFailsTheCommand: a script must not believe it got the
// put-code line or the hits when stdout could not take them.
func TestOutputFailureFailsTheCommand(t *testing.T) {
	for _, tt := range []struct {
		name    string
		err     error
		message string
	}{
		{"full disk", syscall.ENOSPC, "could not write the output: no space left on device"},
		{"reader gone", syscall.EPIPE, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var errOut bytes.Buffer
			c := newCLI(strings.NewReader(""), failingWriter{tt.err}, &errOut, func(string) string { return "" })
			c.isTerminal = func() bool { return false }
			c.configDir = t.TempDir()
			c.openStore = func(*config.Config) (auth.Store, string, error) { return auth.NewMemoryStore(), "", nil }
			c.secrets = newFakeKeyring()
			code := c.run(context.Background(), []string{"--demo", "search", "--rows", "2", "carberry"})
			if code != exitError {
				t.Errorf("exit %d, want 1", code)
			}
			if tt.message == "" && strings.Contains(errOut.String(), "could not write") {
				t.Errorf("a closed pipe is reported: %q", errOut.String())
			}
			if tt.message != "" && !strings.Contains(errOut.String(), tt.message) {
				t.Errorf("stderr %q lacks %q", errOut.String(), tt.message)
			}
		})
	}
}

func TestDevNullIsNotATerminal(t *testing.T) {
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	if isTerminal(f) || isTerminal(&checkedWriter{w: f}) {
		t.Error("/dev/null counts as a terminal")
	}
}
