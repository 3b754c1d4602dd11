package orcidtest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// The XML and JSON forms of a resource are the same document: decoded with
// the orcid models, both give the same values.
func TestXMLAndJSONDecodeAlike(t *testing.T) {
	s := NewServer()
	defer s.Close()
	b, _ := s.record(nil, CarberryID)
	var wpc int64
	for k := range b.works {
		wpc = max(wpc, k)
	}
	for _, tc := range []struct {
		path string
		v    func() any
	}{
		{"/pub/v3.0/" + CarberryID + "/record", func() any { return new(orcid.Record) }},
		{"/pub/v3.0/" + TanakaID + "/record", func() any { return new(orcid.Record) }},
		{"/pub/v3.0/" + EmptyID + "/record", func() any { return new(orcid.Record) }},
		{"/pub/v3.0/" + CarberryID + "/person", func() any { return new(orcid.Person) }},
		{"/pub/v3.0/" + CarberryID + "/activities", func() any { return new(orcid.ActivitiesSummary) }},
		{"/pub/v3.0/" + CarberryID + "/works", func() any { return new(orcid.Works) }},
		{"/pub/v3.0/" + CarberryID + "/employments", func() any { return new(orcid.Affiliations) }},
		{"/pub/v3.0/" + CarberryID + "/fundings", func() any { return new(orcid.Fundings) }},
		{"/pub/v3.0/" + CarberryID + "/peer-reviews", func() any { return new(orcid.PeerReviews) }},
		{"/pub/v3.0/" + CarberryID + "/research-resources", func() any { return new(orcid.ResearchResources) }},
		{fmt.Sprintf("/pub/v3.0/%s/work/%d", CarberryID, wpc), func() any { return new(orcid.Work) }},
		{fmt.Sprintf("/pub/v3.0/%s/works/%d,7", CarberryID, wpc), func() any { return new(orcid.WorkBulk) }},
		{"/pub/v3.0/search/?q=carberry&rows=5", func() any { return new(orcid.SearchResult) }},
		{"/pub/v3.0/expanded-search/?q=carberry&rows=5", func() any { return new(orcid.ExpandedSearchResult) }},
		{"/pub/v3.0/search/?q=zzzzzz", func() any { return new(orcid.SearchResult) }},
		{"/pub/v3.0/" + UnknownID, func() any { return new(orcid.ErrorDocument) }},
	} {
		_, _, jb := get(t, s, tc.path, "application/json")
		_, _, xb := get(t, s, tc.path, "application/xml")
		fromJSON, fromXML := tc.v(), tc.v()
		if err := json.Unmarshal(jb, fromJSON); err != nil {
			t.Errorf("%s: JSON: %v", tc.path, err)
			continue
		}
		if err := xml.Unmarshal(xb, fromXML); err != nil {
			t.Errorf("%s: XML: %v", tc.path, err)
			continue
		}
		// XML cannot tell an empty list from an absent one.
		a, _ := json.MarshalIndent(fromJSON, "", " ")
		c, _ := json.MarshalIndent(fromXML, "", " ")
		a, c = bytes.ReplaceAll(a, []byte("[]"), []byte("null")), bytes.ReplaceAll(c, []byte("[]"), []byte("null"))
		if string(a) != string(c) {
			al, cl := strings.Split(string(a), "\n"), strings.Split(string(c), "\n")
			for i := range min(len(al), len(cl)) {
				if al[i] != cl[i] {
					t.Errorf("%s: first difference at line %d:\n json: %s\n  xml: %s", tc.path, i, al[i], cl[i])
					break
				}
			}
			if len(al) != len(cl) {
				t.Errorf("%s: %d vs %d lines", tc.path, len(al), len(cl))
			}
		}
	}
}
