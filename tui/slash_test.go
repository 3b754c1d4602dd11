package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// demoApp is the --demo program at w x h, driven by messages.
func demoApp(t testing.TB, w, h int) *App {
	t.Helper()
	a := New(demoOptions())
	drive(a, tea.WindowSizeMsg{Width: w, Height: h})
	return a
}

// searchFor types q into the focused search box and runs it.
func searchFor(a *App, q string) {
	typeText(a, q)
	drive(a, press("enter"))
}

// "/" means a new ORCID search wherever it is pressed outside a text field:
// the box is focused and empty, and the query it held is one ↑ away.
func TestSlashStartsANewSearchFromAnywhere(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []string // after opening the first hit
	}{
		{"search results", []string{"shift+tab"}},
		{"person tab", nil},
		{"works tab", []string{"]"}},
		{"work detail", []string{"]", "enter"}},
		{"raw view", []string{"r"}},
		{"environment pane", []string{"E"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := demoApp(t, 120, 40)
			searchFor(a, "carberry")
			drive(a, press("enter"))
			if a.record.ID() != orcidtest.CarberryID {
				t.Fatalf("record %q open", a.record.ID())
			}
			for _, k := range tc.keys {
				drive(a, press(k))
			}
			drive(a, press("/"))
			if a.Focused() != common.PaneSearch || !a.search.InputFocused() {
				t.Fatalf("after /: focus %v, input %v", a.Focused(), a.search.InputFocused())
			}
			if got := a.search.Input(); got != "" {
				t.Fatalf("after /: box holds %q, want it empty", got)
			}
			typeText(a, "josiah")
			if got := a.search.Input(); got != "josiah" {
				t.Fatalf("typed josiah, box holds %q", got)
			}
			for range len("josiah") {
				drive(a, tea.KeyPressMsg{Code: tea.KeyBackspace})
			}
			drive(a, press("up"))
			if got := a.search.Input(); got != "carberry" {
				t.Errorf("↑ after / gives %q, want the previous query", got)
			}
		})
	}
}

// On the first screen the box already has the keyboard; a "/" typed first
// is the key the help names, not the start of the query.
func TestSlashFirstInEmptyBoxIsTheKey(t *testing.T) {
	a := demoApp(t, 80, 24)
	drive(a, press("/"))
	typeText(a, "carberry")
	if got := a.search.Input(); got != "carberry" {
		t.Fatalf("box holds %q, want carberry", got)
	}
	// Inside a query "/" is text (a DOI has one).
	drive(a, press("/"))
	if got := a.search.Input(); got != "carberry/" {
		t.Fatalf("box holds %q, want carberry/", got)
	}
}

// "/" and a pasted iD open that record from any tab; the box then shows the
// iD, and the results left below say which query they answer.
func TestSlashThenPastedIDOpensRecord(t *testing.T) {
	for _, tab := range []struct {
		name string
		keys []string
	}{
		{"works tab", []string{"]"}},
		{"raw view", []string{"r"}},
		{"person tab", nil},
	} {
		t.Run(tab.name, func(t *testing.T) {
			a := demoApp(t, 120, 40)
			searchFor(a, "carberry")
			drive(a, press("enter"))
			for _, k := range tab.keys {
				drive(a, press(k))
			}
			drive(a, press("/"), tea.PasteMsg{Content: " https://orcid.org/" + orcidtest.TanakaID + "\n"})
			if a.record.ID() != orcidtest.TanakaID {
				t.Fatalf("record %q open after pasting Tanaka's iD:\n%s", a.record.ID(), screen(a))
			}
			if got := a.search.Input(); !strings.Contains(got, orcidtest.TanakaID) {
				t.Errorf("box holds %q, want the iD that was opened", got)
			}
			if s := text(a.search.View()); !strings.Contains(s, "for “carberry”") {
				t.Errorf("the rows of the carberry search do not say so:\n%s", s)
			}
			if strings.Contains(screen(a), "No works match") {
				t.Errorf("the iD went to the works filter:\n%s", screen(a))
			}
		})
	}
}

// While a new query is typed the old rows say which query they answer;
// once it runs they are gone until its answer arrives.
func TestResultsBelongToTheQueryShown(t *testing.T) {
	a := demoApp(t, 120, 40)
	searchFor(a, "carberry")
	if s := text(a.search.View()); strings.Contains(s, "for “") {
		t.Fatalf("fresh results are marked stale:\n%s", s)
	}
	drive(a, press("shift+tab"), press("/"))
	typeText(a, "tanaka")
	if s := text(a.search.View()); !strings.Contains(s, "found for “carberry”") {
		t.Fatalf("rows under a new query do not say they are carberry's:\n%s", s)
	}
	// Enter without running the commands: the request is under way.
	a.Update(press("enter"))
	if s := text(a.search.View()); strings.Contains(s, orcidtest.CarberryID) || !strings.Contains(s, "searching") {
		t.Fatalf("old rows stay while the new query runs:\n%s", s)
	}
}

// The works filter and the raw find have their own key, and the key line
// names "/ search" on every tab.
func TestFilterKeyAndKeyLine(t *testing.T) {
	a := demoApp(t, 80, 24)
	searchFor(a, "carberry")
	drive(a, press("enter"))
	drive(a, press("]"))
	if l := footer(a); !strings.Contains(l, "/ search") || !strings.Contains(l, "f filter") {
		t.Errorf("works key line %q lacks / search or f filter", l)
	}
	drive(a, press("f"))
	if !a.record.InputFocused() {
		t.Fatal("f did not open the works filter")
	}
	drive(a, press("esc"), press("r"))
	if l := footer(a); !strings.Contains(l, "/ search") || !strings.Contains(l, "f find") {
		t.Errorf("raw key line %q lacks / search or f find", l)
	}
	drive(a, press("?"))
	if s := text(strings.Join(a.helpBody(80), "\n")); !strings.Contains(s, "new ORCID search") || !strings.Contains(s, "filter works / find in raw") {
		t.Errorf("help does not explain / and f:\n%s", s)
	}
}

// Solr syntax is sent as typed; when ORCID refuses it, its own reason is
// shown with advice to fix the query, and the query is back in the box.
func TestRefusedQueryShowsORCIDsReason(t *testing.T) {
	for _, tc := range []struct{ q, reason string }{
		{"foo:bar", "undefined field foo"},
		{"(carberry", `Encountered "<EOF>"`},
		{`"josiah carberry`, "unterminated quoted string"},
	} {
		t.Run(tc.q, func(t *testing.T) {
			a := demoApp(t, 80, 24)
			searchFor(a, tc.q)
			s := text(a.search.View())
			if !strings.Contains(s, "ORCID refused the query") || !strings.Contains(s, "fix the") {
				t.Errorf("search pane lacks ORCID's refusal or the advice:\n%s", s)
			}
			if strings.Contains(a.status, "try again later") || !strings.Contains(a.status, tc.reason) || !strings.Contains(a.status, "fix the query") {
				t.Errorf("status %q", a.status)
			}
			if !strings.Contains(a.errDetail, "9008") {
				t.Errorf("detail %q lacks ORCID's error code", a.errDetail)
			}
			if !a.search.InputFocused() || a.search.Input() != tc.q {
				t.Errorf("box %q (focused %v), want the query back to fix", a.search.Input(), a.search.InputFocused())
			}
		})
	}
}

// A paste outside any text field is taken as "/" and the paste: an iD
// pasted on the Works tab opens its record.
func TestPasteOutsideTextFieldSearches(t *testing.T) {
	a := demoApp(t, 120, 40)
	searchFor(a, "carberry")
	drive(a, press("enter"))
	drive(a, press("]"))
	drive(a, tea.PasteMsg{Content: orcidtest.TanakaID})
	if string(a.record.ID()) != orcidtest.TanakaID {
		t.Fatalf("record %q after pasting Tanaka's iD on the Works tab", a.record.ID())
	}
	// In a text field the paste is text: the works filter keeps it.
	drive(a, press("]"), press("f"), tea.PasteMsg{Content: "kintsugi"})
	if string(a.record.ID()) != orcidtest.TanakaID || !a.record.InputFocused() {
		t.Fatalf("a paste into the works filter left it (record %q)", a.record.ID())
	}
	if s := text(a.record.View()); !strings.Contains(s, "kintsugi") {
		t.Errorf("the filter does not hold the pasted text:\n%s", s)
	}
}
