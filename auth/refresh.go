package auth

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// refreshToken asks the token endpoint for a new pair with refresh. It
// sends revoke_old=true, ORCID's documented way to retire the old pair
// (x/oauth2 cannot add a field to a refresh, hence this request of our
// own). Failures are *oauth2.RetrieveError like x/oauth2's, so tokenError
// words them the same way.
func (a *Authenticator) refreshToken(ctx context.Context, refresh string) (*oauth2.Token, error) {
	form := url.Values{
		"grant_type":    {"refresh_token"},
		"refresh_token": {refresh},
		"revoke_old":    {"true"},
		"client_id":     {a.cfg.ClientID},
		"client_secret": {a.cfg.ClientSecret},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, Endpoint(a.cfg.Env).TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := a.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("oauth2: cannot fetch token: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("oauth2: cannot fetch token: %w", err)
	}
	if resp.StatusCode/100 != 2 {
		oe := oauthErrorFrom(resp.StatusCode, body)
		re := &oauth2.RetrieveError{Response: resp, Body: body}
		if oe.Code != "server_error" || strings.Contains(string(body), "server_error") {
			re.ErrorCode, re.ErrorDescription = oe.Code, oe.Description
		}
		return nil, re
	}
	if ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); ct != "" && ct != "application/json" {
		return nil, fmt.Errorf("oauth2: the token endpoint answered %s, not JSON", ct)
	}
	var raw map[string]any
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, fmt.Errorf("oauth2: cannot parse the token answer: %w", err)
	}
	str := func(k string) string { v, _ := raw[k].(string); return v }
	tok := &oauth2.Token{AccessToken: str("access_token"), TokenType: str("token_type"), RefreshToken: str("refresh_token")}
	if n, ok := raw["expires_in"].(float64); ok && n > 0 {
		tok.Expiry = time.Now().Add(time.Duration(n) * time.Second)
	}
	if tok.AccessToken == "" {
		return nil, fmt.Errorf("oauth2: server response missing access_token")
	}
	return tok.WithExtra(raw), nil
}
