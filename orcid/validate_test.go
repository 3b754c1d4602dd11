package orcid

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestNormalizeDOI(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"10.1087/20120404", "10.1087/20120404", true},
		{" https://doi.org/10.1087/20120404 ", "10.1087/20120404", true},
		{"http://dx.doi.org/10.1087%2F20120404", "10.1087/20120404", true},
		{"doi:10.1000/xyz(1)", "10.1000/xyz(1)", true},
		{"DOI: 10.1000/ABC", "10.1000/ABC", true},
		{"doi.org/10.5555/x", "10.5555/x", true},
		{"https://example.org/10.5555/x", "", false},
		{"work:doi", "", false},
		{"10.12/x", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		got, ok := NormalizeDOI(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("NormalizeDOI(%q) = %q %v, want %q %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func fields(err error) []string {
	var ve *ValidationError
	if !errors.As(err, &ve) {
		return nil
	}
	var out []string
	for _, f := range ve.Fields {
		out = append(out, f.Field)
	}
	return out
}

func TestValidate(t *testing.T) {
	org := func() *DraftOrganization {
		return &DraftOrganization{Name: "Brown", Address: &DraftOrganizationAddress{City: "Providence", Country: "US"},
			DisambiguatedOrganization: &DisambiguatedOrganization{Identifier: "https://ror.org/05gq02987", Source: "ROR"}}
	}
	good := func() *WorkDraft {
		return &WorkDraft{Title: &DraftTitle{Title: &Value{Value: "T"}}, Type: "journal-article", PublicationDate: NewDraftDate(2024, 2, 29),
			ExternalIDs: &DraftExternalIDs{ExternalID: []DraftExternalID{{Type: "doi", Value: "10.5555/x", Relationship: "self"}}}}
	}
	tests := []struct {
		name string
		item Item
		want []string // fields in error; nil = valid
	}{
		{"good work", good(), nil},
		{"work missing everything", &WorkDraft{}, []string{"title", "type", "external-ids"}},
		{"work with a bad type, date, DOI and URL", func() Item {
			w := good()
			w.Type = "blog"
			w.PublicationDate = NewDraftDate(2023, 2, 29)
			w.ExternalIDs.ExternalID[0].Value = "not a doi"
			w.URL = &Value{Value: "example.org"}
			w.Visibility = "friends"
			return w
		}(), []string{"type", "publication-date", "external-ids[0]", "url", "visibility"}},
		{"work identifier only part-of", func() Item {
			w := good()
			w.ExternalIDs.ExternalID[0].Relationship = "part-of"
			return w
		}(), []string{"external-ids"}},
		{"work month 13", func() Item { w := good(); w.PublicationDate = NewDraftDate(2024, 13, 0); return w }(), []string{"publication-date"}},
		{"good funding", &FundingDraft{Type: "grant", Title: &DraftTitle{Title: &Value{Value: "G"}}, Organization: org(),
			ExternalIDs: &DraftExternalIDs{ExternalID: []DraftExternalID{{Type: "grant_number", Value: "1", Relationship: "self"}}},
			Amount:      &DraftAmount{Value: "1,000.50", CurrencyCode: "EUR"}}, nil},
		{"funding without ids, bad amount", &FundingDraft{Type: "gift", Title: &DraftTitle{Title: &Value{Value: "G"}}, Organization: org(),
			Amount: &DraftAmount{Value: "lots", CurrencyCode: "eur"}}, []string{"type", "external-ids", "amount", "amount.currency-code"}},
		{"good employment", &AffiliationDraft{Kind: KindEmployment, Organization: org(), StartDate: NewDraftDate(2019, 0, 0), EndDate: NewDraftDate(2019, 5, 0)}, nil},
		{"employment ending before it starts", &AffiliationDraft{Kind: KindEmployment, Organization: org(), StartDate: NewDraftDate(2020, 5, 0), EndDate: NewDraftDate(2020, 4, 30)}, []string{"end-date"}},
		{"education without organization", &AffiliationDraft{Kind: KindEducation}, []string{"organization"}},
		{"service, organization incomplete", &AffiliationDraft{Kind: KindService, Organization: &DraftOrganization{Name: "X", Address: &DraftOrganizationAddress{Country: "uk"}}},
			[]string{"organization.address.city", "organization.address.country", "organization.disambiguated-organization"}},
		{"affiliation without kind", &AffiliationDraft{Organization: org()}, []string{"kind"}},
		{"empty keyword", &KeywordDraft{Content: " "}, []string{"content"}},
		{"good other name", &OtherNameDraft{Content: "Jo"}, nil},
		{"researcher URL without scheme", &ResearcherURLDraft{URL: &Value{Value: "example.org"}}, []string{"url"}},
		{"person identifier without URL", &PersonExternalIDDraft{Type: "Scopus Author ID", Value: "1"}, []string{"external-id-url"}},
		{"address in lower case", &AddressDraft{Country: &Value{Value: "gb"}}, []string{"country"}},
		{"good address", &AddressDraft{Country: &Value{Value: "GB"}}, nil},
	}
	for _, tc := range tests {
		err := Validate(tc.item)
		got := fields(err)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: fields %v, want %v (%v)", tc.name, got, tc.want, err)
		}
		if err != nil && !strings.Contains(err.Error(), "not ready to send") {
			t.Errorf("%s: message %q", tc.name, err)
		}
	}
}

func TestDOIURL(t *testing.T) {
	for doi, want := range map[string]string{
		"10.5555/12345678": "https://doi.org/10.5555/12345678",
		"10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0": "https://doi.org/10.1002/%28SICI%291097-4571%28199806%2949:8%3C693::AID-ASI4%3E3.0.CO;2-0",
		"10.5555/a#b c": "https://doi.org/10.5555/a%23b%20c",
	} {
		if got := DOIURL(doi); got != want {
			t.Errorf("DOIURL(%q) = %q, want %q", doi, got, want)
		}
	}
}
