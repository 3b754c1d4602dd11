package orcid

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
)

// CSVFields are the columns /csv-search can return (fl), as ORCID allows
// them; ORCID silently drops any other name, the client refuses it.
var CSVFields = []string{
	"orcid", "email", "given-names", "family-name", "given-and-family-names",
	"current-institution-affiliation-name", "past-institution-affiliation-name", "credit-name", "other-names",
}

// DefaultCSVFields are the columns asked for when none are given: the iD,
// given and family names, current institutions and emails. (ORCID's own
// default, every allowed field, is wider than a table needs.)
var DefaultCSVFields = []string{"orcid", "given-names", "family-name", "current-institution-affiliation-name", "email"}

// CSVSearchParams are the parameters of one /csv-search request.
type CSVSearchParams struct {
	Query  string   // a Solr query as sent in q
	Fields []string // fl, in column order; nil means DefaultCSVFields
	Start  int
	Rows   int // 0 means MaxRows (1000), ORCID's default for v3.0
}

func (p CSVSearchParams) fields() []string {
	if len(p.Fields) == 0 {
		return DefaultCSVFields
	}
	return p.Fields
}

func (p CSVSearchParams) rows() int {
	if p.Rows == 0 {
		return MaxRows
	}
	return p.Rows
}

// Check says whether ORCID would accept p (see SearchParams.Check) and
// whether every field is one ORCID returns.
func (p CSVSearchParams) Check(authenticated bool) error {
	for _, f := range p.fields() {
		if !slices.Contains(CSVFields, f) {
			return fmt.Errorf("unknown CSV search column %s: use %s", quoteShort(f), strings.Join(CSVFields, ", "))
		}
	}
	return SearchParams{Query: p.Query, Start: p.Start, Rows: p.rows()}.Check(authenticated)
}

// CSVSearchPath is the /csv-search path with its query string.
func CSVSearchPath(p CSVSearchParams) string {
	v := url.Values{"q": {p.Query}, "fl": {strings.Join(p.fields(), ",")},
		"start": {strconv.Itoa(p.Start)}, "rows": {strconv.Itoa(p.rows())}}
	return "csv-search?" + v.Encode()
}

// CSVPage is one /csv-search answer: its column names and its rows, every
// cell stripped of control and escape sequences. A multi-valued cell (two
// institutions, several emails) holds the values as Solr joins them; see
// SplitCSVValues.
type CSVPage struct {
	Start  int        // the start asked for
	Header []string   // column names: ORCID's header row, or the fields asked for when it sent none
	Rows   [][]string // one per hit, len(Header) cells each
}

// CSVSearch runs one /csv-search request. ORCID's answer is Solr's CSV
// (whether it starts with a header row is not documented): a first row
// naming only known fields is taken as the header and not as a hit.
func (c *Client) CSVSearch(ctx context.Context, p CSVSearchParams) (*CSVPage, error) {
	page, _, err := c.csvSearch(ctx, p)
	return page, err
}

func (c *Client) csvSearch(ctx context.Context, p CSVSearchParams) (*CSVPage, int, error) {
	if err := p.Check(c.Authenticated()); err != nil {
		return nil, 0, err
	}
	body, n, err := c.get(ctx, CSVSearchPath(p), formatCSV, nil)
	if err != nil {
		return nil, n, err
	}
	page, err := parseCSVPage(body, p)
	return page, n, err
}

func parseCSVPage(body *Body, p CSVSearchParams) (*CSVPage, error) {
	r := csv.NewReader(bytes.NewReader(body.Data))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, &BadResponseError{StatusCode: body.StatusCode, URL: body.URL, ContentType: body.ContentType,
			Snippet: sanitize.Snippet(body.Data, errorSnippetRunes), Err: fmt.Errorf("reading ORCID's CSV: %w", err)}
	}
	page := &CSVPage{Start: p.Start, Header: slices.Clone(p.fields())}
	if len(recs) > 0 && isCSVHeader(recs[0]) {
		// The names as known, not as sent: the cells matched them only
		// once trimmed, and what was trimmed may be a control character.
		page.Header = make([]string, len(recs[0]))
		for i, cell := range recs[0] {
			page.Header[i] = strings.TrimSpace(cell)
		}
		recs = recs[1:]
	}
	page.Rows = make([][]string, 0, len(recs))
	for i, rec := range recs {
		if len(rec) != len(page.Header) {
			return nil, &BadResponseError{StatusCode: body.StatusCode, URL: body.URL, ContentType: body.ContentType,
				Snippet: sanitize.Snippet(body.Data, errorSnippetRunes),
				Err:     fmt.Errorf("CSV row %d has %d cells for %d columns", i+1, len(rec), len(page.Header))}
		}
		for j := range rec {
			rec[j] = sanitize.Line(rec[j])
		}
		page.Rows = append(page.Rows, rec)
	}
	return page, nil
}

func isCSVHeader(rec []string) bool {
	for _, cell := range rec {
		if !slices.Contains(CSVFields, strings.TrimSpace(cell)) {
			return false
		}
	}
	return len(rec) > 0
}

// SplitCSVValues splits a multi-valued cell as Solr's CSV writer joins it:
// values separated by commas, a comma or backslash inside a value escaped
// with a backslash ("ORCID,Universidad Autónoma" -> two values).
func SplitCSVValues(cell string) []string {
	if cell == "" {
		return nil
	}
	var out []string
	var b strings.Builder
	for i := 0; i < len(cell); i++ {
		switch ch := cell[i]; {
		case ch == '\\' && i+1 < len(cell):
			i++
			b.WriteByte(cell[i])
		case ch == ',':
			out = append(out, b.String())
			b.Reset()
		default:
			b.WriteByte(ch)
		}
	}
	return append(out, b.String())
}

// PageOptions bound a paged search.
type PageOptions struct {
	// Max stops after this many hits; 0 fetches every hit ORCID lets the
	// caller page to (for anonymous callers, up to start 10,000).
	Max int
	// NumFound is the hit count when the caller already knows it (from the
	// search it shows): paging then stops on the last full page instead of
	// asking for one more to find it empty. /csv-search does not say how
	// many hits there are; /expanded-search does, on its first page.
	NumFound int64
	// Progress, when set, is called after each page.
	Progress func(Progress)
}

// Progress is how far a paged search has come.
type Progress struct {
	Hits     int   // hits received so far
	Total    int64 // hits to expect (0: unknown)
	Requests int   // requests sent so far, retries included
}

// pager plans the pages of a search: rows of at most perPage, stopping at
// Max, at a known total, after a short page, or past ORCID's anonymous start
// limit.
type pager struct {
	opt       PageOptions
	perPage   int
	start     int
	anonymous bool
	total     int64
	hits      int
	requests  int
	done      bool
}

// next is the start and rows of the next page; ok false when paging is done.
func (g *pager) next() (start, rows int, ok bool) {
	if g.done {
		return 0, 0, false
	}
	rows = g.perPage
	if g.opt.Max > 0 {
		rows = min(rows, g.opt.Max-g.hits)
	}
	if left := g.total - int64(g.start); g.total > 0 && left < int64(rows) {
		rows = int(max(left, 0))
	}
	if rows <= 0 || (g.anonymous && g.start > MaxAnonymousStart) {
		return 0, 0, false
	}
	return g.start, rows, true
}

// got records a page of n hits asked with rows.
func (g *pager) got(n, rows, requests int) {
	g.hits += n
	g.requests += requests
	g.start += n
	if n < rows {
		g.done = true
	}
	if g.opt.Progress != nil {
		g.opt.Progress(Progress{Hits: g.hits, Total: g.total, Requests: g.requests})
	}
}

func newPager(c *Client, start, perPage int, opt PageOptions) *pager {
	if perPage <= 0 {
		perPage = MaxRows
	}
	return &pager{opt: opt, perPage: perPage, start: start, anonymous: !c.Authenticated(), total: opt.NumFound}
}

// CSVSearchPages pages /csv-search from p.Start in pages of p.Rows (0:
// 1000, the fewest requests) and hands each page to fn in order; fn's error
// stops paging and is returned. A 10,000-hit search takes 10 requests when
// opt.NumFound is given, 11 otherwise (the last one finds the end).
func (c *Client) CSVSearchPages(ctx context.Context, p CSVSearchParams, opt PageOptions, fn func(*CSVPage) error) error {
	g := newPager(c, p.Start, p.rows(), opt)
	for {
		start, rows, ok := g.next()
		if !ok {
			return nil
		}
		q := p
		q.Start, q.Rows = start, rows
		page, n, err := c.csvSearch(ctx, q)
		if err != nil {
			return fmt.Errorf("CSV search page at %d: %w", start, err)
		}
		g.got(len(page.Rows), rows, n)
		if err := fn(page); err != nil {
			return err
		}
	}
}

// ExpandedSearchAll fetches every hit of an expanded search (up to
// opt.Max, and for anonymous callers up to ORCID's start limit) in pages of
// 1000, the fewest requests: the first page tells the total, so a
// 10,000-hit search takes 10 requests.
func (c *Client) ExpandedSearchAll(ctx context.Context, query string, opt PageOptions) (*ExpandedSearchResult, error) {
	out := &ExpandedSearchResult{NumFound: opt.NumFound}
	err := c.ExpandedSearchPages(ctx, query, opt, func(v *ExpandedSearchResult) error {
		out.NumFound = v.NumFound
		out.ExpandedResult = append(out.ExpandedResult, v.ExpandedResult...)
		return nil
	})
	return out, err
}

// ExpandedSearchPages is ExpandedSearchAll handing each page to fn as it
// arrives (compact JSON, decoded from the stream), so a caller can print
// 11,000 hits while they come instead of after; fn's error stops paging.
func (c *Client) ExpandedSearchPages(ctx context.Context, query string, opt PageOptions, fn func(*ExpandedSearchResult) error) error {
	g := newPager(c, 0, MaxRows, opt)
	for {
		start, rows, ok := g.next()
		if !ok {
			return nil
		}
		p := SearchParams{Query: query, Start: start, Rows: rows}
		if err := p.Check(c.Authenticated()); err != nil {
			return err
		}
		var v ExpandedSearchResult
		n, err := c.getJSON(ctx, ExpandedSearchPath(p), &v)
		if err != nil {
			return fmt.Errorf("expanded search page at %d: %w", start, err)
		}
		g.total = v.NumFound
		g.got(len(v.ExpandedResult), rows, n)
		if err := fn(&v); err != nil {
			return err
		}
	}
}
