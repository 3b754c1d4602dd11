package orcid

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/orcid-tui/orcid-tui/internal/redact"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
)

// Version is the program's version, sent in the User-Agent. main sets it
// with -ldflags "-X github.com/orcid-tui/orcid-tui/orcid.Version=v1.2.3".
var Version = "dev"

// Defaults of a Client. ORCID's published limits: 12 req/s burst 40 for the
// public API (anonymous or with public credentials), 24 req/s burst 40 for
// the member API.
const (
	DefaultPublicRate    = 12
	DefaultMemberRate    = 24
	DefaultBurst         = 40
	DefaultTimeout       = 30 * time.Second
	DefaultMaxRetries    = 4
	DefaultBackoff       = 500 * time.Millisecond
	DefaultMaxBackoff    = 10 * time.Second
	DefaultMaxRetryAfter = 30 * time.Second
	DefaultBulkWorkers   = 6
	DefaultSearchRows    = 50
	mediaTypeORCIDJSON   = "application/vnd.orcid+json"
	mediaTypeORCIDXML    = "application/vnd.orcid+xml"
	errorSnippetRunes    = 120
	maxPathLength        = 8000
)

// API selects the public or the member API.
type API int

const (
	PublicAPI API = iota
	MemberAPI
)

func (a API) String() string {
	if a == MemberAPI {
		return "member API"
	}
	return "public API"
}

// Format is the representation asked for with Accept.
type Format int

const (
	JSON Format = iota // application/vnd.orcid+json (pretty)
	XML                // application/vnd.orcid+xml
)

// formatCSV asks /csv-search for its text/csv answer (csvsearch.go).
const formatCSV Format = XML + 1

// MediaType is the Accept value sent for f.
func (f Format) MediaType() string {
	switch f {
	case XML:
		return mediaTypeORCIDXML
	case formatCSV:
		return "text/csv"
	}
	return mediaTypeORCIDJSON
}

func (f Format) String() string {
	if f == XML {
		return "xml"
	}
	return "json"
}

// ParseFormat reads "json" or "xml" (any case).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "json", "":
		return JSON, nil
	case "xml":
		return XML, nil
	}
	return JSON, fmt.Errorf("unknown format %q: use json or xml", s)
}

// Client talks to one environment's API through one rate limiter. Safe for
// concurrent use.
type Client struct {
	env           Environment
	api           API
	httpClient    *http.Client
	limiter       *adaptiveLimiter
	rate          float64 // 0: the default for the API
	burst         int
	userAgent     string
	timeout       time.Duration
	maxRetries    int
	backoff       time.Duration
	maxBackoff    time.Duration
	maxRetryAfter time.Duration
	maxBody       int64 // 0: sized per endpoint (endpointOf)
	maxTransfer   time.Duration
	bulkWorkers   int
	ts            oauth2.TokenSource
	now           func() time.Time
	stats         *counters
	shareWith     *Client // WithLimiterOf
}

// Option configures a Client.
type Option func(*Client)

// New returns a client for env. Defaults: public API, 12 req/s burst 40
// (member API: 24 req/s burst 40), a read fails after 30 s without a byte
// (and after 15 minutes in all), up to 4 retries of a read answered 503,
// 502 or 504, reset or cut short, User-Agent "orcid-tui/<version>". A 503 (the server's burst
// limit) also halves the client's rate, down to 1 req/s, until a few quiet
// seconds give it back step by step (Stats.Effective).
func New(env Environment, opts ...Option) *Client {
	c := &Client{
		env:           env,
		userAgent:     "orcid-tui/" + Version,
		timeout:       DefaultTimeout,
		maxRetries:    DefaultMaxRetries,
		backoff:       DefaultBackoff,
		maxBackoff:    DefaultMaxBackoff,
		maxRetryAfter: DefaultMaxRetryAfter,
		maxTransfer:   DefaultMaxTransferTime,
		bulkWorkers:   DefaultBulkWorkers,
		now:           time.Now,
	}
	for _, o := range opts {
		o(c)
	}
	if c.httpClient == nil {
		c.httpClient = &http.Client{CheckRedirect: noRedirect}
	}
	if c.rate <= 0 {
		c.rate = DefaultPublicRate
		if c.api == MemberAPI {
			c.rate = DefaultMemberRate
		}
	}
	if c.burst <= 0 {
		c.burst = DefaultBurst
	}
	if c.shareWith != nil {
		c.limiter, c.stats = c.shareWith.limiter, c.shareWith.stats
		c.rate, c.burst = c.shareWith.rate, c.shareWith.burst
	} else {
		// One token of margin below the server's burst: ORCID's bucket is
		// refilled by arrival times, and requests on warm connections arrive
		// sooner after our limiter releases them than the first one did, so
		// at an equal burst the server's bucket runs a fraction of a token
		// behind ours and answers one 503 just after the burst is spent.
		c.limiter = newAdaptiveLimiter(c.rate, max(1, c.burst-1))
		c.stats = new(counters)
	}
	return c
}

// WithLimiterOf makes the new client share other's rate limiter and
// counters. When a token replaces anonymous access (or a refreshed token
// replaces an old one) the environment keeps one limiter, so requests made
// just before and just after still count against the same budget and the
// status bar keeps true figures. The rate and burst options are then ignored.
func WithLimiterOf(other *Client) Option {
	return func(c *Client) { c.shareWith = other }
}

// WithHTTPClient uses h for requests. The client works on a copy whose
// CheckRedirect never follows a redirect, so a merged record is reported
// rather than silently replaced by its primary.
func WithHTTPClient(h *http.Client) Option {
	return func(c *Client) {
		if h == nil {
			return
		}
		cp := *h
		cp.CheckRedirect = noRedirect
		c.httpClient = &cp
	}
}

func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// WithRateLimit sets the client-side limit (requests per second and burst).
func WithRateLimit(perSecond float64, burst int) Option {
	return func(c *Client) { c.rate, c.burst = perSecond, burst }
}

// WithUserAgent replaces the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(c *Client) {
		if ua != "" {
			c.userAgent = ua
		}
	}
}

// WithTimeout bounds how long an attempt may go without receiving a byte:
// waiting for the answer to start, or in the middle of its body. A slow
// but steady answer is not cut (WithMaxTransferTime bounds it).
func WithTimeout(d time.Duration) Option {
	return func(c *Client) {
		if d > 0 {
			c.timeout = d
		}
	}
}

// WithMaxTransferTime bounds one attempt's whole transfer, however steady
// (default DefaultMaxTransferTime).
func WithMaxTransferTime(d time.Duration) Option {
	return func(c *Client) {
		if d > 0 {
			c.maxTransfer = d
		}
	}
}

// WithMaxRetries bounds how often a read is retried after a 503, 502 or
// 504, a reset connection or a body cut short (0: never).
func WithMaxRetries(n int) Option {
	return func(c *Client) {
		if n >= 0 {
			c.maxRetries = n
		}
	}
}

// WithBackoff sets the first retry delay and the largest one; each retry
// doubles the delay, with jitter.
func WithBackoff(base, max time.Duration) Option {
	return func(c *Client) {
		if base > 0 {
			c.backoff = base
		}
		if max > 0 {
			c.maxBackoff = max
		}
	}
}

// WithMaxRetryAfter caps how long a Retry-After header can make the client wait.
func WithMaxRetryAfter(d time.Duration) Option {
	return func(c *Client) {
		if d >= 0 {
			c.maxRetryAfter = d
		}
	}
}

// WithMaxBodySize limits how many bytes of any answer are read. Without
// it the limit is sized per endpoint from ORCID's ceilings (a record of
// 10,000 works, a bulk read of 100 full works).
func WithMaxBodySize(n int64) Option {
	return func(c *Client) {
		if n > 0 {
			c.maxBody = n
		}
	}
}

// WithBulkWorkers sets how many bulk requests AllFullWorks runs at once.
func WithBulkWorkers(n int) Option {
	return func(c *Client) {
		if n > 0 {
			c.bulkWorkers = n
		}
	}
}

// WithAPI selects the public or member API without a token source.
func WithAPI(api API) Option { return func(c *Client) { c.api = api } }

// WithTokenSource sends "Authorization: Bearer <token>" with every request
// and uses the given API (the member API base for MemberAPI). When ts is
// also a ContextTokenSource, its TokenContext is called with each request's
// context, so cancelling a read cancels the token fetch it waits for.
func WithTokenSource(ts oauth2.TokenSource, api API) Option {
	return func(c *Client) { c.ts, c.api = ts, api }
}

// ContextTokenSource is an oauth2.TokenSource that can fetch or refresh a
// token under a context: a token source that goes to the network should
// implement it, so that a cancelled read does not wait for its token
// request (package auth's token sources do).
type ContextTokenSource interface {
	oauth2.TokenSource
	// TokenContext is Token for a request made with ctx; when ctx is done
	// before a token is at hand it returns an error wrapping ctx.Err().
	TokenContext(ctx context.Context) (*oauth2.Token, error)
}

// Environment returns the client's environment.
func (c *Client) Environment() Environment { return c.env }

// API returns which API the client talks to.
func (c *Client) API() API { return c.api }

// Authenticated reports whether requests carry a token.
func (c *Client) Authenticated() bool { return c.ts != nil }

// URL returns the absolute URL of an API path (relative to /v3.0).
func (c *Client) URL(path string) string {
	return c.env.APIBase(c.api) + "/" + strings.TrimPrefix(path, "/")
}

// Get fetches path (relative to the API version root, e.g.
// "0000-0002-1825-0097/works") in format f, decodes it into v when v is not
// nil, and returns the raw body too, so callers decode once and keep the raw
// bytes for a raw view. When the server answered with an error, the body is
// returned along with the error.
func (c *Client) Get(ctx context.Context, path string, f Format, v any) (*Body, error) {
	b, _, err := c.get(ctx, path, f, v)
	return b, err
}

// get is Get that also says how many requests it sent. It asks for f and
// keeps the body as sent, for raw views.
func (c *Client) get(ctx context.Context, path string, f Format, v any) (*Body, int, error) {
	return c.fetch(ctx, path, readSpec{accept: f.MediaType()}, v)
}

// getJSON reads path as compact JSON decoded from the stream into v: the
// typed reads, which keep no raw body.
func (c *Client) getJSON(ctx context.Context, path string, v any) (int, error) {
	_, n, err := c.fetch(ctx, path, readSpec{accept: mediaTypeJSON, stream: true}, v)
	return n, err
}

// checkPath refuses paths that would leave the API root.
func checkPath(path string) error {
	p, _, _ := strings.Cut(path, "?")
	if p == "" || strings.Contains(p, "..") || len(path) > maxPathLength || strings.Contains(path, "://") ||
		strings.HasPrefix(path, "//") || strings.ContainsAny(path, " \t\r\n\\") {
		return fmt.Errorf("invalid API path %s: give a path under /v3.0 such as 0000-0002-1825-0097/works", quoteShort(path))
	}
	return nil
}

// wait takes a token from the limiter, waiting (cancellably) when needed.
func (c *Client) wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("request cancelled: %w", err)
	}
	// Spacing first, then the bucket: a request holding a token while it
	// waits for its spacing would be sent at the old rate after a cut.
	if err := c.limiter.pace.Wait(ctx); err != nil {
		return fmt.Errorf("request cancelled while waiting for the rate limit: %w", err)
	}
	c.limiter.refresh(c.now())
	if c.limiter.lim.Allow() {
		return nil
	}
	c.stats.waited.Add(1)
	if err := c.limiter.wait(ctx, c.now); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("request cancelled while waiting for the rate limit: %w", ctx.Err())
		}
		// The limiter refuses a wait that would outlast the deadline.
		return fmt.Errorf("request would wait past its deadline for the rate limit (%.3g req/s): %w", c.limiter.effective(c.now()), context.DeadlineExceeded)
	}
	return nil
}

// do sends one write (reads go through fetch, which retries) and reads its
// answer whole, bounded by the largest answer a write gets (the bulk add's
// 100 works) unless WithMaxBody says otherwise. prepare gives the request
// its body and headers. m records the access token sent and masks it in
// the answer before anything quotes it (a snippet cut short would hide a
// token cut in two from the masking).
func (c *Client) do(ctx context.Context, method, u string, f Format, prepare func(*http.Request), m *masker) (*http.Response, []byte, error) {
	var t *oauth2.Token
	if c.ts != nil {
		var err error
		if t, err = c.token(ctx); err != nil {
			return nil, nil, err
		}
	}
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, tok, err := c.newRequest(actx, method, u, f.MediaType(), t, prepare)
	if err != nil {
		return nil, nil, err
	}
	m.add(tok)
	defer c.sending(c.now())()
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return nil, nil, c.transportError(ctx, actx, req, err, 0)
	}
	defer resp.Body.Close()
	ct := resp.Header.Get("Content-Type")
	limit := c.maxBody
	if limit <= 0 {
		limit = writeAnswerLimit
	}
	if resp.ContentLength > limit {
		return nil, nil, &BadResponseError{StatusCode: resp.StatusCode, URL: u, ContentType: ct,
			Err: fmt.Errorf("%w: %d bytes, the limit is %d", ErrBodyTooLarge, resp.ContentLength, limit)}
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	data = m.data(data, resp.StatusCode < 200 || resp.StatusCode >= 300)
	if err != nil && resp.StatusCode >= 200 && resp.StatusCode < 300 && ctx.Err() == nil {
		// The write succeeded (its status and Location came); only its
		// echo of the item was cut off. Saying "may not have been
		// applied" would invite sending it twice.
		return resp, data, nil
	}
	if err != nil {
		if ctx.Err() != nil || actx.Err() != nil {
			return nil, nil, c.transportError(ctx, actx, req, err, int64(len(data)))
		}
		return nil, nil, &BadResponseError{StatusCode: resp.StatusCode, URL: u, ContentType: ct,
			Snippet: sanitize.Snippet(data, errorSnippetRunes), Err: fmt.Errorf("reading the body: %w", err)}
	}
	if int64(len(data)) > limit {
		return nil, nil, &BadResponseError{StatusCode: resp.StatusCode, URL: u, ContentType: ct,
			Err: fmt.Errorf("%w: more than %d bytes", ErrBodyTooLarge, limit)}
	}
	return resp, data, nil
}

// newRequest builds a request to u with the client's Accept and
// User-Agent and, when t is set, its bearer token (returned, so an error
// echoing it can be masked). prepare gives a write its body and headers.
func (c *Client) newRequest(ctx context.Context, method, u, accept string, t *oauth2.Token, prepare func(*http.Request)) (*http.Request, string, error) {
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return nil, "", fmt.Errorf("building the request for %s: %w", u, err)
	}
	if prepare != nil {
		prepare(req)
	}
	req.Header.Set("Accept", accept)
	req.Header.Set("User-Agent", c.userAgent)
	var tok string
	if t != nil {
		t.SetAuthHeader(req)
		tok = t.AccessToken
	}
	return req, tok, nil
}

// writeAnswerLimit bounds a write's answer: at most the bulk add's list of
// MaxBulkWriteWorks works with their errors.
const writeAnswerLimit = errorBodyLimit + MaxBulkWriteWorks*fullWorkBudget

// token gets the access token for a request made with ctx: through
// TokenContext when the source has it (its fetch then ends with ctx),
// otherwise Token. The source's own HTTP client bounds the fetch's time;
// the request's timeout starts once the token is at hand.
func (c *Client) token(ctx context.Context) (*oauth2.Token, error) {
	var t *oauth2.Token
	var err error
	if cts, ok := c.ts.(ContextTokenSource); ok {
		t, err = cts.TokenContext(ctx)
	} else {
		t, err = c.ts.Token()
	}
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, fmt.Errorf("request cancelled while getting an ORCID access token: %w", ctx.Err())
	case err != nil:
		// A token endpoint's refusal may quote the refresh token or the
		// token it gave, and escape sequences (oauth2.RetrieveError shows
		// the whole body).
		err = fmt.Errorf("getting an ORCID access token: %w", err)
		if msg := err.Error(); redact.String(sanitize.Line(msg)) != msg {
			return nil, &maskedError{msg: redact.String(sanitize.Line(msg)), err: err}
		}
		return nil, err
	case t == nil:
		return nil, errors.New("getting an ORCID access token: the token source gave none")
	}
	return t, nil
}

// sending counts a request sent at now in Stats; the returned func marks
// it answered. Every request the client or HTTPClient sends goes through it.
func (c *Client) sending(now time.Time) (done func()) {
	c.stats.sent.Add(1)
	c.stats.window.add(now)
	c.stats.inFlight.Add(1)
	return func() { c.stats.inFlight.Add(-1) }
}

// on503 records a 503 answered to a request sent at sent and slows the
// shared limiter down: API reads and HTTPClient's requests alike.
func (c *Client) on503(sent time.Time) {
	c.stats.s503.Add(1)
	c.limiter.on503(sent, c.now())
}

// transportError says in plain words why no answer (or not all of it)
// came; read is how many bytes of the body had arrived.
func (c *Client) transportError(ctx, actx context.Context, req *http.Request, err error, read int64) error {
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("request to %s cancelled: %w", req.URL.Host, ctx.Err())
	case errors.Is(context.Cause(actx), errSilence) && read > 0:
		return fmt.Errorf("ORCID (%s) did not answer within %s: nothing more came after %s of the answer; try again later: %w",
			req.URL.Host, c.timeout, byteSize(read), context.DeadlineExceeded)
	case errors.Is(context.Cause(actx), errSilence):
		return fmt.Errorf("ORCID (%s) did not answer within %s; try again later: %w", req.URL.Host, c.timeout, context.DeadlineExceeded)
	case errors.Is(context.Cause(actx), errCeiling):
		return fmt.Errorf("ORCID (%s) was still sending after %s (%s received), the most one answer may take: %w",
			req.URL.Host, c.maxTransfer, byteSize(read), context.DeadlineExceeded)
	case actx.Err() != nil:
		return fmt.Errorf("ORCID (%s) did not answer within %s; try again later: %w", req.URL.Host, c.timeout, context.DeadlineExceeded)
	}
	return fmt.Errorf("could not reach ORCID at %s; check the network and the API URL: %w", req.URL.Host, err)
}

// finish turns a non-503/429 answer into a decoded value or an error.
func (c *Client) finish(path string, resp *http.Response, body *Body, v any) error {
	status := resp.StatusCode
	kind := classify(body.ContentType)
	switch {
	case status >= 200 && status < 300:
		if v == nil || status == http.StatusNoContent {
			return nil
		}
		return decodeInto(body, kind, v)
	case status >= 300 && status < 400:
		return c.redirectError(path, resp, body, kind)
	}
	apiErr, oauthErr, ok := parseErrorBody(status, kind, body.Data)
	switch {
	case oauthErr != nil:
		return oauthErr
	case ok && apiErr.ErrorCode == CodeDeprecated:
		apiErr.URL, apiErr.Path, apiErr.ID = body.URL, path, pathID(path)
		return mergedFrom(apiErr, resp.Header.Get("Location"))
	case ok:
		apiErr.URL, apiErr.Path, apiErr.ID = body.URL, path, pathID(path)
		return apiErr
	}
	return &BadResponseError{StatusCode: status, URL: body.URL, ContentType: body.ContentType,
		Snippet: sanitize.Snippet(body.Data, errorSnippetRunes)}
}

// decodeInto decodes a successful body by its Content-Type (sniffing when
// the server sent none).
func decodeInto(body *Body, kind mediaKind, v any) error {
	if kind == kindUnknown {
		kind = sniff(body.Data)
	}
	var err error
	switch kind {
	case kindJSON:
		err = json.Unmarshal(body.Data, v)
	case kindXML:
		err = xml.Unmarshal(body.Data, v)
	default:
		return &BadResponseError{StatusCode: body.StatusCode, URL: body.URL, ContentType: body.ContentType,
			Snippet: sanitize.Snippet(body.Data, errorSnippetRunes)}
	}
	if err != nil {
		if len(body.Data) == 0 {
			err = errors.New("the body is empty")
		}
		err = decodeError("", err)
		return &BadResponseError{StatusCode: body.StatusCode, URL: body.URL, ContentType: body.ContentType,
			Snippet: sanitize.Snippet(body.Data, errorSnippetRunes), Err: err}
	}
	return nil
}

// redirectError reports a redirect the client did not follow: a merged
// record (301 with error 9007 or a Location naming another iD) or, for any
// other redirect, a BadResponseError naming where it pointed.
func (c *Client) redirectError(path string, resp *http.Response, body *Body, kind mediaKind) error {
	loc := resp.Header.Get("Location")
	apiErr, _, ok := parseErrorBody(resp.StatusCode, kind, body.Data)
	if ok {
		apiErr.URL, apiErr.Path, apiErr.ID = body.URL, path, pathID(path)
		if apiErr.ErrorCode == CodeDeprecated {
			return mergedFrom(apiErr, loc)
		}
	}
	if resp.StatusCode == http.StatusMovedPermanently {
		if old := pathID(path); old != "" {
			if p := idInLocation(loc, old); p != "" {
				return &MergedError{Deprecated: old, Primary: p, Location: loc}
			}
		}
	}
	snippet := "Location: " + loc
	if loc == "" {
		snippet = sanitize.Snippet(body.Data, errorSnippetRunes)
	}
	return &BadResponseError{StatusCode: resp.StatusCode, URL: body.URL, ContentType: body.ContentType,
		Snippet: sanitize.Truncate(sanitize.Line(snippet), errorSnippetRunes)}
}

var (
	idPattern = regexp.MustCompile(`(?i)\d{4}-\d{4}-\d{4}-\d{3}[\dx]`)
	// deprecatedPattern finds the merged iD in a 9007 developer message
	// ("Please refer to account: <primary>. ORCID <deprecated>").
	deprecatedPattern = regexp.MustCompile(`(?i)ORCID\s+\S*?(\d{4}-\d{4}-\d{4}-\d{3}[\dx])`)
)

// mergedFrom builds a MergedError from a 9007 document: the primary iD is
// in the Location (the request URL with the iD replaced) or else in the
// developer message ("Please refer to account: <primary>. ORCID <deprecated>").
func mergedFrom(doc *APIError, loc string) *MergedError {
	e := &MergedError{Deprecated: doc.ID, Location: loc, Doc: doc}
	if e.Deprecated == "" {
		if m := deprecatedPattern.FindStringSubmatch(doc.DeveloperMessage); m != nil {
			e.Deprecated, _ = ParseID(m[1])
		}
	}
	e.Primary = idInLocation(loc, e.Deprecated)
	if e.Primary == "" {
		for _, msg := range []string{doc.DeveloperMessage, doc.UserMessage} {
			rest := msg
			if i := strings.Index(strings.ToLower(msg), "refer to account"); i >= 0 {
				rest = msg[i:]
			}
			for _, m := range idPattern.FindAllString(rest, -1) {
				if id, err := ParseID(m); err == nil && id != e.Deprecated {
					e.Primary = id
					break
				}
			}
			if e.Primary != "" {
				break
			}
		}
	}
	return e
}

// idInLocation finds a valid iD other than old in a Location URL's path.
func idInLocation(loc string, old ID) ID {
	if loc == "" {
		return ""
	}
	u, err := url.Parse(loc)
	if err != nil {
		return ""
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if id, err := ParseID(seg); err == nil && id != old {
			return id
		}
	}
	return ""
}

// pathID is the iD an API path starts with, if any.
func pathID(path string) ID {
	seg, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	if id, err := ParseID(seg); err == nil && !strings.Contains(seg, "?") {
		return id
	}
	return ""
}

// textMessage is a plain-text body (429, 503) as one safe line: whole, up
// to a length no real message reaches (ORCID's 429 text names a URL at its
// end, which the user needs).
func textMessage(data []byte) string {
	return sanitize.Snippet(data, 1000)
}

// parseRetryAfter reads Retry-After as seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		if n > 86400 {
			n = 86400
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// backoffFor is the delay before retry n (1-based): base·2^(n-1), capped,
// with "equal jitter" so concurrent retries spread out.
func (c *Client) backoffFor(n int) time.Duration {
	d := c.backoff
	for i := 1; i < n && d < c.maxBackoff; i++ {
		d *= 2
	}
	d = min(d, c.maxBackoff)
	half := d / 2
	return half + rand.N(half+1)
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// ---- paths ---------------------------------------------------------------

// Paths relative to the API version root, for Get and raw views.

// RecordPath is the whole record.
func RecordPath(id ID) string { return string(id) + "/record" }

// PersonPath is the person section.
func PersonPath(id ID) string { return string(id) + "/person" }

// ActivitiesPath is the summary of all activity sections.
func ActivitiesPath(id ID) string { return string(id) + "/activities" }

// WorksPath is the grouped work summaries.
func WorksPath(id ID) string { return string(id) + "/works" }

// WorkPath is one full work.
func WorkPath(id ID, putCode int64) string {
	return string(id) + "/work/" + strconv.FormatInt(putCode, 10)
}

// WorksBulkPath is a bulk read of full works.
func WorksBulkPath(id ID, putCodes []int64) string {
	var b strings.Builder
	b.WriteString(string(id) + "/works/")
	for i, pc := range putCodes {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(pc, 10))
	}
	return b.String()
}

// SectionPath is any section by its path name: "person", "works",
// "fundings", "peer-reviews", "research-resources", "employments", ...
func SectionPath(id ID, name string) string {
	return string(id) + "/" + strings.Trim(name, "/")
}

// ItemPath is one item of a section by its singular name and put-code:
// ItemPath(id, "funding", 123) = "<iD>/funding/123".
func ItemPath(id ID, kind string, putCode int64) string {
	return string(id) + "/" + strings.Trim(kind, "/") + "/" + strconv.FormatInt(putCode, 10)
}

// ---- reads ---------------------------------------------------------------

// read validates id, fills its canonical form into the path and decodes JSON.
func (c *Client) read(ctx context.Context, id ID, path func(ID) string, v any) error {
	canon, err := ParseID(string(id))
	if err != nil {
		return err
	}
	_, err = c.getJSON(ctx, path(canon), v)
	return err
}

// partial is what a typed read returns: the value, or on an error nil,
// except when the body did not decode, where what decoded is returned
// with the error (a *BadResponseError wrapping a *DecodeError).
func partial[T any](v *T, err error) (*T, error) {
	var de *DecodeError
	switch {
	case err == nil:
		return v, nil
	case errors.As(err, &de):
		return v, err
	}
	return nil, err
}

// Record reads the whole record.
func (c *Client) Record(ctx context.Context, id ID) (*Record, error) {
	var v Record
	return partial(&v, c.read(ctx, id, RecordPath, &v))
}

// Person reads the person section.
func (c *Client) Person(ctx context.Context, id ID) (*Person, error) {
	var v Person
	return partial(&v, c.read(ctx, id, PersonPath, &v))
}

// Activities reads the summaries of all eleven activity sections.
func (c *Client) Activities(ctx context.Context, id ID) (*ActivitiesSummary, error) {
	var v ActivitiesSummary
	return partial(&v, c.read(ctx, id, ActivitiesPath, &v))
}

// Works reads the grouped work summaries.
func (c *Client) Works(ctx context.Context, id ID) (*Works, error) {
	var v Works
	return partial(&v, c.read(ctx, id, WorksPath, &v))
}

// Work reads one full work.
func (c *Client) Work(ctx context.Context, id ID, putCode int64) (*Work, error) {
	var v Work
	return partial(&v, c.read(ctx, id, func(id ID) string { return WorkPath(id, putCode) }, &v))
}

// Fundings reads the funding section.
func (c *Client) Fundings(ctx context.Context, id ID) (*Fundings, error) {
	var v Fundings
	return partial(&v, c.read(ctx, id, func(id ID) string { return SectionPath(id, "fundings") }, &v))
}

// PeerReviews reads the peer-review section.
func (c *Client) PeerReviews(ctx context.Context, id ID) (*PeerReviews, error) {
	var v PeerReviews
	return partial(&v, c.read(ctx, id, func(id ID) string { return SectionPath(id, "peer-reviews") }, &v))
}

// ResearchResources reads the research-resource section.
func (c *Client) ResearchResources(ctx context.Context, id ID) (*ResearchResources, error) {
	var v ResearchResources
	return partial(&v, c.read(ctx, id, func(id ID) string { return SectionPath(id, "research-resources") }, &v))
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

// AffiliationSections lists the seven sections in ORCID's display order.
var AffiliationSections = []AffiliationSection{
	Employments, Educations, Qualifications, InvitedPositions, Distinctions, Memberships, Services,
}

// Valid reports whether s is one of the seven sections.
func (s AffiliationSection) Valid() bool {
	for _, a := range AffiliationSections {
		if s == a {
			return true
		}
	}
	return false
}

// Affiliations reads one affiliation section.
func (c *Client) Affiliations(ctx context.Context, id ID, s AffiliationSection) (*Affiliations, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("unknown affiliation section %s: use employments, educations, qualifications, invited-positions, distinctions, memberships or services", quoteShort(string(s)))
	}
	var v Affiliations
	return partial(&v, c.read(ctx, id, func(id ID) string { return SectionPath(id, string(s)) }, &v))
}
