package search

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

func newPane(t testing.TB, srv *orcidtest.Server) *Model {
	t.Helper()
	st := common.NewStyles(true, true)
	km := common.DefaultKeyMap()
	m := New(&st, &km)
	env := orcid.Environment{Name: "local", RegistryURL: "http://127.0.0.1:9", PublicAPIURL: "http://127.0.0.1:9/pub"}
	var c *orcid.Client
	if srv != nil {
		env = srv.Environment()
		c = orcid.New(env, orcid.WithHTTPClient(srv.HTTPClient()), orcid.WithRateLimit(1000, 1000))
	} else {
		c = orcid.New(env)
	}
	m.SetSession(&common.Session{Env: env, Client: c, Who: common.WhoAnonymous})
	m.SetSize(100, 16)
	m.Focus()
	return m
}

func press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	}
	return tea.KeyPressMsg{Code: []rune(s)[0], Text: s}
}

func typeIn(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// run executes cmd and its batched commands (spinner ticks skipped) and
// returns the messages they produce.
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, run(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	if _, ok := msg.(interface{ ID() int }); ok {
		return nil
	}
	return []tea.Msg{msg}
}

func results(msgs []tea.Msg) []resultsMsg {
	var out []resultsMsg
	for _, m := range msgs {
		if r, ok := m.(resultsMsg); ok {
			out = append(out, r)
		}
	}
	return out
}

func TestStaleAnswerDropped(t *testing.T) {
	m := newPane(t, nil)
	typeIn(m, "carberry")
	m.Update(press("enter"))
	first := m.req
	m.FocusInput()
	m.input.SetValue("smith")
	m.Update(press("enter"))
	second := m.req
	if first == second || first == 0 {
		t.Fatalf("request ids %d, %d", first, second)
	}
	// The first search's answer arrives late: dropped.
	m.Update(resultsMsg{req: first, rows: []row{{id: "0000-0002-1825-0097", name: "Josiah Carberry"}}, total: 1})
	if len(m.rows) != 0 || !m.loading {
		t.Fatalf("stale answer used: rows %d loading %v", len(m.rows), m.loading)
	}
	m.Update(resultsMsg{req: second, rows: []row{{id: "0000-0001-5109-3700", name: "Jo Smith"}}, total: 1})
	if len(m.rows) != 1 || m.rows[0].name != "Jo Smith" || m.loading {
		t.Fatalf("current answer not used: %+v", m.rows)
	}
}

func TestPastedIDOpensRecord(t *testing.T) {
	m := newPane(t, nil)
	typeIn(m, "https://orcid.org/0000-0002-1825-0097")
	msgs := run(m.Update(press("enter")))
	if len(msgs) != 1 {
		t.Fatalf("msgs %#v", msgs)
	}
	if o, ok := msgs[0].(common.OpenRecordMsg); !ok || o.ID != "0000-0002-1825-0097" {
		t.Fatalf("got %#v", msgs[0])
	}
}

func TestHistoryWithUp(t *testing.T) {
	m := newPane(t, nil)
	for _, q := range []string{"alpha", "beta"} {
		m.FocusInput()
		m.input.SetValue(q)
		m.Update(press("enter"))
	}
	m.FocusInput()
	m.input.SetValue("gam")
	m.Update(press("up"))
	if v := m.input.Value(); v != "beta" {
		t.Fatalf("↑: %q", v)
	}
	m.Update(press("up"))
	if v := m.input.Value(); v != "alpha" {
		t.Fatalf("↑↑: %q", v)
	}
	m.Update(press("down"))
	m.Update(press("down"))
	if v := m.input.Value(); v != "gam" {
		t.Fatalf("back to the draft: %q", v)
	}
}

func TestSearchPagesAndOpens(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	m := newPane(t, srv)
	typeIn(m, "carberry")
	rs := results(run(m.Update(press("enter"))))
	if len(rs) != 1 || rs[0].err != nil {
		t.Fatalf("results %+v", rs)
	}
	m.Update(rs[0])
	if m.total <= PageRows || len(m.rows) != PageRows {
		t.Fatalf("total %d rows %d", m.total, len(m.rows))
	}
	if m.rows[0].id != orcidtest.CarberryID {
		t.Fatalf("first hit %s", m.rows[0].id)
	}
	// Scrolling near the end asks for the next page.
	var more []resultsMsg
	for i := 0; i < PageRows && len(more) == 0; i++ {
		more = results(run(m.Update(press("j"))))
	}
	if len(more) != 1 || more[0].start != PageRows {
		t.Fatalf("next page %+v", more)
	}
	m.Update(more[0])
	if len(m.rows) <= PageRows {
		t.Fatalf("rows after paging %d", len(m.rows))
	}
	// enter opens the selected record, y copies its URI.
	m.Update(press("g"))
	msgs := run(m.Update(press("enter")))
	if o, ok := msgs[0].(common.OpenRecordMsg); !ok || o.ID != orcidtest.CarberryID {
		t.Fatalf("enter: %#v", msgs)
	}
	msgs = run(m.Update(press("y")))
	if c, ok := msgs[0].(common.CopyMsg); !ok || c.Text != srv.URL()+"/"+orcidtest.CarberryID {
		t.Fatalf("y: %#v", msgs)
	}
}

func TestZeroHits(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	m := newPane(t, srv)
	typeIn(m, "zzyzx qqqq")
	for _, r := range results(run(m.Update(press("enter")))) {
		m.Update(r)
	}
	out := ansi.Strip(m.View())
	if !strings.Contains(out, "No one matches “zzyzx qqqq”") || !strings.Contains(out, "family-name:qqqq") || !strings.Contains(out, " 0 found") {
		t.Fatalf("zero hits:\n%s", out)
	}
}

func TestAnonymousLimitExplained(t *testing.T) {
	m := newPane(t, nil)
	m.searched, m.q = true, orcid.Query{Solr: "a"}
	m.total = 50000
	for i := 0; i <= orcid.MaxAnonymousStart+PageRows; i++ {
		m.rows = append(m.rows, row{id: "0000-0002-1825-0097", name: "x"})
	}
	m.BlurInput()
	m.cursor = len(m.rows) - 2
	if cmd := m.maybeMore(); cmd != nil {
		t.Fatal("asked past the anonymous limit")
	}
	if out := ansi.Strip(m.View()); !strings.Contains(out, "anonymous searches page only to 10,000") {
		t.Fatalf("limit not explained:\n%s", out)
	}
}

func TestNetworkTextSanitised(t *testing.T) {
	name := "Evil\x1b[2J\x1b]0;pwned\x07 Name"
	res := &orcid.ExpandedSearchResult{NumFound: 1, ExpandedResult: []orcid.ExpandedResult{{ORCIDID: "0000-0002-1825-0097", GivenNames: &name, InstitutionName: []string{"U\u202eni"}}}}
	rows := toRows(res)
	for _, s := range []string{rows[0].name, rows[0].inst} {
		if strings.ContainsAny(s, "\x1b\x07\u202e") {
			t.Fatalf("unsafe text kept: %q", s)
		}
	}
}

func TestGoldenSearchPane(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	for _, size := range [][2]int{{80, 12}, {160, 20}} {
		t.Run(sizeName(size), func(t *testing.T) {
			m := newPane(t, srv)
			m.SetSize(size[0], size[1])
			typeIn(m, "family-name:carberry")
			for _, r := range results(run(m.Update(press("enter")))) {
				m.Update(r)
			}
			m.Update(press("j"))
			golden.RequireEqual(t, m.View())
		})
	}
}

func sizeName(s [2]int) string {
	return strings.Join([]string{itoa(s[0]), itoa(s[1])}, "x")
}

func itoa(n int) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// TestScrollPagesGrow: the first page is PageRows for a fast first screen;
// scrolling on asks for pages growing to 1,000 that end on a thousand, so
// all 10,000 synthetic people take 11 requests (not 200), none twice.
func TestScrollPagesGrow(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	m := newPane(t, srv)
	typeIn(m, "orcid:0009-0008-*")
	for _, r := range results(run(m.Update(press("enter")))) {
		m.Update(r)
	}
	m.BlurInput()
	for len(m.rows) < int(m.total) {
		m.cursor = len(m.rows) - 1
		rs := results(run(m.maybeMore()))
		if len(rs) != 1 || rs[0].err != nil {
			t.Fatalf("at %d rows: %+v", len(m.rows), rs)
		}
		m.Update(rs[0])
	}
	seen := map[string]bool{}
	var starts []string
	for _, q := range srv.Requests() {
		if strings.HasSuffix(q.Path, "/expanded-search") {
			if seen[q.Query] {
				t.Errorf("asked twice: %s", q.Query)
			}
			seen[q.Query] = true
			starts = append(starts, q.Query)
		}
	}
	if len(m.rows) != orcidtest.SyntheticPeople || len(starts) != 11 {
		t.Errorf("%d rows in %d requests, want %d in 11: %v", len(m.rows), len(starts), orcidtest.SyntheticPeople, starts)
	}
}
