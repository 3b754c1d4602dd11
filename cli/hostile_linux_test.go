//go:build linux

package cli

import (
	"bytes"
	"context"
	"testing"
	"unicode/utf8"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/config"
	"github.com/orcid-tui/orcid-tui/internal/ptytest"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

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
			master, tty := ptytest.Open(t)
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
