package orcid

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
)

// TestExpandedSearchEachAnonymousCeiling: 50,000 hits found; a caller
// without a token gets every hit ORCID lets it page to — 11,000 in 11
// requests of 1,000 (start 0 to 10,000) — and no request past the limit.
func TestExpandedSearchEachAnonymousCeiling(t *testing.T) {
	var calls atomic.Int32
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		start, _ := strconv.Atoi(r.URL.Query().Get("start"))
		rows, _ := strconv.Atoi(r.URL.Query().Get("rows"))
		if start > MaxAnonymousStart {
			t.Errorf("asked for start %d", start)
		}
		res := ExpandedSearchResult{NumFound: 50000}
		for i := start; i < start+rows; i++ {
			res.ExpandedResult = append(res.ExpandedResult, ExpandedResult{ORCIDID: fmt.Sprint(i)})
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(res)
	})
	seen, next := 0, 0
	found, err := c.ExpandedSearchEach(context.Background(), SearchParams{Query: "x"}, func(res *ExpandedSearchResult, start int) error {
		if start != next || res.ExpandedResult[0].ORCIDID != fmt.Sprint(start) {
			t.Errorf("page at %d, want %d", start, next)
		}
		seen += len(res.ExpandedResult)
		next = start + len(res.ExpandedResult)
		return nil
	})
	if err != nil || found != 50000 || seen != 11000 || calls.Load() != 11 {
		t.Errorf("found %d, %d hits in %d requests, %v; want 50000, 11000 in 11", found, seen, calls.Load(), err)
	}
	if r := SearchReach(50000, 0, 0, false); r != 11000 {
		t.Errorf("reach %d, want 11000", r)
	}
	if r := SearchReach(50000, 0, 0, true); r != 50000 {
		t.Errorf("reach with a token %d, want 50000", r)
	}
}
