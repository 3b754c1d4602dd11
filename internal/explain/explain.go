// Package explain classifies an error once, for every front end: what kind
// of failure it is, what failed in plain words, the facts a front end may
// want (host, status, attempts, …) and a key for the remedy. The CLI and the
// TUI each turn the key into their own advice ("run: orcid-tui login" or
// "press l"); neither classifies errors itself.
//
// Every string in an Explanation is sanitised: one safe line, no escape
// sequences, network text quoted and shortened.
package explain

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
	"time"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// Kind is the class of a failure.
type Kind int

// The kinds. Unknown is an error no rule knows; its What is the error's
// own (sanitised) text.
const (
	Unknown Kind = iota
	Cancelled

	// The input.
	BadID // not an ORCID iD

	// ORCID's error documents (*orcid.APIError) and merged records.
	NotFound
	Locked
	Deactivated
	NotPublic
	Unclaimed
	Merged
	Unauthorized // 401
	Forbidden    // 403
	BadRequest   // 400
	ServerError  // 5xx
	Refused      // any other error document

	// Rate limits (*orcid.RateLimitError).
	Quota // 429: the daily quota
	Busy  // 503 after the retries

	// OAuth bodies (*orcid.OAuthError).
	TokenInvalid      // invalid_token
	ClientRefused     // invalid_client, unauthorized_client
	GrantRefused      // invalid_grant
	InsufficientScope // insufficient_scope
	OAuthRefused      // any other code

	// Answers that are not ORCID documents (*orcid.BadResponseError) and
	// transport failures.
	ConnReset  // reset in the middle of the answer
	HTMLAnswer // an HTML page instead of JSON
	Truncated  // the document ends early
	TooLarge   // larger than the client reads
	BadAnswer  // anything else that is not an ORCID document
	Timeout    // no answer in time
	Unreachable
	Network // a network error without a URL

	// Sign-in and tokens (package auth).
	NoCredentials
	SignInTimeout
	AccessDenied
	AuthorizationRefused
	StateMismatch
	NonceMismatch
	IDTokenUntrusted // not signed by a key the registry publishes
	IDTokenExpired
	IDTokenRejected
	NoRefreshToken
	NoBrowser
	KeyringTimeout
	InsecureTokenFile
	PortInUse       // the redirect URI's loopback port is taken (What carries auth's advice)
	RedirectRefused // an OAuth endpoint redirected; auth does not follow
	NotSignedInHere // a token of another server (auth.ErrOtherServer)

	// Writes (Member API).
	Duplicate    // 409/9021: this client added the same external id before (Primary-like fact: PutCode)
	MaybeApplied // no clear answer to a write: it may have been applied
	NotSource    // 403/9010: only the item's source client may change it
	WrongRecord  // 401/9017: the token is for another record
	InvalidItem  // refused before sending (orcid.Validate) or by ORCID (400 on a write)
	WriteRefused // any other refusal of a write
)

var kindNames = [...]string{
	Unknown: "Unknown", Cancelled: "Cancelled", BadID: "BadID",
	NotFound: "NotFound", Locked: "Locked", Deactivated: "Deactivated", NotPublic: "NotPublic",
	Unclaimed: "Unclaimed", Merged: "Merged", Unauthorized: "Unauthorized", Forbidden: "Forbidden",
	BadRequest: "BadRequest", ServerError: "ServerError", Refused: "Refused",
	Quota: "Quota", Busy: "Busy",
	TokenInvalid: "TokenInvalid", ClientRefused: "ClientRefused", GrantRefused: "GrantRefused",
	InsufficientScope: "InsufficientScope", OAuthRefused: "OAuthRefused",
	ConnReset: "ConnReset", HTMLAnswer: "HTMLAnswer", Truncated: "Truncated", TooLarge: "TooLarge",
	BadAnswer: "BadAnswer", Timeout: "Timeout", Unreachable: "Unreachable", Network: "Network",
	NoCredentials: "NoCredentials", SignInTimeout: "SignInTimeout", AccessDenied: "AccessDenied",
	AuthorizationRefused: "AuthorizationRefused", StateMismatch: "StateMismatch", NonceMismatch: "NonceMismatch",
	IDTokenUntrusted: "IDTokenUntrusted", IDTokenExpired: "IDTokenExpired", IDTokenRejected: "IDTokenRejected",
	NoRefreshToken: "NoRefreshToken", NoBrowser: "NoBrowser", KeyringTimeout: "KeyringTimeout",
	InsecureTokenFile: "InsecureTokenFile", PortInUse: "PortInUse", RedirectRefused: "RedirectRefused",
	NotSignedInHere: "NotSignedInHere",
	Duplicate:       "Duplicate", MaybeApplied: "MaybeApplied", NotSource: "NotSource", WrongRecord: "WrongRecord",
	InvalidItem: "InvalidItem", WriteRefused: "WriteRefused",
}

func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Remedy names what the user can do; each front end words it for its own
// controls (flags and commands, or keys and panes).
type Remedy int

// The remedies. Facts in the Explanation refine some of them (Primary for
// OpenPrimary, Local for CheckNetwork, Path for Chmod, Host for the URL to
// check).
const (
	NoRemedy           Remedy = iota
	TryAgain                  // a transient failure: again now
	TryLater                  // the server is in trouble: again later
	WaitAndRetry              // rate limited: wait a little
	TryTomorrow               // daily quota: tomorrow, or with credentials
	OpenPrimary               // merged: open the primary record (Primary)
	SearchByName              // merged into an unknown record
	FixID                     // an iD looks like 0000-0002-1825-0097
	CheckIDAndEnv             // not found: the iD, or the environment
	SignIn                    // a token is needed or was refused: sign in
	NewToken                  // the token is no longer valid
	SignInAgain               // the sign-in went wrong: start again
	SignInWithScope           // the token lacks a scope
	ReadLimited               // a non-public item: a member token with /read-limited
	CheckClient               // the client id and secret
	CheckCredentials          // the client id and secret, or sign in
	SetCredentials            // no client id or secret configured
	CheckQuery                // 400: the query and options
	CheckAPIURL               // not an ORCID API at that URL
	CheckAPIURLOrLater        // an HTML page: the URL, or a maintenance page
	CheckNetwork              // cannot reach the host (Local: a local instance)
	MoreTime                  // the sign-in timed out: again, with more time
	Authorize                 // access denied: again, and authorize
	CheckRedirect             // the registry refused: redirect URI and scopes
	CheckRegistry             // untrusted id_token: sign in again, check the registry URL
	CheckClock                // expired id_token: the computer's clock
	OpenElsewhere             // no browser: open the URL on another computer
	Chmod                     // token file readable by others (Path)
	UpdateExisting            // a duplicate: update the existing item (PutCode)
	CheckRecord               // a write may have been applied: look before trying again
	SignInAsHolder            // a token for another record: sign in as this record's holder
	FixItem                   // the item is invalid: fix what the message names
)

// Explanation is what Of says about an error.
type Explanation struct {
	Kind Kind
	// What says what failed, in plain words, one line, without advice.
	What   string
	Remedy Remedy

	// Facts, when the error carries them (zero otherwise).
	Host       string        // scheme://host, or host:port when that is all there is
	Local      bool          // the host is this computer (127.x, localhost, ::1)
	Status     int           // HTTP status
	ErrorCode  int           // ORCID error-code
	Attempts   int           // requests made before giving up (Busy)
	RetryAfter time.Duration // what the server asked to wait (Busy)
	Limit      string        // the timeout that passed ("30s")
	Deprecated orcid.ID      // the merged record
	Primary    orcid.ID      // the record it was merged into
	ID         orcid.ID      // the record an error names
	Code       string        // OAuth or authorization error code
	Message    string        // the server's own words, quoted and shortened
	Title      string        // an HTML page's title (or the start of its text)
	Reason     string        // why a connection or an iD failed
	Path       string        // a local file
	PutCode    int64         // the existing item a duplicate names
	Item       string        // the kind of item a write was about ("work")
}

// Of explains err. A nil error has the zero Explanation.
func Of(err error) Explanation {
	if err == nil {
		return Explanation{}
	}
	e := classify(err)
	var r auth.Redactor
	if errors.As(err, &r) {
		// Server-supplied words (an OAuth error_description) may echo the
		// client secret or a token sent in the request that failed.
		e.What, e.Message, e.Reason, e.Code = r.Redact(e.What), r.Redact(e.Message), r.Redact(e.Reason), r.Redact(e.Code)
	}
	e.What = sanitize.Line(e.What)
	return e
}

// String is What, for logs and tests.
func (e Explanation) String() string { return e.What }

func classify(err error) Explanation {
	var (
		idErr  *orcid.IDError
		merged *orcid.MergedError
		rate   *orcid.RateLimitError
		oauth  *orcid.OAuthError
		api    *orcid.APIError
		bad    *orcid.BadResponseError
		urlErr *url.Error
		tokErr *auth.IDTokenError
		authz  *auth.AuthorizationError
		insec  *auth.InsecureFileError
		dup    *orcid.DuplicateError
		unsure *orcid.WriteUncertainError
		valid  *orcid.ValidationError
		port   *auth.PortInUseError
		opErr  *net.OpError
		dnsErr *net.DNSError
	)
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, auth.ErrCancelled):
		return Explanation{Kind: Cancelled, What: "cancelled"}

	// Sign-in and tokens.
	case errors.Is(err, auth.ErrNoCredentials):
		return Explanation{Kind: NoCredentials, What: "no client id or secret: ORCID needs both", Remedy: SetCredentials}
	case errors.Is(err, auth.ErrTimeout):
		return Explanation{Kind: SignInTimeout, What: "the sign-in timed out waiting for the browser", Remedy: MoreTime}
	case errors.As(err, &authz) && authz.Code == "access_denied":
		return Explanation{Kind: AccessDenied, What: "access was denied in the browser", Remedy: Authorize, Code: authz.Code}
	case errors.As(err, &authz):
		x := Explanation{Kind: AuthorizationRefused, Remedy: CheckRedirect, Code: sanitize.Line(authz.Code), Message: Quote(authz.Description)}
		x.What = "the registry refused the authorization (" + x.Code + ")"
		if x.Message != "" {
			x.What = "the registry refused the authorization (" + x.Code + ": " + x.Message + ")"
		}
		return x
	case errors.Is(err, auth.ErrStateMismatch):
		return Explanation{Kind: StateMismatch, What: "the answer does not belong to this sign-in (state mismatch)", Remedy: SignInAgain}
	case errors.Is(err, auth.ErrNonceMismatch):
		return Explanation{Kind: NonceMismatch, What: "the id_token was not issued for this sign-in (nonce mismatch); nothing was saved", Remedy: SignInAgain}
	case errors.As(err, &tokErr) && tokErr.BadSignature():
		return Explanation{Kind: IDTokenUntrusted, What: "the id_token is not signed with a key the registry publishes, so it is not trusted and nothing was saved", Remedy: CheckRegistry}
	case errors.As(err, &tokErr) && tokErr.Expired():
		return Explanation{Kind: IDTokenExpired, What: "the id_token has expired; nothing was saved", Remedy: CheckClock}
	case errors.As(err, &tokErr):
		x := Explanation{Kind: IDTokenRejected, Remedy: SignInAgain, Reason: Quote(tokErr.Err.Error())}
		x.What = "the id_token was rejected (" + x.Reason + "); nothing was saved"
		return x
	case errors.Is(err, auth.ErrNoRefreshToken):
		return Explanation{Kind: NoRefreshToken, What: "this token has no refresh token", Remedy: SignInAgain}
	case errors.Is(err, auth.ErrNoBrowser):
		return Explanation{Kind: NoBrowser, What: "no browser here (SSH)", Remedy: OpenElsewhere}
	case errors.Is(err, auth.ErrKeyringTimeout):
		return Explanation{Kind: KeyringTimeout, What: "the OS keyring did not answer in time"}
	case errors.As(err, &port):
		// auth's own words: which port, and what to do about it.
		return Explanation{Kind: PortInUse, What: sanitize.Line(port.Error())}
	case errors.Is(err, auth.ErrRedirectRefused):
		x := Explanation{Kind: RedirectRefused, What: "the registry answered a sign-in request with a redirect, which was not followed (it would have sent the client secret elsewhere)", Remedy: CheckRegistry}
		// Go's *url.Error names the redirect's target, not the host that
		// answered: the names come from auth's RedirectError.
		var redir *auth.RedirectError
		if errors.As(err, &redir) {
			to := hostOf(redir.To)
			if redir.From != "" {
				x.Host = hostOf(redir.From)
				x.What = "the registry " + x.Host + " answered a sign-in request with a redirect to " + to + ", which was not followed (it would have sent the client secret there)"
			} else {
				x.What = "the registry answered a sign-in request with a redirect to " + to + ", which was not followed (it would have sent the client secret there)"
			}
		}
		return x
	case errors.Is(err, auth.ErrOtherServer):
		return Explanation{Kind: NotSignedInHere, What: "not signed in at this server: the saved token was issued for another registry or API URL", Remedy: SignIn}
	case errors.As(err, &insec) && insec.Mode.IsDir():
		p := sanitize.Line(insec.Path)
		return Explanation{Kind: InsecureTokenFile, What: "the token file " + p + " is a directory, not a file: remove it or choose another token file", Path: p}
	case errors.As(err, &insec):
		p := sanitize.Line(insec.Path)
		return Explanation{Kind: InsecureTokenFile, What: "the token file " + p + " is readable by others", Remedy: Chmod, Path: p}

	// The input and ORCID's answers.
	case errors.As(err, &idErr):
		r := sanitize.Line(idErr.Reason)
		return Explanation{Kind: BadID, What: sanitize.Line(idErr.Error()), Remedy: FixID, Reason: r}
	case errors.As(err, &merged):
		return ofMerged(merged)
	case errors.As(err, &rate):
		return ofRateLimit(rate)
	// Writes, before the reads' rules: a 403 on a write is not a missing
	// scope, and a write without a clear answer is never "try again".
	case errors.As(err, &dup):
		return Explanation{Kind: Duplicate, What: withoutAdvice(dup.Error()), Remedy: UpdateExisting, PutCode: dup.PutCode,
			Item: string(dup.Kind), Status: 409, ErrorCode: orcid.CodeDuplicate}
	case errors.As(err, &unsure):
		return Explanation{Kind: MaybeApplied, What: withoutAdvice(unsure.Error()), Remedy: CheckRecord, Status: unsure.StatusCode,
			Host: hostOf(unsure.URL), Item: string(unsure.Kind)}
	case errors.As(err, &valid):
		return Explanation{Kind: InvalidItem, What: sanitize.Line(valid.Error()), Remedy: FixItem}
	case errors.Is(err, orcid.ErrNeedsMemberToken):
		return Explanation{Kind: Unauthorized, What: sanitize.Line(orcid.ErrNeedsMemberToken.Error()), Remedy: SignInWithScope}
	case errors.As(err, &oauth):
		return ofOAuth(oauth)
	case errors.As(err, &api) && api.Method != "" && api.Method != "GET":
		return ofWrite(api)
	case errors.As(err, &api):
		return ofAPI(api)
	case errors.Is(err, syscall.ECONNREFUSED) && errors.As(err, &urlErr):
		// Refused is never "reset in the middle": nothing was answered.
		return ofURLError(urlErr)
	case errors.As(err, &bad) && !errors.As(bad.Err, new(*orcid.DecodeError)) && (errors.Is(bad.Err, syscall.ECONNRESET) || errors.Is(bad.Err, io.ErrUnexpectedEOF)):
		x := Explanation{Kind: ConnReset, What: "the connection was reset in the middle of the answer", Remedy: TryAgain}
		x.Host, x.Status = hostOf(bad.URL), bad.StatusCode
		if x.Host != "" {
			x.What += " from " + x.Host
		}
		return x
	case errors.Is(err, syscall.ECONNRESET), errors.As(err, &urlErr) && (errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)):
		x := Explanation{Kind: ConnReset, What: "the connection was closed before any answer came", Remedy: TryAgain}
		if errors.As(err, &urlErr) {
			x.Host = hostOf(urlErr.URL)
		}
		if x.Host != "" {
			x.What += " from " + x.Host
		}
		return x
	case errors.As(err, &bad):
		return ofBadResponse(bad)

	// The network.
	case errors.Is(err, context.DeadlineExceeded):
		x := Explanation{Kind: Timeout, What: "ORCID did not answer in time", Remedy: TryAgain}
		if m := noAnswerWithin.FindStringSubmatch(err.Error()); m != nil {
			x.Host, x.Limit = sanitize.Line(m[1]), sanitize.Line(m[2])
			x.What = fmt.Sprintf("ORCID (%s) did not answer within %s", x.Host, x.Limit)
			if m[3] != "" {
				x.What += fmt.Sprintf(": nothing more came after %s of the answer", sanitize.Line(m[3]))
			}
		} else if m := stillSending.FindStringSubmatch(err.Error()); m != nil {
			x.Host, x.Limit = sanitize.Line(m[1]), sanitize.Line(m[2])
			x.What = fmt.Sprintf("ORCID (%s) was still sending after %s, the most one answer may take", x.Host, x.Limit)
		}
		return x
	case errors.As(err, &urlErr):
		return ofURLError(urlErr)
	case errors.As(err, &dnsErr):
		return Explanation{Kind: Unreachable, What: "cannot resolve " + sanitize.Line(dnsErr.Name), Remedy: CheckNetwork, Reason: "no such host"}
	case isTimeout(err):
		return Explanation{Kind: Timeout, What: "the server did not answer in time", Remedy: TryAgain}
	case errors.As(err, &opErr):
		r := Quote(opErr.Err.Error())
		return Explanation{Kind: Network, What: "network error: " + r, Remedy: CheckNetwork, Reason: r}
	}
	return Explanation{Kind: Unknown, What: sanitize.Line(err.Error())}
}

// withoutAdvice is the orcid package's sentence about a failed write
// without its closing advice ("Update put-code 12 instead.", "Check the
// record before trying again."): each front end words the remedy itself.
func withoutAdvice(msg string) string {
	msg = strings.TrimSpace(msg)
	for _, advice := range []string{" Update ", " Check the record"} {
		if i := strings.LastIndex(msg, advice); i > 0 && strings.HasSuffix(msg[:i], ".") {
			msg = msg[:i]
		}
	}
	return sanitize.Line(strings.TrimSuffix(msg, "."))
}

// ofWrite explains ORCID's refusal of a write: the orcid package words the
// write codes (its Error), and the kind picks the remedy.
func ofWrite(e *orcid.APIError) Explanation {
	x := Explanation{Status: e.StatusCode, ErrorCode: e.ErrorCode, ID: e.ID, Message: apiMessage(e), What: sanitize.Line(strings.TrimSuffix(e.Error(), "."))}
	switch {
	case errors.Is(e, orcid.ErrNotSource):
		x.Kind = NotSource
	case errors.Is(e, orcid.ErrWrongRecord):
		x.Kind, x.Remedy = WrongRecord, SignInAsHolder
		x.What, _, _ = strings.Cut(x.What, "; sign in as")
	case errors.Is(e, orcid.ErrLocked), errors.Is(e, orcid.ErrDeactivated), errors.Is(e, orcid.ErrMerged):
		x.Kind = WriteRefused
	case errors.Is(e, orcid.ErrInvalidItem), errors.Is(e, orcid.ErrPutCodeMismatch), errors.Is(e, orcid.ErrTitleRequired),
		errors.Is(e, orcid.ErrExternalIDRequired), errors.Is(e, orcid.ErrPutCodeNotAllowed), e.StatusCode == 400:
		x.Kind, x.Remedy = InvalidItem, FixItem
	case e.StatusCode == 401:
		x.Kind, x.Remedy = Unauthorized, SignIn
	case e.StatusCode == 403:
		x.Kind, x.Remedy = Forbidden, SignInWithScope
	case e.StatusCode == 404:
		x.Kind = NotFound
	default:
		x.Kind = WriteRefused
	}
	return x
}

func ofMerged(m *orcid.MergedError) Explanation {
	x := Explanation{Kind: Merged, Deprecated: m.Deprecated, Primary: m.Primary, ID: m.Deprecated}
	if m.Doc != nil {
		x.Status, x.ErrorCode = m.Doc.StatusCode, m.Doc.ErrorCode
	}
	rec := "record " + sanitize.Line(string(m.Deprecated))
	if m.Deprecated == "" {
		rec = "the record"
	}
	if m.Primary == "" {
		x.What, x.Remedy = rec+" was merged into another record, and ORCID did not say which", SearchByName
		return x
	}
	x.What, x.Remedy = rec+" was merged into "+sanitize.Line(string(m.Primary)), OpenPrimary
	return x
}

func ofRateLimit(e *orcid.RateLimitError) Explanation {
	x := Explanation{Status: e.StatusCode, Attempts: e.Attempts, RetryAfter: e.RetryAfter, Message: Quote(e.Message)}
	if e.StatusCode == 429 {
		// ORCID's whole text: it ends with the URL that says how to get
		// a larger quota.
		x.Message = quoteWhole(e.Message)
		x.Kind, x.Remedy = Quota, TryTomorrow
		x.What = "ORCID's daily request quota is used up (429"
		if e.ShortWait() {
			x.Remedy = WaitAndRetry
			x.What = "ORCID asks to slow down (429"
		}
		if x.Message != "" {
			x.What += ": " + x.Message
		}
		x.What += ")"
		if e.ShortWait() {
			x.What += fmt.Sprintf(", and it asks to wait %s", e.RetryAfter)
		}
		return x
	}
	x.Kind, x.Remedy = Busy, WaitAndRetry
	x.What = fmt.Sprintf("ORCID is rate limiting (%d)", e.StatusCode)
	if e.Attempts > 1 {
		x.What += fmt.Sprintf(" — retried %d times", e.Attempts-1)
	}
	if e.RetryAfter > 0 {
		x.What += fmt.Sprintf(", and it asks to wait %s", e.RetryAfter)
	}
	return x
}

func ofOAuth(e *orcid.OAuthError) Explanation {
	x := Explanation{Status: e.StatusCode, Code: sanitize.Truncate(sanitize.Line(e.Code), 60), Message: Quote(e.Description)}
	switch e.Code {
	case "invalid_token":
		x.Kind, x.Remedy, x.What = TokenInvalid, NewToken, "the access token is no longer valid (invalid_token: revoked or expired)"
	case "invalid_client", "unauthorized_client":
		x.Kind, x.Remedy, x.What = ClientRefused, CheckClient, "the client id or secret was refused ("+x.Code+")"
	case "invalid_grant":
		x.Kind, x.Remedy, x.What = GrantRefused, SignInAgain, "the code or refresh token was refused (invalid_grant)"
	case "insufficient_scope":
		x.Kind, x.Remedy, x.What = InsufficientScope, SignInWithScope, "the token lacks the scope for this (insufficient_scope)"
	default:
		x.Kind, x.Remedy = OAuthRefused, CheckCredentials
		x.What = fmt.Sprintf("ORCID refused the credentials (%d %s)", e.StatusCode, x.Code)
		if x.Message != "" {
			x.What += ": " + x.Message
		}
	}
	return x
}

func ofAPI(e *orcid.APIError) Explanation {
	x := Explanation{Status: e.StatusCode, ErrorCode: e.ErrorCode, ID: e.ID, Message: apiMessage(e)}
	if x.Status == 0 {
		x.Status = e.ResponseCode
	}
	tag := strconv.Itoa(x.Status)
	if e.ErrorCode != 0 {
		tag += ", error " + strconv.Itoa(e.ErrorCode)
	}
	id := sanitize.Line(string(e.ID))
	rec := "ORCID record " + id
	if e.ID == "" {
		rec = "the record"
	}
	isRecord := e.ID != "" && (e.Path == "" || e.Path == string(e.ID) || e.Path == string(e.ID)+"/record")
	said := func(s string) string {
		if x.Message != "" {
			return s + ": " + x.Message
		}
		return s
	}
	switch {
	case errors.Is(e, orcid.ErrNotFound):
		x.Kind = NotFound
		switch {
		case isRecord:
			x.What, x.Remedy = fmt.Sprintf("%s was not found (%s)", rec, tag), CheckIDAndEnv
		case e.Path != "":
			x.What = fmt.Sprintf("ORCID has nothing at %s (%s): the record or item does not exist or was removed", sanitize.Truncate(sanitize.Line(e.Path), 80), tag)
		default:
			x.What = fmt.Sprintf("record not found (%s)", tag)
		}
	case errors.Is(e, orcid.ErrLocked):
		x.Kind, x.What = Locked, fmt.Sprintf("%s is locked by ORCID and cannot be read (%s)", rec, tag)
	case errors.Is(e, orcid.ErrDeactivated):
		x.Kind, x.What = Deactivated, fmt.Sprintf("%s is deactivated; its owner closed it (%s)", rec, tag)
	case errors.Is(e, orcid.ErrNotPublic):
		what := "this item of " + rec
		if e.ID == "" {
			what = "this item"
		}
		x.Kind, x.Remedy, x.What = NotPublic, ReadLimited, fmt.Sprintf("%s is not public (%s)", what, tag)
	case errors.Is(e, orcid.ErrUnclaimed):
		x.Kind, x.What = Unclaimed, fmt.Sprintf("%s has not been claimed by its owner yet, so only its creator can read it (%s)", rec, tag)
	case errors.Is(e, orcid.ErrMerged):
		x.Kind, x.Remedy, x.Deprecated = Merged, SearchByName, e.ID
		x.What = fmt.Sprintf("%s was merged into another record (%s)", rec, tag)
	case x.Status == 404:
		x.Kind, x.What = NotFound, said(fmt.Sprintf("ORCID has nothing there (%s)", tag))
	case x.Status == 401:
		x.Kind, x.Remedy, x.What = Unauthorized, SignIn, said(fmt.Sprintf("ORCID wants a valid token (%s)", tag))
	case x.Status == 403:
		x.Kind, x.Remedy, x.What = Forbidden, SignInWithScope, said(fmt.Sprintf("ORCID says this is forbidden (%s) for the current credentials", tag))
	case x.Status == 400:
		x.Kind, x.Remedy, x.What = BadRequest, CheckQuery, said(fmt.Sprintf("ORCID refused the request (%s)", tag))
	case e.ErrorCode == orcid.CodeUndefinedField:
		// ORCID answers 500 for a query naming a field Solr does not
		// know: the query's fault, not the server's.
		x.Kind, x.Remedy, x.What = BadRequest, CheckQuery, said(fmt.Sprintf("ORCID could not run the query (%s)", tag))
	case x.Status >= 500:
		x.Kind, x.Remedy, x.What = ServerError, TryLater, said(fmt.Sprintf("ORCID had a server error (%s)", tag))
	default:
		x.Kind, x.What = Refused, said(fmt.Sprintf("ORCID refused the request (%s)", tag))
	}
	return x
}

// apiMessage is ORCID's own text, one safe line: the developer message
// says more than the user message.
func apiMessage(e *orcid.APIError) string {
	m := e.DeveloperMessage
	if strings.TrimSpace(m) == "" {
		m = e.UserMessage
	}
	return Quote(m)
}

func ofBadResponse(e *orcid.BadResponseError) Explanation {
	x := Explanation{Status: e.StatusCode, Host: hostOf(e.URL)}
	var decodeErr *orcid.DecodeError
	server := x.Host
	if server == "" {
		server = "the server"
	}
	switch {
	case isHTML(e):
		x.Kind, x.Title = HTMLAnswer, htmlTitle(e.Snippet)
		x.What = fmt.Sprintf("%s answered HTML instead of JSON (%d", server, e.StatusCode)
		x.Remedy = CheckAPIURLOrLater
		if e.StatusCode >= 500 {
			x.What += ", a server error"
			x.Remedy = TryLater
		}
		x.What += ")"
		if x.Title != "" {
			x.What += ": " + strconv.Quote(x.Title)
		}
	case isTruncated(e.Err):
		x.Kind, x.Remedy = Truncated, TryAgain
		x.What = fmt.Sprintf("the answer was truncated (%d, the document ends early)", e.StatusCode)
		if x.Host != "" {
			x.What = fmt.Sprintf("the answer was truncated (%d from %s, the document ends early)", e.StatusCode, x.Host)
		}
	case errors.Is(e.Err, orcid.ErrBodyTooLarge):
		// Says which endpoint and how big: an ORCID server that sends
		// more than any record at ORCID's ceilings is not a wrong URL.
		x.Kind = TooLarge
		x.What = fmt.Sprintf("the answer from %s is too large to read (%d)", server, e.StatusCode)
		var big *orcid.BodyTooLargeError
		if errors.As(e.Err, &big) {
			x.What = fmt.Sprintf("%s (%d from %s)", sanitize.Line(big.Error()), e.StatusCode, server)
		}
	case errors.As(e.Err, &decodeErr):
		x.Kind, x.Remedy, x.Reason = BadAnswer, TryLater, Quote(decodeErr.Error())
		x.What = fmt.Sprintf("ORCID's answer from %s (%d) did not decode %s; what decoded before it is kept", server, e.StatusCode, x.Reason)
		if !isORCIDHost(x.Host) {
			x.Remedy = CheckAPIURLOrLater
		}
	default:
		x.Kind, x.Remedy = BadAnswer, CheckAPIURL
		x.Message = Quote(e.Snippet)
		x.What = fmt.Sprintf("%s answered something that is not an ORCID document (%d", server, e.StatusCode)
		if ct := sanitize.Truncate(sanitize.Line(e.ContentType), 60); ct != "" {
			x.What += ", " + ct
		}
		x.What += ")"
		if x.Message != "" {
			x.What += ": " + x.Message
		}
	}
	return x
}

// ofURLError explains a failure to talk to a server at all.
func ofURLError(e *url.Error) Explanation {
	x := Explanation{Kind: Unreachable, Remedy: CheckNetwork, Host: hostOf(e.URL)}
	x.Local = isLocal(e.URL)
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case errors.As(e, &dnsErr):
		x.Reason = "no such host"
		if !dnsErr.IsNotFound {
			x.Reason = "name lookup failed"
		}
	case errors.Is(e, syscall.ECONNREFUSED):
		x.Reason = "connection refused"
	case errors.Is(e, syscall.ENETUNREACH), errors.Is(e, syscall.EHOSTUNREACH):
		x.Reason = "network unreachable"
	case e.Timeout() || errors.Is(e, os.ErrDeadlineExceeded):
		x.Kind, x.Remedy, x.Reason = Timeout, TryAgain, "timed out"
	case strings.Contains(e.Err.Error(), "certificate"):
		x.Reason = "TLS certificate problem"
	case errors.As(e, &opErr):
		x.Reason = Quote(opErr.Err.Error())
	default:
		x.Reason = Quote(e.Err.Error())
	}
	host := x.Host
	if host == "" {
		host = "the server"
	}
	x.What = "cannot reach " + host + ": " + x.Reason
	return x
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// hostOf returns scheme://host of a URL, or the sanitised input.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return sanitize.Truncate(sanitize.Line(raw), 80)
	}
	return sanitize.Line(u.Scheme + "://" + u.Host)
}

// isORCIDHost: scheme://host is ORCID's own (production or sandbox).
func isORCIDHost(host string) bool {
	u, err := url.Parse(host)
	if err != nil {
		return false
	}
	h := strings.ToLower(u.Hostname())
	return h == "orcid.org" || strings.HasSuffix(h, ".orcid.org")
}

// isLocal says whether raw names this computer.
func isLocal(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	h := u.Hostname()
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// quoteWhole is Quote without the shortening, for a message whose end
// matters (up to a length no real one reaches).
func quoteWhole(s string) string {
	return sanitize.Truncate(strings.Join(strings.Fields(sanitize.Line(s)), " "), 1000)
}

// Quote sanitises and shortens text from the network (or from a library)
// for a message: one line, runs of space folded, at most 200 characters.
func Quote(s string) string {
	return sanitize.Truncate(strings.Join(strings.Fields(sanitize.Line(s)), " "), 200)
}

// noAnswerWithin finds host, timeout and (for an answer that stopped) how
// much had come, in the client's timeout error; stillSending the client's
// transfer-ceiling error.
var (
	noAnswerWithin = regexp.MustCompile(`ORCID \(([^)\s]+)\) did not answer within ([0-9a-zµ.]+)(?:: nothing more came after ([0-9.]+ (?:bytes|KiB|MiB)))?`)
	stillSending   = regexp.MustCompile(`ORCID \(([^)\s]+)\) was still sending after ([0-9a-zµ.]+)`)
)

// isHTML says whether an unexpected answer is an HTML page.
func isHTML(e *orcid.BadResponseError) bool {
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
		return Quote(m[1])
	}
	return sanitize.Truncate(Quote(tagRE.ReplaceAllString(snippet, " ")), 60)
}

// isTruncated says whether a decode error means the document ends early.
func isTruncated(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(msg, "unexpected end of JSON input") || strings.Contains(msg, "unexpected EOF")
}

// AllKinds lists every Kind but Unknown, for tests that want each one
// handled.
func AllKinds() []Kind {
	out := make([]Kind, 0, int(NotSignedInHere))
	for k := Cancelled; k <= NotSignedInHere; k++ {
		out = append(out, k)
	}
	return out
}

// AllRemedies lists every Remedy but NoRemedy, so each front end can test
// that it words all of them.
func AllRemedies() []Remedy {
	out := make([]Remedy, 0, int(Chmod))
	for r := TryAgain; r <= Chmod; r++ {
		out = append(out, r)
	}
	return out
}
