package auth

import (
	"errors"
	"fmt"
	"strings"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// Every stored token is bound to the server it was issued for: the
// registry URL (issuer, token and revoke endpoints) and the two API URLs it
// is read with. An Authenticator uses a token only when all three equal its
// environment's, so pointing a name at another URL (--registry-url,
// --pub-url, --api-url) means "not signed in here": the token is neither
// listed nor sent, refreshed or revoked there. The binding is part of the
// store key, so a sign-in at another URL under the same name is kept beside
// the first instead of replacing it.
//
// Tokens saved before binding carry no URLs. Such a token is taken as
// issued by ORCID's own registry of its environment name (production or
// sandbox: the only registries a name stood for by default) and is moved to
// a bound entry when first listed there; under any other name, or at any
// other URL, it is not used (sign in again).

// ErrOtherServer: a session was issued by another registry or for other API
// URLs than the Authenticator's; it is not sent there.
var ErrOtherServer = errors.New("the token was issued for another server: sign in here")

// ServerOf is the binding of env: its three base URLs, without a trailing
// slash, in one string (the Server of a Key).
func ServerOf(env orcid.Environment) string {
	t := func(s string) string { return strings.TrimRight(s, "/") }
	return t(env.RegistryURL) + " " + t(env.PublicAPIURL) + " " + t(env.MemberAPIURL)
}

// bind records env's URLs in s.
func (s *Session) bind(env orcid.Environment) {
	t := func(u string) string { return strings.TrimRight(u, "/") }
	s.RegistryURL, s.PublicAPIURL, s.MemberAPIURL = t(env.RegistryURL), t(env.PublicAPIURL), t(env.MemberAPIURL)
}

// Server is the binding of s ("" for a token saved before binding).
func (s *Session) Server() string {
	if s.RegistryURL == "" && s.PublicAPIURL == "" && s.MemberAPIURL == "" {
		return ""
	}
	return s.RegistryURL + " " + s.PublicAPIURL + " " + s.MemberAPIURL
}

// server is the binding of the Authenticator's environment.
func (a *Authenticator) server() string { return ServerOf(a.cfg.Env) }

// Owns reports whether s belongs here: this environment name, this client
// and this server. Only such a session's tokens are ever sent.
func (a *Authenticator) Owns(s *Session) bool {
	return s != nil && s.Env == a.cfg.Env.Name && s.ClientID == a.cfg.ClientID && s.Server() == a.server()
}

// checkOwns is ErrOtherServer (wrapped with both registries named) unless
// a owns s.
func (a *Authenticator) checkOwns(s *Session) error {
	if a.Owns(s) {
		return nil
	}
	from := s.RegistryURL
	if from == "" {
		from = "an unknown server"
	}
	return fmt.Errorf("%s's token for %s (issued by %s) is not for %s: %w", s.Env, s.ClientID, from, a.cfg.Env.RegistryURL, ErrOtherServer)
}

// legacyServer is the server a token saved before binding is taken to be
// bound to: ORCID's own registry of that environment name, or none.
func legacyServer(env string) string {
	switch env {
	case orcid.Production.Name:
		return ServerOf(orcid.Production)
	case orcid.Sandbox.Name:
		return ServerOf(orcid.Sandbox)
	}
	return ""
}

// clientKey is where this Authenticator's client token is kept.
func (a *Authenticator) clientKey() Key {
	return Key{Env: a.cfg.Env.Name, ClientID: a.cfg.ClientID, Server: a.server()}
}

// StoredClientToken is the application's client token kept in the Store
// for this environment, client and server (ErrNotStored when there is none
// or no Store). It may have expired.
func (a *Authenticator) StoredClientToken() (*Session, error) {
	if a.cfg.Store == nil {
		return nil, ErrNotStored
	}
	return a.cfg.Store.Get(a.clientKey())
}
