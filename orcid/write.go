package orcid

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
)

// MaxBulkWriteWorks is how many works ORCID adds in one POST /{iD}/works
// (bulk.write.max); AddWorks splits longer lists into batches.
const MaxBulkWriteWorks = 100

// WriteResult is ORCID's answer to a write that succeeded.
type WriteResult struct {
	Kind ItemKind
	// PutCode is the new item's put-code (from the Location of a 201), or
	// the updated or deleted item's.
	PutCode int64
	// Location is the new item's API URL (201 only).
	Location string
	// Body is ORCID's answer as sent: the updated item for a PUT, empty for
	// a 201 or 204.
	Body *Body
	// Attempts is how many requests were sent (more than one only when
	// ORCID's limiter refused one before reading it).
	Attempts int
}

// Decode decodes ORCID's answer (the updated item of a PUT) into v, for
// example a *Work.
func (r *WriteResult) Decode(v any) error {
	if r.Body == nil || len(r.Body.Data) == 0 {
		return errors.New("ORCID's answer has no body to decode")
	}
	return decodeInto(r.Body, classify(r.Body.ContentType), v)
}

// Add sends a new item (POST /{iD}/{kind}) as JSON. The item must have no
// put-code; ORCID gives it one, returned in the result.
func (c *Client) Add(ctx context.Context, id ID, it Item) (*WriteResult, error) {
	return c.AddAs(ctx, id, it, JSON)
}

// AddAs is Add sending the item in format f.
func (c *Client) AddAs(ctx context.Context, id ID, it Item, f Format) (*WriteResult, error) {
	k, err := checkItem(it)
	if err != nil {
		return nil, err
	}
	if it.ItemPutCode() != 0 {
		return nil, fmt.Errorf("adding a %s with put-code %d: %w", k, it.ItemPutCode(), ErrPutCodeNotAllowed)
	}
	data, err := MarshalItem(it, f)
	if err != nil {
		return nil, fmt.Errorf("encoding the %s: %w", k, err)
	}
	return c.AddRaw(ctx, id, k, data, f)
}

// Update replaces the item with its put-code (PUT /{iD}/{kind}/{put-code})
// as JSON. Only the client that added an item may update it (ErrNotSource).
func (c *Client) Update(ctx context.Context, id ID, it Item) (*WriteResult, error) {
	return c.UpdateAs(ctx, id, it, JSON)
}

// UpdateAs is Update sending the item in format f.
func (c *Client) UpdateAs(ctx context.Context, id ID, it Item, f Format) (*WriteResult, error) {
	k, err := checkItem(it)
	if err != nil {
		return nil, err
	}
	pc := it.ItemPutCode()
	if pc <= 0 {
		return nil, fmt.Errorf("updating a %s needs its put-code in the item", k)
	}
	data, err := MarshalItem(it, f)
	if err != nil {
		return nil, fmt.Errorf("encoding the %s: %w", k, err)
	}
	return c.UpdateRaw(ctx, id, k, pc, data, f)
}

// AddRaw sends data, a document the user wrote in format f, as a new item
// of kind k, exactly as given.
func (c *Client) AddRaw(ctx context.Context, id ID, k ItemKind, data []byte, f Format) (*WriteResult, error) {
	return c.writeItem(ctx, http.MethodPost, id, k, 0, data, f)
}

// UpdateRaw sends data (format f) to replace item putCode of kind k. ORCID
// requires the same put-code inside the document (else ErrPutCodeMismatch).
func (c *Client) UpdateRaw(ctx context.Context, id ID, k ItemKind, putCode int64, data []byte, f Format) (*WriteResult, error) {
	if putCode <= 0 {
		return nil, fmt.Errorf("updating a %s needs a put-code", k)
	}
	return c.writeItem(ctx, http.MethodPut, id, k, putCode, data, f)
}

// Delete removes item putCode of kind k (DELETE /{iD}/{kind}/{put-code}).
// Only the client that added an item may delete it (ErrNotSource).
func (c *Client) Delete(ctx context.Context, id ID, k ItemKind, putCode int64) (*WriteResult, error) {
	if putCode <= 0 {
		return nil, fmt.Errorf("deleting a %s needs a put-code", k)
	}
	return c.writeItem(ctx, http.MethodDelete, id, k, putCode, nil, JSON)
}

func checkItem(it Item) (ItemKind, error) {
	if it == nil {
		return "", errors.New("no item to write")
	}
	k := it.ItemKind()
	if !k.Valid() {
		return "", fmt.Errorf("unknown item kind %s", quoteShort(string(k)))
	}
	return k, nil
}

// writeItem sends one add, update or delete and reads ORCID's answer.
func (c *Client) writeItem(ctx context.Context, method string, id ID, k ItemKind, putCode int64, data []byte, f Format) (*WriteResult, error) {
	if !k.Valid() {
		return nil, fmt.Errorf("unknown item kind %s", quoteShort(string(k)))
	}
	canon, err := c.writeTarget(id)
	if err != nil {
		return nil, err
	}
	path := WriteItemPath(canon, k, putCode)
	var m masker
	resp, body, attempts, err := c.write(ctx, method, path, k, data, f, &m)
	if err != nil {
		return nil, err
	}
	if method != http.MethodPost && pageNotItem(body) {
		return nil, m.err(pageAnswerError(method, k, body))
	}
	res := &WriteResult{Kind: k, PutCode: putCode, Body: body, Attempts: attempts}
	if method == http.MethodPost {
		res.Location = resp.Header.Get("Location")
		pc, err := putCodeFromLocation(res.Location)
		if err != nil {
			// A success without the new put-code (a proxy's 200 page, a
			// Location cut off): the item may well be on the record, so
			// this is never "try again".
			return nil, m.err(&WriteUncertainError{Method: method, Kind: k, URL: body.URL, StatusCode: resp.StatusCode,
				Err: &BadResponseError{StatusCode: resp.StatusCode, URL: body.URL, ContentType: body.ContentType,
					Snippet: sanitize.Truncate(sanitize.Line("Location: "+res.Location), errorSnippetRunes),
					Err:     fmt.Errorf("ORCID did not say the new put-code: %w", err)}})
		}
		res.PutCode = pc
		res.Location = m.text(sanitize.Line(res.Location))
	}
	return res, nil
}

// writeTarget checks that the client can write and canonicalises id.
func (c *Client) writeTarget(id ID) (ID, error) {
	if c.api != MemberAPI || c.ts == nil {
		return "", ErrNeedsMemberToken
	}
	return ParseID(string(id))
}

// putCodeFromLocation reads the put-code at the end of a 201's Location
// (https://api.orcid.org/v3.0/{iD}/work/{put-code}).
func putCodeFromLocation(loc string) (int64, error) {
	if loc == "" {
		return 0, errors.New("no Location header")
	}
	u, err := url.Parse(loc)
	if err != nil {
		return 0, err
	}
	p := strings.TrimRight(u.Path, "/")
	pc, err := strconv.ParseInt(p[strings.LastIndexByte(p, '/')+1:], 10, 64)
	if err != nil || pc <= 0 {
		return 0, fmt.Errorf("no put-code at the end of the Location")
	}
	return pc, nil
}

// countingReader counts the bytes the transport took from a request body:
// none taken means none could have reached ORCID.
type countingReader struct {
	r *bytes.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// write sends a write request and returns the answer of a success.
//
// Writes are never retried blindly. A 503 (ORCID's burst limit) is
// retried only when ORCID cannot have applied the write: the request body
// was never taken by the transport. The request says "Expect:
// 100-continue", so a server (or the limiter in front of it) refusing it
// answers before asking for the body, and the transport then sends no
// byte of it. Any other failure after the body (or, for a DELETE, the
// request) left the client — a 503 after the body was read, a 502/504, a
// timeout, a dropped connection — is a *WriteUncertainError telling the
// user to check the record, and is not retried. Failures before anything
// was sent (the client's own limiter refusing to wait past the deadline,
// a connection that could not be opened) are plain errors. The limiter and
// the 503 slow-down are the client's shared ones, as for reads. The
// tokens sent are masked in the body and error returned, and m keeps them
// for the caller's own errors (a bulk add's error elements).
func (c *Client) write(ctx context.Context, method, path string, k ItemKind, data []byte, f Format, m *masker) (_ *http.Response, body *Body, _ int, err error) {
	if err := checkPath(path); err != nil {
		return nil, nil, 0, err
	}
	defer func() { m.body(body); err = m.err(err) }()
	u := c.URL(path)
	attempts := 0
	for {
		if err := c.wait(ctx); err != nil {
			return nil, nil, attempts, fmt.Errorf("nothing was sent: %w", err)
		}
		attempts++
		sent := c.now()
		var taken atomic.Int64
		built := false // the request got as far as the transport (its token was at hand)
		prepare := func(req *http.Request) {
			built = true
			if data == nil {
				return
			}
			req.Body = io.NopCloser(countingReader{r: bytes.NewReader(data), n: &taken})
			req.ContentLength = int64(len(data))
			req.Header.Set("Content-Type", f.MediaType())
			req.Header.Set("Expect", "100-continue")
		}
		resp, raw, err := c.do(ctx, method, u, f, prepare, m)
		reached := built && (data == nil || taken.Load() > 0)
		if err != nil {
			if !reached || neverConnected(err) {
				return nil, nil, attempts, fmt.Errorf("nothing was sent: %w", err)
			}
			return nil, nil, attempts, &WriteUncertainError{Method: method, Kind: k, URL: u, Err: err}
		}
		body := &Body{URL: u, StatusCode: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Data: raw}
		switch st := resp.StatusCode; {
		case st == http.StatusServiceUnavailable:
			c.on503(sent)
			if reached {
				return nil, body, attempts, &WriteUncertainError{Method: method, Kind: k, URL: u, StatusCode: st,
					Err: &RateLimitError{StatusCode: st, Attempts: attempts, Message: textMessage(raw)}}
			}
			ra := min(parseRetryAfter(resp.Header.Get("Retry-After"), c.now()), c.maxRetryAfter)
			if attempts > c.maxRetries {
				return nil, body, attempts, &RateLimitError{StatusCode: st, Attempts: attempts, RetryAfter: ra, Message: textMessage(raw)}
			}
			c.stats.retried.Add(1)
			if err := sleep(ctx, max(c.backoffFor(attempts), ra)); err != nil {
				return nil, body, attempts, fmt.Errorf("cancelled while waiting to retry; the %s was not sent: %w", k, err)
			}
			continue
		case st == http.StatusTooManyRequests:
			// ORCID's quota filter answers before the API runs.
			c.stats.s429.Add(1)
			return nil, body, attempts, &RateLimitError{StatusCode: st, Attempts: attempts,
				RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), c.now()), Message: textMessage(raw)}
		case st >= 200 && st < 300:
			return resp, body, attempts, nil
		}
		return nil, body, attempts, c.writeError(method, path, k, resp, body, reached)
	}
}

// neverConnected reports a transport error raised before a connection
// existed (DNS, refused dial): nothing can have reached ORCID.
func neverConnected(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// writeError turns a refused write into a typed error. ORCID's error
// document means ORCID ran the request and refused it (nothing applied);
// a server error without one (a gateway's 502/504 page) means the write
// may have gone through.
func (c *Client) writeError(method, path string, k ItemKind, resp *http.Response, body *Body, reached bool) error {
	status := resp.StatusCode
	apiErr, oauthErr, ok := parseErrorBody(status, classify(body.ContentType), body.Data)
	switch {
	case oauthErr != nil:
		return oauthErr
	case ok:
		apiErr.URL, apiErr.Path, apiErr.ID, apiErr.Method = body.URL, path, pathID(path), method
		if apiErr.ErrorCode == CodeDuplicate {
			return duplicateOf(k, apiErr)
		}
		return apiErr
	case status >= 500 && reached:
		return &WriteUncertainError{Method: method, Kind: k, URL: body.URL, StatusCode: status,
			Err: &BadResponseError{StatusCode: status, URL: body.URL, ContentType: body.ContentType, Snippet: sanitize.Snippet(body.Data, errorSnippetRunes)}}
	case status >= 300 && status < 400:
		return &BadResponseError{StatusCode: status, URL: body.URL, ContentType: body.ContentType,
			Snippet: sanitize.Truncate(sanitize.Line("Location: "+resp.Header.Get("Location")), errorSnippetRunes)}
	}
	return &BadResponseError{StatusCode: status, URL: body.URL, ContentType: body.ContentType, Snippet: sanitize.Snippet(body.Data, errorSnippetRunes)}
}

// ---- bulk add ------------------------------------------------------------

// BulkWorkResult is the outcome of one work of AddWorks, in input order.
type BulkWorkResult struct {
	Index   int   // position in the list given to AddWorks
	PutCode int64 // the new work's put-code when it was added
	// Work is ORCID's copy of the added work.
	Work *Work
	// Err is why the work was not added: an *APIError or *DuplicateError
	// from ORCID, a *WriteUncertainError when its batch got no clear
	// answer, or an error matching ErrNotSent when its batch was never sent.
	Err error
}

// AddWorks adds works in bulk (POST /{iD}/works), MaxBulkWriteWorks per request,
// batches one after another. The results are in the order of works, one
// per work. The error is nil when every batch got ORCID's answer (some
// works may still have been refused: see each result's Err); when a batch
// fails, its works and those of later batches, which are not sent, carry
// the error, and it is returned too.
func (c *Client) AddWorks(ctx context.Context, id ID, works []*WorkDraft) ([]BulkWorkResult, error) {
	return c.AddWorksAs(ctx, id, works, JSON)
}

// AddWorksAs is AddWorks sending the batches in format f.
func (c *Client) AddWorksAs(ctx context.Context, id ID, works []*WorkDraft, f Format) ([]BulkWorkResult, error) {
	canon, err := c.writeTarget(id)
	if err != nil {
		return nil, err
	}
	if len(works) == 0 {
		return nil, errors.New("no works to add")
	}
	for i, w := range works {
		if w == nil {
			return nil, fmt.Errorf("work %d of the list is missing", i+1)
		}
		if w.PutCode != 0 {
			return nil, fmt.Errorf("work %d of the list has put-code %d: %w", i+1, w.PutCode, ErrPutCodeNotAllowed)
		}
	}
	out := make([]BulkWorkResult, len(works))
	for i := range out {
		out[i].Index = i
	}
	path := string(canon) + "/works"
	var failed error
	for start := 0; start < len(works); start += MaxBulkWriteWorks {
		end := min(start+MaxBulkWriteWorks, len(works))
		if failed != nil {
			for i := start; i < end; i++ {
				out[i].Err = fmt.Errorf("work %d %w: an earlier batch failed", i+1, ErrNotSent)
			}
			continue
		}
		data, err := marshalBulkWorks(works[start:end], f)
		if err != nil {
			return nil, fmt.Errorf("encoding works %d-%d: %w", start+1, end, err)
		}
		failed = c.addBatch(ctx, path, data, f, out[start:end])
		if failed != nil {
			failed = fmt.Errorf("works %d-%d of %d: %w", start+1, end, len(works), failed)
		}
	}
	return out, failed
}

// addBatch sends one bulk request and fills its slice of results.
func (c *Client) addBatch(ctx context.Context, path string, data []byte, f Format, out []BulkWorkResult) error {
	fail := func(err error) error {
		for i := range out {
			out[i].Err = err
		}
		return err
	}
	var m masker
	_, body, _, err := c.write(ctx, http.MethodPost, path, KindWork, data, f, &m)
	if err != nil {
		if !errors.Is(err, ErrMaybeApplied) && !isAnswer(err) {
			// Nothing reached ORCID: the works are simply not sent.
			return fail(fmt.Errorf("%w: %w", ErrNotSent, err))
		}
		return fail(err)
	}
	var bulk WorkBulk
	if err := decodeInto(body, classify(body.ContentType), &bulk); err != nil {
		// The works may be on the record while their answer is unreadable.
		return fail(m.err(&WriteUncertainError{Method: http.MethodPost, Kind: KindWork, URL: body.URL, StatusCode: body.StatusCode, Err: err}))
	}
	m.value(&bulk)
	for i := range out {
		if i >= len(bulk.Bulk) {
			out[i].Err = &WriteUncertainError{Method: http.MethodPost, Kind: KindWork, URL: body.URL, StatusCode: body.StatusCode,
				Err: fmt.Errorf("ORCID's answer lists %d items for %d works", len(bulk.Bulk), len(out))}
			continue
		}
		switch it := bulk.Bulk[i]; {
		case it.Work != nil:
			out[i].Work, out[i].PutCode = it.Work, it.Work.PutCode
		case it.Error != nil:
			doc := &APIError{StatusCode: it.Error.ResponseCode, URL: body.URL, Path: path, ID: pathID(path), Method: http.MethodPost, ErrorDocument: *it.Error}
			if doc.ErrorCode == CodeDuplicate {
				out[i].Err = duplicateOf(KindWork, doc)
			} else {
				out[i].Err = doc
			}
		default:
			out[i].Err = &WriteUncertainError{Method: http.MethodPost, Kind: KindWork, URL: body.URL, StatusCode: body.StatusCode,
				Err: errors.New("ORCID's answer has an empty item")}
		}
	}
	return nil
}

// isAnswer reports an error that is ORCID's refusal (so the batch reached
// it and was refused as a whole).
func isAnswer(err error) bool {
	var a *APIError
	var o *OAuthError
	var d *DuplicateError
	var b *BadResponseError
	return errors.As(err, &a) || errors.As(err, &o) || errors.As(err, &d) || errors.As(err, &b)
}

// ParseWorkList reads a list of works for AddWorks: ORCID's bulk document
// ({"bulk": [{"work": {...}}, ...]} or <bulk:bulk>), or a JSON array of
// works.
func ParseWorkList(data []byte, f Format) ([]*WorkDraft, error) {
	if f == XML {
		var b bulkWorksXML
		if err := xml.Unmarshal(data, &b); err != nil {
			return nil, fmt.Errorf("reading the works (xml): %w", err)
		}
		return b.Work, nil
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var list []*WorkDraft
		if err := json.Unmarshal(trimmed, &list); err != nil {
			return nil, fmt.Errorf("reading the works (json): %w", err)
		}
		return list, nil
	}
	var b bulkWorksJSON
	if err := json.Unmarshal(trimmed, &b); err != nil {
		return nil, fmt.Errorf("reading the works (json): %w", err)
	}
	out := make([]*WorkDraft, 0, len(b.Bulk))
	for i, it := range b.Bulk {
		if it.Work == nil {
			return nil, fmt.Errorf("reading the works (json): element %d is not a work", i+1)
		}
		out = append(out, it.Work)
	}
	return out, nil
}
