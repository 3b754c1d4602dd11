package record

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// TestGolden pins the pane's look at 80x24 and 160x48. The styles have no
// colours (NO_COLOR) and the files hold the text without escape sequences,
// so they read as the screen does. Regenerate with: go test ./tui/record -run TestGolden -update
func TestGolden(t *testing.T) {
	views := []struct {
		name string
		id   string
		keys []string
	}{
		{"person", orcidtest.CarberryID, nil},
		{"works", orcidtest.CarberryID, []string{"]"}},
		{"work_detail", orcidtest.CarberryID, []string{"]", "G", "k", "k", "enter"}},
		{"employment", orcidtest.CarberryID, []string{"]", "]"}},
		{"funding_detail", orcidtest.CarberryID, []string{"[", "[", "[", "[", "enter"}},
		{"export_format", orcidtest.CarberryID, []string{"]", "E", "l"}},
		{"export_path", orcidtest.CarberryID, []string{"]", "E", "l", "enter"}},
		{"raw_json", orcidtest.CarberryID, []string{"]", "enter", "r"}},
		{"raw_xml", orcidtest.CarberryID, []string{"]", "enter", "r", "x"}},
		{"merged", orcidtest.MergedID, nil},
		{"big_works", orcidtest.BigRecordID, []string{"]", "ctrl+d"}},
		{"cjk_person", orcidtest.TanakaID, nil},
	}
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		for _, v := range views {
			t.Run(fmt.Sprintf("%s_%dx%d", v.name, size[0], size[1]), func(t *testing.T) {
				m, _ := newTestModel(t, size[0], size[1])
				open(t, m, v.id)
				press(m, v.keys...)
				out := m.View()
				checkSize(t, out, size[0], size[1])
				golden.RequireEqual(t, ansi.Strip(out))
			})
		}
	}
}

// checkSize fails unless view is exactly w x h cells.
func checkSize(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := splitLines(view)
	if len(lines) != h {
		t.Errorf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != w {
			t.Errorf("line %d is %d cells wide, want %d: %q", i, got, w, ansi.Strip(l))
		}
	}
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
