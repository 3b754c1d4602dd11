package record

import (
	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/editor"
)

// staleDraftNotice is drawn on a kept draft brought back after its item
// changed on ORCID: ORCID's PUT has no version check, so sending the
// draft replaces the newer version whole.
const staleDraftNotice = "changed on ORCID since this draft was made: ctrl+s replaces the current version with this draft; " +
	"esc drops the draft, then e opens the current version"

// stampMillis is a last-modified-date in milliseconds, 0 when ORCID gave
// none.
func stampMillis(t *orcid.Timestamp) int64 {
	if t == nil {
		return 0
	}
	return t.Millis
}

// lastModified is the last-modified-date of the item a form is filled
// from (what editor.New takes), 0 when unknown.
func lastModified(from any) int64 {
	switch it := from.(type) {
	case *orcid.Work:
		return stampMillis(it.LastModified)
	case *orcid.AffiliationSummary:
		return stampMillis(it.LastModifiedDate)
	case *orcid.Funding:
		return stampMillis(it.LastModifiedDate)
	case *orcid.OtherName:
		return stampMillis(it.LastModifiedDate)
	case *orcid.Keyword:
		return stampMillis(it.LastModifiedDate)
	case *orcid.ResearcherURL:
		return stampMillis(it.LastModifiedDate)
	case *orcid.PersonExternalID:
		return stampMillis(it.LastModifiedDate)
	case *orcid.Address:
		return stampMillis(it.LastModifiedDate)
	}
	return 0
}

// showDraft brings back the draft f kept for it. When the page holds a
// newer version of the item than the one the draft was made from (another
// client, session or the browser changed it; R shows it), the form says so,
// and esc then drops the draft instead of keeping it. Nothing is read for
// the check: the page's last-modified-date is enough.
func (m *Model) showDraft(f *editor.Form, it *item) tea.Cmd {
	cmd := m.showForm(f) // sets m.wr.base to the draft's
	if base := m.wr.base; base != 0 && it.modified != 0 && it.modified != base {
		m.wr.stale = true
		f.Warn(staleDraftNotice)
	}
	return cmd
}
