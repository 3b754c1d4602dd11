package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/config"
)

// secretCLI is runCLI's cli with stdin an *os.File (a pipe), as a real
// terminal or pipe would be, and the terminal decision given by terminal.
func secretCLI(t *testing.T, stdin *os.File, terminal bool) (*cli, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	var out, errOut bytes.Buffer
	c := newCLI(stdin, &out, &errOut, func(string) string { return "" })
	c.isTerminal = func() bool { return terminal }
	c.configDir = t.TempDir()
	c.openStore = func(*config.Config) (auth.Store, string, error) { return auth.NewMemoryStore(), "", nil }
	c.secrets = newFakeKeyring()
	return c, &out, &errOut
}

// pipeWith is a pipe whose read end holds text (then EOF when closeWrite).
func pipeWith(t *testing.T, text string, closeWrite bool) (r, w *os.File) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	if _, err := w.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if closeWrite {
		w.Close()
	}
	return r, w
}

// --client-secret - on a terminal asks on stderr and reads with echo off;
// from a pipe it reads the line as before, without a prompt. Not parallel:
// it replaces readNoEcho.
func TestClientSecretStdinTerminal(t *testing.T) {
	const secret = "0b8d2a47-typed-secret-value"
	args := []string{"--env", "sandbox", "--client-id", "APP-674MCQQR985VZZQ2", "--client-secret", "-", "config", "show"}
	for _, terminal := range []bool{true, false} {
		name := map[bool]string{true: "terminal", false: "pipe"}[terminal]
		t.Run(name, func(t *testing.T) {
			noEcho := 0
			old := readNoEcho
			readNoEcho = func(f *os.File) ([]byte, error) {
				noEcho++
				line, err := readLine(f)
				return []byte(line), err
			}
			defer func() { readNoEcho = old }()
			r, _ := pipeWith(t, secret+"\nrest\n", true)
			c, out, errOut := secretCLI(t, r, terminal)
			code := c.run(context.Background(), args)
			if code != exitOK || !strings.Contains(out.String(), "0b8d••••") {
				t.Fatalf("exit %d:\n%s%s", code, out, errOut)
			}
			prompted := strings.Contains(errOut.String(), "client secret: ")
			if terminal && (noEcho != 1 || !prompted) {
				t.Errorf("on a terminal: %d echo-off reads (want 1), prompt on stderr %v:\n%s", noEcho, prompted, errOut)
			}
			if !terminal && (noEcho != 0 || prompted) {
				t.Errorf("from a pipe: %d echo-off reads (want 0), prompt %v", noEcho, prompted)
			}
			if strings.Contains(out.String()+errOut.String(), secret) {
				t.Error("the secret was printed")
			}
		})
	}
}

// A secret file is read up to 64 KiB; a bigger one (or /dev/zero) is an
// error, exit 1 like an unreadable one, and not a crash.
func TestClientSecretFileLimits(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, bytes.Repeat([]byte("x"), maxSecretSize+1), 0o600); err != nil {
		t.Fatal(err)
	}
	atLimit := filepath.Join(dir, "at-limit")
	if err := os.WriteFile(atLimit, append(bytes.Repeat([]byte("y"), maxSecretSize-1), '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	unreadable := filepath.Join(dir, "unreadable")
	if err := os.WriteFile(unreadable, []byte("secret\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file string
		code       int
		want       string
	}{
		{"over 64 KiB", big, exitError, "larger than 64 KiB"},
		{"64 KiB", atLimit, exitOK, "yyyy••••"},
		{"directory", dir, exitError, "cannot read"},
		{"dev zero", "/dev/zero", exitError, "larger than 64 KiB"},
	}
	if os.Geteuid() != 0 { // root reads a 0o000 file all the same
		tests = append(tests, struct {
			name, file string
			code       int
			want       string
		}{"unreadable", unreadable, exitError, "permission denied"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := os.Stat(tt.file); err != nil {
				t.Skipf("%s: %v", tt.file, err)
			}
			r := runCLI(t, nil, "", "--env", "sandbox", "--client-id", "APP-674MCQQR985VZZQ2", "--client-secret-file", tt.file, "config", "show")
			if r.code != tt.code || !strings.Contains(r.stdout+r.stderr, tt.want) {
				t.Errorf("exit %d (want %d); output lacks %q:\n%s%s", r.code, tt.code, tt.want, r.stdout, r.stderr)
			}
		})
	}
}

// A stdin line longer than 64 KiB is refused, not kept growing.
func TestClientSecretStdinTooLong(t *testing.T) {
	r := runCLI(t, nil, strings.Repeat("z", maxSecretSize+10)+"\n", "--env", "sandbox", "--client-id", "APP-674MCQQR985VZZQ2", "--client-secret", "-", "config", "show")
	if r.code != exitError || !strings.Contains(r.stderr, "longer than 64 KiB") {
		t.Errorf("exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// Reading the secret from stdin gives up when the program is told to stop:
// a pipe nobody writes to must not outlive SIGTERM. The context is done
// before the read starts; without the fix the read blocks for ever.
func TestClientSecretStdinCancelled(t *testing.T) {
	old := readNoEcho
	readNoEcho = func(f *os.File) ([]byte, error) { // a terminal nobody types at
		line, err := readLine(f)
		return []byte(line), err
	}
	defer func() { readNoEcho = old }()
	for _, terminal := range []bool{false, true} {
		r, _ := pipeWith(t, "", false) // open, silent writer
		c, out, errOut := secretCLI(t, r, terminal)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		code := c.run(ctx, []string{"--env", "sandbox", "--client-id", "APP-674MCQQR985VZZQ2", "--client-secret", "-", "config", "show"})
		if code != exitError || !strings.Contains(errOut.String(), "interrupted") {
			t.Errorf("terminal %v: exit %d:\n%s%s", terminal, code, out, errOut)
		}
	}
}
