package envpane

// Key help for each mode of the pane.

import (
	"strings"

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
	// In the order a newcomer needs them: the root leaves out the last
	// first when the line is short, and tab works in every pane.
	return []key.Binding{common.WithHelp(k.Enter, "enter", "use env"), k.SignIn, k.ClientToken,
		common.WithDesc(k.EditCreds, "credentials"), k.Tab, k.Help, k.Quit}
}

// FullHelp implements common.Pane.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	in := func(keys, where, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(strings.Fields(keys)...), key.WithHelp(strings.ReplaceAll(keys, " ", "/")+" ("+where+")", desc))
	}
	return [][]key.Binding{
		{k.Up, k.Down, common.WithHelp(k.Enter, "enter", "use environment"), k.Top, k.Bottom, k.PageUp, k.PageDown,
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the pane before"))},
		{common.WithHelp(k.EditCreds, "e", "edit client id/secret"), common.WithHelp(k.ClientToken, "c", "get client token (/read-public)"), common.WithHelp(k.SignIn, "l", "sign in with the browser"),
			common.WithHelp(k.Detail, "!", "why tokens are not kept (keyring)")},
		{common.WithHelp(k.RefreshTok, "f", "refresh token"), common.WithHelp(k.Revoke, "v", "revoke token"), common.WithHelp(k.Forget, "F", "forget token"), common.WithHelp(k.Copy, "y", "copy iD URI"), common.WithHelp(k.Open, "o", "open my record")},
		{in("tab", "credentials", "next field"), in("enter", "credentials", "save"), in("esc", "credentials", "cancel"),
			in("space x", "scopes", "toggle scope"), in("enter", "scopes", "sign in"), in("esc", "scopes", "cancel")},
		{in("o", "sign-in", "open URL"), in("y", "sign-in", "copy URL"), in("p", "sign-in", "paste URL/code"), in("esc", "sign-in", "cancel"),
			in("l", "sign-in done", "sign in again"), in("enter esc q", "sign-in done", "close")},
	}
}
