package search

import (
	"fmt"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

func TestAsQueryError(t *testing.T) {
	solr := "org.apache.solr.client.solrj.impl.HttpSolrClient.RemoteSolrException Full validation error: Error from server at http://127.0.0.1:8983/solr/profile: undefined field foo"
	for _, tc := range []struct {
		name   string
		err    error
		ok     bool
		reason string
	}{
		{"solr 500/9008", &orcid.APIError{StatusCode: 500, ErrorDocument: orcid.ErrorDocument{ErrorCode: 9008, DeveloperMessage: solr}}, true, "undefined field foo"},
		{"wrapped", fmt.Errorf("search: %w", &orcid.APIError{StatusCode: 500, ErrorDocument: orcid.ErrorDocument{ErrorCode: 9008, DeveloperMessage: solr}}), true, "undefined field foo"},
		{"400", &orcid.APIError{StatusCode: 400, ErrorDocument: orcid.ErrorDocument{ErrorCode: 9034, DeveloperMessage: "Full validation error: rows must be 1000 or fewer"}}, true, "rows must be 1000 or fewer"},
		{"400 user message only", &orcid.APIError{StatusCode: 400, ErrorDocument: orcid.ErrorDocument{UserMessage: "Bad \x1b[31mquery"}}, true, "Bad query"}, // escapes stripped
		{"other 500", &orcid.APIError{StatusCode: 500, ErrorDocument: orcid.ErrorDocument{ErrorCode: 9001}}, false, ""},
		{"503", &orcid.APIError{StatusCode: 503}, false, ""},
		{"not an API error", fmt.Errorf("boom"), false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			qe, ok := asQueryError(tc.err)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if !ok {
				return
			}
			if qe.reason != tc.reason {
				t.Errorf("reason %q, want %q", qe.reason, tc.reason)
			}
			short, detail := common.Describe(qe)
			if !strings.Contains(short, "fix the query") || strings.Contains(short, "try again later") {
				t.Errorf("short %q does not advise fixing the query", short)
			}
			if !strings.Contains(detail, tc.err.Error()[:20]) {
				t.Errorf("detail %q lacks ORCID's answer", detail)
			}
		})
	}
}
