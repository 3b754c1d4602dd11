package config

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Mask hides a secret: the first 4 characters of a long one, then "••••";
// a short one (under 12 characters, where 4 would give away too much) is
// only "••••". An empty secret stays empty.
func Mask(secret string) string {
	switch {
	case secret == "":
		return ""
	case utf8.RuneCountInString(secret) < 12:
		return "••••"
	}
	r := []rune(secret)
	return string(r[:4]) + "••••"
}

// Show renders the effective configuration for `orcid-tui config show`:
// every value with where it came from, client secrets masked. Client ids
// are not secret and are shown whole.
func (c *Config) Show() string {
	var b strings.Builder
	row := func(indent, key, value, origin string) {
		fmt.Fprintf(&b, "%s%-*s %-40s %s\n", indent, 20-len(indent), key, value, origin)
	}
	from := func(src Source, origin string) string {
		origin = strings.TrimPrefix(origin, c.Path+":") // the path is shown once, at the top
		if _, err := strconv.Atoi(origin); err == nil {
			origin = "line " + origin
		}
		if origin == "" || origin == "built-in" || origin == c.Path || origin == string(src) {
			return string(src)
		}
		return string(src) + " (" + origin + ")"
	}
	file := c.Path
	if !c.FileFound {
		file += " (not found: built-in defaults)"
	}
	fmt.Fprintf(&b, "%-20s %s\n", "config file", file)
	row("", "environment", c.Environment.Value, from(c.Environment.Source, c.Environment.Origin))
	row("", "theme", c.Theme.Value, from(c.Theme.Source, c.Theme.Origin))
	row("", "token_storage", c.TokenStorage.Value, from(c.TokenStorage.Source, c.TokenStorage.Origin))
	if c.CitationFormat.Value != "" {
		row("", "citation_format", c.CitationFormat.Value, from(c.CitationFormat.Source, c.CitationFormat.Origin))
	}
	for _, l := range []struct {
		name string
		l    Limit
	}{{"public", c.PublicLimit}, {"member", c.MemberLimit}} {
		row("", "rate_limits."+l.name, strconv.FormatFloat(l.l.PerSecond.Value, 'g', -1, 64)+" req/s", from(l.l.PerSecond.Source, l.l.PerSecond.Origin))
		row("", "", "burst "+strconv.Itoa(l.l.Burst.Value), from(l.l.Burst.Source, l.l.Burst.Origin))
	}
	for _, e := range c.Environments {
		mark := ""
		if e.Name == c.Environment.Value {
			mark = "  (selected)"
		}
		fmt.Fprintf(&b, "\n[environments.%s]%s  %s\n", e.Name, mark, from(e.Source, e.Origin))
		for _, u := range []struct{ k, v string }{{"registry_url", e.RegistryURL}, {"pub_url", e.PublicAPIURL}, {"api_url", e.MemberAPIURL}} {
			v := u.v
			if v == "" {
				v = "(set when the demo registry starts)"
			}
			row("  ", u.k, v, "")
		}
		id := e.ClientID.Value
		if id == "" {
			id = "(none)"
		}
		row("  ", "client_id", id, from(e.ClientID.Source, e.ClientID.Origin))
		secret := Mask(e.ClientSecret.Value)
		if secret == "" {
			secret = "(none: keyring or ORCID_CLIENT_SECRET)"
		}
		row("  ", "client_secret", secret, from(e.ClientSecret.Source, e.ClientSecret.Origin))
		row("  ", "redirect_uri", e.RedirectURI.Value, from(e.RedirectURI.Source, e.RedirectURI.Origin))
		row("  ", "scopes", strings.Join(e.Scopes.Value, " "), from(e.Scopes.Source, e.Scopes.Origin))
	}
	if len(c.Warnings) > 0 {
		b.WriteString("\nwarnings:\n")
		for _, w := range c.Warnings {
			fmt.Fprintf(&b, "  %s\n", w)
		}
	}
	return b.String()
}
