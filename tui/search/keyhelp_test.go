package search

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

func helpLine(bs []key.Binding) string {
	var parts []string
	for _, b := range bs {
		parts = append(parts, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join(parts, " · ")
}

// The key line lists only keys that work in the pane's state.
func TestShortHelpOnlyWorkingKeys(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	m := newPane(t, srv)
	check := func(state string, want, not []string) {
		t.Helper()
		h := helpLine(m.ShortHelp())
		for _, s := range want {
			if !strings.Contains(h, s) {
				t.Errorf("%s: %q lacks %q", state, h, s)
			}
		}
		for _, s := range not {
			if strings.Contains(h, s) {
				t.Errorf("%s: %q lists %q", state, h, s)
			}
		}
	}
	check("start, typing", []string{"enter search", "esc leave input"}, []string{"↑ recent", "esc results"})
	m.Update(press("esc"))
	check("start, no results", []string{"/ "}, []string{"enter open", "o ", "y copy"})

	m.FocusInput() // / is the root's key
	typeIn(m, "zzyzx qqqq")
	for _, r := range results(run(m.Update(press("enter")))) {
		m.Update(r)
	}
	m.Update(press("esc"))
	check("zero hits", nil, []string{"enter open", "y copy"})

	m.FocusInput() // / is the root's key
	check("typing again", []string{"↑ recent"}, nil)
	m.input.SetValue("")
	typeIn(m, "carberry")
	for _, r := range results(run(m.Update(press("enter")))) {
		m.Update(r)
	}
	check("hits", []string{"enter open", "o ", "y copy"}, nil)
	m.FocusInput() // / is the root's key
	check("typing with results", []string{"esc results"}, nil)
}

// A failed search offers R to try again.
func TestShortHelpRetryAfterError(t *testing.T) {
	m := newPane(t, nil) // 127.0.0.1:9 refuses
	typeIn(m, "carberry")
	for _, r := range results(run(m.Update(press("enter")))) {
		m.Update(r)
	}
	m.Update(press("esc"))
	if h := helpLine(m.ShortHelp()); !strings.Contains(h, "R retry") || strings.Contains(h, "enter open") {
		t.Errorf("after an error: %q", h)
	}
}

// A DOI nobody lists gets a sentence about the DOI, not a family-name hint.
func TestZeroHitsForDOI(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	m := newPane(t, srv)
	typeIn(m, "10.5555/nobody.0000")
	for _, r := range results(run(m.Update(press("enter")))) {
		m.Update(r)
	}
	out := strings.Join(strings.Fields(ansi.Strip(m.View())), " ")
	if !strings.Contains(out, "No public record lists the DOI 10.5555/nobody.0000") || strings.Contains(out, "family-name:") {
		t.Errorf("zero hits for a DOI:\n%s", out)
	}
}
