//go:build linux

package cli

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"testing"
	"unicode/utf8"

	"golang.org/x/sys/unix"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/config"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// openPTY opens a pseudo-terminal: what is written to tty is read from
// master. Output post-processing is off, so bytes arrive as written.
func openPTY(t *testing.T) (master, tty *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	fd := int(m.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		m.Close()
		t.Skipf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		m.Close()
		t.Skipf("ptsname: %v", err)
	}
	s, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skipf("open pts: %v", err)
	}
	if tio, err := unix.IoctlGetTermios(int(s.Fd()), unix.TCGETS); err == nil {
		tio.Oflag &^= unix.OPOST
		_ = unix.IoctlSetTermios(int(s.Fd()), unix.TCSETS, tio)
	}
	t.Cleanup(func() { s.Close(); m.Close() })
	return m, s
}

// TestHostileRawOnTerminal: on a terminal, --raw (and --raw --pretty)
// shows the body with escapes, controls, invisible characters and invalid
// UTF-8 removed or replaced, and every other byte as sent.
func TestHostileRawOnTerminal(t *testing.T) {
	for _, tc := range []struct {
		format string
		pretty bool
	}{{"json", false}, {"xml", false}, {"json", true}, {"xml", true}} {
		name := tc.format
		if tc.pretty {
			name += " pretty"
		}
		t.Run(name, func(t *testing.T) {
			master, tty := openPTY(t)
			got := make(chan []byte, 1)
			go func() {
				var b bytes.Buffer
				buf := make([]byte, 64<<10)
				for {
					n, err := master.Read(buf)
					b.Write(buf[:n])
					if err != nil {
						break
					}
				}
				got <- b.Bytes()
			}()
			var errOut bytes.Buffer
			c := newCLI(bytes.NewReader(nil), tty, &errOut, func(string) string { return "" })
			c.isTerminal = func() bool { return false }
			c.configDir = t.TempDir()
			c.openStore = func(*config.Config) (auth.Store, string, error) { return auth.NewMemoryStore(), "", nil }
			args := []string{"--demo", "show", "--raw", "--format", tc.format}
			if tc.pretty {
				args = append(args, "--pretty")
			}
			code := c.run(context.Background(), append(args, orcidtest.HostileID))
			tty.Close() // the reader sees EOF (EIO) once everything is read
			out := <-got
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			assertTerminalSafe(t, "raw on a terminal", string(out))
			if !utf8.Valid(out) {
				t.Fatal("invalid UTF-8 reached the terminal")
			}

			// The same command piped gives the body as sent; the terminal
			// shows exactly that, cleaned.
			r := runCLI(t, nil, "", append(args, orcidtest.HostileID)...)
			want := hostPort.ReplaceAllString(rawCleanOf([]byte(r.stdout)), "HOST")
			if hostPort.ReplaceAllString(string(out), "HOST") != want {
				t.Errorf("terminal output is not the cleaned body (%d vs %d bytes)", len(out), len(want))
			}
		})
	}
}
