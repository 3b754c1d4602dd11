package editor

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// keys turns a script into key presses: "tab", "shift+tab" and "enter"
// are those keys, anything else is typed rune by rune.
func keys(script ...string) []tea.Msg {
	var out []tea.Msg
	for _, s := range script {
		switch s {
		case "tab":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyTab})
		case "shift+tab":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
		case "enter":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyEnter})
		default:
			for _, r := range s {
				out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
			}
		}
	}
	return out
}

// Keys typed right after tab, before any command huh returned has run (as
// when a user types fast or pastes), go to the field tab moved to: the
// form never depends on a command's message coming back to move the focus.
func TestFocusMovesBeforeTheNextKey(t *testing.T) {
	tests := []struct {
		name   string
		kind   orcid.ItemKind
		script []string
		check  func(*Form) (got, want string)
	}{
		{"tab then type", orcid.KindWork, []string{"A title", "tab", "10.5555/fast"},
			func(f *Form) (string, string) { return f.v.Title + "|" + f.v.IDValue, "A title|10.5555/fast" }},
		{"paste after tab", orcid.KindWork, []string{"T", "tab", "paste:10.5555/p"},
			func(f *Form) (string, string) { return f.v.Title + "|" + f.v.IDValue, "T|10.5555/p" }},
		{"enter moves too", orcid.KindOtherName, []string{"J. Carberry", "enter", "down"},
			func(f *Form) (string, string) { return f.v.Content + "|" + f.focusedKey(), "J. Carberry|visibility" }},
		{"back with shift+tab", orcid.KindResearcherURL, []string{"Lab", "tab", "https://x.org", "shift+tab", "!"},
			func(f *Form) (string, string) { return f.v.URLName + "|" + f.v.URL, "Lab!|https://x.org" }},
		{"shift+tab on the first field keeps it", orcid.KindKeyword, []string{"shift+tab", "glaze"},
			func(f *Form) (string, string) { return f.v.Content, "glaze" }},
		{"an invalid field keeps the focus", orcid.KindWork, []string{"tab", "Late title"},
			func(f *Form) (string, string) { return f.v.Title + "|" + f.v.IDValue, "Late title|" }},
		{"across a select", orcid.KindExternalIdentifier, []string{"Scopus", "tab", "123", "tab", "https://s.org/1", "tab", "tab"},
			func(f *Form) (string, string) {
				return f.v.IDType + "|" + f.v.IDValue + "|" + f.v.IDURL + "|" + f.focusedKey(), "Scopus|123|https://s.org/1|visibility"
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := New(tt.kind, 0, nil)
			if err != nil {
				t.Fatal(err)
			}
			f.Init() // its commands are never run: no message comes back
			for _, s := range tt.script {
				if p, ok := strings.CutPrefix(s, "paste:"); ok {
					f.Update(tea.PasteMsg{Content: p})
					continue
				}
				if s == "down" {
					f.Update(tea.KeyPressMsg{Code: tea.KeyDown})
					continue
				}
				for _, k := range keys(s) {
					f.Update(k)
				}
			}
			if got, want := tt.check(f); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

// Enter on the last field sends at once, like ctrl+s: keys typed after it
// cannot change the draft that is sent.
func TestEnterOnLastFieldSendsAtOnce(t *testing.T) {
	f, _ := New(orcid.KindKeyword, 0, nil)
	f.Init()
	var sent int
	for _, k := range keys("glaze", "tab", "enter") {
		if _, ok := f.Update(k); ok {
			sent++
		}
	}
	if sent != 1 || !f.Sending() {
		t.Fatalf("sent %d times, sending %v", sent, f.Sending())
	}
	// huh's own message for the end of the form may still come back: it
	// must not send the draft a second time.
	for _, m := range []tea.Msg{huh.NextField(), tea.KeyPressMsg{Code: tea.KeyEnter}} {
		if _, ok := f.Update(m); ok {
			t.Error("sent twice")
		}
	}
}

// The focus moves huh hides in commands are found in nested batches, and
// the other commands are kept.
func TestTakeMoves(t *testing.T) {
	other := func() tea.Msg { return "other" }
	moves, rest := takeMoves(tea.Batch(other, tea.Batch(huh.NextField, nil, other), huh.PrevField))
	if len(moves) != 2 || moves[0] != huh.NextField() || moves[1] != huh.PrevField() {
		t.Fatalf("moves %v", moves)
	}
	b, ok := rest().(tea.BatchMsg)
	if !ok || len(b) != 2 {
		t.Fatalf("rest %#v", rest())
	}
	// tea.Batch called where it is not inlined, as in another package.
	batch := tea.Batch
	if m, _ := takeMoves(batch(other, huh.NextField)); len(m) != 1 {
		t.Errorf("a batch made by bubbletea itself: moves %v", m)
	}
	if m, r := takeMoves(other); m != nil || r() != "other" {
		t.Error("a plain command changed")
	}
	// A sequence is left as it is: its order matters.
	seq := tea.Sequence(huh.NextField, other)
	if m, r := takeMoves(seq); m != nil || r == nil {
		t.Error("a sequence was taken apart")
	}
}

// The Person tab's chooser picks the kind on enter, in the same Update: a
// key typed right after it cannot move the choice.
func TestChooserPicksAtOnce(t *testing.T) {
	c := NewKindChooser([]orcid.ItemKind{orcid.KindOtherName, orcid.KindKeyword, orcid.KindResearcherURL})
	c.Init()
	c.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	_, k := c.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if k != orcid.KindKeyword {
		t.Fatalf("enter chose %q, want keyword", k)
	}
	// Moving the choice is not choosing.
	c = NewKindChooser([]orcid.ItemKind{orcid.KindOtherName, orcid.KindKeyword})
	c.Init()
	if _, k := c.Update(tea.KeyPressMsg{Code: tea.KeyDown}); k != "" {
		t.Errorf("down chose %q", k)
	}
}
