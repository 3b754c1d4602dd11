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

// TruncateMiddle cuts s to w cells by taking out its middle: "10.5555/ps…
// 2025.0001". Identifiers that share a long prefix (DOIs of one journal,
// iDs) differ at the end, so cutting the end would make them look alike.
// s is plain text (no escape sequences).
func TruncateMiddle(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	if w < 5 {
		return Truncate(s, w, "…")
	}
	rs := []rune(s)
	// A little more of the end than of the start: the end tells them apart.
	leftW := (w - 1) * 2 / 5
	rightW := w - 1 - leftW
	i, lw := 0, 0
	for i < len(rs) {
		cw := ansi.StringWidth(string(rs[i]))
		if lw+cw > leftW {
			break
		}
		lw += cw
		i++
	}
	j, rw := len(rs), 0
	for j > i {
		cw := ansi.StringWidth(string(rs[j-1]))
		if rw+cw > rightW+(leftW-lw) {
			break
		}
		rw += cw
		j--
	}
	return string(rs[:i]) + "…" + string(rs[j:])
}
