package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// CSVHeader is the header row of WriteCSV, in ORCID's words.
var CSVHeader = []string{"put-code", "year", "type", "title", "journal-title", "doi", "external-ids", "url", "contributors", "source", "visibility"}

// WriteCSV writes a header row and one row per work (RFC 4180, CR LF line
// ends as encoding/csv writes with UseCRLF). Several values in one cell
// (external ids, contributors) are separated by "; ".
func WriteCSV(w io.Writer, entries []*entry) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, e := range entries {
		ids := make([]string, 0, len(e.otherIDs)+4)
		for _, x := range [][2]string{{"isbn", e.isbn}, {"issn", e.issn}, {"pmid", e.pmid}, {"pmc", e.pmc}, {"arxiv", e.arxiv}} {
			if x[1] != "" {
				ids = append(ids, x[0]+":"+x[1])
			}
		}
		for _, x := range e.otherIDs {
			ids = append(ids, x.typ+":"+x.value)
		}
		row := []string{
			strconv.FormatInt(e.putCode, 10), e.year, e.orcidType, e.title, e.container, e.doi,
			strings.Join(ids, "; "), e.url, strings.Join(e.people, "; "), e.source, e.visibility,
		}
		for i := range row {
			row[i] = CSVCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// CSVCell keeps a spreadsheet from running a cell as a formula: text that
// starts with = + - @ (from the network, so anyone's) gets a leading
// apostrophe, which spreadsheets show as text.
func CSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}
