package common

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/internal/explain"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// TestDescribe: the TUI's words for a few errors — what failed comes from
// package explain (its table tests every kind); the advice here names keys
// and panes.
func TestDescribe(t *testing.T) {
	refused := &url.Error{Op: "Get", URL: "http://127.0.0.1:8080/v3.0/search", Err: &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"not found", &orcid.APIError{StatusCode: 404, ErrorDocument: orcid.ErrorDocument{ErrorCode: 9016}}, "record not found"},
		{"merged", &orcid.MergedError{Deprecated: "0009-0002-3310-7747", Primary: "0000-0001-6683-273X"}, "merged into 0000-0001-6683-273X"},
		{"503 retried", &orcid.RateLimitError{StatusCode: 503, Attempts: 5}, "ORCID is rate limiting (503) — retried 4 times; wait a little and press R"},
		{"429", &orcid.RateLimitError{StatusCode: 429, Message: "quota\x1b[31m exceeded"}, "try again tomorrow, or get a client token (c)"},
		{"refused local", refused, "cannot reach http://127.0.0.1:8080: connection refused; is the local ORCID instance running?"},
		{"invalid token", &orcid.OAuthError{StatusCode: 401, Code: "invalid_token"}, "access token is no longer valid (invalid_token: revoked or expired); get a new one in the environment pane (c)"},
		{"html 500", &orcid.BadResponseError{StatusCode: 500, ContentType: "text/html", Snippet: "<!doctype html>"}, "answered HTML instead of JSON (500, a server error); try again later (R)"},
		{"timeout", fmt.Errorf("ORCID (127.0.0.1:1) did not answer within 30s; try again later: %w", context.DeadlineExceeded), "did not answer within 30s; press R to try again"},
		{"id_token expired", fmt.Errorf("sign-in: %w", &auth.IDTokenError{Err: &oidc.TokenExpiredError{}}), "check this computer's clock, then press l to sign in again"},
		{"no credentials", auth.ErrNoCredentials, "no client id or secret: ORCID needs both; press e in the environment pane"},
		{"bad id", &orcid.IDError{Input: "x", Reason: "bad check digit: expected 7, got 9"}, `invalid ORCID iD "x": bad check digit: expected 7, got 9; an ORCID iD looks like 0000-0002-1825-0097`},
		{"other", errors.New("something\nelse"), "something"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			short, detail := Describe(tt.err)
			if !strings.Contains(short, tt.want) {
				t.Errorf("short %q, want it to contain %q", short, tt.want)
			}
			if strings.Contains(short, "\n") {
				t.Errorf("short is not one line: %q", short)
			}
			if strings.Contains(short, "\x1b") || strings.Contains(detail, "\x1b") {
				t.Errorf("escape kept: %q / %q", short, detail)
			}
		})
	}
	if s, d := Describe(nil); s != "" || d != "" {
		t.Errorf("nil: %q %q", s, d)
	}
}

// TestEveryRemedyWorded: each remedy explain can give has TUI words (the
// merged record's is in the record pane: "enter opens …").
func TestEveryRemedyWorded(t *testing.T) {
	for _, r := range explain.AllRemedies() {
		if r == explain.OpenPrimary {
			continue
		}
		if remedy(explain.Explanation{Remedy: r}) == "" {
			t.Errorf("remedy %d has no words", r)
		}
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestNextRequestIDIncreases(t *testing.T) {
	a, b := NextRequestID(), NextRequestID()
	if b <= a {
		t.Fatalf("%d then %d", a, b)
	}
}

func TestStylesWithoutColourKeepSelectionVisible(t *testing.T) {
	s := NewStyles(true, true)
	if !s.Selected.GetReverse() || s.Marker == "" {
		t.Fatal("selection invisible without colour")
	}
	box := s.Box("Title", "3 found", "a\nb", 20, 5, true)
	lines := strings.Split(box, "\n")
	if len(lines) != 5 {
		t.Fatalf("%d lines", len(lines))
	}
}
