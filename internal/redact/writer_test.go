package redact

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestWriter: the stream masked by Writer is what String's secret rule
// gives for the whole text, however the text is cut into writes, a copy
// split between two writes included; text without a secret passes as is.
func TestWriter(t *testing.T) {
	const tok = "1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901"
	const other = "abcdefgh"
	tests := []struct {
		name, in, want string
		secrets        []string
	}{
		{"no secret in the text", `{"path":"/0000-0002-1825-0097"}`, `{"path":"/0000-0002-1825-0097"}`, []string{tok}},
		{"no secrets given", `{"t":"` + tok + `"}`, `{"t":"` + tok + `"}`, nil},
		{"the token once", `{"t":"` + tok + `"}`, `{"t":"1b2c…"}`, []string{tok}},
		{"the token twice, back to back", tok + tok, "1b2c…1b2c…", []string{tok}},
		{"the token in upper case", "x" + strings.ToUpper(tok) + "y", "x1B2C…y", []string{tok}},
		{"the token at the very end", "abc " + tok, "abc 1b2c…", []string{tok}},
		{"two secrets", other + " " + tok, "ab… 1b2c…", []string{tok, other}},
		{"a short secret is ignored", "ab ab", "ab ab", []string{"ab"}},
		{"a token's start only", "x" + tok[:20], "x" + tok[:20], []string{tok}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Every cut into two writes, and one byte a write.
			cuts := [][]int{}
			for i := 0; i <= len(tt.in); i++ {
				cuts = append(cuts, []int{i})
			}
			ones := []int{}
			for i := 1; i < len(tt.in); i++ {
				ones = append(ones, i)
			}
			cuts = append(cuts, ones)
			for _, cut := range cuts {
				var out bytes.Buffer
				w := NewWriter(&out, tt.secrets...)
				prev := 0
				for _, c := range append(cut, len(tt.in)) {
					if n, err := w.Write([]byte(tt.in[prev:c])); err != nil || n != c-prev {
						t.Fatalf("Write = %d, %v; want %d, nil", n, err, c-prev)
					}
					prev = c
				}
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
				if out.String() != tt.want {
					t.Fatalf("cut at %v: %q, want %q", cut, out.String(), tt.want)
				}
			}
		})
	}
}

// TestWriterHoldsBack: until Close, the bytes that may begin a secret are
// not passed on, so no write ever shows a token's start that the next
// write completes.
func TestWriterHoldsBack(t *testing.T) {
	const tok = "1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901"
	var out bytes.Buffer
	w := NewWriter(&out, tok)
	w.Write([]byte("head " + tok[:30]))
	if strings.Contains(out.String(), tok[:8]) {
		t.Fatalf("passed on %q before the token was whole", out.String())
	}
	w.Write([]byte(tok[30:] + " tail"))
	w.Close()
	if out.String() != "head 1b2c… tail" {
		t.Errorf("got %q", out.String())
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestWriterError: the underlying writer's failure is returned, then and
// on every later call.
func TestWriterError(t *testing.T) {
	w := NewWriter(failWriter{}, "1b2c3d4e-5f60")
	if _, err := w.Write([]byte(strings.Repeat("x", 100))); err == nil {
		t.Fatal("no error from a failing writer")
	}
	if _, err := w.Write([]byte("y")); err == nil {
		t.Error("a later write succeeded")
	}
	if err := w.Close(); err == nil {
		t.Error("Close succeeded")
	}
}
