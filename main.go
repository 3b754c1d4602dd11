// Command orcid-tui is a terminal explorer for the ORCID registry.
//
// Without a subcommand it starts the interactive program; the subcommands
// (search, show, config, login, token, logout) are meant for scripts: plain
// text on stdout, one plain line on stderr when something fails, and exit
// codes 0 (success), 1 (error) and 2 (bad usage).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/config"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// version is set at build time: go build -ldflags "-X main.version=v1.2.3".
var version = "dev"

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first Ctrl-C cancels the work, a second one kills.
		<-ctx.Done()
		stop()
	}()
	defer func() {
		// The user gets one line, not a stack dump. Tests call run, which
		// does not recover, so bugs still show there in full.
		if r := recover(); r != nil {
			fmt.Fprintf(os.Stderr, "orcid-tui: internal error (%v) — please report it with the command you ran\n", r)
			os.Exit(exitError)
		}
	}()
	code := newCLI(os.Stdin, os.Stdout, os.Stderr, os.Getenv).run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// cli carries the program's streams and environment; tests build one with
// their own stdin.
type cli struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// isTerminal reports whether stdin is an interactive terminal; the TUI
	// and prompts need one.
	isTerminal func() bool
	// startDemo starts the in-process registry for --demo; tests share one.
	startDemo func(context.Context) (*demo, error)
	// configDir replaces the user config directory (tests).
	configDir string
	// openStore opens the token store for login, token and logout, and for
	// show (only when a client id is configured; see memberClientFor).
	openStore func(cfg *config.Config) (auth.Store, string, error)
	// secrets is where client secrets are kept (the OS keyring; tests give
	// a map); keyringBudget bounds all of one start's lookups together (0:
	// auth.DefaultKeyringTimeout). See fillKeyringSecrets.
	secrets       secretKeyring
	keyringBudget time.Duration
	// clientOptions are added to every API client's options (tests: short
	// retry back-off).
	clientOptions []orcid.Option
}

func newCLI(stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) *cli {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	return &cli{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv,
		isTerminal: stdinIsTerminal, startDemo: startDemo, openStore: openStore,
		secrets: auth.NewKeyringStore()}
}

func stdinIsTerminal() bool {
	fi, err := os.Stdin.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// usageError is bad usage: wrong flags, missing or extra arguments. It is
// reported with a short usage line and exit code 2.
type usageError struct {
	msg   string
	usage string // the usage line of the command concerned
}

func (e *usageError) Error() string { return e.msg }

func usagef(usage, format string, a ...any) error {
	return &usageError{msg: fmt.Sprintf(format, a...), usage: usage}
}

// errHelp: --help or --version was asked for and printed; exit 0.
var errHelp = errors.New("help shown")

// command is one subcommand.
type command struct {
	name    string
	usage   string // one line: "search [--rows N] ... QUERY..."
	summary string // one short sentence for the command list
	run     func(c *cli, ctx context.Context, g *globals, args []string) error
}

func commands() []*command {
	return []*command{
		searchCommand(),
		showCommand(),
		configCommand(),
		loginCommand(),
		tokenCommand(),
		logoutCommand(),
		versionCommand(),
		helpCommand(),
	}
}

func findCommand(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func (c *cli) run(ctx context.Context, args []string) int {
	g := &globals{}
	fs := c.newFlagSet("orcid-tui", mainUsage, mainHelp, g)
	rest, err := fs.parse(args, false)
	if err != nil {
		return c.finish(ctx, err, mainUsage)
	}
	if len(rest) == 0 {
		return c.finish(ctx, c.runTUI(ctx, g), mainUsage)
	}
	cmd := findCommand(rest[0])
	if cmd == nil {
		return c.finish(ctx, usagef(mainUsage, "unknown command %q (commands: search, show, config, login, token, logout, version, help)", rest[0]), mainUsage)
	}
	return c.finish(ctx, cmd.run(c, ctx, g, rest[1:]), "orcid-tui "+cmd.usage)
}

// warn prints a warning that does not stop the command.
func (c *cli) warn(msg string) {
	fmt.Fprintf(c.stderr, "orcid-tui: warning: %s\n", sanitize.Line(msg))
}

// finish turns a command's error into output and an exit code.
func (c *cli) finish(ctx context.Context, err error, usage string) int {
	if err == nil || errors.Is(err, errHelp) {
		return exitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(c.stderr, "orcid-tui: %s\n", ue.msg)
		if ue.usage != "" {
			usage = ue.usage
		}
		fmt.Fprintf(c.stderr, "usage: %s\n", usage)
		fmt.Fprintln(c.stderr, "run 'orcid-tui help' for more")
		return exitUsage
	}
	var cfgErrs config.Errors
	if errors.As(err, &cfgErrs) {
		// An invalid config: one line per problem, each naming the file,
		// line and key (or the flag or variable).
		for _, e := range cfgErrs {
			fmt.Fprintf(c.stderr, "orcid-tui: %s\n", sanitize.Line(e.Error()))
		}
		return exitError
	}
	fmt.Fprintf(c.stderr, "orcid-tui: %s\n", describeError(ctx, err))
	return exitError
}

const mainUsage = "orcid-tui [global flags] [command [flags] [args]]"

const mainHelp = `orcid-tui — explore the ORCID registry in the terminal or from scripts

usage: orcid-tui [global flags] [command [flags] [args]]

Without a command the interactive program starts.

commands:
  search [--rows N] [--start N] [--output text|json] QUERY...
        search people (expanded search); text: one line per hit,
        iD<TAB>name<TAB>institutions, the total on stderr
  show [--section NAME] [--raw [--pretty] [--format json|xml]] [--full-works] ID
        a readable summary of a record or of one section; --raw prints the
        body exactly as ORCID sent it
  config path | config show
        where the config file is; the effective configuration (secrets masked)
  login [--scopes LIST] [--no-browser] [--timeout DURATION]
        sign in through ORCID in the browser (OAuth 2.0 / OpenID Connect)
  token     what the saved token is for (masked)
  logout    revoke the saved token and forget it
  version   print the version
  help [COMMAND]

global flags (before the command; also accepted after it):
  --env NAME            production, sandbox, local, demo or a configured name
                        ($ORCID_ENV; default: the config file's
                        default_environment, else production)
  --registry-url URL    registry (OAuth) base URL      ($ORCID_REGISTRY_URL)
  --pub-url URL         public API base URL, no /v3.0  ($ORCID_PUB_URL)
  --api-url URL         member API base URL, no /v3.0  ($ORCID_API_URL)
                        giving URLs selects a custom environment: all three,
                        or one alone when one server serves all three
  --client-id ID        OAuth client id                ($ORCID_CLIENT_ID)
  --client-secret S     OAuth client secret            ($ORCID_CLIENT_SECRET)
  --redirect-uri URI    registered loopback redirect URI, for login
                        ($ORCID_REDIRECT_URI; default http://127.0.0.1:8765/callback)
  --config PATH         config file ($ORCID_TUI_CONFIG; default
                        $XDG_CONFIG_HOME/orcid-tui/config.toml)
  --demo                same as --env demo: an offline registry inside the program
  --demo-faults LIST    make the demo registry misbehave ($ORCID_DEMO_FAULTS):
                        comma-separated NAME[:ARG][@PATH] of slow (slow:10s),
                        reset, truncated, html200, html500, storm (storm:30s or
                        storm:20 requests), quota, revoke, merged
                        (merged:ID), badkey; e.g. --demo --demo-faults slow,html500.
                        While it runs, <demo registry>/_faults?set=LIST,
                        ?add=LIST and ?clear= switch them (the URL is in
                        the environment pane)
  --version             print the version
  --help                this help

Flags win over environment variables, which win over the config file, which
wins over the built-in defaults. See 'orcid-tui config show'.

exit status:
  0  success
  1  an error: one line on stderr says what failed and what to do (this
     includes input that is not valid, such as a malformed ORCID iD, a record
     that does not exist or was merged into another)
  2  bad usage: unknown command or flag, missing or extra arguments
`

func helpCommand() *command {
	return &command{
		name:    "help",
		usage:   "help [COMMAND]",
		summary: "show help",
		run: func(c *cli, ctx context.Context, g *globals, args []string) error {
			if len(args) == 0 {
				fmt.Fprint(c.stdout, mainHelp)
				return nil
			}
			if len(args) > 1 {
				return usagef("orcid-tui help [COMMAND]", "help takes at most one command")
			}
			cmd := findCommand(args[0])
			if cmd == nil {
				return usagef("orcid-tui help [COMMAND]", "unknown command %q", args[0])
			}
			// Each command prints its own help for --help.
			return cmd.run(c, ctx, g, []string{"--help"})
		},
	}
}

func versionCommand() *command {
	return &command{
		name:    "version",
		usage:   "version",
		summary: "print the version",
		run: func(c *cli, ctx context.Context, g *globals, args []string) error {
			fs := c.newFlagSet("version", "orcid-tui version", "usage: orcid-tui version\n\nprint the version\n", g)
			rest, err := fs.parse(args, true)
			if err != nil {
				return err
			}
			if len(rest) > 0 {
				return usagef("orcid-tui version", "version takes no arguments")
			}
			fmt.Fprintf(c.stdout, "orcid-tui %s\n", version)
			return nil
		},
	}
}
