package export

import (
	"fmt"
	"io"
	"strings"
)

// WriteRIS writes one RIS record per work. Lines are "TG  - value" ended by
// CR LF, as the RIS specification writes them; every record starts with TY
// and ends with "ER  - ".
func WriteRIS(w io.Writer, entries []*entry) error {
	var b strings.Builder
	for _, e := range entries {
		risRecord(&b, e)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func risRecord(b *strings.Builder, e *entry) {
	tag := func(t, v string) {
		if v != "" {
			fmt.Fprintf(b, "%s  - %s\r\n", t, v)
		}
	}
	tag("TY", e.types.ris)
	tag("ID", e.key)
	for _, p := range e.authors {
		tag("AU", risName(p))
	}
	for _, p := range e.editors {
		tag("A2", risName(p))
	}
	tag("TI", e.title)
	tag("T2", e.container)
	if e.year != "" {
		tag("PY", e.year)
		tag("DA", risDate(e))
	}
	tag("DO", e.doi)
	tag("UR", e.url)
	tag("SN", e.isbn)
	if e.isbn == "" {
		tag("SN", e.issn)
	}
	if e.pmid != "" {
		tag("AN", "PMID:"+e.pmid)
	}
	if e.arxiv != "" { // AN holds one accession number: the PMID's
		tag("N1", "arXiv: "+e.arxiv)
	}
	for _, x := range e.otherIDs {
		tag("N1", x.typ+": "+x.value)
	}
	if e.translated != "" && e.translated != e.title {
		tag("TT", e.translated)
	}
	tag("LA", e.language)
	tag("AB", e.abstract)
	b.WriteString("ER  - \r\n")
}

// risName is "Family, Given" (the RIS form) or the whole name.
func risName(p person) string {
	if p.literal || p.given == "" {
		return p.full
	}
	return p.family + ", " + p.given
}

// risDate is the DA form YYYY/MM/DD/ with empty parts left empty.
func risDate(e *entry) string {
	m, d := "", ""
	if e.month > 0 {
		m = fmt.Sprintf("%02d", e.month)
	}
	if e.day > 0 {
		d = fmt.Sprintf("%02d", e.day)
	}
	return e.year + "/" + m + "/" + d + "/"
}
