package editor

import (
	"fmt"
	"strings"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// values is what the form's fields hold, as typed. Every kind uses a part
// of it; the field keys (ORCID's field names) say which.
type values struct {
	Title, Subtitle, Type, Date, Journal string
	IDType, IDValue, IDRel, IDURL        string
	MoreIDs                              string // a work's other identifiers: "isbn:978-…; pmid:123"
	URL, Description, Contributors       string
	Language, Country, Visibility        string

	OrgName, City, Region, OrgCountry, OrgID, OrgIDSource string
	Department, Role, Start, End                          string
	Amount, Currency, Grant                               string

	Content, URLName string
}

// keep is what an edited item carries that the form does not show: it is
// sent back unchanged so an update loses nothing.
type keep struct {
	moreIDs      []orcid.DraftExternalID // identifiers after the first
	translated   *orcid.TranslatedTitle
	citation     *orcid.DraftCitation
	contributors map[string][]orcid.DraftContributor // by the line the form shows
	orgType      *orcid.Value
	description  string // a funding's short description
}

// clean is network text made safe to show and edit.
func clean(s string) string { return sanitize.Line(strings.TrimSpace(s)) }

func cleanV(v *orcid.Value) string {
	if v == nil {
		return ""
	}
	return clean(v.Value)
}

// dateText is a fuzzy date as the form shows it: 2024, 2024-05, 2024-05-09.
func dateText(d *orcid.FuzzyDate) string { return clean(d.String()) }

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// draftDate reads "YYYY[-MM[-DD]]"; the parts are checked by
// orcid.Validate, so a typo is named next to the field, not dropped.
func draftDate(s string) *orcid.DraftDate {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	parts := strings.Split(s, "-")
	d := &orcid.DraftDate{Year: &orcid.Value{Value: parts[0]}}
	if len(parts) > 1 {
		d.Month = &orcid.Value{Value: pad2(parts[1])}
	}
	if len(parts) > 2 {
		d.Day = &orcid.Value{Value: pad2(strings.Join(parts[2:], "-"))}
	}
	return d
}

func optValue(s string) *orcid.Value {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	return &orcid.Value{Value: s}
}

func fromOrg(v *values, o *orcid.Organization) {
	if o == nil {
		return
	}
	v.OrgName = clean(o.Name)
	if a := o.Address; a != nil {
		v.City, v.Region, v.OrgCountry = clean(a.City), clean(a.Region), clean(a.Country)
	}
	if d := o.DisambiguatedOrganization; d != nil {
		v.OrgID, v.OrgIDSource = clean(d.Identifier), clean(d.Source)
	}
}

func (v *values) org() *orcid.DraftOrganization {
	o := &orcid.DraftOrganization{Name: strings.TrimSpace(v.OrgName)}
	if v.City != "" || v.Region != "" || v.OrgCountry != "" {
		o.Address = &orcid.DraftOrganizationAddress{City: strings.TrimSpace(v.City), Region: strings.TrimSpace(v.Region),
			Country: strings.ToUpper(strings.TrimSpace(v.OrgCountry))}
	}
	if id := strings.TrimSpace(v.OrgID); id != "" {
		o.DisambiguatedOrganization = &orcid.DisambiguatedOrganization{Identifier: id, Source: v.OrgIDSource}
	}
	return o
}

func draftIDs(ids *orcid.ExternalIDs) []orcid.DraftExternalID {
	if ids == nil {
		return nil
	}
	out := make([]orcid.DraftExternalID, 0, len(ids.ExternalID))
	for _, x := range ids.ExternalID {
		out = append(out, orcid.DraftExternalID{Type: clean(x.Type), Value: clean(x.Value), URL: optValue(cleanV(x.URL)), Relationship: clean(x.Relationship)})
	}
	return out
}

// fromWork fills the form from a full work (or a summary made into one).
func fromWork(w *orcid.Work) (values, keep) {
	v := values{Type: clean(w.Type), Visibility: clean(w.Visibility), Journal: cleanV(w.JournalTitle),
		Date: dateText(w.PublicationDate), URL: cleanV(w.URL), Description: clean(w.ShortDescription),
		Language: clean(w.LanguageCode), Country: cleanV(w.Country)}
	var k keep
	if t := w.Title; t != nil {
		v.Title, v.Subtitle = cleanV(t.Title), cleanV(t.Subtitle)
		k.translated = t.TranslatedTitle
	}
	if ids := draftIDs(w.ExternalIDs); len(ids) > 0 {
		v.IDType, v.IDValue, v.IDRel = ids[0].Type, ids[0].Value, ids[0].Relationship
		if ids[0].URL != nil {
			v.IDURL = ids[0].URL.Value
		}
		k.moreIDs = ids[1:]
		v.MoreIDs = idsText(ids[1:])
	}
	if c := w.Citation; c != nil && strings.TrimSpace(c.Value) != "" {
		k.citation = &orcid.DraftCitation{Type: c.Type, Value: c.Value}
	}
	if d := w.Draft(); d.Contributors != nil {
		v.Contributors, k.contributors = contributorsText(d.Contributors.Contributor)
	}
	return v, k
}

func fromAffiliation(a *orcid.AffiliationSummary) values {
	v := values{Department: clean(a.DepartmentName), Role: clean(a.RoleTitle), Start: dateText(a.StartDate),
		End: dateText(a.EndDate), URL: cleanV(a.URL), Visibility: clean(a.Visibility)}
	fromOrg(&v, a.Organization)
	return v
}

func fromFunding(f *orcid.Funding) (values, keep) {
	v := values{Type: clean(f.Type), Start: dateText(f.StartDate), End: dateText(f.EndDate), URL: cleanV(f.URL),
		Visibility: clean(f.Visibility)}
	k := keep{orgType: f.OrganizationDefinedType, description: f.ShortDescription}
	if t := f.Title; t != nil {
		v.Title = cleanV(t.Title)
		k.translated = t.TranslatedTitle
	}
	if a := f.Amount; a != nil {
		v.Amount, v.Currency = clean(a.Value), clean(a.CurrencyCode)
	}
	fromOrg(&v, f.Organization)
	for _, x := range draftIDs(f.ExternalIDs) {
		if v.Grant == "" && x.Type == "grant_number" {
			v.Grant = x.Value
			continue
		}
		k.moreIDs = append(k.moreIDs, x)
	}
	return v, k
}

// contributors reads the Contributors field (see contributors.go); a line
// that cannot be read is left out here and named by validate.
func (f *Form) contributors() *orcid.DraftContributors {
	out, _ := parseContributors(f.v.Contributors, f.keep.contributors, f.idBase)
	if len(out) == 0 {
		return nil
	}
	return &orcid.DraftContributors{Contributor: out}
}

// Draft is the item the form holds now, ready for orcid.Validate and the
// client's Add or Update.
func (f *Form) Draft() orcid.Item {
	v := &f.v
	vis := v.Visibility
	switch {
	case f.kind == orcid.KindWork:
		w := &orcid.WorkDraft{PutCode: f.putCode, Visibility: vis, Type: v.Type,
			JournalTitle: optValue(v.Journal), ShortDescription: strings.TrimSpace(v.Description),
			PublicationDate: draftDate(v.Date), URL: optValue(v.URL), LanguageCode: strings.TrimSpace(v.Language),
			Citation: f.keep.citation, Contributors: f.contributors()}
		if c := strings.TrimSpace(v.Country); c != "" {
			w.Country = &orcid.Value{Value: strings.ToUpper(c)}
		}
		if v.Title != "" || v.Subtitle != "" || f.keep.translated != nil {
			w.Title = &orcid.DraftTitle{Title: optValue(v.Title), Subtitle: optValue(v.Subtitle), TranslatedTitle: f.keep.translated}
		}
		w.ExternalIDs = f.externalIDs()
		return w
	case f.kind == orcid.KindFunding:
		fd := &orcid.FundingDraft{PutCode: f.putCode, Visibility: vis, Type: v.Type, URL: optValue(v.URL),
			StartDate: draftDate(v.Start), EndDate: draftDate(v.End), Organization: v.org(),
			OrganizationDefinedType: f.keep.orgType, ShortDescription: f.keep.description}
		if v.Title != "" {
			fd.Title = &orcid.DraftTitle{Title: optValue(v.Title), TranslatedTitle: f.keep.translated}
		}
		if v.Amount != "" || v.Currency != "" {
			fd.Amount = &orcid.DraftAmount{Value: strings.TrimSpace(v.Amount), CurrencyCode: strings.ToUpper(strings.TrimSpace(v.Currency))}
		}
		ids := slicesClone(f.keep.moreIDs)
		if g := strings.TrimSpace(v.Grant); g != "" {
			ids = append([]orcid.DraftExternalID{{Type: "grant_number", Value: g, Relationship: "self"}}, ids...)
		}
		if len(ids) > 0 {
			fd.ExternalIDs = &orcid.DraftExternalIDs{ExternalID: ids}
		}
		return fd
	case f.kind.IsAffiliation():
		return &orcid.AffiliationDraft{Kind: f.kind, PutCode: f.putCode, Visibility: vis,
			DepartmentName: strings.TrimSpace(v.Department), RoleTitle: strings.TrimSpace(v.Role),
			StartDate: draftDate(v.Start), EndDate: draftDate(v.End), Organization: v.org(), URL: optValue(v.URL),
			ExternalIDs: f.keepIDs()}
	case f.kind == orcid.KindOtherName:
		return &orcid.OtherNameDraft{PutCode: f.putCode, Visibility: vis, Content: strings.TrimSpace(v.Content)}
	case f.kind == orcid.KindKeyword:
		return &orcid.KeywordDraft{PutCode: f.putCode, Visibility: vis, Content: strings.TrimSpace(v.Content)}
	case f.kind == orcid.KindResearcherURL:
		return &orcid.ResearcherURLDraft{PutCode: f.putCode, Visibility: vis, URLName: strings.TrimSpace(v.URLName), URL: &orcid.Value{Value: strings.TrimSpace(v.URL)}}
	case f.kind == orcid.KindExternalIdentifier:
		return &orcid.PersonExternalIDDraft{PutCode: f.putCode, Visibility: vis, Type: strings.TrimSpace(v.IDType),
			Value: strings.TrimSpace(v.IDValue), URL: optValue(v.IDURL), Relationship: personIDRelationship(v.IDRel)}
	case f.kind == orcid.KindAddress:
		return &orcid.AddressDraft{PutCode: f.putCode, Visibility: vis, Country: &orcid.Value{Value: strings.ToUpper(strings.TrimSpace(v.Country))}}
	}
	panic(fmt.Sprintf("editor: no form for %q", f.kind))
}

func slicesClone(s []orcid.DraftExternalID) []orcid.DraftExternalID {
	return append([]orcid.DraftExternalID(nil), s...)
}

func (f *Form) keepIDs() *orcid.DraftExternalIDs {
	if len(f.keep.moreIDs) == 0 {
		return nil
	}
	return &orcid.DraftExternalIDs{ExternalID: slicesClone(f.keep.moreIDs)}
}

// idsText writes identifiers as the "Other identifiers" field shows them.
func idsText(ids []orcid.DraftExternalID) string {
	parts := make([]string, len(ids))
	for i, x := range ids {
		parts[i] = x.Type + ":" + x.Value
	}
	return strings.Join(parts, "; ")
}

// moreIDs reads the "Other identifiers" field: "type:value" entries
// separated by ";". An identifier the work had keeps its relationship and
// URL; a new one is the work's own (self), but an ISSN is the journal's
// (part-of). A malformed entry is kept with what could be read, so
// orcid.Validate names it.
func (f *Form) moreIDs() []orcid.DraftExternalID {
	var out []orcid.DraftExternalID
	for _, e := range strings.Split(f.v.MoreIDs, ";") {
		if e = strings.TrimSpace(e); e == "" {
			continue
		}
		typ, val, _ := strings.Cut(e, ":")
		x := orcid.DraftExternalID{Type: strings.ToLower(strings.TrimSpace(typ)), Value: strings.TrimSpace(val), Relationship: "self"}
		if x.Type == "issn" {
			x.Relationship = "part-of"
		}
		if x.Type == "doi" {
			if doi, ok := orcid.NormalizeDOI(x.Value); ok {
				x.Value = doi
			}
		}
		for _, old := range f.keep.moreIDs {
			if old.Type == x.Type && old.Value == x.Value {
				x = old
				break
			}
		}
		out = append(out, x)
	}
	return out
}

// externalIDs is the work's identifiers: the one in the form first (a DOI
// pasted as a link made bare, as ORCID stores it), then the others.
func (f *Form) externalIDs() *orcid.DraftExternalIDs {
	v := &f.v
	ids := f.moreIDs()
	if val := strings.TrimSpace(v.IDValue); val != "" {
		if strings.EqualFold(v.IDType, "doi") {
			if doi, ok := orcid.NormalizeDOI(val); ok {
				val = doi
			}
		}
		ids = append([]orcid.DraftExternalID{{Type: v.IDType, Value: val, Relationship: v.IDRel, URL: optValue(v.IDURL)}}, ids...)
	}
	if len(ids) == 0 {
		return nil
	}
	return &orcid.DraftExternalIDs{ExternalID: ids}
}
