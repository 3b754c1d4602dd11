package orcid

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"sync"
	"testing"
)

// TestRecordCopy: RecordCopy asks for compact JSON, decodes the record as
// json.Unmarshal would, and hands the caller exactly the bytes sent; a read
// cut short and sent again copies into a fresh writer, so what is kept is
// the whole second answer, not the first one's start followed by it.
func TestRecordCopy(t *testing.T) {
	doc := []byte(`{"orcid-identifier":{"path":"0000-0002-1825-0097"},"person":{"name":{"family-name":{"value":"Carberry"}}},` +
		`"activities-summary":{"works":{"group":[{"work-summary":[{"put-code":1,"title":{"title":{"value":"One"}}}]},{"work-summary":[{"put-code":2}]}]}},"path":"/0000-0002-1825-0097"}`)
	var want Record
	if err := json.Unmarshal(doc, &want); err != nil {
		t.Fatal(err)
	}
	for _, cut := range []bool{false, true} {
		t.Run("cut="+strconv.FormatBool(cut), func(t *testing.T) {
			var mu sync.Mutex
			var accepts []string
			c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				accepts = append(accepts, r.Header.Get("Accept"))
				first := len(accepts) == 1
				mu.Unlock()
				w.Header().Set("Content-Type", "application/json;charset=UTF-8")
				w.Header().Set("Content-Length", strconv.Itoa(len(doc)))
				if cut && first {
					w.Write(doc[:len(doc)/2]) // the connection closes short of Content-Length
					return
				}
				w.Write(doc)
			})
			var sinks []*bytes.Buffer
			rec, body, err := c.RecordCopy(context.Background(), clTestID, func() io.Writer {
				b := new(bytes.Buffer)
				sinks = append(sinks, b)
				return b
			})
			if err != nil {
				t.Fatal(err)
			}
			attempts := map[bool]int{false: 1, true: 2}[cut]
			if len(accepts) != attempts || len(sinks) != attempts {
				t.Fatalf("%d requests, %d writers; want %d of each", len(accepts), len(sinks), attempts)
			}
			for _, a := range accepts {
				if a != "application/json" {
					t.Errorf("Accept %q, want compact JSON", a)
				}
			}
			if got := sinks[len(sinks)-1].Bytes(); !bytes.Equal(got, doc) {
				t.Errorf("kept %d bytes %q, want the %d sent", len(got), got, len(doc))
			}
			if !reflect.DeepEqual(rec, &want) {
				t.Errorf("record differs from json.Unmarshal's: %+v", rec)
			}
			if body == nil || body.ContentType != "application/json;charset=UTF-8" || body.StatusCode != 200 || body.URL != c.URL(RecordPath(clTestID)) || body.Data != nil {
				t.Errorf("body = %+v, want the answer's URL, status and type and no data (it went to the writer)", body)
			}
		})
	}
}

// TestRecordCopyError: an error answer is read whole into the Body, as for
// Get, and nothing is decoded.
func TestRecordCopyError(t *testing.T) {
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte(`{"response-code":404,"developer-message":"404 Not Found: The resource was not found.","error-code":9016}`))
	})
	copied := 0
	rec, body, err := c.RecordCopy(context.Background(), clTestID, func() io.Writer { copied++; return io.Discard })
	if err == nil || rec != nil {
		t.Fatalf("rec %v, err %v: want an error and no record", rec, err)
	}
	if body == nil || body.StatusCode != http.StatusNotFound || !bytes.Contains(body.Data, []byte("9016")) {
		t.Errorf("body = %+v, want ORCID's error document", body)
	}
	if copied != 0 {
		t.Errorf("an error answer was copied to %d writers", copied)
	}
}
