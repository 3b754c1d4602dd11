package record

import (
	"slices"
	"strings"
	"testing"
)

func TestNaturalCompare(t *testing.T) {
	in := []string{"part 10", "part 2", "part 1", "part 02", "part", "a10b", "a2b", "a2a", "psychoceramics 2021", "psychoceramics 999", "zeta", "alpha"}
	want := []string{"a2a", "a2b", "a10b", "alpha", "part", "part 1", "part 2", "part 02", "part 10", "psychoceramics 999", "psychoceramics 2021", "zeta"}
	got := slices.Clone(in)
	slices.SortFunc(got, naturalCompare)
	if !slices.Equal(got, want) {
		t.Errorf("natural order\n got %q\nwant %q", got, want)
	}
	for _, s := range in {
		if naturalCompare(s, s) != 0 {
			t.Errorf("%q not equal to itself", s)
		}
	}
}

// Sorting the works by title puts "Part 2" before "Part 10".
func TestWorksTitleSortIsNatural(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	p := newPage("0000-0002-1825-0097")
	p.data = &recData{}
	for i, title := range []string{"Lecture 10: glazes", "Lecture 2: kilns", "Lecture 1: clay", "Appendix"} {
		w := workRow{putCode: int64(i + 1), title: title, ltitle: strings.ToLower(title), key: strings.ToLower(title)}
		w.cells = []string{"", "", title, "", ""}
		p.data.works = append(p.data.works, w)
	}
	p.sortMode = sortTitleAsc
	m.applyOrder(p)
	var got []string
	for _, i := range p.order {
		got = append(got, p.data.works[i].title)
	}
	want := []string{"Appendix", "Lecture 1: clay", "Lecture 2: kilns", "Lecture 10: glazes"}
	if !slices.Equal(got, want) {
		t.Errorf("title order %q, want %q", got, want)
	}
}
