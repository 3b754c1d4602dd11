package termcheck

import (
	"strings"
	"testing"
)

func TestProblem(t *testing.T) {
	for _, tc := range []struct {
		in   string
		sgr  bool
		want string // substring of the problem, "" for safe
	}{
		{"plain text, 研究 👩\u200d👩\u200d👧 e\u0301\n\tok", false, ""},
		{"\x1b[1mbold\x1b[m \x1b[38;2;1;2;3mrgb\x1b[0m", true, ""},
		{"\x1b[1mbold\x1b[m", false, "ESC"},
		{"\x1b[2J", true, "ESC"},
		{"\x1b]52;c;eA==\x07", true, "ESC"},
		{"bell\x07", false, "BEL"},
		{"cr\rover", false, "C0 control"},
		{"del\x7f", false, "DEL"},
		{"c1 \u009b2J", false, "C1 control"},
		{"nel\u0085", false, "C1 control"},
		{"\u202eevil", false, "bidi control"},
		{"\u2067iso\u2069", false, "bidi control"},
		{"zero\u200bwidth", false, "invisible character"},
		{"bom\ufeff", false, "invisible character"},
		{"bad \xff utf-8", false, "invalid UTF-8"},
	} {
		got := Problem(tc.in, tc.sgr)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("Problem(%q, %v) = %q, want %q", tc.in, tc.sgr, got, tc.want)
		}
		if strings.ContainsRune(got, 0x1b) {
			t.Errorf("the report itself holds an ESC: %q", got)
		}
	}
}
