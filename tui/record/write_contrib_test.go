package record

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// A work's contributors go through the pane's form to ORCID with their
// iD, role and sequence, and an edit that does not touch them sends them
// back unchanged.
func TestWorkContributorsThroughTheForm(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	open(t, f.m, orcidtest.CarberryID)
	hit(f.m, "]", "a")
	fillWork(f.m, "Two hands at the kiln", "10.5555/TUI-CONTRIB")
	for i := 0; !f.m.wr.form.EnterIsNewLine(); i++ { // tab to the contributors
		if i == 20 {
			t.Fatalf("no contributors field:\n%s", plain(f.m))
		}
		hit(f.m, "tab")
	}
	wtype(f.m, "Josiah Carberry | 0000-0002-1825-0097 | writing-original-draft | first")
	hit(f.m, "enter")
	wtype(f.m, "Ada Lovelace | data-curation")
	st := statuses(hit(f.m, "ctrl+s"))
	if !strings.Contains(st, "work added") {
		t.Fatalf("status:\n%s\n%s", st, plain(f.m))
	}
	var pc int64
	for _, w := range f.m.cur.data.works {
		if w.title == "Two hands at the kiln" {
			pc = w.putCode
		}
	}
	w, err := f.member.Work(context.Background(), orcidtest.CarberryID, pc)
	if err != nil {
		t.Fatal(err)
	}
	cs := w.Contributors.Contributor
	if len(cs) != 2 || cs[0].ContributorORCID == nil || cs[0].ContributorORCID.Path != "0000-0002-1825-0097" ||
		cs[0].ContributorAttributes.Role != "writing – original draft" || cs[0].ContributorAttributes.Sequence != "first" ||
		cs[1].CreditName.Value != "Ada Lovelace" || cs[1].ContributorORCID != nil ||
		cs[1].ContributorAttributes.Role != "data curation" || cs[1].ContributorAttributes.Sequence != "additional" {
		t.Fatalf("contributors on ORCID: %+v %+v", cs[0], cs[1])
	}
	// The bare iD is the record's registry's iD, not orcid.org's.
	if u, _ := url.Parse(testBase); cs[0].ContributorORCID.Host != u.Hostname() || cs[0].ContributorORCID.URI != testBase+"/0000-0002-1825-0097" {
		t.Errorf("a bare iD typed on %s went as %+v", testBase, *cs[0].ContributorORCID)
	}
	before := w.Draft().Contributors

	cursorTo(t, f.m, pc)
	hit(f.m, "e")
	hit(f.m, "ctrl+u")
	wtype(f.m, "Two hands at the kiln, again")
	if st := statuses(hit(f.m, "ctrl+s")); !strings.Contains(st, fmt.Sprintf("work updated, put-code %d", pc)) {
		t.Fatalf("status:\n%s", st)
	}
	if n := f.count(http.MethodPut, fmt.Sprintf("/work/%d", pc)); n != 1 {
		t.Errorf("%d PUTs, want 1", n)
	}
	w, err = f.member.Work(context.Background(), orcidtest.CarberryID, pc)
	if err != nil {
		t.Fatal(err)
	}
	if after := w.Draft().Contributors; !reflect.DeepEqual(after, before) {
		t.Errorf("contributors changed by an edit of the title:\n%+v\n%+v", before.Contributor, after.Contributor)
	}
}

// The contributors field at 80x24: its syntax under the title, then a
// bad line's message in its place.
func TestGoldenContributors(t *testing.T) {
	for _, tt := range []struct{ name, text string }{
		{"empty", ""},
		{"bad_lines", "Josiah Carberry | 0000-0002-1825-0098 | editor\nAda Lovelace | writer"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newWriteFixture(t, writeScopes)
			f.m.SetSize(80, 24)
			open(t, f.m, orcidtest.CarberryID)
			hit(f.m, "]", "a")
			fillWork(f.m, "Two hands at the kiln", "10.5555/TUI-CONTRIB")
			for i := 0; !f.m.wr.form.EnterIsNewLine(); i++ {
				if i == 20 {
					t.Fatal("no contributors field")
				}
				hit(f.m, "tab")
			}
			for i, line := range strings.Split(tt.text, "\n") {
				if i > 0 {
					hit(f.m, "enter")
				}
				wtype(f.m, line)
			}
			hit(f.m, "tab") // refused: the messages show
			out := f.m.View()
			checkSize(t, out, 80, 24)
			golden.RequireEqual(t, ansi.Strip(out))
		})
	}
}
