package cli

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/internal/termcheck"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// The hostile record (orcidtest.HostileID) carries escape sequences, C1
// controls, bidi controls, zero-width characters, 10,000-character strings
// and bytes that are not UTF-8 in every field. Nothing of it may reach the
// terminal through show or search, yet the readable part must be printed.

// hostileVisible is text of the hostile record that must survive cleaning:
// the family name, wide CJK, a ZWJ emoji sequence, combining marks, flags.
var hostileVisible = []string{"Hostile", "研究", "👩\u200d👩\u200d👧\u200d👦", "e\u0301", "🇯🇵🇺🇦"}

func assertTerminalSafe(t *testing.T, what, out string) {
	t.Helper()
	if p := termcheck.Problem(out, false); p != "" {
		t.Errorf("%s: %s", what, p)
	}
}

func TestHostileShowAndSearch(t *testing.T) {
	id := orcidtest.HostileID
	tests := []struct {
		name string
		args []string
		want []string // visible text that must be there
	}{
		{"summary", []string{"--demo", "show", id}, append([]string{"Works 4 ·", "\ufffd"}, hostileVisible...)},
		{"full works", []string{"--demo", "show", "--full-works", id}, []string{"Full works (4,", "contributors: Eve Hostile", "journal: Journal of Escapes 逃避"}},
		{"works full works", []string{"--demo", "show", "--section", "works", "--full-works", id}, []string{"Full works (4,"}},
		{"search", []string{"--demo", "search", "family-name:hostile"}, []string{id + "\tE.click Hostile研究者 田中"}}, // the credit name, sanitised
		{"search by keyword", []string{"--demo", "search", "keyword:hostile-input"}, []string{id + "\t"}},
		{"search by pasted iD", []string{"--demo", "search", "https://orcid.org/" + id}, []string{id + "\t"}},
	}
	for _, s := range sections {
		tests = append(tests, struct {
			name string
			args []string
			want []string
		}{"section " + s, []string{"--demo", "show", "--section", s, id}, nil})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			if r.code != 0 {
				t.Fatalf("exit %d\nstderr: %q", r.code, r.stderr)
			}
			assertTerminalSafe(t, "stdout", r.stdout)
			assertTerminalSafe(t, "stderr", r.stderr)
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("stdout lacks %q:\n%.2000q", w, r.stdout)
				}
			}
			if strings.Contains(r.stdout, "pwned") || strings.Contains(r.stdout, "evil.example\\") {
				t.Errorf("the payload of an escape sequence was printed")
			}
		})
	}
}

// TestHostileSearchLineShape: one hit is one line of exactly three
// tab-separated fields, whatever the names hold.
func TestHostileSearchLineShape(t *testing.T) {
	r := runCLI(t, nil, "", "--demo", "search", "family-name:hostile")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d lines, want 1:\n%q", len(lines), r.stdout)
	}
	if f := strings.Split(lines[0], "\t"); len(f) != 3 || f[0] != orcidtest.HostileID {
		t.Fatalf("fields %q", f)
	}
}

// TestHostileRawNotTerminal: piped, --raw writes the body byte for byte as
// the server sent it (invalid UTF-8 and raw escapes included), as --help
// says, so scripts get exactly what ORCID answered.
func TestHostileRawNotTerminal(t *testing.T) {
	help := runCLI(t, nil, "", "show", "--help")
	if !strings.Contains(help.stdout+help.stderr, "byte for byte") || !strings.Contains(help.stdout+help.stderr, "on a terminal") {
		t.Errorf("show --help does not document what --raw does on and off a terminal:\n%s", help.stdout+help.stderr)
	}
	for _, format := range []string{"json", "xml"} {
		t.Run(format, func(t *testing.T) {
			r := runCLI(t, nil, "", "--demo", "show", "--raw", "--format", format, orcidtest.HostileID)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			want := serverBody(t, format)
			if hostPort.ReplaceAllString(r.stdout, "HOST") != string(want) {
				t.Errorf("raw output differs from the body sent (%d vs %d bytes)", len(r.stdout), len(want))
			}
			if utf8.ValidString(r.stdout) {
				t.Errorf("raw output is valid UTF-8: the hostile bytes were changed")
			}
		})
	}
}

// serverBody fetches the hostile record as the demo registry sends it.
func serverBody(t *testing.T, format string) []byte {
	t.Helper()
	srv := orcidtest.NewServer()
	defer srv.Close()
	c := orcid.New(srv.Environment(), orcid.WithHTTPClient(srv.HTTPClient()))
	f := orcid.JSON
	if format == "xml" {
		f = orcid.XML
	}
	b, err := c.Get(context.Background(), orcidtest.HostileID+"/record", f, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The demo registry has its own URL: compare with the hosts swapped out.
	return hostPort.ReplaceAll(b.Data, []byte("HOST"))
}

var hostPort = regexp.MustCompile(`127\.0\.0\.1:[0-9]+`)

// rawCleanOf is what the terminal must show for a raw body: the body with
// escapes and controls removed and nothing else changed.
func rawCleanOf(body []byte) string {
	s := sanitize.Text(string(body))
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return s
}

// TestHostileSearchJSON: --output json keeps every value exactly (a script
// decoding it sees what ORCID sent) yet prints nothing a terminal would obey.
func TestHostileSearchJSON(t *testing.T) {
	r := runCLI(t, nil, "", "--demo", "search", "--output", "json", "family-name:hostile")
	if r.code != 0 {
		t.Fatalf("exit %d\nstderr: %q", r.code, r.stderr)
	}
	assertTerminalSafe(t, "stdout", r.stdout)
	var res orcid.ExpandedSearchResult
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatalf("not JSON: %v\n%.500q", err, r.stdout)
	}
	if len(res.ExpandedResult) != 1 || res.ExpandedResult[0].ORCIDID != orcidtest.HostileID {
		t.Fatalf("results: %+v", res.ExpandedResult)
	}
	raw := strings.Join(append(res.ExpandedResult[0].OtherName, *res.ExpandedResult[0].GivenNames), " ")
	if !strings.ContainsAny(raw, "\u202e\u2067\u200b\u0085\u009b") {
		t.Errorf("decoded values lost the characters the server sent: %q", raw)
	}
}
