package orcid

import (
	"encoding/json"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"
)

// TestFullItemsDecodeFixtures: a full item holds its summary's fields under
// the same names, so the summaries of ORCID's own samples decode into the
// full types with nothing lost.
func TestFullItemsDecodeFixtures(t *testing.T) {
	read := func(name string) []byte { return clReadFixture(t, name) }
	// record-full-3.0.json: each funding summary as a Funding.
	var raw struct {
		Activities struct {
			Fundings struct {
				Group []struct {
					Summaries []json.RawMessage `json:"funding-summary"`
				} `json:"group"`
			} `json:"fundings"`
		} `json:"activities-summary"`
	}
	if err := json.Unmarshal(read("record-full-3.0.json"), &raw); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, g := range raw.Activities.Fundings.Group {
		for _, s := range g.Summaries {
			var f Funding
			var fs FundingSummary
			if err := json.Unmarshal(s, &f); err != nil {
				t.Fatal(err)
			}
			_ = json.Unmarshal(s, &fs)
			if f.PutCode != fs.PutCode || f.Title.TitleString() != fs.Title.TitleString() || f.Organization.Name != fs.Organization.Name ||
				len(f.ExternalIDs.ExternalID) != len(fs.ExternalIDs.ExternalID) || f.StartDate.String() != fs.StartDate.String() {
				t.Errorf("funding %d: %+v", fs.PutCode, f)
			}
			n++
		}
	}
	if n == 0 {
		t.Error("no funding in record-full-3.0.json")
	}
	// fundings-3.0.xml and employments-3.0.xml: each summary element.
	for _, tc := range []struct{ file, elem string }{{"fundings-3.0.xml", "funding:funding-summary"}, {"employments-3.0.xml", "employment:employment-summary"}} {
		re := regexp.MustCompile(`(?s)<` + tc.elem + `\b.*?</` + tc.elem + `>`)
		els := re.FindAll(read(tc.file), -1)
		if len(els) == 0 {
			t.Fatalf("%s: no %s", tc.file, tc.elem)
		}
		for _, el := range els {
			// The sample declares its namespaces on the root; the element
			// alone needs them for encoding/xml to accept the prefixes.
			el = []byte(strings.Replace(string(el), ">", ` xmlns:funding="f" xmlns:employment="e" xmlns:common="c">`, 1))
			var err error
			var org string
			var pc int64
			if strings.HasPrefix(tc.elem, "funding") {
				var f Funding
				err = xml.Unmarshal(el, &f)
				org, pc = f.Organization.Name, f.PutCode
				if err == nil && (f.Type != "award" || f.Title.TitleString() == "") {
					t.Errorf("%s: %+v", tc.file, f)
				}
			} else {
				var a Affiliation
				err = xml.Unmarshal(el, &a)
				org, pc = a.OrgName(), a.PutCode
				if err == nil && (a.Kind != "employment" || a.StartDate.String() != "1948-02-02") {
					t.Errorf("%s: %+v", tc.file, a)
				}
			}
			if err != nil || org == "" || pc == 0 {
				t.Errorf("%s: %v (org %q, put-code %d)", tc.file, err, org, pc)
			}
		}
	}
}
