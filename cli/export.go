package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/orcid-tui/orcid-tui/export"
	"github.com/orcid-tui/orcid-tui/internal/atomicfile"
	"github.com/orcid-tui/orcid-tui/internal/explain"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// showOutputs are the values of show --output: text (the readable summary)
// and the export formats.
var showOutputs = []string{"text", string(export.BibTeX), string(export.RIS), string(export.CSLJSON), string(export.CSV)}

// exportWorks writes the works of id in format f to stdout or to o.outFile.
// Only /works and the bulk reads are requested (26 for 2,500 works with
// every version); works that list no author are credited to the record
// holder as the works' sources name them.
func (c *cli) exportWorks(ctx context.Context, client *orcid.Client, id orcid.ID, o showOptions) error {
	f, err := export.ParseFormat(o.output)
	if err != nil {
		return usagef(showUsage, "%v", err)
	}
	opt := export.Options{AllVersions: o.allVersions}
	l, err := export.Load(ctx, client, id, opt)
	if err != nil {
		return err
	}
	opt.Owner = l.Owner
	var buf bytes.Buffer
	if err := export.Write(&buf, f, l.Works, opt); err != nil {
		return err
	}
	// Read with a member token, the works may include limited and private
	// ones: a new file is then readable by its owner only.
	if err := c.writeOut(o.outFile, buf.Bytes(), client.API() == orcid.MemberAPI); err != nil {
		return err
	}
	what := plural(len(l.Works), "work")
	if o.outFile != "" {
		fmt.Fprintf(c.stderr, "wrote %s as %s to %s (%s)\n", what, f, o.outFile, plural(l.Requests, "request"))
	}
	return bulkFailures(l.Failed, len(l.Works)+len(l.Failed), "the other works were exported")
}

// writeOut writes data to stdout ("" or "-"), or to path, whole or not at
// all. An existing file keeps its mode; a new one is readable by others
// like any exported document, unless private says the data may hold items
// that are not public (0600 then).
func (c *cli) writeOut(path string, data []byte, private bool) error {
	if path == "" || path == "-" {
		_, err := c.stdout.Write(data)
		return err
	}
	mode := os.FileMode(0o644)
	if private {
		mode = 0o600
	}
	switch fi, err := os.Stat(path); {
	case err == nil && fi.IsDir():
		return userErrorf("could not write %s: it is a directory — give a file name", sanitize.Line(path))
	case err == nil:
		mode = fi.Mode().Perm()
	}
	if err := atomicfile.DirExists(path); err != nil {
		return userErrorf("could not write %s: %v", sanitize.Line(path), err)
	}
	if err := atomicfile.Write(path, data, mode); err != nil {
		var le *os.LinkError
		if errors.As(err, &le) {
			err = le.Err // the temporary file's name says nothing to the user
		}
		return userErrorf("could not write %s: %v", sanitize.Line(path), unwrapPathError(err))
	}
	return nil
}

// bulkFailures is the error for works ORCID answered with an error element
// in a bulk read (nil when there are none); done says what happened to the
// others.
func bulkFailures(failed []orcid.BulkFailure, total int, done string) error {
	if len(failed) == 0 {
		return nil
	}
	var list []string
	for i, f := range failed {
		if i == 10 {
			list = append(list, "…")
			break
		}
		list = append(list, strconv.FormatInt(f.PutCode, 10))
	}
	msg := fmt.Sprintf("%d of %d full works could not be loaded (put-codes %s)", len(failed), total, strings.Join(list, ", "))
	if e := failed[0].Err; e != nil {
		said := e.UserMessage
		if said == "" {
			said = e.DeveloperMessage
		}
		if said != "" {
			msg += "; ORCID said: " + explain.Quote(said)
		}
	}
	return userErrorf("%s — %s", msg, done)
}

// searchAll prints every hit of q (up to ORCID's anonymous start limit) in
// pages of 1000, each page as it arrives: /csv-search for --output csv,
// expanded search otherwise (text lines, or one JSON document written as
// it comes). Progress goes to stderr when it is a terminal.
func (c *cli) searchAll(ctx context.Context, client *orcid.Client, q orcid.Query, o searchOptions) error {
	prog := c.newProgress()
	defer prog.done()
	began := time.Now()
	progress := func(p orcid.Progress) {
		total := p.Total
		if !client.Authenticated() {
			total = min(total, orcid.MaxAnonymousStart+orcid.MaxRows)
		}
		rate := float64(p.Requests) / max(time.Since(began).Seconds(), 0.001)
		var left time.Duration
		if pages := (total - int64(p.Hits) + orcid.MaxRows - 1) / orcid.MaxRows; pages > 0 {
			left = time.Duration(float64(pages) / client.Stats().Effective * float64(time.Second))
		}
		prog.hits(int64(p.Hits), total, p.Requests, rate, left)
	}
	if o.output == "csv" {
		return c.searchCSV(ctx, client, q, o, orcid.PageOptions{Progress: progress})
	}
	var found int64
	shown := 0
	if o.output == "json" {
		// The same document as without --all, written as it comes.
		if _, err := io.WriteString(c.stdout, `{"expanded-result":[`); err != nil {
			return err
		}
	}
	err := client.ExpandedSearchPages(ctx, q.Solr, orcid.PageOptions{Progress: progress}, func(res *orcid.ExpandedSearchResult) error {
		found = res.NumFound
		for _, h := range res.ExpandedResult {
			if o.output != "json" {
				writeHit(c.stdout, h)
				continue
			}
			data, err := json.Marshal(h)
			if err != nil {
				return err
			}
			if shown > 0 {
				data = append([]byte(","), data...)
			}
			if _, err := c.stdout.Write(sanitize.JSON(data)); err != nil {
				return err
			}
			shown++
		}
		if o.output != "json" {
			shown += len(res.ExpandedResult)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if o.output == "json" {
		if _, err := fmt.Fprintf(c.stdout, `],"num-found":%d}`+"\n", found); err != nil {
			return err
		}
	}
	prog.done()
	if n := int64(shown); n < found {
		fmt.Fprintf(c.stderr, "%s found; ORCID lets searches without a client id and secret page only to hit %s\n", groupDigits(found), groupDigits(n))
	}
	return nil
}

// searchCSV writes /csv-search pages as one CSV document: the header row,
// then every row as it arrives (cells already stripped of control
// sequences, and kept from running as spreadsheet formulas).
func (c *cli) searchCSV(ctx context.Context, client *orcid.Client, q orcid.Query, o searchOptions, opt orcid.PageOptions) error {
	p := orcid.CSVSearchParams{Query: q.Solr, Fields: o.fields, Start: o.start, Rows: o.rows}
	if !o.all {
		opt.Max = o.rows
	} else {
		p.Rows = 0 // pages of 1000: the fewest requests
	}
	cw := csv.NewWriter(c.stdout)
	header := false
	writeRow := func(cells []string) error {
		out := make([]string, len(cells))
		for i, v := range cells {
			out[i] = export.CSVCell(v)
		}
		return cw.Write(out)
	}
	err := client.CSVSearchPages(ctx, p, opt, func(page *orcid.CSVPage) error {
		if !header {
			header = true
			if err := cw.Write(page.Header); err != nil {
				return err
			}
		}
		for _, r := range page.Rows {
			if err := writeRow(r); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	})
	if err != nil {
		return err
	}
	if !header {
		fields := o.fields
		if len(fields) == 0 {
			fields = orcid.DefaultCSVFields
		}
		_ = cw.Write(fields)
	}
	cw.Flush()
	return cw.Error()
}

// printHits prints an expanded-search result as text lines or as JSON.
func (c *cli) printHits(res *orcid.ExpandedSearchResult, output string) error {
	if output == "json" {
		data, err := json.MarshalIndent(res, "", "  ")
		if err != nil {
			return err
		}
		// Same values, but C1/bidi/invisible characters escaped: scripts
		// read identical JSON and a terminal shows nothing hidden.
		_, err = c.stdout.Write(append(sanitize.JSON(data), '\n'))
		return err
	}
	for _, h := range res.ExpandedResult {
		writeHit(c.stdout, h)
	}
	return nil
}

// fullSections are the sections --full reads item by item.
var fullSections = []string{"fundings", "peer-reviews", "research-resources", "employments", "educations",
	"qualifications", "invited-positions", "distinctions", "memberships", "services"}

// checkShowExport checks how --output, -o, --all-versions and --full go
// with the other flags.
func checkShowExport(o showOptions) error {
	if err := oneOf(showUsage, "output", o.output, showOutputs...); err != nil {
		return err
	}
	exporting := o.output != "text"
	switch {
	case exporting && o.section != "" && o.section != "works":
		return usagef(showUsage, "--output %s exports works; use it with --section works (or no section), not %q", o.output, o.section)
	case exporting && (o.raw || o.fullWorks || o.full):
		return usagef(showUsage, "--output %s cannot be combined with --raw, --full-works or --full", o.output)
	case !exporting && o.outFile != "":
		return usagef(showUsage, "-o writes an export: give --output bibtex, ris, csl-json or csv")
	case !exporting && o.allVersions:
		return usagef(showUsage, "--all-versions goes with --output bibtex, ris, csl-json or csv")
	case o.full && !slices.Contains(fullSections, o.section):
		return usagef(showUsage, "--full reads the items of one section: --section %s (works: --full-works)", strings.Join(fullSections, ", "))
	case o.full && (o.raw || o.fullWorks):
		return usagef(showUsage, "--full cannot be combined with --raw or --full-works")
	}
	return nil
}
