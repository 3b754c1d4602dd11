package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/config"
	"github.com/orcid-tui/orcid-tui/internal/explain"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
)

const loginUsage = "orcid-tui login [--scopes LIST] [--no-browser] [--timeout DURATION]"
const tokenUsage = "orcid-tui token [--orcid ID] [--print [--on-terminal]]"
const logoutUsage = "orcid-tui logout [--local]"

const loginHelp = `usage: ` + loginUsage + `

Sign in through ORCID in the browser (OAuth 2.0 authorization code with
OpenID Connect) and keep the token in the OS keyring, or in a file only you
can read. Needs the environment's client id and secret (--client-id,
--client-secret, ORCID_CLIENT_ID, ORCID_CLIENT_SECRET or the config file) and
its registered redirect URI (--redirect-uri; default
http://127.0.0.1:8765/callback). With --demo everything is prefilled.

For a server named by --registry-url/--pub-url/--api-url only --client-id and
--client-secret (or --client-secret-file) count: ORCID_CLIENT_ID and
ORCID_CLIENT_SECRET usually hold another server's client and are not sent
there. Plain http:// is refused except for 127.0.0.1, ::1 and localhost.

Each step is printed on stderr as it happens; secrets and tokens are masked.

flags:
  --scopes LIST        space- or comma-separated, from: /authenticate, openid,
                       /read-limited, /activities/update, /person/update
                       (default: the environment's scopes in the config, else openid)
  --no-browser         do not open a browser: open the printed URL anywhere,
                       then paste the address the browser was sent to here
                       (its state is checked; a bare code is taken only with
                       openid, whose nonce ties it to this sign-in); also the
                       way over SSH
  --timeout DURATION   how long to wait for the browser (default 5m)
`

const tokenHelp = `usage: ` + tokenUsage + `

Print what the saved sign-in token of the selected environment is for:
environment, client, scopes, iD, name, expiry and the id_token's claims.
Tokens are masked. Exit 1 when there is none. An expired token with a
refresh token is refreshed on its next use (or now, by --print).

A saved token belongs to the registry and API URLs it was issued by: with
another --registry-url, --pub-url or --api-url nobody is signed in.

flags:
  --orcid ID      only the sign-in of this iD; --print needs it when several
                  iDs are signed in
  --print         write the bare access token (refreshed first when it has
                  expired) and nothing else to stdout, for scripts:
                  ORCID_TOKEN=$(orcid-tui token --print). Refused when
                  stdout is a terminal: the token would stay on screen and in
                  the scrollback
  --on-terminal   with --print: write it to a terminal all the same
`

const logoutHelp = `usage: ` + logoutUsage + `

Revoke the saved sign-in token(s) of the selected environment and client at
ORCID — the access token and its refresh token — then forget them. When
revoking fails (the registry cannot be reached, the client secret is
refused) the token is forgotten here all the same and the command says so
and exits 1: it may stay valid at ORCID until you revoke it under Trusted
parties in your ORCID account. Nothing saved is not an error.

flags:
  --local   only forget the saved token(s) here; do not ask ORCID to revoke
`

// loginFlags are login's own flags (--scopes goes to the globals: it is
// resolved with the config file like them).
type loginFlags struct {
	noBrowser bool
	timeout   time.Duration
}

func (c *cli) loginCommand(g *globals) *cobra.Command {
	var f loginFlags
	cmd := newCommand("login", loginUsage, loginHelp, func(cmd *cobra.Command, args []string) error {
		return c.login(cmd.Context(), g, f, args)
	})
	cmd.Flags().StringVar(&g.scopes, "scopes", "", "scopes")
	cmd.Flags().BoolVar(&f.noBrowser, "no-browser", false, "paste instead of a browser")
	cmd.Flags().DurationVar(&f.timeout, "timeout", auth.DefaultTimeout, "how long to wait")
	completeValues(cmd, "scopes", auth.SignInScopes...)
	cmd.ValidArgsFunction = cobra.NoFileCompletions
	return cmd
}

// tokenFlags are token's own flags.
type tokenFlags struct {
	print, onTerminal bool
	orcidID           string // --orcid, as the write commands name it
}

func (c *cli) tokenCommand(g *globals) *cobra.Command {
	var f tokenFlags
	cmd := newCommand("token", tokenUsage, tokenHelp, func(cmd *cobra.Command, args []string) error {
		return c.token(cmd.Context(), g, f, args)
	})
	cmd.Flags().BoolVar(&f.print, "print", false, "print the bare access token")
	cmd.Flags().BoolVar(&f.onTerminal, "on-terminal", false, "print it to a terminal too")
	cmd.Flags().StringVar(&f.orcidID, "orcid", "", "which signed-in iD")
	cmd.ValidArgsFunction = cobra.NoFileCompletions
	return cmd
}

func (c *cli) logoutCommand(g *globals) *cobra.Command {
	var local bool
	cmd := newCommand("logout", logoutUsage, logoutHelp, func(cmd *cobra.Command, args []string) error {
		return c.logout(cmd.Context(), g, local, args)
	})
	cmd.Flags().BoolVar(&local, "local", false, "forget without revoking")
	cmd.ValidArgsFunction = cobra.NoFileCompletions
	return cmd
}

// openStore opens the token store the config asks for: the OS keyring where
// it answers, else the token file (token_storage = "auto"); "file" skips
// the keyring; "keyring" insists on it.
func openStore(cfg *config.Config) (auth.Store, string, error) {
	if sel := cfg.Selected(); sel != nil && sel.Name == config.Demo {
		// The demo registry lives as long as this process: a token saved
		// for it would be refused by the next one.
		return auth.NewMemoryStore(), "", nil
	}
	switch cfg.TokenStorage.Value {
	case "file":
		return auth.OpenStore(auth.StoreOptions{NoKeyring: true})
	case "keyring":
		ks := auth.NewKeyringStore()
		if err := ks.Probe(); err != nil {
			return nil, "", userErrorf("the OS keyring is not available (%v) — set token_storage = \"auto\" or \"file\" in %s", err, cfg.Path)
		}
		return ks, "", nil
	}
	return auth.OpenStore(auth.StoreOptions{})
}

// signedIn opens the session, the token store and the authenticator.
func (c *cli) signedIn(ctx context.Context, g *globals) (*session, *auth.Authenticator, error) {
	s, err := c.openSession(ctx, g)
	if err != nil {
		return nil, nil, err
	}
	store, notice, err := c.openStore(s.cfg)
	if err != nil {
		s.close()
		return nil, nil, err
	}
	if notice != "" {
		fmt.Fprintf(c.stderr, "orcid-tui: %s\n", sanitize.Line(notice))
	}
	a, err := s.authenticator(store)
	if err != nil {
		s.close()
		return nil, nil, err
	}
	return s, a, nil
}

func (c *cli) login(ctx context.Context, g *globals, f loginFlags, pos []string) error {
	if len(pos) > 0 {
		return usagef(loginUsage, "login takes no arguments (scopes go in --scopes)")
	}
	if f.timeout <= 0 {
		return usagef(loginUsage, "--timeout must be positive")
	}
	s, a, err := c.signedIn(ctx, g)
	if err != nil {
		return err
	}
	defer s.close()

	fmt.Fprintf(c.stderr, "signing in to %s (%s) as client %s\n", s.env.Name, s.env.RegistryURL, sanitize.Line(s.sel.ClientID.Value))
	flow, err := a.SignIn(ctx, auth.SignInOptions{
		Scopes:    s.sel.Scopes.Value,
		NoBrowser: f.noBrowser,
		Timeout:   f.timeout,
		OnEvent:   c.printEvent(f.noBrowser),
	})
	if err != nil {
		return signInError(err)
	}
	defer flow.Cancel()
	if f.noBrowser || c.isTerminal() {
		go c.readPastes(flow)
	}
	sess, err := flow.Wait()
	var saveErr *auth.SaveError
	if errors.As(err, &saveErr) {
		// Package auth revoked the token it could not keep.
		return &userError{msg: "signed in, but the token could not be saved, so it was revoked: " + cliLine(explain.Of(saveErr.Err))}
	}
	if err != nil {
		return signInError(err)
	}
	who := string(sess.ORCID)
	if sess.Name != "" {
		who = sanitize.Line(sess.Name) + " (" + who + ")"
	}
	saved := "token saved — see: orcid-tui token"
	if s.env.Name == config.Demo {
		saved = "the demo registry forgets this token when the command ends"
	}
	fmt.Fprintf(c.stdout, "signed in as %s in %s; scopes %s; %s\n",
		who, s.env.Name, sanitize.Line(strings.Join(sess.Scopes, " ")), saved)
	return nil
}

// printEvent prints each sign-in step on stderr as it happens (Detail is
// already masked by package auth; it is still sanitised).
func (c *cli) printEvent(noBrowser bool) func(auth.Event) {
	return func(e auth.Event) {
		switch {
		case e.Step == auth.URLToCopy:
			if e.Err != nil && !noBrowser {
				fmt.Fprintf(c.stderr, "  could not open a browser (%s)\n", sanitize.Line(e.Err.Error()))
			}
			fmt.Fprintf(c.stderr, "open this URL in a browser:\n\n  %s\n\n", sanitize.Line(e.Detail))
			if noBrowser {
				fmt.Fprintln(c.stderr, "then paste the whole address the browser was sent to here and press Enter:")
			}
		case e.Err != nil:
			fmt.Fprintf(c.stderr, "  ✗ %s: %s\n", e.Step, sanitize.Line(e.Err.Error()))
		default:
			fmt.Fprintf(c.stderr, "  ✓ %s: %s\n", e.Step, sanitize.Line(e.Detail))
		}
	}
}

// readPastes feeds each line of stdin to the flow until it ends; a line that
// is not a valid answer is reported and the flow keeps waiting.
func (c *cli) readPastes(flow *auth.Flow) {
	sc := bufio.NewScanner(c.stdin)
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		select {
		case <-flow.Done():
			return
		default:
		}
		if err := flow.Paste(line); err != nil {
			if errors.Is(err, auth.ErrFlowFinished) {
				return
			}
			fmt.Fprintf(c.stderr, "  ✗ %s — paste again:\n", sanitize.Line(err.Error()))
		}
	}
}

// signInError words the ways a sign-in ends badly: package explain says
// what failed, cliRemedy what to do.
func signInError(err error) error {
	var ue *userError
	if errors.As(err, &ue) {
		return err
	}
	x := explain.Of(err)
	if x.Kind == explain.SignInTimeout {
		// Its words already say it was the sign-in.
		return &userError{msg: cliLine(x)}
	}
	return &userError{msg: "sign-in failed: " + cliLine(x)}
}

// savedSignIns checks the arguments of token and logout (they take none)
// and returns the sign-ins saved for the selected environment and client.
// The caller closes s.
func (c *cli) savedSignIns(ctx context.Context, g *globals, name, usage string, pos []string) (*session, *auth.Authenticator, []*auth.Session, error) {
	if len(pos) > 0 {
		return nil, nil, nil, usagef(usage, "%s takes no arguments", name)
	}
	s, a, err := c.signedIn(ctx, g)
	if err != nil {
		return nil, nil, nil, err
	}
	sessions, err := a.Sessions()
	if err != nil {
		s.close()
		return nil, nil, nil, err
	}
	return s, a, sessions, nil
}

func (c *cli) token(ctx context.Context, g *globals, f tokenFlags, args []string) error {
	if f.onTerminal && !f.print {
		return usagef(tokenUsage, "--on-terminal goes with --print")
	}
	var want orcid.ID
	if f.orcidID != "" {
		id, err := orcid.ParseID(f.orcidID)
		if err != nil {
			return usagef(tokenUsage, "--orcid: %v", err)
		}
		want = id
	}
	if f.print && !f.onTerminal && c.stdoutIsTerminal() {
		return usagef(tokenUsage, "--print writes the bare access token, and stdout is a terminal: it would stay on screen and in the scrollback — use ORCID_TOKEN=$(orcid-tui token --print), or add --on-terminal")
	}
	s, a, sessions, err := c.savedSignIns(ctx, g, "token", tokenUsage, args)
	if err != nil {
		return err
	}
	defer s.close()
	if want != "" {
		sessions = slices.DeleteFunc(sessions, func(ss *auth.Session) bool { return ss.ORCID != want })
		if len(sessions) == 0 {
			return userErrorf("%s is not signed in to %s (%s) with client %s — run: orcid-tui login (as %s)", want, s.env.Name, s.env.RegistryURL, sanitize.Line(s.sel.ClientID.Value), want)
		}
	}
	if len(sessions) == 0 {
		return userErrorf("no saved sign-in for %s (%s) with client %s — run: orcid-tui login", s.env.Name, s.env.RegistryURL, sanitize.Line(s.sel.ClientID.Value))
	}
	if f.print {
		if len(sessions) > 1 {
			// A script must get the token of the record it means, not
			// whichever sign-in happens to be newest.
			ids := make([]string, len(sessions))
			for i, ss := range sessions {
				ids[i] = string(ss.ORCID)
			}
			return usagef(tokenUsage, "several iDs are signed in (%s): say whose token with --orcid ID", strings.Join(ids, ", "))
		}
		return c.printToken(ctx, a, sessions[0])
	}
	now := time.Now()
	for i, sess := range sessions {
		if i > 0 {
			fmt.Fprintln(c.stdout)
		}
		c.printSummary(sess.Summary(now))
	}
	return nil
}

// printToken writes the sign-in's access token, refreshing (and
// saving) it first when it has expired, and nothing else.
func (c *cli) printToken(ctx context.Context, a *auth.Authenticator, sess *auth.Session) error {
	tok, err := a.TokenSource(sess).TokenContext(ctx)
	if err != nil {
		return fmt.Errorf("the saved token has expired and could not be refreshed: %w", err)
	}
	fmt.Fprintln(c.stdout, tok.AccessToken)
	return nil
}

// stdoutIsTerminal reports whether stdout is a terminal (not merely a
// character device: token --print >/dev/null is fine).
func (c *cli) stdoutIsTerminal() bool {
	if c.stdoutTerminal != nil {
		return c.stdoutTerminal()
	}
	return isTerminal(c.stdout)
}

// printSummary prints a masked token summary.
func (c *cli) printSummary(sum auth.Summary) {
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(c.stdout, "%-14s %s\n", k, sanitize.Line(v))
		}
	}
	row("environment", sum.Env)
	row("bound to", sum.Server) // registry, public API, member API: sent nowhere else
	row("client", sum.ClientID)
	row("ORCID iD", string(sum.ORCID))
	row("name", sum.Name)
	row("scopes", sum.Scopes)
	row("access token", sum.AccessToken)
	row("refresh token", sum.RefreshToken)
	if !sum.Obtained.IsZero() {
		row("obtained", sum.Obtained.Local().Format(time.RFC3339))
	}
	if !sum.Expiry.IsZero() {
		exp := sum.Expiry.Local().Format(time.RFC3339)
		switch {
		case sum.Expired && sum.RefreshToken != "":
			exp += " (expired — refreshed on next use, or now by: orcid-tui token --print)"
		case sum.Expired:
			exp += " (expired, and there is no refresh token — run: orcid-tui login)"
		}
		row("expires", exp)
	}
	if cl := sum.Claims; cl != nil {
		fmt.Fprintln(c.stdout, "id_token claims (decoded; verified at sign-in):")
		claim := func(k, v string) {
			if v != "" {
				fmt.Fprintf(c.stdout, "  %-12s %s\n", k, sanitize.Line(v))
			}
		}
		claim("iss", cl.Issuer)
		claim("sub", cl.Subject)
		claim("aud", strings.Join(cl.Audience, " "))
		claim("name", cl.Name)
		claim("given_name", cl.GivenName)
		claim("family_name", cl.FamilyName)
		claim("amr", cl.AMR)
		for _, t := range []struct {
			k string
			v time.Time
		}{{"iat", cl.IssuedAt}, {"auth_time", cl.AuthTime}, {"exp", cl.Expiry}} {
			if !t.v.IsZero() {
				claim(t.k, t.v.Local().Format(time.RFC3339))
			}
		}
	}
}

func (c *cli) logout(ctx context.Context, g *globals, local bool, args []string) error {
	s, a, sessions, err := c.savedSignIns(ctx, g, "logout", logoutUsage, args)
	if err != nil {
		return err
	}
	defer s.close()
	if len(sessions) == 0 {
		fmt.Fprintf(c.stderr, "no saved sign-in for %s with client %s: nothing to do\n", s.env.Name, sanitize.Line(s.sel.ClientID.Value))
		return nil
	}
	failed := 0
	for _, sess := range sessions {
		if local {
			if err := a.Forget(sess.Key()); err != nil {
				return fmt.Errorf("could not forget %s: %w", sess.ORCID, err)
			}
			fmt.Fprintf(c.stdout, "signed out %s from %s: token forgotten here, not revoked (it stays valid at ORCID until it expires or you revoke it under Trusted parties in your ORCID account)\n", sess.ORCID, s.env.Name)
			continue
		}
		err := a.Logout(ctx, sess)
		if err == nil {
			fmt.Fprintf(c.stdout, "signed out %s from %s: token revoked and forgotten\n", sess.ORCID, s.env.Name)
			continue
		}
		// As gh auth logout does: a token that cannot be revoked is still
		// forgotten here, after saying so.
		failed++
		fmt.Fprintf(c.stderr, "orcid-tui: revoking failed for %s: %s\n", sess.ORCID, cliLine(explain.Of(err)))
		if ferr := a.Forget(sess.Key()); ferr != nil {
			return fmt.Errorf("could not forget %s either: %w", sess.ORCID, ferr)
		}
		fmt.Fprintf(c.stdout, "signed out %s from %s: token forgotten here, but not revoked (revoke it under Trusted parties in your ORCID account)\n", sess.ORCID, s.env.Name)
	}
	if failed > 0 {
		return &userError{msg: fmt.Sprintf("%d token(s) could not be revoked at %s (forgotten here)", failed, s.env.RegistryURL)}
	}
	return nil
}
