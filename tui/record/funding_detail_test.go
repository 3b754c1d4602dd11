package record

import (
	"context"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// TestWrittenFundingDetail: enter on a funding this client added opens it
// in full with its amount and description, as ORCID gives them back.
func TestWrittenFundingDetail(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	res, err := f.member.Add(context.Background(), orcidtest.CarberryID, grantDraft("Kiln atmospheres",
		"Reduction firing and why glazes turn red.", "98765", "GBP", "K-9", "Kiln Institute", "Stoke", "GB"))
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
