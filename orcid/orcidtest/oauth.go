package orcidtest

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// The demo client: registered on every Server, prefilled by --demo. Its
// redirect URIs allow any port on 127.0.0.1 (like RFC 8252, which ORCID
// itself does not implement) plus the fixed DemoRedirectURI.
const (
	DemoClientID     = "APP-DEMO0RCIDTUI0001"
	DemoClientSecret = "0b8d5c7e-3f1a-4c2b-9d6e-0de7a5ec7e70"
	DemoClientName   = "orcid-tui demo"
	DemoRedirectURI  = "http://127.0.0.1:8765/callback"

	// DemoPublicClientID is a public-API client (no member scopes):
	// asking it for /read-limited is invalid_scope, as on ORCID.
	DemoPublicClientID     = "APP-PUBL1CDEM0000001"
	DemoPublicClientSecret = "7d1e0c2a-55b4-4f0e-8a3c-9b2f6d4e1a70"
)

// DemoUserID is who the consent page signs in by default.
const DemoUserID = CarberryID

// TokenLifetime is ORCID's access-token lifetime (about 20 years).
const TokenLifetime = 631138518 * time.Second

// Client is a registered API client.
type Client struct {
	ID           string // APP- + 16 of [0-9A-Z]
	Secret       string
	Name         string
	RedirectURIs []string
	// AnyLoopbackPort lets http://127.0.0.1:<any port><registered path> match
	// a registered http://127.0.0.1 URI whatever its port.
	AnyLoopbackPort bool
	// Member clients may ask for /read-limited and the update scopes.
	Member bool
}

var clientIDPattern = regexp.MustCompile(`^APP-[0-9A-Z]{16}$`)

// OAuthHooks change the registry's OAuth behaviour for tests.
type OAuthHooks struct {
	// TamperIDToken edits the claims of every id_token before it is signed.
	TamperIDToken func(claims map[string]any)
	// SignWithUnknownKey signs id_tokens with a key that is not in the JWKS.
	SignWithUnknownKey bool
	// TokenLifetime overrides expires_in of new tokens (0: TokenLifetime).
	TokenLifetime time.Duration
	// IgnoreRevokeOld drops refresh's revoke_old=true, as ORCID's current
	// token forwarders do (reference §6.3): the old pair then stays alive.
	IgnoreRevokeOld bool
}

// oauthState is the registry's OAuth/OIDC state: clients, codes, tokens,
// the signing key.
type oauthState struct {
	srv *Server

	mu      sync.Mutex
	clients map[string]*Client
	pending map[string]*authRequest // consent form id -> request
	codes   map[string]*authCode
	access  map[string]*grant
	refresh map[string]*grant
	hooks   OAuthHooks
	grants  int // successful /oauth/token answers
}

// The signing keys are made on first use (signKey, keyID, rogueKey), not
// when a Server is built: generating them costs a few hundred milliseconds
// on a slow machine, and the interactive program starts the demo registry
// before its first frame.

// signKey is the registry's id_token signing key (the one in its JWKS).
func (o *oauthState) signKey() *rsa.PrivateKey { k, _ := rsaKeys(); return k }

// keyID is the JWKS "kid" of signKey.
func (o *oauthState) keyID() string { return keyID(o.signKey()) }

// rogueKey is a key not in the JWKS (OAuthHooks.SignWithUnknownKey).
func (o *oauthState) rogueKey() *rsa.PrivateKey { _, k := rsaKeys(); return k }

type authRequest struct {
	client   *Client
	redirect string
	scopes   []string
	state    string
	nonce    string
	created  time.Time
}

type authCode struct {
	clientID string
	redirect string
	scopes   []string
	orcid    string
	nonce    string
	authTime time.Time
	expires  time.Time
}

// grant is one issued token pair.
type grant struct {
	access, refresh string
	clientID        string
	orcid           string // "" for client credentials
	scopes          []string
	expires         time.Time
	revoked         bool
	authTime        time.Time
}

func (g *grant) has(scope string) bool { return slices.Contains(g.scopes, scope) }

func newOAuthState(srv *Server) *oauthState {
	o := &oauthState{
		srv:     srv,
		clients: map[string]*Client{},
		pending: map[string]*authRequest{},
		codes:   map[string]*authCode{},
		access:  map[string]*grant{},
		refresh: map[string]*grant{},
	}
	o.clients[DemoClientID] = &Client{
		ID: DemoClientID, Secret: DemoClientSecret, Name: DemoClientName,
		RedirectURIs:    []string{"http://127.0.0.1/callback", DemoRedirectURI},
		AnyLoopbackPort: true, Member: true,
	}
	o.clients[DemoPublicClientID] = &Client{
		ID: DemoPublicClientID, Secret: DemoPublicClientSecret, Name: "orcid-tui public demo",
		RedirectURIs: []string{DemoRedirectURI},
	}
	return o
}

// keyID names the key by a short hash of its modulus.
func keyID(k *rsa.PrivateKey) string {
	sum := sha256.Sum256(k.N.Bytes())
	return "orcidtest-" + hex.EncodeToString(sum[:6])
}

// rsaKeys are generated once per process: 2048-bit generation costs tens of
// milliseconds and every test builds Servers.
var rsaKeys = sync.OnceValues(func() (*rsa.PrivateKey, *rsa.PrivateKey) {
	a, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	b, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return a, b
})

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// newUUID is a random (version 4) UUID, the shape of ORCID's tokens.
func newUUID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// newCode is a 6-character authorization code, as ORCID's docs show.
func newCode() string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// redirectAllowed matches a requested redirect URI against a client's
// registered ones like ORCID: scheme, user-info, host and port equal, path
// a prefix (query ignored); with AnyLoopbackPort, a 127.0.0.1 registration
// matches any port.
func redirectAllowed(c *Client, requested string) bool {
	req, err := url.Parse(requested)
	if err != nil || req.Scheme == "" || req.Host == "" || req.Fragment != "" {
		return false
	}
	for _, r := range c.RedirectURIs {
		reg, err := url.Parse(r)
		if err != nil {
			continue
		}
		if reg.Scheme != req.Scheme || reg.User.String() != req.User.String() || reg.Hostname() != req.Hostname() {
			continue
		}
		portOK := reg.Port() == req.Port()
		if c.AnyLoopbackPort && reg.Hostname() == "127.0.0.1" && reg.Port() == "" {
			portOK = true
		}
		if !portOK {
			continue
		}
		if strings.HasPrefix(req.EscapedPath(), reg.EscapedPath()) {
			return true
		}
	}
	return false
}

// memberScopes need a member client.
var memberScopes = []string{"/read-limited", "/activities/update", "/person/update"}

// threeLeggedScopes may be asked for at /oauth/authorize.
var threeLeggedScopes = []string{"/authenticate", "openid", "/read-limited", "/activities/update", "/person/update"}

// RegisterClient adds (or replaces) an API client.
func (s *Server) RegisterClient(c Client) error {
	if !clientIDPattern.MatchString(c.ID) {
		return fmt.Errorf("client id %q: want APP- and 16 of [0-9A-Z]", c.ID)
	}
	if c.Secret == "" {
		return errors.New("a client secret is required")
	}
	o := s.oauth()
	o.mu.Lock()
	defer o.mu.Unlock()
	cc := c
	cc.RedirectURIs = slices.Clone(c.RedirectURIs)
	o.clients[c.ID] = &cc
	return nil
}

// SetOAuthHooks replaces the test hooks.
func (s *Server) SetOAuthHooks(h OAuthHooks) {
	o := s.oauth()
	o.mu.Lock()
	o.hooks = h
	o.mu.Unlock()
}

// IssueToken mints a token as if client had been authorized by orcid ("" for
// a client-credentials token) with scopes, without a browser.
func (s *Server) IssueToken(clientID, orcid string, scopes ...string) (access, refresh string) {
	o := s.oauth()
	o.mu.Lock()
	defer o.mu.Unlock()
	g := o.newGrant(clientID, orcid, scopes, time.Now())
	return g.access, g.refresh
}

// ExpireToken makes an access token expired (it is then refused with 401
// invalid_token; its refresh token still works).
func (s *Server) ExpireToken(access string) {
	o := s.oauth()
	o.mu.Lock()
	defer o.mu.Unlock()
	if g, ok := o.access[access]; ok {
		g.expires = time.Now().Add(-time.Second)
	}
}

// RevokeToken revokes an access or refresh token and its pair.
func (s *Server) RevokeToken(token string) {
	o := s.oauth()
	o.mu.Lock()
	defer o.mu.Unlock()
	o.revoke(token, "")
}

// TokenGrants counts the tokens /oauth/token has issued.
func (s *Server) TokenGrants() int {
	o := s.oauth()
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.grants
}

// newGrant issues a token pair; o.mu is held.
func (o *oauthState) newGrant(clientID, orcid string, scopes []string, authTime time.Time) *grant {
	life := o.hooks.TokenLifetime
	if life <= 0 {
		life = TokenLifetime
	}
	g := &grant{
		access: newUUID(), refresh: newUUID(), clientID: clientID, orcid: orcid,
		scopes: slices.Clone(scopes), expires: time.Now().Add(life), authTime: authTime,
	}
	o.access[g.access] = g
	o.refresh[g.refresh] = g
	return g
}

// revoke revokes token (access or refresh) when it belongs to clientID (any
// client when clientID is ""); o.mu is held.
func (o *oauthState) revoke(token, clientID string) {
	g, ok := o.access[token]
	if !ok {
		g, ok = o.refresh[token]
	}
	if !ok || (clientID != "" && g.clientID != clientID) {
		return
	}
	g.revoked = true
	delete(o.refresh, g.refresh)
}

// valid looks up a usable access token; o.mu is held.
func (o *oauthState) valid(access string) (*grant, bool) {
	g, ok := o.access[access]
	if !ok || g.revoked || !time.Now().Before(g.expires) {
		return nil, false
	}
	return g, true
}
