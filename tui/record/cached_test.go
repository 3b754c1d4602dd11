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
