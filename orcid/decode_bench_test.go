package orcid

import (
	"encoding/json"
	"fmt"
	"testing"
)

// Benchmarks of decoding large bodies; the documents are generated here in
// ORCID's shape (ORCID-style explicit nulls included), not read from fixtures.

// decGenWorks returns a /works body with n groups, one or two summaries each.
func decGenWorks(n int) []byte {
	v := func(s string) *Value { return &Value{Value: s} }
	ts := &Timestamp{Millis: 1580821752178}
	src := &Source{SourceClientID: &Identifier{URI: "https://orcid.org/client/0000-0001-9884-1913", Path: "0000-0001-9884-1913", Host: "orcid.org"},
		SourceName: v("Crossref")}
	w := &Works{LastModifiedDate: ts, Path: "/0000-0002-1825-0097/works", Group: make([]WorkGroup, n)}
	for i := range w.Group {
		doi := fmt.Sprintf("10.5555/bench.%06d", i)
		ids := &ExternalIDs{ExternalID: []ExternalID{{Type: "doi", Value: doi, Normalized: &Value{Value: doi, Transient: true},
			URL: v("https://doi.org/" + doi), Relationship: "self"}}}
		sums := 1 + i%2
		g := WorkGroup{LastModifiedDate: ts, ExternalIDs: ids, WorkSummary: make([]WorkSummary, sums)}
		for j := range g.WorkSummary {
			pc := int64(1_000_000 + i*2 + j)
			g.WorkSummary[j] = WorkSummary{PutCode: pc, CreatedDate: ts, LastModified: ts, Source: src,
				Title:       &WorkTitle{Title: v(fmt.Sprintf("On the psychoceramics of sample %d — a réview", i))},
				ExternalIDs: ids, URL: v("https://doi.org/" + doi), Type: "journal-article",
				PublicationDate: &FuzzyDate{Year: v(fmt.Sprint(1990 + i%35)), Month: v("02"), Day: v("04")},
				JournalTitle:    v("Journal of Psychoceramics"), Visibility: "public",
				Path: fmt.Sprintf("/0000-0002-1825-0097/work/%d", pc), DisplayIndex: "0"}
		}
		w.Group[i] = g
	}
	b, err := json.Marshal(w)
	if err != nil {
		panic(err)
	}
	return b
}

// decGenBulk returns a bulk body with n full works (five contributors each)
// and one error element at the end, as ORCID appends missing put-codes.
func decGenBulk(n int) []byte {
	b := WorkBulk{}
	for i := 0; i < n; i++ {
		w := sampleWork(int64(2_000_000 + i))
		for k := 0; k < 3; k++ {
			w.Contributors.Contributor = append(w.Contributors.Contributor, Contributor{
				CreditName:            &Value{Value: fmt.Sprintf("Author %d-%d", i, k)},
				ContributorAttributes: &ContributorAttributes{Sequence: "additional", Role: "author"}})
		}
		b.Bulk = append(b.Bulk, BulkItem{Work: w})
	}
	b.Bulk = append(b.Bulk, BulkItem{Error: &ErrorDocument{ResponseCode: 404, ErrorCode: 9016,
		DeveloperMessage: "404 Not Found: The resource was not found.", UserMessage: "The resource was not found."}})
	out, err := json.Marshal(&b)
	if err != nil {
		panic(err)
	}
	return out
}

func BenchmarkDecodeWorks(b *testing.B) {
	data := decGenWorks(2500)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var w Works
		if err := json.Unmarshal(data, &w); err != nil {
			b.Fatal(err)
		}
		if w.Count() != 2500 {
			b.Fatalf("%d groups", w.Count())
		}
	}
}

func BenchmarkDecodeBulk(b *testing.B) {
	data := decGenBulk(100)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var w WorkBulk
		if err := json.Unmarshal(data, &w); err != nil {
			b.Fatal(err)
		}
		if len(w.Bulk) != 101 {
			b.Fatalf("%d items", len(w.Bulk))
		}
	}
}

// TestDecodeGeneratedBodies keeps the benchmark generators honest.
func TestDecodeGeneratedBodies(t *testing.T) {
	var w Works
	if err := json.Unmarshal(decGenWorks(10), &w); err != nil {
		t.Fatal(err)
	}
	if w.Count() != 10 || len(w.PutCodes()) != 10 || w.Group[3].Preferred().DOI() != "10.5555/bench.000003" || len(w.Group[1].WorkSummary) != 2 {
		t.Errorf("generated works decode wrong: %d groups", w.Count())
	}
	var bulk WorkBulk
	if err := json.Unmarshal(decGenBulk(3), &bulk); err != nil {
		t.Fatal(err)
	}
	if len(bulk.Bulk) != 4 || bulk.Bulk[3].Error == nil || len(bulk.Bulk[0].Work.Contributors.Contributor) != 5 {
		t.Errorf("generated bulk decodes wrong: %+v", bulk.Bulk)
	}
}
