package cli

import (
	"context"
	"errors"
	"strings"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/config"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// session is everything a command needs once flags, environment variables
// and the config file are resolved (package config): the configuration, the
// selected environment with its credentials, and a client for its public
// API. close releases the demo registry, if one was started.
type session struct {
	cfg     *config.Config
	sel     *config.EnvConfig
	env     orcid.Environment
	client  *orcid.Client
	closers []func()
	// demo is the in-process registry when the demo environment is
	// selected (writes sign in to it directly: it lives as long as the
	// command).
	demo *demo
}

func (s *session) close() {
	for i := len(s.closers) - 1; i >= 0; i-- {
		s.closers[i]()
	}
}

// configFlags turns the global flags into config.Flags: a flag given on the
// command line wins even when empty.
func (g *globals) configFlags() config.Flags {
	f := func(name, v string) config.Flag { return config.Flag{Value: v, Set: g.set[name]} }
	return config.Flags{
		Env:          f("env", g.env),
		Demo:         g.demo,
		RegistryURL:  f("registry-url", g.registryURL),
		PubURL:       f("pub-url", g.pubURL),
		APIURL:       f("api-url", g.apiURL),
		ClientID:     f("client-id", g.clientID),
		ClientSecret: f("client-secret", g.clientSecret),
		RedirectURI:  f("redirect-uri", g.redirectURI),
		Scopes:       f("scopes", g.scopes),
	}
}

// loadConfig resolves flags > environment variables > config file >
// defaults. Problems with flags are usage errors (exit 2); problems in the
// file or the environment are errors (exit 1) naming file, line and key.
func (c *cli) loadConfig(g *globals) (*config.Config, error) {
	path := ""
	if g.set["config"] {
		if path = strings.TrimSpace(g.configPath); path == "" {
			return nil, usagef(mainUsage, "--config needs a file name")
		}
	}
	cfg, err := config.Load(config.LoadOptions{Path: path, Flags: g.configFlags(), Getenv: c.getenv, ConfigDir: c.configDir})
	if err != nil {
		return nil, configError(err)
	}
	return cfg, nil
}

// configError makes flag problems usage errors; others stay config errors.
func configError(err error) error {
	var list config.Errors
	var one *config.Error
	switch {
	case errors.As(err, &list):
		flagsOnly := len(list) > 0
		for _, e := range list {
			flagsOnly = flagsOnly && e.Source == config.SourceFlag
		}
		if flagsOnly {
			return &usageError{msg: list[0].Error(), usage: mainUsage}
		}
	case errors.As(err, &one) && one.Source == config.SourceFlag:
		return &usageError{msg: one.Error(), usage: mainUsage}
	}
	return err
}

// openSession loads the configuration and prepares the selected
// environment. With --demo / --env demo it starts the in-process registry on
// 127.0.0.1 and fills in its URLs and demo client.
func (c *cli) openSession(ctx context.Context, g *globals) (*session, error) {
	cfg, err := c.loadConfig(g)
	if err != nil {
		return nil, err
	}
	for _, w := range cfg.Warnings {
		c.warn(w)
	}
	faults, err := c.demoFaults(g, isDemo(cfg))
	if err != nil {
		return nil, err
	}
	s := &session{cfg: cfg}
	if cfg.Environment.Value == config.Demo {
		d, err := c.startDemo(ctx)
		if err != nil {
			return nil, err
		}
		s.closers = append(s.closers, d.close)
		s.demo = d
		cfg.SetDemo(d.env, d.clientID, d.clientSecret)
		if err := applyDemoFaults(d, faults); err != nil {
			s.close()
			return nil, err
		}
	}
	s.sel = cfg.Selected()
	if s.sel == nil {
		s.close()
		return nil, userErrorf("environment %q is not configured — run: orcid-tui config show", cfg.Environment.Value)
	}
	// Only the selected environment's secret is looked up: one bounded
	// keyring call at most, and none when a secret is given.
	c.fillKeyringSecrets(cfg, s.sel)
	s.env = s.sel.Environment

	opts := []orcid.Option{orcid.WithRateLimit(cfg.PublicLimit.PerSecond.Value, cfg.PublicLimit.Burst.Value)}
	opts = append(opts, c.timeoutOptions(g)...)
	if a, err := s.authenticator(nil); err == nil {
		// With client credentials the public API is read with a
		// /read-public token (higher paging limits), fetched on first use.
		opts = append(opts, orcid.WithTokenSource(a.ClientTokenSource(), orcid.PublicAPI))
	}
	s.client = newClient(s.env, opts...)
	return s, nil
}

// authenticator is the OAuth side of the selected environment; store nil
// keeps tokens in memory only.
func (s *session) authenticator(store auth.Store) (*auth.Authenticator, error) {
	redirect := s.sel.RedirectURI.Value
	if s.env.AnyLoopbackPort && !s.sel.RedirectURI.IsSet() {
		redirect = "" // the demo registry takes any free port
	}
	a, err := auth.New(auth.Config{
		Env:          s.env,
		ClientID:     s.sel.ClientID.Value,
		ClientSecret: s.sel.ClientSecret.Value,
		RedirectURI:  redirect,
		Store:        store,
	})
	if errors.Is(err, auth.ErrNoCredentials) && s.sel.Name == config.Custom && s.sel.Source == config.SourceFlag {
		// config dropped ORCID_CLIENT_* for URLs given by flags.
		return nil, userErrorf("no client id and secret for %s — give --client-id and --client-secret with the URLs (ORCID_CLIENT_ID and ORCID_CLIENT_SECRET are not sent to a server named by flags)", s.env.RegistryURL)
	}
	if errors.Is(err, auth.ErrNoCredentials) {
		return nil, userErrorf("no client id and secret for %s — give --client-id and --client-secret (or ORCID_CLIENT_ID, ORCID_CLIENT_SECRET), or try --demo", s.env.Name)
	}
	return a, err
}

// newClient builds the API client every command uses.
func newClient(env orcid.Environment, opts ...orcid.Option) *orcid.Client {
	orcid.Version = version // the client's User-Agent names it
	return orcid.New(env, opts...)
}
