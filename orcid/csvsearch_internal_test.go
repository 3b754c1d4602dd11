package orcid

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCSVPageWithoutHeader reads ORCID's documented /csv-search excerpt,
// which has no header row: every line is a hit, named by the fields asked.
func TestCSVPageWithoutHeader(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(clFixtureDir, "csv-search-example.csv"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("fixtures not present (%s)", clFixtureDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	fields := []string{"orcid", "given-names", "family-name", "current-institution-affiliation-name"}
	page, err := parseCSVPage(&Body{StatusCode: 200, Data: data}, CSVSearchParams{Fields: fields})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Rows) != strings.Count(strings.TrimSpace(string(data)), "\n")+1 || page.Rows[0][0] != "0000-0003-1481-3160" {
		t.Fatalf("rows %v", page.Rows)
	}
	if strings.Join(page.Header, ",") != strings.Join(fields, ",") {
		t.Errorf("header %v", page.Header)
	}
	if got := SplitCSVValues(page.Rows[1][3]); len(got) != 4 || got[3] != "CrossRef" {
		t.Errorf("multi-valued cell %q: %q", page.Rows[1][3], got)
	}
	if page.Rows[4][2] != "López" {
		t.Errorf("non-ASCII cell %q", page.Rows[4][2])
	}
}

func TestCSVPageBadRows(t *testing.T) {
	for name, body := range map[string]string{
		"ragged":      "orcid,given-names\n0000-0001-5109-3700\n",
		"bad quoting": "orcid\n\"0000-0001-5109-3700\n",
	} {
		_, err := parseCSVPage(&Body{StatusCode: 200, Data: []byte(body)}, CSVSearchParams{Fields: []string{"orcid", "given-names"}})
		var bad *BadResponseError
		if !errors.As(err, &bad) {
			t.Errorf("%s: %v", name, err)
		}
	}
	page, err := parseCSVPage(&Body{StatusCode: 200, Data: []byte("orcid\n0000-0001-5109-3700\x1b[2J\n")}, CSVSearchParams{Fields: []string{"orcid"}})
	if err != nil || page.Rows[0][0] != "0000-0001-5109-3700" {
		t.Errorf("escape sequence not stripped: %q, %v", page.Rows, err)
	}
}

// A header row is kept as the column names it matched: a control
// character around a name (trimmed when it was recognised) is not kept.
func TestCSVPageHeaderIsClean(t *testing.T) {
	page, err := parseCSVPage(&Body{StatusCode: 200, Data: []byte("\vorcid,given-names\f\n0000-0001-5109-3700,Ann\n")},
		CSVSearchParams{Fields: []string{"orcid", "given-names"}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(page.Header, ",") != "orcid,given-names" || len(page.Rows) != 1 {
		t.Errorf("header %q, rows %q", page.Header, page.Rows)
	}
}
