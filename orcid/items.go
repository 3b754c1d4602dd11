package orcid

import (
	"context"
	"fmt"
	"strings"
)

// Full activity items: what /{iD}/{kind}/{put-code} answers, every field
// ORCID stores for the item, where the section lists (/fundings,
// /peer-reviews, …) carry only summaries. Works have their own type (Work).

// Funding is one full funding (/{iD}/funding/{put-code}).
type Funding struct {
	CreatedDate      *Timestamp `json:"created-date" xml:"created-date"`
	LastModifiedDate *Timestamp `json:"last-modified-date" xml:"last-modified-date"`
	Source           *Source    `json:"source" xml:"source"`
	PutCode          int64      `json:"put-code" xml:"put-code,attr"`
	Path             string     `json:"path" xml:"path,attr"`
	Type             string     `json:"type" xml:"type"` // grant, contract, award, salary-award
	// OrganizationDefinedType is the funder's own name for the kind of
	// funding ("Standard Grant").
	OrganizationDefinedType *Value        `json:"organization-defined-type" xml:"organization-defined-type"`
	Title                   *WorkTitle    `json:"title" xml:"title"`
	ShortDescription        string        `json:"short-description" xml:"short-description"`
	Amount                  *Amount       `json:"amount" xml:"amount"`
	URL                     *Value        `json:"url" xml:"url"`
	StartDate               *FuzzyDate    `json:"start-date" xml:"start-date"`
	EndDate                 *FuzzyDate    `json:"end-date" xml:"end-date"`
	ExternalIDs             *ExternalIDs  `json:"external-ids" xml:"external-ids"`
	Contributors            *Contributors `json:"contributors" xml:"contributors"` // roles: lead, co-lead, supported-by, other-contribution, CRediT URIs
	Organization            *Organization `json:"organization" xml:"organization"`
	Visibility              string        `json:"visibility" xml:"visibility,attr"`
}

// Amount is a funding's amount: a decimal as text ("1000.0" or, in some
// records, "1,000") and its ISO 4217 currency.
type Amount struct {
	Value        string `json:"value" xml:",chardata"`
	CurrencyCode string `json:"currency-code" xml:"currency-code,attr"`
}

// String is "1000.0 EUR", or "" for no amount.
func (a *Amount) String() string {
	if a == nil {
		return ""
	}
	return joinNonEmpty(" ", a.Value, a.CurrencyCode)
}

// PeerReview is one full peer review (/{iD}/peer-review/{put-code}): the
// review and its subject (the reviewed work).
type PeerReview struct {
	CreatedDate          *Timestamp   `json:"created-date" xml:"created-date"`
	LastModifiedDate     *Timestamp   `json:"last-modified-date" xml:"last-modified-date"`
	Source               *Source      `json:"source" xml:"source"`
	ReviewerRole         string       `json:"reviewer-role" xml:"reviewer-role"` // reviewer, editor, member, chair, organizer
	ReviewIdentifiers    *ExternalIDs `json:"review-identifiers" xml:"review-identifiers"`
	ReviewURL            *Value       `json:"review-url" xml:"review-url"`
	ReviewType           string       `json:"review-type" xml:"review-type"` // review, evaluation
	ReviewCompletionDate *FuzzyDate   `json:"review-completion-date" xml:"review-completion-date"`
	ReviewGroupID        string       `json:"review-group-id" xml:"review-group-id"`
	// The subject is what was reviewed: its id (often a DOI), the journal
	// or venue it belongs to, its type (a work type) and title.
	SubjectExternalIdentifier *ExternalID   `json:"subject-external-identifier" xml:"subject-external-identifier"`
	SubjectContainerName      *Value        `json:"subject-container-name" xml:"subject-container-name"`
	SubjectType               string        `json:"subject-type" xml:"subject-type"`
	SubjectName               *WorkTitle    `json:"subject-name" xml:"subject-name"`
	SubjectURL                *Value        `json:"subject-url" xml:"subject-url"`
	ConveningOrganization     *Organization `json:"convening-organization" xml:"convening-organization"`
	Visibility                string        `json:"visibility" xml:"visibility,attr"`
	PutCode                   int64         `json:"put-code" xml:"put-code,attr"`
	Path                      string        `json:"path" xml:"path,attr"`
}

// ResearchResource is one full research resource
// (/{iD}/research-resource/{put-code}): the proposal and the resources used.
type ResearchResource struct {
	CreatedDate      *Timestamp `json:"created-date" xml:"created-date"`
	LastModifiedDate *Timestamp `json:"last-modified-date" xml:"last-modified-date"`
	Source           *Source    `json:"source" xml:"source"`
	Proposal         *Proposal  `json:"proposal" xml:"proposal"`
	// ResourceItems is "resource-item" in JSON and the resource-item
	// children of <research-resource:resource-items> in XML.
	ResourceItems []ResourceItem `json:"resource-item" xml:"resource-items>resource-item"`
	PutCode       int64          `json:"put-code" xml:"put-code,attr"`
	Path          string         `json:"path" xml:"path,attr"`
	Visibility    string         `json:"visibility" xml:"visibility,attr"`
	DisplayIndex  string         `json:"display-index" xml:"display-index,attr"`
}

// ResourceItem is one resource of a research resource: an instrument, a
// collection, a facility, a service.
type ResourceItem struct {
	ResourceName string       `json:"resource-name" xml:"resource-name"`
	ResourceType string       `json:"resource-type" xml:"resource-type"` // infrastructures, collections, equipment, services
	Hosts        *Hosts       `json:"hosts" xml:"hosts"`
	ExternalIDs  *ExternalIDs `json:"external-ids" xml:"external-ids"`
	URL          *Value       `json:"url" xml:"url"`
}

// Affiliation is one full employment, education, qualification, invited
// position, distinction, membership or service
// (/{iD}/employment/{put-code}, …). In API v3.0 the full item has exactly
// the fields of its summary (department, role, dates, organisation, URL,
// external ids), so it is the same type; Kind comes from the path (JSON) or
// the element name (XML).
type Affiliation = AffiliationSummary

// Kind is the singular name used in an item's path: "employment" for
// Employments, "invited-position" for InvitedPositions.
func (s AffiliationSection) Kind() string { return strings.TrimSuffix(string(s), "s") }

// FundingPath, PeerReviewPath, ResearchResourcePath and AffiliationPath are
// the paths of full items, for Get and raw views.
func FundingPath(id ID, putCode int64) string { return ItemPath(id, "funding", putCode) }

// PeerReviewPath is the path of one full peer review.
func PeerReviewPath(id ID, putCode int64) string { return ItemPath(id, "peer-review", putCode) }

// ResearchResourcePath is the path of one full research resource.
func ResearchResourcePath(id ID, putCode int64) string {
	return ItemPath(id, "research-resource", putCode)
}

// AffiliationPath is the path of one full affiliation of section s.
func AffiliationPath(id ID, s AffiliationSection, putCode int64) string {
	return ItemPath(id, s.Kind(), putCode)
}

// readItem validates the put-code and reads one item.
func (c *Client) readItem(ctx context.Context, id ID, putCode int64, path func(ID, int64) string, v any) error {
	if putCode <= 0 {
		return fmt.Errorf("put-code %d is not valid: put-codes are positive numbers", putCode)
	}
	return c.read(ctx, id, func(id ID) string { return path(id, putCode) }, v)
}

// Funding reads one full funding: amount, contributors, organisation-
// defined type and description included.
func (c *Client) Funding(ctx context.Context, id ID, putCode int64) (*Funding, error) {
	var v Funding
	if err := c.readItem(ctx, id, putCode, FundingPath, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// PeerReview reads one full peer review, its subject included.
func (c *Client) PeerReview(ctx context.Context, id ID, putCode int64) (*PeerReview, error) {
	var v PeerReview
	if err := c.readItem(ctx, id, putCode, PeerReviewPath, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// ResearchResource reads one full research resource, its resource items
// included.
func (c *Client) ResearchResource(ctx context.Context, id ID, putCode int64) (*ResearchResource, error) {
	var v ResearchResource
	if err := c.readItem(ctx, id, putCode, ResearchResourcePath, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// Affiliation reads one full affiliation of section s (Employments, …).
func (c *Client) Affiliation(ctx context.Context, id ID, s AffiliationSection, putCode int64) (*Affiliation, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("unknown affiliation section %s: use employments, educations, qualifications, invited-positions, distinctions, memberships or services", quoteShort(string(s)))
	}
	var v Affiliation
	path := func(id ID, pc int64) string { return AffiliationPath(id, s, pc) }
	if err := c.readItem(ctx, id, putCode, path, &v); err != nil {
		return nil, err
	}
	if v.Kind == "" {
		v.Kind = s.Kind()
	}
	return &v, nil
}
