package envpane

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/auth"
)

// The sign-in's steps wrap at spaces: an iD, a date or a scope is never
// split at its hyphens; only a word longer than the line is cut.
func TestWrapIndentKeepsWords(t *testing.T) {
	tests := []struct {
		s    string
		w    int
		want []string
	}{
		{"token exchanged: access token da22… for Josiah S. Carberry (0000-0002-1825-0097), scopes openid /read-limited /activities/update /person/update, expires 2046-12-02", 76,
			[]string{"token exchanged: access token da22… for Josiah S. Carberry", "  (0000-0002-1825-0097), scopes openid /read-limited /activities/update", "  /person/update, expires 2046-12-02"}},
		{"nonce matches, expires 2026-12-03T18:02:11Z", 30,
			[]string{"nonce matches, expires", "  2026-12-03T18:02:11Z"}},
		{"see https://example.org/a/very/long/path/that/does/not/fit", 20,
			[]string{"see", "  https://example.org/", "  a/very/long/path/tha", "  t/does/not/fit"}},
		{"short", 20, []string{"short"}},
	}
	for _, tt := range tests {
		got := strings.Split(wrapIndent(tt.s, tt.w, "  "), "\n")
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrapIndent(%q, %d):\n%q, want\n%q", tt.s, tt.w, got, tt.want)
		}
		for i, l := range got {
			if i > 0 {
				l = strings.TrimPrefix(l, "  ")
			}
			if ansi.StringWidth(l) > tt.w {
				t.Errorf("line %q is wider than %d", l, tt.w)
			}
		}
	}
}

// A signed-in user's scopes show in full in the narrow pane beside the
// search (they say what the sign-in may do), wrapped under their label.
func TestScopesWrapInNarrowPane(t *testing.T) {
	m := newPane(t, nil)
	m.SetSize(30, 40) // not focused: the narrow column at 200x60
	scopes := []string{"openid", "/read-limited", "/activities/update", "/person/update"}
	m.setUser(m.cur(), &auth.Session{ORCID: "0000-0002-1825-0097", Scopes: scopes, AccessToken: "tok-1234567890"})
	_, lines := m.content()
	var words []string
	in := false
	for _, l := range lines {
		l = ansi.Strip(l)
		if w := ansi.StringWidth(l); w > 28 {
			t.Errorf("line %d wide: %q", w, l)
		}
		f := strings.Fields(l)
		switch {
		case len(f) > 0 && f[0] == "scopes":
			in, f = true, f[1:]
		case in && strings.HasPrefix(l, "         "):
		default:
			in = false
		}
		if in {
			words = append(words, f...)
		}
	}
	if got := strings.Join(words, " "); got != strings.Join(scopes, " ") {
		t.Errorf("the scopes read %q:\n%s", got, ansi.Strip(strings.Join(lines, "\n")))
	}
}
