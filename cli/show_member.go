package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// memberReader is the member API client show reads id with when the user is
// signed in as id with /read-limited.
type memberReader struct {
	client *orcid.Client
	id     orcid.ID
	env    string
}

// memberClientFor returns a member API client for id when the token store
// holds a sign-in of the selected environment and client for id whose
// scopes include /read-limited; nil (read the public API) otherwise.
//
// The store is opened only when a client id and secret are configured (the
// authenticator needs both to refresh the token), and the whole look-up runs
// within one keyring budget (c.keyringBudget, by default
// auth.DefaultKeyringTimeout): a keyring that hangs makes show fall back to
// the public API with a warning, never wait. A store that cannot be opened
// is a warning too: show still reads the public record.
func (c *cli) memberClientFor(g *globals, s *session, id orcid.ID) *memberReader {
	if s.sel.ClientID.Value == "" || s.sel.ClientSecret.Value == "" {
		return nil
	}
	f, err := c.findSignIns(s, func(ss *auth.Session) bool { return ss.ORCID == id && ss.Has(auth.ScopeReadLimited) })
	var timeout *storeTimeoutError
	switch {
	case errors.As(err, &timeout):
		c.warn(fmt.Sprintf("the token store did not answer within %s: reading %s from the public API (limited items are not shown)", timeout.budget, id))
		return nil
	case err != nil:
		c.warn(fmt.Sprintf("could not read the saved sign-ins (%s): reading %s from the public API (limited items are not shown)", describeError(context.Background(), err), id))
		return nil
	case len(f.sessions) == 0:
		return nil
	}
	opts := append([]orcid.Option{orcid.WithRateLimit(s.cfg.MemberLimit.PerSecond.Value, s.cfg.MemberLimit.Burst.Value)}, c.timeoutOptions(g)...)
	mc, err := f.a.MemberClient(f.sessions[0], opts...)
	if err != nil {
		return nil // cannot happen: the session has /read-limited
	}
	return &memberReader{client: mc, id: id, env: s.env.Name}
}

// signIns are the saved sign-ins findSignIns found, with the
// authenticator that refreshes and revokes them.
type signIns struct {
	a        *auth.Authenticator
	sessions []*auth.Session // newest first
}

// storeTimeoutError: the token store did not answer within the budget.
type storeTimeoutError struct{ budget time.Duration }

func (e *storeTimeoutError) Error() string {
	return fmt.Sprintf("the token store did not answer within %s", e.budget)
}

// findSignIns lists the saved sign-ins of the selected environment and
// client that match. The whole look-up runs within one keyring budget
// (c.keyringBudget, by default auth.DefaultKeyringTimeout): a keyring that
// hangs is a *storeTimeoutError, never a wait.
func (c *cli) findSignIns(s *session, match func(*auth.Session) bool) (*signIns, error) {
	type found struct {
		f   *signIns
		err error
	}
	ch := make(chan found, 1)
	open := c.openStore
	go func() {
		store, _, err := open(s.cfg) // the store's notice is for login and token
		if err != nil {
			ch <- found{err: err}
			return
		}
		a, err := s.authenticator(store)
		if err != nil {
			ch <- found{err: err}
			return
		}
		sessions, err := a.Sessions()
		if err != nil {
			ch <- found{err: err}
			return
		}
		f := &signIns{a: a}
		for _, ss := range sessions {
			if match(ss) {
				f.sessions = append(f.sessions, ss)
			}
		}
		ch <- found{f: f}
	}()
	budget := c.keyringBudget
	if budget <= 0 {
		budget = auth.DefaultKeyringTimeout
	}
	timer := time.NewTimer(budget)
	defer timer.Stop()
	select {
	case f := <-ch:
		return f.f, f.err
	case <-timer.C:
		return nil, &storeTimeoutError{budget: budget}
	}
}

// memberError words a failed member API read. A token ORCID no longer
// accepts (revoked, expired, refresh refused) ends show with advice: reading
// the public API instead would quietly leave out the limited items the user
// asked for by being signed in.
func (m *memberReader) memberError(ctx context.Context, err error) error {
	if err == nil || m == nil || ctx.Err() != nil || !tokenRejected(err) {
		return err
	}
	return userErrorf("the saved sign-in for %s in %s is no longer valid (ORCID rejected its token: revoked or expired) — run: orcid-tui login --scopes \"openid /read-limited\", or add --public to read the public record", m.id, sanitize.Line(m.env))
}

// tokenRejected reports whether err is ORCID refusing the user's token: 401
// invalid_token on a read, or the refresh of an expired token refused.
func tokenRejected(err error) bool {
	var oe *orcid.OAuthError
	if errors.As(err, &oe) {
		switch oe.Code {
		case "invalid_token", "invalid_grant":
			return true
		}
		return oe.StatusCode == 401
	}
	var ae *orcid.APIError
	if errors.As(err, &ae) && ae.StatusCode == 401 {
		return true
	}
	// An expired token without a refresh token (golang.org/x/oauth2 says
	// so in words only).
	return strings.Contains(err.Error(), "refresh token is not set")
}
