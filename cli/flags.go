package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
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
	return g.readClientSecret(c, usageOf(cmd))
}

// readClientSecret reads the client secret from --client-secret-file, or
// from stdin for --client-secret -, so that it never appears in ps or the
// shell's history. Surrounding blank space (the file's final newline) is
// dropped; an empty secret is refused.
func (g *globals) readClientSecret(c *cli, usage string) error {
	switch {
	case g.set["client-secret-file"] && g.set["client-secret"]:
		return usagef(usage, "give --client-secret or --client-secret-file, not both")
	case g.set["client-secret-file"]:
		b, err := os.ReadFile(g.clientSecretFile)
		if err != nil {
			return usagef(usage, "--client-secret-file: %v", err)
		}
		g.clientSecret = strings.TrimSpace(string(b))
		if g.clientSecret == "" {
			return usagef(usage, "--client-secret-file %s is empty", g.clientSecretFile)
		}
		g.set["client-secret"] = true
	case g.set["client-secret"] && g.clientSecret == "-":
		line, err := readLine(c.stdin)
		g.clientSecret = strings.TrimSpace(line)
		if g.clientSecret == "" {
			if err == nil || errors.Is(err, io.EOF) {
				return usagef(usage, "--client-secret -: no client secret on stdin")
			}
			return usagef(usage, "--client-secret -: %v", err)
		}
	}
	return nil
}

// readLine reads one line a byte at a time: whatever follows it on stdin
// (the addresses login --no-browser reads) stays unread.
func readLine(r io.Reader) (string, error) {
	var b []byte
	one := make([]byte, 1)
	for len(b) < 64<<10 {
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
	return string(b), nil
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
