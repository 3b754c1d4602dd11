package orcid

// Typed ORCID API v3.0 documents. Field names follow ORCID's own JSON keys.
// ORCID serialises absent values as explicit nulls, so nearly everything is a
// pointer or a slice; use the accessor methods (String, Year, ...) to read
// without nil checks.

// Value is ORCID's {"value": ...} wrapper around a string.
type Value struct {
	Value string `json:"value" xml:",chardata"`
}

// String returns the wrapped string, or "" for a nil Value.
func (v *Value) String() string {
	if v == nil {
		return ""
	}
	return v.Value
}

// Timestamp is ORCID's {"value": <epoch milliseconds>} (JSON) or an
// ISO-8601 text (XML). Zero means absent.
type Timestamp struct {
	Millis int64 `json:"value"`
}

// FuzzyDate is a publication/start/end date with string parts, any of which
// may be missing.
type FuzzyDate struct {
	Year  *Value `json:"year"`
	Month *Value `json:"month"`
	Day   *Value `json:"day"`
}

// Identifier is ORCID's {uri, path, host} triple used for iDs and client ids.
type Identifier struct {
	URI  string `json:"uri"`
	Path string `json:"path"`
	Host string `json:"host"`
}

// Source says who added an item.
type Source struct {
	SourceORCID             *Identifier `json:"source-orcid"`
	SourceClientID          *Identifier `json:"source-client-id"`
	SourceName              *Value      `json:"source-name"`
	AssertionOriginORCID    *Identifier `json:"assertion-origin-orcid"`
	AssertionOriginClientID *Identifier `json:"assertion-origin-client-id"`
	AssertionOriginName     *Value      `json:"assertion-origin-name"`
}

// ExternalID is one external identifier (DOI, ISBN, grant number, ...).
type ExternalID struct {
	Type         string `json:"external-id-type"`
	Value        string `json:"external-id-value"`
	Normalized   *Value `json:"external-id-normalized"`
	URL          *Value `json:"external-id-url"`
	Relationship string `json:"external-id-relationship"`
}

// ExternalIDs is ORCID's {"external-id": [...]} wrapper.
type ExternalIDs struct {
	ExternalID []ExternalID `json:"external-id"`
}

// Organization is an affiliation's or funding's organisation.
type Organization struct {
	Name                      string                     `json:"name"`
	Address                   *OrganizationAddress       `json:"address"`
	DisambiguatedOrganization *DisambiguatedOrganization `json:"disambiguated-organization"`
}

// OrganizationAddress is where an organisation is.
type OrganizationAddress struct {
	City    string `json:"city"`
	Region  string `json:"region"`
	Country string `json:"country"`
}

// DisambiguatedOrganization is a ROR/Ringgold/FundRef/GRID id for an organisation.
type DisambiguatedOrganization struct {
	Identifier string `json:"disambiguated-organization-identifier"`
	Source     string `json:"disambiguation-source"`
}

// Record is the whole record (/{iD} or /{iD}/record).
type Record struct {
	ORCIDIdentifier   *Identifier        `json:"orcid-identifier"`
	History           *History           `json:"history"`
	Person            *Person            `json:"person"`
	ActivitiesSummary *ActivitiesSummary `json:"activities-summary"`
	Path              string             `json:"path"`
}

// History is the record's history block.
type History struct {
	CreationMethod   string     `json:"creation-method"`
	SubmissionDate   *Timestamp `json:"submission-date"`
	LastModifiedDate *Timestamp `json:"last-modified-date"`
	Claimed          bool       `json:"claimed"`
	DeactivationDate *Timestamp `json:"deactivation-date"`
}

// Person is the person section (/{iD}/person).
type Person struct {
	LastModifiedDate    *Timestamp         `json:"last-modified-date"`
	Name                *Name              `json:"name"`
	OtherNames          *OtherNames        `json:"other-names"`
	Biography           *Biography         `json:"biography"`
	ResearcherURLs      *ResearcherURLs    `json:"researcher-urls"`
	Emails              *Emails            `json:"emails"`
	Addresses           *Addresses         `json:"addresses"`
	Keywords            *Keywords          `json:"keywords"`
	ExternalIdentifiers *PersonExternalIDs `json:"external-identifiers"`
	Path                string             `json:"path"`
}

// Name is the person's name; any part may be null (private).
type Name struct {
	GivenNames *Value `json:"given-names"`
	FamilyName *Value `json:"family-name"`
	CreditName *Value `json:"credit-name"`
	Visibility string `json:"visibility"`
	Path       string `json:"path"`
}

// OtherNames lists other names.
type OtherNames struct {
	OtherName []OtherName `json:"other-name"`
	Path      string      `json:"path"`
}

// OtherName is one other name.
type OtherName struct {
	Content    string `json:"content"`
	Visibility string `json:"visibility"`
	PutCode    int64  `json:"put-code"`
}

// Biography is the free-text biography.
type Biography struct {
	Content    string `json:"content"`
	Visibility string `json:"visibility"`
}

// ResearcherURLs lists websites.
type ResearcherURLs struct {
	ResearcherURL []ResearcherURL `json:"researcher-url"`
}

// ResearcherURL is one website.
type ResearcherURL struct {
	URLName string `json:"url-name"`
	URL     *Value `json:"url"`
	PutCode int64  `json:"put-code"`
}

// Emails lists public emails.
type Emails struct {
	Email []Email `json:"email"`
}

// Email is one email address.
type Email struct {
	Email    string `json:"email"`
	Primary  bool   `json:"primary"`
	Verified bool   `json:"verified"`
}

// Addresses lists countries.
type Addresses struct {
	Address []Address `json:"address"`
}

// Address is one country.
type Address struct {
	Country *Value `json:"country"`
	PutCode int64  `json:"put-code"`
}

// Keywords lists keywords.
type Keywords struct {
	Keyword []Keyword `json:"keyword"`
}

// Keyword is one keyword.
type Keyword struct {
	Content string `json:"content"`
	PutCode int64  `json:"put-code"`
}

// PersonExternalIDs lists person identifiers (Scopus, ResearcherID, ...).
type PersonExternalIDs struct {
	ExternalIdentifier []PersonExternalID `json:"external-identifier"`
}

// PersonExternalID is one person identifier.
type PersonExternalID struct {
	Type         string `json:"external-id-type"`
	Value        string `json:"external-id-value"`
	URL          *Value `json:"external-id-url"`
	Relationship string `json:"external-id-relationship"`
	PutCode      int64  `json:"put-code"`
}

// ActivitiesSummary is /{iD}/activities: summaries of all eleven sections.
type ActivitiesSummary struct {
	LastModifiedDate  *Timestamp         `json:"last-modified-date"`
	Distinctions      *Affiliations      `json:"distinctions"`
	Educations        *Affiliations      `json:"educations"`
	Employments       *Affiliations      `json:"employments"`
	Fundings          *Fundings          `json:"fundings"`
	InvitedPositions  *Affiliations      `json:"invited-positions"`
	Memberships       *Affiliations      `json:"memberships"`
	PeerReviews       *PeerReviews       `json:"peer-reviews"`
	Qualifications    *Affiliations      `json:"qualifications"`
	ResearchResources *ResearchResources `json:"research-resources"`
	Services          *Affiliations      `json:"services"`
	Works             *Works             `json:"works"`
	Path              string             `json:"path"`
}

// Works is /{iD}/works: work summaries grouped by shared external ids.
type Works struct {
	LastModifiedDate *Timestamp  `json:"last-modified-date"`
	Group            []WorkGroup `json:"group"`
	Path             string      `json:"path"`
}

// WorkGroup is one group of work summaries describing the same work.
type WorkGroup struct {
	LastModifiedDate *Timestamp    `json:"last-modified-date"`
	ExternalIDs      *ExternalIDs  `json:"external-ids"`
	WorkSummary      []WorkSummary `json:"work-summary"`
}

// WorkTitle is a work's title block.
type WorkTitle struct {
	Title           *Value           `json:"title"`
	Subtitle        *Value           `json:"subtitle"`
	TranslatedTitle *TranslatedTitle `json:"translated-title"`
}

// TranslatedTitle is a title in another language.
type TranslatedTitle struct {
	Value        string `json:"value"`
	LanguageCode string `json:"language-code"`
}

// WorkSummary is one work as listed in /works.
type WorkSummary struct {
	PutCode         int64        `json:"put-code"`
	CreatedDate     *Timestamp   `json:"created-date"`
	LastModified    *Timestamp   `json:"last-modified-date"`
	Source          *Source      `json:"source"`
	Title           *WorkTitle   `json:"title"`
	ExternalIDs     *ExternalIDs `json:"external-ids"`
	URL             *Value       `json:"url"`
	Type            string       `json:"type"`
	PublicationDate *FuzzyDate   `json:"publication-date"`
	JournalTitle    *Value       `json:"journal-title"`
	Visibility      string       `json:"visibility"`
	Path            string       `json:"path"`
	DisplayIndex    string       `json:"display-index"`
}

// Work is one full work (/{iD}/work/{put-code}).
type Work struct {
	PutCode          int64         `json:"put-code"`
	CreatedDate      *Timestamp    `json:"created-date"`
	LastModified     *Timestamp    `json:"last-modified-date"`
	Source           *Source       `json:"source"`
	Title            *WorkTitle    `json:"title"`
	JournalTitle     *Value        `json:"journal-title"`
	ShortDescription string        `json:"short-description"`
	Citation         *Citation     `json:"citation"`
	Type             string        `json:"type"`
	PublicationDate  *FuzzyDate    `json:"publication-date"`
	ExternalIDs      *ExternalIDs  `json:"external-ids"`
	URL              *Value        `json:"url"`
	Contributors     *Contributors `json:"contributors"`
	LanguageCode     string        `json:"language-code"`
	Country          *Value        `json:"country"`
	Visibility       string        `json:"visibility"`
	Path             string        `json:"path"`
}

// Citation is a work's citation (BibTeX, RIS, formatted text, ...).
type Citation struct {
	Type  string `json:"citation-type"`
	Value string `json:"citation-value"`
}

// Contributors lists a work's contributors.
type Contributors struct {
	Contributor []Contributor `json:"contributor"`
}

// Contributor is one contributor of a work.
type Contributor struct {
	ContributorORCID      *Identifier            `json:"contributor-orcid"`
	CreditName            *Value                 `json:"credit-name"`
	ContributorEmail      *Value                 `json:"contributor-email"`
	ContributorAttributes *ContributorAttributes `json:"contributor-attributes"`
}

// ContributorAttributes gives a contributor's sequence and role.
type ContributorAttributes struct {
	Sequence string `json:"contributor-sequence"`
	Role     string `json:"contributor-role"`
}

// WorkBulk is the body of /{iD}/works/{pc,pc,...}: full works and errors.
type WorkBulk struct {
	Bulk []BulkItem `json:"bulk"`
}

// BulkItem is one element of a bulk answer: either a work or an error.
type BulkItem struct {
	Work  *Work          `json:"work"`
	Error *ErrorDocument `json:"error"`
}

// ErrorDocument is ORCID's error document (JSON keys; XML namespace
// http://www.orcid.org/ns/error).
type ErrorDocument struct {
	ResponseCode     int    `json:"response-code"`
	DeveloperMessage string `json:"developer-message"`
	UserMessage      string `json:"user-message"`
	ErrorCode        int    `json:"error-code"`
	MoreInfo         string `json:"more-info"`
}

// Affiliations is any of the seven affiliation sections (employments,
// educations, qualifications, invited positions, distinctions, memberships,
// services).
type Affiliations struct {
	LastModifiedDate *Timestamp         `json:"last-modified-date"`
	AffiliationGroup []AffiliationGroup `json:"affiliation-group"`
	Path             string             `json:"path"`
}

// AffiliationGroup groups affiliation summaries. In JSON each element of
// "summaries" is an object with one key such as "employment-summary".
type AffiliationGroup struct {
	LastModifiedDate *Timestamp           `json:"last-modified-date"`
	ExternalIDs      *ExternalIDs         `json:"external-ids"`
	Summaries        []AffiliationSummary `json:"summaries"`
}

// AffiliationSummary is one employment/education/... summary. Kind is the
// section's singular name ("employment", "education", ...), taken from the
// wrapping key.
type AffiliationSummary struct {
	Kind           string        `json:"-"`
	PutCode        int64         `json:"put-code"`
	Source         *Source       `json:"source"`
	DepartmentName string        `json:"department-name"`
	RoleTitle      string        `json:"role-title"`
	StartDate      *FuzzyDate    `json:"start-date"`
	EndDate        *FuzzyDate    `json:"end-date"`
	Organization   *Organization `json:"organization"`
	URL            *Value        `json:"url"`
	ExternalIDs    *ExternalIDs  `json:"external-ids"`
	Visibility     string        `json:"visibility"`
	Path           string        `json:"path"`
	DisplayIndex   string        `json:"display-index"`
}

// Fundings is /{iD}/fundings.
type Fundings struct {
	LastModifiedDate *Timestamp     `json:"last-modified-date"`
	Group            []FundingGroup `json:"group"`
	Path             string         `json:"path"`
}

// FundingGroup groups funding summaries.
type FundingGroup struct {
	ExternalIDs    *ExternalIDs     `json:"external-ids"`
	FundingSummary []FundingSummary `json:"funding-summary"`
}

// FundingSummary is one funding.
type FundingSummary struct {
	PutCode      int64         `json:"put-code"`
	Source       *Source       `json:"source"`
	Title        *WorkTitle    `json:"title"`
	ExternalIDs  *ExternalIDs  `json:"external-ids"`
	URL          *Value        `json:"url"`
	Type         string        `json:"type"`
	StartDate    *FuzzyDate    `json:"start-date"`
	EndDate      *FuzzyDate    `json:"end-date"`
	Organization *Organization `json:"organization"`
	Visibility   string        `json:"visibility"`
	Path         string        `json:"path"`
}

// PeerReviews is /{iD}/peer-reviews.
type PeerReviews struct {
	LastModifiedDate *Timestamp        `json:"last-modified-date"`
	Group            []PeerReviewGroup `json:"group"`
	Path             string            `json:"path"`
}

// PeerReviewGroup is one review group (e.g. one journal).
type PeerReviewGroup struct {
	ExternalIDs     *ExternalIDs         `json:"external-ids"`
	PeerReviewGroup []PeerReviewSubGroup `json:"peer-review-group"`
}

// PeerReviewSubGroup holds the summaries of one group.
type PeerReviewSubGroup struct {
	ExternalIDs       *ExternalIDs        `json:"external-ids"`
	PeerReviewSummary []PeerReviewSummary `json:"peer-review-summary"`
}

// PeerReviewSummary is one review.
type PeerReviewSummary struct {
	PutCode               int64         `json:"put-code"`
	Source                *Source       `json:"source"`
	ReviewerRole          string        `json:"reviewer-role"`
	ExternalIDs           *ExternalIDs  `json:"external-ids"`
	ReviewURL             *Value        `json:"review-url"`
	ReviewType            string        `json:"review-type"`
	CompletionDate        *FuzzyDate    `json:"completion-date"`
	ReviewGroupID         string        `json:"review-group-id"`
	ConveningOrganization *Organization `json:"convening-organization"`
	Visibility            string        `json:"visibility"`
	Path                  string        `json:"path"`
}

// ResearchResources is /{iD}/research-resources.
type ResearchResources struct {
	LastModifiedDate *Timestamp              `json:"last-modified-date"`
	Group            []ResearchResourceGroup `json:"group"`
	Path             string                  `json:"path"`
}

// ResearchResourceGroup groups research-resource summaries.
type ResearchResourceGroup struct {
	ExternalIDs             *ExternalIDs              `json:"external-ids"`
	ResearchResourceSummary []ResearchResourceSummary `json:"research-resource-summary"`
}

// ResearchResourceSummary is one research resource.
type ResearchResourceSummary struct {
	PutCode    int64     `json:"put-code"`
	Source     *Source   `json:"source"`
	Proposal   *Proposal `json:"proposal"`
	Visibility string    `json:"visibility"`
	Path       string    `json:"path"`
}

// Proposal describes a research-resource proposal.
type Proposal struct {
	Title       *WorkTitle   `json:"title"`
	Hosts       *Hosts       `json:"hosts"`
	ExternalIDs *ExternalIDs `json:"external-ids"`
	StartDate   *FuzzyDate   `json:"start-date"`
	EndDate     *FuzzyDate   `json:"end-date"`
	URL         *Value       `json:"url"`
}

// Hosts lists the organisations hosting a research resource.
type Hosts struct {
	Organization []Organization `json:"organization"`
}

// SearchResult is /search: iDs only.
type SearchResult struct {
	Result   []SearchHit `json:"result"` // nil on zero hits ("result": null)
	NumFound int64       `json:"num-found"`
}

// SearchHit is one /search hit.
type SearchHit struct {
	ORCIDIdentifier Identifier `json:"orcid-identifier"`
}

// ExpandedSearchResult is /expanded-search: names and institutions too.
type ExpandedSearchResult struct {
	ExpandedResult []ExpandedResult `json:"expanded-result"` // nil on zero hits
	NumFound       int64            `json:"num-found"`
}

// ExpandedResult is one /expanded-search hit.
type ExpandedResult struct {
	ORCIDID         string   `json:"orcid-id"`
	GivenNames      *string  `json:"given-names"`
	FamilyNames     *string  `json:"family-names"`
	CreditName      *string  `json:"credit-name"`
	OtherName       []string `json:"other-name"`
	Email           []string `json:"email"`
	InstitutionName []string `json:"institution-name"`
}
