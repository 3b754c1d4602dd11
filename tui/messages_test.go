package tui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// timers replaces the app's timer with one that records what was asked.
type timers struct {
	d  []time.Duration
	fn []func(time.Time) tea.Msg
}

func (tm *timers) install(a *App) {
	a.after = func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		tm.d, tm.fn = append(tm.d, d), append(tm.fn, fn)
		return nil
	}
}

// fire delivers the message of the last timer, as Bubble Tea would when it
// runs out.
func (tm *timers) fire(t *testing.T, a *App) {
	t.Helper()
	if len(tm.fn) == 0 {
		t.Fatal("no timer was started")
	}
	a.Update(tm.fn[len(tm.fn)-1](time.Now()))
}

func messageLine(a *App) string {
	lines := strings.Split(text(a.Render()), "\n")
	return strings.TrimSpace(lines[len(lines)-2])
}

// A message goes away by itself after a few seconds; an error stays longer,
// and its detail stays one key away after it went.
func TestMessagesExpire(t *testing.T) {
	for _, tc := range []struct {
		name string
		msg  tea.Msg
		want string
	}{
		{"status", common.StatusMsg{Text: "copied iD"}, "copied iD"},
		{"error", common.ErrorMsg{Err: errors.New("boom"), What: "search"}, "search: boom"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := newTestApp(t, 120, 40)
			var tm timers
			tm.install(a)
			a.Update(tc.msg)
			if !strings.Contains(messageLine(a), tc.want) {
				t.Fatalf("message line %q", messageLine(a))
			}
			if len(tm.d) != 1 || tm.d[0] < 2*time.Second || tm.d[0] > 15*time.Second {
				t.Fatalf("expiry timers %v, want one of a few seconds", tm.d)
			}
			tm.fire(t, a)
			if l := messageLine(a); l != "" {
				t.Errorf("message line %q after it expired", l)
			}
		})
	}

	// A timer for an earlier message does not take a later one away.
	a := newTestApp(t, 120, 40)
	send(a, press("esc")) // out of the search box, where ! is text
	var tm timers
	tm.install(a)
	a.Update(common.StatusMsg{Text: "first"})
	first := tm.fn[0]
	a.Update(common.StatusMsg{Text: "second"})
	a.Update(first(time.Now()))
	if l := messageLine(a); l != "second" {
		t.Errorf("the first message's timer took %q away", l)
	}

	// The error's detail outlives its message.
	a.Update(common.ErrorMsg{Err: errors.New("boom: the long story"), What: "search"})
	tm.fire(t, a)
	send(a, press("!"))
	if !a.showDetail || !strings.Contains(text(a.Render()), "the long story") {
		t.Errorf("! after the error expired shows no detail:\n%s", text(a.Render()))
	}
}

// Any key is the next action: the last message goes, except for ! which
// shows the error's detail.
func TestNextActionClearsMessage(t *testing.T) {
	a := newTestApp(t, 120, 40)
	drive(a)
	send(a, press("esc")) // out of the search box, where ! is text
	send(a, common.ErrorMsg{Err: errors.New("boom"), What: "search"})
	send(a, press("!"))
	if !a.showDetail {
		t.Fatal("! did not show the detail")
	}
	send(a, press("x")) // closes the detail
	if messageLine(a) == "" {
		t.Fatal("closing the detail took the message away")
	}
	send(a, press("j"))
	if l := messageLine(a); l != "" {
		t.Errorf("message line %q after the next key", l)
	}
	send(a, common.StatusMsg{Text: "copied"}, tea.PasteMsg{Content: "josiah"})
	if l := messageLine(a); l != "" {
		t.Errorf("message line %q after a paste", l)
	}
}

// An error about record A does not stand under record B.
func TestErrorAboutOneRecordLeavesWithIt(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	a := faultApp(t, srv, 0)
	drive(a, common.OpenRecordMsg{ID: orcidtest.LockedID})
	if !a.statusErr {
		t.Fatalf("no error for the locked record: %q", a.status)
	}
	drive(a, common.OpenRecordMsg{ID: orcidtest.CarberryID})
	if a.statusErr || strings.Contains(messageLine(a), orcidtest.LockedID) {
		t.Errorf("the locked record's error stays under Carberry's: %q", messageLine(a))
	}
}

// R says it reloaded, for a record and for a search.
func TestReloadSaysReloaded(t *testing.T) {
	a := demoApp(t, 120, 40)
	searchFor(a, "carberry")
	drive(a, press("R"))
	if !strings.Contains(a.status, "reloaded") {
		t.Errorf("search R: status %q", a.status)
	}
	drive(a, press("enter"))
	drive(a, press("R"))
	if a.status != "reloaded "+orcidtest.CarberryID {
		t.Errorf("record R: status %q", a.status)
	}
}

// The help lists every key, and at 80x24, where it does not fit, it scrolls
// with the list keys down to its last line.
func TestHelpCompleteAndScrolls(t *testing.T) {
	a := demoApp(t, 80, 24)
	searchFor(a, "carberry")
	drive(a, press("enter"))
	drive(a, press("?"))
	seen := map[string]bool{}
	var all strings.Builder
	last := ""
	for i := 0; i < 40; i++ {
		s := screen(a)
		for _, l := range strings.Split(s, "\n") {
			if !seen[l] {
				seen[l] = true
				all.WriteString(l + "\n")
			}
		}
		if s == last && i > 0 {
			break
		}
		last = s
		drive(a, press("j"))
	}
	got := all.String()
	for _, want := range []string{"esc/backspace", "L/alt+→", "←/→ h/l", "raw: scroll sideways", "y ", "copy link",
		"C ", "copy request as curl", "R ", "reload", "f ", "filter works", "new ORCID search", "esc (loading)", "1–9 0", "wrap long lines"} {
		if !strings.Contains(got, want) {
			t.Errorf("help lacks %q:\n%s", want, got)
		}
	}
	if !strings.Contains(got, "j/k") {
		t.Errorf("help does not say it scrolls:\n%s", got)
	}
	// ctrl+u goes back up by half a window, g to the top.
	top := a.helpScroll
	drive(a, tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	if a.helpScroll >= top || a.helpScroll < top-helpWindow(a.areaHeight(), 100) {
		t.Errorf("ctrl+u moved the help from %d to %d", top, a.helpScroll)
	}
	drive(a, press("g"))
	if a.helpScroll != 0 {
		t.Errorf("g left the help at %d", a.helpScroll)
	}
	drive(a, press("esc"))
	if a.showHelp {
		t.Error("esc did not close the help")
	}
}
