package config

import (
	"fmt"
	"net"
	"net/url"
	"strings"
	"unicode"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// Names of the built-in environments, and of the one chosen by giving URLs.
const (
	Production = "production"
	Sandbox    = "sandbox"
	Demo       = "demo"
	Custom     = "custom"
	Local      = "local"
)

// LocalDefault is a local ORCID instance as ORCID-Source's docker set-up
// runs it; [environments.local] in the file may give other URLs.
var LocalDefault = orcid.Environment{
	Name:         Local,
	RegistryURL:  "https://docker-dev.orcid.org",
	PublicAPIURL: "https://pub.docker-dev.orcid.org",
	MemberAPIURL: "https://api.docker-dev.orcid.org",
}

// Allowed values of theme and token_storage; the first is the default.
var (
	Themes        = []string{"auto", "dark", "light"}
	TokenStorages = []string{"auto", "keyring", "file"}
	// CitationFormats are the formats of the TUI's Y (copy citation), as
	// package export names them; there is no default: the TUI asks once.
	CitationFormats = []string{"bibtex", "ris", "csl-json", "csv"}
)

// DefaultRedirectURI is a loopback redirect on a fixed port: ORCID matches
// the port exactly, so it has to be registered as written.
const DefaultRedirectURI = "http://127.0.0.1:8765/callback"

// DefaultScopes are asked for at sign-in unless configured: openid gives an
// id_token with the iD and name and works with public (non-member) clients.
var DefaultScopes = []string{"openid"}

// KnownScopes are the scopes ORCID grants through the registry.
var KnownScopes = []string{"/authenticate", "openid", "/read-limited", "/activities/update", "/person/update", "/read-public", "/webhook"}

func isBuiltin(name string) bool { return name == Production || name == Sandbox || name == Demo }

func oneOf(s string, allowed ...string) bool {
	for _, a := range allowed {
		if s == a {
			return true
		}
	}
	return false
}

// checkEnvName allows names that are easy to type after --env.
func checkEnvName(name string) string {
	if name == Custom {
		return fmt.Sprintf("the name %q is kept for the environment chosen by --registry-url/ORCID_REGISTRY_URL ...; pick another name", Custom)
	}
	if name == "" || len(name) > 40 {
		return "an environment name has 1 to 40 characters"
	}
	for i, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || (i > 0 && (r == '-' || r == '_'))) {
			return fmt.Sprintf("environment name %q: use lower-case letters, digits, - and _ (starting with a letter or digit)", name)
		}
	}
	return ""
}

// badText refuses control, bidi and zero-width characters, so every value
// can be shown in a terminal as it is.
func badText(s string) string {
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return fmt.Sprintf("contains the invisible or control character %U; retype the value", r)
		}
	}
	return ""
}

// cleanURL checks a base URL (no /v3.0) and returns it without a trailing
// slash or "/v3.0". The message is empty when it is fine.
func cleanURL(raw string) (string, string) {
	s := strings.TrimSpace(raw)
	u, err := url.Parse(s)
	switch {
	case s == "":
		return "", "empty URL: give a base URL such as https://pub.orcid.org"
	case err != nil:
		return "", fmt.Sprintf("%q is not a URL: %v", s, err)
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Sprintf("%q must start with https:// (or http:// for a local instance)", s)
	case u.Host == "" || u.Hostname() == "":
		return "", fmt.Sprintf("%q has no host name", s)
	case u.User != nil:
		return "", "a URL here must not contain a user name or password"
	case u.Scheme == "http" && !isLoopbackHost(u.Hostname()):
		return "", fmt.Sprintf("%q: http:// is only allowed for this computer (127.0.0.1, ::1, localhost): the client secret and tokens would travel in clear text; use https://", s)
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return "", fmt.Sprintf("%q must not have a query or fragment: give only the base URL", s)
	}
	if bad := badText(s); bad != "" {
		return "", bad
	}
	p := strings.TrimRight(u.Path, "/")
	p = strings.TrimRight(strings.TrimSuffix(p, "/v3.0"), "/")
	last := p[strings.LastIndex(p, "/")+1:]
	if len(last) > 1 && (last[0] == 'v' || last[0] == 'V') && last[1] >= '0' && last[1] <= '9' {
		return "", fmt.Sprintf("%q names API version %s: give the base URL without a version (the client adds /v3.0)", s, last)
	}
	u.Path, u.RawPath = p, ""
	return u.String(), ""
}

// isLoopbackHost says whether host names this computer: 127.0.0.0/8, ::1
// or localhost. Only there may plain http carry secrets and tokens.
func isLoopbackHost(host string) bool { return orcid.LoopbackHost(host) }

// checkRedirectURI applies ORCID's rules for a terminal app: http only on
// the 127.0.0.1 loopback with a fixed port, https elsewhere, never
// "localhost". anyPort allows port 0 (the in-process registry only).
func checkRedirectURI(raw string, anyPort bool) string {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Sprintf("%q is not a URL: %v", raw, err)
	}
	host := u.Hostname()
	if bad := badText(raw); bad != "" {
		return bad
	}
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return fmt.Sprintf("%q uses localhost, which ORCID rejects when redirect URIs are registered; use 127.0.0.1 instead, e.g. %s", raw, DefaultRedirectURI)
	}
	if u.Fragment != "" || u.User != nil {
		return fmt.Sprintf("%q must not have a fragment or a user name", raw)
	}
	switch u.Scheme {
	case "https":
		if host == "" {
			return fmt.Sprintf("%q has no host name", raw)
		}
		return ""
	case "http":
		if host != "127.0.0.1" {
			if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
				return fmt.Sprintf("%q: use exactly 127.0.0.1 for a loopback redirect (ORCID compares the host as written)", raw)
			}
			return fmt.Sprintf("%q: http:// is only allowed for the loopback address 127.0.0.1; use https:// for any other host", raw)
		}
		port := u.Port()
		if port == "" {
			return fmt.Sprintf("%q needs a fixed port that is registered with ORCID, e.g. %s", raw, DefaultRedirectURI)
		}
		if port == "0" && !anyPort {
			return fmt.Sprintf("%q: port 0 (any free port) only works with the demo registry; ORCID needs the exact registered port, e.g. %s", raw, DefaultRedirectURI)
		}
		return ""
	}
	return fmt.Sprintf("%q must start with https:// (or http://127.0.0.1:PORT for the loopback listener)", raw)
}

// checkScopes accepts only scopes ORCID knows.
func checkScopes(scopes []string) string {
	for _, s := range scopes {
		if !oneOf(s, KnownScopes...) {
			return fmt.Sprintf("unknown scope %q: ORCID's scopes are %s", s, strings.Join(KnownScopes, " "))
		}
	}
	return ""
}
