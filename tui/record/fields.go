package record

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// Small nil-safe readers of the decoded documents. Every string they return
// is sanitised: they are the only way network text reaches the rows.

func line(s string) string { return sanitize.Line(strings.TrimSpace(s)) }

// text sanitises multi-line text, keeping line breaks.
func text(s string) string { return sanitize.Text(s) }

func val(v *orcid.Value) string {
	if v == nil {
		return ""
	}
	return line(v.Value)
}

// fuzzy formats a fuzzy date as "2019-05-01", "2019-05" or "2019".
func fuzzy(d *orcid.FuzzyDate) string { return line(d.String()) }

// dateRange is "2019-09 – present", "2015 – 2019", or "" when no dates.
func dateRange(start, end *orcid.FuzzyDate) string {
	s, e := fuzzy(start), fuzzy(end)
	switch {
	case s == "" && e == "":
		return ""
	case e == "":
		return s + " – present"
	case s == "":
		return "– " + e
	}
	return s + " – " + e
}

func titleOf(t *orcid.WorkTitle) string {
	if t == nil {
		return ""
	}
	return val(t.Title)
}

func subtitleOf(t *orcid.WorkTitle) string {
	if t == nil {
		return ""
	}
	return val(t.Subtitle)
}

// displayName is the credit name, else given and family names: the rule
// the CLI uses too (orcid.DisplayName).
func displayName(n *orcid.Name) string {
	return line(n.Display())
}

// place is "City, Region, Country" with empty parts left out.
func place(o *orcid.Organization) string {
	if o == nil || o.Address == nil {
		return ""
	}
	var parts []string
	for _, p := range []string{o.Address.City, o.Address.Region, o.Address.Country} {
		if p = line(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

func orgName(o *orcid.Organization) string {
	if o == nil {
		return ""
	}
	return line(o.Name)
}

// orgLink is a URL for the disambiguated organisation when it is one (ROR
// ids are URLs already).
func orgLink(o *orcid.Organization) string {
	if o == nil || o.DisambiguatedOrganization == nil {
		return ""
	}
	id := line(o.DisambiguatedOrganization.Identifier)
	if strings.HasPrefix(id, "https://") {
		return id
	}
	return ""
}

func extIDs(e *orcid.ExternalIDs) []orcid.ExternalID {
	if e == nil {
		return nil
	}
	return e.ExternalID
}

// findExtID returns the value of the first external id of type typ.
func findExtID(e *orcid.ExternalIDs, typ string) string {
	for _, x := range extIDs(e) {
		if strings.EqualFold(x.Type, typ) {
			if n := val(x.Normalized); n != "" {
				return n
			}
			return line(x.Value)
		}
	}
	return ""
}

// extIDURL is the URL of an external id: its own, or a resolver for the
// well-known types.
func extIDURL(x orcid.ExternalID) string {
	if u := val(x.URL); u != "" {
		return u
	}
	v := line(x.Value)
	if v == "" {
		return ""
	}
	switch strings.ToLower(x.Type) {
	case "doi":
		return doiURL(v)
	case "pmid":
		return "https://pubmed.ncbi.nlm.nih.gov/" + v
	case "pmc":
		return "https://www.ncbi.nlm.nih.gov/pmc/articles/" + v
	case "arxiv":
		return "https://arxiv.org/abs/" + strings.TrimPrefix(strings.ToLower(v), "arxiv:")
	case "handle":
		return "https://hdl.handle.net/" + v
	case "uri", "url":
		return v
	}
	return ""
}

// doiURL turns a DOI (bare or as a URL) into its https://doi.org/ URL.
func doiURL(doi string) string {
	d := strings.TrimSpace(doi)
	lower := strings.ToLower(d)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"} {
		if strings.HasPrefix(lower, p) {
			d = d[len(p):]
			break
		}
	}
	if d == "" {
		return ""
	}
	return orcid.DOIURL(d)
}

// bareDOI strips a resolver prefix from a DOI.
func bareDOI(doi string) string {
	if u := doiURL(doi); u != "" {
		return strings.TrimPrefix(u, "https://doi.org/")
	}
	return ""
}

// year is the leading year of a formatted fuzzy date, as a number for
// sorting (0 when missing).
func yearNum(date string) int {
	if len(date) < 4 {
		return 0
	}
	n, err := strconv.Atoi(date[:4])
	if err != nil {
		return 0
	}
	return n
}

// typeShort gives every ORCID work type (API 3.0, and the 2.x upper-case
// spellings once normalised) a label of at most typeW cells, so the works
// list never shows "lecture s…". The detail view keeps the full type.
var typeShort = map[string]string{
	"annotation":                     "annotation",
	"artistic-performance":           "performance",
	"blog-post":                      "blog post",
	"book":                           "book",
	"book-chapter":                   "chapter",
	"book-review":                    "book review",
	"cartographic-material":          "map",
	"conference-abstract":            "abstract",
	"conference-output":              "conference",
	"conference-paper":               "conf paper",
	"conference-poster":              "poster",
	"conference-presentation":        "conf talk",
	"conference-proceedings":         "proceedings",
	"data-management-plan":           "data plan",
	"data-set":                       "dataset",
	"design":                         "design",
	"dictionary-entry":               "dict entry",
	"disclosure":                     "disclosure",
	"dissertation":                   "thesis",
	"dissertation-thesis":            "thesis",
	"edited-book":                    "edited book",
	"encyclopedia-entry":             "encyc entry",
	"image":                          "image",
	"invention":                      "invention",
	"journal-article":                "article",
	"journal-issue":                  "issue",
	"learning-object":                "learning",
	"lecture-speech":                 "lecture",
	"license":                        "license",
	"magazine-article":               "magazine",
	"manual":                         "manual",
	"mark":                           "mark",
	"moving-image":                   "video",
	"musical-composition":            "music",
	"newsletter-article":             "newsletter",
	"newspaper-article":              "newspaper",
	"online-resource":                "online",
	"other":                          "other",
	"patent":                         "patent",
	"physical-object":                "object",
	"preprint":                       "preprint",
	"public-speech":                  "speech",
	"registered-copyright":           "copyright",
	"report":                         "report",
	"research-technique":             "technique",
	"research-tool":                  "tool",
	"review":                         "review",
	"software":                       "software",
	"sound":                          "sound",
	"spin-off-company":               "spin-off",
	"standards-and-policy":           "standards",
	"supervised-student-publication": "supervised",
	"technical-standard":             "standard",
	"test":                           "test",
	"trademark":                      "trademark",
	"translation":                    "translation",
	"undefined":                      "undefined",
	"website":                        "website",
	"working-paper":                  "work paper",
}

// typeW is the width of the works list's type column: the longest label.
const typeW = 11

func shortType(t string) string {
	k := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(t)), "_", "-")
	if s, ok := typeShort[k]; ok {
		return s
	}
	return strings.ReplaceAll(k, "-", " ")
}

// humanise turns ORCID's "invited-position" style words into "invited position".
func humanise(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), "-", " ")
}

// truncate cuts s to at most w cells, with an ellipsis.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return common.Truncate(s, w, "…")
}

// wrap breaks plain text into lines of at most w cells, keeping paragraph
// breaks.
func wrap(s string, w int) []string {
	if w < 1 {
		w = 1
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		para = strings.TrimRight(para, " ")
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, strings.Split(ansi.Wrap(para, w, "-"), "\n")...)
	}
	return out
}
