package orcid

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"
)

// ORCID JSON shapes that encoding/json cannot map onto the model types by
// tags alone. Everything else decodes and encodes with the plain tags.

// affiliationGroupJSON is AffiliationGroup as ORCID writes it: each summary
// wrapped in an object whose only key names the section
// ({"employment-summary": {...}}).
type affiliationGroupJSON struct {
	LastModifiedDate *Timestamp                      `json:"last-modified-date"`
	ExternalIDs      *ExternalIDs                    `json:"external-ids"`
	Summaries        []map[string]AffiliationSummary `json:"summaries"`
}

// UnmarshalJSON reads ORCID's wrapped summaries and sets each summary's Kind
// from its key ("employment-summary" -> "employment").
func (g *AffiliationGroup) UnmarshalJSON(data []byte) error {
	var raw affiliationGroupJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	g.LastModifiedDate = raw.LastModifiedDate
	g.ExternalIDs = raw.ExternalIDs
	g.Summaries = nil
	if raw.Summaries != nil {
		g.Summaries = make([]AffiliationSummary, 0, len(raw.Summaries))
	}
	for _, wrapped := range raw.Summaries {
		// Normally one key; more would be a malformed document, and map order
		// is random, so take them in a stable order.
		for _, key := range slices.Sorted(maps.Keys(wrapped)) {
			s := wrapped[key]
			s.Kind = strings.TrimSuffix(key, "-summary")
			g.Summaries = append(g.Summaries, s)
		}
	}
	return nil
}

// MarshalJSON writes the group in ORCID's wrapped shape, the inverse of
// UnmarshalJSON. A summary without Kind takes it from its path; failing that
// it is written as "affiliation-summary".
func (g AffiliationGroup) MarshalJSON() ([]byte, error) {
	out := affiliationGroupJSON{LastModifiedDate: g.LastModifiedDate, ExternalIDs: g.ExternalIDs}
	if g.Summaries != nil {
		out.Summaries = make([]map[string]AffiliationSummary, len(g.Summaries))
	}
	for i, s := range g.Summaries {
		kind := s.Kind
		if kind == "" {
			kind = kindFromPath(s.Path)
		}
		if kind == "" {
			kind = "affiliation"
		}
		out.Summaries[i] = map[string]AffiliationSummary{kind + "-summary": s}
	}
	return json.Marshal(out)
}

// affiliationSummaryFields has AffiliationSummary's fields without its methods
// (used by the JSON and XML decoders to avoid recursion).
type affiliationSummaryFields AffiliationSummary

// UnmarshalJSON decodes a bare summary (as served by
// /{iD}/employment/summary/{put-code}) and takes Kind from its path; inside a
// group the wrapping key overrides it.
func (s *AffiliationSummary) UnmarshalJSON(data []byte) error {
	var raw affiliationSummaryFields
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	*s = AffiliationSummary(raw)
	if s.Kind == "" {
		s.Kind = kindFromPath(s.Path)
	}
	return nil
}

// kindFromPath returns "employment" for "/0000-0003-1419-2405/employment/1089257".
func kindFromPath(path string) string {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if len(parts) == 3 && affiliationKinds[parts[1]] {
		return parts[1]
	}
	return ""
}

// affiliationKinds are the singular names of the seven affiliation sections.
var affiliationKinds = map[string]bool{
	"employment": true, "education": true, "qualification": true, "invited-position": true,
	"distinction": true, "membership": true, "service": true,
}

// contributorJSON is Contributor with the email left raw.
type contributorJSON struct {
	ContributorORCID      *Identifier            `json:"contributor-orcid"`
	CreditName            *Value                 `json:"credit-name"`
	ContributorEmail      json.RawMessage        `json:"contributor-email"`
	ContributorAttributes *ContributorAttributes `json:"contributor-attributes"`
}

// contributorFields has Contributor's fields without its methods.
type contributorFields Contributor

// UnmarshalJSON accepts contributor-email as {"value": "..."} (read API) or
// as a bare string (ORCID's write samples). Bodies without a bare-string
// email, which is all the read API sends, take the direct path: a full work
// may list hundreds of contributors.
func (c *Contributor) UnmarshalJSON(data []byte) error {
	if !mayHaveStringEmail(data) {
		return json.Unmarshal(data, (*contributorFields)(c))
	}
	var raw contributorJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	*c = Contributor{
		ContributorORCID:      raw.ContributorORCID,
		CreditName:            raw.CreditName,
		ContributorAttributes: raw.ContributorAttributes,
	}
	email := bytes.TrimSpace(raw.ContributorEmail)
	switch {
	case len(email) == 0 || bytes.Equal(email, []byte("null")):
	case email[0] == '"':
		var s string
		if err := json.Unmarshal(email, &s); err != nil {
			return err
		}
		c.ContributorEmail = &Value{Value: s}
	default:
		c.ContributorEmail = new(Value)
		if err := json.Unmarshal(email, c.ContributorEmail); err != nil {
			return err
		}
	}
	return nil
}

var contributorEmailKey = []byte(`"contributor-email"`)

// mayHaveStringEmail reports whether data could hold "contributor-email"
// with a string value. It errs towards true; false is certain.
func mayHaveStringEmail(data []byte) bool {
	i := bytes.Index(data, contributorEmailKey)
	if i < 0 {
		return false
	}
	rest := bytes.TrimLeft(data[i+len(contributorEmailKey):], " \t\r\n")
	if len(rest) == 0 || rest[0] != ':' {
		return true // not the key itself: let the full path decide
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	return len(rest) == 0 || rest[0] == '"'
}
