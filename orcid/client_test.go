package orcid

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

	"golang.org/x/oauth2"
)

const clTestID = "0000-0002-1825-0097"

// clServer serves h on 127.0.0.1 and returns a client for it with fast
// retries and a high rate limit.
func clServer(t *testing.T, h http.HandlerFunc, opts ...Option) (*Client, *httptest.Server) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	env, err := CustomEnvironment("test", srv.URL, srv.URL, srv.URL+"/member")
	if err != nil {
		t.Fatal(err)
	}
	base := []Option{WithRateLimit(1000, 100), WithBackoff(time.Millisecond, 2*time.Millisecond), WithMaxRetryAfter(5 * time.Millisecond)}
	return New(env, append(base, opts...)...), srv
}

func TestHeadersAlwaysSent(t *testing.T) {
	var mu sync.Mutex
	var got []http.Header
	var paths []string
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Clone())
		paths = append(paths, r.URL.Path)
		mu.Unlock()
		if strings.Contains(r.Header.Get("Accept"), "xml") {
			w.Header().Set("Content-Type", "application/vnd.orcid+xml;charset=UTF-8")
			fmt.Fprint(w, `<?xml version="1.0"?><person:person xmlns:person="http://www.orcid.org/ns/person"/>`)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.orcid+json; qs=4;charset=UTF-8")
		fmt.Fprint(w, `{"path":"/0000-0002-1825-0097/person"}`)
	})
	ctx := context.Background()
	p, err := c.Person(ctx, "0000000218250097") // canonicalised before sending
	if err != nil || p.Path != "/0000-0002-1825-0097/person" {
		t.Fatalf("Person = %+v, %v", p, err)
	}
	b, err := c.Get(ctx, PersonPath(clTestID), XML, nil)
	if err != nil || !b.IsXML() || !strings.Contains(string(b.Data), "person:person") {
		t.Fatalf("Get XML = %+v, %v", b, err)
	}
	want := []string{"application/json", "application/vnd.orcid+xml"}
	for i, h := range got {
		if h.Get("Accept") != want[i] {
			t.Errorf("request %d Accept = %q, want %q", i, h.Get("Accept"), want[i])
		}
		if h.Get("User-Agent") != "orcid-tui/"+Version {
			t.Errorf("User-Agent = %q", h.Get("User-Agent"))
		}
		if h.Get("Authorization") != "" {
			t.Errorf("anonymous request sent Authorization %q", h.Get("Authorization"))
		}
		if paths[i] != "/v3.0/0000-0002-1825-0097/person" {
			t.Errorf("path = %q", paths[i])
		}
	}
}

func TestTokenSourceAndMemberAPI(t *testing.T) {
	var auth, path atomic.Value
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		auth.Store(r.Header.Get("Authorization"))
		path.Store(r.URL.Path)
		w.Header().Set("Content-Type", "application/vnd.orcid+json")
		fmt.Fprint(w, `{}`)
	}, WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "tok-123", TokenType: "bearer"}), MemberAPI))
	if _, err := c.Works(context.Background(), clTestID); err != nil {
		t.Fatal(err)
	}
	if auth.Load() != "Bearer tok-123" {
		t.Errorf("Authorization = %q", auth.Load())
	}
	if path.Load() != "/member/v3.0/0000-0002-1825-0097/works" {
		t.Errorf("path = %q, want the member API base", path.Load())
	}
	if s := c.Stats(); s.Limit != 1000 || s.Burst != 100 {
		t.Errorf("Stats limit = %v/%d", s.Limit, s.Burst)
	}
}

func TestDefaultLimits(t *testing.T) {
	tests := []struct {
		opts  []Option
		limit float64
	}{
		{nil, 12},
		{[]Option{WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "x"}), PublicAPI)}, 12},
		{[]Option{WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "x"}), MemberAPI)}, 24},
		{[]Option{WithRateLimit(5, 7)}, 5},
	}
	for i, tt := range tests {
		s := New(Sandbox, tt.opts...).Stats()
		wantBurst := 40
		if tt.limit == 5 {
			wantBurst = 7
		}
		if s.Limit != tt.limit || s.Burst != wantBurst {
			t.Errorf("case %d: limit %v burst %d, want %v/%d", i, s.Limit, s.Burst, tt.limit, wantBurst)
		}
	}
}

func TestRetry503ThenSuccess(t *testing.T) {
	var n atomic.Int32
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 2 {
			w.Header().Set("Retry-After", "1") // capped to 5ms by the test client
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprint(w, "<html>busy</html>")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"group":[]}`)
	})
	if _, err := c.Works(context.Background(), clTestID); err != nil {
		t.Fatalf("Works after two 503s: %v", err)
	}
	s := c.Stats()
	if s.Sent != 3 || s.Retried != 2 || s.Status503 != 2 || s.InFlight != 0 {
		t.Errorf("stats = %+v, want sent 3, retried 2, 503s 2, in flight 0", s)
	}
}

func TestRetry503GivesUp(t *testing.T) {
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}, WithMaxRetries(2))
	_, err := c.Works(context.Background(), clTestID)
	var rl *RateLimitError
	if !errors.As(err, &rl) || rl.StatusCode != 503 || rl.Attempts != 3 || !errors.Is(err, ErrBusy) {
		t.Fatalf("err = %v (%T), want RateLimitError 503 after 3 attempts", err, err)
	}
	if !strings.Contains(err.Error(), "after 3 attempts") {
		t.Errorf("message = %q", err.Error())
	}
	if s := c.Stats(); s.Sent != 3 || s.Retried != 2 {
		t.Errorf("stats = %+v", s)
	}
}

func Test429NotRetried(t *testing.T) {
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, "Too Many Requests.\x1b[2J You have exceeded the daily quota for anonymous usage of this API.\n")
	})
	_, err := c.Record(context.Background(), clTestID)
	var rl *RateLimitError
	if !errors.As(err, &rl) || rl.StatusCode != 429 || !errors.Is(err, ErrQuotaExceeded) {
		t.Fatalf("err = %v, want 429 RateLimitError", err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "ORCID's daily request quota is used up (429): Too Many Requests.") ||
		!strings.Contains(msg, "exceeded the daily quota") || strings.Contains(msg, "\x1b") || !strings.HasSuffix(msg, "Try again tomorrow or use credentials.") {
		t.Errorf("message = %q", msg)
	}
	if s := c.Stats(); s.Sent != 1 || s.Retried != 0 || s.Status429 != 1 {
		t.Errorf("stats = %+v, want one request, no retry", s)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0}, {"3", 3 * time.Second}, {"-1", 0}, {"soon", 0},
		{now.Add(7 * time.Second).Format(http.TimeFormat), 7 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"99999999", 24 * time.Hour},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestBackoffBounded(t *testing.T) {
	c := New(Sandbox, WithBackoff(100*time.Millisecond, time.Second))
	for n := 1; n <= 10; n++ {
		d := c.backoffFor(n)
		full := min(100*time.Millisecond<<(n-1), time.Second)
		if d < full/2 || d > full {
			t.Errorf("backoff %d = %v, want within [%v, %v]", n, d, full/2, full)
		}
	}
}

func TestErrorBodies(t *testing.T) {
	tests := []struct {
		name, path, ctype, body string
		status                  int
		check                   func(t *testing.T, err error)
	}{
		{
			name: "not found JSON", path: RecordPath(clTestID), status: 404, ctype: "application/vnd.orcid+json",
			body: `{"response-code":404,"developer-message":"404 Not Found: The resource was not found.","user-message":"The resource was not found.","error-code":9016,"more-info":"https://members.orcid.org/api/resources/troubleshooting"}`,
			check: func(t *testing.T, err error) {
				var ae *APIError
				if !errors.As(err, &ae) || !errors.Is(err, ErrNotFound) || ae.ID != clTestID || ae.ErrorCode != 9016 {
					t.Fatalf("err = %#v", err)
				}
				if !strings.HasPrefix(err.Error(), "ORCID record 0000-0002-1825-0097 was not found (404, error 9016)") {
					t.Errorf("message = %q", err.Error())
				}
			},
		},
		{
			name: "locked XML", path: WorksPath(clTestID), status: 409, ctype: "application/vnd.orcid+xml",
			body: `<?xml version="1.0"?><error:error xmlns:error="http://www.orcid.org/ns/error"><error:response-code>409</error:response-code><error:developer-message>409 Conflict: The ORCID record is locked</error:developer-message><error:user-message>The ORCID record is locked.</error:user-message><error:error-code>9018</error:error-code><error:more-info>x</error:more-info></error:error>`,
			check: func(t *testing.T, err error) {
				if !errors.Is(err, ErrLocked) || errors.Is(err, ErrNotFound) {
					t.Fatalf("err = %v", err)
				}
				if !strings.Contains(err.Error(), "is locked") || !strings.Contains(err.Error(), "409, error 9018") {
					t.Errorf("message = %q", err.Error())
				}
			},
		},
		{
			name: "unprefixed XML error, deactivated", path: RecordPath(clTestID), status: 409, ctype: "application/xml",
			body:  `<error xmlns="http://www.orcid.org/ns/error"><response-code>409</response-code><error-code>9044</error-code></error>`,
			check: func(t *testing.T, err error) { clWantIs(t, err, ErrDeactivated, "deactivated") },
		},
		{
			name: "not public", path: WorkPath(clTestID, 5), status: 403, ctype: "application/json",
			body:  `{"response-code":403,"error-code":9039,"developer-message":"403 Forbidden: The item is not public"}`,
			check: func(t *testing.T, err error) { clWantIs(t, err, ErrNotPublic, "not public") },
		},
		{
			name: "unclaimed", path: RecordPath(clTestID), status: 409, ctype: "application/json",
			body:  `{"response-code":409,"error-code":9036,"developer-message":"409 Conflict: This record has not been claimed."}`,
			check: func(t *testing.T, err error) { clWantIs(t, err, ErrUnclaimed, "not been claimed") },
		},
		{
			name: "other ORCID error keeps its message", path: "search?q=x", status: 500, ctype: "application/json",
			body: `{"response-code":500,"error-code":9008,"developer-message":"undefined field \u001b[31mcontainer.identifier"}`,
			check: func(t *testing.T, err error) {
				msg := err.Error()
				if !strings.Contains(msg, "500, error 9008") || !strings.Contains(msg, "undefined field") || strings.Contains(msg, "\x1b") {
					t.Errorf("message = %q", msg)
				}
			},
		},
		{
			name: "invalid token", path: RecordPath(clTestID), status: 401, ctype: "application/json;charset=UTF-8",
			body: `{"error":"invalid_token","error_description":"Invalid access token: secret-token-value"}`,
			check: func(t *testing.T, err error) {
				var oe *OAuthError
				if !errors.As(err, &oe) || oe.Code != "invalid_token" || oe.StatusCode != 401 {
					t.Fatalf("err = %#v", err)
				}
				if strings.Contains(err.Error(), "secret-token-value") || !strings.Contains(err.Error(), "secr…") {
					t.Errorf("token not masked: %q", err.Error())
				}
			},
		},
		{
			name: "userinfo-style error-description", path: RecordPath(clTestID), status: 403, ctype: "application/json",
			body: `{"error":"access_denied","error-description":"access_token is invalid"}`,
			check: func(t *testing.T, err error) {
				var oe *OAuthError
				if !errors.As(err, &oe) || oe.Description != "access_token is invalid" {
					t.Fatalf("err = %#v", err)
				}
			},
		},
		{
			name: "HTML error page", path: RecordPath(clTestID), status: 502, ctype: "text/html",
			body: "<html><head><title>502 Bad Gateway</title></head><body>\x1b]52;c;ZXZpbA==\x07nginx</body></html>",
			check: func(t *testing.T, err error) {
				var be *BadResponseError
				if !errors.As(err, &be) || be.StatusCode != 502 || !strings.Contains(be.Snippet, "502 Bad Gateway") {
					t.Fatalf("err = %#v", err)
				}
				if strings.ContainsAny(err.Error(), "\x1b\x07") || !strings.Contains(err.Error(), "instead of an ORCID document") {
					t.Errorf("message = %q", err.Error())
				}
			},
		},
		{
			name: "truncated JSON on 200", path: WorksPath(clTestID), status: 200, ctype: "application/vnd.orcid+json",
			body: `{"group":[{"work-summary":[{"put-code":1`,
			check: func(t *testing.T, err error) {
				var be *BadResponseError
				if !errors.As(err, &be) || be.Err == nil || be.StatusCode != 200 {
					t.Fatalf("err = %#v", err)
				}
				if !strings.Contains(err.Error(), "could not be read") {
					t.Errorf("message = %q", err.Error())
				}
			},
		},
		{
			name: "garbage on 200", path: WorksPath(clTestID), status: 200, ctype: "",
			body: "\x00\x01garbage",
			check: func(t *testing.T, err error) {
				var be *BadResponseError
				if !errors.As(err, &be) {
					t.Fatalf("err = %#v", err)
				}
			},
		},
		{
			name: "HTML on 200", path: WorksPath(clTestID), status: 200, ctype: "text/html; charset=utf-8",
			body: "<!DOCTYPE html><html>captive portal</html>",
			check: func(t *testing.T, err error) {
				var be *BadResponseError
				if !errors.As(err, &be) || !strings.Contains(be.Snippet, "captive portal") {
					t.Fatalf("err = %#v", err)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.ctype != "" {
					w.Header().Set("Content-Type", tt.ctype)
				} else {
					w.Header()["Content-Type"] = nil
				}
				w.WriteHeader(tt.status)
				fmt.Fprint(w, tt.body)
			}, WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "secret-token-value"}), PublicAPI))
			body, err := c.Get(context.Background(), tt.path, JSON, &Works{})
			if err == nil {
				t.Fatal("no error")
			}
			if body == nil || body.StatusCode != tt.status {
				t.Errorf("body = %+v, want the raw answer with the error", body)
			}
			tt.check(t, err)
		})
	}
}

func clWantIs(t *testing.T, err, target error, text string) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("err = %v, want errors.Is %v", err, target)
	}
	if !strings.Contains(err.Error(), text) {
		t.Errorf("message %q lacks %q", err.Error(), text)
	}
}

func TestBodyTooLarge(t *testing.T) {
	for _, chunked := range []bool{false, true} {
		c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			if !chunked {
				w.Header().Set("Content-Length", "2048")
			}
			fmt.Fprint(w, `{"x":"`+strings.Repeat("a", 2040)+`"}`)
		}, WithMaxBodySize(1024))
		_, err := c.Get(context.Background(), WorksPath(clTestID), JSON, nil)
		var be *BadResponseError
		if !errors.As(err, &be) || !errors.Is(err, ErrBodyTooLarge) {
			t.Errorf("chunked=%v: err = %v, want ErrBodyTooLarge", chunked, err)
		}
	}
}

func TestMerged(t *testing.T) {
	const primary = "0000-0001-5109-3700"
	tests := []struct {
		name     string
		location string
		ctype    string
		body     string
	}{
		{"Location and document", "https://pub.orcid.org/v3.0/" + primary + "/record", "application/vnd.orcid+json",
			`{"response-code":301,"developer-message":"301 Moved Permanently: This account is deprecated. Please refer to account: https://orcid.org/` + primary + `. ORCID https://orcid.org/` + clTestID + `","user-message":"This account is deprecated.","error-code":9007}`},
		{"document only", "", "application/vnd.orcid+json",
			`{"response-code":301,"developer-message":"301 Moved Permanently: This account is deprecated. Please refer to account: https://orcid.org/` + primary + `. ORCID https://orcid.org/` + clTestID + `","error-code":9007}`},
		{"Location only", "/v3.0/" + primary + "/record", "", ""},
		{"XML document", "", "application/vnd.orcid+xml",
			`<error:error xmlns:error="http://www.orcid.org/ns/error"><error:response-code>301</error:response-code><error:developer-message>This account is deprecated. Please refer to account: ` + primary + `. ORCID ` + clTestID + `</error:developer-message><error:error-code>9007</error:error-code></error:error>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				if strings.Contains(r.URL.Path, primary) {
					t.Error("client followed the redirect to the primary record")
				}
				if tt.location != "" {
					w.Header().Set("Location", tt.location)
				}
				if tt.ctype != "" {
					w.Header().Set("Content-Type", tt.ctype)
				}
				w.WriteHeader(http.StatusMovedPermanently)
				fmt.Fprint(w, tt.body)
			})
			_, err := c.Record(context.Background(), clTestID)
			var me *MergedError
			if !errors.As(err, &me) || !errors.Is(err, ErrMerged) {
				t.Fatalf("err = %v (%T), want MergedError", err, err)
			}
			if me.Deprecated != clTestID || me.Primary != primary {
				t.Errorf("deprecated %q primary %q", me.Deprecated, me.Primary)
			}
			if want := "was merged into " + primary; !strings.Contains(err.Error(), want) {
				t.Errorf("message %q lacks %q", err.Error(), want)
			}
			if calls.Load() != 1 {
				t.Errorf("%d requests, want 1", calls.Load())
			}
		})
	}
}

func TestOtherRedirectNotFollowed(t *testing.T) {
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://example.org/login", http.StatusFound)
	})
	_, err := c.Record(context.Background(), clTestID)
	var be *BadResponseError
	if !errors.As(err, &be) || be.StatusCode != 302 || !strings.Contains(be.Snippet, "example.org/login") {
		t.Fatalf("err = %v, want BadResponseError naming the Location", err)
	}
}

func TestCancelWhileWaitingForLimiter(t *testing.T) {
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{}`)
	}, WithRateLimit(0.001, 1))
	ctx := context.Background()
	if _, err := c.Works(ctx, clTestID); err != nil { // uses the one token
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { _, err := c.Works(ctx, clTestID); done <- err }()
	for c.Stats().Waited == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	err := <-done
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if s := c.Stats(); s.Sent != 1 || s.Waited != 1 {
		t.Errorf("stats = %+v", s)
	}
}

func TestCancelMidRequest(t *testing.T) {
	arrived := make(chan struct{})
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		<-r.Context().Done()
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, err := c.Record(ctx, clTestID); done <- err }()
	<-arrived
	if c.Stats().InFlight != 1 {
		t.Errorf("in flight = %d, want 1", c.Stats().InFlight)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n := c.Stats().InFlight; n != 0 {
		t.Errorf("in flight = %d after cancel", n)
	}
}

func TestPerRequestTimeout(t *testing.T) {
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}, WithTimeout(20*time.Millisecond))
	_, err := c.Record(context.Background(), clTestID)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "did not answer within") {
		t.Fatalf("err = %v", err)
	}
}

func TestInvalidInputNotSent(t *testing.T) {
	var calls atomic.Int32
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) { calls.Add(1) })
	ctx := context.Background()
	if _, err := c.Record(ctx, "0000-0002-1825-0098"); err == nil {
		t.Error("bad iD accepted")
	} else if _, ok := err.(*IDError); !ok {
		t.Errorf("err = %T, want *IDError", err)
	}
	if _, err := c.Affiliations(ctx, clTestID, "jobs"); err == nil {
		t.Error("unknown section accepted")
	}
	for _, p := range []string{"", "../etc", "http://evil/", "//evil/x", "a b"} {
		if _, err := c.Get(ctx, p, JSON, nil); err == nil {
			t.Errorf("Get(%q) accepted", p)
		}
	}
	if calls.Load() != 0 {
		t.Errorf("%d requests sent for invalid input", calls.Load())
	}
}

func TestRateWindow(t *testing.T) {
	var w sendWindow
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 50 {
		w.add(t0.Add(time.Duration(i) * 100 * time.Millisecond)) // 10/s for 5 s
	}
	now := t0.Add(5 * time.Second)
	if r := w.rate(now); r < 8 || r > 12 {
		t.Errorf("rate = %.1f, want about 10", r)
	}
	if r := w.rate(now.Add(time.Minute)); r != 0 {
		t.Errorf("rate after a quiet minute = %.1f, want 0", r)
	}
}
