package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/orcid-tui/orcid-tui/config"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
)

const configUsage = "orcid-tui config path | orcid-tui config show"

const configHelp = `usage: ` + configUsage + `

  config path   print where the config file is (whether it exists or not):
                --config, else $ORCID_TUI_CONFIG, else
                $XDG_CONFIG_HOME/orcid-tui/config.toml (~/.config/... without it)
  config show   print the effective configuration after flags, environment
                variables and the config file are combined, with where each
                value came from; client secrets masked

An invalid config file is reported one line per problem, naming the file,
line and key (exit 1).
`

func (c *cli) configCommand(g *globals) *cobra.Command {
	cmd := newCommand("config", configUsage, configHelp, func(cmd *cobra.Command, args []string) error {
		return c.config(g, args)
	})
	cmd.ValidArgs = []cobra.Completion{"path\twhere the config file is", "show\tthe effective configuration"}
	return cmd
}

func (c *cli) config(g *globals, pos []string) error {
	if len(pos) != 1 {
		return usagef(configUsage, "config needs one of: path, show")
	}
	switch pos[0] {
	case "path":
		p, err := c.configPath(g)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, p)
		return nil
	case "show":
		cfg, err := c.loadConfig(g)
		if err != nil {
			return err
		}
		// Secrets kept in the OS keyring are shown (masked) as "keyring".
		c.fillKeyringSecrets(cfg, cfg.Environments...)
		fmt.Fprint(c.stdout, sanitize.Text(cfg.Show()))
		return nil
	}
	return usagef(configUsage, "unknown config command %q (use path or show)", pos[0])
}

// configPath is where config.Load looks: --config, else $ORCID_TUI_CONFIG,
// else the user config directory's orcid-tui/config.toml. It does not read
// the file, so it works when the file is broken.
func (c *cli) configPath(g *globals) (string, error) {
	if g.set["config"] && strings.TrimSpace(g.configPath) != "" {
		return g.configPath, nil
	}
	if v := strings.TrimSpace(c.getenv(config.EnvConfigPath)); v != "" {
		return v, nil
	}
	dir := c.configDir
	if dir == "" {
		if x := c.getenv("XDG_CONFIG_HOME"); filepath.IsAbs(x) {
			dir = x
		} else if h := c.getenv("HOME"); h != "" && x == "" {
			dir = filepath.Join(h, ".config")
		}
	}
	if dir == "" {
		p, err := config.DefaultPath()
		if err != nil {
			return "", userErrorf("%v", err)
		}
		return p, nil
	}
	return filepath.Join(dir, "orcid-tui", "config.toml"), nil
}
