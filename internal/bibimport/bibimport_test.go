package bibimport

import (
	"strings"
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
	entries, err := Parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
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
	if w.Citation == nil || w.Citation.Type != "bibtex" || !strings.Contains(w.Citation.Value, "@article{carberry2012") {
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

func TestUndefinedMacros(t *testing.T) {
	got := UndefinedMacros(sample)
	if strings.Join(got, ",") != "jbio" {
		t.Errorf("undefined macros %q, want [jbio] (psy is defined, mar predefined)", got)
	}
}

func TestParseRefusesGarbage(t *testing.T) {
	if _, err := Parse(strings.NewReader("@article{x, title = {unbalanced}")); err == nil {
		t.Error("an unterminated entry parsed")
	}
}
