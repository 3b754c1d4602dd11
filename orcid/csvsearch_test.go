package orcid_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// allSynthetic matches exactly the registry's 10,000 synthetic people.
const allSynthetic = "orcid:0009-0008-*"

func TestCSVSearchPage(t *testing.T) {
	_, c := newRegistry(t, nil)
	page, err := c.CSVSearch(context.Background(), orcid.CSVSearchParams{Query: "family-name:carberry", Rows: 10})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(page.Header, ",") != strings.Join(orcid.DefaultCSVFields, ",") {
		t.Errorf("header %v", page.Header)
	}
	if len(page.Rows) == 0 || page.Rows[0][0] != orcidtest.CarberryID || page.Rows[0][1] != "Josiah" || page.Rows[0][2] != "Carberry" {
		t.Fatalf("rows %v", page.Rows)
	}
	if !slices.Contains(orcid.SplitCSVValues(page.Rows[0][3]), "Brown University") || page.Rows[0][4] != "josiah.carberry@example.edu" {
		t.Errorf("Carberry's row: %v", page.Rows[0])
	}
	for _, r := range page.Rows {
		if len(r) != len(page.Header) {
			t.Errorf("row %v has %d cells", r, len(r))
		}
	}

	// fl chooses and orders the columns; multi-valued cells split.
	page, err = c.CSVSearch(context.Background(), orcid.CSVSearchParams{Query: "orcid:" + orcidtest.NunezID, Fields: []string{"other-names", "orcid"}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(page.Header, ",") != "other-names,orcid" || len(page.Rows) != 1 || page.Rows[0][1] != orcidtest.NunezID {
		t.Fatalf("fl: %v %v", page.Header, page.Rows)
	}
	if got := orcid.SplitCSVValues(page.Rows[0][0]); len(got) != 3 || got[1] != "J. M. Núñez" {
		t.Errorf("other names %q split into %q", page.Rows[0][0], got)
	}
}

func TestSplitCSVValues(t *testing.T) {
	for in, want := range map[string]string{
		"ORCID,ORCID,CrossRef": "ORCID|ORCID|CrossRef",
		`Acme\, Inc.,Other`:    "Acme, Inc.|Other",
		`a\\b`:                 `a\b`,
		"one":                  "one",
		"":                     "",
	} {
		if got := strings.Join(orcid.SplitCSVValues(in), "|"); got != want {
			t.Errorf("SplitCSVValues(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVSearchChecks(t *testing.T) {
	_, c := newRegistry(t, nil)
	ctx := context.Background()
	if _, err := c.CSVSearch(ctx, orcid.CSVSearchParams{Query: "x", Fields: []string{"orcid", "keyword"}}); err == nil || !strings.Contains(err.Error(), "keyword") {
		t.Errorf("unknown field: %v", err)
	}
	if _, err := c.CSVSearch(ctx, orcid.CSVSearchParams{Query: "x", Rows: 1001}); !errors.Is(err, orcid.ErrTooManyRows) {
		t.Errorf("rows 1001: %v", err)
	}
	if _, err := c.CSVSearch(ctx, orcid.CSVSearchParams{Query: "x", Start: 10001}); !errors.Is(err, orcid.ErrAnonymousStartLimit) {
		t.Errorf("start 10001: %v", err)
	}
	// The registry answers errors with ORCID's error document.
	var apiErr *orcid.APIError
	if _, err := c.CSVSearch(ctx, orcid.CSVSearchParams{Query: "nosuchfield:x"}); !errors.As(err, &apiErr) || apiErr.ErrorCode != 9008 {
		t.Errorf("Solr error: %v", err)
	}
}

// TestCSVSearchRequestCount: 10,000 hits in pages of 1000 take 10 requests
// when the total is known, one more when it is not (the 11th finds the end),
// and every hit arrives once, in order.
func TestCSVSearchRequestCount(t *testing.T) {
	srv, c := newRegistry(t, nil)
	for _, tc := range []struct {
		numFound int64
		want     int
	}{{orcidtest.SyntheticPeople, 10}, {0, 11}} {
		srv.ResetRequests()
		var progress []orcid.Progress
		seen := map[string]bool{}
		hits := 0
		err := c.CSVSearchPages(context.Background(), orcid.CSVSearchParams{Query: allSynthetic, Fields: []string{"orcid"}},
			orcid.PageOptions{NumFound: tc.numFound, Progress: func(p orcid.Progress) { progress = append(progress, p) }},
			func(p *orcid.CSVPage) error {
				if p.Start != hits {
					t.Errorf("page at %d after %d hits", p.Start, hits)
				}
				for _, r := range p.Rows {
					seen[r[0]] = true
				}
				hits += len(p.Rows)
				return nil
			})
		if err != nil {
			t.Fatal(err)
		}
		if got := srv.CountPath("/pub/v3.0/csv-search"); got != tc.want || len(srv.Requests()) != tc.want {
			t.Errorf("NumFound %d: %d requests, want %d", tc.numFound, got, tc.want)
		}
		if hits != orcidtest.SyntheticPeople || len(seen) != orcidtest.SyntheticPeople {
			t.Errorf("%d hits, %d distinct, want %d", hits, len(seen), orcidtest.SyntheticPeople)
		}
		if last := progress[len(progress)-1]; last.Hits != orcidtest.SyntheticPeople || last.Requests != tc.want {
			t.Errorf("last progress %+v", last)
		}
	}
	for _, r := range srv.Requests() {
		if !strings.Contains(r.Query, "rows=1000") {
			t.Errorf("a page asked %s: pages of 1000 are the fewest requests", r.Query)
		}
	}
}

func TestCSVSearchPagesStops(t *testing.T) {
	srv, c := newRegistry(t, nil)
	ctx := context.Background()
	// Max: 2,500 hits in pages of 1000 -> 1000, 1000, 500.
	got := 0
	err := c.CSVSearchPages(ctx, orcid.CSVSearchParams{Query: allSynthetic}, orcid.PageOptions{Max: 2500}, func(p *orcid.CSVPage) error {
		got += len(p.Rows)
		return nil
	})
	if err != nil || got != 2500 || len(srv.Requests()) != 3 || !strings.Contains(srv.Requests()[2].Query, "rows=500") {
		t.Errorf("Max 2500: %v, %d hits, %d requests", err, got, len(srv.Requests()))
	}
	// fn's error stops paging.
	stop := errors.New("enough")
	srv.ResetRequests()
	err = c.CSVSearchPages(ctx, orcid.CSVSearchParams{Query: allSynthetic}, orcid.PageOptions{}, func(*orcid.CSVPage) error { return stop })
	if !errors.Is(err, stop) || len(srv.Requests()) != 1 {
		t.Errorf("stop: %v after %d requests", err, len(srv.Requests()))
	}
	// Anonymous callers stop at ORCID's start limit: from 9,990 in pages of
	// 5, the page at 10,000 is the last one asked for.
	srv.ResetRequests()
	got = 0
	err = c.CSVSearchPages(ctx, orcid.CSVSearchParams{Query: "*:*", Start: 9990, Rows: 5}, orcid.PageOptions{}, func(p *orcid.CSVPage) error {
		got += len(p.Rows)
		return nil
	})
	if err != nil || got != 15 || len(srv.Requests()) != 3 || !strings.Contains(srv.Requests()[2].Query, "start=10000") {
		t.Errorf("start limit: %v, %d hits, %d requests", err, got, len(srv.Requests()))
	}
}

func TestExpandedSearchAll(t *testing.T) {
	srv, c := newRegistry(t, nil)
	var last orcid.Progress
	res, err := c.ExpandedSearchAll(context.Background(), allSynthetic, orcid.PageOptions{Progress: func(p orcid.Progress) { last = p }})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.ExpandedResult) != orcidtest.SyntheticPeople || res.NumFound != orcidtest.SyntheticPeople {
		t.Errorf("%d results of %d", len(res.ExpandedResult), res.NumFound)
	}
	if n := len(srv.Requests()); n != 10 || last.Requests != 10 || last.Total != orcidtest.SyntheticPeople {
		t.Errorf("%d requests (progress %+v), want 10", n, last)
	}
}
