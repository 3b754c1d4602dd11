package envpane

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

type saveCall struct{ env, id, secret string }

// savingPane is a pane whose SaveCredentials records its calls and answers
// with said and err.
func savingPane(t *testing.T, said string, err error) (*Model, *[]saveCall) {
	t.Helper()
	st := common.NewStyles(true, true)
	km := common.DefaultKeyMap()
	var calls []saveCall
	cfg := Config{
		Envs:    []Env{{Environment: orcid.Production}, {Environment: orcid.Sandbox}, {Environment: orcid.Environment{Name: "demo"}, Ephemeral: true}},
		Initial: "sandbox",
		SaveCredentials: func(env, id, secret string) (string, error) {
			calls = append(calls, saveCall{env, id, secret})
			return said, err
		},
		OpenBrowser: func(string) error { return auth.ErrNoBrowser },
	}
	m := New(&st, &km, cfg)
	m.SetSize(60, 40)
	m.Focus()
	return m, &calls
}

// flatten is the view's text without the box and line breaks, so a
// wrapped sentence reads whole.
func flatten(view string) string {
	view = strings.ReplaceAll(view, "┃", " ")
	return strings.Join(strings.Fields(view), " ")
}

func typeText(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// editCreds presses e, types id and secret and confirms; it returns the
// messages the confirmation produced (commands run, spinner skipped).
func editCreds(t *testing.T, m *Model, id, secret string) []tea.Msg {
	t.Helper()
	m.Update(press("e"))
	if m.mode != modeEdit {
		t.Fatalf("e: mode %v", m.mode)
	}
	typeText(m, id)
	m.Update(press("enter"))
	typeText(m, secret)
	if strings.Contains(ansi.Strip(m.View()), secret) {
		t.Fatal("secret drawn while typing")
	}
	return run(m.Update(press("enter")))
}

func TestEditSavesCredentials(t *testing.T) {
	const id, secret = "APP-674MCQQR985VZZQ2", "hunter2-topsecret-0000"
	tests := []struct {
		name     string
		said     string
		err      error
		wantLine string // in View after the save
		wantErr  bool
	}{
		{"saved", "client id saved in ~/.config/orcid-tui/config.toml; secret saved in the OS keyring", nil,
			"secret saved in the OS keyring", false},
		{"no keyring", "client id saved in ~/.config/orcid-tui/config.toml; no OS keyring here: the secret is kept for this run only — give it with ORCID_CLIENT_SECRET, or put it in the config file (mode 0600)",
			auth.ErrNoKeyring, "no OS keyring here: the secret is kept for this run only", true},
		{"failed without words", "", errors.New("disk full"), "saving failed: disk full", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, calls := savingPane(t, tt.said, tt.err)
			if !strings.Contains(ansi.Strip(m.View()), "sandbox") {
				t.Fatal("sandbox not shown")
			}
			m.Update(press("e"))
			if v := flatten(ansi.Strip(m.View())); !strings.Contains(v, "the secret in the OS keyring") {
				t.Errorf("the edit dialog does not say where credentials go:\n%s", v)
			}
			m.Update(press("esc"))
			msgs := editCreds(t, m, id, secret)
			var saved *credsSavedMsg
			for _, msg := range msgs {
				if s, ok := msg.(credsSavedMsg); ok {
					saved = &s
				}
			}
			if len(*calls) != 1 || (*calls)[0] != (saveCall{"sandbox", id, secret}) {
				t.Fatalf("SaveCredentials calls = %+v", *calls)
			}
			if saved == nil {
				t.Fatalf("no save result among %#v", msgs)
			}
			status := run(m.Update(*saved))
			view := ansi.Strip(m.View())
			flat := flatten(view)
			if !strings.Contains(flat, tt.wantLine) {
				t.Errorf("View lacks %q:\n%s", tt.wantLine, view)
			}
			if strings.Contains(view, secret) || strings.Contains(view, "hunter2") {
				t.Errorf("View shows the secret:\n%s", view)
			}
			e := m.cur()
			if (e.errMsg != "") != tt.wantErr {
				t.Errorf("errMsg %q, note %q", e.errMsg, e.note)
			}
			if e.spec.ClientID != id || e.spec.ClientSecret != secret {
				t.Errorf("credentials not used for this run: %q", e.spec.ClientID)
			}
			var sawStatus bool
			for _, msg := range status {
				if s, ok := msg.(common.StatusMsg); ok && strings.Contains(s.Text, tt.wantLine) && !strings.Contains(s.Text, secret) {
					sawStatus = true
				}
			}
			if !sawStatus {
				t.Errorf("no status message with %q: %#v", tt.wantLine, status)
			}
		})
	}
}

func TestEditSaveStaleAndEphemeral(t *testing.T) {
	m, calls := savingPane(t, "saved", nil)
	// Two edits: the first one's command runs after the second was
	// confirmed, so it is skipped and only the newer values are saved.
	m.Update(press("e"))
	typeText(m, "APP-1111111111111111")
	m.Update(press("enter"))
	typeText(m, "first-secret")
	first := m.Update(press("enter"))
	// The second edit starts from the first one's values.
	msgs := editCreds(t, m, "2", "second-secret")
	msgs = append(msgs, run(first)...)
	if len(*calls) != 1 || (*calls)[0].id != "APP-11111111111111112" || (*calls)[0].secret != "first-secretsecond-secret" {
		t.Errorf("calls = %+v, want only the newer edit", *calls)
	}
	for _, msg := range msgs {
		m.Update(msg)
	}
	if m.cur().note != "saved" {
		t.Errorf("note %q", m.cur().note)
	}

	// The demo environment is never saved.
	*calls = nil
	m.Update(press("j"))
	run(m.Update(press("enter")))
	if m.cur().spec.Name != "demo" {
		t.Fatalf("active %q", m.cur().spec.Name)
	}
	m.Update(press("e"))
	if v := flatten(ansi.Strip(m.View())); !strings.Contains(v, "Kept for this run only") {
		t.Errorf("demo edit dialog:\n%s", v)
	}
	m.Update(press("esc"))
	editCreds(t, m, "APP-DEMO", "demo-secret")
	if len(*calls) != 0 {
		t.Errorf("demo credentials saved: %+v", *calls)
	}
	if !strings.Contains(m.cur().note, "kept for this run") {
		t.Errorf("demo note %q", m.cur().note)
	}
}
