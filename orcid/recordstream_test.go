package orcid

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestDecodeRecordSameAsUnmarshal: the streaming record decoder gives the
// same Record as json.Unmarshal, and hands over every group in order.
func TestDecodeRecordSameAsUnmarshal(t *testing.T) {
	data, err := os.ReadFile("../../shared/fixtures/orcid/record-full-3.0.json")
	if err != nil {
		t.Skip("fixture not available:", err)
	}
	var want Record
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	var got Record
	var handed []int64
	if err := decodeRecord(strings.NewReader(string(data)), &got, func(g *WorkGroup) {
		handed = append(handed, g.Preferred().PutCode)
	}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("streamed record differs from json.Unmarshal's")
	}
	if pcs := want.ActivitiesSummary.Works.PutCodes(); len(pcs) == 0 || !reflect.DeepEqual(handed, pcs) {
		t.Errorf("handed %v, want %v", handed, pcs)
	}
}

// TestDecodeRecordKeepsWhatDecoded: a wrong type is named with its field
// and everything around it is kept; a syntax error keeps what came before.
func TestDecodeRecordKeepsWhatDecoded(t *testing.T) {
	doc := `{"path":"/x","activities-summary":{"works":{"group":[{"work-summary":[{"put-code":1}]},{"work-summary":[{"put-code":"two"}]},{"work-summary":[{"put-code":3}]}]}},"history":{"claimed":true}}`
	var rec Record
	err := decodeRecord(strings.NewReader(doc), &rec, func(*WorkGroup) {})
	var de *DecodeError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "at activities-summary.works.group[1].work-summary.put-code") {
		t.Fatalf("err = %v", err)
	}
	if rec.Path != "/x" || rec.History == nil || len(rec.ActivitiesSummary.Works.Group) != 3 || rec.ActivitiesSummary.Works.Group[2].WorkSummary[0].PutCode != 3 {
		t.Errorf("what decoded was not kept: %+v", rec)
	}
	rec = Record{}
	err = decodeRecord(strings.NewReader(doc[:120]), &rec, func(*WorkGroup) {})
	if !errors.As(err, &de) || len(rec.ActivitiesSummary.Works.Group) != 1 {
		t.Errorf("cut document: err = %v, %d groups kept", err, len(rec.ActivitiesSummary.Works.Group))
	}
}

// TestRecordWithFullWorksStartsEarly: the first bulk read goes out while
// the record is still arriving. The server sends the first 150 groups and
// then holds the rest of the record back until a bulk read has come in:
// a client that waited for the whole record would never get it.
func TestRecordWithFullWorksStartsEarly(t *testing.T) {
	const groups = 250
	bulkSeen := make(chan struct{})
	var once atomic.Bool
	var calls atomic.Int32
	bulk := clBulkHandler(t, &calls)
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/works/") {
			if once.CompareAndSwap(false, true) {
				close(bulkSeen)
			}
			bulk(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"path":"/`+clTestID+`","activities-summary":{"works":{"group":[`)
		for i := 1; i <= groups; i++ {
			if i > 1 {
				fmt.Fprint(w, ",")
			}
			if i == 151 {
				w.(http.Flusher).Flush()
				select {
				case <-bulkSeen:
				case <-time.After(10 * time.Second):
					t.Error("no bulk read while the record was held back")
				}
			}
			fmt.Fprintf(w, `{"work-summary":[{"put-code":%d}]}`, i)
		}
		fmt.Fprint(w, `]}}}`)
	}, WithTimeout(time.Minute))
	var last BulkProgress
	rec, fw, err := c.RecordWithFullWorks(context.Background(), clTestID, func(p BulkProgress) { last = p })
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.ActivitiesSummary.Works.Group) != groups || len(fw.Works) != groups || fw.Requests != 3 || calls.Load() != 3 {
		t.Errorf("%d groups, %d works, %d bulk requests (%d served)", len(rec.ActivitiesSummary.Works.Group), len(fw.Works), fw.Requests, calls.Load())
	}
	for i, w := range fw.Works {
		if pc := int64(i + 1); pc%7 != 0 && (w == nil || w.PutCode != pc) {
			t.Fatalf("work %d: %+v", i, w)
		}
	}
	if !last.Final || last.Done != 3 || last.Batches != 3 || last.Works != groups || last.WorksDone != groups {
		t.Errorf("last progress %+v", last)
	}
}
