package editor

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// Warn draws its text above the fields of a form not sent, cleaned of
// escape sequences, and a send that passes goes through, once, clearing it.
func TestWarnShownUntilSent(t *testing.T) {
	f, err := New(orcid.KindKeyword, 7, &orcid.Keyword{Content: "glaze", PutCode: 7})
	if err != nil {
		t.Fatal(err)
	}
	f.Warn("changed on ORCID\x1b[31m since")
	if got := f.Reason(); !strings.Contains(got, "changed on ORCID") || !strings.Contains(f.View(), "changed on ORCID") {
		t.Fatalf("reason %q\n%s", got, f.View())
	}
	if strings.Contains(f.View(), "\x1b[31m") || f.Sending() {
		t.Fatalf("escape drawn or sending:\n%q", f.View())
	}
	send := tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	if _, ok := f.Update(send); !ok {
		t.Fatalf("not submitted: %s", f.Reason())
	}
	if _, ok := f.Update(send); ok {
		t.Error("submitted twice")
	}
	if f.Reason() != "" {
		t.Errorf("the warning stays while sending: %q", f.Reason())
	}
}
