package auth

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// Discovery is the registry's /.well-known/openid-configuration.
type Discovery struct {
	Issuer                            string   `json:"issuer"`
	AuthorizationEndpoint             string   `json:"authorization_endpoint"`
	TokenEndpoint                     string   `json:"token_endpoint"`
	UserinfoEndpoint                  string   `json:"userinfo_endpoint"`
	JWKSURI                           string   `json:"jwks_uri"`
	ScopesSupported                   []string `json:"scopes_supported"`
	ResponseTypesSupported            []string `json:"response_types_supported"`
	GrantTypesSupported               []string `json:"grant_types_supported"`
	ClaimsSupported                   []string `json:"claims_supported"`
	SubjectTypesSupported             []string `json:"subject_types_supported"`
	IDTokenSigningAlgValuesSupported  []string `json:"id_token_signing_alg_values_supported"`
	TokenEndpointAuthMethodsSupported []string `json:"token_endpoint_auth_methods_supported"`
}

// Provider discovers the registry (go-oidc checks that the document's issuer
// is the registry URL) and keeps it for later calls.
func (a *Authenticator) Provider(ctx context.Context) (*oidc.Provider, error) {
	a.pmu.Lock()
	defer a.pmu.Unlock()
	if a.provider != nil {
		return a.provider, nil
	}
	p, err := oidc.NewProvider(a.ctx(ctx), a.cfg.Env.RegistryURL)
	if err != nil {
		return nil, fmt.Errorf("OpenID Connect discovery at %s: %w", a.cfg.Env.RegistryURL, err)
	}
	a.provider = p
	return p, nil
}

// Discover reads the discovery document.
func (a *Authenticator) Discover(ctx context.Context) (*Discovery, error) {
	p, err := a.Provider(ctx)
	if err != nil {
		return nil, err
	}
	var d Discovery
	if err := p.Claims(&d); err != nil {
		return nil, err
	}
	return &d, nil
}

// Claims are an ORCID id_token's claims (reference §7).
type Claims struct {
	Issuer     string    `json:"iss"`
	Subject    string    `json:"sub"` // the bare iD
	Audience   []string  `json:"-"`
	IssuedAt   time.Time `json:"-"`
	Expiry     time.Time `json:"-"`
	AuthTime   time.Time `json:"-"`
	Nonce      string    `json:"nonce,omitempty"`
	JTI        string    `json:"jti,omitempty"`
	AtHash     string    `json:"at_hash,omitempty"`
	AZP        string    `json:"azp,omitempty"` // authorized party
	AMR        string    `json:"-"`
	Name       string    `json:"name,omitempty"`
	GivenName  string    `json:"given_name,omitempty"`
	FamilyName string    `json:"family_name,omitempty"`
}

type rawClaims struct {
	Claims
	Aud      json.RawMessage `json:"aud"`
	Iat      json.Number     `json:"iat"`
	Exp      json.Number     `json:"exp"`
	AuthTime json.Number     `json:"auth_time"`
	AMR      json.RawMessage `json:"amr"`
}

func parseClaims(payload []byte) (*Claims, error) {
	var r rawClaims
	if err := json.Unmarshal(payload, &r); err != nil {
		return nil, fmt.Errorf("id_token claims: %w", err)
	}
	c := r.Claims
	var one string
	if json.Unmarshal(r.Aud, &one) == nil {
		c.Audience = []string{one}
	} else {
		_ = json.Unmarshal(r.Aud, &c.Audience)
	}
	c.IssuedAt, c.Expiry, c.AuthTime = unixTime(r.Iat), unixTime(r.Exp), unixTime(r.AuthTime)
	if json.Unmarshal(r.AMR, &one) == nil {
		c.AMR = one
	} else {
		var many []string
		if json.Unmarshal(r.AMR, &many) == nil {
			c.AMR = strings.Join(many, " ")
		}
	}
	return &c, nil
}

func unixTime(n json.Number) time.Time {
	if f, err := n.Float64(); err == nil && f > 0 {
		return time.Unix(int64(f), 0).UTC()
	}
	return time.Time{}
}

// DecodeClaims reads an id_token's claims WITHOUT verifying it: for display
// of a stored token only.
func DecodeClaims(rawIDToken string) (*Claims, error) {
	parts := strings.Split(rawIDToken, ".")
	if len(parts) != 3 {
		return nil, errors.New("id_token is not a JWT")
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, fmt.Errorf("id_token payload: %w", err)
	}
	return parseClaims(payload)
}

// IDTokenError says an id_token was not accepted. Callers word it with
// BadSignature and Expired rather than by reading the message.
type IDTokenError struct {
	Err error
}

func (e *IDTokenError) Error() string { return "id_token rejected: " + e.Err.Error() }
func (e *IDTokenError) Unwrap() error { return e.Err }

// BadSignature reports a token not signed by any key the registry publishes.
func (e *IDTokenError) BadSignature() bool {
	// go-oidc has no exported error for this; its message is stable.
	return strings.Contains(e.Err.Error(), "failed to verify") && strings.Contains(e.Err.Error(), "signature")
}

// Expired reports a token past its exp claim.
func (e *IDTokenError) Expired() bool {
	var te *oidc.TokenExpiredError
	return errors.As(e.Err, &te)
}

// VerifyIDToken verifies raw with v (signature, issuer, audience, expiry as
// v is configured), then the nonce when nonce is not empty and the at_hash
// when the token carries one and accessToken is not empty. Failures are
// *IDTokenError.
func VerifyIDToken(ctx context.Context, v *oidc.IDTokenVerifier, raw, nonce, accessToken string) (*Claims, error) {
	idt, err := v.Verify(ctx, raw)
	if err != nil {
		return nil, &IDTokenError{Err: err}
	}
	if nonce != "" && subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(nonce)) != 1 {
		return nil, &IDTokenError{Err: ErrNonceMismatch}
	}
	if idt.AccessTokenHash != "" && accessToken != "" {
		if err := idt.VerifyAccessToken(accessToken); err != nil {
			return nil, &IDTokenError{Err: err}
		}
	}
	var raw2 json.RawMessage
	if err := idt.Claims(&raw2); err != nil {
		return nil, err
	}
	return parseClaims(raw2)
}

// Verifier verifies id_tokens issued to this client by this registry,
// against the registry's JWKS.
func (a *Authenticator) Verifier(ctx context.Context) (*oidc.IDTokenVerifier, error) {
	p, err := a.Provider(ctx)
	if err != nil {
		return nil, err
	}
	return p.VerifierContext(a.ctx(context.Background()), &oidc.Config{
		ClientID:             a.cfg.ClientID,
		SupportedSigningAlgs: []string{oidc.RS256},
		Now:                  a.cfg.Now,
	}), nil
}

// VerifyIDToken verifies an id_token of this registry and client: what the
// package's VerifyIDToken checks, and the claims go-oidc leaves to its
// callers (checkClaims).
func (a *Authenticator) VerifyIDToken(ctx context.Context, raw, nonce, accessToken string) (*Claims, error) {
	v, err := a.Verifier(ctx)
	if err != nil {
		return nil, err
	}
	c, err := VerifyIDToken(a.ctx(ctx), v, raw, nonce, accessToken)
	if err != nil {
		return nil, err
	}
	now := time.Now
	if a.cfg.Now != nil {
		now = a.cfg.Now
	}
	if err := checkClaims(c, a.cfg.ClientID, now()); err != nil {
		return nil, err
	}
	return c, nil
}

// ClockSkew is how far ahead of our clock an id_token's iat may be (go-oidc
// allows the same for nbf).
const ClockSkew = 5 * time.Minute

// checkClaims checks what go-oidc does not (OpenID Connect Core 3.1.3.7):
// the token was not issued in the future, beyond ClockSkew; and when it has
// several audiences, or names an authorized party at all, that party is
// this client — otherwise a token minted for another client that merely
// lists this one would be accepted.
func checkClaims(c *Claims, clientID string, now time.Time) error {
	if !c.IssuedAt.IsZero() && c.IssuedAt.After(now.Add(ClockSkew)) {
		return &IDTokenError{Err: fmt.Errorf("issued in the future (iat %s, now %s)", c.IssuedAt.Format(time.RFC3339), now.UTC().Format(time.RFC3339))}
	}
	if len(c.Audience) > 1 && c.AZP == "" {
		return &IDTokenError{Err: fmt.Errorf("several audiences (%s) and no azp naming this client", strings.Join(c.Audience, " "))}
	}
	if c.AZP != "" && c.AZP != clientID {
		return &IDTokenError{Err: fmt.Errorf("azp %s is not this client %s", c.AZP, clientID)}
	}
	return nil
}

// UserInfo is /oauth/userinfo's answer; ORCID adds "id" (the iD URI) and
// sends explicit nulls for names that are not public.
type UserInfo struct {
	ID         string  `json:"id"`
	Sub        string  `json:"sub"`
	Name       *string `json:"name"`
	FamilyName *string `json:"family_name"`
	GivenName  *string `json:"given_name"`
}

// UserInfo reads /oauth/userinfo with accessToken. A refused token is an
// *orcid.OAuthError (ORCID answers 403 access_denied).
func (a *Authenticator) UserInfo(ctx context.Context, accessToken string) (*UserInfo, error) {
	endpoint := a.cfg.Env.RegistryURL + "/oauth/userinfo"
	a.pmu.Lock()
	if a.provider != nil && a.provider.UserInfoEndpoint() != "" {
		endpoint = a.provider.UserInfoEndpoint()
	}
	a.pmu.Unlock()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+accessToken)
	req.Header.Set("Accept", "application/json")
	resp, err := a.http.Do(req)
	if err != nil {
		return nil, redactErr(fmt.Errorf("userinfo: %w", err), []string{accessToken})
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("userinfo: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, redactErr(fmt.Errorf("userinfo: %w", oauthErrorFrom(resp.StatusCode, body)), []string{accessToken})
	}
	var ui UserInfo
	if err := json.Unmarshal(body, &ui); err != nil {
		return nil, &orcid.BadResponseError{StatusCode: resp.StatusCode, URL: endpoint, ContentType: resp.Header.Get("Content-Type"), Snippet: sanitize.Snippet(body, 120), Err: err}
	}
	return &ui, nil
}

// ParseJWKS reads the RSA keys of a JWK Set (what /oauth/jwks serves), e.g.
// for an offline oidc.StaticKeySet.
func ParseJWKS(data []byte) (*oidc.StaticKeySet, error) {
	var set struct {
		Keys []struct {
			Kty string `json:"kty"`
			N   string `json:"n"`
			E   string `json:"e"`
		} `json:"keys"`
	}
	if err := json.Unmarshal(data, &set); err != nil {
		return nil, fmt.Errorf("JWKS: %w", err)
	}
	ks := &oidc.StaticKeySet{}
	for _, k := range set.Keys {
		if k.Kty != "RSA" {
			continue
		}
		n, err1 := base64.RawURLEncoding.DecodeString(k.N)
		e, err2 := base64.RawURLEncoding.DecodeString(k.E)
		if err1 != nil || err2 != nil || len(e) > 4 {
			return nil, errors.New("JWKS: bad RSA key encoding")
		}
		ks.PublicKeys = append(ks.PublicKeys, crypto.PublicKey(&rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}))
	}
	if len(ks.PublicKeys) == 0 {
		return nil, errors.New("JWKS: no RSA key")
	}
	return ks, nil
}
