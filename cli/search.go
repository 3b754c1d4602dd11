package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
)

const searchUsage = "orcid-tui search [--rows N] [--start N] [--all] [--output text|json|csv] [--fields LIST] QUERY..."

const searchHelp = `usage: ` + searchUsage + `

Search people in the ORCID registry (expanded search).

QUERY is free text ("josiah carberry"), Solr syntax passed through as is
("family-name:carberry AND affiliation-org-name:brown"), a DOI (searches the
people whose works carry it) or a pasted ORCID iD (prints that record's line).

flags:
  --rows N       hits to show, 1 to 1000 (default 50)
  --start N      skip the first N hits (default 0; without a client id and
                 secret ORCID allows at most 10000)
  --output FMT   text (default): one line per hit, iD<TAB>name<TAB>institutions
                 (institutions joined with "; "), the total on stderr;
                 json: the decoded expanded-search result as JSON;
                 csv: ORCID's /csv-search, a header row then one row per hit
  --fields LIST  with --output csv: the columns, comma-separated, from orcid,
                 email, given-names, family-name, given-and-family-names,
                 current-institution-affiliation-name,
                 past-institution-affiliation-name, credit-name, other-names
                 (default orcid,given-names,family-name,
                 current-institution-affiliation-name,email)
  --all          every hit, in pages of 1000 (the fewest requests), printed
                 as the pages arrive, with a progress line on stderr when it
                 is a terminal; without a client id and secret ORCID stops
                 paging at hit 11,000

Global flags (--env, --demo, --pub-url, ...) are accepted too; see orcid-tui help.
`

// searchOptions are search's own flags.
type searchOptions struct {
	rows, start int
	output      string
	fields      []string // --output csv columns
	all         bool
}

func (c *cli) searchCommand(g *globals) *cobra.Command {
	var o searchOptions
	cmd := newCommand("search", searchUsage, searchHelp, func(cmd *cobra.Command, args []string) error {
		return c.search(cmd.Context(), g, o, args)
	})
	cmd.Flags().IntVar(&o.rows, "rows", 50, "hits to show")
	cmd.Flags().IntVar(&o.start, "start", 0, "hits to skip")
	cmd.Flags().StringVar(&o.output, "output", "text", "text, json or csv")
	cmd.Flags().StringSliceVar(&o.fields, "fields", nil, "CSV columns")
	cmd.Flags().BoolVar(&o.all, "all", false, "every hit")
	completeValues(cmd, "output", "text", "json", "csv")
	completeValues(cmd, "fields", orcid.CSVFields...)
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
	if err := oneOf(searchUsage, "output", o.output, "text", "json", "csv"); err != nil {
		return err
	}
	if len(o.fields) > 0 && o.output != "csv" {
		return usagef(searchUsage, "--fields chooses the columns of --output csv")
	}
	for _, f := range o.fields {
		if !slices.Contains(orcid.CSVFields, f) {
			return usagef(searchUsage, "unknown --fields column %q (columns: %s)", f, strings.Join(orcid.CSVFields, ", "))
		}
	}
	if o.all && o.start != 0 {
		return usagef(searchUsage, "--all starts at the first hit; leave out --start")
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

	if q.Kind == orcid.QueryID && o.output == "csv" {
		q.Solr = "orcid:" + string(q.ID) // ORCID's CSV for that one record
	}
	if q.Kind != orcid.QueryID || o.output == "csv" {
		if q.Kind == orcid.QueryDOI {
			fmt.Fprintf(c.stderr, "%s is a DOI; searching people whose works carry it\n", sanitize.Line(q.DOI))
		}
		switch {
		case o.all:
			return c.searchAll(ctx, s.client, q, o)
		case o.output == "csv":
			return c.searchCSV(ctx, s.client, q, o, orcid.PageOptions{})
		}
	}
	var res *orcid.ExpandedSearchResult
	switch q.Kind {
	case orcid.QueryID:
		fmt.Fprintf(c.stderr, "%s is an ORCID iD; for the whole record run: orcid-tui show %s\n", q.ID, q.ID)
		res, err = recordAsHit(ctx, s.client, q.ID)
	default:
		res, err = s.client.ExpandedSearch(ctx, orcid.SearchParams{Query: q.Solr, Start: o.start, Rows: o.rows})
	}
	if err != nil {
		return err
	}

	if o.output == "json" {
		return c.printHits(res, o.output)
	}
	if err := c.printHits(res, o.output); err != nil {
		return err
	}
	start0 := o.start
	if q.Kind == orcid.QueryID {
		start0 = 0
	}
	fmt.Fprintln(c.stderr, totalLine(res.NumFound, start0, len(res.ExpandedResult)))
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
