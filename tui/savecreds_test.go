package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// Options.SaveCredentials reaches the environment pane: confirming an edit
// calls it with the values, its answer is shown, the secret never is.
func TestSaveCredentialsOption(t *testing.T) {
	const id, secret = "APP-674MCQQR985VZZQ2", "s3cr3t-never-drawn-0000"
	type call struct{ env, id, secret string }
	var calls []call
	const said = "client id saved in ~/.config/orcid-tui/config.toml; secret saved in the OS keyring"
	a := New(Options{
		Environments: []Env{{Environment: orcid.Production}, {Environment: orcid.Sandbox}},
		Initial:      "sandbox",
		Theme:        "dark",
		OpenBrowser:  func(string) error { return nil },
		SaveCredentials: func(env, clientID, s string) (string, error) {
			calls = append(calls, call{env, clientID, s})
			return said, nil
		},
	})
	a.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
	send(a, press("tab"), press("tab"))
	if a.Focused() != common.PaneEnv {
		t.Fatalf("focus %v", a.Focused())
	}
	msgs := []tea.Msg{press("e")}
	for _, r := range id {
		msgs = append(msgs, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	msgs = append(msgs, press("enter"))
	for _, r := range secret {
		msgs = append(msgs, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	msgs = append(msgs, press("enter"))
	drive(a, msgs...)
	if len(calls) != 1 || calls[0] != (call{"sandbox", id, secret}) {
		t.Fatalf("SaveCredentials calls = %+v", calls)
	}
	screen := text(a.Render())
	flat := strings.Join(strings.Fields(strings.NewReplacer("│", " ", "┃", " ").Replace(screen)), " ")
	if !strings.Contains(flat, "secret saved in the OS keyring") {
		t.Errorf("the answer is not shown:\n%s", screen)
	}
	if strings.Contains(screen, secret) || strings.Contains(screen, "s3cr3t") {
		t.Errorf("the secret is drawn:\n%s", screen)
	}
}
