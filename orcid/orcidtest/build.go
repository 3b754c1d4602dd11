package orcidtest

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// site is where a Server's registry lives; iD URIs and client URIs point there.
type site struct {
	base string // "http://127.0.0.1:41234"
	host string // "127.0.0.1:41234"
}

func (s site) ident(id string) *orcid.Identifier {
	return &orcid.Identifier{URI: s.base + "/" + id, Path: id, Host: s.host}
}

// memberClient is an API client that adds items to records (Crossref,
// DataCite, a university's CRIS ...).
type memberClient struct{ ID, Name string }

var (
	crossref       = memberClient{"APP-CR0SSREF00000001", "Crossref"}
	datacite       = memberClient{"APP-DATAC1TE00000002", "DataCite"}
	publons        = memberClient{"APP-REV1EWERC0000003", "Web of Science Reviewer Recognition Service"}
	scopusWiz      = memberClient{"APP-SC0PUS0000000004", "Scopus - Elsevier"}
	universityCRIS = memberClient{"APP-UN1VERS1TYCR1S05", "Brown University Research Information System"}
)

// built is one record and indexes of its items by put-code.
type built struct {
	spec      *personSpec
	rec       *orcid.Record
	works     map[int64]*orcid.Work
	summaries map[int64]*orcid.WorkSummary
	affs      map[string]map[int64]*orcid.AffiliationSummary // by kind
	fundings  map[int64]*orcid.FundingSummary
	reviews   map[int64]*orcid.PeerReviewSummary
	resources map[int64]*orcid.ResearchResourceSummary

	// writtenFundings are the full fundings member clients wrote, by
	// put-code: a summary lacks the amount, description and contributors
	// the full read must give back.
	writtenFundings map[int64]*orcid.Funding
}

type recordBuilder struct {
	site site
	p    *personSpec
	pc   int64
	t    time.Time // advances by item, for created/modified dates
}

func ms(t time.Time) *orcid.Timestamp { return &orcid.Timestamp{Millis: t.UnixMilli()} }

func val(s string) *orcid.Value {
	if s == "" {
		return nil
	}
	return &orcid.Value{Value: s}
}

func fuzzy(s string) *orcid.FuzzyDate {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, "-")
	d := &orcid.FuzzyDate{Year: val(parts[0])}
	if len(parts) > 1 {
		d.Month = val(parts[1])
	}
	if len(parts) > 2 {
		d.Day = val(parts[2])
	}
	return d
}

func (b *recordBuilder) nextPC() int64 {
	b.pc++
	return b.pc
}

// itemTime is when an item dated date ("2019-09") was added: some weeks
// after that date, but not before the record was created nor after it was
// last modified. A small per-item offset keeps timestamps distinct.
func (b *recordBuilder) itemTime(date string) time.Time {
	b.t = b.t.Add(3*time.Hour + 17*time.Minute + 41*time.Second + 311*time.Millisecond)
	t := b.t
	if d, ok := parseFuzzy(date); ok {
		if d = d.Add(23*24*time.Hour + b.t.Sub(b.p.Created)%(24*time.Hour)); d.After(t) {
			t = d
		}
	}
	if t.After(b.p.Modified) {
		t = b.p.Modified.Add(-time.Duration(b.pc%1000) * time.Minute)
	}
	if t.Before(b.p.Created) {
		t = b.p.Created
	}
	return t
}

func parseFuzzy(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// later returns the later of ts and t as a timestamp.
func later(ts *orcid.Timestamp, t time.Time) *orcid.Timestamp {
	if ts == nil || t.UnixMilli() > ts.Millis {
		return ms(t)
	}
	return ts
}

func (b *recordBuilder) selfSource() *orcid.Source {
	name := b.p.Credit
	if name == "" {
		name = b.p.fullName()
	}
	return &orcid.Source{SourceORCID: b.site.ident(b.p.ID), SourceName: val(name)}
}

func (b *recordBuilder) clientSource(c memberClient) *orcid.Source {
	return &orcid.Source{
		SourceClientID: &orcid.Identifier{URI: b.site.base + "/client/" + c.ID, Path: c.ID, Host: b.site.host},
		SourceName:     val(c.Name),
	}
}

func (b *recordBuilder) sourceFor(name string) *orcid.Source {
	for _, c := range []memberClient{crossref, datacite, publons, scopusWiz, universityCRIS} {
		if c.Name == name {
			return b.clientSource(c)
		}
	}
	return b.selfSource()
}

// personPath is the path of a person item; pc is its put-code, already
// taken (Go evaluates the composite literal's fields in order).
func (b *recordBuilder) personPath(kind string, pc int64) string {
	return fmt.Sprintf("/%s/%s/%d", b.p.ID, kind, pc)
}

func (b *recordBuilder) path(kind string, pc int64) string {
	return fmt.Sprintf("/%s/%s/%d", b.p.ID, kind, pc)
}

func xid(typ, value, url, rel string) orcid.ExternalID {
	e := orcid.ExternalID{Type: typ, Value: value, Relationship: rel}
	if url != "" {
		e.URL = &orcid.Value{Value: url}
	}
	switch typ {
	case "doi":
		e.Normalized = &orcid.Value{Value: strings.ToLower(value), Transient: true}
	case "isbn", "pmid", "arxiv", "grant_number", "handle", "source-work-id", "issn":
		e.Normalized = &orcid.Value{Value: value, Transient: true}
	}
	return e
}

func orgOf(o org) *orcid.Organization {
	out := &orcid.Organization{Name: o.Name, Address: &orcid.OrganizationAddress{City: o.City, Region: o.Region, Country: o.Country}}
	switch {
	case o.ROR != "":
		out.DisambiguatedOrganization = &orcid.DisambiguatedOrganization{Identifier: o.ROR, Source: "ROR"}
	case o.Ringgold != "":
		out.DisambiguatedOrganization = &orcid.DisambiguatedOrganization{Identifier: o.Ringgold, Source: "RINGGOLD"}
	}
	return out
}

// build turns a spec into a record. It is deterministic: the same spec and
// site give the same record, byte for byte once serialised.
func build(st site, p *personSpec, pcBase int64) *built {
	b := &recordBuilder{site: st, p: p, pc: pcBase, t: p.Created}
	out := &built{
		spec:      p,
		works:     map[int64]*orcid.Work{},
		summaries: map[int64]*orcid.WorkSummary{},
		affs:      map[string]map[int64]*orcid.AffiliationSummary{},
		fundings:  map[int64]*orcid.FundingSummary{},
		reviews:   map[int64]*orcid.PeerReviewSummary{},
		resources: map[int64]*orcid.ResearchResourceSummary{},
	}
	id := p.ID
	rec := &orcid.Record{
		ORCIDIdentifier: st.ident(id),
		History: &orcid.History{
			CreationMethod:   p.CreatedBy,
			SubmissionDate:   ms(p.Created),
			LastModifiedDate: ms(p.Modified),
			Claimed:          true,
			// The demo's people all verified their addresses.
			VerifiedEmail:        true,
			VerifiedPrimaryEmail: true,
		},
		Path:        "/" + id,
		Preferences: &orcid.Preferences{Locale: "en"},
	}
	rec.Person = b.person()
	rec.ActivitiesSummary = b.activities(out)
	out.rec = rec
	return out
}

func (b *recordBuilder) person() *orcid.Person {
	p, id := b.p, b.p.ID
	per := &orcid.Person{
		Path:                "/" + id + "/person",
		OtherNames:          &orcid.OtherNames{OtherName: []orcid.OtherName{}, Path: "/" + id + "/other-names"},
		ResearcherURLs:      &orcid.ResearcherURLs{ResearcherURL: []orcid.ResearcherURL{}, Path: "/" + id + "/researcher-urls"},
		Emails:              &orcid.Emails{Email: []orcid.Email{}, Path: "/" + id + "/email"},
		Addresses:           &orcid.Addresses{Address: []orcid.Address{}, Path: "/" + id + "/address"},
		Keywords:            &orcid.Keywords{Keyword: []orcid.Keyword{}, Path: "/" + id + "/keywords"},
		ExternalIdentifiers: &orcid.PersonExternalIDs{ExternalIdentifier: []orcid.PersonExternalID{}, Path: "/" + id + "/external-identifiers"},
	}
	created, modified := ms(p.Created), ms(p.Modified)
	if !p.NamePrivate {
		per.Name = &orcid.Name{CreatedDate: created, LastModifiedDate: modified, GivenNames: val(p.Given), FamilyName: val(p.Family), CreditName: val(p.Credit), Visibility: "public", Path: id}
	}
	if p.Bio != "" {
		per.Biography = &orcid.Biography{CreatedDate: created, LastModifiedDate: modified, Content: p.Bio, Visibility: "public", Path: "/" + id + "/biography"}
	}
	any := false
	for _, n := range p.OtherNames {
		per.OtherNames.OtherName = append(per.OtherNames.OtherName, orcid.OtherName{CreatedDate: created, LastModifiedDate: modified, Source: b.selfSource(), Content: n, Visibility: "public", PutCode: b.nextPC(), Path: b.personPath("other-names", b.pc), DisplayIndex: len(per.OtherNames.OtherName) + 1})
		any = true
	}
	for _, u := range p.URLs {
		per.ResearcherURLs.ResearcherURL = append(per.ResearcherURLs.ResearcherURL, orcid.ResearcherURL{CreatedDate: created, LastModifiedDate: modified, Source: b.selfSource(), Visibility: "public", URLName: u.Name, URL: val(u.URL), PutCode: b.nextPC(), Path: b.personPath("researcher-urls", b.pc), DisplayIndex: len(per.ResearcherURLs.ResearcherURL) + 1})
		any = true
	}
	for i, e := range p.Emails {
		per.Emails.Email = append(per.Emails.Email, orcid.Email{CreatedDate: created, LastModifiedDate: modified, Source: b.selfSource(), Visibility: "public", Email: e, Primary: i == 0, Verified: true})
		any = true
	}
	for _, c := range p.Countries {
		per.Addresses.Address = append(per.Addresses.Address, orcid.Address{CreatedDate: created, LastModifiedDate: modified, Source: b.selfSource(), Visibility: "public", Country: val(c), PutCode: b.nextPC(), Path: b.personPath("address", b.pc), DisplayIndex: len(per.Addresses.Address) + 1})
		any = true
	}
	for _, k := range p.Keywords {
		per.Keywords.Keyword = append(per.Keywords.Keyword, orcid.Keyword{CreatedDate: created, LastModifiedDate: modified, Source: b.selfSource(), Visibility: "public", Content: k, PutCode: b.nextPC(), Path: b.personPath("keywords", b.pc), DisplayIndex: len(per.Keywords.Keyword) + 1})
		any = true
	}
	for _, x := range p.ExtIDs {
		per.ExternalIdentifiers.ExternalIdentifier = append(per.ExternalIdentifiers.ExternalIdentifier,
			orcid.PersonExternalID{CreatedDate: created, LastModifiedDate: modified, Source: b.selfSource(), Visibility: "public", Type: x.Type, Value: x.Value, URL: val(x.URL), Relationship: "self", PutCode: b.nextPC(), Path: b.personPath("external-identifiers", b.pc), DisplayIndex: len(per.ExternalIdentifiers.ExternalIdentifier) + 1})
		any = true
	}
	if any || per.Name != nil || per.Biography != nil {
		per.LastModifiedDate = modified
	}
	if len(p.OtherNames) > 0 {
		per.OtherNames.LastModifiedDate = modified
	}
	if len(p.URLs) > 0 {
		per.ResearcherURLs.LastModifiedDate = modified
	}
	if len(p.Emails) > 0 {
		per.Emails.LastModifiedDate = modified
	}
	if len(p.Countries) > 0 {
		per.Addresses.LastModifiedDate = modified
	}
	if len(p.Keywords) > 0 {
		per.Keywords.LastModifiedDate = modified
	}
	if len(p.ExtIDs) > 0 {
		per.ExternalIdentifiers.LastModifiedDate = modified
	}
	return per
}

func (b *recordBuilder) activities(out *built) *orcid.ActivitiesSummary {
	id := b.p.ID
	a := &orcid.ActivitiesSummary{Path: "/" + id + "/activities"}
	var latest time.Time
	note := func(t *orcid.Timestamp) {
		if t != nil && t.Millis > latest.UnixMilli() {
			latest = time.UnixMilli(t.Millis)
		}
	}
	for _, s := range affSections {
		sec := b.affiliations(s.Section, s.Kind, out)
		note(sec.LastModifiedDate)
		switch s.Section {
		case "distinctions":
			a.Distinctions = sec
		case "educations":
			a.Educations = sec
		case "employments":
			a.Employments = sec
		case "invited-positions":
			a.InvitedPositions = sec
		case "memberships":
			a.Memberships = sec
		case "qualifications":
			a.Qualifications = sec
		case "services":
			a.Services = sec
		}
	}
	a.Fundings = b.fundings(out)
	note(a.Fundings.LastModifiedDate)
	a.PeerReviews = b.reviews(out)
	note(a.PeerReviews.LastModifiedDate)
	a.ResearchResources = b.resources(out)
	note(a.ResearchResources.LastModifiedDate)
	a.Works = b.works(out)
	note(a.Works.LastModifiedDate)
	if !latest.IsZero() {
		a.LastModifiedDate = ms(latest)
	}
	return a
}

func (b *recordBuilder) affiliations(section, kind string, out *built) *orcid.Affiliations {
	id := b.p.ID
	sec := &orcid.Affiliations{AffiliationGroup: []orcid.AffiliationGroup{}, Path: "/" + id + "/" + section}
	byPC := map[int64]*orcid.AffiliationSummary{}
	out.affs[kind] = byPC
	for i, a := range b.p.affs(section) {
		pc := b.nextPC()
		t := b.itemTime(a.Start)
		src := b.selfSource()
		if kind == "employment" && i == 0 && b.p.ID == CarberryID {
			src = b.clientSource(universityCRIS)
		}
		s := orcid.AffiliationSummary{
			Kind:             kind,
			CreatedDate:      ms(t),
			LastModifiedDate: ms(t),
			PutCode:          pc,
			Source:           src,
			DepartmentName:   a.Dept,
			RoleTitle:        a.Role,
			StartDate:        fuzzy(a.Start),
			EndDate:          fuzzy(a.End),
			Organization:     orgOf(a.Org),
			URL:              val(a.URL),
			ExternalIDs:      &orcid.ExternalIDs{ExternalID: []orcid.ExternalID{}},
			Visibility:       "public",
			Path:             b.path(kind, pc),
			DisplayIndex:     "0",
		}
		g := orcid.AffiliationGroup{LastModifiedDate: ms(t), ExternalIDs: &orcid.ExternalIDs{ExternalID: []orcid.ExternalID{}}, Summaries: []orcid.AffiliationSummary{s}}
		sec.AffiliationGroup = append(sec.AffiliationGroup, g)
		sec.LastModifiedDate = later(sec.LastModifiedDate, t)
	}
	// ORCID lists current positions first, then by start date, newest first.
	sort.SliceStable(sec.AffiliationGroup, func(i, j int) bool {
		a, c := &sec.AffiliationGroup[i].Summaries[0], &sec.AffiliationGroup[j].Summaries[0]
		if (a.EndDate == nil) != (c.EndDate == nil) {
			return a.EndDate == nil
		}
		return dateKey(a.StartDate) > dateKey(c.StartDate)
	})
	for i := range sec.AffiliationGroup {
		s := &sec.AffiliationGroup[i].Summaries[0]
		byPC[s.PutCode] = s
	}
	return sec
}

func dateKey(d *orcid.FuzzyDate) string {
	if d == nil {
		return ""
	}
	return d.Year.String() + "-" + d.Month.String() + "-" + d.Day.String()
}

func (b *recordBuilder) fundings(out *built) *orcid.Fundings {
	id := b.p.ID
	sec := &orcid.Fundings{Group: []orcid.FundingGroup{}, Path: "/" + id + "/fundings"}
	for _, f := range b.p.Fundings {
		pc := b.nextPC()
		t := b.itemTime(f.Start)
		ids := &orcid.ExternalIDs{ExternalID: []orcid.ExternalID{}}
		if f.Grant != "" {
			ids.ExternalID = append(ids.ExternalID, xid("grant_number", f.Grant, f.GrantURL, "self"))
		}
		s := orcid.FundingSummary{
			CreatedDate:      ms(t),
			LastModifiedDate: ms(t),
			PutCode:          pc,
			Source:           b.selfSource(),
			Title:            &orcid.WorkTitle{Title: val(f.Title)},
			ExternalIDs:      ids,
			URL:              val(f.URL),
			Type:             f.Type,
			StartDate:        fuzzy(f.Start),
			EndDate:          fuzzy(f.End),
			Organization:     orgOf(f.Org),
			DisplayIndex:     "0",
			Visibility:       "public",
			Path:             b.path("funding", pc),
		}
		sec.Group = append(sec.Group, orcid.FundingGroup{LastModifiedDate: ms(t), ExternalIDs: ids, FundingSummary: []orcid.FundingSummary{s}})
		sec.LastModifiedDate = later(sec.LastModifiedDate, t)
	}
	for i := range sec.Group {
		s := &sec.Group[i].FundingSummary[0]
		out.fundings[s.PutCode] = s
	}
	return sec
}

func (b *recordBuilder) reviews(out *built) *orcid.PeerReviews {
	id := b.p.ID
	sec := &orcid.PeerReviews{Group: []orcid.PeerReviewGroup{}, Path: "/" + id + "/peer-reviews"}
	index := map[string]int{}
	for _, r := range b.p.Reviews {
		pc := b.nextPC()
		t := b.itemTime(r.Date)
		ids := &orcid.ExternalIDs{ExternalID: []orcid.ExternalID{xid("source-work-id", r.ReviewID, "", "self")}}
		s := orcid.PeerReviewSummary{
			CreatedDate:           ms(t),
			LastModifiedDate:      ms(t),
			PutCode:               pc,
			Source:                b.clientSource(publons),
			ReviewerRole:          r.Role,
			ExternalIDs:           ids,
			ReviewURL:             val(r.URL),
			ReviewType:            r.Type,
			CompletionDate:        fuzzy(r.Date),
			ReviewGroupID:         r.GroupID,
			ConveningOrganization: orgOf(r.Org),
			DisplayIndex:          "0",
			Visibility:            "public",
			Path:                  b.path("peer-review", pc),
		}
		gi, ok := index[r.GroupID]
		if !ok {
			gi = len(sec.Group)
			index[r.GroupID] = gi
			sec.Group = append(sec.Group, orcid.PeerReviewGroup{
				ExternalIDs: &orcid.ExternalIDs{ExternalID: []orcid.ExternalID{{Type: "peer-review", Value: r.GroupID}}},
			})
		}
		sec.Group[gi].PeerReviewGroup = append(sec.Group[gi].PeerReviewGroup, orcid.PeerReviewSubGroup{ExternalIDs: ids, PeerReviewSummary: []orcid.PeerReviewSummary{s}})
		sec.Group[gi].LastModifiedDate = later(sec.Group[gi].LastModifiedDate, t)
		sec.LastModifiedDate = later(sec.LastModifiedDate, t)
	}
	for i := range sec.Group {
		for j := range sec.Group[i].PeerReviewGroup {
			s := &sec.Group[i].PeerReviewGroup[j].PeerReviewSummary[0]
			out.reviews[s.PutCode] = s
		}
	}
	return sec
}

func (b *recordBuilder) resources(out *built) *orcid.ResearchResources {
	id := b.p.ID
	sec := &orcid.ResearchResources{Group: []orcid.ResearchResourceGroup{}, Path: "/" + id + "/research-resources"}
	for _, r := range b.p.Resources {
		pc := b.nextPC()
		t := b.itemTime(r.Start)
		ids := &orcid.ExternalIDs{ExternalID: []orcid.ExternalID{xid("handle", r.Handle, "", "self")}}
		s := orcid.ResearchResourceSummary{
			CreatedDate:      ms(t),
			LastModifiedDate: ms(t),
			PutCode:          pc,
			Source:           b.selfSource(),
			Proposal: &orcid.Proposal{
				Title:       &orcid.WorkTitle{Title: val(r.Title)},
				Hosts:       &orcid.Hosts{Organization: []orcid.Organization{*orgOf(r.Host)}},
				ExternalIDs: ids,
				StartDate:   fuzzy(r.Start),
				EndDate:     fuzzy(r.End),
				URL:         val(r.URL),
			},
			DisplayIndex: "0",
			Visibility:   "public",
			Path:         b.path("research-resource", pc),
		}
		sec.Group = append(sec.Group, orcid.ResearchResourceGroup{LastModifiedDate: ms(t), ExternalIDs: ids, ResearchResourceSummary: []orcid.ResearchResourceSummary{s}})
		sec.LastModifiedDate = later(sec.LastModifiedDate, t)
	}
	for i := range sec.Group {
		s := &sec.Group[i].ResearchResourceSummary[0]
		out.resources[s.PutCode] = s
	}
	return sec
}

func (b *recordBuilder) fullWork(w *work) *orcid.Work {
	pc := b.nextPC()
	t := b.itemTime(w.Date)
	ids := &orcid.ExternalIDs{ExternalID: []orcid.ExternalID{}}
	if w.DOI != "" {
		ids.ExternalID = append(ids.ExternalID, xid("doi", w.DOI, "https://doi.org/"+w.DOI, "self"))
	}
	if w.ISBN != "" {
		rel := "self"
		if w.Type == "book-chapter" {
			rel = "part-of"
		}
		ids.ExternalID = append(ids.ExternalID, xid("isbn", w.ISBN, "https://www.worldcat.org/isbn/"+w.ISBN, rel))
	}
	if w.PMID != "" {
		ids.ExternalID = append(ids.ExternalID, xid("pmid", w.PMID, "https://pubmed.ncbi.nlm.nih.gov/"+w.PMID, "self"))
	}
	if w.ArXiv != "" {
		ids.ExternalID = append(ids.ExternalID, xid("arxiv", w.ArXiv, "https://arxiv.org/abs/"+w.ArXiv, "self"))
	}
	title := &orcid.WorkTitle{Title: val(w.Title), Subtitle: val(w.Subtitle)}
	if w.Translated != "" {
		title.TranslatedTitle = &orcid.TranslatedTitle{Value: w.Translated, LanguageCode: w.TranslatedLang}
	}
	url := w.URL
	if url == "" && w.DOI != "" {
		url = "https://doi.org/" + w.DOI
	}
	full := &orcid.Work{
		PutCode:          pc,
		CreatedDate:      ms(t),
		LastModified:     ms(t),
		Source:           b.sourceFor(w.SourceName),
		Title:            title,
		JournalTitle:     val(w.Journal),
		ShortDescription: w.Desc,
		Type:             w.Type,
		PublicationDate:  fuzzy(w.Date),
		ExternalIDs:      ids,
		URL:              val(url),
		LanguageCode:     w.Lang,
		Country:          val(w.Country),
		Visibility:       "public",
		Path:             b.path("work", pc),
	}
	if len(w.Contributors) > 0 {
		full.Contributors = &orcid.Contributors{Contributor: []orcid.Contributor{}}
		for _, c := range w.Contributors {
			oc := orcid.Contributor{CreditName: val(c.Name), ContributorAttributes: &orcid.ContributorAttributes{Sequence: c.Seq, Role: c.Role}}
			if c.ORCID != "" {
				oc.ContributorORCID = b.site.ident(c.ORCID)
			}
			full.Contributors.Contributor = append(full.Contributors.Contributor, oc)
		}
	}
	if w.Type == "journal-article" || w.Type == "book" || w.Type == "conference-paper" {
		full.Citation = &orcid.Citation{Type: "bibtex", Value: bibtex(w, b.p)}
	}
	return full
}

func bibtex(w *work, p *personSpec) string {
	kind := map[string]string{"journal-article": "article", "book": "book", "conference-paper": "inproceedings"}[w.Type]
	var authors []string
	for _, c := range w.Contributors {
		authors = append(authors, c.Name)
	}
	if len(authors) == 0 {
		authors = []string{p.fullName()}
	}
	year := ""
	if len(w.Date) >= 4 {
		year = w.Date[:4]
	}
	key := strings.ToLower(asciiFold(firstWord(p.Family))) + year
	var sb strings.Builder
	fmt.Fprintf(&sb, "@%s{%s,\n  title = {%s},\n  author = {%s},\n", kind, key, w.Title, strings.Join(authors, " and "))
	if w.Journal != "" {
		field := "journal"
		if kind == "inproceedings" {
			field = "booktitle"
		}
		fmt.Fprintf(&sb, "  %s = {%s},\n", field, w.Journal)
	}
	if year != "" {
		fmt.Fprintf(&sb, "  year = {%s},\n", year)
	}
	if w.DOI != "" {
		fmt.Fprintf(&sb, "  doi = {%s},\n", w.DOI)
	}
	sb.WriteString("}")
	return sb.String()
}

func firstWord(s string) string {
	if f := strings.Fields(strings.ReplaceAll(s, "-", " ")); len(f) > 0 {
		return f[0]
	}
	return s
}

func summaryOf(w *orcid.Work) orcid.WorkSummary {
	return orcid.WorkSummary{
		PutCode:         w.PutCode,
		CreatedDate:     w.CreatedDate,
		LastModified:    w.LastModified,
		Source:          w.Source,
		Title:           w.Title,
		ExternalIDs:     w.ExternalIDs,
		URL:             w.URL,
		Type:            w.Type,
		PublicationDate: w.PublicationDate,
		JournalTitle:    w.JournalTitle,
		Visibility:      w.Visibility,
		Path:            w.Path,
		DisplayIndex:    "0",
	}
}

// groupKey is what ORCID groups works by: a shared self external id.
func groupKey(w *orcid.Work) string {
	for _, x := range w.ExternalIDs.ExternalID {
		if x.Relationship == "self" {
			return x.Type + ":" + strings.ToLower(x.Value)
		}
	}
	return fmt.Sprintf("put-code:%d", w.PutCode)
}

func (b *recordBuilder) works(out *built) *orcid.Works {
	id := b.p.ID
	sec := &orcid.Works{Group: []orcid.WorkGroup{}, Path: "/" + id + "/works"}
	specs := b.p.works()
	index := map[string]int{}
	var latest int64
	for i := range specs {
		w := b.fullWork(&specs[i])
		out.works[w.PutCode] = w
		if w.LastModified.Millis > latest {
			latest = w.LastModified.Millis
		}
		k := groupKey(w)
		gi, ok := index[k]
		if !ok {
			gi = len(sec.Group)
			index[k] = gi
			sec.Group = append(sec.Group, orcid.WorkGroup{ExternalIDs: &orcid.ExternalIDs{ExternalID: []orcid.ExternalID{}}})
		}
		g := &sec.Group[gi]
		g.WorkSummary = append(g.WorkSummary, summaryOf(w))
		if g.LastModifiedDate == nil || w.LastModified.Millis > g.LastModifiedDate.Millis {
			g.LastModifiedDate = w.LastModified
		}
		if !ok {
			for _, x := range w.ExternalIDs.ExternalID {
				if x.Relationship == "self" {
					g.ExternalIDs.ExternalID = append(g.ExternalIDs.ExternalID, x)
				}
			}
		}
	}
	// Newest publications first, as ORCID's own UI and most clients show them.
	sort.SliceStable(sec.Group, func(i, j int) bool {
		return dateKey(sec.Group[i].WorkSummary[0].PublicationDate) > dateKey(sec.Group[j].WorkSummary[0].PublicationDate)
	})
	for i := range sec.Group {
		for j := range sec.Group[i].WorkSummary {
			s := &sec.Group[i].WorkSummary[j]
			out.summaries[s.PutCode] = s
		}
	}
	if latest > 0 {
		sec.LastModifiedDate = &orcid.Timestamp{Millis: latest}
	}
	return sec
}
