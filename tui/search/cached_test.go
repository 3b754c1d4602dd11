package search

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/cache"
)

// Results served from the cache say when they were read from ORCID, once
// that is a while ago.
func TestCachedResultsSayWhenFetched(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	m := newPane(t, srv)
	m.SetCache(cache.New(0))
	now := time.Now()
	m.clock = func() time.Time { return now }
	m.SetQuery("carberry")
	runAll(m, m.Submit())
	if v := ansi.Strip(m.View()); strings.Contains(v, "fetched") {
		t.Fatalf("fresh results say when fetched:\n%s", v)
	}
	now = now.Add(5*time.Minute + 30*time.Second)
	srv.ResetRequests()
	m.SetQuery("carberry")
	runAll(m, m.Submit())
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("the same search again sent %d requests", n)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "fetched 5 min ago") {
		t.Errorf("cached results do not say when they were fetched:\n%s", v)
	}
}

// runAll runs cmd and hands every message it yields back to m.
func runAll(m *Model, cmd tea.Cmd) {
	for _, msg := range run(cmd) {
		m.Update(msg)
	}
}
