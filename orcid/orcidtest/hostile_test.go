package orcidtest

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// TestHostileRecordServed checks the hostile record is served as a broken
// server would send it: escapes and controls in every kind of field, bytes
// that are not UTF-8 in JSON and XML, raw escapes in XML; and that it is
// found by search and still decodes.
func TestHostileRecordServed(t *testing.T) {
	if !validID(HostileID) {
		t.Fatalf("HostileID %s has a wrong check character", HostileID)
	}
	s := NewServer()
	defer s.Close()

	for _, tc := range []struct {
		path, accept string
		xml          bool
	}{
		{"/pub/v3.0/" + HostileID + "/record", "application/vnd.orcid+json", false},
		{"/pub/v3.0/" + HostileID + "/record", "application/json", false},
		{"/pub/v3.0/" + HostileID + "/record", "application/vnd.orcid+xml", true},
		{"/pub/v3.0/" + HostileID + "/works", "application/json", false},
		{"/pub/v3.0/expanded-search?q=family-name:hostile", "application/json", false},
		{"/pub/v3.0/expanded-search?q=family-name:hostile", "application/xml", true},
	} {
		st, _, body := get(t, s, tc.path, tc.accept)
		if st != 200 {
			t.Fatalf("%s %s: %d %s", tc.path, tc.accept, st, body)
		}
		if utf8.Valid(body) {
			t.Errorf("%s %s: body is valid UTF-8; want the hostile bytes", tc.path, tc.accept)
		}
		if !bytes.Contains(body, []byte(invalidBytes)) {
			t.Errorf("%s %s: invalid bytes missing", tc.path, tc.accept)
		}
		if bytes.Contains(body, []byte(hostileMarker)) {
			t.Errorf("%s %s: a marker was left in the body", tc.path, tc.accept)
		}
		if tc.xml && strings.Contains(tc.path, "/record") && !bytes.Contains(body, []byte(rawEscXML)) {
			t.Errorf("%s: no raw escape in the XML body", tc.path)
		}
		if !tc.xml && !bytes.Contains(body, []byte(`\u001b[2J`)) {
			t.Errorf("%s %s: no escaped ESC in the JSON body", tc.path, tc.accept)
		}
	}

	c := orcid.New(s.Environment(), orcid.WithHTTPClient(s.HTTPClient()))
	rec, err := c.Record(context.Background(), HostileID)
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.Person.Name.FamilyName.String(); !strings.HasPrefix(got, "Hostile\x1b]52;") {
		t.Errorf("family name %q", got)
	}
	long := 0
	for _, g := range rec.ActivitiesSummary.Works.Group {
		if n := utf8.RuneCountInString(g.WorkSummary[0].Title.Title.String()); n > long {
			long = n
		}
	}
	if long != HostileLong {
		t.Errorf("longest title has %d characters, want %d", long, HostileLong)
	}
	// The full funding carries hostile text in the fields only it has.
	fs := rec.ActivitiesSummary.Fundings.Group[0].FundingSummary[0]
	f, err := c.Funding(context.Background(), HostileID, fs.PutCode)
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]string{"description": f.ShortDescription, "amount": f.Amount.String(),
		"organization-defined-type": f.OrganizationDefinedType.String(), "contributor": f.Contributors.Contributor[0].CreditName.String()} {
		if !strings.Contains(v, "\x1b") {
			t.Errorf("the hostile funding's %s has no escape: %q", name, v)
		}
	}
	res, err := c.ExpandedSearch(context.Background(), orcid.SearchParams{Query: "family-name:hostile", Rows: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.ExpandedResult) != 1 || res.ExpandedResult[0].ORCIDID != HostileID {
		t.Errorf("search family-name:hostile: %+v", res)
	}
	if res.ExpandedResult[0].GivenNames == nil || !strings.Contains(*res.ExpandedResult[0].GivenNames, "\ufffd") {
		t.Errorf("given names should carry U+FFFD where the bytes were invalid")
	}
}
