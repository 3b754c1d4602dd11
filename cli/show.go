package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/orcid-tui/orcid-tui/internal/explain"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
)

const showUsage = "orcid-tui show [--section NAME] [--raw [--pretty] [--format json|xml]] [--full-works] [--full] [--output FMT [-o FILE] [--all-versions]] [--public] ID"

const showHelp = `usage: ` + showUsage + `

Print a readable summary of an ORCID record, or of one of its sections.

ID is an ORCID iD in any form people paste: 0000-0002-1825-0097,
0000000218250097, https://orcid.org/0000-0002-1825-0097. An iD that is not
valid (wrong length, bad character, wrong check digit) can never work: exit
2, with the precise reason.

flags:
  --section NAME  one section instead of the whole record: person, works,
                  employments, educations, qualifications, invited-positions,
                  distinctions, memberships, services, fundings, peer-reviews,
                  research-resources, activities
  --raw           print the body exactly as ORCID sent it, byte for byte
                  (on a terminal, control characters are removed)
  --pretty        with --raw: re-indent the body
  --format FMT    with --raw: json (default) or xml
  --full-works    load every full work (contributors, journal, DOI) through
                  ORCID's bulk endpoint, 100 per request; the preferred version
                  of each work is loaded, starting while the record arrives;
                  a bulk request that fails is sent once more, and put-codes
                  still not delivered are named on stderr after the works that
                  loaded (exit status 1); progress on stderr when it is a
                  terminal
  --full          with --section fundings, peer-reviews, research-resources or
                  an affiliation section: read every item in full (amounts,
                  contributors, review subjects, resource items, URLs and
                  external ids), one request per item
  --output FMT    text (default), or export the works: bibtex, ris,
                  csl-json or csv (one row per work); one entry per work
                  group, its preferred version, in 1 + one request per 100
                  works (a 2,500-work record: 26)
  -o FILE         with --output: write FILE (replaced whole) instead of stdout
  --all-versions  with --output: every version of each work, not only the
                  preferred one
  --public        read the public API even when signed in as ID

Your own record, limited items included: after
  orcid-tui login --scopes "openid /read-limited"
show reads the signed-in iD's record (every section, --raw and --full-works)
from the member API with the saved token, and says so in one line on stderr.
Other iDs, and sign-ins without /read-limited, are read from the public API.
The saved sign-ins are only looked at when the environment has a client id
and secret. If ORCID no longer accepts the saved token (revoked, or expired
and not refreshable), show does not fall back silently: it says so, suggests
orcid-tui login (or --public), and exits 1.

A record merged into another is reported with the iD to use instead (exit 1).
`

// sections are the names --section accepts, in display order.
var sections = []string{
	"person", "works", "employments", "educations", "qualifications", "invited-positions",
	"distinctions", "memberships", "services", "fundings", "peer-reviews", "research-resources", "activities",
}

// showFlags are show's own flags.
type showFlags struct {
	showOptions
	public bool
}

func (c *cli) showCommand(g *globals) *cobra.Command {
	var f showFlags
	cmd := newCommand("show", showUsage, showHelp, func(cmd *cobra.Command, args []string) error {
		return c.show(cmd.Context(), g, f, args)
	})
	fs := cmd.Flags()
	fs.StringVar(&f.section, "section", "", "one section")
	fs.BoolVar(&f.raw, "raw", false, "the body as sent")
	fs.BoolVar(&f.pretty, "pretty", false, "re-indent the raw body")
	fs.StringVar(&f.format, "format", "json", "json or xml")
	fs.BoolVar(&f.fullWorks, "full-works", false, "load every full work")
	fs.BoolVar(&f.public, "public", false, "read the public API")
	fs.BoolVar(&f.full, "full", false, "every item in full")
	fs.StringVar(&f.output, "output", "text", "text, bibtex, ris, csl-json or csv")
	fs.StringVarP(&f.outFile, "output-file", "o", "", "write the export to FILE")
	fs.BoolVar(&f.allVersions, "all-versions", false, "every version of each work")
	completeValues(cmd, "section", sections...)
	completeValues(cmd, "output", showOutputs...)
	completeValues(cmd, "format", "json", "xml")
	cmd.ValidArgsFunction = c.completeIDs(g)
	return cmd
}

func (c *cli) show(ctx context.Context, g *globals, f showFlags, pos []string) error {
	switch {
	case len(pos) == 0:
		return usagef(showUsage, "show needs an ORCID iD")
	case len(pos) > 1:
		return usagef(showUsage, "show takes one ORCID iD, got %d arguments", len(pos))
	}
	if f.section != "" && !slices.Contains(sections, f.section) {
		return usagef(showUsage, "unknown section %q (sections: %s)", f.section, strings.Join(sections, ", "))
	}
	if err := oneOf(showUsage, "format", f.format, "json", "xml"); err != nil {
		return err
	}
	if !f.raw && (g.set["format"] || f.pretty) {
		return usagef(showUsage, "--format and --pretty go with --raw")
	}
	if f.raw && f.fullWorks {
		return usagef(showUsage, "--full-works prints a summary; it cannot be combined with --raw")
	}
	if f.fullWorks && f.section != "" && f.section != "works" {
		return usagef(showUsage, "--full-works goes with the works section, not %q", f.section)
	}
	if err := checkShowExport(f.showOptions); err != nil {
		return err
	}
	id, err := orcid.ParseID(pos[0])
	if err != nil {
		return err
	}

	s, err := c.openSession(ctx, g)
	if err != nil {
		return err
	}
	defer s.close()

	client := s.client
	var member *memberReader
	if !f.public {
		if member = c.memberClientFor(g, s, id); member != nil {
			client = member.client
			fmt.Fprintf(c.stderr, "reading %s from the member API as the signed-in user (limited items included)\n", id)
		}
	}
	return member.memberError(ctx, c.printShow(ctx, client, s.env, id, f.showOptions))
}

// showOptions are show's flags that shape the output.
type showOptions struct {
	section, format        string
	raw, pretty, fullWorks bool
	full                   bool   // every item of the section in full
	output                 string // text or an export format
	outFile                string
	allVersions            bool
}

// printShow reads id (or one section of it) with client and prints it.
func (c *cli) printShow(ctx context.Context, client *orcid.Client, env orcid.Environment, id orcid.ID, o showOptions) error {
	if o.raw {
		f := orcid.JSON
		if o.format == "xml" {
			f = orcid.XML
		}
		body, err := client.Get(ctx, rawPath(id, o.section), f, nil)
		if err != nil {
			return err
		}
		data := body.Data
		if o.pretty {
			data = body.Pretty()
		}
		if isTerminal(c.stdout) {
			data = []byte(sanitize.Text(string(data)))
			if len(data) > 0 && data[len(data)-1] != '\n' {
				data = append(data, '\n')
			}
		}
		_, err = c.stdout.Write(data)
		return err
	}

	if o.output != "text" {
		return c.exportWorks(ctx, client, id, o)
	}
	p := &printer{w: c.stdout, env: env, id: id}
	if o.full {
		return c.printFullItems(ctx, client, p, id, o.section)
	}
	switch o.section {
	case "":
		if o.fullWorks {
			// The bulk reads start while the record is still arriving.
			prog := c.newProgress()
			rec, full, err := client.RecordWithFullWorks(ctx, id, prog.bulk)
			prog.done()
			if rec == nil {
				return err
			}
			p.record(rec)
			var codes []int64
			if a := rec.ActivitiesSummary; a != nil {
				codes = a.Works.PutCodes()
			}
			return c.printFullWorks(p, codes, full, err)
		}
		rec, err := client.Record(ctx, id)
		if !printable(rec, err) {
			return err
		}
		p.record(rec)
		if err != nil {
			return partialError(err)
		}
	case "person":
		person, err := client.Person(ctx, id)
		if err != nil {
			return err
		}
		p.person(person, true)
	case "activities":
		act, err := client.Activities(ctx, id)
		if err != nil {
			return err
		}
		p.counts(act)
		p.activities(act)
	case "works":
		works, err := client.Works(ctx, id)
		if !printable(works, err) {
			return err
		}
		if err == nil && o.fullWorks {
			codes := works.PutCodes()
			prog := c.newProgress()
			full, err := client.AllFullWorksFunc(ctx, id, codes, prog.bulk)
			prog.done()
			return c.printFullWorks(p, codes, full, err)
		}
		p.works(works)
		if err != nil {
			return partialError(err)
		}
	case "fundings":
		f, err := client.Fundings(ctx, id)
		if err != nil {
			return err
		}
		p.fundings(f)
	case "peer-reviews":
		r, err := client.PeerReviews(ctx, id)
		if err != nil {
			return err
		}
		p.peerReviews(r)
	case "research-resources":
		r, err := client.ResearchResources(ctx, id)
		if err != nil {
			return err
		}
		p.researchResources(r)
	default:
		a, err := client.Affiliations(ctx, id, orcid.AffiliationSection(o.section))
		if err != nil {
			return err
		}
		p.affiliations(o.section, a)
	}
	return nil
}

// rawPath is the API path of a record or section.
func rawPath(id orcid.ID, section string) string {
	if section == "" {
		return string(id) + "/record"
	}
	return string(id) + "/" + section
}

// printFullWorks prints the full works that loaded (codes are the
// put-codes asked for). Works that could not be loaded — put-codes ORCID
// answered with an error element, and bulk reads that failed even when
// sent again — make one line on stderr naming them, and exit status 1.
func (c *cli) printFullWorks(p *printer, codes []int64, full *orcid.FullWorks, err error) error {
	var bulk *orcid.BulkError
	if err != nil && (full == nil || !errors.As(err, &bulk)) {
		return err
	}
	fmt.Fprintf(p.w, "\nFull works (%d, loaded in %s)\n", len(codes), plural(full.Requests, "request"))
	for _, w := range full.Works {
		if w != nil {
			p.fullWork(w)
		}
	}
	// Missing, in the order of the record.
	gone := map[int64]bool{}
	for _, f := range full.Failed {
		gone[f.PutCode] = true
	}
	if bulk != nil {
		for _, pc := range bulk.Missing {
			gone[pc] = true
		}
	}
	var missing []int64
	for _, pc := range codes {
		if gone[pc] {
			missing = append(missing, pc)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	msg := fmt.Sprintf("%d of %d full works could not be loaded (put-codes %s)", len(missing), len(codes), putCodeList(missing, 100))
	switch {
	case bulk != nil:
		msg += ": " + explain.Of(bulk.Err).What
	case full.Failed[0].Err != nil:
		e := full.Failed[0].Err
		said := e.UserMessage
		if said == "" {
			said = e.DeveloperMessage
		}
		if said != "" {
			msg += "; ORCID said: " + explain.Quote(said)
		}
	}
	return userErrorf("%s — the works above are the ones that loaded", msg)
}

// putCodeList names up to n put-codes, and how many more there are.
func putCodeList(pcs []int64, n int) string {
	var list []string
	for i, pc := range pcs {
		if i == n {
			return strings.Join(list, ", ") + fmt.Sprintf(" and %d more", len(pcs)-n)
		}
		list = append(list, strconv.FormatInt(pc, 10))
	}
	return strings.Join(list, ", ")
}

// printable says whether a read's value is worth printing: it is whole,
// or a value of the wrong type was skipped and the rest decoded. A body
// cut short is not printed: how much is missing is unknown.
func printable[T any](v *T, err error) bool {
	return v != nil && (err == nil || explain.Of(err).Kind != explain.Truncated)
}

// partialError is the error of a read whose body did not decode in full,
// after what decoded was printed: it says so.
func partialError(err error) error {
	return userErrorf("%s — what is printed above is what decoded", explain.Of(err).What)
}

// printer writes records as readable text; every string from the network
// goes through sanitize.
type printer struct {
	w   io.Writer
	env orcid.Environment
	id  orcid.ID
}

func (p *printer) f(format string, a ...any) { fmt.Fprintf(p.w, format, a...) }

func clean(s string) string { return strings.TrimSpace(sanitize.Line(s)) }

func (p *printer) record(r *orcid.Record) {
	uri := ""
	if r.ORCIDIdentifier != nil {
		uri = clean(r.ORCIDIdentifier.URI)
	}
	if uri == "" {
		uri = strings.TrimRight(p.env.RegistryURL, "/") + "/" + string(p.id)
	}
	if r.Person != nil {
		p.person(r.Person, false)
	} else {
		p.f("(name not public)\n")
	}
	p.f("%s\n", uri)
	if r.History != nil && r.History.DeactivationDate != nil && r.History.DeactivationDate.Millis != 0 {
		p.f("deactivated\n")
	}
	if r.Person != nil {
		p.biography(r.Person.Biography, 3)
		p.personDetails(r.Person)
	}
	if a := r.ActivitiesSummary; a != nil {
		p.f("\n")
		p.counts(a)
		p.activities(a)
	}
}

// personName is the display name of a person, by the rule the TUI uses
// too (orcid.DisplayName): the credit name, else given and family names.
func personName(n *orcid.Name) string {
	return clean(n.Display())
}

// person prints the person section; full adds every list (the person
// section view), otherwise only the name and other names.
func (p *printer) person(ps *orcid.Person, full bool) {
	name := personName(ps.Name)
	if name == "" {
		name = "(name not public)"
	}
	p.f("%s\n", name)
	if ps.Name != nil {
		if full := clean(orcid.DisplayName("", ps.Name.GivenNames.String(), ps.Name.FamilyName.String())); full != "" && full != name {
			p.f("given and family names: %s\n", full)
		}
	}
	if ps.OtherNames != nil && len(ps.OtherNames.OtherName) > 0 {
		var names []string
		for _, o := range ps.OtherNames.OtherName {
			names = append(names, clean(o.Content))
		}
		p.f("also known as: %s\n", strings.Join(names, "; "))
	}
	if !full {
		return
	}
	p.f("%s/%s\n", strings.TrimRight(p.env.RegistryURL, "/"), p.id)
	p.biography(ps.Biography, 0)
	p.personDetails(ps)
}

// personDetails prints the person's keywords, emails, countries, websites
// and identifiers, one kind per line or one item per line.
func (p *printer) personDetails(ps *orcid.Person) {
	if ps.Keywords != nil && len(ps.Keywords.Keyword) > 0 {
		var kw []string
		for _, k := range ps.Keywords.Keyword {
			kw = append(kw, clean(k.Content))
		}
		p.f("keywords: %s\n", strings.Join(kw, "; "))
	}
	if ps.Emails != nil {
		for _, e := range ps.Emails.Email {
			p.f("email: %s\n", clean(e.Email))
		}
	}
	if ps.Addresses != nil {
		var cs []string
		for _, a := range ps.Addresses.Address {
			cs = append(cs, clean(a.Country.String()))
		}
		if len(cs) > 0 {
			p.f("countries: %s\n", strings.Join(cs, ", "))
		}
	}
	if ps.ResearcherURLs != nil {
		for _, u := range ps.ResearcherURLs.ResearcherURL {
			label := clean(u.URLName)
			if label != "" {
				label += ": "
			}
			p.f("website: %s%s\n", label, clean(u.URL.String()))
		}
	}
	if ps.ExternalIdentifiers != nil {
		for _, x := range ps.ExternalIdentifiers.ExternalIdentifier {
			p.f("identifier: %s %s\n", clean(x.Type), clean(x.Value))
		}
	}
}

// biography prints the biography, limited to max lines (0: all).
func (p *printer) biography(b *orcid.Biography, max int) {
	if b == nil || strings.TrimSpace(b.Content) == "" {
		return
	}
	var lines []string
	for _, l := range strings.Split(sanitize.Text(b.Content), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	more := false
	if max > 0 && len(lines) > max {
		lines, more = lines[:max], true
	}
	p.f("\n")
	for _, l := range lines {
		if max > 0 {
			l = sanitize.Truncate(l, 160)
		}
		p.f("  %s\n", l)
	}
	if more {
		p.f("  …\n")
	}
}

// counts prints the number of items in every activity section, counted as
// ORCID's pages count them (one per group).
func (p *printer) counts(a *orcid.ActivitiesSummary) {
	n := a.Counts()
	p.f("Works %d · Fundings %d · Peer reviews %d · Research resources %d\n", n.Works, n.Fundings, n.PeerReviews, n.ResearchResources)
	p.f("Employments %d · Educations %d · Qualifications %d · Invited positions %d · Distinctions %d · Memberships %d · Services %d\n",
		n.Employments, n.Educations, n.Qualifications, n.InvitedPositions, n.Distinctions, n.Memberships, n.Services)
}

// activities prints every non-empty activity section.
func (p *printer) activities(a *orcid.ActivitiesSummary) {
	for _, s := range []struct {
		name string
		aff  *orcid.Affiliations
	}{
		{"employments", a.Employments}, {"educations", a.Educations}, {"qualifications", a.Qualifications},
		{"invited-positions", a.InvitedPositions}, {"distinctions", a.Distinctions},
		{"memberships", a.Memberships}, {"services", a.Services},
	} {
		if s.aff.Count() > 0 {
			p.f("\n")
			p.affiliations(s.name, s.aff)
		}
	}
	if a.Works != nil && len(a.Works.Group) > 0 {
		p.f("\n")
		p.works(a.Works)
	}
	if a.Fundings != nil && len(a.Fundings.Group) > 0 {
		p.f("\n")
		p.fundings(a.Fundings)
	}
	if a.PeerReviews != nil && len(a.PeerReviews.Group) > 0 {
		p.f("\n")
		p.peerReviews(a.PeerReviews)
	}
	if a.ResearchResources != nil && len(a.ResearchResources.Group) > 0 {
		p.f("\n")
		p.researchResources(a.ResearchResources)
	}
}

var sectionTitles = map[string]string{
	"employments": "Employments", "educations": "Educations", "qualifications": "Qualifications",
	"invited-positions": "Invited positions", "distinctions": "Distinctions",
	"memberships": "Memberships", "services": "Services",
}

// affiliations prints org, role, department and dates of each affiliation.
func (p *printer) affiliations(section string, a *orcid.Affiliations) {
	list := a.Preferred()
	p.f("%s (%d)\n", sectionTitles[section], len(list))
	for _, s := range list {
		org := ""
		place := ""
		if s.Organization != nil {
			org = clean(s.Organization.Name)
			if ad := s.Organization.Address; ad != nil {
				place = strings.Trim(clean(ad.City)+", "+clean(ad.Country), ", ")
			}
		}
		if org == "" {
			org = "(no organisation)"
		}
		line := org
		if place != "" {
			line += " (" + place + ")"
		}
		role := clean(s.RoleTitle)
		if dept := clean(s.DepartmentName); dept != "" {
			role = strings.Trim(role+", "+dept, ", ")
		}
		if role != "" {
			line += " — " + role
		}
		if d := dateRange(s.StartDate, s.EndDate); d != "" {
			line += " — " + d
		}
		p.f("  %s\n", line)
	}
}

// dateRange is "2001-09 to present", "2001 to 2005", or "".
func dateRange(start, end *orcid.FuzzyDate) string {
	s, e := fuzzyDate(start), fuzzyDate(end)
	switch {
	case s == "" && e == "":
		return ""
	case e == "":
		return s + " to present"
	case s == "":
		return "until " + e
	}
	return s + " to " + e
}

// fuzzyDate is "2001", "2001-09" or "2001-09-30".
func fuzzyDate(d *orcid.FuzzyDate) string {
	if d == nil {
		return ""
	}
	out := clean(d.Year.String())
	if out == "" {
		return ""
	}
	if m := clean(d.Month.String()); m != "" {
		out += "-" + m
		if day := clean(d.Day.String()); day != "" {
			out += "-" + day
		}
	}
	return out
}

func year(d *orcid.FuzzyDate) string {
	if d == nil {
		return ""
	}
	return clean(d.Year.String())
}

// doi is the list's DOI (a "self" one preferred), safe to print.
func doi(x *orcid.ExternalIDs) string { return clean(x.DOI()) }

func title(t *orcid.WorkTitle) string {
	if t == nil {
		return ""
	}
	s := clean(t.Title.String())
	if sub := clean(t.Subtitle.String()); sub != "" {
		s += ": " + sub
	}
	if s == "" {
		return "(untitled)"
	}
	return s
}

// works prints one line per work (the preferred summary of each group):
// year, type, title, DOI.
func (p *printer) works(w *orcid.Works) {
	p.f("Works (%d)\n", len(w.Group))
	for _, g := range w.Group {
		if len(g.WorkSummary) == 0 {
			continue
		}
		s := g.WorkSummary[0]
		line := fmt.Sprintf("  %-4s  %-18s  %s", year(s.PublicationDate), clean(s.Type), title(s.Title))
		if d := doi(s.ExternalIDs); d != "" {
			line += "  doi:" + d
		} else if d := doi(g.ExternalIDs); d != "" {
			line += "  doi:" + d
		}
		p.f("%s\n", strings.TrimRight(line, " "))
	}
}

// fullWork prints a full work with its journal, DOI and contributors.
func (p *printer) fullWork(w *orcid.Work) {
	p.f("  %-4s  %-18s  %s\n", year(w.PublicationDate), clean(w.Type), title(w.Title))
	if j := clean(w.JournalTitle.String()); j != "" {
		p.f("        journal: %s\n", j)
	}
	if d := doi(w.ExternalIDs); d != "" {
		p.f("        DOI: %s\n", d)
	}
	if cs := contributorList(w.Contributors); cs != "" {
		p.f("        contributors: %s\n", cs)
	}
}

// contributorList is "Name (iD, sequence, role); …" for a work's or a
// funding's contributors, "" when there are none.
func contributorList(list *orcid.Contributors) string {
	if list == nil {
		return ""
	}
	var cs []string
	for _, c := range list.Contributor {
		name := clean(c.CreditName.String())
		if name == "" {
			name = "(unnamed)"
		}
		var extra []string
		if c.ContributorORCID != nil && c.ContributorORCID.Path != "" {
			extra = append(extra, clean(c.ContributorORCID.Path))
		}
		if at := c.ContributorAttributes; at != nil {
			if v := clean(at.Sequence); v != "" {
				extra = append(extra, v)
			}
			if v := clean(at.Role); v != "" {
				extra = append(extra, v)
			}
		}
		if len(extra) > 0 {
			name += " (" + strings.Join(extra, ", ") + ")"
		}
		cs = append(cs, name)
	}
	return strings.Join(cs, "; ")
}

func (p *printer) fundings(f *orcid.Fundings) {
	p.f("Fundings (%d)\n", len(f.Group))
	for _, g := range f.Group {
		if len(g.FundingSummary) == 0 {
			continue
		}
		s := g.FundingSummary[0]
		line := fmt.Sprintf("  %-4s  %-18s  %s", year(s.StartDate), clean(s.Type), title(s.Title))
		if s.Organization != nil && clean(s.Organization.Name) != "" {
			line += " — " + clean(s.Organization.Name)
		}
		p.f("%s\n", line)
	}
}

func (p *printer) peerReviews(r *orcid.PeerReviews) {
	total := 0
	for _, g := range r.Group {
		for _, sg := range g.PeerReviewGroup {
			total += len(sg.PeerReviewSummary)
		}
	}
	p.f("Peer reviews (%d in %d groups)\n", total, len(r.Group))
	for _, g := range r.Group {
		n, groupID, org, role, last := 0, "", "", "", ""
		for _, sg := range g.PeerReviewGroup {
			for _, s := range sg.PeerReviewSummary {
				n++
				if groupID == "" {
					groupID = clean(s.ReviewGroupID)
				}
				if org == "" && s.ConveningOrganization != nil {
					org = clean(s.ConveningOrganization.Name)
				}
				if role == "" {
					role = clean(s.ReviewerRole)
				}
				if y := year(s.CompletionDate); y > last {
					last = y
				}
			}
		}
		line := fmt.Sprintf("  %-4s  %d × %s  %s", last, n, role, groupID)
		if org != "" {
			line += " — " + org
		}
		p.f("%s\n", line)
	}
}

func (p *printer) researchResources(r *orcid.ResearchResources) {
	p.f("Research resources (%d)\n", len(r.Group))
	for _, g := range r.Group {
		if len(g.ResearchResourceSummary) == 0 {
			continue
		}
		s := g.ResearchResourceSummary[0]
		if s.Proposal == nil {
			p.f("  (no proposal)\n")
			continue
		}
		line := fmt.Sprintf("  %-4s  %s", year(s.Proposal.StartDate), title(s.Proposal.Title))
		if h := s.Proposal.Hosts; h != nil {
			var hosts []string
			for _, o := range h.Organization {
				hosts = append(hosts, clean(o.Name))
			}
			if len(hosts) > 0 {
				line += " — " + strings.Join(hosts, "; ")
			}
		}
		p.f("%s\n", line)
	}
}

// plural is "1 request", "26 requests".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
