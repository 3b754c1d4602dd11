package search

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// searchFor types q into the input, runs it and delivers the answers.
func searchFor(m *Model, q string) {
	m.FocusInput()
	m.input.SetValue("")
	typeIn(m, q)
	for _, r := range results(run(m.Update(press("enter")))) {
		m.Update(r)
	}
}

// Each environment keeps its own last search: switching shows the other
// environment's query and results (or an empty input), never the query or
// results of the one left; coming back brings them back.
func TestSearchStatePerEnvironment(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	m := newPane(t, srv)
	a := m.session
	envB := srv.Environment()
	envB.Name = "other"
	b := &common.Session{Env: envB, Client: orcid.New(envB, orcid.WithHTTPClient(srv.HTTPClient())), Who: common.WhoAnonymous}

	searchFor(m, "carberry")
	if len(m.rows) == 0 {
		t.Fatal("no results for carberry")
	}
	m.cursor = len(m.rows) - 1

	m.Update(common.SessionMsg{Session: b})
	view := ansi.Strip(m.View())
	if m.input.Value() != "" || len(m.rows) != 0 || m.searched || strings.Contains(view, "Josiah Carberry") {
		t.Fatalf("environment b shows a's search: input %q, %d rows:\n%s", m.input.Value(), len(m.rows), view)
	}
	if !strings.Contains(view, "Type a name") {
		t.Errorf("environment b does not start afresh:\n%s", view)
	}

	searchFor(m, "tanaka")
	tanaka := len(m.rows)

	m.Update(common.SessionMsg{Session: a})
	if m.input.Value() != "carberry" || len(m.rows) == 0 || m.rows[0].id != orcidtest.CarberryID || m.cursor != len(m.rows)-1 {
		t.Fatalf("back in a: input %q, %d rows, cursor %d", m.input.Value(), len(m.rows), m.cursor)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "/ carberry") || !strings.Contains(v, string(m.rows[m.cursor].id)) {
		t.Errorf("a's results not drawn:\n%s", ansi.Strip(m.View()))
	}

	m.Update(common.SessionMsg{Session: b})
	if m.input.Value() != "tanaka" || len(m.rows) != tanaka {
		t.Fatalf("back in b: input %q, %d rows, want tanaka and %d", m.input.Value(), len(m.rows), tanaka)
	}

	// A new session of the same environment (a sign-in) keeps the search.
	b2 := *b
	b2.Who = "signed in"
	m.Update(common.SessionMsg{Session: &b2})
	if m.input.Value() != "tanaka" || len(m.rows) != tanaka {
		t.Fatalf("same environment, new session: input %q, %d rows", m.input.Value(), len(m.rows))
	}
}

// A search still under way when the environment changes is dropped; coming
// back shows its query, ready to run, not "No one matches".
func TestSearchInterruptedBySwitch(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	m := newPane(t, srv)
	a := m.session
	envB := srv.Environment()
	envB.Name = "other"
	b := &common.Session{Env: envB, Client: orcid.New(envB, orcid.WithHTTPClient(srv.HTTPClient())), Who: common.WhoAnonymous}

	typeIn(m, "carberry")
	m.Update(press("enter")) // the answer never arrives
	m.Update(common.SessionMsg{Session: b})
	m.Update(common.SessionMsg{Session: a})
	if m.input.Value() != "carberry" || m.searched || m.loading {
		t.Fatalf("input %q searched %v loading %v", m.input.Value(), m.searched, m.loading)
	}
	if v := ansi.Strip(m.View()); strings.Contains(v, "No one matches") {
		t.Fatalf("an interrupted search shown as no hits:\n%s", v)
	}
}

// "↑ recalls recent queries" is a hint only once there is a query to recall.
func TestRecallHintOnlyWithHistory(t *testing.T) {
	m := newPane(t, nil)
	m.SetSize(80, 16)
	if v := ansi.Strip(m.View()); strings.Contains(v, "recalls recent") {
		t.Fatalf("hint with no history:\n%s", v)
	}
	m.SetHistory([]string{"carberry"})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "↑ recalls recent queries") {
		t.Fatalf("no hint with history:\n%s", v)
	}
}
