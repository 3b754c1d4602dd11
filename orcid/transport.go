package orcid

import (
	"net/http"
)

// HTTPClient returns an *http.Client for requests that are not API reads but
// belong to the same environment — OAuth token, revoke, discovery, JWKS and
// userinfo calls made by package auth. Each request waits for this client's
// rate limiter (cancellably, through the request's context) and is counted in
// Stats, so nothing the program sends bypasses the shared limiter and the
// status bar shows true figures. Redirects are not followed.
func (c *Client) HTTPClient() *http.Client {
	base := c.httpClient.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	return &http.Client{
		Transport:     &limitedTransport{c: c, base: base},
		CheckRedirect: noRedirect,
		Timeout:       c.timeout,
	}
}

type limitedTransport struct {
	c    *Client
	base http.RoundTripper
}

func (t *limitedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := t.c.wait(req.Context()); err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	sent := t.c.now()
	defer t.c.sending(sent)()
	resp, err := t.base.RoundTrip(req)
	if err == nil && resp.StatusCode == http.StatusServiceUnavailable {
		t.c.on503(sent) // the same burst limit as the API's
	}
	return resp, err
}
