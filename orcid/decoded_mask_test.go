package orcid_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/internal/redact"
)

// A server that echoes the bearer token in a value of a record decoded as
// it streams (a name the pane and the CLI show) gets it masked there too,
// not only in the raw body: whole, upper-cased, and split over two network
// writes.
func TestEchoedTokenMaskedInDecodedValues(t *testing.T) {
	for _, tc := range []struct {
		name  string
		echo  func(tok string) string
		split bool
	}{
		{"whole", func(tok string) string { return tok }, false},
		{"upper case", strings.ToUpper, false},
		{"split over writes", func(tok string) string { return tok }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
				echo := tc.echo(tok)
				b := `{"orcid-identifier":{"path":"0000-0002-1825-0097"},"person":{"name":{"given-names":{"value":"` +
					echo + `"},"family-name":{"value":"Carberry"}}},"path":"/0000-0002-1825-0097"}`
				w.Header().Set("Content-Type", "application/json;charset=UTF-8")
				if !tc.split {
					w.Write([]byte(b))
					return
				}
				at := strings.Index(b, echo) + len(echo)/2
				w.Write([]byte(b[:at]))
				w.(http.Flusher).Flush()
				w.Write([]byte(b[at:]))
			}))
			t.Cleanup(srv.Close)
			rec, err := echoClient(t, srv).Record(context.Background(), "0000-0002-1825-0097")
			if err != nil {
				t.Fatal(err)
			}
			given := rec.Person.Name.GivenNames.String()
			if redact.Contains(given, echoToken) || given != redact.Mask(tc.echo(echoToken)) {
				t.Errorf("given names %q, want %q", given, redact.Mask(tc.echo(echoToken)))
			}
			if got := rec.Person.Name.FamilyName.String(); got != "Carberry" {
				t.Errorf("family name %q: masking changed what is not a token", got)
			}
		})
	}
}
