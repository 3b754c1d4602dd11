package orcid

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// clBulkHandler answers bulk reads like ORCID: works first, then one error
// element per unknown put-code (those divisible by 7), with the works in
// reverse order so the client must match by put-code.
func clBulkHandler(t *testing.T, calls *atomic.Int32) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		_, list, ok := strings.Cut(r.URL.Path, "/works/")
		if !ok {
			t.Errorf("unexpected path %s", r.URL.Path)
			return
		}
		var works, errs []any
		codes := strings.Split(list, ",")
		if len(codes) > 100 {
			w.WriteHeader(400)
			fmt.Fprint(w, `{"response-code":400,"error-code":9042}`)
			return
		}
		for _, s := range codes {
			pc, _ := strconv.ParseInt(s, 10, 64)
			if pc%7 == 0 {
				errs = append(errs, map[string]any{"error": map[string]any{
					"response-code": 404, "error-code": 9016, "developer-message": "404 Not Found: no work " + s}})
				continue
			}
			works = append(works, map[string]any{"work": map[string]any{"put-code": pc, "type": "journal-article"}})
		}
		slices.Reverse(works)
		w.Header().Set("Content-Type", "application/vnd.orcid+json")
		json.NewEncoder(w).Encode(map[string]any{"bulk": append(works, errs...)})
	}
}

func TestWorksBulkLimit(t *testing.T) {
	var calls atomic.Int32
	c, _ := clServer(t, clBulkHandler(t, &calls))
	pcs := make([]int64, 101)
	for i := range pcs {
		pcs[i] = int64(i + 1)
	}
	if _, err := c.WorksBulk(context.Background(), clTestID, pcs); !errors.Is(err, ErrTooManyPutCodes) {
		t.Errorf("101 put-codes: err = %v", err)
	}
	if _, err := c.WorksBulk(context.Background(), clTestID, nil); err == nil {
		t.Error("no put-codes accepted")
	}
	if calls.Load() != 0 {
		t.Errorf("%d requests sent", calls.Load())
	}
	b, err := c.WorksBulk(context.Background(), clTestID, pcs[:100])
	if err != nil || len(b.Bulk) != 100 {
		t.Fatalf("WorksBulk(100) = %v items, %v", b, err)
	}
}

func TestAllFullWorks(t *testing.T) {
	var calls atomic.Int32
	c, _ := clServer(t, clBulkHandler(t, &calls), WithBulkWorkers(3))
	var pcs []int64
	for i := 250; i > 0; i-- { // record order is not numeric order
		pcs = append(pcs, int64(i*3+1000))
	}
	fw, err := c.AllFullWorks(context.Background(), clTestID, pcs)
	if err != nil {
		t.Fatal(err)
	}
	if fw.Requests != 3 || calls.Load() != 3 {
		t.Errorf("requests = %d (server saw %d), want 3", fw.Requests, calls.Load())
	}
	var wantFailed []int64
	for i, pc := range pcs {
		if pc%7 == 0 {
			wantFailed = append(wantFailed, pc)
			if fw.Works[i] != nil {
				t.Errorf("slot %d (put-code %d) should be empty", i, pc)
			}
			continue
		}
		if fw.Works[i] == nil || fw.Works[i].PutCode != pc {
			t.Fatalf("slot %d = %+v, want put-code %d", i, fw.Works[i], pc)
		}
	}
	var gotFailed []int64
	for _, f := range fw.Failed {
		gotFailed = append(gotFailed, f.PutCode)
		if f.Err == nil || f.Err.ErrorCode != 9016 || !strings.Contains(f.Err.DeveloperMessage, strconv.FormatInt(f.PutCode, 10)) {
			t.Errorf("failure %d paired with %+v", f.PutCode, f.Err)
		}
	}
	if !slices.Equal(gotFailed, wantFailed) {
		t.Errorf("failed = %v, want %v", gotFailed, wantFailed)
	}
}

// TestAllFullWorksRequestFails: when every bulk read fails, the load stops
// after maxFailedBatches of them, and the error names every put-code
// missing.
func TestAllFullWorksRequestFails(t *testing.T) {
	var calls atomic.Int32
	c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(500)
		fmt.Fprint(w, "<h1>oops</h1>")
	}, WithBulkWorkers(1))
	pcs := make([]int64, 500)
	for i := range pcs {
		pcs[i] = int64(i + 1)
	}
	fw, err := c.AllFullWorks(context.Background(), clTestID, pcs)
	var be *BadResponseError
	var bulk *BulkError
	if !errors.As(err, &be) || !errors.As(err, &bulk) || !strings.Contains(err.Error(), "500 of 500 full works could not be loaded: loading works 1–100 of 500") {
		t.Fatalf("err = %v", err)
	}
	if !slices.Equal(bulk.Missing, pcs) || bulk.Total != 500 {
		t.Errorf("missing %d of %d", len(bulk.Missing), bulk.Total)
	}
	if fw == nil || calls.Load() != maxFailedBatches {
		t.Errorf("fw = %v, %d calls; want a result and no more than %d requests", fw, calls.Load(), maxFailedBatches)
	}
}

// TestAllFullWorksKeepsWhatLoaded: one failed bulk read does not throw the
// others away. It is sent again after them; when that works nothing is
// missing, and when it fails again the other works are there and the
// error names exactly its put-codes.
func TestAllFullWorksKeepsWhatLoaded(t *testing.T) {
	for _, failures := range []int32{1, 2} {
		var calls, bad atomic.Int32
		ok := clBulkHandler(t, &calls)
		c, _ := clServer(t, func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.Path, "/works/101,") && bad.Add(1) <= failures {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(500)
				fmt.Fprint(w, `{"response-code":500,"developer-message":"boom","error-code":9999}`)
				return
			}
			ok(w, r)
		}, WithBulkWorkers(2))
		pcs := make([]int64, 300)
		for i := range pcs {
			pcs[i] = int64(i + 1)
		}
		fw, err := c.AllFullWorks(context.Background(), clTestID, pcs)
		loaded := 0
		for _, w := range fw.Works {
			if w != nil {
				loaded++
			}
		}
		if failures == 1 {
			if err != nil || loaded+len(fw.Failed) != 300 || bad.Load() != 2 {
				t.Errorf("one failure: err = %v, %d loaded, batch sent %d times", err, loaded, bad.Load())
			}
			continue
		}
		var bulk *BulkError
		if !errors.As(err, &bulk) || !slices.Equal(bulk.Missing, pcs[100:200]) || bad.Load() != 2 {
			t.Fatalf("two failures: err = %v, batch sent %d times", err, bad.Load())
		}
		for i, w := range fw.Works {
			if (w == nil) != (i >= 100 && i < 200) && !slices.ContainsFunc(fw.Failed, func(f BulkFailure) bool { return f.PutCode == pcs[i] }) {
				t.Fatalf("work %d: %v", i, w)
			}
		}
	}
}

func TestPlaceBulkMissingEverything(t *testing.T) {
	slots := make([]*Work, 2)
	failed := placeBulk(&WorkBulk{}, []int64{1, 2}, slots)
	if len(failed) != 2 || failed[0].Err == nil || failed[1].PutCode != 2 {
		t.Errorf("failed = %+v", failed)
	}
}

func TestWorkPutCodes(t *testing.T) {
	w := &Works{Group: []WorkGroup{
		{WorkSummary: []WorkSummary{{PutCode: 5}, {PutCode: 3}}},
		{WorkSummary: []WorkSummary{{PutCode: 9}}},
	}}
	if got := WorkPutCodes(w); !slices.Equal(got, []int64{5, 3, 9}) {
		t.Errorf("WorkPutCodes = %v", got)
	}
	if WorkPutCodes(nil) != nil {
		t.Error("nil works")
	}
}
