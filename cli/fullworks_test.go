package cli

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// TestShowFullWorksKeepsWhatLoaded: one bulk read of the 2,500-work record
// keeps failing (a 500 page, every time it is sent). show --full-works
// prints every full work that did load, names exactly the put-codes that
// did not, and exits 1.
func TestShowFullWorksKeepsWhatLoaded(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	c := orcid.New(srv.Environment(), orcid.WithRateLimit(1e6, 1000))
	works, err := c.Works(context.Background(), orcidtest.BigRecordID)
	if err != nil {
		t.Fatal(err)
	}
	codes := works.PutCodes()
	bad := codes[100:200] // the second bulk read
	prefix := fmt.Sprintf("/pub/v3.0/%s/works/%d,", orcidtest.BigRecordID, bad[0])
	if err := srv.SetFault(orcidtest.Fault{Name: orcidtest.FaultHTML500, Paths: []string{prefix}}); err != nil {
		t.Fatal(err)
	}
	fast := []orcid.Option{orcid.WithBackoff(time.Millisecond, 2*time.Millisecond), orcid.WithMaxRetries(1)}
	for _, args := range [][]string{
		{"--demo", "show", "--full-works", orcidtest.BigRecordID},
		{"--demo", "show", "--section", "works", "--full-works", orcidtest.BigRecordID},
	} {
		r := runAgainst(t, srv, fast, args...)
		if r.code != exitError {
			t.Fatalf("%v: exit %d, want 1; stderr %q", args, r.code, r.stderr)
		}
		if n := strings.Count(r.stdout, "\n        journal: "); n != len(codes)-len(bad) {
			t.Errorf("%v: %d full works printed, want %d", args, n, len(codes)-len(bad))
		}
		want := fmt.Sprintf("orcid-tui: 100 of %d full works could not be loaded (put-codes %d, %d,", len(codes), bad[0], bad[1])
		if !strings.HasPrefix(r.stderr, want) || !strings.Contains(r.stderr, fmt.Sprintf(", %d):", bad[99])) ||
			!strings.Contains(r.stderr, "the works above are the ones that loaded") || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%v: stderr %q, want %q…", args, r.stderr, want)
		}
	}
}

// runStderr runs args against srv's registry with stderr taken for a
// terminal or not, and returns what went to stderr.
func runStderr(t *testing.T, srv *orcidtest.Server, terminal bool, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	c := newCLI(strings.NewReader(""), &out, &errOut, func(string) string { return "" })
	c.isTerminal = func() bool { return false }
	c.stderrTerminal = func() bool { return terminal }
	c.configDir = t.TempDir()
	c.startDemo = func(context.Context) (*demo, error) {
		return &demo{env: srv.Environment(), close: func() {}, srv: srv}, nil
	}
	if code := c.run(context.Background(), args); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	return errOut.String()
}

// TestShowFullWorksProgress: on a terminal stderr shows how far the load
// has come (requests done of the total, rate, time left) on one line
// rewritten in place and cleared at the end; piped, nothing.
func TestShowFullWorksProgress(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	for _, terminal := range []bool{true, false} {
		got := runStderr(t, srv, terminal, "--demo", "show", "--full-works", orcidtest.BigRecordID)
		if !terminal {
			if got != "" {
				t.Errorf("piped: stderr %q, want nothing", got)
			}
			continue
		}
		for _, w := range []string{"\rfull works: ", " of 2 223 · ", "of 23 requests", "req/s", "\r\x1b[K"} {
			if !strings.Contains(got, w) {
				t.Errorf("terminal: stderr lacks %q: %q", w, got)
			}
		}
		if !strings.HasSuffix(got, "\r\x1b[K") {
			t.Errorf("the progress line is not cleared at the end: %q", got)
		}
	}
}
