package record

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// A notice wider than the pane is wrapped over the last lines of the
// body, not cut: refusals end with what to do ("… then l (sign in) asking
// for /activities/update"), and the notice is gone at the next key. The
// pane keeps its size.
func TestLongNoticeWrapsNotCut(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {50, 16}} {
		w, h := size[0], size[1]
		m, _ := newTestModel(t, w, h)
		open(t, m, orcidtest.CarberryID)
		press(m, "]", "a") // not signed in: refused with a long reason
		why := m.notice
		if ansi.StringWidth(why) <= m.innerW() {
			t.Fatalf("%dx%d: notice %q fits; the test needs a longer one", w, h, why)
		}
		view := plain(m)
		lines := strings.Split(view, "\n")
		if len(lines) != h {
			t.Errorf("%dx%d: the pane has %d lines", w, h, len(lines))
		}
		var text []string
		for _, l := range lines {
			if lw := ansi.StringWidth(l); lw > w {
				t.Errorf("%dx%d: line %d cells wide: %q", w, h, lw, l)
			}
			text = append(text, strings.Trim(l, "│┃ "))
		}
		if flat := strings.Join(strings.Fields(strings.Join(text, " ")), " "); !strings.Contains(flat, strings.Join(strings.Fields(why), " ")) {
			t.Errorf("%dx%d: the notice %q is not shown whole:\n%s", w, h, why, view)
		}
		press(m, "j")
		if strings.Contains(plain(m), "asking for") {
			t.Errorf("%dx%d: the notice stayed after a key", w, h)
		}
	}
}

// Signed out, a write asks for a sign-in with /read-limited as well as the
// write scope: the pane writes only with a member client, which needs
// /read-limited, so asking for the write scope alone would end in a second
// refusal.
func TestSignedOutRefusalAsksForReadLimited(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want string
	}{
		{"work", []string{"]", "a"}, "asking for /read-limited and /activities/update"},
		{"person item", []string{"a"}, "asking for /read-limited and /person/update"},
	}
	for _, tt := range tests {
		m, _ := newTestModel(t, 200, 60)
		open(t, m, orcidtest.CarberryID)
		press(m, tt.keys...)
		if !strings.Contains(m.notice, tt.want) {
			t.Errorf("%s: notice %q lacks %q", tt.name, m.notice, tt.want)
		}
	}
}
