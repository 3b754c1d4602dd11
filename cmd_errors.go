package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"syscall"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// describeError turns any error into ONE plain line: what failed and what to
// do. Never a Go error dump: typed errors are mapped to words, and text that
// came from the network is sanitised.
func describeError(ctx context.Context, err error) string {
	if err == nil {
		return ""
	}
	if ctx.Err() != nil {
		// Whatever failed after Ctrl-C (a request, the limiter, a sign-in)
		// failed because of it.
		return "interrupted"
	}
	var (
		idErr     *orcid.IDError
		merged    *orcid.MergedError
		rate      *orcid.RateLimitError
		oauthErr  *orcid.OAuthError
		apiErr    *orcid.APIError
		badResp   *orcid.BadResponseError
		urlErr    *url.Error
		userError *userError
	)
	switch {
	case errors.As(err, &userError):
		return userError.msg
	case errors.As(err, &idErr):
		return sanitize.Line(idErr.Error()) + " — an ORCID iD looks like 0000-0002-1825-0097"
	case errors.As(err, &merged):
		if merged.Primary == "" {
			return fmt.Sprintf("%s was merged into another record, and ORCID did not say which — search for the person's name", merged.Deprecated)
		}
		return fmt.Sprintf("%s was merged into %s; run: orcid-tui show %s", merged.Deprecated, merged.Primary, merged.Primary)
	case errors.As(err, &rate):
		return describeRateLimit(rate)
	case errors.As(err, &oauthErr):
		return describeOAuth(oauthErr)
	case errors.As(err, &apiErr):
		return describeAPIError(apiErr)
	case errors.Is(err, syscall.ECONNRESET), errors.As(err, &badResp) && errors.Is(badResp.Err, io.ErrUnexpectedEOF):
		host := "ORCID"
		if errors.As(err, &badResp) {
			host = hostOf(badResp.URL)
		} else if errors.As(err, &urlErr) {
			host = hostOf(urlErr.URL)
		}
		return fmt.Sprintf("the connection was reset by %s in the middle of the answer — try again", host)
	case errors.As(err, &badResp) && isHTMLAnswer(badResp):
		msg := fmt.Sprintf("%s answered HTML instead of JSON (HTTP %d", hostOf(badResp.URL), badResp.StatusCode)
		if t := htmlTitle(badResp.Snippet); t != "" {
			msg += ": " + strconv.Quote(t)
		}
		msg += ")"
		if badResp.StatusCode >= 500 {
			return msg + " — the server had an error; try again later"
		}
		return msg + " — is this an ORCID API? check --pub-url / --api-url, or try again later"
	case errors.As(err, &badResp) && isTruncated(badResp.Err):
		return fmt.Sprintf("the answer from %s was truncated (HTTP %d, the document ends early) — try again", hostOf(badResp.URL), badResp.StatusCode)
	case errors.As(err, &badResp):
		msg := fmt.Sprintf("unexpected answer from %s (HTTP %d", hostOf(badResp.URL), badResp.StatusCode)
		if badResp.ContentType != "" {
			msg += ", " + sanitize.Line(badResp.ContentType)
		}
		msg += ")"
		if badResp.Snippet != "" {
			msg += ": " + quoteSnippet(badResp.Snippet)
		}
		return msg + " — is this an ORCID API? check --pub-url / --api-url"
	case errors.Is(err, context.DeadlineExceeded):
		if m := noAnswerWithin.FindStringSubmatch(err.Error()); m != nil {
			return fmt.Sprintf("ORCID (%s) did not answer within %s — try again later", sanitize.Line(m[1]), sanitize.Line(m[2]))
		}
		return "ORCID took too long to answer — try again later"
	case errors.As(err, &urlErr):
		return describeNetError(urlErr)
	}
	return sanitize.Line(err.Error())
}

// userError is an error whose message is already a complete line for the
// user (what failed and what to do).
type userError struct{ msg string }

func (e *userError) Error() string { return e.msg }

func userErrorf(format string, a ...any) error {
	return &userError{msg: fmt.Sprintf(format, a...)}
}

func describeRateLimit(e *orcid.RateLimitError) string {
	if e.StatusCode == 429 {
		msg := "ORCID's daily request quota is used up"
		if e.Message != "" {
			msg += " (" + quoteSnippet(e.Message) + ")"
		}
		return msg + " — try again tomorrow, or use a client id and secret (--client-id, --client-secret)"
	}
	msg := fmt.Sprintf("ORCID is rate limiting us (HTTP %d after %d attempts)", e.StatusCode, e.Attempts)
	if e.RetryAfter > 0 {
		msg += fmt.Sprintf("; it asks to wait %s", e.RetryAfter)
	}
	return msg + " — wait a little and try again"
}

func describeOAuth(e *orcid.OAuthError) string {
	msg := "ORCID refused the credentials"
	if e.Code != "" {
		msg += ": " + sanitize.Line(e.Code)
	}
	if e.Description != "" {
		msg += " (" + quoteSnippet(e.Description) + ")"
	}
	switch e.Code {
	case "invalid_token":
		return msg + " — the token is no longer valid; run: orcid-tui login"
	case "invalid_client", "unauthorized_client":
		return msg + " — check --client-id and --client-secret"
	}
	return msg + " — check the client id and secret, or run: orcid-tui login"
}

func describeAPIError(e *orcid.APIError) string {
	// The client's message already names the record or path, the status
	// and error-code, and what to do for the well-known codes.
	msg := strings.TrimSuffix(quoteSnippet(e.Error()), ".")
	switch {
	case e.ErrorCode == orcid.CodeNotFound, e.ErrorCode == orcid.CodeLocked, e.ErrorCode == orcid.CodeDeactivated,
		e.ErrorCode == orcid.CodeNotPublic, e.ErrorCode == orcid.CodeUnclaimed, e.StatusCode == 404:
		return msg
	case e.StatusCode == 401:
		return msg + " — run: orcid-tui login"
	case e.StatusCode == 400:
		return msg + " — check the query and flags"
	case e.StatusCode >= 500:
		return msg + " — try again later"
	}
	return msg
}

// describeNetError explains a failure to talk to a server at all.
func describeNetError(e *url.Error) string {
	host := hostOf(e.URL)
	var reason string
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case errors.As(e, &dnsErr):
		reason = "no such host"
		if !dnsErr.IsNotFound {
			reason = "name lookup failed"
		}
	case errors.Is(e, syscall.ECONNREFUSED):
		reason = "connection refused"
	case errors.Is(e, syscall.ECONNRESET):
		reason = "connection reset"
	case errors.Is(e, syscall.ENETUNREACH), errors.Is(e, syscall.EHOSTUNREACH):
		reason = "network unreachable"
	case e.Timeout() || errors.Is(e, os.ErrDeadlineExceeded):
		reason = "timed out"
	case strings.Contains(e.Err.Error(), "certificate"):
		reason = "TLS certificate problem"
	case errors.As(e, &opErr):
		reason = sanitize.Line(opErr.Err.Error())
	default:
		reason = sanitize.Line(e.Err.Error())
	}
	return fmt.Sprintf("cannot reach %s: %s — check your network or %s", host, reason, flagForHost(host))
}

// flagForHost is a guess at the flag that sets host; precise enough for a
// hint.
func flagForHost(host string) string {
	switch {
	case strings.Contains(host, "://pub."):
		return "--pub-url"
	case strings.Contains(host, "://api."):
		return "--api-url"
	}
	return "--pub-url / --registry-url"
}

// hostOf returns scheme://host of a URL, or the sanitised input.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return sanitize.Line(raw)
	}
	return sanitize.Line(u.Scheme + "://" + u.Host)
}

// quoteSnippet sanitises and shortens a message from the network.
func quoteSnippet(s string) string {
	return sanitize.Truncate(strings.Join(strings.Fields(sanitize.Line(s)), " "), 200)
}

// noAnswerWithin finds host and timeout in the client's timeout error.
var noAnswerWithin = regexp.MustCompile(`ORCID \(([^)\s]+)\) did not answer within ([0-9a-zµ.]+)`)

// isHTMLAnswer says whether an unexpected answer is an HTML page.
func isHTMLAnswer(e *orcid.BadResponseError) bool {
	s := strings.ToLower(strings.TrimSpace(e.Snippet))
	return strings.Contains(strings.ToLower(e.ContentType), "html") || strings.HasPrefix(s, "<!doctype html") || strings.HasPrefix(s, "<html")
}

var (
	titleRE = regexp.MustCompile(`(?i)<title>([^<]{1,120})</title>`)
	tagRE   = regexp.MustCompile(`<[^>]*>?`)
)

// htmlTitle is the page's <title> when the snippet holds it, else the
// start of its text.
func htmlTitle(snippet string) string {
	if m := titleRE.FindStringSubmatch(snippet); m != nil {
		return quoteSnippet(m[1])
	}
	return sanitize.Truncate(quoteSnippet(tagRE.ReplaceAllString(snippet, " ")), 60)
}

// isTruncated says whether a decode error means the document ends early.
func isTruncated(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(msg, "unexpected end of JSON input") || strings.Contains(msg, "unexpected EOF")
}
