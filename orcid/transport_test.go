package orcid

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestHTTPClientSharesLimiterAndStats(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/redirect" {
			http.Redirect(w, r, "/elsewhere", http.StatusFound)
			return
		}
		w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	env, err := CustomEnvironment("t", srv.URL, srv.URL, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	c := New(env, WithRateLimit(5, 2))
	hc := c.HTTPClient()
	for i := 0; i < 3; i++ {
		resp, err := hc.Get(srv.URL + "/oauth/jwks")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	st := c.Stats()
	if st.Sent != 3 {
		t.Errorf("Sent = %d, want 3 (OAuth requests must be counted)", st.Sent)
	}
	if st.Waited < 1 {
		t.Errorf("Waited = %d, want at least 1 past a burst of 2", st.Waited)
	}
	resp, err := hc.Get(srv.URL + "/redirect")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Errorf("redirect followed: status %d", resp.StatusCode)
	}

	// A cancelled context stops the request while it waits for the limiter.
	slow := New(env, WithRateLimit(0.001, 1))
	shc := slow.HTTPClient()
	r1, _ := shc.Get(srv.URL) // uses the only token
	if r1 != nil {
		r1.Body.Close()
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	if _, err := shc.Do(req); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestWithLimiterOfSharesBudgetAndStats(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.orcid+json")
		w.Write([]byte(`{"result":null,"num-found":0}`))
	}))
	defer srv.Close()
	env, _ := CustomEnvironment("t", srv.URL, srv.URL, srv.URL)
	anon := New(env, WithRateLimit(500, 3))
	withTok := New(env, WithLimiterOf(anon), WithRateLimit(1, 1))
	ctx := context.Background()
	for _, c := range []*Client{anon, withTok, withTok} {
		if _, err := c.Search(ctx, SearchParams{Query: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	a, b := anon.Stats(), withTok.Stats()
	if a.Sent != 3 || b.Sent != 3 {
		t.Errorf("Sent = %d and %d, want 3 for both (shared counters)", a.Sent, b.Sent)
	}
	if b.Limit != 500 || b.Burst != 3 {
		t.Errorf("shared client limit = %v/%d, want the original 500/3", b.Limit, b.Burst)
	}
}
