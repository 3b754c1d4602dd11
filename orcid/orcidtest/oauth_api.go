package orcidtest

import (
	"encoding/json"
	"fmt"
	"io"
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
		if r.Method == http.MethodPost && rest == "work" {
			s.oauth().postWork(w, r, id, c)
			return true
		}
		return false
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
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, w := range o.works[id] {
		if w.Visibility == "public" || canReadLimited(c, id) {
			out = append(out, w)
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

// postWork is POST /v3.0/{iD}/work on the member API.
func (o *oauthState) postWork(w http.ResponseWriter, r *http.Request, id string, c *Caller) {
	if c == nil {
		oauthError(w, http.StatusForbidden, "forbidden", "Access token is required")
		return
	}
	if !c.HasScope("/activities/update") {
		oauthError(w, http.StatusForbidden, "insufficient_scope", "Insufficient scope for this resource")
		return
	}
	if c.ORCID != id {
		differentRecord(w, r)
		return
	}
	ct := r.Header.Get("Content-Type")
	if !strings.Contains(ct, "json") {
		apiErrorDoc(w, r, http.StatusUnsupportedMediaType, 9001, "415 Unsupported Media Type: this registry accepts application/vnd.orcid+json works", "Unsupported media type.")
		return
	}
	var work orcid.Work
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&work); err != nil {
		apiErrorDoc(w, r, http.StatusBadRequest, 9001, "400 Bad Request: invalid work document: "+err.Error(), "The work could not be read.")
		return
	}
	if work.PutCode != 0 {
		apiErrorDoc(w, r, http.StatusBadRequest, 9024, "400 Bad Request: Put-code is not allowed when adding an item", "Put-code must not be present when creating an activity.")
		return
	}
	if work.Title == nil || work.Title.Title == nil || strings.TrimSpace(work.Title.Title.Value) == "" {
		apiErrorDoc(w, r, http.StatusBadRequest, 9022, "400 Bad Request: Title is required", "The work must have a title.")
		return
	}
	var self *orcid.ExternalID
	if work.ExternalIDs != nil {
		for i, x := range work.ExternalIDs.ExternalID {
			if x.Relationship == "self" && x.Type != "" && x.Value != "" {
				self = &work.ExternalIDs.ExternalID[i]
				break
			}
		}
	}
	if self == nil {
		apiErrorDoc(w, r, http.StatusBadRequest, 9023, "400 Bad Request: A work must have at least one external identifier with relationship self", "The work needs an identifier of its own.")
		return
	}
	base := o.srv.siteFor(r).base
	o.mu.Lock()
	for _, old := range o.works[id] {
		if old.Source != nil && old.Source.SourceClientID != nil && old.Source.SourceClientID.Path == c.ClientID && old.ExternalIDs != nil {
			for _, x := range old.ExternalIDs.ExternalID {
				if x.Relationship == "self" && x.Type == self.Type && x.Value == self.Value {
					o.mu.Unlock()
					apiErrorDoc(w, r, http.StatusConflict, 9021, fmt.Sprintf("409 Conflict: You have already added this activity (matched by external identifiers), please see element with put-code %d", old.PutCode), "The activity already exists.")
					return
				}
			}
		}
	}
	o.nextWork++
	pc := o.nextWork
	name := c.ClientID
	if cl, ok := o.clients[c.ClientID]; ok {
		name = cl.Name
	}
	now := &orcid.Timestamp{Millis: time.Now().UnixMilli()}
	host := strings.TrimPrefix(strings.TrimPrefix(base, "http://"), "https://")
	work.PutCode = pc
	work.CreatedDate, work.LastModified = now, now
	work.Source = &orcid.Source{SourceClientID: &orcid.Identifier{URI: base + "/client/" + c.ClientID, Path: c.ClientID, Host: host}, SourceName: &orcid.Value{Value: name}}
	if work.Visibility == "" {
		work.Visibility = "public"
	}
	work.Path = fmt.Sprintf("/%s/work/%d", id, pc)
	o.works[id] = append(o.works[id], work)
	o.mu.Unlock()
	w.Header().Set("Location", fmt.Sprintf("%s/api/v3.0/%s/work/%d", base, id, pc))
	w.WriteHeader(http.StatusCreated)
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
