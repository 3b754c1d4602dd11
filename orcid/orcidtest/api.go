package orcidtest

import (
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/orcid-tui/orcid-tui/orcid"
)

func (s *Server) routes() {
	s.mux.HandleFunc("/pub/", func(w http.ResponseWriter, r *http.Request) { s.serveAPI(w, r, "/pub", false) })
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) { s.serveAPI(w, r, "/api", true) })
	s.mux.HandleFunc("GET /{$}", s.serveLanding)
	s.mux.HandleFunc("GET /{id}", s.serveIDPage)
}

var versionRE = regexp.MustCompile(`^v\d`)

// serveAPI answers /pub/... and /api/....
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, prefix string, member bool) {
	rest := strings.TrimPrefix(r.URL.Path, prefix)
	segs := strings.Split(strings.TrimPrefix(rest, "/"), "/")

	// The bearer filter runs before anything else, on both APIs.
	var caller *Caller
	if h := r.Header.Get("Authorization"); h != "" {
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			tok, ok = strings.CutPrefix(h, "bearer ")
		}
		tok = strings.TrimSpace(tok)
		var c Caller
		found := false
		if ok && tok != "" && lookupToken != nil {
			c, found = lookupToken(s, tok)
		}
		if !found {
			oauthError(w, http.StatusUnauthorized, "invalid_token", "Invalid access token: "+tok)
			return
		}
		caller = &c
	}
	if member && caller == nil {
		oauthError(w, http.StatusForbidden, "forbidden", "Full authentication is required to access this resource")
		return
	}

	switch {
	case segs[0] == "v3.0":
		segs = segs[1:]
	case segs[0] == "v2.0" || segs[0] == "v2.1":
		f, ok := negotiate(r.Header.Get("Accept"))
		if !ok {
			notAcceptable(w)
			return
		}
		writeError(w, f, errDoc(404, 9016, "404 Not Found: The resource was not found. Full validation error: this registry serves API v3.0 only", "The resource was not found."))
		return
	case versionRE.MatchString(segs[0]):
		http.Redirect(w, r, prefix+"/v3.0/"+strings.Join(segs[1:], "/")+query(r), http.StatusPermanentRedirect)
		return
	case segs[0] != "":
		http.Redirect(w, r, prefix+"/v3.0/"+strings.Join(segs, "/")+query(r), http.StatusFound)
		return
	default:
		http.NotFound(w, r)
		return
	}

	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		if member && apiWriteHook != nil && len(segs) > 1 && apiWriteHook(s, w, r, segs[0], strings.Join(segs[1:], "/"), caller) {
			return
		}
		if len(segs) > 0 {
			if p, ok := specOf(segs[0]); ok && p.Status != statusActive {
				f, ok := negotiate(r.Header.Get("Accept"))
				if !ok {
					f = format{ctype: "application/json;charset=UTF-8"}
				}
				s.writeStatusError(w, r, f, p, prefix)
				return
			}
		}
		w.Header().Set("Allow", "GET")
		http.Error(w, "405 Method Not Allowed", http.StatusMethodNotAllowed)
		return
	}

	if len(segs) == 0 || segs[0] == "" {
		http.NotFound(w, r)
		return
	}
	switch segs[0] {
	case "status", "pubStatus":
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		_, _ = w.Write([]byte(`{"tomcatUp":true,"dbConnectionOK":true,"readOnlyDbConnectionOK":true,"overallOk":true}`))
		return
	}
	if segs[0] == "csv-search" { // text/csv only: csvsearch.go
		s.serveCSVSearch(w, r, segs, caller)
		return
	}
	f, ok := negotiate(r.Header.Get("Accept"))
	if !ok {
		notAcceptable(w)
		return
	}
	switch segs[0] {
	case "search", "expanded-search":
		if len(segs) > 2 || (len(segs) == 2 && segs[1] != "") {
			writeError(w, f, errNotFoundItem())
			return
		}
		s.serveSearch(w, r, f, segs[0] == "expanded-search", caller)
		return
	}
	if authorizeRead != nil { // oauth_api.go: scopes, 9017, public API shows public items only
		var ok bool
		if caller, ok = authorizeRead(s, w, r, f, member, segs[0], caller); !ok {
			return
		}
	}
	s.serveRecord(w, r, f, prefix, segs[0], segs[1:], caller)
}

func query(r *http.Request) string {
	if r.URL.RawQuery == "" {
		return ""
	}
	return "?" + r.URL.RawQuery
}

// writeStatusError answers for a deprecated, locked or deactivated record.
func (s *Server) writeStatusError(w http.ResponseWriter, r *http.Request, f format, p *personSpec, prefix string) {
	switch p.Status {
	case statusDeprecated:
		base := s.siteFor(r).base
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			loc := base + strings.Replace(r.URL.Path, p.ID, p.Primary, 1) + query(r)
			w.Header().Set("Location", loc)
			writeError(w, f, errDeprecated(http.StatusMovedPermanently, base, p.ID, p.Primary))
			return
		}
		writeError(w, f, errDeprecated(http.StatusConflict, base, p.ID, p.Primary))
	case statusLocked:
		writeError(w, f, errLocked(p.ID))
	case statusDeactivated:
		writeError(w, f, errDeactivated(p.ID))
	}
}

func (s *Server) serveRecord(w http.ResponseWriter, r *http.Request, f format, prefix, id string, rest []string, caller *Caller) {
	if !validID(id) {
		writeError(w, f, errNotFoundID(id))
		return
	}
	p, _, ok := s.specFor(id)
	if !ok {
		writeError(w, f, errNotFoundID(id))
		return
	}
	if p.Status != statusActive {
		s.writeStatusError(w, r, f, p, prefix)
		return
	}
	b, _ := s.record(r, id)
	if extraWorksHook != nil {
		if extra := extraWorksHook(s, id, caller); len(extra) > 0 {
			b = withExtraWorks(b, extra)
		}
	}
	b = s.withWrites(b, id, caller) // writes.go: items added through the member API
	rec := b.rec
	per, act := rec.Person, rec.ActivitiesSummary
	ok200 := func(v any, x func(*xw)) { reply(w, f, http.StatusOK, v, x) }
	sub := ""
	if len(rest) > 0 {
		sub = rest[0]
	}
	// put-code argument of single-item paths: /work/{pc} or /work/summary/{pc}
	var pcArg string
	summary := false
	switch len(rest) {
	case 1:
	case 2:
		pcArg = rest[1]
	case 3:
		if rest[1] != "summary" {
			writeError(w, f, errNotFoundItem())
			return
		}
		pcArg, summary = rest[2], true
	default:
		if len(rest) > 3 {
			writeError(w, f, errNotFoundItem())
			return
		}
	}
	single := len(rest) >= 2
	var pc int64
	if single && sub != "works" {
		v, err := strconv.ParseInt(pcArg, 10, 64)
		if err != nil {
			writeError(w, f, errBadPutCode(pcArg))
			return
		}
		pc = v
	}
	notFound := func() {
		if single && prefix == "/pub" && s.hiddenWritten(id, sub, pc) { // writes.go
			writeError(w, f, errNotPublicItem())
			return
		}
		writeError(w, f, errNotFoundItem())
	}

	switch {
	case sub == "" || (sub == "record" && !single):
		ok200(rec, func(x *xw) { x.record(rec) })
	case sub == "person" && !single:
		ok200(per, func(x *xw) { x.person(per) })
	case sub == "personal-details" && !single:
		pd := personalDetails{LastModifiedDate: per.LastModifiedDate, Name: per.Name, OtherNames: per.OtherNames, Biography: per.Biography, Path: "/" + id + "/personal-details"}
		ok200(pd, func(x *xw) { x.personalDetails(&pd) })
	case sub == "biography" && !single:
		if per.Biography == nil {
			notFound()
			return
		}
		ok200(biography{Biography: per.Biography, Path: "/" + id + "/biography"}, nil)
	case sub == "other-names":
		if single {
			for i := range per.OtherNames.OtherName {
				if per.OtherNames.OtherName[i].PutCode == pc {
					ok200(per.OtherNames.OtherName[i], nil)
					return
				}
			}
			notFound()
			return
		}
		ok200(per.OtherNames, nil)
	case sub == "researcher-urls":
		if single {
			for _, u := range per.ResearcherURLs.ResearcherURL {
				if u.PutCode == pc {
					ok200(u, nil)
					return
				}
			}
			notFound()
			return
		}
		ok200(per.ResearcherURLs, nil)
	case sub == "email" && !single:
		ok200(per.Emails, nil)
	case sub == "address":
		if single {
			for _, a := range per.Addresses.Address {
				if a.PutCode == pc {
					ok200(a, nil)
					return
				}
			}
			notFound()
			return
		}
		ok200(per.Addresses, nil)
	case sub == "keywords":
		if single {
			for _, k := range per.Keywords.Keyword {
				if k.PutCode == pc {
					ok200(k, nil)
					return
				}
			}
			notFound()
			return
		}
		ok200(per.Keywords, nil)
	case sub == "external-identifiers":
		if single {
			for _, e := range per.ExternalIdentifiers.ExternalIdentifier {
				if e.PutCode == pc {
					ok200(e, nil)
					return
				}
			}
			notFound()
			return
		}
		ok200(per.ExternalIdentifiers, nil)
	case sub == "activities" && !single:
		ok200(act, func(x *xw) { x.activities(act) })
	case sub == "works" && !single:
		ok200(act.Works, func(x *xw) { x.works(act.Works) })
	case sub == "works":
		s.serveBulk(w, f, b, pcArg)
	case sub == "work" && single:
		if summary {
			if ws, ok := b.summaries[pc]; ok {
				ok200(ws, func(x *xw) { x.workSummary(ws) })
				return
			}
		} else if wk, ok := b.works[pc]; ok {
			ok200(wk, func(x *xw) { x.work(wk) })
			return
		}
		notFound()
	case sub == "fundings" && !single:
		ok200(act.Fundings, func(x *xw) { x.fundings(act.Fundings) })
	case sub == "funding" && single:
		if fs, ok := b.fundings[pc]; ok && summary {
			ok200(fs, func(x *xw) { x.fundingSummary(fs, false) })
			return
		} else if ok {
			full := b.fullFunding(fs)
			ok200(full, func(x *xw) { x.funding(full) })
			return
		}
		notFound()
	case sub == "peer-reviews" && !single:
		ok200(act.PeerReviews, func(x *xw) { x.peerReviews(act.PeerReviews) })
	case sub == "peer-review" && single:
		if ps, ok := b.reviews[pc]; ok && summary {
			ok200(ps, func(x *xw) { x.peerReviewSummary(ps, false) })
			return
		} else if ok {
			full := b.fullPeerReview(ps)
			ok200(full, func(x *xw) { x.peerReview(full) })
			return
		}
		notFound()
	case sub == "research-resources" && !single:
		ok200(act.ResearchResources, func(x *xw) { x.researchResources(act.ResearchResources) })
	case sub == "research-resource" && single:
		if rs, ok := b.resources[pc]; ok && summary {
			ok200(rs, func(x *xw) { x.researchResourceSummary(rs, false) })
			return
		} else if ok {
			full := b.fullResearchResource(rs)
			ok200(full, func(x *xw) { x.researchResource(full) })
			return
		}
		notFound()
	default:
		for _, sec := range affSections {
			switch {
			case sub == sec.Section && !single:
				a := affiliationsOf(act, sec.Section)
				ok200(a, func(x *xw) { x.affiliations(a, sec.Section) })
				return
			case sub == sec.Kind && single:
				if as, ok := b.affs[sec.Kind][pc]; ok {
					ok200(plainAffiliation(*as), func(x *xw) { x.affiliationSummary(as, !summary) })
					return
				}
				notFound()
				return
			}
		}
		notFound()
	}
}

// plainAffiliation is an affiliation served alone: bare, not wrapped in
// {"employment-summary": ...} (that wrapping belongs to groups).
type plainAffiliation orcid.AffiliationSummary

type personalDetails struct {
	LastModifiedDate *orcid.Timestamp  `json:"last-modified-date"`
	Name             *orcid.Name       `json:"name"`
	OtherNames       *orcid.OtherNames `json:"other-names"`
	Biography        *orcid.Biography  `json:"biography"`
	Path             string            `json:"path"`
}

type biography struct {
	*orcid.Biography
	Path string `json:"path"`
}

func affiliationsOf(a *orcid.ActivitiesSummary, section string) *orcid.Affiliations {
	switch section {
	case "distinctions":
		return a.Distinctions
	case "educations":
		return a.Educations
	case "employments":
		return a.Employments
	case "invited-positions":
		return a.InvitedPositions
	case "memberships":
		return a.Memberships
	case "qualifications":
		return a.Qualifications
	case "services":
		return a.Services
	}
	return nil
}

// serveBulk answers /works/{pc,pc,...}: found works in the order asked,
// then one error element per put-code not found.
func (s *Server) serveBulk(w http.ResponseWriter, f format, b *built, list string) {
	parts := strings.Split(list, ",")
	if len(parts) > 100 {
		writeError(w, f, errTooManyPutCodes())
		return
	}
	pcs := make([]int64, 0, len(parts))
	for _, p := range parts {
		v, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64)
		if err != nil {
			writeError(w, f, errBadPutCode(p))
			return
		}
		pcs = append(pcs, v)
	}
	out := orcid.WorkBulk{Bulk: []orcid.BulkItem{}}
	var missing []orcid.BulkItem
	for _, pc := range pcs {
		if wk, ok := b.works[pc]; ok {
			out.Bulk = append(out.Bulk, orcid.BulkItem{Work: wk})
		} else {
			e := errDoc(404, 9016, "404 Not Found: The resource was not found. Full validation error: No entity found for query", "The resource was not found.")
			missing = append(missing, orcid.BulkItem{Error: e})
		}
	}
	out.Bulk = append(out.Bulk, missing...)
	reply(w, f, http.StatusOK, bulkJSON(out), func(x *xw) { x.bulk(&out) })
}

// bulkJSON is the bulk list as ORCID writes it: each element an object with
// one key, "work" or "error".
func bulkJSON(b orcid.WorkBulk) any {
	items := make([]map[string]any, 0, len(b.Bulk))
	for _, it := range b.Bulk {
		if it.Work != nil {
			items = append(items, map[string]any{"work": it.Work})
		} else {
			items = append(items, map[string]any{"error": it.Error})
		}
	}
	return map[string]any{"bulk": items}
}

// withExtraWorks returns a copy of b whose works section also holds extra
// (works added through the member API).
func withExtraWorks(b *built, extra []orcid.Work) *built {
	nb := *b
	rec := *b.rec
	act := *rec.ActivitiesSummary
	ws := *act.Works
	ws.Group = append([]orcid.WorkGroup(nil), ws.Group...)
	nb.works = make(map[int64]*orcid.Work, len(b.works)+len(extra))
	nb.summaries = make(map[int64]*orcid.WorkSummary, len(b.summaries)+len(extra))
	for k, v := range b.works {
		nb.works[k] = v
	}
	for k, v := range b.summaries {
		nb.summaries[k] = v
	}
	for i := range extra {
		wk := &extra[i]
		if wk.ExternalIDs == nil {
			wk.ExternalIDs = &orcid.ExternalIDs{ExternalID: []orcid.ExternalID{}}
		}
		sum := summaryOf(wk)
		ws.Group = append([]orcid.WorkGroup{{LastModifiedDate: wk.LastModified, ExternalIDs: wk.ExternalIDs, WorkSummary: []orcid.WorkSummary{sum}}}, ws.Group...)
		nb.works[wk.PutCode] = wk
		nb.summaries[wk.PutCode] = &ws.Group[0].WorkSummary[0]
		if wk.LastModified != nil {
			ws.LastModifiedDate = wk.LastModified
		}
	}
	act.Works = &ws
	rec.ActivitiesSummary = &act
	nb.rec = &rec
	return &nb
}

// ---- search -----------------------------------------------------------------

func (s *Server) serveSearch(w http.ResponseWriter, r *http.Request, f format, expanded bool, caller *Caller) {
	page, total, ok := searchPage(w, r, f, caller)
	if !ok {
		return
	}
	st := s.siteFor(r)
	if !expanded {
		res := orcid.SearchResult{NumFound: int64(total)}
		for _, d := range page {
			res.Result = append(res.Result, orcid.SearchHit{ORCIDIdentifier: *st.ident(d.id)})
		}
		reply(w, f, http.StatusOK, res, func(x *xw) { x.search(&res) })
		return
	}
	res := orcid.ExpandedSearchResult{NumFound: int64(total)}
	for _, d := range page {
		res.ExpandedResult = append(res.ExpandedResult, expandedOf(d.spec()))
	}
	reply(w, f, http.StatusOK, res, func(x *xw) { x.expandedSearch(&res) })
}

// searchPage checks rows and start as ORCID does (errors answered in f)
// and runs the query: the page asked for and the number of hits.
func searchPage(w http.ResponseWriter, r *http.Request, f format, caller *Caller) (page []*doc, total int, ok bool) {
	qv := r.URL.Query()
	rows := 1000
	if v, ok := qv["rows"]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(v[0]))
		if err != nil || n < 0 || n > 1000 {
			writeError(w, f, errRows())
			return nil, 0, false
		}
		rows = n
	}
	start := 0
	if v, ok := qv["start"]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(v[0]))
		switch {
		case caller == nil && (err != nil || n < 0 || n > 10000):
			writeError(w, f, errStart())
			return nil, 0, false
		case err != nil:
			writeError(w, f, errSolr("For input string: \""+v[0]+"\""))
			return nil, 0, false
		case n < 0:
			writeError(w, f, errSolr("'start' parameter cannot be negative"))
			return nil, 0, false
		}
		start = n
	}
	params := map[string]string{}
	for k, v := range qv {
		if len(v) > 0 {
			params[k] = v[0]
		}
	}
	hits, err := runSearch(qv.Get("q"), params)
	if err != nil {
		writeError(w, f, errSolr(err.Error()))
		return nil, 0, false
	}
	return hits[min(start, len(hits)):min(start+rows, len(hits))], len(hits), true
}

func strp(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func expandedOf(p *personSpec) orcid.ExpandedResult {
	cur, past := institutionsOf(p)
	e := orcid.ExpandedResult{
		ORCIDID:         p.ID,
		OtherName:       append([]string{}, p.OtherNames...),
		Email:           append([]string{}, p.Emails...),
		InstitutionName: sortedUnion(cur, past),
	}
	if !p.NamePrivate {
		e.GivenNames, e.FamilyNames, e.CreditName = strp(p.Given), strp(p.Family), strp(p.Credit)
	}
	return e
}

// ---- registry pages -------------------------------------------------------------

func (s *Server) serveLanding(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var b strings.Builder
	b.WriteString("<!doctype html><html><head><meta charset=\"utf-8\"><title>orcid-tui demo registry</title></head><body>")
	b.WriteString("<h1>orcid-tui demo registry</h1><p>An offline, in-process imitation of ORCID. Public API at <code>/pub/v3.0/</code>, member API at <code>/api/v3.0/</code>.</p><ul>")
	for _, p := range theData().hand {
		name := p.fullName()
		if p.NamePrivate {
			name = "(name not public)"
		}
		fmt.Fprintf(&b, "<li><a href=\"/%s\">%s</a> %s</li>", p.ID, p.ID, html.EscapeString(name))
	}
	b.WriteString("</ul></body></html>")
	_, _ = w.Write([]byte(b.String()))
}

// serveIDPage is https://orcid.org/{iD} for browsers: a small HTML page.
func (s *Server) serveIDPage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	p, ok := specOf(id)
	if !ok || !validID(id) {
		http.NotFound(w, r)
		return
	}
	if p.Status == statusDeprecated {
		http.Redirect(w, r, "/"+p.Primary, http.StatusMovedPermanently)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	name := p.fullName()
	if p.NamePrivate || p.Status != statusActive {
		name = "ORCID record"
	}
	fmt.Fprintf(w, "<!doctype html><html><head><meta charset=\"utf-8\"><title>%s (%s)</title></head><body><h1>%s</h1><p>%s</p><p>%s</p><p><a href=\"/pub/v3.0/%s/record\">record (XML)</a></p></body></html>",
		html.EscapeString(name), id, html.EscapeString(name), id, html.EscapeString(p.Bio), id)
}
