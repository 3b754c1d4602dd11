package orcidtest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// Server is an in-process ORCID registry on 127.0.0.1. One listener serves
// the three roles under path prefixes:
//
//	<URL>        registry: landing page, /{iD} pages, OAuth/OIDC (oauth*.go)
//	<URL>/pub    public API  (/pub/v3.0/...)
//	<URL>/api    member API  (/api/v3.0/...; a bearer token is required)
//
// Safe for concurrent use.
type Server struct {
	// mux routes the registry role; oauth*.go adds /oauth/... and
	// /.well-known/... to it from a setupHooks function.
	mux     *http.ServeMux
	handler http.Handler
	ts      *httptest.Server

	mu        sync.Mutex
	baseURL   string // set once the listener is known
	records   map[string]*built
	extension map[any]any

	huge *hugeRecord // WithHugeRecord

	limits  limiter
	log     requestLog
	injects injections
}

// Option configures a Server.
type Option func(*Server)

// WithRateLimit enforces ORCID's burst limit server-side: a token bucket of
// perSecond tokens per second holding burst tokens; an API request finding
// it empty is answered 503 at once. Off by default.
func WithRateLimit(perSecond float64, burst int) Option {
	return func(s *Server) { s.limits.setRate(perSecond, burst) }
}

// WithDailyQuota answers anonymous API requests past the n-th with ORCID's
// 429 "daily quota" text. n <= 0 means no quota (the default).
func WithDailyQuota(n int) Option {
	return func(s *Server) { s.limits.setQuota(n) }
}

// WithBaseURL sets the URL records and Location headers use when the
// handler is served by something other than NewServer (NewHandler).
func WithBaseURL(u string) Option {
	return func(s *Server) { s.baseURL = strings.TrimSuffix(u, "/") }
}

// Hooks for oauth*.go (the auth engineer's files), set from their init
// functions, so the API side and the OAuth side live in separate files.
var (
	// setupHooks run when a Server is built, before it serves: they add
	// routes to s.mux (registry role) and per-server state (s.ext).
	setupHooks []func(s *Server)
	// lookupToken resolves a bearer token sent to /pub or /api. Unset, no
	// token is known (every bearer token is answered 401 invalid_token).
	lookupToken func(s *Server, token string) (Caller, bool)
	// apiWriteHook handles non-GET requests on the member API (e.g. POST
	// /v3.0/{iD}/work); rest is the path after the iD ("work", "work/123").
	// It returns false when it does not handle the request.
	apiWriteHook func(s *Server, w http.ResponseWriter, r *http.Request, id, rest string, c *Caller) bool
	// extraWorksHook returns full works added to record id through the
	// member API that caller c may see (c is nil for anonymous callers).
	// They are appended to /works, /activities, /record and /work/{pc}.
	extraWorksHook func(s *Server, id string, c *Caller) []orcid.Work
)

// Caller is who made an API request, as its bearer token says.
type Caller struct {
	Token    string
	ClientID string
	ORCID    string // "" for client-credentials tokens
	Scopes   []string
}

// HasScope reports whether the caller's token carries scope.
func (c *Caller) HasScope(scope string) bool {
	if c == nil {
		return false
	}
	for _, s := range c.Scopes {
		if s == scope {
			return true
		}
	}
	return false
}

// ext returns per-server state stored under key, creating it with init on
// first use. oauth*.go keeps its clients, codes and tokens there.
func (s *Server) ext(key any, init func() any) any {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.extension[key]; ok {
		return v
	}
	v := init()
	s.extension[key] = v
	return v
}

func newServer(opts ...Option) *Server {
	s := &Server{
		mux:       http.NewServeMux(),
		records:   map[string]*built{},
		extension: map[any]any{},
	}
	s.limits.init()
	for _, o := range opts {
		o(s)
	}
	s.routes()
	for _, h := range setupHooks {
		h(s)
	}
	s.handler = s.middleware(s.mux)
	return s
}

// NewServer starts a registry on 127.0.0.1 (a random port). Close it when
// done.
func NewServer(opts ...Option) *Server {
	s := newServer(opts...)
	s.ts = httptest.NewUnstartedServer(s.handler)
	s.ts.Start()
	s.mu.Lock()
	s.baseURL = s.ts.URL
	s.mu.Unlock()
	return s
}

// NewHandler returns a registry that is not listening: serve s.Handler()
// yourself (WithBaseURL tells it its URL; otherwise it takes the Host of
// each request).
func NewHandler(opts ...Option) *Server { return newServer(opts...) }

// Handler is the whole registry as an http.Handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops the listener (if any). Requests held by a slow fault go on
// at once: httptest waits for every request in progress, and a client
// that gave up on a write whose body was never read (Expect: 100-continue)
// leaves its request waiting out the whole delay, holding the program
// that closes the demo registry open after it has answered.
func (s *Server) Close() {
	s.ClearFault(FaultSlow)
	if s.ts != nil {
		s.ts.Close()
	}
}

// URL is the registry's base URL ("http://127.0.0.1:PORT"), "" for a
// handler whose URL is not known yet.
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.baseURL
}

// HTTPClient is an *http.Client for this server (httptest's client; it
// follows redirects like any default client).
func (s *Server) HTTPClient() *http.Client {
	if s.ts != nil {
		return s.ts.Client()
	}
	return http.DefaultClient
}

// Environment is the "demo" environment pointing at this server.
func (s *Server) Environment() orcid.Environment {
	u := s.URL()
	return orcid.Environment{
		Name:            "demo",
		RegistryURL:     u,
		PublicAPIURL:    u + "/pub",
		MemberAPIURL:    u + "/api",
		AnyLoopbackPort: true,
	}
}

// siteFor is where iD URIs point: the server's URL, or the request's host.
func (s *Server) siteFor(r *http.Request) site {
	base := s.URL()
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
		s.mu.Lock()
		if s.baseURL == "" {
			s.baseURL = base
		}
		s.mu.Unlock()
	}
	host := base
	if u, err := url.Parse(base); err == nil {
		host = u.Host
	}
	return site{base: base, host: host}
}

// record returns the built record of id (nil, false when unknown). Records
// are built on first use and kept.
func (s *Server) record(r *http.Request, id string) (*built, bool) {
	s.mu.Lock()
	b, ok := s.records[id]
	s.mu.Unlock()
	if ok {
		return b, true
	}
	p, pc, ok := s.specFor(id)
	if !ok {
		return nil, false
	}
	b = build(s.siteFor(r), p, pc)
	s.mu.Lock()
	if old, ok := s.records[id]; ok {
		b = old
	} else if !p.synthetic {
		s.records[id] = b // synthetic records are cheap: rebuilt each time, so memory stays flat
	}
	s.mu.Unlock()
	return b, true
}

// spec returns the spec of id without building it.
func specOf(id string) (*personSpec, bool) {
	p, _, ok := theData().lookup(id)
	return p, ok
}
