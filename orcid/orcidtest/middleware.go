package orcidtest

import (
	"net/http"
	"strings"
	"sync"
	"time"
)

// ---- rate limit and daily quota ------------------------------------------

// limiter is ORCID's burst limit (a token bucket answering 503 when empty)
// and the anonymous daily quota (429 past n requests).
type limiter struct {
	mu     sync.Mutex
	rate   float64 // tokens per second; 0 = off
	burst  float64
	tokens float64
	last   time.Time
	quota  int // 0 = off
	used   int
	now    func() time.Time
}

func (l *limiter) init() { l.now = time.Now }

func (l *limiter) setRate(perSecond float64, burst int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.rate, l.burst = perSecond, float64(burst)
	l.tokens, l.last = float64(burst), l.now()
}

func (l *limiter) setQuota(n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.quota, l.used = n, 0
}

// allow takes a token; false means the burst is exceeded.
func (l *limiter) allow() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rate <= 0 {
		return true
	}
	now := l.now()
	l.tokens += now.Sub(l.last).Seconds() * l.rate
	if l.tokens > l.burst {
		l.tokens = l.burst
	}
	l.last = now
	if l.tokens < 1 {
		return false
	}
	l.tokens--
	return true
}

// count counts one anonymous request; false means the quota is used up.
func (l *limiter) count() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.quota <= 0 {
		return true
	}
	if l.used >= l.quota {
		return false
	}
	l.used++
	return true
}

// SetRateLimit changes the burst limit at run time (perSecond <= 0: off).
// The bucket starts full.
func (s *Server) SetRateLimit(perSecond float64, burst int) { s.limits.setRate(perSecond, burst) }

// SetDailyQuota changes the anonymous daily quota at run time and resets
// the day's count (n <= 0: off).
func (s *Server) SetDailyQuota(n int) { s.limits.setQuota(n) }

// quotaMessage is ORCID's plain-text 429 body (ApiRateLimitFilter).
const quotaMessage = "Too Many Requests. You have exceeded the daily quota for anonymous usage of this API. " +
	"You can increase your daily quota by registering for and using Public API client credentials " +
	"(https://info.orcid.org/documentation/integration-guide/registering-a-public-api-client/)"

// burstBody is what the infrastructure in front of ORCID answers past the burst.
const burstBody = "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n" +
	"<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"

// ---- fault injection -------------------------------------------------------

// An Injector may answer a request itself (return true) before the registry
// does: tests use it to force 503s, HTML, garbage or slow answers.
type Injector func(w http.ResponseWriter, r *http.Request) (handled bool)

type injections struct {
	mu   sync.Mutex
	next int
	list []struct {
		id int
		f  Injector
	}
}

// Inject adds f in front of the registry (API and registry roles alike);
// the returned func removes it.
func (s *Server) Inject(f Injector) (remove func()) {
	s.injects.mu.Lock()
	defer s.injects.mu.Unlock()
	s.injects.next++
	id := s.injects.next
	s.injects.list = append(s.injects.list, struct {
		id int
		f  Injector
	}{id, f})
	return func() {
		s.injects.mu.Lock()
		defer s.injects.mu.Unlock()
		for i, e := range s.injects.list {
			if e.id == id {
				s.injects.list = append(s.injects.list[:i:i], s.injects.list[i+1:]...)
				return
			}
		}
	}
}

func (s *Server) runInjectors(w http.ResponseWriter, r *http.Request) bool {
	s.injects.mu.Lock()
	list := make([]Injector, 0, len(s.injects.list))
	for _, e := range s.injects.list {
		list = append(list, e.f)
	}
	s.injects.mu.Unlock()
	for _, f := range list {
		if f(w, r) {
			return true
		}
	}
	return false
}

// FailNext answers the next n API requests (/pub and /api) with status and
// a short body: the 503 nginx page for 503, ORCID's quota text for 429,
// a plain "status text" line otherwise.
func (s *Server) FailNext(n int, status int) {
	switch status {
	case http.StatusServiceUnavailable:
		s.FailNextWith(n, status, "text/html", burstBody)
	case http.StatusTooManyRequests:
		s.FailNextWith(n, status, "text/plain;charset=UTF-8", quotaMessage)
	default:
		s.FailNextWith(n, status, "text/plain; charset=utf-8", http.StatusText(status)+"\n")
	}
}

// FailNextWith answers the next n API requests with status, contentType
// and body exactly (garbage, HTML, truncated JSON ...).
func (s *Server) FailNextWith(n int, status int, contentType, body string) {
	var mu sync.Mutex
	left := n
	var remove func()
	remove = s.Inject(func(w http.ResponseWriter, r *http.Request) bool {
		if !isAPIPath(r.URL.Path) {
			return false
		}
		mu.Lock()
		if left <= 0 {
			mu.Unlock()
			return false
		}
		left--
		done := left == 0
		mu.Unlock()
		if done {
			go remove()
		}
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
		return true
	})
}

func isAPIPath(p string) bool {
	return p == "/pub" || p == "/api" || strings.HasPrefix(p, "/pub/") || strings.HasPrefix(p, "/api/")
}

// ---- request log -------------------------------------------------------------

// Request is one request the server answered.
type Request struct {
	Method        string
	Path          string // URL path, e.g. /pub/v3.0/0000-0002-1825-0097/works
	Query         string // raw query
	Accept        string
	Authorization bool // an Authorization header was sent
	Status        int
	Time          time.Time
}

type requestLog struct {
	mu   sync.Mutex
	reqs []Request
}

// Requests returns a copy of the request log, oldest first.
func (s *Server) Requests() []Request {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	return append([]Request(nil), s.log.reqs...)
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() {
	s.log.mu.Lock()
	s.log.reqs = nil
	s.log.mu.Unlock()
}

// CountPath counts logged requests whose path starts with prefix.
func (s *Server) CountPath(prefix string) int {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	n := 0
	for _, r := range s.log.reqs {
		if strings.HasPrefix(r.Path, prefix) {
			n++
		}
	}
	return n
}

// CountStatus counts logged requests answered with status.
func (s *Server) CountStatus(status int) int {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	n := 0
	for _, r := range s.log.reqs {
		if r.Status == status {
			n++
		}
	}
	return n
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// middleware logs every request, runs injectors, and applies the burst
// limit and the anonymous daily quota to API requests.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			st := sw.status
			if st == 0 {
				st = http.StatusOK
			}
			s.log.mu.Lock()
			s.log.reqs = append(s.log.reqs, Request{
				Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Accept: r.Header.Get("Accept"),
				Authorization: r.Header.Get("Authorization") != "", Status: st, Time: time.Now(),
			})
			s.log.mu.Unlock()
		}()
		if s.runInjectors(sw, r) {
			return
		}
		if isAPIPath(r.URL.Path) {
			if !s.limits.allow() {
				sw.Header().Set("Content-Type", "text/html")
				sw.WriteHeader(http.StatusServiceUnavailable)
				_, _ = sw.Write([]byte(burstBody))
				return
			}
			if r.Header.Get("Authorization") == "" && !s.limits.count() {
				sw.Header().Set("Content-Type", "text/plain;charset=UTF-8")
				sw.WriteHeader(http.StatusTooManyRequests)
				_, _ = sw.Write([]byte(quotaMessage))
				return
			}
		}
		next.ServeHTTP(sw, r)
	})
}
