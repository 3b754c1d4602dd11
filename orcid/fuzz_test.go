package orcid

// Fuzz targets for the JSON and XML decoders (issue 5, "Hostile input").
// Seed corpora live in testdata/fuzz/<FuzzName>/; .ci/fuzz runs every target
// briefly. Properties:
//   - decoding never panics, whatever the bytes;
//   - when decoding succeeds, the accessors the TUI and CLI call (DisplayName,
//     Counts, PutCodes, DOI, FuzzyDate.String, Period, ...) do not panic and
//     agree with the data;
//   - JSON: marshalling a decoded value and decoding it again is stable
//     (the second marshal gives the same bytes as the first);
//   - the raw view's pretty-printer never panics, and what it makes of a
//     document is a document again.
//
// A seed stays small: "@@" in the input is replaced by the rune before it
// repeated 10,000 times (fzExpand), so one short seed holds a 10,000-character
// name or title.

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"
)

// fzLongMarker is expanded by fzExpand.
const (
	fzLongMarker = "@@"
	fzLongRunes  = 10000
	fzMaxExpands = 3
)

// fzExpand replaces up to three "@@" with the rune just before each,
// repeated 10,000 times (an invalid byte is repeated as it is).
func fzExpand(data []byte) []byte {
	marker := []byte(fzLongMarker)
	if !bytes.Contains(data, marker) {
		return data
	}
	var out bytes.Buffer
	rest := data
	for n := 0; n < fzMaxExpands; n++ {
		i := bytes.Index(rest, marker)
		if i < 0 {
			break
		}
		out.Write(rest[:i])
		if i > 0 {
			r, size := utf8.DecodeLastRune(rest[:i])
			unit := rest[i-size : i]
			if r == utf8.RuneError && size <= 1 {
				unit = rest[i-1 : i]
			}
			out.Write(bytes.Repeat(unit, fzLongRunes-1))
		}
		rest = rest[i+len(marker):]
	}
	out.Write(rest)
	return out.Bytes()
}

func FuzzDecodeRecordJSON(f *testing.F) {
	for _, s := range fzRecordJSONSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		data = fzExpand(data)
		fzJSON(t, data, func(r *Record) { fzTouchRecord(t, r) })
		fzJSON(t, data, func(p *Person) { fzTouchPerson(t, p) })
		fzJSON(t, data, func(a *ActivitiesSummary) { fzTouchActivities(t, a) })
		fzJSON(t, data, func(a *Affiliations) { fzTouchAffiliations(t, a) })
		fzJSON(t, data, func(s *AffiliationSummary) { fzTouchAffiliation(t, s) })
		fzJSON(t, data, func(e *ErrorDocument) {})
		fzErrorBody(t, data, kindJSON)
		fzPretty(t, data, "application/vnd.orcid+json")
	})
}

func FuzzDecodeWorksJSON(f *testing.F) {
	for _, s := range fzWorksJSONSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		data = fzExpand(data)
		fzJSON(t, data, func(w *Works) { fzTouchWorks(t, w) })
		fzJSON(t, data, func(w *Work) { fzTouchWork(t, w) })
		fzJSON(t, data, func(b *WorkBulk) { fzTouchBulk(t, b) })
		fzJSON(t, data, func(fs *Fundings) { fzTouchFundings(t, fs) })
		fzJSON(t, data, func(p *PeerReviews) { fzTouchPeerReviews(t, p) })
		fzJSON(t, data, func(s *SearchResult) { fzTouchSearch(t, s) })
		fzJSON(t, data, func(s *ExpandedSearchResult) { fzTouchExpanded(t, s) })
		fzPretty(t, data, "application/json")
	})
}

// fzXMLTargets are the types FuzzDecodeXML decodes into; its first
// argument picks one (modulo the count), so each run decodes once and the
// fuzzer can carry a document over to another type.
var fzXMLTargets = []struct {
	name   string
	decode func(t *testing.T, data []byte)
}{
	{"record", func(t *testing.T, data []byte) { fzXML(t, data, func(r *Record) { fzTouchRecord(t, r) }) }},
	{"works", func(t *testing.T, data []byte) { fzXML(t, data, func(w *Works) { fzTouchWorks(t, w) }) }},
	{"bulk", func(t *testing.T, data []byte) { fzXML(t, data, func(b *WorkBulk) { fzTouchBulk(t, b) }) }},
	{"search", func(t *testing.T, data []byte) { fzXML(t, data, func(s *SearchResult) { fzTouchSearch(t, s) }) }},
	{"expanded-search", func(t *testing.T, data []byte) {
		fzXML(t, data, func(s *ExpandedSearchResult) { fzTouchExpanded(t, s) })
	}},
	{"error", func(t *testing.T, data []byte) {
		fzXML(t, data, func(e *ErrorDocument) {})
		fzErrorBody(t, data, kindXML)
	}},
	{"work", func(t *testing.T, data []byte) { fzXML(t, data, func(w *Work) { fzTouchWork(t, w) }) }},
	{"person", func(t *testing.T, data []byte) { fzXML(t, data, func(p *Person) { fzTouchPerson(t, p) }) }},
	{"activities", func(t *testing.T, data []byte) {
		fzXML(t, data, func(a *ActivitiesSummary) { fzTouchActivities(t, a) })
	}},
	{"affiliations", func(t *testing.T, data []byte) {
		fzXML(t, data, func(a *Affiliations) { fzTouchAffiliations(t, a) })
	}},
	{"fundings", func(t *testing.T, data []byte) { fzXML(t, data, func(fs *Fundings) { fzTouchFundings(t, fs) }) }},
	{"peer-reviews", func(t *testing.T, data []byte) {
		fzXML(t, data, func(p *PeerReviews) { fzTouchPeerReviews(t, p) })
	}},
	{"research-resources", func(t *testing.T, data []byte) {
		fzXML(t, data, func(r *ResearchResources) { _ = r.Count() })
	}},
	{"sniffed", func(t *testing.T, data []byte) {
		// The client's own path: no Content-Type, the body sniffed.
		var rec Record
		_ = decodeInto(&Body{Data: data}, kindUnknown, &rec)
		fzPretty(t, data, "")
	}},
}

// fzXMLKind is the index of a target in fzXMLTargets.
func fzXMLKind(name string) uint8 {
	for i, x := range fzXMLTargets {
		if x.name == name {
			return uint8(i)
		}
	}
	panic("no XML target " + name)
}

func FuzzDecodeXML(f *testing.F) {
	for _, s := range fzXMLSeeds {
		f.Add(fzXMLKind(s.kind), []byte(s.doc))
	}
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		data = fzExpand(data)
		fzXMLTargets[int(kind)%len(fzXMLTargets)].decode(t, data)
		fzPretty(t, data, "application/vnd.orcid+xml")
	})
}

// fzJSON decodes data into a new T; on success it calls touch, then checks
// that marshal -> unmarshal -> marshal gives the same bytes twice.
func fzJSON[T any](t *testing.T, data []byte, touch func(*T)) {
	t.Helper()
	var v T
	if json.Unmarshal(data, &v) != nil {
		return
	}
	touch(&v)
	m1, err := json.Marshal(&v)
	if err != nil {
		t.Fatalf("%T decoded but does not marshal: %v", v, err)
	}
	var v2 T
	if err := json.Unmarshal(m1, &v2); err != nil {
		t.Fatalf("%T: its own JSON does not decode: %v\n%s", v, err, fzShort(m1))
	}
	touch(&v2)
	m2, err := json.Marshal(&v2)
	if err != nil {
		t.Fatalf("%T: second marshal: %v", v, err)
	}
	if !bytes.Equal(m1, m2) {
		t.Fatalf("%T: marshal -> unmarshal -> marshal is not stable:\n%s\n%s", v, fzShort(m1), fzShort(m2))
	}
}

// fzXML decodes data into a new T and calls touch on success.
func fzXML[T any](t *testing.T, data []byte, touch func(*T)) {
	t.Helper()
	var v T
	if xml.Unmarshal(data, &v) != nil {
		return
	}
	touch(&v)
}

func fzShort(b []byte) string {
	if len(b) > 400 {
		return string(b[:400]) + "…"
	}
	return string(b)
}

// fzErrorBody runs the error-body parser the client uses on non-2xx answers.
func fzErrorBody(t *testing.T, data []byte, kind mediaKind) {
	t.Helper()
	for _, k := range []mediaKind{kind, kindUnknown} {
		apiErr, oauthErr, ok := parseErrorBody(400, k, data)
		switch {
		case !ok && (apiErr != nil || oauthErr != nil):
			t.Fatalf("parseErrorBody: not ok but %v %v", apiErr, oauthErr)
		case ok && (apiErr == nil) == (oauthErr == nil):
			t.Fatalf("parseErrorBody: ok with %v and %v", apiErr, oauthErr)
		case apiErr != nil:
			_ = apiErr.Error()
		case oauthErr != nil:
			_ = oauthErr.Error()
		}
	}
}

// fzPretty checks the raw view's pretty-printer: no panic; valid JSON stays
// the same JSON; an XML document it re-indents is a document it accepts again.
func fzPretty(t *testing.T, data []byte, contentType string) {
	t.Helper()
	b := &Body{ContentType: contentType, Data: data}
	out := b.Pretty()
	if b.IsJSON() && json.Valid(data) {
		var c1, c2 bytes.Buffer
		if err := json.Compact(&c1, data); err != nil {
			t.Fatal(err)
		}
		if err := json.Compact(&c2, out); err != nil {
			t.Fatalf("pretty JSON is not JSON: %v\n%s", err, fzShort(out))
		}
		if !bytes.Equal(c1.Bytes(), c2.Bytes()) {
			t.Fatalf("pretty JSON changed the document:\n%s\n%s", fzShort(c1.Bytes()), fzShort(c2.Bytes()))
		}
	}
	if b.IsXML() {
		if first, err := indentXML(data); err == nil {
			if _, err := indentXML(first); err != nil {
				t.Fatalf("re-indented XML does not parse again: %v\n%s", err, fzShort(first))
			}
		}
	}
}

// ---- accessors -------------------------------------------------------------

func fzTouchRecord(t *testing.T, r *Record) {
	_ = r.DisplayName()
	_ = r.ID()
	if r.History != nil {
		_ = r.History.LastModifiedDate.Time()
		_ = r.History.SubmissionDate.IsZero()
	}
	if r.DisplayName() != r.Person.DisplayName() {
		t.Fatalf("record and person names differ: %q %q", r.DisplayName(), r.Person.DisplayName())
	}
	fzTouchPerson(t, r.Person)
	fzTouchActivities(t, r.ActivitiesSummary)
}

func fzTouchPerson(t *testing.T, p *Person) {
	name := p.DisplayName()
	if name != strings.TrimSpace(name) {
		t.Fatalf("display name %q is not trimmed", name)
	}
	if p == nil {
		return
	}
	if p.Name != nil {
		_ = p.Name.LastModifiedDate.Time()
		if p.Name.Display() != name {
			t.Fatalf("Name.Display %q != DisplayName %q", p.Name.Display(), name)
		}
	}
	if p.ResearcherURLs != nil {
		for _, u := range p.ResearcherURLs.ResearcherURL {
			_ = u.URL.String()
		}
	}
	if p.Addresses != nil {
		for _, a := range p.Addresses.Address {
			_ = a.Country.String()
		}
	}
}

func fzTouchActivities(t *testing.T, a *ActivitiesSummary) {
	c := a.Counts()
	if c.Total() < 0 || c.Works != fzWorksCount(a) || a.Section("nonsense") != nil {
		t.Fatalf("counts %+v", c)
	}
	for _, s := range AffiliationSections {
		fzTouchAffiliations(t, a.Section(s))
	}
	if a == nil {
		return
	}
	fzTouchWorks(t, a.Works)
	fzTouchFundings(t, a.Fundings)
	fzTouchPeerReviews(t, a.PeerReviews)
	_ = a.ResearchResources.Count()
}

func fzWorksCount(a *ActivitiesSummary) int {
	if a == nil {
		return 0
	}
	return a.Works.Count()
}

func fzTouchAffiliations(t *testing.T, a *Affiliations) {
	pref := a.Preferred()
	if len(pref) > a.Count() {
		t.Fatalf("%d preferred summaries of %d groups", len(pref), a.Count())
	}
	for _, s := range pref {
		fzTouchAffiliation(t, s)
	}
}

func fzTouchAffiliation(t *testing.T, s *AffiliationSummary) {
	_ = s.OrgName()
	p := s.Period()
	if s == nil {
		return
	}
	start, end := s.StartDate.String(), s.EndDate.String()
	if (start == "" && end == "") != (p == "") {
		t.Fatalf("period %q from %q and %q", p, start, end)
	}
	if s.Organization != nil {
		_ = s.Organization.Place()
	}
	_ = s.CreatedDate.Time()
}

func fzTouchDate(t *testing.T, d *FuzzyDate) {
	s := d.String()
	_ = d.YearInt()
	if d == nil {
		return
	}
	y := strings.TrimSpace(d.Year.String())
	if (y == "") != (s == "") || !strings.HasPrefix(s, y) {
		t.Fatalf("FuzzyDate %+v -> %q", d, s)
	}
}

func fzTouchWorks(t *testing.T, w *Works) {
	pcs := w.PutCodes()
	pref := w.Preferred()
	all := WorkPutCodes(w)
	if len(pcs) != len(pref) || len(pcs) > w.Count() || len(all) < len(pcs) {
		t.Fatalf("%d put-codes, %d preferred, %d groups, %d summaries", len(pcs), len(pref), w.Count(), len(all))
	}
	for i, s := range pref {
		if s.PutCode != pcs[i] {
			t.Fatalf("preferred %d has put-code %d, PutCodes says %d", i, s.PutCode, pcs[i])
		}
	}
	if w == nil {
		return
	}
	for gi := range w.Group {
		g := &w.Group[gi]
		_ = g.ExternalIDs.Find("doi")
		for si := range g.WorkSummary {
			s := &g.WorkSummary[si]
			_ = s.TitleString()
			if y := s.Year(); y != strings.TrimSpace(y) {
				t.Fatalf("year %q", y)
			}
			fzTouchDOI(t, s.DOI(), s.ExternalIDs)
			fzTouchDate(t, s.PublicationDate)
			_ = s.LastModified.Time()
		}
	}
}

// fzTouchDOI: a DOI comes back without a resolver prefix, and only when the
// external ids hold one.
func fzTouchDOI(t *testing.T, doi string, ids *ExternalIDs) {
	if doi != "" && ids.Find("DOI") == nil {
		t.Fatalf("DOI %q from no doi external id", doi)
	}
	if strings.HasPrefix(strings.ToLower(doi), "https://doi.org/") || doi != strings.TrimSpace(doi) {
		t.Fatalf("DOI %q keeps its prefix or spaces", doi)
	}
}

func fzTouchWork(t *testing.T, w *Work) {
	_ = w.TitleString()
	_ = w.Year()
	if w == nil {
		return
	}
	fzTouchDOI(t, w.DOI(), w.ExternalIDs)
	fzTouchDate(t, w.PublicationDate)
	if w.Contributors != nil {
		for _, c := range w.Contributors.Contributor {
			_ = c.CreditName.String()
			_ = c.ContributorEmail.String()
		}
	}
}

// fzTouchBulk also pairs the answer with put-codes as AllFullWorks does:
// every put-code asked for is either placed or listed as failed.
func fzTouchBulk(t *testing.T, b *WorkBulk) {
	var asked []int64
	for _, it := range b.Bulk {
		fzTouchWork(t, it.Work)
		if it.Work != nil {
			asked = append(asked, it.Work.PutCode)
		}
		if it.Error != nil {
			_ = it.Error.DeveloperMessage
		}
	}
	asked = append(asked, 1<<40) // one no work answers
	slots := make([]*Work, len(asked))
	failed := placeBulk(b, asked, slots)
	placed := 0
	for i, w := range slots {
		if w != nil {
			placed++
			if w.PutCode != asked[i] {
				t.Fatalf("slot %d holds put-code %d, asked %d", i, w.PutCode, asked[i])
			}
		}
	}
	if placed+len(failed) != len(asked) {
		t.Fatalf("%d placed + %d failed != %d asked", placed, len(failed), len(asked))
	}
	for _, f := range failed {
		if f.Err == nil || f.Error() == "" {
			t.Fatalf("failure without an error: %+v", f)
		}
	}
}

func fzTouchFundings(t *testing.T, fs *Fundings) {
	_ = fs.Count()
	if fs == nil {
		return
	}
	for _, g := range fs.Group {
		for i := range g.FundingSummary {
			s := &g.FundingSummary[i]
			_ = s.Title.TitleString()
			fzTouchDate(t, s.StartDate)
			fzTouchDate(t, s.EndDate)
			_ = s.Organization.Place()
		}
	}
}

func fzTouchPeerReviews(t *testing.T, p *PeerReviews) {
	if p.ReviewCount() < 0 || p.Count() < 0 {
		t.Fatal("negative count")
	}
	if p == nil {
		return
	}
	for _, g := range p.Group {
		for _, sg := range g.PeerReviewGroup {
			for i := range sg.PeerReviewSummary {
				fzTouchDate(t, sg.PeerReviewSummary[i].CompletionDate)
			}
		}
	}
}

func fzTouchSearch(t *testing.T, s *SearchResult) {
	for _, id := range s.IDs() {
		if !looksLikeID(string(id)) {
			t.Fatalf("IDs() gave %q", id)
		}
	}
}

func fzTouchExpanded(t *testing.T, s *ExpandedSearchResult) {
	for _, id := range s.IDs() {
		if !looksLikeID(string(id)) {
			t.Fatalf("IDs() gave %q", id)
		}
	}
	if s == nil {
		return
	}
	for i := range s.ExpandedResult {
		r := &s.ExpandedResult[i]
		if n := r.DisplayName(); n != strings.TrimSpace(n) {
			t.Fatalf("display name %q", n)
		}
	}
}

// ---- seeds -------------------------------------------------------------------

// Hand-written ORCID-shaped documents (never copies of the shared fixtures).
// testdata/fuzz/<FuzzName>/ holds more, hostile ones.

var fzRecordJSONSeeds = []string{
	`{"orcid-identifier":{"uri":"https://orcid.org/0000-0002-1825-0097","path":"0000-0002-1825-0097","host":"orcid.org"},
"person":{"name":{"given-names":{"value":"Josiah"},"family-name":{"value":"Carberry"},"credit-name":null,"visibility":"public","path":"0000-0002-1825-0097"},
"biography":{"content":"Psychoceramics","visibility":"public"}},
"activities-summary":{"works":{"group":[{"work-summary":[{"put-code":1,"title":{"title":{"value":"Cracked pots"}},"publication-date":{"year":{"value":"2012"},"month":{"value":"1"},"day":null},
"external-ids":{"external-id":[{"external-id-type":"doi","external-id-value":"https://doi.org/10.5555/12345678","external-id-relationship":"self"}]}}]}]},
"employments":{"affiliation-group":[{"summaries":[{"employment-summary":{"put-code":7,"organization":{"name":"Brown University","address":{"city":"Providence","region":"RI","country":"US"}},"start-date":{"year":{"value":"1980"}},"end-date":null}}]}]}},
"path":"/0000-0002-1825-0097"}`,
	`{"person":{"name":null},"activities-summary":null,"history":{"claimed":true,"last-modified-date":{"value":1457000000000}}}`,
	`{"response-code":404,"developer-message":"404 Not Found: The resource was not found.","user-message":"The resource was not found.","error-code":9016,"more-info":"https://members.orcid.org/api/resources/troubleshooting"}`,
	`{"error":"invalid_token","error_description":"Invalid access token: 1234"}`,
	`{"summaries":[{"":{}},{"x":{"path":"/0000-0002-1825-0097/education/1"}}]}`,
	`{"person":{"name":{"credit-name":{"value":"\u001b[2J\u001b]52;c;AAAA\u0007\u202eevil\ud800@@"},"given-names":{"value":"\u009b31m"}}}}`,
}

var fzWorksJSONSeeds = []string{
	`{"last-modified-date":{"value":1}, "group":[{"external-ids":{"external-id":[]},"work-summary":[{"put-code":12,"title":{"title":{"value":"A"},"subtitle":null},"type":"journal-article","display-index":"0"},{"put-code":13}]},{"work-summary":[]}],"path":"/0000-0002-1825-0097/works"}`,
	`{"put-code":12,"title":{"title":{"value":"A title"}},"contributors":{"contributor":[{"credit-name":{"value":"J. Carberry"},"contributor-email":"j@example.org","contributor-attributes":{"contributor-sequence":"first","contributor-role":"author"}}]},"external-ids":{"external-id":[{"external-id-type":"DOI","external-id-value":"doi:10.1000/182"}]}}`,
	`{"bulk":[{"work":{"put-code":1}},{"error":{"response-code":404,"developer-message":"no work 2","error-code":9016}},{"work":{"put-code":3}}]}`,
	`{"num-found":2,"result":[{"orcid-identifier":{"uri":"https://orcid.org/0000-0002-1825-0097","path":"0000-0002-1825-0097","host":"orcid.org"}},{"orcid-identifier":{"path":"not-an-id"}}]}`,
	`{"num-found":1,"expanded-result":[{"orcid-id":"0000-0002-1825-0097","given-names":"Josiah","family-names":"Carberry","credit-name":" ","institution-name":["Brown University"]}]}`,
	`{"num-found":0,"result":null,"expanded-result":null}`,
	`{"group":[{"peer-review-group":[{"peer-review-summary":[{"put-code":5,"completion-date":{"year":{"value":" "},"month":{"value":"13"}}}]}]}]}`,
	"{\"group\":[{\"work-summary\":[{\"put-code\":1,\"title\":{\"title\":{\"value\":\"\xff\xfe\u200b\u2066t@@\"}}}]}]}",
}

var fzXMLSeeds = []struct{ kind, doc string }{
	{"record", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<record:record path="/0000-0002-1825-0097" xmlns:record="http://www.orcid.org/ns/record" xmlns:common="http://www.orcid.org/ns/common" xmlns:person="http://www.orcid.org/ns/person" xmlns:personal-details="http://www.orcid.org/ns/personal-details">
  <common:orcid-identifier><common:uri>https://orcid.org/0000-0002-1825-0097</common:uri><common:path>0000-0002-1825-0097</common:path><common:host>orcid.org</common:host></common:orcid-identifier>
  <person:person path="/0000-0002-1825-0097/person"><person:name visibility="public"><personal-details:given-names>Josiah</personal-details:given-names><personal-details:family-name>Carberry</personal-details:family-name></person:name></person:person>
</record:record>`},
	{"works", `<activities:works path="/0000-0002-1825-0097/works" xmlns:activities="http://www.orcid.org/ns/activities" xmlns:work="http://www.orcid.org/ns/work" xmlns:common="http://www.orcid.org/ns/common">
<common:last-modified-date>2017-01-18T15:03:56.856-06:00</common:last-modified-date>
<activities:group><work:work-summary put-code="12" display-index="0"><work:title><common:title>A</common:title></work:title><common:publication-date><common:year>2012</common:year><common:month>1</common:month></common:publication-date>
<common:external-ids><common:external-id><common:external-id-type>doi</common:external-id-type><common:external-id-value>10.1000/182</common:external-id-value><common:external-id-relationship>self</common:external-id-relationship></common:external-id></common:external-ids></work:work-summary></activities:group></activities:works>`},
	{"bulk", `<bulk:bulk xmlns:bulk="http://www.orcid.org/ns/bulk" xmlns:work="http://www.orcid.org/ns/work" xmlns:error="http://www.orcid.org/ns/error"><work:work put-code="1"/><error:error><error:response-code>404</error:response-code><error:developer-message>no work</error:developer-message><error:error-code>9016</error:error-code></error:error></bulk:bulk>`},
	{"search", `<search:search num-found="1" xmlns:search="http://www.orcid.org/ns/search" xmlns:common="http://www.orcid.org/ns/common"><search:result><common:orcid-identifier><common:path>0000-0002-1825-0097</common:path></common:orcid-identifier></search:result></search:search>`},
	{"expanded-search", `<expanded-search:expanded-search num-found="1" xmlns:expanded-search="http://www.orcid.org/ns/expanded-search"><expanded-search:expanded-result><expanded-search:orcid-id>0000-0002-1825-0097</expanded-search:orcid-id><expanded-search:given-names>Josiah</expanded-search:given-names></expanded-search:expanded-result></expanded-search:expanded-search>`},
	{"error", `<error:error xmlns:error="http://www.orcid.org/ns/error"><error:response-code>409</error:response-code><error:developer-message>409 Conflict: the iD 0000-0002-1825-0097 was merged</error:developer-message><error:error-code> 9007 </error:error-code></error:error>`},
	{"affiliations", `<activities:employments xmlns:activities="http://www.orcid.org/ns/activities" xmlns:employment="http://www.orcid.org/ns/employment"><activities:affiliation-group><employment:employment-summary put-code="7"><common:start-date xmlns:common="c"><common:year>1980</common:year></common:start-date></employment:employment-summary></activities:affiliation-group></activities:employments>`},
	{"peer-reviews", `<peer-review:peer-reviews xmlns:peer-review="p"><activities:group xmlns:activities="a"><peer-review:summary put-code="1"/><activities:peer-review-group/></activities:group></peer-review:peer-reviews>`},
	{"work", "<work:work put-code=\"1\" xmlns:work=\"w\"><work:title><common:title xmlns:common=\"c\">\x1b]8;;https://evil.example/\x1b\\\u202eX@@</common:title></work:title><!-- c --><!DOCTYPE x></work:work>"},
	{"sniffed", `<a>&amp;&lt;&#13;<![CDATA[]]>]]></a>`},
}

// Ensure the seeds at least parse where they are meant to (a seed that
// never decodes explores less).
func TestFuzzSeedsDecode(t *testing.T) {
	for i, s := range fzRecordJSONSeeds {
		if !json.Valid(fzExpand([]byte(s))) {
			t.Errorf("record JSON seed %d is not JSON", i)
		}
	}
	for i, s := range fzWorksJSONSeeds {
		if !json.Valid(fzExpand([]byte(s))) {
			t.Errorf("works JSON seed %d is not JSON", i)
		}
	}
	for i, s := range fzXMLSeeds[:len(fzXMLSeeds)-2] {
		var v struct{ XMLName xml.Name }
		if err := xml.Unmarshal(fzExpand([]byte(s.doc)), &v); err != nil {
			t.Errorf("XML seed %d: %v", i, err)
		}
	}
	long := fzExpand([]byte("@@é@@|\xff@@|@@"))
	if want := strings.Repeat("é", fzLongRunes) + "|" + strings.Repeat("\xff", fzLongRunes) + "|@@"; string(long) != want {
		t.Errorf("fzExpand: %d bytes, want %d", len(long), len(want))
	}
}
