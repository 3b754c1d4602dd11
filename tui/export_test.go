package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// TestEKeyExportsOnWorksElseEnvironment: E is the export on the works tab
// (the record pane claims it) and the environment pane everywhere else;
// while the export dialog asks, q is typing, not quitting.
func TestEKeyExportsOnWorksElseEnvironment(t *testing.T) {
	a := New(demoOptions())
	a.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	drive(a, common.OpenRecordMsg{ID: orcid.ID(orcidtest.CarberryID)})
	if a.Focused() != common.PaneRecord {
		t.Fatalf("focus %v, want the record", a.Focused())
	}
	drive(a, press("]"), press("E"))
	if a.Focused() != common.PaneRecord || !strings.Contains(asciiScreen(a), "Export 13 works as") {
		t.Fatalf("E on the works tab did not export:\n%s", asciiScreen(a))
	}
	drive(a, press("enter"))
	_, cmd := a.Update(press("q"))
	if isQuit(cmd) {
		t.Fatal("q in the export path quit the program")
	}
	if !strings.Contains(asciiScreen(a), ".bibq") {
		t.Errorf("q was not typed into the path:\n%s", asciiScreen(a))
	}
	drive(a, press("esc"), press("esc"))
	if strings.Contains(asciiScreen(a), "Export 13") {
		t.Fatal("esc did not close the dialog")
	}
	drive(a, press("1"), press("E"))
	if a.Focused() != common.PaneEnv {
		t.Errorf("E on the person tab: focus %v, want the environment pane", a.Focused())
	}
}

// TestCitationFormatReachesConfig: the first Y asks and hands the choice
// to Options.SaveCitationFormat; a configured one is used without asking.
func TestCitationFormatReachesConfig(t *testing.T) {
	opts := demoOptions()
	var saved []string
	opts.SaveCitationFormat = func(f string) error { saved = append(saved, f); return nil }
	a := New(opts)
	a.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	drive(a, common.OpenRecordMsg{ID: orcid.ID(orcidtest.CarberryID)})
	drive(a, press("]"), press("Y"))
	if !strings.Contains(asciiScreen(a), "Copy citations as") {
		t.Fatalf("no format picker:\n%s", asciiScreen(a))
	}
	drive(a, press("2"), press("enter"))
	if len(saved) != 1 || saved[0] != "ris" {
		t.Fatalf("saved %q, want [ris]", saved)
	}
	if !strings.Contains(asciiScreen(a), "copied RIS citation") {
		t.Errorf("status does not say the citation was copied:\n%s", asciiScreen(a))
	}

	opts = demoOptions()
	opts.CitationFormat = "bibtex"
	a = New(opts)
	a.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	drive(a, common.OpenRecordMsg{ID: orcid.ID(orcidtest.CarberryID)})
	drive(a, press("]"), press("Y"))
	if s := asciiScreen(a); strings.Contains(s, "Copy citations as") || !strings.Contains(s, "copied BibTeX citation") {
		t.Errorf("configured bibtex: \n%s", s)
	}
}
