package orcid

import (
	"regexp"
	"strings"
	"testing"
)

func TestParseID(t *testing.T) {
	tests := []struct {
		in      string
		want    ID
		wantErr string // substring of IDError.Reason
	}{
		{in: "0000-0002-1825-0097", want: "0000-0002-1825-0097"},
		{in: "0000000218250097", want: "0000-0002-1825-0097"},
		{in: "0000 0002 1825 0097", want: "0000-0002-1825-0097"},
		{in: "  0000-0002-1825-0097\n", want: "0000-0002-1825-0097"},
		{in: "https://orcid.org/0000-0002-1825-0097", want: "0000-0002-1825-0097"},
		{in: "HTTPS://ORCID.ORG/0000-0002-1825-0097/", want: "0000-0002-1825-0097"},
		{in: "http://sandbox.orcid.org/0000-0002-1825-0097", want: "0000-0002-1825-0097"},
		{in: "https://orcid.org/0000-0002-1825-0097?lang=en", want: "0000-0002-1825-0097"},
		{in: "orcid.org/0000-0002-1825-0097", want: "0000-0002-1825-0097"},
		{in: "0000-0002-1694-233x", want: "0000-0002-1694-233X"},
		{in: "0000-0002-1694-233X", want: "0000-0002-1694-233X"},
		{in: "0009-0003-7578-3214", want: "0009-0003-7578-3214"},
		{in: "0000-0001-5109-3700", want: "0000-0001-5109-3700"},
		{in: "0009-0000-0000-0009", want: "0009-0000-0000-0009"},
		{in: "", wantErr: "empty"},
		{in: "   ", wantErr: "empty"},
		{in: "https://orcid.org/", wantErr: "no iD"},
		{in: "0000-0002-1825-009", wantErr: "wrong length: 15 digits, want 16"},
		{in: "0000-0002-1825-00971", wantErr: "wrong length: 17 digits, want 16"},
		{in: "0000-0002-1825-0098", wantErr: "bad check digit: expected 7, got 8"},
		{in: "0000-0002-1694-2330", wantErr: "bad check digit: expected X, got 0"},
		{in: "0000-0002-1825-009a", wantErr: "bad character 'a' at position 19"},
		{in: "https://orcid.org/0000-0002-1825-009a", wantErr: "bad character 'a' at position 37"},
		{in: "000X-0002-1825-0097", wantErr: "bad character 'X' at position 4"},
		{in: "00-00000218250097", wantErr: "misplaced '-' at position 3"},
		{in: "0000-0002-1825-0097-", wantErr: "unexpected separator at position 20"},
		{in: "0000\x1b0002", wantErr: "bad character U+001B at position 5"},
		{in: "Josiah Carberry", wantErr: "bad character 'J' at position 1"},
	}
	for _, tt := range tests {
		got, err := ParseID(tt.in)
		if tt.wantErr != "" {
			ie, ok := err.(*IDError)
			if !ok {
				t.Errorf("ParseID(%q) = %q, %v; want *IDError %q", tt.in, got, err, tt.wantErr)
				continue
			}
			if !strings.Contains(ie.Reason, tt.wantErr) {
				t.Errorf("ParseID(%q) reason = %q; want it to contain %q", tt.in, ie.Reason, tt.wantErr)
			}
			if ie.Input != tt.in {
				t.Errorf("IDError.Input = %q, want %q", ie.Input, tt.in)
			}
			if strings.ContainsAny(err.Error(), "\x1b\x00") {
				t.Errorf("Error() leaks control characters: %q", err.Error())
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseID(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
		if !IsValidID(tt.in) || got.String() != string(tt.want) {
			t.Errorf("IsValidID/String disagree for %q", tt.in)
		}
	}
}

var clCanonicalID = regexp.MustCompile(`^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$`)

func FuzzParseID(f *testing.F) {
	for _, s := range []string{
		"0000-0002-1825-0097", "0000000218250097", "https://orcid.org/0000-0002-1694-233x",
		"orcid.org/0009-0003-7578-3214", "0000 0001 5109 3700", "http://sandbox.orcid.org/0000-0002-1825-0097/",
		"", "x", "0000-0002-1825-0098", "//", "https://", "0000-0002-1825-0097-",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseID(s)
		if err != nil {
			if _, ok := err.(*IDError); !ok {
				t.Fatalf("error is %T, want *IDError", err)
			}
			if id != "" {
				t.Fatalf("got %q with an error", id)
			}
			return
		}
		if !clCanonicalID.MatchString(string(id)) {
			t.Fatalf("ParseID(%q) = %q: not canonical", s, id)
		}
		again, err := ParseID(string(id))
		if err != nil || again != id {
			t.Fatalf("re-parse of %q = %q, %v", id, again, err)
		}
		digits := []byte(strings.ReplaceAll(string(id), "-", ""))
		if CheckDigit(digits[:15]) != digits[15] {
			t.Fatalf("%q has a bad check digit", id)
		}
	})
}
