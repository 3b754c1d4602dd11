package orcid

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestSlowButSteadyAnswerCompletes: the timeout is on silence. An answer
// trickling in for several times the timeout, a few bytes at a time, is
// read whole; an answer that stops in the middle fails after one timeout
// of silence and says how much had come.
func TestSlowButSteadyAnswerCompletes(t *testing.T) {
	const timeout = 40 * time.Millisecond
	doc := `{"path":"/` + clTestID + `/person","biography":{"content":"` + strings.Repeat("x", 40) + `"}}`
	var stall atomic.Bool
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		f := w.(http.Flusher)
		for i := 0; i < len(doc); i += 8 {
			if stall.Load() && i >= 16 {
				<-r.Context().Done()
				return
			}
			fmt.Fprint(w, doc[i:min(i+8, len(doc))])
			f.Flush()
			time.Sleep(timeout / 4) // steady: 12 pieces, 3 timeouts in all
		}
	}, WithTimeout(timeout), WithMaxRetries(0))
	p, err := c.Person(context.Background(), clTestID)
	if err != nil || p.Path != "/"+clTestID+"/person" {
		t.Fatalf("steady answer: %+v, %v", p, err)
	}
	stall.Store(true)
	_, err = c.Person(context.Background(), clTestID)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "did not answer within 40ms: nothing more came after 16 bytes") {
		t.Fatalf("stalled answer: %v", err)
	}
}

// TestTransferCeiling: however steady, an answer that goes on past the
// ceiling is cut, and the message says so.
func TestTransferCeiling(t *testing.T) {
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"path":"`)
		for r.Context().Err() == nil {
			fmt.Fprint(w, "x")
			w.(http.Flusher).Flush()
			time.Sleep(2 * time.Millisecond)
		}
	}, WithTimeout(time.Second), WithMaxTransferTime(50*time.Millisecond), WithMaxRetries(0))
	_, err := c.Person(context.Background(), clTestID)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "was still sending after 50ms") {
		t.Fatalf("err = %v", err)
	}
}

// TestFlakyReadsRetried: 502, 504, a reset connection and a body cut short
// are retried like a 503, without slowing the limiter (they are not the
// burst limit), up to the retry budget.
func TestFlakyReadsRetried(t *testing.T) {
	doc := `{"path":"/` + clTestID + `/works","group":[]}`
	faults := map[string]func(w http.ResponseWriter){
		"502": func(w http.ResponseWriter) { http.Error(w, "bad gateway", http.StatusBadGateway) },
		"504": func(w http.ResponseWriter) { http.Error(w, "gateway timeout", http.StatusGatewayTimeout) },
		"reset": func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", fmt.Sprint(len(doc)))
			fmt.Fprint(w, doc[:10])
			w.(http.Flusher).Flush()
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
		},
		"reset before the answer": func(w http.ResponseWriter) {
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
		},
		"truncated": func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, doc[:len(doc)/2])
		},
	}
	for name, fault := range faults {
		for _, failures := range []int{2, 3} {
			var n atomic.Int32
			c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) <= int32(failures) {
					fault(w)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, doc)
			}, WithMaxRetries(2))
			_, err := c.Works(context.Background(), clTestID)
			s := c.Stats()
			if failures == 2 && (err != nil || s.Sent != 3 || s.Retried != 2) {
				t.Errorf("%s ×2: err = %v, stats %+v; want success on the 3rd request", name, err, s)
			}
			if failures == 3 && (err == nil || s.Sent != 3) {
				t.Errorf("%s ×3: err = %v, %d sent; want an error after 3 requests", name, err, s.Sent)
			}
			if s.Effective != s.Limit || s.Status503 != 0 {
				t.Errorf("%s: the limiter slowed to %v (limit %v)", name, s.Effective, s.Limit)
			}
		}
	}
}

// TestBodyCapPerEndpoint: the cap is sized per endpoint from ORCID's
// ceilings, and a body over it names the endpoint and the sizes.
func TestBodyCapPerEndpoint(t *testing.T) {
	tests := []struct {
		path  string
		name  string
		limit int64
	}{
		{RecordPath(clTestID), "/record", recordBudget},
		{WorksPath(clTestID), "/works", recordBudget},
		{WorksBulkPath(clTestID, []int64{1, 2, 3}), "the bulk read of 3 full works (/works/…)", errorBodyLimit + 3*fullWorkBudget},
		{PersonPath(clTestID), "/person", sectionBudget},
		{WorkPath(clTestID, 7), "/work/…", itemBudget + fullWorkBudget},
		{ExpandedSearchPath(SearchParams{Query: "x", Rows: 1000}), "/expanded-search", sectionBudget + 1000*hitBudget},
		{SearchPath(SearchParams{Query: "x"}), "/search", sectionBudget + DefaultSearchRows*hitBudget},
	}
	for _, tt := range tests {
		ep := endpointOf(tt.path)
		if ep.name != tt.name || ep.limit != tt.limit {
			t.Errorf("%s: %q %d, want %q %d", tt.path, ep.name, ep.limit, tt.name, tt.limit)
		}
	}
	// A 10,000-work record in pretty JSON is about 27 MB: far below.
	if recordBudget < 4*27<<20 {
		t.Errorf("record budget %d leaves too little headroom", recordBudget)
	}
	for _, announced := range []bool{true, false} {
		c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			if announced {
				w.Header().Set("Content-Length", "4096")
			}
			fmt.Fprint(w, `{"path":"`+strings.Repeat("a", 4096-11)+`"}`)
		}, WithMaxBodySize(1024))
		_, err := c.Person(context.Background(), clTestID)
		want := "the answer for /person is more than 1 KiB, over the 1 KiB this client reads for it"
		if announced {
			want = "the answer for /person is 4 KiB announced, over the 1 KiB this client reads for it"
		}
		if !errors.Is(err, ErrBodyTooLarge) || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "ORCID API?") {
			t.Errorf("announced=%v: %v", announced, err)
		}
	}
}

// TestDecodeErrorNamesField: a body that does not decode names where and
// why, and what decoded around a wrong type is kept.
func TestDecodeErrorNamesField(t *testing.T) {
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"path":"/x/works","group":[{"work-summary":[{"put-code":"twelve"}]}]}`)
	})
	var v Works
	_, err := c.getJSON(context.Background(), WorksPath(clTestID), &v)
	var de *DecodeError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "group.work-summary.put-code") {
		t.Fatalf("err = %v", err)
	}
	if v.Path != "/x/works" {
		t.Errorf("what decoded was lost: %+v", v)
	}
	// The typed read returns what decoded along with the error.
	w, err := c.Works(context.Background(), clTestID)
	if !errors.As(err, &de) || w == nil || w.Path != "/x/works" || len(w.Group) != 1 {
		t.Errorf("Works = %+v, %v; want what decoded and the DecodeError", w, err)
	}
}

// Test429Wording: ORCID's whole 429 text is kept (it ends with the URL
// that says how to raise the quota), and a 429 asking to wait a few
// seconds is not a used-up daily quota.
func Test429Wording(t *testing.T) {
	const quota = "Too Many Requests. You have exceeded the daily quota for anonymous usage of this API. You can increase your daily quota by registering for and using Public API client credentials (https://info.orcid.org/documentation/integration-guide/registering-a-public-api-client/)"
	for _, retryAfter := range []string{"", "5"} {
		c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, quota)
		})
		_, err := c.Record(context.Background(), clTestID)
		msg := err.Error()
		switch retryAfter {
		case "":
			if !strings.Contains(msg, "registering-a-public-api-client/)") || !strings.Contains(msg, "Try again tomorrow") {
				t.Errorf("quota: %q", msg)
			}
		default:
			if strings.Contains(msg, "tomorrow") || !strings.Contains(msg, "It asked to wait 5s") || !errors.Is(err, ErrQuotaExceeded) {
				t.Errorf("Retry-After 5: %q", msg)
			}
		}
	}
}

// TestExpandedSearchPagesAnonymousCeiling: 50,000 hits found; a caller
// without a token gets every hit ORCID lets it page to — 11,000 in 11
// requests of 1,000 (start 0 to 10,000), each page handed over as it
// arrives — and no request past the limit.
func TestExpandedSearchPagesAnonymousCeiling(t *testing.T) {
	var calls atomic.Int32
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		q := r.URL.Query()
		var start, rows int
		fmt.Sscan(q.Get("start"), &start)
		fmt.Sscan(q.Get("rows"), &rows)
		if start > MaxAnonymousStart || rows != MaxRows {
			t.Errorf("asked for start %d rows %d", start, rows)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"num-found":50000,"expanded-result":[`)
		for i := start; i < start+rows; i++ {
			if i > start {
				fmt.Fprint(w, ",")
			}
			fmt.Fprintf(w, `{"orcid-id":"%d"}`, i)
		}
		fmt.Fprint(w, `]}`)
	})
	seen := 0
	err := c.ExpandedSearchPages(context.Background(), "x", PageOptions{}, func(res *ExpandedSearchResult) error {
		if res.ExpandedResult[0].ORCIDID != fmt.Sprint(seen) {
			t.Errorf("page starts at %s, want %d", res.ExpandedResult[0].ORCIDID, seen)
		}
		seen += len(res.ExpandedResult)
		return nil
	})
	if err != nil || seen != 11000 || calls.Load() != 11 {
		t.Errorf("%d hits in %d requests, %v; want 11000 in 11", seen, calls.Load(), err)
	}
}
