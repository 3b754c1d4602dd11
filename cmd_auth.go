package main

import (
	"context"
)

const loginUsage = "orcid-tui login [--scopes LIST] [--no-browser]"
const tokenUsage = "orcid-tui token"
const logoutUsage = "orcid-tui logout"

const loginHelp = `usage: ` + loginUsage + `

Sign in through ORCID (OAuth 2.0 authorization code, OpenID Connect).

flags:
  --scopes LIST   space- or comma-separated: /authenticate, openid,
                  /read-limited, /activities/update, /person/update
                  (default "openid")
  --no-browser    do not open a browser; print the URL and paste the address
                  the browser was sent to (or the code) back here
`

const tokenHelp = `usage: ` + tokenUsage + `

Print what the saved token is for: environment, client, scopes, iD, name,
expiry and the id_token's claims. The token itself is masked.
`

const logoutHelp = `usage: ` + logoutUsage + `

Revoke the saved token at ORCID, then forget it.
`

func loginCommand() *command {
	return &command{name: "login", usage: loginUsage, summary: "sign in", run: (*cli).login}
}
func tokenCommand() *command {
	return &command{name: "token", usage: tokenUsage, summary: "saved token", run: (*cli).token}
}
func logoutCommand() *command {
	return &command{name: "logout", usage: logoutUsage, summary: "sign out", run: (*cli).logout}
}

func (c *cli) login(ctx context.Context, g *globals, args []string) error {
	fs := c.newFlagSet("login", loginUsage, loginHelp, g)
	fs.String("scopes", "openid", "scopes")
	fs.Bool("no-browser", false, "paste instead of a browser")
	if _, err := fs.parse(args, true); err != nil {
		return err
	}
	return userErrorf("sign-in is not available in this build yet")
}

func (c *cli) token(ctx context.Context, g *globals, args []string) error {
	fs := c.newFlagSet("token", tokenUsage, tokenHelp, g)
	if _, err := fs.parse(args, true); err != nil {
		return err
	}
	return userErrorf("tokens are not available in this build yet")
}

func (c *cli) logout(ctx context.Context, g *globals, args []string) error {
	fs := c.newFlagSet("logout", logoutUsage, logoutHelp, g)
	if _, err := fs.parse(args, true); err != nil {
		return err
	}
	return userErrorf("sign-out is not available in this build yet")
}
