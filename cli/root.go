package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

const mainUsage = "orcid-tui [global flags] [command [flags] [args]]"

// annotations on each command: its one-line usage and its help text, as
// printed by this package (cobra's own templates are not used for the
// commands written here).
const (
	annUsage = "orcid-tui/usage"
	annHelp  = "orcid-tui/help"
)

// commandNames lists the commands for the unknown-command message.
const commandNames = "search, show, add, update, delete, import, config, login, token, logout, completion, version, help"

// rootCommand builds the command tree. g receives the global flags.
func (c *cli) rootCommand(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:                "orcid-tui",
		SilenceErrors:      true,
		SilenceUsage:       true,
		DisableSuggestions: true,
		// Without a command the interactive program starts; anything
		// else that is not a command is a mistake.
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef(mainUsage, "unknown command %q (commands: %s)", args[0], commandNames)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.runTUI(cmd.Context(), g)
		},
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return g.parsed(c, cmd)
		},
		Annotations: map[string]string{annUsage: mainUsage, annHelp: mainHelp},
	}
	root.SetIn(c.stdin)
	root.SetOut(c.stdout)
	root.SetErr(c.stderr)
	g.register(root.PersistentFlags())
	c.completeGlobals(root, g)
	root.SetFlagErrorFunc(flagError)
	root.SetHelpFunc(func(cmd *cobra.Command, _ []string) {
		if h := cmd.Annotations[annHelp]; h != "" {
			fmt.Fprint(cmd.OutOrStdout(), h)
			return
		}
		// cobra's own commands (completion and its shells) keep cobra's help.
		cmd.Println(cmd.UsageString())
	})
	root.AddCommand(
		c.searchCommand(g),
		c.showCommand(g),
		c.configCommand(g),
		c.loginCommand(g),
		c.tokenCommand(g),
		c.logoutCommand(g),
		c.addCommand(g),
		c.updateCommand(g),
		c.deleteCommand(g),
		c.importCommand(g),
		versionCommand(),
		c.completionCommand(root),
	)
	root.SetHelpCommand(helpCommand(root))
	// Every command's --help exists before longFlags looks for the flags
	// a single dash may name (-help).
	var initHelp func(*cobra.Command)
	initHelp = func(cmd *cobra.Command) {
		cmd.InitDefaultHelpFlag()
		for _, sub := range cmd.Commands() {
			initHelp(sub)
		}
	}
	initHelp(root)
	return root
}

// newCommand is a leaf command with this package's usage line and help;
// args are checked by run, with this package's wording.
func newCommand(use, usage, help string, run func(cmd *cobra.Command, args []string) error) *cobra.Command {
	return &cobra.Command{
		Use:                   use,
		Args:                  cobra.ArbitraryArgs,
		DisableFlagsInUseLine: true,
		SilenceErrors:         true,
		SilenceUsage:          true,
		RunE:                  run,
		Annotations:           map[string]string{annUsage: usage, annHelp: help},
	}
}

// usageOf is cmd's usage line ("orcid-tui search [--rows N] ... QUERY...").
func usageOf(cmd *cobra.Command) string {
	if u := cmd.Annotations[annUsage]; u != "" {
		return u
	}
	return strings.TrimSpace(cmd.UseLine())
}

// flagError words pflag's errors the way this program always has
// ("flag provided but not defined: -frob") and makes them bad usage.
func flagError(cmd *cobra.Command, err error) error {
	var notExist *pflag.NotExistError
	var invalid *pflag.InvalidValueError
	var required *pflag.ValueRequiredError
	msg := err.Error()
	switch {
	case errors.As(err, &notExist):
		// The word as typed: "-frob", not its first letter.
		name := notExist.GetSpecifiedName()
		if short := notExist.GetSpecifiedShortnames(); len(short) > len(name) {
			name = short
		}
		msg = "flag provided but not defined: -" + name
	case errors.As(err, &invalid):
		msg = fmt.Sprintf("invalid value %q for flag -%s: %s", invalid.GetValue(), invalid.GetFlag().Name, valueProblem(invalid))
	case errors.As(err, &required):
		name := required.GetSpecifiedName()
		if name == "" {
			name = required.GetSpecifiedShortnames()
		}
		msg = "flag needs an argument: -" + name
	}
	return &usageError{msg: msg, usage: usageOf(cmd)}
}

// valueProblem says briefly why a flag value was refused.
func valueProblem(e *pflag.InvalidValueError) string {
	switch e.GetFlag().Value.Type() {
	case "int", "int64", "uint":
		return "not a whole number"
	case "bool":
		return "use true or false"
	case "duration":
		return "not a duration (examples: 90s, 5m, 1h)"
	}
	return "parse error"
}

// helpCommand is "help [COMMAND]": the main help, or a command's.
func helpCommand(root *cobra.Command) *cobra.Command {
	cmd := newCommand("help [COMMAND]", "orcid-tui help [COMMAND]", mainHelp, func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			fmt.Fprint(cmd.OutOrStdout(), mainHelp)
			return nil
		}
		if len(args) > 1 {
			return usagef("orcid-tui help [COMMAND]", "help takes at most one command")
		}
		for _, sub := range root.Commands() {
			if sub.Name() == args[0] && sub.Name() != cobra.ShellCompRequestCmd {
				return sub.Help()
			}
		}
		return usagef("orcid-tui help [COMMAND]", "unknown command %q", args[0])
	})
	cmd.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var names []cobra.Completion
		for _, sub := range root.Commands() {
			if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), toComplete) {
				names = append(names, sub.Name())
			}
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	}
	return cmd
}

func versionCommand() *cobra.Command {
	return newCommand("version", "orcid-tui version", "usage: orcid-tui version\n\nprint the version\n", func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return usagef("orcid-tui version", "version takes no arguments")
		}
		fmt.Fprintf(cmd.OutOrStdout(), "orcid-tui %s\n", version)
		return nil
	})
}

// longFlags accepts the single-dash long flags this program has always
// taken (-rows 5, -demo): pflag reads "-rows" as four one-letter flags, so
// a single-dash name of a known long flag gets its second dash back.
// Values of flags (--client-secret -x) and everything after "--" are left
// alone. The result is never nil: cobra reads os.Args for a nil slice.
func longFlags(root *cobra.Command, args []string) []string {
	known, short := map[string]*pflag.Flag{}, map[string]*pflag.Flag{}
	var collect func(*cobra.Command)
	collect = func(cmd *cobra.Command) {
		add := func(f *pflag.Flag) {
			known[f.Name] = f
			if f.Shorthand != "" {
				short[f.Shorthand] = f
			}
		}
		cmd.LocalFlags().VisitAll(add)
		cmd.PersistentFlags().VisitAll(add)
		for _, sub := range cmd.Commands() {
			collect(sub)
		}
	}
	collect(root)
	out := make([]string, 0, len(args))
	valueNext := false
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...)
		}
		if valueNext {
			valueNext = false
			out = append(out, a)
			continue
		}
		name, hasValue, dashes := splitFlag(a)
		f := known[name]
		if dashes == 1 && len(name) == 1 {
			f = short[name]
		}
		if f != nil && dashes == 1 && len(name) > 1 {
			a = "-" + a
		}
		if f != nil && !hasValue && f.NoOptDefVal == "" {
			valueNext = true
		}
		out = append(out, a)
	}
	return out
}

// splitFlag takes "-name", "--name" or "--name=value" apart.
func splitFlag(a string) (name string, hasValue bool, dashes int) {
	switch {
	case strings.HasPrefix(a, "--"):
		dashes, name = 2, a[2:]
	case strings.HasPrefix(a, "-") && len(a) > 1:
		dashes, name = 1, a[1:]
	default:
		return "", false, 0
	}
	if i := strings.IndexByte(name, '='); i >= 0 {
		return name[:i], true, dashes
	}
	return name, false, dashes
}

const mainHelp = `orcid-tui — explore the ORCID registry in the terminal or from scripts

usage: orcid-tui [global flags] [command [flags] [args]]

Without a command the interactive program starts.

commands:
  search [--rows N] [--start N] [--all] [--output text|json|csv] [--fields LIST] QUERY...
        search people (expanded search; csv: ORCID's /csv-search); text: one
        line per hit, iD<TAB>name<TAB>institutions, the total on stderr
  show [--section NAME] [--raw [--pretty] [--format json|xml]] [--full-works]
       [--full] [--output text|bibtex|ris|csl-json|csv [-o FILE] [--all-versions]]
       [--public] ID
        a readable summary of a record or of one section; --raw prints the
        body exactly as ORCID sent it; --output exports the works
  add KIND (--file F | --title T --type TYPE ...)
        add a work, affiliation, funding or person item to your record
        (member API); "add works --file F" adds a list in bulk
  update KIND PUT-CODE --file F
        replace an item you added
  delete KIND PUT-CODE
        delete an item you added
  import bibtex FILE
        add each BibTeX entry as a work, in bulk, skipping what the
        record already has
  config path | config show
        where the config file is; the effective configuration (secrets masked)
  login [--scopes LIST] [--no-browser] [--timeout DURATION]
        sign in through ORCID in the browser (OAuth 2.0 / OpenID Connect)
  token [--print [--on-terminal]]
            what the saved token is for (masked); --print: the bare token
  logout [--local]
            revoke the saved tokens and forget them (--local: forget only)
  version   print the version
  completion bash|zsh|fish|powershell
            print the shell completion script (see orcid-tui help completion)
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
  --client-secret S     OAuth client secret            ($ORCID_CLIENT_SECRET);
                        - reads it from stdin (out of ps and shell history)
  --client-secret-file PATH
                        read the client secret from a file instead
                        with --registry-url/--pub-url/--api-url only these
                        flags give the client id and secret:
                        $ORCID_CLIENT_ID/$ORCID_CLIENT_SECRET are not sent to
                        a server named by flags; http:// only for 127.0.0.1,
                        ::1 and localhost
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
  1  a failure: one line on stderr says what failed and what to do (ORCID
     refused or could not be reached, a record that does not exist or was
     merged into another, full works that could not all be loaded)
  2  a value you typed that can never work: an unknown command or flag,
     missing or extra arguments, a malformed ORCID iD (such as a wrong check
     digit), --rows above 1000, --start above 10000 without a client id and
     secret
`
