package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
)

// globals are the global flags. They are persistent flags of the root
// command, so they work before and after the command name.
type globals struct {
	env          string
	registryURL  string
	pubURL       string
	apiURL       string
	clientID     string
	clientSecret string
	redirectURI  string
	scopes       string // login's --scopes, fed to config with the globals
	configPath   string
	demo         bool
	version      bool
	// demoFaults switches faults on in the demo registry (--demo-faults);
	// requestTimeout is how long an API request may go without a byte
	// (hidden --request-timeout).
	demoFaults     string
	requestTimeout time.Duration

	// set records which flags were given on the command line (flags win
	// over environment variables and the config file, even when empty).
	set map[string]bool

	// clientSecretFile names a file holding the secret (--client-secret-file),
	// which keeps it out of ps and the shell's history, as "-" does for
	// --client-secret (read from stdin).
	clientSecretFile string
}

// register defines the global flags on fs.
func (g *globals) register(fs *pflag.FlagSet) {
	fs.StringVar(&g.env, "env", "", "environment")
	fs.StringVar(&g.registryURL, "registry-url", "", "registry base URL")
	fs.StringVar(&g.pubURL, "pub-url", "", "public API base URL")
	fs.StringVar(&g.apiURL, "api-url", "", "member API base URL")
	fs.StringVar(&g.clientID, "client-id", "", "client id")
	fs.StringVar(&g.clientSecret, "client-secret", "", "client secret (- reads it from stdin)")
	fs.StringVar(&g.clientSecretFile, "client-secret-file", "", "file holding the client secret")
	fs.StringVar(&g.redirectURI, "redirect-uri", "", "registered loopback redirect URI")
	fs.StringVar(&g.configPath, "config", "", "config file")
	fs.BoolVar(&g.demo, "demo", false, "in-process demo registry")
	fs.BoolVar(&g.version, "version", false, "print the version")
	fs.StringVar(&g.demoFaults, "demo-faults", "", "faults of the demo registry")
	fs.DurationVar(&g.requestTimeout, "request-timeout", 0, "how long an API request may go without a byte")
	_ = fs.MarkHidden("request-timeout")
}

// parsed runs once the command line is parsed, before any command: it
// records which flags were given and answers --version.
func (g *globals) parsed(c *cli, cmd *cobra.Command) error {
	g.set = changedFlags(cmd)
	if g.version {
		fmt.Fprintf(c.stdout, "orcid-tui %s\n", version)
		return errHelp
	}
	return g.readClientSecret(cmd.Context(), c, usageOf(cmd))
}

// maxSecretSize bounds what is read for a client secret (ORCID's are 36
// characters): a wrong file such as /dev/zero must not fill memory.
const maxSecretSize = 64 << 10

// readClientSecret reads the client secret from --client-secret-file, or
// from stdin for --client-secret -, so that it never appears in ps or the
// shell's history. Surrounding blank space (the file's final newline) is
// dropped; an empty secret is refused. A read that waits (a FIFO, a
// terminal, a pipe nobody writes to) gives up when ctx ends (Ctrl-C,
// SIGTERM).
func (g *globals) readClientSecret(ctx context.Context, c *cli, usage string) error {
	switch {
	case g.set["client-secret-file"] && g.set["client-secret"]:
		return usagef(usage, "give --client-secret or --client-secret-file, not both")
	case g.set["client-secret-file"]:
		secret, err := readSecretFile(ctx, g.clientSecretFile)
		if err != nil {
			return err
		}
		g.clientSecret = secret
		g.set["client-secret"] = true
	case g.set["client-secret"] && g.clientSecret == "-":
		line, err := c.readSecretLine(ctx)
		if errors.Is(err, errSecretTooLong) {
			return userErrorf("--client-secret -: the line on stdin is longer than 64 KiB; a client secret is one short line")
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		g.clientSecret = strings.TrimSpace(line)
		if g.clientSecret == "" {
			if err == nil || errors.Is(err, io.EOF) {
				return usagef(usage, "--client-secret -: no client secret on stdin")
			}
			return userErrorf("--client-secret -: reading stdin: %v", err)
		}
	}
	return nil
}

var errSecretTooLong = errors.New("longer than 64 KiB")

// readSecretFile reads a --client-secret-file. Problems with the file are
// errors (exit 1), as for add --file: the flag itself was right.
func readSecretFile(ctx context.Context, name string) (string, error) {
	quoted := sanitize.Line(name)
	// Opening a FIFO waits for a writer, so the open is cancellable too.
	b, err := readCancellable(ctx, func() ([]byte, error) {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return io.ReadAll(io.LimitReader(f, maxSecretSize+1))
	})
	switch {
	case ctx.Err() != nil:
		return "", ctx.Err()
	case err != nil:
		return "", userErrorf("--client-secret-file: cannot read %s: %s", quoted, sanitize.Line(openProblem(err)))
	case len(b) > maxSecretSize:
		return "", userErrorf("--client-secret-file %s is larger than 64 KiB: it should hold only the client secret, on one line", quoted)
	}
	secret := strings.TrimSpace(string(b))
	if secret == "" {
		return "", userErrorf("--client-secret-file %s is empty", quoted)
	}
	return secret, nil
}

// openProblem is err without the path os already named.
func openProblem(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// readSecretLine reads the secret for --client-secret -. On a terminal it
// asks on stderr and reads with echo off: the secret must not show on
// screen (nor in the scrollback). Elsewhere (a pipe, a file) it reads one
// line, leaving the rest of stdin unread.
func (c *cli) readSecretLine(ctx context.Context) (string, error) {
	f, isFile := c.stdin.(*os.File)
	if isFile && c.isTerminal() {
		fmt.Fprint(c.stderr, "client secret: ")
		read := readNoEcho // taken here: the read may outlive this call
		b, err := readCancellable(ctx, func() ([]byte, error) { return read(f) })
		fmt.Fprintln(c.stderr) // the Enter typed was not echoed
		if len(b) > maxSecretSize {
			return "", errSecretTooLong
		}
		return string(b), err
	}
	b, err := readCancellable(ctx, func() ([]byte, error) {
		line, err := readLine(c.stdin)
		return []byte(line), err
	})
	return string(b), err
}

// readCancellable runs read and returns its result, or ctx's error as soon
// as ctx ends: a blocked read (a FIFO nobody opens for writing, a silent
// terminal) must not outlive Ctrl-C or SIGTERM. The read is left behind;
// the process is ending.
func readCancellable(ctx context.Context, read func() ([]byte, error)) ([]byte, error) {
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := read()
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		return r.b, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// readLine reads one line a byte at a time: whatever follows it on stdin
// (the addresses login --no-browser reads) stays unread. A line longer
// than maxSecretSize is errSecretTooLong.
func readLine(r io.Reader) (string, error) {
	var b []byte
	one := make([]byte, 1)
	for len(b) <= maxSecretSize {
		n, err := r.Read(one)
		if n == 1 {
			if one[0] == '\n' {
				return string(b), nil
			}
			b = append(b, one[0])
		}
		if err != nil {
			return string(b), err
		}
	}
	return "", errSecretTooLong
}

// changedFlags names the flags given on cmd's command line, global ones
// included.
func changedFlags(cmd *cobra.Command) map[string]bool {
	set := map[string]bool{}
	cmd.Flags().Visit(func(f *pflag.Flag) { set[f.Name] = true })
	return set
}

// checkNonNegative checks a count flag with a clear message.
func checkNonNegative(usage, name string, v int) error {
	if v < 0 {
		return usagef(usage, "--%s must be 0 or more, not %d", name, v)
	}
	return nil
}

// oneOf checks an enumerated flag value.
func oneOf(usage, name, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return usagef(usage, "--%s must be one of %s, not %q", name, strings.Join(allowed, ", "), v)
}
