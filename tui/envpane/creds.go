package envpane

// Credentials editing: the client id and secret form, kept for this run and
// saved to the config file when the program was given a way to.

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

func (m *Model) startEdit() {
	e := m.cur()
	m.mode = modeEdit
	m.editField = 0
	m.idInput.SetValue(e.spec.ClientID)
	m.idInput.CursorEnd()
	m.secretInput.SetValue(e.spec.ClientSecret)
	m.secretInput.CursorEnd()
	m.idInput.Focus()
	m.secretInput.Blur()
}

func (m *Model) updateEdit(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		m.mode = modeBrowse
		m.idInput.Blur()
		m.secretInput.Blur()
		m.secretInput.SetValue("")
		return nil
	case "tab", "shift+tab", "up", "down":
		m.editField = 1 - m.editField
		m.focusEditField()
		return nil
	case "enter":
		if m.editField == 0 {
			m.editField = 1
			m.focusEditField()
			return nil
		}
		return m.saveCreds()
	}
	var cmd tea.Cmd
	if m.editField == 0 {
		m.idInput, cmd = m.idInput.Update(msg)
	} else {
		m.secretInput, cmd = m.secretInput.Update(msg)
	}
	return cmd
}

func (m *Model) focusEditField() {
	if m.editField == 0 {
		m.secretInput.Blur()
		m.idInput.Focus()
	} else {
		m.idInput.Blur()
		m.secretInput.Focus()
	}
}

// saveCreds uses the new credentials from now on, drops every token
// obtained with the old ones and saves them (Config.SaveCredentials).
func (m *Model) saveCreds() tea.Cmd {
	e := m.cur()
	id := strings.TrimSpace(m.idInput.Value())
	secret := strings.TrimSpace(m.secretInput.Value())
	m.idInput.Blur()
	m.secretInput.Blur()
	m.secretInput.SetValue("")
	m.mode = modeBrowse
	if id == e.spec.ClientID && secret == e.spec.ClientSecret {
		return nil
	}
	m.cancelOps(e)
	e.spec.ClientID, e.spec.ClientSecret = id, secret
	e.authn, e.pub, e.clientTok, e.user, e.member = nil, nil, nil, nil, nil
	e.loaded = false
	e.errMsg, e.note = "", "credentials changed (kept for this run)"
	return tea.Batch(m.sessionCmd(), m.loadStored(e), m.saveCmd(e))
}
