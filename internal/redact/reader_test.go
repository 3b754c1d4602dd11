package redact

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// What comes out of a Reader is what String makes of the whole text, however
// the underlying reader splits it (one byte at a time, or whole), and a read
// error other than the end is passed on.
func TestReader(t *testing.T) {
	tok := "1b2c3d4e-5f60-4a7b-8c9d-a0b1c2d3e4f5"
	for _, text := range []string{
		`{"given-names":"` + tok + `","family-name":"Carberry"}`,
		"no secret here at all",
		tok + tok,
		"ends with " + strings.ToUpper(tok),
		"ends with half a token " + tok[:20],
		"",
	} {
		want := Secrets(text, tok)
		for name, r := range map[string]io.Reader{
			"whole":    strings.NewReader(text),
			"one byte": iotest.OneByteReader(strings.NewReader(text)),
			"half":     iotest.HalfReader(strings.NewReader(text)),
		} {
			got, err := io.ReadAll(NewReader(r, tok))
			if err != nil || string(got) != want {
				t.Errorf("%s %q: %q, %v; want %q", name, text, got, err, want)
			}
		}
	}
	boom := errors.New("connection reset")
	_, err := io.ReadAll(NewReader(io.MultiReader(strings.NewReader("abc"), iotest.ErrReader(boom)), tok))
	if !errors.Is(err, boom) {
		t.Errorf("a read error became %v", err)
	}
}
