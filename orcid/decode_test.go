package orcid

import (
	"encoding/json"
	"encoding/xml"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Small documents in ORCID's shapes, written for these tests (they run
// without ../shared/fixtures).

func TestDecodeJSONWorksShapes(t *testing.T) {
	const doc = `{"last-modified-date":{"value":1580821752178},"group":[
	 {"last-modified-date":null,"external-ids":{"external-id":[]},"work-summary":[
	  {"put-code":11,"created-date":{"value":1580821752178},"last-modified-date":null,"source":{"source-orcid":null,
	   "source-client-id":{"uri":"https://orcid.org/client/0000-0001-9884-1913","path":"0000-0001-9884-1913","host":"orcid.org"},
	   "source-name":{"value":"Crossref"},"assertion-origin-orcid":null,"assertion-origin-client-id":null,"assertion-origin-name":null},
	   "title":{"title":{"value":"Psychoceramics"},"subtitle":null,"translated-title":null},
	   "external-ids":{"external-id":[
	    {"external-id-type":"doi","external-id-value":"10.1/part","external-id-normalized":null,"external-id-normalized-error":null,"external-id-url":null,"external-id-relationship":"part-of"},
	    {"external-id-type":"doi","external-id-value":"https://doi.org/10.5555/12345678","external-id-normalized":{"value":"10.5555/12345678","transient":true},
	     "external-id-normalized-error":null,"external-id-url":{"value":"https://doi.org/10.5555/12345678"},"external-id-relationship":"self"}]},
	   "url":null,"type":"journal-article","publication-date":{"year":{"value":"2012"},"month":{"value":"10"},"day":null},
	   "journal-title":null,"visibility":"public","path":"/0000-0002-1825-0097/work/11","display-index":"1"},
	  {"put-code":12,"title":null,"publication-date":null,"display-index":"0"}]},
	 {"last-modified-date":null,"external-ids":null,"work-summary":[{"put-code":21,"title":{"title":{"value":"Second"}},
	   "external-ids":{"external-id":[{"external-id-type":"doi","external-id-value":"doi:10.1/bad",
	   "external-id-normalized-error":{"error-code":"8001","error-message":"Cannot normalize identifier value doi:10.1/bad","transient":true},
	   "external-id-relationship":null}]}}]},
	 {"work-summary":[]}],
	"path":"/0000-0002-1825-0097/works"}`
	var w Works
	if err := json.Unmarshal([]byte(doc), &w); err != nil {
		t.Fatal(err)
	}
	if got := w.Count(); got != 3 {
		t.Fatalf("Count = %d, want 3", got)
	}
	if got := w.PutCodes(); !reflect.DeepEqual(got, []int64{11, 21}) {
		t.Errorf("PutCodes = %v, want [11 21] (first summary of each non-empty group)", got)
	}
	s := w.Group[0].Preferred()
	checks := []struct{ name, got, want string }{
		{"title", s.TitleString(), "Psychoceramics"},
		{"year", s.Year(), "2012"},
		{"date", s.PublicationDate.String(), "2012-10"},
		{"doi (self preferred, prefix trimmed)", s.DOI(), "10.5555/12345678"},
		{"display-index", s.DisplayIndex, "1"},
		{"source", s.Source.SourceName.String(), "Crossref"},
		{"client id", s.Source.SourceClientID.Path, "0000-0001-9884-1913"},
		{"second doi", w.Group[1].Preferred().DOI(), "10.1/bad"},
		{"normalized-error", w.Group[1].WorkSummary[0].ExternalIDs.ExternalID[0].NormalizedError.ErrorCode, "8001"},
		{"null title", w.Group[0].WorkSummary[1].TitleString(), ""},
		{"null date", w.Group[0].WorkSummary[1].Year(), ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if !s.ExternalIDs.ExternalID[1].Normalized.Transient {
		t.Error("external-id-normalized transient flag lost")
	}
	if got := s.CreatedDate.Time(); !got.Equal(time.UnixMilli(1580821752178)) {
		t.Errorf("created-date = %v", got)
	}
	if s.LastModified != nil {
		t.Errorf("null last-modified-date decoded as %+v", s.LastModified)
	}
}

func TestDecodeJSONSearchNullResult(t *testing.T) {
	tests := []struct {
		doc   string
		found int64
		ids   []ID
	}{
		{`{"result":null,"num-found":0}`, 0, nil},
		{`{"result":[{"orcid-identifier":{"uri":"https://orcid.org/0000-0002-1825-0097","path":"0000-0002-1825-0097","host":"orcid.org"}},
		  {"orcid-identifier":{"uri":null,"path":"../etc","host":null}}],"num-found":1234}`, 1234, []ID{"0000-0002-1825-0097"}},
	}
	for _, tc := range tests {
		var s SearchResult
		if err := json.Unmarshal([]byte(tc.doc), &s); err != nil {
			t.Fatal(err)
		}
		if s.NumFound != tc.found {
			t.Errorf("NumFound = %d, want %d", s.NumFound, tc.found)
		}
		if tc.found == 0 && s.Result != nil {
			t.Errorf("Result = %v, want nil", s.Result)
		}
		if got := s.IDs(); len(got) != len(tc.ids) || (len(got) > 0 && !reflect.DeepEqual(got, tc.ids)) {
			t.Errorf("IDs = %v, want %v", got, tc.ids)
		}
	}
}

func TestDecodeJSONExpandedSearch(t *testing.T) {
	const doc = `{"expanded-result":[
	 {"orcid-id":"0000-0002-1825-0097","given-names":"Josiah","family-names":"Carberry","credit-name":null,"other-name":["J. Carberry"],"email":[],"institution-name":["Brown University","Wesleyan University"]},
	 {"orcid-id":"0009-0001-2345-678X","given-names":"Jo","family-names":null,"credit-name":"Dr Jo","other-name":[],"email":["jo@example.org"],"institution-name":[]}],
	 "num-found":2}`
	var r ExpandedSearchResult
	if err := json.Unmarshal([]byte(doc), &r); err != nil {
		t.Fatal(err)
	}
	if r.NumFound != 2 || len(r.ExpandedResult) != 2 {
		t.Fatalf("got %d hits of %d", len(r.ExpandedResult), r.NumFound)
	}
	if got := r.ExpandedResult[0].DisplayName(); got != "Josiah Carberry" {
		t.Errorf("DisplayName = %q", got)
	}
	if got := r.ExpandedResult[1].DisplayName(); got != "Dr Jo" {
		t.Errorf("DisplayName with credit name = %q", got)
	}
	if r.ExpandedResult[1].FamilyNames != nil {
		t.Error("family-names null decoded as non-nil")
	}
	if got := r.IDs(); !reflect.DeepEqual(got, []ID{"0000-0002-1825-0097", "0009-0001-2345-678X"}) {
		t.Errorf("IDs = %v", got)
	}
	var empty ExpandedSearchResult
	if err := json.Unmarshal([]byte(`{"expanded-result":null,"num-found":0}`), &empty); err != nil || empty.ExpandedResult != nil {
		t.Errorf("zero hits: %v %v", empty.ExpandedResult, err)
	}
}

func TestDecodeJSONAffiliationKinds(t *testing.T) {
	kinds := []string{"employment", "education", "qualification", "invited-position", "distinction", "membership", "service"}
	for _, kind := range kinds {
		doc := `{"last-modified-date":{"value":1},"affiliation-group":[{"last-modified-date":null,"external-ids":{"external-id":[]},
		 "summaries":[{"` + kind + `-summary":{"put-code":7,"department-name":null,"role-title":"Prof",
		  "start-date":{"year":{"value":"2015"},"month":{"value":"8"},"day":null},"end-date":null,
		  "organization":{"name":"Brown University","address":{"city":"Providence","region":"RI","country":"US"},
		   "disambiguated-organization":{"disambiguated-organization-identifier":"https://ror.org/05gq02987","disambiguation-source":"ROR"}},
		  "url":null,"external-ids":null,"display-index":"0","visibility":"public","path":"/0000-0002-1825-0097/` + kind + `/7"}}]}],
		 "path":"/0000-0002-1825-0097/` + kind + `s"}`
		var a Affiliations
		if err := json.Unmarshal([]byte(doc), &a); err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		p := a.Preferred()
		if len(p) != 1 {
			t.Fatalf("%s: %d summaries", kind, len(p))
		}
		s := p[0]
		if s.Kind != kind || s.PutCode != 7 || s.OrgName() != "Brown University" {
			t.Errorf("%s: got kind %q put-code %d org %q", kind, s.Kind, s.PutCode, s.OrgName())
		}
		if got := s.Organization.Place(); got != "Providence, RI, US" {
			t.Errorf("Place = %q", got)
		}
		if got := s.Period(); got != "2015-08 – present" {
			t.Errorf("Period = %q", got)
		}
		// Marshalling gives the wrapped shape back.
		out, err := json.Marshal(&a)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), `"summaries":[{"`+kind+`-summary":{`) {
			t.Errorf("%s: marshalled without wrapper: %s", kind, out)
		}
		var back Affiliations
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, back) {
			t.Errorf("%s: round trip differs:\n%+v\n%+v", kind, a, back)
		}
	}
}

func TestDecodeJSONBareAffiliationSummary(t *testing.T) {
	var s AffiliationSummary
	doc := `{"put-code":3,"role-title":"Fellow","organization":{"name":"X","address":null},"path":"/0000-0002-1825-0097/invited-position/3"}`
	if err := json.Unmarshal([]byte(doc), &s); err != nil {
		t.Fatal(err)
	}
	if s.Kind != "invited-position" || s.RoleTitle != "Fellow" || s.Organization.Place() != "" {
		t.Errorf("got %+v", s)
	}
}

func TestDecodeJSONContributors(t *testing.T) {
	const doc = `{"put-code":77,"contributors":{"contributor":[
	 {"contributor-orcid":{"uri":"http://orcid.org/0000-0002-0734-2199","path":"0000-0002-0734-2199","host":null},
	  "credit-name":{"value":"Sebastian"},"contributor-email":null,
	  "contributor-attributes":{"contributor-sequence":null,"contributor-role":"author"}},
	 {"contributor-orcid":null,"credit-name":{"value":"Loïc"},"contributor-email":"loic@example.org",
	  "contributor-attributes":{"contributor-sequence":"additional","contributor-role":"author"}},
	 {"contributor-orcid":null,"credit-name":null,"contributor-email":{"value":"x@example.org"},"contributor-attributes":null}]},
	 "country":null,"language-code":"en","short-description":"Short","citation":{"citation-type":"bibtex","citation-value":"@article{}"}}`
	var w Work
	if err := json.Unmarshal([]byte(doc), &w); err != nil {
		t.Fatal(err)
	}
	c := w.Contributors.Contributor
	if len(c) != 3 {
		t.Fatalf("%d contributors", len(c))
	}
	if c[0].ContributorORCID.Host != "" || c[0].ContributorORCID.Path != "0000-0002-0734-2199" || c[0].ContributorEmail != nil {
		t.Errorf("contributor 0 = %+v", c[0])
	}
	if c[1].ContributorEmail.String() != "loic@example.org" || c[1].CreditName.String() != "Loïc" {
		t.Errorf("contributor 1 email %q", c[1].ContributorEmail.String())
	}
	if c[2].ContributorEmail.String() != "x@example.org" || c[2].ContributorAttributes != nil {
		t.Errorf("contributor 2 = %+v", c[2])
	}
	if w.Citation.Type != "bibtex" || w.LanguageCode != "en" || w.Country != nil {
		t.Errorf("work = %+v", w)
	}
	if err := json.Unmarshal([]byte(`{"contributor-email":42}`), new(Contributor)); err == nil {
		t.Error("numeric contributor-email accepted")
	}
}

func TestDecodeJSONBulk(t *testing.T) {
	const doc = `{"bulk":[{"work":{"put-code":1,"title":{"title":{"value":"One"}},"type":"book"}},
	 {"error":{"response-code":404,"developer-message":"404 Not Found: put-code 2","user-message":"The resource was not found.","error-code":9016,"more-info":"https://members.orcid.org/api/resources/troubleshooting"}},
	 {"work":{"put-code":3,"title":null}}]}`
	var b WorkBulk
	if err := json.Unmarshal([]byte(doc), &b); err != nil {
		t.Fatal(err)
	}
	if len(b.Bulk) != 3 || b.Bulk[0].Work.TitleString() != "One" || b.Bulk[1].Error.ErrorCode != 9016 || b.Bulk[2].Work.PutCode != 3 {
		t.Fatalf("bulk = %+v", b)
	}
	if b.Bulk[1].Work != nil || b.Bulk[0].Error != nil {
		t.Error("bulk item has both work and error")
	}
	out, _ := json.Marshal(&b)
	if strings.Contains(string(out), `"error":null`) || !strings.Contains(string(out), `{"error":{"response-code":404`) {
		t.Errorf("bulk marshals to %s", out)
	}
}

func TestDecodeXMLTimestamps(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"2016-01-01T00:00:00.000Z", time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()},
		{"2017-01-18T15:03:56.856-06:00\n\t\t", time.Date(2017, 1, 18, 21, 3, 56, 856e6, time.UTC).UnixMilli()},
		{"2001-12-31T12:00:00", time.Date(2001, 12, 31, 12, 0, 0, 0, time.UTC).UnixMilli()},
		{"2001-12-31", time.Date(2001, 12, 31, 0, 0, 0, 0, time.UTC).UnixMilli()},
		{"", 0},
		{"yesterday", 0},
	}
	for _, tc := range tests {
		var ts Timestamp
		if err := xml.Unmarshal([]byte("<common:last-modified-date>"+tc.in+"</common:last-modified-date>"), &ts); err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		if ts.Millis != tc.want {
			t.Errorf("%q -> %d, want %d", tc.in, ts.Millis, tc.want)
		}
	}
}

const xmlNS = `xmlns:common="http://www.orcid.org/ns/common" xmlns:work="http://www.orcid.org/ns/work" ` +
	`xmlns:activities="http://www.orcid.org/ns/activities" xmlns:employment="http://www.orcid.org/ns/employment" ` +
	`xmlns:education="http://www.orcid.org/ns/education" xmlns:error="http://www.orcid.org/ns/error" ` +
	`xmlns:bulk="http://www.orcid.org/ns/bulk" xmlns:search="http://www.orcid.org/ns/search" ` +
	`xmlns:expanded-search="http://www.orcid.org/ns/expanded-search" xmlns:peer-review="http://www.orcid.org/ns/peer-review"`

func TestDecodeXMLWorks(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<activities:works path="/0000-0002-1825-0097/works" ` + xmlNS + `>
 <common:last-modified-date>2016-01-01T00:00:00.000Z</common:last-modified-date>
 <activities:group>
  <common:external-ids><common:external-id><common:external-id-type>doi</common:external-id-type>
   <common:external-id-value>10.5555/12345678</common:external-id-value>
   <common:external-id-normalized transient="true">10.5555/12345678</common:external-id-normalized>
   <common:external-id-relationship>self</common:external-id-relationship></common:external-id></common:external-ids>
  <work:work-summary put-code="11" path="/0000-0002-1825-0097/work/11" visibility="public" display-index="0">
   <common:created-date>2016-01-01T00:00:00.000Z</common:created-date>
   <work:title><common:title>Psychoceramics</common:title>
    <common:translated-title language-code="fr">Psychocéramique</common:translated-title></work:title>
   <common:external-ids><common:external-id><common:external-id-type>doi</common:external-id-type>
    <common:external-id-value>10.5555/12345678</common:external-id-value>
    <common:external-id-relationship>self</common:external-id-relationship></common:external-id></common:external-ids>
   <work:type>journal-article</work:type>
   <common:publication-date><common:year>2012</common:year><common:month>10</common:month><common:day>01</common:day></common:publication-date>
   <work:journal-title>Journal of Psychoceramics</work:journal-title>
  </work:work-summary>
 </activities:group>
</activities:works>`
	var w Works
	if err := xml.Unmarshal([]byte(doc), &w); err != nil {
		t.Fatal(err)
	}
	if w.Path != "/0000-0002-1825-0097/works" || w.Count() != 1 {
		t.Fatalf("works = %+v", w)
	}
	s := w.Group[0].Preferred()
	if s.PutCode != 11 || s.DisplayIndex != "0" || s.Visibility != "public" || s.Type != "journal-article" {
		t.Errorf("attributes/type: %+v", s)
	}
	if s.TitleString() != "Psychoceramics" || s.Title.TranslatedTitle.LanguageCode != "fr" || s.Title.TranslatedTitle.Value != "Psychocéramique" {
		t.Errorf("title = %+v", s.Title)
	}
	if s.PublicationDate.String() != "2012-10-01" || s.DOI() != "10.5555/12345678" || s.JournalTitle.String() != "Journal of Psychoceramics" {
		t.Errorf("date %q doi %q journal %q", s.PublicationDate.String(), s.DOI(), s.JournalTitle.String())
	}
	if !w.Group[0].ExternalIDs.ExternalID[0].Normalized.Transient {
		t.Error("transient attribute lost")
	}
	if got := s.CreatedDate.Time().Format(time.RFC3339); got != "2016-01-01T00:00:00Z" {
		t.Errorf("created = %s", got)
	}
}

func TestDecodeXMLAffiliations(t *testing.T) {
	doc := `<activities:employments path="/0000-0002-1825-0097/employments" ` + xmlNS + `>
 <activities:affiliation-group>
  <common:last-modified-date>2016-01-01T00:00:00.000Z</common:last-modified-date>
  <common:external-ids/>
  <employment:employment-summary put-code="5" display-index="1" path="/0000-0002-1825-0097/employment/5" visibility="public">
   <common:department-name>Psychoceramics</common:department-name><common:role-title>Professor</common:role-title>
   <common:start-date><common:year>2001</common:year></common:start-date>
   <common:end-date><common:year>2010</common:year><common:month>6</common:month></common:end-date>
   <common:organization><common:name>Wesleyan University</common:name>
    <common:address><common:city>Middletown</common:city><common:region>CT</common:region><common:country>US</common:country></common:address>
   </common:organization>
  </employment:employment-summary>
  <employment:employment-summary put-code="6"><common:role-title>Lecturer</common:role-title></employment:employment-summary>
  <common:unexpected>ignored</common:unexpected>
 </activities:affiliation-group>
 <activities:affiliation-group>
  <education:education-summary put-code="8"/>
 </activities:affiliation-group>
</activities:employments>`
	var a Affiliations
	if err := xml.Unmarshal([]byte(doc), &a); err != nil {
		t.Fatal(err)
	}
	if a.Count() != 2 || len(a.AffiliationGroup[0].Summaries) != 2 {
		t.Fatalf("affiliations = %+v", a)
	}
	s := a.AffiliationGroup[0].Summaries[0]
	if s.Kind != "employment" || s.PutCode != 5 || s.DisplayIndex != "1" || s.RoleTitle != "Professor" || s.DepartmentName != "Psychoceramics" {
		t.Errorf("summary = %+v", s)
	}
	if s.Organization.Place() != "Middletown, CT, US" || s.Period() != "2001 – 2010-06" {
		t.Errorf("place %q period %q", s.Organization.Place(), s.Period())
	}
	if got := a.AffiliationGroup[1].Summaries[0].Kind; got != "education" {
		t.Errorf("second group kind = %q", got)
	}
	if a.AffiliationGroup[0].LastModifiedDate.Millis == 0 || a.AffiliationGroup[0].ExternalIDs == nil {
		t.Error("group fields lost")
	}
}

func TestDecodeXMLBulkSearchErrors(t *testing.T) {
	bulk := `<bulk:bulk ` + xmlNS + `>
 <work:work put-code="1" visibility="public"><work:title><common:title>One</common:title></work:title>
  <work:contributors><work:contributor>
   <common:contributor-orcid><common:uri>https://orcid.org/0000-0002-1825-0097</common:uri><common:path>0000-0002-1825-0097</common:path><common:host>orcid.org</common:host></common:contributor-orcid>
   <work:credit-name>Josiah Carberry</work:credit-name>
   <work:contributor-attributes><work:contributor-sequence>first</work:contributor-sequence><work:contributor-role>author</work:contributor-role></work:contributor-attributes>
  </work:contributor></work:contributors>
 </work:work>
 <error:error><error:response-code>404</error:response-code><error:developer-message>no 2</error:developer-message>
  <error:user-message>The resource was not found.</error:user-message><error:error-code>9016</error:error-code>
  <error:more-info>https://members.orcid.org/api/resources/troubleshooting</error:more-info></error:error>
 <work:work put-code="3"/>
</bulk:bulk>`
	var b WorkBulk
	if err := xml.Unmarshal([]byte(bulk), &b); err != nil {
		t.Fatal(err)
	}
	if len(b.Bulk) != 3 || b.Bulk[0].Work == nil || b.Bulk[1].Error == nil || b.Bulk[2].Work.PutCode != 3 {
		t.Fatalf("bulk = %+v", b)
	}
	c := b.Bulk[0].Work.Contributors.Contributor[0]
	if c.CreditName.String() != "Josiah Carberry" || c.ContributorORCID.Path != "0000-0002-1825-0097" || c.ContributorAttributes.Sequence != "first" {
		t.Errorf("contributor = %+v", c)
	}
	if e := b.Bulk[1].Error; e.ResponseCode != 404 || e.ErrorCode != 9016 || e.DeveloperMessage != "no 2" {
		t.Errorf("error = %+v", e)
	}

	var s SearchResult
	search := `<search:search num-found="2" ` + xmlNS + `>
 <search:result><common:orcid-identifier><common:uri>https://orcid.org/0000-0002-1825-0097</common:uri><common:path>0000-0002-1825-0097</common:path><common:host>orcid.org</common:host></common:orcid-identifier></search:result>
 <search:result><common:orcid-identifier><common:path>0009-0001-2345-678X</common:path></common:orcid-identifier></search:result>
</search:search>`
	if err := xml.Unmarshal([]byte(search), &s); err != nil {
		t.Fatal(err)
	}
	if s.NumFound != 2 || !reflect.DeepEqual(s.IDs(), []ID{"0000-0002-1825-0097", "0009-0001-2345-678X"}) {
		t.Errorf("search = %+v", s)
	}

	var x ExpandedSearchResult
	expanded := `<expanded-search:expanded-search num-found="1" ` + xmlNS + `>
 <expanded-search:expanded-result><expanded-search:orcid-id>0000-0002-1825-0097</expanded-search:orcid-id>
  <expanded-search:given-names>Josiah</expanded-search:given-names><expanded-search:family-names>Carberry</expanded-search:family-names>
  <expanded-search:other-name>J. Carberry</expanded-search:other-name><expanded-search:other-name>Jos Carberry</expanded-search:other-name>
  <expanded-search:institution-name>Brown University</expanded-search:institution-name>
 </expanded-search:expanded-result></expanded-search:expanded-search>`
	if err := xml.Unmarshal([]byte(expanded), &x); err != nil {
		t.Fatal(err)
	}
	if x.NumFound != 1 || x.ExpandedResult[0].DisplayName() != "Josiah Carberry" || len(x.ExpandedResult[0].OtherName) != 2 || x.ExpandedResult[0].CreditName != nil {
		t.Errorf("expanded = %+v", x)
	}

	for _, doc := range []string{
		`<error:error xmlns:error="http://www.orcid.org/ns/error"><error:response-code>409</error:response-code><error:developer-message>locked</error:developer-message><error:error-code>9018</error:error-code></error:error>`,
		`<error xmlns="http://www.orcid.org/ns/error"><response-code>409</response-code><developer-message>locked</developer-message><error-code>9018</error-code></error>`,
	} {
		var e ErrorDocument
		if err := xml.Unmarshal([]byte(doc), &e); err != nil {
			t.Fatal(err)
		}
		if e.ResponseCode != 409 || e.ErrorCode != 9018 || e.DeveloperMessage != "locked" {
			t.Errorf("error document = %+v from %s", e, doc)
		}
	}
}

func TestDecodeXMLFlatPeerReviews(t *testing.T) {
	doc := `<activities:peer-reviews path="/p" ` + xmlNS + `>
 <activities:group><common:last-modified-date>2017-01-17T11:55:44.542-06:00</common:last-modified-date>
  <peer-review:summary put-code="1994" display-index="0"><peer-review:reviewer-role>reviewer</peer-review:reviewer-role>
   <peer-review:completion-date><common:year>2016</common:year></peer-review:completion-date>
   <peer-review:convening-organization><common:name>ORCID</common:name></peer-review:convening-organization></peer-review:summary>
 </activities:group>
 <activities:group><activities:peer-review-group>
  <peer-review:peer-review-summary put-code="1"/><peer-review:peer-review-summary put-code="2"/></activities:peer-review-group></activities:group>
</activities:peer-reviews>`
	var p PeerReviews
	if err := xml.Unmarshal([]byte(doc), &p); err != nil {
		t.Fatal(err)
	}
	if p.Count() != 2 || p.ReviewCount() != 3 {
		t.Fatalf("count %d reviews %d", p.Count(), p.ReviewCount())
	}
	s := p.Group[0].PeerReviewGroup[0].PeerReviewSummary[0]
	if s.PutCode != 1994 || s.ReviewerRole != "reviewer" || s.CompletionDate.YearInt() != 2016 || s.ConveningOrganization.Name != "ORCID" {
		t.Errorf("summary = %+v", s)
	}
}

func TestAccessors(t *testing.T) {
	v := func(s string) *Value { return &Value{Value: s} }
	names := []struct {
		n    *Name
		want string
	}{
		{nil, ""},
		{&Name{}, ""},
		{&Name{GivenNames: v("Josiah"), FamilyName: v("Carberry")}, "Josiah Carberry"},
		{&Name{GivenNames: v("Josiah"), FamilyName: v("Carberry"), CreditName: v("J. S. Carberry")}, "J. S. Carberry"},
		{&Name{GivenNames: v("Madonna")}, "Madonna"},
		{&Name{FamilyName: v(" Carberry "), CreditName: v("  ")}, "Carberry"},
	}
	for _, tc := range names {
		if got := tc.n.Display(); got != tc.want {
			t.Errorf("Display(%+v) = %q, want %q", tc.n, got, tc.want)
		}
	}
	if got := (&Person{Name: names[3].n}).DisplayName(); got != "J. S. Carberry" {
		t.Errorf("Person.DisplayName = %q", got)
	}
	if got := (&Record{Person: &Person{Name: names[2].n}}).DisplayName(); got != "Josiah Carberry" {
		t.Errorf("Record.DisplayName = %q", got)
	}

	dates := []struct {
		d    *FuzzyDate
		str  string
		year int
	}{
		{nil, "", 0},
		{&FuzzyDate{}, "", 0},
		{&FuzzyDate{Year: v("2012"), Month: v("10"), Day: v("01")}, "2012-10-01", 2012},
		{&FuzzyDate{Year: v("2012"), Month: v("10")}, "2012-10", 2012},
		{&FuzzyDate{Year: v("2012"), Month: v("3"), Day: v("4")}, "2012-03-04", 2012},
		{&FuzzyDate{Year: v("2012"), Day: v("04")}, "2012", 2012},
		{&FuzzyDate{Month: v("10")}, "", 0},
		{&FuzzyDate{Year: v("20xx")}, "20xx", 0},
	}
	for _, tc := range dates {
		if got := tc.d.String(); got != tc.str {
			t.Errorf("String(%+v) = %q, want %q", tc.d, got, tc.str)
		}
		if got := tc.d.YearInt(); got != tc.year {
			t.Errorf("YearInt(%+v) = %d, want %d", tc.d, got, tc.year)
		}
	}

	var nilTS *Timestamp
	if !nilTS.Time().IsZero() || !nilTS.IsZero() || !(&Timestamp{}).Time().IsZero() {
		t.Error("absent timestamp is not the zero time")
	}
	if got := (&Timestamp{Millis: 1580821752178}).Time(); got != time.Date(2020, 2, 4, 13, 9, 12, 178e6, time.UTC) {
		t.Errorf("Time = %v", got)
	}

	places := []struct {
		o    *Organization
		want string
	}{
		{nil, ""},
		{&Organization{Name: "X"}, ""},
		{&Organization{Address: &OrganizationAddress{City: "Providence", Region: "RI", Country: "US"}}, "Providence, RI, US"},
		{&Organization{Address: &OrganizationAddress{City: "Hanover", Country: "DE"}}, "Hanover, DE"},
		{&Organization{Address: &OrganizationAddress{Country: "GB"}}, "GB"},
	}
	for _, tc := range places {
		if got := tc.o.Place(); got != tc.want {
			t.Errorf("Place(%+v) = %q, want %q", tc.o, got, tc.want)
		}
	}

	dois := []struct {
		ids  []ExternalID
		want string
	}{
		{nil, ""},
		{[]ExternalID{{Type: "isbn", Value: "978"}}, ""},
		{[]ExternalID{{Type: "doi", Value: "10.1/part", Relationship: "part-of"}, {Type: "DOI", Value: "doi:10.1/self", Relationship: "self"}}, "10.1/self"},
		{[]ExternalID{{Type: "doi", Value: "https://dx.doi.org/10.1/a", Relationship: "version-of"}}, "10.1/a"},
		{[]ExternalID{{Type: "doi", Value: " ", Normalized: v("10.1/n"), Relationship: "self"}}, "10.1/n"},
	}
	for _, tc := range dois {
		w := &Work{ExternalIDs: &ExternalIDs{ExternalID: tc.ids}}
		if got := w.DOI(); got != tc.want {
			t.Errorf("DOI(%+v) = %q, want %q", tc.ids, got, tc.want)
		}
	}

	// Nil receivers never panic.
	var (
		ws  *WorkSummary
		w   *Work
		wk  *Works
		as  *ActivitiesSummary
		er  *ExpandedResult
		sr  *SearchResult
		aff *Affiliations
		s   *AffiliationSummary
	)
	if ws.TitleString()+ws.Year()+ws.DOI()+w.TitleString()+w.Year()+w.DOI()+er.DisplayName()+s.OrgName()+s.Period() != "" ||
		wk.Count() != 0 || wk.PutCodes() != nil || as.Counts() != (SectionCounts{}) || sr.IDs() != nil || aff.Preferred() != nil {
		t.Error("nil receivers returned something")
	}
}

func TestActivitiesCounts(t *testing.T) {
	groups := func(n int) []AffiliationGroup { return make([]AffiliationGroup, n) }
	a := &ActivitiesSummary{
		Works:       &Works{Group: make([]WorkGroup, 12)},
		Fundings:    &Fundings{Group: make([]FundingGroup, 0)},
		PeerReviews: &PeerReviews{Group: make([]PeerReviewGroup, 3)},
		Employments: &Affiliations{AffiliationGroup: groups(2)},
		Educations:  &Affiliations{AffiliationGroup: groups(1)},
		Services:    &Affiliations{AffiliationGroup: groups(4)},
	}
	want := SectionCounts{Works: 12, PeerReviews: 3, Employments: 2, Educations: 1, Services: 4}
	got := a.Counts()
	if got != want {
		t.Errorf("Counts = %+v, want %+v", got, want)
	}
	if got.Total() != 22 {
		t.Errorf("Total = %d", got.Total())
	}
	if a.Section(Employments) != a.Employments || a.Section(Memberships) != nil || a.Section("bogus") != nil {
		t.Error("Section picks the wrong field")
	}
}

// TestJSONRoundTrip marshals a record with every section filled and checks
// that decoding the result gives the same value (the in-process registry
// serves these types with json.Marshal).
func TestJSONRoundTrip(t *testing.T) {
	rec := sampleRecord()
	out, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	var back Record
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rec, &back) {
		a, _ := json.MarshalIndent(rec, "", " ")
		b, _ := json.MarshalIndent(&back, "", " ")
		t.Fatalf("round trip differs\nbefore: %s\nafter:  %s", a, b)
	}
	for _, want := range []string{
		`"summaries":[{"employment-summary":{`,
		`"summaries":[{"invited-position-summary":{`,
		`"last-modified-date":{"value":1580821752178}`,
		`"publication-date":{"year":{"value":"2019"},"month":{"value":"06"},"day":null}`,
		`"display-index":"0"`,
		`"credit-name":null`,
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("marshalled record lacks %s", want)
		}
	}

	bulk := &WorkBulk{Bulk: []BulkItem{{Work: sampleWork(1)}, {Error: &ErrorDocument{ResponseCode: 404, ErrorCode: 9016}}}}
	out, err = json.Marshal(bulk)
	if err != nil {
		t.Fatal(err)
	}
	var bulkBack WorkBulk
	if err := json.Unmarshal(out, &bulkBack); err != nil || !reflect.DeepEqual(bulk, &bulkBack) {
		t.Errorf("bulk round trip: %v\n%s", err, out)
	}
}

func sampleRecord() *Record {
	v := func(s string) *Value { return &Value{Value: s} }
	ts := &Timestamp{Millis: 1580821752178}
	src := &Source{SourceORCID: &Identifier{URI: "https://orcid.org/0000-0002-1825-0097", Path: "0000-0002-1825-0097", Host: "orcid.org"}, SourceName: v("Josiah Carberry")}
	org := &Organization{Name: "Brown University", Address: &OrganizationAddress{City: "Providence", Region: "RI", Country: "US"},
		DisambiguatedOrganization: &DisambiguatedOrganization{Identifier: "https://ror.org/05gq02987", Source: "ROR"}}
	aff := func(kind string, pc int64) *Affiliations {
		return &Affiliations{LastModifiedDate: ts, Path: "/0000-0002-1825-0097/" + kind + "s", AffiliationGroup: []AffiliationGroup{{
			LastModifiedDate: ts, ExternalIDs: &ExternalIDs{ExternalID: []ExternalID{}},
			Summaries: []AffiliationSummary{{Kind: kind, PutCode: pc, Source: src, RoleTitle: "Professor", Organization: org,
				StartDate: &FuzzyDate{Year: v("2001"), Month: v("09")}, DisplayIndex: "0", Visibility: "public",
				Path: "/0000-0002-1825-0097/" + kind + "/" + "1"}},
		}}}
	}
	ws := WorkSummary{PutCode: 1, CreatedDate: ts, LastModified: ts, Source: src,
		Title:       &WorkTitle{Title: v("Psychoceramics of the carbon age")},
		ExternalIDs: &ExternalIDs{ExternalID: []ExternalID{{Type: "doi", Value: "10.5555/12345678", Normalized: &Value{Value: "10.5555/12345678", Transient: true}, URL: v("https://doi.org/10.5555/12345678"), Relationship: "self"}}},
		Type:        "journal-article", PublicationDate: &FuzzyDate{Year: v("2019"), Month: v("06")}, Visibility: "public",
		Path: "/0000-0002-1825-0097/work/1", DisplayIndex: "0"}
	return &Record{
		ORCIDIdentifier: &Identifier{URI: "https://orcid.org/0000-0002-1825-0097", Path: "0000-0002-1825-0097", Host: "orcid.org"},
		Preferences:     &Preferences{Locale: "en"},
		History:         &History{CreationMethod: "DIRECT", SubmissionDate: ts, LastModifiedDate: ts, Claimed: true, VerifiedEmail: true},
		Person: &Person{LastModifiedDate: ts, Path: "/0000-0002-1825-0097/person",
			Name:           &Name{GivenNames: v("Josiah"), FamilyName: v("Carberry"), Visibility: "public", Path: "0000-0002-1825-0097"},
			OtherNames:     &OtherNames{OtherName: []OtherName{{Content: "J. Carberry", PutCode: 3, DisplayIndex: 1}}},
			Biography:      &Biography{Content: "Ceramics.\nMostly cracked.", Visibility: "public"},
			ResearcherURLs: &ResearcherURLs{ResearcherURL: []ResearcherURL{{URLName: "Home", URL: v("https://example.org"), PutCode: 4}}},
			Emails:         &Emails{Email: []Email{{Email: "jc@example.org", Verified: true, Primary: true}}},
			Addresses:      &Addresses{Address: []Address{{Country: v("US"), PutCode: 5}}},
			Keywords:       &Keywords{Keyword: []Keyword{{Content: "psychoceramics", PutCode: 6}}},
			ExternalIdentifiers: &PersonExternalIDs{ExternalIdentifier: []PersonExternalID{{Type: "Scopus Author ID", Value: "123",
				URL: v("https://www.scopus.com/123"), Relationship: "self", PutCode: 7}}},
		},
		ActivitiesSummary: &ActivitiesSummary{LastModifiedDate: ts, Path: "/0000-0002-1825-0097/activities",
			Distinctions: aff("distinction", 10), Educations: aff("education", 11), Employments: aff("employment", 12),
			InvitedPositions: aff("invited-position", 13), Memberships: aff("membership", 14), Qualifications: aff("qualification", 15),
			Services: aff("service", 16),
			Fundings: &Fundings{Group: []FundingGroup{{FundingSummary: []FundingSummary{{PutCode: 20, Title: &WorkTitle{Title: v("Grant"),
				TranslatedTitle: &TranslatedTitle{Value: "Subvention", LanguageCode: "fr"}}, Type: "grant", Organization: org, DisplayIndex: "1"}}}}},
			PeerReviews: &PeerReviews{Group: []PeerReviewGroup{{ExternalIDs: &ExternalIDs{ExternalID: []ExternalID{{Type: "peer-review", Value: "issn:1741-4857"}}},
				PeerReviewGroup: []PeerReviewSubGroup{{PeerReviewSummary: []PeerReviewSummary{{PutCode: 30, ReviewerRole: "reviewer",
					CompletionDate: &FuzzyDate{Year: v("2012")}, ConveningOrganization: org, DisplayIndex: "0"}}}}}}},
			ResearchResources: &ResearchResources{Group: []ResearchResourceGroup{{ResearchResourceSummary: []ResearchResourceSummary{{PutCode: 40,
				Proposal: &Proposal{Title: &WorkTitle{Title: v("Giant Laser")}, Hosts: &Hosts{Organization: []Organization{*org}}}}}}}},
			Works: &Works{LastModifiedDate: ts, Path: "/0000-0002-1825-0097/works", Group: []WorkGroup{{LastModifiedDate: ts,
				ExternalIDs: ws.ExternalIDs, WorkSummary: []WorkSummary{ws}}}},
		},
		Path: "/0000-0002-1825-0097",
	}
}

func sampleWork(pc int64) *Work {
	v := func(s string) *Value { return &Value{Value: s} }
	return &Work{PutCode: pc, Title: &WorkTitle{Title: v("A work"), Subtitle: v("with a subtitle")}, JournalTitle: v("Journal"),
		ShortDescription: "Short.", Citation: &Citation{Type: "bibtex", Value: "@article{x}"}, Type: "journal-article",
		PublicationDate: &FuzzyDate{Year: v("2020"), Month: v("06"), Day: v("01")}, URL: v("https://example.org/w"),
		Contributors: &Contributors{Contributor: []Contributor{
			{ContributorORCID: &Identifier{URI: "http://orcid.org/0000-0002-0734-2199", Path: "0000-0002-0734-2199"}, CreditName: v("Sebastian Kreutzer"),
				ContributorAttributes: &ContributorAttributes{Role: "author"}},
			{CreditName: v("Loïc Martin"), ContributorEmail: v("loic@example.org"), ContributorAttributes: &ContributorAttributes{Sequence: "additional", Role: "author"}},
		}},
		LanguageCode: "en", Country: v("FR"), Visibility: "public", Path: "/0000-0002-0734-2199/work/1"}
}

func TestDecodeJSONContributorEmailShapes(t *testing.T) {
	tests := []struct {
		doc, email, credit string
	}{
		{`{"credit-name":{"value":"A"}}`, "", "A"},
		{`{"contributor-email" : null}`, "", ""},
		{`{"contributor-email":{"value":"a@example.org"}}`, "a@example.org", ""},
		{"{\"contributor-email\" :\n \"b@example.org\"}", "b@example.org", ""},
		// The key's text inside a value must not confuse the shortcut.
		{`{"credit-name":{"value":"x\"contributor-email\""},"contributor-email":"c@example.org"}`, "c@example.org", `x"contributor-email"`},
		{`{"credit-name":{"value":"\"contributor-email"},"contributor-email":{"value":"d@example.org"}}`, "d@example.org", `"contributor-email`},
	}
	for _, tc := range tests {
		var c Contributor
		if err := json.Unmarshal([]byte(tc.doc), &c); err != nil {
			t.Errorf("%s: %v", tc.doc, err)
			continue
		}
		if c.ContributorEmail.String() != tc.email || c.CreditName.String() != tc.credit {
			t.Errorf("%s: email %q credit %q", tc.doc, c.ContributorEmail.String(), c.CreditName.String())
		}
	}
}
