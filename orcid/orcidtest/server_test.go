package orcidtest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// get sends a GET with accept (none when "") and returns status, headers
// and body. Redirects are not followed.
func get(t *testing.T, s *Server, path, accept string, hdr ...string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", s.URL()+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := s.HTTPClient().Transport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

func errorDocOf(t *testing.T, body []byte) orcid.ErrorDocument {
	t.Helper()
	var e orcid.ErrorDocument
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("not an error document: %v: %s", err, body)
	}
	return e
}

func TestCheckDigitHelper(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want bool
	}{
		{"0000-0002-1825-0097", true},
		{"0000-0001-5109-3700", true},
		{"0000-0002-1694-233X", true},
		{"0009-0003-7578-3214", true},
		{"0000-0002-1825-0098", false},
		{"0000-0002-1825-009", false},
		{"0000000218250097", false},
		{"0000-0002-1825-00X7", false},
	} {
		if got := validID(tc.id); got != tc.want {
			t.Errorf("validID(%q) = %v, want %v", tc.id, got, tc.want)
		}
	}
}

func TestEveryServedIDHasAValidCheckDigit(t *testing.T) {
	s := NewHandler()
	ids := s.AllIDs()
	if len(ids) != len(s.People())+SyntheticPeople {
		t.Fatalf("AllIDs has %d iDs", len(ids))
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if !validID(id) {
			t.Errorf("%s: bad check digit", id)
		}
		if seen[id] {
			t.Errorf("%s: duplicate", id)
		}
		seen[id] = true
	}
	for _, id := range []string{CarberryID, AngstromID, TanakaID, NunezID, SokolovaID, BigRecordID, EmptyID, PrimaryID, MergedID, LockedID, DeactivatedID, UnknownID} {
		if !validID(id) {
			t.Errorf("constant %s: bad check digit", id)
		}
	}
	if seen[UnknownID] {
		t.Errorf("UnknownID is served")
	}
	// Contributors' iDs point at records that exist.
	for _, p := range theData().hand {
		for _, w := range p.works() {
			for _, c := range w.Contributors {
				if c.ORCID != "" && !seen[c.ORCID] {
					t.Errorf("%s: contributor %s not in the registry", p.ID, c.ORCID)
				}
			}
		}
	}
	for i := 0; i < SyntheticPeople; i += 997 {
		if j, ok := synthIndex(syntheticID(i)); !ok || j != i {
			t.Errorf("synthIndex(syntheticID(%d)) = %d, %v", i, j, ok)
		}
	}
}

func TestNegotiation(t *testing.T) {
	s := NewServer()
	defer s.Close()
	path := "/pub/v3.0/" + CarberryID + "/works"
	for _, tc := range []struct {
		accept string
		status int
		ctype  string
		kind   string // xml, pretty, compact
	}{
		{"", 200, "application/vnd.orcid+xml;charset=UTF-8", "xml"},
		{"*/*", 200, "application/vnd.orcid+xml;charset=UTF-8", "xml"},
		{"application/json", 200, "application/json;charset=UTF-8", "compact"},
		{"application/vnd.orcid+json", 200, "application/vnd.orcid+json;charset=UTF-8", "pretty"},
		{"application/orcid+json", 200, "application/orcid+json;charset=UTF-8", "pretty"},
		{"application/vnd.orcid+json; qs=4", 200, "application/vnd.orcid+json; qs=4;charset=UTF-8", "pretty"},
		{"application/xml", 200, "application/xml;charset=UTF-8", "xml"},
		{"application/vnd.orcid+xml", 200, "application/vnd.orcid+xml;charset=UTF-8", "xml"},
		{"text/html, application/json;q=0.9", 200, "application/json;charset=UTF-8", "compact"},
		{"application/xml;q=0.5, application/json", 200, "application/json;charset=UTF-8", "compact"},
		{"text/html", 406, "", ""},
		{"image/png, text/csv", 406, "", ""},
	} {
		st, h, body := get(t, s, path, tc.accept)
		if st != tc.status {
			t.Errorf("Accept %q: status %d, want %d", tc.accept, st, tc.status)
			continue
		}
		if st != 200 {
			continue
		}
		if got := h.Get("Content-Type"); got != tc.ctype {
			t.Errorf("Accept %q: Content-Type %q, want %q", tc.accept, got, tc.ctype)
		}
		switch tc.kind {
		case "xml":
			if !bytes.HasPrefix(body, []byte("<?xml")) || !bytes.Contains(body, []byte("<activities:works ")) {
				t.Errorf("Accept %q: not works XML: %.80s", tc.accept, body)
			}
		case "pretty":
			if !bytes.HasPrefix(body, []byte("{\n  \"last-modified-date\"")) {
				t.Errorf("Accept %q: not pretty JSON: %.80s", tc.accept, body)
			}
		case "compact":
			if !bytes.HasPrefix(body, []byte(`{"last-modified-date":`)) || bytes.Contains(body, []byte("\n")) {
				t.Errorf("Accept %q: not compact JSON: %.80s", tc.accept, body)
			}
		}
	}
}

func TestRecordJSONDecodesIntoModels(t *testing.T) {
	s := NewServer()
	defer s.Close()
	st, _, body := get(t, s, "/pub/v3.0/"+CarberryID+"/record", "application/vnd.orcid+json")
	if st != 200 {
		t.Fatalf("status %d", st)
	}
	var rec orcid.Record
	if err := json.Unmarshal(body, &rec); err != nil {
		t.Fatal(err)
	}
	if got := rec.Person.Name.GivenNames.String() + " " + rec.Person.Name.FamilyName.String(); got != "Josiah Carberry" {
		t.Errorf("name %q", got)
	}
	if rec.ORCIDIdentifier.Path != CarberryID || rec.ORCIDIdentifier.URI != s.URL()+"/"+CarberryID {
		t.Errorf("orcid-identifier %+v", rec.ORCIDIdentifier)
	}
	a := rec.ActivitiesSummary
	works := 0
	for _, g := range a.Works.Group {
		works += len(g.WorkSummary)
	}
	if works != 14 || len(a.Works.Group) != 13 {
		t.Errorf("works %d in %d groups, want 14 in 13", works, len(a.Works.Group))
	}
	if n := len(a.Employments.AffiliationGroup); n != 2 || a.Employments.AffiliationGroup[0].Summaries[0].Kind != "employment" {
		t.Errorf("employments: %d groups %+v", n, a.Employments.AffiliationGroup)
	}
	for name, n := range map[string]int{
		"educations": len(a.Educations.AffiliationGroup), "qualifications": len(a.Qualifications.AffiliationGroup),
		"invited-positions": len(a.InvitedPositions.AffiliationGroup), "distinctions": len(a.Distinctions.AffiliationGroup),
		"memberships": len(a.Memberships.AffiliationGroup), "services": len(a.Services.AffiliationGroup),
		"fundings": len(a.Fundings.Group), "peer-reviews": len(a.PeerReviews.Group), "research-resources": len(a.ResearchResources.Group),
	} {
		if n == 0 {
			t.Errorf("%s is empty", name)
		}
	}
	// A full work has contributors (one ORCID-linked) and a citation.
	var pc int64
	for _, g := range a.Works.Group {
		for _, ws := range g.WorkSummary {
			if ws.Title.Title.String() == "The Psychoceramics of Cracked Pots" && ws.Source.SourceORCID != nil {
				pc = ws.PutCode
			}
		}
	}
	st, _, body = get(t, s, fmt.Sprintf("/pub/v3.0/%s/work/%d", CarberryID, pc), "application/json")
	var w orcid.Work
	if err := json.Unmarshal(body, &w); st != 200 || err != nil {
		t.Fatalf("work %d: %d %v", pc, st, err)
	}
	if w.Citation == nil || !strings.HasPrefix(w.Citation.Value, "@article{") {
		t.Errorf("citation %+v", w.Citation)
	}
	if len(w.Contributors.Contributor) != 4 || w.Contributors.Contributor[1].ContributorORCID.Path != AngstromID {
		t.Errorf("contributors %+v", w.Contributors)
	}
}

func TestEmptyRecordShapes(t *testing.T) {
	s := NewServer()
	defer s.Close()
	_, _, body := get(t, s, "/pub/v3.0/"+EmptyID+"/works", "application/json")
	if want := `{"last-modified-date":null,"group":[],"path":"/` + EmptyID + `/works"}`; string(body) != want {
		t.Errorf("empty works:\n got %s\nwant %s", body, want)
	}
	_, _, body = get(t, s, "/pub/v3.0/"+EmptyID+"/person", "application/json")
	if !bytes.Contains(body, []byte(`"name":null`)) || !bytes.Contains(body, []byte(`"biography":null`)) {
		t.Errorf("empty person: %s", body)
	}
}

func TestSearch(t *testing.T) {
	s := NewServer()
	defer s.Close()
	active := 0
	for _, p := range s.People() {
		if p.Status == "active" {
			active++
		}
	}
	for _, tc := range []struct {
		q       string
		first   string // expected first hit ("" = don't care)
		num     int    // expected num-found (-1 = at least one)
		include string // must be among the first 50
	}{
		{"family-name:carberry AND given-names:josiah", CarberryID, 1, ""},
		{"family-name:Carberry", "", -1, CarberryID},
		{`family-name:"Ångström-Łukasiewicz"`, AngstromID, 1, ""},
		{`given-and-family-names:"zoe angstrom-lukasiewicz"`, AngstromID, 1, ""},
		{"credit-name:\"Josiah S. Carberry\"", CarberryID, 1, ""},
		{"other-names:stinkney", CarberryID, 1, ""},
		{"keyword:psychoceramics", CarberryID, 1, ""},
		{`digital-object-ids:"10.5555/12345678"`, CarberryID, 1, ""},
		{"doi-self:10.5555/12345678", CarberryID, 1, ""},
		{"orcid:" + TanakaID, TanakaID, 1, ""},
		{"email:josiah.carberry@example.edu", CarberryID, 1, ""},
		{`affiliation-org-name:"Kyoto University"`, "", -1, TanakaID},
		{`current-institution-affiliation-name:"Brown University" AND family-name:carberry`, CarberryID, -1, ""},
		{"text:田中", TanakaID, -1, ""},
		{"nunez", NunezID, -1, ""},
		{"Núñez", NunezID, -1, ""},
		{"family-name:smith", "", SyntheticSmiths, ""},
		{"*:*", "", active + SyntheticPeople, ""},
		{"family-name:carberry NOT given-names:josiah", "", -1, ""},
		{"(given-names:zoë OR given-names:花子) AND keyword:ceramics", AngstromID, 1, ""},
		{"family-name:okonk*", BigRecordID, 1, ""},
		{`{!edismax qf="given-and-family-names^50.0 family-name^10.0 given-names^10.0 credit-name^10.0 other-names^5.0 text^1.0" pf="given-and-family-names^50.0" mm=1}josiah carberry`, CarberryID, -1, ""},
		{`{!edismax qf="given-and-family-names^50.0 family-name^10.0 given-names^10.0 credit-name^10.0 other-names^5.0 text^1.0" pf="given-and-family-names^50.0" bq="current-institution-affiliation-name:[* TO *]^100.0 past-institution-affiliation-name:[* TO *]^70" mm=1}Angstrom`, AngstromID, 1, ""},
		{"family-name:nobody-has-this-name", "", 0, ""},
		{"", "", 0, ""},
		{"orcid:" + MergedID, "", 0, ""},
	} {
		v := "q=" + urlQueryEscape(tc.q) + "&rows=50"
		st, _, body := get(t, s, "/pub/v3.0/search/?"+v, "application/json")
		if st != 200 {
			t.Errorf("%q: status %d %s", tc.q, st, body)
			continue
		}
		var res orcid.SearchResult
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatal(err)
		}
		if tc.num >= 0 && int(res.NumFound) != tc.num {
			t.Errorf("%q: num-found %d, want %d", tc.q, res.NumFound, tc.num)
		}
		if tc.num < 0 && res.NumFound == 0 {
			t.Errorf("%q: no hits", tc.q)
		}
		if tc.first != "" && (len(res.Result) == 0 || res.Result[0].ORCIDIdentifier.Path != tc.first) {
			t.Errorf("%q: first hit %+v, want %s", tc.q, res.Result, tc.first)
		}
		if tc.include != "" && !strings.Contains(string(body), `"path":"`+tc.include+`"`) {
			t.Errorf("%q: %s not among the hits", tc.q, tc.include)
		}
		if res.NumFound == 0 && !bytes.Equal(body, []byte(`{"result":null,"num-found":0}`)) {
			t.Errorf("%q: zero hits answered %s", tc.q, body)
		}
	}
}

func urlQueryEscape(s string) string {
	r := strings.NewReplacer("%", "%25", "&", "%26", "+", "%2B", " ", "%20", "#", "%23", "\"", "%22", "{", "%7B", "}", "%7D", "^", "%5E")
	return r.Replace(s)
}

func TestSearchNullAndExpanded(t *testing.T) {
	s := NewServer()
	defer s.Close()
	for _, p := range []string{"/pub/v3.0/expanded-search?q=family-name:zzzz", "/pub/v3.0/expanded-search/?q=family-name:zzzz"} {
		_, _, body := get(t, s, p, "application/json")
		if want := `{"expanded-result":null,"num-found":0}`; string(body) != want {
			t.Errorf("%s: %s, want %s", p, body, want)
		}
	}
	_, _, body := get(t, s, "/pub/v3.0/expanded-search/?q=orcid:"+CarberryID, "application/json")
	var res orcid.ExpandedSearchResult
	if err := json.Unmarshal(body, &res); err != nil || len(res.ExpandedResult) != 1 {
		t.Fatalf("%v %s", err, body)
	}
	r := res.ExpandedResult[0]
	if r.ORCIDID != CarberryID || *r.GivenNames != "Josiah" || *r.FamilyNames != "Carberry" || len(r.InstitutionName) == 0 || r.InstitutionName[0] != "American Psychoceramics Society" {
		t.Errorf("expanded result %+v", r)
	}
	_, _, body = get(t, s, "/pub/v3.0/expanded-search/?q=orcid:"+EmptyID, "application/json")
	if !bytes.Contains(body, []byte(`"given-names":null,"family-names":null,"credit-name":null,"other-name":[],"email":[],"institution-name":[]`)) {
		t.Errorf("empty record expanded: %s", body)
	}
}

func TestSearchPagingAndLimits(t *testing.T) {
	s := NewServer()
	defer s.Close()
	seen := map[string]bool{}
	for start := 0; start < SyntheticSmiths; start += 1000 {
		st, _, body := get(t, s, fmt.Sprintf("/pub/v3.0/search?q=family-name:smith&start=%d&rows=1000", start), "application/json")
		var res orcid.SearchResult
		if err := json.Unmarshal(body, &res); st != 200 || err != nil {
			t.Fatalf("start %d: %d %v", start, st, err)
		}
		for _, h := range res.Result {
			seen[h.ORCIDIdentifier.Path] = true
		}
	}
	if len(seen) != SyntheticSmiths {
		t.Errorf("paged through %d distinct hits, want %d", len(seen), SyntheticSmiths)
	}
	for _, tc := range []struct {
		query  string
		status int
		code   int
		dev    string
	}{
		{"q=*:*&rows=1001", 400, 9012, "The client application made a bad request to the ORCID API. Full validation error: The rows parameter must be an integer between 0 and 1000"},
		{"q=*:*&rows=ten", 400, 9012, ""},
		{"q=*:*&rows=-1", 400, 9012, ""},
		{"q=*:*&start=10001", 400, 9043, "The start parameter for API users without credentials must be an integer between 0 and 10,000"},
		{"q=*:*&start=x", 400, 9043, ""},
		{"q=container.identifier:x", 500, 9008, "undefined field container.identifier"},
		{"q=family-name:(smith", 500, 9008, ""},
	} {
		st, _, body := get(t, s, "/pub/v3.0/search/?"+tc.query, "application/json")
		e := errorDocOf(t, body)
		if st != tc.status || e.ResponseCode != tc.status || e.ErrorCode != tc.code || !strings.Contains(e.DeveloperMessage, tc.dev) || e.MoreInfo != moreInfo {
			t.Errorf("%s: %d %+v", tc.query, st, e)
		}
	}
	// rows=0 counts without listing; start at 10,000 is still allowed.
	_, _, body := get(t, s, "/pub/v3.0/search?q=family-name:smith&rows=0", "application/json")
	if string(body) != fmt.Sprintf(`{"result":null,"num-found":%d}`, SyntheticSmiths) {
		t.Errorf("rows=0: %s", body)
	}
	if st, _, _ := get(t, s, "/pub/v3.0/search?q=*:*&start=10000", "application/json"); st != 200 {
		t.Errorf("start=10000: %d", st)
	}
}

func TestBulk(t *testing.T) {
	s := NewServer()
	defer s.Close()
	b, _ := s.record(&http.Request{}, BigRecordID)
	var pcs []string
	for _, g := range b.rec.ActivitiesSummary.Works.Group {
		for _, ws := range g.WorkSummary {
			pcs = append(pcs, fmt.Sprint(ws.PutCode))
		}
	}
	if len(pcs) != BigRecordWorks || len(b.rec.ActivitiesSummary.Works.Group) >= BigRecordWorks {
		t.Fatalf("%d works in %d groups", len(pcs), len(b.rec.ActivitiesSummary.Works.Group))
	}
	base := "/pub/v3.0/" + BigRecordID + "/works/"
	st, _, body := get(t, s, base+strings.Join(pcs[:100], ","), "application/json")
	var bulk orcid.WorkBulk
	if err := json.Unmarshal(body, &bulk); st != 200 || err != nil || len(bulk.Bulk) != 100 {
		t.Fatalf("100 put-codes: %d %v %d", st, err, len(bulk.Bulk))
	}
	if fmt.Sprint(bulk.Bulk[0].Work.PutCode) != pcs[0] || fmt.Sprint(bulk.Bulk[99].Work.PutCode) != pcs[99] {
		t.Errorf("bulk order changed")
	}
	// An unknown put-code comes back as an error element after the works.
	st, _, body = get(t, s, base+pcs[0]+",999,"+pcs[1], "application/json")
	bulk = orcid.WorkBulk{}
	if err := json.Unmarshal(body, &bulk); st != 200 || err != nil || len(bulk.Bulk) != 3 {
		t.Fatalf("with unknown: %d %v %s", st, err, body)
	}
	if bulk.Bulk[0].Work == nil || bulk.Bulk[1].Work == nil || bulk.Bulk[2].Error == nil || bulk.Bulk[2].Error.ErrorCode != 9016 {
		t.Errorf("bulk with unknown put-code: %s", body)
	}
	st, _, body = get(t, s, base+strings.Join(pcs[:101], ","), "application/json")
	if e := errorDocOf(t, body); st != 400 || e.ErrorCode != 9042 || e.DeveloperMessage != "Too many put codes specified: maximum is 100" {
		t.Errorf("101 put-codes: %d %+v", st, e)
	}
	st, _, body = get(t, s, base+pcs[0]+",abc", "application/json")
	if e := errorDocOf(t, body); st != 400 || e.ErrorCode != 9006 {
		t.Errorf("non-numeric put-code: %d %+v", st, e)
	}
	st, _, body = get(t, s, base+pcs[0]+",999", "application/xml")
	if st != 200 || !bytes.Contains(body, []byte("<bulk:bulk")) || !bytes.Contains(body, []byte("<work:work ")) || !bytes.Contains(body, []byte("<error:error")) {
		t.Errorf("bulk XML: %.300s", body)
	}
}

func TestRecordStatuses(t *testing.T) {
	s := NewServer()
	defer s.Close()
	for _, tc := range []struct {
		path   string
		status int
		code   int
		dev    string
	}{
		{"/pub/v3.0/" + MergedID + "/works", 301, 9007, "301 Moved Permanently: This account is deprecated. Please refer to account: " + s.URL() + "/" + PrimaryID + ". ORCID " + s.URL() + "/" + MergedID},
		{"/pub/v3.0/" + LockedID + "/record", 409, 9018, "409 Conflict: The ORCID record is locked and cannot be edited. ORCID " + LockedID + " Full validation error: " + LockedID + " is locked"},
		{"/pub/v3.0/" + LockedID + "/works", 409, 9018, ""},
		{"/pub/v3.0/" + DeactivatedID, 409, 9044, "409 Conflict: The ORCID record is deactivated and cannot be edited. Full validation error: " + DeactivatedID + " is deactivated"},
		{"/pub/v3.0/" + UnknownID + "/record", 404, 9016, "404 Not Found: The resource was not found. Full validation error: ORCID iD " + UnknownID + " not found"},
		{"/pub/v3.0/adfafadf", 404, 9016, "ORCID iD adfafadf not found"},
		{"/pub/v3.0/0000-0002-1825-0098/person", 404, 9016, ""},
		{"/pub/v3.0/" + CarberryID + "/work/1", 404, 9016, ""},
		{"/pub/v3.0/" + CarberryID + "/work/abc", 400, 9006, ""},
		{"/pub/v3.0/" + CarberryID + "/nonsense", 404, 9016, ""},
	} {
		st, h, body := get(t, s, tc.path, "application/vnd.orcid+json")
		e := errorDocOf(t, body)
		if st != tc.status || e.ResponseCode != tc.status || e.ErrorCode != tc.code || !strings.Contains(e.DeveloperMessage, tc.dev) {
			t.Errorf("%s: %d %+v", tc.path, st, e)
		}
		if st == 301 {
			if want := s.URL() + "/pub/v3.0/" + PrimaryID + "/works"; h.Get("Location") != want {
				t.Errorf("Location %q, want %q", h.Get("Location"), want)
			}
		}
	}
	// XML error documents too.
	_, _, body := get(t, s, "/pub/v3.0/"+LockedID, "")
	if !bytes.Contains(body, []byte("<error:error-code>9018</error:error-code>")) {
		t.Errorf("locked XML: %s", body)
	}
}

func TestAuthorizationOnAPIs(t *testing.T) {
	s := NewServer()
	defer s.Close()
	st, h, body := get(t, s, "/api/v3.0/"+CarberryID+"/record", "application/json")
	if st != 403 || !bytes.Contains(body, []byte(`"error":"forbidden"`)) || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
		t.Errorf("member API without token: %d %s", st, body)
	}
	st, _, body = get(t, s, "/pub/v3.0/"+CarberryID+"/record", "application/xml", "Authorization", "Bearer FOO")
	if st != 401 || string(body) != `{"error":"invalid_token","error_description":"Invalid access token: FOO"}` {
		t.Errorf("unknown token on public API: %d %s", st, body)
	}
}

func TestXMLIsWellFormed(t *testing.T) {
	s := NewServer()
	defer s.Close()
	b, _ := s.record(&http.Request{}, CarberryID)
	var wpc, epc, fpc, ppc, rpc int64
	for k := range b.works {
		wpc = max(wpc, k)
	}
	for k := range b.affs["employment"] {
		epc = k
	}
	for k := range b.fundings {
		fpc = k
	}
	for k := range b.reviews {
		ppc = k
	}
	for k := range b.resources {
		rpc = k
	}
	id := CarberryID
	for path, root := range map[string]string{
		"/pub/v3.0/" + id:                                          "record",
		"/pub/v3.0/" + id + "/record":                              "record",
		"/pub/v3.0/" + id + "/person":                              "person",
		"/pub/v3.0/" + id + "/personal-details":                    "personal-details",
		"/pub/v3.0/" + id + "/activities":                          "activities-summary",
		"/pub/v3.0/" + id + "/works":                               "works",
		"/pub/v3.0/" + id + "/fundings":                            "fundings",
		"/pub/v3.0/" + id + "/peer-reviews":                        "peer-reviews",
		"/pub/v3.0/" + id + "/research-resources":                  "research-resources",
		"/pub/v3.0/" + id + "/employments":                         "employments",
		"/pub/v3.0/" + id + "/educations":                          "educations",
		"/pub/v3.0/" + id + "/qualifications":                      "qualifications",
		"/pub/v3.0/" + id + "/invited-positions":                   "invited-positions",
		"/pub/v3.0/" + id + "/distinctions":                        "distinctions",
		"/pub/v3.0/" + id + "/memberships":                         "memberships",
		"/pub/v3.0/" + id + "/services":                            "services",
		fmt.Sprintf("/pub/v3.0/%s/work/%d", id, wpc):               "work",
		fmt.Sprintf("/pub/v3.0/%s/work/summary/%d", id, wpc):       "work-summary",
		fmt.Sprintf("/pub/v3.0/%s/employment/%d", id, epc):         "employment",
		fmt.Sprintf("/pub/v3.0/%s/employment/summary/%d", id, epc): "employment-summary",
		fmt.Sprintf("/pub/v3.0/%s/funding/%d", id, fpc):            "funding",
		fmt.Sprintf("/pub/v3.0/%s/peer-review/%d", id, ppc):        "peer-review",
		fmt.Sprintf("/pub/v3.0/%s/research-resource/%d", id, rpc):  "research-resource",
		fmt.Sprintf("/pub/v3.0/%s/works/%d,1", id, wpc):            "bulk",
		"/pub/v3.0/search/?q=carberry&rows=3":                      "search",
		"/pub/v3.0/search/?q=zzzzzz":                               "search",
		"/pub/v3.0/expanded-search/?q=carberry&rows=3":             "expanded-search",
		"/pub/v3.0/" + UnknownID:                                   "error",
		"/pub/v3.0/" + EmptyID + "/record":                         "record",
		"/pub/v3.0/" + BigRecordID + "/works":                      "works",
	} {
		st, h, body := get(t, s, path, "")
		if st >= 500 || !strings.HasPrefix(h.Get("Content-Type"), "application/vnd.orcid+xml") {
			t.Errorf("%s: %d %s", path, st, h.Get("Content-Type"))
			continue
		}
		dec := xml.NewDecoder(bytes.NewReader(body))
		var first xml.Name
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s: %v", path, err)
				break
			}
			if se, ok := tok.(xml.StartElement); ok && first.Local == "" {
				first = se.Name
			}
		}
		if first.Local != root || !strings.HasPrefix(first.Space, "http://www.orcid.org/ns/") {
			t.Errorf("%s: root %v, want %s", path, first, root)
		}
	}
}

func TestRateLimitAndQuota(t *testing.T) {
	s := NewServer(WithRateLimit(0.001, 3))
	defer s.Close()
	path := "/pub/v3.0/" + CarberryID + "/works"
	var statuses []int
	for i := 0; i < 5; i++ {
		st, _, _ := get(t, s, path, "application/json")
		statuses = append(statuses, st)
	}
	if fmt.Sprint(statuses) != "[200 200 200 503 503]" {
		t.Errorf("burst 3: %v", statuses)
	}
	s.SetRateLimit(0, 0)
	s.SetDailyQuota(2)
	statuses = nil
	var last []byte
	for i := 0; i < 3; i++ {
		st, _, body := get(t, s, path, "application/json")
		statuses = append(statuses, st)
		last = body
	}
	if fmt.Sprint(statuses) != "[200 200 429]" || !strings.HasPrefix(string(last), "Too Many Requests. You have exceeded the daily quota for anonymous usage of this API.") {
		t.Errorf("quota 2: %v %s", statuses, last)
	}
	// The registry role is never limited.
	if st, _, _ := get(t, s, "/", ""); st != 200 {
		t.Errorf("landing page: %d", st)
	}
	s.SetDailyQuota(0)
	if st, _, _ := get(t, s, path, "application/json"); st != 200 {
		t.Errorf("quota off: %d", st)
	}
	if n := s.CountStatus(503); n != 2 {
		t.Errorf("CountStatus(503) = %d", n)
	}
}

func TestFailNextAndInject(t *testing.T) {
	s := NewServer()
	defer s.Close()
	path := "/pub/v3.0/" + CarberryID + "/person"
	s.FailNext(2, 503)
	var statuses []int
	for i := 0; i < 3; i++ {
		st, _, _ := get(t, s, path, "application/json")
		statuses = append(statuses, st)
	}
	if fmt.Sprint(statuses) != "[503 503 200]" {
		t.Errorf("FailNext(2, 503): %v", statuses)
	}
	s.FailNextWith(1, 200, "application/json", `{"truncated": `)
	if _, _, body := get(t, s, path, "application/json"); string(body) != `{"truncated": ` {
		t.Errorf("garbage: %s", body)
	}
	remove := s.Inject(func(w http.ResponseWriter, r *http.Request) bool {
		if strings.HasSuffix(r.URL.Path, "/person") {
			http.Error(w, "<html>maintenance</html>", http.StatusBadGateway)
			return true
		}
		return false
	})
	if st, _, _ := get(t, s, path, "application/json"); st != 502 {
		t.Errorf("injected: %d", st)
	}
	remove()
	if st, _, _ := get(t, s, path, "application/json"); st != 200 {
		t.Errorf("after remove: %d", st)
	}
}

func TestRequestLog(t *testing.T) {
	s := NewServer()
	defer s.Close()
	get(t, s, "/pub/v3.0/"+CarberryID+"/works", "application/json")
	get(t, s, "/pub/v3.0/"+CarberryID+"/person", "")
	get(t, s, "/pub/v3.0/search?q=x&rows=1", "application/xml", "Authorization", "Bearer nope")
	reqs := s.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests logged", len(reqs))
	}
	if r := reqs[0]; r.Method != "GET" || r.Path != "/pub/v3.0/"+CarberryID+"/works" || r.Accept != "application/json" || r.Authorization || r.Status != 200 || r.Time.IsZero() {
		t.Errorf("first: %+v", r)
	}
	if r := reqs[2]; r.Query != "q=x&rows=1" || !r.Authorization || r.Status != 401 {
		t.Errorf("third: %+v", r)
	}
	if n := s.CountPath("/pub/v3.0/" + CarberryID); n != 2 {
		t.Errorf("CountPath = %d", n)
	}
	s.ResetRequests()
	if len(s.Requests()) != 0 {
		t.Errorf("not reset")
	}
}

func TestConcurrentRequests(t *testing.T) {
	s := NewServer()
	defer s.Close()
	var wg sync.WaitGroup
	paths := []string{"/pub/v3.0/" + CarberryID, "/pub/v3.0/" + TanakaID + "/works", "/pub/v3.0/search?q=smith&rows=5", "/pub/v3.0/" + syntheticID(42) + "/record"}
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			req, _ := http.NewRequest("GET", s.URL()+paths[i%len(paths)], nil)
			req.Header.Set("Accept", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("%s: %d", paths[i%len(paths)], resp.StatusCode)
			}
		}(i)
	}
	wg.Wait()
	if n := len(s.Requests()); n != 16 {
		t.Errorf("%d logged", n)
	}
}

func TestEnvironmentAndVersions(t *testing.T) {
	s := NewServer()
	defer s.Close()
	env := s.Environment()
	if env.Name != "demo" || !env.AnyLoopbackPort || env.PublicAPIURL != s.URL()+"/pub" || env.MemberAPIURL != s.URL()+"/api" || env.RegistryURL != s.URL() {
		t.Errorf("%+v", env)
	}
	st, h, _ := get(t, s, "/pub/"+CarberryID+"/works", "application/json")
	if st != 302 || h.Get("Location") != "/pub/v3.0/"+CarberryID+"/works" {
		t.Errorf("unversioned: %d %s", st, h.Get("Location"))
	}
	st, h, _ = get(t, s, "/pub/v3.0_rc1/"+CarberryID, "application/json")
	if st != 308 || h.Get("Location") != "/pub/v3.0/"+CarberryID {
		t.Errorf("v3.0_rc1: %d %s", st, h.Get("Location"))
	}
}

// Every synthetic name is valid UTF-8: initials of non-ASCII names are whole
// letters, not half of one.
func TestSyntheticNamesAreValidUTF8(t *testing.T) {
	nonASCIIInitials := 0
	for i := 0; i < SyntheticPeople; i++ {
		p := synthetic(i)
		for _, s := range append([]string{p.Given, p.Family, p.Credit}, p.OtherNames...) {
			if !utf8.ValidString(s) {
				t.Fatalf("synthetic person %d has invalid UTF-8 in %q", i, s)
			}
		}
		if p.Credit != "" && p.Credit[0] >= 0x80 {
			nonASCIIInitials++
		}
	}
	if nonASCIIInitials == 0 {
		t.Error("no credit name starts with a non-ASCII initial: the test shows nothing")
	}
}
