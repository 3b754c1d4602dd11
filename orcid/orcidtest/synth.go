package orcidtest

import (
	"fmt"
	"sync"
	"time"
	"unicode/utf8"
)

// The synthetic population makes searches page through thousands of hits, as
// on ORCID. Each synthetic person is a small record generated from its index.
const (
	// SyntheticPeople is how many generated people the registry holds in
	// addition to the hand-written ones.
	SyntheticPeople = 10000
	// SyntheticSmiths is how many of them have the family name Smith, so
	// family-name:smith pages through more than 5,000 hits.
	SyntheticSmiths = 5200
)

// syntheticID is the iD of synthetic person i (0 <= i < SyntheticPeople);
// they live in the 0009-0008-… block.
func syntheticID(i int) string { return makeID(900_080_001_000 + int64(i)*7) }

var givenNames = []string{
	"James", "Mary", "Wei", "Fatima", "Olga", "Carlos", "Aiko", "Liam", "Sofía", "Mohammed",
	"Anna", "Ravi", "Chloé", "Jürgen", "Ngozi", "Mateo", "Yuki", "Elena", "Kwame", "Ingrid",
	"Siobhán", "Dmitri", "Lucía", "Hiroshi", "Amelia", "Pedro", "Priya", "Tomasz", "Emma", "Ahmed",
	"Björn", "Camille", "Diego", "Eun-ji", "Farah", "Gabriel", "Hana", "Ivan", "Julia", "Kenji",
	"Laura", "Miguel", "Nadia", "Omar", "Paula", "Quentin", "Rosa", "Stefan", "Thandiwe", "Uma",
	"Victor", "Wanjiru", "Xavier", "Yasmin", "Zeynep", "Ólafur", "Ève", "Łucja", "Şebnem", "Ana Luísa",
}

var familyNames = []string{
	"Miller", "García", "Müller", "Kowalski", "Nguyen", "Silva", "Tanaka", "Ivanova", "Okafor", "Rossi",
	"Dubois", "Andersson", "Hernández", "Kim", "Patel", "O'Brien", "Novák", "Yılmaz", "Jensen", "Costa",
	"Lefèvre", "Schmidt", "Wang", "Li", "Khan", "Mensah", "Papadopoulos", "Horvát", "Van der Berg", "Da Silva",
	"Carberry", "Fernández", "Nakamura", "Petrov", "Haddad", "Björk", "Ó Súilleabháin", "Zhang", "Martin", "Lopez",
}

var institutions = []string{
	"University of Oxford", "Harvard University", "Universidade de São Paulo", "Technische Universität München",
	"Peking University", "University of Cape Town", "Sorbonne Université", "University of Toronto",
	"Indian Institute of Science", "Universidad Nacional Autónoma de México", "University of Melbourne",
	"ETH Zürich", "Seoul National University", "University of Nairobi", "Karolinska Institutet",
	"Università di Bologna", "University of Edinburgh", "McGill University", "Universiteit Leiden",
	"National University of Singapore", "Wesleyan University", "Brown University", "Kyoto University",
	"Universidad de Chile", "Jagiellonian University", "University of Ghana", "Trinity College Dublin",
	"Monash University", "KU Leuven", "Stanford University",
}

var synthTopics = []string{
	"soil microbiology", "climate modelling", "medieval history", "machine learning", "public health",
	"marine ecology", "computational linguistics", "organic chemistry", "labour economics", "ceramics",
	"astrophysics", "epidemiology", "urban planning", "music cognition", "number theory",
}

var synthJournals = []string{
	"PLOS ONE", "Scientific Reports", "Nature Communications", "BMJ Open", "Journal of Applied Physics",
	"Environmental Research Letters", "Digital Scholarship in the Humanities", "The Lancet Regional Health",
}

// mix is a small deterministic hash, so the population looks random but is
// the same in every run.
func mix(i, salt int) int {
	x := uint32(i)*2654435761 ^ uint32(salt)*40503
	x ^= x >> 15
	x *= 2246822519
	x ^= x >> 13
	return int(x & 0x7fffffff)
}

var synthEpoch = time.Date(2013, 1, 1, 0, 0, 0, 0, time.UTC)

func synthetic(i int) *personSpec {
	given := givenNames[mix(i, 1)%len(givenNames)]
	family := "Smith"
	if i%25 >= 13 { // 13 of every 25 are Smiths: SyntheticSmiths of SyntheticPeople
		family = familyNames[mix(i, 2)%len(familyNames)]
	}
	inst := institutions[mix(i, 3)%len(institutions)]
	past := institutions[mix(i, 4)%len(institutions)]
	topic := synthTopics[mix(i, 5)%len(synthTopics)]
	created := synthEpoch.Add(time.Duration(mix(i, 6)%(11*365*24)) * time.Hour)
	p := &personSpec{
		ID: syntheticID(i), Given: given, Family: family,
		Keywords:  []string{topic},
		Created:   created,
		Modified:  created.Add(time.Duration(mix(i, 7)%(400*24)) * time.Hour),
		CreatedBy: "DIRECT",
		synthetic: true,
	}
	if mix(i, 8)%5 == 0 {
		p.Credit = initial(given) + ". " + family
	}
	if mix(i, 9)%4 == 0 {
		p.OtherNames = []string{given + " " + initial(givenNames[mix(i, 10)%len(givenNames)]) + ". " + family}
	}
	if mix(i, 11)%7 == 0 {
		p.Emails = []string{fmt.Sprintf("%s.%s.%d@example.org", asciiFold(firstWord(given)), asciiFold(firstWord(family)), i)}
	}
	startYear := 2005 + mix(i, 12)%17
	p.Employments = []aff{{Org: org{Name: inst}, Role: "Researcher", Start: fmt.Sprint(startYear)}}
	if past != inst {
		p.Educations = []aff{{Org: org{Name: past}, Role: "PhD", Start: fmt.Sprint(startYear - 5), End: fmt.Sprint(startYear - 1)}}
	}
	nw := mix(i, 13) % 4
	for k := 0; k < nw; k++ {
		year := startYear + k*2
		if year > 2025 {
			year = 2025
		}
		p.Works = append(p.Works, work{
			Title:        fmt.Sprintf("Notes on %s, part %d", topic, k+1),
			Journal:      synthJournals[mix(i, 14+k)%len(synthJournals)],
			Type:         "journal-article",
			Date:         fmt.Sprintf("%d-%02d", year, 1+mix(i, 20+k)%12),
			DOI:          fmt.Sprintf("10.5555/synth.%d.%d", i, k+1),
			Contributors: []contrib{{Name: given + " " + family, ORCID: p.ID, Seq: "first", Role: "author"}},
		})
	}
	return p
}

var bigProcesses = []string{
	"top-quark pair production", "Higgs boson decays to two photons", "W-boson mass", "Z-boson transverse momentum",
	"single top-quark production in the t-channel", "dijet resonances", "vector-boson scattering",
	"Higgs boson production in association with a top-quark pair", "B-meson oscillations", "supersymmetric partners of the top quark",
	"dark-matter candidates produced with a jet", "the inclusive jet cross-section", "long-lived neutral particles",
	"lepton-flavour universality in B decays", "the Higgs boson self-coupling",
}

var bigKinds = []string{"Measurement of", "Search for", "Observation of", "Evidence for", "Study of"}

var bigJournals = []string{"Physical Review Letters", "Journal of High Energy Physics", "European Physical Journal C", "Physics Letters B", "Physical Review D"}

var bigEnergies = []string{"7 TeV", "8 TeV", "13 TeV", "13.6 TeV"}

var bigWorksOnce = sync.OnceValue(func() []work { return helixWorks(BigRecordWorks) })

// helixWorks makes n collaboration papers, newest first over 17 years.
func helixWorks(n int) []work {
	ws := make([]work, 0, n)
	for i := 0; i < n; i++ {
		// Every ninth work is the previous one again, added by another
		// source: same DOI, so ORCID groups the two summaries together.
		if i%9 == 8 {
			d := ws[i-1]
			d.SourceName = "Crossref"
			d.Contributors = []contrib{{Name: "HELIX Collaboration", Seq: "first", Role: "author"}}
			ws = append(ws, d)
			continue
		}
		year := 2025 - i*17/n
		energy := bigEnergies[min(3, max(0, (year-2009)/4))]
		w := work{
			Title:   fmt.Sprintf("%s %s in pp collisions at √s = %s with the HELIX detector", bigKinds[mix(i, 1)%len(bigKinds)], bigProcesses[mix(i, 2)%len(bigProcesses)], energy),
			Journal: bigJournals[mix(i, 3)%len(bigJournals)],
			Type:    "journal-article",
			Date:    fmt.Sprintf("%d-%02d-%02d", year, 1+mix(i, 4)%12, 1+mix(i, 5)%28),
			DOI:     fmt.Sprintf("10.5555/helix.%d.%04d", year, i),
			Contributors: []contrib{
				{Name: "HELIX Collaboration", Seq: "first", Role: "author"},
				{Name: "Amara Okonkwo", ORCID: BigRecordID, Seq: "additional", Role: "author"},
			},
		}
		if i%5 == 0 {
			w.ArXiv = fmt.Sprintf("%02d%02d.%05d", year%100, 1+mix(i, 4)%12, mix(i, 6)%100000)
		}
		if i%97 == 13 {
			w.Type = "conference-paper"
			w.Journal = "Proceedings of the International Conference on High Energy Physics"
		}
		ws = append(ws, w)
	}
	return ws
}

func bigWorks() []work { return bigWorksOnce() }

// initial is the first letter of a name, whole even when it is not ASCII
// ("Łucja" -> "Ł", not half of its UTF-8 encoding).
func initial(name string) string {
	_, size := utf8.DecodeRuneInString(name)
	return name[:size]
}
