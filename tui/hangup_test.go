package tui

import (
	"bytes"
	"context"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// lockedBuffer is the program's output, read while the program writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A closed terminal (SIGHUP) ends the program the way q does: Run returns
// without error and the terminal is put back (alternate screen and mouse
// reporting switched off).
func TestHangupRestoresTerminal(t *testing.T) {
	opts := demoOptions()
	out := &lockedBuffer{}
	opts.ProgramOptions = []tea.ProgramOption{tea.WithInput(strings.NewReader("")), tea.WithOutput(out),
		tea.WithWindowSize(80, 24)}
	hup := make(chan os.Signal, 1)
	errc := make(chan error, 1)
	go func() { errc <- run(context.Background(), opts, hup, nil) }()
	// Wait for the first frame: the alternate screen is on.
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "\x1b[?1049h") {
		if time.Now().After(deadline) {
			t.Fatalf("no first frame: %q", out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	hangUp(t, hup, errc)
	s := out.String()
	for _, seq := range []string{"\x1b[?1049l", "\x1b[?1002l"} {
		if !strings.Contains(s, seq) {
			t.Errorf("terminal not restored: output lacks %q", seq)
		}
	}
}

// hangUp closes the program's terminal (SIGHUP on hup) and waits for run's
// result on errc, which must be nil: the end q gives.
func hangUp(t *testing.T, hup chan<- os.Signal, errc <-chan error) {
	t.Helper()
	hup <- syscall.SIGHUP
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("run after SIGHUP: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("SIGHUP did not end the program")
	}
}
