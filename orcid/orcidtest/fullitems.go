package orcidtest

import (
	"strings"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// Full fundings, peer reviews and research resources: what
// /{kind}/{put-code} serves, the summary's fields plus the ones ORCID keeps
// only in the full item (amount, contributors, review subject, resource
// items, …), from the person's spec, or as a member client wrote them.

func (b *built) fullFunding(s *orcid.FundingSummary) *orcid.Funding {
	if f, ok := b.writtenFundings[s.PutCode]; ok {
		return f
	}
	f := &orcid.Funding{
		CreatedDate: s.CreatedDate, LastModifiedDate: s.LastModifiedDate, Source: s.Source,
		PutCode: s.PutCode, Path: s.Path, Type: s.Type, Title: s.Title, URL: s.URL,
		StartDate: s.StartDate, EndDate: s.EndDate, ExternalIDs: s.ExternalIDs,
		Organization: s.Organization, Visibility: s.Visibility,
	}
	for _, sp := range b.spec.Fundings {
		if sp.Title != s.Title.TitleString() {
			continue
		}
		f.OrganizationDefinedType = val(sp.OrgType)
		f.ShortDescription = sp.Desc
		if sp.Amount != "" {
			f.Amount = &orcid.Amount{Value: sp.Amount, CurrencyCode: sp.Currency}
		}
		if len(sp.Contributors) > 0 {
			f.Contributors = &orcid.Contributors{}
			for _, c := range sp.Contributors {
				oc := orcid.Contributor{CreditName: val(c.Name), ContributorAttributes: &orcid.ContributorAttributes{Role: c.Role}}
				if c.ORCID != "" {
					oc.ContributorORCID = b.ident(c.ORCID)
				}
				f.Contributors.Contributor = append(f.Contributors.Contributor, oc)
			}
		}
		break
	}
	return f
}

func (b *built) fullPeerReview(s *orcid.PeerReviewSummary) *orcid.PeerReview {
	p := &orcid.PeerReview{
		CreatedDate: s.CreatedDate, LastModifiedDate: s.LastModifiedDate, Source: s.Source,
		ReviewerRole: s.ReviewerRole, ReviewIdentifiers: s.ExternalIDs, ReviewURL: s.ReviewURL,
		ReviewType: s.ReviewType, ReviewCompletionDate: s.CompletionDate, ReviewGroupID: s.ReviewGroupID,
		ConveningOrganization: s.ConveningOrganization, Visibility: s.Visibility, PutCode: s.PutCode, Path: s.Path,
	}
	for _, sp := range b.spec.Reviews {
		if s.ExternalIDs == nil || len(s.ExternalIDs.ExternalID) == 0 || sp.ReviewID != s.ExternalIDs.ExternalID[0].Value {
			continue
		}
		p.SubjectContainerName = val(sp.GroupName)
		p.SubjectType = sp.SubjectType
		p.SubjectURL = val(sp.SubjectURL)
		if sp.SubjectTitle != "" {
			p.SubjectName = &orcid.WorkTitle{Title: val(sp.SubjectTitle)}
		}
		if sp.SubjectDOI != "" {
			x := xid("doi", sp.SubjectDOI, "https://doi.org/"+sp.SubjectDOI, "self")
			p.SubjectExternalIdentifier = &x
		}
		break
	}
	return p
}

func (b *built) fullResearchResource(s *orcid.ResearchResourceSummary) *orcid.ResearchResource {
	r := &orcid.ResearchResource{
		CreatedDate: s.CreatedDate, LastModifiedDate: s.LastModifiedDate, Source: s.Source,
		Proposal: s.Proposal, PutCode: s.PutCode, Path: s.Path, Visibility: s.Visibility, DisplayIndex: s.DisplayIndex,
		ResourceItems: []orcid.ResourceItem{},
	}
	for _, sp := range b.spec.Resources {
		if s.Proposal == nil || sp.Title != s.Proposal.Title.TitleString() {
			continue
		}
		for _, it := range sp.Items {
			ids := &orcid.ExternalIDs{ExternalID: []orcid.ExternalID{}}
			if it.RRID != "" {
				ids.ExternalID = append(ids.ExternalID, xid("rrid", it.RRID, "", "self"))
			}
			r.ResourceItems = append(r.ResourceItems, orcid.ResourceItem{
				ResourceName: it.Name, ResourceType: it.Type,
				Hosts:       &orcid.Hosts{Organization: []orcid.Organization{*orgOf(it.Host)}},
				ExternalIDs: ids, URL: val(it.URL),
			})
		}
		break
	}
	return r
}

// ident is the iD object of id on the site this record was built for.
func (b *built) ident(id string) *orcid.Identifier {
	own := b.rec.ORCIDIdentifier
	return &orcid.Identifier{URI: strings.TrimSuffix(own.URI, own.Path) + id, Path: id, Host: own.Host}
}

// ---- XML ---------------------------------------------------------------------

// contributors writes a work's or funding's contributor list; ns is the
// namespace prefix of the element names ("work", "funding").
func (x *xw) contributors(ns string, c *orcid.Contributors) {
	if c == nil || len(c.Contributor) == 0 {
		return
	}
	x.open(ns + ":contributors")
	for _, ct := range c.Contributor {
		x.open(ns + ":contributor")
		x.ident("common:contributor-orcid", ct.ContributorORCID)
		x.value(ns+":credit-name", ct.CreditName)
		x.value(ns+":contributor-email", ct.ContributorEmail)
		if a := ct.ContributorAttributes; a != nil {
			x.open(ns + ":contributor-attributes")
			x.leaf(ns+":contributor-sequence", a.Sequence)
			x.leaf(ns+":contributor-role", a.Role)
			x.close(ns + ":contributor-attributes")
		}
		x.close(ns + ":contributor")
	}
	x.close(ns + ":contributors")
}

// funding writes <funding:funding> in the element order of ORCID's schema.
func (x *xw) funding(f *orcid.Funding) {
	x.open("funding:funding", "put-code", pcs(f.PutCode), "path", f.Path, "visibility", f.Visibility)
	x.dates(f.CreatedDate, f.LastModifiedDate, f.Source)
	x.leaf("funding:type", f.Type)
	x.value("funding:organization-defined-type", f.OrganizationDefinedType)
	x.title("funding:title", f.Title)
	x.leaf("funding:short-description", f.ShortDescription)
	if a := f.Amount; a != nil {
		x.leaf("funding:amount", a.Value, "currency-code", a.CurrencyCode)
	}
	x.value("common:url", f.URL)
	x.fuzzy("common:start-date", f.StartDate)
	x.fuzzy("common:end-date", f.EndDate)
	x.extIDs(f.ExternalIDs)
	x.contributors("funding", f.Contributors)
	x.org("common:organization", f.Organization)
	x.close("funding:funding")
}

// peerReview writes <peer-review:peer-review> in the schema's order.
func (x *xw) peerReview(p *orcid.PeerReview) {
	x.open("peer-review:peer-review", "put-code", pcs(p.PutCode), "path", p.Path, "visibility", p.Visibility)
	x.dates(p.CreatedDate, p.LastModifiedDate, p.Source)
	x.leaf("peer-review:reviewer-role", p.ReviewerRole)
	x.extIDsAs("peer-review:review-identifiers", p.ReviewIdentifiers)
	x.value("peer-review:review-url", p.ReviewURL)
	x.leaf("peer-review:review-type", p.ReviewType)
	x.fuzzy("peer-review:review-completion-date", p.ReviewCompletionDate)
	x.leaf("peer-review:review-group-id", p.ReviewGroupID)
	if e := p.SubjectExternalIdentifier; e != nil {
		x.extID("peer-review:subject-external-identifier", *e)
	}
	x.value("peer-review:subject-container-name", p.SubjectContainerName)
	x.leaf("peer-review:subject-type", p.SubjectType)
	x.title("peer-review:subject-name", p.SubjectName)
	x.value("peer-review:subject-url", p.SubjectURL)
	x.org("peer-review:convening-organization", p.ConveningOrganization)
	x.close("peer-review:peer-review")
}

// researchResource writes <research-resource:research-resource>.
func (x *xw) researchResource(r *orcid.ResearchResource) {
	x.open("research-resource:research-resource", "put-code", pcs(r.PutCode), "path", r.Path, "visibility", r.Visibility, "display-index", r.DisplayIndex)
	x.dates(r.CreatedDate, r.LastModifiedDate, r.Source)
	if p := r.Proposal; p != nil {
		x.open("research-resource:proposal")
		x.title("research-resource:title", p.Title)
		x.hosts(p.Hosts)
		x.extIDs(p.ExternalIDs)
		x.fuzzy("common:start-date", p.StartDate)
		x.fuzzy("common:end-date", p.EndDate)
		x.value("common:url", p.URL)
		x.close("research-resource:proposal")
	}
	if len(r.ResourceItems) > 0 {
		x.open("research-resource:resource-items")
		for i := range r.ResourceItems {
			it := &r.ResourceItems[i]
			x.open("research-resource:resource-item")
			x.leaf("research-resource:resource-name", it.ResourceName)
			x.leaf("research-resource:resource-type", it.ResourceType)
			x.hosts(it.Hosts)
			x.extIDs(it.ExternalIDs)
			x.value("common:url", it.URL)
			x.close("research-resource:resource-item")
		}
		x.close("research-resource:resource-items")
	}
	x.close("research-resource:research-resource")
}

func (x *xw) hosts(h *orcid.Hosts) {
	if h == nil {
		return
	}
	x.open("research-resource:hosts")
	for i := range h.Organization {
		x.org("common:organization", &h.Organization[i])
	}
	x.close("research-resource:hosts")
}
