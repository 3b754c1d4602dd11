package record

import (
	"strconv"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/internal/termcheck"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/cache"
)

// countPaths counts the logged requests whose path contains part.
func countPaths(log []string, part string) int {
	n := 0
	for _, p := range log {
		if strings.Contains(p, part) {
			n++
		}
	}
	return n
}

// TestFullItemOpensOnce: on every tab of activities but works, enter reads
// the item under the cursor in full, once; esc goes back to the list with
// the cursor on it, and opening it again sends no request.
func TestFullItemOpensOnce(t *testing.T) {
	tests := []struct {
		tab  tabID
		path string   // part of the item's path
		want []string // fields only the full item (or its summary) has
	}{
		{tabFunding, "/funding/", []string{"Amount", "412500 USD", "Standard Grant", "Zoë Ångström-Łukasiewicz — co lead", "Why carbon-age pots crack"}},
		{tabPeerReview, "/peer-review/", []string{"Subject", "Venue", "Journal of Psychoceramics", "Convened by"}},
		{tabResources, "/research-resource/", []string{"Proposal", "Resource", "Kiln 7 (1300 °C gas kiln)"}},
		{tabEmployment, "/employment/", []string{"Organisation", "Brown University", "Put-code"}},
		{tabEducation, "/education/", []string{"Organisation"}},
		{tabQualifications, "/qualification/", []string{"Organisation"}},
		{tabInvited, "/invited-position/", []string{"Organisation"}},
		{tabDistinctions, "/distinction/", []string{"Organisation"}},
		{tabMemberships, "/membership/", []string{"Organisation"}},
		{tabService, "/service/", []string{"Organisation"}},
	}
	for _, tc := range tests {
		t.Run(tabNames[tc.tab], func(t *testing.T) {
			m, tr := newTestModel(t, 120, 50)
			open(t, m, orcidtest.CarberryID)
			run(m, m.setTab(tc.tab))
			if len(m.cur.data.lists[tc.tab]) == 0 {
				t.Fatalf("Carberry has no %s: the test needs one", tabNames[tc.tab])
			}
			before := len(tr.log())
			press(m, "enter")
			log := tr.log()[before:]
			if len(log) != 1 || !strings.Contains(log[0], tc.path) {
				t.Fatalf("enter sent %q, want one request to %s", log, tc.path)
			}
			v := plain(m)
			if !strings.Contains(v, "esc back to the list") {
				t.Errorf("the detail has no header:\n%s", v)
			}
			for _, w := range tc.want {
				if !strings.Contains(v, w) {
					t.Errorf("the full item lacks %q:\n%s", w, v)
				}
			}
			press(m, "esc")
			if _, open := m.cur.openRef(); open {
				t.Fatal("esc did not go back to the list")
			}
			if strings.Contains(plain(m), "esc back to the list") {
				t.Error("the list still shows the detail's header")
			}
			press(m, "enter")
			if n := countPaths(tr.log(), tc.path); n != 1 {
				t.Errorf("opening the item again sent %d requests in all, want 1 (kept)", n)
			}
			if !strings.Contains(plain(m), tc.want[0]) {
				t.Error("the kept item is not shown again")
			}
			press(m, "backspace")
			if _, open := m.cur.openRef(); open {
				t.Error("backspace did not go back to the list")
			}
		})
	}
}

// TestFullItemEachItemItsOwn: the second funding is read on its own and
// esc puts the cursor back on it.
func TestFullItemEachItemItsOwn(t *testing.T) {
	m, tr := newTestModel(t, 120, 50)
	open(t, m, orcidtest.CarberryID)
	run(m, m.setTab(tabFunding))
	press(m, "enter", "esc", "j", "enter")
	if n := countPaths(tr.log(), "/funding/"); n != 2 {
		t.Fatalf("%d funding requests, want 2", n)
	}
	if !strings.Contains(plain(m), "2499875 EUR") {
		t.Errorf("the second funding is not shown:\n%s", plain(m))
	}
	press(m, "esc")
	if c := m.cur.lists[tabFunding].cursor; c != 1 {
		t.Errorf("cursor %d after esc, want 1 (the item that was open)", c)
	}
}

// TestFullItemCancelAndRetry: esc while the item loads cancels it; the
// detail says so and enter reads it again.
func TestFullItemCancelAndRetry(t *testing.T) {
	m, tr := newTestModel(t, 120, 50)
	open(t, m, orcidtest.CarberryID)
	run(m, m.setTab(tabFunding))
	cmd := m.Update(keyMsg("enter")) // not run: the request is under way
	if !m.cur.busy() {
		t.Fatal("no request under way after enter")
	}
	press(m, "esc")
	_ = cmd
	if v := plain(m); !strings.Contains(v, "could not be read") || !strings.Contains(v, "enter tries again") {
		t.Fatalf("a cancelled item does not say so:\n%s", v)
	}
	before := countPaths(tr.log(), "/funding/")
	press(m, "enter")
	if countPaths(tr.log(), "/funding/") != before+1 || !strings.Contains(plain(m), "412500 USD") {
		t.Errorf("enter did not read the item again:\n%s", plain(m))
	}
}

// TestFullItemHostile: the hostile record's full fundings, peer reviews
// and research resource (escapes, OSC 52 and 8, C1 and bidi controls,
// invalid UTF-8 in every field) draw safely, and what y copies is clean.
func TestFullItemHostile(t *testing.T) {
	for _, tab := range []tabID{tabFunding, tabPeerReview, tabResources, tabEmployment} {
		t.Run(tabNames[tab], func(t *testing.T) {
			m, _ := newTestModel(t, 100, 40)
			open(t, m, orcidtest.HostileID)
			run(m, m.setTab(tab))
			if len(m.cur.data.lists[tab]) == 0 {
				t.Fatalf("the hostile record has no %s", tabNames[tab])
			}
			for i := range m.cur.data.lists[tab] {
				m.cur.lists[tab].cursor = i
				press(m, "enter")
				if _, open := m.cur.openRef(); !open {
					t.Fatalf("item %d did not open", i)
				}
				ref, _ := m.cur.openRef()
				if len(m.cur.items.full[ref]) == 0 {
					t.Fatalf("item %d not read: %q", i, m.cur.items.errs[ref])
				}
				if p := termcheck.Problem(m.View(), true); p != "" {
					t.Errorf("item %d: %s", i, p)
				}
				for _, it := range m.cur.items.full[ref] {
					for _, s := range append(append([]string{}, it.cells...), it.link, it.copy) {
						if p := termcheck.Problem(s, false); p != "" {
							t.Errorf("item %d field %q: %s", i, it.cells[0], p)
						}
					}
				}
				press(m, "esc")
			}
		})
	}
}

// TestFullItemFromCache: a full item read on an earlier visit of the record
// comes from the program's cache; R reads it again.
func TestFullItemFromCache(t *testing.T) {
	m, tr := newTestModel(t, 120, 50)
	m.SetCache(cache.New(0))
	open(t, m, orcidtest.CarberryID)
	run(m, m.setTab(tabFunding))
	press(m, "enter")
	open(t, m, orcidtest.TanakaID)
	open(t, m, orcidtest.CarberryID) // a new page, from the cache
	run(m, m.setTab(tabFunding))
	before := tr.n()
	press(m, "enter")
	if n := tr.n() - before; n != 0 || !strings.Contains(plain(m), "412500 USD") {
		t.Errorf("a cached item sent %d requests:\n%s", n, plain(m))
	}
	press(m, "R")
	if n := countPaths(tr.log(), "/funding/"); n != 2 {
		t.Errorf("after R the item was read %d times in all, want 2", n)
	}
}

// TestFullItemRawAndCurl: on an open item, r shows the item's own body and
// C copies the request for it.
func TestFullItemRawAndCurl(t *testing.T) {
	m, tr := newTestModel(t, 120, 40)
	open(t, m, orcidtest.CarberryID)
	run(m, m.setTab(tabPeerReview))
	press(m, "enter")
	ref, _ := m.cur.openRef()
	path := "/peer-review/" + strconv.FormatInt(ref.putCode, 10)
	if c := m.Curl(); !strings.Contains(c, orcidtest.CarberryID+path) {
		t.Errorf("curl %q lacks %s", c, path)
	}
	press(m, "r")
	mustContain(t, plain(m), "peer-review "+strconv.FormatInt(ref.putCode, 10)+" · JSON", `"reviewer-role"`)
	if log := tr.log(); !strings.HasSuffix(log[len(log)-1], path) {
		t.Errorf("raw read %s, want %s", log[len(log)-1], path)
	}
	press(m, "esc")
	mustContain(t, plain(m), "Peer review 1 of 3 · esc back to the list")
}
