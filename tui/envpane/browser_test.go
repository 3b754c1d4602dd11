package envpane

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

var requestField = regexp.MustCompile(`name="request" value="([^"]*)"`)

func orcidtestAuthorize(ctx context.Context, t *testing.T, srv *orcidtest.Server, authURL string) string {
	t.Helper()
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, authURL, nil)
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := requestField.FindStringSubmatch(string(body))
	if m == nil {
		t.Fatalf("no consent form:\n%s", body)
	}
	form := url.Values{"request": {htmlUnescape(m[1])}, "decision": {"authorize"}, "orcid": {orcidtest.CarberryID}}
	req, _ = http.NewRequestWithContext(ctx, http.MethodPost, srv.URL()+"/oauth/authorize", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err = hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if loc == "" {
		t.Fatalf("no redirect: %s", resp.Status)
	}
	return loc
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#43;", "+", "&#34;", `"`, "&lt;", "<", "&gt;", ">").Replace(s)
}
