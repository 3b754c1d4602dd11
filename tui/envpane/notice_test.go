package envpane

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

func TestSplitStoreNotice(t *testing.T) {
	tests := []struct{ in, notice, why string }{
		{`OS keyring unavailable (exec: "dbus-launch": executable file not found in $PATH): tokens are kept in /home/u/.local/state/orcid-tui/tokens.json (readable by you only)`,
			"No OS keyring here: tokens are kept in /home/u/.local/state/orcid-tui/tokens.json (readable by you only)",
			`exec: "dbus-launch": executable file not found in $PATH`},
		{"tokens are kept in /tmp/t.json (readable by you only)", "Tokens are kept in /tmp/t.json (readable by you only)", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		n, w := splitStoreNotice(tt.in)
		if n != tt.notice || w != tt.why {
			t.Errorf("splitStoreNotice(%q) = %q, %q; want %q, %q", tt.in, n, w, tt.notice, tt.why)
		}
	}
}

// The pane shows the plain sentence; the keyring's error only on !.
func TestStoreNoticePlainWithCauseOnBang(t *testing.T) {
	st := common.NewStyles(true, true)
	km := common.DefaultKeyMap()
	m := New(&st, &km, Config{
		Envs:        []Env{{Environment: orcid.Sandbox}},
		Store:       auth.NewMemoryStore(),
		StoreNotice: `OS keyring unavailable (exec: "dbus-launch": executable file not found in $PATH): tokens are kept in /x/tokens.json (readable by you only)`,
	})
	m.SetSize(60, 40)
	m.Focus()
	flat := func() string { return strings.Join(strings.Fields(ansi.Strip(m.View())), " ") }
	v := flat()
	if !strings.Contains(v, "No OS keyring here: tokens are kept in /x/tokens.json") || !strings.Contains(v, "(! why)") {
		t.Errorf("view lacks the plain notice:\n%s", v)
	}
	if strings.Contains(v, "dbus-launch") {
		t.Errorf("view shows the keyring's error before ! is pressed:\n%s", v)
	}
	m.Update(press("!"))
	if v := flat(); !strings.Contains(v, "dbus-launch") {
		t.Errorf("! does not show the keyring's error:\n%s", v)
	}
}
