package envpane

// Token operations: stored tokens looked up at start, a client-credentials
// token, refresh, revoke and forget, each cancellable and dropped when stale.

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// cancelOps stops what e has under way: a token request and a sign-in flow.
func (m *Model) cancelOps(e *envState) {
	if e.cancel != nil {
		e.cancel()
		e.cancel = nil
	}
	e.busy, e.req = "", 0
	if e.flow != nil && !e.flow.done && e.flow.flow != nil {
		e.flow.flow.Cancel()
	}
	e.flow = nil
}

// start marks e busy with a new request and returns its context.
func (m *Model) start(e *envState, what string) (context.Context, uint64) {
	if e.cancel != nil {
		e.cancel()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	e.cancel = cancel
	e.req = common.NextRequestID()
	e.busy, e.errMsg, e.note = what, "", ""
	return ctx, e.req
}

// store is where e's tokens are kept.
func (m *Model) store(e *envState) auth.Store {
	if e.spec.Ephemeral || m.cfg.Store == nil {
		return auth.NewMemoryStore()
	}
	return m.cfg.Store
}

// loadStored looks up tokens kept from earlier runs (the keyring may be
// slow, so off the UI goroutine).
func (m *Model) loadStored(e *envState) tea.Cmd {
	if e == nil || e.loaded || e.spec.Ephemeral || m.cfg.Store == nil {
		return nil
	}
	a, err := m.authenticator(e)
	if err != nil {
		e.loaded = true
		return nil
	}
	e.loaded = true
	name := e.spec.Name
	req := common.NextRequestID()
	e.loadReq = req
	return func() tea.Msg {
		r := envResultMsg{env: name, req: req, op: "stored"}
		if s, err := a.StoredClientToken(); err == nil && s.Token().Valid() {
			r.tok = s
		}
		if u, err := a.Current(); err == nil {
			r.user = u
		}
		return r
	}
}

func (m *Model) clientToken(e *envState) tea.Cmd {
	a, err := m.authenticator(e)
	if err != nil {
		e.errMsg = "a client token needs a client id and secret: press e to enter them"
		return nil
	}
	ctx, req := m.start(e, "getting a client token")
	name := e.spec.Name
	return tea.Batch(func() tea.Msg {
		// Asking for a client token gets a new one: the one held may have
		// been revoked by the registry while it still looks valid here.
		_ = a.ForgetClientToken()
		s, err := a.ClientToken(ctx)
		return envResultMsg{env: name, req: req, op: "client token", tok: s, err: err}
	}, m.spin.Tick)
}

func (m *Model) refresh(e *envState) tea.Cmd {
	if e.user == nil {
		e.errMsg = "nobody is signed in here: press l to sign in"
		return nil
	}
	if e.user.RefreshToken == "" {
		e.errMsg = "this sign-in has no refresh token"
		return nil
	}
	a, err := m.authenticator(e)
	if err != nil {
		e.errMsg = "refreshing needs the client id and secret"
		return nil
	}
	ctx, req := m.start(e, "refreshing the token")
	name, user := e.spec.Name, e.user
	return tea.Batch(func() tea.Msg {
		s, err := a.Refresh(ctx, user)
		return envResultMsg{env: name, req: req, op: "refresh", user: s, err: err}
	}, m.spin.Tick)
}

func (m *Model) revoke(e *envState) tea.Cmd {
	a, err := m.authenticator(e)
	if err != nil || (e.user == nil && e.clientTok == nil) {
		e.errMsg = "there is no token to revoke here"
		return nil
	}
	ctx, req := m.start(e, "revoking the token")
	name, user, tok := e.spec.Name, e.user, e.clientTok
	return tea.Batch(func() tea.Msg {
		if user != nil {
			return envResultMsg{env: name, req: req, op: "revoke", user: user, err: a.Logout(ctx, user)}
		}
		err := a.Revoke(ctx, tok.AccessToken)
		if ferr := a.ForgetClientToken(); err == nil {
			err = ferr
		}
		return envResultMsg{env: name, req: req, op: "revoke", tok: tok, err: err}
	}, m.spin.Tick)
}

func (m *Model) forget(e *envState) tea.Cmd {
	a, err := m.authenticator(e)
	if err != nil || (e.user == nil && e.clientTok == nil) {
		e.errMsg = "there is no token to forget here"
		return nil
	}
	_, req := m.start(e, "forgetting the token")
	name, user, tok := e.spec.Name, e.user, e.clientTok
	return func() tea.Msg {
		if user != nil {
			return envResultMsg{env: name, req: req, op: "forget", user: user, err: a.Forget(user.Key())}
		}
		return envResultMsg{env: name, req: req, op: "forget", tok: tok, err: a.ForgetClientToken()}
	}
}

func (m *Model) onResult(msg envResultMsg) tea.Cmd {
	e := m.byName(msg.env)
	switch {
	case e == nil:
		return nil
	case msg.op == "stored":
		if msg.req != e.loadReq {
			return nil
		}
		e.loadReq = 0
	case msg.req != e.req:
		return nil // stale
	default:
		// Done with the request: release its context (a 2-minute timer).
		if e.cancel != nil {
			e.cancel()
		}
		e.busy, e.req, e.cancel = "", 0, nil
	}
	if msg.err != nil && msg.op == "refresh" && e.user != nil && e.authn != nil && auth.TokenForgotten(msg.err) {
		// The registry no longer knows this sign-in (revoked there): it is
		// over here too, and its saved token is dropped (off this goroutine).
		a, k := e.authn, e.user.Key()
		e.user, e.member, e.memberErr = nil, nil, ""
		e.errMsg = "the registry no longer accepts this sign-in (revoked there?): press l to sign in again"
		return tea.Batch(m.sessionCmd(), func() tea.Msg { _ = a.Forget(k); return nil })
	}
	if msg.err != nil {
		short, _ := common.Describe(msg.err)
		e.errMsg = msg.op + " failed: " + short
		if errors.Is(msg.err, context.Canceled) {
			return nil
		}
		return common.Cmd(common.ErrorMsg{Err: msg.err, What: msg.op})
	}
	a := e.authn
	switch msg.op {
	case "stored":
		if msg.tok != nil && e.clientTok == nil && a != nil {
			e.setClientTok(msg.tok)
			e.pub = a.PublicClient(m.publicOptions(e)...)
		}
		if msg.user != nil && e.user == nil {
			m.setUser(e, msg.user)
			e.note = "signed in from an earlier run"
		}
		if msg.tok == nil && msg.user == nil {
			return nil
		}
	case "client token":
		e.setClientTok(msg.tok)
		if a != nil {
			e.pub = a.PublicClient(m.publicOptions(e)...)
		}
		e.note = "client token obtained: searches and reads use it"
	case "refresh":
		m.setUser(e, msg.user)
		e.note = "token refreshed"
	case "revoke", "forget":
		verb := map[string]string{"revoke": "revoked", "forget": "forgotten"}[msg.op]
		if msg.user != nil {
			e.user, e.member, e.memberErr = nil, nil, ""
			e.note = "sign-in " + verb
		} else {
			e.clientTok, e.pub = nil, nil
			if a != nil && msg.op == "forget" {
				// The authenticator keeps it in memory too.
				_ = a.ForgetClientToken()
			}
			e.note = "client token " + verb
		}
	}
	if e != m.cur() {
		return nil
	}
	return tea.Batch(m.sessionCmd(), common.Cmd(common.StatusMsg{Text: e.note}))
}

// setClientTok keeps the client token and its summary.
func (e *envState) setClientTok(s *auth.Session) {
	e.clientTok = s
	if s != nil {
		e.clientSum = s.Summary(time.Time{}) // expiry is judged when drawn
	}
}

func (m *Model) setUser(e *envState, s *auth.Session) {
	e.user, e.member, e.memberErr = s, nil, ""
	if s != nil {
		e.userSum = s.Summary(time.Time{}) // expiry is judged when drawn
	}
	if s == nil || e.authn == nil {
		return
	}
	mc, err := e.authn.MemberClient(s, m.cfg.MemberOptions...)
	if err != nil {
		e.memberErr = "records are read from the public API: the token lacks " + auth.ScopeReadLimited
		return
	}
	e.member = mc
}
