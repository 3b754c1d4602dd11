package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

func TestLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain ascii", "Josiah Carberry", "Josiah Carberry"},
		{"non-ascii kept", "Zoë Ångström-Łukasiewicz 田中 花子 🧪", "Zoë Ångström-Łukasiewicz 田中 花子 🧪"},
		{"screen clear", "a\x1b[2Jb\x1b[Hc", "abc"},
		{"sgr colour", "\x1b[31mred\x1b[0m", "red"},
		{"osc 52 clipboard BEL", "x\x1b]52;c;ZXZpbA==\x07y", "xy"},
		{"osc 8 hyperlink ST", "\x1b]8;;https://evil\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"unterminated osc eats rest", "ok\x1b]0;title", "ok"},
		{"dcs", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"c1 csi", "a\u009b2Jb", "ab"},
		{"c1 osc", "a\u009d0;t\u009cb", "ab"},
		{"c1 other", "a\u0085b", "ab"},
		{"c0 controls", "a\x00b\x07c\x08d\x7fe", "abcde"},
		{"newlines to spaces", "a\nb\r\nc\td", "a b  c d"},
		{"bidi override", "abc\u202edcba\u202c", "abcdcba"},
		{"bidi isolate", "\u2067x\u2069", "x"},
		{"zero width", "pay\u200bpal\ufeff\u2060", "paypal"},
		{"zwj kept", "👩\u200d🔬", "👩\u200d🔬"},
		{"invalid utf8", "a\xffb\xc3", "a\ufffdb\ufffd"},
		{"two byte escape", "a\x1bcb", "ab"},
		{"charset designation", "a\x1b(Bb", "ab"},
		{"line separator", "a\u2028b", "a b"},
		{"tag characters", "a\U000E0041b", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Line(tt.in); got != tt.want {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	got := Text("line 1\r\nline 2\rline 3\n\tindented\x1b[1m bold\x1b[0m")
	want := "line 1\nline 2\nline 3\n    indented bold"
	if got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func TestSnippet(t *testing.T) {
	html := []byte("<html>\n  <head><title>502 Bad Gateway</title></head>\n\x1b[2J<body>" + strings.Repeat("x", 500))
	got := Snippet(html, 40)
	if utf8.RuneCountInString(got) != 40 || !strings.HasSuffix(got, "…") {
		t.Errorf("Snippet length/suffix wrong: %q", got)
	}
	if !strings.HasPrefix(got, "<html> <head><title>502 Bad Gateway") {
		t.Errorf("Snippet = %q", got)
	}
	if strings.ContainsRune(got, 0x1b) {
		t.Errorf("Snippet kept ESC: %q", got)
	}
	if s := Snippet([]byte("short"), 40); s != "short" {
		t.Errorf("Snippet(short) = %q", s)
	}
}

func TestTruncate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"hello", 10, "hello"}, {"hello", 5, "hello"}, {"hello", 4, "hel…"},
		{"Ångström", 3, "Ån…"}, {"x", 0, ""}, {"", 3, ""},
		// Grapheme clusters are never split.
		{"a👩\u200d🔬b", 2, "a…"}, {"👩\u200d🔬👩\u200d🔬", 2, "👩\u200d🔬👩\u200d🔬"},
		{"👩\u200d🔬👩\u200d🔬👩\u200d🔬", 2, "👩\u200d🔬…"}, {"x👩\u200d🔬yz", 3, "x👩\u200d🔬…"},
		{"🇯🇵🇫🇷", 2, "🇯🇵🇫🇷"}, {"🇯🇵🇫🇷🇩🇪", 2, "🇯🇵…"}, {"a🇯🇵🇫🇷", 2, "a…"},
		{"cafe\u0301", 4, "cafe\u0301"}, {"cafe\u0301s", 4, "caf…"}, {"e\u0301e\u0301e\u0301", 3, "e\u0301e\u0301e\u0301"},
		{"e\u0301e\u0301e\u0301", 2, "e\u0301…"}, {"Ze\u0301\u0351\u0352a", 3, "Ze\u0301\u0351\u0352a"},
		{"1\ufe0f\u20e32\ufe0f\u20e3", 1, "…"}, {"1\ufe0f\u20e32\ufe0f\u20e33", 2, "1\ufe0f\u20e3…"},
		{"\xff\xfeab", 3, "\xff\xfe…"},
	} {
		if got := Truncate(tt.in, tt.n); got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

// Truncate returns s itself or a prefix of s that ends on a grapheme
// cluster boundary, plus "…".
func TestTruncateKeepsClusters(t *testing.T) {
	s := "Hostile 研究者 👩\u200d👩\u200d👧\u200d👦 🇯🇵 👍🏽 1\ufe0f\u20e3 ☺\ufe0f e\u0301 Z\u0351\u0352a กิ๊ end"
	var bounds []int // byte offsets where a cluster ends
	for rest := s; rest != ""; {
		c, _ := ansi.FirstGraphemeCluster(rest, ansi.GraphemeWidth)
		rest = rest[len(c):]
		bounds = append(bounds, len(s)-len(rest))
	}
	for n := 1; n <= len(bounds)+1; n++ {
		got := Truncate(s, n)
		if n >= len(bounds) {
			if got != s {
				t.Errorf("Truncate(%d) cut a string of %d clusters: %q", n, len(bounds), got)
			}
			continue
		}
		prefix, ok := strings.CutSuffix(got, "…")
		if !ok || !strings.HasPrefix(s, prefix) {
			t.Fatalf("Truncate(%d) = %q, not a prefix and an ellipsis", n, got)
		}
		want := 0 // n-1 clusters kept
		if n > 1 {
			want = bounds[n-2]
		}
		if len(prefix) != want {
			t.Errorf("Truncate(%d) = %q: cut at byte %d, want the end of cluster %d (byte %d)", n, got, len(prefix), n-1, want)
		}
	}
}

func TestPlainASCIINotCopied(t *testing.T) {
	s := strings.Repeat("plain text ", 100)
	if n := testing.AllocsPerRun(10, func() { _ = Line(s) }); n != 0 {
		t.Errorf("Line on plain ASCII allocated %v times", n)
	}
}

// unsafe reports a rune that must never reach the terminal.
func unsafe(r rune, multiline bool) bool {
	if r == '\n' {
		return !multiline
	}
	return r < 0x20 || (r >= 0x7f && r < 0xa0) || invisible(r) || r == 0x2028 || r == 0x2029
}

func FuzzLine(f *testing.F) {
	for _, s := range []string{"", "abc", "\x1b[2J", "\x1b]52;c;AAAA\x07", "\u202e", "a\xffb", "\u009b31m", "\x1b]8;;u\x1b\\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, multiline := range []bool{false, true} {
			out := clean(s, multiline)
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 out of %q: %q", s, out)
			}
			for _, r := range out {
				if unsafe(r, multiline) {
					t.Fatalf("unsafe rune %U left in %q (from %q)", r, out, s)
				}
			}
			if again := clean(out, multiline); again != out {
				t.Fatalf("not idempotent: %q -> %q -> %q", s, out, again)
			}
		}
	})
}

func BenchmarkLine1MB(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		sb.WriteString("Zoë Ångström \x1b[31mred\x1b[0m 田中 \u202eevil\u202c plain ascii words here. ")
	}
	s := sb.String()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Line(s)
	}
}
