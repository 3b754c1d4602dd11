package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestTruncateNeverWider: ansi.Truncate keeps a keycap or an emoji
// presentation sequence it measures narrower than ansi.StringWidth does;
// Truncate never returns more than w cells.
func TestTruncateNeverWider(t *testing.T) {
	s := "E.click Hostile研究者 田中 🧪 👩\u200d👩\u200d👧\u200d👦 🇯🇵 👍🏽 1\ufe0f\u20e3 ☺\ufe0f e\u0301 Z\u0351\u0352a กิ๊ tail"
	for w := 0; w <= ansi.StringWidth(s)+1; w++ {
		got := Truncate(s, w, "…")
		if gw := ansi.StringWidth(got); gw > w {
			t.Errorf("Truncate(%d) is %d wide: %q", w, gw, got)
		}
		if w >= ansi.StringWidth(s) && got != s {
			t.Errorf("Truncate(%d) cut a string that fits: %q", w, got)
		}
	}
}

// TestFitExact: Fit makes a row exactly w cells, keycaps, emoji
// presentation sequences, ZWJ sequences, flags and combining marks included
// (the record pane's columns and the envpane's selected rows rely on it).
func TestFitExact(t *testing.T) {
	for _, s := range []string{
		"demo (offline) 1\ufe0f\u20e3 2\ufe0f\u20e3 3\ufe0f\u20e3 4\ufe0f\u20e3 5\ufe0f\u20e3",
		"1\ufe0f\u20e3 2\ufe0f\u20e3 3\ufe0f\u20e3 4\ufe0f\u20e3 5\ufe0f\u20e3 6\ufe0f\u20e3 7\ufe0f\u20e3",
		"☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f sandbox",
		"☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f☺\ufe0f title",
		"研究者 👩\u200d🔬 🇯🇵 e\u0301",
		"Hostile 研究者 👩\u200d🔬 🇯🇵 e\u0301 1\ufe0f\u20e3",
	} {
		for w := 0; w <= ansi.StringWidth(s)+2; w++ {
			if got := ansi.StringWidth(Fit(s, w)); got != w {
				t.Errorf("Fit(%q, %d) is %d wide", s, w, got)
			}
		}
	}
}

// TestCutNeverWider: every window of a line with keycaps and emoji
// presentation sequences is at most as wide as asked; plain text is cut
// exactly as ansi.Cut does.
func TestCutNeverWider(t *testing.T) {
	s := "\x1b[1mE.click\x1b[m 1\ufe0f\u20e3 ☺\ufe0f 研究者 👩\u200d🔬 🇯🇵 e\u0301 tail 1\ufe0f\u20e3"
	sw := ansi.StringWidth(s)
	for left := 0; left <= sw; left++ {
		for right := left; right <= sw+1; right++ {
			got := Cut(s, left, right)
			if gw := ansi.StringWidth(got); gw > right-left {
				t.Errorf("Cut(%d, %d) is %d wide: %q", left, right, gw, got)
			}
		}
	}
	plain := "0123456789 abcdefghij"
	for _, tc := range [][2]int{{0, 5}, {3, 9}, {10, 21}, {5, 30}} {
		if got, want := Cut(plain, tc[0], tc[1]), ansi.Cut(plain, tc[0], tc[1]); got != want {
			t.Errorf("Cut(%d, %d) = %q, want %q", tc[0], tc[1], got, want)
		}
	}
}

// TestBoxFitsLongTitles: a title as wide as the box, or wider, keeps the
// top border exactly w cells.
func TestBoxFitsLongTitles(t *testing.T) {
	st := NewStyles(true, true)
	title := "Hostile 1\ufe0f\u20e3 ☺\ufe0f 研究者 " + strings.Repeat("x", 100)
	for w := 10; w <= 90; w++ {
		for _, info := range []string{"", "1 found"} {
			box := st.Box(title, info, "1\ufe0f\u20e3 ☺\ufe0f "+strings.Repeat("y", 200), w, 3, true)
			for i, l := range strings.Split(box, "\n") {
				if lw := ansi.StringWidth(l); lw != w {
					t.Fatalf("w=%d info=%q line %d is %d wide: %q", w, info, i, lw, ansi.Strip(l))
				}
			}
		}
	}
}

func TestTruncateMiddle(t *testing.T) {
	for _, tc := range []struct {
		s    string
		w    int
		want string
	}{
		{"10.5555/helix.2025.0055", 30, "10.5555/helix.2025.0055"},
		{"10.5555/helix.2025.0055", 16, "10.555…2025.0055"},
		{"10.5555/helix.2025.0081", 16, "10.555…2025.0081"},
		{"10.5555/研究.2025.0081", 12, "10.5…25.0081"},
		{"abcdef", 3, "ab…"},
		{"abcdef", 0, ""},
	} {
		got := TruncateMiddle(tc.s, tc.w)
		if got != tc.want {
			t.Errorf("TruncateMiddle(%q, %d) = %q, want %q", tc.s, tc.w, got, tc.want)
		}
		if ansi.StringWidth(got) > tc.w {
			t.Errorf("TruncateMiddle(%q, %d) is %d wide", tc.s, tc.w, ansi.StringWidth(got))
		}
	}
}
