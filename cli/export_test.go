package cli

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

func TestShowExport(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		want       []string
		wantStderr []string
	}{
		{"bibtex", []string{"--demo", "show", "--section", "works", "--output", "bibtex", orcidtest.CarberryID},
			[]string{"@article{carberry2008toward,\n", "@misc{carberry2024keynote,\n", "title = {Pots & Kettles: <Re>evaluating", "@misc{carberry2024keynote,\n  author = {Carberry, Josiah S.},\n"}, nil},
		{"ris without a section", []string{"--demo", "show", "--output", "ris", orcidtest.TanakaID},
			[]string{"TY  - JOUR\r\nID  - anon2018cognitive\r\n", "TI  - 金継ぎの認知科学\r\n"}, nil},
		{"csl-json", []string{"--demo", "show", "--output", "csl-json", orcidtest.SokolovaID},
			[]string{`"id": "sokolova2024impossible"`, `"type": "report"`, `"literal": "Impossible Materials Consortium"`}, nil},
		{"csv, every version", []string{"--demo", "show", "--output", "csv", "--all-versions", orcidtest.CarberryID},
			[]string{"put-code,year,type,title,journal-title,doi,external-ids,url,contributors,source,visibility\r\n", ",Crossref,public\r\n"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tc.args...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, r.stdout)
				}
			}
		})
	}
	r := runCLI(t, nil, "", "--demo", "show", "--output", "csv", "--all-versions", orcidtest.CarberryID)
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(rows) != 1+14 {
		t.Errorf("every version of Carberry's 14 works: %d rows, %v", len(rows), err)
	}
}

func TestShowExportToFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "carberry.bib")
	r := runCLI(t, nil, "", "--demo", "show", "--output", "bibtex", "-o", path, orcidtest.CarberryID)
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q: %s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "wrote 13 works as bibtex to "+path+" (2 requests)") {
		t.Errorf("stderr: %s", r.stderr)
	}
	data, err := os.ReadFile(path)
	if err != nil || strings.Count(string(data), "\n@") != 12 {
		t.Errorf("file: %v\n%s", err, data)
	}
	r = runCLI(t, nil, "", "--demo", "show", "--output", "bibtex", "-o", filepath.Join(path, "no", "such", "dir.bib"), orcidtest.CarberryID)
	if r.code != 1 || !strings.Contains(r.stderr, "could not write") {
		t.Errorf("unwritable path: exit %d: %s", r.code, r.stderr)
	}
}

func TestShowFullItems(t *testing.T) {
	for _, tc := range []struct {
		section string
		want    []string
	}{
		{"fundings", []string{"Fundings (3, in full)\n", "        amount: 412500 USD\n", "        type defined by the funder: Standard Grant\n",
			"        contributors: Josiah Carberry (0000-0002-1825-0097, lead); Zoë Ångström-Łukasiewicz (0009-0001-4527-8933, co-lead)\n",
			"        organisation: National Science Foundation (Alexandria, VA, US) ROR https://ror.org/021nxhr62\n"}},
		{"peer-reviews", []string{"Peer reviews (3, in full)\n", "        subject: Glaze Anxiety in Late Stoneware\n", "        subject id: doi 10.5555/psy.2019.0007 (self) https://doi.org/10.5555/psy.2019.0007\n", "        subject in: Journal of Psychoceramics\n"}},
		{"research-resources", []string{"Research resources (1, in full)\n", "        resource: Kiln 7 (1300 °C gas kiln) (equipment) at Brown University"}},
		{"employments", []string{"Employments (2, in full)\n", "        role: Professor of Psychoceramics\n", "        source: Brown University Research Information System\n"}},
	} {
		r := runCLI(t, nil, "", "--demo", "show", "--section", tc.section, "--full", orcidtest.CarberryID)
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.section, r.code, r.stderr)
		}
		for _, w := range tc.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%s: stdout lacks %q:\n%s", tc.section, w, r.stdout)
			}
		}
	}
}

func TestShowExportUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--output", "pdf"}, "--output"},
		{[]string{"--output", "bibtex", "--section", "fundings"}, "exports works"},
		{[]string{"--output", "ris", "--raw"}, "cannot be combined"},
		{[]string{"-o", "x.bib"}, "-o writes an export"},
		{[]string{"--all-versions"}, "--all-versions goes with --output"},
		{[]string{"--full", "--section", "works"}, "--full reads the items of one section"},
		{[]string{"--full"}, "--full reads the items of one section"},
	} {
		r := runCLI(t, nil, "", append(append([]string{"--demo", "show"}, tc.args...), orcidtest.CarberryID)...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
}

func TestSearchCSVAndAll(t *testing.T) {
	r := runCLI(t, nil, "", "--demo", "search", "--output", "csv", "family-name:carberry")
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if r.code != 0 || err != nil || len(rows) < 2 || strings.Join(rows[0], ",") != "orcid,given-names,family-name,current-institution-affiliation-name,email" {
		t.Fatalf("exit %d, %v: %q %s", r.code, err, r.stdout, r.stderr)
	}
	if rows[1][0] != orcidtest.CarberryID {
		t.Errorf("first row %v", rows[1])
	}

	r = runCLI(t, nil, "", "--demo", "search", "--output", "csv", "--fields", "orcid,family-name", orcidtest.NunezID)
	if r.code != 0 || r.stdout != "orcid,family-name\n"+orcidtest.NunezID+",Núñez\n" {
		t.Errorf("an iD as CSV: exit %d %q %s", r.code, r.stdout, r.stderr)
	}

	r = runCLI(t, nil, "", "--demo", "search", "--all", "--output", "csv", "--fields", "orcid", "orcid:0009-0008-*")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 1+orcidtest.SyntheticPeople {
		t.Fatalf("csv --all: exit %d, %d lines: %s", r.code, strings.Count(r.stdout, "\n"), r.stderr)
	}
	if r.stderr != "" { // progress only on a terminal (TestSearchAllProgress)
		t.Errorf("csv --all, piped: stderr %q", r.stderr)
	}

	r = runCLI(t, nil, "", "--demo", "search", "--all", "orcid:0009-0008-*")
	if r.code != 0 || strings.Count(r.stdout, "\n") != orcidtest.SyntheticPeople || r.stderr != "" {
		t.Errorf("text --all: exit %d, %d lines: %s", r.code, strings.Count(r.stdout, "\n"), r.stderr)
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--fields", "orcid", "x"}, "--fields chooses the columns of --output csv"},
		{[]string{"--output", "csv", "--fields", "keyword", "x"}, "unknown --fields column"},
		{[]string{"--all", "--start", "5", "x"}, "--all starts at the first hit"},
	} {
		r := runCLI(t, nil, "", append([]string{"--demo", "search"}, tc.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d %q", tc.args, r.code, r.stderr)
		}
	}
}

// TestExportFileModes: an existing file keeps its mode (a private file is
// not widened), a member-API export (limited items) is written 0600, "-"
// is stdout, and a directory is named as such.
func TestExportFileModes(t *testing.T) {
	dir := t.TempDir()
	private := filepath.Join(dir, "private.bib")
	if err := os.WriteFile(private, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, nil, "", "--demo", "show", "--output", "bibtex", "-o", private, orcidtest.CarberryID); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if fi, _ := os.Stat(private); fi.Mode().Perm() != 0o600 {
		t.Errorf("an existing 0600 file became %v", fi.Mode().Perm())
	}

	reg := newRegistry(t)
	signedInAsCarberry(t, reg, "openid /read-limited")
	mine := filepath.Join(dir, "mine.csv")
	r := reg.run(t, "--demo", "show", "--section", "works", "--output", "csv", "-o", mine, orcidtest.CarberryID)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	data, _ := os.ReadFile(mine)
	if fi, _ := os.Stat(mine); !strings.Contains(string(data), "limited") || fi.Mode().Perm() != 0o600 {
		t.Errorf("a member export with limited works is %v (limited row present: %v)", fi.Mode().Perm(), strings.Contains(string(data), "limited"))
	}

	r = runCLI(t, nil, "", "--demo", "show", "--output", "ris", "-o", "-", orcidtest.CarberryID)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "TY  - ") {
		t.Errorf("-o - is stdout: exit %d, stdout %.40q", r.code, r.stdout)
	}
	r = runCLI(t, nil, "", "--demo", "show", "--output", "ris", "-o", dir, orcidtest.CarberryID)
	if r.code != 1 || !strings.Contains(r.stderr, "it is a directory") || strings.Contains(r.stderr, ".tmp") {
		t.Errorf("-o DIR: exit %d: %s", r.code, r.stderr)
	}
	// A folder that is not there is an error, never made: a typo in it
	// would otherwise leave the export somewhere unexpected.
	missing := filepath.Join(dir, "no-such", "x.ris")
	r = runCLI(t, nil, "", "--demo", "show", "--output", "ris", "-o", missing, orcidtest.CarberryID)
	if r.code != 1 || !strings.Contains(r.stderr, "there is no folder") {
		t.Errorf("-o into a missing folder: exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Dir(missing)); err == nil {
		t.Error("the missing folder was made")
	}
}
