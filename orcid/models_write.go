package orcid

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Documents a member client sends to add or update an item. They are
// separate from the read models because a write must carry exactly what
// ORCID accepts: no created/last-modified dates, no source, no path, no
// nulls for absent parts (omitempty everywhere), and in XML the element
// order and namespaces of ORCID's schema (record_3.0 write samples, e.g.
// work-full-3.0.json / work-full-3.0.xml). Each marshals to JSON with
// json.Marshal and to XML with MarshalItem(item, XML), which writes ORCID's
// prefixes (work:, common:, ...).

// ItemKind names what can be added, updated or deleted, by ORCID's element
// name.
type ItemKind string

const (
	KindWork               ItemKind = "work"
	KindFunding            ItemKind = "funding"
	KindEmployment         ItemKind = "employment"
	KindEducation          ItemKind = "education"
	KindQualification      ItemKind = "qualification"
	KindInvitedPosition    ItemKind = "invited-position"
	KindDistinction        ItemKind = "distinction"
	KindMembership         ItemKind = "membership"
	KindService            ItemKind = "service"
	KindOtherName          ItemKind = "other-name"
	KindKeyword            ItemKind = "keyword"
	KindResearcherURL      ItemKind = "researcher-url"
	KindExternalIdentifier ItemKind = "external-identifier"
	KindAddress            ItemKind = "address"
)

// ItemKinds lists every writable kind: activities first, then person items.
var ItemKinds = []ItemKind{
	KindWork, KindFunding, KindEmployment, KindEducation, KindQualification, KindInvitedPosition,
	KindDistinction, KindMembership, KindService,
	KindOtherName, KindKeyword, KindResearcherURL, KindExternalIdentifier, KindAddress,
}

// ParseItemKind reads a kind by its singular or plural name ("work",
// "works", "other-names", "researcher-url", "addresses", ...), in any case.
func ParseItemKind(s string) (ItemKind, error) {
	n := strings.ToLower(strings.TrimSpace(s))
	for _, k := range ItemKinds {
		if n == string(k) || n == string(k)+"s" || n == k.Segment() || (k == KindAddress && n == "addresses") {
			return k, nil
		}
	}
	names := make([]string, len(ItemKinds))
	for i, k := range ItemKinds {
		names[i] = string(k)
	}
	return "", fmt.Errorf("unknown item kind %s: use one of %s", quoteShort(s), strings.Join(names, ", "))
}

// Valid reports whether k is one of ItemKinds.
func (k ItemKind) Valid() bool {
	for _, x := range ItemKinds {
		if k == x {
			return true
		}
	}
	return false
}

// IsPerson reports whether k is a person item (written with /person/update).
func (k ItemKind) IsPerson() bool {
	switch k {
	case KindOtherName, KindKeyword, KindResearcherURL, KindExternalIdentifier, KindAddress:
		return true
	}
	return false
}

// IsAffiliation reports whether k is one of the seven affiliation kinds.
func (k ItemKind) IsAffiliation() bool {
	switch k {
	case KindEmployment, KindEducation, KindQualification, KindInvitedPosition, KindDistinction, KindMembership, KindService:
		return true
	}
	return false
}

// Scope is the OAuth scope ORCID requires to write k.
func (k ItemKind) Scope() string {
	if k.IsPerson() {
		return "/person/update"
	}
	return "/activities/update"
}

// Segment is k's path segment on the member API. Activities are added at
// their singular name (/{iD}/work, /{iD}/employment) but person items at
// the section's name (/{iD}/other-names, /{iD}/keywords,
// /{iD}/researcher-urls, /{iD}/external-identifiers, /{iD}/address); an
// item is then /{segment}/{put-code}. Source: ORCID-Source
// OrcidApiConstants (WORK, EMPLOYMENT, ..., OTHER_NAMES, KEYWORDS,
// RESEARCHER_URLS, EXTERNAL_IDENTIFIERS, ADDRESS, + PUTCODE) as used by
// MemberV3ApiServiceImplV3_0.
func (k ItemKind) Segment() string {
	switch k {
	case KindOtherName, KindKeyword, KindResearcherURL, KindExternalIdentifier:
		return string(k) + "s"
	}
	return string(k)
}

// namespace is the XML namespace of k's root element.
func (k ItemKind) namespace() string { return "http://www.orcid.org/ns/" + string(k) }

// WriteItemPath is the member-API path to add an item of kind k (putCode
// 0) or to update or delete one.
func WriteItemPath(id ID, k ItemKind, putCode int64) string {
	p := string(id) + "/" + k.Segment()
	if putCode != 0 {
		p += "/" + strconv.FormatInt(putCode, 10)
	}
	return p
}

// Item is a document a member client can send: WorkDraft, FundingDraft,
// AffiliationDraft and the person items' drafts.
type Item interface {
	// ItemKind is what the item is.
	ItemKind() ItemKind
	// ItemPutCode is the item's put-code: 0 for a new item, the item's own
	// for an update.
	ItemPutCode() int64
}

// Visibility values ORCID accepts. An item added without one takes the
// record holder's default visibility.
const (
	VisibilityPublic  = "public"
	VisibilityLimited = "limited" // "trusted parties"
	VisibilityPrivate = "private"
)

// ClientID is the id of the member client that added an item ("" when the
// record holder or no client did): an item may be updated or deleted only
// by the client whose id this is.
func (s *Source) ClientID() string {
	if s == nil || s.SourceClientID == nil {
		return ""
	}
	return s.SourceClientID.Path
}

// ---- shared parts --------------------------------------------------------

const (
	nsCommon = "http://www.orcid.org/ns/common"
	nsWork   = "http://www.orcid.org/ns/work"
	nsBulk   = "http://www.orcid.org/ns/bulk"
)

// DraftTitle is a work's or funding's title block.
type DraftTitle struct {
	Title           *Value           `json:"title,omitempty" xml:"http://www.orcid.org/ns/common title,omitempty"`
	Subtitle        *Value           `json:"subtitle,omitempty" xml:"http://www.orcid.org/ns/common subtitle,omitempty"`
	TranslatedTitle *TranslatedTitle `json:"translated-title,omitempty" xml:"http://www.orcid.org/ns/common translated-title,omitempty"`
}

// DraftDate is a fuzzy date: a year, optionally a month, optionally a day.
// Parts are strings as ORCID writes them ("2024", "05", "09").
type DraftDate struct {
	Year  *Value `json:"year,omitempty" xml:"year,omitempty"`
	Month *Value `json:"month,omitempty" xml:"month,omitempty"`
	Day   *Value `json:"day,omitempty" xml:"day,omitempty"`
}

// NewDraftDate builds a date from numbers; month and day 0 are left out.
// Month and day are written with two digits, as ORCID requires.
func NewDraftDate(year, month, day int) *DraftDate {
	if year == 0 {
		return nil
	}
	d := &DraftDate{Year: &Value{Value: fmt.Sprintf("%04d", year)}}
	if month != 0 {
		d.Month = &Value{Value: fmt.Sprintf("%02d", month)}
		if day != 0 {
			d.Day = &Value{Value: fmt.Sprintf("%02d", day)}
		}
	}
	return d
}

// DraftExternalID is one external identifier of an item.
type DraftExternalID struct {
	Type         string `json:"external-id-type" xml:"external-id-type"`
	Value        string `json:"external-id-value" xml:"external-id-value"`
	URL          *Value `json:"external-id-url,omitempty" xml:"external-id-url,omitempty"`
	Relationship string `json:"external-id-relationship,omitempty" xml:"external-id-relationship,omitempty"` // self, part-of, version-of, funded-by
}

// DraftExternalIDs is ORCID's {"external-id": [...]} wrapper.
type DraftExternalIDs struct {
	ExternalID []DraftExternalID `json:"external-id" xml:"http://www.orcid.org/ns/common external-id"`
}

// DraftOrganization is an affiliation's or funding's organisation.
type DraftOrganization struct {
	Name                      string                     `json:"name" xml:"name"`
	Address                   *DraftOrganizationAddress  `json:"address,omitempty" xml:"address,omitempty"`
	DisambiguatedOrganization *DisambiguatedOrganization `json:"disambiguated-organization,omitempty" xml:"disambiguated-organization,omitempty"`
}

// DraftOrganizationAddress is where an organisation is; ORCID requires the
// city and the country (ISO 3166-1 alpha-2).
type DraftOrganizationAddress struct {
	City    string `json:"city" xml:"city"`
	Region  string `json:"region,omitempty" xml:"region,omitempty"`
	Country string `json:"country" xml:"country"`
}

// ---- work ----------------------------------------------------------------

// WorkDraft is a work to add or update (POST /{iD}/work, PUT
// /{iD}/work/{put-code}).
type WorkDraft struct {
	XMLName          xml.Name           `json:"-" xml:"http://www.orcid.org/ns/work work"`
	PutCode          int64              `json:"put-code,omitempty" xml:"put-code,attr,omitempty"`
	Visibility       string             `json:"visibility,omitempty" xml:"visibility,attr,omitempty"`
	Title            *DraftTitle        `json:"title,omitempty" xml:"title,omitempty"`
	JournalTitle     *Value             `json:"journal-title,omitempty" xml:"journal-title,omitempty"`
	ShortDescription string             `json:"short-description,omitempty" xml:"short-description,omitempty"`
	Citation         *DraftCitation     `json:"citation,omitempty" xml:"citation,omitempty"`
	Type             string             `json:"type" xml:"type"`
	PublicationDate  *DraftDate         `json:"publication-date,omitempty" xml:"http://www.orcid.org/ns/common publication-date,omitempty"`
	ExternalIDs      *DraftExternalIDs  `json:"external-ids,omitempty" xml:"http://www.orcid.org/ns/common external-ids,omitempty"`
	URL              *Value             `json:"url,omitempty" xml:"http://www.orcid.org/ns/common url,omitempty"`
	Contributors     *DraftContributors `json:"contributors,omitempty" xml:"contributors,omitempty"`
	LanguageCode     string             `json:"language-code,omitempty" xml:"http://www.orcid.org/ns/common language-code,omitempty"`
	Country          *Value             `json:"country,omitempty" xml:"http://www.orcid.org/ns/common country,omitempty"`
}

// DraftCitation is a work's citation: its type (bibtex, ris,
// formatted-apa, ...) and text.
type DraftCitation struct {
	Type  string `json:"citation-type" xml:"citation-type"`
	Value string `json:"citation-value" xml:"citation-value"`
}

// DraftContributors lists a work's contributors.
type DraftContributors struct {
	Contributor []DraftContributor `json:"contributor" xml:"contributor"`
}

// DraftContributor is one contributor: an optional iD, the name as credited,
// and the role and sequence.
type DraftContributor struct {
	ContributorORCID      *Identifier                 `json:"contributor-orcid,omitempty" xml:"http://www.orcid.org/ns/common contributor-orcid,omitempty"`
	CreditName            *Value                      `json:"credit-name,omitempty" xml:"credit-name,omitempty"`
	ContributorEmail      string                      `json:"contributor-email,omitempty" xml:"contributor-email,omitempty"`
	ContributorAttributes *DraftContributorAttributes `json:"contributor-attributes,omitempty" xml:"contributor-attributes,omitempty"`
}

// DraftContributorAttributes: sequence (first, additional) and role
// (author, editor, ... or a CRediT role in ORCID's spelling, e.g.
// "writing – original draft").
type DraftContributorAttributes struct {
	Sequence string `json:"contributor-sequence,omitempty" xml:"contributor-sequence,omitempty"`
	Role     string `json:"contributor-role,omitempty" xml:"contributor-role,omitempty"`
}

func (w *WorkDraft) ItemKind() ItemKind { return KindWork }
func (w *WorkDraft) ItemPutCode() int64 { return w.PutCode }

// ---- funding -------------------------------------------------------------

// FundingDraft is a funding to add or update (POST /{iD}/funding). Field
// order is funding-3.0.xsd's.
type FundingDraft struct {
	XMLName                 xml.Name           `json:"-" xml:"http://www.orcid.org/ns/funding funding"`
	PutCode                 int64              `json:"put-code,omitempty" xml:"put-code,attr,omitempty"`
	Visibility              string             `json:"visibility,omitempty" xml:"visibility,attr,omitempty"`
	Type                    string             `json:"type" xml:"type"` // grant, contract, award, salary-award
	OrganizationDefinedType *Value             `json:"organization-defined-type,omitempty" xml:"organization-defined-type,omitempty"`
	Title                   *DraftTitle        `json:"title,omitempty" xml:"title,omitempty"`
	ShortDescription        string             `json:"short-description,omitempty" xml:"short-description,omitempty"`
	Amount                  *DraftAmount       `json:"amount,omitempty" xml:"amount,omitempty"`
	URL                     *Value             `json:"url,omitempty" xml:"http://www.orcid.org/ns/common url,omitempty"`
	StartDate               *DraftDate         `json:"start-date,omitempty" xml:"http://www.orcid.org/ns/common start-date,omitempty"`
	EndDate                 *DraftDate         `json:"end-date,omitempty" xml:"http://www.orcid.org/ns/common end-date,omitempty"`
	ExternalIDs             *DraftExternalIDs  `json:"external-ids,omitempty" xml:"http://www.orcid.org/ns/common external-ids,omitempty"`
	Organization            *DraftOrganization `json:"organization,omitempty" xml:"http://www.orcid.org/ns/common organization,omitempty"`
}

// DraftAmount is an amount of money: a number as text and an ISO 4217
// currency code.
type DraftAmount struct {
	Value        string `json:"value" xml:",chardata"`
	CurrencyCode string `json:"currency-code" xml:"currency-code,attr"`
}

func (f *FundingDraft) ItemKind() ItemKind { return KindFunding }
func (f *FundingDraft) ItemPutCode() int64 { return f.PutCode }

// ---- affiliations --------------------------------------------------------

// AffiliationDraft is an employment, education, qualification, invited
// position, distinction, membership or service (Kind says which). ORCID
// requires the organisation (name, city, country).
type AffiliationDraft struct {
	Kind           ItemKind           `json:"-" xml:"-"`
	PutCode        int64              `json:"put-code,omitempty" xml:"put-code,attr,omitempty"`
	Visibility     string             `json:"visibility,omitempty" xml:"visibility,attr,omitempty"`
	DepartmentName string             `json:"department-name,omitempty" xml:"http://www.orcid.org/ns/common department-name,omitempty"`
	RoleTitle      string             `json:"role-title,omitempty" xml:"http://www.orcid.org/ns/common role-title,omitempty"`
	StartDate      *DraftDate         `json:"start-date,omitempty" xml:"http://www.orcid.org/ns/common start-date,omitempty"`
	EndDate        *DraftDate         `json:"end-date,omitempty" xml:"http://www.orcid.org/ns/common end-date,omitempty"`
	Organization   *DraftOrganization `json:"organization,omitempty" xml:"http://www.orcid.org/ns/common organization,omitempty"`
	URL            *Value             `json:"url,omitempty" xml:"http://www.orcid.org/ns/common url,omitempty"`
	ExternalIDs    *DraftExternalIDs  `json:"external-ids,omitempty" xml:"http://www.orcid.org/ns/common external-ids,omitempty"`
}

func (a *AffiliationDraft) ItemKind() ItemKind { return a.Kind }
func (a *AffiliationDraft) ItemPutCode() int64 { return a.PutCode }

// affiliationDraftFields is AffiliationDraft without its methods.
type affiliationDraftFields AffiliationDraft

// MarshalXML names the root element after the kind
// (employment:employment, education:education, ...).
func (a *AffiliationDraft) MarshalXML(e *xml.Encoder, _ xml.StartElement) error {
	if !a.Kind.IsAffiliation() {
		return fmt.Errorf("affiliation kind %s is not one of employment, education, qualification, invited-position, distinction, membership, service", quoteShort(string(a.Kind)))
	}
	return e.EncodeElement((*affiliationDraftFields)(a), xml.StartElement{Name: xml.Name{Space: a.Kind.namespace(), Local: string(a.Kind)}})
}

// UnmarshalXML takes the kind from the root element's name (ParseItem then
// refuses a document of another kind).
func (a *AffiliationDraft) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	if err := d.DecodeElement((*affiliationDraftFields)(a), &start); err != nil {
		return err
	}
	a.Kind = ItemKind(start.Name.Local)
	return nil
}

// ---- person items --------------------------------------------------------

// OtherNameDraft is another name the person is known by (POST /{iD}/other-names).
type OtherNameDraft struct {
	XMLName    xml.Name `json:"-" xml:"http://www.orcid.org/ns/other-name other-name"`
	PutCode    int64    `json:"put-code,omitempty" xml:"put-code,attr,omitempty"`
	Visibility string   `json:"visibility,omitempty" xml:"visibility,attr,omitempty"`
	Content    string   `json:"content" xml:"content"`
}

func (o *OtherNameDraft) ItemKind() ItemKind { return KindOtherName }
func (o *OtherNameDraft) ItemPutCode() int64 { return o.PutCode }

// KeywordDraft is one keyword (POST /{iD}/keywords).
type KeywordDraft struct {
	XMLName    xml.Name `json:"-" xml:"http://www.orcid.org/ns/keyword keyword"`
	PutCode    int64    `json:"put-code,omitempty" xml:"put-code,attr,omitempty"`
	Visibility string   `json:"visibility,omitempty" xml:"visibility,attr,omitempty"`
	Content    string   `json:"content" xml:"content"`
}

func (k *KeywordDraft) ItemKind() ItemKind { return KindKeyword }
func (k *KeywordDraft) ItemPutCode() int64 { return k.PutCode }

// ResearcherURLDraft is one website (POST /{iD}/researcher-urls).
type ResearcherURLDraft struct {
	XMLName    xml.Name `json:"-" xml:"http://www.orcid.org/ns/researcher-url researcher-url"`
	PutCode    int64    `json:"put-code,omitempty" xml:"put-code,attr,omitempty"`
	Visibility string   `json:"visibility,omitempty" xml:"visibility,attr,omitempty"`
	URLName    string   `json:"url-name,omitempty" xml:"url-name,omitempty"`
	URL        *Value   `json:"url" xml:"url"`
}

func (r *ResearcherURLDraft) ItemKind() ItemKind { return KindResearcherURL }
func (r *ResearcherURLDraft) ItemPutCode() int64 { return r.PutCode }

// PersonExternalIDDraft is a person identifier such as a Scopus Author ID
// (POST /{iD}/external-identifiers). ORCID requires the URL and the
// relationship self.
type PersonExternalIDDraft struct {
	XMLName      xml.Name `json:"-" xml:"http://www.orcid.org/ns/external-identifier external-identifier"`
	PutCode      int64    `json:"put-code,omitempty" xml:"put-code,attr,omitempty"`
	Visibility   string   `json:"visibility,omitempty" xml:"visibility,attr,omitempty"`
	Type         string   `json:"external-id-type" xml:"http://www.orcid.org/ns/common external-id-type"`
	Value        string   `json:"external-id-value" xml:"http://www.orcid.org/ns/common external-id-value"`
	URL          *Value   `json:"external-id-url,omitempty" xml:"http://www.orcid.org/ns/common external-id-url,omitempty"`
	Relationship string   `json:"external-id-relationship,omitempty" xml:"http://www.orcid.org/ns/common external-id-relationship,omitempty"`
}

func (p *PersonExternalIDDraft) ItemKind() ItemKind { return KindExternalIdentifier }
func (p *PersonExternalIDDraft) ItemPutCode() int64 { return p.PutCode }

// AddressDraft is a country the person is associated with (POST
// /{iD}/address).
type AddressDraft struct {
	XMLName    xml.Name `json:"-" xml:"http://www.orcid.org/ns/address address"`
	PutCode    int64    `json:"put-code,omitempty" xml:"put-code,attr,omitempty"`
	Visibility string   `json:"visibility,omitempty" xml:"visibility,attr,omitempty"`
	Country    *Value   `json:"country" xml:"country"` // ISO 3166-1 alpha-2
}

func (a *AddressDraft) ItemKind() ItemKind { return KindAddress }
func (a *AddressDraft) ItemPutCode() int64 { return a.PutCode }

// NewItem returns an empty draft of kind k, ready to decode into.
func NewItem(k ItemKind) (Item, error) {
	switch {
	case k == KindWork:
		return &WorkDraft{}, nil
	case k == KindFunding:
		return &FundingDraft{}, nil
	case k.IsAffiliation():
		return &AffiliationDraft{Kind: k}, nil
	case k == KindOtherName:
		return &OtherNameDraft{}, nil
	case k == KindKeyword:
		return &KeywordDraft{}, nil
	case k == KindResearcherURL:
		return &ResearcherURLDraft{}, nil
	case k == KindExternalIdentifier:
		return &PersonExternalIDDraft{}, nil
	case k == KindAddress:
		return &AddressDraft{}, nil
	}
	return nil, fmt.Errorf("unknown item kind %s", quoteShort(string(k)))
}

// ParseItem decodes a draft of kind k written in f (a file the user wrote,
// or ORCID's own answer). Unknown JSON fields are ignored, as ORCID's read
// fields (created-date, source, path) are in documents read back from it.
func ParseItem(k ItemKind, data []byte, f Format) (Item, error) {
	it, err := NewItem(k)
	if err != nil {
		return nil, err
	}
	if f == XML {
		err = xml.Unmarshal(data, it)
	} else {
		err = json.Unmarshal(data, it)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the %s (%s): %w", k, f, err)
	}
	if a, ok := it.(*AffiliationDraft); ok {
		if a.Kind != k { // an XML root such as <education:education> names its kind
			return nil, fmt.Errorf("reading the %s (%s): the document is %s %s", k, f, article(a.Kind), a.Kind)
		}
	}
	return it, nil
}

func article(k ItemKind) string {
	if k != "" && strings.ContainsRune("aeiou", rune(k[0])) {
		return "an"
	}
	return "a"
}

// MarshalItem encodes it as ORCID expects it: JSON, or XML with ORCID's
// namespace prefixes.
func MarshalItem(it Item, f Format) ([]byte, error) {
	if f == XML {
		return marshalORCIDXML(it)
	}
	return json.Marshal(it)
}

// ---- bulk ----------------------------------------------------------------

// bulkWorksJSON is the body of POST /{iD}/works: {"bulk": [{"work": ...}]}.
type bulkWorksJSON struct {
	Bulk []bulkWorkJSON `json:"bulk"`
}

type bulkWorkJSON struct {
	Work *WorkDraft `json:"work"`
}

// bulkWorksXML is <bulk:bulk> holding work:work elements.
type bulkWorksXML struct {
	XMLName xml.Name     `xml:"http://www.orcid.org/ns/bulk bulk"`
	Work    []*WorkDraft `xml:"http://www.orcid.org/ns/work work"`
}

func marshalBulkWorks(works []*WorkDraft, f Format) ([]byte, error) {
	if f == XML {
		return marshalORCIDXML(bulkWorksXML{Work: works})
	}
	b := bulkWorksJSON{Bulk: make([]bulkWorkJSON, len(works))}
	for i, w := range works {
		b.Bulk[i].Work = w
	}
	return json.Marshal(b)
}

// ---- XML with ORCID's prefixes -------------------------------------------

// orcidPrefixes maps ORCID's namespaces to the prefixes its documents use.
var orcidPrefixes = map[string]string{
	nsCommon:                                      "common",
	nsWork:                                        "work",
	nsBulk:                                        "bulk",
	"http://www.orcid.org/ns/funding":             "funding",
	"http://www.orcid.org/ns/error":               "error",
	"http://www.orcid.org/ns/other-name":          "other-name",
	"http://www.orcid.org/ns/keyword":             "keyword",
	"http://www.orcid.org/ns/researcher-url":      "researcher-url",
	"http://www.orcid.org/ns/address":             "address",
	"http://www.orcid.org/ns/external-identifier": "external-identifier",
}

func init() {
	for _, k := range ItemKinds {
		if k.IsAffiliation() {
			orcidPrefixes[k.namespace()] = string(k)
		}
	}
}

// marshalORCIDXML encodes v with encoding/xml (whose output declares a
// default namespace on every element) and rewrites it the way ORCID writes
// its documents: prefixed names (work:title, common:title) with every
// prefix declared once on the root. The two are the same XML to any
// namespace-aware reader; the rewrite makes what the user sees in a raw
// view or a file look like ORCID's own samples.
func marshalORCIDXML(v any) ([]byte, error) {
	raw, err := xml.Marshal(v)
	if err != nil {
		return nil, err
	}
	d := xml.NewDecoder(bytes.NewReader(raw))
	var out bytes.Buffer
	out.WriteString(xml.Header)
	used := map[string]bool{}
	var body bytes.Buffer
	rootAt := -1
	name := func(n xml.Name) (string, error) {
		if n.Space == "" {
			return n.Local, nil
		}
		p, ok := orcidPrefixes[n.Space]
		if !ok {
			return "", fmt.Errorf("no ORCID prefix for namespace %s", n.Space)
		}
		used[n.Space] = true
		return p + ":" + n.Local, nil
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n, err := name(t.Name)
			if err != nil {
				return nil, err
			}
			body.WriteString("<" + n)
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
					continue
				}
				an, err := name(a.Name)
				if err != nil {
					return nil, err
				}
				body.WriteString(" " + an + `="`)
				if err := xml.EscapeText(&body, []byte(a.Value)); err != nil {
					return nil, err
				}
				body.WriteByte('"')
			}
			if rootAt < 0 {
				rootAt = body.Len() // the namespace declarations go here
			}
			body.WriteByte('>')
		case xml.EndElement:
			n, err := name(t.Name)
			if err != nil {
				return nil, err
			}
			body.WriteString("</" + n + ">")
		case xml.CharData:
			if err := xml.EscapeText(&body, t); err != nil {
				return nil, err
			}
		}
	}
	if rootAt < 0 {
		return nil, errors.New("nothing to encode")
	}
	b := body.Bytes()
	out.Write(b[:rootAt])
	for _, ns := range slices.Sorted(maps.Keys(used)) {
		fmt.Fprintf(&out, ` xmlns:%s="%s"`, orcidPrefixes[ns], ns)
	}
	out.Write(b[rootAt:])
	return out.Bytes(), nil
}
