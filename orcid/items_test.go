package orcid_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// firstPutCode finds the first put-code of kind ("funding", …) in a section.
func firstPutCode(t *testing.T, c *orcid.Client, kind string) int64 {
	t.Helper()
	a, err := c.Activities(context.Background(), orcidtest.CarberryID)
	if err != nil {
		t.Fatal(err)
	}
	switch kind {
	case "funding":
		return a.Fundings.Group[0].FundingSummary[0].PutCode
	case "peer-review":
		return a.PeerReviews.Group[0].PeerReviewGroup[0].PeerReviewSummary[0].PutCode
	case "research-resource":
		return a.ResearchResources.Group[0].ResearchResourceSummary[0].PutCode
	case "employment":
		return a.Employments.AffiliationGroup[0].Summaries[0].PutCode
	}
	t.Fatalf("unknown kind %s", kind)
	return 0
}

// TestFullItems reads each kind of full item from the registry, as JSON
// (the typed methods) and as XML (Get), and checks the fields only full
// items carry.
func TestFullItems(t *testing.T) {
	_, c := newRegistry(t, nil)
	ctx := context.Background()
	id := orcid.ID(orcidtest.CarberryID)

	pc := firstPutCode(t, c, "funding")
	f, err := c.Funding(ctx, id, pc)
	if err != nil {
		t.Fatal(err)
	}
	var fx orcid.Funding
	if _, err := c.Get(ctx, orcid.FundingPath(id, pc), orcid.XML, &fx); err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]*orcid.Funding{"json": f, "xml": &fx} {
		if got.PutCode != pc || got.Amount.String() == "" || got.OrganizationDefinedType.String() == "" ||
			got.Contributors == nil || len(got.Contributors.Contributor) != 2 || got.Organization == nil ||
			got.ExternalIDs.Find("grant_number") == nil || got.Title.TitleString() == "" {
			t.Errorf("%s funding lacks full fields: %+v", name, got)
			continue
		}
		c0 := got.Contributors.Contributor[0]
		if c0.ContributorORCID == nil || c0.ContributorORCID.Path != orcidtest.CarberryID || c0.ContributorAttributes.Role != "lead" {
			t.Errorf("%s funding contributor: %+v", name, c0)
		}
	}
	if f.Amount.String() != fx.Amount.String() || f.ShortDescription != fx.ShortDescription {
		t.Errorf("JSON and XML differ: %q/%q, %q/%q", f.Amount, fx.Amount, f.ShortDescription, fx.ShortDescription)
	}

	pc = firstPutCode(t, c, "peer-review")
	p, err := c.PeerReview(ctx, id, pc)
	if err != nil {
		t.Fatal(err)
	}
	var px orcid.PeerReview
	if _, err := c.Get(ctx, orcid.PeerReviewPath(id, pc), orcid.XML, &px); err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]*orcid.PeerReview{"json": p, "xml": &px} {
		if got.SubjectName.TitleString() == "" || got.SubjectExternalIdentifier == nil || got.SubjectExternalIdentifier.Type != "doi" ||
			got.SubjectContainerName.String() == "" || got.SubjectType == "" || got.SubjectURL.String() == "" ||
			got.ConveningOrganization == nil || got.ReviewIdentifiers == nil || len(got.ReviewIdentifiers.ExternalID) == 0 ||
			got.ReviewCompletionDate.String() == "" || got.ReviewGroupID == "" {
			t.Errorf("%s peer review lacks full fields: %+v", name, got)
		}
	}

	pc = firstPutCode(t, c, "research-resource")
	r, err := c.ResearchResource(ctx, id, pc)
	if err != nil {
		t.Fatal(err)
	}
	var rx orcid.ResearchResource
	if _, err := c.Get(ctx, orcid.ResearchResourcePath(id, pc), orcid.XML, &rx); err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]*orcid.ResearchResource{"json": r, "xml": &rx} {
		if len(got.ResourceItems) != 2 || got.ResourceItems[0].ResourceName == "" || got.ResourceItems[0].ResourceType != "equipment" ||
			got.ResourceItems[0].Hosts == nil || got.ResourceItems[0].ExternalIDs.Find("rrid") == nil || got.Proposal.Title.TitleString() == "" {
			t.Errorf("%s research resource lacks full fields: %+v", name, got)
		}
	}

	pc = firstPutCode(t, c, "employment")
	e, err := c.Affiliation(ctx, id, orcid.Employments, pc)
	if err != nil {
		t.Fatal(err)
	}
	var ex orcid.Affiliation
	if _, err := c.Get(ctx, orcid.AffiliationPath(id, orcid.Employments, pc), orcid.XML, &ex); err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]*orcid.Affiliation{"json": e, "xml": &ex} {
		if got.Kind != "employment" || got.OrgName() == "" || got.PutCode != pc || got.ExternalIDs == nil {
			t.Errorf("%s employment: %+v", name, got)
		}
	}
}

func TestFullItemArguments(t *testing.T) {
	_, c := newRegistry(t, nil)
	ctx := context.Background()
	if _, err := c.Funding(ctx, orcidtest.CarberryID, 0); err == nil || !strings.Contains(err.Error(), "put-code 0") {
		t.Errorf("put-code 0: %v", err)
	}
	if _, err := c.Affiliation(ctx, orcidtest.CarberryID, "jobs", 1); err == nil || !strings.Contains(err.Error(), "unknown affiliation section") {
		t.Errorf("section jobs: %v", err)
	}
	var apiErr *orcid.APIError
	if _, err := c.PeerReview(ctx, orcidtest.CarberryID, 999999999); !errors.As(err, &apiErr) || apiErr.StatusCode != 404 {
		t.Errorf("unknown put-code: %v", err)
	}
	for s, want := range map[orcid.AffiliationSection]string{orcid.Employments: "employment", orcid.InvitedPositions: "invited-position", orcid.Services: "service"} {
		if s.Kind() != want {
			t.Errorf("%s.Kind() = %q", s, s.Kind())
		}
	}
}

// fullSamples are full items in ORCID's read shape (field names and
// nesting as in orcid-model's v3.0 samples).
const fundingJSON = `{"created-date":{"value":1544804506866},"last-modified-date":{"value":1544804506866},
"source":{"source-orcid":{"uri":"https://orcid.org/0000-0002-1825-0097","path":"0000-0002-1825-0097","host":"orcid.org"},"source-client-id":null,"source-name":{"value":"J"}},
"put-code":5132,"path":"/0000-0002-1825-0097/funding/5132","type":"grant","organization-defined-type":{"value":"Funding sub-type"},
"title":{"title":{"value":"Grant title"},"translated-title":{"value":"Titre","language-code":"fr"}},"short-description":"Short description.",
"amount":{"value":"1000.0","currency-code":"EUR"},"url":{"value":"https://alt-url.org"},
"start-date":{"year":{"value":"2000"},"month":{"value":"02"},"day":{"value":"02"}},"end-date":null,
"external-ids":{"external-id":[{"external-id-type":"grant_number","external-id-value":"1234","external-id-normalized":null,"external-id-normalized-error":null,"external-id-url":{"value":"http://tempuri.org/12345"},"external-id-relationship":"self"}]},
"contributors":{"contributor":[{"contributor-orcid":{"uri":"https://orcid.org/0000-0002-5391-5437","path":"0000-0002-5391-5437","host":"orcid.org"},"credit-name":{"value":"Jordan Holt"},"contributor-email":null,"contributor-attributes":{"contributor-role":"lead"}}]},
"organization":{"name":"Wellcome Trust","address":{"city":"London","region":null,"country":"GB"},"disambiguated-organization":{"disambiguated-organization-identifier":"https://ror.org/029chgv08","disambiguation-source":"ROR"}},
"visibility":"public"}`

const peerReviewXML = `<?xml version="1.0" encoding="UTF-8"?>
<peer-review:peer-review put-code="1994" path="/8888-8888-8888-8880/peer-review/1994" visibility="public"
  xmlns:peer-review="http://www.orcid.org/ns/peer-review" xmlns:common="http://www.orcid.org/ns/common">
  <peer-review:reviewer-role>reviewer</peer-review:reviewer-role>
  <peer-review:review-identifiers><common:external-id><common:external-id-type>source-work-id</common:external-id-type><common:external-id-value>98765</common:external-id-value><common:external-id-relationship>self</common:external-id-relationship></common:external-id></peer-review:review-identifiers>
  <peer-review:review-url>https://example.com</peer-review:review-url>
  <peer-review:review-type>review</peer-review:review-type>
  <peer-review:review-completion-date><common:year>2012</common:year><common:month>04</common:month><common:day>14</common:day></peer-review:review-completion-date>
  <peer-review:review-group-id>issn:1741-4857</peer-review:review-group-id>
  <peer-review:subject-external-identifier><common:external-id-type>doi</common:external-id-type><common:external-id-value>10.1087/20120404</common:external-id-value><common:external-id-relationship>self</common:external-id-relationship></peer-review:subject-external-identifier>
  <peer-review:subject-container-name>Journal title</peer-review:subject-container-name>
  <peer-review:subject-type>journal-article</peer-review:subject-type>
  <peer-review:subject-name><common:title>Name of the paper reviewed</common:title><common:subtitle>Sub</common:subtitle></peer-review:subject-name>
  <peer-review:subject-url>https://example.com/review-item</peer-review:subject-url>
  <peer-review:convening-organization><common:name>ORCID</common:name><common:address><common:city>Bethesda</common:city><common:region>MD</common:region><common:country>US</common:country></common:address></peer-review:convening-organization>
</peer-review:peer-review>`

const researchResourceXML = `<research-resource:research-resource put-code="1" xmlns:research-resource="http://www.orcid.org/ns/research-resource" xmlns:common="http://www.orcid.org/ns/common">
  <research-resource:proposal><research-resource:title><common:title>Proposal title</common:title></research-resource:title>
    <research-resource:hosts><common:organization><common:name>ORCID</common:name></common:organization></research-resource:hosts></research-resource:proposal>
  <research-resource:resource-items>
    <research-resource:resource-item><research-resource:resource-name>Giant Laser 1</research-resource:resource-name><research-resource:resource-type>infrastructures</research-resource:resource-type>
      <research-resource:hosts><common:organization><common:name>Lasers-R-US</common:name></common:organization></research-resource:hosts>
      <common:external-ids><common:external-id><common:external-id-type>rrid</common:external-id-type><common:external-id-value>rrid:giantLASER</common:external-id-value></common:external-id></common:external-ids>
      <common:url>https://example.com</common:url></research-resource:resource-item>
    <research-resource:resource-item><research-resource:resource-name>Moon Targets</research-resource:resource-name><research-resource:resource-type>infrastructures</research-resource:resource-type></research-resource:resource-item>
  </research-resource:resource-items>
</research-resource:research-resource>`

func TestDecodeFullItemSamples(t *testing.T) {
	var f orcid.Funding
	if err := json.Unmarshal([]byte(fundingJSON), &f); err != nil {
		t.Fatal(err)
	}
	if f.Amount.String() != "1000.0 EUR" || f.OrganizationDefinedType.String() != "Funding sub-type" || f.ShortDescription != "Short description." ||
		f.Contributors.Contributor[0].ContributorAttributes.Role != "lead" || f.Organization.DisambiguatedOrganization.Source != "ROR" ||
		f.Title.TranslatedTitle.LanguageCode != "fr" || f.StartDate.String() != "2000-02-02" || f.EndDate != nil {
		t.Errorf("funding: %+v", f)
	}
	var p orcid.PeerReview
	if err := xml.Unmarshal([]byte(peerReviewXML), &p); err != nil {
		t.Fatal(err)
	}
	if p.PutCode != 1994 || p.SubjectName.Subtitle.String() != "Sub" || p.SubjectExternalIdentifier.Value != "10.1087/20120404" ||
		p.ReviewIdentifiers.ExternalID[0].Value != "98765" || p.ReviewCompletionDate.String() != "2012-04-14" ||
		p.SubjectContainerName.String() != "Journal title" || p.ConveningOrganization.Place() != "Bethesda, MD, US" {
		t.Errorf("peer review: %+v", p)
	}
	var r orcid.ResearchResource
	if err := xml.Unmarshal([]byte(researchResourceXML), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.ResourceItems) != 2 || r.ResourceItems[0].Hosts.Organization[0].Name != "Lasers-R-US" ||
		r.ResourceItems[0].ExternalIDs.ExternalID[0].Value != "rrid:giantLASER" || r.Proposal.Hosts.Organization[0].Name != "ORCID" {
		t.Errorf("research resource: %+v", r)
	}
}
