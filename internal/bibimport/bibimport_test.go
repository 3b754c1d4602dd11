package bibimport

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

func TestPlain(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{DNA} Sequencing`, "DNA Sequencing"},
		{`Ångstr{\"o}m`, "Ångström"},
		{`\"{o}\"u\'e\'{E}`, "öüéÉ"},
		{`Fran{\c c}ois`, "François"},
		{`{\L}ukasiewicz`, "Łukasiewicz"},
		{`Stra\ss e`, "Straße"},
		{`Pots \& Kettles 50\%`, "Pots & Kettles 50%"},
		{`1990--2000 --- an era`, "1990–2000 — an era"},
		{`J.~S. Carberry`, "J. S. Carberry"},
		{`\emph{Cracked} pots`, "Cracked pots"},
		{`Nu\~{n}ez and \v{S}koda`, "Nuñez and Škoda"},
		{`na\"{\i}ve`, "naïve"},
		{`{\LaTeX} and $\alpha$-decay`, "LaTeX and α-decay"},
	}
	for _, tt := range tests {
		if got := Plain(tt.in); got != tt.want {
			t.Errorf("Plain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

const sample = `@string{psy = "Journal of Psychoceramics"}
@comment{ a comment with an @ sign }
@article{carberry2012,
  author  = {Carberry, Josiah S. and Jane Doe and others},
  title   = {The {Psychoceramics} of Cracked Pots},
  journal = psy,
  year    = 2012,
  month   = mar,
  doi     = {https://doi.org/10.5555/PSY.2012.0042},
  language = {english},
}
@inproceedings{kiln2021,
  author    = {N{\'u}{\~n}ez, Mar{\'\i}a},
  title     = {Crackpot Detection with Convolutional Kilns},
  booktitle = {Proceedings of ICCC},
  year      = {2021},
  isbn      = {978-3-16-148410-0},
  url       = {https://example.org/kiln},
}
@misc{nothing,
  title = {A note without any identifier},
  year  = 2020,
}
@book{untitled,
  doi = {10.5555/untitled},
}
@article{macro,
  title   = {Undefined macros},
  journal = jbio,
  doi     = {10.5555/macro},
}
`

func TestParse(t *testing.T) {
	entries, warnings, err := Parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], `"jbio" is not defined`) {
		t.Errorf("warnings %q, want one about jbio", warnings)
	}
	if len(entries) != 5 {
		t.Fatalf("%d entries, want 5", len(entries))
	}
	a := entries[0]
	if a.Problem != "" || a.Work == nil {
		t.Fatalf("article: problem %q", a.Problem)
	}
	w := a.Work
	if w.Type != "journal-article" || w.Title.Title.Value != "The Psychoceramics of Cracked Pots" {
		t.Errorf("article: type %q title %q", w.Type, w.Title.Title.Value)
	}
	if w.JournalTitle == nil || w.JournalTitle.Value != "Journal of Psychoceramics" {
		t.Errorf("article: journal %+v (the @string macro)", w.JournalTitle)
	}
	if a.DOI != "10.5555/PSY.2012.0042" || w.ExternalIDs.ExternalID[0].Relationship != "self" {
		t.Errorf("article: DOI %q, ids %+v", a.DOI, w.ExternalIDs)
	}
	if d := w.PublicationDate; d == nil || d.Year.Value != "2012" || d.Month == nil || d.Month.Value != "03" {
		t.Errorf("article: date %+v", d)
	}
	if w.LanguageCode != "en" {
		t.Errorf("article: language %q", w.LanguageCode)
	}
	cs := w.Contributors.Contributor
	if len(cs) != 2 || cs[0].CreditName.Value != "Josiah S. Carberry" || cs[0].ContributorAttributes.Sequence != "first" ||
		cs[1].CreditName.Value != "Jane Doe" || cs[1].ContributorAttributes.Sequence != "additional" {
		t.Errorf("article: contributors %+v", cs)
	}
	if w.Citation == nil || w.Citation.Type != "bibtex" || !strings.HasPrefix(w.Citation.Value, "@article{carberry2012,") || !strings.HasSuffix(w.Citation.Value, "}") {
		t.Errorf("article: citation %+v", w.Citation)
	}

	p := entries[1].Work
	if p == nil || p.Type != "conference-paper" || p.JournalTitle.Value != "Proceedings of ICCC" {
		t.Fatalf("inproceedings: %+v problem %q", p, entries[1].Problem)
	}
	if p.Contributors.Contributor[0].CreditName.Value != "María Núñez" {
		t.Errorf("inproceedings: author %q", p.Contributors.Contributor[0].CreditName.Value)
	}
	ids := p.ExternalIDs.ExternalID
	if len(ids) != 2 || ids[0].Type != "isbn" || ids[0].Relationship != "part-of" || ids[1].Type != "uri" || ids[1].Relationship != "self" {
		t.Errorf("inproceedings: the book's ISBN is part-of, the URL self: %+v", ids)
	}

	if entries[2].Work != nil || !strings.Contains(entries[2].Problem, "no DOI, ISBN or URL") {
		t.Errorf("misc without identifier: %+v", entries[2])
	}
	if entries[3].Work != nil || !strings.Contains(entries[3].Problem, "no title") {
		t.Errorf("book without title: %+v", entries[3])
	}
	if m := entries[4].Work; m == nil || m.JournalTitle.Value != "jbio" {
		t.Errorf("an undefined macro is kept as its name: %+v", entries[4])
	}
}

// TestParseWhatBreaksOtherParsers: inputs that made nickng/bibtex end the
// program or fail every later parse are read, with the value BibTeX gives.
func TestParseWhatBreaksOtherParsers(t *testing.T) {
	tests := []struct {
		name, src, field, want string
	}{
		{"month macro in capitals", `@article{a, title={T}, month=Jan, year=2020, doi={10.5555/a.1}}`, "month", "January"},
		{"macro names ignore case", "@string{JBio = \"J. Bio.\"}\n@article{a, title={T}, journal=jbio, doi={10.5555/a.1}}", "journal", "J. Bio."},
		{"backslash-quote inside quotes", `@article{a, title="a\" # zork # "b", doi={10.5555/a.1}}`, "title", `a\zorkb`},
		{"bare pages", `@article{a, title={T}, pages=12-34, doi={10.5555/a.1}}`, "pages", "12-34"},
		{"parentheses", `@article(a, title={T (with parens)}, doi={10.5555/a.1})`, "title", "T (with parens)"},
		{"at sign in a braced value", `@article{a, title={mail@example.org}, doi={10.5555/a.1}}`, "title", "mail@example.org"},
		{"comment with unbalanced text outside", "% @ sign in a comment line\n@comment{x @ y}\n@article{a, title={T}, doi={10.5555/a.1},}", "title", "T"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raws, _, err := parseBibTeX(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if len(raws) != 1 || raws[0].field(tt.field) != tt.want {
				t.Fatalf("%d entries, %s = %q; want %q", len(raws), tt.field, raws[0].field(tt.field), tt.want)
			}
		})
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	for _, src := range []string{
		"@article{x, title = {unbalanced}",
		"\n\n@article{x, title = {never closed",
		"@article{x, title \"no equals\"}",
		"@article{x, title = \"open quote}",
		"@article{x, title = {T}} @book{",
	} {
		_, _, err := Parse(strings.NewReader(src))
		var se *SyntaxError
		if !errors.As(err, &se) || se.Line < 1 {
			t.Errorf("%q: error %v, want a *SyntaxError with a line", src, err)
		}
	}
	// A failed parse leaves nothing behind: the next one works.
	if entries, _, err := Parse(strings.NewReader(sample)); err != nil || len(entries) != 5 {
		t.Errorf("after failures: %d entries, %v", len(entries), err)
	}
}

func TestParseConcurrently(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if entries, _, err := Parse(strings.NewReader(sample)); err != nil || len(entries) != 5 {
				t.Errorf("%d entries, %v", len(entries), err)
			}
		}()
	}
	wg.Wait()
}

func TestNamesAndIdentifiers(t *testing.T) {
	src := `@book{corp, title={Annual Report}, author={{Barnes and Noble} and Doe, Jane}, doi={10.5555/c}}
@inproceedings{isbnonly, title={Talk}, booktitle={Proc.}, isbn={978-3-16-148410-0}}
@article{ctrl, title={Bell` + "\x07" + `and Escape` + "\x1b[31m" + `}, doi={10.5555/ctrl}}`
	entries, _, err := Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	cs := entries[0].Work.Contributors.Contributor
	if len(cs) != 2 || cs[0].CreditName.Value != "Barnes and Noble" || cs[1].CreditName.Value != "Jane Doe" {
		t.Errorf("a braced corporate name is one author: %+v", cs)
	}
	if entries[1].Work != nil || !strings.Contains(entries[1].Problem, "only identifier is the ISBN of the book") {
		t.Errorf("ISBN-only chapter: %+v", entries[1])
	}
	w := entries[2].Work
	if strings.ContainsAny(w.Title.Title.Value+w.Citation.Value, "\x07\x1b") {
		t.Errorf("control characters reach ORCID: %q / %q", w.Title.Title.Value, w.Citation.Value)
	}
}
