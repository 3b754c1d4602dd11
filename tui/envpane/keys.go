package envpane

// Key help for each mode of the pane.

import (
	"charm.land/bubbles/v2/key"

	"github.com/orcid-tui/orcid-tui/tui/common"
)

// ShortHelp implements common.Pane.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch m.mode {
	case modeEdit:
		return []key.Binding{
			key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		}
	case modeScopes:
		return []key.Binding{k.Up, k.Down,
			key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "toggle")),
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "sign in")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))}
	case modeFlow:
		f := m.cur().flow
		if f != nil && f.input {
			return []key.Binding{
				key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "submit")),
				key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
			}
		}
		if f != nil && f.done {
			return []key.Binding{
				key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
				common.WithHelp(k.SignIn, "l", "sign in again"),
			}
		}
		return []key.Binding{common.WithHelp(k.Open, "o", "open URL"), common.WithHelp(k.Copy, "y", "copy URL"),
			key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "paste URL/code")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))}
	}
	return []key.Binding{k.Tab, common.WithHelp(k.Enter, "enter", "use env"), k.EditCreds, k.ClientToken, k.SignIn, k.Help, k.Quit}
}

// FullHelp implements common.Pane.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		{k.Up, k.Down, common.WithHelp(k.Enter, "enter", "use environment"), k.PageUp, k.PageDown,
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the pane before"))},
		{common.WithHelp(k.EditCreds, "e", "edit client id/secret"), common.WithHelp(k.ClientToken, "c", "get client token (/read-public)"), common.WithHelp(k.SignIn, "l", "sign in with the browser")},
		{common.WithHelp(k.RefreshTok, "f", "refresh token"), common.WithHelp(k.Revoke, "v", "revoke token"), common.WithHelp(k.Forget, "F", "forget token"), common.WithHelp(k.Copy, "y", "copy iD URI"), common.WithHelp(k.Open, "o", "open my record")},
		{key.NewBinding(key.WithKeys("o"), key.WithHelp("o (sign-in)", "open URL")), key.NewBinding(key.WithKeys("y"), key.WithHelp("y (sign-in)", "copy URL")), key.NewBinding(key.WithKeys("p"), key.WithHelp("p (sign-in)", "paste URL/code")), key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc (sign-in)", "cancel"))},
	}
}
