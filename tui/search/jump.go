package search

import (
	"strconv"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// G goes to the last hit and a number then G to that hit, as in vi: when
// the hit is not loaded yet the pages up to it are read, ORCID's largest
// (1,000 rows) so the end of 10,000 hits is ten requests, with the progress
// in the note line. esc stops.

// maxJump is how far G goes: ORCID lets anonymous clients page to 10,000,
// and more rows than that is not a list anyone reads.
const maxJump = orcid.MaxAnonymousStart

// typeCount adds a digit to the number typed before G.
func (m *Model) typeCount(d byte) {
	if len(m.count) < 6 && (m.count != "" || d != '0') {
		m.count += string(d)
	}
}

// jumpKey is G: to the hit typed before it, or to the last one.
func (m *Model) jumpKey() tea.Cmd {
	target := len(m.rows) - 1
	if m.searched && m.total > 0 {
		target = int(min(m.total, maxJump)) - 1
	}
	if m.count != "" {
		n, _ := strconv.Atoi(m.count)
		target = n - 1
		if m.searched && m.total > 0 {
			target = min(target, int(min(m.total, maxJump))-1)
		}
		m.count = ""
	}
	if target < 0 || len(m.rows) == 0 {
		return nil
	}
	if target < len(m.rows) {
		return m.move(target - m.cursor)
	}
	m.jumping, m.jump = true, target
	return m.jumpStep()
}

// jumpStep reads the next page toward the hit, or goes to it when it is
// loaded (or nothing more comes).
func (m *Model) jumpStep() tea.Cmd {
	next := len(m.rows)
	done := next > m.jump || int64(next) >= m.total || m.atLimit
	if !done && m.anonymous() && next > orcid.MaxAnonymousStart {
		done = true
	}
	if done {
		m.jumping = false
		m.cursor = min(m.jump, len(m.rows)-1)
		m.clampScroll()
		return nil
	}
	return m.fetchRows(m.q.Solr, next, min(orcid.MaxRows, m.jump+1-next+PageRows))
}
