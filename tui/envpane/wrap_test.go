package envpane

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
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
