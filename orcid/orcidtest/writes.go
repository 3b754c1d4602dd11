package orcidtest

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// The member API's writes: add (POST /{iD}/{kind}), update (PUT
// /{iD}/{kind}/{put-code}), delete (DELETE ...) for works, fundings, the
// seven affiliation kinds and the person items, and bulk POST /{iD}/works,
// with ORCID's rules (MemberV3ApiServiceDelegatorImpl, ActivityValidator,
// OrcidSecurityManagerImpl): the record's state first (deprecated 9007,
// locked 9018, deactivated 9044, all 409 for a write), then the token's
// scope and record (401/9017), the put-code rules (9024, 9019), only the
// source client may change an item (403/9010), validation (9022, 9023,
// 9037, 9045, 9046, 9006), duplicates of this client's own items by
// external id (409/9021 naming the put-code). Written items show in every
// read of the record, filtered by visibility.

// maxWriteBody bounds a write's body; bulk bodies hold up to 100 works.
const (
	maxWriteBody = 1 << 20
	maxBulkBody  = 16 << 20
	maxBulkWrite = 100 // bulk.write.max
)

type writeKey struct{}

// writeStore holds what member clients wrote, per record. Safe for
// concurrent use.
type writeStore struct {
	mu   sync.Mutex
	next int64
	recs map[string]*recordWrites
}

type recordWrites struct {
	modified time.Time // the last write, delete included
	items    []*written
}

// written is one item added through the member API. Exactly one of the
// kind's fields is set; it is replaced whole on update.
type written struct {
	kind     orcid.ItemKind
	putCode  int64
	clientID string
	vis      string

	work      *orcid.Work
	aff       *orcid.AffiliationSummary
	funding   *orcid.Funding // whole, as the full read gives it back
	otherName *orcid.OtherName
	keyword   *orcid.Keyword
	rurl      *orcid.ResearcherURL
	extID     *orcid.PersonExternalID
	address   *orcid.Address
}

func (s *Server) writes() *writeStore {
	return s.ext(writeKey{}, func() any {
		return &writeStore{next: 90_000_000, recs: map[string]*recordWrites{}}
	}).(*writeStore)
}

// kindBySegment maps a member-API path segment to the kind written there.
func kindBySegment(seg string) (orcid.ItemKind, bool) {
	for _, k := range orcid.ItemKinds {
		if k.Segment() == seg {
			return k, true
		}
	}
	return "", false
}

// serveWrite handles a non-GET member-API request on record id; rest is
// the path after the iD. It returns false for paths that are not writes
// (the caller answers 405).
func (s *Server) serveWrite(w http.ResponseWriter, r *http.Request, id, rest string, c *Caller) bool {
	segs := strings.Split(rest, "/")
	var kind orcid.ItemKind
	var pcArg string
	bulk := false
	switch {
	case len(segs) == 1 && segs[0] == "works" && r.Method == http.MethodPost:
		bulk, kind = true, orcid.KindWork
	case len(segs) == 1 && r.Method == http.MethodPost:
		k, ok := kindBySegment(segs[0])
		if !ok {
			return false
		}
		kind = k
	case len(segs) == 2 && (r.Method == http.MethodPut || r.Method == http.MethodDelete):
		k, ok := kindBySegment(segs[0])
		if !ok {
			return false
		}
		kind, pcArg = k, segs[1]
	default:
		return false
	}
	f, ok := negotiate(r.Header.Get("Accept"))
	if !ok {
		f, _ = negotiate("application/vnd.orcid+json")
	}
	if c == nil {
		oauthError(w, http.StatusForbidden, "forbidden", "Access token is required")
		return true
	}
	p, known := specOf(id)
	if !validID(id) || !known {
		writeError(w, f, errNotFoundID(id))
		return true
	}
	if p.Status != statusActive {
		s.writeStatusError(w, r, f, p, "/api")
		return true
	}
	if !c.HasScope(kind.Scope()) {
		oauthError(w, http.StatusForbidden, "insufficient_scope", "Insufficient scope for this resource: "+kind.Scope()+" is required")
		return true
	}
	if c.ORCID != id {
		differentRecord(w, r)
		return true
	}
	switch {
	case bulk:
		s.bulkAddWorks(w, r, f, id, c)
	case r.Method == http.MethodPost:
		s.addItem(w, r, f, id, kind, c)
	default:
		pc, err := strconv.ParseInt(pcArg, 10, 64)
		if err != nil || pc <= 0 {
			writeError(w, f, errBadPutCode(pcArg))
			return true
		}
		if r.Method == http.MethodPut {
			s.updateItem(w, r, f, id, kind, pc, c)
		} else {
			s.deleteItem(w, r, f, id, kind, pc, c)
		}
	}
	return true
}

// readBody reads a write's body as JSON or XML by its Content-Type; on
// failure it has answered.
func readBody(w http.ResponseWriter, r *http.Request, f format, limit int64) (data []byte, isXML bool, ok bool) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/vnd.orcid+json", "application/orcid+json", "application/json":
	case "application/vnd.orcid+xml", "application/orcid+xml", "application/xml", "text/xml":
		isXML = true
	default:
		writeError(w, f, errDoc(http.StatusUnsupportedMediaType, 9001,
			"415 Unsupported Media Type: data must be in XML or JSON format (application/vnd.orcid+xml or application/vnd.orcid+json)", "Unsupported media type."))
		return nil, false, false
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil || int64(len(data)) > limit {
		writeError(w, f, errDoc(http.StatusBadRequest, 9006, fmt.Sprintf("The client application sent a bad request to ORCID. Full validation error: the body is larger than %d bytes", limit), "The client application sent a bad request to ORCID."))
		return nil, false, false
	}
	return data, isXML, true
}

// decodeItem decodes a body into the kind's read model (the registry
// keeps items as it serves them), so a write is checked by a decoder that
// is independent of the client's write models.
func decodeItem(kind orcid.ItemKind, data []byte, isXML bool) (*written, error) {
	it := &written{kind: kind}
	var v any
	switch {
	case kind == orcid.KindWork:
		it.work = new(orcid.Work)
		v = it.work
	case kind == orcid.KindFunding:
		it.funding = new(orcid.Funding)
		v = it.funding
	case kind.IsAffiliation():
		it.aff = new(orcid.AffiliationSummary)
		v = it.aff
	case kind == orcid.KindOtherName:
		it.otherName = new(orcid.OtherName)
		v = it.otherName
	case kind == orcid.KindKeyword:
		it.keyword = new(orcid.Keyword)
		v = it.keyword
	case kind == orcid.KindResearcherURL:
		it.rurl = new(orcid.ResearcherURL)
		v = it.rurl
	case kind == orcid.KindExternalIdentifier:
		it.extID = new(orcid.PersonExternalID)
		v = it.extID
	case kind == orcid.KindAddress:
		it.address = new(orcid.Address)
		v = it.address
	}
	var err error
	if isXML {
		err = xml.Unmarshal(data, v)
	} else {
		err = json.Unmarshal(data, v)
	}
	if err != nil {
		return nil, err
	}
	if it.aff != nil {
		it.aff.Kind = string(kind)
	}
	return it, nil
}

func errInvalidMessage(isXML bool, err error) *orcid.ErrorDocument {
	if isXML {
		return errDoc(400, 9020, "400 Bad Request: Invalid incoming message. Full validation error: "+err.Error(), "Invalid incoming message.")
	}
	return errDoc(400, 9047, "400 Bad request: invalid JSON - "+err.Error(), "Invalid JSON.")
}

// ---- item fields -------------------------------------------------------------

// itemMeta points at the fields every kind has, so the registry sets and
// reads them once for all kinds.
type itemMeta struct {
	putCode           *int64
	source            **orcid.Source
	created, modified **orcid.Timestamp
	visibility, path  *string
}

func (it *written) meta() itemMeta {
	switch {
	case it.work != nil:
		w := it.work
		return itemMeta{&w.PutCode, &w.Source, &w.CreatedDate, &w.LastModified, &w.Visibility, &w.Path}
	case it.funding != nil:
		f := it.funding
		return itemMeta{&f.PutCode, &f.Source, &f.CreatedDate, &f.LastModifiedDate, &f.Visibility, &f.Path}
	case it.aff != nil:
		a := it.aff
		return itemMeta{&a.PutCode, &a.Source, &a.CreatedDate, &a.LastModifiedDate, &a.Visibility, &a.Path}
	case it.otherName != nil:
		o := it.otherName
		return itemMeta{&o.PutCode, &o.Source, &o.CreatedDate, &o.LastModifiedDate, &o.Visibility, &o.Path}
	case it.keyword != nil:
		k := it.keyword
		return itemMeta{&k.PutCode, &k.Source, &k.CreatedDate, &k.LastModifiedDate, &k.Visibility, &k.Path}
	case it.rurl != nil:
		u := it.rurl
		return itemMeta{&u.PutCode, &u.Source, &u.CreatedDate, &u.LastModifiedDate, &u.Visibility, &u.Path}
	case it.extID != nil:
		e := it.extID
		return itemMeta{&e.PutCode, &e.Source, &e.CreatedDate, &e.LastModifiedDate, &e.Visibility, &e.Path}
	default:
		a := it.address
		return itemMeta{&a.PutCode, &a.Source, &a.CreatedDate, &a.LastModifiedDate, &a.Visibility, &a.Path}
	}
}

func (it *written) bodyPutCode() int64 { return *it.meta().putCode }

func (it *written) visibility() string { return *it.meta().visibility }

// externalIDs are an activity's external ids (nil for person items).
func (it *written) externalIDs() *orcid.ExternalIDs {
	switch {
	case it.work != nil:
		return it.work.ExternalIDs
	case it.funding != nil:
		return it.funding.ExternalIDs
	case it.aff != nil:
		return it.aff.ExternalIDs
	}
	return nil
}

// selfKeys are the item's own identifiers, as ORCID compares them for
// duplicates: type and (case-folded) value of each self external id.
func (it *written) selfKeys() []string {
	keys := selfKeysOf(it.externalIDs())
	if it.extID != nil {
		keys = append(keys, strings.ToLower(it.extID.Type)+":"+strings.ToLower(strings.TrimSpace(it.extID.Value)))
	}
	return keys
}

// stamp sets what ORCID sets on a stored item: put-code, source, dates,
// visibility, path.
func (it *written) stamp(id string, pc int64, src *orcid.Source, created, now time.Time) {
	it.putCode = pc
	m := it.meta()
	if *m.visibility == "" {
		*m.visibility = orcid.VisibilityPublic // the demo people's default visibility
	}
	it.vis = *m.visibility
	*m.putCode, *m.source, *m.path = pc, src, fmt.Sprintf("/%s/%s/%d", id, it.kind.Segment(), pc)
	*m.created, *m.modified = &orcid.Timestamp{Millis: created.UnixMilli()}, &orcid.Timestamp{Millis: now.UnixMilli()}
	// Readers expect an (empty) external-ids list, and ORCID gives new
	// activities in sections display index "0".
	if it.work != nil && it.work.ExternalIDs == nil {
		it.work.ExternalIDs = &orcid.ExternalIDs{ExternalID: []orcid.ExternalID{}}
	}
	if it.aff != nil {
		it.aff.DisplayIndex = "0"
		if it.aff.ExternalIDs == nil {
			it.aff.ExternalIDs = &orcid.ExternalIDs{ExternalID: []orcid.ExternalID{}}
		}
	}
}

// ---- validation ------------------------------------------------------------------

func badRequest(detail string) *orcid.ErrorDocument {
	return errDoc(400, 9006, "The client application sent a bad request to ORCID. Full validation error: "+detail, "The client application sent a bad request to ORCID.")
}

func invalidType(what string, values []string) *orcid.ErrorDocument {
	return errDoc(400, 9037, fmt.Sprintf("Invalid %s type, valid values are: %s.", what, strings.Join(values, ", ")), "Please specify a "+what+" type.")
}

func hasSelfID(ids *orcid.ExternalIDs) bool {
	if ids == nil {
		return false
	}
	for _, x := range ids.ExternalID {
		if x.Relationship == "self" && strings.TrimSpace(x.Type) != "" && strings.TrimSpace(x.Value) != "" {
			return true
		}
	}
	return false
}

func titleOf(t *orcid.WorkTitle) string {
	if t == nil || t.Title == nil {
		return ""
	}
	return strings.TrimSpace(t.Title.Value)
}

// checkOrg: ORCID v3.0 requires an organisation with a name, a city and a
// country (9046) and a disambiguated id from a known source (9045).
func checkOrg(o *orcid.Organization) *orcid.ErrorDocument {
	if o == nil || strings.TrimSpace(o.Name) == "" || o.Address == nil || strings.TrimSpace(o.Address.City) == "" || !validCountry(o.Address.Country) {
		return errDoc(400, 9046, "400 Bad request: organization must be present and valid (a name, a city and an ISO 3166 country code)", "No valid organization is included in the data.")
	}
	d := o.DisambiguatedOrganization
	if d == nil || strings.TrimSpace(d.Identifier) == "" || !slices.Contains(orcid.OrganizationIDSources, strings.ToUpper(d.Source)) {
		return errDoc(400, 9045, "400 Bad request: disambiguated-organization must be present and valid (an identifier from ROR, RINGGOLD, GRID, FUNDREF or LEI)", "No valid disambiguated-organization is included in the data.")
	}
	return nil
}

// dateBefore reports whether fuzzy date a is before b, comparing the parts
// both give (2020 is not before 2020-05).
func dateBefore(a, b *orcid.FuzzyDate) bool {
	if a == nil || b == nil {
		return false
	}
	pa := []*orcid.Value{a.Year, a.Month, a.Day}
	pb := []*orcid.Value{b.Year, b.Month, b.Day}
	for i := range pa {
		x, err1 := strconv.Atoi(pa[i].String())
		y, err2 := strconv.Atoi(pb[i].String())
		if err1 != nil || err2 != nil {
			return false
		}
		if x != y {
			return x < y
		}
	}
	return false
}

func validCountry(c string) bool {
	if len(c) != 2 {
		return false
	}
	for _, r := range c {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// validate applies ORCID's rules for the kind; nil when the item is fine.
func (it *written) validate() *orcid.ErrorDocument {
	switch v := it.visibility(); v {
	case "", orcid.VisibilityPublic, orcid.VisibilityLimited, orcid.VisibilityPrivate, "registered-only":
	default:
		return badRequest("visibility must be public, limited or private, not " + strconv.Quote(v))
	}
	switch {
	case it.work != nil:
		w := it.work
		if titleOf(w.Title) == "" {
			return errDoc(400, 9022, "400 Bad Request: Invalid activity, a title is required.", "Invalid activity:  A title is required.")
		}
		if !hasSelfID(w.ExternalIDs) {
			return errDoc(400, 9023, "400 Bad Request: Invalid activity, an external identifier is required. Full validation error: a work needs at least one external identifier with relationship self", "Invalid activity: an external identifier is required.")
		}
		if !slices.Contains(orcid.WorkTypes, w.Type) {
			return invalidType("work", orcid.WorkTypes)
		}
	case it.funding != nil:
		f := it.funding
		if titleOf(f.Title) == "" {
			return errDoc(400, 9022, "400 Bad Request: Invalid activity, a title is required.", "Invalid activity:  A title is required.")
		}
		if !slices.Contains(orcid.FundingTypes, f.Type) {
			return invalidType("funding", orcid.FundingTypes)
		}
		if f.ExternalIDs == nil || len(f.ExternalIDs.ExternalID) == 0 {
			return errDoc(400, 9023, "400 Bad Request: Invalid activity, an external identifier is required. Full validation error: a funding needs an external identifier such as its grant_number", "Invalid activity: an external identifier is required.")
		}
		return checkOrg(f.Organization)
	case it.aff != nil:
		if e := checkOrg(it.aff.Organization); e != nil {
			return e
		}
		if dateBefore(it.aff.EndDate, it.aff.StartDate) {
			return badRequest("the end date is before the start date")
		}
	case it.otherName != nil:
		if strings.TrimSpace(it.otherName.Content) == "" {
			return badRequest("other-name content is required")
		}
	case it.keyword != nil:
		if strings.TrimSpace(it.keyword.Content) == "" {
			return badRequest("keyword content is required")
		}
	case it.rurl != nil:
		if it.rurl.URL == nil || strings.TrimSpace(it.rurl.URL.Value) == "" {
			return badRequest("researcher-url url is required")
		}
	case it.extID != nil:
		e := it.extID
		if strings.TrimSpace(e.Type) == "" || strings.TrimSpace(e.Value) == "" || e.URL == nil || strings.TrimSpace(e.URL.Value) == "" {
			return badRequest("external-identifier needs external-id-type, external-id-value and external-id-url")
		}
	case it.address != nil:
		if it.address.Country == nil || !validCountry(it.address.Country.Value) {
			return badRequest("address country must be an ISO 3166 alpha-2 code such as GB")
		}
	}
	return nil
}

// ---- handlers --------------------------------------------------------------------

func (s *Server) sourceOf(r *http.Request, c *Caller) *orcid.Source {
	st := s.siteFor(r)
	name := c.ClientID
	o := s.oauth()
	o.mu.Lock()
	if cl, ok := o.clients[c.ClientID]; ok {
		name = cl.Name
	}
	o.mu.Unlock()
	return &orcid.Source{SourceClientID: &orcid.Identifier{URI: st.base + "/client/" + c.ClientID, Path: c.ClientID, Host: st.host}, SourceName: &orcid.Value{Value: name}}
}

// duplicateLocked finds an item of the same kind from the same client
// sharing a self identifier with it (ignoring put-code skip). ws.mu held.
func (rw *recordWrites) duplicateLocked(it *written, clientID string, skip int64) *written {
	keys := it.selfKeys()
	if len(keys) == 0 {
		return nil
	}
	for _, old := range rw.items {
		if old.kind != it.kind || old.clientID != clientID || old.putCode == skip {
			continue
		}
		for _, k := range old.selfKeys() {
			if slices.Contains(keys, k) {
				return old
			}
		}
	}
	return nil
}

func errDuplicate(pc int64, clientName string) *orcid.ErrorDocument {
	return errDoc(409, 9021, fmt.Sprintf("409 Conflict: You have already added this activity (matched by external identifiers), please see element with put-code %d. If you are trying to edit the item, please use PUT instead of POST.", pc),
		"There was an error when updating the record. Please try again. If the error persists, please contact "+clientName+" for assistance.")
}

// prepare reads, decodes and validates one item of a POST or PUT; on
// failure it has answered.
func prepareItem(w http.ResponseWriter, r *http.Request, f format, kind orcid.ItemKind) (*written, bool) {
	data, isXML, ok := readBody(w, r, f, maxWriteBody)
	if !ok {
		return nil, false
	}
	if isBulk(data, isXML) {
		writeError(w, f, errArgumentMismatch("a bulk list was sent to /"+kind.Segment()+"; send it to /works"))
		return nil, false
	}
	it, err := decodeItem(kind, data, isXML)
	if err != nil {
		writeError(w, f, errInvalidMessage(isXML, err))
		return nil, false
	}
	return it, true
}

// isBulk reports whether a body is a bulk list ({"bulk": ...} or
// <bulk:bulk>) rather than one item.
func isBulk(data []byte, isXML bool) bool {
	if isXML {
		var root struct{ XMLName xml.Name }
		return xml.Unmarshal(data, &root) == nil && root.XMLName.Local == "bulk"
	}
	var keys map[string]json.RawMessage
	if json.Unmarshal(data, &keys) != nil {
		return false
	}
	_, ok := keys["bulk"]
	return ok
}

// errArgumentMismatch is what ORCID answers when /work gets a bulk list or
// /works a single work (its JAX-RS layer cannot bind the body).
func errArgumentMismatch(detail string) *orcid.ErrorDocument {
	return badRequest("argument type mismatch (" + detail + ")")
}

func (s *Server) addItem(w http.ResponseWriter, r *http.Request, f format, id string, kind orcid.ItemKind, c *Caller) {
	it, ok := prepareItem(w, r, f, kind)
	if !ok {
		return
	}
	pc, doc := s.store(r, id, it, c)
	if doc != nil {
		writeError(w, f, doc)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("%s/api/v3.0/%s/%s/%d", s.siteFor(r).base, id, kind.Segment(), pc))
	w.WriteHeader(http.StatusCreated)
}

// store checks a new item against ORCID's rules and keeps it; it returns
// the new put-code or ORCID's refusal.
func (s *Server) store(r *http.Request, id string, it *written, c *Caller) (int64, *orcid.ErrorDocument) {
	if it.bodyPutCode() != 0 {
		return 0, errDoc(400, 9024, "400 Bad Request: Put-code is included when not expected. When posting new activities, the put code should be omitted.",
			"There was an error when updating the record. Please try again. If the error persists, please contact "+c.ClientID+" for assistance.")
	}
	if doc := it.validate(); doc != nil {
		return 0, doc
	}
	src := s.sourceOf(r, c)
	ws := s.writes()
	ws.mu.Lock()
	defer ws.mu.Unlock()
	rw := ws.recs[id]
	if rw == nil {
		rw = &recordWrites{}
		ws.recs[id] = rw
	}
	if old := rw.duplicateLocked(it, c.ClientID, 0); old != nil {
		return 0, errDuplicate(old.putCode, src.SourceName.Value)
	}
	ws.next++
	now := time.Now()
	it.clientID = c.ClientID
	it.stamp(id, ws.next, src, now, now)
	rw.items = append(rw.items, it)
	rw.modified = now
	return ws.next, nil
}

// find returns the written item kind/pc of record id, or ORCID's answer
// when it cannot be changed by c: 9010 for an item another source added
// (written by another client, or part of the record already), 9016 for none.
// ws.mu held.
func (s *Server) findLocked(r *http.Request, ws *writeStore, id string, kind orcid.ItemKind, pc int64, c *Caller) (*recordWrites, int, *orcid.ErrorDocument) {
	notSource := errDoc(403, 9010, fmt.Sprintf("403 Forbidden: You are not the source of the %s, so you are not allowed to update it.", kind),
		"The client application is not the source of the resource it is trying to access.")
	if rw := ws.recs[id]; rw != nil {
		for i, it := range rw.items {
			if it.putCode != pc {
				continue
			}
			if it.kind != kind {
				return nil, 0, errNotFoundItem()
			}
			if it.clientID != c.ClientID {
				return nil, 0, notSource
			}
			return rw, i, nil
		}
	}
	if b, ok := s.record(r, id); ok && builtHas(b, kind, pc) {
		return nil, 0, notSource
	}
	if kind == orcid.KindWork && extraWorksHook != nil {
		for _, w := range extraWorksHook(s, id, c) {
			if w.PutCode == pc {
				return nil, 0, notSource
			}
		}
	}
	return nil, 0, errNotFoundItem()
}

// builtHas reports whether the dataset's record has item kind/pc.
func builtHas(b *built, kind orcid.ItemKind, pc int64) bool {
	per := b.rec.Person
	switch {
	case kind == orcid.KindWork:
		_, ok := b.works[pc]
		return ok
	case kind == orcid.KindFunding:
		_, ok := b.fundings[pc]
		return ok
	case kind.IsAffiliation():
		_, ok := b.affs[string(kind)][pc]
		return ok
	case kind == orcid.KindOtherName && per.OtherNames != nil:
		return slices.ContainsFunc(per.OtherNames.OtherName, func(o orcid.OtherName) bool { return o.PutCode == pc })
	case kind == orcid.KindKeyword && per.Keywords != nil:
		return slices.ContainsFunc(per.Keywords.Keyword, func(o orcid.Keyword) bool { return o.PutCode == pc })
	case kind == orcid.KindResearcherURL && per.ResearcherURLs != nil:
		return slices.ContainsFunc(per.ResearcherURLs.ResearcherURL, func(o orcid.ResearcherURL) bool { return o.PutCode == pc })
	case kind == orcid.KindExternalIdentifier && per.ExternalIdentifiers != nil:
		return slices.ContainsFunc(per.ExternalIdentifiers.ExternalIdentifier, func(o orcid.PersonExternalID) bool { return o.PutCode == pc })
	case kind == orcid.KindAddress && per.Addresses != nil:
		return slices.ContainsFunc(per.Addresses.Address, func(o orcid.Address) bool { return o.PutCode == pc })
	}
	return false
}

func (s *Server) updateItem(w http.ResponseWriter, r *http.Request, f format, id string, kind orcid.ItemKind, pc int64, c *Caller) {
	it, ok := prepareItem(w, r, f, kind)
	if !ok {
		return
	}
	if got := it.bodyPutCode(); got != pc {
		body := "null"
		if got != 0 {
			body = strconv.FormatInt(got, 10)
		}
		writeError(w, f, errDoc(400, 9019, fmt.Sprintf("400 Bad Request: The put code in the URL was %d whereas the one in the body was %s.", pc, body),
			"There was an error when updating the record. Please try again. If the error persists, please contact "+c.ClientID+" for assistance."))
		return
	}
	src := s.sourceOf(r, c)
	ws := s.writes()
	ws.mu.Lock()
	// As ORCID: the item must exist and be this client's before its new
	// content is validated.
	rw, i, doc := s.findLocked(r, ws, id, kind, pc, c)
	if doc == nil {
		doc = it.validate()
	}
	if doc == nil {
		if old := rw.duplicateLocked(it, c.ClientID, pc); old != nil {
			doc = errDuplicate(old.putCode, src.SourceName.Value)
		}
	}
	if doc != nil {
		ws.mu.Unlock()
		writeError(w, f, doc)
		return
	}
	now := time.Now()
	created := time.UnixMilli(createdOf(rw.items[i]))
	it.clientID = c.ClientID
	it.stamp(id, pc, src, created, now)
	rw.items[i] = it
	rw.modified = now
	ws.mu.Unlock()
	s.replyItem(w, f, it)
}

func createdOf(it *written) int64 {
	if t := *it.meta().created; t != nil {
		return t.Millis
	}
	return time.Now().UnixMilli()
}

// replyItem answers a PUT with the stored item, as ORCID does.
func (s *Server) replyItem(w http.ResponseWriter, f format, it *written) {
	switch {
	case it.work != nil:
		reply(w, f, http.StatusOK, it.work, func(x *xw) { x.work(it.work) })
	case it.funding != nil:
		reply(w, f, http.StatusOK, it.funding, func(x *xw) { x.funding(it.funding) })
	case it.aff != nil:
		reply(w, f, http.StatusOK, plainAffiliation(*it.aff), func(x *xw) { x.affiliationSummary(it.aff, true) })
	case it.otherName != nil:
		reply(w, f, http.StatusOK, it.otherName, func(x *xw) { x.otherName(it.otherName) })
	case it.keyword != nil:
		reply(w, f, http.StatusOK, it.keyword, func(x *xw) { x.keyword(it.keyword) })
	case it.rurl != nil:
		reply(w, f, http.StatusOK, it.rurl, func(x *xw) { x.researcherURL(it.rurl) })
	case it.extID != nil:
		reply(w, f, http.StatusOK, it.extID, func(x *xw) { x.personExternalID(it.extID) })
	case it.address != nil:
		reply(w, f, http.StatusOK, it.address, func(x *xw) { x.address(it.address) })
	}
}

func (s *Server) deleteItem(w http.ResponseWriter, r *http.Request, f format, id string, kind orcid.ItemKind, pc int64, c *Caller) {
	ws := s.writes()
	ws.mu.Lock()
	rw, i, doc := s.findLocked(r, ws, id, kind, pc, c)
	if doc == nil {
		rw.items = slices.Delete(rw.items, i, i+1)
		rw.modified = time.Now()
	}
	ws.mu.Unlock()
	if doc != nil {
		writeError(w, f, doc)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// bulkAddWorks is POST /{iD}/works: each work is checked and added on its
// own; the answer lists, in the order sent, the added work or ORCID's error.
func (s *Server) bulkAddWorks(w http.ResponseWriter, r *http.Request, f format, id string, c *Caller) {
	data, isXML, ok := readBody(w, r, f, maxBulkBody)
	if !ok {
		return
	}
	if !isBulk(data, isXML) {
		writeError(w, f, errArgumentMismatch("/works takes a bulk list; send a single work to /work"))
		return
	}
	var in orcid.WorkBulk
	var err error
	if isXML {
		err = xml.Unmarshal(data, &in)
	} else {
		err = json.Unmarshal(data, &in)
	}
	if err != nil {
		writeError(w, f, errInvalidMessage(isXML, err))
		return
	}
	if len(in.Bulk) > maxBulkWrite {
		writeError(w, f, badRequest(fmt.Sprintf("Bulk size is greater than %d", maxBulkWrite)))
		return
	}
	out := orcid.WorkBulk{Bulk: make([]orcid.BulkItem, 0, len(in.Bulk))}
	for _, el := range in.Bulk {
		if el.Work == nil {
			out.Bulk = append(out.Bulk, orcid.BulkItem{Error: badRequest("a bulk element is not a work")})
			continue
		}
		it := &written{kind: orcid.KindWork, work: el.Work}
		if _, doc := s.store(r, id, it, c); doc != nil {
			out.Bulk = append(out.Bulk, orcid.BulkItem{Error: doc})
			continue
		}
		out.Bulk = append(out.Bulk, orcid.BulkItem{Work: it.work})
	}
	reply(w, f, http.StatusOK, bulkJSON(out), func(x *xw) { x.bulk(&out) })
}

// ---- reads -------------------------------------------------------------------------

// visibleTo: public items to everyone; limited ones to a /read-limited
// token of the record holder; private ones to such a token of the client
// that added them.
func (it *written) visibleTo(id string, c *Caller) bool {
	switch it.vis {
	case orcid.VisibilityPublic:
		return true
	case orcid.VisibilityPrivate:
		return canReadLimited(c, id) && c.ClientID == it.clientID
	}
	return canReadLimited(c, id)
}

// hiddenWritten reports whether record id has a written item at
// /{segment}/{pc} that is not public, so the public API answers 9039
// rather than pretending it does not exist, as ORCID does.
func (s *Server) hiddenWritten(id, segment string, pc int64) bool {
	kind, ok := kindBySegment(segment)
	if !ok {
		return false
	}
	ws := s.writes()
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if rw := ws.recs[id]; rw != nil {
		for _, it := range rw.items {
			if it.kind == kind && it.putCode == pc {
				return it.vis != orcid.VisibilityPublic
			}
		}
	}
	return false
}

func errNotPublicItem() *orcid.ErrorDocument {
	return errDoc(403, 9039, "403 Forbidden: The item is not public and cannot be accessed with the Public API.", "The client application is forbidden to perform the action.")
}

// writtenFor returns copies of the items of record id that c may see, and
// when the record was last written (zero if never).
func (s *Server) writtenFor(id string, c *Caller) ([]written, time.Time) {
	ws := s.writes()
	ws.mu.Lock()
	defer ws.mu.Unlock()
	rw := ws.recs[id]
	if rw == nil {
		return nil, time.Time{}
	}
	out := make([]written, 0, len(rw.items))
	for _, it := range rw.items {
		if it.visibleTo(id, c) {
			out = append(out, *it)
		}
	}
	return out, rw.modified
}

// withWrites returns b with the written items c may see merged into every
// section, and the record's last-modified dates moved to the last write.
// b itself (shared by all readers) is never changed.
func (s *Server) withWrites(b *built, id string, c *Caller) *built {
	items, modified := s.writtenFor(id, c)
	if modified.IsZero() {
		return b
	}
	nb := *b
	rec := *b.rec
	act := *rec.ActivitiesSummary
	per := *rec.Person
	ts := &orcid.Timestamp{Millis: modified.UnixMilli()}
	if rec.History != nil {
		h := *rec.History
		h.LastModifiedDate = laterTS(h.LastModifiedDate, ts)
		rec.History = &h
	}
	act.LastModifiedDate = laterTS(act.LastModifiedDate, ts)
	var works []*orcid.Work
	for i := range items {
		it := &items[i]
		switch {
		case it.work != nil:
			works = append(works, it.work)
		case it.funding != nil:
			addFunding(&nb, &act, it.funding)
		case it.aff != nil:
			addAffiliation(&nb, &act, it.aff)
		default:
			addPersonItem(&per, it)
		}
	}
	if len(works) > 0 {
		addWorks(&nb, &act, works)
	}
	per.LastModifiedDate = laterTS(per.LastModifiedDate, ts)
	rec.Person = &per
	rec.ActivitiesSummary = &act
	nb.rec = &rec
	return &nb
}

func laterTS(a, b *orcid.Timestamp) *orcid.Timestamp {
	if a == nil || (b != nil && b.Millis > a.Millis) {
		return b
	}
	return a
}

// addWorks puts written works into the works section: into the group of a
// work sharing a self identifier (as ORCID groups them), else into a new
// group at the top.
func addWorks(nb *built, act *orcid.ActivitiesSummary, works []*orcid.Work) {
	ws := *act.Works
	old := slices.Clone(ws.Group)
	var fresh []orcid.WorkGroup // new groups, oldest first; they go on top, newest first
	nb.works = cloneMap(nb.works)
	// Groups by their self identifiers, so each work finds its group in one
	// look-up whatever the size of the record.
	type ref struct {
		fresh bool
		i     int
	}
	byKey := map[string]ref{}
	index := func(ids *orcid.ExternalIDs, r ref) {
		for _, k := range selfKeysOf(ids) {
			if _, ok := byKey[k]; !ok {
				byKey[k] = r
			}
		}
	}
	for i := range old {
		index(old[i].ExternalIDs, ref{i: i})
	}
	for _, wk := range works {
		r, found := ref{}, false
		for _, k := range selfKeysOf(wk.ExternalIDs) {
			if r, found = byKey[k]; found {
				break
			}
		}
		if !found {
			self := &orcid.ExternalIDs{ExternalID: []orcid.ExternalID{}}
			for _, x := range wk.ExternalIDs.ExternalID {
				if x.Relationship == "self" {
					self.ExternalID = append(self.ExternalID, x)
				}
			}
			fresh = append(fresh, orcid.WorkGroup{LastModifiedDate: wk.LastModified, ExternalIDs: self})
			r = ref{fresh: true, i: len(fresh) - 1}
			index(self, r)
		}
		var g *orcid.WorkGroup
		if r.fresh {
			g = &fresh[r.i]
		} else {
			g = &old[r.i]
		}
		g.WorkSummary = append([]orcid.WorkSummary{summaryOf(wk)}, g.WorkSummary...)
		g.LastModifiedDate = laterTS(g.LastModifiedDate, wk.LastModified)
		nb.works[wk.PutCode] = wk
		ws.LastModifiedDate = laterTS(ws.LastModifiedDate, wk.LastModified)
	}
	slices.Reverse(fresh)
	ws.Group = append(fresh, old...)
	nb.summaries = make(map[int64]*orcid.WorkSummary, len(nb.summaries)+len(works))
	for i := range ws.Group {
		for j := range ws.Group[i].WorkSummary {
			sm := &ws.Group[i].WorkSummary[j]
			nb.summaries[sm.PutCode] = sm
		}
	}
	act.Works = &ws
}

// selfKeysOf are the self identifiers of a list as "type:value", case-folded.
func selfKeysOf(ids *orcid.ExternalIDs) []string {
	if ids == nil {
		return nil
	}
	var keys []string
	for _, x := range ids.ExternalID {
		if x.Relationship == "self" && x.Type != "" && x.Value != "" {
			keys = append(keys, strings.ToLower(x.Type)+":"+strings.ToLower(strings.TrimSpace(x.Value)))
		}
	}
	return keys
}

func cloneMap[K comparable, V any](m map[K]V) map[K]V {
	out := make(map[K]V, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// addFunding puts a written funding into the fundings section, as a
// summary in a new group at the top, and keeps it whole for the full read.
func addFunding(nb *built, act *orcid.ActivitiesSummary, f *orcid.Funding) {
	nb.writtenFundings = cloneMap(nb.writtenFundings)
	nb.writtenFundings[f.PutCode] = f
	fs := fundingSummaryOf(f)
	sec := *act.Fundings
	sec.Group = append([]orcid.FundingGroup{{LastModifiedDate: fs.LastModifiedDate, ExternalIDs: fs.ExternalIDs, FundingSummary: []orcid.FundingSummary{*fs}}}, sec.Group...)
	sec.LastModifiedDate = laterTS(sec.LastModifiedDate, fs.LastModifiedDate)
	nb.fundings = make(map[int64]*orcid.FundingSummary, len(sec.Group))
	for i := range sec.Group {
		for j := range sec.Group[i].FundingSummary {
			f := &sec.Group[i].FundingSummary[j]
			nb.fundings[f.PutCode] = f
		}
	}
	act.Fundings = &sec
}

// fundingSummaryOf is what the fundings section lists of a full funding;
// ORCID gives new activities display index "0".
func fundingSummaryOf(f *orcid.Funding) *orcid.FundingSummary {
	return &orcid.FundingSummary{
		CreatedDate: f.CreatedDate, LastModifiedDate: f.LastModifiedDate, PutCode: f.PutCode, Source: f.Source,
		Title: f.Title, ExternalIDs: f.ExternalIDs, URL: f.URL, Type: f.Type, StartDate: f.StartDate, EndDate: f.EndDate,
		Organization: f.Organization, Visibility: f.Visibility, Path: f.Path, DisplayIndex: "0",
	}
}

func addAffiliation(nb *built, act *orcid.ActivitiesSummary, as *orcid.AffiliationSummary) {
	section := as.Kind + "s"
	old := affiliationsOf(act, section)
	if old == nil {
		return
	}
	sec := *old
	sec.AffiliationGroup = append([]orcid.AffiliationGroup{{LastModifiedDate: as.LastModifiedDate, ExternalIDs: &orcid.ExternalIDs{ExternalID: []orcid.ExternalID{}}, Summaries: []orcid.AffiliationSummary{*as}}}, sec.AffiliationGroup...)
	sec.LastModifiedDate = laterTS(sec.LastModifiedDate, as.LastModifiedDate)
	byPC := make(map[int64]*orcid.AffiliationSummary, len(sec.AffiliationGroup))
	for i := range sec.AffiliationGroup {
		for j := range sec.AffiliationGroup[i].Summaries {
			a := &sec.AffiliationGroup[i].Summaries[j]
			byPC[a.PutCode] = a
		}
	}
	nb.affs = cloneMap(nb.affs)
	nb.affs[as.Kind] = byPC
	switch section {
	case "distinctions":
		act.Distinctions = &sec
	case "educations":
		act.Educations = &sec
	case "employments":
		act.Employments = &sec
	case "invited-positions":
		act.InvitedPositions = &sec
	case "memberships":
		act.Memberships = &sec
	case "qualifications":
		act.Qualifications = &sec
	case "services":
		act.Services = &sec
	}
}

// addPersonItem appends a written person item to its list in per (lists
// are copied, never appended to in place).
func addPersonItem(per *orcid.Person, it *written) {
	switch {
	case it.otherName != nil:
		l := *per.OtherNames
		v := *it.otherName
		v.DisplayIndex = len(l.OtherName) + 1
		l.OtherName = append(slices.Clip(l.OtherName), v)
		l.LastModifiedDate = laterTS(l.LastModifiedDate, v.LastModifiedDate)
		per.OtherNames = &l
	case it.keyword != nil:
		l := *per.Keywords
		v := *it.keyword
		v.DisplayIndex = len(l.Keyword) + 1
		l.Keyword = append(slices.Clip(l.Keyword), v)
		l.LastModifiedDate = laterTS(l.LastModifiedDate, v.LastModifiedDate)
		per.Keywords = &l
	case it.rurl != nil:
		l := *per.ResearcherURLs
		v := *it.rurl
		v.DisplayIndex = len(l.ResearcherURL) + 1
		l.ResearcherURL = append(slices.Clip(l.ResearcherURL), v)
		l.LastModifiedDate = laterTS(l.LastModifiedDate, v.LastModifiedDate)
		per.ResearcherURLs = &l
	case it.extID != nil:
		l := *per.ExternalIdentifiers
		v := *it.extID
		v.DisplayIndex = len(l.ExternalIdentifier) + 1
		l.ExternalIdentifier = append(slices.Clip(l.ExternalIdentifier), v)
		l.LastModifiedDate = laterTS(l.LastModifiedDate, v.LastModifiedDate)
		per.ExternalIdentifiers = &l
	case it.address != nil:
		l := *per.Addresses
		v := *it.address
		v.DisplayIndex = len(l.Address) + 1
		l.Address = append(slices.Clip(l.Address), v)
		l.LastModifiedDate = laterTS(l.LastModifiedDate, v.LastModifiedDate)
		per.Addresses = &l
	}
}
