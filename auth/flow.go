package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
)

// SignInOptions shape one authorization-code sign-in.
type SignInOptions struct {
	// Scopes chosen from SignInScopes; empty means DefaultSignInScopes.
	Scopes []string
	// RedirectURI overrides Config.RedirectURI for this sign-in.
	RedirectURI string
	// Timeout is how long to wait for the browser; 0 means DefaultTimeout.
	Timeout time.Duration
	// NoBrowser only reports the URL to copy (paste the answer with Paste).
	NoBrowser bool
	// Prompt is sent as OpenID Connect's prompt ("login" forces the
	// registry to ask for the password again); empty sends none.
	Prompt string
	// OnEvent is called for every event, in order, from the flow's
	// goroutines; it must not block. Events() delivers the same events.
	OnEvent func(Event)
}

// PortInUseError: the loopback port of the redirect URI is taken by
// another program. It is a setup problem of this computer, not a network
// failure, and its message carries the advice.
type PortInUseError struct {
	Port        string
	RedirectURI string
	Err         error
}

func (e *PortInUseError) Error() string {
	return "port " + e.Port + " is in use by another program: close it, or register another redirect URI with the client and use it (the redirect URI " + e.RedirectURI + " needs the port free)"
}
func (e *PortInUseError) Unwrap() error { return e.Err }

// AuthorizationError is an error redirect from the registry
// (?error=access_denied&error_description=...).
type AuthorizationError struct {
	Code        string
	Description string
}

func (e *AuthorizationError) Error() string {
	if e.Code == "access_denied" {
		return "access was denied in the browser"
	}
	if e.Description != "" {
		return "the registry refused the authorization: " + e.Code + ": " + e.Description
	}
	return "the registry refused the authorization: " + e.Code
}

// Flow is one sign-in under way: a loopback listener on 127.0.0.1 waiting
// for exactly one redirect, raced by Paste. Its steps arrive on Events();
// Wait returns the signed-in session.
type Flow struct {
	a        *Authenticator
	scopes   []string
	redirect *url.URL
	hostPort string // "127.0.0.1:PORT", the only Host accepted
	authURL  string
	state    string
	nonce    string
	timeout  time.Duration
	noBrowse bool

	srv    *http.Server
	ln     net.Listener
	cancel context.CancelFunc

	mu       sync.Mutex // guards accepted
	accepted bool
	results  chan callbackResult // capacity 1: the one accepted answer
	finished atomic.Bool

	secMu   sync.Mutex
	secrets []string

	evMu     sync.Mutex
	events   chan Event
	evClosed bool
	onEvent  func(Event)

	// outcome is closed once sess and err are set, before the listener
	// shuts down, so the browser's request can wait for it.
	outcome chan struct{}
	done    chan struct{}
	sess    *Session
	err     error
}

type callbackResult struct {
	code, state      string
	errCode, errDesc string
	via              string // "browser", "pasted URL", "pasted code"
	stateChecked     bool
}

// SignIn starts the authorization-code flow: it binds the loopback listener
// on 127.0.0.1 at the redirect URI's port (any free port only where the
// environment allows it), builds the authorize URL, and then opens the
// browser (unless NoBrowser). ctx bounds the whole flow; so do the timeout
// and Cancel. Errors here are setup errors (bad scope or redirect URI, port
// in use); later failures come from Wait.
func (a *Authenticator) SignIn(ctx context.Context, opts SignInOptions) (*Flow, error) {
	scopes := opts.Scopes
	if len(scopes) == 0 {
		scopes = DefaultSignInScopes
	}
	for _, s := range scopes {
		if !slices.Contains(SignInScopes, s) {
			return nil, fmt.Errorf("scope %q cannot be asked for in a sign-in (choose from %s)", s, strings.Join(SignInScopes, " "))
		}
	}
	scopes = slices.Clone(scopes)
	redirect, err := a.redirectURI(opts.RedirectURI)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp4", redirect.Host)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, &PortInUseError{Port: redirect.Port(), RedirectURI: redirect.String(), Err: err}
		}
		return nil, fmt.Errorf("listen on %s: %w", redirect.Host, err)
	}
	redirect.Host = ln.Addr().String() // the real port when it was 0
	state, err := randomString(32)
	if err != nil {
		ln.Close()
		return nil, err
	}
	f := &Flow{
		a:        a,
		scopes:   scopes,
		redirect: redirect,
		hostPort: redirect.Host,
		state:    state,
		timeout:  opts.Timeout,
		noBrowse: opts.NoBrowser,
		ln:       ln,
		results:  make(chan callbackResult, 1),
		events:   make(chan Event, 64),
		onEvent:  opts.OnEvent,
		done:     make(chan struct{}),
		outcome:  make(chan struct{}),
		secrets:  []string{a.cfg.ClientSecret},
	}
	if f.timeout <= 0 {
		f.timeout = DefaultTimeout
	}
	var authOpts []oauth2.AuthCodeOption
	if slices.Contains(scopes, ScopeOpenID) {
		if f.nonce, err = randomString(16); err != nil {
			ln.Close()
			return nil, err
		}
		authOpts = append(authOpts, oidc.Nonce(f.nonce))
	}
	if opts.Prompt != "" {
		authOpts = append(authOpts, oauth2.SetAuthURLParam("prompt", opts.Prompt))
	}
	f.authURL = a.oauth2Config(scopes, redirect.String()).AuthCodeURL(state, authOpts...)

	f.srv = &http.Server{Handler: f, ReadHeaderTimeout: 10 * time.Second}
	go f.srv.Serve(ln) //nolint:errcheck // ErrServerClosed at the end

	fctx, cancel := context.WithTimeout(ctx, f.timeout)
	f.cancel = cancel
	f.emit(Listening, fmt.Sprintf("listening on %s for the redirect to %s", f.hostPort, redirect), nil)
	detail := fmt.Sprintf("authorize URL for client %s, scopes %s (state %s", a.cfg.ClientID, strings.Join(scopes, " "), Mask(state))
	if f.nonce != "" {
		detail += ", nonce " + Mask(f.nonce)
	}
	f.emit(URLBuilt, detail+")", nil)
	go f.run(fctx)
	return f, nil
}

// redirectURI checks the redirect URI: http, host 127.0.0.1, a port (0 or
// none only where the environment allows any loopback port).
func (a *Authenticator) redirectURI(override string) (*url.URL, error) {
	raw := override
	if raw == "" {
		raw = a.cfg.RedirectURI
	}
	if raw == "" {
		raw = DefaultRedirectURI
		if a.cfg.Env.AnyLoopbackPort {
			raw = "http://127.0.0.1:0/callback"
		}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("redirect URI %q: %w", raw, err)
	}
	if u.Scheme != "http" {
		return nil, fmt.Errorf("redirect URI %s: the loopback listener needs http://127.0.0.1:PORT/PATH", raw)
	}
	if u.Hostname() != "127.0.0.1" {
		return nil, fmt.Errorf("redirect URI %s: use 127.0.0.1 (ORCID refuses localhost at registration, and the listener binds 127.0.0.1 only)", raw)
	}
	if p := u.Port(); p == "" || p == "0" {
		if !a.cfg.Env.AnyLoopbackPort {
			return nil, fmt.Errorf("redirect URI %s has no port: %s needs the exact port registered with the client", raw, a.cfg.Env.Name)
		}
		u.Host = "127.0.0.1:0"
	}
	if u.Path == "" {
		u.Path = "/"
	}
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}

func randomString(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// URL is the authorize URL to open in a browser.
func (f *Flow) URL() string { return f.authURL }

// RedirectURI is the redirect URI of this sign-in (with its real port).
func (f *Flow) RedirectURI() string { return f.redirect.String() }

// Scopes are the scopes asked for.
func (f *Flow) Scopes() []string { return slices.Clone(f.scopes) }

// Events delivers the flow's events in order; it is closed when the flow
// ends. Events that find it full are dropped (OnEvent still sees them).
func (f *Flow) Events() <-chan Event { return f.events }

// Done is closed when the flow has ended.
func (f *Flow) Done() <-chan struct{} { return f.done }

// Wait blocks until the flow ends and returns the signed-in session.
func (f *Flow) Wait() (*Session, error) {
	<-f.done
	return f.sess, f.err
}

// Cancel ends the flow (ErrCancelled) and closes the listener.
func (f *Flow) Cancel() { f.cancel() }

// Paste accepts what the user copied from the browser's address bar after
// authorizing (the whole redirected URL, or just its query) or the bare
// code, racing the listener. A URL must carry this sign-in's state. A bare
// code carries none, so it is accepted only when openid was asked for (the
// id_token's nonce then binds it to this sign-in), ErrBareCode otherwise.
// It returns ErrStateMismatch, ErrBareCode, ErrFlowFinished, or an error
// saying the text is neither a URL nor a code; the flow then keeps waiting.
func (f *Flow) Paste(urlOrCode string) error {
	in := strings.TrimSpace(urlOrCode)
	if in == "" {
		return errors.New("nothing pasted")
	}
	if strings.ContainsAny(in, "?=&/") {
		q := in
		if i := strings.IndexByte(q, '?'); i >= 0 {
			q = q[i+1:]
		}
		if i := strings.IndexByte(q, '#'); i >= 0 {
			q = q[:i]
		}
		v, err := url.ParseQuery(q)
		if err != nil || (v.Get("code") == "" && v.Get("error") == "") {
			return errors.New("the pasted URL has no code: paste the address the browser was sent to after Authorize")
		}
		return f.accept(callbackResult{code: v.Get("code"), state: v.Get("state"), errCode: v.Get("error"), errDesc: v.Get("error_description"), via: "pasted URL"}, true)
	}
	if len(in) > 512 || strings.IndexFunc(in, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0 {
		return errors.New("that is neither a URL nor an authorization code")
	}
	if f.nonce == "" {
		// Without openid nothing would tie the code to this sign-in: it
		// could come from an authorization someone else started.
		return ErrBareCode
	}
	return f.accept(callbackResult{code: in, via: "pasted code"}, false)
}

// accept takes the first valid answer; checkState is false only for a bare
// pasted code, which carries no state.
func (f *Flow) accept(r callbackResult, checkState bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.accepted || f.finished.Load() {
		return ErrFlowFinished
	}
	if r.code != "" {
		f.addSecret(r.code)
	}
	if checkState {
		if subtle.ConstantTimeCompare([]byte(r.state), []byte(f.state)) != 1 {
			f.emit(CallbackReceived, r.via+": rejected", nil)
			f.emit(StateChecked, "state does not match this sign-in: answer rejected, still waiting", ErrStateMismatch)
			return ErrStateMismatch
		}
		r.stateChecked = true
	}
	if r.code == "" && r.errCode == "" {
		return errors.New("the answer carries neither a code nor an error")
	}
	f.accepted = true
	f.results <- r
	return nil
}

func (f *Flow) addSecret(s string) {
	if s == "" {
		return
	}
	f.secMu.Lock()
	f.secrets = append(f.secrets, s)
	f.secMu.Unlock()
}

func (f *Flow) secretList() []string {
	f.secMu.Lock()
	defer f.secMu.Unlock()
	return slices.Clone(f.secrets)
}

func (f *Flow) emit(step Step, detail string, err error) {
	sec := f.secretList()
	ev := Event{Step: step, Detail: redact(detail, sec), Time: time.Now()}
	if err != nil {
		ev.Err = redactErr(err, sec)
	}
	f.evMu.Lock()
	defer f.evMu.Unlock()
	if f.evClosed {
		return
	}
	select {
	case f.events <- ev:
	default:
	}
	if f.onEvent != nil {
		f.onEvent(ev)
	}
}

func (f *Flow) run(ctx context.Context) {
	defer f.cancel()
	s, err := f.wait(ctx)
	f.finished.Store(true)
	if err != nil {
		err = redactErr(err, f.secretList())
		f.sess, f.err = nil, err
	} else {
		f.sess = s
	}
	close(f.outcome) // the browser's page may now say how it ended
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	if f.srv.Shutdown(sctx) != nil {
		f.srv.Close()
	}
	cancel()
	if err != nil {
		f.emit(Failed, "sign-in failed: "+err.Error(), err)
	}
	f.evMu.Lock()
	f.evClosed = true
	close(f.events)
	f.evMu.Unlock()
	close(f.done)
}

func (f *Flow) ctxErr(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w: no answer from the browser within %v", ErrTimeout, f.timeout)
	}
	return ErrCancelled
}

func (f *Flow) wait(ctx context.Context) (*Session, error) {
	var openErr error
	if !f.noBrowse {
		ch := make(chan error, 1)
		go func() { ch <- f.a.cfg.OpenBrowser(f.authURL) }()
		t := time.NewTimer(10 * time.Second)
		select {
		case openErr = <-ch:
			if openErr == nil {
				f.emit(BrowserOpened, "browser asked to open the authorize page", nil)
			} else {
				openErr = fmt.Errorf("could not open a browser: %w", openErr)
			}
		case <-t.C:
			openErr = errors.New("the browser is slow to start")
		case <-ctx.Done():
			t.Stop()
			return nil, f.ctxErr(ctx)
		}
		t.Stop()
	}
	f.emit(URLToCopy, f.authURL, openErr)

	var r callbackResult
	select {
	case <-ctx.Done():
		return nil, f.ctxErr(ctx)
	case r = <-f.results:
	}
	f.finished.Store(true)
	if r.via == "browser" {
		f.emit(CallbackReceived, "redirect received on "+f.hostPort+f.redirect.Path, nil)
	} else {
		f.emit(CallbackReceived, r.via+" received", nil)
	}
	if r.stateChecked {
		f.emit(StateChecked, "state matches this sign-in", nil)
	} else {
		f.emit(StateChecked, "a bare code carries no state: the id_token's nonce will bind it to this sign-in", nil)
	}
	if r.errCode != "" {
		return nil, &AuthorizationError{Code: r.errCode, Description: r.errDesc}
	}

	tok, err := f.a.oauth2Config(f.scopes, f.redirect.String()).Exchange(f.a.ctx(ctx), r.code)
	if err != nil {
		return nil, f.a.tokenError("exchanging the code", err, r.code)
	}
	s := f.a.sessionFromToken(tok, f.scopes)
	f.addSecret(s.AccessToken)
	f.addSecret(s.RefreshToken)
	f.addSecret(s.IDToken)
	who := string(s.ORCID)
	if s.Name != "" {
		who = s.Name + " (" + who + ")"
	}
	f.emit(TokenExchanged, fmt.Sprintf("access token %s for %s, scopes %s, expires %s", Mask(s.AccessToken), who, strings.Join(s.Scopes, " "), s.Expiry.Format(time.DateOnly)), nil)

	if slices.Contains(f.scopes, ScopeOpenID) {
		if s.IDToken == "" {
			return nil, f.discard(ctx, s, errors.New("openid was asked for but the registry sent no id_token"))
		}
		c, err := f.a.VerifyIDToken(ctx, s.IDToken, f.nonce, s.AccessToken)
		if err != nil {
			return nil, f.discard(ctx, s, err)
		}
		if s.ORCID != "" && c.Subject != string(s.ORCID) {
			return nil, f.discard(ctx, s, &IDTokenError{Err: fmt.Errorf("subject %s is not the token's iD %s", c.Subject, s.ORCID)})
		}
		s.Claims = c
		f.emit(IDTokenVerified, fmt.Sprintf("RS256 signature checked against the registry's JWKS; iss %s, aud %s, sub %s, nonce matches, expires %s", c.Issuer, strings.Join(c.Audience, " "), c.Subject, c.Expiry.Format(time.RFC3339)), nil)
	}
	if slices.Contains(f.scopes, ScopeOpenID) || slices.Contains(f.scopes, ScopeAuthenticate) {
		ui, err := f.a.UserInfo(ctx, s.AccessToken)
		if err != nil {
			f.emit(UserinfoRead, "userinfo could not be read", err)
		} else {
			s.UserInfo = ui
			name := "no public name"
			if ui.Name != nil {
				name = *ui.Name
			}
			f.emit(UserinfoRead, fmt.Sprintf("sub %s, %s", ui.Sub, name), nil)
		}
	}
	done := "signed in as " + who
	if f.a.cfg.Store != nil {
		if err := f.a.cfg.Store.Put(s); err != nil {
			return nil, f.discard(ctx, s, &SaveError{Err: err})
		}
		done += "; token saved"
	}
	f.emit(Done, done, nil)
	return s, nil
}

// SaveError: the sign-in got a token but could not save it (the token was
// revoked: a token nobody keeps must not stay alive on the registry).
type SaveError struct{ Err error }

func (e *SaveError) Error() string {
	return "signed in, but the token could not be saved, so it was revoked: " + e.Err.Error()
}
func (e *SaveError) Unwrap() error { return e.Err }

// discard revokes the token a sign-in received before it failed with err
// (id_token rejected, save failed), so it does not stay alive unkept. The
// revocation runs even when ctx is done (a cancelled flow), briefly.
func (f *Flow) discard(ctx context.Context, s *Session, err error) error {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if rerr := f.a.revokeAll(rctx, s.AccessToken, s.RefreshToken); rerr != nil {
		return fmt.Errorf("%w (and revoking the token it received failed: %v)", err, rerr)
	}
	return err
}

// ServeHTTP answers the browser on the loopback listener.
func (f *Flow) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	if r.Host != f.hostPort {
		page(w, http.StatusBadRequest, "Wrong address", "This listener answers only on http://"+f.hostPort+".")
		return
	}
	f.mu.Lock()
	over := f.accepted || f.finished.Load()
	f.mu.Unlock()
	if over {
		page(w, http.StatusGone, "Sign-in already finished", "orcid-tui is not waiting for this answer any more. You can close this tab.")
		return
	}
	if r.URL.Path != f.redirect.Path {
		page(w, http.StatusNotFound, "Not found", "This is orcid-tui's sign-in listener; nothing is at this path.")
		return
	}
	if r.Method != http.MethodGet {
		h.Set("Allow", "GET")
		page(w, http.StatusMethodNotAllowed, "Method not allowed", "The registry redirects here with GET.")
		return
	}
	q := r.URL.Query()
	res := callbackResult{code: q.Get("code"), state: q.Get("state"), errCode: q.Get("error"), errDesc: q.Get("error_description"), via: "browser"}
	err := f.accept(res, true)
	switch {
	case errors.Is(err, ErrStateMismatch):
		page(w, http.StatusBadRequest, "Not the current sign-in", "This answer does not belong to the sign-in orcid-tui is waiting for. Start the sign-in again from orcid-tui.")
	case errors.Is(err, ErrFlowFinished):
		page(w, http.StatusGone, "Sign-in already finished", "You can close this tab.")
	case err != nil:
		page(w, http.StatusBadRequest, "No authorization code", "The address has neither a code nor an error.")
	case res.errCode == "access_denied":
		page(w, http.StatusOK, "Access denied", "You denied access: orcid-tui will not sign you in. You can close this tab.")
	case res.errCode != "":
		page(w, http.StatusOK, "Sign-in failed", "The registry answered: "+res.errCode+". You can close this tab.")
	default:
		// Say "Authorized" only when it is true: after the code was
		// exchanged, the id_token checked and the token saved.
		select {
		case <-f.outcome:
		case <-r.Context().Done():
			return
		}
		if f.err != nil {
			why := sanitize.Truncate(sanitize.Line(f.err.Error()), 300)
			page(w, http.StatusBadGateway, "Sign-in failed", "orcid-tui received the authorization, but could not complete the sign-in: "+why+". Return to the terminal for details; you can close this tab.")
			return
		}
		page(w, http.StatusOK, "Authorized", "orcid-tui signed you in. You can close this tab and return to the terminal.")
	}
}

var pageTmpl = template.Must(template.New("p").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>orcid-tui · {{.Title}}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}h1{font-size:1.4rem;color:#a6ce39}</style>
</head><body><h1>{{.Title}}</h1><p>{{.Text}}</p></body></html>
`))

func page(w http.ResponseWriter, status int, title, text string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = pageTmpl.Execute(w, struct{ Title, Text string }{title, text})
}
