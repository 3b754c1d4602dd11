package record

import (
	"strings"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/cache"
)

// A record from the cache says, in the pane's border, when it was read
// from ORCID once that is a while ago; a fresh one says nothing.
func TestFetchedAgoInBorder(t *testing.T) {
	m, tr := newTestModel(t, 120, 30)
	c := cache.New(0)
	m.SetCache(c)
	now := time.Now()
	m.clock = func() time.Time { return now }
	open(t, m, orcidtest.CarberryID)
	if strings.Contains(plain(m), "fetched") {
		t.Errorf("a fresh record says when it was fetched:\n%s", plain(m))
	}
	open(t, m, orcidtest.TanakaID)
	now = now.Add(3*time.Minute + 30*time.Second) // the cache stamps with the real clock
	before := tr.n()
	open(t, m, orcidtest.CarberryID)
	if n := tr.n() - before; n != 0 {
		t.Errorf("reopening a cached record sent %d requests", n)
	}
	if !strings.Contains(plain(m), "fetched 3 min ago") {
		t.Errorf("no fetched time in the border:\n%s", plain(m))
	}
}

// n is how many requests went out.
func (t *handlerTransport) n() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.paths)
}

// A write makes the kept copies of the record out of date: they go, and the
// re-read after the write is kept instead.
func TestWriteDropsCachedCopies(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	c := cache.New(0)
	f.m.SetCache(c)
	pc := f.addWork(t, "Old title", "10.5555/TUI-CACHE")
	open(t, f.m, orcidtest.CarberryID)
	hit(f.m, "]")
	cursorTo(t, f.m, pc)
	hit(f.m, "enter") // the full works are read and kept
	if _, _, ok := c.Get(f.m.workKey(orcidtest.CarberryID, pc)); !ok {
		t.Fatal("the full work was not kept")
	}
	hit(f.m, "esc")
	hit(f.m, "e")
	hit(f.m, "ctrl+u")
	wtype(f.m, "New title")
	hit(f.m, "ctrl+s")
	if _, _, ok := c.Get(f.m.workKey(orcidtest.CarberryID, pc)); ok {
		t.Error("the work kept from before the write is still served")
	}
	v, _, ok := c.Get(f.m.recordKey(orcidtest.CarberryID))
	if !ok {
		t.Fatal("the re-read record was not kept")
	}
	d := v.(cachedRecord).data
	found := false
	for _, w := range d.works {
		found = found || (w.putCode == pc && w.title == "New title")
	}
	if !found {
		t.Error("the kept record does not have the new title")
	}
}
