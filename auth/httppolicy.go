package auth

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
)

// ErrRedirectRefused: an OAuth or OpenID Connect endpoint answered with a
// redirect, which auth never follows.
var ErrRedirectRefused = errors.New("auth never follows a redirect")

// noRedirects is the one HTTP client policy of this package: no token,
// revoke, userinfo, discovery or JWKS request follows a redirect. A 307 or
// 308 would make Go's client post the form again — client_id and
// client_secret, a code or a refresh token — to whatever host the Location
// names, and use that host's answer.
func noRedirects(hc *http.Client) *http.Client {
	c := &http.Client{Timeout: 30 * time.Second}
	if hc != nil {
		c2 := *hc // the caller's Transport and Jar are kept; only the policy changes
		c = &c2
	}
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		e := &RedirectError{To: req.URL.Redacted()}
		if len(via) > 0 {
			e.From = via[len(via)-1].URL.Redacted()
		}
		return e
	}
	return c
}

// RedirectError is a redirect auth refused to follow. From is the URL that
// answered with it, To where it pointed: Go's *url.Error around it names
// To, the host that was NOT asked, so messages must take From from here.
type RedirectError struct {
	From string // "" when unknown
	To   string
}

func (e *RedirectError) Error() string {
	from := e.From
	if from == "" {
		from = "the registry"
	}
	return fmt.Sprintf("%s redirected to %s: %v", sanitize.Line(from), sanitize.Line(e.To), ErrRedirectRefused)
}

// Is makes errors.Is(err, ErrRedirectRefused) hold.
func (e *RedirectError) Is(target error) bool { return target == ErrRedirectRefused }
