package record

import (
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// While the footer's filter or raw-search prompt has the keyboard, the key
// line says what enter and esc do there: enter keeps the filter or finds
// the text (it opens nothing), esc clears it.
func TestInputPromptKeyLine(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	open(t, m, orcidtest.CarberryID)
	tests := []struct {
		name, tab string
		want      []string
	}{
		{"works filter", "]", []string{"enter keep filter", "esc clear"}},
		{"raw search", "r", []string{"enter find", "esc clear"}},
	}
	for _, tt := range tests {
		press(m, tt.tab, "f")
		h := helpText(m.ShortHelp())
		for _, w := range tt.want {
			if !strings.Contains(h, w) {
				t.Errorf("%s: key line %q lacks %q", tt.name, h, w)
			}
		}
		if strings.Contains(h, "open") || strings.Contains(h, "cancel") {
			t.Errorf("%s: key line %q says enter opens or esc cancels", tt.name, h)
		}
		press(m, "esc")
	}
}
