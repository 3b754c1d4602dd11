package record

import (
	"context"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// TestWrittenFundingDetail: enter on a funding this client added opens it
// in full with its amount and description, as ORCID gives them back.
func TestWrittenFundingDetail(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	res, err := f.member.Add(context.Background(), orcidtest.CarberryID, &orcid.FundingDraft{Type: "grant",
		Title:            &orcid.DraftTitle{Title: &orcid.Value{Value: "Kiln atmospheres"}},
		ShortDescription: "Reduction firing and why glazes turn red.",
		Amount:           &orcid.DraftAmount{Value: "98765", CurrencyCode: "GBP"},
		ExternalIDs:      &orcid.DraftExternalIDs{ExternalID: []orcid.DraftExternalID{{Type: "grant_number", Value: "K-9", Relationship: "self"}}},
		Organization: &orcid.DraftOrganization{Name: "Kiln Institute", Address: &orcid.DraftOrganizationAddress{City: "Stoke", Country: "GB"},
			DisambiguatedOrganization: &orcid.DisambiguatedOrganization{Identifier: "https://ror.org/05h7xva58", Source: "ROR"}}})
	if err != nil {
		t.Fatal(err)
	}
	open(t, f.m, orcidtest.CarberryID)
	run(f.m, f.m.setTab(tabFunding))
	found := false
	for i, it := range f.m.cur.data.lists[tabFunding] {
		if it.putCode == res.PutCode {
			f.m.cur.lists[tabFunding].cursor, found = i, true
		}
	}
	if !found {
		t.Fatal("the added funding is not listed")
	}
	f.m.fix()
	hit(f.m, "enter")
	if _, open := f.m.cur.openRef(); !open {
		t.Fatalf("no full item open:\n%s", plain(f.m))
	}
	v := plain(f.m)
	for _, want := range []string{"Kiln atmospheres", "Amount", "98765 GBP", "Description", "Reduction firing and why glazes turn red."} {
		if !strings.Contains(v, want) {
			t.Errorf("the funding's detail lacks %q:\n%s", want, v)
		}
	}
}
