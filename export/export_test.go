package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nickng/bibtex"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func newClient(t testing.TB) (*orcidtest.Server, *orcid.Client) {
	t.Helper()
	srv := orcidtest.NewServer()
	t.Cleanup(srv.Close)
	return srv, orcid.New(srv.Environment(), orcid.WithRateLimit(1000, 100), orcid.WithBackoff(time.Millisecond, 2*time.Millisecond))
}

func load(t testing.TB, c *orcid.Client, id string, opt Options) []*orcid.Work {
	t.Helper()
	l, err := Load(context.Background(), c, orcid.ID(id), opt)
	if err != nil {
		t.Fatalf("Load %s: %v", id, err)
	}
	if len(l.Failed) > 0 {
		t.Fatalf("Load %s: failed works %v", id, l.Failed)
	}
	return l.Works
}

// goldenCases are the records whose exports are kept in testdata: non-ASCII
// names and titles (all), a group of two summaries (carberry, and
// carberry-all with every version), a work with no date and one with 50
// contributors (sokolova).
var goldenCases = []struct {
	name string
	id   string
	opt  Options
}{
	{"carberry", orcidtest.CarberryID, Options{Owner: "Josiah Carberry"}},
	{"carberry-all", orcidtest.CarberryID, Options{AllVersions: true, Owner: "Josiah Carberry"}},
	{"angstrom", orcidtest.AngstromID, Options{Owner: "Zoë Ångström-Łukasiewicz"}},
	{"tanaka", orcidtest.TanakaID, Options{}},
	{"nunez", orcidtest.NunezID, Options{Owner: "José María Núñez"}},
	{"sokolova", orcidtest.SokolovaID, Options{Owner: "Ирина Соколова"}},
}

func render(t testing.TB, f Format, works []*orcid.Work, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, f, works, opt); err != nil {
		t.Fatalf("Write %s: %v", f, err)
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	_, c := newClient(t)
	for _, tc := range goldenCases {
		works := load(t, c, tc.id, tc.opt)
		for _, f := range Formats {
			t.Run(tc.name+"/"+string(f), func(t *testing.T) {
				got := render(t, f, works, tc.opt)
				path := filepath.Join("testdata", tc.name+f.Ext())
				if *update {
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./export -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s (go test ./export -update rewrites it):\n%s", f, path, got)
				}
				checkParses(t, f, got, prepare(works, tc.opt))
			})
		}
	}
}

// checkParses reads out with a real consumer of each format and checks
// that every work came through with its key and title.
func checkParses(t *testing.T, f Format, out []byte, entries []*entry) {
	t.Helper()
	switch f {
	case BibTeX:
		checkBibTeX(t, out, entries)
	case RIS:
		checkRIS(t, out, entries)
	case CSLJSON:
		checkCSL(t, out, entries)
	case CSV:
		checkCSV(t, out, entries)
	}
}

func checkBibTeX(t *testing.T, out []byte, entries []*entry) {
	t.Helper()
	bib, err := bibtex.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("BibTeX does not parse: %v\n%s", err, out)
	}
	if len(bib.Entries) != len(entries) {
		t.Fatalf("parsed %d BibTeX entries, want %d", len(bib.Entries), len(entries))
	}
	for i, be := range bib.Entries {
		e := entries[i]
		if be.CiteName != e.key {
			t.Errorf("entry %d: key %q, want %q", i, be.CiteName, e.key)
		}
		title, ok := be.Fields["title"]
		if !ok {
			t.Errorf("entry %s: no title", e.key)
			continue
		}
		if e.bibtex == "" && title.String() != latex(e.title) {
			t.Errorf("entry %s: title %q, want %q", e.key, title.String(), latex(e.title))
		}
		if e.bibtex == "" && be.Type != e.types.bibtex {
			t.Errorf("entry %s: type %q, want %q", e.key, be.Type, e.types.bibtex)
		}
		if n := len(e.authors); n > 0 && e.bibtex == "" {
			if got := len(strings.Split(be.Fields["author"].String(), " and ")); got != n {
				t.Errorf("entry %s: %d authors, want %d", e.key, got, n)
			}
		}
	}
}

func checkCSL(t *testing.T, out []byte, entries []*entry) {
	t.Helper()
	var items []map[string]any
	if err := json.Unmarshal(out, &items); err != nil {
		t.Fatalf("CSL-JSON does not decode: %v", err)
	}
	if len(items) != len(entries) {
		t.Fatalf("%d CSL items, want %d", len(items), len(entries))
	}
	seen := map[string]bool{}
	for i, it := range items {
		if err := validCSLItem(it); err != nil {
			t.Errorf("item %d: %v", i, err)
		}
		id, _ := it["id"].(string)
		if seen[id] {
			t.Errorf("item %d: id %q repeated", i, id)
		}
		seen[id] = true
		if id != entries[i].key {
			t.Errorf("item %d: id %q, want %q", i, id, entries[i].key)
		}
		if it["title"] != entries[i].title {
			t.Errorf("item %d: title %v, want %q", i, it["title"], entries[i].title)
		}
	}
}

func checkCSV(t *testing.T, out []byte, entries []*entry) {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	if len(rows) != len(entries)+1 {
		t.Fatalf("%d CSV rows, want header + %d", len(rows), len(entries))
	}
	if strings.Join(rows[0], ",") != strings.Join(CSVHeader, ",") {
		t.Errorf("header %v", rows[0])
	}
	for i, e := range entries {
		row := rows[i+1]
		if row[0] != strconv.FormatInt(e.putCode, 10) || row[3] != CSVCell(e.title) {
			t.Errorf("row %d: %v, want put-code %d title %q", i, row[:4], e.putCode, e.title)
		}
		if n := len(e.people); n > 0 && len(strings.Split(row[8], "; ")) != n {
			t.Errorf("row %d: contributors %q, want %d", i, row[8], n)
		}
	}
}

func TestAllFormatsParseForEveryVersionOfTheBigRecord(t *testing.T) {
	if testing.Short() {
		t.Skip("2,500 works")
	}
	_, c := newClient(t)
	opt := Options{AllVersions: true, Owner: "Amara Okonkwo"}
	works := load(t, c, orcidtest.BigRecordID, opt)
	entries := prepare(works, opt)
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) { checkParses(t, f, render(t, f, works, opt), entries) })
	}
}

// TestRequestCount: a 2,500-work record exports in 26 requests with every
// version (1 /works + 25 bulk reads), and in 1 + ⌈groups/100⌉ by default.
func TestRequestCount(t *testing.T) {
	srv, c := newClient(t)
	ws, err := c.Works(context.Background(), orcidtest.BigRecordID)
	if err != nil {
		t.Fatal(err)
	}
	groups := ws.Count()
	for _, tc := range []struct {
		opt  Options
		want int
	}{
		{Options{AllVersions: true}, 26},
		{Options{}, 1 + (groups+99)/100},
	} {
		srv.ResetRequests()
		l, err := Load(context.Background(), c, orcidtest.BigRecordID, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(srv.Requests()); got != tc.want || l.Requests != tc.want {
			t.Errorf("AllVersions=%v: the registry saw %d requests, Load counted %d; want %d", tc.opt.AllVersions, got, l.Requests, tc.want)
		}
		wantWorks := groups
		if tc.opt.AllVersions {
			wantWorks = orcidtest.BigRecordWorks
		}
		if len(l.Works) != wantWorks {
			t.Errorf("AllVersions=%v: %d works, want %d", tc.opt.AllVersions, len(l.Works), wantWorks)
		}
		for _, f := range Formats {
			if err := Write(&bytes.Buffer{}, f, l.Works, tc.opt); err != nil {
				t.Fatal(err)
			}
		}
		if got := len(srv.Requests()); got != tc.want {
			t.Errorf("writing made requests: %d, want %d", got, tc.want)
		}
	}
	if groups >= orcidtest.BigRecordWorks {
		t.Fatalf("the big record has %d groups for %d works: no grouped works to test", groups, orcidtest.BigRecordWorks)
	}
}

// TestHostileRecord: escape sequences and control characters in every
// string of a record never reach an export.
func TestHostileRecord(t *testing.T) {
	_, c := newClient(t)
	works := load(t, c, orcidtest.HostileID, Options{})
	if len(works) == 0 {
		t.Fatal("the hostile record has no works")
	}
	for _, f := range Formats {
		out := render(t, f, works, Options{})
		for i, r := range string(out) {
			if (r < 0x20 && r != '\n' && r != '\r') || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u202e' {
				t.Errorf("%s: control character %U at byte %d", f, r, i)
				break
			}
		}
		checkParses(t, f, out, prepare(works, Options{}))
	}
}

func TestPreferredIsWhatTheWorksTabShows(t *testing.T) {
	_, c := newClient(t)
	ws, err := c.Works(context.Background(), orcidtest.CarberryID)
	if err != nil {
		t.Fatal(err)
	}
	pcs := PutCodes(ws, false)
	all := PutCodes(ws, true)
	if len(pcs) != ws.Count() || len(all) <= len(pcs) {
		t.Fatalf("preferred %d, all %d, groups %d: Carberry has a group of two", len(pcs), len(all), ws.Count())
	}
	for i, g := range ws.Group {
		if pcs[i] != g.Preferred().PutCode {
			t.Errorf("group %d: put-code %d, preferred %d", i, pcs[i], g.Preferred().PutCode)
		}
	}
}

func ExampleWrite() {
	w := &orcid.Work{
		PutCode: 1, Type: "journal-article",
		Title:           &orcid.WorkTitle{Title: &orcid.Value{Value: "Pots & Kettles"}},
		JournalTitle:    &orcid.Value{Value: "Journal of Psychoceramics"},
		PublicationDate: &orcid.FuzzyDate{Year: &orcid.Value{Value: "2017"}, Month: &orcid.Value{Value: "4"}},
		Contributors: &orcid.Contributors{Contributor: []orcid.Contributor{
			{CreditName: &orcid.Value{Value: "Josiah Carberry"}, ContributorAttributes: &orcid.ContributorAttributes{Role: "author"}},
		}},
	}
	_ = Write(os.Stdout, BibTeX, []*orcid.Work{w}, Options{})
	// Output:
	// @article{carberry2017pots,
	//   author = {Carberry, Josiah},
	//   title = {Pots \& Kettles},
	//   journal = {Journal of Psychoceramics},
	//   year = {2017},
	//   month = apr,
	// }
}

// TestLoadOwner: the record holder's name comes from the works they added,
// without another request.
func TestLoadOwner(t *testing.T) {
	srv, c := newClient(t)
	for id, want := range map[string]string{orcidtest.CarberryID: "Josiah S. Carberry", orcidtest.EmptyID: ""} {
		srv.ResetRequests()
		l, err := Load(context.Background(), c, orcid.ID(id), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if l.Owner != want || len(srv.Requests()) != l.Requests {
			t.Errorf("%s: owner %q (want %q), %d requests seen, %d counted", id, l.Owner, want, len(srv.Requests()), l.Requests)
		}
	}
}
