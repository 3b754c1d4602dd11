// Package sanitize makes text that came from the network safe to draw on a
// terminal.
//
// ORCID records are written by their owners and by any member integration, so
// every name, title and URL is untrusted. Escape sequences in such text could
// clear the screen, write the clipboard (OSC 52), plant hyperlinks (OSC 8) or
// reorder what a person reads (bidi overrides). Everything drawn by the TUI or
// printed by the CLI goes through Line or Text first.
package sanitize

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Line returns s as one safe line: escape sequences and control characters
// are removed, newlines and tabs become single spaces, bidi controls and
// invisible characters are dropped, invalid UTF-8 becomes U+FFFD.
func Line(s string) string { return clean(s, false) }

// Text is Line but keeps line breaks ("\r\n" and "\r" become "\n") and
// expands tabs to four spaces, for multi-line text such as a biography or a
// raw body.
func Text(s string) string { return clean(s, true) }

// Snippet returns at most n characters of b as one safe line with runs of white
// space folded, ending in "…" when cut. For showing a few bytes of a body
// that was not what we expected (HTML, garbage).
func Snippet(b []byte, n int) string {
	if len(b) > 4*n+64 {
		b = b[:4*n+64] // enough for n runes; avoids cleaning a huge body
	}
	s := strings.Join(strings.Fields(Line(string(b))), " ")
	return Truncate(s, n)
}

// Truncate cuts s to at most n characters as a reader counts them (grapheme
// clusters: "👩‍🔬", "🇯🇵" and "é" written as e and a combining accent are one
// each), ending in "…" when it cuts. It never cuts inside a cluster, so no
// emoji sequence, flag or accent is split; the result is never longer than s.
func Truncate(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s // no more clusters than runes
	}
	cut, count := 0, 0
	for rest := s; rest != ""; count++ {
		if count == n-1 {
			cut = len(s) - len(rest)
		}
		if count == n {
			return s[:cut] + "…"
		}
		c, _ := ansi.FirstGraphemeCluster(rest, ansi.GraphemeWidth)
		if c == "" {
			c = rest[:1]
		}
		rest = rest[len(c):]
	}
	return s // n clusters or fewer
}

// safeASCII reports whether s holds only printable ASCII, the common case,
// which needs no copy.
func safeASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

func clean(s string, multiline bool) string {
	if safeASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			b.WriteRune(utf8.RuneError)
			i++
			continue
		}
		switch {
		case r == 0x1b: // ESC: skip the whole sequence
			i = skipEscape(s, i+1)
			continue
		case r == 0x9b: // C1 CSI
			i = skipCSI(s, i+size)
			continue
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // C1 OSC, DCS, SOS, PM, APC
			i = skipString(s, i+size)
			continue
		case r == '\n':
			if multiline {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r == '\r':
			if multiline {
				if i+1 < len(s) && s[i+1] == '\n' {
					i++ // \r\n -> \n
				}
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r == '\t':
			if multiline {
				b.WriteString("    ")
			} else {
				b.WriteByte(' ')
			}
		case r == 0x2028 || r == 0x2029: // line / paragraph separator
			if multiline {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			// other C0/C1 controls and DEL: dropped
		case invisible(r):
			// bidi controls and zero-width characters: dropped
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// invisible reports characters that change how text is ordered or hide
// content without being seen: bidi embeddings, overrides, isolates and marks,
// zero-width spaces, the word joiner and invisible operators, the BOM, soft
// hyphen, and the interlinear annotation and tag characters. ZWJ and ZWNJ are
// kept: emoji sequences and several scripts need them.
func invisible(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e, // LRE RLE PDF LRO RLO
		r >= 0x2066 && r <= 0x2069,            // LRI RLI FSI PDI
		r == 0x200e, r == 0x200f, r == 0x061c, // LRM RLM ALM
		r == 0x200b,                  // zero-width space
		r >= 0x2060 && r <= 0x2064,   // word joiner, invisible operators
		r == 0xfeff,                  // BOM / ZWNBSP
		r == 0x00ad,                  // soft hyphen
		r == 0x180e,                  // Mongolian vowel separator
		r >= 0xfff9 && r <= 0xfffb,   // interlinear annotation
		r >= 0xe0000 && r <= 0xe007f: // tag characters
		return true
	}
	return false
}

// skipEscape returns the index after the escape sequence whose ESC was just
// before i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: up to BEL or ST
		return skipString(s, i+1)
	}
	// nF sequences (ESC, intermediates 0x20-0x2f, final) and two-byte ones.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x30 && r <= 0x7e {
			return i + size
		}
	}
	return i
}

// skipCSI skips parameter and intermediate bytes and the final byte of a CSI
// sequence. A sequence cut short ends at the first byte that cannot belong to it.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x20 && c <= 0x3f: // parameters and intermediates
			i++
		case c >= 0x40 && c <= 0x7e: // final byte
			return i + 1
		default:
			return i
		}
	}
	return i
}

// skipString skips a control string (OSC, DCS, ...) up to and including its
// terminator: BEL, ST (ESC \) or C1 ST (U+009C). An unterminated string runs
// to the end of the text: drawing any of it would be unsafe.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i + 1
		case s[i] == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c:
			return i + 2
		}
		i++
	}
	return i
}
