package orcidtest

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/json"
	"math/big"
	"net/http"
	"time"
)

// issuerOf is the registry URL: the configured issuer, or this request's
// own scheme and host.
func issuerOf(r *http.Request, o *oauthState) string {
	return o.srv.siteFor(r).base
}

func (o *oauthState) handleDiscovery(w http.ResponseWriter, r *http.Request) {
	base := issuerOf(r, o)
	doc := map[string]any{
		"token_endpoint_auth_signing_alg_values_supported": []string{"RS256"},
		"id_token_signing_alg_values_supported":            []string{"RS256"},
		"userinfo_endpoint":                                base + "/oauth/userinfo",
		"authorization_endpoint":                           base + "/oauth/authorize",
		"token_endpoint":                                   base + "/oauth/token",
		"jwks_uri":                                         base + "/oauth/jwks",
		"claims_supported":                                 []string{"family_name", "given_name", "name", "auth_time", "iss", "sub"},
		"scopes_supported":                                 []string{"openid"},
		"subject_types_supported":                          []string{"public"},
		"response_types_supported":                         []string{"code", "id_token", "id_token token"},
		"claims_parameter_supported":                       false,
		"token_endpoint_auth_methods_supported":            []string{"client_secret_post"},
		"grant_types_supported":                            []string{"authorization_code", "implicit", "refresh_token"},
		"issuer":                                           base,
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	_ = json.NewEncoder(w).Encode(doc)
}

func (o *oauthState) handleJWKS(w http.ResponseWriter, r *http.Request) {
	pub := o.signKey().PublicKey
	set := map[string]any{"keys": []map[string]string{{
		"kty": "RSA",
		"e":   b64(big.NewInt(int64(pub.E)).Bytes()),
		"use": "sig",
		"kid": o.keyID(),
		"alg": "RS256",
		"n":   b64(pub.N.Bytes()),
	}}}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	_ = json.NewEncoder(w).Encode(set)
}

// idToken builds and signs an id_token with ORCID's claims.
func (o *oauthState) idToken(c *Client, g *grant, nonce, issuer string) string {
	now := time.Now()
	claims := map[string]any{
		"aud":       c.ID,
		"sub":       g.orcid,
		"auth_time": g.authTime.Unix(),
		"iss":       issuer,
		"exp":       now.Add(24 * time.Hour).Unix(),
		"iat":       now.Unix(),
		"jti":       newUUID(),
		"at_hash":   atHash(g.access),
	}
	if nonce != "" {
		claims["nonce"] = nonce
	}
	if c.Member {
		claims["amr"] = "pwd"
	}
	if p, _, ok := theData().lookup(g.orcid); ok && !p.NamePrivate {
		if p.Credit != "" {
			claims["name"] = p.Credit
		}
		claims["given_name"] = p.Given
		claims["family_name"] = p.Family
	}
	o.mu.Lock()
	hooks := o.hooks
	o.mu.Unlock()
	if hooks.TamperIDToken != nil {
		hooks.TamperIDToken(claims)
	}
	key := o.signKey()
	if hooks.SignWithUnknownKey {
		key = o.rogueKey()
	}
	return o.sign(key, claims)
}

// atHash is OpenID Connect's at_hash for RS256: the left half of SHA-256.
func atHash(access string) string {
	sum := sha256.Sum256([]byte(access))
	return b64(sum[:16])
}

func (o *oauthState) sign(key *rsa.PrivateKey, claims map[string]any) string {
	header, _ := json.Marshal(map[string]string{"kid": o.keyID(), "alg": "RS256"})
	payload, _ := json.Marshal(claims)
	in := b64(header) + "." + b64(payload)
	sum := sha256.Sum256([]byte(in))
	sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, sum[:])
	if err != nil {
		panic(err)
	}
	return in + "." + b64(sig)
}

// SignIDToken signs claims as an id_token with the registry's key (or,
// with unknownKey, a key not in its JWKS), for tests of verifiers.
func (s *Server) SignIDToken(claims map[string]any, unknownKey bool) string {
	o := s.oauth()
	key := o.signKey()
	if unknownKey {
		key = o.rogueKey()
	}
	return o.sign(key, claims)
}

// IDTokenClaims are the claims the registry would put in an id_token for
// clientID and orcid now, for tests that tweak one claim and sign with
// SignIDToken.
func (s *Server) IDTokenClaims(clientID, orcid, nonce, accessToken string) map[string]any {
	now := time.Now()
	c := map[string]any{
		"aud": clientID, "sub": orcid, "auth_time": now.Unix(), "iss": s.URL(),
		"exp": now.Add(24 * time.Hour).Unix(), "iat": now.Unix(), "jti": newUUID(),
	}
	if accessToken != "" {
		c["at_hash"] = atHash(accessToken)
	}
	if nonce != "" {
		c["nonce"] = nonce
	}
	return c
}
