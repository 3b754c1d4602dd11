package record

import (
	"strconv"
	"strings"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// Label/value layouts of full items for the detail view, shared with the
// work's. Every string goes through the sanitising readers (line, val, …).

// fields collects label/value items, skipping empty values.
type fields []item

func (f *fields) add(label, value string, it item) {
	if value == "" {
		return
	}
	it.cells = []string{label, value}
	*f = append(*f, it)
}

// extIDs adds one line per external identifier, the label on the first.
func (f *fields) extIDs(label string, e *orcid.ExternalIDs) {
	for _, x := range extIDs(e) {
		n := len(*f)
		f.extID(label, x)
		if len(*f) > n {
			label = ""
		}
	}
}

// extID adds one external identifier: type, value (normalised when ORCID
// gives it), and its relationship when it is not "self".
func (f *fields) extID(label string, x orcid.ExternalID) {
	v := line(x.Value)
	if n := val(x.Normalized); n != "" {
		v = n
	}
	rel := ""
	if r := line(x.Relationship); r != "" && r != "self" {
		rel = " (" + humanise(r) + ")"
	}
	f.add(label, strings.TrimSpace(line(x.Type)+"  "+v+rel), item{link: extIDURL(x), copy: v, what: strings.ToUpper(line(x.Type))})
}

// contributors adds one line per contributor: name, role and sequence, and
// the iD (enter opens that record).
func (f *fields) contributors(label string, cs *orcid.Contributors, env orcid.Environment) {
	if cs == nil {
		return
	}
	for _, c := range cs.Contributor {
		name := val(c.CreditName)
		if name == "" {
			name = "(no name)"
		}
		v := name
		if a := c.ContributorAttributes; a != nil {
			var parts []string
			if r := humanise(line(a.Role)); r != "" {
				parts = append(parts, r)
			}
			if s := humanise(line(a.Sequence)); s != "" {
				parts = append(parts, s)
			}
			if len(parts) > 0 {
				v += " — " + strings.Join(parts, ", ")
			}
		}
		it := item{}
		if c.ContributorORCID != nil {
			path := line(c.ContributorORCID.Path)
			if path == "" {
				path = line(c.ContributorORCID.URI)
			}
			if id, err := orcid.ParseID(path); err == nil {
				v += "  " + string(id)
				it.open, it.link, it.copy, it.what = id, env.IDURI(id), string(id), "iD"
			}
		}
		f.add(label, v, it)
		label = ""
	}
}

// org adds an organisation: name, place, and its disambiguated id.
func (f *fields) org(label string, o *orcid.Organization) {
	if o == nil {
		return
	}
	f.add(label, orgName(o), item{wrap: true})
	f.add("Place", place(o), item{})
	if d := o.DisambiguatedOrganization; d != nil {
		id := line(d.Identifier)
		v := strings.TrimSpace(line(d.Source) + "  " + id)
		f.add("Org id", v, item{link: orgLink(o), copy: id, what: "organisation id"})
	}
}

func (f *fields) url(label string, v *orcid.Value) {
	if u := val(v); u != "" {
		f.add(label, u, item{link: u, what: "URL"})
	}
}

// tail adds what every item has: source, visibility, put-code.
func (f *fields) tail(src *orcid.Source, visibility string, putCode int64) {
	if src != nil {
		f.add("Source", val(src.SourceName), item{})
	}
	f.add("Visibility", visName(visibility), item{})
	f.add("Put-code", strconv.FormatInt(putCode, 10), item{})
}

func fundingDetail(x *orcid.Funding, env orcid.Environment) []item {
	var f fields
	f.add("Title", titleOf(x.Title), item{wrap: true})
	f.add("Subtitle", subtitleOf(x.Title), item{wrap: true})
	f.add("Type", humanise(line(x.Type)), item{})
	f.add("Funder's type", val(x.OrganizationDefinedType), item{})
	f.add("Amount", line(x.Amount.String()), item{})
	f.add("Dates", dateRange(x.StartDate, x.EndDate), item{})
	f.org("Funder", x.Organization)
	f.url("URL", x.URL)
	f.extIDs("Identifiers", x.ExternalIDs)
	f.contributors("Contributors", x.Contributors, env)
	f.add("Description", strings.TrimSpace(text(x.ShortDescription)), item{wrap: true})
	f.tail(x.Source, x.Visibility, x.PutCode)
	return f
}

func reviewDetail(x *orcid.PeerReview) []item {
	var f fields
	f.add("Role", humanise(line(x.ReviewerRole)), item{})
	f.add("Review type", humanise(line(x.ReviewType)), item{})
	f.add("Completed", fuzzy(x.ReviewCompletionDate), item{})
	f.url("Review URL", x.ReviewURL)
	f.extIDs("Review ids", x.ReviewIdentifiers)
	f.add("Group id", line(x.ReviewGroupID), item{})
	f.add("Subject", titleOf(x.SubjectName), item{wrap: true})
	f.add("Subject type", humanise(line(x.SubjectType)), item{})
	f.add("Venue", val(x.SubjectContainerName), item{wrap: true})
	if x.SubjectExternalIdentifier != nil {
		f.extID("Subject id", *x.SubjectExternalIdentifier)
	}
	f.url("Subject URL", x.SubjectURL)
	f.org("Convened by", x.ConveningOrganization)
	f.tail(x.Source, x.Visibility, x.PutCode)
	return f
}

func resourceDetail(x *orcid.ResearchResource) []item {
	var f fields
	if p := x.Proposal; p != nil {
		f.add("Proposal", titleOf(p.Title), item{wrap: true})
		f.add("Dates", dateRange(p.StartDate, p.EndDate), item{})
		if p.Hosts != nil {
			for i := range p.Hosts.Organization {
				f.org("Host", &p.Hosts.Organization[i])
			}
		}
		f.url("URL", p.URL)
		f.extIDs("Identifiers", p.ExternalIDs)
	}
	for _, r := range x.ResourceItems {
		v := line(r.ResourceName)
		if t := humanise(line(r.ResourceType)); t != "" {
			v += " — " + t
		}
		f.add("Resource", v, item{wrap: true, link: val(r.URL), what: "URL"})
		if r.Hosts != nil {
			for i := range r.Hosts.Organization {
				f.add("  hosted by", orgName(&r.Hosts.Organization[i]), item{wrap: true})
			}
		}
		f.extIDs("  ids", r.ExternalIDs)
		f.url("  URL", r.URL)
	}
	f.tail(x.Source, x.Visibility, x.PutCode)
	return f
}

func affiliationDetail(x *orcid.Affiliation) []item {
	var f fields
	f.org("Organisation", x.Organization)
	f.add("Role", line(x.RoleTitle), item{wrap: true})
	f.add("Department", line(x.DepartmentName), item{wrap: true})
	f.add("Dates", dateRange(x.StartDate, x.EndDate), item{})
	f.url("URL", x.URL)
	f.extIDs("Identifiers", x.ExternalIDs)
	f.tail(x.Source, x.Visibility, x.PutCode)
	return f
}
