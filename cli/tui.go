package cli

import (
	"context"
	"os"
	"slices"
	"sync"

	"github.com/orcid-tui/orcid-tui/config"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui"
)

// runTUI starts the interactive program with every configured environment.
// The environment pane always offers the in-process demo registry (on
// 127.0.0.1 only); it is built when it is used — at once when demo is the
// environment chosen or its faults are asked for, else when the user
// chooses it — so a start on another environment does not pay for it.
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
	faults, err := c.demoFaults(g, true)
	if err != nil {
		return err
	}
	demos := &lazyDemo{start: c.startDemo}
	defer demos.close()
	eager := cfg.Environment.Value == config.Demo || len(faults) > 0
	if eager {
		d, err := demos.get(ctx)
		if err != nil {
			return err
		}
		cfg.SetDemo(d.env, d.clientID, d.clientSecret)
		if err := applyDemoFaults(d, faults); err != nil {
			return err
		}
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
	saveCreds, saveCitation := c.configSavers(cfg)
	// The search history is kept between runs in the state directory; with
	// no home directory it is kept for this run only.
	history, err := tui.DefaultHistoryFile()
	if err != nil {
		c.warn("the search history is kept for this run only: " + err.Error())
		history = ""
	}
	envs := tuiEnvironments(cfg)
	if !eager {
		envs = lazyDemoEnv(ctx, cfg, envs, demos)
	}
	opts := tui.Options{
		HistoryFile:   history,
		Environments:  envs,
		Initial:       cfg.Environment.Value,
		Store:         store,
		StoreNotice:   notice,
		PublicOptions: append([]orcid.Option{orcid.WithRateLimit(cfg.PublicLimit.PerSecond.Value, cfg.PublicLimit.Burst.Value)}, c.timeoutOptions(g)...),
		MemberOptions: append([]orcid.Option{orcid.WithRateLimit(cfg.MemberLimit.PerSecond.Value, cfg.MemberLimit.Burst.Value)}, c.timeoutOptions(g)...),
		Theme:         cfg.Theme.Value,
		NoColor:       c.getenv("NO_COLOR") != "" || os.Getenv("NO_COLOR") != "",
		Demo:          true,

		SaveCredentials:    saveCreds,
		CitationFormat:     cfg.CitationFormat.Value,
		SaveCitationFormat: saveCitation,
	}
	return tui.Run(ctx, opts)
}

// tuiEnvironments lists the configured environments with their credentials
// for the environment pane.
func tuiEnvironments(cfg *config.Config) []tui.Env {
	var out []tui.Env
	for _, e := range cfg.Environments {
		out = append(out, tuiEnv(e))
	}
	return out
}

// tuiEnv is one configured environment for the environment pane.
func tuiEnv(e *config.EnvConfig) tui.Env {
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
	return env
}

// lazyDemoEnv gives envs a demo environment that builds the registry when
// the pane first selects it.
func lazyDemoEnv(ctx context.Context, cfg *config.Config, envs []tui.Env, demos *lazyDemo) []tui.Env {
	i := slices.IndexFunc(envs, func(e tui.Env) bool { return e.Name == config.Demo })
	if i < 0 {
		envs = append(envs, tui.Env{Environment: orcid.Environment{Name: config.Demo}, Label: "demo (offline)", Ephemeral: true})
		i = len(envs) - 1
	}
	envs[i].Start = func() (tui.Env, error) {
		d, err := demos.get(ctx)
		if err != nil {
			return tui.Env{}, err
		}
		cfg.SetDemo(d.env, d.clientID, d.clientSecret)
		e, _ := cfg.Lookup(config.Demo)
		return tuiEnv(e), nil
	}
	return envs
}

// lazyDemo starts the demo registry once, on first use, and closes it.
type lazyDemo struct {
	start func(context.Context) (*demo, error)
	mu    sync.Mutex
	d     *demo
}

func (l *lazyDemo) get(ctx context.Context) (*demo, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.d == nil {
		d, err := l.start(ctx)
		if err != nil {
			return nil, err
		}
		l.d = d
	}
	return l.d, nil
}

func (l *lazyDemo) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.d != nil {
		l.d.close()
	}
}
