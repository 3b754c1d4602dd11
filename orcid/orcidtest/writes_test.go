package orcidtest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

func workJSON(title, doi string) string {
	return fmt.Sprintf(`{"title":{"title":{"value":%q}},"type":"journal-article","external-ids":{"external-id":[{"external-id-type":"doi","external-id-value":%q,"external-id-relationship":"self"}]}}`, title, doi)
}

// apiSend is apiDo with a chosen Content-Type and Accept.
func apiSend(t *testing.T, s *Server, method, path, token, ctype, accept, body string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(method, s.URL()+path, strings.NewReader(body))
	req.Header.Set("Accept", accept)
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := noRedirect().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestWriteRequestShapes(t *testing.T) {
	s := NewServer()
	defer s.Close()
	tok, _ := s.IssueToken(DemoClientID, CarberryID, "/read-limited", "/activities/update", "/person/update")
	const j, x = "application/vnd.orcid+json", "application/vnd.orcid+xml"
	base := "/api/v3.0/" + CarberryID
	var bulk101 strings.Builder
	bulk101.WriteString(`{"bulk":[`)
	for i := range 101 {
		if i > 0 {
			bulk101.WriteString(",")
		}
		fmt.Fprintf(&bulk101, `{"work":%s}`, workJSON("B", fmt.Sprintf("10.5555/b%d", i)))
	}
	bulk101.WriteString("]}")
	tests := []struct {
		name, method, path, ctype, accept, body string
		status                                  int
		want                                    string
	}{
		{"plain text body", "POST", base + "/work", "text/plain", j, "hello", 415, "9001"},
		{"broken JSON", "POST", base + "/work", j, j, `{"title":`, 400, "9047"},
		{"broken XML", "POST", base + "/work", x, j, `<work:work`, 400, "9020"},
		{"XML work, XML answer on error", "POST", base + "/work", x, x,
			`<work:work xmlns:work="http://www.orcid.org/ns/work" xmlns:common="http://www.orcid.org/ns/common"><work:type>book</work:type></work:work>`, 400, "<error:error-code>9022</error:error-code>"},
		{"XML work added", "POST", base + "/work", x, x,
			`<work:work xmlns:work="http://www.orcid.org/ns/work" xmlns:common="http://www.orcid.org/ns/common"><work:title><common:title>X</common:title></work:title><work:type>book</work:type><common:external-ids><common:external-id><common:external-id-type>isbn</common:external-id-type><common:external-id-value>978-3-16-148410-0</common:external-id-value><common:external-id-relationship>self</common:external-id-relationship></common:external-id></common:external-ids></work:work>`, 201, ""},
		{"101 works in one bulk", "POST", base + "/works", j, j, bulk101.String(), 400, "Bulk size"},
		{"XML bulk answer", "POST", base + "/works", j, x, `{"bulk":[{"work":` + workJSON("XB", "10.5555/xb") + `},{"work":{"type":"book"}}]}`, 200, "<error:error-code>9022</error:error-code>"},
		{"a bulk list sent to /work", "POST", base + "/work", j, j, `{"bulk":[{"work":` + workJSON("M", "10.5555/m") + `}]}`, 400, "argument type mismatch"},
		{"one work sent to /works", "POST", base + "/works", j, j, workJSON("M", "10.5555/m"), 400, "argument type mismatch"},
		{"unknown section", "POST", base + "/peer-reviewz", j, j, "{}", 405, ""},
		{"non-numeric put-code", "PUT", base + "/work/abc", j, j, "{}", 400, "9006"},
		{"unknown record", "POST", "/api/v3.0/" + UnknownID + "/work", j, j, workJSON("U", "10.5555/u"), 404, "9016"},
		{"public API", "POST", "/pub/v3.0/" + CarberryID + "/work", j, j, workJSON("P", "10.5555/p"), 405, ""},
		{"keyword in XML", "POST", base + "/keywords", x, j, `<keyword:keyword xmlns:keyword="http://www.orcid.org/ns/keyword"><keyword:content>kw</keyword:content></keyword:keyword>`, 201, ""},
		{"address with a bad country", "POST", base + "/address", j, j, `{"country":{"value":"Britain"}}`, 400, "9006"},
		{"funding of an unknown type", "POST", base + "/funding", j, j, `{"type":"gift","title":{"title":{"value":"F"}}}`, 400, "9037"},
	}
	for _, tc := range tests {
		resp, body := apiSend(t, s, tc.method, tc.path, tok, tc.ctype, tc.accept, tc.body)
		if resp.StatusCode != tc.status || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d %.300s", tc.name, resp.StatusCode, body)
		}
	}
}

// A work's put-code is not another kind's: PUT /funding/{a work's
// put-code} is 404, and a deleted work is gone from reads by put-code.
func TestWritePutCodesAreTyped(t *testing.T) {
	s := NewServer()
	defer s.Close()
	tok, _ := s.IssueToken(DemoClientID, CarberryID, "/read-limited", "/activities/update")
	resp, _ := apiDo(t, s, "POST", "/api/v3.0/"+CarberryID+"/work", tok, workJSON("W", "10.5555/w"))
	loc := resp.Header.Get("Location")
	pc := loc[strings.LastIndex(loc, "/")+1:]
	if r, _ := apiDo(t, s, "PUT", "/api/v3.0/"+CarberryID+"/funding/"+pc, tok, `{"put-code":`+pc+`,"type":"grant","title":{"title":{"value":"F"}}}`); r.StatusCode != 404 {
		t.Errorf("PUT /funding/%s: %d", pc, r.StatusCode)
	}
	if r, _ := apiDo(t, s, "GET", "/api/v3.0/"+CarberryID+"/work/"+pc, tok, ""); r.StatusCode != 200 {
		t.Errorf("GET the work: %d", r.StatusCode)
	}
	if r, _ := apiDo(t, s, "DELETE", "/api/v3.0/"+CarberryID+"/work/"+pc, tok, ""); r.StatusCode != 204 {
		t.Errorf("DELETE: %d", r.StatusCode)
	}
	if r, _ := apiDo(t, s, "GET", "/api/v3.0/"+CarberryID+"/work/"+pc, tok, ""); r.StatusCode != 404 {
		t.Errorf("GET after DELETE: %d", r.StatusCode)
	}
	if r, _ := apiDo(t, s, "DELETE", "/api/v3.0/"+CarberryID+"/work/"+pc, tok, ""); r.StatusCode != 404 {
		t.Errorf("second DELETE: %d", r.StatusCode)
	}
}

// Concurrent writes and reads: every add gets its own put-code and every
// work shows (run with -race).
func TestConcurrentWrites(t *testing.T) {
	s := NewServer()
	defer s.Close()
	tok, _ := s.IssueToken(DemoClientID, CarberryID, "/read-limited", "/activities/update")
	const n = 24
	var wg sync.WaitGroup
	locs := make([]string, n)
	for i := range n {
		wg.Add(2)
		go func() {
			defer wg.Done()
			resp, body := apiDo(t, s, "POST", "/api/v3.0/"+CarberryID+"/work", tok, workJSON(fmt.Sprintf("C%d", i), fmt.Sprintf("10.5555/c%d", i)))
			if resp.StatusCode != 201 {
				t.Errorf("add %d: %d %s", i, resp.StatusCode, body)
			}
			locs[i] = resp.Header.Get("Location")
		}()
		go func() {
			defer wg.Done()
			if resp, _ := apiDo(t, s, "GET", "/api/v3.0/"+CarberryID+"/record", tok, ""); resp.StatusCode != 200 {
				t.Errorf("read: %d", resp.StatusCode)
			}
		}()
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, l := range locs {
		if l == "" || seen[l] {
			t.Errorf("Location %q repeated or missing", l)
		}
		seen[l] = true
	}
	_, body := apiDo(t, s, "GET", "/api/v3.0/"+CarberryID+"/works", tok, "")
	for i := range n {
		if !strings.Contains(body, fmt.Sprintf(`"value": "C%d"`, i)) {
			t.Errorf("work C%d is not in /works", i)
		}
	}
}

// BenchmarkWorksWithWrites reads /works of the 2,500-work record as it is
// and after 250 works were written to it (merged into the groups on every
// read): the merge should cost little next to encoding the answer.
func BenchmarkWorksWithWrites(b *testing.B) {
	for _, n := range []int{0, 250} {
		b.Run(fmt.Sprintf("writes=%d", n), func(b *testing.B) {
			s := NewHandler(WithBaseURL("http://127.0.0.1:1"))
			tok, _ := s.IssueToken(DemoClientID, BigRecordID, "/read-limited", "/activities/update")
			h := s.Handler()
			for i := range n {
				req := httptest.NewRequest("POST", "/api/v3.0/"+BigRecordID+"/work", strings.NewReader(workJSON(fmt.Sprintf("W%d", i), fmt.Sprintf("10.5555/bench.%d", i))))
				req.Header.Set("Content-Type", "application/vnd.orcid+json")
				req.Header.Set("Authorization", "Bearer "+tok)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != 201 {
					b.Fatalf("add %d: %d %s", i, rec.Code, rec.Body)
				}
			}
			for b.Loop() {
				req := httptest.NewRequest("GET", "/api/v3.0/"+BigRecordID+"/works", nil)
				req.Header.Set("Accept", "application/json")
				req.Header.Set("Authorization", "Bearer "+tok)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatal(rec.Code)
				}
			}
		})
	}
}
