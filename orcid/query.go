package orcid

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"
)

// QueryKind says what a user typed into the search box.
type QueryKind int

const (
	QueryEmpty QueryKind = iota
	QueryText            // free text, turned into an edismax query
	QuerySolr            // field:value / boolean syntax, passed through
	QueryID              // a pasted iD: open that record
	QueryDOI             // a DOI: search digital-object-ids
)

func (k QueryKind) String() string {
	switch k {
	case QueryText:
		return "text"
	case QuerySolr:
		return "solr"
	case QueryID:
		return "id"
	case QueryDOI:
		return "doi"
	}
	return "empty"
}

// Query is the interpretation of a search-box input.
type Query struct {
	Kind  QueryKind
	Input string // what the user typed, trimmed
	ID    ID     // for QueryID
	DOI   string // for QueryDOI, normalised (no https://doi.org/ prefix)
	Solr  string // the q to send (all kinds but QueryID/QueryEmpty)
}

// edismaxParams are the local parameters ORCID's own search page uses
// (orcid-angular search.service.ts), without its affiliation boost.
const edismaxParams = `{!edismax qf="given-and-family-names^50.0 family-name^10.0 given-names^10.0 credit-name^10.0 other-names^5.0 text^1.0" pf="given-and-family-names^50.0" mm=1}`

// EdismaxPrefix is what every QueryText Solr string starts with.
const EdismaxPrefix = edismaxParams

// solrFields are ORCID's indexed fields (tutorial/search.md "Indexed
// fields", SolrConstants.java) plus common external-id types.
var solrFields = map[string]bool{}

func init() {
	for _, f := range strings.Fields(`given-names family-name given-and-family-names credit-name other-names
		email keyword external-id-reference external-id-type-and-value external-id-source biography
		affiliation-org-name ringgold-org-id grid-org-id ror-org-id fundref-org-id funding-titles
		grant-numbers funding-org-name title work-titles digital-object-ids doi-self
		peer-review-type peer-review-role peer-review-group-id current-institution-affiliation-name
		past-institution-affiliation-name orcid profile-submission-date profile-last-modified-date text
		research-resource-proposal-title research-resource-item-name
		doi pmid pmc isbn issn arxiv eid wosuid handle uri urn ark bibcode ethos jstor lccn mr oclc
		osti rfc ssrn source-work-id agr cienciaiul kuid lensid pat proposal-id rrid`) {
		solrFields[f] = true
	}
}

var (
	fieldRe   = regexp.MustCompile(`(?:^|[\s(+!-])([A-Za-z][A-Za-z0-9_-]*):`)
	booleanRe = regexp.MustCompile(`(?:^|[\s(])(AND|OR|NOT)(?:[\s(]|$)|&&|\|\|`)
	doiRe     = regexp.MustCompile(`(?i)^(?:doi:\s*|(?:https?://)?(?:dx\.|www\.)?doi\.org/)?(10\.\d{4,9}/\S+)$`)
)

// ParseQuery interprets a search-box input: an iD in any pasted form, a
// DOI, Solr syntax (a known ORCID field, AND/OR/NOT, quotes, parentheses,
// wildcards) passed through as typed, or free text turned into the
// edismax query ORCID's own search page sends.
func ParseQuery(input string) Query {
	in := strings.TrimSpace(input)
	q := Query{Input: in}
	if in == "" {
		return q
	}
	if id, err := ParseID(in); err == nil {
		q.Kind, q.ID = QueryID, id
		return q
	}
	if doi := parseDOI(in); doi != "" {
		q.Kind, q.DOI = QueryDOI, doi
		q.Solr = `digital-object-ids:"` + escapeQuoted(doi) + `"`
		return q
	}
	if looksLikeSolr(in) {
		q.Kind, q.Solr = QuerySolr, in
		return q
	}
	var terms []string
	for _, f := range strings.Fields(in) {
		if t := escapeTerm(f); t != "" {
			terms = append(terms, t)
		}
	}
	if len(terms) == 0 {
		return q // nothing searchable left
	}
	q.Kind, q.Solr = QueryText, edismaxParams+strings.Join(terms, " ")
	return q
}

// parseDOI returns the bare DOI in s ("10.1000/xyz"), or "".
func parseDOI(s string) string {
	m := doiRe.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	doi := m[1]
	if u, err := url.PathUnescape(doi); err == nil {
		doi = u
	}
	doi = strings.TrimRight(doi, ".,;")
	for _, r := range doi {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return ""
		}
	}
	if !strings.Contains(doi, "/") || strings.HasSuffix(doi, "/") {
		return ""
	}
	return doi
}

// looksLikeSolr reports whether s uses query syntax a person would type on
// purpose: a field ("name:"), AND/OR/NOT, quotes, parentheses, wildcards.
// It is sent as typed even when ORCID will refuse it (a field it does not
// index, an unbalanced quote or bracket): ORCID's own error then says what
// is wrong, where turning the query silently into free text would answer
// another question. "scheme://" is a pasted address, not a field.
func looksLikeSolr(s string) bool {
	if strings.HasPrefix(s, "{!") {
		return true
	}
	for _, m := range fieldRe.FindAllStringSubmatchIndex(s, -1) {
		if rest := s[m[1]:]; !strings.HasPrefix(rest, "//") {
			return true
		}
	}
	if booleanRe.MatchString(s) || strings.ContainsAny(s, `"()*`) {
		return true
	}
	// "?" as a wildcard inside a word ("carb?rry"), not a question mark.
	for _, f := range strings.Fields(s) {
		if i := strings.IndexByte(f, '?'); i >= 0 && i < len(f)-1 {
			return true
		}
	}
	return false
}

// escapeTerm makes one free-text word safe after the local-params block:
// characters that could end or open such a block and control characters
// are dropped, Solr's special characters are escaped.
func escapeTerm(t string) string {
	var b strings.Builder
	for _, r := range t {
		switch {
		case r == '{' || r == '}' || unicode.IsControl(r) || unicode.IsSpace(r) || !unicode.IsPrint(r):
			continue
		case strings.ContainsRune(`+-&|!()[]^"~*?:\/`, r):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// escapeQuoted escapes s for use inside a Solr phrase ("…").
func escapeQuoted(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
}
