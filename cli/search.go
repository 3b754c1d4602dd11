package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
)

const searchUsage = "orcid-tui search [--rows N | --all] [--start N] [--output text|json] QUERY..."

const searchHelp = `usage: ` + searchUsage + `

Search people in the ORCID registry (expanded search).

QUERY is free text ("josiah carberry"), Solr syntax passed through as is
("family-name:carberry AND affiliation-org-name:brown"), a DOI (searches the
people whose works carry it) or a pasted ORCID iD (prints that record's line).

flags:
  --rows N       hits to show, 1 to 1000 (default 50)
  --all          every hit ORCID lets you page to, 1000 a request, printed
                 as the pages arrive: all of them with a client id and
                 secret, up to 11000 without (ORCID serves start ≤ 10000);
                 progress on stderr when it is a terminal. With --output
                 json, one hit per line (JSON Lines)
  --start N      skip the first N hits (default 0; without a client id and
                 secret ORCID allows at most 10000)
  --output FMT   text (default): one line per hit, iD<TAB>name<TAB>institutions
                 (institutions joined with "; "), the total on stderr;
                 json: the decoded expanded-search result as JSON

Global flags (--env, --demo, --pub-url, ...) are accepted too; see orcid-tui help.
`

// searchOptions are search's own flags.
type searchOptions struct {
	rows, start int
	output      string
	all         bool
}

func (c *cli) searchCommand(g *globals) *cobra.Command {
	var o searchOptions
	cmd := newCommand("search", searchUsage, searchHelp, func(cmd *cobra.Command, args []string) error {
		return c.search(cmd.Context(), g, o, args)
	})
	cmd.Flags().IntVar(&o.rows, "rows", 50, "hits to show")
	cmd.Flags().IntVar(&o.start, "start", 0, "hits to skip")
	cmd.Flags().StringVar(&o.output, "output", "text", "text or json")
	cmd.Flags().BoolVar(&o.all, "all", false, "every hit")
	completeValues(cmd, "output", "text", "json")
	cmd.ValidArgsFunction = cobra.NoFileCompletions
	return cmd
}

func (c *cli) search(ctx context.Context, g *globals, o searchOptions, pos []string) error {
	if o.rows < 1 || o.rows > orcid.MaxRows {
		return usagef(searchUsage, "--rows must be between 1 and %d, not %d", orcid.MaxRows, o.rows)
	}
	if err := checkNonNegative(searchUsage, "start", o.start); err != nil {
		return err
	}
	if err := oneOf(searchUsage, "output", o.output, "text", "json"); err != nil {
		return err
	}
	if o.all && g.set["rows"] {
		return usagef(searchUsage, "--all reads 1000 hits a request; it does not go with --rows")
	}
	input := strings.TrimSpace(strings.Join(pos, " "))
	if input == "" {
		return usagef(searchUsage, "search needs a QUERY")
	}
	q := orcid.ParseQuery(input)
	if q.Kind == orcid.QueryEmpty {
		return usagef(searchUsage, "search needs a QUERY")
	}

	s, err := c.openSession(ctx, g)
	if err != nil {
		return err
	}
	defer s.close()

	var res *orcid.ExpandedSearchResult
	switch q.Kind {
	case orcid.QueryID:
		fmt.Fprintf(c.stderr, "%s is an ORCID iD; for the whole record run: orcid-tui show %s\n", q.ID, q.ID)
		res, err = recordAsHit(ctx, s.client, q.ID)
	default:
		if q.Kind == orcid.QueryDOI {
			fmt.Fprintf(c.stderr, "%s is a DOI; searching people whose works carry it\n", sanitize.Line(q.DOI))
		}
		if o.all {
			return c.searchAll(ctx, s.client, q.Solr, o)
		}
		res, err = s.client.ExpandedSearch(ctx, orcid.SearchParams{Query: q.Solr, Start: o.start, Rows: o.rows})
	}
	if err != nil {
		return err
	}

	if o.output == "json" {
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
	start0 := o.start
	if q.Kind == orcid.QueryID {
		start0 = 0
	}
	fmt.Fprintln(c.stderr, totalLine(res.NumFound, start0, len(res.ExpandedResult)))
	return nil
}

// searchAll prints every hit the caller may page to, page by page as the
// pages arrive, in the fewest requests (1000 hits each).
func (c *cli) searchAll(ctx context.Context, client *orcid.Client, query string, o searchOptions) error {
	prog := c.newProgress()
	began := time.Now()
	shown, requests := 0, 0
	var total int64
	found, err := client.ExpandedSearchEach(ctx, orcid.SearchParams{Query: query, Start: o.start}, func(res *orcid.ExpandedSearchResult, start int) error {
		requests++
		total = orcid.SearchReach(res.NumFound, o.start, orcid.MaxRows, client.Authenticated())
		for _, h := range res.ExpandedResult {
			if o.output == "json" {
				data, err := json.Marshal(h)
				if err != nil {
					return err
				}
				if _, err := c.stdout.Write(append(sanitize.JSON(data), '\n')); err != nil {
					return err
				}
				continue
			}
			writeHit(c.stdout, h)
		}
		shown += len(res.ExpandedResult)
		rate := client.Stats().Effective
		left := time.Duration(0)
		if pages := (total - int64(shown) + orcid.MaxRows - 1) / orcid.MaxRows; pages > 0 && rate > 0 {
			left = time.Duration(float64(pages) / rate * float64(time.Second))
		}
		prog.hits(int64(shown), total, requests, float64(requests)/max(time.Since(began).Seconds(), 0.001), left)
		return nil
	})
	prog.done()
	if err != nil {
		return err
	}
	line := totalLine(found, o.start, shown)
	if reach := orcid.SearchReach(found, o.start, orcid.MaxRows, client.Authenticated()); reach < found-int64(o.start) {
		line += " (ORCID lets callers without a client id and secret page only to result 10 000)"
	}
	fmt.Fprintf(c.stderr, "%s, in %s\n", line, plural(requests, "request"))
	return nil
}

// writeHit prints one hit as iD<TAB>name<TAB>institutions, every field
// sanitised (which also turns tabs and newlines inside a field into spaces).
func writeHit(w io.Writer, h orcid.ExpandedResult) {
	var inst []string
	for _, n := range h.InstitutionName {
		if n = strings.TrimSpace(sanitize.Line(n)); n != "" {
			inst = append(inst, n)
		}
	}
	fmt.Fprintf(w, "%s\t%s\t%s\n", sanitize.Line(h.ORCIDID), hitName(h), strings.Join(inst, "; "))
}

// hitName is the hit's display name by the rule the TUI uses too
// (orcid.DisplayName), or "".
func hitName(h orcid.ExpandedResult) string {
	return strings.TrimSpace(sanitize.Line(h.DisplayName()))
}

// totalLine is "1 234 found, showing 1–50".
func totalLine(found int64, start, shown int) string {
	if shown == 0 {
		if found == 0 || start == 0 {
			return groupDigits(found) + " found"
		}
		return fmt.Sprintf("%s found, none from %s on", groupDigits(found), groupDigits(int64(start)+1))
	}
	return fmt.Sprintf("%s found, showing %s–%s", groupDigits(found), groupDigits(int64(start)+1), groupDigits(int64(start+shown)))
}

// groupDigits writes n with a space between groups of three digits.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// recordAsHit reads a record and presents it as a one-hit expanded search
// result, so a pasted iD prints the same line (and JSON shape) as a search.
func recordAsHit(ctx context.Context, client *orcid.Client, id orcid.ID) (*orcid.ExpandedSearchResult, error) {
	rec, err := client.Record(ctx, id)
	if err != nil {
		return nil, err
	}
	h := orcid.ExpandedResult{ORCIDID: string(id)}
	if p := rec.Person; p != nil {
		if n := p.Name; n != nil {
			h.GivenNames = valuePtr(n.GivenNames)
			h.FamilyNames = valuePtr(n.FamilyName)
			h.CreditName = valuePtr(n.CreditName)
		}
		if p.OtherNames != nil {
			for _, o := range p.OtherNames.OtherName {
				h.OtherName = append(h.OtherName, o.Content)
			}
		}
		if p.Emails != nil {
			for _, e := range p.Emails.Email {
				h.Email = append(h.Email, e.Email)
			}
		}
	}
	if a := rec.ActivitiesSummary; a != nil {
		seen := map[string]bool{}
		// Like ORCID's expanded search: every affiliation's organisation,
		// de-duplicated and sorted.
		for _, sec := range []*orcid.Affiliations{a.Employments, a.Educations, a.Qualifications,
			a.InvitedPositions, a.Distinctions, a.Memberships, a.Services} {
			for _, s := range affiliationSummaries(sec) {
				if s.Organization == nil || s.Organization.Name == "" || seen[s.Organization.Name] {
					continue
				}
				seen[s.Organization.Name] = true
				h.InstitutionName = append(h.InstitutionName, s.Organization.Name)
			}
		}
	}
	slices.Sort(h.InstitutionName)
	return &orcid.ExpandedSearchResult{ExpandedResult: []orcid.ExpandedResult{h}, NumFound: 1}, nil
}

func valuePtr(v *orcid.Value) *string {
	if v == nil {
		return nil
	}
	s := v.Value
	return &s
}

// affiliationSummaries flattens an affiliation section's groups.
func affiliationSummaries(a *orcid.Affiliations) []orcid.AffiliationSummary {
	if a == nil {
		return nil
	}
	var out []orcid.AffiliationSummary
	for _, g := range a.AffiliationGroup {
		out = append(out, g.Summaries...)
	}
	return out
}
