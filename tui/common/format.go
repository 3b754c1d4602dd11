package common

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Who values of Session.Who that panes compare against.
const (
	WhoAnonymous   = "anonymous"
	WhoClientToken = "client token"
)

// Count formats n with a comma between groups of three digits ("1,234
// found", "Works 2,500", "1 of 2,500"): every count on screen uses it.
func Count[T ~int | ~int64](n T) string {
	s := strconv.FormatInt(int64(n), 10)
	neg := false
	if s[0] == '-' {
		neg, s = true, s[1:]
	}
	if len(s) <= 3 {
		if neg {
			return "-" + s
		}
		return s
	}
	out := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		out = append(out, '-')
	}
	lead := len(s) % 3
	if lead > 0 {
		out = append(out, s[:lead]...)
	}
	for i := lead; i < len(s); i += 3 {
		if len(out) > 0 && !(neg && len(out) == 1) {
			out = append(out, ',')
		}
		out = append(out, s[i:i+3]...)
	}
	return string(out)
}

// Sentence is s with its first letter upper-cased, as a status text starts
// a sentence; the first character is taken whole, never a byte of it.
func Sentence(s string) string {
	if first, _, _ := strings.Cut(s, " "); strings.Contains(first, "://") {
		return s // a URL keeps its case: "http://…", not "Http://…"
	}
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
