package envpane

import (
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// fitPlain makes a row exactly w cells, keycaps and emoji included.
func TestFitPlainExact(t *testing.T) {
	for _, s := range []string{
		"demo (offline) 1\ufe0f\u20e3 2\ufe0f\u20e3 3\ufe0f\u20e3 4\ufe0f\u20e3 5\ufe0f\u20e3",
		"☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f sandbox",
		"研究者 👩\u200d🔬 🇯🇵 e\u0301",
	} {
		for w := 1; w <= ansi.StringWidth(s)+2; w++ {
			if got := ansi.StringWidth(fitPlain(s, w)); got != w {
				t.Errorf("fitPlain(%q, %d) is %d wide", s, w, got)
			}
		}
	}
}

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
