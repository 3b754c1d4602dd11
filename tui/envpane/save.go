package envpane

import (
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// SaveCredentialsFunc keeps credentials the user confirmed for environment
// env (the program: client id in the config file, secret in the OS
// keyring). The sentence says in plain words where each went or why not;
// it never contains the secret. err is set when something was not saved.
// It runs off the UI goroutine and may take a few seconds (the keyring).
type SaveCredentialsFunc func(env, clientID, secret string) (said string, err error)

// credsSavedMsg is the outcome of one SaveCredentials call.
type credsSavedMsg struct {
	env  string
	req  uint64
	said string
	err  error
}

// saveQueue runs saves one at a time and skips a save that a newer one for
// the same environment has superseded, whatever order their commands run in.
type saveQueue struct {
	run    sync.Mutex // held while a save runs
	mu     sync.Mutex // guards latest; never held while saving
	latest map[string]uint64
}

func (q *saveQueue) mark(env string, req uint64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.latest == nil {
		q.latest = map[string]uint64{}
	}
	q.latest[env] = req
}

func (q *saveQueue) current(env string, req uint64) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.latest[env] == req
}

// saves reports whether confirmed credentials of e are kept beyond this run.
func (m *Model) saves(e *envState) bool {
	return m.cfg.SaveCredentials != nil && !e.spec.Ephemeral
}

// saveCmd hands the new credentials of e to Config.SaveCredentials.
func (m *Model) saveCmd(e *envState) tea.Cmd {
	if !m.saves(e) {
		return nil
	}
	name, id, secret := e.spec.Name, e.spec.ClientID, e.spec.ClientSecret
	req := common.NextRequestID()
	e.saveReq = req
	e.note = "credentials changed; saving them…"
	q, save := m.saveQ, m.cfg.SaveCredentials
	q.mark(name, req)
	return func() tea.Msg {
		q.run.Lock()
		defer q.run.Unlock()
		if !q.current(name, req) {
			return nil // a newer edit is saved instead
		}
		said, err := save(name, id, secret)
		return credsSavedMsg{env: name, req: req, said: said, err: err}
	}
}

func (m *Model) onCredsSaved(msg credsSavedMsg) tea.Cmd {
	e := m.byName(msg.env)
	if e == nil || msg.req != e.saveReq {
		return nil
	}
	e.saveReq = 0
	said := sanitize.Line(msg.said)
	if msg.err != nil {
		if said == "" {
			short, _ := common.Describe(msg.err)
			said = "the credentials are kept for this run only: saving failed: " + short
		}
		e.errMsg, e.note = said, ""
	} else {
		if said == "" {
			said = "credentials saved"
		}
		e.errMsg, e.note = "", said
	}
	if e != m.cur() {
		return nil
	}
	return common.Cmd(common.StatusMsg{Text: said})
}

// keptWhere says in the edit dialog where confirmed credentials go.
func (m *Model) keptWhere(e *envState) string {
	switch {
	case e.spec.Ephemeral:
		return "Kept for this run only (the demo registry is new each run)"
	case m.saves(e):
		return "Saved for next time: the client id in the config file, the secret in the OS keyring"
	}
	return "Kept for this run only"
}
