package orcid_test

import (
	"context"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// TestWrittenFundingReadInFull: a funding added (as JSON or XML) and then
// updated comes back from the full read (/funding/{put-code}) with
// everything it was written with, as ORCID keeps it: amount, description
// and the funder's own type too, not only the summary's fields. The
// update's answer is the full funding as well.
func TestWrittenFundingReadInFull(t *testing.T) {
	for _, f := range []orcid.Format{orcid.JSON, orcid.XML} {
		t.Run(f.String(), func(t *testing.T) {
			_, c := newWriteRegistry(t)
			ctx := context.Background()
			id := orcid.ID(orcidtest.CarberryID)
			d := &orcid.FundingDraft{Type: "grant", Title: &orcid.DraftTitle{Title: &orcid.Value{Value: "Crack propagation in glazes"}},
				OrganizationDefinedType: &orcid.Value{Value: "Standard Grant"}, ShortDescription: "Why glazes craze.",
				Amount:      &orcid.DraftAmount{Value: "250000", CurrencyCode: "EUR"},
				URL:         &orcid.Value{Value: "https://example.org/grant/77"},
				ExternalIDs: selfIDs("grant_number", "G-77-"+f.String()), Organization: ror(),
				StartDate: orcid.NewDraftDate(2021, 3, 0), EndDate: orcid.NewDraftDate(2024, 2, 0)}
			added, err := c.AddAs(ctx, id, d, f)
			if err != nil {
				t.Fatal(err)
			}
			check := func(when string, got *orcid.Funding, amount, desc string) {
				t.Helper()
				if got.Amount.String() != amount || got.ShortDescription != desc ||
					got.OrganizationDefinedType.String() != "Standard Grant" || got.URL.String() != "https://example.org/grant/77" ||
					got.Title.TitleString() != "Crack propagation in glazes" || got.Organization == nil ||
					got.ExternalIDs.Find("grant_number") == nil || got.PutCode != added.PutCode || got.Source == nil {
					t.Errorf("%s: %+v (amount %q, description %q)", when, got, got.Amount.String(), got.ShortDescription)
				}
			}
			full, err := c.Funding(ctx, id, added.PutCode)
			if err != nil {
				t.Fatal(err)
			}
			check("after the add (JSON read)", full, "250000 EUR", "Why glazes craze.")
			var fx orcid.Funding
			if _, err := c.Get(ctx, orcid.FundingPath(id, added.PutCode), orcid.XML, &fx); err != nil {
				t.Fatal(err)
			}
			check("after the add (XML read)", &fx, "250000 EUR", "Why glazes craze.")

			d.PutCode = added.PutCode
			d.Amount.Value, d.ShortDescription = "300000", "Why glazes craze, and when."
			upd, err := c.UpdateAs(ctx, id, d, f)
			if err != nil {
				t.Fatal(err)
			}
			var answer orcid.Funding
			if err := upd.Decode(&answer); err != nil {
				t.Fatal(err)
			}
			check("the update's answer", &answer, "300000 EUR", "Why glazes craze, and when.")
			full, err = c.Funding(ctx, id, added.PutCode)
			if err != nil {
				t.Fatal(err)
			}
			check("after the update", full, "300000 EUR", "Why glazes craze, and when.")

			// The section lists it as a summary, new items at display index 0.
			fs, err := c.Fundings(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(fs.Group) == 0 || len(fs.Group[0].FundingSummary) != 1 || fs.Group[0].FundingSummary[0].PutCode != added.PutCode ||
				fs.Group[0].FundingSummary[0].DisplayIndex != "0" {
				t.Errorf("fundings section: %+v", fs.Group)
			}
		})
	}
}

// TestWrittenFundingKeepsContributors: a funding document written by hand
// (AddRaw) with contributors, which the draft type does not carry, gets
// them back from the full read.
func TestWrittenFundingKeepsContributors(t *testing.T) {
	_, c := newWriteRegistry(t)
	ctx := context.Background()
	id := orcid.ID(orcidtest.CarberryID)
	doc := `{"type":"grant","title":{"title":{"value":"Glaze rheology"}},"amount":{"value":"5000","currency-code":"CHF"},
	"external-ids":{"external-id":[{"external-id-type":"grant_number","external-id-value":"R-1","external-id-relationship":"self"}]},
	"contributors":{"contributor":[{"credit-name":{"value":"Josiah Carberry"},"contributor-attributes":{"contributor-role":"lead"}}]},
	"organization":{"name":"Wesleyan University","address":{"city":"Middletown","country":"US"},
	"disambiguated-organization":{"disambiguated-organization-identifier":"https://ror.org/05h7xva58","disambiguation-source":"ROR"}}}`
	added, err := c.AddRaw(ctx, id, orcid.KindFunding, []byte(doc), orcid.JSON)
	if err != nil {
		t.Fatal(err)
	}
	f, err := c.Funding(ctx, id, added.PutCode)
	if err != nil {
		t.Fatal(err)
	}
	if f.Contributors == nil || len(f.Contributors.Contributor) != 1 || f.Contributors.Contributor[0].CreditName.String() != "Josiah Carberry" ||
		f.Contributors.Contributor[0].ContributorAttributes.Role != "lead" || f.Amount.String() != "5000 CHF" {
		t.Errorf("full funding: %+v", f)
	}
}
