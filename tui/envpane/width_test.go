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
			if lw := ansi.StringWidth(l); lw > w-2 {
				t.Errorf("width %d: line %d wide: %q", w, lw, l)
			}
		}
		m.Update(press("esc"))
	}
}

// urlAfter is the URL drawn after label: its first piece beside the label
// and the pieces wrapped under it, up to the next line that is not a piece.
func urlAfter(lines []string, label string) string {
	var b strings.Builder
	for i, l := range lines {
		l = ansi.Strip(l)
		f := strings.Fields(l)
		if len(f) == 0 || f[0] != label {
			continue
		}
		b.WriteString(strings.Join(f[1:], ""))
		for _, next := range lines[i+1:] {
			next = ansi.Strip(next)
			if !strings.HasPrefix(next, " ") || len(strings.Fields(next)) != 1 {
				break
			}
			b.WriteString(strings.TrimSpace(next))
		}
		break
	}
	return b.String()
}

// The redirect URI and the URLs are wrapped, never cut, at any width: they
// are registered with ORCID and may have to be copied.
func TestURLsWrapNotCut(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	const redirect = "http://127.0.0.1:53682/orcid-tui/oauth2/callback/registered-for-the-psychoceramics-lab"
	for _, w := range []int{30, 45, 80} {
		m := newPane(t, srv)
		m.Focus()
		m.SetSize(w, 40)
		m.cur().spec.RedirectURI = redirect
		for _, mode := range []string{"browse", "sign in"} {
			if mode == "sign in" {
				if w < 45 {
					continue // the root widens the pane for its dialogs
				}
				m.Update(press("l"))
			}
			_, lines := m.content()
			for i, l := range lines {
				if lw := ansi.StringWidth(l); lw > w-2 {
					t.Errorf("width %d, %s: line %d is %d wide: %q", w, mode, i, lw, ansi.Strip(l))
				}
			}
			if got := urlAfter(lines, "redirect"); got != redirect {
				t.Errorf("width %d, %s: the redirect URI reads %q, want %q:\n%s", w, mode, got, redirect, ansi.Strip(strings.Join(lines, "\n")))
			}
			if mode == "browse" {
				if u := m.cur().spec.PublicAPIURL; urlAfter(lines, "public") != u {
					t.Errorf("width %d: the public API URL reads %q, want %q", w, urlAfter(lines, "public"), u)
				}
			}
		}
	}
}
