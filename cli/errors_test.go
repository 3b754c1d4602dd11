package cli

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/internal/explain"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// TestEveryRemedyWorded: each remedy explain can give has CLI words.
func TestEveryRemedyWorded(t *testing.T) {
	for _, r := range explain.AllRemedies() {
		if cliRemedy(explain.Explanation{Remedy: r}) == "" {
			t.Errorf("remedy %d has no words", r)
		}
	}
}

// TestDescribeErrorAdvice: the CLI's words for a few errors — what failed
// comes from package explain (its table tests every kind); the advice here
// names flags and commands, after one dash.
func TestDescribeErrorAdvice(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&orcid.MergedError{Deprecated: "0009-0002-3310-7747", Primary: "0000-0001-6683-273X"},
			"record 0009-0002-3310-7747 was merged into 0000-0001-6683-273X — run: orcid-tui show 0000-0001-6683-273X"},
		{&orcid.RateLimitError{StatusCode: 503, Attempts: 3}, "ORCID is rate limiting (503) — retried 2 times; wait a little and try again"},
		{&orcid.OAuthError{StatusCode: 401, Code: "invalid_client"}, "(invalid_client) — check --client-id and --client-secret"},
		{&orcid.BadResponseError{StatusCode: 200, URL: "https://api.example.org/v3.0/x", ContentType: "text/plain", Snippet: "hi"},
			"https://api.example.org answered something that is not an ORCID document (200, text/plain): hi — is this an ORCID API? check --pub-url / --api-url"},
		{userErrorf("already a line"), "already a line"},
	}
	for _, tt := range tests {
		got := describeError(context.Background(), tt.err)
		if !strings.Contains(got, tt.want) {
			t.Errorf("got %q, want it to contain %q", got, tt.want)
		}
		if strings.Count(got, " — ") > 1 {
			t.Errorf("more than one dash: %q", got)
		}
	}
}

func TestSignInError(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&auth.AuthorizationError{Code: "access_denied"}, "sign-in failed: access was denied in the browser — run orcid-tui login again and press Authorize"},
		{auth.ErrTimeout, "the sign-in timed out waiting for the browser — run orcid-tui login again (or use --timeout)"},
		{&auth.IDTokenError{Err: errors.New("failed to verify signature")}, "sign-in failed: the id_token is not signed with a key the registry publishes"},
	}
	for _, tt := range tests {
		got := describeError(context.Background(), signInError(tt.err))
		if !strings.HasPrefix(got, tt.want) && !strings.Contains(got, tt.want) {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}
