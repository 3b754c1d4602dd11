package cli

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/config"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// runAgainst runs the program with --demo pointing at srv, with extra
// client options (short retry back-off).
func runAgainst(t *testing.T, srv *orcidtest.Server, opts []orcid.Option, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	c := newCLI(strings.NewReader(""), &out, &errOut, func(string) string { return "" })
	c.isTerminal = func() bool { return false }
	c.configDir = t.TempDir()
	c.openStore = func(*config.Config) (auth.Store, string, error) { return auth.NewMemoryStore(), "", nil }
	c.startDemo = func(context.Context) (*demo, error) {
		return &demo{env: srv.Environment(), clientID: orcidtest.DemoClientID,
			clientSecret: orcidtest.DemoClientSecret, close: func() {}, srv: srv}, nil
	}
	c.clientOptions = opts
	code := c.run(context.Background(), args)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// checkOneLine asserts the run failed with exit 1 and ONE plain line on
// stderr containing every want, and nothing on stdout.
func checkOneLine(t *testing.T, r result, want ...string) {
	t.Helper()
	if r.code != exitError {
		t.Fatalf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	if strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, "orcid-tui: ") {
		t.Fatalf("stderr is not one line:\n%s", r.stderr)
	}
	for _, w := range want {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr %q lacks %q", r.stderr, w)
		}
	}
	for _, bad := range []string{"goroutine", "panic", "\x1b", "%!", "&{", "<html", "<!DOCTYPE", "read tcp", "json: ", "unexpected end of JSON"} {
		if strings.Contains(r.stderr, bad) {
			t.Errorf("stderr has %q (a Go error dump or raw body):\n%s", bad, r.stderr)
		}
	}
	if r.stdout != "" {
		t.Errorf("stdout not empty:\n%s", r.stdout)
	}
	t.Log(strings.TrimSpace(r.stderr))
}

func TestFaultsCLI(t *testing.T) {
	// Reads are retried after a 503, a reset or a body cut short: quickly
	// here, so the faults (which last) are met three times in no time.
	fastRetry := []orcid.Option{orcid.WithBackoff(time.Millisecond, 2*time.Millisecond), orcid.WithMaxRetries(2)}
	show := []string{"--demo", "show", orcidtest.CarberryID}
	search := []string{"--demo", "search", "carberry"}
	tests := []struct {
		name  string
		fault orcidtest.Fault
		opts  []orcid.Option
		args  []string
		want  []string
	}{
		{"slow show", orcidtest.Fault{Name: orcidtest.FaultSlow, Delay: time.Minute},
			nil, append([]string{"--request-timeout", "150ms"}, show...), []string{"did not answer within 150ms", "try again"}},
		{"slow search", orcidtest.Fault{Name: orcidtest.FaultSlow, Delay: time.Minute},
			nil, append([]string{"--request-timeout", "150ms"}, search...), []string{"did not answer within 150ms"}},
		{"reset show", orcidtest.Fault{Name: orcidtest.FaultReset}, fastRetry, show, []string{"connection was reset", "try again"}},
		{"reset search", orcidtest.Fault{Name: orcidtest.FaultReset}, fastRetry, search, []string{"connection was reset"}},
		{"truncated show", orcidtest.Fault{Name: orcidtest.FaultTruncated}, fastRetry, show, []string{"truncated", "try again"}},
		{"truncated search", orcidtest.Fault{Name: orcidtest.FaultTruncated}, fastRetry, search, []string{"truncated"}},
		{"html200 show", orcidtest.Fault{Name: orcidtest.FaultHTML200}, nil, show, []string{"answered HTML instead of JSON (200)", "down for maintenance"}},
		{"html500 search", orcidtest.Fault{Name: orcidtest.FaultHTML500}, nil, search, []string{"answered HTML instead of JSON (500, a server error)", "try again later"}},
		{"storm show", orcidtest.Fault{Name: orcidtest.FaultStorm}, fastRetry, show, []string{"rate limiting (503) — retried 2 times", "wait a little"}},
		{"storm search", orcidtest.Fault{Name: orcidtest.FaultStorm}, fastRetry, search, []string{"rate limiting"}},
		{"quota show", orcidtest.Fault{Name: orcidtest.FaultQuota}, nil, show, []string{"daily request quota is used up", "try again tomorrow"}},
		{"quota search", orcidtest.Fault{Name: orcidtest.FaultQuota}, nil, search, []string{"daily request quota"}},
		{"revoke show", orcidtest.Fault{Name: orcidtest.FaultRevoke}, nil, show, []string{"invalid_token", "no longer valid"}},
		{"revoke search", orcidtest.Fault{Name: orcidtest.FaultRevoke}, nil, search, []string{"no longer valid"}},
		{"merged show", orcidtest.Fault{Name: orcidtest.FaultMerged, ID: orcidtest.CarberryID}, nil, show,
			[]string{orcidtest.CarberryID + " was merged into " + orcidtest.PrimaryID, "run: orcid-tui show " + orcidtest.PrimaryID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := orcidtest.NewServer()
			defer srv.Close()
			if err := srv.SetFault(tt.fault); err != nil {
				t.Fatal(err)
			}
			checkOneLine(t, runAgainst(t, srv, tt.opts, tt.args...), tt.want...)
			// The server recovers; so does the next run.
			srv.ClearFaults()
			// (without the short timeout: the first search builds the index)
			args := slices.DeleteFunc(slices.Clone(tt.args), func(a string) bool { return a == "--request-timeout" || a == "150ms" })
			if r := runAgainst(t, srv, tt.opts, args...); r.code != exitOK || r.stdout == "" {
				t.Fatalf("after ClearFaults: exit %d, stderr %s", r.code, r.stderr)
			}
		})
	}
}

// TestFaultBadKeyLogin: an id_token signed with a key the registry does not
// publish fails the sign-in at the id_token step, in one plain line.
func TestFaultBadKeyLogin(t *testing.T) {
	reg := newRegistry(t)
	if err := reg.srv.SetFault(orcidtest.Fault{Name: orcidtest.FaultBadKey}); err != nil {
		t.Fatal(err)
	}
	r := reg.login(t, "authorize", "--scopes", "openid /read-limited")
	if r.code != exitError {
		t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	last := lines[len(lines)-1]
	for _, w := range []string{"id_token", "sign", "login"} {
		if !strings.Contains(last, w) {
			t.Errorf("last line %q lacks %q", last, w)
		}
	}
	if strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, "panic") {
		t.Fatalf("Go dump:\n%s", r.stderr)
	}
	if tok, _ := reg.store.Get(auth.Key{Env: "demo", ClientID: orcidtest.DemoClientID, ORCID: orcidtest.CarberryID}); tok != nil {
		t.Error("a token from the failed sign-in was saved")
	}
}

// TestDemoFaultsFlag: --demo-faults reaches the real demo registry; unknown
// names are bad usage listing the known ones.
func TestDemoFaultsFlag(t *testing.T) {
	t.Run("html500 on", func(t *testing.T) {
		r := runCLI(t, nil, "", "--demo", "--demo-faults", "html500", "show", orcidtest.CarberryID)
		checkOneLine(t, r, "answered HTML instead of JSON (500, a server error)")
	})
	t.Run("variable", func(t *testing.T) {
		r := runCLI(t, map[string]string{envDemoFaults: "quota"}, "", "--demo", "search", "carberry")
		checkOneLine(t, r, "daily request quota")
	})
	t.Run("path filter spares the search", func(t *testing.T) {
		r := runCLI(t, nil, "", "--demo", "--demo-faults", "html500@/pub/v3.0/0", "search", "carberry")
		if r.code != exitOK || !strings.Contains(r.stdout, orcidtest.CarberryID) {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
	})
	usage := []struct {
		name string
		env  map[string]string
		args []string
		code int
		want []string
	}{
		{"unknown name", nil, []string{"--demo", "--demo-faults", "slow,frob", "search", "x"}, exitUsage,
			[]string{`unknown fault "frob"`, "slow, reset, truncated, html200, html500, storm, quota, revoke, merged, badkey"}},
		{"after the command", nil, []string{"--demo", "search", "--demo-faults", "frob", "x"}, exitUsage, []string{`unknown fault "frob"`}},
		{"without --demo", nil, []string{"--demo-faults", "slow", "search", "x"}, exitUsage, []string{"add --demo"}},
		{"bad variable", map[string]string{envDemoFaults: "frob"}, []string{"--demo", "search", "x"}, exitError, []string{"ORCID_DEMO_FAULTS", `unknown fault "frob"`}},
	}
	for _, tt := range usage {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, tt.env, "", tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, tt.code, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q lacks %q", r.stderr, w)
				}
			}
		})
	}
}
