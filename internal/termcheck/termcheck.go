// Package termcheck tells whether text is safe to write to a terminal: the
// property tests assert of everything the TUI draws and the CLI prints.
//
// Safe text is valid UTF-8 and holds no escape sequence (except, when
// allowed, SGR styling: ESC [ params m), no C0 control other than newline
// and tab, no DEL, no C1 control (U+0080–U+009F, which some terminals obey
// as CSI, OSC, ...), no bidi control and no invisible zero-width character.
// ZWJ and ZWNJ are allowed: emoji sequences and several scripts need them.
package termcheck

import (
	"fmt"
	"unicode/utf8"
)

// Problem returns "" when s is safe, else what is wrong and where. sgr
// allows SGR sequences (ESC [ digits ; : m), which styling writes.
func Problem(s string, sgr bool) string {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return fmt.Sprintf("invalid UTF-8 at byte %d: %s", i, context(s, i))
		}
		if r == 0x1b && sgr {
			if n := sgrLen(s[i:]); n > 0 {
				i += n
				continue
			}
		}
		if what := Unsafe(r); what != "" {
			return fmt.Sprintf("%s (U+%04X) at byte %d: %s", what, r, i, context(s, i))
		}
		i += size
	}
	return ""
}

// Unsafe names what r is when it must not reach a terminal ("" when it may).
func Unsafe(r rune) string {
	switch {
	case r == 0x1b:
		return "ESC"
	case r == 0x07:
		return "BEL"
	case r == '\n' || r == '\t':
		return ""
	case r < 0x20:
		return "C0 control"
	case r == 0x7f:
		return "DEL"
	case r >= 0x80 && r <= 0x9f:
		return "C1 control"
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return "bidi control"
	case r == 0x200b, r >= 0x2060 && r <= 0x2064, r == 0xfeff, r == 0x00ad, r == 0x180e,
		r >= 0xfff9 && r <= 0xfffb, r >= 0xe0000 && r <= 0xe007f:
		return "invisible character"
	}
	return ""
}

// sgrLen is the length of the SGR sequence s starts with, 0 if none.
func sgrLen(s string) int {
	if len(s) < 3 || s[0] != 0x1b || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == ';', c == ':':
		case c == 'm':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}

// context is s around byte i, quoted (so the report itself is safe).
func context(s string, i int) string {
	from, to := max(0, i-40), min(len(s), i+40)
	return fmt.Sprintf("%q", s[from:to])
}
