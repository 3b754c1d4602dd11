package tui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// historyApp is the demo program keeping its history in path; Init's load
// is run as Bubble Tea would.
func historyApp(t *testing.T, path string) *App {
	t.Helper()
	opts := demoOptions()
	opts.HistoryFile = path
	a := New(opts)
	drive(a)
	for _, m := range runCmd(a.history.load()) {
		drive(a, m)
	}
	return a
}

// Queries are kept between runs, per environment, in a file readable by
// the user only, capped.
func TestSearchHistoryKeptBetweenRuns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "orcid-tui", "history.json")
	a := historyApp(t, path)
	searchFor(a, "carberry")
	drive(a, press("/"))
	searchFor(a, "family-name:tanaka")
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("history not written: %v", err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("history file mode %04o, want 0600", info.Mode().Perm())
	}

	// The next run: ↑ recalls the last query, then the one before.
	b := historyApp(t, path)
	drive(b, press("up"))
	if got := b.search.Input(); got != "family-name:tanaka" {
		t.Errorf("↑ in a new run gives %q", got)
	}
	drive(b, press("up"))
	if got := b.search.Input(); got != "carberry" {
		t.Errorf("↑↑ in a new run gives %q", got)
	}

	// Another environment has its own history.
	sb := *b.session
	sb.Env.Name = "sandbox"
	drive(b, common.SessionMsg{Session: &sb})
	drive(b, press("/"), press("up"))
	if got := b.search.Input(); got != "" {
		t.Errorf("sandbox recalls %q from the demo's history", got)
	}

	// Capped.
	c := historyApp(t, path)
	for i := range 150 {
		drive(c, press("/"))
		typeText(c, "q"+itoa(i))
		drive(c, press("esc"))
	}
	drive(c, press("/")) // the text left in the box goes into the history too
	data, _ := os.ReadFile(path)
	var hf historyFile
	if err := json.Unmarshal(data, &hf); err != nil {
		t.Fatal(err)
	}
	if n := len(hf.Queries["demo"]); n != 100 {
		t.Errorf("%d queries kept, want the cap of 100", n)
	}
	if !strings.Contains(string(data), `"q149"`) || strings.Contains(string(data), `"q0"`) {
		t.Errorf("the cap did not keep the newest:\n%s", data)
	}
}

// A file that is not a history is said so and left as it is.
func TestBrokenHistoryFileLeftAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.json")
	if err := os.WriteFile(path, []byte("not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	a := historyApp(t, path)
	if !a.statusErr || !strings.Contains(a.status, "search history not read") {
		t.Errorf("status %q", a.status)
	}
	searchFor(a, orcidtest.CarberryID)
	if data, _ := os.ReadFile(path); string(data) != "not json" {
		t.Errorf("the broken file was replaced: %q", data)
	}
}
