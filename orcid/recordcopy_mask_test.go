package orcid_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/orcid-tui/orcid-tui/internal/redact"
)

// TestRecordCopyMasksEchoedToken: a server that echoes the bearer token in
// a 200 record gets it masked in RecordCopy's copy — which the TUI shows
// as the raw view — as Get masks it in a body: whole, split over two
// network writes, upper-cased, and in a read retried after a cut (the
// retry's fresh writer gets the masked second answer). The record still
// decodes.
func TestRecordCopyMasksEchoedToken(t *testing.T) {
	doc := func(tok string) string {
		return `{"orcid-identifier":{"path":"0000-0002-1825-0097"},"echo":"` + tok + `",` +
			`"person":{"name":{"family-name":{"value":"Carberry"}}},"path":"/0000-0002-1825-0097"}`
	}
	masked := func(tok string) string { return doc(redact.Mask(tok)) }
	tests := []struct {
		name  string
		body  func(tok string) string
		split bool // the body in two writes, cut inside the token, flushed between
		cut   bool // the first answer closes short of its Content-Length
		want  func(tok string) string
	}{
		{"the token whole", doc, false, false, masked},
		{"the token split over two writes", doc, true, false, masked},
		{"the token upper-cased", func(tok string) string { return doc(strings.ToUpper(tok)) }, true, false,
			func(tok string) string { return doc(redact.Mask(strings.ToUpper(tok))) }},
		{"a retried read", doc, true, true, masked},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			requests := 0
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
				if tok == "" {
					http.Error(w, "no token", http.StatusTeapot)
					return
				}
				mu.Lock()
				requests++
				first := requests == 1
				mu.Unlock()
				b := tt.body(tok)
				w.Header().Set("Content-Type", "application/json;charset=UTF-8")
				w.Header().Set("Content-Length", strconv.Itoa(len(b)))
				at := strings.Index(b, `"echo":"`) + len(`"echo":"`) + len(tok)/2
				if tt.cut && first {
					w.Write([]byte(b[:at])) // the connection closes inside the token
					return
				}
				if tt.split {
					w.Write([]byte(b[:at]))
					w.(http.Flusher).Flush()
					w.Write([]byte(b[at:]))
					return
				}
				w.Write([]byte(b))
			}))
			t.Cleanup(srv.Close)
			c := echoClient(t, srv)
			var sinks []*bytes.Buffer
			rec, body, err := c.RecordCopy(context.Background(), "0000-0002-1825-0097", func() io.Writer {
				b := new(bytes.Buffer)
				sinks = append(sinks, b)
				return b
			})
			if err != nil {
				t.Fatal(err)
			}
			if want := map[bool]int{false: 1, true: 2}[tt.cut]; len(sinks) != want {
				t.Fatalf("%d writers, want %d", len(sinks), want)
			}
			got := sinks[len(sinks)-1].String()
			if got != tt.want(echoToken) {
				t.Errorf("copy\n%s\nwant\n%s", got, tt.want(echoToken))
			}
			for _, s := range sinks {
				if strings.Contains(strings.ToLower(s.String()), echoToken[8:]) {
					t.Errorf("a writer got the token: %q", s.String())
				}
			}
			if rec == nil || rec.Person == nil || rec.Person.Name == nil || body == nil || body.StatusCode != 200 {
				t.Errorf("record %+v, body %+v: want the decoded record and the answer's meta-data", rec, body)
			}
		})
	}
}
