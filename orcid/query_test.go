package orcid

import (
	"strings"
	"testing"
	"unicode"
)

func TestParseQuery(t *testing.T) {
	text := func(terms string) string { return EdismaxPrefix + terms }
	tests := []struct {
		in   string
		kind QueryKind
		id   ID
		doi  string
		solr string
	}{
		{in: "", kind: QueryEmpty},
		{in: "   \t", kind: QueryEmpty},
		{in: "{}", kind: QueryEmpty},
		{in: "0000-0002-1825-0097", kind: QueryID, id: "0000-0002-1825-0097"},
		{in: " https://orcid.org/0000-0002-1694-233x ", kind: QueryID, id: "0000-0002-1694-233X"},
		{in: "orcid.org/0009-0003-7578-3214", kind: QueryID, id: "0009-0003-7578-3214"},
		{in: "0000 0002 1825 0097", kind: QueryID, id: "0000-0002-1825-0097"},
		{in: "10.1087/20120404", kind: QueryDOI, doi: "10.1087/20120404", solr: `digital-object-ids:"10.1087/20120404"`},
		{in: "doi:10.1000/xyz123", kind: QueryDOI, doi: "10.1000/xyz123", solr: `digital-object-ids:"10.1000/xyz123"`},
		{in: "DOI: 10.1000/xyz123", kind: QueryDOI, doi: "10.1000/xyz123", solr: `digital-object-ids:"10.1000/xyz123"`},
		{in: "https://doi.org/10.1002/(SICI)1097-4571", kind: QueryDOI, doi: "10.1002/(SICI)1097-4571", solr: `digital-object-ids:"10.1002/(SICI)1097-4571"`},
		{in: "http://dx.doi.org/10.1000/a%22b", kind: QueryDOI, doi: `10.1000/a"b`, solr: `digital-object-ids:"10.1000/a\"b"`},
		{in: "doi.org/10.1000/x.", kind: QueryDOI, doi: "10.1000/x", solr: `digital-object-ids:"10.1000/x"`},
		{in: "family-name:carberry AND affiliation-org-name:brown", kind: QuerySolr, solr: "family-name:carberry AND affiliation-org-name:brown"},
		{in: "given-names:josiah", kind: QuerySolr, solr: "given-names:josiah"},
		{in: "(carberry)", kind: QuerySolr, solr: "(carberry)"},
		{in: `"josiah carberry"`, kind: QuerySolr, solr: `"josiah carberry"`},
		{in: "carb*", kind: QuerySolr, solr: "carb*"},
		{in: "carb?rry", kind: QuerySolr, solr: "carb?rry"},
		{in: "josiah OR jo", kind: QuerySolr, solr: "josiah OR jo"},
		{in: "NOT carberry", kind: QuerySolr, solr: "NOT carberry"},
		{in: "doi-self:10.1/x", kind: QuerySolr, solr: "doi-self:10.1/x"},
		{in: "{!edismax qf=family-name}carberry", kind: QuerySolr, solr: "{!edismax qf=family-name}carberry"},
		{in: "Josiah Carberry", kind: QueryText, solr: text("Josiah Carberry")},
		{in: "josiah and carberry", kind: QueryText, solr: text("josiah and carberry")},
		{in: "who is carberry?", kind: QueryText, solr: text(`who is carberry\?`)},
		{in: "foo:bar", kind: QuerySolr, solr: "foo:bar"}, // ORCID says the field is unknown
		{in: "see https://example.org/x", kind: QueryText, solr: text(`see https\:\/\/example.org\/x`)},
		{in: `O'Brien-Smith`, kind: QueryText, solr: text(`O'Brien\-Smith`)},
		{in: `Smith "`, kind: QuerySolr, solr: `Smith "`}, // ORCID says the quote is unterminated
		{in: "(unbalanced", kind: QuerySolr, solr: "(unbalanced"},
		{in: "a}b{c\x1b[31m", kind: QueryText, solr: text(`abc\[31m`)},
		{in: "José   Müller", kind: QueryText, solr: text("José Müller")},
		{in: "1234", kind: QueryText, solr: text("1234")},
	}
	for _, tt := range tests {
		q := ParseQuery(tt.in)
		if q.Kind != tt.kind || q.ID != tt.id || q.DOI != tt.doi || q.Solr != tt.solr {
			t.Errorf("ParseQuery(%q) = %+v\nwant kind %v id %q doi %q solr %q", tt.in, q, tt.kind, tt.id, tt.doi, tt.solr)
		}
		if q.Input != strings.TrimSpace(tt.in) {
			t.Errorf("Input = %q", q.Input)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"", "Josiah Carberry", "family-name:carberry AND x", "10.1000/x", "doi:10.1/(a)",
		"0000-0002-1825-0097", `"a`, "}{!", "a\x00b", "carb?rry", "(x))", "https://doi.org/10.1000/%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuery(s)
		if q.Input != strings.TrimSpace(s) {
			t.Fatalf("Input %q", q.Input)
		}
		switch q.Kind {
		case QueryEmpty:
			if q.Solr != "" || q.ID != "" || q.DOI != "" {
				t.Fatalf("empty query carries %+v", q)
			}
		case QueryID:
			if !IsValidID(string(q.ID)) || q.Solr != "" {
				t.Fatalf("id query %+v", q)
			}
		case QueryDOI:
			if !strings.HasPrefix(q.DOI, "10.") || !strings.HasPrefix(q.Solr, `digital-object-ids:"`) || !strings.HasSuffix(q.Solr, `"`) {
				t.Fatalf("doi query %+v", q)
			}
			inner := strings.TrimSuffix(strings.TrimPrefix(q.Solr, `digital-object-ids:"`), `"`)
			for i := 0; i < len(inner); i++ {
				if inner[i] == '\\' {
					i++
					continue
				}
				if inner[i] == '"' {
					t.Fatalf("unescaped quote in %q", q.Solr)
				}
			}
		case QuerySolr:
			if q.Solr != q.Input || q.Solr == "" {
				t.Fatalf("solr query %+v", q)
			}
		case QueryText:
			terms, ok := strings.CutPrefix(q.Solr, EdismaxPrefix)
			if !ok || terms == "" {
				t.Fatalf("text query %+v", q)
			}
			for i, r := range terms {
				if r == '{' || r == '}' || unicode.IsControl(r) {
					t.Fatalf("text query terms %q hold %q at %d", terms, r, i)
				}
			}
			for i := 0; i < len(terms); i++ {
				if terms[i] == '\\' {
					i++
					continue
				}
				if strings.IndexByte(`+-&|!()[]^"~*?:/`, terms[i]) >= 0 {
					t.Fatalf("unescaped %q in %q", terms[i], terms)
				}
			}
		default:
			t.Fatalf("kind %d", q.Kind)
		}
	})
}
