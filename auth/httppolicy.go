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
		from := "the registry"
		if len(via) > 0 {
			from = via[len(via)-1].URL.Redacted()
		}
		return fmt.Errorf("%s redirected to %s: %w", sanitize.Line(from), sanitize.Line(req.URL.Redacted()), ErrRedirectRefused)
	}
	return c
}
