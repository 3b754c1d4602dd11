package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/orcid-tui/orcid-tui/config"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

const completionUsage = "orcid-tui completion bash|zsh|fish|powershell"

const completionHelp = `usage: ` + completionUsage + `

Print the shell completion script for commands, flags, environment names,
sections, formats and iDs (the demo registry's people, and the iDs signed in
to the selected environment).

  bash        source <(orcid-tui completion bash)
              for every new shell (needs the bash-completion package):
              orcid-tui completion bash > ~/.local/share/bash-completion/completions/orcid-tui
  zsh         orcid-tui completion zsh > "${fpath[1]}/_orcid-tui"
              (with "autoload -U compinit; compinit" in ~/.zshrc)
  fish        orcid-tui completion fish > ~/.config/fish/completions/orcid-tui.fish
  powershell  orcid-tui completion powershell | Out-String | Invoke-Expression
              (add that line to $PROFILE for every new shell)
`

// shells are the shells completion writes a script for.
var shells = []string{"bash", "zsh", "fish", "powershell"}

// completionCommand replaces cobra's default completion command, to keep
// this program's help and usage wording.
func (c *cli) completionCommand(root *cobra.Command) *cobra.Command {
	cmd := newCommand("completion", completionUsage, completionHelp, func(cmd *cobra.Command, args []string) error {
		if len(args) != 1 {
			return usagef(completionUsage, "completion needs one shell: %s", strings.Join(shells, ", "))
		}
		w := cmd.OutOrStdout()
		switch args[0] {
		case "bash":
			return root.GenBashCompletionV2(w, true)
		case "zsh":
			return root.GenZshCompletion(w)
		case "fish":
			return root.GenFishCompletion(w, true)
		case "powershell":
			return root.GenPowerShellCompletionWithDesc(w)
		}
		return usagef(completionUsage, "unknown shell %q (shells: %s)", args[0], strings.Join(shells, ", "))
	})
	cmd.ValidArgs = shells
	return cmd
}

// completeValues completes flag name of cmd with a fixed list.
func completeValues(cmd *cobra.Command, name string, values ...string) {
	_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}

// completeGlobals completes the global flags' values: environment names
// (the built-in ones and those of the config file) and the demo faults.
func (c *cli) completeGlobals(root *cobra.Command, g *globals) {
	_ = root.RegisterFlagCompletionFunc("env", func(cmd *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return c.environmentNames(cmd, g), cobra.ShellCompDirectiveNoFileComp
	})
	_ = root.RegisterFlagCompletionFunc("demo-faults", cobra.FixedCompletions(faultNames, cobra.ShellCompDirectiveNoFileComp))
	for _, name := range []string{"registry-url", "pub-url", "api-url", "client-id", "client-secret", "redirect-uri"} {
		_ = root.RegisterFlagCompletionFunc(name, cobra.NoFileCompletions)
	}
}

// environmentNames are the environments the config knows (the built-in
// ones when the config cannot be read: completing must not fail).
func (c *cli) environmentNames(cmd *cobra.Command, g *globals) []cobra.Completion {
	g.set = changedFlags(cmd)
	delete(g.set, "env") // the value being completed is not a choice yet
	if cfg, err := c.loadConfig(g); err == nil {
		var out []cobra.Completion
		for _, e := range cfg.Environments {
			out = append(out, cobra.CompletionWithDesc(e.Name, envDescription(e)))
		}
		return out
	}
	return []cobra.Completion{config.Production, config.Sandbox, config.Local, config.Demo}
}

// envDescription is the line a shell shows beside an environment's name.
func envDescription(e *config.EnvConfig) string {
	if e.Name == config.Demo {
		return "offline registry inside the program"
	}
	return e.RegistryURL
}

// faultNames are the demo registry's faults, for --demo-faults.
var faultNames = []string{orcidtest.FaultSlow, orcidtest.FaultReset, orcidtest.FaultTruncated,
	orcidtest.FaultHTML200, orcidtest.FaultHTML500, orcidtest.FaultStorm, orcidtest.FaultQuota,
	orcidtest.FaultRevoke, orcidtest.FaultMerged, orcidtest.FaultBadKey}

// demoPeople are the hand-written people of the demo registry, offered
// when completing an iD with --demo.
var demoPeople = []struct{ id, name string }{
	{orcidtest.CarberryID, "Josiah Carberry"},
	{orcidtest.AngstromID, "Ångström-Łukasiewicz"},
	{orcidtest.TanakaID, "田中 花子"},
	{orcidtest.NunezID, "Núñez"},
	{orcidtest.SokolovaID, "Соколова"},
	{orcidtest.BigRecordID, "a record with 2,500 works"},
	{orcidtest.EmptyID, "an empty record"},
}

// completeIDs completes an iD argument: the demo registry's people with
// --demo, else the iDs signed in to the selected environment (read from
// the token store, no network).
func (c *cli) completeIDs(g *globals) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		g.set = changedFlags(cmd)
		cfg, err := c.loadConfig(g)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []cobra.Completion
		if isDemo(cfg) {
			for _, p := range demoPeople {
				out = append(out, cobra.CompletionWithDesc(p.id, p.name))
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		}
		sel := cfg.Selected()
		if sel == nil || sel.ClientID.Value == "" {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		store, _, err := c.openStore(cfg)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		keys, err := store.List()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		for _, k := range keys {
			if k.Env == sel.Name && k.ClientID == sel.ClientID.Value && k.ORCID != "" {
				out = append(out, cobra.CompletionWithDesc(string(k.ORCID), fmt.Sprintf("signed in to %s", sel.Name)))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
