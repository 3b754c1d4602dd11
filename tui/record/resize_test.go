package record

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// A resize rewraps the person tab and full items (a wrapped value takes
// more or fewer lines), but the cursor stays on the item it was on.
func TestResizeKeepsCursorItem(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	open(t, m, orcidtest.CarberryID)
	under := func() string {
		ls := m.curList()
		if ls.cursor >= len(m.lines) || m.lines[ls.cursor].it == nil {
			return ""
		}
		return m.lines[ls.cursor].it.cells[1]
	}
	for i := 0; i < 60 && !strings.HasPrefix(under(), "Brown University page"); i++ {
		press(m, "j")
	}
	want := under()
	if !strings.HasPrefix(want, "Brown University page") {
		t.Fatalf("no Brown University page row on the person tab:\n%s", plain(m))
	}
	for _, sz := range [][2]int{{200, 60}, {80, 24}, {50, 20}, {80, 24}} {
		m.SetSize(sz[0], sz[1])
		if got := under(); got != want {
			t.Errorf("at %dx%d the cursor is on %q, want %q", sz[0], sz[1], got, want)
		}
		if !strings.Contains(plain(m), "▸") {
			t.Errorf("at %dx%d the cursor row is not shown:\n%s", sz[0], sz[1], plain(m))
		}
	}
}

// At 80 columns the delete question keeps its end (the put-code and
// "y delete · n keep"): a long name is what gets cut.
func TestDeleteQuestionFits(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	f.m.SetSize(80, 24)
	long := "A very long work title about reduction-fired celadon glazes in anagama wood kilns over fifty firings"
	res, err := f.member.Add(context.Background(), orcidtest.CarberryID, doiWork(long, "report", "10.5555/TUI-LONGDEL"))
	if err != nil {
		t.Fatal(err)
	}
	open(t, f.m, orcidtest.CarberryID)
	hit(f.m, "]")
	cursorTo(t, f.m, res.PutCode)
	hit(f.m, "d")
	want := fmt.Sprintf("(put-code %d)? y delete · n keep", res.PutCode)
	if got := plain(f.m); !strings.Contains(got, want) || !strings.Contains(got, "delete work “A very long") {
		t.Errorf("the question lacks %q:\n%s", want, got)
	}
}

// The key line offers e and d only on an item this client is the source
// of (✎): elsewhere they would only say why not. a adds anywhere writable.
func TestWriteKeysShownOnlyWhereTheyAct(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	res, err := f.member.Add(context.Background(), orcidtest.CarberryID, doiWork("Mine", "report", "10.5555/TUI-MINE"))
	if err != nil {
		t.Fatal(err)
	}
	open(t, f.m, orcidtest.CarberryID)
	tests := []struct {
		name      string
		keys      func()
		want, not string
	}{
		{"person: the iD row", func() {}, "a add", "e/d"},
		{"works: someone else's work", func() { hit(f.m, "]", "g") }, "a add", "e/d"},
		{"works: mine", func() { cursorTo(t, f.m, res.PutCode) }, "a/e/d add/edit/delete", ""},
		{"works: my work opened", func() { hit(f.m, "enter") }, "a/e/d add/edit/delete", ""},
		{"peer review: nothing to write", func() {
			hit(f.m, "esc")
			for i := 0; i < int(numTabs) && f.m.cur.tab != tabPeerReview; i++ {
				hit(f.m, "]")
			}
		}, "", "a "},
	}
	for _, tt := range tests {
		tt.keys()
		h := helpText(f.m.ShortHelp())
		if tt.want != "" && !strings.Contains(h, tt.want) {
			t.Errorf("%s: key line %q lacks %q", tt.name, h, tt.want)
		}
		if tt.not != "" && strings.Contains(h, tt.not) {
			t.Errorf("%s: key line %q offers %q, which does nothing here", tt.name, h, tt.not)
		}
	}
}
