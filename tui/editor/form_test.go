package editor

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
)

func v(s string) *orcid.Value { return &orcid.Value{Value: s} }

func fullWork() *orcid.Work {
	return &orcid.Work{PutCode: 42, Type: "book", Visibility: "limited",
		Title:        &orcid.WorkTitle{Title: v("A title"), Subtitle: v("Sub"), TranslatedTitle: &orcid.TranslatedTitle{Value: "Un titre", LanguageCode: "fr"}},
		JournalTitle: v("J"), ShortDescription: "desc", LanguageCode: "en", Country: v("GB"),
		PublicationDate: &orcid.FuzzyDate{Year: v("2020"), Month: v("5"), Day: v("09")},
		Citation:        &orcid.Citation{Type: "bibtex", Value: "@book{x}"},
		ExternalIDs: &orcid.ExternalIDs{ExternalID: []orcid.ExternalID{
			{Type: "doi", Value: "10.5555/A", Relationship: "self"},
			{Type: "isbn", Value: "978-3-16-148410-0", Relationship: "self"}}},
		Contributors: &orcid.Contributors{Contributor: []orcid.Contributor{
			{CreditName: v("Josiah Carberry"), ContributorORCID: &orcid.Identifier{Path: "0000-0002-1825-0097"},
				ContributorAttributes: &orcid.ContributorAttributes{Sequence: "first", Role: "editor"}}}},
	}
}

// Editing fills every field and sends back, with the same put-code, what
// the form does not show.
func TestWorkRoundTrip(t *testing.T) {
	f, err := New(orcid.KindWork, 42, fullWork())
	if err != nil {
		t.Fatal(err)
	}
	d := f.Draft().(*orcid.WorkDraft)
	if d.PutCode != 42 || d.Type != "book" || d.Visibility != "limited" || d.Title.Subtitle.Value != "Sub" ||
		d.Title.TranslatedTitle.Value != "Un titre" || d.JournalTitle.Value != "J" || d.ShortDescription != "desc" ||
		d.LanguageCode != "en" || d.Country.Value != "GB" || d.Citation.Value != "@book{x}" {
		t.Errorf("draft %+v", d)
	}
	if got := d.PublicationDate; got.Year.Value != "2020" || got.Month.Value != "05" || got.Day.Value != "09" {
		t.Errorf("date %+v %+v %+v", got.Year, got.Month, got.Day)
	}
	if ids := d.ExternalIDs.ExternalID; len(ids) != 2 || ids[1].Type != "isbn" {
		t.Errorf("identifiers %+v", ids)
	}
	c := d.Contributors.Contributor
	if len(c) != 1 || c[0].ContributorORCID == nil || c[0].ContributorAttributes.Role != "editor" {
		t.Errorf("contributor's iD and role lost: %+v", c)
	}
	if err := orcid.Validate(d); err != nil {
		t.Error(err)
	}
}

func TestFundingKeepsHiddenFields(t *testing.T) {
	f, err := New(orcid.KindFunding, 7, &orcid.Funding{PutCode: 7, Type: "grant", Title: &orcid.WorkTitle{Title: v("T")},
		ShortDescription: "kept", OrganizationDefinedType: v("Standard Grant"), Amount: &orcid.Amount{Value: "1000", CurrencyCode: "EUR"},
		ExternalIDs: &orcid.ExternalIDs{ExternalID: []orcid.ExternalID{{Type: "uri", Value: "https://x.org/g"}, {Type: "grant_number", Value: "G-1", Relationship: "self"}}},
		Organization: &orcid.Organization{Name: "Org", Address: &orcid.OrganizationAddress{City: "C", Country: "US"},
			DisambiguatedOrganization: &orcid.DisambiguatedOrganization{Identifier: "https://ror.org/05h7xva58", Source: "ROR"}}})
	if err != nil {
		t.Fatal(err)
	}
	d := f.Draft().(*orcid.FundingDraft)
	if d.ShortDescription != "kept" || d.OrganizationDefinedType.Value != "Standard Grant" || d.Amount.Value != "1000" || d.Amount.CurrencyCode != "EUR" {
		t.Errorf("draft %+v", d)
	}
	if ids := d.ExternalIDs.ExternalID; len(ids) != 2 || ids[0].Value != "G-1" || ids[1].Type != "uri" {
		t.Errorf("identifiers %+v", ids)
	}
	if err := orcid.Validate(d); err != nil {
		t.Error(err)
	}
}

func TestPastedDOIIsNormalised(t *testing.T) {
	for _, in := range []string{"https://doi.org/10.1087/20120404", "doi:10.1087/20120404", "http://dx.doi.org/10.1087%2F20120404", " 10.1087/20120404 "} {
		f, _ := New(orcid.KindWork, 0, nil)
		f.v.Title, f.v.IDValue = "T", in
		d := f.Draft().(*orcid.WorkDraft)
		if got := d.ExternalIDs.ExternalID[0].Value; got != "10.1087/20120404" {
			t.Errorf("%q sent as %q", in, got)
		}
	}
}

// Each of orcid.Validate's messages goes to the field it names.
func TestFieldErrorsGoToTheirField(t *testing.T) {
	tests := []struct {
		kind orcid.ItemKind
		set  func(*values)
		want map[string]string
	}{
		{orcid.KindWork, func(v *values) { v.IDValue = "not a doi"; v.Date = "2024-13"; v.Country = "Britain" },
			map[string]string{"title": "required", "external-ids": "is not a DOI", "publication-date": "month 13", "country": "two-letter"}},
		{orcid.KindWork, func(v *values) { v.Title = "T"; v.IDValue = "10.5555/x"; v.IDRel = "part-of" },
			map[string]string{"external-ids": "relationship self"}},
		{orcid.KindEmployment, func(v *values) {
			v.OrgName, v.City, v.OrgCountry, v.OrgID, v.Start, v.End = "O", "C", "US", "https://ror.org/x", "2020", "2019"
		}, map[string]string{"end-date": "before the start"}},
		{orcid.KindFunding, func(v *values) { v.Title, v.Amount, v.Currency = "T", "lots", "euro" },
			map[string]string{"amount": "not a number", "amount.currency-code": "ISO 4217", "external-ids": "grant number",
				"organization.name": "required", "organization.disambiguated-organization": "ROR"}},
		{orcid.KindKeyword, func(*values) {}, map[string]string{"content": "required"}},
		{orcid.KindAddress, func(v *values) { v.Country = "x" }, map[string]string{"country": "two-letter"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			f, err := New(tt.kind, 0, nil)
			if err != nil {
				t.Fatal(err)
			}
			tt.set(&f.v)
			got := f.FieldErrors()
			for k, w := range tt.want {
				if !strings.Contains(got[k], w) {
					t.Errorf("field %s: %q, want %q (all: %v)", k, got[k], w, got)
				}
				if e := f.errFor(k); e == nil || !strings.Contains(e.Error(), w) {
					t.Errorf("the field %s does not show %q: %v", k, w, e)
				}
			}
		})
	}
}

// A draft that fails validation is not submitted; one that passes is
// submitted once.
func TestSubmitOnce(t *testing.T) {
	f, _ := New(orcid.KindKeyword, 0, nil)
	send := tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	if _, ok := f.Update(send); ok || !strings.Contains(f.Reason(), "Keyword: required") {
		t.Fatalf("an empty keyword was submitted (reason %q)", f.Reason())
	}
	f.v.Content = "glaze"
	if _, ok := f.Update(send); !ok {
		t.Fatalf("not submitted: %s", f.Reason())
	}
	for _, k := range []tea.KeyPressMsg{send, {Code: tea.KeyEnter}} {
		if _, ok := f.Update(k); ok {
			t.Error("submitted twice")
		}
	}
	f.Failed("ORCID refused (409)")
	if f.Sending() || f.v.Content != "glaze" || !strings.Contains(f.View(), "ORCID refused (409)") {
		t.Errorf("after a refusal: sending %v, content %q\n%s", f.Sending(), f.v.Content, f.View())
	}
	if _, ok := f.Update(send); !ok {
		t.Error("cannot send again after a refusal")
	}
}

func TestUnknownItem(t *testing.T) {
	if _, err := New("peer-review", 0, nil); err == nil {
		t.Error("a form for a peer review")
	}
	if _, err := New(orcid.KindWork, 1, &orcid.Keyword{}); err == nil {
		t.Error("a work form filled from a keyword")
	}
}

// A paste goes into the focused field; while the draft is being sent it
// changes nothing.
func TestPaste(t *testing.T) {
	f, _ := New(orcid.KindKeyword, 0, nil)
	f.form.Init()
	f.Update(tea.PasteMsg{Content: "raku"})
	if f.v.Content != "raku" {
		t.Fatalf("pasted into %q", f.v.Content)
	}
	if _, ok := f.Update(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}); !ok {
		t.Fatal(f.Reason())
	}
	f.Update(tea.PasteMsg{Content: " ware"})
	if f.v.Content != "raku" {
		t.Errorf("a paste changed the draft being sent: %q", f.v.Content)
	}
}

// The work's other identifiers are one field: shown as type:value,
// edited there, and read back keeping what ORCID had for each.
func TestOtherIdentifiers(t *testing.T) {
	w := fullWork()
	w.ExternalIDs.ExternalID[1].URL = v("https://example.org/isbn")
	f, err := New(orcid.KindWork, 42, w)
	if err != nil {
		t.Fatal(err)
	}
	if f.v.MoreIDs != "isbn:978-3-16-148410-0" {
		t.Fatalf("shown as %q", f.v.MoreIDs)
	}
	f.v.MoreIDs += "; ISSN:1234-5678; doi:https://doi.org/10.5555/B; nonsense"
	ids := f.Draft().(*orcid.WorkDraft).ExternalIDs.ExternalID
	if len(ids) != 5 {
		t.Fatalf("%d identifiers: %+v", len(ids), ids)
	}
	if ids[1].URL == nil || ids[1].URL.Value != "https://example.org/isbn" {
		t.Errorf("the ISBN lost its URL: %+v", ids[1])
	}
	if ids[2].Type != "issn" || ids[2].Relationship != "part-of" {
		t.Errorf("ISSN: %+v", ids[2])
	}
	if ids[3].Value != "10.5555/B" {
		t.Errorf("DOI not made bare: %+v", ids[3])
	}
	if got := f.FieldErrors()["external-ids.more"]; !strings.Contains(got, "type and value") {
		t.Errorf("the malformed entry is not named under the field: %v", f.FieldErrors())
	}
}

// The "not sent" summary above the fields follows the fixes: once the
// draft is valid it goes, rather than still naming a fixed problem.
// ORCID's own refusal stays until the next send.
func TestReasonFollowsFixes(t *testing.T) {
	f, _ := New(orcid.KindKeyword, 0, nil)
	f.form.Init()
	f.Update(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	if !strings.Contains(f.Reason(), "Keyword: required") {
		t.Fatalf("reason %q", f.Reason())
	}
	f.Update(tea.PasteMsg{Content: "raku"})
	if f.Reason() != "" || strings.Contains(f.View(), "not sent") {
		t.Errorf("after the fix the reason is %q\n%s", f.Reason(), f.View())
	}
	f.Failed("ORCID refused (409)")
	f.Update(tea.PasteMsg{Content: " ware"})
	if !strings.Contains(f.Reason(), "ORCID refused (409)") {
		t.Errorf("ORCID's refusal went on typing: %q", f.Reason())
	}
}
