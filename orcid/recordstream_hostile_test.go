package orcid_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// TestDecodeErrorIsSafeText: where a streamed record does not decode, the
// *DecodeError names the field by the document's own keys and may quote a
// value; neither brings the server's escape sequences into its message.
func TestDecodeErrorIsSafeText(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"string for works", `{"activities-summary": {"works": "\u001b[2Jpwned"}}`, `expected an object, found "\x1b[2Jpwned"`},
		{"string for groups", `{"activities-summary": {"works": {"group": "\u001b]52;c;eA==\u0007"}}}`, `expected an array, found "\x1b]52;c;eA==\a"`},
		{"hostile key", `{"x\u001b[2Jy": [1,`, "at xy: unexpected EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, tt.body)
			}))
			defer srv.Close()
			c := orcid.New(orcid.Environment{PublicAPIURL: srv.URL}, orcid.WithMaxRetries(0))
			_, _, err := c.RecordWithFullWorks(context.Background(), "0000-0002-1825-0097", nil)
			var de *orcid.DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("err = %v, want a DecodeError", err)
			}
			msg := de.Error()
			if strings.ContainsAny(msg, "\x1b\x07") || !strings.Contains(msg, tt.want) {
				t.Errorf("DecodeError = %q, want it to contain %q and no escape", msg, tt.want)
			}
		})
	}
}
