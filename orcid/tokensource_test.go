package orcid

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"golang.org/x/oauth2"
)

// blockingTokenSource hands out a token only when released; its
// TokenContext gives up when the request's context is done.
type blockingTokenSource struct {
	asked   chan context.Context // the context of each TokenContext call
	release chan struct{}
	plain   atomic.Int32 // Token calls
}

func (b *blockingTokenSource) Token() (*oauth2.Token, error) {
	b.plain.Add(1)
	return &oauth2.Token{AccessToken: "plain"}, nil
}

func (b *blockingTokenSource) TokenContext(ctx context.Context) (*oauth2.Token, error) {
	b.asked <- ctx
	select {
	case <-b.release:
		return &oauth2.Token{AccessToken: "ctx-token", TokenType: "bearer"}, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("token endpoint: %w", ctx.Err())
	}
}

// A token source with TokenContext is called with the read's context
// (never Token), so cancelling the read ends the wait for the token; the
// read returns context.Canceled and sends nothing.
func TestContextTokenSourceCancelled(t *testing.T) {
	var sent atomic.Int32
	var auth atomic.Value
	ts := &blockingTokenSource{asked: make(chan context.Context, 4), release: make(chan struct{})}
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		sent.Add(1)
		auth.Store(r.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "application/vnd.orcid+json")
		fmt.Fprint(w, `{}`)
	}, WithTokenSource(ts, PublicAPI))

	type key struct{}
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), key{}, "read"))
	done := make(chan error, 1)
	go func() {
		_, err := c.Get(ctx, WorksPath(clTestID), JSON, nil)
		done <- err
	}()
	got := <-ts.asked
	if got.Value(key{}) != "read" {
		t.Error("TokenContext was not given the read's context")
	}
	cancel()
	err := <-done
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if sent.Load() != 0 || ts.plain.Load() != 0 {
		t.Errorf("%d requests sent, %d Token calls; want none", sent.Load(), ts.plain.Load())
	}

	close(ts.release)
	if _, err := c.Get(context.Background(), WorksPath(clTestID), JSON, nil); err != nil {
		t.Fatal(err)
	}
	<-ts.asked
	if auth.Load() != "Bearer ctx-token" || ts.plain.Load() != 0 {
		t.Errorf("Authorization = %q, %d Token calls", auth.Load(), ts.plain.Load())
	}
}

// A plain oauth2.TokenSource is still called through Token, and its error
// is reported as a token error.
func TestPlainTokenSourceError(t *testing.T) {
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		t.Error("request sent without a token")
	}, WithTokenSource(failingTokenSource{}, PublicAPI))
	_, err := c.Get(context.Background(), WorksPath(clTestID), JSON, nil)
	if err == nil || !errors.Is(err, errNoToken) || errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

var errNoToken = errors.New("no token for you")

type failingTokenSource struct{}

func (failingTokenSource) Token() (*oauth2.Token, error) { return nil, errNoToken }
