// Package auth is the OAuth 2.0 and OpenID Connect room of orcid-tui.
//
// It gets tokens from an ORCID registry in the ways ORCID allows: a
// /read-public token for the application itself (client credentials) and a
// token for a signed-in person through the authorization-code flow, with the
// browser sent to the registry and the answer received on a loopback listener
// on 127.0.0.1 (or pasted back by hand where no browser can reach it).
// It verifies OpenID Connect id_tokens with go-oidc, reads userinfo, refreshes
// and revokes tokens, and keeps them in the OS keyring or in a private file.
//
// ORCID has no PKCE and always requires the client secret, so every token
// request carries the secret in the form (AuthStyleInParams), as ORCID's own
// documentation does. Every step of a flow is reported as an Event whose
// Detail never carries a secret, a code or a token unmasked.
package auth
