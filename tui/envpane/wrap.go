package envpane

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// wrapIndent wraps plain text s to w cells and indents continuation lines.
func wrapIndent(s string, w int, indent string) string {
	if w < 10 {
		return s
	}
	return strings.Join(wrapWords(s, w), "\n"+indent)
}

// wrapWords wraps plain text s to w cells at its spaces only: an ORCID iD,
// a date or a scope such as /read-limited stays on one line, where
// ansi.Wrap breaks at every hyphen. A word longer than a line is cut where
// the line ends.
func wrapWords(s string, w int) []string {
	var lines []string
	var line strings.Builder
	lw := 0
	for _, word := range strings.Fields(s) {
		ww := ansi.StringWidth(word)
		switch {
		case lw > 0 && lw+1+ww <= w:
			line.WriteByte(' ')
			line.WriteString(word)
			lw += 1 + ww
			continue
		case lw > 0:
			lines = append(lines, line.String())
			line.Reset()
		}
		lw = ww
		if ww > w {
			pieces := strings.Split(ansi.Hardwrap(word, w, false), "\n")
			lines = append(lines, pieces[:len(pieces)-1]...)
			word = pieces[len(pieces)-1]
			lw = ansi.StringWidth(word)
		}
		line.WriteString(word)
	}
	if lw > 0 || len(lines) == 0 {
		lines = append(lines, line.String())
	}
	return lines
}
