package orcid

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Decoding of the real ORCID bodies in ../shared/fixtures/orcid (relative to
// the module root). The fixtures are read in place, never copied.

// decFixtureDir returns the fixture folder or skips the test.
func decFixtureDir(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Skip("cannot locate the test file")
	}
	root := filepath.Dir(filepath.Dir(file)) // module root
	dir := filepath.Join(root, "..", "shared", "fixtures", "orcid")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Skipf("fixtures not present at %s", dir)
	}
	return dir
}

// decCase decodes one fixture into a fresh *T and checks its content.
type decCase struct {
	file   string
	decode func(t *testing.T, data []byte, isXML bool) any
}

func decFx[T any](file string, check func(t *testing.T, v *T)) decCase {
	return decCase{file: file, decode: func(t *testing.T, data []byte, isXML bool) any {
		v := new(T)
		var err error
		if isXML {
			err = xml.Unmarshal(data, v)
		} else {
			err = json.Unmarshal(data, v)
		}
		if err != nil {
			t.Fatalf("decode %s into %T: %v", file, v, err)
		}
		check(t, v)
		return v
	}}
}

// decNotModels are fixtures that are not ORCID API documents (auth's and
// others' business).
var decNotModels = map[string]string{
	"SOURCES.md":                              "provenance notes",
	"csv-search-example.csv":                  "CSV search output",
	"expanded-search-3.0.xsd":                 "schema",
	"id_token-OpenIDTestKey1.jwt":             "auth",
	"implicit-flow-redirect-fragment.txt":     "auth",
	"jwks-OpenIDTestKey1.public.json":         "auth",
	"openid-configuration.reconstructed.json": "auth",
	"token-response-authorization-code.json":  "auth",
	"token-response-client-credentials.json":  "auth",
	"token-response-openid.json":              "auth",
	"user_info_public.json":                   "auth",
	"error-401-invalid-token.json":            "OAuth-style body, decoded by the client's OAuthError",
}

func decEq[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func decErrorCase(file string, status, code int, devPrefix string) decCase {
	return decFx(file, func(t *testing.T, e *ErrorDocument) {
		decEq(t, "response-code", e.ResponseCode, status)
		decEq(t, "error-code", e.ErrorCode, code)
		if !strings.HasPrefix(e.DeveloperMessage, devPrefix) || e.UserMessage == "" || e.MoreInfo == "" {
			t.Errorf("error document = %+v", e)
		}
	})
}

var decCases = []decCase{
	// ---- JSON ----
	decFx("works-0000-0001-8607-8025.json", func(t *testing.T, w *Works) {
		decEq(t, "groups", w.Count(), 74)
		pcs := w.PutCodes()
		decEq(t, "put-codes", len(pcs), 74)
		decEq(t, "first put-code", pcs[0], int64(68392001))
		decEq(t, "last put-code", pcs[73], int64(10043991))
		s := w.Group[0].Preferred()
		decEq(t, "title", s.TitleString(), "Open Code and Peer Review")
		decEq(t, "year", s.Year(), "2020")
		decEq(t, "date", s.PublicationDate.String(), "2020-02-04")
		decEq(t, "doi", s.DOI(), "10.7557/19.5311")
		decEq(t, "journal", s.JournalTitle.String(), "Open Science Talk")
		decEq(t, "source", s.Source.SourceName.String(), "Crossref")
		decEq(t, "display-index", s.DisplayIndex, "0")
		decEq(t, "last-modified", w.LastModifiedDate.Millis, int64(1580821752178))
		n := 0
		for _, g := range w.Group {
			n += len(g.WorkSummary)
		}
		decEq(t, "summaries", n, 78)
	}),
	decFx("works-empty-0000-0003-1620-1408.json", func(t *testing.T, w *Works) {
		decEq(t, "groups", w.Count(), 0)
		decEq(t, "last-modified nil", w.LastModifiedDate == nil, true)
		decEq(t, "path", w.Path, "/0000-0003-1620-1408/works")
		decEq(t, "put-codes", len(w.PutCodes()), 0)
	}),
	decFx("work-0000-0002-0734-2199-77226586.vnd-orcid-json.json", decCheckKreutzer),
	decFx("work-0000-0002-0734-2199-77226586.application-json.json", decCheckKreutzer),
	decFx("work-full-3.0.write-sample.json", func(t *testing.T, w *Work) {
		decEq(t, "title", w.TitleString(), "Work Title")
		decEq(t, "subtitle", w.Title.Subtitle.String(), "Work subtitle")
		decEq(t, "doi (self preferred)", w.DOI(), "work:doi")
		decEq(t, "contributors", len(w.Contributors.Contributor), 2)
		decEq(t, "email as string", w.Contributors.Contributor[0].ContributorEmail.String(), "example@example.com")
		decEq(t, "sequence", w.Contributors.Contributor[1].ContributorAttributes.Sequence, "additional")
		decEq(t, "country", w.Country.String(), "CA")
		decEq(t, "date", w.PublicationDate.String(), "2022-05-24")
	}),
	decFx("record-full-3.0.json", func(t *testing.T, r *Record) {
		decEq(t, "iD", r.ID(), "0000-0002-7319-2192")
		decEq(t, "name", r.DisplayName(), "Three releasecandidate1")
		decEq(t, "locale", r.Preferences.Locale, "en")
		decEq(t, "claimed", r.History.Claimed, true)
		decEq(t, "submitted", r.History.SubmissionDate.Millis, int64(1540896558250))
		p := r.Person
		decEq(t, "biography nil", p.Biography == nil, true)
		decEq(t, "other name", p.OtherNames.OtherName[0].Content, "Other Name")
		decEq(t, "other name display-index", p.OtherNames.OtherName[0].DisplayIndex, 3)
		decEq(t, "website", p.ResearcherURLs.ResearcherURL[0].URL.String(), "https://site1.com/")
		decEq(t, "country", p.Addresses.Address[0].Country.String(), "US")
		decEq(t, "person external id", p.ExternalIdentifiers.ExternalIdentifier[0].Value, "A-0003")
		a := r.ActivitiesSummary
		c := a.Counts()
		decEq(t, "counts", c, SectionCounts{Works: 1, Fundings: 1, PeerReviews: 1, ResearchResources: 1, Employments: 1,
			Educations: 3, Qualifications: 1, InvitedPositions: 1, Distinctions: 1, Memberships: 1, Services: 1})
		kinds := map[string]*Affiliations{"employment": a.Employments, "education": a.Educations, "qualification": a.Qualifications,
			"invited-position": a.InvitedPositions, "distinction": a.Distinctions, "membership": a.Memberships, "service": a.Services}
		for kind, sec := range kinds {
			for _, s := range sec.Preferred() {
				decEq(t, "kind", s.Kind, kind)
				if s.OrgName() == "" {
					t.Errorf("%s %d has no organisation", kind, s.PutCode)
				}
			}
		}
		e := a.Employments.Preferred()[0]
		decEq(t, "employment put-code", e.PutCode, int64(9266))
		decEq(t, "employment org", e.OrgName(), "common:name")
		decEq(t, "employment place", e.Organization.Place(), "common:city, common:region, AF")
		decEq(t, "employment period", e.Period(), "1948-02-02 – 1948-02-02")
		decEq(t, "employment display-index", e.DisplayIndex, "0")
		decEq(t, "group normalized", a.Employments.AffiliationGroup[0].ExternalIDs.ExternalID[0].Normalized.Transient, true)
		w := a.Works.Preferred()[0]
		decEq(t, "work title", w.TitleString(), "Work Title")
		decEq(t, "work date", w.PublicationDate.String(), "2012-10-01")
		decEq(t, "work doi (self preferred over version-of)", w.DOI(), "work:doi")
		decEq(t, "translated title", w.Title.TranslatedTitle.LanguageCode, "en")
		f := a.Fundings.Group[0].FundingSummary[0]
		decEq(t, "funding", f.Title.TitleString(), "Grant title")
		decEq(t, "funder place", f.Organization.Place(), "London, GB")
		pr := a.PeerReviews.Group[0].PeerReviewGroup[0].PeerReviewSummary[0]
		decEq(t, "review group", pr.ReviewGroupID, "issn:1741-4857")
		decEq(t, "review year", pr.CompletionDate.YearInt(), 2012)
		rr := a.ResearchResources.Group[0].ResearchResourceSummary[0]
		decEq(t, "resource", rr.Proposal.Title.TitleString(), "Giant Rocket Award")
		decEq(t, "resource host", rr.Proposal.Hosts.Organization[0].Name, "NASA")
		var normErr *NormalizedError
		for _, g := range a.Works.Group {
			for _, s := range g.WorkSummary {
				for _, id := range s.ExternalIDs.ExternalID {
					if id.NormalizedError != nil {
						normErr = id.NormalizedError
					}
				}
			}
		}
		for _, g := range a.PeerReviews.Group {
			for _, id := range g.ExternalIDs.ExternalID {
				if id.NormalizedError != nil {
					normErr = id.NormalizedError
				}
			}
			for _, sg := range g.PeerReviewGroup {
				for _, s := range sg.PeerReviewSummary {
					for _, id := range s.ExternalIDs.ExternalID {
						if id.NormalizedError != nil {
							normErr = id.NormalizedError
						}
					}
				}
			}
		}
		if normErr == nil || normErr.ErrorCode != "8001" || !strings.HasPrefix(normErr.ErrorMessage, "Cannot normalize") {
			t.Errorf("external-id-normalized-error not decoded: %+v", normErr)
		}
	}),
	decFx("person-0000-0002-1642-628X.json", func(t *testing.T, p *Person) {
		decEq(t, "name", p.DisplayName(), "Carl Boettiger")
		decEq(t, "credit name nil", p.Name.CreditName == nil, true)
		decEq(t, "biography", p.Biography.Content, "http://carlboettiger.info")
		decEq(t, "keywords", len(p.Keywords.Keyword), 1)
		decEq(t, "websites", len(p.ResearcherURLs.ResearcherURL), 4)
		decEq(t, "scopus", p.ExternalIdentifiers.ExternalIdentifier[0].Type, "Scopus Author ID")
		decEq(t, "scopus id", p.ExternalIdentifiers.ExternalIdentifier[0].Value, "15753693500")
		decEq(t, "emails", len(p.Emails.Email), 2)
		decEq(t, "primary email", p.Emails.Email[1].Email, "cboettig@gmail.com")
		decEq(t, "primary", p.Emails.Email[1].Primary, true)
		decEq(t, "email put-code null", p.Emails.Email[0].PutCode, int64(0))
		decEq(t, "address put-code", p.Addresses.Address[0].PutCode, int64(288064))
	}),
	decFx("employments-0000-0003-1419-2405.json", func(t *testing.T, a *Affiliations) {
		decEq(t, "groups", a.Count(), 4)
		s := a.Preferred()
		decEq(t, "kind", s[0].Kind, "employment")
		decEq(t, "org", s[0].OrgName(), "DataCite")
		decEq(t, "role", s[0].RoleTitle, "Technical Director")
		decEq(t, "period", s[0].Period(), "2015-08 – present")
		decEq(t, "place", s[0].Organization.Place(), "Hanover, DE")
		decEq(t, "grid", s[0].Organization.DisambiguatedOrganization.Identifier, "grid.475826.a")
		decEq(t, "display-index", s[0].DisplayIndex, "1")
		decEq(t, "non-ASCII org", s[3].OrgName(), "Charité Universitätsmedizin Berlin")
		decEq(t, "past period", s[1].Period(), "2005-11 – 2017-05")
	}),
	decFx("search-given-names-carl.json", func(t *testing.T, s *SearchResult) {
		decEq(t, "num-found", s.NumFound, int64(1840))
		decEq(t, "hits", len(s.IDs()), 10)
		decEq(t, "first", s.IDs()[0], ID("0000-0002-5377-2624"))
		decEq(t, "host", s.Result[0].ORCIDIdentifier.Host, "orcid.org")
	}),
	decFx("search-no-results.json", func(t *testing.T, s *SearchResult) {
		decEq(t, "num-found", s.NumFound, int64(0))
		decEq(t, "result nil", s.Result == nil, true)
	}),
	decFx("expanded-search-miller.json", func(t *testing.T, s *ExpandedSearchResult) {
		decEq(t, "num-found", s.NumFound, int64(7660))
		decEq(t, "hits", len(s.ExpandedResult), 25)
		r := s.ExpandedResult[0]
		decEq(t, "iD", r.ORCIDID, "0000-0002-2131-0054")
		decEq(t, "name", r.DisplayName(), "Edmund Miller")
		decEq(t, "institutions", len(r.InstitutionName), 7)
		decEq(t, "credit name", s.ExpandedResult[3].DisplayName(), "Sae Miller")
		decEq(t, "other names", len(s.ExpandedResult[2].OtherName), 4)
		decEq(t, "email", s.ExpandedResult[2].Email[0], "john@enlightenscientific.com")
	}),
	decFx("expanded-search-sandbox-orcid-uri.json", func(t *testing.T, s *ExpandedSearchResult) {
		decEq(t, "num-found", s.NumFound, int64(88508))
		decEq(t, "hits", len(s.IDs()), 25)
		decEq(t, "null family-names", s.ExpandedResult[1].FamilyNames == nil, true)
		decEq(t, "name without family", s.ExpandedResult[1].DisplayName(), "Júlio")
	}),
	decErrorCase("error-404-orcid-not-found.json", 404, 9016, "404 Not Found: The resource was not found. Full validation error: ORCID iD adfafadf not found"),
	decErrorCase("error-400-rows-not-integer.json", 400, 9012, "The client application made a bad request"),
	decErrorCase("error-401-9017-token-for-different-record.json", 401, 9017, "401 Unauthorized"),
	decErrorCase("error-409-locked-0000-0003-1315-5960.json", 409, 9018, "409 Conflict: The ORCID record is locked"),
	decErrorCase("error-500-solr-start-not-integer.json", 500, 9008, "org.apache.solr"),

	// ---- XML ----
	decFx("record-3.0.xml", func(t *testing.T, r *Record) {
		decEq(t, "path", r.Path, "/8888-8888-8888-8880")
		decEq(t, "iD", r.ID(), "8888-8888-8888-8880")
		decEq(t, "credit name", r.DisplayName(), "credit-name")
		decEq(t, "given", r.Person.Name.GivenNames.String(), "give-names")
		decEq(t, "creation", r.History.CreationMethod, "API")
		decEq(t, "submitted", r.History.SubmissionDate.Time().Format("2006-01-02T15:04:05"), "2001-12-31T12:00:00")
		c := r.ActivitiesSummary.Counts()
		decEq(t, "counts", c, SectionCounts{Works: 1, Fundings: 1, PeerReviews: 1, ResearchResources: 1, Employments: 1,
			Educations: 1, Qualifications: 1, InvitedPositions: 1, Distinctions: 1, Memberships: 1, Services: 1})
		decEq(t, "education kind", r.ActivitiesSummary.Educations.Preferred()[0].Kind, "education")
		decEq(t, "invited kind", r.ActivitiesSummary.InvitedPositions.Preferred()[0].Kind, "invited-position")
		decEq(t, "reviews", r.ActivitiesSummary.PeerReviews.ReviewCount(), 1)
	}),
	decFx("public_record30.xml", func(t *testing.T, r *Record) {
		decEq(t, "iD", r.ID(), "0000-0002-3874-7658")
		decEq(t, "name", r.DisplayName(), "USER FOR AUTOMATED TESTS - DO NOT MODIFY - Published Name")
		decEq(t, "family", r.Person.Name.FamilyName.String(), "MA test")
		decEq(t, "submitted", r.History.SubmissionDate.Millis, int64(1457029566956))
		a := r.ActivitiesSummary
		decEq(t, "invited positions", a.InvitedPositions.Count(), 2)
		decEq(t, "distinctions", a.Distinctions.Count(), 0)
		decEq(t, "works", a.Works.Count(), 1)
		ne := a.Works.Group[0].ExternalIDs.ExternalID[0].NormalizedError
		if ne == nil || ne.ErrorCode != "8001" || !ne.Transient {
			t.Errorf("normalized error = %+v", ne)
		}
		decEq(t, "emails", len(r.Person.Emails.Email) > 0, true)
		decEq(t, "email verified attr", r.Person.Emails.Email[0].Verified, true)
	}),
	decFx("person-3.0.xml", func(t *testing.T, p *Person) {
		decEq(t, "name", p.DisplayName(), "credit-name")
		decEq(t, "name visibility", p.Name.Visibility, "public")
		decEq(t, "other name", p.OtherNames.OtherName[0].Content, "other-name-1")
		decEq(t, "other name put-code", p.OtherNames.OtherName[0].PutCode, int64(1))
		decEq(t, "biography", p.Biography.Content, "biography")
		decEq(t, "website", p.ResearcherURLs.ResearcherURL[0].URL.String(), "http://url.com/")
		decEq(t, "website put-code", p.ResearcherURLs.ResearcherURL[0].PutCode, int64(1248))
		decEq(t, "email", p.Emails.Email[0].Email, "user1@email.com")
		decEq(t, "country", p.Addresses.Address[0].Country.String(), "US")
		decEq(t, "keyword", p.Keywords.Keyword[0].Content, "keyword1")
		decEq(t, "external id", p.ExternalIdentifiers.ExternalIdentifier[0].Value, "value-1")
		decEq(t, "modified", p.LastModifiedDate.Time().Format("2006-01-02T15:04:05.000Z07:00"), "2016-04-14T20:56:22.279Z")
	}),
	decFx("activities-3.0.xml", func(t *testing.T, a *ActivitiesSummary) {
		decEq(t, "counts", a.Counts(), SectionCounts{Works: 1, Fundings: 1, PeerReviews: 1, ResearchResources: 1, Employments: 1,
			Educations: 1, Qualifications: 1, InvitedPositions: 1, Distinctions: 1, Memberships: 1, Services: 1})
		for _, sec := range []AffiliationSection{Employments, Educations, Qualifications, InvitedPositions, Distinctions, Memberships, Services} {
			s := a.Section(sec).Preferred()[0]
			decEq(t, string(sec)+" kind", s.Kind+"s", string(sec))
		}
		decEq(t, "work put-codes", len(a.Works.PutCodes()), 1)
	}),
	decFx("works-3.0.xml", func(t *testing.T, w *Works) {
		decEq(t, "groups", w.Count(), 3)
		decEq(t, "put-codes", fmt.Sprint(w.PutCodes()), "[3356 3357 3358]")
		s := w.Group[0].Preferred()
		decEq(t, "title", s.TitleString(), "Work # 0")
		decEq(t, "type", s.Type, "conference-paper")
		decEq(t, "date", s.PublicationDate.String(), "2017-03-03")
		decEq(t, "doi", s.DOI(), "123456")
		decEq(t, "display-index", s.DisplayIndex, "1")
		decEq(t, "source", s.Source.SourceName.String(), "User One Credit name")
		decEq(t, "journal", w.Group[2].Preferred().JournalTitle.String(), "some journal title")
		decEq(t, "empty group ids", len(w.Group[0].ExternalIDs.ExternalID), 0)
		// 2017-01-18T15:06:05.147-06:00 with a newline inside the element.
		decEq(t, "modified", w.LastModifiedDate.Millis, int64(1484773565147))
	}),
	decFx("work-full-3.0.xml", func(t *testing.T, w *Work) {
		decEq(t, "put-code", w.PutCode, int64(123))
		decEq(t, "visibility", w.Visibility, "private")
		decEq(t, "title", w.TitleString(), "common:title")
		decEq(t, "type", w.Type, "artistic-performance")
		decEq(t, "year", w.Year(), "1948")
		decEq(t, "contributor", w.Contributors.Contributor[0].CreditName.String(), "work:credit-name")
		decEq(t, "contributor email", w.Contributors.Contributor[0].ContributorEmail.String(), "work@contributor.email")
		decEq(t, "citation", w.Citation.Type, "formatted-unspecified")
		decEq(t, "external id", w.ExternalIDs.ExternalID[0].Value, "work:external-identifier-id")
		decEq(t, "country", w.Country.String(), "AF")
		decEq(t, "language", w.LanguageCode, "en")
	}),
	decFx("bulk-work-err.xml", func(t *testing.T, b *WorkBulk) {
		decEq(t, "items", len(b.Bulk), 2)
		w, e := b.Bulk[0].Work, b.Bulk[1].Error
		if w == nil || e == nil {
			t.Fatalf("bulk = %+v", b)
		}
		decEq(t, "work put-code", w.PutCode, int64(156043))
		decEq(t, "work title", w.TitleString(), "Current treatment of left main coronary artery disease # 1")
		decEq(t, "work doi", w.DOI(), "10.1016/j.crvasa.2015.05.007")
		decEq(t, "journal", w.JournalTitle.String(), "Cor et Vasa")
		decEq(t, "error code", e.ErrorCode, 9037)
		decEq(t, "error status", e.ResponseCode, 400)
		decEq(t, "user message", e.UserMessage, "Please specify a work type.")
	}),
	decFx("employments-3.0.xml", func(t *testing.T, a *Affiliations) {
		decEq(t, "path", a.Path, "/8888-8888-8888-8880/employments")
		s := a.Preferred()
		if len(s) == 0 {
			t.Fatal("no summaries")
		}
		decEq(t, "kind", s[0].Kind, "employment")
		decEq(t, "org", s[0].OrgName(), "employment")
		decEq(t, "city", s[0].Organization.Address.City, "x")
		decEq(t, "start", s[0].StartDate.YearInt(), 1948)
		decEq(t, "put-code", s[0].PutCode, int64(1))
	}),
	decFx("fundings-3.0.xml", func(t *testing.T, f *Fundings) {
		n := 0
		for _, g := range f.Group {
			n += len(g.FundingSummary)
		}
		decEq(t, "summaries", n, 3)
		s := f.Group[0].FundingSummary[0]
		decEq(t, "title", s.Title.TitleString(), "Funding # 1")
		decEq(t, "type", s.Type, "award")
		decEq(t, "put-code", s.PutCode, int64(2020))
		decEq(t, "display-index", s.DisplayIndex, "1")
	}),
	decFx("peer-reviews-3.0.xml", func(t *testing.T, p *PeerReviews) {
		decEq(t, "groups", p.Count(), 1)
		decEq(t, "reviews", p.ReviewCount(), 1)
		s := p.Group[0].PeerReviewGroup[0].PeerReviewSummary[0]
		decEq(t, "put-code", s.PutCode, int64(1994))
		decEq(t, "role", s.ReviewerRole, "reviewer")
		decEq(t, "type", s.ReviewType, "review")
		decEq(t, "url", s.ReviewURL.String(), "http://orcid.org")
		decEq(t, "year", s.CompletionDate.String(), "2016-02-02")
		decEq(t, "client", s.Source.SourceClientID.Path, "APP-9999999999999902")
	}),
	decFx("search-3.0.xml", func(t *testing.T, s *SearchResult) {
		decEq(t, "num-found", s.NumFound, int64(1))
		decEq(t, "ids", fmt.Sprint(s.IDs()), "[8888-8888-8888-8880]")
		decEq(t, "uri", s.Result[0].ORCIDIdentifier.URI, "https://orcid.org/8888-8888-8888-8880")
	}),
	decFx("error-3.0.xml", func(t *testing.T, e *ErrorDocument) {
		decEq(t, "developer-message", e.DeveloperMessage, "error:developer-message")
		decEq(t, "user-message", e.UserMessage, "error:user-message")
		decEq(t, "more-info", e.MoreInfo, "http://tempuri.org")
	}),
}

func decCheckKreutzer(t *testing.T, w *Work) {
	decEq(t, "put-code", w.PutCode, int64(77226586))
	decEq(t, "title", w.TitleString(), "Dose-Rate Estimation using α-Al2O3:C Chips: Aftermath")
	decEq(t, "journal", w.JournalTitle.String(), "Ancient TL")
	decEq(t, "citation", w.Citation.Type, "bibtex")
	decEq(t, "date", w.PublicationDate.String(), "2020-06-01")
	decEq(t, "doi", w.DOI(), "")
	decEq(t, "source-work-id", w.ExternalIDs.Find("source-work-id").Value, "241a9e61-3cea-4173-bafa-23dbd14e5924")
	decEq(t, "contributors", len(w.Contributors.Contributor), 4)
	c0 := w.Contributors.Contributor[0]
	decEq(t, "contributor iD", c0.ContributorORCID.Path, "0000-0002-0734-2199")
	decEq(t, "contributor host null", c0.ContributorORCID.Host, "")
	decEq(t, "contributor uri", c0.ContributorORCID.URI, "http://orcid.org/0000-0002-0734-2199")
	decEq(t, "non-ASCII contributor", w.Contributors.Contributor[2].CreditName.String(), "Loïc Martin")
	decEq(t, "role", w.Contributors.Contributor[2].ContributorAttributes.Role, "author")
	decEq(t, "country null", w.Country == nil, true)
	decEq(t, "language", w.LanguageCode, "en")
	decEq(t, "created", w.CreatedDate.Millis, int64(1594708398016))
}

func TestDecodeFixtures(t *testing.T) {
	dir := decFixtureDir(t)
	covered := map[string]bool{}
	for _, tc := range decCases {
		covered[tc.file] = true
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			isXML := strings.HasSuffix(tc.file, ".xml")
			v := tc.decode(t, data, isXML)
			if isXML {
				decCheckXMLLeaves(t, data, v)
			} else {
				decCheckJSONLeaves(t, data, v)
			}
			decCheckRoundTrip(t, v)
		})
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !covered[e.Name()] && decNotModels[e.Name()] == "" {
			t.Errorf("fixture %s is neither decoded nor listed as a non-model file", e.Name())
		}
	}
}

// decCheckRoundTrip marshals v to JSON and back and wants the same value.
func decCheckRoundTrip(t *testing.T, v any) {
	t.Helper()
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	back := reflect.New(reflect.TypeOf(v).Elem()).Interface()
	if err := json.Unmarshal(out, back); err != nil {
		t.Fatalf("unmarshal own output: %v", err)
	}
	if !reflect.DeepEqual(v, back) {
		t.Errorf("JSON round trip changed the value")
	}
}

// decCheckJSONLeaves checks that every non-null scalar in the fixture comes
// back at the same place when the decoded value is marshalled again: no key
// ORCID sends is lost by a wrong or missing tag.
func decCheckJSONLeaves(t *testing.T, data []byte, v any) {
	t.Helper()
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	want, got := map[string]any{}, map[string]any{}
	decFlatten(t, data, want)
	decFlatten(t, out, got)
	var missing []string
	for path, w := range want {
		g, ok := got[path]
		if !ok {
			// A bare string where ORCID usually wraps it in {"value": ...}.
			g, ok = got[path+"/value"]
		}
		if !ok || g != w {
			missing = append(missing, fmt.Sprintf("%s = %v (got %v)", path, w, g))
		}
	}
	sort.Strings(missing)
	for i, m := range missing {
		if i == 10 {
			t.Errorf("... and %d more", len(missing)-10)
			break
		}
		t.Errorf("lost in decoding: %s", m)
	}
}

func decFlatten(t *testing.T, data []byte, into map[string]any) {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var doc any
	if err := d.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	var walk func(string, any)
	walk = func(p string, x any) {
		switch x := x.(type) {
		case map[string]any:
			for k, v := range x {
				walk(p+"/"+k, v)
			}
		case []any:
			for i, v := range x {
				walk(p+"/"+strconv.Itoa(i), v)
			}
		case nil:
		case json.Number:
			into[p] = x.String()
		default:
			into[p] = x
		}
	}
	walk("", doc)
}

// decCheckXMLLeaves checks that every element text and attribute value of
// the fixture appears somewhere in the decoded value (timestamps as epoch
// milliseconds). Coarser than the JSON check, but it catches missing tags.
func decCheckXMLLeaves(t *testing.T, data []byte, v any) {
	t.Helper()
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	flat := map[string]any{}
	decFlatten(t, out, flat)
	have := map[string]bool{}
	for _, x := range flat {
		have[strings.TrimSpace(fmt.Sprint(x))] = true
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	var text strings.Builder
	var missing []string
	check := func(what, s string) {
		s = strings.TrimSpace(s)
		if s == "" || have[s] {
			return
		}
		if ms := parseXMLTimestamp(s); ms != 0 && have[strconv.FormatInt(ms, 10)] {
			return
		}
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && have[strconv.FormatInt(n, 10)] {
			return
		}
		missing = append(missing, what+" "+strconv.Quote(s))
	}
	var stack []string
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tk.Name.Local)
			text.Reset()
			for _, a := range tk.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" || a.Name.Local == "schemaLocation" {
					continue
				}
				check(strings.Join(stack, "/")+"@"+a.Name.Local, a.Value)
			}
		case xml.CharData:
			text.Write(tk)
		case xml.EndElement:
			check(strings.Join(stack, "/"), text.String())
			text.Reset()
			stack = stack[:len(stack)-1]
		}
	}
	for i, m := range missing {
		if i == 10 {
			t.Errorf("... and %d more", len(missing)-10)
			break
		}
		t.Errorf("lost in decoding: %s", m)
	}
}
