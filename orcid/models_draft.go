package orcid

// Drafts from items read back: editing an item starts from what ORCID
// returned. A draft keeps the item's put-code and visibility, so it can be
// changed and sent with Update as it is; what a write cannot carry
// (dates, source, path, normalised identifiers) is left behind.

func valueCopy(v *Value) *Value {
	if v == nil || v.Value == "" {
		return nil
	}
	return &Value{Value: v.Value}
}

func draftTitle(t *WorkTitle) *DraftTitle {
	if t == nil {
		return nil
	}
	d := &DraftTitle{Title: valueCopy(t.Title), Subtitle: valueCopy(t.Subtitle)}
	if tt := t.TranslatedTitle; tt != nil && tt.Value != "" {
		d.TranslatedTitle = &TranslatedTitle{Value: tt.Value, LanguageCode: tt.LanguageCode}
	}
	return d
}

func draftDate(d *FuzzyDate) *DraftDate {
	if d == nil || d.Year == nil || d.Year.Value == "" {
		return nil
	}
	return &DraftDate{Year: valueCopy(d.Year), Month: valueCopy(d.Month), Day: valueCopy(d.Day)}
}

func draftExternalIDs(ids *ExternalIDs) *DraftExternalIDs {
	if ids == nil || len(ids.ExternalID) == 0 {
		return nil
	}
	out := &DraftExternalIDs{ExternalID: make([]DraftExternalID, len(ids.ExternalID))}
	for i, x := range ids.ExternalID {
		out.ExternalID[i] = DraftExternalID{Type: x.Type, Value: x.Value, URL: valueCopy(x.URL), Relationship: x.Relationship}
	}
	return out
}

func draftOrganization(o *Organization) *DraftOrganization {
	if o == nil {
		return nil
	}
	d := &DraftOrganization{Name: o.Name}
	if a := o.Address; a != nil {
		d.Address = &DraftOrganizationAddress{City: a.City, Region: a.Region, Country: a.Country}
	}
	if x := o.DisambiguatedOrganization; x != nil && x.Identifier != "" {
		d.DisambiguatedOrganization = &DisambiguatedOrganization{Identifier: x.Identifier, Source: x.Source}
	}
	return d
}

// Draft is the work as a draft to edit and send back with Update.
func (w *Work) Draft() *WorkDraft {
	d := &WorkDraft{
		PutCode:          w.PutCode,
		Visibility:       w.Visibility,
		Title:            draftTitle(w.Title),
		JournalTitle:     valueCopy(w.JournalTitle),
		ShortDescription: w.ShortDescription,
		Type:             w.Type,
		PublicationDate:  draftDate(w.PublicationDate),
		ExternalIDs:      draftExternalIDs(w.ExternalIDs),
		URL:              valueCopy(w.URL),
		LanguageCode:     w.LanguageCode,
		Country:          valueCopy(w.Country),
	}
	if c := w.Citation; c != nil && c.Value != "" {
		d.Citation = &DraftCitation{Type: c.Type, Value: c.Value}
	}
	if w.Contributors != nil && len(w.Contributors.Contributor) > 0 {
		d.Contributors = &DraftContributors{Contributor: make([]DraftContributor, len(w.Contributors.Contributor))}
		for i, c := range w.Contributors.Contributor {
			dc := DraftContributor{CreditName: valueCopy(c.CreditName), ContributorEmail: c.ContributorEmail.String()}
			if id := c.ContributorORCID; id != nil && id.Path != "" {
				cp := *id
				dc.ContributorORCID = &cp
			}
			if a := c.ContributorAttributes; a != nil && (a.Sequence != "" || a.Role != "") {
				dc.ContributorAttributes = &DraftContributorAttributes{Sequence: a.Sequence, Role: a.Role}
			}
			d.Contributors.Contributor[i] = dc
		}
	}
	return d
}

// Draft is the funding as a draft. The read model has no amount,
// organization-defined type or description, so a draft made from a summary
// leaves them out; set them again before an update, or ORCID drops them.
func (f *FundingSummary) Draft() *FundingDraft {
	return &FundingDraft{
		PutCode:      f.PutCode,
		Visibility:   f.Visibility,
		Type:         f.Type,
		Title:        draftTitle(f.Title),
		URL:          valueCopy(f.URL),
		StartDate:    draftDate(f.StartDate),
		EndDate:      draftDate(f.EndDate),
		ExternalIDs:  draftExternalIDs(f.ExternalIDs),
		Organization: draftOrganization(f.Organization),
	}
}

// Draft is the affiliation as a draft of its kind (from Kind, as read).
func (a *AffiliationSummary) Draft() *AffiliationDraft {
	return &AffiliationDraft{
		Kind:           ItemKind(a.Kind),
		PutCode:        a.PutCode,
		Visibility:     a.Visibility,
		DepartmentName: a.DepartmentName,
		RoleTitle:      a.RoleTitle,
		StartDate:      draftDate(a.StartDate),
		EndDate:        draftDate(a.EndDate),
		Organization:   draftOrganization(a.Organization),
		URL:            valueCopy(a.URL),
		ExternalIDs:    draftExternalIDs(a.ExternalIDs),
	}
}

// Draft is the other name as a draft.
func (o *OtherName) Draft() *OtherNameDraft {
	return &OtherNameDraft{PutCode: o.PutCode, Visibility: o.Visibility, Content: o.Content}
}

// Draft is the keyword as a draft.
func (k *Keyword) Draft() *KeywordDraft {
	return &KeywordDraft{PutCode: k.PutCode, Visibility: k.Visibility, Content: k.Content}
}

// Draft is the website as a draft.
func (r *ResearcherURL) Draft() *ResearcherURLDraft {
	return &ResearcherURLDraft{PutCode: r.PutCode, Visibility: r.Visibility, URLName: r.URLName, URL: valueCopy(r.URL)}
}

// Draft is the person identifier as a draft.
func (p *PersonExternalID) Draft() *PersonExternalIDDraft {
	return &PersonExternalIDDraft{PutCode: p.PutCode, Visibility: p.Visibility, Type: p.Type, Value: p.Value,
		URL: valueCopy(p.URL), Relationship: p.Relationship}
}

// Draft is the country as a draft.
func (a *Address) Draft() *AddressDraft {
	return &AddressDraft{PutCode: a.PutCode, Visibility: a.Visibility, Country: valueCopy(a.Country)}
}
