package orcidtest

import (
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// tokenError writes an OAuth-style error body of the token endpoints.
func tokenError(w http.ResponseWriter, status int, code, desc string) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": desc})
}

// tokenResponse is ORCID's token JSON, in ORCID's key order.
type tokenResponse struct {
	AccessToken  string  `json:"access_token"`
	TokenType    string  `json:"token_type"`
	RefreshToken string  `json:"refresh_token"`
	ExpiresIn    int64   `json:"expires_in"`
	Scope        string  `json:"scope"`
	Name         *string `json:"name,omitempty"`
	ORCID        *string `json:"orcid"`
	IDToken      string  `json:"id_token,omitempty"`
}

// clientAuth reads client_id/client_secret from HTTP Basic or the form
// (both accepted by ORCID); a secret is always required.
func (o *oauthState) clientAuth(w http.ResponseWriter, r *http.Request) (*Client, bool) {
	id, secret, basic := r.BasicAuth()
	if !basic {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	if id == "" {
		tokenError(w, http.StatusUnauthorized, "invalid_client", "client_id is required")
		return nil, false
	}
	if secret == "" {
		tokenError(w, http.StatusUnauthorized, "invalid_client", "client_secret is required")
		return nil, false
	}
	o.mu.Lock()
	c, ok := o.clients[id]
	o.mu.Unlock()
	if !ok || subtle.ConstantTimeCompare([]byte(c.Secret), []byte(secret)) != 1 {
		tokenError(w, http.StatusUnauthorized, "invalid_client", "Bad client credentials")
		return nil, false
	}
	return c, true
}

// parseForm reads a POSTed form of at most 64 KiB. The handlers need no
// method check: their mux patterns ("POST /oauth/token") already answer
// another method with 405.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	return r.ParseForm()
}

func (o *oauthState) handleToken(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		tokenError(w, http.StatusBadRequest, "invalid_request", "The form could not be read")
		return
	}
	gt := r.PostForm.Get("grant_type")
	if gt == "" {
		tokenError(w, http.StatusBadRequest, "unsupported_grant_type", "grant_type is required")
		return
	}
	c, ok := o.clientAuth(w, r)
	if !ok {
		return
	}
	switch gt {
	case "authorization_code":
		o.grantCode(w, r, c)
	case "client_credentials":
		o.grantClient(w, r, c)
	case "refresh_token":
		o.grantRefresh(w, r, c)
	default:
		tokenError(w, http.StatusBadRequest, "unsupported_grant_type", "Unsupported grant type: "+gt)
	}
}

func (o *oauthState) grantCode(w http.ResponseWriter, r *http.Request, c *Client) {
	code := r.PostForm.Get("code")
	o.mu.Lock()
	ac, ok := o.codes[code]
	delete(o.codes, code) // single use, whatever happens next
	o.mu.Unlock()
	if code == "" || !ok || time.Now().After(ac.expires) {
		tokenError(w, http.StatusBadRequest, "invalid_grant", "Invalid authorization code")
		return
	}
	if ac.clientID != c.ID {
		tokenError(w, http.StatusBadRequest, "invalid_grant", "Authorization code was issued to another client")
		return
	}
	if r.PostForm.Get("redirect_uri") != ac.redirect {
		tokenError(w, http.StatusBadRequest, "invalid_grant", "Redirect URI mismatch")
		return
	}
	o.mu.Lock()
	g := o.newGrant(c.ID, ac.orcid, ac.scopes, ac.authTime)
	o.mu.Unlock()
	o.writeGrant(w, r, c, g, ac.nonce)
}

func (o *oauthState) grantClient(w http.ResponseWriter, r *http.Request, c *Client) {
	scopes := strings.Fields(r.PostForm.Get("scope"))
	if len(scopes) == 0 {
		scopes = []string{"/read-public"}
	}
	for _, sc := range scopes {
		if sc != "/read-public" {
			tokenError(w, http.StatusBadRequest, "invalid_scope", "Invalid scope: "+sc)
			return
		}
	}
	o.mu.Lock()
	g := o.newGrant(c.ID, "", []string{"/read-public"}, time.Now())
	o.mu.Unlock()
	o.writeGrant(w, r, c, g, "")
}

func (o *oauthState) grantRefresh(w http.ResponseWriter, r *http.Request, c *Client) {
	rt := r.PostForm.Get("refresh_token")
	o.mu.Lock()
	old, ok := o.refresh[rt]
	if !ok || old.revoked || old.clientID != c.ID {
		o.mu.Unlock()
		tokenError(w, http.StatusBadRequest, "invalid_grant", "Invalid refresh token")
		return
	}
	scopes := old.scopes
	if s := strings.Fields(r.PostForm.Get("scope")); len(s) > 0 {
		for _, sc := range s {
			if !old.has(sc) {
				o.mu.Unlock()
				tokenError(w, http.StatusBadRequest, "invalid_scope", "Invalid scope: "+sc+" was not granted")
				return
			}
		}
		scopes = s
	}
	// As ORCID documents, the old pair (access and refresh token) stays
	// valid unless revoke_old=true, which revokes both.
	if r.PostForm.Get("revoke_old") == "true" && !o.hooks.IgnoreRevokeOld {
		old.revoked = true
		delete(o.refresh, rt)
	}
	g := o.newGrant(c.ID, old.orcid, scopes, old.authTime)
	o.mu.Unlock()
	o.writeGrant(w, r, c, g, "")
}

func (o *oauthState) writeGrant(w http.ResponseWriter, r *http.Request, c *Client, g *grant, nonce string) {
	o.mu.Lock()
	o.grants++
	o.mu.Unlock()
	resp := tokenResponse{
		AccessToken: g.access, TokenType: "bearer", RefreshToken: g.refresh,
		ExpiresIn: int64(time.Until(g.expires).Round(time.Second) / time.Second),
		Scope:     strings.Join(g.scopes, " "),
	}
	if g.orcid != "" {
		id := g.orcid
		resp.ORCID = &id
		name := ""
		if p, _, ok := theData().lookup(g.orcid); ok && !p.NamePrivate {
			name = p.fullName()
			if p.Credit != "" {
				name = p.Credit
			}
		}
		resp.Name = &name
		if g.has("openid") {
			resp.IDToken = o.idToken(c, g, nonce, issuerOf(r, o))
		}
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	_ = json.NewEncoder(w).Encode(resp)
}

func (o *oauthState) handleRevoke(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		tokenError(w, http.StatusBadRequest, "invalid_request", "The form could not be read")
		return
	}
	c, ok := o.clientAuth(w, r)
	if !ok {
		return
	}
	tok := r.PostForm.Get("token")
	if tok == "" {
		tokenError(w, http.StatusBadRequest, "invalid_request", "token is required")
		return
	}
	o.mu.Lock()
	o.revoke(tok, c.ID)
	o.mu.Unlock()
	w.WriteHeader(http.StatusOK) // RFC 7009: unknown tokens are not an error
}

func (o *oauthState) handleUserinfo(w http.ResponseWriter, r *http.Request) {
	tok := bearerToken(r)
	if tok == "" && r.Method == http.MethodPost {
		_ = parseForm(w, r)
		tok = r.PostForm.Get("access_token")
	}
	o.mu.Lock()
	g, ok := o.valid(tok)
	o.mu.Unlock()
	if !ok || g.orcid == "" || !(g.has("openid") || g.has("/authenticate")) {
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"error":"access_denied","error-description":"access_token is invalid"}`))
		return
	}
	type userinfo struct {
		ID         string  `json:"id"`
		Sub        string  `json:"sub"`
		Name       *string `json:"name"`
		FamilyName *string `json:"family_name"`
		GivenName  *string `json:"given_name"`
	}
	ui := userinfo{ID: issuerOf(r, o) + "/" + g.orcid, Sub: g.orcid}
	if p, _, ok := theData().lookup(g.orcid); ok && !p.NamePrivate {
		if p.Credit != "" {
			ui.Name = &p.Credit
		}
		if p.Family != "" {
			ui.FamilyName = &p.Family
		}
		if p.Given != "" {
			ui.GivenName = &p.Given
		}
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	_ = json.NewEncoder(w).Encode(ui)
}

// bearerToken is the token of "Authorization: Bearer …" (any case), or "".
func bearerToken(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}
