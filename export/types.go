package export

import "strings"

// workType is how one ORCID work type is written in each format.
type workType struct {
	bibtex string // entry type
	ris    string // TY value (RIS specification's reference types)
	csl    string // CSL 1.0.2 type
}

// otherType is used for "other", "undefined" and any type ORCID may add.
var otherType = workType{"misc", "GEN", "document"}

// workTypes maps every ORCID work type (orcid.WorkTypes, and the older
// spellings dissertation, mark and public-speech) to the three formats. TYPES.md shows the same table; TestTypesDoc keeps them equal.
var workTypes = map[string]workType{
	"annotation":                     {"misc", "GEN", "document"},
	"artistic-performance":           {"misc", "ART", "performance"},
	"blog-post":                      {"misc", "BLOG", "post-weblog"},
	"book":                           {"book", "BOOK", "book"},
	"book-chapter":                   {"incollection", "CHAP", "chapter"},
	"book-review":                    {"article", "JOUR", "review-book"},
	"cartographic-material":          {"misc", "MAP", "map"},
	"clinical-study":                 {"misc", "GEN", "document"},
	"conference-abstract":            {"inproceedings", "ABST", "paper-conference"},
	"conference-output":              {"misc", "CONF", "paper-conference"},
	"conference-paper":               {"inproceedings", "CPAPER", "paper-conference"},
	"conference-poster":              {"misc", "CPAPER", "speech"},
	"conference-presentation":        {"misc", "SLIDE", "speech"},
	"conference-proceedings":         {"proceedings", "CONF", "book"},
	"data-management-plan":           {"techreport", "RPRT", "report"},
	"data-set":                       {"misc", "DATA", "dataset"},
	"design":                         {"misc", "GEN", "graphic"},
	"dictionary-entry":               {"incollection", "DICT", "entry-dictionary"},
	"disclosure":                     {"misc", "GEN", "document"},
	"dissertation":                   {"phdthesis", "THES", "thesis"},
	"dissertation-thesis":            {"phdthesis", "THES", "thesis"},
	"edited-book":                    {"book", "EDBOOK", "book"},
	"encyclopedia-entry":             {"incollection", "ENCYC", "entry-encyclopedia"},
	"image":                          {"misc", "FIGURE", "graphic"},
	"invention":                      {"misc", "GEN", "document"},
	"journal-article":                {"article", "JOUR", "article-journal"},
	"journal-issue":                  {"misc", "JFULL", "periodical"},
	"learning-object":                {"misc", "GEN", "document"},
	"lecture-speech":                 {"misc", "GEN", "speech"},
	"license":                        {"misc", "GEN", "document"},
	"magazine-article":               {"article", "MGZN", "article-magazine"},
	"manual":                         {"manual", "GEN", "book"},
	"mark":                           {"misc", "GEN", "document"},
	"moving-image":                   {"misc", "VIDEO", "motion_picture"},
	"musical-composition":            {"misc", "MUSIC", "musical_score"},
	"newsletter-article":             {"article", "MGZN", "article"},
	"newspaper-article":              {"article", "NEWS", "article-newspaper"},
	"online-resource":                {"misc", "ELEC", "webpage"},
	"other":                          otherType,
	"patent":                         {"misc", "PAT", "patent"},
	"physical-object":                {"misc", "GEN", "document"},
	"preprint":                       {"misc", "UNPB", "article"},
	"public-speech":                  {"misc", "GEN", "speech"},
	"registered-copyright":           {"misc", "GEN", "document"},
	"report":                         {"techreport", "RPRT", "report"},
	"research-technique":             {"misc", "GEN", "document"},
	"research-tool":                  {"misc", "GEN", "document"},
	"review":                         {"article", "JOUR", "review"},
	"software":                       {"misc", "COMP", "software"},
	"sound":                          {"misc", "SOUND", "song"},
	"spin-off-company":               {"misc", "GEN", "document"},
	"standards-and-policy":           {"misc", "STAND", "standard"},
	"supervised-student-publication": {"misc", "GEN", "article"},
	"technical-standard":             {"misc", "STAND", "standard"},
	"test":                           {"misc", "GEN", "document"},
	"trademark":                      {"misc", "GEN", "document"},
	"transcription":                  {"misc", "GEN", "document"},
	"translation":                    {"misc", "GEN", "document"},
	"undefined":                      otherType,
	"website":                        {"misc", "ELEC", "webpage"},
	"working-paper":                  {"techreport", "RPRT", "report"},
}

// typeOf looks a work type up as ORCID writes it in v3.0, accepting the
// 2.x spellings (JOURNAL_ARTICLE) too.
func typeOf(t string) workType {
	k := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(t)), "_", "-")
	if wt, ok := workTypes[k]; ok {
		return wt
	}
	return otherType
}

// containerField is the BibTeX field that holds ORCID's journal-title for an
// entry type: the journal of an article, the book or proceedings of a part.
func containerField(bibType string) string {
	switch bibType {
	case "article":
		return "journal"
	case "inproceedings", "incollection", "inbook":
		return "booktitle"
	case "book", "proceedings", "manual", "techreport", "phdthesis":
		return "series"
	}
	return "howpublished"
}
