package orcid

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"

	"golang.org/x/oauth2"
)

func TestSearchParams(t *testing.T) {
	var last atomic.Value
	var calls atomic.Int32
	handler := func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		last.Store(r.URL.Query())
		w.Header().Set("Content-Type", "application/vnd.orcid+json")
		if r.URL.Path == "/v3.0/expanded-search" {
			fmt.Fprint(w, `{"expanded-result":null,"num-found":0}`)
			return
		}
		fmt.Fprint(w, `{"result":null,"num-found":0}`)
	}
	anon, _ := clServer(t, handler)
	authed, _ := clServer(t, handler, WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "t"}), PublicAPI))
	ctx := context.Background()

	res, err := anon.Search(ctx, SearchParams{Query: "family-name:carberry", Start: 10})
	if err != nil || res.Result != nil || res.NumFound != 0 {
		t.Fatalf("Search = %+v, %v; want nil result", res, err)
	}
	q := last.Load().(url.Values)
	if q.Get("q") != "family-name:carberry" || q.Get("start") != "10" || q.Get("rows") != "50" {
		t.Errorf("query = %v, want rows defaulting to 50", q)
	}
	ex, err := anon.ExpandedSearch(ctx, SearchParams{Query: "a..b", Rows: 1000, Start: MaxAnonymousStart})
	if err != nil || ex.ExpandedResult != nil || ex.NumFound != 0 {
		t.Fatalf("ExpandedSearch = %+v, %v", ex, err)
	}
	before := calls.Load()
	tests := []struct {
		c    *Client
		p    SearchParams
		want error
	}{
		{anon, SearchParams{Rows: 1001}, ErrTooManyRows},
		{anon, SearchParams{Rows: -1}, ErrTooManyRows},
		{anon, SearchParams{Start: MaxAnonymousStart + 1}, ErrAnonymousStartLimit},
		{anon, SearchParams{Start: -1}, nil},
	}
	for _, tt := range tests {
		_, err := tt.c.Search(ctx, tt.p)
		if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
			t.Errorf("Search(%+v) err = %v, want %v", tt.p, err, tt.want)
		}
	}
	if calls.Load() != before {
		t.Errorf("invalid searches were sent")
	}
	if _, err := authed.ExpandedSearch(ctx, SearchParams{Query: "x", Start: 20000}); err != nil {
		t.Errorf("authenticated start 20000: %v", err)
	}
}
