package auth

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// loopbackGet sends a GET for target (path and query) to the flow's
// listener with the given Host header, over a raw connection so that any
// Host (even none) can be sent, and returns the status code.
func loopbackGet(t *testing.T, f *Flow, method, host, target string) int {
	t.Helper()
	conn, err := net.DialTimeout("tcp", f.hostPort, 5*time.Second)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	proto := "HTTP/1.1"
	hostLine := "Host: " + host + "\r\n"
	if host == "" {
		proto, hostLine = "HTTP/1.0", "" // HTTP/1.0 may omit Host
	}
	fmt.Fprintf(conn, "%s %s %s\r\n%sConnection: close\r\n\r\n", method, target, proto, hostLine)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%s Host %q %s: %v", method, host, target, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestLoopbackRejectsHostileRequests: before the sign-in completes, the
// loopback listener answers requests with a wrong Host (DNS rebinding: a
// web page's script reaching 127.0.0.1 under its own name) or a wrong state
// (CSRF: someone else's code) with an error, and none of them ends or
// changes the flow; the real answer still completes it. After completion
// every request is refused.
func TestLoopbackRejectsHostileRequests(t *testing.T) {
	fx := newFixture(t)
	f, err := fx.a.SignIn(context.Background(), SignInOptions{NoBrowser: true, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Cancel()
	u, _ := url.Parse(f.RedirectURI())
	_, port, _ := net.SplitHostPort(f.hostPort)
	good := u.Path + "?code=AbC123&state=" + url.QueryEscape(f.state)
	esc := url.QueryEscape("\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[2J")

	before := []struct {
		name, method, host, target string
		want                       int
	}{
		{"no Host", "GET", "", good, http.StatusBadRequest},
		{"localhost", "GET", "localhost:" + port, good, http.StatusBadRequest},
		{"upper-case LOCALHOST", "GET", "LOCALHOST:" + port, good, http.StatusBadRequest},
		{"IPv6 loopback", "GET", "[::1]:" + port, good, http.StatusBadRequest},
		{"rebinding name", "GET", "evil.example:" + port, good, http.StatusBadRequest},
		{"suffix on the host", "GET", "127.0.0.1:" + port + ".evil.example", good, http.StatusBadRequest},
		{"other port", "GET", "127.0.0.1:1", good, http.StatusBadRequest},
		{"no port", "GET", "127.0.0.1", good, http.StatusBadRequest},
		{"wrong state", "GET", f.hostPort, u.Path + "?code=AbC123&state=forged", http.StatusBadRequest},
		{"state with a suffix", "GET", f.hostPort, u.Path + "?code=AbC123&state=" + url.QueryEscape(f.state) + "x", http.StatusBadRequest},
		{"state cut short", "GET", f.hostPort, u.Path + "?code=AbC123&state=" + url.QueryEscape(f.state[:len(f.state)-1]), http.StatusBadRequest},
		{"no state", "GET", f.hostPort, u.Path + "?code=AbC123", http.StatusBadRequest},
		{"empty state", "GET", f.hostPort, u.Path + "?code=AbC123&state=", http.StatusBadRequest},
		{"denial with a wrong state", "GET", f.hostPort, u.Path + "?error=access_denied&state=forged", http.StatusBadRequest},
		{"escapes in an error with a wrong state", "GET", f.hostPort, u.Path + "?error=" + esc + "&error_description=" + esc + "&state=forged", http.StatusBadRequest},
		{"wrong Host with escapes", "GET", "evil.example", u.Path + "?error=" + esc + "&state=" + url.QueryEscape(f.state), http.StatusBadRequest},
		{"POST", "POST", f.hostPort, good, http.StatusMethodNotAllowed},
		{"other path", "GET", f.hostPort, "/other?code=AbC123&state=" + url.QueryEscape(f.state), http.StatusNotFound},
	}
	for _, tc := range before {
		if got := loopbackGet(t, f, tc.method, tc.host, tc.target); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
		select {
		case <-f.Done():
			t.Fatalf("%s ended the sign-in", tc.name)
		default:
		}
	}

	// The real answer still completes the sign-in.
	br := &testBrowser{t: t, follow: false}
	if status, _, err := br.run(f.URL(), "authorize"); err != nil || status != http.StatusFound {
		t.Fatalf("browser: %d %v", status, err)
	}
	cb, _ := url.Parse(br.location())
	target := cb.RequestURI()
	if got := loopbackGet(t, f, "GET", f.hostPort, target); got != http.StatusOK {
		t.Fatalf("the real callback: %d", got)
	}
	s, err := f.Wait()
	if err != nil || s.ORCID != orcidtest.CarberryID {
		t.Fatalf("sign-in: %v %v", s, err)
	}

	// After completion, through the handler (the listener is closed): the
	// same callback again, another code, a denial, a wrong Host.
	after := []struct {
		name, host, target string
		want               int
	}{
		{"the callback again", f.hostPort, target, http.StatusGone},
		{"another code", f.hostPort, good, http.StatusGone},
		{"a denial", f.hostPort, u.Path + "?error=access_denied&state=" + url.QueryEscape(f.state), http.StatusGone},
		{"wrong state", f.hostPort, u.Path + "?code=x&state=forged", http.StatusGone},
		{"wrong Host", "evil.example:" + port, target, http.StatusBadRequest},
	}
	for _, tc := range after {
		if got := serveOnce(f, tc.host, tc.target); got != tc.want {
			t.Errorf("after completion, %s: %d, want %d", tc.name, got, tc.want)
		}
	}
	if err := f.Paste("http://" + f.hostPort + good); !errors.Is(err, ErrFlowFinished) {
		t.Errorf("paste after completion: %v, want ErrFlowFinished", err)
	}
	if s2, err := f.Wait(); err != nil || s2.AccessToken != s.AccessToken {
		t.Errorf("the result changed after completion: %v %v", s2, err)
	}
}

// TestLoopbackAfterDenial: once the user has denied access, a later
// callback with a code (even with the right state) is refused and the
// result stays "denied".
func TestLoopbackAfterDenial(t *testing.T) {
	fx := newFixture(t)
	f, err := fx.a.SignIn(context.Background(), SignInOptions{NoBrowser: true, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	br := &testBrowser{t: t, follow: true}
	if status, _, err := br.run(f.URL(), "deny"); err != nil || status != http.StatusOK {
		t.Fatalf("browser: %d %v", status, err)
	}
	u, _ := url.Parse(f.RedirectURI())
	if got := serveOnce(f, f.hostPort, u.Path+"?code=AbC123&state="+url.QueryEscape(f.state)); got != http.StatusGone {
		t.Errorf("code after denial: %d, want 410", got)
	}
	_, err = f.Wait()
	var ae *AuthorizationError
	if !errors.As(err, &ae) || ae.Code != "access_denied" {
		t.Errorf("err = %v, want access_denied", err)
	}
}

// serveOnce runs the flow's handler for one GET (the listener is closed
// once the flow is over).
func serveOnce(f *Flow, host, target string) int {
	req, _ := http.NewRequest("GET", "http://"+host+target, nil)
	req.Host = host
	rec := httptest.NewRecorder()
	f.ServeHTTP(rec, req)
	return rec.Code
}
