package envpane

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// A masked client id is at most 8 cells and an ellipsis, and never cut
// through a character.
func TestMaskClientID(t *testing.T) {
	for _, tc := range []struct{ id, want string }{
		{"APP-1234", "APP-1234"},
		{"APP-1234567890AB", "APP-1234…"},
		{"APP-研究者研究者", "APP-研究…"},
		{"APP-éééééé", "APP-éééé…"},
	} {
		got := maskClientID(tc.id)
		if got != tc.want || !utf8.ValidString(got) {
			t.Errorf("maskClientID(%q) = %q, want %q", tc.id, got, tc.want)
		}
	}
}

// The sign-in scopes say in full what each one grants, at any width: the
// description wraps under itself instead of being cut.
func TestScopeDescriptionsWrap(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	m := newPane(t, srv)
	m.Focus()
	for _, w := range []int{45, 80} {
		m.SetSize(w, 40)
		m.Update(press("l"))
		_, lines := m.content()
		flat := strings.Join(strings.Fields(ansi.Strip(strings.Join(lines, " "))), " ")
		for _, s := range auth.SignInScopes {
			if d := auth.ScopeDescription(s); !strings.Contains(flat, d) {
				t.Errorf("width %d: %s's description %q is cut:\n%s", w, s, d, strings.Join(lines, "\n"))
			}
		}
		for _, l := range lines {
			if strings.Contains(l, "redirect") {
				break // a URL, cut by the box like other URLs
			}
			if lw := ansi.StringWidth(l); lw > w-2 {
				t.Errorf("width %d: line %d wide: %q", w, lw, l)
			}
		}
		m.Update(press("esc"))
	}
}
