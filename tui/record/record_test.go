package record

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

func mustContain(t *testing.T, view string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(view, w) {
			t.Errorf("view lacks %q:\n%s", w, view)
		}
	}
}

func mustNotContain(t *testing.T, view string, bad ...string) {
	t.Helper()
	for _, w := range bad {
		if strings.Contains(view, w) {
			t.Errorf("view has %q:\n%s", w, view)
		}
	}
}

func TestOpenShowsPersonTab(t *testing.T) {
	m, tr := newTestModel(t, 160, 40)
	open(t, m, orcidtest.CarberryID)
	if n := len(tr.log()); n != 1 {
		t.Errorf("opening a record made %d requests, want 1: %v", n, tr.log())
	}
	v := plain(m)
	mustContain(t, v,
		"Josiah S. Carberry · "+orcidtest.CarberryID+" ━",  // the bare iD in the header
		"ORCID iD      "+testBase+"/"+orcidtest.CarberryID, // the URI on the Person tab
		"Person", "Works 13", "Employment 2", "Education 2", "Funding 3", "Peer review 3", "Raw",
		"Given names", "Josiah", "Other names", "Jo Carberry", "Biography", "fictitious person",
		"Keywords", "psychoceramics", "Websites", "https://en.wikipedia.org/wiki/Josiah_S._Carberry",
		"Emails", "josiah.carberry@example.edu", "Countries", "US", "Identifiers", "Scopus Author ID  7004588880")
}

func TestTabSwitching(t *testing.T) {
	m, _ := newTestModel(t, 120, 30)
	open(t, m, orcidtest.CarberryID)
	tests := []struct {
		keys []string
		tab  tabID
		want string
	}{
		{[]string{"]"}, tabWorks, "Kiln-side Manner"},
		{[]string{"]"}, tabEmployment, "Professor of Psycho"},
		{[]string{"["}, tabWorks, "Year"},
		{[]string{"["}, tabPerson, "Biography"},
		{[]string{"["}, tabRaw, `"orcid-identifier"`},
		{[]string{"]"}, tabPerson, "Biography"},
		{[]string{"4"}, tabEducation, "PhD"},
		{[]string{"l"}, tabQualifications, "Certified Kiln"},
		{[]string{"h"}, tabEducation, "BA"},
		{[]string{"0"}, tabRaw, `"orcid-identifier"`},
		{[]string{"r"}, tabEducation, "PhD"},
		{[]string{"9"}, tabService, "Editor-in-chief"},
		{[]string{"]", "]"}, tabPeerReview, "issn:0000-0002"},
		{[]string{"]"}, tabResources, "High-temperature kiln facility access"},
	}
	for _, tt := range tests {
		press(m, tt.keys...)
		if m.cur.tab != tt.tab {
			t.Fatalf("after %v: tab %s, want %s", tt.keys, tabNames[m.cur.tab], tabNames[tt.tab])
		}
		mustContain(t, plain(m), tt.want)
	}
}

// workTitles is the titles of the works list in display order.
func workTitles(m *Model) []string {
	var out []string
	for _, i := range m.cur.order {
		out = append(out, m.cur.data.works[i].title)
	}
	return out
}

func TestWorksSorting(t *testing.T) {
	m, _ := newTestModel(t, 120, 30)
	open(t, m, orcidtest.CarberryID)
	press(m, "]")
	tests := []struct {
		mode        string
		first, last string
	}{
		{"year ↓", "Kiln-side Manner: Talking to Anxious Ceramics", "Unglazed: Notes on a Discipline"},
		{"year ↑", "Unglazed: Notes on a Discipline", "Kiln-side Manner: Talking to Anxious Ceramics"},
		{"title ↑", "Ceramic Metaphysics", "Why do pots crack?"},
		{"title ↓", "Why do pots crack?", "Ceramic Metaphysics"},
		{"type ↑", "Kiln-side Manner", "Why do pots crack?"}, // by the label shown: article … work paper
		{"type ↓", "Why do pots crack?", "Kiln-side Manner"},
		{"year ↓", "Kiln-side Manner", "Unglazed"},
	}
	for i, tt := range tests {
		if i > 0 {
			press(m, "s")
		}
		ts := workTitles(m)
		if len(ts) != 13 {
			t.Fatalf("%d works listed, want 13", len(ts))
		}
		if !strings.HasPrefix(ts[0], tt.first) || !strings.HasPrefix(ts[len(ts)-1], tt.last) {
			t.Errorf("sorted by %s: first %q last %q", tt.mode, ts[0], ts[len(ts)-1])
		}
		mustContain(t, plain(m), "sorted by "+tt.mode)
	}
}

func TestWorksFilter(t *testing.T) {
	m, _ := newTestModel(t, 120, 30)
	open(t, m, orcidtest.CarberryID)
	press(m, "]", "f")
	if !m.InputFocused() {
		t.Fatal("/ did not focus the filter")
	}
	typeText(m, "annals")
	if got := len(m.cur.order); got != 2 {
		t.Errorf("filter annals: %d works, want 2: %v", got, workTitles(m))
	}
	press(m, "enter")
	if m.InputFocused() {
		t.Error("enter kept the input focused")
	}
	mustContain(t, plain(m), "filtered from 13", "On the Fragility of Glazed Earthenware")
	mustNotContain(t, plain(m), "Kiln-side Manner")

	// By DOI and by type, several words all having to match.
	press(m, "f")
	for range len("annals") {
		press(m, "backspace")
	}
	typeText(m, "10.5555/psy")
	if got := len(m.cur.order); got != 2 { // 10.5555/psy.2012.0042 (two summaries, one group), 10.5555/psy.2025.0001
		t.Errorf("filter by DOI prefix: %d works, want 2: %v", got, workTitles(m))
	}
	press(m, "esc")
	if m.cur.filter != "" || len(m.cur.order) != 13 {
		t.Errorf("esc left filter %q with %d works", m.cur.filter, len(m.cur.order))
	}
	press(m, "f")
	typeText(m, "book chapter")
	press(m, "enter")
	if ts := workTitles(m); len(ts) != 1 || ts[0] != "Ceramic Metaphysics" {
		t.Errorf("filter 'book chapter' = %v", ts)
	}
	// esc outside the input clears the filter too, before going back.
	press(m, "esc")
	if m.cur.filter != "" || len(m.cur.order) != 13 {
		t.Errorf("esc did not clear the filter")
	}
	press(m, "f")
	typeText(m, "no such work")
	press(m, "enter")
	mustContain(t, plain(m), "No works match")
}

func TestWorkDetailAndBack(t *testing.T) {
	m, tr := newTestModel(t, 120, 40)
	open(t, m, orcidtest.CarberryID)
	press(m, "]", "s", "s") // title ↑: Ceramic Metaphysics, Cracked Pots…, Crackpot Detection…
	press(m, "g", "j", "j")
	if w := m.cur.curWork(); w == nil || !strings.HasPrefix(w.title, "Crackpot Detection") {
		t.Fatalf("cursor on %v", w)
	}
	before := len(tr.log())
	press(m, "enter")
	if m.cur.detail == 0 {
		t.Fatal("enter did not open the detail")
	}
	after := tr.log()[before:]
	if len(after) != 1 || !isBulk(after[0]) {
		t.Fatalf("opening a detail made requests %v, want one bulk request", after)
	}
	v := plain(m)
	mustContain(t, v, "Work 3 of 13", "Crackpot Detection with Convolutional Kilns", "Proceedings of the International",
		"conference paper", "2021-07-19", "Zoë Ångström-Łukasiewicz — author, first", orcidtest.AngstromID,
		"arxiv", "2103.01234", "Contributors")
	// Every other work came in the same batch: no more requests.
	press(m, "esc", "j", "enter", "esc", "k", "k", "k", "enter")
	if n := len(tr.log()) - before; n != 1 {
		t.Errorf("opening three details made %d requests, want 1", n)
	}
	if m.cur.detail == 0 {
		t.Fatal("detail not open")
	}
	press(m, "esc")
	if m.cur.detail != 0 || m.cur.tab != tabWorks {
		t.Errorf("esc did not return to the list")
	}
	if c := m.cur.lists[tabWorks].cursor; c != 0 {
		t.Errorf("cursor %d after closing the detail, want 0", c)
	}
}

func TestContributorOpensRecordAndHistory(t *testing.T) {
	m, tr := newTestModel(t, 120, 40)
	open(t, m, orcidtest.CarberryID)
	press(m, "]", "f")
	typeText(m, "crackpot")
	press(m, "enter", "enter")
	// Move to Ångström's contributor line and open her record.
	found := false
	for i := 0; i < 30; i++ {
		if it := m.curItem(); it != nil && it.open == orcidtest.AngstromID {
			found = true
			break
		}
		press(m, "j")
	}
	if !found {
		t.Fatal("no contributor line with Ångström's iD")
	}
	press(m, "enter")
	if m.ID() != orcidtest.AngstromID {
		t.Fatalf("enter on a contributor opened %q", m.ID())
	}
	mustContain(t, plain(m), "Zoë Ångström-Łukasiewicz")
	n := len(tr.log())
	press(m, "esc")
	if m.ID() != orcidtest.CarberryID {
		t.Fatalf("back went to %q", m.ID())
	}
	// Back restores the detail view, filter and cursor without a request.
	if m.cur.detail == 0 || m.cur.filter != "crackpot" {
		t.Errorf("state not kept: detail %d filter %q", m.cur.detail, m.cur.filter)
	}
	press(m, "L")
	if m.ID() != orcidtest.AngstromID {
		t.Fatalf("forward went to %q", m.ID())
	}
	if got := len(tr.log()); got != n {
		t.Errorf("back and forward made %d requests: %v", got-n, tr.log()[n:])
	}
	// Opening a new record drops the forward history.
	press(m, "esc")
	open(t, m, orcidtest.TanakaID)
	press(m, "L")
	if m.ID() != orcidtest.TanakaID {
		t.Errorf("forward after a new open went to %q", m.ID())
	}
}

func TestBigRecordBulkRequests(t *testing.T) {
	m, tr := newTestModel(t, 100, 30)
	open(t, m, orcidtest.BigRecordID)
	press(m, "]")
	n := len(m.cur.order)
	if n < 100 {
		t.Fatalf("big record lists %d works", n)
	}
	before := len(tr.log())
	for i := 0; i < n; i++ {
		press(m, "enter")
		if m.cur.full[m.cur.detail] == nil {
			t.Fatalf("work %d (put-code %d) not loaded after enter", i, m.cur.detail)
		}
		press(m, "esc", "j")
	}
	reqs := tr.log()[before:]
	bulk, single := 0, 0
	for _, p := range reqs {
		switch {
		case isBulk(p):
			bulk++
		case isWork(p):
			single++
		}
	}
	if bulk > 25 || single != 0 || len(reqs) != bulk {
		t.Errorf("opening %d details: %d bulk, %d single-work, %d requests in all; want ≤ 25 bulk and nothing else", n, bulk, single, len(reqs))
	}
}

func TestStaleAnswersDropped(t *testing.T) {
	m, _ := newTestModel(t, 100, 30)
	first := m.Open(orcidtest.CarberryID)
	second := m.Open(orcidtest.AngstromID)
	run(m, second)
	run(m, first) // Carberry's answer arrives late: dropped.
	if m.ID() != orcidtest.AngstromID {
		t.Fatalf("current record %q", m.ID())
	}
	if m.cur.data == nil || m.cur.data.name != "Zoë Ångström-Łukasiewicz" {
		t.Fatalf("shown data is not Ångström's")
	}
	// The superseded page did not take the stale answer either.
	prev := m.back[len(m.back)-1]
	if prev.data != nil || prev.loading {
		t.Errorf("superseded page: data %v loading %v", prev.data != nil, prev.loading)
	}
	if prev.ctx == nil || prev.ctx.Err() == nil {
		t.Error("the superseded page's requests were not cancelled")
	}
	// Going back loads it now.
	press(m, "esc")
	if m.ID() != orcidtest.CarberryID || m.cur.data == nil {
		t.Errorf("back did not load the unfinished record")
	}
}

func TestSupersededContextCancelled(t *testing.T) {
	m, _ := newTestModel(t, 100, 30)
	m.Open(orcidtest.CarberryID)
	p := m.cur
	ctx := p.ctx
	m.Open(orcidtest.AngstromID)
	if ctx.Err() == nil {
		t.Error("opening another record did not cancel the first one's requests")
	}
	ctx2 := m.cur.ctx
	env := testEnv()
	env.Name = "other"
	m.SetSession(&common.Session{Env: env, Client: orcid.New(env)})
	if !errors.Is(ctx2.Err(), context.Canceled) {
		t.Error("switching environment did not cancel the requests")
	}
	if m.cur != nil || len(m.back) != 0 {
		t.Error("switching environment kept the old environment's records")
	}
	mustContain(t, plain(m), "No record open")
}

func TestErrorStates(t *testing.T) {
	tests := []struct {
		id   string
		want []string
	}{
		{orcidtest.MergedID, []string{orcidtest.MergedID + " was merged into " + orcidtest.PrimaryID, "enter opens " + orcidtest.PrimaryID}},
		{orcidtest.LockedID, []string{"locked"}},
		{orcidtest.DeactivatedID, []string{"deactivated"}},
		{orcidtest.UnknownID, []string{"not found"}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			m, _ := newTestModel(t, 100, 24)
			open(t, m, tt.id)
			v := plain(m)
			mustContain(t, v, tt.want...)
			mustNotContain(t, v, "Loading")
			if tt.id == orcidtest.MergedID {
				press(m, "enter")
				if m.ID() != orcidtest.PrimaryID || m.cur.data == nil {
					t.Fatalf("enter on a merged record opened %q", m.ID())
				}
				mustContain(t, plain(m), "Dubois")
			}
		})
	}
}

func TestEmptyRecord(t *testing.T) {
	m, _ := newTestModel(t, 100, 24)
	open(t, m, orcidtest.EmptyID)
	press(m, "]")
	mustContain(t, plain(m), "No public works", "Works 0")
	press(m, "]")
	mustContain(t, plain(m), "No public employment")
}

func TestOpenAndCopy(t *testing.T) {
	m, _ := newTestModel(t, 120, 30)
	open(t, m, orcidtest.CarberryID)
	// Person tab, first line: the iD.
	msgs := press(m, "o", "y")
	want := []tea.Msg{
		common.OpenURLMsg{URL: testBase + "/" + orcidtest.CarberryID},
		common.CopyMsg{Text: orcidtest.CarberryID, What: "iD"},
	}
	if fmt.Sprint(msgs) != fmt.Sprint(want) {
		t.Errorf("o, y on the iD = %v, want %v", msgs, want)
	}
	press(m, "]") // works, year ↓: Kiln-side Manner, DOI 10.5555/psy.2025.0001
	msgs = press(m, "o", "y")
	want = []tea.Msg{
		common.OpenURLMsg{URL: "https://doi.org/10.5555/psy.2025.0001"},
		common.CopyMsg{Text: "10.5555/psy.2025.0001", What: "DOI"},
	}
	if fmt.Sprint(msgs) != fmt.Sprint(want) {
		t.Errorf("o, y on a work = %v, want %v", msgs, want)
	}
}

func TestRawViewFormatsAndSearch(t *testing.T) {
	m, tr := newTestModel(t, 120, 30)
	open(t, m, orcidtest.CarberryID)
	press(m, "]", "r")
	if m.cur.tab != tabRaw || m.cur.rawRes != "works" {
		t.Fatalf("r on the works list shows %q on %s", m.cur.rawRes, tabNames[m.cur.tab])
	}
	v := plain(m)
	mustContain(t, v, "works · JSON", `"group"`, "/works")
	press(m, "x")
	mustContain(t, plain(m), "works · XML", "<activities:works")
	n := len(tr.log())
	press(m, "x", "x")
	if len(tr.log()) != n {
		t.Errorf("toggling back to cached bodies made requests: %v", tr.log()[n:])
	}
	press(m, "f")
	typeText(m, "put-code")
	press(m, "enter")
	if len(m.cur.matches) < 13 {
		t.Errorf("search put-code found %d matches", len(m.cur.matches))
	}
	first := m.cur.matchCur
	press(m, "n")
	if m.cur.matchCur != first+1 {
		t.Errorf("n moved to match %d from %d", m.cur.matchCur, first)
	}
	press(m, "N", "N")
	if m.cur.matchCur != (first-1+len(m.cur.matches))%len(m.cur.matches) {
		t.Errorf("N N moved to match %d", m.cur.matchCur)
	}
	mustContain(t, plain(m), "match ")
	press(m, "esc") // clears the search
	if m.cur.search != "" || m.cur.tab != tabRaw {
		t.Errorf("esc: search %q tab %s", m.cur.search, tabNames[m.cur.tab])
	}
	press(m, "esc") // leaves raw
	if m.cur.tab != tabWorks {
		t.Errorf("esc from raw went to %s", tabNames[m.cur.tab])
	}
	// Raw of an opened work.
	press(m, "enter", "r")
	if !strings.HasPrefix(m.cur.rawRes, "work/") {
		t.Fatalf("r in a detail shows %q", m.cur.rawRes)
	}
	// The format chosen last (XML) stays.
	mustContain(t, plain(m), "work "+strings.TrimPrefix(m.cur.rawRes, "work/")+" · XML", "/work/", "<work:work put-code=")
}

func TestReloadDropsCaches(t *testing.T) {
	m, tr := newTestModel(t, 120, 30)
	open(t, m, orcidtest.CarberryID)
	press(m, "]", "enter")
	if len(m.cur.full) == 0 {
		t.Fatal("no full works loaded")
	}
	n := len(tr.log())
	press(m, "R")
	reqs := tr.log()[n:]
	if len(reqs) != 2 || !strings.HasSuffix(reqs[0], "/record") || !isBulk(reqs[1]) {
		t.Errorf("R in a detail made %v, want the record then one bulk", reqs)
	}
	if m.cur.data == nil || m.cur.detail == 0 || m.cur.full[m.cur.detail] == nil {
		t.Error("reload lost the view")
	}
}

func TestNetworkTextSanitised(t *testing.T) {
	// A record body with escape sequences in names and titles.
	rec := &orcid.Record{Person: &orcid.Person{Name: &orcid.Name{CreditName: &orcid.Value{Value: "Evil\x1b]52;c;aGk=\x07 Name\u202e"}}},
		ActivitiesSummary: &orcid.ActivitiesSummary{Works: &orcid.Works{Group: []orcid.WorkGroup{{WorkSummary: []orcid.WorkSummary{{PutCode: 1, Title: &orcid.WorkTitle{Title: &orcid.Value{Value: "Title\x1b[2J\nwith newline"}}}}}}}}}
	d := buildData(rec, testEnv(), orcidtest.CarberryID)
	for _, s := range append([]string{d.name}, d.works[0].cells...) {
		if strings.ContainsAny(s, "\x1b\x07\n\u202e") {
			t.Errorf("unsanitised text %q", s)
		}
	}
}

func TestMemberClientForOwnRecord(t *testing.T) {
	m, _ := newTestModel(t, 100, 24)
	pub := m.sess.Client
	var memberTr handlerTransport
	memberTr.h = registry()
	member := orcid.New(testEnv(), orcid.WithAPI(orcid.MemberAPI), orcid.WithHTTPClient(&http.Client{Transport: &memberTr}))
	m.SetSession(&common.Session{Env: testEnv(), Client: pub, Member: member, SignedIn: orcidtest.CarberryID})
	run(m, m.Open(orcidtest.CarberryID))
	if got := memberTr.log(); len(got) != 1 || !strings.HasPrefix(got[0], "/api/") {
		t.Errorf("own record read through %v, want the member API", got)
	}
}

func TestLoadingWheelAndHelp(t *testing.T) {
	m, _ := newTestModel(t, 100, 24)
	if len(m.ShortHelp()) != 0 {
		t.Error("help without a record")
	}
	cmd := m.Open(orcidtest.BigRecordID)
	mustContain(t, plain(m), "Loading "+orcidtest.BigRecordID, "loading")
	run(m, cmd)
	mustNotContain(t, plain(m), "Loading")
	press(m, "]")
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if c := m.cur.lists[tabWorks].cursor; c != 3 {
		t.Errorf("wheel down moved the cursor to %d, want 3", c)
	}
	for _, keys := range [][]string{nil, {"enter"}, {"esc", "0"}, {"f"}} {
		press(m, keys...)
		if len(m.ShortHelp()) == 0 || len(m.FullHelp()) == 0 {
			t.Errorf("no help after %v", keys)
		}
	}
}

// The reason a record could not be shown is wrapped, never cut: at 60
// columns the whole sentence, to its last word, is on screen.
func TestErrorReasonWrapsInNarrowPane(t *testing.T) {
	m, _ := newTestModel(t, 60, 20)
	open(t, m, orcidtest.UnknownID)
	got := plain(m)
	if m.cur.errText == "" {
		t.Fatal("no error text")
	}
	words := strings.Fields(common.Sentence(m.cur.errText))
	last := words[len(words)-1]
	if !strings.Contains(got, last) {
		t.Errorf("the error's last word %q is not on screen:\n%s", last, got)
	}
	for _, l := range strings.Split(got, "\n") {
		if strings.Contains(l, "…") && strings.Contains(l, "found") {
			t.Errorf("error line cut: %q", l)
		}
	}
}

// TestFullWorksProgress: while a bulk read of full works is out, the works
// tab's footer counts them ("full works 100 of 2,500"); when it is in, the
// count goes.
func TestFullWorksProgress(t *testing.T) {
	m, _ := newTestModel(t, 140, 30)
	open(t, m, orcidtest.BigRecordID)
	press(m, "]")
	press(m, "G") // the far end: works not loaded yet
	loaded := len(m.cur.full)
	cmd := m.Update(keyMsg("enter"))
	if len(m.cur.pending) == 0 {
		t.Fatal("opening a work at the end sent no bulk read")
	}
	mustContain(t, plain(m), fmt.Sprintf("full works %s of %s", common.Count(loaded), common.Count(len(m.cur.data.works))))
	run(m, cmd)
	v := plain(m)
	mustNotContain(t, v, "full works")
	if len(m.cur.full) == 0 {
		t.Fatal("no full work arrived")
	}
}
