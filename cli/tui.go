package cli

import (
	"context"
	"os"

	"github.com/orcid-tui/orcid-tui/config"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui"
)

// runTUI starts the interactive program with every configured environment.
// The in-process demo registry is started too (on 127.0.0.1 only), so the
// environment pane can offer "demo" whatever was selected.
func (c *cli) runTUI(ctx context.Context, g *globals) error {
	if !c.isTerminal() || !isTerminal(c.stdout) {
		return userErrorf("the interactive explorer needs a terminal — from scripts use a command such as orcid-tui search or orcid-tui show (see orcid-tui help)")
	}
	cfg, err := c.loadConfig(g)
	if err != nil {
		return err
	}
	for _, w := range cfg.Warnings {
		c.warn(w)
	}
	// The demo registry always runs here, so its faults apply whichever
	// environment is selected first.
	faults, err := c.demoFaults(g, true)
	if err != nil {
		return err
	}
	d, err := c.startDemo(ctx)
	if err != nil {
		return err
	}
	defer d.close()
	cfg.SetDemo(d.env, d.clientID, d.clientSecret)
	if err := applyDemoFaults(d, faults); err != nil {
		return err
	}
	// Client secrets kept in the OS keyring, for every environment with a
	// client id and no secret given: all lookups together within one
	// keyring timeout, none when no environment needs one.
	c.fillKeyringSecrets(cfg, cfg.Environments...)

	store, notice, err := c.openStore(cfg)
	if err != nil {
		return err
	}
	orcid.Version = version
	// The search history is kept between runs in the state directory; with
	// no home directory it is kept for this run only.
	history, err := tui.DefaultHistoryFile()
	if err != nil {
		c.warn("the search history is kept for this run only: " + err.Error())
		history = ""
	}
	opts := tui.Options{
		HistoryFile:   history,
		Environments:  tuiEnvironments(cfg),
		Initial:       cfg.Environment.Value,
		Store:         store,
		StoreNotice:   notice,
		PublicOptions: append([]orcid.Option{orcid.WithRateLimit(cfg.PublicLimit.PerSecond.Value, cfg.PublicLimit.Burst.Value)}, c.timeoutOptions(g)...),
		MemberOptions: append([]orcid.Option{orcid.WithRateLimit(cfg.MemberLimit.PerSecond.Value, cfg.MemberLimit.Burst.Value)}, c.timeoutOptions(g)...),
		Theme:         cfg.Theme.Value,
		NoColor:       c.getenv("NO_COLOR") != "" || os.Getenv("NO_COLOR") != "",
		Demo:          true,

		SaveCredentials: c.credentialSaver(cfg),
	}
	return tui.Run(ctx, opts)
}

// tuiEnvironments lists the configured environments with their credentials
// for the environment pane.
func tuiEnvironments(cfg *config.Config) []tui.Env {
	var out []tui.Env
	for _, e := range cfg.Environments {
		env := tui.Env{
			Environment:  e.Environment,
			ClientID:     e.ClientID.Value,
			ClientSecret: e.ClientSecret.Value,
			RedirectURI:  e.RedirectURI.Value,
			Scopes:       e.Scopes.Value,
		}
		if e.AnyLoopbackPort && !e.RedirectURI.IsSet() {
			env.RedirectURI = "" // any free port on the in-process registry
		}
		if e.Name == config.Demo {
			env.Label = "demo (offline)"
			env.Ephemeral = true
		}
		out = append(out, env)
	}
	return out
}
