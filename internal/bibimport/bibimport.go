// Package bibimport turns BibTeX entries into ORCID works to add: the
// entry type mapped to ORCID's work type, title, date, journal or book,
// DOI, ISBN and URL as identifiers, authors as contributors, and the entry
// itself kept as the work's BibTeX citation. The reader is this package's
// own (parse.go says why).
package bibimport

import (
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// Entry is one BibTeX entry and the work made from it.
type Entry struct {
	Key  string // the entry's citation key
	Type string // the entry type (article, inproceedings, ...)
	// Work is the work to add; nil when Problem says why there is none.
	Work *orcid.WorkDraft
	// DOI is the entry's DOI, normalised ("" when it has none).
	DOI string
	// Problem is why the entry cannot become a work ("" when it can).
	Problem string
}

// Types maps BibTeX entry types to ORCID work types; other types become
// "other".
var Types = map[string]string{
	"article":       "journal-article",
	"book":          "book",
	"booklet":       "book",
	"inbook":        "book-chapter",
	"incollection":  "book-chapter",
	"inproceedings": "conference-paper",
	"conference":    "conference-paper",
	"proceedings":   "conference-proceedings",
	"manual":        "manual",
	"mastersthesis": "dissertation-thesis",
	"phdthesis":     "dissertation-thesis",
	"thesis":        "dissertation-thesis",
	"techreport":    "report",
	"report":        "report",
	"unpublished":   "working-paper",
	"online":        "website",
	"electronic":    "website",
	"www":           "website",
	"dataset":       "data-set",
	"software":      "software",
	"patent":        "patent",
	"misc":          "other",
}

// Parse reads a BibTeX file and makes a work of each entry, in the file's
// order. warnings name what was read but looks like a mistake (an undefined
// macro); a file that is not BibTeX is a *SyntaxError naming the line.
func Parse(r io.Reader) (entries []Entry, warnings []string, err error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, err
	}
	raws, warnings, err := parseBibTeX(string(src))
	if err != nil {
		return nil, nil, err
	}
	entries = make([]Entry, 0, len(raws))
	for i := range raws {
		entries = append(entries, convert(&raws[i]))
	}
	return entries, warnings, nil
}

// field is an entry's field as plain text: braces and LaTeX resolved,
// spaces folded, control characters removed.
func field(e *rawEntry, name string) string {
	return plainLine(e.field(name))
}

func plainLine(v string) string {
	return strings.Join(strings.Fields(sanitize.Line(Plain(v))), " ")
}

func convert(e *rawEntry) Entry {
	out := Entry{Key: sanitize.Line(e.Key), Type: e.Type}
	title := field(e, "title")
	if title == "" {
		out.Problem = "it has no title, which ORCID requires"
		return out
	}
	workType, ok := Types[e.Type]
	if !ok {
		workType = "other"
	}
	w := &orcid.WorkDraft{Type: workType, Title: &orcid.DraftTitle{Title: &orcid.Value{Value: title}}}
	if sub := field(e, "subtitle"); sub != "" {
		w.Title.Subtitle = &orcid.Value{Value: sub}
	}
	// Where it appeared: the journal, else the book or proceedings.
	for _, f := range []string{"journal", "journaltitle", "booktitle"} {
		if v := field(e, f); v != "" {
			w.JournalTitle = &orcid.Value{Value: v}
			break
		}
	}
	if year, ok := yearOf(field(e, "year")); ok {
		w.PublicationDate = orcid.NewDraftDate(year, monthOf(field(e, "month")), 0)
	} else if year, month, day, ok := isoDate(field(e, "date")); ok {
		w.PublicationDate = orcid.NewDraftDate(year, month, day)
	}

	var ids []orcid.DraftExternalID
	if raw := field(e, "doi"); raw != "" {
		if doi, ok := orcid.NormalizeDOI(raw); ok {
			out.DOI = doi
			ids = append(ids, orcid.DraftExternalID{Type: "doi", Value: doi, Relationship: "self", URL: &orcid.Value{Value: orcid.DOIURL(doi)}})
		}
	}
	if isbn := strings.ReplaceAll(field(e, "isbn"), " ", ""); isbn != "" {
		rel := "self"
		if workType == "book-chapter" || workType == "conference-paper" {
			rel = "part-of" // the ISBN is the book's, not the chapter's
		}
		ids = append(ids, orcid.DraftExternalID{Type: "isbn", Value: isbn, Relationship: rel})
	}
	if u := field(e, "url"); u != "" {
		w.URL = &orcid.Value{Value: u}
		if !hasSelf(ids) {
			ids = append(ids, orcid.DraftExternalID{Type: "uri", Value: u, Relationship: "self"})
		}
	}
	if len(ids) > 0 {
		w.ExternalIDs = &orcid.DraftExternalIDs{ExternalID: ids}
	}
	if !hasSelf(ids) {
		out.Problem = "it has no DOI, ISBN or URL: ORCID needs an identifier of the work's own"
		if len(ids) > 0 {
			out.Problem = "its only identifier is the ISBN of the book it is part of: ORCID needs an identifier of the work's own (a DOI or URL)"
		}
		return out
	}
	if abs := field(e, "abstract"); abs != "" {
		w.ShortDescription = truncateRunes(abs, 5000)
	}
	if lang := languageCode(field(e, "language")); lang != "" {
		w.LanguageCode = lang
	}
	w.Contributors = contributors(e.field("author"), "author")
	if eds := contributors(e.field("editor"), "editor"); eds != nil {
		if w.Contributors == nil {
			w.Contributors = eds
		} else {
			w.Contributors.Contributor = append(w.Contributors.Contributor, eds.Contributor...)
		}
	}
	// The entry itself, as written (fields in a stable order), is kept as
	// the work's citation: exports give it back as it was.
	w.Citation = &orcid.DraftCitation{Type: "bibtex", Value: strings.TrimSpace(sanitize.Text(e.Source))}
	if err := orcid.Validate(w); err != nil {
		out.Problem = err.Error()
		return out
	}
	out.Work = w
	return out
}

func hasSelf(ids []orcid.DraftExternalID) bool {
	return slices.ContainsFunc(ids, func(x orcid.DraftExternalID) bool { return x.Relationship == "self" })
}

// contributors splits a BibTeX name list ("Carberry, Josiah and Jane Doe";
// "{Barnes and Noble}" is one name) into contributors with role, the first
// one first.
func contributors(list, role string) *orcid.DraftContributors {
	if strings.TrimSpace(list) == "" {
		return nil
	}
	var out []orcid.DraftContributor
	for _, name := range splitAnd(list) {
		name = displayName(plainLine(name))
		if name == "" || strings.EqualFold(name, "others") {
			continue
		}
		seq := "additional"
		if len(out) == 0 {
			seq = "first"
		}
		out = append(out, orcid.DraftContributor{
			CreditName:            &orcid.Value{Value: name},
			ContributorAttributes: &orcid.DraftContributorAttributes{Sequence: seq, Role: role},
		})
	}
	if len(out) == 0 {
		return nil
	}
	return &orcid.DraftContributors{Contributor: out}
}

// splitAnd splits a name list at " and " outside braces.
func splitAnd(list string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(list); i++ {
		switch list[i] {
		case '{':
			depth++
		case '}':
			depth--
		case ' ', '\t', '\n', '\r':
			if depth != 0 {
				continue
			}
			rest := list[i:]
			trimmed := strings.TrimLeft(rest, " \t\n\r")
			if len(trimmed) >= 4 && strings.EqualFold(trimmed[:3], "and") && strings.ContainsRune(" \t\n\r", rune(trimmed[3])) {
				out = append(out, list[start:i])
				i += len(rest) - len(trimmed) + 3
				start = i + 1
			}
		}
	}
	return append(out, list[start:])
}

// displayName turns "Family, Given" (and "von Family, Jr, Given") into
// "Given Family"; "Given Family" stays.
func displayName(n string) string {
	parts := strings.Split(n, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	switch len(parts) {
	case 2:
		return strings.TrimSpace(parts[1] + " " + parts[0])
	case 3:
		return strings.TrimSpace(parts[2] + " " + parts[0] + ", " + parts[1])
	}
	return strings.TrimSpace(n)
}

func yearOf(s string) (int, bool) {
	y, err := strconv.Atoi(strings.TrimSpace(s))
	return y, err == nil && y >= 1000 && y <= 9999
}

var months = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// monthOf reads "3", "03", "mar", "March" (0 when none).
func monthOf(s string) int {
	s = strings.ToLower(strings.TrimSpace(s))
	if m, err := strconv.Atoi(s); err == nil && m >= 1 && m <= 12 {
		return m
	}
	if len(s) >= 3 {
		return months[s[:3]]
	}
	return 0
}

var isoDateRE = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$`)

// isoDate reads biblatex's date field (2024, 2024-05, 2024-05-09).
func isoDate(s string) (y, m, d int, ok bool) {
	g := isoDateRE.FindStringSubmatch(strings.TrimSpace(s))
	if g == nil {
		return 0, 0, 0, false
	}
	y, _ = strconv.Atoi(g[1])
	m, _ = strconv.Atoi(g[2])
	d, _ = strconv.Atoi(g[3])
	if m < 0 || m > 12 || d < 0 || d > 31 {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// languageCode keeps a language that is already a two-letter code and
// names a few common ones; ORCID wants ISO 639-1.
func languageCode(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z' {
		return s
	}
	return map[string]string{"english": "en", "german": "de", "ngerman": "de", "french": "fr", "spanish": "es",
		"italian": "it", "portuguese": "pt", "dutch": "nl", "swedish": "sv", "russian": "ru", "japanese": "ja", "chinese": "zh"}[s]
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// accents maps a LaTeX accent command to the combining character it adds.
var accents = map[byte]rune{
	'"': '\u0308', '\'': '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304',
	'.': '\u0307', 'u': '\u0306', 'v': '\u030C', 'H': '\u030B', 'c': '\u0327', 'k': '\u0328', 'r': '\u030A',
}

// symbols are LaTeX commands that stand for one character.
var symbols = map[string]string{
	"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
	"l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "&": "&", "%": "%", "$": "$", "#": "#", "_": "_",
	"{": "{", "}": "}", "textendash": "–", "textemdash": "—", "textquoteright": "’", "ldots": "…", "dots": "…",
	"LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX",
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "zeta": "ζ", "eta": "η",
	"theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ",
	"sigma": "σ", "tau": "τ", "phi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
	"Theta": "Θ", "Lambda": "Λ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	"pm": "±", "times": "×", "leq": "≤", "geq": "≥", "infty": "∞", "deg": "°",
}

// Plain turns a BibTeX value into plain text: {\"o} and \"{o} become ö,
// \ss ß, \& &, -- and --- dashes, ~ a space, and grouping braces go.
func Plain(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == '{' || ch == '}' || ch == '$':
			// grouping and math mode only
		case ch == '~':
			b.WriteByte(' ')
		case ch == '-' && strings.HasPrefix(s[i:], "---"):
			b.WriteString("—")
			i += 2
		case ch == '-' && strings.HasPrefix(s[i:], "--"):
			b.WriteString("–")
			i++
		case ch == '\\' && i+1 < len(s):
			n, text := command(s[i+1:])
			b.WriteString(text)
			i += n
		default:
			b.WriteByte(ch)
		}
	}
	return normalizeCombining(b.String())
}

// command reads the LaTeX command after a backslash and returns how many
// bytes it took and its text.
func command(s string) (int, string) {
	if mark, ok := accents[s[0]]; ok && (len(s) == 1 || !isLetter(s[0]) || !isLetter(s[1])) {
		// \"o, \"{o}, \'{\i}, \c c
		rest := s[1:]
		n := 1
		for len(rest) > 0 && (rest[0] == ' ' && isLetter(s[0]) || rest[0] == '{') {
			rest, n = rest[1:], n+1
		}
		if strings.HasPrefix(rest, `\i`) || strings.HasPrefix(rest, `\j`) {
			base := map[byte]string{'i': "i", 'j': "j"}[rest[1]]
			n += 2
			if strings.HasPrefix(rest[2:], "}") {
				n++
			}
			return n, base + string(mark)
		}
		if len(rest) == 0 {
			return n, ""
		}
		r := []rune(rest)[0]
		n += len(string(r))
		if strings.HasPrefix(rest[len(string(r)):], "}") {
			n++
		}
		return n, string(r) + string(mark)
	}
	if !isLetter(s[0]) {
		if t, ok := symbols[s[:1]]; ok {
			return 1, t
		}
		return 1, s[:1]
	}
	end := 0
	for end < len(s) && isLetter(s[end]) {
		end++
	}
	name := s[:end]
	if t, ok := symbols[name]; ok {
		// A space after a command word only ends it.
		if end < len(s) && s[end] == ' ' {
			end++
		}
		return end, t
	}
	return end, "" // an unknown command (\emph, \textit): its argument stays
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// normalizeCombining composes a letter and a following combining mark
// where Unicode has one character for both (o + ̈ = ö), for the accents
// BibTeX files use.
func normalizeCombining(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Mn, r) }) {
		return s
	}
	var out []rune
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) && len(out) > 0 {
			if c, ok := composed[[2]rune{out[len(out)-1], r}]; ok {
				out[len(out)-1] = c
				continue
			}
		}
		out = append(out, r)
	}
	return string(out)
}

// composed holds the precomposed letters of the Latin-1 Supplement and
// Latin Extended-A blocks, keyed by base letter and combining mark.
var composed = func() map[[2]rune]rune {
	m := map[[2]rune]rune{}
	for _, row := range []struct {
		mark  rune
		pairs string // base, composed, base, composed, ...
	}{
		{'\u0300', "aàeèiìoòuùAÀEÈIÌOÒUÙ"},
		{'\u0301', "aáeéiíoóuúyýcćnńsśzźAÁEÉIÍOÓUÚYÝCĆNŃSŚZŹ"},
		{'\u0302', "aâeêiîoôuûAÂEÊIÎOÔUÛ"},
		{'\u0303', "aãnñoõAÃNÑOÕ"},
		{'\u0304', "aāeēiīoōuūAĀEĒIĪOŌUŪ"},
		{'\u0306', "aăgğuŭAĂGĞUŬ"},
		{'\u0307', "zżeėZŻEĖ"},
		{'\u0308', "aäeëiïoöuüyÿAÄEËIÏOÖUÜ"},
		{'\u030A', "aåuůAÅUŮ"},
		{'\u030B', "oőuűOŐUŰ"},
		{'\u030C', "cčsšzžrřeěnňCČSŠZŽRŘEĚNŇ"},
		{'\u0327', "cçsşCÇSŞ"},
		{'\u0328', "aąeęAĄEĘ"},
	} {
		rs := []rune(row.pairs)
		for i := 0; i+1 < len(rs); i += 2 {
			m[[2]rune{rs[i], row.mark}] = rs[i+1]
		}
	}
	return m
}()
