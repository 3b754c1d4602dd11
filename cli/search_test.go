package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

func TestSearchText(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantLines  int    // lines on stdout (-1: don't check)
		wantFirst  string // first stdout line
		wantStderr []string
	}{
		{
			name:       "free text",
			args:       []string{"--demo", "search", "--rows", "5", "carberry"},
			wantLines:  5,
			wantFirst:  "0000-0002-1825-0097\tJosiah S. Carberry\tAmerican Psychoceramics Society; Brown University; International Society for Ceramic Cognition; Uppsala University; Wesleyan University",
			wantStderr: []string{"found, showing 1–5\n"},
		},
		{
			name:       "flags after the query and global flag after the command",
			args:       []string{"search", "carberry", "--rows", "2", "--start", "1", "--demo"},
			wantLines:  2,
			wantStderr: []string{"found, showing 2–3\n"},
		},
		{
			name:       "pasted iD prints that record's line",
			args:       []string{"--demo", "search", "https://orcid.org/" + orcidtest.CarberryID},
			wantLines:  1,
			wantFirst:  "0000-0002-1825-0097\tJosiah S. Carberry\tAmerican Psychoceramics Society; Brown University; International Society for Ceramic Cognition; Uppsala University; Wesleyan University",
			wantStderr: []string{"0000-0002-1825-0097 is an ORCID iD; for the whole record run: orcid-tui show 0000-0002-1825-0097", "1 found, showing 1–1"},
		},
		{
			name:       "DOI searches digital-object-ids",
			args:       []string{"--demo", "search", "https://doi.org/10.5555/12345678"},
			wantLines:  1,
			wantFirst:  "0000-0002-1825-0097\tJosiah S. Carberry\t",
			wantStderr: []string{"10.5555/12345678 is a DOI", "1 found, showing 1–1"},
		},
		{
			name:       "no hits",
			args:       []string{"--demo", "search", "family-name:zzzqqqxxx"},
			wantLines:  0,
			wantStderr: []string{"0 found\n"},
		},
		{
			name:       "non-ASCII names",
			args:       []string{"--demo", "search", "family-name:Ångström-Łukasiewicz"},
			wantLines:  -1,
			wantFirst:  "0009-0001-4527-8933\tZoë Ångström-Łukasiewicz\t",
			wantStderr: []string{"found, showing 1–"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			if r.code != exitOK {
				t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
			}
			lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
			if r.stdout == "" {
				lines = nil
			}
			if tt.wantLines >= 0 && len(lines) != tt.wantLines {
				t.Errorf("%d lines, want %d:\n%s", len(lines), tt.wantLines, r.stdout)
			}
			for _, l := range lines {
				if n := strings.Count(l, "\t"); n != 2 {
					t.Errorf("line %q has %d tabs, want 2", l, n)
				}
			}
			if tt.wantFirst != "" && (len(lines) == 0 || !strings.HasPrefix(lines[0], tt.wantFirst)) {
				t.Errorf("first line:\n%q\nwant prefix\n%q", first(lines), tt.wantFirst)
			}
			for _, w := range tt.wantStderr {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q does not contain %q", r.stderr, w)
				}
			}
		})
	}
}

func first(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return lines[0]
}

func TestSearchJSON(t *testing.T) {
	r := runCLI(t, nil, "", "--demo", "search", "--output", "json", "--rows", "3", "family-name:carberry")
	if r.code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
	}
	var got struct {
		Results []struct {
			ID          string   `json:"orcid-id"`
			Given       *string  `json:"given-names"`
			Family      *string  `json:"family-names"`
			Institution []string `json:"institution-name"`
		} `json:"expanded-result"`
		NumFound int64 `json:"num-found"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if len(got.Results) != 3 || got.NumFound < 3 {
		t.Fatalf("got %d results of %d, want 3 of at least 3", len(got.Results), got.NumFound)
	}
	if got.Results[0].ID != orcidtest.CarberryID || got.Results[0].Family == nil || *got.Results[0].Family != "Carberry" {
		t.Errorf("first result = %+v, want Josiah Carberry", got.Results[0])
	}
	if r.stderr != "" {
		t.Errorf("json output writes nothing on stderr (num-found is in the JSON); got %q", r.stderr)
	}
}

func TestSearchZeroHitsJSON(t *testing.T) {
	r := runCLI(t, nil, "", "--demo", "search", "--output", "json", "family-name:zzzqqqxxx")
	if r.code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, `"num-found": 0`) {
		t.Errorf("stdout = %s", r.stdout)
	}
}

// TestSearchAllFewestRequests: --all asks 1,000 hits a request, so the
// 10,000 synthetic people come in 10 requests (the first page tells the
// total), printed as they arrive; --output json is the same document as
// without --all.
func TestSearchAllFewestRequests(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	for _, output := range []string{"text", "json"} {
		srv.ResetRequests()
		r := runAgainst(t, srv, nil, "--demo", "search", "--all", "--output", output, "orcid:0009-0008-*")
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		var searches int
		for _, q := range srv.Requests() {
			if strings.HasSuffix(q.Path, "/expanded-search") {
				searches++
				if !strings.Contains(q.Query, "rows=1000") {
					t.Errorf("page asked with %s", q.Query)
				}
			}
		}
		hits := strings.Count(r.stdout, "\n")
		if output == "json" {
			var res orcid.ExpandedSearchResult
			if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
				t.Fatalf("json: %v", err)
			}
			hits = len(res.ExpandedResult)
		}
		if hits != orcidtest.SyntheticPeople || searches != orcidtest.SyntheticPeople/orcid.MaxRows {
			t.Errorf("%s: %d hits in %d requests, want %d in %d", output, hits, searches, orcidtest.SyntheticPeople, orcidtest.SyntheticPeople/orcid.MaxRows)
		}
	}
}

// TestSearchAllProgress: on a terminal, --all shows hits done of the total
// on stderr while it pages, then clears the line before the total.
func TestSearchAllProgress(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	got := runStderr(t, srv, true, "--demo", "search", "--all", "family-name:smith")
	if !strings.Contains(got, "\rhits: 1 000 of ") || !strings.Contains(got, "\rhits: 2 000 of ") || !strings.Contains(got, "\r\x1b[K") {
		t.Errorf("stderr %q", got)
	}
}
