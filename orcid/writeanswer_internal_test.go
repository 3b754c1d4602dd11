package orcid

import "testing"

// TestIsPage: pages for people are told from the documents a call reads
// (masked as data, not as a quoted error) by their type, or by their first
// bytes when the type is missing.
func TestIsPage(t *testing.T) {
	tests := []struct {
		ctype, data string
		want        bool
	}{
		{"text/html;charset=UTF-8", "<html></html>", true},
		{"text/plain", "Service is being updated", true},
		{"", "<!DOCTYPE html><html>", true},
		{"text/csv;charset=UTF-8", "orcid,given-names\n0000-0002-1825-0097,Bearer 12345678\n", false},
		{"text/turtle", "<https://orcid.org/0000-0002-1825-0097> a <x> .", false},
		{"application/vnd.orcid+json", `{"put-code":1}`, false},
		{"application/vnd.orcid+xml", `<work:work/>`, false},
		{"", `{"put-code":1}`, false},
	}
	for _, tt := range tests {
		if got := isPage(&Body{ContentType: tt.ctype, Data: []byte(tt.data)}); got != tt.want {
			t.Errorf("isPage(%q, %q) = %v, want %v", tt.ctype, tt.data, got, tt.want)
		}
	}
}
