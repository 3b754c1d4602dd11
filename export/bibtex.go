package export

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
)

var monthMacros = [...]string{"", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// WriteBibTeX writes one BibTeX entry per work, separated by blank lines.
func WriteBibTeX(w io.Writer, entries []*entry) error {
	var b strings.Builder
	for i, e := range entries {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(bibtexEntry(e))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func bibtexEntry(e *entry) string {
	if e.bibtex != "" {
		return rekey(e.bibtex, e.key)
	}
	typ := e.types.bibtex
	var b strings.Builder
	fmt.Fprintf(&b, "@%s{%s,\n", typ, e.key)
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(&b, "  %s = {%s},\n", name, value)
		}
	}
	field("author", bibNames(e.authors))
	field("editor", bibNames(e.editors))
	field("title", latex(e.title))
	field(containerField(typ), latex(e.container))
	field("year", e.year)
	if e.month > 0 {
		fmt.Fprintf(&b, "  month = %s,\n", monthMacros[e.month])
	}
	field("doi", verbatim(e.doi))
	field("url", verbatim(e.url))
	field("isbn", latex(e.isbn))
	field("issn", latex(e.issn))
	field("pmid", latex(e.pmid))
	if e.arxiv != "" {
		field("eprint", verbatim(e.arxiv))
		field("archiveprefix", "arXiv")
	}
	field("language", latex(e.language))
	field("abstract", latex(e.abstract))
	field("note", latex(noteOf(e)))
	b.WriteString("}")
	return b.String()
}

// noteOf keeps what has no field of its own: the translated title.
func noteOf(e *entry) string {
	if e.translated != "" && e.translated != e.title {
		return "Translated title: " + e.translated
	}
	return ""
}

// bibNames joins names with " and ", writing each as "Family, Given" so
// BibTeX needs no guess, and a name kept whole in braces.
func bibNames(ps []person) string {
	parts := make([]string, 0, len(ps))
	for _, p := range ps {
		switch {
		case p.literal:
			parts = append(parts, "{"+latex(p.full)+"}")
		case p.given == "":
			parts = append(parts, latex(p.family))
		default:
			parts = append(parts, latex(p.family)+", "+latex(p.given))
		}
	}
	return strings.Join(parts, " and ")
}

// latexEscapes turns the characters LaTeX or BibTeX give a meaning into
// commands that print them. Braces become commands too: BibTeX counts
// braces without regard to backslashes, so "\{" would unbalance a field.
// "@" becomes \symbol{64} because some BibTeX readers take a bare @ inside
// a field for the start of a new entry.
var latexEscapes = strings.NewReplacer(
	`\`, `\textbackslash{}`,
	`{`, `\textbraceleft{}`,
	`}`, `\textbraceright{}`,
	`$`, `\$`, `&`, `\&`, `%`, `\%`, `#`, `\#`, `_`, `\_`,
	`^`, `\^{}`, `~`, `\~{}`, `@`, `\symbol{64}`,
)

// latex escapes text for a braced BibTeX field; non-ASCII stays UTF-8.
func latex(s string) string { return latexEscapes.Replace(s) }

// verbatimEscapes keep URLs and DOIs usable as links (no LaTeX escapes,
// which \url and biblatex's doi field would print literally) while keeping
// the field balanced: the few characters that could break it are
// percent-encoded, as a URL allows.
var verbatimEscapes = strings.NewReplacer(`{`, "%7B", `}`, "%7D", `\`, "%5C", `@`, "%40", ` `, "%20")

func verbatim(s string) string { return verbatimEscapes.Replace(s) }

// entryHead matches the start of one BibTeX entry: "@type{key,".
var entryHead = regexp.MustCompile(`^@([A-Za-z]+)\s*\{\s*([^\s,{}@]*)\s*,`)

// wellFormedBibTeX says whether s is exactly one entry ("@type{key, …}")
// with balanced braces and no other "@", so it can be written as given.
func wellFormedBibTeX(s string) bool {
	m := entryHead.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	switch strings.ToLower(m[1]) {
	case "comment", "string", "preamble":
		return false
	}
	if strings.Count(s, "@") != 1 {
		return false
	}
	depth, quoted := 0, false
	for i := strings.IndexByte(s, '{'); i < len(s); i++ {
		switch c := s[i]; {
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth < 0 {
				return false
			}
			if depth == 0 && strings.TrimSpace(s[i+1:]) != "" {
				return false
			}
		case c == '"' && depth == 1:
			quoted = !quoted
		case c == '=' && depth == 1 && !quoted && !knownMacroAt(s[i+1:]):
			return false
		}
	}
	return depth == 0 && !quoted
}

// knownMacroAt says whether a field value (what follows its "=") is not a
// bare word, or is a month macro every BibTeX reader defines. Any other
// bare word names an @string the entry alone does not carry: BibTeX
// reports it undefined and some readers stop at it.
func knownMacroAt(v string) bool {
	v = strings.TrimLeft(v, " \t\r\n")
	end := strings.IndexFunc(v, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') })
	if end < 0 {
		end = len(v)
	}
	word := strings.ToLower(v[:end])
	return word == "" || slices.Contains(monthMacros[1:], word)
}

// rekey replaces the key of a well-formed entry.
func rekey(s, key string) string {
	loc := entryHead.FindStringSubmatchIndex(s)
	return s[:loc[4]] + key + s[loc[5]:]
}
