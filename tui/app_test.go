package tui

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// offlineEnv points at a port nothing listens on; tests that use it never
// run the commands that would reach it.
var offlineEnv = orcid.Environment{Name: "local", RegistryURL: "http://127.0.0.1:9", PublicAPIURL: "http://127.0.0.1:9/pub", MemberAPIURL: "http://127.0.0.1:9/api"}

func newTestApp(t testing.TB, w, h int) *App {
	t.Helper()
	a := New(Options{
		Environments: []Env{{Environment: orcid.Production}, {Environment: orcid.Sandbox}, {Environment: offlineEnv}},
		Theme:        "dark",
		OpenBrowser:  func(string) error { return nil },
	})
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return a
}

func press(s string) tea.KeyPressMsg {
	switch s {
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	}
	r := []rune(s)
	return tea.KeyPressMsg{Code: r[0], Text: s}
}

// send delivers msgs in order and returns the last command.
func send(a *App, msgs ...tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	for _, m := range msgs {
		_, cmd = a.Update(m)
	}
	return cmd
}

func typeText(a *App, s string) {
	for _, r := range s {
		a.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// isQuit runs cmd (and batched commands) looking for tea.QuitMsg.
func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	switch m := cmd().(type) {
	case tea.QuitMsg:
		return true
	case tea.BatchMsg:
		for _, c := range m {
			if isQuit(c) {
				return true
			}
		}
	}
	return false
}

// plain renders the screen with the Ascii profile (no colour; bold and
// reverse kept), as a NO_COLOR terminal would show it.
func plain(s string) string {
	var b bytes.Buffer
	w := &colorprofile.Writer{Forward: &b, Profile: colorprofile.Ascii}
	_, _ = w.WriteString(s)
	return b.String()
}

// text is the screen without any styling, for content assertions.
func text(s string) string { return ansi.Strip(s) }

func TestTabCyclesFocus(t *testing.T) {
	a := newTestApp(t, 120, 40)
	if a.Focused() != common.PaneSearch || !a.search.InputFocused() {
		t.Fatalf("start: focus %v, input %v; want search with its input", a.Focused(), a.search.InputFocused())
	}
	want := []common.PaneID{common.PaneRecord, common.PaneEnv, common.PaneSearch, common.PaneRecord}
	for i, w := range want {
		send(a, press("tab"))
		if a.Focused() != w {
			t.Fatalf("tab %d: focus %v, want %v", i+1, a.Focused(), w)
		}
	}
	send(a, press("shift+tab"))
	if a.Focused() != common.PaneSearch {
		t.Fatalf("shift+tab: focus %v, want search", a.Focused())
	}
	for _, p := range []common.PaneID{common.PaneEnv, common.PaneSearch, common.PaneRecord} {
		if got := a.pane(p).Focused(); got != (p == a.Focused()) {
			t.Errorf("pane %v Focused() = %v", p, got)
		}
	}
}

func TestSlashFocusesSearchInput(t *testing.T) {
	a := newTestApp(t, 120, 40)
	send(a, press("tab"), press("tab")) // record, env
	if a.Focused() != common.PaneEnv {
		t.Fatalf("focus %v", a.Focused())
	}
	send(a, press("/"))
	if a.Focused() != common.PaneSearch || !a.search.InputFocused() {
		t.Fatalf("after /: focus %v input %v", a.Focused(), a.search.InputFocused())
	}
}

func TestTypingQInInputDoesNotQuit(t *testing.T) {
	a := newTestApp(t, 120, 40)
	var last tea.Cmd
	for _, r := range "quit?" {
		_, last = a.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		if isQuit(last) {
			t.Fatalf("typing %q quit", r)
		}
	}
	if !a.search.InputFocused() || a.showHelp {
		t.Fatalf("input focused %v, help shown %v", a.search.InputFocused(), a.showHelp)
	}
	if !strings.Contains(text(a.Render()), "/ quit?") {
		t.Fatalf("typed text not in the input:\n%s", plain(a.Render()))
	}
	// esc leaves the input; then q quits.
	send(a, press("esc"))
	if a.search.InputFocused() {
		t.Fatal("esc did not leave the input")
	}
	if !isQuit(send(a, press("q"))) {
		t.Fatal("q outside the input did not quit")
	}
}

func TestCtrlCQuitsEvenInInput(t *testing.T) {
	a := newTestApp(t, 80, 24)
	if !a.search.InputFocused() {
		t.Fatal("input not focused")
	}
	if !isQuit(send(a, press("ctrl+c"))) {
		t.Fatal("ctrl+c did not quit")
	}
}

func TestHelpOverlay(t *testing.T) {
	a := newTestApp(t, 120, 40)
	send(a, press("esc"), press("?"))
	if !a.showHelp {
		t.Fatal("? did not open help")
	}
	out := text(a.Render())
	for _, want := range []string{"Keys · search", "next pane", "recent queries", "quit"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	send(a, press("j")) // swallowed
	if !a.showHelp {
		t.Fatal("a key other than ?/esc closed help")
	}
	send(a, press("esc"))
	if a.showHelp {
		t.Fatal("esc did not close help")
	}
}

func TestErrorInStatusLine(t *testing.T) {
	a := newTestApp(t, 120, 40)
	err := &orcid.APIError{StatusCode: 404, ErrorDocument: orcid.ErrorDocument{ResponseCode: 404, ErrorCode: 9016, DeveloperMessage: "404 Not Found: The resource was not found.\x1b[31m"}}
	send(a, common.ErrorMsg{Err: err, What: "record"})
	out := text(a.Render())
	if !strings.Contains(out, "✗ record: record not found") {
		t.Fatalf("status line lacks the plain words:\n%s", out)
	}
	if strings.Contains(a.Render(), "\x1b[31m") {
		t.Fatal("escape sequence from the error drawn")
	}
	// The detail is one key away.
	send(a, press("esc"), press("!"))
	if !a.showDetail || !strings.Contains(text(a.Render()), "9016") {
		t.Fatalf("detail not shown:\n%s", plain(a.Render()))
	}
	send(a, press("x"))
	if a.showDetail {
		t.Fatal("detail not closed by a key")
	}
}

func TestCopyAndOpen(t *testing.T) {
	a := newTestApp(t, 120, 40)
	drive(a) // timers off
	cmd := send(a, common.CopyMsg{Text: "https://doi.org/10.1/x", What: "DOI"})
	if cmd == nil || !strings.Contains(text(a.Render()), "copied DOI") {
		t.Fatal("copy not reported")
	}
	var opened string
	a.openURL = func(u string) error { opened = u; return nil }
	cmd = send(a, common.OpenURLMsg{URL: "https://orcid.org/0000-0002-1825-0097"})
	if opened != "" {
		t.Fatal("browser opened inside Update")
	}
	send(a, runCmd(cmd)...) // the opening and the message's expiry timer (drive skips it)
	if opened != "https://orcid.org/0000-0002-1825-0097" {
		t.Fatalf("opened %q", opened)
	}
}

func TestOpenRecordFocusesRecord(t *testing.T) {
	a := newTestApp(t, 120, 40)
	send(a, common.OpenRecordMsg{ID: "0000-0002-1825-0097"})
	if a.Focused() != common.PaneRecord || a.record.ID() != "0000-0002-1825-0097" {
		t.Fatalf("focus %v record %q", a.Focused(), a.record.ID())
	}
}

func TestNarrowLayoutFoldsEnvPane(t *testing.T) {
	a := newTestApp(t, 80, 24)
	if _, ok := a.rects[common.PaneEnv]; ok {
		t.Fatal("env pane shown at 80 columns")
	}
	send(a, press("esc"), press("E"))
	if a.Focused() != common.PaneEnv || a.rects[common.PaneEnv].w != 80 {
		t.Fatalf("E: focus %v rect %+v", a.Focused(), a.rects[common.PaneEnv])
	}
	lines := strings.Split(a.Render(), "\n")
	if len(lines) != 24 {
		t.Fatalf("%d lines, want 24", len(lines))
	}
	wide := newTestApp(t, 200, 60)
	if r := wide.rects[common.PaneEnv]; r.w != envWidth {
		t.Fatalf("env pane at 200 columns: %+v", r)
	}
	if n := len(strings.Split(wide.Render(), "\n")); n != 60 {
		t.Fatalf("%d lines, want 60", n)
	}
}

func TestMouseClickFocuses(t *testing.T) {
	a := newTestApp(t, 120, 40)
	r := a.rects[common.PaneRecord]
	send(a, tea.MouseClickMsg{X: r.x + 3, Y: r.y + 3, Button: tea.MouseLeft})
	if a.Focused() != common.PaneRecord {
		t.Fatalf("click on record: focus %v", a.Focused())
	}
	e := a.rects[common.PaneEnv]
	send(a, tea.MouseClickMsg{X: e.x + 1, Y: e.y + 2, Button: tea.MouseLeft})
	if a.Focused() != common.PaneEnv {
		t.Fatalf("click on env: focus %v", a.Focused())
	}
}

func TestEveryLineFitsTheWidth(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {100, 30}, {160, 48}, {200, 60}, {40, 12}} {
		a := newTestApp(t, size[0], size[1])
		for _, k := range []string{"", "tab", "tab", "?"} {
			if k != "" {
				send(a, press(k))
			}
			for i, l := range strings.Split(text(a.Render()), "\n") {
				if w := lipglossWidth(l); w > size[0] {
					t.Fatalf("%dx%d after %q: line %d is %d wide:\n%s", size[0], size[1], k, i, w, l)
				}
			}
		}
	}
}

// A pane's success clears the status line's error of the same operation
// only; other errors and statuses stay.
func TestDoneClearsItsOwnError(t *testing.T) {
	fail := errors.New("boom")
	tests := []struct {
		name   string
		msgs   []tea.Msg
		status string // "" none
		isErr  bool
	}{
		{"same op, text", []tea.Msg{common.ErrorMsg{Err: fail, What: "reloading x", Op: "record x"}, common.DoneMsg{Op: "record x", Text: "reloaded x"}}, "reloaded x", false},
		{"same op, no text", []tea.Msg{common.ErrorMsg{Err: fail, What: "loading works", Op: "works x"}, common.DoneMsg{Op: "works x"}}, "", false},
		{"op defaults to what", []tea.Msg{common.ErrorMsg{Err: fail, What: "search"}, common.DoneMsg{Op: "search"}}, "", false},
		{"other op", []tea.Msg{common.ErrorMsg{Err: fail, What: "search"}, common.DoneMsg{Op: "record x", Text: "loaded x"}}, "search: ", true},
		{"no error shown", []tea.Msg{common.StatusMsg{Text: "copied"}, common.DoneMsg{Op: "search", Text: "done"}}, "copied", false},
		{"error replaced, then done", []tea.Msg{common.ErrorMsg{Err: fail, What: "search"}, common.ErrorMsg{Err: fail, What: "sign-in"}, common.DoneMsg{Op: "search"}}, "sign-in: ", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestApp(t, 120, 40)
			send(a, tt.msgs...)
			lines := strings.Split(text(a.Render()), "\n")
			msgLine := lines[len(lines)-2]
			if tt.status == "" && strings.TrimSpace(msgLine) != "" {
				t.Fatalf("message line %q, want empty", msgLine)
			}
			if !strings.Contains(msgLine, tt.status) || strings.Contains(msgLine, "✗") != tt.isErr {
				t.Fatalf("message line %q, want %q (error %v)", msgLine, tt.status, tt.isErr)
			}
			if !tt.isErr && a.errDetail != "" {
				t.Fatalf("error detail %q kept", a.errDetail)
			}
		})
	}
}

// After ORCID answers 503 the client lowers its own rate; the status bar says
// so, and says nothing while the rate is the configured one.
func TestStatusBarShowsSlowedRate(t *testing.T) {
	a := newTestApp(t, 160, 48)
	a.stats = orcid.Stats{Limit: 12, Effective: 12, Burst: 40}
	if got := text(a.statusBar(160)); strings.Contains(got, "slowed") {
		t.Errorf("status bar says slowed at the configured rate: %q", got)
	}
	a.stats = orcid.Stats{Limit: 12, Effective: 3, Burst: 40, Status503: 2}
	if got := text(a.statusBar(160)); !strings.Contains(got, "slowed to 3/s") || !strings.Contains(got, "503×2") {
		t.Errorf("status bar = %q, want it to say the client slowed to 3/s after 503s", got)
	}
}
