package record

import (
	"context"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// longKeyword wraps to three lines in the person tab at 80 columns.
const longKeyword = "kiln atmosphere and the slow cooling of reduction fired celadon glazes on porcelain bodies in anagama wood kilns of the Bizen tradition"

// visibleLines are the lines of m.lines the pane shows.
func visibleLines(m *Model) (from, to int) {
	ls := m.curList()
	return ls.offset, min(ls.offset+m.bodyH, len(m.lines))
}

// itemOf is the first and last line of the person item with put-code pc.
func itemOf(t *testing.T, m *Model, k orcid.ItemKind, pc int64) (first, last int) {
	t.Helper()
	first = -1
	for i, l := range m.lines {
		if l.it != nil && l.it.kind == k && l.it.putCode == pc {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		t.Fatalf("put-code %d is not on the tab:\n%s", pc, plain(m))
	}
	return first, last
}

// After an add, an edit or a jump, the item under the cursor shows whole
// when it fits, not only its first line.
func TestWrappedItemShowsWhole(t *testing.T) {
	tests := []struct {
		name string
		do   func(t *testing.T, f *writeFixture) int64 // returns the item's put-code
	}{
		{"added", func(t *testing.T, f *writeFixture) int64 {
			hit(f.m, "a", "down", "enter") // a keyword
			fill(f.m, longKeyword)
			hit(f.m, "tab")
			fill(f.m, "")
			st := statuses(hit(f.m, "ctrl+s"))
			if !strings.Contains(st, "confirmed by a re-read") {
				t.Fatalf("status:\n%s", st)
			}
			for _, it := range f.m.cur.data.person {
				if it.kind == orcid.KindKeyword && strings.Contains(it.cells[1], "kiln atmosphere") {
					return it.putCode
				}
			}
			t.Fatal("the keyword is not listed")
			return 0
		}},
		{"edited", func(t *testing.T, f *writeFixture) int64 {
			res, err := f.member.Add(context.Background(), orcidtest.CarberryID, &orcid.KeywordDraft{Content: "stoneware"})
			if err != nil {
				t.Fatal(err)
			}
			hit(f.m, "R")
			first, _ := itemOf(t, f.m, orcid.KindKeyword, res.PutCode)
			f.m.cur.lists[tabPerson].cursor = first
			f.m.fix()
			hit(f.m, "e", "ctrl+u")
			wtype(f.m, longKeyword)
			st := statuses(hit(f.m, "ctrl+s"))
			if !strings.Contains(st, "confirmed by a re-read") {
				t.Fatalf("status:\n%s", st)
			}
			return res.PutCode
		}},
		{"jumped to with j", func(t *testing.T, f *writeFixture) int64 {
			res, err := f.member.Add(context.Background(), orcidtest.CarberryID, &orcid.KeywordDraft{Content: longKeyword})
			if err != nil {
				t.Fatal(err)
			}
			hit(f.m, "R", "g")
			first, _ := itemOf(t, f.m, orcid.KindKeyword, res.PutCode)
			for f.m.cur.lists[tabPerson].cursor < first {
				hit(f.m, "j")
			}
			return res.PutCode
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newWriteFixture(t, writeScopes)
			f.m.SetSize(80, 16)
			open(t, f.m, orcidtest.CarberryID)
			pc := tt.do(t, f)
			first, last := itemOf(t, f.m, orcid.KindKeyword, pc)
			if last-first < 2 || last-first >= f.m.bodyH {
				t.Fatalf("the keyword takes %d lines: the test wants it wrapped and fitting %d", last-first+1, f.m.bodyH)
			}
			if from, to := visibleLines(f.m); first < from || last >= to {
				t.Errorf("lines %d–%d of the keyword, lines %d–%d shown:\n%s", first, last, from, to-1, plain(f.m))
			}
			if !strings.Contains(plain(f.m), "Bizen tradition") {
				t.Errorf("the keyword's end is not on screen:\n%s", plain(f.m))
			}
		})
	}
}
