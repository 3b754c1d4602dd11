package search

import (
	"slices"

	"github.com/orcid-tui/orcid-tui/tui/common"
)

// Search history is kept per environment (a query for production means
// little in the sandbox). The root loads and saves it; the pane only keeps
// it in memory.

// historyKey names an environment's history.
func historyKey(s *common.Session) string {
	if s == nil {
		return ""
	}
	return s.Env.Name
}

// swapHistory puts the history of the session left aside and takes up the
// one of the session coming.
func (m *Model) swapHistory(from, to *common.Session) {
	if m.histories == nil {
		m.histories = map[string][]string{}
	}
	if from != nil {
		m.histories[historyKey(from)] = m.history
	}
	if to != nil {
		m.history = m.histories[historyKey(to)]
		delete(m.histories, historyKey(to))
	}
	m.histIdx, m.draft = len(m.history), ""
}

// Histories returns every environment's queries, oldest first, and a
// number that changes whenever they do.
func (m *Model) Histories() (map[string][]string, int) {
	out := make(map[string][]string, len(m.histories)+1)
	for env, h := range m.histories {
		if len(h) > 0 {
			out[env] = slices.Clone(h)
		}
	}
	if len(m.history) > 0 && m.session != nil {
		out[historyKey(m.session)] = slices.Clone(m.history)
	}
	return out, m.histVersion
}

// AddHistories puts queries kept from earlier runs before the ones of this
// run (which may have begun before they were read), without repeats, capped.
func (m *Model) AddHistories(saved map[string][]string) {
	merge := func(old, now []string) []string {
		var out []string
		seen := map[string]bool{}
		for _, q := range now {
			seen[q] = true
		}
		for _, q := range old {
			if !seen[q] && q != "" {
				seen[q] = true
				out = append(out, q)
			}
		}
		out = append(out, now...)
		if len(out) > maxHistory {
			out = out[len(out)-maxHistory:]
		}
		return out
	}
	if m.histories == nil {
		m.histories = map[string][]string{}
	}
	cur := historyKey(m.session)
	for env, h := range saved {
		if env == cur && m.session != nil {
			m.history = merge(h, m.history)
			m.histIdx, m.draft = len(m.history), ""
			continue
		}
		m.histories[env] = merge(h, m.histories[env])
	}
}

// HistoryVersion changes whenever a query is added to a history.
func (m *Model) HistoryVersion() int { return m.histVersion }
