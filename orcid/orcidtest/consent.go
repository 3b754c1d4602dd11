package orcidtest

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

var consentRequest = regexp.MustCompile(`name="request" value="([^"]*)"`)

// Consent plays the user's browser on the registry's consent page at
// authURL: it loads the page, presses decision ("authorize" or "deny") as
// the record holder orcid ("" for the demo user), and returns the address
// the registry redirects to, without following it (the test decides
// whether the program's loopback listener gets it, or the user pastes it).
func Consent(ctx context.Context, authURL, decision, orcid string) (string, error) {
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, authURL, nil)
	if err != nil {
		return "", err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return "", err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := consentRequest.FindSubmatch(body)
	if resp.StatusCode != http.StatusOK || m == nil || !strings.Contains(string(body), "Authorize access") {
		return "", fmt.Errorf("no consent page (%d):\n%s", resp.StatusCode, body)
	}
	form := url.Values{"request": {html.UnescapeString(string(m[1]))}, "decision": {decision}}
	if orcid != "" {
		form.Set("orcid", orcid)
	}
	u, err := url.Parse(authURL)
	if err != nil {
		return "", err
	}
	req, err = http.NewRequestWithContext(ctx, http.MethodPost, u.Scheme+"://"+u.Host+"/oauth/authorize", strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err = hc.Do(req)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode/100 != 3 || loc == "" {
		return "", errors.New("the consent page answered " + resp.Status + " without a redirect")
	}
	return loc, nil
}
