package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
)

// globals are the global flags. They are registered on the top-level flag
// set and again on every subcommand's, so they work before and after the
// command name.
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

// flagSet is a flag.FlagSet that knows its command's usage line and help.
type flagSet struct {
	*flag.FlagSet
	g     *globals
	usage string // "orcid-tui search [--rows N] ... QUERY..."
	help  string // printed for --help
	out   io.Writer
}

func (c *cli) newFlagSet(name, usage, help string, g *globals) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.StringVar(&g.env, "env", g.env, "environment")
	fs.StringVar(&g.registryURL, "registry-url", g.registryURL, "registry base URL")
	fs.StringVar(&g.pubURL, "pub-url", g.pubURL, "public API base URL")
	fs.StringVar(&g.apiURL, "api-url", g.apiURL, "member API base URL")
	fs.StringVar(&g.clientID, "client-id", g.clientID, "client id")
	fs.StringVar(&g.clientSecret, "client-secret", g.clientSecret, "client secret")
	fs.StringVar(&g.redirectURI, "redirect-uri", g.redirectURI, "registered loopback redirect URI")
	fs.StringVar(&g.configPath, "config", g.configPath, "config file")
	fs.BoolVar(&g.demo, "demo", g.demo, "in-process demo registry")
	fs.BoolVar(&g.version, "version", g.version, "print the version")
	fs.StringVar(&g.demoFaults, "demo-faults", g.demoFaults, "faults of the demo registry")
	fs.DurationVar(&g.requestTimeout, "request-timeout", g.requestTimeout, "bound on each API request")
	return &flagSet{FlagSet: fs, g: g, usage: usage, help: help, out: c.stdout}
}

// parse parses args. With interspersed, flags may follow positional
// arguments (as in "search carberry --rows 5"); "--" ends flag parsing.
// Without it, parsing stops at the first positional argument (the command
// name). --help prints the help and returns errHelp; a bad flag returns a
// usageError.
func (f *flagSet) parse(args []string, interspersed bool) ([]string, error) {
	var pos []string
	for {
		err := f.FlagSet.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(f.out, f.help)
			return nil, errHelp
		}
		if err != nil {
			return nil, &usageError{msg: err.Error(), usage: f.usage}
		}
		rest := f.FlagSet.Args()
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		if len(rest) == 0 || !interspersed {
			pos = append(pos, rest...)
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	if f.g.set == nil {
		f.g.set = map[string]bool{}
	}
	f.FlagSet.Visit(func(fl *flag.Flag) { f.g.set[fl.Name] = true })
	if f.g.version {
		fmt.Fprintf(f.out, "orcid-tui %s\n", version)
		return nil, errHelp
	}
	return pos, nil
}

// intFlag parses a non-negative integer flag value with a clear message.
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
