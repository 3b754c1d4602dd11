package editor

import "github.com/orcid-tui/orcid-tui/internal/sanitize"

// Warn draws s above the fields, where Failed draws ORCID's reason, on a
// form that has not been sent: the record pane says there that a kept
// draft's item changed on ORCID since the draft was made. A send clears it.
func (f *Form) Warn(s string) {
	f.reason = sanitize.Line(s)
	f.resize()
}
