package main

import (
	"encoding/json"
	"encoding/xml"
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
				"Josiah Carberry\n",
				"/0000-0002-1825-0097\n",
				"Josiah Carberry is a fictitious person.",
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
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"bad check digit", []string{"--demo", "show", "0000-0002-1825-0098"},
			`invalid ORCID iD "0000-0002-1825-0098": bad check digit: expected 7, got 8 — an ORCID iD looks like 0000-0002-1825-0097`},
		{"too short", []string{"--demo", "show", "0000-0002-1825-009"}, "invalid ORCID iD"},
		{"merged", []string{"--demo", "show", orcidtest.MergedID},
			orcidtest.MergedID + " was merged into " + orcidtest.PrimaryID + "; run: orcid-tui show " + orcidtest.PrimaryID},
		{"not found", []string{"--demo", "show", orcidtest.UnknownID}, "ORCID record 0000-0001-5109-3700 was not found"},
		{"locked", []string{"--demo", "show", orcidtest.LockedID}, "is locked"},
		{"deactivated", []string{"--demo", "show", orcidtest.DeactivatedID}, "is deactivated"},
		{"section of unknown record", []string{"--demo", "show", "--section", "fundings", orcidtest.UnknownID}, "0000-0001-5109-3700/fundings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			if r.code != exitError {
				t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, exitError, r.stderr)
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
