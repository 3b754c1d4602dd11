package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
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
