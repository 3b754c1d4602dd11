package orcid

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// WorkTypes are the work types ORCID accepts, in its order (ORCID-Source
// org.orcid.jaxb.model.common.WorkType). Anything else is refused with
// error 9037.
var WorkTypes = []string{
	"annotation", "artistic-performance", "blog-post", "book-chapter", "book-review", "book",
	"cartographic-material", "clinical-study", "conference-abstract", "conference-output", "conference-paper",
	"conference-poster", "conference-presentation", "conference-proceedings", "data-management-plan", "data-set",
	"design", "dictionary-entry", "disclosure", "dissertation-thesis", "edited-book", "encyclopedia-entry", "image",
	"invention", "journal-article", "journal-issue", "learning-object", "lecture-speech", "license",
	"magazine-article", "manual", "moving-image", "musical-composition", "newsletter-article", "newspaper-article",
	"online-resource", "other", "patent", "physical-object", "preprint", "registered-copyright", "report",
	"research-technique", "research-tool", "review", "software", "sound", "spin-off-company",
	"standards-and-policy", "supervised-student-publication", "technical-standard", "test", "trademark",
	"transcription", "translation", "website", "working-paper", "undefined",
}

// FundingTypes are the funding types ORCID accepts.
var FundingTypes = []string{"grant", "contract", "award", "salary-award"}

// Relationships are the values of external-id-relationship in v3.0.
var Relationships = []string{"self", "part-of", "version-of", "funded-by"}

// OrganizationIDSources are the disambiguation sources ORCID accepts for
// an organisation's identifier.
var OrganizationIDSources = []string{"ROR", "RINGGOLD", "GRID", "FUNDREF", "LEI"}

var (
	doiPrefixRE = regexp.MustCompile(`(?i)^(?:https?://)?(?:dx\.)?(?:doi\.org/|doi:\s*)`)
	doiRE       = regexp.MustCompile(`^10\.\d{4,9}/\S+$`)
	currencyRE  = regexp.MustCompile(`^[A-Z]{3}$`)
	countryRE   = regexp.MustCompile(`^[A-Z]{2}$`)
)

// NormalizeDOI turns a DOI as people paste it ("https://doi.org/10.1087/X",
// "doi:10.1087/X", "http://dx.doi.org/10.1087%2FX", " 10.1087/X ") into the
// bare DOI ORCID stores as external-id-value; ok is false when s is not a
// DOI.
func NormalizeDOI(s string) (doi string, ok bool) {
	s = strings.TrimSpace(s)
	s = doiPrefixRE.ReplaceAllString(s, "")
	if u, err := url.PathUnescape(s); err == nil {
		s = u
	}
	if !doiRE.MatchString(s) {
		return "", false
	}
	return s, true
}

// DOIURL is the https://doi.org/ address of a bare DOI, with the
// characters a URL cannot carry as they are (SICI DOIs have < > and #)
// escaped.
func DOIURL(doi string) string {
	return (&url.URL{Scheme: "https", Host: "doi.org", Path: "/" + doi}).String()
}

// FieldError is one problem with one field of a draft; Field is the
// field's ORCID name ("title", "type", "publication-date",
// "external-ids", "organization.address.country", ...), so a form can put
// the message next to it.
type FieldError struct {
	Field   string
	Message string
}

// ValidationError lists every problem Validate found in a draft.
type ValidationError struct {
	Kind   ItemKind
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return fmt.Sprintf("the %s is not ready to send: %s", kindName(e.Kind), strings.Join(parts, "; "))
}

// problems collects field errors.
type problems []FieldError

func (p *problems) add(field, format string, args ...any) {
	*p = append(*p, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Validate checks a draft against the rules ORCID applies to a write
// (required fields, known types, date shapes and order, identifier shapes),
// so a form or a command can show every problem before anything is sent.
// It returns nil or a *ValidationError. ORCID stays the authority: a draft
// that passes can still be refused (a duplicate, say).
func Validate(it Item) error {
	if it == nil {
		return &ValidationError{Fields: []FieldError{{Field: "item", Message: "missing"}}}
	}
	var p problems
	switch d := it.(type) {
	case *WorkDraft:
		p.title("title", d.Title)
		p.oneOf("type", d.Type, WorkTypes, "a work type")
		p.date("publication-date", d.PublicationDate)
		p.externalIDs("external-ids", d.ExternalIDs, true)
		p.optionalURL("url", d.URL)
		if d.Country != nil {
			p.country("country", d.Country.Value)
		}
		if d.Citation != nil && strings.TrimSpace(d.Citation.Value) != "" && d.Citation.Type == "" {
			p.add("citation", "give the citation's type (bibtex, ris, formatted-apa, ...)")
		}
		p.visibility(d.Visibility)
	case *FundingDraft:
		p.title("title", d.Title)
		p.oneOf("type", d.Type, FundingTypes, "a funding type")
		p.organization("organization", d.Organization)
		p.dates(d.StartDate, d.EndDate)
		p.externalIDs("external-ids", d.ExternalIDs, false)
		if d.ExternalIDs == nil || len(d.ExternalIDs.ExternalID) == 0 {
			p.add("external-ids", "required: give the grant number")
		}
		if a := d.Amount; a != nil {
			if _, err := strconv.ParseFloat(strings.ReplaceAll(a.Value, ",", ""), 64); err != nil {
				p.add("amount", "%q is not a number", a.Value)
			}
			if !currencyRE.MatchString(a.CurrencyCode) {
				p.add("amount.currency-code", "give an ISO 4217 code such as USD or EUR")
			}
		}
		p.optionalURL("url", d.URL)
		p.visibility(d.Visibility)
	case *AffiliationDraft:
		if !d.Kind.IsAffiliation() {
			p.add("kind", "must be employment, education, qualification, invited-position, distinction, membership or service")
		}
		p.organization("organization", d.Organization)
		p.dates(d.StartDate, d.EndDate)
		p.externalIDs("external-ids", d.ExternalIDs, false)
		p.optionalURL("url", d.URL)
		p.visibility(d.Visibility)
	case *OtherNameDraft:
		p.required("content", d.Content)
		p.visibility(d.Visibility)
	case *KeywordDraft:
		p.required("content", d.Content)
		p.visibility(d.Visibility)
	case *ResearcherURLDraft:
		if d.URL == nil || strings.TrimSpace(d.URL.Value) == "" {
			p.add("url", "required")
		} else {
			p.optionalURL("url", d.URL)
		}
		p.visibility(d.Visibility)
	case *PersonExternalIDDraft:
		p.required("external-id-type", d.Type)
		p.required("external-id-value", d.Value)
		if d.URL == nil || strings.TrimSpace(d.URL.Value) == "" {
			p.add("external-id-url", "required")
		} else {
			p.optionalURL("external-id-url", d.URL)
		}
		p.visibility(d.Visibility)
	case *AddressDraft:
		if d.Country == nil {
			p.add("country", "required")
		} else {
			p.country("country", d.Country.Value)
		}
		p.visibility(d.Visibility)
	default:
		p.add("item", "unknown kind %s", it.ItemKind())
	}
	if len(p) == 0 {
		return nil
	}
	return &ValidationError{Kind: it.ItemKind(), Fields: p}
}

func (p *problems) required(field, v string) {
	if strings.TrimSpace(v) == "" {
		p.add(field, "required")
	}
}

func (p *problems) title(field string, t *DraftTitle) {
	if t == nil || t.Title == nil || strings.TrimSpace(t.Title.Value) == "" {
		p.add(field, "required")
		return
	}
	if tt := t.TranslatedTitle; tt != nil && strings.TrimSpace(tt.Value) != "" && tt.LanguageCode == "" {
		p.add(field+".translated-title", "give the language code of the translated title")
	}
}

func (p *problems) oneOf(field, v string, allowed []string, what string) {
	switch {
	case v == "":
		p.add(field, "required")
	case !slices.Contains(allowed, v):
		p.add(field, "%q is not %s ORCID knows", v, what)
	}
}

func (p *problems) visibility(v string) {
	switch v {
	case "", VisibilityPublic, VisibilityLimited, VisibilityPrivate:
	default:
		p.add("visibility", "must be public, limited or private")
	}
}

func (p *problems) country(field, c string) {
	if !countryRE.MatchString(c) {
		p.add(field, "give a two-letter ISO 3166 country code such as GB")
	}
}

func (p *problems) optionalURL(field string, v *Value) {
	if v == nil || strings.TrimSpace(v.Value) == "" {
		return
	}
	u, err := url.Parse(strings.TrimSpace(v.Value))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p.add(field, "give a full http:// or https:// address")
	}
}

// date checks a fuzzy date: a year of four digits, then optionally a month,
// then optionally a day that exists in that month.
func (p *problems) date(field string, d *DraftDate) {
	if d == nil {
		return
	}
	y, m, day, ok := dateParts(d)
	switch {
	case !ok || y < 1000 || y > 9999:
		p.add(field, "give a year of four digits, then optionally a month (01-12) and a day")
	case d.Day != nil && d.Month == nil:
		p.add(field, "a day needs a month")
	case m != 0 && (m < 1 || m > 12):
		p.add(field, "month %d does not exist", m)
	case day != 0 && (day < 1 || day > daysIn(y, m)):
		p.add(field, "day %d does not exist in %04d-%02d", day, y, m)
	}
}

func (p *problems) dates(start, end *DraftDate) {
	p.date("start-date", start)
	p.date("end-date", end)
	if start == nil || end == nil {
		return
	}
	sy, sm, sd, ok1 := dateParts(start)
	ey, em, ed, ok2 := dateParts(end)
	if !ok1 || !ok2 {
		return
	}
	// Compare only the parts both dates give (2020 is not before 2020-05).
	s, e := []int{sy, sm, sd}, []int{ey, em, ed}
	for i := range s {
		if s[i] == 0 || e[i] == 0 {
			return
		}
		if s[i] != e[i] {
			if e[i] < s[i] {
				p.add("end-date", "the end date is before the start date")
			}
			return
		}
	}
}

func dateParts(d *DraftDate) (y, m, day int, ok bool) {
	num := func(v *Value) (int, bool) {
		if v == nil {
			return 0, true
		}
		n, err := strconv.Atoi(strings.TrimSpace(v.Value))
		return n, err == nil
	}
	var ok1, ok2, ok3 bool
	y, ok1 = num(d.Year)
	m, ok2 = num(d.Month)
	day, ok3 = num(d.Day)
	return y, m, day, ok1 && ok2 && ok3 && d.Year != nil
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// externalIDs checks each identifier; needSelf requires one of the item's
// own (relationship self), as ORCID does for works.
func (p *problems) externalIDs(field string, ids *DraftExternalIDs, needSelf bool) {
	self := false
	if ids != nil {
		for i, x := range ids.ExternalID {
			f := fmt.Sprintf("%s[%d]", field, i)
			if strings.TrimSpace(x.Type) == "" || strings.TrimSpace(x.Value) == "" {
				p.add(f, "give the identifier's type and value")
				continue
			}
			if x.Relationship != "" && !slices.Contains(Relationships, x.Relationship) {
				p.add(f, "relationship %q: use self, part-of, version-of or funded-by", x.Relationship)
			}
			if strings.EqualFold(x.Type, "doi") {
				if _, ok := NormalizeDOI(x.Value); !ok {
					p.add(f, "%q is not a DOI (10.NNNN/...)", x.Value)
				}
			}
			if x.URL != nil {
				p.optionalURL(f+".external-id-url", x.URL)
			}
			if x.Relationship == "self" {
				self = true
			}
		}
	}
	if needSelf && !self {
		p.add(field, "required: an identifier of the item itself (relationship self), such as its DOI")
	}
}

func (p *problems) organization(field string, o *DraftOrganization) {
	if o == nil {
		p.add(field, "required: name, city and country")
		return
	}
	p.required(field+".name", o.Name)
	if o.Address == nil {
		p.add(field+".address", "required: city and country")
	} else {
		p.required(field+".address.city", o.Address.City)
		p.country(field+".address.country", o.Address.Country)
	}
	d := o.DisambiguatedOrganization
	if d == nil || strings.TrimSpace(d.Identifier) == "" {
		p.add(field+".disambiguated-organization", "required: an identifier such as the organisation's ROR id")
	} else if !slices.Contains(OrganizationIDSources, d.Source) {
		p.add(field+".disambiguated-organization.disambiguation-source", "use ROR, RINGGOLD, GRID, FUNDREF or LEI")
	}
}
