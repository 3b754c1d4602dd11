package orcid

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// APIVersionPath is the version root the client puts in front of every API
// path. Environments carry base URLs without it.
const APIVersionPath = "/v3.0"

// Environment is one ORCID installation: a registry (web UI + OAuth + OIDC
// issuer), a public API and a member API. Base URLs carry no "/v3.0"; the
// client adds the version path.
type Environment struct {
	Name         string // "production", "sandbox", "demo", or a configured name
	RegistryURL  string // e.g. https://orcid.org (OAuth, OIDC issuer, iD URIs)
	PublicAPIURL string // e.g. https://pub.orcid.org
	MemberAPIURL string // e.g. https://api.orcid.org
	// AnyLoopbackPort is true where redirect URIs on 127.0.0.1 may use any
	// port (only the in-process registry); ORCID itself needs the exact port.
	AnyLoopbackPort bool
}

// Production and Sandbox are ORCID's real environments.
var (
	Production = Environment{Name: "production", RegistryURL: "https://orcid.org", PublicAPIURL: "https://pub.orcid.org", MemberAPIURL: "https://api.orcid.org"}
	Sandbox    = Environment{Name: "sandbox", RegistryURL: "https://sandbox.orcid.org", PublicAPIURL: "https://pub.sandbox.orcid.org", MemberAPIURL: "https://api.sandbox.orcid.org"}
)

// CustomEnvironment builds an environment for a local ORCID instance or a
// test server from three base URLs. A trailing slash or a trailing "/v3.0"
// is removed (the client adds the version itself); any other version path,
// a query, a fragment, a scheme other than http/https, or http:// for a
// host other than this computer (LoopbackHost) is an error that says which
// URL is wrong: tokens and the client secret never travel in clear text.
func CustomEnvironment(name, registry, pub, api string) (Environment, error) {
	if strings.TrimSpace(name) == "" {
		name = "custom"
	}
	env := Environment{Name: strings.TrimSpace(name)}
	var err error
	if env.RegistryURL, err = cleanBaseURL("registry URL", registry); err != nil {
		return Environment{}, err
	}
	if env.PublicAPIURL, err = cleanBaseURL("public API URL", pub); err != nil {
		return Environment{}, err
	}
	if env.MemberAPIURL, err = cleanBaseURL("member API URL", api); err != nil {
		return Environment{}, err
	}
	return env, nil
}

// cleanBaseURL checks one base URL and returns it without a trailing slash
// or "/v3.0".
func cleanBaseURL(what, raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", fmt.Errorf("the %s is empty: give a base URL such as https://pub.orcid.org", what)
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("the %s %q is not a URL: %v", what, s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("the %s %q must start with https:// (or http:// for a local instance)", what, s)
	}
	if u.Host == "" {
		return "", fmt.Errorf("the %s %q has no host name", what, s)
	}
	if u.User != nil {
		return "", fmt.Errorf("the %s must not contain a user name or password", what)
	}
	if u.Scheme == "http" && !LoopbackHost(u.Hostname()) {
		return "", fmt.Errorf("the %s %q: http:// is only allowed for this computer (127.0.0.1, ::1, localhost): "+
			"access tokens and the client secret would travel in clear text; use https://", what, s)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return "", fmt.Errorf("the %s %q must not have a query or fragment: give only the base URL", what, s)
	}
	p := strings.TrimRight(u.Path, "/")
	if strings.HasSuffix(p, APIVersionPath) {
		p = strings.TrimSuffix(p, APIVersionPath)
		p = strings.TrimRight(p, "/")
	}
	last := p[strings.LastIndex(p, "/")+1:]
	if isVersionSegment(last) {
		return "", fmt.Errorf("the %s %q names API version %s: give the base URL without a version (the client uses /v3.0)", what, s, last)
	}
	u.Path = p
	u.RawPath = ""
	return u.String(), nil
}

// LoopbackHost reports whether host (a URL's Hostname: no port, no
// brackets) names this computer: 127.0.0.0/8, ::1 or localhost. Only
// there may plain http carry tokens and secrets.
func LoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// isVersionSegment reports whether seg looks like an API version ("v2.1").
func isVersionSegment(seg string) bool {
	if len(seg) < 2 || (seg[0] != 'v' && seg[0] != 'V') {
		return false
	}
	for _, r := range seg[1:] {
		if (r < '0' || r > '9') && r != '.' && r != '_' && (r < 'a' || r > 'z') {
			return false
		}
	}
	return seg[1] >= '0' && seg[1] <= '9'
}

// BaseURL returns the base URL (without version) of the public or member API.
func (e Environment) BaseURL(api API) string {
	if api == MemberAPI {
		return e.MemberAPIURL
	}
	return e.PublicAPIURL
}

// APIBase returns the version root of the public or member API, e.g.
// "https://pub.orcid.org/v3.0".
func (e Environment) APIBase(api API) string {
	return strings.TrimRight(e.BaseURL(api), "/") + APIVersionPath
}

// IDURI returns the iD's URI in this registry, e.g.
// "https://sandbox.orcid.org/0000-0002-1825-0097".
func (e Environment) IDURI(id ID) string {
	return strings.TrimRight(e.RegistryURL, "/") + "/" + string(id)
}

// String returns the environment's name.
func (e Environment) String() string { return e.Name }
