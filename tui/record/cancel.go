package record

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/tui/common"
)

// cancelLoading is esc while the page is loading something: the record,
// a batch of full works, a raw body. Like a browser's stop it ends the
// requests at once (the user need not wait for a hanging server's
// timeout); the page says "cancelled" where the answer would have been and
// R loads it again. It reports false when nothing was loading, so esc goes
// back as usual.
func (m *Model) cancelLoading() (tea.Cmd, bool) {
	p := m.cur
	if !p.busy() {
		return nil, false
	}
	record, bulk := p.loading, len(p.bulkReqs) > 0
	var raws []rawKey
	for _, k := range p.rawReqs {
		raws = append(raws, k)
	}
	p.cancelItems()
	m.deactivate(p)
	m.activate(p) // a fresh context for what the user asks next
	if record && p.data == nil {
		p.setErr(context.Canceled)
	}
	if bulk {
		p.bulkErr = inWords(context.Canceled)
	}
	for _, k := range raws {
		p.rawErrs[k] = inWords(context.Canceled)
	}
	m.rawCache = map[int]string{}
	m.relayout()
	return common.Cmd(common.StatusMsg{Text: "cancelled"}), true
}
