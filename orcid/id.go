package orcid

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ID is a valid ORCID iD in its canonical hyphenated form "0000-0002-1825-0097".
type ID string

// String returns the hyphenated iD.
func (id ID) String() string { return string(id) }

// IDError says precisely why a string is not an ORCID iD.
type IDError struct {
	Input  string
	Reason string // "wrong length: 15 digits, want 16", "bad character 'a' at position 5", "bad check digit: expected 7, got 9"
}

func (e *IDError) Error() string { return "invalid ORCID iD " + quoteShort(e.Input) + ": " + e.Reason }

// quoteShort quotes user input for an error message: escaped (no control
// characters reach a terminal) and cut to a readable length.
func quoteShort(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		return strconv.Quote(string(r[:max])) + "…"
	}
	return strconv.Quote(s)
}

// IsValidID reports whether s parses as an ORCID iD in any accepted form.
func IsValidID(s string) bool {
	_, err := ParseID(s)
	return err == nil
}

// ParseID accepts every form people paste (hyphenated, 16 bare digits,
// groups separated by spaces, a URI with any host such as
// https://orcid.org/… or http://sandbox.orcid.org/…, "orcid.org/…",
// lower-case x) and checks the ISO 7064 11,2 check digit. Errors are
// *IDError; positions in them count characters of the input from 1.
func ParseID(s string) (ID, error) {
	fail := func(format string, a ...any) (ID, error) {
		return "", &IDError{Input: s, Reason: fmt.Sprintf(format, a...)}
	}
	start, end := idSpan(s)
	if start >= end {
		if strings.TrimSpace(s) == "" {
			return fail("empty")
		}
		return fail("no iD after the URL")
	}
	pos := utf8.RuneCountInString(s[:start]) // runes before the iD part
	var digits [16]byte
	n, lateSep := 0, 0
	for _, r := range s[start:end] {
		pos++
		switch {
		case r >= '0' && r <= '9', r == 'X', r == 'x':
			if r == 'x' {
				r = 'X'
			}
			if r == 'X' && n < 15 {
				return fail("bad character 'X' at position %d: X may only be the last (check) character", pos)
			}
			if n < len(digits) {
				digits[n] = byte(r)
			}
			n++
		case r == '-' || unicode.IsSpace(r):
			switch {
			case n >= 16:
				if lateSep == 0 {
					lateSep = pos
				}
			case n == 0 || n%4 != 0:
				return fail("misplaced %s at position %d: an iD is four groups of four characters", describeRune(r), pos)
			}
		default:
			return fail("bad character %s at position %d", describeRune(r), pos)
		}
	}
	if n != 16 {
		return fail("wrong length: %d digits, want 16", n)
	}
	if lateSep > 0 {
		return fail("unexpected separator at position %d after the last digit", lateSep)
	}
	want := CheckDigit(digits[:15])
	if digits[15] != want {
		return fail("bad check digit: expected %c, got %c", want, digits[15])
	}
	b := make([]byte, 0, 19)
	for i := 0; i < 16; i += 4 {
		if i > 0 {
			b = append(b, '-')
		}
		b = append(b, digits[i:i+4]...)
	}
	return ID(b), nil
}

// idSpan finds the iD part of s: s without surrounding space, without a
// scheme and host ("https://orcid.org/", "orcid.org/"), without a query,
// fragment or trailing slash.
func idSpan(s string) (start, end int) {
	start, end = 0, len(s)
	for start < end && isSpaceByte(s[start]) {
		start++
	}
	for end > start && isSpaceByte(s[end-1]) {
		end--
	}
	body := strings.ToLower(s[start:end])
	hasScheme := false
	for _, scheme := range []string{"https://", "http://"} {
		if strings.HasPrefix(body, scheme) {
			start += len(scheme)
			hasScheme = true
			break
		}
	}
	if !hasScheme && !strings.Contains(body, "/") {
		return start, end
	}
	// A URL or "host/path": the iD is the last path segment.
	if i := strings.IndexAny(s[start:end], "?#"); i >= 0 {
		end = start + i
	}
	for end > start && s[end-1] == '/' {
		end--
	}
	i := strings.LastIndexByte(s[start:end], '/')
	if i < 0 {
		return end, end // only a host: no iD
	}
	start += i + 1
	for end > start && isSpaceByte(s[end-1]) {
		end--
	}
	for start < end && isSpaceByte(s[start]) {
		start++
	}
	return start, end
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// describeRune names a character for an error message without letting a
// control character through.
func describeRune(r rune) string {
	switch {
	case r == utf8.RuneError:
		return "(invalid UTF-8)"
	case r == ' ':
		return "space"
	case unicode.IsSpace(r):
		return fmt.Sprintf("space (U+%04X)", r)
	case unicode.IsPrint(r):
		return strconv.QuoteRune(r)
	default:
		return fmt.Sprintf("U+%04X", r)
	}
}

// CheckDigit returns the ISO 7064 MOD 11-2 check character ('0'–'9' or
// 'X') of the 15 base digits of an ORCID iD; with it, test data and tools
// can make valid iDs.
func CheckDigit[T string | []byte](base T) byte {
	total := 0
	for i := 0; i < len(base); i++ {
		total = (total + int(base[i]-'0')) * 2
	}
	r := (12 - total%11) % 11
	if r == 10 {
		return 'X'
	}
	return byte('0' + r)
}
