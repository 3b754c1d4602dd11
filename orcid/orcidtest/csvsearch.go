package orcidtest

import (
	"bytes"
	"encoding/csv"
	"mime"
	"net/http"
	"strings"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// /csv-search as ORCID serves it: Solr's CSV writer behind the same q, start
// and rows checks as /search. fl picks the columns (names ORCID does not
// allow are dropped; none left means all allowed fields); the answer starts
// with a header row naming them, as Solr's CSV writer does by default
// (ORCID's documentation shows an excerpt without one, so clients must accept
// both). Multi-valued fields are joined with commas, a comma or backslash
// inside a value escaped with a backslash, as Solr does.

// csvAllowed is ORCID's allowed field list (SolrConstants.ALLOWED_FIELDS), in
// its order, which is also the default column order.
var csvAllowed = orcid.CSVFields

func (s *Server) serveCSVSearch(w http.ResponseWriter, r *http.Request, segs []string, caller *Caller) {
	// Errors come as ORCID's JSON error document: CSV cannot carry one.
	f := format{ctype: "application/json;charset=UTF-8"}
	if len(segs) > 2 || (len(segs) == 2 && segs[1] != "") {
		writeError(w, f, errNotFoundItem())
		return
	}
	if !acceptsCSV(r.Header.Get("Accept")) {
		w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
		w.WriteHeader(http.StatusNotAcceptable)
		_, _ = w.Write([]byte("406 Not Acceptable: /csv-search is available as text/csv only\n"))
		return
	}
	page, _, ok := searchPage(w, r, f, caller)
	if !ok {
		return
	}
	var fields []string
	for _, fl := range strings.Split(r.URL.Query().Get("fl"), ",") {
		if fl = strings.TrimSpace(fl); containsString(csvAllowed, fl) && !containsString(fields, fl) {
			fields = append(fields, fl)
		}
	}
	if len(fields) == 0 {
		fields = csvAllowed
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	_ = cw.Write(fields)
	for _, d := range page {
		p := d.spec()
		cur, past := institutionsOf(p)
		row := make([]string, len(fields))
		for i, fl := range fields {
			switch fl {
			case "orcid":
				row[i] = p.ID
			case "email":
				row[i] = solrValues(p.Emails)
			case "current-institution-affiliation-name":
				row[i] = solrValues(cur)
			case "past-institution-affiliation-name":
				row[i] = solrValues(past)
			case "other-names":
				row[i] = solrValues(p.OtherNames)
			}
			if p.NamePrivate {
				continue
			}
			switch fl {
			case "given-names":
				row[i] = p.Given
			case "family-name":
				row[i] = p.Family
			case "given-and-family-names":
				row[i] = p.fullName()
			case "credit-name":
				row[i] = p.Credit
			}
		}
		_ = cw.Write(row)
	}
	cw.Flush()
	body := hostileBytes(buf.Bytes(), true) // raw bytes, as in XML: CSV has no escapes of its own
	w.Header().Set("Content-Type", "text/csv;charset=UTF-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	_, _ = w.Write(body)
}

// solrValues joins a multi-valued field as Solr's CSV writer does.
func solrValues(vals []string) string {
	esc := strings.NewReplacer(`\`, `\\`, `,`, `\,`)
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = esc.Replace(v)
	}
	return strings.Join(out, ",")
}

func acceptsCSV(accept string) bool {
	if strings.TrimSpace(accept) == "" {
		return true
	}
	for _, part := range strings.Split(accept, ",") {
		typ, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err == nil && (typ == "text/csv" || typ == "text/*" || typ == "*/*") {
			return true
		}
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
