package envpane

import (
	"testing"
	"unicode/utf8"
)

// A masked client id is at most 8 cells and an ellipsis, and never cut
// through a character.
func TestMaskClientID(t *testing.T) {
	for _, tc := range []struct{ id, want string }{
		{"APP-1234", "APP-1234"},
		{"APP-1234567890AB", "APP-1234…"},
		{"APP-研究者研究者", "APP-研究…"},
		{"APP-éééééé", "APP-éééé…"},
	} {
		got := maskClientID(tc.id)
		if got != tc.want || !utf8.ValidString(got) {
			t.Errorf("maskClientID(%q) = %q, want %q", tc.id, got, tc.want)
		}
	}
}
