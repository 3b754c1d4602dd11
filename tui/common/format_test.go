package common

import "testing"

// TestSentence: the first letter is upper-cased whole, never cut to a byte.
func TestSentence(t *testing.T) {
	for in, want := range map[string]string{
		"":                                    "",
		"record not found":                    "Record not found",
		"échec de connexion":                  "Échec de connexion",
		"研究者":                                 "研究者",
		"1 retried":                           "1 retried",
		"http://127.0.0.1:8080 answered HTML": "http://127.0.0.1:8080 answered HTML",
	} {
		if got := Sentence(in); got != want {
			t.Errorf("Sentence(%q) = %q, want %q", in, got, want)
		}
	}
}
