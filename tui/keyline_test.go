package tui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// footer is the last line of the screen, without styling.
func footer(a *App) string {
	lines := strings.Split(text(a.Render()), "\n")
	return lines[len(lines)-1]
}

// The key line fits 80 columns in every pane and state, leaves entries out
// whole (never cut mid-word or wrapped) and keeps "? help · q quit" last
// wherever those keys work.
func TestKeyLineFits80(t *testing.T) {
	a := New(demoOptions())
	drive(a, tea.WindowSizeMsg{Width: 80, Height: 24})
	check := func(state string, wantTail string, want ...string) {
		t.Helper()
		line := footer(a)
		if w := lipglossWidth(line); w > 80 {
			t.Errorf("%s: key line %d wide: %q", state, w, line)
		}
		if strings.Contains(line, "…") {
			t.Errorf("%s: key line cut: %q", state, line)
		}
		if !strings.HasSuffix(line, wantTail) {
			t.Errorf("%s: key line %q does not end with %q", state, line, wantTail)
		}
		// Every entry is a whole "key desc" of a binding the screen offers.
		entries := map[string]bool{}
		for _, it := range a.footerKeys() {
			entries[it.b.Help().Key+" "+it.b.Help().Desc] = true
		}
		for _, e := range strings.Split(strings.TrimSpace(line), " · ") {
			if !entries[e] {
				t.Errorf("%s: %q is not a whole entry of the key line %q", state, e, line)
			}
		}
		for _, w := range want {
			if !strings.Contains(line, w) {
				t.Errorf("%s: key line %q lacks %q", state, line, w)
			}
		}
		if n := len(strings.Split(a.Render(), "\n")); n != 24 {
			t.Errorf("%s: %d lines, want 24", state, n)
		}
	}
	const rootKeys = "? help · q quit"

	check("search input focused", "tab next pane", "enter search")
	drive(a, press("esc"), press("E"))
	check("env pane focused", rootKeys, "enter use env", "l sign in", "c client token", "e credentials")
	drive(a, press("tab"), press("/"))
	typeText(a, "carberry")
	drive(a, press("enter"))
	check("search results", rootKeys, "enter open")
	drive(a, press("enter"))
	check("record", rootKeys, "[ ] section")
	drive(a, press("]"))
	check("record works tab", rootKeys, "enter detail")
	drive(a, press("enter"), press("r"))
	check("raw view", rootKeys, "x xml", "C curl")
	drive(a, press("?"))
	check("help overlay", "ctrl+c quit", "close help")
	drive(a, press("esc"), press("E"), press("?"))
	check("help overlay, env pane", "ctrl+c quit", "close help")
}

// fitKeys leaves out the entries with the highest drop first, keeps the
// order, and leaves the kept ones to the last.
func TestFitKeys(t *testing.T) {
	b := func(k, d string) key.Binding { return key.NewBinding(key.WithKeys(k), key.WithHelp(k, d)) }
	items := []footerKey{
		{b("/", "search"), 3},
		{b("tab", "next pane"), 0},
		{b("e", "edit credentials"), 1},
		{b("l", "sign in"), 2},
		{b("?", "help"), -1},
		{b("q", "quit"), -1},
	}
	join := func(bs []key.Binding) string {
		var parts []string
		for _, x := range bs {
			parts = append(parts, x.Help().Key+" "+x.Help().Desc)
		}
		return strings.Join(parts, " · ")
	}
	for _, tc := range []struct {
		w    int
		want string
	}{
		{200, "/ search · tab next pane · e edit credentials · l sign in · ? help · q quit"},
		{75, "/ search · tab next pane · e edit credentials · l sign in · ? help · q quit"},
		{74, "tab next pane · e edit credentials · l sign in · ? help · q quit"},
		{63, "tab next pane · e edit credentials · ? help · q quit"},
		{51, "tab next pane · ? help · q quit"},
		{31, "tab next pane · ? help · q quit"},
		{30, "? help · q quit"},
		{15, "? help · q quit"},
		{14, "q quit"},
		{3, ""},
	} {
		if got := join(fitKeys(items, tc.w, 3)); got != tc.want {
			t.Errorf("w=%d: %q, want %q", tc.w, got, tc.want)
		}
	}
}
