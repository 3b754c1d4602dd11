package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// Session is a token with what ORCID said about it. It is what the Store
// keeps. A client token has no ORCID iD.
type Session struct {
	Env          string    `json:"env"`
	ClientID     string    `json:"client_id"`
	ORCID        orcid.ID  `json:"orcid,omitempty"`
	Name         string    `json:"name,omitempty"`
	Scopes       []string  `json:"scopes"`
	AccessToken  string    `json:"access_token"`
	RefreshToken string    `json:"refresh_token,omitempty"`
	TokenType    string    `json:"token_type,omitempty"`
	Expiry       time.Time `json:"expiry,omitzero"`
	IDToken      string    `json:"id_token,omitempty"`
	Obtained     time.Time `json:"obtained,omitzero"`
	// The server the token was issued for (see ServerOf): it is sent
	// nowhere else. Empty in tokens saved before tokens were bound.
	RegistryURL  string `json:"registry_url,omitempty"`
	PublicAPIURL string `json:"public_api_url,omitempty"`
	MemberAPIURL string `json:"member_api_url,omitempty"`

	// Claims are the verified id_token claims (set by the sign-in flow; not
	// stored: use Summary, which decodes the stored id_token for display).
	Claims *Claims `json:"-"`
	// UserInfo is /oauth/userinfo's answer (set by the sign-in flow).
	UserInfo *UserInfo `json:"-"`
}

// Key says where a Session is kept.
func (s *Session) Key() Key {
	return Key{Env: s.Env, ClientID: s.ClientID, ORCID: s.ORCID, Server: s.Server()}
}

// Token is the session as an oauth2.Token.
func (s *Session) Token() *oauth2.Token {
	if s == nil {
		return nil
	}
	t := &oauth2.Token{AccessToken: s.AccessToken, TokenType: s.TokenType, RefreshToken: s.RefreshToken, Expiry: s.Expiry}
	return t
}

// Has says whether the token was granted scope.
func (s *Session) Has(scope string) bool { return slices.Contains(s.Scopes, scope) }

// Summary is a Session safe to draw: every secret masked.
type Summary struct {
	Env          string
	ClientID     string // masked like "APP-674M…"
	ORCID        orcid.ID
	Name         string
	Scopes       string // space-separated
	AccessToken  string // masked
	RefreshToken string // masked, "" when none
	Expiry       time.Time
	Expired      bool
	Obtained     time.Time
	Claims       *Claims // decoded from the id_token (verified at sign-in only)
	// Server is the registry and API URLs the token is bound to ("" for a
	// token saved before binding).
	Server string
}

// Summary masks the session for display. now decides Expired.
func (s *Session) Summary(now time.Time) Summary {
	sum := Summary{
		Env:          s.Env,
		ClientID:     maskClientID(s.ClientID),
		ORCID:        s.ORCID,
		Name:         s.Name,
		Scopes:       strings.Join(s.Scopes, " "),
		AccessToken:  Mask(s.AccessToken),
		RefreshToken: Mask(s.RefreshToken),
		Expiry:       s.Expiry,
		Expired:      !s.Expiry.IsZero() && !now.Before(s.Expiry),
		Obtained:     s.Obtained,
		Claims:       s.Claims,
		Server:       s.Server(),
	}
	if sum.Claims == nil && s.IDToken != "" {
		sum.Claims, _ = DecodeClaims(s.IDToken)
	}
	return sum
}

func maskClientID(id string) string {
	if len(id) > 8 {
		return id[:8] + "…"
	}
	return id
}

// sessionFromToken builds a Session from a token response, keeping ORCID's
// extras (orcid, name, id_token, scope).
func (a *Authenticator) sessionFromToken(tok *oauth2.Token, asked []string) *Session {
	s := a.newSession(asked).update(tok)
	if v, ok := tok.Extra("orcid").(string); ok && v != "" {
		if id, err := orcid.ParseID(v); err == nil {
			s.ORCID = id
		} else {
			s.ORCID = orcid.ID(v)
		}
	}
	return s
}

// newSession is an empty session of this environment and client.
func (a *Authenticator) newSession(scopes []string) *Session {
	s := &Session{Env: a.cfg.Env.Name, ClientID: a.cfg.ClientID, Scopes: slices.Clone(scopes)}
	s.bind(a.cfg.Env)
	return s
}

// update copies a new or refreshed token into a copy of s; ORCID's extras
// (id_token, name, scope) replace s's only when the answer carries them.
func (s *Session) update(tok *oauth2.Token) *Session {
	n := *s
	n.AccessToken = tok.AccessToken
	if tok.RefreshToken != "" {
		n.RefreshToken = tok.RefreshToken
	}
	if tok.TokenType != "" {
		n.TokenType = tok.TokenType
	}
	n.Expiry = tok.Expiry
	n.Obtained = time.Now()
	if v, ok := tok.Extra("id_token").(string); ok && v != "" {
		n.IDToken = v
		n.Claims = nil
	}
	if v, ok := tok.Extra("name").(string); ok && v != "" {
		n.Name = v
	}
	if v, ok := tok.Extra("scope").(string); ok && strings.TrimSpace(v) != "" {
		n.Scopes = strings.Fields(v)
	}
	return &n
}

// SavingTokenSource refreshes a signed-in session's token when it expires
// and saves every new token to the Store, so a rotated refresh token is
// never lost. One refresh runs at a time (a refresh token may be good for
// one use only); no lock is held while it runs. It implements
// orcid.ContextTokenSource, so a client's read cancels its refresh.
type SavingTokenSource struct {
	a       *Authenticator
	refresh flight[*oauth2.Token]

	mu      sync.Mutex
	sess    *Session
	tok     *oauth2.Token // the current token, sess's
	saveErr error
}

var _ orcid.ContextTokenSource = (*SavingTokenSource)(nil)

// TokenSource returns a source for s that refreshes and saves.
func (a *Authenticator) TokenSource(s *Session) *SavingTokenSource {
	return &SavingTokenSource{a: a, sess: s, tok: s.Token()}
}

// Token returns a valid token, refreshing (and saving) it when needed.
func (ts *SavingTokenSource) Token() (*oauth2.Token, error) {
	return ts.TokenContext(context.Background())
}

// TokenContext is Token for a request made with ctx: the refresh is made
// with ctx, and a caller whose ctx is done returns ctx's error at once.
func (ts *SavingTokenSource) TokenContext(ctx context.Context) (*oauth2.Token, error) {
	if err := ts.a.checkOwns(ts.Session()); err != nil {
		return nil, err
	}
	if tok := ts.valid(); tok != nil {
		return tok, nil
	}
	tok, err := ts.refresh.do(ctx, ts.fetch)
	if err != nil && ctx.Err() != nil {
		return nil, fmt.Errorf("refresh token: %w", ctx.Err())
	}
	return tok, err
}

// valid is a copy of the current token when it is still valid.
func (ts *SavingTokenSource) valid() *oauth2.Token {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if !ts.tok.Valid() {
		return nil
	}
	t := *ts.tok
	return &t
}

// fetch is TokenContext's refresh: it gets a new token with the session's
// refresh token and saves the session.
func (ts *SavingTokenSource) fetch(ctx context.Context) (*oauth2.Token, error) {
	if tok := ts.valid(); tok != nil { // refreshed by the flight just before this one
		return tok, nil
	}
	sess := ts.Session()
	// Under the store's refresh lock: another program refreshing the same
	// token at once either went first (its pair is adopted) or waits.
	n, adopted, saveErr, err := ts.a.refreshSaved(ctx, sess)
	if err != nil {
		return nil, err
	}
	ts.mu.Lock()
	ts.sess, ts.tok = n, n.Token()
	if !adopted {
		ts.saveErr = saveErr
	}
	t := *ts.tok
	ts.mu.Unlock()
	return &t, nil
}

// Session is the latest session (after any refresh).
func (ts *SavingTokenSource) Session() *Session {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.sess
}

// SaveErr is the error of the last save, if it failed.
func (ts *SavingTokenSource) SaveErr() error {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.saveErr
}

// Refresh gets a new access token with s's refresh token now, and saves it.
func (a *Authenticator) Refresh(ctx context.Context, s *Session) (*Session, error) {
	if err := a.checkOwns(s); err != nil {
		return nil, err
	}
	n, _, saveErr, err := a.refreshSaved(ctx, s)
	if err != nil {
		return nil, err
	}
	if saveErr != nil {
		return n, fmt.Errorf("refreshed, but not saved: %w", saveErr)
	}
	return n, nil
}

// savedNewer is the session saved under s's key when it is another, valid
// token of this server: another program refreshed s meanwhile (and retired
// s's pair). Nil otherwise.
func (a *Authenticator) savedNewer(s *Session) *Session {
	if a.cfg.Store == nil {
		return nil
	}
	n, err := a.cfg.Store.Get(s.Key())
	if err != nil || !a.Owns(n) || n.AccessToken == s.AccessToken || !n.Token().Valid() {
		return nil
	}
	return n
}

// retire revokes the pair a refresh superseded, once the new pair n is
// saved: revoke_old=true may be dropped on the way (ORCID's current token
// forwarders do not pass it on), and an ORCID token lives about 20 years.
// When the answer carried no new refresh token the old one is still n's,
// and revoking old's access token could take it along: nothing is revoked.
// A failure is not the refresh's: the new pair works either way.
func (a *Authenticator) retire(ctx context.Context, old, n *Session) {
	if n.RefreshToken == old.RefreshToken || old.AccessToken == "" || old.AccessToken == n.AccessToken {
		return
	}
	// Not cut short by the caller's request ending: the old pair must die.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	_ = a.Revoke(rctx, old.AccessToken)
	_ = a.Revoke(rctx, old.RefreshToken)
}

// Revoke revokes token (an access or refresh token) at /oauth/revoke.
// Revoking an access token also revokes its refresh token.
func (a *Authenticator) Revoke(ctx context.Context, token string) error {
	form := url.Values{"token": {token}, "client_id": {a.cfg.ClientID}, "client_secret": {a.cfg.ClientSecret}}
	u := a.cfg.Env.RegistryURL + "/oauth/revoke"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := a.http.Do(req)
	if err != nil {
		return redactErr(fmt.Errorf("revoke: %w", err), []string{token})
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 == 2 {
		return nil
	}
	return redactErr(fmt.Errorf("revoke: %w", oauthErrorFrom(resp.StatusCode, body)), []string{token, a.cfg.ClientSecret})
}

// Logout revokes s's access token and its refresh token, then forgets s.
// Revoking the access token removes its refresh token on ORCID, but an
// expired access token may be unknown there, and the refresh token must not
// outlive the logout: both are revoked. A token the registry no longer
// knows is forgotten all the same. When revoking fails, s is kept and the
// error returned; the caller may Forget it after saying so.
func (a *Authenticator) Logout(ctx context.Context, s *Session) error {
	if err := a.checkOwns(s); err != nil {
		return err
	}
	if err := a.revokeAll(ctx, s.AccessToken, s.RefreshToken); err != nil {
		return err
	}
	return a.Forget(s.Key())
}

// revokeAll revokes each non-empty token; "invalid_token" (already dead)
// counts as done. It returns the first other failure.
func (a *Authenticator) revokeAll(ctx context.Context, tokens ...string) error {
	var first error
	for _, t := range tokens {
		if t == "" {
			continue
		}
		if err := a.Revoke(ctx, t); err != nil {
			var oe *orcid.OAuthError
			if (!errors.As(err, &oe) || oe.Code != "invalid_token") && first == nil {
				first = err
			}
		}
	}
	return first
}

// Forget removes a stored session without revoking it.
func (a *Authenticator) Forget(k Key) error {
	if a.cfg.Store == nil {
		return nil
	}
	if err := a.cfg.Store.Delete(k); err != nil && !errors.Is(err, ErrNotStored) {
		return err
	}
	return nil
}

// Sessions lists the stored signed-in sessions of this environment and
// client, newest first.
func (a *Authenticator) Sessions() ([]*Session, error) {
	if a.cfg.Store == nil {
		return nil, nil
	}
	keys, err := a.cfg.Store.List()
	if err != nil {
		return nil, err
	}
	var out []*Session
	for _, k := range keys {
		if k.Env != a.cfg.Env.Name || k.ClientID != a.cfg.ClientID || k.ORCID == "" {
			continue
		}
		legacy := k.Server == "" && legacyServer(k.Env) == a.server()
		if k.Server != a.server() && !legacy {
			continue
		}
		s, err := a.cfg.Store.Get(k)
		if err != nil {
			continue
		}
		if legacy {
			s = a.migrate(k, s)
		}
		if a.Owns(s) {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(x, y *Session) int { return y.Obtained.Compare(x.Obtained) })
	return out, nil
}

// migrate binds a session saved before binding to this server (the caller
// checked that its name stood for this server) and moves it to its bound
// entry. When the move fails the bound copy is still used; the old entry is
// tried again next time.
func (a *Authenticator) migrate(old Key, s *Session) *Session {
	n := *s
	n.bind(a.cfg.Env)
	if err := a.cfg.Store.Put(&n); err == nil {
		_ = a.cfg.Store.Delete(old)
	}
	return &n
}

// Current is the most recently obtained stored session of this environment
// and client, or ErrNotStored.
func (a *Authenticator) Current() (*Session, error) {
	ss, err := a.Sessions()
	if err != nil {
		return nil, err
	}
	if len(ss) == 0 {
		return nil, ErrNotStored
	}
	return ss[0], nil
}

// MemberClient is an orcid.Client for the member API that reads with s's
// token (limited items included), refreshing and saving it as needed. The
// client's own limiter applies (member limits).
func (a *Authenticator) MemberClient(s *Session, opts ...orcid.Option) (*orcid.Client, error) {
	return a.memberClient(s, ScopeReadLimited, "member API reads need", opts)
}

// WriteClient is an orcid.Client for the member API that writes with s's
// token (refreshed and saved like MemberClient's); s must have been granted
// scope (/activities/update or /person/update).
func (a *Authenticator) WriteClient(s *Session, scope string, opts ...orcid.Option) (*orcid.Client, error) {
	return a.memberClient(s, scope, "writing needs", opts)
}

// memberClient is a member API client with s's token, which must have
// scope for what the client is for.
func (a *Authenticator) memberClient(s *Session, scope, what string, opts []orcid.Option) (*orcid.Client, error) {
	if !s.Has(scope) {
		return nil, fmt.Errorf("%s %s: %w", what, scope, ErrScopeNotGranted)
	}
	if err := a.checkOwns(s); err != nil {
		return nil, err
	}
	opts = append(slices.Clip(opts), orcid.WithTokenSource(a.TokenSource(s), orcid.MemberAPI))
	return orcid.New(a.cfg.Env, opts...), nil
}

// PublicClient is an orcid.Client for the public API that reads with the
// application's /read-public token.
func (a *Authenticator) PublicClient(opts ...orcid.Option) *orcid.Client {
	opts = append(slices.Clip(opts), orcid.WithTokenSource(a.ClientTokenSource(), orcid.PublicAPI))
	return orcid.New(a.cfg.Env, opts...)
}

// oauthErrorFrom reads an OAuth-style error body ("error_description" or
// ORCID's "error-description").
func oauthErrorFrom(status int, body []byte) *orcid.OAuthError {
	var v struct {
		Error     string `json:"error"`
		Desc      string `json:"error_description"`
		DescHyphn string `json:"error-description"`
	}
	oe := &orcid.OAuthError{StatusCode: status}
	if json.Unmarshal(bytes.TrimSpace(body), &v) == nil && v.Error != "" {
		oe.Code, oe.Description = v.Error, v.Desc
		if oe.Description == "" {
			oe.Description = v.DescHyphn
		}
		return oe
	}
	oe.Code = "server_error"
	oe.Description = http.StatusText(status)
	return oe
}
