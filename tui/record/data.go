package record

import (
	"strconv"
	"strings"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// item is one row of a tab before it is laid out for a width: sanitised
// cells plus what o/y/enter act on.
type item struct {
	cells []string
	link  string   // what o opens (a URL)
	copy  string   // what y copies ("" = link)
	what  string   // what it is, for "copied DOI"
	open  orcid.ID // enter opens this record
	wrap  bool     // person tab: wrap the value instead of truncating

	// What a, e and d act on (see write.go): the item's kind and put-code
	// (0: not a writable item), the client that added it, its visibility,
	// and its name for the delete confirmation.
	kind    orcid.ItemKind
	putCode int64
	source  string
	vis     string
	label   string
	own     bool // marked as this client's (ownMark)
	orig    any  // a person item as decoded, to fill the form that edits it
	// modified is the item's last-modified-date (ms, 0: none): a kept
	// draft made from an older version says so when brought back.
	modified int64
}

// workRow is one work group of the works tab, sanitised, with its sort and
// filter keys.
type workRow struct {
	item
	putCode int64  // the preferred (first) summary's put-code
	date    string // "2019-05-01", for sorting
	year    int
	typ     string // ORCID's type, e.g. "journal-article"
	title   string
	ltitle  string // lower-cased title, for sorting
	key     string // lower-cased title, journal, DOI and type, for filtering
}

// recData is everything the tabs draw, derived once from a decoded record in
// the command that fetched it.
type recData struct {
	name   string
	family string // the family name, for export file names
	person []item
	// personDoc is the decoded person section, changed in place by a
	// write so its rows can be built again before the re-read.
	personDoc *orcid.Person
	works     []workRow
	lists     [numTabs][]item // affiliation, funding, peer review, resources
	counts    [numTabs]int
}

var affSections = map[tabID]func(*orcid.ActivitiesSummary) *orcid.Affiliations{
	tabEmployment:     func(a *orcid.ActivitiesSummary) *orcid.Affiliations { return a.Employments },
	tabEducation:      func(a *orcid.ActivitiesSummary) *orcid.Affiliations { return a.Educations },
	tabQualifications: func(a *orcid.ActivitiesSummary) *orcid.Affiliations { return a.Qualifications },
	tabInvited:        func(a *orcid.ActivitiesSummary) *orcid.Affiliations { return a.InvitedPositions },
	tabDistinctions:   func(a *orcid.ActivitiesSummary) *orcid.Affiliations { return a.Distinctions },
	tabMemberships:    func(a *orcid.ActivitiesSummary) *orcid.Affiliations { return a.Memberships },
	tabService:        func(a *orcid.ActivitiesSummary) *orcid.Affiliations { return a.Services },
}

func buildData(rec *orcid.Record, env orcid.Environment, id orcid.ID) *recData {
	d := &recData{}
	if rec == nil {
		return d
	}
	if rec.Person != nil {
		d.name = displayName(rec.Person.Name)
		if n := rec.Person.Name; n != nil {
			d.family = val(n.FamilyName)
		}
	}
	d.person = personItems(rec.Person, env, id)
	d.personDoc = rec.Person
	a := rec.ActivitiesSummary
	if a == nil {
		a = &orcid.ActivitiesSummary{}
	}
	d.works = workRows(a.Works)
	d.counts[tabWorks] = len(d.works)
	for t, get := range affSections {
		d.lists[t] = affItems(get(a))
		for i := range d.lists[t] {
			d.lists[t][i].kind = tabKinds[t]
		}
		d.counts[t] = len(d.lists[t])
	}
	d.lists[tabFunding] = fundingItems(a.Fundings)
	d.counts[tabFunding] = len(d.lists[tabFunding])
	d.lists[tabPeerReview] = reviewItems(a.PeerReviews)
	d.counts[tabPeerReview] = len(d.lists[tabPeerReview])
	d.lists[tabResources] = resourceItems(a.ResearchResources)
	d.counts[tabResources] = len(d.lists[tabResources])
	return d
}

func personItems(p *orcid.Person, env orcid.Environment, id orcid.ID) []item {
	uri := env.IDURI(id)
	out := []item{{cells: []string{"ORCID iD", uri}, link: uri, copy: string(id), what: "iD"}}
	if p == nil {
		return out
	}
	add := func(label, value string, it item) {
		if value == "" {
			return
		}
		it.cells = []string{label, value}
		out = append(out, it)
	}
	// Each person item has a row of its own (so e and d can act on it);
	// the label is on the first row of its section only.
	section := func(label string) func() string {
		return func() string { l := label; label = ""; return l }
	}
	if n := p.Name; n != nil {
		mark := visMark(n.Visibility)
		add("Given names", marked(mark, val(n.GivenNames)), item{})
		add("Family name", marked(mark, val(n.FamilyName)), item{})
		add("Published as", marked(mark, val(n.CreditName)), item{})
	} else {
		add("Name", "(not public)", item{})
	}
	if p.OtherNames != nil {
		label := section("Other names")
		for i := range p.OtherNames.OtherName {
			o := &p.OtherNames.OtherName[i]
			if s := line(o.Content); s != "" {
				it := item{wrap: true, orig: o}
				it.writable(orcid.KindOtherName, o.PutCode, o.Source, o.Visibility, s)
				it.modified = stampMillis(o.LastModifiedDate)
				add(label(), visMark(o.Visibility)+s, it)
			}
		}
	}
	if p.Biography != nil {
		if bio := strings.TrimSpace(text(p.Biography.Content)); bio != "" {
			add("Biography", visMark(p.Biography.Visibility)+bio, item{wrap: true})
		}
	}
	if p.Keywords != nil {
		label := section("Keywords")
		for i := range p.Keywords.Keyword {
			k := &p.Keywords.Keyword[i]
			if s := line(k.Content); s != "" {
				it := item{wrap: true, orig: k}
				it.writable(orcid.KindKeyword, k.PutCode, k.Source, k.Visibility, s)
				it.modified = stampMillis(k.LastModifiedDate)
				add(label(), visMark(k.Visibility)+s, it)
			}
		}
	}
	if p.ResearcherURLs != nil {
		label := section("Websites")
		for i := range p.ResearcherURLs.ResearcherURL {
			u := &p.ResearcherURLs.ResearcherURL[i]
			link := val(u.URL)
			v := link
			if n := line(u.URLName); n != "" {
				v = n + "  " + link
			}
			if v == "" {
				continue
			}
			it := item{link: link, what: "URL", orig: u}
			it.writable(orcid.KindResearcherURL, u.PutCode, u.Source, u.Visibility, v)
			it.modified = stampMillis(u.LastModifiedDate)
			add(label(), visMark(u.Visibility)+v, it)
		}
	}
	if p.Emails != nil {
		label := section("Emails")
		for _, e := range p.Emails.Email {
			addr := line(e.Email)
			if addr == "" {
				continue
			}
			add(label(), visMark(e.Visibility)+addr, item{link: "mailto:" + addr, copy: addr, what: "email"})
		}
	}
	if p.Addresses != nil {
		label := section("Countries")
		for i := range p.Addresses.Address {
			a := &p.Addresses.Address[i]
			if c := val(a.Country); c != "" {
				it := item{orig: a}
				it.writable(orcid.KindAddress, a.PutCode, a.Source, a.Visibility, c)
				it.modified = stampMillis(a.LastModifiedDate)
				add(label(), visMark(a.Visibility)+c, it)
			}
		}
	}
	if p.ExternalIdentifiers != nil {
		label := section("Identifiers")
		for i := range p.ExternalIdentifiers.ExternalIdentifier {
			x := &p.ExternalIdentifiers.ExternalIdentifier[i]
			v := strings.TrimSpace(line(x.Type) + "  " + line(x.Value))
			if v == "" {
				continue
			}
			it := item{link: val(x.URL), copy: line(x.Value), what: "identifier", orig: x}
			it.writable(orcid.KindExternalIdentifier, x.PutCode, x.Source, x.Visibility, v)
			it.modified = stampMillis(x.LastModifiedDate)
			add(label(), visMark(x.Visibility)+v, it)
		}
	}
	return out
}

// marked puts an item's visibility mark before a value; nothing stays
// nothing, so add still skips an empty value.
func marked(mark, value string) string {
	if value == "" {
		return ""
	}
	return mark + value
}

func workRows(w *orcid.Works) []workRow {
	if w == nil {
		return nil
	}
	out := make([]workRow, 0, len(w.Group))
	for _, g := range w.Group {
		s := g.Preferred() // the one summary exports write too (export.PutCodes)
		if s == nil {
			continue
		}
		r := workRow{putCode: s.PutCode, typ: line(s.Type)}
		r.title = titleOf(s.Title)
		r.ltitle = strings.ToLower(r.title)
		r.date = fuzzy(s.PublicationDate)
		r.year = yearNum(r.date)
		journal := val(s.JournalTitle)
		doi := findExtID(s.ExternalIDs, "doi")
		if doi == "" {
			doi = findExtID(g.ExternalIDs, "doi")
		}
		doi = bareDOI(doi)
		yr := ""
		if r.year > 0 {
			yr = strconv.Itoa(r.year)
		}
		title := r.title
		if title == "" {
			title = "(untitled)"
		}
		r.cells = []string{yr, shortType(r.typ), visMark(s.Visibility) + title, journal, doi}
		r.item.writable(orcid.KindWork, s.PutCode, s.Source, s.Visibility, r.title)
		r.modified = stampMillis(s.LastModified)
		switch {
		case doi != "":
			r.link, r.copy, r.what = doiURL(doi), doi, "DOI"
		case val(s.URL) != "":
			r.link, r.what = val(s.URL), "URL"
		}
		r.key = strings.ToLower(r.title + "\x00" + journal + "\x00" + doi + "\x00" + r.typ + "\x00" + r.cells[1] + "\x00" + yr)
		out = append(out, r)
	}
	return out
}

func affItems(a *orcid.Affiliations) []item {
	if a == nil {
		return nil
	}
	var out []item
	for _, g := range a.AffiliationGroup {
		for _, s := range g.Summaries {
			it := item{cells: []string{
				visMark(s.Visibility) + orgName(s.Organization),
				line(s.RoleTitle),
				line(s.DepartmentName),
				dateRange(s.StartDate, s.EndDate),
				place(s.Organization),
			}}
			it.writable("", s.PutCode, s.Source, s.Visibility, orgName(s.Organization))
			it.modified = stampMillis(s.LastModifiedDate)
			if u := val(s.URL); u != "" {
				it.link, it.what = u, "URL"
			} else if u := orgLink(s.Organization); u != "" {
				it.link, it.what = u, "organisation id"
			}
			out = append(out, it)
		}
	}
	return out
}

func fundingItems(f *orcid.Fundings) []item {
	if f == nil {
		return nil
	}
	var out []item
	for _, g := range f.Group {
		if len(g.FundingSummary) == 0 {
			continue
		}
		s := &g.FundingSummary[0]
		grant := findExtID(s.ExternalIDs, "grant_number")
		it := item{cells: []string{
			visMark(s.Visibility) + titleOf(s.Title),
			humanise(line(s.Type)),
			orgName(s.Organization),
			dateRange(s.StartDate, s.EndDate),
			grant,
		}}
		it.writable(orcid.KindFunding, s.PutCode, s.Source, s.Visibility, titleOf(s.Title))
		it.modified = stampMillis(s.LastModifiedDate)
		if u := val(s.URL); u != "" {
			it.link, it.what = u, "URL"
		} else {
			for _, x := range extIDs(s.ExternalIDs) {
				if u := extIDURL(x); u != "" {
					it.link, it.what = u, "URL"
					break
				}
			}
		}
		out = append(out, it)
	}
	return out
}

func reviewItems(p *orcid.PeerReviews) []item {
	if p == nil {
		return nil
	}
	var out []item
	for _, g := range p.Group {
		for _, sg := range g.PeerReviewGroup {
			for _, s := range sg.PeerReviewSummary {
				it := item{putCode: s.PutCode, cells: []string{
					fuzzy(s.CompletionDate),
					humanise(line(s.ReviewerRole)),
					humanise(line(s.ReviewType)),
					visMark(s.Visibility) + line(s.ReviewGroupID),
					orgName(s.ConveningOrganization),
				}}
				if u := val(s.ReviewURL); u != "" {
					it.link, it.what = u, "URL"
				}
				out = append(out, it)
			}
		}
	}
	return out
}

func resourceItems(r *orcid.ResearchResources) []item {
	if r == nil {
		return nil
	}
	var out []item
	for _, g := range r.Group {
		for _, s := range g.ResearchResourceSummary {
			p := s.Proposal
			if p == nil {
				p = &orcid.Proposal{}
			}
			var hosts []string
			if p.Hosts != nil {
				for i := range p.Hosts.Organization {
					if n := orgName(&p.Hosts.Organization[i]); n != "" {
						hosts = append(hosts, n)
					}
				}
			}
			it := item{putCode: s.PutCode, cells: []string{
				visMark(s.Visibility) + titleOf(p.Title),
				strings.Join(hosts, "; "),
				dateRange(p.StartDate, p.EndDate),
			}}
			if u := val(p.URL); u != "" {
				it.link, it.what = u, "URL"
			}
			out = append(out, it)
		}
	}
	return out
}

// detailItems lays out one full work as label/value items for the detail
// view. It runs in Update (one work: cheap).
func detailItems(w *orcid.Work, env orcid.Environment) []item {
	var out []item
	add := func(label, value string, it item) {
		if value == "" {
			return
		}
		it.cells = []string{label, value}
		out = append(out, it)
	}
	add("Title", titleOf(w.Title), item{wrap: true})
	add("Subtitle", subtitleOf(w.Title), item{wrap: true})
	if w.Title != nil && w.Title.TranslatedTitle != nil {
		tt := line(w.Title.TranslatedTitle.Value)
		if lc := line(w.Title.TranslatedTitle.LanguageCode); lc != "" && tt != "" {
			tt += " (" + lc + ")"
		}
		add("Translated", tt, item{wrap: true})
	}
	add("Journal", val(w.JournalTitle), item{wrap: true})
	add("Type", humanise(line(w.Type)), item{})
	add("Date", fuzzy(w.PublicationDate), item{})
	add("Language", line(w.LanguageCode), item{})
	add("Country", val(w.Country), item{})
	if u := val(w.URL); u != "" {
		add("URL", u, item{link: u, what: "URL"})
	}
	f := fields(out)
	f.extIDs("Identifiers", w.ExternalIDs)
	f.contributors("Contributors", w.Contributors, env)
	out = f
	add("Description", strings.TrimSpace(text(w.ShortDescription)), item{wrap: true})
	if s := w.Source; s != nil {
		add("Source", val(s.SourceName), item{})
	}
	add("Visibility", visName(w.Visibility), item{})
	add("Put-code", strconv.FormatInt(w.PutCode, 10), item{})
	if c := w.Citation; c != nil && strings.TrimSpace(c.Value) != "" {
		add("Citation type", humanise(line(c.Type)), item{})
		add("Citation", strings.TrimSpace(text(c.Value)), item{wrap: true, copy: strings.TrimSpace(text(c.Value)), what: "citation"})
	}
	return out
}
