package cli

import (
	"fmt"
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
	// requestTimeout bounds each API request (hidden --request-timeout).
	demoFaults     string
	requestTimeout time.Duration

	// set records which flags were given on the command line (flags win
	// over environment variables and the config file, even when empty).
	set map[string]bool
}

// register defines the global flags on fs.
func (g *globals) register(fs *pflag.FlagSet) {
	fs.StringVar(&g.env, "env", "", "environment")
	fs.StringVar(&g.registryURL, "registry-url", "", "registry base URL")
	fs.StringVar(&g.pubURL, "pub-url", "", "public API base URL")
	fs.StringVar(&g.apiURL, "api-url", "", "member API base URL")
	fs.StringVar(&g.clientID, "client-id", "", "client id")
	fs.StringVar(&g.clientSecret, "client-secret", "", "client secret")
	fs.StringVar(&g.redirectURI, "redirect-uri", "", "registered loopback redirect URI")
	fs.StringVar(&g.configPath, "config", "", "config file")
	fs.BoolVar(&g.demo, "demo", false, "in-process demo registry")
	fs.BoolVar(&g.version, "version", false, "print the version")
	fs.StringVar(&g.demoFaults, "demo-faults", "", "faults of the demo registry")
	fs.DurationVar(&g.requestTimeout, "request-timeout", 0, "bound on each API request")
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
	return nil
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
