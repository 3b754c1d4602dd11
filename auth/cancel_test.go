package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// hangingRegistry is a registry whose token endpoint holds every request
// until the test releases it (or the client goes away). Its API answers any
// read with an empty JSON object when a bearer token is sent.
type hangingRegistry struct {
	srv       *httptest.Server
	arrived   chan struct{} // one value per token request received
	cancelled chan struct{} // one value per token request the client abandoned
	release   chan struct{} // closed: token requests are answered
	once      sync.Once
	requests  atomic.Int32
}

func newHangingRegistry(t *testing.T) *hangingRegistry {
	h := &hangingRegistry{arrived: make(chan struct{}, 64), cancelled: make(chan struct{}, 64), release: make(chan struct{})}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/oauth/token":
			r.ParseForm() // the server notices a closed connection once the body is read
			n := h.requests.Add(1)
			h.arrived <- struct{}{}
			select {
			case <-h.release:
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprintf(w, `{"access_token":"access-%d","token_type":"bearer","expires_in":3600,"refresh_token":"refresh-%d","scope":"/read-public /read-limited"}`, n, n)
			case <-r.Context().Done():
				h.cancelled <- struct{}{}
			}
		case strings.HasPrefix(r.URL.Path, "/v3.0/") && strings.HasPrefix(r.Header.Get("Authorization"), "Bearer access-"):
			w.Header().Set("Content-Type", "application/vnd.orcid+json")
			w.Write([]byte("{}"))
		default:
			http.Error(w, "unexpected "+r.URL.Path, http.StatusTeapot)
		}
	}))
	t.Cleanup(func() {
		h.open()
		h.srv.Close()
	})
	return h
}

// open answers the token requests, now and from now on.
func (h *hangingRegistry) open() { h.once.Do(func() { close(h.release) }) }

func (h *hangingRegistry) authenticator(t *testing.T, store Store) *Authenticator {
	u := h.srv.URL
	a, err := New(Config{Env: orcid.Environment{Name: "hang", RegistryURL: u, PublicAPIURL: u, MemberAPIURL: u},
		ClientID: "APP-HANG", ClientSecret: "hang-secret", Store: store})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// recv waits for a value on ch; the limit only keeps a broken test from
// hanging forever, the assertions are about order, not time.
func recv[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("no %s", what)
		panic("unreachable")
	}
}

// waitWaiters waits until n callers wait for f's fetch under way.
func waitWaiters[T any](t *testing.T, f *flight[T], n int) {
	t.Helper()
	for i := 0; ; i++ {
		f.mu.Lock()
		got := 0
		if f.cur != nil {
			got = f.cur.waiters
		}
		f.mu.Unlock()
		if got == n {
			return
		}
		if i > 10000 {
			t.Fatalf("%d callers wait, want %d", got, n)
		}
		time.Sleep(time.Millisecond)
	}
}

const testID = "0000-0002-1825-0097"

// A read whose context is cancelled while its client token is being
// fetched returns context.Canceled at once, while the token endpoint still
// holds the request; the abandoned token request is cancelled too, and
// the lock is not held meanwhile.
func TestPublicReadCancelledDuringTokenFetch(t *testing.T) {
	h := newHangingRegistry(t)
	a := h.authenticator(t, NewMemoryStore())
	c := a.PublicClient(orcid.WithMaxRetries(0))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.Get(ctx, testID+"/works", orcid.JSON, nil)
		done <- err
	}()
	recv(t, h.arrived, "token request")
	// While the fetch hangs, nothing else waits for it: forgetting works.
	if err := a.ForgetClientToken(); err != nil {
		t.Fatal(err)
	}
	cancel()
	err := recv(t, done, "answer from the cancelled read")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	select {
	case <-h.release:
		t.Fatal("released before the read returned")
	default: // the token endpoint still held the request when the read returned
	}
	recv(t, h.cancelled, "cancellation of the abandoned token request")

	// The next read fetches a new token and succeeds.
	h.open()
	if _, err := c.Get(context.Background(), testID+"/works", orcid.JSON, nil); err != nil {
		t.Fatal(err)
	}
	if n := h.requests.Load(); n != 2 {
		t.Errorf("%d token requests, want 2", n)
	}
}

// Concurrent callers share one fetch; one of them giving up neither
// cancels it for the others nor starts another.
func TestClientTokenOneFetchForConcurrentCallers(t *testing.T) {
	h := newHangingRegistry(t)
	st := NewMemoryStore()
	a := h.authenticator(t, st)
	const n = 8
	type res struct {
		s   *Session
		err error
	}
	results := make(chan res, n)
	for range n {
		go func() {
			s, err := a.ClientToken(context.Background())
			results <- res{s, err}
		}()
	}
	quitter, quit := context.WithCancel(context.Background())
	quitErr := make(chan error, 1)
	go func() {
		_, err := a.ClientToken(quitter)
		quitErr <- err
	}()
	recv(t, h.arrived, "token request")
	waitWaiters(t, &a.clientFetch, n+1)
	quit()
	if err := recv(t, quitErr, "answer to the caller who gave up"); !errors.Is(err, context.Canceled) {
		t.Errorf("caller who gave up: %v", err)
	}
	h.open()
	for range n {
		r := recv(t, results, "client token")
		if r.err != nil || r.s.AccessToken != "access-1" {
			t.Errorf("ClientToken = %v, %v; want access-1", r.s, r.err)
		}
	}
	if got := h.requests.Load(); got != 1 {
		t.Errorf("%d token requests, want 1", got)
	}
	select {
	case <-h.cancelled:
		t.Error("the shared token request was cancelled")
	default:
	}
	if s, err := st.Get(a.clientKey()); err != nil || s.AccessToken != "access-1" {
		t.Errorf("stored %v, %v", s, err)
	}
	// Cached now: no further request.
	if s, err := a.ClientToken(context.Background()); err != nil || s.AccessToken != "access-1" || h.requests.Load() != 1 {
		t.Errorf("cached token: %v, %v, %d requests", s, err, h.requests.Load())
	}
}

// A token fetched by a flight that ForgetClientToken overtook is not kept.
func TestForgetClientTokenDuringFetch(t *testing.T) {
	h := newHangingRegistry(t)
	st := NewMemoryStore()
	a := h.authenticator(t, st)
	first := make(chan *Session, 1)
	go func() {
		s, _ := a.ClientToken(context.Background())
		first <- s
	}()
	recv(t, h.arrived, "token request")
	if err := a.ForgetClientToken(); err != nil {
		t.Fatal(err)
	}
	h.open()
	if s := recv(t, first, "first token"); s == nil || s.AccessToken != "access-1" {
		t.Fatalf("first = %v", s)
	}
	if _, err := st.Get(a.clientKey()); !errors.Is(err, ErrNotStored) {
		t.Errorf("token of the forgotten fetch stored: %v", err)
	}
	if s, err := a.ClientToken(context.Background()); err != nil || s.AccessToken != "access-2" {
		t.Errorf("after forget: %v, %v; want a new token", s, err)
	}
}

// The member client's refresh behaves the same: a cancelled read returns
// at once, concurrent reads make one refresh, and the refreshed session is
// saved.
func TestMemberReadCancelledDuringRefresh(t *testing.T) {
	h := newHangingRegistry(t)
	st := NewMemoryStore()
	a := h.authenticator(t, st)
	s := a.newSession([]string{ScopeReadLimited})
	s.ORCID, s.AccessToken, s.RefreshToken, s.TokenType, s.Expiry = testID, "expired", "refresh-0", "bearer", time.Now().Add(-time.Minute)
	ts := a.TokenSource(s)
	c := orcid.New(a.Config().Env, orcid.WithTokenSource(ts, orcid.MemberAPI), orcid.WithMaxRetries(0))

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.Get(ctx, testID+"/works", orcid.JSON, nil)
		done <- err
	}()
	recv(t, h.arrived, "refresh request")
	cancel()
	if err := recv(t, done, "answer from the cancelled read"); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	recv(t, h.cancelled, "cancellation of the abandoned refresh")
	if ts.Session().AccessToken != "expired" {
		t.Errorf("session changed by a cancelled refresh")
	}

	const n = 6
	errs := make(chan error, n)
	for range n {
		go func() {
			_, err := c.Get(context.Background(), testID+"/works", orcid.JSON, nil)
			errs <- err
		}()
	}
	recv(t, h.arrived, "second refresh request")
	waitWaiters(t, &ts.refresh, n)
	h.open()
	for range n {
		if err := recv(t, errs, "read"); err != nil {
			t.Error(err)
		}
	}
	if got := h.requests.Load(); got != 2 {
		t.Errorf("%d token requests, want 2 (one cancelled, one shared)", got)
	}
	saved, err := st.Get(s.Key())
	if err != nil || saved.AccessToken != "access-2" || saved.RefreshToken != "refresh-2" || ts.SaveErr() != nil {
		t.Errorf("saved %v, %v (save error %v)", saved, err, ts.SaveErr())
	}
}
