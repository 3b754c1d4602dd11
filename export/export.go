package export

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// Format is an export format.
type Format string

const (
	BibTeX  Format = "bibtex"
	RIS     Format = "ris"
	CSLJSON Format = "csl-json"
	CSV     Format = "csv"
)

// Formats lists the formats in the order help texts show them.
var Formats = []Format{BibTeX, RIS, CSLJSON, CSV}

// ParseFormat reads a format name as a user types it.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "bibtex", "bib":
		return BibTeX, nil
	case "ris":
		return RIS, nil
	case "csl-json", "csljson", "csl", "citeproc-json":
		return CSLJSON, nil
	case "csv":
		return CSV, nil
	}
	return "", fmt.Errorf("unknown export format %q: use bibtex, ris, csl-json or csv", s)
}

// Ext is the usual file name extension of the format, with its dot.
func (f Format) Ext() string {
	switch f {
	case BibTeX:
		return ".bib"
	case RIS:
		return ".ris"
	case CSLJSON:
		return ".json"
	}
	return ".csv"
}

// Write renders works (nil entries are skipped) in format f. Keys are
// unique within one call.
func Write(w io.Writer, f Format, works []*orcid.Work, opt Options) error {
	entries := prepare(works, opt)
	switch f {
	case BibTeX:
		return WriteBibTeX(w, entries)
	case RIS:
		return WriteRIS(w, entries)
	case CSLJSON:
		return WriteCSLJSON(w, entries)
	case CSV:
		return WriteCSV(w, entries)
	}
	return fmt.Errorf("unknown export format %q: use bibtex, ris, csl-json or csv", string(f))
}

// Citation is one work's entry in format f, as Write would write it alone
// (for copying the citation of one work).
func Citation(f Format, work *orcid.Work, opt Options) (string, error) {
	if work == nil {
		return "", fmt.Errorf("no work to cite")
	}
	var b bytes.Buffer
	if err := Write(&b, f, []*orcid.Work{work}, opt); err != nil {
		return "", err
	}
	return b.String(), nil
}

// PutCodes lists the put-codes to export from a record's works: each
// group's preferred summary (as the Works tab shows it), or with
// allVersions every summary, in record order.
func PutCodes(w *orcid.Works, allVersions bool) []int64 {
	if allVersions {
		return orcid.WorkPutCodes(w)
	}
	return w.PutCodes()
}

// Loaded is what Load read: the full works in record order and what it
// cost.
type Loaded struct {
	Works    []*orcid.Work // nil-free, record order
	Failed   []orcid.BulkFailure
	Requests int // requests made: /works, and the bulk reads with their retries
	// Owner is the record holder's name as ORCID writes it in the source
	// of the works they added themselves ("" when they added none): pass it
	// as Options.Owner to credit works that list no author, at no extra
	// request.
	Owner string
}

// Load reads the works of record id for export: one /works request, then
// the full works through the bulk endpoint in batches of 100 (a 2,500-work
// record takes 26 requests with AllVersions). Works ORCID could not read
// are listed in Failed; the others are returned.
func Load(ctx context.Context, c *orcid.Client, id orcid.ID, opt Options) (*Loaded, error) {
	ws, err := c.Works(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &Loaded{}
	full, err := c.AllFullWorks(ctx, id, PutCodes(ws, opt.AllVersions))
	out.Requests = 1 // the /works read; its retries, if any, are not counted
	if full != nil {
		out.Requests += full.Requests
		out.Failed = full.Failed
		for _, w := range full.Works {
			if w == nil {
				continue
			}
			out.Works = append(out.Works, w)
			if src := w.Source; out.Owner == "" && src != nil && src.SourceORCID != nil && src.SourceORCID.Path == string(id) {
				out.Owner = clean(src.SourceName.String())
			}
		}
	}
	return out, err
}
