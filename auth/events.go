package auth

import (
	"errors"
	"time"

	"golang.org/x/oauth2"

	redactpkg "github.com/orcid-tui/orcid-tui/internal/redact"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// Step names one step of a flow, in the words the TUI shows.
type Step int

const (
	URLBuilt         Step = iota + 1 // the authorize URL is ready
	Listening                        // the loopback listener is bound
	BrowserOpened                    // the browser was asked to open the URL
	URLToCopy                        // the URL to open by hand (always reported)
	CallbackReceived                 // a redirect reached the listener, or a URL/code was pasted
	StateChecked                     // the state matched (Err set when it did not)
	TokenExchanged                   // the code was exchanged for a token
	IDTokenVerified                  // the id_token's signature and claims were verified
	UserinfoRead                     // /oauth/userinfo answered
	Failed                           // the flow ended with Err
	Done                             // the flow ended successfully
)

var stepNames = map[Step]string{
	URLBuilt:         "authorize URL built",
	Listening:        "listening",
	BrowserOpened:    "browser opened",
	URLToCopy:        "URL to copy",
	CallbackReceived: "callback received",
	StateChecked:     "state checked",
	TokenExchanged:   "token exchanged",
	IDTokenVerified:  "id_token verified",
	UserinfoRead:     "userinfo read",
	Failed:           "failed",
	Done:             "done",
}

func (s Step) String() string {
	if n, ok := stepNames[s]; ok {
		return n
	}
	return "step?"
}

// Event is one step of a flow as it happens. Detail is safe to draw (after
// sanitising, as all text): secrets, codes and tokens in it are masked.
// Err, when set, has the same secrets masked in its message.
type Event struct {
	Step   Step
	Detail string
	Err    error
	Time   time.Time
}

// Mask shows only the start of a secret: "3f2a…" for long values, fewer
// characters for short ones, "" for "".
func Mask(s string) string { return redactpkg.Mask(s) }

// redactedError masks known secrets in an error's message while keeping the
// original error reachable with errors.Is/As.
type redactedError struct {
	err     error
	secrets []string
}

func (e *redactedError) Error() string { return redact(e.err.Error(), e.secrets) }
func (e *redactedError) Unwrap() error { return e.err }

// Redact masks in s the secrets sent in the request that failed: whoever
// shows a field of a wrapped error (package explain quotes an OAuth error's
// description) finds the masker with errors.As.
func (e *redactedError) Redact(s string) string { return redact(s, e.secrets) }

// Redactor is what errors returned by this package offer to mask the
// secrets, codes and tokens sent in the failed request, in any text shown
// with the error (see redactedError.Redact).
type Redactor interface {
	Redact(string) string
}

// redact masks each secret in s, also as it appears form-encoded (a
// server echoing its request body quotes it so), and any token-looking
// value (after "Bearer", access_token=…): the rule package orcid applies
// to its errors too.
func redact(s string, secrets []string) string {
	return redactpkg.String(s, secrets...)
}

func redactErr(err error, secrets []string) error {
	if err == nil {
		return nil
	}
	var re *redactedError
	if errors.As(err, &re) {
		secrets = append(append([]string(nil), secrets...), re.secrets...)
	}
	maskFields(err, secrets)
	return &redactedError{err: err, secrets: secrets}
}

// maskFields masks secrets in the server-supplied text of the OAuth errors
// in err's chain: a registry may echo what was posted (a client secret, a
// refresh token) in error_description, and those fields are shown as they
// are by whoever reaches them with errors.As. The errors were made by this
// package for this request, so changing them in place is safe.
func maskFields(err error, secrets []string) {
	var oe *orcid.OAuthError
	if errors.As(err, &oe) {
		oe.Code, oe.Description = redact(oe.Code, secrets), redact(oe.Description, secrets)
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		re.ErrorCode, re.ErrorDescription = redact(re.ErrorCode, secrets), redact(re.ErrorDescription, secrets)
		re.ErrorURI = redact(re.ErrorURI, secrets)
		re.Body = []byte(redact(string(re.Body), secrets))
	}
	var ae *AuthorizationError
	if errors.As(err, &ae) {
		ae.Code, ae.Description = redact(ae.Code, secrets), redact(ae.Description, secrets)
	}
}
