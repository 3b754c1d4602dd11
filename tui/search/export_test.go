package search

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// drain runs cmd and feeds what it yields back into m until nothing is
// left, returning the messages meant for the root.
func drain(m *Model, cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		for _, msg := range run(c) {
			switch msg.(type) {
			case common.StatusMsg, common.ErrorMsg:
				out = append(out, msg)
			default:
				if strings.HasPrefix(fmt.Sprintf("%T", msg), "cursor.") {
					continue // the input's cursor blinks forever
				}
				queue = append(queue, m.Update(msg))
			}
		}
	}
	return out
}

func keys(m *Model, ks ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range ks {
		out = append(out, drain(m, m.Update(press(k)))...)
	}
	return out
}

func texts(msgs []tea.Msg) []string {
	var out []string
	for _, m := range msgs {
		switch m := m.(type) {
		case common.StatusMsg:
			out = append(out, m.Text)
		case common.ErrorMsg:
			out = append(out, "error: "+m.Err.Error())
		}
	}
	return out
}

// searched is a pane that has searched the 10,000 synthetic people and
// shows the first page; the registry's log is empty.
func searched(t *testing.T) (*Model, *orcidtest.Server) {
	t.Helper()
	srv := orcidtest.NewServer()
	t.Cleanup(srv.Close)
	m := newPane(t, srv)
	m.FocusInput()
	typeIn(m, "orcid:0009-0008-*")
	drain(m, m.Update(press("enter")))
	if m.Total() != orcidtest.SyntheticPeople || m.Len() == 0 {
		t.Fatalf("search found %d, loaded %d", m.Total(), m.Len())
	}
	m.BlurInput()
	srv.ResetRequests()
	return m, srv
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v", err)
	}
	return rows
}

// TestExportSearchScopes: E offers the loaded rows or every hit; each is
// read from /csv-search in pages of 1,000 (the loaded 50 in one request,
// all 10,000 in 10) and written as CSV with ORCID's columns.
func TestExportSearchScopes(t *testing.T) {
	for _, tc := range []struct {
		choice   string
		rows     int
		requests int
	}{{"1", PageRows, 1}, {"2", orcidtest.SyntheticPeople, 10}} {
		t.Run(tc.choice, func(t *testing.T) {
			m, srv := searched(t)
			if !m.ClaimsKey(press("E")) {
				t.Fatal("the results do not claim E from the root")
			}
			keys(m, "E")
			v := ansi.Strip(m.View())
			for _, w := range []string{"Export as CSV:", "loaded 50", "all 10,000"} {
				if !strings.Contains(v, w) {
					t.Errorf("dialog lacks %q:\n%s", w, v)
				}
			}
			keys(m, tc.choice, "enter")
			if v := ansi.Strip(m.View()); !strings.Contains(v, "save to: orcid-search-orcid-0009-0008.csv") {
				t.Errorf("no default path:\n%s", v)
			}
			path := filepath.Join(t.TempDir(), "hits.csv")
			for range 60 {
				m.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
			}
			typeIn(m, path)
			msgs := keys(m, "enter")
			want := "exported " + common.Count(tc.rows) + " hits to " + path
			if s := texts(msgs); len(s) != 1 || s[0] != want {
				t.Fatalf("status %q, want %q", s, want)
			}
			rows := readCSV(t, path)
			if len(rows) != tc.rows+1 || !strings.Contains(strings.Join(rows[0], ","), "family-name") {
				t.Errorf("%d rows, header %q; want header + %d", len(rows), rows[0], tc.rows)
			}
			if n := srv.CountPath("/pub/v3.0/csv-search"); n != tc.requests || len(srv.Requests()) != tc.requests {
				t.Errorf("%d csv-search requests (%d in all), want %d", n, len(srv.Requests()), tc.requests)
			}
		})
	}
}

// TestExportSearchOverwriteAndCancel: an existing file is kept unless y;
// esc while the hits are read cancels and writes nothing.
func TestExportSearchOverwriteAndCancel(t *testing.T) {
	m, _ := searched(t)
	path := filepath.Join(t.TempDir(), "hits.csv")
	os.WriteFile(path, []byte("keep"), 0o644)
	keys(m, "E", "1", "enter")
	for range 60 {
		m.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	typeIn(m, path)
	keys(m, "enter")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "hits.csv exists. Replace it?") {
		t.Fatalf("no confirmation:\n%s", v)
	}
	keys(m, "n", "esc", "esc")
	if m.InputFocused() {
		t.Fatal("esc did not close the dialog")
	}
	if data, _ := os.ReadFile(path); string(data) != "keep" {
		t.Fatal("file changed without a yes")
	}

	// All hits, cancelled after the first page.
	keys(m, "E", "2", "enter")
	other := filepath.Join(t.TempDir(), "all.csv")
	for range 60 {
		m.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	typeIn(m, other)
	stat := m.Update(press("enter"))
	wait := m.Update(stat()) // the export starts; its first report waits
	first := wait()
	m.Update(first)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "hits read") || !strings.Contains(v, "esc cancels") {
		t.Fatalf("no progress:\n%s", v)
	}
	if s := texts(keys(m, "esc")); len(s) != 1 || s[0] != "export cancelled" {
		t.Fatalf("status %q", s)
	}
	if _, err := os.Stat(other); err == nil {
		t.Error("a cancelled export wrote its file")
	}
}

// TestExportSearchPastePath: a path pasted while the dialog asks goes into
// it, not into a new search.
func TestExportSearchPastePath(t *testing.T) {
	m, _ := searched(t)
	keys(m, "E", "1", "enter")
	for range 60 {
		m.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	m.Update(tea.PasteMsg{Content: "/tmp/pasted.csv"})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "save to: /tmp/pasted.csv") || m.Input() != "orcid:0009-0008-*" {
		t.Errorf("the paste did not reach the path (query %q):\n%s", m.Input(), v)
	}
}
