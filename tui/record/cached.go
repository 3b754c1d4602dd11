package record

import (
	"encoding/json"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/cache"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// Answers the pane reads are kept in the program's cache under the
// session's scope (environment and identity): the record (decoded rows and
// the body), each full work, each raw body. Opening a record read before
// then costs no request; R drops the record's entries and reads again.

// cachedRecord is a record as the cache keeps it. Its parts are read-only
// once built, so pages share them.
type cachedRecord struct {
	data *recData
	body *keptBody
}

// SetCache gives the pane the program's cache; nil keeps nothing.
func (m *Model) SetCache(c *cache.Cache) { m.cache = c }

func (m *Model) recordPrefix(id orcid.ID) string {
	return cache.Key(m.sess.CacheScope(), string(id), "")
}

func (m *Model) recordKey(id orcid.ID) string {
	return cache.Key(m.sess.CacheScope(), string(id), "record")
}

func (m *Model) workKey(id orcid.ID, pc int64) string {
	return cache.Key(m.sess.CacheScope(), string(id), "work", strconv.FormatInt(pc, 10))
}

func (m *Model) rawCacheKey(id orcid.ID, k rawKey) string {
	return cache.Key(m.sess.CacheScope(), string(id), "raw", k.res, fmtName(k.format))
}

// fromCache fills a new page with its record from the cache and tells the
// user where it came from; false when the cache has no copy.
func (m *Model) fromCache(p *page) (tea.Cmd, bool) {
	v, at, ok := m.cache.Get(m.recordKey(p.id))
	if !ok {
		return nil, false
	}
	cr := v.(cachedRecord)
	p.data, p.body, p.fetched = cr.data, cr.body, at
	m.applyOrder(p)
	return common.Cmd(common.StatusMsg{Text: string(p.id) + " from the cache, fetched " + cache.Ago(m.now(), at) + " · R reloads"}), true
}

// keepRecord puts a record answer in the cache. The decoded rows take
// about half the body's size as sent (7 MB for a 10,000-work record's
// 16 MB of compact JSON); the body is kept deflated.
func (m *Model) keepRecord(p *page, data *recData, body *keptBody) {
	size := int64(4096)
	if body != nil {
		size += int64(body.size)/2 + body.memSize()
	}
	m.cache.Put(m.recordKey(p.id), cachedRecord{data, body}, size)
}

// worksFromCache fills p.full with the full works the cache holds for p's
// record, once per page, and lays the pane out again if it found any.
func (m *Model) worksFromCache(p *page) {
	if p.worksLooked || m.cache == nil || p.data == nil {
		return
	}
	p.worksLooked = true
	found := false
	for i := range p.data.works {
		pc := p.data.works[i].putCode
		if p.full[pc] != nil {
			continue
		}
		if v, _, ok := m.cache.Get(m.workKey(p.id, pc)); ok {
			p.full[pc] = v.(*orcid.Work)
			found = true
		}
	}
	if found && p == m.cur {
		m.relayout()
	}
}

// fetchedInfo says, for the pane's border, when the record shown was read
// from ORCID when that is a while ago (a copy from the cache).
func (m *Model) fetchedInfo() string {
	p := m.cur
	if p == nil || p.data == nil || p.fetched.IsZero() {
		return ""
	}
	if m.now().Sub(p.fetched) < time.Minute {
		return ""
	}
	return "fetched " + cache.Ago(m.now(), p.fetched)
}

func (m *Model) now() time.Time {
	if m.clock != nil {
		return m.clock()
	}
	return time.Now()
}

// workSize is about what a full work takes in memory: its JSON size.
func workSize(w *orcid.Work) int64 {
	b, err := json.Marshal(w)
	if err != nil {
		return 4096
	}
	return int64(len(b)) + 256
}

// rawDocSize is about what a raw body takes: its pretty text (about twice
// the compact body) and a rawLine a line.
func rawDocSize(d *rawDoc) int64 {
	return 2*int64(d.size) + 24*int64(len(d.lines))
}
