package orcid

// Typed ORCID API v3.0 documents. Field names follow ORCID's own JSON keys.
// ORCID serialises absent values as explicit nulls, so nearly everything is a
// pointer or a slice; use the accessor methods (String, Year, ...) to read
// without nil checks.
//
// The same types decode ORCID's XML: xml tags carry no namespace, so they
// match ORCID's prefixed elements (common:title, work:type, ...) in any
// namespace. Where ORCID puts a JSON key into an XML attribute (put-code,
// path, visibility, display-index, num-found) the tag says ",attr". The few
// shapes that differ between JSON and XML are handled in models_json.go and
// xml.go.

// Value is ORCID's {"value": ...} wrapper around a string. In XML it is the
// element's text.
type Value struct {
	Value string `json:"value" xml:",chardata"`
	// Transient marks values ORCID computed rather than stored (seen on
	// external-id-normalized).
	Transient bool `json:"transient,omitempty" xml:"transient,attr,omitempty"`
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
	Year  *Value `json:"year" xml:"year"`
	Month *Value `json:"month" xml:"month"`
	Day   *Value `json:"day" xml:"day"`
}

// Identifier is ORCID's {uri, path, host} triple used for iDs and client ids.
// In contributor blocks host may be null and uri may use http://.
type Identifier struct {
	URI  string `json:"uri" xml:"uri"`
	Path string `json:"path" xml:"path"`
	Host string `json:"host" xml:"host"`
}

// Source says who added an item.
type Source struct {
	SourceORCID             *Identifier `json:"source-orcid" xml:"source-orcid"`
	SourceClientID          *Identifier `json:"source-client-id" xml:"source-client-id"`
	SourceName              *Value      `json:"source-name" xml:"source-name"`
	AssertionOriginORCID    *Identifier `json:"assertion-origin-orcid" xml:"assertion-origin-orcid"`
	AssertionOriginClientID *Identifier `json:"assertion-origin-client-id" xml:"assertion-origin-client-id"`
	AssertionOriginName     *Value      `json:"assertion-origin-name" xml:"assertion-origin-name"`
}

// ExternalID is one external identifier (DOI, ISBN, grant number, ...).
type ExternalID struct {
	Type            string           `json:"external-id-type" xml:"external-id-type"`
	Value           string           `json:"external-id-value" xml:"external-id-value"`
	Normalized      *Value           `json:"external-id-normalized" xml:"external-id-normalized"`
	NormalizedError *NormalizedError `json:"external-id-normalized-error" xml:"external-id-normalized-error"`
	URL             *Value           `json:"external-id-url" xml:"external-id-url"`
	Relationship    string           `json:"external-id-relationship" xml:"external-id-relationship"` // self, part-of, version-of, funded-by
}

// NormalizedError says why ORCID could not normalise an external id
// (error-code 8001 "Cannot normalize identifier value ...").
type NormalizedError struct {
	ErrorCode    string `json:"error-code" xml:"error-code"`
	ErrorMessage string `json:"error-message" xml:"error-message"`
	Transient    bool   `json:"transient,omitempty" xml:"transient,attr,omitempty"`
}

// ExternalIDs is ORCID's {"external-id": [...]} wrapper.
type ExternalIDs struct {
	ExternalID []ExternalID `json:"external-id" xml:"external-id"`
}

// Organization is an affiliation's or funding's organisation.
type Organization struct {
	Name                      string                     `json:"name" xml:"name"`
	Address                   *OrganizationAddress       `json:"address" xml:"address"`
	DisambiguatedOrganization *DisambiguatedOrganization `json:"disambiguated-organization" xml:"disambiguated-organization"`
}

// OrganizationAddress is where an organisation is.
type OrganizationAddress struct {
	City    string `json:"city" xml:"city"`
	Region  string `json:"region" xml:"region"`
	Country string `json:"country" xml:"country"` // ISO 3166-1 alpha-2
}

// DisambiguatedOrganization is a ROR/Ringgold/FundRef/GRID id for an organisation.
type DisambiguatedOrganization struct {
	Identifier string `json:"disambiguated-organization-identifier" xml:"disambiguated-organization-identifier"`
	Source     string `json:"disambiguation-source" xml:"disambiguation-source"`
}

// Record is the whole record (/{iD} or /{iD}/record).
type Record struct {
	ORCIDIdentifier   *Identifier        `json:"orcid-identifier" xml:"orcid-identifier"`
	Preferences       *Preferences       `json:"preferences" xml:"preferences"`
	History           *History           `json:"history" xml:"history"`
	Person            *Person            `json:"person" xml:"person"`
	ActivitiesSummary *ActivitiesSummary `json:"activities-summary" xml:"activities-summary"`
	Path              string             `json:"path" xml:"path,attr"`
}

// Preferences holds the record owner's locale.
type Preferences struct {
	Locale string `json:"locale" xml:"locale"`
}

// History is the record's history block.
type History struct {
	CreationMethod       string     `json:"creation-method" xml:"creation-method"`
	CompletionDate       *Timestamp `json:"completion-date" xml:"completion-date"`
	SubmissionDate       *Timestamp `json:"submission-date" xml:"submission-date"`
	LastModifiedDate     *Timestamp `json:"last-modified-date" xml:"last-modified-date"`
	Claimed              bool       `json:"claimed" xml:"claimed"`
	Source               *Source    `json:"source" xml:"source"`
	DeactivationDate     *Timestamp `json:"deactivation-date" xml:"deactivation-date"`
	VerifiedEmail        bool       `json:"verified-email" xml:"verified-email"`
	VerifiedPrimaryEmail bool       `json:"verified-primary-email" xml:"verified-primary-email"`
	Visibility           string     `json:"visibility,omitempty" xml:"visibility,attr"` // XML only
}

// Person is the person section (/{iD}/person).
type Person struct {
	LastModifiedDate    *Timestamp         `json:"last-modified-date" xml:"last-modified-date"`
	Name                *Name              `json:"name" xml:"name"`
	OtherNames          *OtherNames        `json:"other-names" xml:"other-names"`
	Biography           *Biography         `json:"biography" xml:"biography"`
	ResearcherURLs      *ResearcherURLs    `json:"researcher-urls" xml:"researcher-urls"`
	Emails              *Emails            `json:"emails" xml:"emails"`
	Addresses           *Addresses         `json:"addresses" xml:"addresses"`
	Keywords            *Keywords          `json:"keywords" xml:"keywords"`
	ExternalIdentifiers *PersonExternalIDs `json:"external-identifiers" xml:"external-identifiers"`
	Path                string             `json:"path" xml:"path,attr"`
}

// Name is the person's name; any part may be null (private).
type Name struct {
	CreatedDate      *Timestamp `json:"created-date" xml:"created-date"`
	LastModifiedDate *Timestamp `json:"last-modified-date" xml:"last-modified-date"`
	GivenNames       *Value     `json:"given-names" xml:"given-names"`
	FamilyName       *Value     `json:"family-name" xml:"family-name"`
	CreditName       *Value     `json:"credit-name" xml:"credit-name"`
	Source           *Source    `json:"source" xml:"source"`
	Visibility       string     `json:"visibility" xml:"visibility,attr"`
	Path             string     `json:"path" xml:"path,attr"`
}

// OtherNames lists other names.
type OtherNames struct {
	LastModifiedDate *Timestamp  `json:"last-modified-date" xml:"last-modified-date"`
	OtherName        []OtherName `json:"other-name" xml:"other-name"`
	Path             string      `json:"path" xml:"path,attr"`
}

// OtherName is one other name.
type OtherName struct {
	CreatedDate      *Timestamp `json:"created-date" xml:"created-date"`
	LastModifiedDate *Timestamp `json:"last-modified-date" xml:"last-modified-date"`
	Source           *Source    `json:"source" xml:"source"`
	Content          string     `json:"content" xml:"content"`
	Visibility       string     `json:"visibility" xml:"visibility,attr"`
	Path             string     `json:"path" xml:"path,attr"`
	PutCode          int64      `json:"put-code" xml:"put-code,attr"`
	DisplayIndex     int        `json:"display-index" xml:"display-index,attr"` // a number in person items, unlike activities
}

// Biography is the free-text biography.
type Biography struct {
	CreatedDate      *Timestamp `json:"created-date" xml:"created-date"`
	LastModifiedDate *Timestamp `json:"last-modified-date" xml:"last-modified-date"`
	Content          string     `json:"content" xml:"content"`
	Visibility       string     `json:"visibility" xml:"visibility,attr"`
	Path             string     `json:"path" xml:"path,attr"`
}

// ResearcherURLs lists websites.
type ResearcherURLs struct {
	LastModifiedDate *Timestamp      `json:"last-modified-date" xml:"last-modified-date"`
	ResearcherURL    []ResearcherURL `json:"researcher-url" xml:"researcher-url"`
	Path             string          `json:"path" xml:"path,attr"`
}

// ResearcherURL is one website.
type ResearcherURL struct {
	CreatedDate      *Timestamp `json:"created-date" xml:"created-date"`
	LastModifiedDate *Timestamp `json:"last-modified-date" xml:"last-modified-date"`
	Source           *Source    `json:"source" xml:"source"`
	URLName          string     `json:"url-name" xml:"url-name"`
	URL              *Value     `json:"url" xml:"url"`
	Visibility       string     `json:"visibility" xml:"visibility,attr"`
	Path             string     `json:"path" xml:"path,attr"`
	PutCode          int64      `json:"put-code" xml:"put-code,attr"`
	DisplayIndex     int        `json:"display-index" xml:"display-index,attr"`
}

// Emails lists public emails.
type Emails struct {
	LastModifiedDate *Timestamp `json:"last-modified-date" xml:"last-modified-date"`
	Email            []Email    `json:"email" xml:"email"`
	Path             string     `json:"path" xml:"path,attr"`
}

// Email is one email address. ORCID sends put-code and path as null here.
type Email struct {
	CreatedDate      *Timestamp `json:"created-date" xml:"created-date"`
	LastModifiedDate *Timestamp `json:"last-modified-date" xml:"last-modified-date"`
	Source           *Source    `json:"source" xml:"source"`
	Email            string     `json:"email" xml:"email"`
	Path             string     `json:"path" xml:"path,attr"`
	Visibility       string     `json:"visibility" xml:"visibility,attr"`
	Verified         bool       `json:"verified" xml:"verified,attr"`
	Primary          bool       `json:"primary" xml:"primary,attr"`
	PutCode          int64      `json:"put-code" xml:"put-code,attr"`
}

// Addresses lists countries.
type Addresses struct {
	LastModifiedDate *Timestamp `json:"last-modified-date" xml:"last-modified-date"`
	Address          []Address  `json:"address" xml:"address"`
	Path             string     `json:"path" xml:"path,attr"`
}

// Address is one country.
type Address struct {
	CreatedDate      *Timestamp `json:"created-date" xml:"created-date"`
	LastModifiedDate *Timestamp `json:"last-modified-date" xml:"last-modified-date"`
	Source           *Source    `json:"source" xml:"source"`
	Country          *Value     `json:"country" xml:"country"` // ISO 3166-1 alpha-2
	Visibility       string     `json:"visibility" xml:"visibility,attr"`
	Path             string     `json:"path" xml:"path,attr"`
	PutCode          int64      `json:"put-code" xml:"put-code,attr"`
	DisplayIndex     int        `json:"display-index" xml:"display-index,attr"`
}

// Keywords lists keywords.
type Keywords struct {
	LastModifiedDate *Timestamp `json:"last-modified-date" xml:"last-modified-date"`
	Keyword          []Keyword  `json:"keyword" xml:"keyword"`
	Path             string     `json:"path" xml:"path,attr"`
}

// Keyword is one keyword.
type Keyword struct {
	CreatedDate      *Timestamp `json:"created-date" xml:"created-date"`
	LastModifiedDate *Timestamp `json:"last-modified-date" xml:"last-modified-date"`
	Source           *Source    `json:"source" xml:"source"`
	Content          string     `json:"content" xml:"content"`
	Visibility       string     `json:"visibility" xml:"visibility,attr"`
	Path             string     `json:"path" xml:"path,attr"`
	PutCode          int64      `json:"put-code" xml:"put-code,attr"`
	DisplayIndex     int        `json:"display-index" xml:"display-index,attr"`
}

// PersonExternalIDs lists person identifiers (Scopus, ResearcherID, ...).
type PersonExternalIDs struct {
	LastModifiedDate   *Timestamp         `json:"last-modified-date" xml:"last-modified-date"`
	ExternalIdentifier []PersonExternalID `json:"external-identifier" xml:"external-identifier"`
	Path               string             `json:"path" xml:"path,attr"`
}

// PersonExternalID is one person identifier.
type PersonExternalID struct {
	CreatedDate      *Timestamp `json:"created-date" xml:"created-date"`
	LastModifiedDate *Timestamp `json:"last-modified-date" xml:"last-modified-date"`
	Source           *Source    `json:"source" xml:"source"`
	Type             string     `json:"external-id-type" xml:"external-id-type"`
	Value            string     `json:"external-id-value" xml:"external-id-value"`
	URL              *Value     `json:"external-id-url" xml:"external-id-url"`
	Relationship     string     `json:"external-id-relationship" xml:"external-id-relationship"`
	Visibility       string     `json:"visibility" xml:"visibility,attr"`
	Path             string     `json:"path" xml:"path,attr"`
	PutCode          int64      `json:"put-code" xml:"put-code,attr"`
	DisplayIndex     int        `json:"display-index" xml:"display-index,attr"`
}

// ActivitiesSummary is /{iD}/activities: summaries of all eleven sections.
type ActivitiesSummary struct {
	LastModifiedDate  *Timestamp         `json:"last-modified-date" xml:"last-modified-date"`
	Distinctions      *Affiliations      `json:"distinctions" xml:"distinctions"`
	Educations        *Affiliations      `json:"educations" xml:"educations"`
	Employments       *Affiliations      `json:"employments" xml:"employments"`
	Fundings          *Fundings          `json:"fundings" xml:"fundings"`
	InvitedPositions  *Affiliations      `json:"invited-positions" xml:"invited-positions"`
	Memberships       *Affiliations      `json:"memberships" xml:"memberships"`
	PeerReviews       *PeerReviews       `json:"peer-reviews" xml:"peer-reviews"`
	Qualifications    *Affiliations      `json:"qualifications" xml:"qualifications"`
	ResearchResources *ResearchResources `json:"research-resources" xml:"research-resources"`
	Services          *Affiliations      `json:"services" xml:"services"`
	Works             *Works             `json:"works" xml:"works"`
	Path              string             `json:"path" xml:"path,attr"`
}

// Works is /{iD}/works: work summaries grouped by shared external ids.
type Works struct {
	LastModifiedDate *Timestamp  `json:"last-modified-date" xml:"last-modified-date"`
	Group            []WorkGroup `json:"group" xml:"group"`
	Path             string      `json:"path" xml:"path,attr"`
}

// WorkGroup is one group of work summaries describing the same work. The
// first summary is the preferred one (ORCID's display order).
type WorkGroup struct {
	LastModifiedDate *Timestamp    `json:"last-modified-date" xml:"last-modified-date"`
	ExternalIDs      *ExternalIDs  `json:"external-ids" xml:"external-ids"`
	WorkSummary      []WorkSummary `json:"work-summary" xml:"work-summary"`
}

// WorkTitle is a work's (or funding's, or proposal's) title block.
type WorkTitle struct {
	Title           *Value           `json:"title" xml:"title"`
	Subtitle        *Value           `json:"subtitle" xml:"subtitle"`
	TranslatedTitle *TranslatedTitle `json:"translated-title" xml:"translated-title"`
}

// TranslatedTitle is a title in another language.
type TranslatedTitle struct {
	Value        string `json:"value" xml:",chardata"`
	LanguageCode string `json:"language-code" xml:"language-code,attr"`
}

// WorkSummary is one work as listed in /works.
type WorkSummary struct {
	PutCode         int64        `json:"put-code" xml:"put-code,attr"`
	CreatedDate     *Timestamp   `json:"created-date" xml:"created-date"`
	LastModified    *Timestamp   `json:"last-modified-date" xml:"last-modified-date"`
	Source          *Source      `json:"source" xml:"source"`
	Title           *WorkTitle   `json:"title" xml:"title"`
	ExternalIDs     *ExternalIDs `json:"external-ids" xml:"external-ids"`
	URL             *Value       `json:"url" xml:"url"`
	Type            string       `json:"type" xml:"type"`
	PublicationDate *FuzzyDate   `json:"publication-date" xml:"publication-date"`
	JournalTitle    *Value       `json:"journal-title" xml:"journal-title"`
	Visibility      string       `json:"visibility" xml:"visibility,attr"`
	Path            string       `json:"path" xml:"path,attr"`
	DisplayIndex    string       `json:"display-index" xml:"display-index,attr"` // ORCID sends a string ("0")
}

// Work is one full work (/{iD}/work/{put-code}, or an element of a bulk read).
type Work struct {
	PutCode          int64         `json:"put-code" xml:"put-code,attr"`
	CreatedDate      *Timestamp    `json:"created-date" xml:"created-date"`
	LastModified     *Timestamp    `json:"last-modified-date" xml:"last-modified-date"`
	Source           *Source       `json:"source" xml:"source"`
	Title            *WorkTitle    `json:"title" xml:"title"`
	JournalTitle     *Value        `json:"journal-title" xml:"journal-title"`
	ShortDescription string        `json:"short-description" xml:"short-description"`
	Citation         *Citation     `json:"citation" xml:"citation"`
	Type             string        `json:"type" xml:"type"`
	PublicationDate  *FuzzyDate    `json:"publication-date" xml:"publication-date"`
	ExternalIDs      *ExternalIDs  `json:"external-ids" xml:"external-ids"`
	URL              *Value        `json:"url" xml:"url"`
	Contributors     *Contributors `json:"contributors" xml:"contributors"`
	LanguageCode     string        `json:"language-code" xml:"language-code"`
	Country          *Value        `json:"country" xml:"country"`
	Visibility       string        `json:"visibility" xml:"visibility,attr"`
	Path             string        `json:"path" xml:"path,attr"`
}

// Citation is a work's citation (BibTeX, RIS, formatted text, ...).
type Citation struct {
	Type  string `json:"citation-type" xml:"citation-type"`
	Value string `json:"citation-value" xml:"citation-value"`
}

// Contributors lists a work's contributors.
type Contributors struct {
	Contributor []Contributor `json:"contributor" xml:"contributor"`
}

// Contributor is one contributor of a work. ContributorEmail is accepted both
// as {"value": "..."} and as a bare string (ORCID's write samples use the
// latter); see models_json.go.
type Contributor struct {
	ContributorORCID      *Identifier            `json:"contributor-orcid" xml:"contributor-orcid"`
	CreditName            *Value                 `json:"credit-name" xml:"credit-name"`
	ContributorEmail      *Value                 `json:"contributor-email" xml:"contributor-email"`
	ContributorAttributes *ContributorAttributes `json:"contributor-attributes" xml:"contributor-attributes"`
}

// ContributorAttributes gives a contributor's sequence and role.
type ContributorAttributes struct {
	Sequence string `json:"contributor-sequence" xml:"contributor-sequence"` // first, additional
	Role     string `json:"contributor-role" xml:"contributor-role"`
}

// WorkBulk is the body of /{iD}/works/{pc,pc,...}: full works and errors.
// In JSON each element is {"work": {...}} or {"error": {...}}; in XML the
// bulk:bulk element mixes work:work and error:error children (see xml.go).
type WorkBulk struct {
	Bulk []BulkItem `json:"bulk"`
}

// BulkItem is one element of a bulk answer: either a work or an error.
type BulkItem struct {
	Work  *Work          `json:"work,omitempty"`
	Error *ErrorDocument `json:"error,omitempty"`
}

// ErrorDocument is ORCID's error document (JSON keys; XML namespace
// http://www.orcid.org/ns/error, prefixed error:error or unprefixed).
type ErrorDocument struct {
	ResponseCode     int    `json:"response-code" xml:"response-code"`
	DeveloperMessage string `json:"developer-message" xml:"developer-message"`
	UserMessage      string `json:"user-message" xml:"user-message"`
	ErrorCode        int    `json:"error-code" xml:"error-code"`
	MoreInfo         string `json:"more-info" xml:"more-info"`
}

// Affiliations is any of the seven affiliation sections (employments,
// educations, qualifications, invited positions, distinctions, memberships,
// services).
type Affiliations struct {
	LastModifiedDate *Timestamp         `json:"last-modified-date" xml:"last-modified-date"`
	AffiliationGroup []AffiliationGroup `json:"affiliation-group" xml:"affiliation-group"`
	Path             string             `json:"path" xml:"path,attr"`
}

// AffiliationGroup groups affiliation summaries. In JSON each element of
// "summaries" is an object with one key such as "employment-summary"; in XML
// the employment:employment-summary elements sit directly in the group. See
// models_json.go and xml.go.
type AffiliationGroup struct {
	LastModifiedDate *Timestamp           `json:"last-modified-date" xml:"last-modified-date"`
	ExternalIDs      *ExternalIDs         `json:"external-ids" xml:"external-ids"`
	Summaries        []AffiliationSummary `json:"summaries" xml:"-"`
}

// AffiliationSummary is one employment/education/... summary. Kind is the
// section's singular name ("employment", "education", "qualification",
// "invited-position", "distinction", "membership", "service"), taken from
// the wrapping key (JSON), the element name (XML) or, for a bare summary,
// its path. It is not serialised as a field of its own.
type AffiliationSummary struct {
	Kind             string        `json:"-" xml:"-"`
	CreatedDate      *Timestamp    `json:"created-date" xml:"created-date"`
	LastModifiedDate *Timestamp    `json:"last-modified-date" xml:"last-modified-date"`
	Source           *Source       `json:"source" xml:"source"`
	PutCode          int64         `json:"put-code" xml:"put-code,attr"`
	DepartmentName   string        `json:"department-name" xml:"department-name"`
	RoleTitle        string        `json:"role-title" xml:"role-title"`
	StartDate        *FuzzyDate    `json:"start-date" xml:"start-date"`
	EndDate          *FuzzyDate    `json:"end-date" xml:"end-date"`
	Organization     *Organization `json:"organization" xml:"organization"`
	URL              *Value        `json:"url" xml:"url"`
	ExternalIDs      *ExternalIDs  `json:"external-ids" xml:"external-ids"`
	DisplayIndex     string        `json:"display-index" xml:"display-index,attr"`
	Visibility       string        `json:"visibility" xml:"visibility,attr"`
	Path             string        `json:"path" xml:"path,attr"`
}

// Fundings is /{iD}/fundings.
type Fundings struct {
	LastModifiedDate *Timestamp     `json:"last-modified-date" xml:"last-modified-date"`
	Group            []FundingGroup `json:"group" xml:"group"`
	Path             string         `json:"path" xml:"path,attr"`
}

// FundingGroup groups funding summaries.
type FundingGroup struct {
	LastModifiedDate *Timestamp       `json:"last-modified-date" xml:"last-modified-date"`
	ExternalIDs      *ExternalIDs     `json:"external-ids" xml:"external-ids"`
	FundingSummary   []FundingSummary `json:"funding-summary" xml:"funding-summary"`
}

// FundingSummary is one funding.
type FundingSummary struct {
	CreatedDate      *Timestamp    `json:"created-date" xml:"created-date"`
	LastModifiedDate *Timestamp    `json:"last-modified-date" xml:"last-modified-date"`
	PutCode          int64         `json:"put-code" xml:"put-code,attr"`
	Source           *Source       `json:"source" xml:"source"`
	Title            *WorkTitle    `json:"title" xml:"title"`
	ExternalIDs      *ExternalIDs  `json:"external-ids" xml:"external-ids"`
	URL              *Value        `json:"url" xml:"url"`
	Type             string        `json:"type" xml:"type"`
	StartDate        *FuzzyDate    `json:"start-date" xml:"start-date"`
	EndDate          *FuzzyDate    `json:"end-date" xml:"end-date"`
	Organization     *Organization `json:"organization" xml:"organization"`
	Visibility       string        `json:"visibility" xml:"visibility,attr"`
	Path             string        `json:"path" xml:"path,attr"`
	DisplayIndex     string        `json:"display-index" xml:"display-index,attr"`
}

// PeerReviews is /{iD}/peer-reviews.
type PeerReviews struct {
	LastModifiedDate *Timestamp        `json:"last-modified-date" xml:"last-modified-date"`
	Group            []PeerReviewGroup `json:"group" xml:"group"`
	Path             string            `json:"path" xml:"path,attr"`
}

// PeerReviewGroup is one review group (e.g. one journal).
type PeerReviewGroup struct {
	LastModifiedDate *Timestamp           `json:"last-modified-date" xml:"last-modified-date"`
	ExternalIDs      *ExternalIDs         `json:"external-ids" xml:"external-ids"`
	PeerReviewGroup  []PeerReviewSubGroup `json:"peer-review-group" xml:"peer-review-group"`
}

// PeerReviewSubGroup holds the summaries of one group.
type PeerReviewSubGroup struct {
	LastModifiedDate  *Timestamp          `json:"last-modified-date" xml:"last-modified-date"`
	ExternalIDs       *ExternalIDs        `json:"external-ids" xml:"external-ids"`
	PeerReviewSummary []PeerReviewSummary `json:"peer-review-summary" xml:"peer-review-summary"`
}

// PeerReviewSummary is one review.
type PeerReviewSummary struct {
	CreatedDate           *Timestamp    `json:"created-date" xml:"created-date"`
	LastModifiedDate      *Timestamp    `json:"last-modified-date" xml:"last-modified-date"`
	PutCode               int64         `json:"put-code" xml:"put-code,attr"`
	Source                *Source       `json:"source" xml:"source"`
	ReviewerRole          string        `json:"reviewer-role" xml:"reviewer-role"`
	ExternalIDs           *ExternalIDs  `json:"external-ids" xml:"external-ids"`
	ReviewURL             *Value        `json:"review-url" xml:"review-url"`
	ReviewType            string        `json:"review-type" xml:"review-type"`
	CompletionDate        *FuzzyDate    `json:"completion-date" xml:"completion-date"`
	ReviewGroupID         string        `json:"review-group-id" xml:"review-group-id"`
	ConveningOrganization *Organization `json:"convening-organization" xml:"convening-organization"`
	Visibility            string        `json:"visibility" xml:"visibility,attr"`
	Path                  string        `json:"path" xml:"path,attr"`
	DisplayIndex          string        `json:"display-index" xml:"display-index,attr"`
}

// ResearchResources is /{iD}/research-resources.
type ResearchResources struct {
	LastModifiedDate *Timestamp              `json:"last-modified-date" xml:"last-modified-date"`
	Group            []ResearchResourceGroup `json:"group" xml:"group"`
	Path             string                  `json:"path" xml:"path,attr"`
}

// ResearchResourceGroup groups research-resource summaries.
type ResearchResourceGroup struct {
	LastModifiedDate        *Timestamp                `json:"last-modified-date" xml:"last-modified-date"`
	ExternalIDs             *ExternalIDs              `json:"external-ids" xml:"external-ids"`
	ResearchResourceSummary []ResearchResourceSummary `json:"research-resource-summary" xml:"research-resource-summary"`
}

// ResearchResourceSummary is one research resource.
type ResearchResourceSummary struct {
	CreatedDate      *Timestamp `json:"created-date" xml:"created-date"`
	LastModifiedDate *Timestamp `json:"last-modified-date" xml:"last-modified-date"`
	PutCode          int64      `json:"put-code" xml:"put-code,attr"`
	Source           *Source    `json:"source" xml:"source"`
	Proposal         *Proposal  `json:"proposal" xml:"proposal"`
	Visibility       string     `json:"visibility" xml:"visibility,attr"`
	Path             string     `json:"path" xml:"path,attr"`
	DisplayIndex     string     `json:"display-index" xml:"display-index,attr"`
}

// Proposal describes a research-resource proposal.
type Proposal struct {
	Title       *WorkTitle   `json:"title" xml:"title"`
	Hosts       *Hosts       `json:"hosts" xml:"hosts"`
	ExternalIDs *ExternalIDs `json:"external-ids" xml:"external-ids"`
	StartDate   *FuzzyDate   `json:"start-date" xml:"start-date"`
	EndDate     *FuzzyDate   `json:"end-date" xml:"end-date"`
	URL         *Value       `json:"url" xml:"url"`
}

// Hosts lists the organisations hosting a research resource.
type Hosts struct {
	Organization []Organization `json:"organization" xml:"organization"`
}

// SearchResult is /search: iDs only. XML: search:search num-found="N" with
// search:result children.
type SearchResult struct {
	Result   []SearchHit `json:"result" xml:"result"` // nil on zero hits ("result": null)
	NumFound int64       `json:"num-found" xml:"num-found,attr"`
}

// SearchHit is one /search hit.
type SearchHit struct {
	ORCIDIdentifier Identifier `json:"orcid-identifier" xml:"orcid-identifier"`
}

// ExpandedSearchResult is /expanded-search: names and institutions too.
type ExpandedSearchResult struct {
	ExpandedResult []ExpandedResult `json:"expanded-result" xml:"expanded-result"` // nil on zero hits
	NumFound       int64            `json:"num-found" xml:"num-found,attr"`
}

// ExpandedResult is one /expanded-search hit. ORCIDID is the bare iD (no
// URI); note ORCID's spelling "family-names" (plural).
type ExpandedResult struct {
	ORCIDID         string   `json:"orcid-id" xml:"orcid-id"`
	GivenNames      *string  `json:"given-names" xml:"given-names"`
	FamilyNames     *string  `json:"family-names" xml:"family-names"`
	CreditName      *string  `json:"credit-name" xml:"credit-name"`
	OtherName       []string `json:"other-name" xml:"other-name"`
	Email           []string `json:"email" xml:"email"`
	InstitutionName []string `json:"institution-name" xml:"institution-name"`
}
