package export

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// Options change what is exported and how.
type Options struct {
	// AllVersions writes every work summary of every group instead of each
	// group's preferred one (used by Load).
	AllVersions bool
	// Owner is the record holder's name ("Josiah Carberry"). Works listing no
	// author are credited to the owner, as ORCID's own pages imply; empty
	// leaves them without author and keys them "anon".
	Owner string
}

// person is a contributor's name, split for formats that want family and
// given names apart.
type person struct {
	full    string // as written (sanitised)
	family  string
	given   string
	literal bool // one unit (a collaboration, a single word, a name in a script written family-first)
}

// extID is one external id other than the ones with fields of their own.
type extID struct{ typ, value string }

// entry is one work prepared for every format: sanitised strings, split
// names, a checked date and its unique key.
type entry struct {
	putCode    int64
	key        string
	orcidType  string
	types      workType
	title      string // title and subtitle ("Title: Subtitle")
	translated string
	container  string
	year       string
	month      int
	day        int
	authors    []person
	editors    []person
	people     []string // every contributor with role, for CSV
	doi, url   string
	isbn, issn string
	pmid, pmc  string
	arxiv      string
	otherIDs   []extID
	abstract   string
	language   string
	source     string
	visibility string
	bibtex     string // the work's own BibTeX citation, when well formed
}

// prepare builds the entries of works in order, skipping nil works, with
// unique keys.
func prepare(works []*orcid.Work, opt Options) []*entry {
	out := make([]*entry, 0, len(works))
	keys := newKeySet()
	owner := splitName(sanitize.Line(opt.Owner))
	for _, w := range works {
		if w == nil {
			continue
		}
		e := newEntry(w)
		if len(e.authors) == 0 && len(e.editors) == 0 && owner.full != "" {
			e.authors = []person{owner}
		}
		e.key = keys.unique(baseKey(e))
		out = append(out, e)
	}
	return out
}

func newEntry(w *orcid.Work) *entry {
	e := &entry{putCode: w.PutCode, visibility: sanitize.Line(w.Visibility)}
	e.orcidType = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(sanitize.Line(w.Type))), "_", "-")
	e.types = typeOf(e.orcidType)
	if t := w.Title; t != nil {
		e.title = clean(t.Title.String())
		if sub := clean(t.Subtitle.String()); sub != "" {
			if e.title == "" {
				e.title = sub
			} else {
				e.title += ": " + sub
			}
		}
		if t.TranslatedTitle != nil {
			e.translated = clean(t.TranslatedTitle.Value)
		}
	}
	e.container = clean(w.JournalTitle.String())
	if d := w.PublicationDate; d != nil {
		if y := strings.TrimSpace(d.Year.String()); len(y) == 4 && allDigits(y) {
			e.year = y
			e.month = number(d.Month.String(), 12)
			if e.month > 0 {
				e.day = number(d.Day.String(), 31)
			}
		}
	}
	if w.Contributors != nil {
		for _, c := range w.Contributors.Contributor {
			name := clean(c.CreditName.String())
			if name == "" {
				continue
			}
			role := ""
			if c.ContributorAttributes != nil {
				role = clean(c.ContributorAttributes.Role)
			}
			switch {
			case role == "editor":
				e.editors = append(e.editors, splitName(name))
			case isAuthorRole(role):
				e.authors = append(e.authors, splitName(name))
			}
			if role != "" {
				name += " (" + role + ")"
			}
			e.people = append(e.people, name)
		}
	}
	e.doi = clean(w.ExternalIDs.DOI())
	e.url = clean(w.URL.String())
	// Identifiers with a field of their own in some format take their
	// first value; the rest are listed as they are.
	own := map[string]*string{"isbn": &e.isbn, "issn": &e.issn, "pmid": &e.pmid, "pmc": &e.pmc, "arxiv": &e.arxiv}
	if w.ExternalIDs != nil {
		for _, x := range w.ExternalIDs.ExternalID {
			typ := strings.ToLower(clean(x.Type))
			val := clean(x.Value)
			if val == "" || (typ == "doi" && orcid.TrimDOI(val) == e.doi) {
				continue
			}
			if f, ok := own[typ]; ok && *f == "" {
				*f = val
				continue
			}
			e.otherIDs = append(e.otherIDs, extID{typ, val})
		}
	}
	e.abstract = clean(w.ShortDescription)
	e.language = clean(w.LanguageCode)
	if w.Source != nil {
		e.source = clean(w.Source.SourceName.String())
	}
	if c := w.Citation; c != nil && strings.EqualFold(strings.TrimSpace(c.Type), "bibtex") {
		if b := strings.TrimSpace(sanitize.Text(c.Value)); wellFormedBibTeX(b) {
			e.bibtex = b
		}
	}
	return e
}

// clean is one sanitised line with runs of white space folded.
func clean(s string) string {
	return strings.Join(strings.Fields(sanitize.Line(s)), " ")
}

// isAuthorRole says whether a contributor role makes someone an author of
// the work in a citation. ORCID's roles for people who did not write it
// (support-staff, graduate-student, …) and editors are left out; CRediT
// role URIs name authors' contributions.
func isAuthorRole(role string) bool {
	switch role {
	case "", "author", "co-investigator", "principal-investigator", "co-inventor", "other-inventor", "assignee", "chair-or-translator":
		return true
	}
	return strings.Contains(role, "credit.niso.org")
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// number reads a month or day; 0 when absent or out of 1..max.
func number(s string, max int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > max {
		return 0
	}
	return n
}

// splitName splits "Given Family" or "Family, Given". A name with one
// word, or in a script written family name first (Han, Hangul, kana), or
// that reads like a group ("HELIX Collaboration") is kept whole.
func splitName(full string) person {
	p := person{full: full}
	if full == "" {
		return p
	}
	if fam, given, ok := strings.Cut(full, ","); ok && strings.TrimSpace(fam) != "" && strings.TrimSpace(given) != "" {
		p.family, p.given = strings.TrimSpace(fam), strings.TrimSpace(given)
		return p
	}
	words := strings.Fields(full)
	if len(words) < 2 || familyFirstScript(full) || groupName(words) {
		p.literal = true
		p.family = full
		return p
	}
	// Particles ("van der", "de", "da") stay with the family name.
	i := len(words) - 1
	for i > 1 && isParticle(words[i-1]) {
		i--
	}
	p.family = strings.Join(words[i:], " ")
	p.given = strings.Join(words[:i], " ")
	return p
}

func isParticle(w string) bool {
	switch strings.ToLower(w) {
	case "van", "von", "der", "den", "de", "da", "del", "della", "di", "du", "la", "le", "ter", "ten", "ó", "o", "ní", "mac", "bin", "ibn", "al", "el", "dos", "das":
		return true
	}
	return false
}

func groupName(words []string) bool {
	for _, w := range words {
		switch strings.ToLower(w) {
		case "collaboration", "consortium", "group", "team", "project", "network", "initiative", "committee":
			return true
		}
	}
	return false
}

func familyFirstScript(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) {
			return true
		}
	}
	return false
}

// keyFamily is the family name that starts a key: the first author's (for
// a name kept whole, its first word: the family name in family-first
// scripts, the group's name otherwise).
func keyFamily(e *entry) string {
	ps := e.authors
	if len(ps) == 0 {
		ps = e.editors
	}
	if len(ps) == 0 {
		return ""
	}
	p := ps[0]
	if p.literal {
		if f := strings.Fields(p.family); len(f) > 0 {
			return f[0]
		}
	}
	return p.family
}

// titleStopWords are skipped when taking a title's first word for a key.
var titleStopWords = map[string]bool{
	"a": true, "an": true, "the": true, "on": true, "of": true, "in": true, "for": true, "and": true,
	"to": true, "with": true, "at": true, "from": true, "by": true, "la": true, "le": true, "el": true,
	"les": true, "los": true, "las": true, "der": true, "die": true, "das": true, "un": true, "une": true,
}

// keyWord is the first significant ASCII word of the title (or of the
// translated title when the title has none).
func keyWord(e *entry) string {
	for _, t := range []string{e.title, e.translated} {
		for _, w := range strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			f := fold(w)
			if f == "" || titleStopWords[f] {
				continue
			}
			return f
		}
	}
	return ""
}

func baseKey(e *entry) string {
	fam := fold(keyFamily(e))
	if fam == "" {
		fam = "anon"
	}
	return fam + e.year + keyWord(e)
}

// fold lower-cases s and keeps ASCII letters and digits, turning Latin
// letters with diacritics into their base letter ("Ångström" -> "angstrom",
// "Łukasiewicz" -> "lukasiewicz") and Cyrillic into Latin letters
// ("Соколова" -> "sokolova"). Letters of other scripts are dropped: a key
// must be plain ASCII for BibTeX.
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case r < utf8.RuneSelf:
			if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
				b.WriteRune(r)
			}
		default:
			if f, ok := latinFold[r]; ok {
				b.WriteString(f)
			}
		}
	}
	return b.String()
}

var latinFold = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i"}
	groups := map[string]string{
		"a": "àáâãäåāăą", "c": "çćĉċč", "d": "ď", "e": "èéêëēĕėęě", "g": "ĝğġģ", "h": "ĥħ",
		"i": "ìíîïĩīĭįǐ", "j": "ĵ", "k": "ķ", "l": "ĺļľŀ", "n": "ñńņňŉ", "o": "òóôõöōŏőǒ",
		"r": "ŕŗř", "s": "śŝşšș", "t": "ţťŧț", "u": "ùúûüũūŭůűųǔ", "w": "ŵ", "y": "ýÿŷ", "z": "źżž",
	}
	cyrillic := []string{"а", "a", "б", "b", "в", "v", "г", "g", "д", "d", "е", "e", "ё", "e", "ж", "zh", "з", "z", "и", "i", "й", "i",
		"к", "k", "л", "l", "м", "m", "н", "n", "о", "o", "п", "p", "р", "r", "с", "s", "т", "t", "у", "u", "ф", "f", "х", "kh",
		"ц", "ts", "ч", "ch", "ш", "sh", "щ", "shch", "ъ", "", "ы", "y", "ь", "", "э", "e", "ю", "iu", "я", "ia",
		"і", "i", "ї", "i", "є", "ie", "ґ", "g", "ў", "u"}
	for i := 0; i < len(cyrillic); i += 2 {
		r, _ := utf8.DecodeRuneInString(cyrillic[i])
		m[r] = cyrillic[i+1]
	}
	for base, letters := range groups {
		for _, r := range letters {
			m[r] = base
		}
	}
	return m
}()

// keySet hands out unique keys: the first use of a base keeps it, later
// ones get a, b, … z, aa, ab, ….
type keySet struct {
	used  map[string]bool
	count map[string]int
}

func newKeySet() *keySet { return &keySet{used: map[string]bool{}, count: map[string]int{}} }

func (k *keySet) unique(base string) string {
	if !k.used[base] {
		k.used[base] = true
		return base
	}
	for {
		k.count[base]++
		key := base + suffix(k.count[base])
		if !k.used[key] {
			k.used[key] = true
			return key
		}
	}
}

// suffix is 1 -> "a", 26 -> "z", 27 -> "aa".
func suffix(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('a' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}
