package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// printFullItems reads every item of section in full (one request per
// item, after the section's list) and prints all of its fields.
func (c *cli) printFullItems(ctx context.Context, client *orcid.Client, p *printer, id orcid.ID, section string) error {
	switch section {
	case "fundings":
		list, err := client.Fundings(ctx, id)
		if err != nil {
			return err
		}
		var pcs []int64
		for _, g := range list.Group {
			for _, s := range g.FundingSummary {
				pcs = append(pcs, s.PutCode)
			}
		}
		p.f("Fundings (%d, in full)\n", len(pcs))
		for _, pc := range pcs {
			f, err := client.Funding(ctx, id, pc)
			if err != nil {
				return err
			}
			p.fullFunding(f)
		}
	case "peer-reviews":
		list, err := client.PeerReviews(ctx, id)
		if err != nil {
			return err
		}
		var pcs []int64
		for _, g := range list.Group {
			for _, sg := range g.PeerReviewGroup {
				for _, s := range sg.PeerReviewSummary {
					pcs = append(pcs, s.PutCode)
				}
			}
		}
		p.f("Peer reviews (%d, in full)\n", len(pcs))
		for _, pc := range pcs {
			r, err := client.PeerReview(ctx, id, pc)
			if err != nil {
				return err
			}
			p.fullPeerReview(r)
		}
	case "research-resources":
		list, err := client.ResearchResources(ctx, id)
		if err != nil {
			return err
		}
		var pcs []int64
		for _, g := range list.Group {
			for _, s := range g.ResearchResourceSummary {
				pcs = append(pcs, s.PutCode)
			}
		}
		p.f("Research resources (%d, in full)\n", len(pcs))
		for _, pc := range pcs {
			r, err := client.ResearchResource(ctx, id, pc)
			if err != nil {
				return err
			}
			p.fullResearchResource(r)
		}
	default:
		sec := orcid.AffiliationSection(section)
		list, err := client.Affiliations(ctx, id, sec)
		if err != nil {
			return err
		}
		sums := affiliationSummaries(list)
		p.f("%s (%d, in full)\n", sectionTitle(section), len(sums))
		for _, s := range sums {
			a, err := client.Affiliation(ctx, id, sec, s.PutCode)
			if err != nil {
				return err
			}
			p.fullAffiliation(a)
		}
	}
	return nil
}

// sectionTitle is "Invited positions" for "invited-positions".
func sectionTitle(section string) string {
	s := strings.ReplaceAll(section, "-", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// field prints one "label: value" line of an item, nothing when empty.
func (p *printer) field(label, value string) {
	if value != "" {
		p.f("        %s: %s\n", label, value)
	}
}

// orgLine is "Name (City, Region, CC) ROR https://ror.org/…".
func orgLine(o *orcid.Organization) string {
	if o == nil {
		return ""
	}
	s := clean(o.Name)
	if place := clean(o.Place()); place != "" {
		s += " (" + place + ")"
	}
	if d := o.DisambiguatedOrganization; d != nil && clean(d.Identifier) != "" {
		s += " " + clean(d.Source) + " " + clean(d.Identifier)
	}
	return strings.TrimSpace(s)
}

// idList is "type value (relationship) URL; …".
func idList(ids *orcid.ExternalIDs) string {
	if ids == nil {
		return ""
	}
	var out []string
	for _, x := range ids.ExternalID {
		out = append(out, idLine(&x))
	}
	return strings.Join(out, "; ")
}

func idLine(x *orcid.ExternalID) string {
	if x == nil {
		return ""
	}
	s := strings.TrimSpace(clean(x.Type) + " " + clean(x.Value))
	if r := clean(x.Relationship); r != "" {
		s += " (" + r + ")"
	}
	if u := clean(x.URL.String()); u != "" {
		s += " " + u
	}
	return s
}

// period is "2016-09 to 2020-08", "2016-09 to present" or "".
func period(start, end *orcid.FuzzyDate) string {
	a, b := clean(start.String()), clean(end.String())
	switch {
	case a == "" && b == "":
		return ""
	case b == "":
		return a + " to present"
	case a == "":
		return "until " + b
	}
	return a + " to " + b
}

func sourceName(s *orcid.Source) string {
	if s == nil {
		return ""
	}
	return clean(s.SourceName.String())
}

func (p *printer) fullFunding(f *orcid.Funding) {
	p.f("  %-4s  %-18s  %s\n", year(f.StartDate), clean(f.Type), title(f.Title))
	if f.Title != nil && f.Title.TranslatedTitle != nil {
		p.field("translated title", clean(f.Title.TranslatedTitle.Value))
	}
	p.field("organisation", orgLine(f.Organization))
	p.field("type defined by the funder", clean(f.OrganizationDefinedType.String()))
	p.field("amount", clean(f.Amount.String()))
	p.field("period", period(f.StartDate, f.EndDate))
	p.field("description", clean(f.ShortDescription))
	p.field("URL", clean(f.URL.String()))
	p.field("external ids", idList(f.ExternalIDs))
	p.field("contributors", contributorList(f.Contributors))
	p.field("source", sourceName(f.Source))
	p.field("put-code", fmt.Sprint(f.PutCode))
}

func (p *printer) fullPeerReview(r *orcid.PeerReview) {
	p.f("  %-4s  %-18s  %s\n", year(r.ReviewCompletionDate), clean(r.ReviewerRole)+" "+clean(r.ReviewType), clean(r.ReviewGroupID))
	p.field("subject", title(r.SubjectName))
	p.field("subject type", clean(r.SubjectType))
	p.field("subject in", clean(r.SubjectContainerName.String()))
	p.field("subject id", idLine(r.SubjectExternalIdentifier))
	p.field("subject URL", clean(r.SubjectURL.String()))
	p.field("review URL", clean(r.ReviewURL.String()))
	p.field("completed", clean(r.ReviewCompletionDate.String()))
	p.field("review ids", idList(r.ReviewIdentifiers))
	p.field("convening organisation", orgLine(r.ConveningOrganization))
	p.field("source", sourceName(r.Source))
	p.field("put-code", fmt.Sprint(r.PutCode))
}

func (p *printer) fullResearchResource(r *orcid.ResearchResource) {
	pr := r.Proposal
	if pr == nil {
		pr = &orcid.Proposal{}
	}
	p.f("  %-4s  %s\n", year(pr.StartDate), title(pr.Title))
	if pr.Hosts != nil {
		for i := range pr.Hosts.Organization {
			p.field("host", orgLine(&pr.Hosts.Organization[i]))
		}
	}
	p.field("period", period(pr.StartDate, pr.EndDate))
	p.field("URL", clean(pr.URL.String()))
	p.field("external ids", idList(pr.ExternalIDs))
	for _, it := range r.ResourceItems {
		line := clean(it.ResourceName)
		if t := clean(it.ResourceType); t != "" {
			line += " (" + t + ")"
		}
		if it.Hosts != nil && len(it.Hosts.Organization) > 0 {
			line += " at " + orgLine(&it.Hosts.Organization[0])
		}
		if ids := idList(it.ExternalIDs); ids != "" {
			line += "; " + ids
		}
		if u := clean(it.URL.String()); u != "" {
			line += " " + u
		}
		p.field("resource", line)
	}
	p.field("source", sourceName(r.Source))
	p.field("put-code", fmt.Sprint(r.PutCode))
}

func (p *printer) fullAffiliation(a *orcid.Affiliation) {
	p.f("  %s\n", orgLine(a.Organization))
	p.field("role", clean(a.RoleTitle))
	p.field("department", clean(a.DepartmentName))
	p.field("period", period(a.StartDate, a.EndDate))
	p.field("URL", clean(a.URL.String()))
	p.field("external ids", idList(a.ExternalIDs))
	p.field("source", sourceName(a.Source))
	p.field("put-code", fmt.Sprint(a.PutCode))
}
