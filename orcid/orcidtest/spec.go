package orcidtest

import (
	"strings"
	"time"
)

// The data is written as compact specs (this file's types) and turned into
// orcid.Record values by build.go. Specs are host-independent and shared by
// every Server in the process; records carry the serving host, so they are
// built per Server.

// recordStatus is what checkProfile would say about a record.
type recordStatus int

const (
	statusActive recordStatus = iota
	statusDeprecated
	statusLocked
	statusDeactivated
)

type org struct {
	Name, City, Region, Country string
	ROR                         string // full https://ror.org/... id, or ""
	Ringgold                    string
}

type aff struct {
	Org        org
	Dept, Role string
	Start, End string // "2019", "2019-09", "2019-09-01" or ""
	URL        string
}

type contrib struct {
	Name  string
	ORCID string // linked contributor's iD, or ""
	Seq   string // first, additional
	Role  string // author, editor, ...
}

type work struct {
	Title, Subtitle string
	Translated      string // translated title
	TranslatedLang  string
	Journal         string
	Type            string
	Date            string
	DOI             string
	ISBN            string
	PMID            string
	ArXiv           string
	URL             string
	Desc            string
	Lang            string
	Country         string
	Contributors    []contrib
	// Group is a key shared by works of the same group (several
	// summaries in one group, as when two sources add the same DOI).
	SourceName string // "" = the record holder; else a member client's name
}

type funding struct {
	Title, Type string
	Org         org
	Grant       string
	GrantURL    string
	Start, End  string
	URL         string
	// Full-item fields (served by /funding/{put-code} only).
	OrgType      string // organization-defined-type
	Desc         string
	Amount       string
	Currency     string
	Contributors []contrib // roles: lead, co-lead, supported-by, other-contribution
}

type review struct {
	Role, Type string
	Date       string
	GroupID    string // issn:1234-5678 or orcid-generated:...
	GroupName  string
	Org        org
	URL        string
	SubjectDOI string
	ReviewID   string
	// Full-item fields (served by /peer-review/{put-code} only).
	SubjectTitle string
	SubjectType  string // a work type
	SubjectURL   string
}

type resource struct {
	Title      string
	Host       org
	Handle     string
	Start, End string
	URL        string
	Items      []resourceItem // served by /research-resource/{put-code} only
}

type resourceItem struct {
	Name, Type string // type: infrastructures, collections, equipment, services
	Host       org
	RRID, URL  string
}

type extID struct{ Type, Value, URL string }

type urlSpec struct{ Name, URL string }

type personSpec struct {
	ID             string
	Status         recordStatus
	Primary        string // for deprecated records
	Given, Family  string
	Credit         string
	NamePrivate    bool // name: null
	OtherNames     []string
	Bio            string
	Keywords       []string
	URLs           []urlSpec
	Emails         []string
	Countries      []string
	ExtIDs         []extID
	Employments    []aff
	Educations     []aff
	Qualifications []aff
	Invited        []aff
	Distinctions   []aff
	Memberships    []aff
	Services       []aff
	Works          []work
	// lazyWorks, when set, generates Works on first use (the 2,500-work record).
	lazyWorks func() []work
	Fundings  []funding
	Reviews   []review
	Resources []resource
	Created   time.Time
	Modified  time.Time
	CreatedBy string // creation-method
	synthetic bool
}

func (p *personSpec) works() []work {
	if p.lazyWorks != nil {
		return p.lazyWorks()
	}
	return p.Works
}

// fullName is "given family" as ORCID's given-and-family-names field holds it.
func (p *personSpec) fullName() string {
	return strings.TrimSpace(p.Given + " " + p.Family)
}

// affSections lists the seven affiliation sections in ORCID's order of
// the activities summary, with their singular kind.
var affSections = []struct{ Section, Kind string }{
	{"distinctions", "distinction"},
	{"educations", "education"},
	{"employments", "employment"},
	{"invited-positions", "invited-position"},
	{"memberships", "membership"},
	{"qualifications", "qualification"},
	{"services", "service"},
}

func (p *personSpec) affs(section string) []aff {
	switch section {
	case "distinctions":
		return p.Distinctions
	case "educations":
		return p.Educations
	case "employments":
		return p.Employments
	case "invited-positions":
		return p.Invited
	case "memberships":
		return p.Memberships
	case "qualifications":
		return p.Qualifications
	case "services":
		return p.Services
	}
	return nil
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}
