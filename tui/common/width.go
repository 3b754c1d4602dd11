package common

import "github.com/charmbracelet/x/ansi"

// Truncate is ansi.Truncate made exact: the result is never wider than w
// cells as ansi.StringWidth (and so lipgloss) measures it.
//
// ansi.Truncate measures some grapheme clusters differently from
// ansi.StringWidth: a keycap ("1️⃣") is measured from its ASCII digit alone
// and an emoji presentation sequence ("☺️") as narrow, so its result can be
// a cell or two wider than asked and push a pane's border out of line.
// Truncating a little shorter until the result fits costs nothing on
// ordinary text (one measurement).
func Truncate(s string, w int, tail string) string {
	if w <= 0 {
		return ""
	}
	out := ansi.Truncate(s, w, tail)
	for n := w - 1; n >= 0 && ansi.StringWidth(out) > w; n-- {
		out = ansi.Truncate(s, n, tail)
	}
	if ansi.StringWidth(out) > w {
		return ""
	}
	return out
}

// Cut is ansi.Cut made exact: the cells of s from left to right, never
// wider than right-left cells. Use it (and Truncate) wherever text is cut to
// a width; ansi.Cut and ansi.Truncate can overrun by a cell or two.
func Cut(s string, left, right int) string {
	if right <= left {
		return ""
	}
	if left <= 0 {
		return Truncate(s, right, "")
	}
	out := ansi.Cut(s, left, right)
	if ansi.StringWidth(out) > right-left {
		out = Truncate(out, right-left, "")
	}
	return out
}
