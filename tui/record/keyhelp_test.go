package record

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

func helpText(bs []key.Binding) string {
	var parts []string
	for _, b := range bs {
		parts = append(parts, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join(parts, " · ")
}

// The key line lists only keys that work now, and leaves room at 80
// columns for what the root adds ("/ search · " first, "· ? help · q quit"
// last) so ? help is never cut off.
func TestShortHelpFitsAndIsTrue(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	open(t, m, orcidtest.CarberryID)
	check := func(state string, want, not []string) {
		t.Helper()
		h := helpText(m.ShortHelp())
		// Cells, not bytes ("·" is two bytes). "/ search" is a new ORCID
		// search everywhere, so the root adds it on every record line.
		extras := ansi.StringWidth(" " + "/ search · " + " · ? help · q quit")
		if w := ansi.StringWidth(h) + extras; w > 80 {
			t.Errorf("%s: key line is %d cells with the root's keys, over 80: %q", state, w, h)
		}
		for _, s := range want {
			if !strings.Contains(h, s) {
				t.Errorf("%s: key line %q lacks %q", state, h, s)
			}
		}
		for _, s := range not {
			if strings.Contains(h, s) {
				t.Errorf("%s: key line %q lists %q, which does nothing here", state, h, s)
			}
		}
	}
	check("first record, person", []string{"[ ] section", "r raw"}, []string{"esc"})
	press(m, "]")
	check("works", []string{"enter detail", "s sort", "f filter"}, []string{"esc"})
	press(m, "f")
	typeText(m, "pots")
	press(m, "enter")
	check("works filtered", []string{"esc clear"}, nil)
	press(m, "esc", "enter")
	check("work detail", []string{"o open", "y copy"}, nil)
	mustContain(t, plain(m), "esc back to the list")
	press(m, "r")
	check("raw", []string{"x ", "f find", "esc leave"}, nil)
	press(m, "f")
	typeText(m, "Carberry")
	press(m, "enter")
	check("raw search", []string{"n next", "esc clear"}, nil)
	press(m, "esc", "esc", "esc", "1")

	run(m, m.Open(orcidtest.MergedID))
	check("merged, with history", []string{"enter open primary", "R retry", "esc back"}, nil)
	run(m, m.Open(orcidtest.LockedID))
	mustContain(t, plain(m), "R tries again · esc goes back")
	press(m, "esc", "esc")
	check("first record again", []string{"[ ] section"}, []string{"esc"})
	run(m, m.Open(orcidtest.TanakaID))
	check("second record", []string{"o open"}, nil)
	mustContain(t, plain(m), "esc back ━") // in the top border
}
