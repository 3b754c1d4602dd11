package orcid

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"syscall"
	"time"

	"golang.org/x/oauth2"

	"github.com/orcid-tui/orcid-tui/internal/redact"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
)

// This file is the read side of the request path: one GET, sent and retried
// until an answer can be returned. Reads are idempotent, so a 503 (burst
// limit), a 502 or 504 (a proxy in front of ORCID), a connection reset and
// a body cut short are all retried, with backoff and a bounded number of
// attempts. Writes never come through here.

// mediaTypeJSON is compact JSON: about half the bytes of ORCID's pretty
// application/vnd.orcid+json, same document. Typed reads ask for it; Get
// asks for the format given, so a raw view shows ORCID's own body.
const mediaTypeJSON = "application/json"

// DefaultMaxTransferTime is the ceiling on one answer's whole transfer. The
// timeout (WithTimeout) is on silence; this only stops a server that keeps
// sending forever.
const DefaultMaxTransferTime = 15 * time.Minute

// readSpec says how one GET is asked for and read.
type readSpec struct {
	accept string
	// stream: decode a successful answer from the connection as it
	// arrives, without keeping its bytes (Body.Data stays nil).
	stream bool
	// decode, when set, replaces json decoding of a streamed answer (the
	// record decoder that hands put-codes over while it reads).
	decode func(r io.Reader) error
	// copy, when set, is called as a streamed JSON answer starts to be
	// decoded (once per attempt, so a retried read starts on a fresh
	// writer) and gets the bytes as they are read, with the tokens the
	// call sent masked (nil: no copy).
	copy func() io.Writer
}

// outcome of one attempt.
type outcome int

const (
	done       outcome = iota
	retryBusy          // 503: slow down, then retry
	retryFlaky         // 502, 504, reset, truncated: retry after a backoff
)

// fetch GETs path: the shared limiter first, then one attempt, retried as
// the outcome says. It returns the last answer's body (nil when none came)
// and how many requests were sent. The tokens sent are masked in what it
// returns (redact.go).
func (c *Client) fetch(ctx context.Context, path string, rs readSpec, v any) (_ *Body, _ int, err error) {
	if err := checkPath(path); err != nil {
		return nil, 0, err
	}
	var m masker
	defer func() { err = m.err(err); m.value(v) }()
	u := c.URL(path)
	ep := endpointOf(path)
	if c.maxBody > 0 {
		ep.limit = c.maxBody
	}
	attempts := 0
	for {
		// A 503 speaks about the rate in force when the request was queued:
		// one queued before a cut and sent after it does not cut again.
		queued := c.now()
		if err := c.wait(ctx); err != nil {
			return nil, attempts, err
		}
		attempts++
		body, resp, out, err := c.attempt(ctx, u, path, ep, rs, v, &m)
		switch out {
		case retryBusy:
			c.on503(queued)
			ra := min(parseRetryAfter(resp.Header.Get("Retry-After"), c.now()), c.maxRetryAfter)
			if attempts > c.maxRetries {
				return body, attempts, &RateLimitError{StatusCode: resp.StatusCode, Attempts: attempts, RetryAfter: ra, Message: textMessage(body.Data)}
			}
			// Retry-After, when given, decides this request's wait; the
			// lowered rate paces it and every other request after that.
			if err := c.retryAfter(ctx, path, max(c.backoffFor(attempts), ra)); err != nil {
				return body, attempts, err
			}
			continue
		case retryFlaky:
			if attempts > c.maxRetries || ctx.Err() != nil {
				return body, attempts, err
			}
			if err := c.retryAfter(ctx, path, c.backoffFor(attempts)); err != nil {
				return body, attempts, err
			}
			continue
		}
		if resp != nil && resp.StatusCode == http.StatusTooManyRequests {
			c.stats.s429.Add(1)
			return body, attempts, &RateLimitError{StatusCode: resp.StatusCode, Attempts: attempts,
				RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), c.now()), Message: textMessage(body.Data)}
		}
		return body, attempts, err
	}
}

func (c *Client) retryAfter(ctx context.Context, path string, d time.Duration) error {
	c.stats.retried.Add(1)
	if err := sleep(ctx, d); err != nil {
		return fmt.Errorf("cancelled while waiting to retry %s: %w", path, err)
	}
	return nil
}

// attempt sends one GET and reads its answer: a successful one decoded
// into v (streamed when rs.stream), anything else read whole (bounded) and
// turned into an error by finish.
func (c *Client) attempt(ctx context.Context, u, path string, ep endpoint, rs readSpec, v any, m *masker) (*Body, *http.Response, outcome, error) {
	var t *oauth2.Token
	if c.ts != nil {
		var err error
		if t, err = c.token(ctx); err != nil {
			return nil, nil, done, err
		}
	}
	actx, cancel := c.transferContext(ctx)
	defer cancel.stop()
	req, tok, err := c.newRequest(actx, http.MethodGet, u, rs.accept, t, nil)
	if err != nil {
		return nil, nil, done, err
	}
	m.add(tok)
	defer c.sending(c.now())()
	resp, err := c.httpClient.Do(req)
	if err != nil {
		err = c.transportError(ctx, actx, req, err, 0)
		return nil, nil, flakyIf(isReset(err) && ctx.Err() == nil), err
	}
	defer resp.Body.Close()
	cancel.touch() // the headers came: the silence starts again
	ct := resp.Header.Get("Content-Type")
	body := &Body{URL: u, StatusCode: resp.StatusCode, ContentType: ct}
	ok := resp.StatusCode >= 200 && resp.StatusCode < 300
	limit := ep.limit
	if !ok {
		limit = min(limit, errorBodyLimit) // error documents and pages are small
	}
	if resp.ContentLength > limit {
		return body, resp, done, &BadResponseError{StatusCode: resp.StatusCode, URL: u, ContentType: ct,
			Err: &BodyTooLargeError{Endpoint: ep.name, Limit: limit, Size: resp.ContentLength}}
	}
	r := &bodyReader{r: resp.Body, limit: limit, touch: cancel.touch}
	if ok && rs.stream && (v != nil || rs.decode != nil) && resp.StatusCode != http.StatusNoContent {
		err := c.decodeStream(body, r, rs, v, m)
		m.body(body) // a body that was not JSON was read whole
		if err == nil {
			return body, resp, done, nil
		}
		return c.readFailure(ctx, actx, req, body, resp, r, ep, err)
	}
	data, err := io.ReadAll(r)
	body.Data = data
	m.body(body) // before anything quotes it: a snippet may cut a token in two
	if err != nil {
		return c.readFailure(ctx, actx, req, body, resp, r, ep, err)
	}
	switch resp.StatusCode {
	case http.StatusServiceUnavailable:
		return body, resp, retryBusy, nil
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		return body, resp, retryFlaky, c.finish(path, resp, body, v)
	case http.StatusTooManyRequests:
		return body, resp, done, nil
	}
	err = c.finish(path, resp, body, v)
	var bad *BadResponseError
	if ok && errors.As(err, &bad) && isTruncated(bad.Err) {
		return body, resp, retryFlaky, err
	}
	return body, resp, done, err
}

// readFailure words a failure while reading or decoding an answer and says
// whether it is worth another attempt.
func (c *Client) readFailure(ctx, actx context.Context, req *http.Request, body *Body, resp *http.Response, r *bodyReader, ep endpoint, err error) (*Body, *http.Response, outcome, error) {
	if ctx.Err() != nil || actx.Err() != nil {
		return body, resp, done, c.transportError(ctx, actx, req, err, r.n)
	}
	if errors.Is(err, errOverLimit) {
		return body, resp, done, &BadResponseError{StatusCode: resp.StatusCode, URL: body.URL, ContentType: body.ContentType,
			Err: &BodyTooLargeError{Endpoint: ep.name, Limit: r.limit, Size: -1, Read: r.n}}
	}
	bad := &BadResponseError{StatusCode: resp.StatusCode, URL: body.URL, ContentType: body.ContentType,
		Snippet: sanitize.Snippet(body.Data, errorSnippetRunes)}
	var de *DecodeError
	if errors.As(err, &de) {
		bad.Err = err
		return body, resp, flakyIf(isTruncated(de.Err)), bad
	}
	bad.Err = fmt.Errorf("reading the body (after %d bytes): %w", r.n, err)
	return body, resp, flakyIf(isReset(err) || errors.Is(err, io.ErrUnexpectedEOF)), bad
}

func flakyIf(b bool) outcome {
	if b {
		return retryFlaky
	}
	return done
}

// isReset: the connection was reset or closed early.
func isReset(err error) bool {
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// isTruncated says whether a decode error means the document ends early.
func isTruncated(err error) bool {
	if err == nil {
		return false
	}
	return errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected end of JSON input") ||
		strings.Contains(err.Error(), "unexpected EOF")
}

// decodeStream decodes a successful answer from r as it arrives.
func (c *Client) decodeStream(body *Body, r io.Reader, rs readSpec, v any, m *masker) error {
	kind := classify(body.ContentType)
	if kind != kindJSON && kind != kindUnknown {
		// Not JSON: read it (bounded) and let decodeInto say what it is.
		data, err := io.ReadAll(r)
		body.Data = data
		if err != nil {
			return err
		}
		return decodeInto(body, kind, v)
	}
	if len(m.tokens) > 0 {
		// Decoded from the masked stream: a value the pane or the CLI shows
		// (a name, a title) never holds a token the server echoed, as a
		// body read whole is masked before it is decoded.
		r = redact.NewReader(r, m.tokens...)
	}
	r = m.copyTo(rs.copy, r)
	var err error
	if rs.decode != nil {
		err = rs.decode(r)
	} else {
		err = decodeJSON(r, v)
	}
	if err == nil {
		return nil
	}
	var de *DecodeError
	if errors.As(err, &de) || errors.Is(err, errOverLimit) {
		return err
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	if errors.As(err, &syn) || errors.As(err, &typ) || isTruncated(err) {
		return &DecodeError{Err: err}
	}
	return err // a read error
}

// decodeJSON decodes one JSON value from r into v, and checks that nothing
// but space follows it.
func decodeJSON(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return &DecodeError{Err: errors.New("the body is empty")}
		}
		return decodeError("", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if err == nil {
			err = errors.New("more than one JSON document")
		}
		return decodeError("", err)
	}
	return nil
}

// DecodeError: a successful answer's body did not decode. Field is where
// (the JSON path, "activities-summary.works.group[12].work-summary"), Err
// the JSON or XML error. What decoded before (or, for a wrong type, around)
// the error is kept in the value the caller passed.
type DecodeError struct {
	Field string
	Err   error
}

func (e *DecodeError) Error() string {
	field := e.Field
	var typ *json.UnmarshalTypeError
	if errors.As(e.Err, &typ) && typ.Field != "" {
		field = joinField(field, typ.Field)
	}
	// The field path holds the document's own keys, and the error may
	// quote its values: both are the server's text.
	if field == "" {
		return sanitize.Line(e.Err.Error())
	}
	return sanitize.Line(fmt.Sprintf("at %s: %v", field, e.Err))
}

func (e *DecodeError) Unwrap() error { return e.Err }

func joinField(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "." + b
}

// decodeError wraps a decode error with where it happened, unless it is a
// read error (not the body's fault) or already placed.
func decodeError(field string, err error) error {
	var de *DecodeError
	if errors.As(err, &de) {
		de.Field = joinField(field, de.Field)
		return de
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	if errors.As(err, &syn) || errors.As(err, &typ) || isTruncated(err) {
		return &DecodeError{Field: field, Err: err}
	}
	return err
}

// ---- sizes ----------------------------------------------------------------

// ORCID's ceilings, and what the client allows for them. A record holds at
// most 10,000 works (error 9048); a bulk read at most 100 full works. The
// budgets per item are several times what real ORCID items take, so a
// record at the ceiling with rich works still fits, in pretty JSON or XML.
const (
	MaxRecordWorks = 10000

	summaryBudget  = 16 << 10 // one work summary (rich ones are 3 to 5 KB pretty)
	fullWorkBudget = 2 << 20  // one full work: a 3,000-author paper is about 1 MB pretty
	hitBudget      = 16 << 10 // one expanded-search hit
	sectionBudget  = 16 << 20 // a record's other sections, a person
	itemBudget     = 8 << 20  // one item (a funding, a peer review, ...)
	errorBodyLimit = 1 << 20  // error documents, HTML pages, 503 texts

	recordBudget = sectionBudget + MaxRecordWorks*summaryBudget
)

// endpoint names what a path reads and how many bytes its answer may take.
type endpoint struct {
	name  string
	limit int64
}

// endpointOf sizes the answer of an API path from ORCID's ceilings.
func endpointOf(path string) endpoint {
	p, query, _ := strings.Cut(strings.TrimPrefix(path, "/"), "?")
	segs := strings.Split(strings.TrimSuffix(p, "/"), "/")
	switch segs[0] {
	case "search", "expanded-search", "csv-search":
		rows := DefaultSearchRows
		for _, kv := range strings.Split(query, "&") {
			if n, ok := strings.CutPrefix(kv, "rows="); ok {
				fmt.Sscan(n, &rows)
			}
		}
		rows = max(1, min(rows, MaxRows))
		return endpoint{name: "/" + segs[0], limit: sectionBudget + int64(rows)*hitBudget}
	}
	if len(segs) < 2 {
		return endpoint{name: "/" + p, limit: recordBudget}
	}
	name := "/" + strings.Join(segs[1:], "/")
	switch {
	case len(segs) == 3 && segs[1] == "works":
		n := int64(strings.Count(segs[2], ",") + 1)
		return endpoint{name: fmt.Sprintf("the bulk read of %d full works (/works/…)", n), limit: errorBodyLimit + n*fullWorkBudget}
	case segs[1] == "person" || segs[1] == "personal-details" || segs[1] == "address" || segs[1] == "email" ||
		segs[1] == "keywords" || segs[1] == "other-names" || segs[1] == "researcher-urls" || segs[1] == "external-identifiers":
		return endpoint{name: name, limit: sectionBudget}
	case len(segs) >= 3 && segs[1] == "work":
		return endpoint{name: "/work/…", limit: itemBudget + fullWorkBudget}
	case len(segs) >= 3:
		return endpoint{name: "/" + segs[1] + "/…", limit: itemBudget}
	}
	// /record, /activities, /works and the other sections: a whole record
	// at ORCID's ceiling.
	return endpoint{name: name, limit: recordBudget}
}

// BodyTooLargeError: an answer is larger than the client reads for its
// endpoint. It matches ErrBodyTooLarge.
type BodyTooLargeError struct {
	Endpoint string // "/record", "the bulk read of 100 full works (/works/…)"
	Limit    int64
	Size     int64 // the announced Content-Length; -1 when not announced
	Read     int64 // bytes read before giving up (when Size is -1)
}

func (e *BodyTooLargeError) Error() string {
	size := fmt.Sprintf("%s announced", byteSize(e.Size))
	if e.Size < 0 {
		size = fmt.Sprintf("more than %s", byteSize(e.Read-1))
	}
	return fmt.Sprintf("the answer for %s is %s, over the %s this client reads for it (sized for ORCID's ceilings: %d works a record, %d full works a bulk read)",
		e.Endpoint, size, byteSize(e.Limit), MaxRecordWorks, MaxBulkWorks)
}

// Is matches ErrBodyTooLarge.
func (e *BodyTooLargeError) Is(target error) bool { return target == ErrBodyTooLarge }

// byteSize is "176 MiB", "1.5 KiB", "12 bytes".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<20))) + " MiB"
	case n >= 1<<10:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<10))) + " KiB"
	}
	return fmt.Sprintf("%d bytes", n)
}

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }

// errOverLimit: bodyReader was asked for more than its limit.
var errOverLimit = errors.New("over the body limit")

// bodyReader counts what it reads, fails past limit, and tells the silence
// timer each time bytes arrive.
type bodyReader struct {
	r     io.Reader
	limit int64
	n     int64
	touch func()
}

func (b *bodyReader) Read(p []byte) (int, error) {
	if b.n > b.limit {
		return 0, errOverLimit
	}
	if rem := b.limit + 1 - b.n; int64(len(p)) > rem {
		p = p[:rem]
	}
	n, err := b.r.Read(p)
	if n > 0 {
		b.n += int64(n)
		b.touch()
		if b.n > b.limit {
			return n, errOverLimit
		}
	}
	return n, err
}

// ---- time -----------------------------------------------------------------

// Causes of an attempt's end, told apart by transportError.
var (
	errSilence = errors.New("no bytes for the timeout")
	errCeiling = errors.New("the transfer took longer than its ceiling")
)

// transferTimer ends an attempt after c.timeout without a byte (touch
// restarts it) or after the transfer ceiling, whichever comes first.
type transferTimer struct {
	t       *time.Timer
	d       time.Duration
	cancel  context.CancelCauseFunc
	cancel2 context.CancelFunc
}

func (c *Client) transferContext(ctx context.Context) (context.Context, *transferTimer) {
	cctx, cancel2 := context.WithTimeoutCause(ctx, c.maxTransfer, errCeiling)
	actx, cancel := context.WithCancelCause(cctx)
	tt := &transferTimer{d: c.timeout, cancel: cancel, cancel2: cancel2}
	tt.t = time.AfterFunc(c.timeout, func() { cancel(errSilence) })
	return actx, tt
}

func (t *transferTimer) touch() { t.t.Reset(t.d) }

func (t *transferTimer) stop() {
	t.t.Stop()
	t.cancel(nil)
	t.cancel2()
}
