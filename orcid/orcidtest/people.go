package orcidtest

// Well-known iDs of the in-process registry. All carry valid ISO 7064 11,2
// check characters; the data behind them is invented for this project
// (Josiah Carberry is ORCID's own fictional test researcher).
const (
	// CarberryID is Josiah Carberry: every section filled, 14 works in 13
	// groups (one group holds two summaries), contributors including ORCID-
	// linked ones, citations, fundings, peer reviews, a research resource.
	CarberryID = "0000-0002-1825-0097"
	// AngstromID is Zoë Ångström-Łukasiewicz (non-ASCII name, 0009- iD).
	AngstromID = "0009-0001-4527-8933"
	// TanakaID is 田中 花子 (Hanako Tanaka), Japanese titles with translations.
	TanakaID = "0000-0001-7163-4025"
	// NunezID is José María Núñez, Spanish titles.
	NunezID = "0000-0003-2841-5964"
	// SokolovaID is Ирина Соколова (Irina Sokolova), check character X.
	SokolovaID = "0009-0005-2718-641X"
	// BigRecordID is Amara Okonkwo, a particle physicist with exactly
	// BigRecordWorks works (fewer groups: some groups hold several summaries).
	BigRecordID = "0000-0002-9450-1185"
	// EmptyID is a record with nothing public: name null, every section empty.
	EmptyID = "0009-0004-0000-0016"
	// PrimaryID is Marie-Claire Dubois, the record MergedID was merged into.
	PrimaryID = "0000-0001-6683-273X"
	// MergedID is a deprecated record: GET answers 301 to PrimaryID (9007).
	MergedID = "0009-0002-3310-7747"
	// LockedID is a locked record: 409 / 9018.
	LockedID = "0000-0003-0715-8399"
	// DeactivatedID is a deactivated record: 409 / 9044.
	DeactivatedID = "0009-0006-1234-5526"
	// UnknownID is valid but not in the registry: 404 / 9016.
	UnknownID = "0000-0001-5109-3700"
)

// BigRecordWorks is the number of works on BigRecordID.
const BigRecordWorks = 2500

var (
	brown      = org{Name: "Brown University", City: "Providence", Region: "RI", Country: "US", ROR: "https://ror.org/05gq02987"}
	wesleyan   = org{Name: "Wesleyan University", City: "Middletown", Region: "CT", Country: "US", ROR: "https://ror.org/05h7xva58"}
	uppsala    = org{Name: "Uppsala University", City: "Uppsala", Country: "SE", ROR: "https://ror.org/048a87296"}
	krakow     = org{Name: "Jagiellonian University", City: "Kraków", Region: "Małopolska", Country: "PL", ROR: "https://ror.org/03bqmcz70"}
	kyoto      = org{Name: "Kyoto University", City: "Kyoto", Country: "JP", ROR: "https://ror.org/02kpeqv85"}
	tokyo      = org{Name: "The University of Tokyo", City: "Bunkyō", Region: "Tokyo", Country: "JP", ROR: "https://ror.org/057zh3y96"}
	uba        = org{Name: "Universidad de Buenos Aires", City: "Buenos Aires", Country: "AR", ROR: "https://ror.org/0081fs513"}
	conicet    = org{Name: "Consejo Nacional de Investigaciones Científicas y Técnicas", City: "Buenos Aires", Country: "AR", ROR: "https://ror.org/03cqe8w59"}
	cern       = org{Name: "European Organization for Nuclear Research", City: "Meyrin", Region: "Geneva", Country: "CH", ROR: "https://ror.org/01ggx4157"}
	lagos      = org{Name: "University of Lagos", City: "Lagos", Country: "NG", ROR: "https://ror.org/05rk03822"}
	manchester = org{Name: "University of Manchester", City: "Manchester", Country: "GB", ROR: "https://ror.org/027m9bs27"}
	msu        = org{Name: "Lomonosov Moscow State University", City: "Moscow", Country: "RU", ROR: "https://ror.org/010pmpe69"}
	saclay     = org{Name: "Université Paris-Saclay", City: "Gif-sur-Yvette", Region: "Île-de-France", Country: "FR", ROR: "https://ror.org/03xjwb503"}
	cnrs       = org{Name: "Centre National de la Recherche Scientifique", City: "Paris", Country: "FR", ROR: "https://ror.org/02feahw73"}
	nsf        = org{Name: "National Science Foundation", City: "Alexandria", Region: "VA", Country: "US", ROR: "https://ror.org/021nxhr62"}
	erc        = org{Name: "European Research Council", City: "Brussels", Country: "BE", ROR: "https://ror.org/0472cxd90"}
	vr         = org{Name: "Vetenskapsrådet", City: "Stockholm", Country: "SE", ROR: "https://ror.org/03zttf063"}
	jsps       = org{Name: "Japan Society for the Promotion of Science", City: "Tokyo", Country: "JP", ROR: "https://ror.org/00hhkn466"}
	anpcyt     = org{Name: "Agencia Nacional de Promoción Científica y Tecnológica", City: "Buenos Aires", Country: "AR"}
	psychoSoc  = org{Name: "American Psychoceramics Society", City: "Providence", Region: "RI", Country: "US"}
	ceramicSoc = org{Name: "International Society for Ceramic Cognition", City: "Stoke-on-Trent", Country: "GB"}
)

func handWritten() []*personSpec {
	carberry := &personSpec{
		ID: CarberryID, Given: "Josiah", Family: "Carberry", Credit: "Josiah S. Carberry",
		OtherNames: []string{"J. S. Carberry", "Josiah Stinkney Carberry", "Jo Carberry"},
		Bio: "Josiah Carberry is a fictitious person. He is Professor of Psychoceramics (the study of cracked pots) at Brown University. " +
			"His research interests include the emotional fragility of earthenware, glaze-induced anxiety, and the metaphysics of crazing.\n\n" +
			"He is the patron of ORCID's test records and appears in many examples.",
		Keywords:  []string{"psychoceramics", "cracked pots", "ceramic cognition", "metaphysics"},
		URLs:      []urlSpec{{"Brown University page", "https://www.brown.edu/about/administration/library/carberry"}, {"Wikipedia", "https://en.wikipedia.org/wiki/Josiah_S._Carberry"}},
		Emails:    []string{"josiah.carberry@example.edu"},
		Countries: []string{"US"},
		ExtIDs:    []extID{{"Scopus Author ID", "7004588880", "https://www.scopus.com/authid/detail.uri?authorId=7004588880"}, {"ResearcherID", "A-1234-2010", "https://www.webofscience.com/wos/author/record/A-1234-2010"}},
		Employments: []aff{
			{Org: brown, Dept: "Psychoceramics", Role: "Professor of Psychoceramics", Start: "1989-09-01"},
			{Org: wesleyan, Dept: "Ceramics and Anxiety Studies", Role: "Assistant Professor", Start: "1980-09", End: "1989-06"},
		},
		Educations: []aff{
			{Org: brown, Dept: "Psychoceramics", Role: "PhD", Start: "1975-09", End: "1980-05"},
			{Org: wesleyan, Dept: "Philosophy", Role: "BA", Start: "1971-09", End: "1975-05"},
		},
		Qualifications: []aff{{Org: psychoSoc, Role: "Certified Kiln Operator (Level III)", Start: "1982-03-15"}},
		Invited:        []aff{{Org: uppsala, Dept: "Department of Materials Science", Role: "Visiting Professor", Start: "2014-01", End: "2014-06"}},
		Distinctions:   []aff{{Org: psychoSoc, Role: "Lifetime Achievement Award in Psychoceramics", Start: "2019-11-02"}},
		Memberships:    []aff{{Org: psychoSoc, Role: "Fellow", Start: "1985"}, {Org: ceramicSoc, Role: "Member", Start: "2001"}},
		Services:       []aff{{Org: psychoSoc, Role: "Editor-in-chief, Journal of Psychoceramics", Start: "2005-01", End: "2015-12"}},
		Works: []work{
			{Title: "Toward a Unified Theory of High-Energy Metaphysics: Silly String Theory", Journal: "Journal of Psychoceramics", Type: "journal-article", Date: "2008-08-13", DOI: "10.5555/12345678",
				Contributors: []contrib{{Name: "Josiah Carberry", ORCID: CarberryID, Seq: "first", Role: "author"}}},
			{Title: "The Psychoceramics of Cracked Pots", Subtitle: "A Longitudinal Study", Journal: "Journal of Psychoceramics", Type: "journal-article", Date: "2012-03-01", DOI: "10.5555/psy.2012.0042",
				Desc: "Twenty years of observations of cracked pots in New England kitchens.", Lang: "en", Country: "US",
				Contributors: []contrib{
					{Name: "Josiah Carberry", ORCID: CarberryID, Seq: "first", Role: "author"},
					{Name: "Zoë Ångström-Łukasiewicz", ORCID: AngstromID, Seq: "additional", Role: "author"},
					{Name: "José María Núñez", ORCID: NunezID, Seq: "additional", Role: "author"},
					{Name: "Pat Q. Reviewer", Seq: "additional", Role: "editor"},
				}},
			{Title: "The Psychoceramics of Cracked Pots", Subtitle: "A Longitudinal Study", Journal: "Journal of Psychoceramics", Type: "journal-article", Date: "2012-03-01", DOI: "10.5555/psy.2012.0042", SourceName: "Crossref",
				Contributors: []contrib{{Name: "J. Carberry", Seq: "first", Role: "author"}, {Name: "Z. Ångström-Łukasiewicz", Seq: "additional", Role: "author"}, {Name: "J. M. Núñez", Seq: "additional", Role: "author"}}},
			{Title: "On the Fragility of Glazed Earthenware under Emotional Stress", Journal: "Annals of Improbable Ceramics", Type: "journal-article", Date: "2015-10", DOI: "10.5555/aic.2015.7", PMID: "26123456",
				Contributors: []contrib{{Name: "Josiah Carberry", ORCID: CarberryID, Seq: "first", Role: "author"}, {Name: "田中 花子", ORCID: TanakaID, Seq: "additional", Role: "author"}}},
			{Title: "Pots & Kettles: <Re>evaluating the \"Blackness\" Hypothesis", Journal: "Annals of Improbable Ceramics", Type: "journal-article", Date: "2017-04-01", DOI: "10.5555/aic.2017.12",
				Contributors: []contrib{{Name: "Josiah Carberry", ORCID: CarberryID, Seq: "first", Role: "author"}}},
			{Title: "Cracked Pots and Their Discontents", Type: "book", Date: "2019", ISBN: "9780000000002", URL: "https://press.example.edu/carberry-discontents",
				Contributors: []contrib{{Name: "Josiah Carberry", ORCID: CarberryID, Seq: "first", Role: "author"}}},
			{Title: "Ceramic Metaphysics", Journal: "Handbook of Impossible Materials", Type: "book-chapter", Date: "2020-02", ISBN: "9780000000019",
				Contributors: []contrib{{Name: "Josiah Carberry", ORCID: CarberryID, Seq: "first", Role: "author"}, {Name: "Ирина Соколова", ORCID: SokolovaID, Seq: "first", Role: "editor"}}},
			{Title: "Crackpot Detection with Convolutional Kilns", Journal: "Proceedings of the International Conference on Ceramic Cognition (ICCC 2021)", Type: "conference-paper", Date: "2021-07-19", DOI: "10.5555/iccc.2021.3", ArXiv: "2103.01234",
				Contributors: []contrib{{Name: "Zoë Ångström-Łukasiewicz", ORCID: AngstromID, Seq: "first", Role: "author"}, {Name: "Josiah Carberry", ORCID: CarberryID, Seq: "additional", Role: "author"}}},
			{Title: "Psychoceramics Field Observations 2010–2020", Type: "data-set", Date: "2021-01-05", DOI: "10.5555/zenodo.4711", SourceName: "DataCite",
				Contributors: []contrib{{Name: "Carberry, Josiah", ORCID: CarberryID, Seq: "first", Role: "author"}}},
			{Title: "La psicocerámica en América Latina", Translated: "Psychoceramics in Latin America", TranslatedLang: "en", Journal: "Revista Argentina de Cerámica Cognitiva", Type: "journal-article", Date: "2022-06", DOI: "10.5555/racc.2022.118", Lang: "es", Country: "AR",
				Contributors: []contrib{{Name: "José María Núñez", ORCID: NunezID, Seq: "first", Role: "author"}, {Name: "Josiah Carberry", ORCID: CarberryID, Seq: "additional", Role: "author"}}},
			{Title: "Why do pots crack? A preprint on spontaneous crazing in stoneware glazes subjected to prolonged exposure to departmental faculty meetings, with notes on remediation", Type: "working-paper", Date: "2023-11-30",
				Contributors: []contrib{{Name: "Josiah Carberry", ORCID: CarberryID, Seq: "first", Role: "author"}}},
			{Title: "Keynote: Fifty Years of Psychoceramics", Type: "lecture-speech", Date: "2024-05-09", URL: "https://events.example.org/iccc2024/keynote"},
			{Title: "Kiln-side Manner: Talking to Anxious Ceramics", Journal: "Journal of Psychoceramics", Type: "journal-article", Date: "2025-01-15", DOI: "10.5555/psy.2025.0001", SourceName: "Scopus - Elsevier"},
			{Title: "Unglazed: Notes on a Discipline", Journal: "Brown Alumni Monthly", Type: "magazine-article", Date: "1999"},
		},
		Fundings: []funding{
			{Title: "Psychoceramics of the Carbon Age", Type: "grant", Org: nsf, Grant: "NSF-1234567", GrantURL: "https://www.nsf.gov/awardsearch/showAward?AWD_ID=1234567", Start: "2016-09", End: "2020-08",
				OrgType: "Standard Grant", Desc: "Why carbon-age pots crack when nobody is looking.", Amount: "412500", Currency: "USD",
				Contributors: []contrib{{Name: "Josiah Carberry", ORCID: CarberryID, Role: "lead"}, {Name: "Zoë Ångström-Łukasiewicz", ORCID: AngstromID, Role: "co-lead"}}},
			{Title: "CRACKPOT: Cross-cultural Research on Anxious Ceramics", Type: "grant", Org: erc, Grant: "ERC-2019-ADG-884321", Start: "2020-10-01", End: "2025-09-30", URL: "https://cordis.europa.eu/project/id/884321",
				OrgType: "Advanced Grant", Amount: "2499875", Currency: "EUR",
				Contributors: []contrib{{Name: "Josiah Carberry", ORCID: CarberryID, Role: "lead"}, {Name: "田中 花子", ORCID: TanakaID, Role: "supported-by"}}},
			{Title: "Carberry Chair in Psychoceramics", Type: "salary-award", Org: brown, Start: "2010"},
		},
		Reviews: []review{
			{Role: "reviewer", Type: "review", Date: "2019-03-11", GroupID: "issn:0000-0001", GroupName: "Journal of Psychoceramics", Org: psychoSoc, ReviewID: "JP-2019-0113",
				SubjectDOI: "10.5555/psy.2019.0007", SubjectTitle: "Glaze Anxiety in Late Stoneware", SubjectType: "journal-article", SubjectURL: "https://doi.org/10.5555/psy.2019.0007"},
			{Role: "reviewer", Type: "review", Date: "2021-08-02", GroupID: "issn:0000-0001", GroupName: "Journal of Psychoceramics", Org: psychoSoc, ReviewID: "JP-2021-0588"},
			{Role: "editor", Type: "evaluation", Date: "2022-12-20", GroupID: "issn:0000-0002", GroupName: "Annals of Improbable Ceramics", Org: ceramicSoc, ReviewID: "AIC-22-901", URL: "https://review.example.org/aic-22-901"},
		},
		Resources: []resource{{Title: "High-temperature kiln facility access", Host: brown, Handle: "https://hdl.example.org/20.500.12345/kiln-7", Start: "2018-01-08", End: "2018-03-30", URL: "https://facilities.example.edu/kiln-7",
			Items: []resourceItem{
				{Name: "Kiln 7 (1300 °C gas kiln)", Type: "equipment", Host: brown, RRID: "RRID:SCR_000007", URL: "https://facilities.example.edu/kiln-7/equipment"},
				{Name: "Cracked Pot Reference Collection", Type: "collections", Host: psychoSoc},
			}}},
		Created: day("2012-10-15 14:03"), Modified: day("2025-02-03 09:41"), CreatedBy: "DIRECT",
	}

	angstrom := &personSpec{
		ID: AngstromID, Given: "Zoë", Family: "Ångström-Łukasiewicz", Credit: "Zoë Ångström-Łukasiewicz",
		OtherNames: []string{"Zoe Angstrom-Lukasiewicz", "Z. Ångström", "Zoë Łukasiewicz"},
		Bio:        "Materials physicist working on fracture mechanics of ceramics and glasses. Born in Kraków, trained in Uppsala.",
		Keywords:   []string{"fracture mechanics", "ceramics", "glass", "crazing"},
		URLs:       []urlSpec{{"Group page", "https://www.uu.se/en/research/example-fracture-group"}},
		Countries:  []string{"SE", "PL"},
		Employments: []aff{
			{Org: uppsala, Dept: "Department of Materials Science and Engineering", Role: "Associate Professor", Start: "2019-01-01"},
			{Org: krakow, Dept: "Faculty of Physics, Astronomy and Applied Computer Science", Role: "Postdoctoral researcher", Start: "2015-10", End: "2018-12"},
		},
		Educations:  []aff{{Org: uppsala, Dept: "Materials Physics", Role: "PhD", Start: "2010-09", End: "2015-06"}, {Org: krakow, Role: "MSc Physics", Start: "2005-10", End: "2010-07"}},
		Memberships: []aff{{Org: ceramicSoc, Role: "Member", Start: "2016"}},
		Works: []work{
			{Title: "Crackpot Detection with Convolutional Kilns", Journal: "Proceedings of the International Conference on Ceramic Cognition (ICCC 2021)", Type: "conference-paper", Date: "2021-07-19", DOI: "10.5555/iccc.2021.3", ArXiv: "2103.01234",
				Contributors: []contrib{{Name: "Zoë Ångström-Łukasiewicz", ORCID: AngstromID, Seq: "first", Role: "author"}, {Name: "Josiah Carberry", ORCID: CarberryID, Seq: "additional", Role: "author"}}},
			{Title: "Sub-critical crack growth in soda-lime glass at cryogenic temperatures", Journal: "Journal of the American Ceramic Society", Type: "journal-article", Date: "2017-02-14", DOI: "10.5555/jacs.2017.0214"},
			{Title: "Pękanie szkła: przegląd", Translated: "Fracture of glass: a review", TranslatedLang: "en", Journal: "Postępy Fizyki", Type: "journal-article", Date: "2016", DOI: "10.5555/pf.2016.67.3", Lang: "pl"},
			{Title: "Fracture of Brittle Solids at the Nanoscale", Type: "dissertation-thesis", Date: "2015-06-05", URL: "https://urn.kb.se/resolve?urn=urn:nbn:se:uu:diva-000000"},
		},
		Fundings: []funding{{Title: "Crack arrest in layered glasses", Type: "grant", Org: vr, Grant: "2020-04567", Start: "2021-01", End: "2024-12"}},
		Created:  day("2019-02-11 08:30"), Modified: day("2024-11-20 16:12"), CreatedBy: "DIRECT",
	}

	tanaka := &personSpec{
		ID: TanakaID, Given: "花子", Family: "田中", Credit: "田中 花子",
		OtherNames:   []string{"Hanako Tanaka", "タナカ ハナコ", "H. Tanaka"},
		Bio:          "京都大学で陶磁器の認知科学を研究しています。I study the cognitive science of ceramics at Kyoto University.",
		Keywords:     []string{"陶磁器", "cognitive science", "kintsugi"},
		URLs:         []urlSpec{{"研究室", "https://www.kyoto-u.ac.jp/ja/example-lab"}},
		Countries:    []string{"JP"},
		ExtIDs:       []extID{{"KAKEN", "90000001", "https://nrid.nii.ac.jp/nrid/1000090000001/"}},
		Employments:  []aff{{Org: kyoto, Dept: "大学院人間・環境学研究科", Role: "准教授 (Associate Professor)", Start: "2016-04-01"}},
		Educations:   []aff{{Org: tokyo, Dept: "Graduate School of Arts and Sciences", Role: "博士 (PhD)", Start: "2009-04", End: "2014-03"}},
		Distinctions: []aff{{Org: jsps, Role: "JSPS Prize", Start: "2021-02"}},
		Works: []work{
			{Title: "金継ぎの認知科学", Translated: "The cognitive science of kintsugi", TranslatedLang: "en", Journal: "認知科学", Type: "journal-article", Date: "2018-09", DOI: "10.5555/jcss.25.3.301", Lang: "ja", Country: "JP"},
			{Title: "On the Fragility of Glazed Earthenware under Emotional Stress", Journal: "Annals of Improbable Ceramics", Type: "journal-article", Date: "2015-10", DOI: "10.5555/aic.2015.7", PMID: "26123456",
				Contributors: []contrib{{Name: "Josiah Carberry", ORCID: CarberryID, Seq: "first", Role: "author"}, {Name: "田中 花子", ORCID: TanakaID, Seq: "additional", Role: "author"}}},
			{Title: "Repair as cognition: a cross-cultural study", Journal: "Cognitive Science", Type: "journal-article", Date: "2022-01-20", DOI: "10.5555/cogs.13080"},
		},
		Fundings: []funding{{Title: "修復の美学と認知", Type: "grant", Org: jsps, Grant: "JP21H00001", GrantURL: "https://kaken.nii.ac.jp/grant/KAKENHI-PROJECT-21H00001/", Start: "2021-04", End: "2025-03"}},
		Created:  day("2014-05-01 02:00"), Modified: day("2024-06-30 11:00"), CreatedBy: "DIRECT",
	}

	nunez := &personSpec{
		ID: NunezID, Given: "José María", Family: "Núñez", Credit: "José María Núñez",
		OtherNames: []string{"Jose Maria Nunez", "J. M. Núñez", "Pepe Núñez"},
		Bio:        "Investigador del CONICET y profesor en la Universidad de Buenos Aires. Historia de la cerámica rioplatense y arqueometría.",
		Keywords:   []string{"arqueometría", "cerámica", "Río de la Plata"},
		Emails:     []string{"jmnunez@example.com.ar"},
		Countries:  []string{"AR", "ES"},
		Employments: []aff{
			{Org: conicet, Role: "Investigador Independiente", Start: "2012-04"},
			{Org: uba, Dept: "Facultad de Filosofía y Letras", Role: "Profesor Adjunto", Start: "2010-03-01"},
		},
		Educations: []aff{{Org: uba, Role: "Doctor en Arqueología", Start: "2003", End: "2009"}},
		Services:   []aff{{Org: uba, Role: "Director del Instituto de Arqueología", Start: "2018-03", End: "2022-02"}},
		Works: []work{
			{Title: "La psicocerámica en América Latina", Translated: "Psychoceramics in Latin America", TranslatedLang: "en", Journal: "Revista Argentina de Cerámica Cognitiva", Type: "journal-article", Date: "2022-06", DOI: "10.5555/racc.2022.118", Lang: "es", Country: "AR",
				Contributors: []contrib{{Name: "José María Núñez", ORCID: NunezID, Seq: "first", Role: "author"}, {Name: "Josiah Carberry", ORCID: CarberryID, Seq: "additional", Role: "author"}}},
			{Title: "Arqueometría de la loza del puerto de Buenos Aires (siglos XVIII–XIX)", Journal: "Relaciones de la Sociedad Argentina de Antropología", Type: "journal-article", Date: "2014-12", DOI: "10.5555/rsaa.39.2.455", Lang: "es"},
			{Title: "Cerámica y sociedad en el Río de la Plata", Type: "book", Date: "2019-08", ISBN: "9789870000001", Lang: "es"},
		},
		Fundings: []funding{{Title: "Arqueometría de cerámicas coloniales", Type: "grant", Org: anpcyt, Grant: "PICT-2018-01234", Start: "2019-07", End: "2022-06"}},
		Reviews:  []review{{Role: "reviewer", Type: "review", Date: "2020-05-04", GroupID: "issn:0325-2221", GroupName: "Relaciones", Org: uba, ReviewID: "REL-2020-17"}},
		Created:  day("2013-03-20 18:45"), Modified: day("2023-10-05 13:27"), CreatedBy: "DIRECT",
	}

	sokolova := &personSpec{
		ID: SokolovaID, Given: "Ирина", Family: "Соколова", Credit: "Irina Sokolova",
		OtherNames:  []string{"Irina Sokolova", "И. А. Соколова"},
		Bio:         "Materials chemist; editor of the Handbook of Impossible Materials.",
		Keywords:    []string{"materials chemistry", "editing"},
		Countries:   []string{"RU"},
		Employments: []aff{{Org: msu, Dept: "Faculty of Chemistry", Role: "Senior Researcher", Start: "2011-09-01"}},
		Works: []work{
			{Title: "Handbook of Impossible Materials", Type: "edited-book", Date: "2020-02", ISBN: "9780000000019",
				Contributors: []contrib{{Name: "Ирина Соколова", ORCID: SokolovaID, Seq: "first", Role: "editor"}}},
			{Title: "Impossible Materials Consortium: Annual Report 2024", Type: "report", Date: "2024-03", URL: "https://consortium.example.org/reports/2024",
				Contributors: consortiumAuthors()},
			{Title: "Crazing at 100% humidity & the $\\sigma_c$ threshold {draft}", Type: "preprint",
				Contributors: []contrib{{Name: "Ирина Соколова", ORCID: SokolovaID, Seq: "first", Role: "author"}}},
		},
		Created: day("2023-01-09 10:00"), Modified: day("2023-02-01 10:00"), CreatedBy: "DIRECT",
	}

	big := &personSpec{
		ID: BigRecordID, Given: "Amara", Family: "Okonkwo", Credit: "A. Okonkwo",
		OtherNames: []string{"Amara N. Okonkwo", "Okonkwo, A."},
		Bio:        "Experimental particle physicist, member of a large LHC collaboration since 2008. Most works below are collaboration papers.",
		Keywords:   []string{"particle physics", "LHC", "Higgs boson", "top quark"},
		Countries:  []string{"CH", "NG", "GB"},
		ExtIDs:     []extID{{"INSPIRE", "A.Okonkwo.1", "https://inspirehep.net/authors/A.Okonkwo.1"}},
		Employments: []aff{
			{Org: cern, Dept: "Experimental Physics Department", Role: "Senior Research Physicist", Start: "2014-03-01"},
			{Org: manchester, Dept: "School of Physics and Astronomy", Role: "Research Associate", Start: "2008-10", End: "2014-02"},
		},
		Educations: []aff{{Org: manchester, Role: "PhD Particle Physics", Start: "2004-10", End: "2008-09"}, {Org: lagos, Role: "BSc Physics", Start: "2000", End: "2004"}},
		Fundings:   []funding{{Title: "Precision top-quark physics at the LHC", Type: "grant", Org: erc, Grant: "ERC-2017-COG-771234", Start: "2018-05", End: "2023-04"}},
		lazyWorks:  bigWorks,
		Created:    day("2013-07-04 09:00"), Modified: day("2025-03-01 12:00"), CreatedBy: "MEMBER_REFERRED",
	}

	empty := &personSpec{
		ID: EmptyID, NamePrivate: true,
		Created: day("2024-08-01 00:00"), Modified: day("2024-08-01 00:00"), CreatedBy: "DIRECT",
	}

	primary := &personSpec{
		ID: PrimaryID, Given: "Marie-Claire", Family: "Dubois", Credit: "Marie-Claire Dubois",
		OtherNames:  []string{"M.-C. Dubois", "Marie Claire Dubois"},
		Bio:         "Physicienne des matériaux au CNRS. My older duplicate record was merged into this one.",
		Keywords:    []string{"céramiques", "thermomécanique"},
		Countries:   []string{"FR"},
		Employments: []aff{{Org: cnrs, Dept: "Laboratoire de Physique des Solides", Role: "Directrice de recherche", Start: "2015-10-01"}, {Org: saclay, Role: "Maîtresse de conférences", Start: "2006-09", End: "2015-09"}},
		Educations:  []aff{{Org: saclay, Role: "Doctorat", Start: "2002", End: "2006"}},
		Works: []work{
			{Title: "Choc thermique et faïence : une étude expérimentale", Translated: "Thermal shock and faience: an experimental study", TranslatedLang: "en", Journal: "Comptes Rendus Physique", Type: "journal-article", Date: "2011-04", DOI: "10.5555/crphys.2011.04.007", Lang: "fr"},
			{Title: "Thermal fatigue of tin-glazed earthenware", Journal: "Journal of the European Ceramic Society", Type: "journal-article", Date: "2018-11-02", DOI: "10.5555/jecs.2018.1102"},
		},
		Created: day("2016-01-12 07:15"), Modified: day("2024-09-09 09:09"), CreatedBy: "DIRECT",
	}

	merged := &personSpec{ID: MergedID, Status: statusDeprecated, Primary: PrimaryID, Given: "Marie Claire", Family: "Dubois", Created: day("2021-05-05 05:05"), Modified: day("2022-02-02 02:02"), CreatedBy: "DIRECT"}
	locked := &personSpec{ID: LockedID, Status: statusLocked, Given: "Locked", Family: "Record", Created: day("2017-06-06 06:06"), Modified: day("2020-01-01 00:00"), CreatedBy: "DIRECT"}
	deactivated := &personSpec{ID: DeactivatedID, Status: statusDeactivated, Given: "Given Names Deactivated", Family: "Family Name Deactivated", Created: day("2022-03-03 03:03"), Modified: day("2023-03-03 03:03"), CreatedBy: "DIRECT"}

	return []*personSpec{carberry, angstrom, tanaka, nunez, sokolova, big, empty, primary, merged, locked, deactivated}
}
