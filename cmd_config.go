package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

const configUsage = "orcid-tui config path | orcid-tui config show"

const configHelp = `usage: ` + configUsage + `

  config path   print where the config file is (whether it exists or not)
  config show   print the effective configuration after flags, environment
                variables and the config file are combined; secrets masked
`

func configCommand() *command {
	return &command{name: "config", usage: configUsage, summary: "config file", run: (*cli).config}
}

func (c *cli) config(ctx context.Context, g *globals, args []string) error {
	fs := c.newFlagSet("config", configUsage, configHelp, g)
	pos, err := fs.parse(args, true)
	if err != nil {
		return err
	}
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
		p, err := c.configPath(g)
		if err != nil {
			return err
		}
		s, err := c.openSession(ctx, g)
		if err != nil {
			return err
		}
		defer s.close()
		fmt.Fprintf(c.stdout, "config file    %s\n", p)
		fmt.Fprintf(c.stdout, "environment    %s\n", s.env.Name)
		fmt.Fprintf(c.stdout, "registry URL   %s\n", s.env.RegistryURL)
		fmt.Fprintf(c.stdout, "public API     %s\n", s.env.PublicAPIURL)
		fmt.Fprintf(c.stdout, "member API     %s\n", s.env.MemberAPIURL)
		fmt.Fprintf(c.stdout, "client id      %s\n", orNone(s.clientID))
		fmt.Fprintf(c.stdout, "client secret  %s\n", maskSecret(s.clientSecret))
		return nil
	}
	return usagef(configUsage, "unknown config command %q (use path or show)", pos[0])
}

// configPath is --config, else $ORCID_TUI_CONFIG, else the user config
// directory's orcid-tui/config.toml.
func (c *cli) configPath(g *globals) (string, error) {
	if v, from := c.pick(g, "config", g.configPath, envConfig, ""); from != "" {
		return v, nil
	}
	dir := c.getenv("XDG_CONFIG_HOME")
	if dir == "" {
		d, err := os.UserConfigDir()
		if err != nil {
			return "", userErrorf("cannot find the user config directory (%v) — pass --config PATH", err)
		}
		dir = d
	}
	return filepath.Join(dir, "orcid-tui", "config.toml"), nil
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// maskSecret shows that a secret is set without showing it.
func maskSecret(s string) string {
	if s == "" {
		return "(none)"
	}
	return "•••••••• (set)"
}
