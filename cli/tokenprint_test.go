package cli

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// token --print with several signed-in iDs refuses to guess (a script
// would get another person's token); --orcid picks one.
func TestTokenPrintSeveralIDs(t *testing.T) {
	reg := newRegistry(t)
	if r := reg.login(t, "authorize"); r.code != exitOK {
		t.Fatalf("login: %d\n%s", r.code, r.stderr)
	}
	keys, _ := reg.store.List()
	first, _ := reg.store.Get(keys[0])
	second := *first
	second.ORCID = "0000-0001-5109-3700"
	second.AccessToken = "second-access-token-0123456789"
	second.Obtained = time.Now().Add(time.Minute) // the newest
	if second.ORCID == first.ORCID {
		t.Fatal("the test needs two iDs")
	}
	if err := reg.store.Put(&second); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string // on stdout (exit 0) or stderr
	}{
		{"ambiguous", []string{"token", "--print"}, exitUsage, "several iDs are signed in ("},
		{"first", []string{"token", "--print", "--orcid", string(first.ORCID)}, exitOK, first.AccessToken + "\n"},
		{"second", []string{"token", "--print", "--orcid", "https://orcid.org/" + string(second.ORCID)}, exitOK, second.AccessToken + "\n"},
		{"not signed in", []string{"token", "--print", "--orcid", "0000-0003-1419-2405"}, exitError, "0000-0003-1419-2405 is not signed in"},
		{"bad iD", []string{"token", "--print", "--orcid", "0000-0001"}, exitUsage, "--orcid"},
		{"summary of one", []string{"token", "--orcid", string(second.ORCID)}, exitOK, "ORCID iD       " + string(second.ORCID)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := reg.run(t, append([]string{"--demo"}, tt.args...)...)
			got := r.stderr
			if tt.code == exitOK {
				got = r.stdout
			}
			if r.code != tt.code || !strings.Contains(got, tt.want) {
				t.Errorf("exit %d (want %d); want %q in:\nstdout %q\nstderr %q", r.code, tt.code, tt.want, r.stdout, r.stderr)
			}
		})
	}
	r := reg.run(t, "--demo", "token", "--print")
	for _, id := range []orcid.ID{first.ORCID, second.ORCID} {
		if !strings.Contains(r.stderr, string(id)) {
			t.Errorf("the refusal does not list %s: %q", id, r.stderr)
		}
	}
	if r.stdout != "" {
		t.Errorf("a token was printed: %q", r.stdout)
	}
	if r := reg.run(t, "--demo", "token", "--orcid", string(second.ORCID)); strings.Contains(r.stdout, "ORCID iD       "+string(first.ORCID)) {
		t.Errorf("--orcid still listed the other sign-in:\n%s", r.stdout)
	}
}

// token --print >/dev/null is not "stdout is a terminal".
func TestTokenPrintToDevNull(t *testing.T) {
	reg := newRegistry(t)
	if r := reg.login(t, "authorize"); r.code != exitOK {
		t.Fatalf("login: %d\n%s", r.code, r.stderr)
	}
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer null.Close()
	var errOut syncBuffer
	c := reg.cli(t, strings.NewReader(""), null, &errOut)
	if code := c.run(context.Background(), []string{"--demo", "token", "--print"}); code != exitOK {
		t.Errorf("exit %d: %s", code, errOut.String())
	}
}
