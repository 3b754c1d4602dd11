package orcid

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func readWriteFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "fixtures", "orcid", name))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("fixture %s not present", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// dropNulls removes JSON nulls: the write models leave absent parts out
// rather than writing null, which ORCID reads the same.
func dropNulls(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if e == nil {
				delete(x, k)
				continue
			}
			x[k] = dropNulls(e)
		}
	case []any:
		for i := range x {
			x[i] = dropNulls(x[i])
		}
	}
	return v
}

// The write sample decodes into a WorkDraft and encodes back to the same
// JSON document (same keys, same values, same nesting).
func TestWorkDraftJSONMatchesWriteSample(t *testing.T) {
	sample := readWriteFixture(t, "work-full-3.0.write-sample.json")
	it, err := ParseItem(KindWork, sample, JSON)
	if err != nil {
		t.Fatal(err)
	}
	w := it.(*WorkDraft)
	if w.Title.Title.Value != "Work Title" || w.Type != "journal-article" || len(w.ExternalIDs.ExternalID) != 2 ||
		w.Contributors.Contributor[0].ContributorEmail != "example@example.com" || w.PublicationDate.Month.Value != "05" {
		t.Fatalf("decoded %+v", w)
	}
	out, err := MarshalItem(w, JSON)
	if err != nil {
		t.Fatal(err)
	}
	var want, got any
	if err := json.Unmarshal(sample, &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(dropNulls(want), got) {
		t.Errorf("re-encoded sample differs:\nwant %v\ngot  %v", want, got)
	}
}

// xmlOutline lists an XML document's elements in order as
// "depth namespace local [attrs] text", leaving out the read-only parts a
// write never carries (dates, source) and the schema location.
func xmlOutline(t *testing.T, data []byte) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var out []string
	depth, skip := 0, 0
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			depth++
			if skip > 0 || e.Name.Local == "created-date" || e.Name.Local == "last-modified-date" || e.Name.Local == "source" {
				skip++
				continue
			}
			line := strings.Repeat(" ", depth) + e.Name.Space + " " + e.Name.Local
			for _, a := range e.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" || a.Name.Local == "schemaLocation" {
					continue
				}
				line += " " + a.Name.Local + "=" + a.Value
			}
			out = append(out, line)
			text.Reset()
		case xml.CharData:
			text.Write(e)
		case xml.EndElement:
			depth--
			if skip > 0 {
				skip--
				continue
			}
			if s := strings.TrimSpace(text.String()); s != "" {
				out[len(out)-1] += " = " + s
			}
			text.Reset()
		}
	}
	return out
}

// ORCID's XML write sample decodes into a WorkDraft, and the draft encodes
// to the same elements, namespaces, order, attributes and text (minus the
// read-only created date, modified date and source, and the country's
// visibility, which a write cannot set).
func TestWorkDraftXMLMatchesSample(t *testing.T) {
	sample := readWriteFixture(t, "work-full-3.0.xml")
	it, err := ParseItem(KindWork, sample, XML)
	if err != nil {
		t.Fatal(err)
	}
	w := it.(*WorkDraft)
	if w.PutCode != 123 || w.Visibility != "private" || w.Title.TranslatedTitle.LanguageCode != "en" || w.Citation.Type != "formatted-unspecified" {
		t.Fatalf("decoded %+v", w)
	}
	out, err := MarshalItem(w, XML)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte(xml.Header+`<work:work put-code="123" visibility="private" xmlns:common="http://www.orcid.org/ns/common" xmlns:work="http://www.orcid.org/ns/work">`)) {
		t.Errorf("root element: %.200s", out)
	}
	want := xmlOutline(t, bytes.Replace(sample, []byte(`<common:country visibility="private">`), []byte(`<common:country>`), 1))
	got := xmlOutline(t, out)
	if !reflect.DeepEqual(want, got) {
		t.Errorf("outline differs:\nwant\n%s\ngot\n%s", strings.Join(want, "\n"), strings.Join(got, "\n"))
	}
}

// Every kind encodes to JSON and XML and decodes back to the same draft;
// the XML root and namespaces are ORCID's.
func TestItemDraftsRoundTrip(t *testing.T) {
	org := &DraftOrganization{Name: "Brown University", Address: &DraftOrganizationAddress{City: "Providence", Region: "RI", Country: "US"},
		DisambiguatedOrganization: &DisambiguatedOrganization{Identifier: "https://ror.org/05gq02987", Source: "ROR"}}
	ids := &DraftExternalIDs{ExternalID: []DraftExternalID{{Type: "grant_number", Value: "G-1", URL: &Value{Value: "https://example.org/g1"}, Relationship: "self"}}}
	tests := []struct {
		item Item
		root string
	}{
		{&WorkDraft{Title: &DraftTitle{Title: &Value{Value: "Ça & <co>"}, Subtitle: &Value{Value: "sub"}}, Type: "book", PublicationDate: NewDraftDate(2024, 5, 0),
			ExternalIDs: &DraftExternalIDs{ExternalID: []DraftExternalID{{Type: "doi", Value: "10.5555/1", Relationship: "self"}}}, Visibility: VisibilityLimited,
			Contributors: &DraftContributors{Contributor: []DraftContributor{{CreditName: &Value{Value: "J. Carberry"}, ContributorAttributes: &DraftContributorAttributes{Sequence: "first", Role: "author"}}}}},
			`<work:work visibility="limited" xmlns:common="http://www.orcid.org/ns/common" xmlns:work="http://www.orcid.org/ns/work">`},
		{&FundingDraft{PutCode: 7, Type: "grant", Title: &DraftTitle{Title: &Value{Value: "Grant"}}, Amount: &DraftAmount{Value: "1000", CurrencyCode: "USD"},
			StartDate: NewDraftDate(2020, 1, 2), ExternalIDs: ids, Organization: org},
			`<funding:funding put-code="7" xmlns:common="http://www.orcid.org/ns/common" xmlns:funding="http://www.orcid.org/ns/funding">`},
		{&AffiliationDraft{Kind: KindInvitedPosition, DepartmentName: "Psychoceramics", RoleTitle: "Visiting", StartDate: NewDraftDate(2019, 0, 0), Organization: org, ExternalIDs: ids},
			`<invited-position:invited-position xmlns:common="http://www.orcid.org/ns/common" xmlns:invited-position="http://www.orcid.org/ns/invited-position">`},
		{&OtherNameDraft{Content: "Jo", Visibility: VisibilityPublic}, `<other-name:other-name visibility="public" xmlns:other-name="http://www.orcid.org/ns/other-name">`},
		{&KeywordDraft{Content: "ceramics"}, `<keyword:keyword xmlns:keyword="http://www.orcid.org/ns/keyword">`},
		{&ResearcherURLDraft{URLName: "home", URL: &Value{Value: "https://example.org"}}, `<researcher-url:researcher-url xmlns:researcher-url="http://www.orcid.org/ns/researcher-url">`},
		{&PersonExternalIDDraft{Type: "Scopus Author ID", Value: "123", URL: &Value{Value: "https://scopus.example/123"}, Relationship: "self"},
			`<external-identifier:external-identifier xmlns:common="http://www.orcid.org/ns/common" xmlns:external-identifier="http://www.orcid.org/ns/external-identifier">`},
		{&AddressDraft{Country: &Value{Value: "GB"}}, `<address:address xmlns:address="http://www.orcid.org/ns/address">`},
	}
	for _, tc := range tests {
		k := tc.item.ItemKind()
		for _, f := range []Format{JSON, XML} {
			data, err := MarshalItem(tc.item, f)
			if err != nil {
				t.Fatalf("%s %s: %v", k, f, err)
			}
			if f == XML && !bytes.HasPrefix(data, []byte(xml.Header+tc.root)) {
				t.Errorf("%s: XML begins %.250s", k, data)
			}
			back, err := ParseItem(k, data, f)
			if err != nil {
				t.Fatalf("%s %s: %v\n%s", k, f, err, data)
			}
			if !reflect.DeepEqual(clearXMLName(back), clearXMLName(tc.item)) {
				t.Errorf("%s %s round trip:\n%s\ngot  %+v\nwant %+v", k, f, data, back, tc.item)
			}
		}
	}
}

// clearXMLName zeroes the XMLName a decode fills in, so drafts compare by
// their content.
func clearXMLName(it Item) Item {
	v := reflect.ValueOf(it).Elem()
	if f := v.FieldByName("XMLName"); f.IsValid() {
		f.Set(reflect.Zero(f.Type()))
	}
	return it
}

// Absent parts are left out of the JSON (ORCID's samples have no nulls),
// and a date's month and day get two digits.
func TestWorkDraftJSONOmitsAbsentParts(t *testing.T) {
	w := &WorkDraft{Title: &DraftTitle{Title: &Value{Value: "T"}}, Type: "other", PublicationDate: NewDraftDate(2024, 3, 9)}
	data, err := json.Marshal(w)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"title":{"title":{"value":"T"}},"type":"other","publication-date":{"year":{"value":"2024"},"month":{"value":"03"},"day":{"value":"09"}}}`
	if string(data) != want {
		t.Errorf("got  %s\nwant %s", data, want)
	}
	if NewDraftDate(0, 1, 1) != nil {
		t.Error("a date without a year should be nil")
	}
}

func TestParseItemKindAndPaths(t *testing.T) {
	tests := []struct {
		in      string
		kind    ItemKind
		segment string
		scope   string
	}{
		{"work", KindWork, "work", "/activities/update"},
		{"Works", KindWork, "work", "/activities/update"},
		{"employments", KindEmployment, "employment", "/activities/update"},
		{"invited-position", KindInvitedPosition, "invited-position", "/activities/update"},
		{"funding", KindFunding, "funding", "/activities/update"},
		{"other-name", KindOtherName, "other-names", "/person/update"},
		{"other-names", KindOtherName, "other-names", "/person/update"},
		{"keyword", KindKeyword, "keywords", "/person/update"},
		{"researcher-urls", KindResearcherURL, "researcher-urls", "/person/update"},
		{"external-identifier", KindExternalIdentifier, "external-identifiers", "/person/update"},
		{"address", KindAddress, "address", "/person/update"},
		{"addresses", KindAddress, "address", "/person/update"},
	}
	for _, tc := range tests {
		k, err := ParseItemKind(tc.in)
		if err != nil || k != tc.kind || k.Segment() != tc.segment || k.Scope() != tc.scope {
			t.Errorf("%q: %q %v segment %q scope %q", tc.in, k, err, k.Segment(), k.Scope())
		}
	}
	if _, err := ParseItemKind("peer-review"); err == nil || !strings.Contains(err.Error(), "other-name") {
		t.Errorf("peer-review: %v", err)
	}
	id := ID("0000-0002-1825-0097")
	for _, tc := range []struct {
		k    ItemKind
		pc   int64
		want string
	}{
		{KindWork, 0, "0000-0002-1825-0097/work"},
		{KindWork, 12, "0000-0002-1825-0097/work/12"},
		{KindKeyword, 0, "0000-0002-1825-0097/keywords"},
		{KindAddress, 5, "0000-0002-1825-0097/address/5"},
	} {
		if got := WriteItemPath(id, tc.k, tc.pc); got != tc.want {
			t.Errorf("WriteItemPath(%s, %d) = %q, want %q", tc.k, tc.pc, got, tc.want)
		}
	}
}

// A list of works for a bulk add is read from ORCID's bulk document (JSON
// or XML) or from a plain JSON array, and a bulk body is ORCID's shape.
func TestParseWorkListAndBulkBody(t *testing.T) {
	works := []*WorkDraft{
		{Title: &DraftTitle{Title: &Value{Value: "A"}}, Type: "book"},
		{Title: &DraftTitle{Title: &Value{Value: "B"}}, Type: "other"},
	}
	for _, f := range []Format{JSON, XML} {
		data, err := marshalBulkWorks(works, f)
		if err != nil {
			t.Fatal(err)
		}
		if f == JSON && !bytes.HasPrefix(data, []byte(`{"bulk":[{"work":{"title"`)) {
			t.Errorf("JSON bulk: %s", data)
		}
		if f == XML && !bytes.Contains(data, []byte(`<bulk:bulk xmlns:bulk="http://www.orcid.org/ns/bulk" xmlns:common="http://www.orcid.org/ns/common" xmlns:work="http://www.orcid.org/ns/work"><work:work><work:title>`)) {
			t.Errorf("XML bulk: %s", data)
		}
		back, err := ParseWorkList(data, f)
		if err != nil || len(back) != 2 || back[1].Title.Title.Value != "B" {
			t.Errorf("%s: %v %v", f, back, err)
		}
	}
	back, err := ParseWorkList([]byte(`[{"title":{"title":{"value":"X"}},"type":"book"}]`), JSON)
	if err != nil || len(back) != 1 || back[0].Type != "book" {
		t.Errorf("array: %v %v", back, err)
	}
	if _, err := ParseWorkList([]byte(`{"bulk":[{"error":{}}]}`), JSON); err == nil {
		t.Error("a bulk element that is not a work was accepted")
	}
}

// A work read back (the read model) turns into the same draft as the one
// decoded directly from the document: editing starts from what ORCID sent.
func TestWorkDraftFromReadModel(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    Format
	}{{"work-full-3.0.xml", XML}, {"work-full-3.0.write-sample.json", JSON}} {
		data := readWriteFixture(t, tc.name)
		var w Work
		var err error
		if tc.f == XML {
			err = xml.Unmarshal(data, &w)
		} else {
			err = json.Unmarshal(data, &w)
		}
		if err != nil {
			t.Fatal(err)
		}
		want, err := ParseItem(KindWork, data, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		got := w.Draft()
		if !reflect.DeepEqual(clearXMLName(got), clearXMLName(want)) {
			t.Errorf("%s:\ngot  %+v\nwant %+v", tc.name, got, want)
		}
	}
}

func TestDraftsFromReadModels(t *testing.T) {
	org := &Organization{Name: "Brown", Address: &OrganizationAddress{City: "Providence", Country: "US"},
		DisambiguatedOrganization: &DisambiguatedOrganization{Identifier: "https://ror.org/05gq02987", Source: "ROR"}}
	ids := &ExternalIDs{ExternalID: []ExternalID{{Type: "grant_number", Value: "1", Normalized: &Value{Value: "1", Transient: true}, Relationship: "self"}}}
	tests := []struct {
		got, want Item
	}{
		{(&AffiliationSummary{Kind: "service", PutCode: 4, Visibility: "limited", RoleTitle: "Reviewer", Organization: org, StartDate: &FuzzyDate{Year: &Value{Value: "2020"}},
			EndDate: &FuzzyDate{}, CreatedDate: &Timestamp{Millis: 1}, Source: &Source{}}).Draft(),
			&AffiliationDraft{Kind: KindService, PutCode: 4, Visibility: "limited", RoleTitle: "Reviewer", StartDate: &DraftDate{Year: &Value{Value: "2020"}},
				Organization: &DraftOrganization{Name: "Brown", Address: &DraftOrganizationAddress{City: "Providence", Country: "US"}, DisambiguatedOrganization: org.DisambiguatedOrganization}}},
		{(&FundingSummary{PutCode: 5, Type: "grant", Title: &WorkTitle{Title: &Value{Value: "G"}}, ExternalIDs: ids, Organization: org}).Draft(),
			&FundingDraft{PutCode: 5, Type: "grant", Title: &DraftTitle{Title: &Value{Value: "G"}},
				ExternalIDs:  &DraftExternalIDs{ExternalID: []DraftExternalID{{Type: "grant_number", Value: "1", Relationship: "self"}}},
				Organization: &DraftOrganization{Name: "Brown", Address: &DraftOrganizationAddress{City: "Providence", Country: "US"}, DisambiguatedOrganization: org.DisambiguatedOrganization}}},
		{(&OtherName{PutCode: 1, Content: "Jo", Visibility: "public", DisplayIndex: 3}).Draft(), &OtherNameDraft{PutCode: 1, Content: "Jo", Visibility: "public"}},
		{(&Keyword{PutCode: 2, Content: "k"}).Draft(), &KeywordDraft{PutCode: 2, Content: "k"}},
		{(&ResearcherURL{PutCode: 3, URLName: "n", URL: &Value{Value: "https://x.org"}}).Draft(), &ResearcherURLDraft{PutCode: 3, URLName: "n", URL: &Value{Value: "https://x.org"}}},
		{(&PersonExternalID{PutCode: 6, Type: "Scopus", Value: "9", URL: &Value{Value: "https://s.org/9"}, Relationship: "self"}).Draft(),
			&PersonExternalIDDraft{PutCode: 6, Type: "Scopus", Value: "9", URL: &Value{Value: "https://s.org/9"}, Relationship: "self"}},
		{(&Address{PutCode: 7, Country: &Value{Value: "GB"}}).Draft(), &AddressDraft{PutCode: 7, Country: &Value{Value: "GB"}}},
	}
	for _, tc := range tests {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s:\ngot  %+v\nwant %+v", tc.want.ItemKind(), tc.got, tc.want)
		}
	}
}

// A document of one kind is not read as another.
func TestParseItemRefusesAnotherKind(t *testing.T) {
	edu, err := MarshalItem(&AffiliationDraft{Kind: KindEducation, RoleTitle: "PhD"}, XML)
	if err != nil {
		t.Fatal(err)
	}
	work, err := MarshalItem(&WorkDraft{Type: "book"}, XML)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		k    ItemKind
		data []byte
		want string
	}{
		{KindEmployment, edu, "the document is an education"},
		{KindService, work, "the document is a work"},
		{KindFunding, work, "reading the funding"},
	} {
		if _, err := ParseItem(tc.k, tc.data, XML); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s from %.60s: %v", tc.k, tc.data, err)
		}
	}
	if it, err := ParseItem(KindEducation, edu, XML); err != nil || it.(*AffiliationDraft).RoleTitle != "PhD" {
		t.Errorf("education: %v %v", it, err)
	}
}

// Fundings and affiliations encode with the element order and namespaces
// of ORCID's funding-3.0 and employment-3.0 schemas: the funding's own
// elements in the funding namespace, dates, identifiers, URL and
// organisation in the common one.
func TestFundingAndAffiliationXMLOutline(t *testing.T) {
	const c, fu, em = "http://www.orcid.org/ns/common", "http://www.orcid.org/ns/funding", "http://www.orcid.org/ns/employment"
	org := &DraftOrganization{Name: "Sloan Foundation", Address: &DraftOrganizationAddress{City: "New York", Region: "NY", Country: "US"},
		DisambiguatedOrganization: &DisambiguatedOrganization{Identifier: "https://ror.org/052csg198", Source: "ROR"}}
	ids := &DraftExternalIDs{ExternalID: []DraftExternalID{{Type: "grant_number", Value: "G-7", URL: &Value{Value: "https://sloan.example/g7"}, Relationship: "self"}}}
	fund := &FundingDraft{Type: "grant", OrganizationDefinedType: &Value{Value: "fellowship"},
		Title:            &DraftTitle{Title: &Value{Value: "Kiln studies"}, TranslatedTitle: &TranslatedTitle{Value: "Études", LanguageCode: "fr"}},
		ShortDescription: "Firing", Amount: &DraftAmount{Value: "5000", CurrencyCode: "USD"}, URL: &Value{Value: "https://sloan.example"},
		StartDate: NewDraftDate(2021, 3, 0), EndDate: NewDraftDate(2023, 0, 0), ExternalIDs: ids, Organization: org}
	emp := &AffiliationDraft{Kind: KindEmployment, DepartmentName: "Psychoceramics", RoleTitle: "Professor", StartDate: NewDraftDate(2001, 0, 0),
		Organization: org, URL: &Value{Value: "https://brown.example"}, ExternalIDs: ids}
	idsOutline := []string{
		"  " + c + " external-ids", "   " + c + " external-id", "    " + c + " external-id-type = grant_number", "    " + c + " external-id-value = G-7",
		"    " + c + " external-id-url = https://sloan.example/g7", "    " + c + " external-id-relationship = self",
	}
	orgOutline := []string{
		"  " + c + " organization", "   " + c + " name = Sloan Foundation", "   " + c + " address", "    " + c + " city = New York",
		"    " + c + " region = NY", "    " + c + " country = US", "   " + c + " disambiguated-organization",
		"    " + c + " disambiguated-organization-identifier = https://ror.org/052csg198", "    " + c + " disambiguation-source = ROR",
	}
	wantFunding := append([]string{
		" " + fu + " funding", "  " + fu + " type = grant", "  " + fu + " organization-defined-type = fellowship",
		"  " + fu + " title", "   " + c + " title = Kiln studies", "   " + c + " translated-title language-code=fr = Études",
		"  " + fu + " short-description = Firing", "  " + fu + " amount currency-code=USD = 5000", "  " + c + " url = https://sloan.example",
		"  " + c + " start-date", "   " + c + " year = 2021", "   " + c + " month = 03", "  " + c + " end-date", "   " + c + " year = 2023",
	}, append(idsOutline, orgOutline...)...)
	wantEmployment := append(append([]string{
		" " + em + " employment", "  " + c + " department-name = Psychoceramics", "  " + c + " role-title = Professor",
		"  " + c + " start-date", "   " + c + " year = 2001",
	}, orgOutline...), append([]string{"  " + c + " url = https://brown.example"}, idsOutline...)...)
	for _, tc := range []struct {
		item Item
		want []string
	}{{fund, wantFunding}, {emp, wantEmployment}} {
		data, err := MarshalItem(tc.item, XML)
		if err != nil {
			t.Fatal(err)
		}
		if got := xmlOutline(t, data); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s outline:\ngot\n%s\nwant\n%s", tc.item.ItemKind(), strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}
}
