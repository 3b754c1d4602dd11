package orcid

// CONTRACT SKELETON — written first so that every package can be built in
// parallel against the same names. Each declaration below is moved to its
// proper file (env.go, id.go, errors.go, client.go, search.go, bulk.go,
// query.go) and implemented by the owner of that file; delete it here when
// you move it. Signatures may grow (new fields, new methods) but do not
// rename or remove without telling everyone.

import (
	"context"
	"net/http"
	"time"

	"golang.org/x/oauth2"
)

// ---- client.go ------------------------------------------------------------

// API selects the public or the member API.
type API int

const (
	PublicAPI API = iota
	MemberAPI
)

// Format is the representation asked for with Accept.
type Format int

const (
	JSON Format = iota // application/vnd.orcid+json (pretty)
	XML                // application/vnd.orcid+xml
)

// Client talks to one environment's API through one rate limiter. Safe for
// concurrent use.
type Client struct{}

// Option configures a Client.
type Option func(*Client)

// New returns a client for env. Defaults: public API, 12 req/s burst 40
// (member API: 24 req/s burst 40), 30 s timeout per request, User-Agent
// "orcid-tui/<version>".
func New(env Environment, opts ...Option) *Client { panic("todo") }

func WithHTTPClient(h *http.Client) Option                  { panic("todo") }
func WithRateLimit(perSecond float64, burst int) Option     { panic("todo") }
func WithUserAgent(ua string) Option                        { panic("todo") }
func WithTimeout(d time.Duration) Option                    { panic("todo") }
func WithMaxRetries(n int) Option                           { panic("todo") }
func WithTokenSource(ts oauth2.TokenSource, api API) Option { panic("todo") }

// Environment returns the client's environment.
func (c *Client) Environment() Environment { panic("todo") }

// Body is a response body exactly as the server sent it.
type Body struct {
	URL         string
	StatusCode  int
	ContentType string
	Data        []byte
}

// Pretty returns Data indented (JSON or XML), or Data unchanged if it cannot
// be parsed.
func (b *Body) Pretty() []byte { panic("todo") }

// Get fetches path (relative to the API version root, e.g.
// "0000-0002-1825-0097/works") in format f, decodes it into v when v is not
// nil, and returns the raw body too, so callers decode once and keep the raw
// bytes for a raw view.
func (c *Client) Get(ctx context.Context, path string, f Format, v any) (*Body, error) { panic("todo") }

func (c *Client) Record(ctx context.Context, id ID) (*Record, error)                { panic("todo") }
func (c *Client) Person(ctx context.Context, id ID) (*Person, error)                { panic("todo") }
func (c *Client) Activities(ctx context.Context, id ID) (*ActivitiesSummary, error) { panic("todo") }
func (c *Client) Works(ctx context.Context, id ID) (*Works, error)                  { panic("todo") }
func (c *Client) Work(ctx context.Context, id ID, putCode int64) (*Work, error)     { panic("todo") }
func (c *Client) Fundings(ctx context.Context, id ID) (*Fundings, error)            { panic("todo") }
func (c *Client) PeerReviews(ctx context.Context, id ID) (*PeerReviews, error)      { panic("todo") }
func (c *Client) ResearchResources(ctx context.Context, id ID) (*ResearchResources, error) {
	panic("todo")
}

// AffiliationSection names the seven affiliation sections by their path.
type AffiliationSection string

const (
	Employments      AffiliationSection = "employments"
	Educations       AffiliationSection = "educations"
	Qualifications   AffiliationSection = "qualifications"
	InvitedPositions AffiliationSection = "invited-positions"
	Distinctions     AffiliationSection = "distinctions"
	Memberships      AffiliationSection = "memberships"
	Services         AffiliationSection = "services"
)

func (c *Client) Affiliations(ctx context.Context, id ID, s AffiliationSection) (*Affiliations, error) {
	panic("todo")
}

// ---- bulk.go --------------------------------------------------------------

// WorksBulk reads at most 100 full works in one request.
func (c *Client) WorksBulk(ctx context.Context, id ID, putCodes []int64) (*WorkBulk, error) {
	panic("todo")
}

// FullWorks is every full work of a record, in the order of the put-codes
// asked for, plus the put-codes ORCID answered with an error element.
type FullWorks struct {
	Works    []*Work // same order as the put-codes asked for; nil where failed
	Failed   []BulkFailure
	Requests int // requests made
}

// BulkFailure is one put-code answered with an error element.
type BulkFailure struct {
	PutCode int64
	Err     *APIError
}

// AllFullWorks loads full works for putCodes in bulk requests of at most 100,
// run concurrently under the rate limiter.
func (c *Client) AllFullWorks(ctx context.Context, id ID, putCodes []int64) (*FullWorks, error) {
	panic("todo")
}

// ---- search.go ------------------------------------------------------------

// SearchParams are the parameters of /search and /expanded-search.
type SearchParams struct {
	Query string // a Solr query as sent in q
	Start int
	Rows  int // 0 means the default (the client uses 50 unless set)
}

// MaxRows is ORCID's v3.0 limit on rows; MaxAnonymousStart the limit on start
// for callers without a token.
const (
	MaxRows           = 1000
	MaxAnonymousStart = 10000
)

func (c *Client) Search(ctx context.Context, p SearchParams) (*SearchResult, error) { panic("todo") }
func (c *Client) ExpandedSearch(ctx context.Context, p SearchParams) (*ExpandedSearchResult, error) {
	panic("todo")
}

// ---- query.go -------------------------------------------------------------

// QueryKind says what a user typed into the search box.
type QueryKind int

const (
	QueryEmpty QueryKind = iota
	QueryText            // free text, turned into an edismax query
	QuerySolr            // field:value / boolean syntax, passed through
	QueryID              // a pasted iD: open that record
	QueryDOI             // a DOI: search digital-object-ids
)

// Query is the interpretation of a search-box input.
type Query struct {
	Kind  QueryKind
	Input string // what the user typed, trimmed
	ID    ID     // for QueryID
	DOI   string // for QueryDOI, normalised (no https://doi.org/ prefix)
	Solr  string // the q to send (all kinds but QueryID/QueryEmpty)
}

// ParseQuery interprets a search-box input.
func ParseQuery(input string) Query { panic("todo") }

// ---- errors.go ------------------------------------------------------------

// APIError is an ORCID error document (JSON or XML) with the HTTP status.
// It matches ErrNotFound, ErrLocked, ErrDeactivated, ErrNotPublic ... with errors.Is.
type APIError struct {
	StatusCode int
	URL        string
	ErrorDocument
}

func (e *APIError) Error() string { panic("todo") }

// MergedError: the record was merged into (deprecated in favour of) Primary.
// ORCID answers 301 + Location with error-code 9007; the client does not
// follow it.
type MergedError struct {
	Deprecated ID
	Primary    ID
	Location   string
	Doc        *APIError
}

func (e *MergedError) Error() string { panic("todo") }

// OAuthError is an OAuth-style body ({"error":"invalid_token","error_description":...}).
type OAuthError struct {
	StatusCode  int
	Code        string
	Description string
}

func (e *OAuthError) Error() string { panic("todo") }

// BadResponseError: the server answered something that is not ORCID's
// document (HTML, garbage, truncated JSON). Snippet is short and sanitised.
type BadResponseError struct {
	StatusCode  int
	URL         string
	ContentType string
	Snippet     string
	Err         error // the decode error, if any
}

func (e *BadResponseError) Error() string { panic("todo") }

// RateLimitError: 503 after all retries (Attempts), or 429 daily quota
// (not retried). Message is the server's text, sanitised.
type RateLimitError struct {
	StatusCode int
	Attempts   int
	RetryAfter time.Duration
	Message    string
}

func (e *RateLimitError) Error() string { panic("todo") }

// ---- stats.go -------------------------------------------------------------

// Stats are the client's request counters for the status bar.
type Stats struct {
	Sent      int64   // requests sent (each retry counts)
	InFlight  int64   // requests under way now
	Waited    int64   // requests that had to wait for the limiter
	Retried   int64   // retries made
	Status503 int64   // 503 answers seen
	Status429 int64   // 429 answers seen
	Rate      float64 // requests/second over the last few seconds
	Limit     float64 // the limiter's rate
	Burst     int
}

// Stats returns a snapshot of the counters.
func (c *Client) Stats() Stats { panic("todo") }
