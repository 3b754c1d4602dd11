package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// session is everything a command needs once flags, environment variables
// and the config file are resolved: the environment, the credentials and a
// client. close releases the demo registry, if one was started.
type session struct {
	env          orcid.Environment
	clientID     string
	clientSecret string
	client       *orcid.Client
	closers      []func()
}

func (s *session) close() {
	for i := len(s.closers) - 1; i >= 0; i-- {
		s.closers[i]()
	}
}

// Environment variable names for the global flags.
const (
	envEnv          = "ORCID_ENV"
	envRegistryURL  = "ORCID_REGISTRY_URL"
	envPubURL       = "ORCID_PUB_URL"
	envAPIURL       = "ORCID_API_URL"
	envClientID     = "ORCID_CLIENT_ID"
	envClientSecret = "ORCID_CLIENT_SECRET"
	envConfig       = "ORCID_TUI_CONFIG"
)

// pick returns the flag value when the flag was given, else the environment
// variable, else def. from names where the value came from, for messages.
func (c *cli) pick(g *globals, flagName, flagValue, envName, def string) (value, from string) {
	if g.set[flagName] {
		return flagValue, "--" + flagName
	}
	if v := c.getenv(envName); v != "" {
		return v, "$" + envName
	}
	return def, ""
}

// local is a local ORCID instance with ORCID-Source's docker defaults.
var local = orcid.Environment{
	Name:         "local",
	RegistryURL:  "https://docker-dev.orcid.org",
	PublicAPIURL: "https://pub.docker-dev.orcid.org",
	MemberAPIURL: "https://api.docker-dev.orcid.org",
}

// openSession resolves the global flags into a session (flags > environment
// variables > defaults). With --demo / --env demo it starts the in-process
// registry on 127.0.0.1.
func (c *cli) openSession(ctx context.Context, g *globals) (*session, error) {
	s := &session{}
	name, _ := c.pick(g, "env", g.env, envEnv, "production")
	if g.demo {
		name = "demo"
	}
	switch strings.ToLower(name) {
	case "production", "prod":
		s.env = orcid.Production
	case "sandbox":
		s.env = orcid.Sandbox
	case "local":
		s.env = local
	case "demo":
		demo, err := startDemo(ctx)
		if err != nil {
			return nil, err
		}
		s.closers = append(s.closers, demo.close)
		s.env = demo.env
		s.clientID, s.clientSecret = demo.clientID, demo.clientSecret
	default:
		return nil, usagef(mainUsage, "unknown environment %q (known: production, sandbox, local, demo)", name)
	}

	custom := false
	for _, u := range []struct {
		flag, value, env string
		dst              *string
	}{
		{"registry-url", g.registryURL, envRegistryURL, &s.env.RegistryURL},
		{"pub-url", g.pubURL, envPubURL, &s.env.PublicAPIURL},
		{"api-url", g.apiURL, envAPIURL, &s.env.MemberAPIURL},
	} {
		v, from := c.pick(g, u.flag, u.value, u.env, "")
		if from == "" {
			continue
		}
		base, err := baseURL(v)
		if err != nil {
			if strings.HasPrefix(from, "--") {
				return nil, usagef(mainUsage, "%s: %v", from, err)
			}
			return nil, userErrorf("%s: %v — fix or unset the variable", from, err)
		}
		*u.dst = base
		custom = true
	}
	if custom {
		s.env.Name = "custom"
		s.env.AnyLoopbackPort = false
	}

	if v, from := c.pick(g, "client-id", g.clientID, envClientID, ""); from != "" {
		s.clientID = v
	}
	if v, from := c.pick(g, "client-secret", g.clientSecret, envClientSecret, ""); from != "" {
		s.clientSecret = v
	}
	s.client = newClient(s.env)
	return s, nil
}

// newClient builds the API client every command uses.
func newClient(env orcid.Environment, opts ...orcid.Option) *orcid.Client {
	orcid.Version = version // the client's User-Agent names it
	return orcid.New(env, opts...)
}

// baseURL checks a base URL and strips a trailing slash and "/v3.0" (the
// client adds the version path).
func baseURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%q is not an http(s) URL such as https://pub.sandbox.orcid.org", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%q: a base URL has no query or fragment", raw)
	}
	p := strings.TrimRight(u.Path, "/")
	p = strings.TrimSuffix(p, "/v3.0")
	u.Path = strings.TrimRight(p, "/")
	u.RawPath = ""
	return u.String(), nil
}
