package redact

import (
	"strings"
	"testing"
)

func TestMask(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"abc", "…"},
		{"abcdefgh", "ab…"},
		{"1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901", "1b2c…"},
	}
	for _, tt := range tests {
		if got := Mask(tt.in); got != tt.want {
			t.Errorf("Mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestString(t *testing.T) {
	const tok = "1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901"
	const other = "9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0"
	tests := []struct {
		name, in string
		secrets  []string
		want     string
	}{
		{"the token anywhere", "invalid token " + tok + ".", []string{tok}, "invalid token 1b2c…."},
		{"the token form-encoded", "token=a%2Bb%2Fcdefgh", []string{"a+b/cdefgh"}, "token=a+…"},
		{"the token in upper case", "invalid token " + strings.ToUpper(tok) + ".", []string{tok}, "invalid token 1B2C…."},
		{"the token in mixed case", "t=1B2c3D4e-5f60-7182-93A4-b5c6d7e8f901", []string{tok}, "t=1B2c…"},
		{"form-encoded with lower-case escapes", "token=a%2bb%2fcdefgh", []string{"a+b/cdefgh"}, "token=a+…"},
		{"non-ASCII before the token", "İİ " + strings.ToUpper(tok) + " ß", []string{tok}, "İİ 1B2C… ß"},
		{"bearer with another token", "bad token Bearer " + other, nil, "bad token Bearer 9f8e…"},
		{"bearer in any case", "authorization: BEARER " + other, nil, "authorization: BEARER 9f8e…"},
		{"bearer URL-encoded", "Authorization=Bearer%20" + other, nil, "Authorization=Bearer%209f8e…"},
		{"bearer form-encoded", "h=Bearer+" + other, nil, "h=Bearer+9f8e…"},
		{"access_token parameter", "?access_token=" + other + "&x=1", nil, "?access_token=9f8e…&x=1"},
		{"refresh_token JSON field", `{"refresh_token": "` + other + `"}`, nil, `{"refresh_token": "9f8e…"}`},
		{"base64 token with padding", "Bearer YWJjZGVmZ2hpams=", nil, "Bearer YWJj…"},
		{"masked already stays", "Bearer 1b2c…", nil, "Bearer 1b2c…"},
		{"words after bearer stay", "Bearer authentication failed", nil, "Bearer authentication failed"},
		{"the word alone", "a bearer bond of 12", nil, "a bearer bond of 12"},
		{"short secrets are ignored", "ab is ab", []string{"ab"}, "ab is ab"},
		{"nothing to mask", "ORCID record not found", []string{tok}, "ORCID record not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := String(tt.in, tt.secrets...)
			if got != tt.want {
				t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if String(got, tt.secrets...) != got {
				t.Errorf("masking %q again changes it", got)
			}
			if Contains(tt.in, tt.secrets...) != (got != tt.in) {
				t.Errorf("Contains(%q) disagrees with String", tt.in)
			}
		})
	}
	if strings.Contains(String("x "+tok+" Bearer "+tok, tok), tok[4:]) {
		t.Error("token left")
	}
}

func TestFragments(t *testing.T) {
	const tok = "1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901"
	tests := []struct{ in, want string }{
		{"x " + tok + " y", "x 1b2c… y"},
		{`"oops 1b2c3d4e-5\u001b[0mf60-7182-93a4-b5c6d7e8f901"`, `"oops …\u001b[0m…"`},
		{`1\u00622c3d4e-5f60-7182-93a4-b5c6d7e8f901`, `1\u0062…`},
		{"short 1b2c3d4 stays", "short 1b2c3d4 stays"},
		{`"OOPS 1B2C3D4E-5\u001b[0mF60-7182-93A4-B5C6D7E8F901"`, `"OOPS …\u001b[0m…"`},
		{"nothing", "nothing"},
	}
	for _, tt := range tests {
		if got := Fragments(tt.in, tok); got != tt.want {
			t.Errorf("Fragments(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
