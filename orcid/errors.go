package orcid

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/orcid-tui/orcid-tui/internal/redact"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
)

// ORCID error codes a reader meets (api_en.properties in ORCID-Source).
const (
	CodeDeprecated     = 9007 // record merged into another (301 on GET)
	CodeUndefinedField = 9008 // 500: a search query names a field Solr does not know
	CodeNotFound       = 9016
	CodeLocked         = 9018
	CodeUnclaimed      = 9036
	CodeNotPublic      = 9039
	CodeTooManyCodes   = 9042 // more than 100 put-codes in a bulk read
	CodeStartTooLarge  = 9043 // anonymous start > 10,000
	CodeDeactivated    = 9044
)

// ORCID error codes of the member API's writes (api_en.properties).
const (
	CodeNotSource          = 9010 // 403: only the item's source may update or delete it
	CodeWrongRecord        = 9017 // 401: the token is for another record
	CodePutCodeMismatch    = 9019 // 400: put-code in the URL differs from the body's
	CodeDuplicate          = 9021 // 409: this client already added an item with that external id
	CodeTitleRequired      = 9022 // 400: an activity needs a title
	CodeExternalIDRequired = 9023 // 400: an activity needs an external id (self)
	CodePutCodeNotAllowed  = 9024 // 400: a new item must not carry a put-code
	CodeInvalidType        = 9037 // 400: unknown work/funding type
	CodeOrgRequired        = 9046 // 400: an affiliation or funding needs a valid organization
)

// Sentinel errors for errors.Is. An *APIError matches the one for its
// error-code; *MergedError matches ErrMerged; *RateLimitError matches
// ErrQuotaExceeded (429) or ErrBusy (503).
var (
	ErrNotFound      = errors.New("not found in ORCID")
	ErrLocked        = errors.New("ORCID record is locked")
	ErrDeactivated   = errors.New("ORCID record is deactivated")
	ErrNotPublic     = errors.New("ORCID item is not public")
	ErrUnclaimed     = errors.New("ORCID record is not claimed yet")
	ErrMerged        = errors.New("ORCID record was merged into another")
	ErrQuotaExceeded = errors.New("ORCID daily request quota used up")
	ErrBusy          = errors.New("ORCID is busy")

	// Write refusals; an *APIError matches the one for its error-code.
	ErrNotSource          = errors.New("this client is not the source of the ORCID item")
	ErrWrongRecord        = errors.New("the access token is for another ORCID record")
	ErrPutCodeMismatch    = errors.New("the put-code in the URL differs from the one in the item")
	ErrDuplicate          = errors.New("this client already added an item with the same external identifier")
	ErrTitleRequired      = errors.New("ORCID requires a title")
	ErrExternalIDRequired = errors.New("ORCID requires an external identifier of the item itself")
	ErrPutCodeNotAllowed  = errors.New("a new ORCID item must not carry a put-code")
	ErrInvalidItem        = errors.New("ORCID refused the item as invalid")
)

// Errors returned before anything is sent.
var (
	// ErrAnonymousStartLimit: ORCID lets callers without a token page through
	// search results only up to start 10,000.
	ErrAnonymousStartLimit = errors.New("ORCID allows anonymous search paging only up to result 10,000; " +
		"use client credentials (a /read-public token) to page further, or narrow the query")
	// ErrTooManyRows: rows above ORCID's v3.0 maximum of 1000.
	ErrTooManyRows = errors.New("ORCID returns at most 1000 rows per search page")
	// ErrTooManyPutCodes: a bulk read names more than 100 put-codes.
	ErrTooManyPutCodes = errors.New("ORCID reads at most 100 works in one bulk request")
	// ErrBodyTooLarge: the answer is larger than the client's limit.
	ErrBodyTooLarge = errors.New("answer too large")
)

// APIError is an ORCID error document (JSON or XML) with the HTTP status.
// It matches ErrNotFound, ErrLocked, ErrDeactivated, ErrNotPublic,
// ErrUnclaimed and ErrMerged with errors.Is.
type APIError struct {
	StatusCode int
	URL        string
	// Path is the API path asked for (relative to /v3.0) and ID the record
	// it names, when it names one; they make messages specific.
	Path string
	ID   ID
	// Method is the HTTP method for a write ("" for a read).
	Method string
	ErrorDocument
}

// Is matches the sentinel for the error-code (or, without one, the status).
func (e *APIError) Is(target error) bool {
	code := e.ErrorCode
	switch target {
	case ErrNotFound:
		return code == CodeNotFound || (code == 0 && e.StatusCode == 404)
	case ErrLocked:
		return code == CodeLocked
	case ErrDeactivated:
		return code == CodeDeactivated
	case ErrNotPublic:
		return code == CodeNotPublic
	case ErrUnclaimed:
		return code == CodeUnclaimed
	case ErrMerged:
		return code == CodeDeprecated
	case ErrNotSource:
		return code == CodeNotSource
	case ErrWrongRecord:
		return code == CodeWrongRecord
	case ErrPutCodeMismatch:
		return code == CodePutCodeMismatch
	case ErrDuplicate:
		return code == CodeDuplicate
	case ErrTitleRequired:
		return code == CodeTitleRequired
	case ErrExternalIDRequired:
		return code == CodeExternalIDRequired
	case ErrPutCodeNotAllowed:
		return code == CodePutCodeNotAllowed
	case ErrInvalidItem:
		return e.StatusCode == 400 && code != 0
	}
	return false
}

func (e *APIError) Error() string {
	what := "ORCID record " + string(e.ID)
	if e.ID == "" {
		what = "the ORCID resource"
	}
	isRecord := e.ID != "" && (e.Path == string(e.ID) || e.Path == string(e.ID)+"/record")
	tag := e.tag()
	switch {
	case e.Is(ErrNotFound):
		if isRecord || (e.ID != "" && e.Path == "") {
			return fmt.Sprintf("%s was not found (%s). Check the iD and the environment (production and sandbox are separate registries).", what, tag)
		}
		if e.Path != "" {
			return fmt.Sprintf("ORCID has nothing at %s (%s): the record or item does not exist or was removed.", sanitize.Truncate(sanitize.Line(e.Path), 80), tag)
		}
		return fmt.Sprintf("%s was not found (%s).", what, tag)
	case e.Is(ErrLocked) && e.Method != "":
		return fmt.Sprintf("%s is locked by ORCID and cannot be changed (%s).", what, tag)
	case e.Is(ErrLocked):
		return fmt.Sprintf("%s is locked by ORCID and cannot be read (%s).", what, tag)
	case e.Is(ErrDeactivated) && e.Method != "":
		return fmt.Sprintf("%s is deactivated and cannot be changed (%s).", what, tag)
	case e.Is(ErrDeactivated):
		return fmt.Sprintf("%s is deactivated; its owner closed it (%s).", what, tag)
	case e.Is(ErrNotPublic):
		return fmt.Sprintf("this item of %s is not public (%s); reading it needs a member token with /read-limited.", what, tag)
	case e.Is(ErrUnclaimed):
		return fmt.Sprintf("%s has not been claimed by its owner yet, so only its creator can read it (%s).", what, tag)
	case e.Is(ErrMerged) && e.Method != "":
		return fmt.Sprintf("%s was merged into another record and cannot be changed (%s); write to the record it was merged into.", what, tag)
	case e.Is(ErrMerged):
		return fmt.Sprintf("%s was merged into another record (%s).", what, tag)
	case e.Method != "":
		if s := e.writeMessage(what, tag); s != "" {
			return s
		}
	}
	msg := e.message()
	if msg == "" {
		return fmt.Sprintf("ORCID refused the request (%s).", tag)
	}
	return fmt.Sprintf("ORCID refused the request (%s): %s", tag, msg)
}

// tag is "404, error 9016" or "500".
func (e *APIError) tag() string {
	status := e.StatusCode
	if status == 0 {
		status = e.ResponseCode
	}
	if e.ErrorCode != 0 {
		return fmt.Sprintf("%d, error %d", status, e.ErrorCode)
	}
	return fmt.Sprint(status)
}

// message is ORCID's own text, one safe line: the developer message says
// more than the user message ("Full validation error: …").
func (e *APIError) message() string {
	m := e.DeveloperMessage
	if strings.TrimSpace(m) == "" {
		m = e.UserMessage
	}
	return shown(strings.TrimSpace(m), 300)
}

// MergedError: the record was merged into (deprecated in favour of) Primary.
// ORCID answers 301 + Location with error-code 9007; the client does not
// follow it. Primary is empty when ORCID did not say which record it is.
type MergedError struct {
	Deprecated ID
	Primary    ID
	Location   string
	Doc        *APIError
}

func (e *MergedError) Error() string {
	old := string(e.Deprecated)
	if old == "" {
		old = "asked for"
	}
	if e.Primary == "" {
		return fmt.Sprintf("ORCID record %s was merged into another record (301, error 9007), and ORCID did not say which.", old)
	}
	return fmt.Sprintf("ORCID record %s was merged into %s (301, error 9007): open %s instead.", old, e.Primary, e.Primary)
}

// Is matches ErrMerged.
func (e *MergedError) Is(target error) bool { return target == ErrMerged }

// Unwrap returns ORCID's error document, when there was one.
func (e *MergedError) Unwrap() error {
	if e.Doc == nil {
		return nil
	}
	return e.Doc
}

// OAuthError is an OAuth-style body ({"error":"invalid_token","error_description":...}).
type OAuthError struct {
	StatusCode  int
	Code        string
	Description string
}

func (e *OAuthError) Error() string {
	code := shown(e.Code, 60)
	desc := shown(e.Description, 200)
	detail := code
	if desc != "" {
		detail += ": " + desc
	}
	switch e.Code {
	case "invalid_token":
		return fmt.Sprintf("ORCID rejected the access token (%d %s). Get a new token or sign in again.", e.StatusCode, detail)
	case "access_denied", "forbidden", "insufficient_scope":
		return fmt.Sprintf("ORCID denied access (%d %s). The token lacks the scope needed, or a token is required.", e.StatusCode, detail)
	}
	return fmt.Sprintf("ORCID refused the credentials (%d %s).", e.StatusCode, detail)
}

// Is matches ErrInsufficientScope for a 403 saying the token lacks a scope
// (on a write: /activities/update or /person/update, see ItemKind.Scope).
func (e *OAuthError) Is(target error) bool {
	return target == ErrInsufficientScope && e.StatusCode == 403 && e.Code == "insufficient_scope"
}

// BadResponseError: the server answered something that is not ORCID's
// document (HTML, garbage, truncated JSON). Snippet is short and sanitised.
type BadResponseError struct {
	StatusCode  int
	URL         string
	ContentType string
	Snippet     string
	Err         error // the decode error, if any
}

func (e *BadResponseError) Error() string {
	ct := sanitize.Truncate(sanitize.Line(e.ContentType), 60)
	if ct == "" {
		ct = "no content type"
	}
	var b strings.Builder
	switch {
	case errors.Is(e.Err, ErrBodyTooLarge):
		fmt.Fprintf(&b, "ORCID's answer (%d, %s) is too large to read: %v", e.StatusCode, ct, e.Err)
	case e.Err != nil:
		fmt.Fprintf(&b, "ORCID's answer (%d, %s) could not be read: %s", e.StatusCode, ct, shown(e.Err.Error(), 200))
	case e.StatusCode >= 300 && e.StatusCode < 400:
		fmt.Fprintf(&b, "ORCID answered with an unexpected redirect (%d)", e.StatusCode)
	default:
		fmt.Fprintf(&b, "ORCID answered %d with %s instead of an ORCID document", e.StatusCode, ct)
	}
	if e.Snippet != "" {
		fmt.Fprintf(&b, "; it begins %q", redact.Tokens(e.Snippet))
	}
	b.WriteString(". Check the API URL of the environment, or try again later.")
	return b.String()
}

func (e *BadResponseError) Unwrap() error { return e.Err }

// RateLimitError: 503 after all retries (Attempts), or 429 daily quota
// (not retried). Message is the server's text, sanitised.
type RateLimitError struct {
	StatusCode int
	Attempts   int
	RetryAfter time.Duration
	Message    string
}

func (e *RateLimitError) Error() string {
	if e.StatusCode == 429 {
		msg := strings.TrimRight(shown(e.Message, 1000), ". ")
		if msg == "" {
			msg = "too many requests"
		}
		if e.ShortWait() {
			return fmt.Sprintf("ORCID asks to slow down (429): %s. It asked to wait %s; wait that long and try again.", msg, e.RetryAfter.Round(time.Second))
		}
		return fmt.Sprintf("ORCID's daily request quota is used up (429): %s. Try again tomorrow or use credentials.", msg)
	}
	s := fmt.Sprintf("ORCID is busy (%d) and still refused after %d attempts", e.StatusCode, e.Attempts)
	if e.RetryAfter > 0 {
		s += fmt.Sprintf("; it asked to wait %s", e.RetryAfter.Round(time.Second))
	}
	return s + ". Wait a moment and try again."
}

// ShortWait reports whether a 429 came with a Retry-After of less than an
// hour: the server asks to slow down, not to come back tomorrow.
func (e *RateLimitError) ShortWait() bool {
	return e.StatusCode == 429 && e.RetryAfter > 0 && e.RetryAfter < time.Hour
}

// Is matches ErrQuotaExceeded (429) and ErrBusy (503).
func (e *RateLimitError) Is(target error) bool {
	switch target {
	case ErrQuotaExceeded:
		return e.StatusCode == 429
	case ErrBusy:
		return e.StatusCode == 503
	}
	return false
}

// errorBody is the union of the error bodies ORCID sends: its own error
// document and OAuth-style bodies (the userinfo endpoint spells
// error-description with a hyphen).
type errorBody struct {
	ResponseCode      *int    `json:"response-code"`
	DeveloperMessage  string  `json:"developer-message"`
	UserMessage       string  `json:"user-message"`
	ErrorCode         *int    `json:"error-code"`
	MoreInfo          string  `json:"more-info"`
	Error             *string `json:"error"`
	ErrorDescription  string  `json:"error_description"`
	ErrorDescription2 string  `json:"error-description"`
}

// xmlErrorDoc is ORCID's XML error document; element names match in any
// namespace (ORCID uses prefixed and unprefixed forms).
type xmlErrorDoc struct {
	XMLName          xml.Name
	ResponseCode     string `xml:"response-code"`
	DeveloperMessage string `xml:"developer-message"`
	UserMessage      string `xml:"user-message"`
	ErrorCode        string `xml:"error-code"`
	MoreInfo         string `xml:"more-info"`
}

// parseErrorBody turns an error body into *APIError or *OAuthError; ok is
// false when the body is neither.
func parseErrorBody(status int, kind mediaKind, data []byte) (apiErr *APIError, oauthErr *OAuthError, ok bool) {
	if kind == kindUnknown {
		kind = sniff(data)
	}
	if kind == kindJSON {
		var eb errorBody
		if json.Unmarshal(data, &eb) != nil {
			return nil, nil, false
		}
		if eb.Error != nil && eb.ErrorCode == nil {
			desc := eb.ErrorDescription
			if desc == "" {
				desc = eb.ErrorDescription2
			}
			return nil, &OAuthError{StatusCode: status, Code: *eb.Error, Description: desc}, true
		}
		if eb.ErrorCode == nil && eb.ResponseCode == nil && eb.DeveloperMessage == "" && eb.UserMessage == "" {
			return nil, nil, false
		}
		doc := ErrorDocument{DeveloperMessage: eb.DeveloperMessage, UserMessage: eb.UserMessage, MoreInfo: eb.MoreInfo}
		if eb.ResponseCode != nil {
			doc.ResponseCode = *eb.ResponseCode
		}
		if eb.ErrorCode != nil {
			doc.ErrorCode = *eb.ErrorCode
		}
		return &APIError{StatusCode: status, ErrorDocument: doc}, nil, true
	}
	if kind == kindXML {
		var xd xmlErrorDoc
		if xml.Unmarshal(data, &xd) != nil || xd.XMLName.Local != "error" {
			return nil, nil, false
		}
		doc := ErrorDocument{
			DeveloperMessage: strings.TrimSpace(xd.DeveloperMessage),
			UserMessage:      strings.TrimSpace(xd.UserMessage),
			MoreInfo:         strings.TrimSpace(xd.MoreInfo),
		}
		fmt.Sscan(strings.TrimSpace(xd.ResponseCode), &doc.ResponseCode)
		fmt.Sscan(strings.TrimSpace(xd.ErrorCode), &doc.ErrorCode)
		return &APIError{StatusCode: status, ErrorDocument: doc}, nil, true
	}
	return nil, nil, false
}
