package common

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"regexp"
	"strings"
	"syscall"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// ORCID error codes the UI speaks about in words.
const (
	codeMerged      = 9007
	codeNotFound    = 9016
	codeLocked      = 9018
	codeNotPublic   = 9039
	codeDeactivated = 9044
)

// Describe turns an error into plain words for the status line (short, one
// line, says what failed and what to do) and a longer, sanitised detail shown
// one key away. Both are safe to draw.
func Describe(err error) (short, detail string) {
	if err == nil {
		return "", ""
	}
	detail = sanitize.Text(err.Error())
	short = describe(err)
	return sanitize.Line(short), detail
}

func describe(err error) string {
	var (
		merged  *orcid.MergedError
		api     *orcid.APIError
		oauth   *orcid.OAuthError
		bad     *orcid.BadResponseError
		rl      *orcid.RateLimitError
		idErr   *orcid.IDError
		tokErr  *auth.IDTokenError
		dnsErr  *net.DNSError
		opErr   *net.OpError
		urlErr  *url.Error
		timeout interface{ Timeout() bool }
		authz   *auth.AuthorizationError
		insec   *auth.InsecureFileError
	)
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, auth.ErrCancelled):
		return "cancelled"
	case errors.Is(err, auth.ErrNoCredentials):
		return "no client id or secret: ORCID needs both (press e in the environment pane)"
	case errors.Is(err, auth.ErrTimeout):
		return "the sign-in timed out waiting for the browser; press l to try again"
	case errors.As(err, &authz):
		if authz.Code == "access_denied" {
			return "access was denied in the browser"
		}
		return "the registry refused the authorization (" + authz.Code + ")"
	case errors.Is(err, auth.ErrStateMismatch):
		return "the answer does not belong to this sign-in (state mismatch)"
	case errors.Is(err, auth.ErrNonceMismatch):
		return "the id_token was not issued for this sign-in (nonce mismatch)"
	case errors.As(err, &tokErr) && tokErr.BadSignature():
		return "the id_token is not signed with a key the registry publishes, so it is not trusted and nothing was saved; press l to sign in again"
	case errors.As(err, &tokErr) && tokErr.Expired():
		return "the id_token has expired; check this computer's clock, then press l to sign in again"
	case errors.Is(err, auth.ErrNoRefreshToken):
		return "this token has no refresh token: sign in again"
	case errors.Is(err, auth.ErrNoBrowser):
		return "no browser here (SSH): copy the URL with y and open it on your computer"
	case errors.Is(err, auth.ErrKeyringTimeout):
		return "the OS keyring did not answer in time"
	case errors.As(err, &insec):
		return "the token file " + insec.Path + " is readable by others: run chmod 600 on it"
	case errors.As(err, &merged):
		if merged.Primary != "" {
			return fmt.Sprintf("record %s was merged into %s", merged.Deprecated, merged.Primary)
		}
		return "this record was merged into another one"
	case errors.As(err, &rl):
		if rl.StatusCode == 429 {
			return "ORCID's daily request quota is used up (429): try again tomorrow, or get a client token (c) for a larger quota"
		}
		if rl.Attempts > 1 {
			return fmt.Sprintf("ORCID is rate limiting (%d) — retried %d times; wait a little and press R", rl.StatusCode, rl.Attempts-1)
		}
		return fmt.Sprintf("ORCID is rate limiting (%d); wait a little and press R", rl.StatusCode)
	case errors.As(err, &oauth):
		switch oauth.Code {
		case "invalid_token":
			return "the access token is no longer valid (invalid_token: revoked or expired): get a new one in the environment pane (c) or sign in again (l)"
		case "invalid_client":
			return "the client id or secret was refused (invalid_client): check the credentials (e)"
		case "invalid_grant":
			return "the code or refresh token was refused (invalid_grant): sign in again (l)"
		case "insufficient_scope":
			return "the token lacks the scope for this (insufficient_scope)"
		}
		if oauth.Description != "" {
			return fmt.Sprintf("ORCID refused the request (%s): %s", oauth.Code, firstLine(oauth.Description, 80))
		}
		return fmt.Sprintf("ORCID refused the request (%s)", oauth.Code)
	case errors.As(err, &api):
		switch {
		case api.ErrorCode == codeNotFound || (api.StatusCode == 404 && api.ErrorCode == 0):
			return "record not found"
		case api.ErrorCode == codeLocked:
			return "this record is locked by ORCID"
		case api.ErrorCode == codeDeactivated:
			return "this record has been deactivated"
		case api.ErrorCode == codeNotPublic:
			return "this item is not public"
		case api.ErrorCode == codeMerged:
			return "this record was merged into another one"
		case api.StatusCode == 401:
			return "ORCID wants a valid token (401): get one in the environment pane"
		case api.StatusCode == 403:
			return "ORCID says this is forbidden (403) for the current credentials"
		case api.StatusCode >= 500:
			return fmt.Sprintf("ORCID had a server error (%d); try again later (R)", api.StatusCode)
		}
		if m := firstLine(api.UserMessage, 80); m != "" {
			return fmt.Sprintf("ORCID answered %d: %s", api.StatusCode, m)
		}
		if m := firstLine(api.DeveloperMessage, 80); m != "" {
			return fmt.Sprintf("ORCID answered %d: %s", api.StatusCode, m)
		}
		return fmt.Sprintf("ORCID answered %d", api.StatusCode)
	case errors.Is(err, syscall.ECONNRESET), errors.As(err, &bad) && errors.Is(bad.Err, io.ErrUnexpectedEOF):
		return "the connection was reset in the middle of the answer; press R to try again"
	case errors.As(err, &bad):
		ct := strings.ToLower(bad.ContentType)
		if strings.Contains(ct, "html") || strings.HasPrefix(strings.TrimSpace(strings.ToLower(bad.Snippet)), "<!doctype") || strings.HasPrefix(strings.TrimSpace(strings.ToLower(bad.Snippet)), "<html") {
			if bad.StatusCode >= 500 {
				return fmt.Sprintf("the server answered HTML instead of JSON (%d, a server error); try again later (R)", bad.StatusCode)
			}
			return fmt.Sprintf("the server answered HTML instead of JSON (%d): is the URL of the API right? else try again later (R)", bad.StatusCode)
		}
		if bad.Err != nil && (strings.Contains(bad.Err.Error(), "unexpected end of JSON input") || strings.Contains(bad.Err.Error(), "unexpected EOF")) {
			return fmt.Sprintf("ORCID's answer was truncated (%d, the document ends early); press R to try again", bad.StatusCode)
		}
		return fmt.Sprintf("the server answered something that is not an ORCID document (%d)", bad.StatusCode)
	case errors.As(err, &idErr):
		return "not an ORCID iD: " + idErr.Reason
	case errors.Is(err, syscall.ECONNREFUSED):
		host := ""
		if errors.As(err, &urlErr) {
			if u, perr := url.Parse(urlErr.URL); perr == nil {
				host = u.Host
			}
		}
		if host != "" && (strings.HasPrefix(host, "127.") || strings.HasPrefix(host, "localhost") || strings.HasPrefix(host, "[::1]")) {
			return "connection refused by " + host + ": is the local ORCID instance running?"
		}
		if host != "" {
			return "connection refused by " + host
		}
		return "connection refused: is the local ORCID instance running?"
	case errors.As(err, &dnsErr):
		return "cannot resolve " + dnsErr.Name + ": are you online?"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &timeout) && timeout.Timeout():
		if m := noAnswerWithin.FindStringSubmatch(err.Error()); m != nil {
			return "ORCID did not answer within " + m[1] + "; press R to try again"
		}
		return "the server did not answer in time; try again (R)"
	case errors.As(err, &opErr):
		return "network error: " + firstLine(opErr.Err.Error(), 80)
	}
	return firstLine(err.Error(), 120)
}

// noAnswerWithin finds the timeout in the client's timeout error.
var noAnswerWithin = regexp.MustCompile(`did not answer within ([0-9a-zµ.]+)`)

// firstLine returns s's first line, cut to n runes.
func firstLine(s string, n int) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return sanitize.Truncate(sanitize.Line(s), n)
}
