package search

import (
	"errors"
	"strings"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// queryError is ORCID refusing the query itself: a 400, or Solr's parse
// error passed on as 500 with error 9008 (a field ORCID does not index, an
// unbalanced quote or bracket). Said as "server error, try again later" it
// would send the user waiting for nothing; the fix is in the query.
type queryError struct {
	reason string // Solr's own words ("undefined field foo"), one line
	orig   error  // ORCID's whole answer, for the detail (!)
}

// Error is the advice on its first line (the status line shows only that)
// and ORCID's answer after it (the detail shows everything).
func (e *queryError) Error() string { return e.short() + "\n\n" + e.orig.Error() }

// short is the advice: what ORCID found wrong and what to do.
func (e *queryError) short() string {
	s := "ORCID refused the query"
	if e.reason != "" {
		s += ": " + e.reason
	}
	return s + "; fix the query (field names, quotes, brackets)"
}

// asQueryError returns err as a queryError when ORCID refused the query.
func asQueryError(err error) (*queryError, bool) {
	var api *orcid.APIError
	if !errors.As(err, &api) {
		return nil, false
	}
	status := api.StatusCode
	if status == 0 {
		status = api.ResponseCode
	}
	if status != 400 && !(status == 500 && api.ErrorCode == 9008) {
		return nil, false
	}
	return &queryError{reason: solrReason(api.DeveloperMessage, api.UserMessage), orig: err}, true
}

// solrReason is the part of ORCID's message that says what Solr found
// wrong: ORCID wraps it as "…RemoteSolrException Full validation error:
// Error from server at http://…/solr/profile: undefined field foo".
func solrReason(dev, user string) string {
	m := strings.TrimSpace(dev)
	if i := strings.LastIndex(m, "Error from server at "); i >= 0 {
		rest := m[i+len("Error from server at "):]
		if j := strings.Index(rest, ": "); j >= 0 {
			m = rest[j+2:]
		}
	} else if i := strings.LastIndex(m, "Full validation error: "); i >= 0 {
		m = m[i+len("Full validation error: "):]
	}
	// "Cannot parse 'the query': why": the query is in the box already.
	if rest, ok := strings.CutPrefix(m, "Cannot parse '"); ok {
		if i := strings.LastIndex(rest, "': "); i >= 0 {
			m = rest[i+3:]
		}
	}
	if m == "" {
		m = strings.TrimSpace(user)
	}
	return sanitize.Truncate(sanitize.Line(m), 64)
}
