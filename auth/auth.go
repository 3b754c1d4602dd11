package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// ORCID's scopes (reference §6.4).
const (
	ScopeAuthenticate     = "/authenticate"
	ScopeOpenID           = "openid"
	ScopeReadLimited      = "/read-limited"
	ScopeActivitiesUpdate = "/activities/update"
	ScopePersonUpdate     = "/person/update"
	ScopeReadPublic       = "/read-public"
)

// SignInScopes are the scopes a user may choose for the code flow, in the
// order they are offered.
var SignInScopes = []string{ScopeAuthenticate, ScopeOpenID, ScopeReadLimited, ScopeActivitiesUpdate, ScopePersonUpdate}

// DefaultSignInScopes is what the flow asks for when no scope is chosen.
var DefaultSignInScopes = []string{ScopeOpenID, ScopeReadLimited}

// ScopeDescription says in words what a scope lets the application do.
func ScopeDescription(scope string) string {
	switch scope {
	case ScopeAuthenticate:
		return "get your ORCID iD"
	case ScopeOpenID:
		return "sign you in with OpenID Connect (your iD and public name)"
	case ScopeReadLimited:
		return "read your information with visibility set to Trusted parties"
	case ScopeActivitiesUpdate:
		return "add and update your research activities (works, affiliations, …)"
	case ScopePersonUpdate:
		return "add and update your biographical information"
	case ScopeReadPublic:
		return "read public information on the ORCID registry"
	}
	return scope
}

// DefaultRedirectURI is the loopback redirect URI to register with ORCID for
// this application (ORCID needs the exact port; "localhost" is refused at
// registration, 127.0.0.1 is accepted).
const DefaultRedirectURI = "http://127.0.0.1:8765/callback"

// DefaultTimeout is how long a sign-in waits for the browser.
const DefaultTimeout = 5 * time.Minute

// Errors callers may test with errors.Is.
var (
	ErrNoCredentials   = errors.New("no client id or client secret: ORCID always requires both")
	ErrTimeout         = errors.New("sign-in timed out")
	ErrCancelled       = errors.New("sign-in cancelled")
	ErrStateMismatch   = errors.New("state does not match this sign-in")
	ErrNonceMismatch   = errors.New("id_token nonce does not match this sign-in")
	ErrFlowFinished    = errors.New("this sign-in has already finished")
	ErrNoRefreshToken  = errors.New("no refresh token")
	ErrScopeNotGranted = errors.New("scope not granted")
	// ErrBareCode: a pasted code without the address around it carries no
	// state, so it could be someone else's; it is taken only when openid
	// binds it to this sign-in with the id_token's nonce.
	ErrBareCode = errors.New("a bare code cannot be checked against this sign-in: paste the whole address the browser was sent to (it carries the state)")
)

// Config is what an Authenticator needs to know.
type Config struct {
	Env          orcid.Environment
	ClientID     string // APP-XXXXXXXXXXXXXXXX
	ClientSecret string
	// RedirectURI is the registered loopback redirect URI. Empty means
	// DefaultRedirectURI, or any free port where Env.AnyLoopbackPort.
	RedirectURI string
	// HTTPClient makes every request of this package; nil means a client
	// with a 30 s timeout. Its redirect policy is replaced: auth never
	// follows a redirect (ErrRedirectRefused).
	HTTPClient *http.Client
	// Store keeps tokens; nil means tokens live in memory only.
	Store Store
	// Now is the clock for id_token verification (tests); nil means time.Now.
	Now func() time.Time
	// OpenBrowser opens a URL; nil means OpenBrowser of this package.
	OpenBrowser func(url string) error
}

// Authenticator gets, verifies, refreshes, revokes and stores tokens for one
// environment and one registered client. Safe for concurrent use.
type Authenticator struct {
	cfg  Config
	http *http.Client

	mu          sync.Mutex // guards clientTok and clientGen; never held across I/O
	clientTok   *Session
	clientGen   uint64 // bumped by ForgetClientToken
	clientFetch flight[*Session]
	smu         sync.Mutex // orders the client token's Store.Put and Delete

	pmu      sync.Mutex // guards provider
	provider *oidc.Provider
}

// New returns an Authenticator for cfg.
func New(cfg Config) (*Authenticator, error) {
	if strings.TrimSpace(cfg.ClientID) == "" || strings.TrimSpace(cfg.ClientSecret) == "" {
		return nil, ErrNoCredentials
	}
	if cfg.Env.RegistryURL == "" {
		return nil, errors.New("auth: environment has no registry URL")
	}
	cfg.Env.RegistryURL = strings.TrimRight(cfg.Env.RegistryURL, "/")
	h := noRedirects(cfg.HTTPClient)
	if cfg.OpenBrowser == nil {
		cfg.OpenBrowser = OpenBrowser
	}
	return &Authenticator{cfg: cfg, http: h}, nil
}

// Config returns the configuration (the secret included: do not draw it).
func (a *Authenticator) Config() Config { return a.cfg }

// Endpoint is ORCID's OAuth endpoint of env, with the client secret sent in
// the form as ORCID documents.
func Endpoint(env orcid.Environment) oauth2.Endpoint {
	base := strings.TrimRight(env.RegistryURL, "/")
	return oauth2.Endpoint{
		AuthURL:   base + "/oauth/authorize",
		TokenURL:  base + "/oauth/token",
		AuthStyle: oauth2.AuthStyleInParams,
	}
}

func (a *Authenticator) oauth2Config(scopes []string, redirect string) *oauth2.Config {
	return &oauth2.Config{
		ClientID:     a.cfg.ClientID,
		ClientSecret: a.cfg.ClientSecret,
		Endpoint:     Endpoint(a.cfg.Env),
		RedirectURL:  redirect,
		Scopes:       scopes,
	}
}

// ctx carries this Authenticator's HTTP client to oauth2 and go-oidc.
func (a *Authenticator) ctx(ctx context.Context) context.Context {
	return oidc.ClientContext(context.WithValue(ctx, oauth2.HTTPClient, a.http), a.http)
}

// ClientToken returns a /read-public token for the application itself
// (client credentials). It is reused until it expires and then fetched
// again; with a Store it is also kept across runs. One fetch runs at a
// time: concurrent callers share it, no lock is held while it runs, and a
// caller whose ctx is done returns ctx's error at once (the fetch is
// cancelled when nobody waits for it any more).
func (a *Authenticator) ClientToken(ctx context.Context) (*Session, error) {
	a.mu.Lock()
	if s := a.clientTok; s != nil && s.Token().Valid() {
		a.mu.Unlock()
		return s, nil
	}
	a.mu.Unlock()
	s, err := a.clientFetch.do(ctx, a.fetchClientToken)
	if err != nil && ctx.Err() != nil {
		return nil, fmt.Errorf("client token from %s: %w", a.cfg.Env.Name, ctx.Err())
	}
	return s, err
}

// fetchClientToken is ClientToken's fetch: the stored token when it is
// still valid, otherwise a new one from the token endpoint, which it keeps
// unless ForgetClientToken ran meanwhile.
func (a *Authenticator) fetchClientToken(ctx context.Context) (*Session, error) {
	a.mu.Lock()
	gen := a.clientGen
	s := a.clientTok
	a.mu.Unlock()
	if s != nil && s.Token().Valid() { // fetched by the flight just before this one
		return s, nil
	}
	if s == nil && a.cfg.Store != nil {
		if s, err := a.cfg.Store.Get(a.clientKey()); err == nil && a.Owns(s) && s.Token().Valid() {
			a.keepClientToken(gen, s, false)
			return s, nil
		}
	}
	cc := clientcredentials.Config{
		ClientID:     a.cfg.ClientID,
		ClientSecret: a.cfg.ClientSecret,
		TokenURL:     Endpoint(a.cfg.Env).TokenURL,
		Scopes:       []string{ScopeReadPublic},
		AuthStyle:    oauth2.AuthStyleInParams,
	}
	tok, err := cc.Token(a.ctx(ctx))
	if err != nil {
		return nil, a.tokenError(fmt.Sprintf("client token from %s", a.cfg.Env.Name), err)
	}
	s = a.sessionFromToken(tok, []string{ScopeReadPublic})
	a.keepClientToken(gen, s, true)
	return s, nil
}

// keepClientToken caches s (and stores it when store is set) unless
// ForgetClientToken ran since the fetch began (generation gen).
func (a *Authenticator) keepClientToken(gen uint64, s *Session, store bool) {
	a.smu.Lock() // orders this Put with ForgetClientToken's Delete
	defer a.smu.Unlock()
	a.mu.Lock()
	current := a.clientGen == gen
	if current {
		a.clientTok = s
	}
	a.mu.Unlock()
	if current && store && a.cfg.Store != nil {
		_ = a.cfg.Store.Put(s) // a client token can always be fetched again
	}
}

// ClientTokenSource is ClientToken as an oauth2.TokenSource, for
// orcid.WithTokenSource(ts, orcid.PublicAPI). It also implements
// orcid.ContextTokenSource, so a client's read cancels its token fetch.
func (a *Authenticator) ClientTokenSource() oauth2.TokenSource {
	return clientTokenSource{a}
}

type clientTokenSource struct{ a *Authenticator }

var _ orcid.ContextTokenSource = clientTokenSource{}

func (ts clientTokenSource) Token() (*oauth2.Token, error) {
	return ts.TokenContext(context.Background())
}

func (ts clientTokenSource) TokenContext(ctx context.Context) (*oauth2.Token, error) {
	s, err := ts.a.ClientToken(ctx)
	if err != nil {
		return nil, err
	}
	return s.Token(), nil
}

// ForgetClientToken drops the cached client token (memory and store). A
// fetch under way is not waited for, and its token is not kept.
func (a *Authenticator) ForgetClientToken() error {
	a.mu.Lock()
	a.clientGen++
	a.clientTok = nil
	a.mu.Unlock()
	a.clientFetch.detach()
	if a.cfg.Store != nil {
		a.smu.Lock()
		defer a.smu.Unlock()
		err := a.cfg.Store.Delete(a.clientKey())
		if err != nil && !errors.Is(err, ErrNotStored) {
			return err
		}
	}
	return nil
}

// tokenError is a failed token request (client credentials, code exchange,
// refresh) as "what: cause", oauth2's RetrieveError turned into ORCID's
// OAuth error type. The registry's description may quote what was sent
// (ORCID's "Invalid refresh token: <token>"), so the client secret and
// secrets are masked in the message.
func (a *Authenticator) tokenError(what string, err error, secrets ...string) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		oe := &orcid.OAuthError{Code: re.ErrorCode, Description: re.ErrorDescription}
		if re.Response != nil {
			oe.StatusCode = re.Response.StatusCode
		}
		if oe.Code == "" {
			oe.Code = "server_error"
			if re.Response != nil {
				oe.Description = re.Response.Status
			}
		}
		err = oe
	}
	return redactErr(fmt.Errorf("%s: %w", what, err), append(secrets, a.cfg.ClientSecret))
}
