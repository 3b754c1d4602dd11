package sanitize

import (
	"fmt"
	"unicode/utf8"
)

// JSON makes encoded JSON safe to print on a terminal without changing what
// it means: C1 controls, DEL, bidi controls and invisible characters — which
// encoding/json writes as they are — become \uXXXX escapes. They can only
// occur inside strings (JSON's structure is ASCII), where an escape decodes to
// the same character, so a program reading the output sees the same values.
// Invalid UTF-8 becomes \ufffd.
func JSON(b []byte) []byte {
	clean := true
	for _, c := range b {
		if c >= 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			out = append(out, `\ufffd`...)
		case r > 0xffff && invisible(r):
			// tag characters: written as a surrogate pair
			r -= 0x10000
			out = fmt.Appendf(out, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
		case r == 0x7f || (r >= 0x80 && r < 0xa0) || invisible(r):
			out = fmt.Appendf(out, `\u%04x`, r)
		default:
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}
