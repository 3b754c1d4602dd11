// Package cli is orcid-tui's command line: the interactive program when no
// command is given, and the commands meant for scripts (search, show,
// config, login, token, logout, completion, version, help). Commands are
// cobra commands; what they print and how they fail is this package's own:
// plain text on stdout, one plain line on stderr when something fails, and
// exit codes 0 (success), 1 (a failure) and 2 (a value typed that can
// never work: bad usage, a malformed iD, a limit ORCID never allows).
package cli

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

// version is the program's version, given to Main by package main (set at
// build time there: go build -ldflags "-X main.version=v1.2.3").
var version = "dev"

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// Main runs the program with the process's arguments, streams and
// environment, and returns its exit code.
func Main(v string) int {
	if v != "" {
		version = v
	}
	// A closed terminal (SIGHUP) ends the program like Ctrl-C and SIGTERM
	// do: the work is cancelled and the TUI restores the terminal, instead
	// of Go's default of dying on the spot with the alternate screen and
	// mouse reporting left on.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
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
	return newCLI(os.Stdin, os.Stdout, os.Stderr, os.Getenv).run(ctx, os.Args[1:])
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
	// stderrTerminal, when set, replaces the check that stderr is a
	// terminal (progress lines are shown only there; tests).
	stderrTerminal func() bool
	// stdoutTerminal reports whether stdout is a terminal; nil asks
	// isTerminal(stdout) (tests stand in for a terminal).
	stdoutTerminal func() bool
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

// run parses args and runs the command they name (the interactive program
// when they name none), and returns the exit code.
func (c *cli) run(ctx context.Context, args []string) int {
	g := &globals{}
	out := &checkedWriter{w: c.stdout}
	c.stdout = out
	defer func() { c.stdout = out.w }()
	root := c.rootCommand(g)
	root.SetArgs(longFlags(root, args))
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		err = outputError(out)
	}
	usage := mainUsage
	if cmd != nil && cmd != root {
		usage = usageOf(cmd)
	}
	return c.finish(ctx, err, usage)
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
	if errors.Is(err, errQuietFailure) {
		return exitError
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(c.stderr, "orcid-tui: %s\n", sanitize.Line(ue.msg))
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
	if neverWorks(err) {
		return exitUsage
	}
	return exitError
}

// neverWorks: the error is about a value the user typed that no retry,
// sign-in or other server can make work (the rule --help states for exit
// status 2): a malformed ORCID iD, more rows than ORCID returns, a start
// past ORCID's anonymous limit.
func neverWorks(err error) bool {
	var idErr *orcid.IDError
	return errors.As(err, &idErr) || errors.Is(err, orcid.ErrAnonymousStartLimit) ||
		errors.Is(err, orcid.ErrTooManyRows) || errors.Is(err, orcid.ErrTooManyPutCodes)
}
