package orcid

import (
	"strconv"
	"strings"
	"time"
)

// Nil-safe accessors for the model types, so callers (TUI, CLI) can read a
// record without checking every pointer ORCID may have sent as null. They
// return text exactly as ORCID sent it: sanitise before drawing.

// Time returns the timestamp as a UTC time, or the zero time when absent.
func (t *Timestamp) Time() time.Time {
	if t == nil || t.Millis == 0 {
		return time.Time{}
	}
	return time.UnixMilli(t.Millis).UTC()
}

// IsZero reports whether the timestamp is absent.
func (t *Timestamp) IsZero() bool { return t == nil || t.Millis == 0 }

// String formats the date as ORCID's parts allow: "2012-10-01", "2012-10",
// "2012", or "" when there is no year. One-digit months and days are padded.
func (d *FuzzyDate) String() string {
	if d == nil {
		return ""
	}
	y := strings.TrimSpace(d.Year.String())
	if y == "" {
		return ""
	}
	m := pad2(d.Month.String())
	if m == "" {
		return y
	}
	day := pad2(d.Day.String())
	if day == "" {
		return y + "-" + m
	}
	return y + "-" + m + "-" + day
}

// YearInt returns the year as a number, or 0 when absent or not a number.
func (d *FuzzyDate) YearInt() int {
	if d == nil {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(d.Year.String()))
	if err != nil {
		return 0
	}
	return n
}

func pad2(s string) string {
	s = strings.TrimSpace(s)
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// DisplayName is the one rule for a person's name on screen, in the CLI
// and the TUI alike: the credit name (the published name) when ORCID gave
// it, which it does only when it is public; else given names and family
// name. Empty when neither is public.
func DisplayName(credit, given, family string) string {
	if c := strings.TrimSpace(credit); c != "" {
		return c
	}
	return joinNonEmpty(" ", given, family)
}

// Display returns the name to show (see DisplayName). Empty when the name
// is private.
func (n *Name) Display() string {
	if n == nil {
		return ""
	}
	return DisplayName(n.CreditName.String(), n.GivenNames.String(), n.FamilyName.String())
}

// DisplayName is the person's name to show (see Name.Display).
func (p *Person) DisplayName() string {
	if p == nil {
		return ""
	}
	return p.Name.Display()
}

// DisplayName is the record owner's name to show (see Name.Display).
func (r *Record) DisplayName() string {
	if r == nil {
		return ""
	}
	return r.Person.DisplayName()
}

// ID returns the record's iD path (e.g. "0000-0002-1825-0097") as ORCID sent it.
func (r *Record) ID() string {
	if r == nil || r.ORCIDIdentifier == nil {
		return ""
	}
	return r.ORCIDIdentifier.Path
}

// Find returns the first external id of type typ (case-insensitive),
// preferring one whose relationship is "self"; nil when there is none.
func (e *ExternalIDs) Find(typ string) *ExternalID {
	if e == nil {
		return nil
	}
	var first *ExternalID
	for i := range e.ExternalID {
		id := &e.ExternalID[i]
		if !strings.EqualFold(strings.TrimSpace(id.Type), typ) {
			continue
		}
		if strings.EqualFold(id.Relationship, "self") {
			return id
		}
		if first == nil {
			first = id
		}
	}
	return first
}

// DOI returns the first DOI of the list (a "self" one preferred) without a
// resolver prefix, or "".
func (e *ExternalIDs) DOI() string {
	id := e.Find("doi")
	if id == nil {
		return ""
	}
	v := strings.TrimSpace(id.Value)
	if v == "" {
		v = strings.TrimSpace(id.Normalized.String())
	}
	return TrimDOI(v)
}

// TrimDOI strips resolver and scheme prefixes from a DOI
// ("https://doi.org/10.1/x", "doi:10.1/x" -> "10.1/x").
func TrimDOI(s string) string {
	s = strings.TrimSpace(s)
	lower := strings.ToLower(s)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"} {
		if strings.HasPrefix(lower, p) {
			return strings.TrimSpace(s[len(p):])
		}
	}
	return s
}

// TitleString returns the title text, or "".
func (t *WorkTitle) TitleString() string {
	if t == nil {
		return ""
	}
	return t.Title.String()
}

// TitleString returns the work's title, or "".
func (w *WorkSummary) TitleString() string {
	if w == nil {
		return ""
	}
	return w.Title.TitleString()
}

// Year returns the publication year as written ("2012"), or "".
func (w *WorkSummary) Year() string {
	if w == nil || w.PublicationDate == nil {
		return ""
	}
	return strings.TrimSpace(w.PublicationDate.Year.String())
}

// DOI returns the work's first DOI (a "self" one preferred), without
// resolver prefix, or "".
func (w *WorkSummary) DOI() string {
	if w == nil {
		return ""
	}
	return w.ExternalIDs.DOI()
}

// TitleString returns the work's title, or "".
func (w *Work) TitleString() string {
	if w == nil {
		return ""
	}
	return w.Title.TitleString()
}

// Year returns the publication year as written ("2012"), or "".
func (w *Work) Year() string {
	if w == nil || w.PublicationDate == nil {
		return ""
	}
	return strings.TrimSpace(w.PublicationDate.Year.String())
}

// DOI returns the work's first DOI (a "self" one preferred), without
// resolver prefix, or "".
func (w *Work) DOI() string {
	if w == nil {
		return ""
	}
	return w.ExternalIDs.DOI()
}

// Preferred returns the group's preferred summary (the first: ORCID's display
// order), or nil for an empty group.
func (g *WorkGroup) Preferred() *WorkSummary {
	if g == nil || len(g.WorkSummary) == 0 {
		return nil
	}
	return &g.WorkSummary[0]
}

// Preferred returns the preferred summary of each group, in record order.
func (w *Works) Preferred() []*WorkSummary {
	if w == nil {
		return nil
	}
	out := make([]*WorkSummary, 0, len(w.Group))
	for i := range w.Group {
		if s := w.Group[i].Preferred(); s != nil {
			out = append(out, s)
		}
	}
	return out
}

// PutCodes returns the put-code of each group's preferred summary, in record
// order: the works to load in full.
func (w *Works) PutCodes() []int64 {
	if w == nil {
		return nil
	}
	out := make([]int64, 0, len(w.Group))
	for i := range w.Group {
		if s := w.Group[i].Preferred(); s != nil {
			out = append(out, s.PutCode)
		}
	}
	return out
}

// Count returns the number of works as ORCID counts them: one per group.
func (w *Works) Count() int {
	if w == nil {
		return 0
	}
	return len(w.Group)
}

// Count returns the number of groups (one per funding).
func (f *Fundings) Count() int {
	if f == nil {
		return 0
	}
	return len(f.Group)
}

// Count returns the number of review groups (one per journal or venue).
func (p *PeerReviews) Count() int {
	if p == nil {
		return 0
	}
	return len(p.Group)
}

// ReviewCount returns the number of individual reviews in all groups.
func (p *PeerReviews) ReviewCount() int {
	if p == nil {
		return 0
	}
	n := 0
	for _, g := range p.Group {
		for _, sg := range g.PeerReviewGroup {
			n += len(sg.PeerReviewSummary)
		}
	}
	return n
}

// Count returns the number of groups (one per research resource).
func (r *ResearchResources) Count() int {
	if r == nil {
		return 0
	}
	return len(r.Group)
}

// Count returns the number of affiliation groups (one per affiliation).
func (a *Affiliations) Count() int {
	if a == nil {
		return 0
	}
	return len(a.AffiliationGroup)
}

// Preferred returns the first summary of each group, in record order.
func (a *Affiliations) Preferred() []*AffiliationSummary {
	if a == nil {
		return nil
	}
	out := make([]*AffiliationSummary, 0, len(a.AffiliationGroup))
	for i := range a.AffiliationGroup {
		if g := &a.AffiliationGroup[i]; len(g.Summaries) > 0 {
			out = append(out, &g.Summaries[0])
		}
	}
	return out
}

// SectionCounts are the item counts of the eleven activity sections, as
// ORCID's own pages count them (one per group).
type SectionCounts struct {
	Works             int
	Fundings          int
	PeerReviews       int
	ResearchResources int
	Employments       int
	Educations        int
	Qualifications    int
	InvitedPositions  int
	Distinctions      int
	Memberships       int
	Services          int
}

// Total is the sum over all sections.
func (c SectionCounts) Total() int {
	return c.Works + c.Fundings + c.PeerReviews + c.ResearchResources + c.Employments +
		c.Educations + c.Qualifications + c.InvitedPositions + c.Distinctions + c.Memberships + c.Services
}

// Counts returns the number of items in each section (zero for null sections).
func (a *ActivitiesSummary) Counts() SectionCounts {
	if a == nil {
		return SectionCounts{}
	}
	return SectionCounts{
		Works:             a.Works.Count(),
		Fundings:          a.Fundings.Count(),
		PeerReviews:       a.PeerReviews.Count(),
		ResearchResources: a.ResearchResources.Count(),
		Employments:       a.Employments.Count(),
		Educations:        a.Educations.Count(),
		Qualifications:    a.Qualifications.Count(),
		InvitedPositions:  a.InvitedPositions.Count(),
		Distinctions:      a.Distinctions.Count(),
		Memberships:       a.Memberships.Count(),
		Services:          a.Services.Count(),
	}
}

// Section returns the affiliation section s (nil if absent or unknown).
func (a *ActivitiesSummary) Section(s AffiliationSection) *Affiliations {
	if a == nil {
		return nil
	}
	switch s {
	case Employments:
		return a.Employments
	case Educations:
		return a.Educations
	case Qualifications:
		return a.Qualifications
	case InvitedPositions:
		return a.InvitedPositions
	case Distinctions:
		return a.Distinctions
	case Memberships:
		return a.Memberships
	case Services:
		return a.Services
	}
	return nil
}

// Place returns where the organisation is: "City, Region, CC", leaving out
// the parts that are empty.
func (o *Organization) Place() string {
	if o == nil || o.Address == nil {
		return ""
	}
	a := o.Address
	return joinNonEmpty(", ", a.City, a.Region, a.Country)
}

// OrgName returns the organisation's name, or "".
func (s *AffiliationSummary) OrgName() string {
	if s == nil || s.Organization == nil {
		return ""
	}
	return s.Organization.Name
}

// Period returns "start – end" for display: "2015-08 – present" when there
// is no end date, "" when there are no dates at all.
func (s *AffiliationSummary) Period() string {
	if s == nil {
		return ""
	}
	start, end := s.StartDate.String(), s.EndDate.String()
	switch {
	case start == "" && end == "":
		return ""
	case end == "":
		return start + " – present"
	case start == "":
		return "– " + end
	}
	return start + " – " + end
}

// DisplayName returns the hit's credit name, else given names and family
// names.
func (r *ExpandedResult) DisplayName() string {
	if r == nil {
		return ""
	}
	return DisplayName(deref(r.CreditName), deref(r.GivenNames), deref(r.FamilyNames))
}

// IDs returns the iDs of the hits in order, skipping any path that is not
// shaped like an iD (4 groups of 4 digits, last may be X). The check digit is
// not verified here; ParseID does that.
func (s *SearchResult) IDs() []ID {
	if s == nil {
		return nil
	}
	out := make([]ID, 0, len(s.Result))
	for _, h := range s.Result {
		if p := strings.TrimSpace(h.ORCIDIdentifier.Path); looksLikeID(p) {
			out = append(out, ID(p))
		}
	}
	return out
}

// IDs returns the iDs of the hits in order, skipping malformed ones (see
// SearchResult.IDs).
func (s *ExpandedSearchResult) IDs() []ID {
	if s == nil {
		return nil
	}
	out := make([]ID, 0, len(s.ExpandedResult))
	for _, r := range s.ExpandedResult {
		if p := strings.TrimSpace(r.ORCIDID); looksLikeID(p) {
			out = append(out, ID(p))
		}
	}
	return out
}

// looksLikeID checks the shape 0000-0000-0000-000X without the checksum.
func looksLikeID(s string) bool {
	if len(s) != 19 {
		return false
	}
	for i := 0; i < 19; i++ {
		c := s[i]
		switch {
		case i == 4 || i == 9 || i == 14:
			if c != '-' {
				return false
			}
		case c >= '0' && c <= '9':
		case i == 18 && (c == 'X' || c == 'x'):
		default:
			return false
		}
	}
	return true
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// joinNonEmpty joins the trimmed non-empty parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(p)
	}
	return b.String()
}
