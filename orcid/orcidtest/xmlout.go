package orcidtest

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// ORCID's XML uses one prefix per namespace, all declared on the root
// element (JAXB does so), so the writer below spells prefixed names out.
var namespaces = [][2]string{
	{"internal", "http://www.orcid.org/ns/internal"},
	{"education", "http://www.orcid.org/ns/education"},
	{"distinction", "http://www.orcid.org/ns/distinction"},
	{"deprecated", "http://www.orcid.org/ns/deprecated"},
	{"other-name", "http://www.orcid.org/ns/other-name"},
	{"membership", "http://www.orcid.org/ns/membership"},
	{"error", "http://www.orcid.org/ns/error"},
	{"common", "http://www.orcid.org/ns/common"},
	{"record", "http://www.orcid.org/ns/record"},
	{"personal-details", "http://www.orcid.org/ns/personal-details"},
	{"keyword", "http://www.orcid.org/ns/keyword"},
	{"email", "http://www.orcid.org/ns/email"},
	{"external-identifier", "http://www.orcid.org/ns/external-identifier"},
	{"funding", "http://www.orcid.org/ns/funding"},
	{"preferences", "http://www.orcid.org/ns/preferences"},
	{"address", "http://www.orcid.org/ns/address"},
	{"invited-position", "http://www.orcid.org/ns/invited-position"},
	{"work", "http://www.orcid.org/ns/work"},
	{"history", "http://www.orcid.org/ns/history"},
	{"employment", "http://www.orcid.org/ns/employment"},
	{"qualification", "http://www.orcid.org/ns/qualification"},
	{"service", "http://www.orcid.org/ns/service"},
	{"person", "http://www.orcid.org/ns/person"},
	{"activities", "http://www.orcid.org/ns/activities"},
	{"researcher-url", "http://www.orcid.org/ns/researcher-url"},
	{"peer-review", "http://www.orcid.org/ns/peer-review"},
	{"bulk", "http://www.orcid.org/ns/bulk"},
	{"research-resource", "http://www.orcid.org/ns/research-resource"},
	{"search", "http://www.orcid.org/ns/search"},
	{"expanded-search", "http://www.orcid.org/ns/expanded-search"},
}

// xw writes indented XML with explicit prefixes.
type xw struct {
	buf   bytes.Buffer
	depth int
	root  bool
}

func newXW() *xw {
	x := &xw{}
	x.buf.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	return x
}

func (x *xw) bytes() []byte { return x.buf.Bytes() }

func (x *xw) indent() {
	for i := 0; i < x.depth; i++ {
		x.buf.WriteString("    ")
	}
}

func (x *xw) start(name string, attrs []string, selfClose bool) {
	x.indent()
	x.buf.WriteByte('<')
	x.buf.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" {
			continue
		}
		x.buf.WriteString(" " + attrs[i] + `="`)
		_ = xml.EscapeText(&x.buf, []byte(attrs[i+1]))
		x.buf.WriteByte('"')
	}
	if !x.root {
		x.root = true
		for _, ns := range namespaces {
			x.buf.WriteString(` xmlns:` + ns[0] + `="` + ns[1] + `"`)
		}
	}
	if selfClose {
		x.buf.WriteString("/>\n")
		return
	}
	x.buf.WriteString(">")
}

// open starts an element whose children follow; attrs are name, value pairs
// (empty values are left out).
func (x *xw) open(name string, attrs ...string) {
	x.start(name, attrs, false)
	x.buf.WriteByte('\n')
	x.depth++
}

func (x *xw) close(name string) {
	x.depth--
	x.indent()
	x.buf.WriteString("</" + name + ">\n")
}

func (x *xw) empty(name string, attrs ...string) { x.start(name, attrs, true) }

// leaf writes <name>text</name>; nothing when text is empty.
func (x *xw) leaf(name, text string, attrs ...string) {
	if text == "" {
		return
	}
	x.start(name, attrs, false)
	_ = xml.EscapeText(&x.buf, []byte(text))
	x.buf.WriteString("</" + name + ">\n")
}

func (x *xw) value(name string, v *orcid.Value, attrs ...string) {
	if v != nil {
		x.leaf(name, v.Value, attrs...)
	}
}

func iso(t *orcid.Timestamp) string {
	if t == nil || t.Millis == 0 {
		return ""
	}
	return time.UnixMilli(t.Millis).UTC().Format("2006-01-02T15:04:05.000Z")
}

func pcs(pc int64) string {
	if pc == 0 {
		return ""
	}
	return strconv.FormatInt(pc, 10)
}

func (x *xw) ident(name string, id *orcid.Identifier) {
	if id == nil {
		return
	}
	x.open(name)
	x.leaf("common:uri", id.URI)
	x.leaf("common:path", id.Path)
	x.leaf("common:host", id.Host)
	x.close(name)
}

func (x *xw) source(s *orcid.Source) {
	if s == nil {
		return
	}
	x.open("common:source")
	x.ident("common:source-orcid", s.SourceORCID)
	x.ident("common:source-client-id", s.SourceClientID)
	x.value("common:source-name", s.SourceName)
	x.ident("common:assertion-origin-orcid", s.AssertionOriginORCID)
	x.ident("common:assertion-origin-client-id", s.AssertionOriginClientID)
	x.value("common:assertion-origin-name", s.AssertionOriginName)
	x.close("common:source")
}

func (x *xw) fuzzy(name string, d *orcid.FuzzyDate) {
	if d == nil {
		return
	}
	x.open(name)
	x.value("common:year", d.Year)
	x.value("common:month", d.Month)
	x.value("common:day", d.Day)
	x.close(name)
}

func (x *xw) extIDs(ids *orcid.ExternalIDs) { x.extIDsAs("common:external-ids", ids) }

// extIDsAs writes an external-id list under its element name (full peer
// reviews call theirs peer-review:review-identifiers).
func (x *xw) extIDsAs(tag string, ids *orcid.ExternalIDs) {
	if ids == nil || len(ids.ExternalID) == 0 {
		x.empty(tag)
		return
	}
	x.open(tag)
	for _, e := range ids.ExternalID {
		x.extID("common:external-id", e)
	}
	x.close(tag)
}

// extID writes one external id under its element name.
func (x *xw) extID(tag string, e orcid.ExternalID) {
	x.open(tag)
	x.leaf("common:external-id-type", e.Type)
	x.leaf("common:external-id-value", e.Value)
	if e.Normalized != nil {
		x.leaf("common:external-id-normalized", e.Normalized.Value, "transient", "true")
	}
	x.value("common:external-id-url", e.URL)
	x.leaf("common:external-id-relationship", e.Relationship)
	x.close(tag)
}

func (x *xw) org(name string, o *orcid.Organization) {
	if o == nil {
		return
	}
	x.open(name)
	x.leaf("common:name", o.Name)
	if a := o.Address; a != nil {
		x.open("common:address")
		x.leaf("common:city", a.City)
		x.leaf("common:region", a.Region)
		x.leaf("common:country", a.Country)
		x.close("common:address")
	}
	if d := o.DisambiguatedOrganization; d != nil {
		x.open("common:disambiguated-organization")
		x.leaf("common:disambiguated-organization-identifier", d.Identifier)
		x.leaf("common:disambiguation-source", d.Source)
		x.close("common:disambiguated-organization")
	}
	x.close(name)
}

func (x *xw) lastModified(t *orcid.Timestamp) { x.leaf("common:last-modified-date", iso(t)) }

// dates writes an item's created and last-modified dates and its source.
func (x *xw) dates(created, modified *orcid.Timestamp, src *orcid.Source) {
	x.leaf("common:created-date", iso(created))
	x.leaf("common:last-modified-date", iso(modified))
	x.source(src)
}

func di(i int) string { return strconv.Itoa(i) }

// ---- record and person ---------------------------------------------------------

func (x *xw) record(r *orcid.Record) {
	x.open("record:record", "path", r.Path)
	x.ident("common:orcid-identifier", r.ORCIDIdentifier)
	x.open("preferences:preferences")
	x.leaf("preferences:locale", "en")
	x.close("preferences:preferences")
	if h := r.History; h != nil {
		x.open("history:history")
		x.leaf("history:creation-method", h.CreationMethod)
		x.leaf("history:submission-date", iso(h.SubmissionDate))
		x.leaf("common:last-modified-date", iso(h.LastModifiedDate))
		x.leaf("history:claimed", strconv.FormatBool(h.Claimed))
		x.leaf("history:deactivation-date", iso(h.DeactivationDate))
		x.leaf("history:verified-email", strconv.FormatBool(h.VerifiedEmail))
		x.leaf("history:verified-primary-email", strconv.FormatBool(h.VerifiedPrimaryEmail))
		x.close("history:history")
	}
	if r.Person != nil {
		x.person(r.Person)
	}
	if r.ActivitiesSummary != nil {
		x.activities(r.ActivitiesSummary)
	}
	x.close("record:record")
}

func (x *xw) name(tag string, n *orcid.Name) {
	if n == nil {
		return
	}
	x.open(tag, "visibility", n.Visibility, "path", n.Path)
	x.dates(n.CreatedDate, n.LastModifiedDate, n.Source)
	x.value("personal-details:given-names", n.GivenNames)
	x.value("personal-details:family-name", n.FamilyName)
	x.value("personal-details:credit-name", n.CreditName)
	x.close(tag)
}

func (x *xw) otherNames(o *orcid.OtherNames) {
	if o == nil {
		return
	}
	if len(o.OtherName) == 0 {
		x.empty("other-name:other-names", "path", o.Path)
		return
	}
	x.open("other-name:other-names", "path", o.Path)
	x.lastModified(o.LastModifiedDate)
	for i := range o.OtherName {
		x.otherName(&o.OtherName[i])
	}
	x.close("other-name:other-names")
}

// Person items, alone (a PUT's answer) or in their lists.

func (x *xw) otherName(n *orcid.OtherName) {
	x.open("other-name:other-name", "put-code", pcs(n.PutCode), "visibility", n.Visibility, "path", n.Path, "display-index", di(n.DisplayIndex))
	x.dates(n.CreatedDate, n.LastModifiedDate, n.Source)
	x.leaf("other-name:content", n.Content)
	x.close("other-name:other-name")
}

func (x *xw) researcherURL(r *orcid.ResearcherURL) {
	x.open("researcher-url:researcher-url", "put-code", pcs(r.PutCode), "visibility", visOr(r.Visibility), "path", r.Path, "display-index", di(r.DisplayIndex))
	x.dates(r.CreatedDate, r.LastModifiedDate, r.Source)
	x.leaf("researcher-url:url-name", r.URLName)
	x.value("researcher-url:url", r.URL)
	x.close("researcher-url:researcher-url")
}

func (x *xw) address(c *orcid.Address) {
	x.open("address:address", "put-code", pcs(c.PutCode), "visibility", visOr(c.Visibility), "path", c.Path, "display-index", di(c.DisplayIndex))
	x.dates(c.CreatedDate, c.LastModifiedDate, c.Source)
	x.value("address:country", c.Country)
	x.close("address:address")
}

func (x *xw) keyword(kw *orcid.Keyword) {
	x.open("keyword:keyword", "put-code", pcs(kw.PutCode), "visibility", visOr(kw.Visibility), "path", kw.Path, "display-index", di(kw.DisplayIndex))
	x.dates(kw.CreatedDate, kw.LastModifiedDate, kw.Source)
	x.leaf("keyword:content", kw.Content)
	x.close("keyword:keyword")
}

func (x *xw) personExternalID(i *orcid.PersonExternalID) {
	x.open("external-identifier:external-identifier", "put-code", pcs(i.PutCode), "visibility", visOr(i.Visibility), "path", i.Path, "display-index", di(i.DisplayIndex))
	x.dates(i.CreatedDate, i.LastModifiedDate, i.Source)
	x.leaf("common:external-id-type", i.Type)
	x.leaf("common:external-id-value", i.Value)
	x.value("common:external-id-url", i.URL)
	x.leaf("common:external-id-relationship", i.Relationship)
	x.close("external-identifier:external-identifier")
}

// visOr is an item's visibility, public when the item does not say.
func visOr(v string) string {
	if v == "" {
		return "public"
	}
	return v
}

func (x *xw) biography(tag string, b *orcid.Biography, path string) {
	if b == nil {
		return
	}
	x.open(tag, "visibility", b.Visibility, "path", path)
	x.leaf("common:created-date", iso(b.CreatedDate))
	x.leaf("common:last-modified-date", iso(b.LastModifiedDate))
	x.leaf("personal-details:content", b.Content)
	x.close(tag)
}

func (x *xw) person(p *orcid.Person) {
	id := ""
	if p.Name != nil {
		id = p.Name.Path
	} else if len(p.Path) > 8 {
		id = p.Path[1 : len(p.Path)-len("/person")]
	}
	x.open("person:person", "path", p.Path)
	x.lastModified(p.LastModifiedDate)
	x.name("person:name", p.Name)
	x.otherNames(p.OtherNames)
	x.biography("person:biography", p.Biography, "/"+id+"/biography")
	_ = id
	if u := p.ResearcherURLs; u != nil {
		x.open("researcher-url:researcher-urls", "path", "/"+id+"/researcher-urls")
		x.lastModified(u.LastModifiedDate)
		for i := range u.ResearcherURL {
			x.researcherURL(&u.ResearcherURL[i])
		}
		x.close("researcher-url:researcher-urls")
	}
	if e := p.Emails; e != nil {
		x.open("email:emails", "path", "/"+id+"/email")
		x.lastModified(e.LastModifiedDate)
		for _, m := range e.Email {
			x.open("email:email", "visibility", "public", "verified", strconv.FormatBool(m.Verified), "primary", strconv.FormatBool(m.Primary))
			x.dates(m.CreatedDate, m.LastModifiedDate, m.Source)
			x.leaf("email:email", m.Email)
			x.close("email:email")
		}
		x.close("email:emails")
	}
	if a := p.Addresses; a != nil {
		x.open("address:addresses", "path", "/"+id+"/address")
		x.lastModified(a.LastModifiedDate)
		for i := range a.Address {
			x.address(&a.Address[i])
		}
		x.close("address:addresses")
	}
	if k := p.Keywords; k != nil {
		x.open("keyword:keywords", "path", "/"+id+"/keywords")
		x.lastModified(k.LastModifiedDate)
		for i := range k.Keyword {
			x.keyword(&k.Keyword[i])
		}
		x.close("keyword:keywords")
	}
	if e := p.ExternalIdentifiers; e != nil {
		x.open("external-identifier:external-identifiers", "path", "/"+id+"/external-identifiers")
		x.lastModified(e.LastModifiedDate)
		for i := range e.ExternalIdentifier {
			x.personExternalID(&e.ExternalIdentifier[i])
		}
		x.close("external-identifier:external-identifiers")
	}
	x.close("person:person")
}

func (x *xw) personalDetails(pd *personalDetails) {
	x.open("personal-details:personal-details", "path", pd.Path)
	x.lastModified(pd.LastModifiedDate)
	x.name("personal-details:name", pd.Name)
	x.otherNames(pd.OtherNames)
	if pd.Biography != nil {
		x.biography("personal-details:biography", pd.Biography, pd.Path[:len(pd.Path)-len("/personal-details")]+"/biography")
	}
	x.close("personal-details:personal-details")
}

// ---- activities --------------------------------------------------------------

func (x *xw) activities(a *orcid.ActivitiesSummary) {
	x.open("activities:activities-summary", "path", a.Path)
	x.lastModified(a.LastModifiedDate)
	x.affiliations(a.Distinctions, "distinctions")
	x.affiliations(a.Educations, "educations")
	x.affiliations(a.Employments, "employments")
	x.fundings(a.Fundings)
	x.affiliations(a.InvitedPositions, "invited-positions")
	x.affiliations(a.Memberships, "memberships")
	x.peerReviews(a.PeerReviews)
	x.affiliations(a.Qualifications, "qualifications")
	x.researchResources(a.ResearchResources)
	x.affiliations(a.Services, "services")
	x.works(a.Works)
	x.close("activities:activities-summary")
}

func (x *xw) affiliations(a *orcid.Affiliations, section string) {
	if a == nil {
		return
	}
	tag := "activities:" + section
	if len(a.AffiliationGroup) == 0 {
		x.empty(tag, "path", a.Path)
		return
	}
	x.open(tag, "path", a.Path)
	x.lastModified(a.LastModifiedDate)
	for _, g := range a.AffiliationGroup {
		x.open("activities:affiliation-group")
		x.lastModified(g.LastModifiedDate)
		x.extIDs(g.ExternalIDs)
		for i := range g.Summaries {
			x.affiliationSummary(&g.Summaries[i], false)
		}
		x.close("activities:affiliation-group")
	}
	x.close(tag)
}

// affiliationSummary writes <employment:employment-summary> (or, full, the
// <employment:employment> document served by /employment/{put-code}).
func (x *xw) affiliationSummary(s *orcid.AffiliationSummary, full bool) {
	kind := s.Kind
	if kind == "" {
		kind = "employment"
	}
	tag := kind + ":" + kind + "-summary"
	if full {
		tag = kind + ":" + kind
	}
	x.open(tag, "put-code", pcs(s.PutCode), "display-index", s.DisplayIndex, "path", s.Path, "visibility", s.Visibility)
	x.dates(s.CreatedDate, s.LastModifiedDate, s.Source)
	x.leaf("common:department-name", s.DepartmentName)
	x.leaf("common:role-title", s.RoleTitle)
	x.fuzzy("common:start-date", s.StartDate)
	x.fuzzy("common:end-date", s.EndDate)
	x.org("common:organization", s.Organization)
	x.value("common:url", s.URL)
	x.extIDs(s.ExternalIDs)
	x.close(tag)
}

func (x *xw) fundings(f *orcid.Fundings) {
	if f == nil {
		return
	}
	if len(f.Group) == 0 {
		x.empty("activities:fundings", "path", f.Path)
		return
	}
	x.open("activities:fundings", "path", f.Path)
	x.lastModified(f.LastModifiedDate)
	for _, g := range f.Group {
		x.open("activities:group")
		x.lastModified(g.LastModifiedDate)
		x.extIDs(g.ExternalIDs)
		for i := range g.FundingSummary {
			x.fundingSummary(&g.FundingSummary[i], false)
		}
		x.close("activities:group")
	}
	x.close("activities:fundings")
}

func (x *xw) title(tag string, t *orcid.WorkTitle) {
	if t == nil {
		return
	}
	x.open(tag)
	x.value("common:title", t.Title)
	x.value("common:subtitle", t.Subtitle)
	if tt := t.TranslatedTitle; tt != nil {
		x.leaf("common:translated-title", tt.Value, "language-code", tt.LanguageCode)
	}
	x.close(tag)
}

func (x *xw) fundingSummary(s *orcid.FundingSummary, full bool) {
	tag := "funding:funding-summary"
	if full {
		tag = "funding:funding"
	}
	x.open(tag, "put-code", pcs(s.PutCode), "path", s.Path, "visibility", s.Visibility, "display-index", s.DisplayIndex)
	x.dates(s.CreatedDate, s.LastModifiedDate, s.Source)
	if full {
		x.leaf("funding:type", s.Type)
	}
	x.title("funding:title", s.Title)
	if full {
		x.org("funding:organization", s.Organization)
	}
	x.extIDs(s.ExternalIDs)
	x.value("common:url", s.URL)
	if !full {
		x.leaf("funding:type", s.Type)
	}
	x.fuzzy("common:start-date", s.StartDate)
	x.fuzzy("common:end-date", s.EndDate)
	if !full {
		x.org("common:organization", s.Organization)
	}
	x.close(tag)
}

func (x *xw) peerReviews(p *orcid.PeerReviews) {
	if p == nil {
		return
	}
	if len(p.Group) == 0 {
		x.empty("activities:peer-reviews", "path", p.Path)
		return
	}
	x.open("activities:peer-reviews", "path", p.Path)
	x.lastModified(p.LastModifiedDate)
	for _, g := range p.Group {
		x.open("activities:group")
		x.lastModified(g.LastModifiedDate)
		x.extIDs(g.ExternalIDs)
		for _, sg := range g.PeerReviewGroup {
			x.open("activities:peer-review-group")
			x.extIDs(sg.ExternalIDs)
			for i := range sg.PeerReviewSummary {
				x.peerReviewSummary(&sg.PeerReviewSummary[i], false)
			}
			x.close("activities:peer-review-group")
		}
		x.close("activities:group")
	}
	x.close("activities:peer-reviews")
}

func (x *xw) peerReviewSummary(s *orcid.PeerReviewSummary, full bool) {
	tag := "peer-review:peer-review-summary"
	if full {
		tag = "peer-review:peer-review"
	}
	x.open(tag, "put-code", pcs(s.PutCode), "path", s.Path, "visibility", s.Visibility, "display-index", s.DisplayIndex)
	x.dates(s.CreatedDate, s.LastModifiedDate, s.Source)
	x.leaf("peer-review:reviewer-role", s.ReviewerRole)
	x.extIDs(s.ExternalIDs)
	x.value("peer-review:review-url", s.ReviewURL)
	x.leaf("peer-review:review-type", s.ReviewType)
	x.fuzzy("peer-review:completion-date", s.CompletionDate)
	x.leaf("peer-review:review-group-id", s.ReviewGroupID)
	x.org("peer-review:convening-organization", s.ConveningOrganization)
	x.close(tag)
}

func (x *xw) researchResources(r *orcid.ResearchResources) {
	if r == nil {
		return
	}
	if len(r.Group) == 0 {
		x.empty("activities:research-resources", "path", r.Path)
		return
	}
	x.open("activities:research-resources", "path", r.Path)
	x.lastModified(r.LastModifiedDate)
	for _, g := range r.Group {
		x.open("activities:group")
		x.lastModified(g.LastModifiedDate)
		x.extIDs(g.ExternalIDs)
		for i := range g.ResearchResourceSummary {
			x.researchResourceSummary(&g.ResearchResourceSummary[i], false)
		}
		x.close("activities:group")
	}
	x.close("activities:research-resources")
}

func (x *xw) researchResourceSummary(s *orcid.ResearchResourceSummary, full bool) {
	tag := "research-resource:research-resource-summary"
	if full {
		tag = "research-resource:research-resource"
	}
	x.open(tag, "put-code", pcs(s.PutCode), "path", s.Path, "visibility", s.Visibility, "display-index", s.DisplayIndex)
	x.dates(s.CreatedDate, s.LastModifiedDate, s.Source)
	if p := s.Proposal; p != nil {
		x.open("research-resource:proposal")
		x.title("research-resource:title", p.Title)
		if p.Hosts != nil {
			x.open("research-resource:hosts")
			for i := range p.Hosts.Organization {
				x.org("common:organization", &p.Hosts.Organization[i])
			}
			x.close("research-resource:hosts")
		}
		x.extIDs(p.ExternalIDs)
		x.fuzzy("common:start-date", p.StartDate)
		x.fuzzy("common:end-date", p.EndDate)
		x.value("common:url", p.URL)
		x.close("research-resource:proposal")
	}
	x.close(tag)
}

// ---- works -----------------------------------------------------------------

func (x *xw) works(w *orcid.Works) {
	if w == nil {
		return
	}
	if len(w.Group) == 0 {
		x.empty("activities:works", "path", w.Path)
		return
	}
	x.open("activities:works", "path", w.Path)
	x.lastModified(w.LastModifiedDate)
	for _, g := range w.Group {
		x.open("activities:group")
		x.lastModified(g.LastModifiedDate)
		x.extIDs(g.ExternalIDs)
		for i := range g.WorkSummary {
			x.workSummary(&g.WorkSummary[i])
		}
		x.close("activities:group")
	}
	x.close("activities:works")
}

func (x *xw) workSummary(s *orcid.WorkSummary) {
	x.open("work:work-summary", "put-code", pcs(s.PutCode), "path", s.Path, "visibility", s.Visibility, "display-index", s.DisplayIndex)
	x.leaf("common:created-date", iso(s.CreatedDate))
	x.leaf("common:last-modified-date", iso(s.LastModified))
	x.source(s.Source)
	x.title("work:title", s.Title)
	x.extIDs(s.ExternalIDs)
	x.value("common:url", s.URL)
	x.leaf("work:type", s.Type)
	x.fuzzy("common:publication-date", s.PublicationDate)
	x.value("work:journal-title", s.JournalTitle)
	x.close("work:work-summary")
}

func (x *xw) work(w *orcid.Work) {
	x.open("work:work", "put-code", pcs(w.PutCode), "path", w.Path, "visibility", w.Visibility)
	x.leaf("common:created-date", iso(w.CreatedDate))
	x.leaf("common:last-modified-date", iso(w.LastModified))
	x.source(w.Source)
	x.title("work:title", w.Title)
	x.value("work:journal-title", w.JournalTitle)
	x.leaf("work:short-description", w.ShortDescription)
	if c := w.Citation; c != nil {
		x.open("work:citation")
		x.leaf("work:citation-type", c.Type)
		x.leaf("work:citation-value", c.Value)
		x.close("work:citation")
	}
	x.leaf("work:type", w.Type)
	x.fuzzy("common:publication-date", w.PublicationDate)
	x.extIDs(w.ExternalIDs)
	x.value("common:url", w.URL)
	x.contributors("work", w.Contributors)
	x.leaf("common:language-code", w.LanguageCode)
	x.value("common:country", w.Country, "visibility", "public")
	x.close("work:work")
}

func (x *xw) bulk(b *orcid.WorkBulk) {
	x.open("bulk:bulk")
	for _, it := range b.Bulk {
		if it.Work != nil {
			x.work(it.Work)
		} else if it.Error != nil {
			x.errorDoc(it.Error)
		}
	}
	x.close("bulk:bulk")
}

func (x *xw) errorDoc(e *orcid.ErrorDocument) {
	x.open("error:error")
	x.leaf("error:response-code", strconv.Itoa(e.ResponseCode))
	x.leaf("error:developer-message", e.DeveloperMessage)
	x.leaf("error:user-message", e.UserMessage)
	x.leaf("error:error-code", strconv.Itoa(e.ErrorCode))
	x.leaf("error:more-info", e.MoreInfo)
	x.close("error:error")
}

// ---- search ----------------------------------------------------------------

func (x *xw) search(s *orcid.SearchResult) {
	n := strconv.FormatInt(s.NumFound, 10)
	if len(s.Result) == 0 {
		x.empty("search:search", "num-found", n)
		return
	}
	x.open("search:search", "num-found", n)
	for i := range s.Result {
		x.open("search:result")
		x.ident("common:orcid-identifier", &s.Result[i].ORCIDIdentifier)
		x.close("search:result")
	}
	x.close("search:search")
}

func (x *xw) expandedSearch(s *orcid.ExpandedSearchResult) {
	n := strconv.FormatInt(s.NumFound, 10)
	if len(s.ExpandedResult) == 0 {
		x.empty("expanded-search:expanded-search", "num-found", n)
		return
	}
	x.open("expanded-search:expanded-search", "num-found", n)
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	for _, r := range s.ExpandedResult {
		x.open("expanded-search:expanded-result")
		x.leaf("expanded-search:orcid-id", r.ORCIDID)
		x.leaf("expanded-search:given-names", str(r.GivenNames))
		x.leaf("expanded-search:family-names", str(r.FamilyNames))
		x.leaf("expanded-search:credit-name", str(r.CreditName))
		for _, o := range r.OtherName {
			x.leaf("expanded-search:other-name", o)
		}
		for _, e := range r.Email {
			x.leaf("expanded-search:email", e)
		}
		for _, i := range r.InstitutionName {
			x.leaf("expanded-search:institution-name", i)
		}
		x.close("expanded-search:expanded-result")
	}
	x.close("expanded-search:expanded-search")
}
