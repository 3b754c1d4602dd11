package orcidtest

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkBuildBigRecord builds the 2,500-work record (done once per
// Server, on first use).
func BenchmarkBuildBigRecord(b *testing.B) {
	p, pc, _ := theData().lookup(BigRecordID)
	st := site{base: "http://127.0.0.1:1", host: "127.0.0.1:1"}
	for b.Loop() {
		build(st, p, pc)
	}
}

// BenchmarkSearchIndex builds the search index (done once per process).
func BenchmarkSearchIndex(b *testing.B) {
	d := theData()
	for b.Loop() {
		n := 0
		for _, p := range d.hand {
			makeDoc(p, n)
			n++
		}
		for i := 0; i < SyntheticPeople; i++ {
			makeDoc(synthetic(i), n)
			n++
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	theIndex()
	for _, q := range []string{"family-name:smith", `{!edismax qf="given-and-family-names^50.0 family-name^10.0 given-names^10.0 credit-name^10.0 other-names^5.0 text^1.0" pf="given-and-family-names^50.0" mm=1}josiah carberry`} {
		b.Run(q[:10], func(b *testing.B) {
			for b.Loop() {
				if _, err := runSearch(q, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkNewHandlerAndRecord(b *testing.B) {
	for b.Loop() {
		s := NewHandler(WithBaseURL("http://127.0.0.1:1"))
		req := httptest.NewRequest("GET", "/pub/v3.0/"+CarberryID+"/record", nil)
		req.Header.Set("Accept", "application/json")
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}
