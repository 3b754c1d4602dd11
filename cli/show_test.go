package cli

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

func TestShow(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    []string
		notWant []string
	}{
		{
			name: "record summary",
			args: []string{"--demo", "show", orcidtest.CarberryID},
			want: []string{
				// The credit name first, as the TUI shows it (orcid.DisplayName).
				"Josiah S. Carberry\ngiven and family names: Josiah Carberry\n",
				"/0000-0002-1825-0097\n",
				"Josiah Carberry is a fictitious person.",
				"keywords: psychoceramics; cracked pots; ceramic cognition; metaphysics\n",
				"email: josiah.carberry@example.edu\n",
				"countries: US\n",
				"website: Wikipedia: https://en.wikipedia.org/wiki/Josiah_S._Carberry\n",
				"identifier: Scopus Author ID 7004588880\n",
				"Works 13 · Fundings 3 · Peer reviews 2 · Research resources 1\n",
				"Employments 2 · Educations 2 · Qualifications 1 · Invited positions 1 · Distinctions 1 · Memberships 2 · Services 1\n",
				"Brown University (Providence, US) — Professor of Psychoceramics, Psychoceramics — 1989-09-01 to present\n",
				"Works (13)\n",
				"2008  journal-article     Toward a Unified Theory of High-Energy Metaphysics: Silly String Theory  doi:10.5555/12345678\n",
				"Fundings (3)\n",
				"Peer reviews (3 in 2 groups)\n",
				"Research resources (1)\n",
			},
		},
		{
			name: "iD pasted as a URI",
			args: []string{"--demo", "show", "https://orcid.org/" + orcidtest.CarberryID},
			want: []string{"Josiah Carberry\n"},
		},
		{
			name:    "person section",
			args:    []string{"--demo", "show", "--section", "person", orcidtest.CarberryID},
			want:    []string{"Josiah Carberry\n", "also known as: J. S. Carberry", "email: josiah.carberry@example.edu\n"},
			notWant: []string{"Works ("},
		},
		{
			name:    "works section",
			args:    []string{"--demo", "show", "--section", "works", orcidtest.CarberryID},
			want:    []string{"Works (13)\n", "doi:10.5555/12345678"},
			notWant: []string{"Employments"},
		},
		{
			name: "employments section",
			args: []string{"--demo", "show", "--section", "employments", orcidtest.CarberryID},
			want: []string{"Employments (2)\n", "Wesleyan University (Middletown, US) — Assistant Professor, Ceramics and Anxiety Studies — 1980-09 to 1989-06\n"},
		},
		{
			name: "non-ASCII record",
			args: []string{"--demo", "show", orcidtest.AngstromID},
			want: []string{"Zoë Ångström-Łukasiewicz\n"},
		},
		{
			name: "empty record",
			args: []string{"--demo", "show", orcidtest.EmptyID},
			want: []string{"(name not public)\n", "Works 0 · Fundings 0"},
		},
		{
			name: "full works",
			args: []string{"--demo", "show", "--section", "works", "--full-works", orcidtest.CarberryID},
			want: []string{
				"Full works (13, loaded in 1 request)\n",
				"journal: Revista Argentina de Cerámica Cognitiva\n",
				"DOI: 10.5555/racc.2022.118\n",
				"contributors: José María Núñez (0000-0003-2841-5964, first, author); Josiah Carberry (0000-0002-1825-0097, additional, author)\n",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			if r.code != exitOK {
				t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("stdout does not contain %q:\n%s", w, r.stdout)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(r.stdout, w) {
					t.Errorf("stdout contains %q", w)
				}
			}
		})
	}
}

func TestShowRaw(t *testing.T) {
	t.Run("json", func(t *testing.T) {
		r := runCLI(t, nil, "", "--demo", "show", "--raw", orcidtest.CarberryID)
		if r.code != exitOK {
			t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
		}
		var doc map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		if doc["path"] != "/0000-0002-1825-0097" || doc["person"] == nil || doc["activities-summary"] == nil {
			t.Errorf("not the record document: keys %v", keys(doc))
		}
	})
	t.Run("xml works", func(t *testing.T) {
		r := runCLI(t, nil, "", "--demo", "show", "--raw", "--format", "xml", "--section", "works", orcidtest.CarberryID)
		if r.code != exitOK {
			t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
		}
		if !strings.HasPrefix(r.stdout, "<?xml") || !strings.Contains(r.stdout, "<activities:works") {
			t.Errorf("not ORCID's works XML:\n%.300s", r.stdout)
		}
		if err := xml.Unmarshal([]byte(r.stdout), new(struct{})); err != nil {
			t.Errorf("not well-formed XML: %v", err)
		}
	})
	t.Run("pretty json", func(t *testing.T) {
		r := runCLI(t, nil, "", "--demo", "show", "--raw", "--pretty", "--section", "person", orcidtest.CarberryID)
		if r.code != exitOK {
			t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
		}
		if !strings.Contains(r.stdout, "\n  \"") || !json.Valid([]byte(r.stdout)) {
			t.Errorf("not indented JSON:\n%.300s", r.stdout)
		}
	})
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestShowErrors(t *testing.T) {
	// Exit 2 for a value typed that can never work (the iD), 1 for the rest.
	tests := []struct {
		name string
		args []string
		want string
		code int
	}{
		{"bad check digit", []string{"--demo", "show", "0000-0002-1825-0098"},
			`invalid ORCID iD "0000-0002-1825-0098": bad check digit: expected 7, got 8 — an ORCID iD looks like 0000-0002-1825-0097`, exitUsage},
		{"too short", []string{"--demo", "show", "0000-0002-1825-009"}, "invalid ORCID iD", exitUsage},
		{"merged", []string{"--demo", "show", orcidtest.MergedID},
			orcidtest.MergedID + " was merged into " + orcidtest.PrimaryID + " — run: orcid-tui show " + orcidtest.PrimaryID, exitError},
		{"not found", []string{"--demo", "show", orcidtest.UnknownID}, "ORCID record 0000-0001-5109-3700 was not found", exitError},
		{"locked", []string{"--demo", "show", orcidtest.LockedID}, "is locked", exitError},
		{"deactivated", []string{"--demo", "show", orcidtest.DeactivatedID}, "is deactivated", exitError},
		{"section of unknown record", []string{"--demo", "show", "--section", "fundings", orcidtest.UnknownID}, "0000-0001-5109-3700/fundings", exitError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, tt.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr %q does not contain %q", r.stderr, tt.want)
			}
			if n := strings.Count(r.stderr, "\n"); n != 1 {
				t.Errorf("stderr has %d lines, want one:\n%s", n, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout not empty: %q", r.stdout)
			}
		})
	}
}

// TestShowFullWorksReportsFailures: put-codes the bulk endpoint answers with
// an error element are reported on stderr (exit 1); the others are printed.
func TestShowFullWorksReportsFailures(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	failed := int64(0)
	srv.Inject(func(w http.ResponseWriter, r *http.Request) bool {
		if r.Header.Get("X-Test-Inner") != "" || !strings.Contains(r.URL.Path, "/works/") {
			return false
		}
		inner := r.Clone(r.Context())
		inner.Header.Set("X-Test-Inner", "1")
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, inner)
		var doc struct {
			Bulk []map[string]json.RawMessage `json:"bulk"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || len(doc.Bulk) < 3 {
			t.Errorf("bulk answer not as expected: %v", err)
			return false
		}
		var work struct {
			PutCode int64 `json:"put-code"`
		}
		json.Unmarshal(doc.Bulk[2]["work"], &work)
		failed = work.PutCode
		doc.Bulk[2] = map[string]json.RawMessage{"error": json.RawMessage(`{"response-code":500,"developer-message":"boom","user-message":"Something went wrong in ORCID.","error-code":9008,"more-info":""}`)}
		w.Header().Set("Content-Type", "application/vnd.orcid+json; charset=UTF-8")
		json.NewEncoder(w).Encode(doc)
		return true
	})
	r := runCLI(t, urlsOf(srv), "", "show", "--section", "works", "--full-works", orcidtest.CarberryID)
	if r.code != exitError {
		t.Fatalf("exit %d, want 1; stderr %q", r.code, r.stderr)
	}
	want := fmt.Sprintf("orcid-tui: 1 of 13 full works could not be loaded (put-codes %d); ORCID said: Something went wrong in ORCID. — the works above are the ones that loaded\n", failed)
	if r.stderr != want {
		t.Errorf("stderr\n%q\nwant\n%q", r.stderr, want)
	}
	if got := len(regexp.MustCompile(`(?m)^  \d{4}  `).FindAllString(r.stdout, -1)); got != 12 {
		t.Errorf("%d works printed, want 12:\n%s", got, r.stdout)
	}
}

func TestShowServerTrouble(t *testing.T) {
	tests := []struct {
		name   string
		status int
		ctype  string
		body   string
		want   string
	}{
		{"daily quota", http.StatusTooManyRequests, "", "", "ORCID's daily request quota is used up"},
		{"html instead of json", http.StatusOK, "text/html", "<html><body>\x1b[31mcaptive portal</body></html>", `answered HTML instead of JSON (200): "captive portal"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := orcidtest.NewServer()
			defer srv.Close()
			if tt.ctype == "" {
				srv.FailNext(1, tt.status)
			} else {
				srv.FailNextWith(1, tt.status, tt.ctype, tt.body)
			}
			r := runCLI(t, urlsOf(srv), "", "show", orcidtest.CarberryID)
			if r.code != exitError || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d; stderr %q does not contain %q", r.code, r.stderr, tt.want)
			}
			if strings.Count(r.stderr, "\n") != 1 || strings.Contains(r.stderr, "\x1b") {
				t.Errorf("not one clean line: %q", r.stderr)
			}
		})
	}
}
