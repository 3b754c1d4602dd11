package export

import (
	"encoding/json"
	"io"
)

// cslItem is one CSL-JSON item (CSL 1.0.2 data schema). Only id and type are
// required; empty fields are left out.
type cslItem struct {
	ID             string     `json:"id"`
	Type           string     `json:"type"`
	Title          string     `json:"title,omitempty"`
	ContainerTitle string     `json:"container-title,omitempty"`
	Author         []cslName  `json:"author,omitempty"`
	Editor         []cslName  `json:"editor,omitempty"`
	Issued         *cslDate   `json:"issued,omitempty"`
	DOI            string     `json:"DOI,omitempty"`
	URL            string     `json:"URL,omitempty"`
	ISBN           string     `json:"ISBN,omitempty"`
	ISSN           string     `json:"ISSN,omitempty"`
	PMID           string     `json:"PMID,omitempty"`
	PMCID          string     `json:"PMCID,omitempty"`
	Number         string     `json:"number,omitempty"`
	Abstract       string     `json:"abstract,omitempty"`
	Language       string     `json:"language,omitempty"`
	Note           string     `json:"note,omitempty"`
	Source         string     `json:"source,omitempty"`
	OriginalTitle  string     `json:"original-title,omitempty"`
	Custom         *cslCustom `json:"custom,omitempty"`
}

// cslCustom keeps ORCID's own facts where CSL has no field.
type cslCustom struct {
	PutCode    int64  `json:"orcid-put-code"`
	WorkType   string `json:"orcid-work-type,omitempty"`
	Translated string `json:"orcid-translated-title,omitempty"`
}

type cslName struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Literal string `json:"literal,omitempty"`
}

type cslDate struct {
	DateParts [][]int `json:"date-parts"`
}

// WriteCSLJSON writes a JSON array of CSL items, indented, UTF-8 unescaped.
func WriteCSLJSON(w io.Writer, entries []*entry) error {
	items := make([]cslItem, 0, len(entries))
	for _, e := range entries {
		items = append(items, cslOf(e))
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(items)
}

func cslOf(e *entry) cslItem {
	it := cslItem{
		ID: e.key, Type: e.types.csl, Title: e.title, ContainerTitle: e.container,
		Author: cslNames(e.authors), Editor: cslNames(e.editors),
		DOI: e.doi, URL: e.url, ISBN: e.isbn, ISSN: e.issn, PMID: e.pmid, PMCID: e.pmc,
		Abstract: e.abstract, Language: e.language, Source: e.source,
		Custom: &cslCustom{PutCode: e.putCode, WorkType: e.orcidType},
	}
	if e.arxiv != "" {
		it.Number = "arXiv:" + e.arxiv
	}
	if e.translated != "" && e.translated != e.title {
		it.Custom.Translated = e.translated
	}
	if e.year != "" {
		parts := []int{atoi(e.year)}
		if e.month > 0 {
			parts = append(parts, e.month)
			if e.day > 0 {
				parts = append(parts, e.day)
			}
		}
		it.Issued = &cslDate{DateParts: [][]int{parts}}
	}
	return it
}

func cslNames(ps []person) []cslName {
	if len(ps) == 0 {
		return nil
	}
	out := make([]cslName, 0, len(ps))
	for _, p := range ps {
		if p.literal || p.given == "" {
			out = append(out, cslName{Literal: p.full})
			continue
		}
		out = append(out, cslName{Family: p.family, Given: p.given})
	}
	return out
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
