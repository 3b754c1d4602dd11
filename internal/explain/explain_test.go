package explain

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/orcid"
)

func dial(rawURL string, err error) error {
	return &url.Error{Op: "Get", URL: rawURL, Err: &net.OpError{Op: "dial", Net: "tcp", Err: err}}
}

func api(status, code int, id orcid.ID, path string) *orcid.APIError {
	return &orcid.APIError{StatusCode: status, ID: id, Path: path, ErrorDocument: orcid.ErrorDocument{ErrorCode: code}}
}

const rec = orcid.ID("0000-0001-5109-3700")

// quotaText is ORCID's 429 text, whose end (the URL) must not be cut.
const quotaText = "Too Many Requests. You have exceeded the daily quota for anonymous usage of this API. You can increase your daily quota by registering for and using Public API client credentials (https://info.orcid.org/documentation/integration-guide/registering-a-public-api-client/)"

// TestOf is the classification table: at least one row per Kind, with
// the words and the facts each front end builds on.
func TestOf(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		kind   Kind
		remedy Remedy
		what   string // What contains it
		check  func(Explanation) bool
	}{
		{"context cancelled", fmt.Errorf("search: %w", context.Canceled), Cancelled, NoRemedy, "cancelled", nil},
		{"sign-in cancelled", auth.ErrCancelled, Cancelled, NoRemedy, "cancelled", nil},
		{"bad iD", &orcid.IDError{Input: "x", Reason: "bad check digit: expected 7, got 9"}, BadID, FixID,
			`invalid ORCID iD "x": bad check digit`, func(x Explanation) bool { return x.Reason == "bad check digit: expected 7, got 9" }},

		{"not found, record", api(404, orcid.CodeNotFound, rec, string(rec)+"/record"), NotFound, CheckIDAndEnv,
			"ORCID record 0000-0001-5109-3700 was not found (404, error 9016)", func(x Explanation) bool { return x.ID == rec && x.Status == 404 && x.ErrorCode == 9016 }},
		{"not found, item", api(404, orcid.CodeNotFound, rec, string(rec)+"/work/12"), NotFound, NoRemedy,
			"ORCID has nothing at 0000-0001-5109-3700/work/12 (404, error 9016)", nil},
		{"not found, nothing named", api(404, 0, "", ""), NotFound, NoRemedy, "record not found (404)", nil},
		{"locked", fmt.Errorf("read: %w", api(409, orcid.CodeLocked, rec, "")), Locked, NoRemedy, "0000-0001-5109-3700 is locked by ORCID", nil},
		{"deactivated", api(409, orcid.CodeDeactivated, rec, ""), Deactivated, NoRemedy, "is deactivated", nil},
		{"not public", api(409, orcid.CodeNotPublic, rec, string(rec)+"/email"), NotPublic, ReadLimited, "this item of ORCID record 0000-0001-5109-3700 is not public", nil},
		{"unclaimed", api(409, orcid.CodeUnclaimed, rec, ""), Unclaimed, NoRemedy, "has not been claimed", nil},
		{"merged", &orcid.MergedError{Deprecated: "0009-0002-3310-7747", Primary: "0000-0001-6683-273X"}, Merged, OpenPrimary,
			"record 0009-0002-3310-7747 was merged into 0000-0001-6683-273X", func(x Explanation) bool {
				return x.Primary == "0000-0001-6683-273X" && x.Deprecated == "0009-0002-3310-7747"
			}},
		{"merged, primary unknown", &orcid.MergedError{Deprecated: "0009-0002-3310-7747"}, Merged, SearchByName, "ORCID did not say which", nil},
		{"merged, error document", api(301, orcid.CodeDeprecated, rec, ""), Merged, SearchByName, "was merged into another record (301, error 9007)", nil},
		{"401", &orcid.APIError{StatusCode: 401, ErrorDocument: orcid.ErrorDocument{DeveloperMessage: "need a\ntoken"}}, Unauthorized, SignIn,
			"ORCID wants a valid token (401): need a token", nil},
		{"403", api(403, 0, "", ""), Forbidden, SignInWithScope, "forbidden (403)", nil},
		{"500 undefined field", &orcid.APIError{StatusCode: 500, ErrorDocument: orcid.ErrorDocument{ErrorCode: 9008, DeveloperMessage: "undefined field frob"}}, BadRequest, CheckQuery,
			"ORCID could not run the query (500, error 9008): undefined field frob", nil},
		{"400", &orcid.APIError{StatusCode: 400, ErrorDocument: orcid.ErrorDocument{ErrorCode: 9043, UserMessage: "start too large"}}, BadRequest, CheckQuery,
			"ORCID refused the request (400, error 9043): start too large", nil},
		{"500", api(500, 0, "", ""), ServerError, TryLater, "ORCID had a server error (500)", nil},
		{"418", api(418, 0, "", ""), Refused, NoRemedy, "ORCID refused the request (418)", nil},

		{"quota, whole text", &orcid.RateLimitError{StatusCode: 429, Message: quotaText}, Quota, TryTomorrow,
			"(429: " + quotaText + ")", nil},
		{"429 with a short Retry-After", &orcid.RateLimitError{StatusCode: 429, RetryAfter: 5 * time.Second, Message: "Too Many Requests"}, Quota, WaitAndRetry,
			"ORCID asks to slow down (429: Too Many Requests), and it asks to wait 5s", func(x Explanation) bool { return !strings.Contains(x.What, "daily") }},
		{"quota", &orcid.RateLimitError{StatusCode: 429, Message: "quota\x1b[31m  exceeded"}, Quota, TryTomorrow,
			"ORCID's daily request quota is used up (429: quota exceeded)", nil},
		{"busy", &orcid.RateLimitError{StatusCode: 503, Attempts: 3, RetryAfter: 2 * time.Second}, Busy, WaitAndRetry,
			"ORCID is rate limiting (503) — retried 2 times, and it asks to wait 2s", func(x Explanation) bool { return x.Attempts == 3 && x.RetryAfter == 2*time.Second }},
		{"busy, once", &orcid.RateLimitError{StatusCode: 503, Attempts: 1}, Busy, WaitAndRetry, "ORCID is rate limiting (503)", nil},

		{"invalid_token", &orcid.OAuthError{StatusCode: 401, Code: "invalid_token", Description: "x"}, TokenInvalid, NewToken,
			"the access token is no longer valid (invalid_token", func(x Explanation) bool { return x.Code == "invalid_token" && x.Message == "x" }},
		{"invalid_client", &orcid.OAuthError{StatusCode: 401, Code: "invalid_client"}, ClientRefused, CheckClient, "client id or secret was refused (invalid_client)", nil},
		{"unauthorized_client", &orcid.OAuthError{StatusCode: 401, Code: "unauthorized_client"}, ClientRefused, CheckClient, "(unauthorized_client)", nil},
		{"invalid_grant", &orcid.OAuthError{StatusCode: 400, Code: "invalid_grant"}, GrantRefused, SignInAgain, "(invalid_grant)", nil},
		{"insufficient_scope", &orcid.OAuthError{StatusCode: 403, Code: "insufficient_scope"}, InsufficientScope, SignInWithScope, "lacks the scope", nil},
		{"other OAuth", &orcid.OAuthError{StatusCode: 400, Code: "invalid_request", Description: "bad\nthing"}, OAuthRefused, CheckCredentials,
			"ORCID refused the credentials (400 invalid_request): bad thing", nil},

		{"reset mid-body", &orcid.BadResponseError{StatusCode: 200, URL: "https://pub.example.org/v3.0/x", Err: fmt.Errorf("reading the body: %w", os.NewSyscallError("read", syscall.ECONNRESET))},
			ConnReset, TryAgain, "the connection was reset in the middle of the answer from https://pub.example.org", func(x Explanation) bool { return x.Host == "https://pub.example.org" }},
		{"reset, short body", &orcid.BadResponseError{StatusCode: 200, Err: io.ErrUnexpectedEOF}, ConnReset, TryAgain, "the connection was reset in the middle of the answer", nil},
		{"reset, transport", &url.Error{Op: "Get", URL: "https://pub.orcid.org/v3.0/x", Err: os.NewSyscallError("read", syscall.ECONNRESET)}, ConnReset, TryAgain,
			"the connection was closed before any answer came from https://pub.orcid.org", func(x Explanation) bool { return !strings.Contains(x.What, "middle") }},
		{"closed before the answer", &url.Error{Op: "Get", URL: "http://127.0.0.1:9/v3.0/x", Err: io.EOF}, ConnReset, TryAgain, "closed before any answer came", nil},
		{"refused, wrapped by the client", fmt.Errorf("could not reach ORCID at 127.0.0.1:9: %w", dial("http://127.0.0.1:9/v3.0/x", os.NewSyscallError("connect", syscall.ECONNREFUSED))),
			Unreachable, CheckNetwork, "cannot reach http://127.0.0.1:9: connection refused", nil},
		{"html", &orcid.BadResponseError{StatusCode: 200, URL: "https://pub.example.org/x", ContentType: "text/html", Snippet: "<html><title>Down\x1b[31m for maintenance</title>"},
			HTMLAnswer, CheckAPIURLOrLater, `https://pub.example.org answered HTML instead of JSON (200): "Down for maintenance"`, func(x Explanation) bool { return x.Title == "Down for maintenance" }},
		{"html 500", &orcid.BadResponseError{StatusCode: 500, Snippet: "<!doctype html><p>oops"}, HTMLAnswer, TryLater,
			"the server answered HTML instead of JSON (500, a server error)", func(x Explanation) bool { return x.Title == "oops" }},
		{"truncated", &orcid.BadResponseError{StatusCode: 200, ContentType: "application/json", Err: errors.New("unexpected end of JSON input")}, Truncated, TryAgain,
			"the answer was truncated (200, the document ends early)", nil},
		{"truncated, streamed", &orcid.BadResponseError{StatusCode: 200, Err: &orcid.DecodeError{Field: "group[7]", Err: io.ErrUnexpectedEOF}}, Truncated, TryAgain, "the answer was truncated (200", nil},
		{"too large", &orcid.BadResponseError{StatusCode: 200, Err: fmt.Errorf("x: %w", orcid.ErrBodyTooLarge)}, TooLarge, NoRemedy, "too large to read (200)", nil},
		{"too large, endpoint", &orcid.BadResponseError{StatusCode: 200, URL: "https://pub.orcid.org/v3.0/x/record", Err: &orcid.BodyTooLargeError{Endpoint: "/record", Limit: 176 << 20, Size: 200 << 20}},
			TooLarge, NoRemedy, "the answer for /record is 200 MiB announced, over the 176 MiB this client reads for it", func(x Explanation) bool { return !strings.Contains(x.What, "ORCID API?") }},
		{"decode, ORCID", &orcid.BadResponseError{StatusCode: 200, URL: "https://pub.orcid.org/v3.0/x/works", Err: &orcid.DecodeError{Field: "group[3]", Err: errors.New("bad value")}},
			BadAnswer, TryLater, "ORCID's answer from https://pub.orcid.org (200) did not decode at group[3]: bad value; what decoded before it is kept", nil},
		{"decode, elsewhere", &orcid.BadResponseError{StatusCode: 200, URL: "https://example.org/v3.0/x/works", Err: &orcid.DecodeError{Err: errors.New("bad value")}},
			BadAnswer, CheckAPIURLOrLater, "did not decode bad value", nil},
		{"stalled answer", fmt.Errorf("ORCID (pub.orcid.org) did not answer within 30s: nothing more came after 1.5 MiB of the answer; try again later: %w", context.DeadlineExceeded),
			Timeout, TryAgain, "ORCID (pub.orcid.org) did not answer within 30s: nothing more came after 1.5 MiB of the answer", nil},
		{"transfer ceiling", fmt.Errorf("ORCID (pub.orcid.org) was still sending after 15m0s (40 MiB received), the most one answer may take: %w", context.DeadlineExceeded),
			Timeout, TryAgain, "ORCID (pub.orcid.org) was still sending after 15m0s", nil},
		{"not a document", &orcid.BadResponseError{StatusCode: 200, URL: "https://a.example/x", ContentType: "text/plain", Snippet: "hello"}, BadAnswer, CheckAPIURL,
			"https://a.example answered something that is not an ORCID document (200, text/plain): hello", nil},

		{"client timeout", fmt.Errorf("ORCID (127.0.0.1:1) did not answer within 30s; try again later: %w", context.DeadlineExceeded), Timeout, TryAgain,
			"ORCID (127.0.0.1:1) did not answer within 30s", func(x Explanation) bool { return x.Limit == "30s" && x.Host == "127.0.0.1:1" }},
		{"deadline", fmt.Errorf("limiter: %w", context.DeadlineExceeded), Timeout, TryAgain, "ORCID did not answer in time", nil},
		{"transport timeout", &url.Error{Op: "Get", URL: "https://pub.orcid.org/x", Err: os.ErrDeadlineExceeded}, Timeout, TryAgain, "cannot reach https://pub.orcid.org: timed out", nil},
		{"refused, local", dial("http://127.0.0.1:8080/v3.0/search", os.NewSyscallError("connect", syscall.ECONNREFUSED)), Unreachable, CheckNetwork,
			"cannot reach http://127.0.0.1:8080: connection refused", func(x Explanation) bool { return x.Local && x.Reason == "connection refused" }},
		{"refused", dial("https://pub.orcid.org/v3.0/x", os.NewSyscallError("connect", syscall.ECONNREFUSED)), Unreachable, CheckNetwork,
			"cannot reach https://pub.orcid.org: connection refused", func(x Explanation) bool { return !x.Local }},
		{"no such host", dial("https://pub.example.invalid/x", &net.DNSError{Err: "no such host", Name: "pub.example.invalid", IsNotFound: true}), Unreachable, CheckNetwork,
			"cannot reach https://pub.example.invalid: no such host", nil},
		{"lookup failed", dial("https://api.example.org/x", &net.DNSError{Err: "server misbehaving", Name: "api.example.org"}), Unreachable, CheckNetwork, "name lookup failed", nil},
		{"unreachable", dial("https://orcid.org/x", os.NewSyscallError("connect", syscall.ENETUNREACH)), Unreachable, CheckNetwork, "network unreachable", nil},
		{"certificate", &url.Error{Op: "Get", URL: "https://pub.orcid.org/x", Err: errors.New("tls: failed to verify certificate: x509: unknown authority")}, Unreachable, CheckNetwork,
			"TLS certificate problem", nil},
		{"network, no URL", &net.OpError{Op: "read", Net: "tcp", Err: errors.New("weird\x1b[2J net")}, Network, CheckNetwork, "network error: weird net", nil},

		{"no credentials", auth.ErrNoCredentials, NoCredentials, SetCredentials, "no client id or secret", nil},
		{"sign-in timeout", auth.ErrTimeout, SignInTimeout, MoreTime, "timed out waiting for the browser", nil},
		{"denied", &auth.AuthorizationError{Code: "access_denied"}, AccessDenied, Authorize, "access was denied in the browser", nil},
		{"authorization refused", &auth.AuthorizationError{Code: "invalid_scope", Description: "scope\x1b[31m x"}, AuthorizationRefused, CheckRedirect,
			"the registry refused the authorization (invalid_scope: scope x)", nil},
		{"state", auth.ErrStateMismatch, StateMismatch, SignInAgain, "(state mismatch)", nil},
		{"nonce", auth.ErrNonceMismatch, NonceMismatch, SignInAgain, "(nonce mismatch); nothing was saved", nil},
		{"id_token untrusted", fmt.Errorf("sign-in: %w", &auth.IDTokenError{Err: errors.New("failed to verify signature: x")}), IDTokenUntrusted, CheckRegistry,
			"id_token is not signed with a key the registry publishes", nil},
		{"id_token expired", &auth.IDTokenError{Err: &oidc.TokenExpiredError{}}, IDTokenExpired, CheckClock, "the id_token has expired", nil},
		{"id_token other", &auth.IDTokenError{Err: errors.New("bad audience")}, IDTokenRejected, SignInAgain, "the id_token was rejected (bad audience)", nil},
		{"no refresh token", auth.ErrNoRefreshToken, NoRefreshToken, SignInAgain, "no refresh token", nil},
		{"no browser", auth.ErrNoBrowser, NoBrowser, OpenElsewhere, "no browser here", nil},
		{"keyring", fmt.Errorf("store: %w", auth.ErrKeyringTimeout), KeyringTimeout, NoRemedy, "keyring did not answer in time", nil},
		{"token file is a directory", &auth.InsecureFileError{Path: "/tmp/tokens", Mode: os.ModeDir | 0o755}, InsecureTokenFile, NoRemedy,
			"the token file /tmp/tokens is a directory, not a file", func(x Explanation) bool { return !strings.Contains(x.What, "readable") }},
		{"insecure file", &auth.InsecureFileError{Path: "/tmp/t.json", Mode: 0o644}, InsecureTokenFile, Chmod, "the token file /tmp/t.json is readable by others",
			func(x Explanation) bool { return x.Path == "/tmp/t.json" }},
		// A taken loopback port is auth's advice, not a network problem.
		{"port in use", fmt.Errorf("sign in: %w", &auth.PortInUseError{Port: "8765", RedirectURI: "http://127.0.0.1:8765/callback",
			Err: &net.OpError{Op: "listen", Net: "tcp4", Err: os.NewSyscallError("bind", syscall.EADDRINUSE)}}), PortInUse, NoRemedy,
			"port 8765 is in use by another program: close it, or register another redirect URI", nil},
		// As Go's client returns it: url.Error's URL is the redirect's target.
		{"redirect refused", &url.Error{Op: "Post", URL: "http://other.example/oauth/token", Err: &auth.RedirectError{From: "https://orcid.example/oauth/token", To: "http://other.example/oauth/token"}},
			RedirectRefused, CheckRegistry, "the registry https://orcid.example answered a sign-in request with a redirect to http://other.example, which was not followed",
			func(x Explanation) bool { return x.Host == "https://orcid.example" }},
		{"other server", fmt.Errorf("member client: %w", auth.ErrOtherServer), NotSignedInHere, SignIn, "not signed in at this server", nil},

		{"unknown", errors.New("bad \x1b]52;c;AAAA\x07thing\nhere"), Unknown, NoRemedy, "bad thing here", nil},
	}
	seen := map[Kind]bool{}
	for _, tt := range tests {
		seen[tt.kind] = true
		t.Run(tt.kind.String()+"/"+tt.name, func(t *testing.T) {
			x := Of(tt.err)
			if x.Kind != tt.kind || x.Remedy != tt.remedy {
				t.Errorf("kind %v remedy %d, want %v %d (%q)", x.Kind, x.Remedy, tt.kind, tt.remedy, x.What)
			}
			if !strings.Contains(x.What, tt.what) {
				t.Errorf("What %q lacks %q", x.What, tt.what)
			}
			if tt.check != nil && !tt.check(x) {
				t.Errorf("facts wrong: %+v", x)
			}
			for _, s := range []string{x.What, x.Host, x.Message, x.Title, x.Reason, x.Code, x.Path, x.Limit} {
				if strings.ContainsAny(s, "\n\r\x1b\x07") {
					t.Errorf("not one safe line: %q", s)
				}
			}
		})
	}
	for _, k := range AllKinds() {
		if !seen[k] {
			t.Errorf("no row for %v", k)
		}
		if strings.HasPrefix(k.String(), "Kind(") {
			t.Errorf("Kind %d has no name", int(k))
		}
	}
	if x := Of(nil); x != (Explanation{}) {
		t.Errorf("Of(nil) = %+v", x)
	}
}

func TestQuote(t *testing.T) {
	if got := Quote("a\x1b[31m  b\n\tc"); got != "a b c" {
		t.Errorf("Quote = %q", got)
	}
	if got := Quote(strings.Repeat("x", 500)); len([]rune(got)) > 200 {
		t.Errorf("Quote not cut: %d runes", len([]rune(got)))
	}
}
