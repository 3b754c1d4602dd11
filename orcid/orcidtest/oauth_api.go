package orcidtest

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid"
)

type oauthKey struct{}

// oauth is this server's OAuth state.
func (s *Server) oauth() *oauthState {
	return s.ext(oauthKey{}, func() any { return newOAuthState(s) }).(*oauthState)
}

func init() {
	setupHooks = append(setupHooks, func(s *Server) {
		o := s.oauth()
		s.mux.HandleFunc("GET /oauth/authorize", o.handleAuthorize)
		s.mux.HandleFunc("POST /oauth/authorize", o.handleAuthorize)
		s.mux.HandleFunc("POST /oauth/token", o.handleToken)
		s.mux.HandleFunc("POST /oauth/revoke", o.handleRevoke)
		s.mux.HandleFunc("GET /oauth/userinfo", o.handleUserinfo)
		s.mux.HandleFunc("POST /oauth/userinfo", o.handleUserinfo)
		s.mux.HandleFunc("GET /oauth/jwks", o.handleJWKS)
		s.mux.HandleFunc("GET /.well-known/openid-configuration", o.handleDiscovery)
	})
	lookupToken = func(s *Server, token string) (Caller, bool) {
		o := s.oauth()
		o.mu.Lock()
		defer o.mu.Unlock()
		g, ok := o.valid(token)
		if !ok {
			return Caller{}, false
		}
		return Caller{Token: token, ClientID: g.clientID, ORCID: g.orcid, Scopes: append([]string(nil), g.scopes...)}, true
	}
	apiWriteHook = func(s *Server, w http.ResponseWriter, r *http.Request, id, rest string, c *Caller) bool {
		return s.serveWrite(w, r, id, rest, c) // writes.go
	}
	extraWorksHook = func(s *Server, id string, c *Caller) []orcid.Work {
		return s.oauth().extraWorks(s.URL(), id, c)
	}
}

// limitedWork is a work with visibility "limited" on each consent person's
// record: only a /read-limited token of that person shows it on the member
// API.
func limitedWork(base, id string, i int) orcid.Work {
	t := time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)
	pc := int64(80_000_000 + i)
	host := strings.TrimPrefix(strings.TrimPrefix(base, "http://"), "https://")
	return orcid.Work{
		PutCode:         pc,
		CreatedDate:     &orcid.Timestamp{Millis: t.UnixMilli()},
		LastModified:    &orcid.Timestamp{Millis: t.UnixMilli()},
		Source:          &orcid.Source{SourceORCID: &orcid.Identifier{URI: base + "/" + id, Path: id, Host: host}, SourceName: &orcid.Value{Value: "record holder"}},
		Title:           &orcid.WorkTitle{Title: &orcid.Value{Value: "Manuscript in preparation (visible to trusted parties only)"}},
		Type:            "working-paper",
		PublicationDate: &orcid.FuzzyDate{Year: &orcid.Value{Value: "2024"}},
		ExternalIDs: &orcid.ExternalIDs{ExternalID: []orcid.ExternalID{{
			Type: "other-id", Value: "limited-" + id, Relationship: "self",
		}}},
		Visibility: "limited",
		Path:       fmt.Sprintf("/%s/work/%d", id, pc),
	}
}

// canReadLimited: a /read-limited token of the record holder.
func canReadLimited(c *Caller, id string) bool {
	return c != nil && c.ORCID == id && c.HasScope("/read-limited")
}

func (o *oauthState) extraWorks(base, id string, c *Caller) []orcid.Work {
	var out []orcid.Work
	for i, pid := range consentPeople {
		if pid == id && canReadLimited(c, id) {
			out = append(out, limitedWork(base, id, i))
		}
	}
	return out
}

// apiErrorDoc writes ORCID's error document in the negotiated format.
func apiErrorDoc(w http.ResponseWriter, r *http.Request, status, code int, dev, user string) {
	f, ok := negotiate(r.Header.Get("Accept"))
	if !ok {
		f, _ = negotiate("application/vnd.orcid+json")
	}
	writeError(w, f, errDoc(status, code, dev, user))
}

// differentRecord writes ORCID's 401/9017 document (a token for another
// record).
func differentRecord(w http.ResponseWriter, r *http.Request) {
	apiErrorDoc(w, r, http.StatusUnauthorized, 9017,
		"401 Unauthorized: The client application is not authorized for this ORCID record. Full validation error: Access token is for a different record",
		"The client application is not authorized.")
}

// authorizeRead applies ORCID's token rules to a record read (called by
// serveAPI before serveRecord). On the member API a token needs
// /read-limited or /read-public, and a token of a signed-in person reads
// that person's record only (401 / 9017). On the public API the caller is
// returned without its iD, so limited items are never shown there.
var authorizeRead = func(s *Server, w http.ResponseWriter, r *http.Request, f format, member bool, id string, c *Caller) (*Caller, bool) {
	if c == nil {
		return nil, true
	}
	if !member {
		pub := &Caller{Token: c.Token, ClientID: c.ClientID}
		if c.HasScope("/read-public") || c.ORCID != "" {
			pub.Scopes = []string{"/read-public"}
		}
		return pub, true
	}
	if !c.HasScope("/read-limited") && !c.HasScope("/read-public") {
		oauthError(w, http.StatusForbidden, "insufficient_scope", "Insufficient scope for this resource")
		return nil, false
	}
	if c.ORCID != "" && c.ORCID != id && validID(id) {
		writeError(w, f, errDoc(http.StatusUnauthorized, 9017,
			"401 Unauthorized: The client application is not authorized for this ORCID record. Full validation error: Access token is for a different record",
			"The client application is not authorized."))
		return nil, false
	}
	return c, true
}
