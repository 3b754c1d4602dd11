package envpane

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// ? lists every key the pane answers to, in each of its modes.
func TestFullHelpListsEveryKey(t *testing.T) {
	m := newPane(t, nil)
	listed := map[string][]string{} // key -> the help entries it is in
	for _, group := range m.FullHelp() {
		for _, b := range group {
			for _, k := range b.Keys() {
				listed[k] = append(listed[k], b.Help().Key+" "+b.Help().Desc)
			}
		}
	}
	tests := []struct {
		mode string
		keys []string
	}{
		{"browse", []string{"up", "down", "g", "G", "ctrl+u", "ctrl+d", "enter", "esc", "e", "c", "l", "!", "f", "v", "F", "y", "o"}},
		{"credentials", []string{"tab", "enter", "esc"}},
		{"scopes", []string{"up", "down", "space", "x", "enter", "esc"}},
		{"sign-in", []string{"o", "y", "p", "esc"}},
		{"sign-in done", []string{"l", "enter", "esc", "q"}},
	}
	for _, tt := range tests {
		for _, k := range tt.keys {
			entries := listed[k]
			if len(entries) == 0 {
				t.Errorf("%s: %q is not in the help", tt.mode, k)
				continue
			}
			if tt.mode == "browse" {
				continue
			}
			found := false
			for _, e := range entries {
				found = found || strings.Contains(e, "("+tt.mode+")") || (tt.mode == "scopes" && (k == "up" || k == "down"))
			}
			if !found {
				t.Errorf("%s: %q is in the help only as %q", tt.mode, k, entries)
			}
		}
	}
}

// The key line's entries come in the order a newcomer needs them, the root
// leaving out the last first: use, sign in, client token and credentials
// before tab, which every pane answers to.
func TestShortHelpByPriority(t *testing.T) {
	m := newPane(t, nil)
	m.Focus()
	var got []string
	for _, b := range m.ShortHelp() {
		got = append(got, b.Help().Key)
	}
	want := "enter l c e tab ? q"
	if strings.Join(got, " ") != want {
		t.Errorf("key line entries %q, want %q", strings.Join(got, " "), want)
	}
}

// With the cursor on another environment than the one in use, the pane
// says whose URLs and credentials it shows (and e, c, l act on): they are
// not the cursor's.
func TestSaysWhichEnvironmentIsShown(t *testing.T) {
	m := newPane(t, nil) // production in use
	m.Focus()
	m.SetSize(80, 40)
	if s := ansi.Strip(m.View()); strings.Contains(s, "Below:") {
		t.Errorf("a note with the cursor on the environment in use:\n%s", s)
	}
	m.Update(press("j"))
	s := ansi.Strip(m.View())
	if !strings.Contains(s, "Below: production, in use. enter switches to sandbox.") {
		t.Errorf("no note on the environment shown:\n%s", s)
	}
	m.Update(press("enter"))
	if s := ansi.Strip(m.View()); strings.Contains(s, "Below:") {
		t.Errorf("a note after switching:\n%s", s)
	}
}
