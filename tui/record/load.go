package record

import (
	"errors"
	"io"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// maxBulk is ORCID's limit on put-codes per bulk works request.
const maxBulk = orcid.MaxBulkWorks

// recordMsg answers the record request of page p.
type recordMsg struct {
	p    *page
	req  uint64
	body *keptBody
	data *recData
	err  error
}

// bulkMsg answers one bulk request of full works.
type bulkMsg struct {
	p     *page
	req   uint64
	codes []int64
	works []*orcid.Work // same order as codes; nil where failed
	sizes []int64       // each work's size for the cache, measured off the UI goroutine
	fails map[int64]error
	err   error
}

// rawMsg answers a request for a raw body.
type rawMsg struct {
	p      *page
	req    uint64
	key    rawKey
	doc    *rawDoc
	err    error
	cached bool // from the cache: not kept again
}

// errNoSession is shown when a record is opened before any session exists.
var errNoSession = errors.New("no connection to ORCID yet: choose an environment first")

func (m *Model) client(id orcid.ID) *orcid.Client {
	if m.sess == nil {
		return nil
	}
	return m.sess.ClientFor(id)
}

func (m *Model) env() orcid.Environment {
	if m.sess == nil {
		return orcid.Environment{}
	}
	return m.sess.Env
}

// resPath is the API path of a raw resource of record id.
func resPath(id orcid.ID, res string) string {
	switch {
	case res == "works":
		return orcid.WorksPath(id)
	case strings.HasPrefix(res, "work/"):
		pc, _ := strconv.ParseInt(strings.TrimPrefix(res, "work/"), 10, 64)
		return orcid.WorkPath(id, pc)
	}
	if kind, pc, ok := itemResource(res); ok {
		return orcid.ItemPath(id, kind, pc)
	}
	return orcid.RecordPath(id)
}

// load starts the one request for p's record. It is decoded and turned
// into rows inside the command; the raw view is made from its body when
// first shown.
func (m *Model) load(p *page) tea.Cmd {
	c := m.client(p.id)
	if c == nil {
		p.setErr(errNoSession)
		p.loading = false
		m.relayout()
		return nil
	}
	if p.ctx == nil {
		m.activate(p)
	}
	req := common.NextRequestID()
	p.recReq = req
	p.loading = true
	ctx, id, env := p.ctx, p.id, m.env()
	fetch := func() tea.Msg {
		// Compact JSON decoded as it arrives and deflated for the raw view
		// as it is read: read whole as ORCID's pretty body and kept, a
		// 10,000-work record's 33 MB was the pane's largest part.
		var d *deflating
		rec, ans, err := c.RecordCopy(ctx, id, func() io.Writer { d = newDeflating(); return d })
		if err != nil {
			return recordMsg{p: p, req: req, err: err}
		}
		var body *keptBody
		if d != nil {
			if body, err = d.keep(ans); err != nil {
				return recordMsg{p: p, req: req, err: err}
			}
		}
		return recordMsg{p: p, req: req, body: body, data: buildData(rec, env, id)}
	}
	return tea.Batch(fetch, m.startSpin())
}

// fetchAround loads, in one bulk request, the full works for up to 100
// put-codes nearest to putCode in the list order that are not cached,
// failed or already asked for. Opening every work of a 2,500-work record
// thus takes at most 25 requests.
func (m *Model) fetchAround(p *page, putCode int64) tea.Cmd {
	c := m.client(p.id)
	if c == nil || p.data == nil {
		return nil
	}
	want := func(pc int64) bool {
		return pc != 0 && p.full[pc] == nil && p.failed[pc] == "" && !p.pending[pc]
	}
	m.worksFromCache(p)
	if !want(putCode) {
		return nil
	}
	// Walk outwards from the cursor in the visible order, then the rest.
	order := p.order
	at := -1
	for i, wi := range order {
		if p.data.works[wi].putCode == putCode {
			at = i
			break
		}
	}
	codes := []int64{putCode}
	seen := map[int64]bool{putCode: true}
	take := func(pc int64) {
		if len(codes) < maxBulk && !seen[pc] && want(pc) {
			seen[pc] = true
			codes = append(codes, pc)
		}
	}
	if at >= 0 {
		for d := 1; len(codes) < maxBulk && (at-d >= 0 || at+d < len(order)); d++ {
			if at+d < len(order) {
				take(p.data.works[order[at+d]].putCode)
			}
			if at-d >= 0 {
				take(p.data.works[order[at-d]].putCode)
			}
		}
	}
	for i := 0; i < len(p.data.works) && len(codes) < maxBulk; i++ {
		take(p.data.works[i].putCode)
	}
	for _, pc := range codes {
		p.pending[pc] = true
	}
	req := common.NextRequestID()
	p.bulkReqs[req] = true
	ctx, id := p.ctx, p.id
	fetch := func() tea.Msg {
		fw, err := c.AllFullWorks(ctx, id, codes)
		msg := bulkMsg{p: p, req: req, codes: codes, err: err}
		if err == nil && fw != nil {
			msg.works = fw.Works
			msg.sizes = make([]int64, len(fw.Works))
			for i, w := range fw.Works {
				if w != nil {
					msg.sizes[i] = workSize(w)
				}
			}
			for _, f := range fw.Failed {
				if msg.fails == nil {
					msg.fails = map[int64]error{}
				}
				msg.fails[f.PutCode] = f.Err
			}
		}
		return msg
	}
	return tea.Batch(fetch, m.startSpin())
}

// ensureRaw starts loading the raw body the raw tab shows, unless it is
// cached, failed or under way. The record's JSON came with the record and is
// only prepared for drawing.
func (m *Model) ensureRaw(p *page) tea.Cmd {
	if p.data == nil {
		return nil
	}
	k := rawKey{p.rawRes, p.rawFmt}
	if p.raws[k] != nil || p.rawErrs[k] != "" {
		return nil
	}
	for _, pk := range p.rawReqs {
		if pk == k {
			return nil
		}
	}
	if v, _, ok := m.cache.Get(m.rawCacheKey(p.id, k)); ok {
		// Made before: handled as an answer, with no request.
		req := common.NextRequestID()
		p.rawReqs[req] = k
		doc := v.(*rawDoc)
		return func() tea.Msg { return rawMsg{p: p, req: req, key: k, doc: doc, cached: true} }
	}
	if k == (rawKey{resRecord, orcid.JSON}) && p.body != nil {
		// The record's JSON came with the record: no request, but
		// pretty-printing and tokenising it is work for a command.
		req := common.NextRequestID()
		p.rawReqs[req] = k
		kept := p.body
		return func() tea.Msg {
			body, err := kept.body()
			if err != nil {
				return rawMsg{p: p, req: req, key: k, err: err}
			}
			return rawMsg{p: p, req: req, key: k, doc: newRawDoc(body, k.format)}
		}
	}
	c := m.client(p.id)
	if c == nil {
		return nil
	}
	req := common.NextRequestID()
	p.rawReqs[req] = k
	ctx, path := p.ctx, resPath(p.id, k.res)
	fetch := func() tea.Msg {
		body, err := c.Get(ctx, path, k.format, nil)
		if err != nil {
			return rawMsg{p: p, req: req, key: k, err: err}
		}
		return rawMsg{p: p, req: req, key: k, doc: newRawDoc(body, k.format)}
	}
	return tea.Batch(fetch, m.startSpin())
}

func (m *Model) startSpin() tea.Cmd {
	if m.spinning {
		return nil
	}
	m.spinning = true
	return m.spin.Tick
}

// errNotReturned is why a work asked for in bulk is missing from the answer.
const errNotReturned = "ORCID did not return this work"

// inWords is err in plain words for the pane: described once, when the
// error arrives, so View only draws the words. Never "" for an error.
func inWords(err error) string {
	if err == nil {
		return ""
	}
	if short, _ := common.Describe(err); short != "" {
		return short
	}
	return "failed"
}

// setErr records why the last load of the record failed (nil: it did not).
func (p *page) setErr(err error) { p.err, p.errText = err, inWords(err) }

// mergedPrimary is the record err says this one was merged into.
func mergedPrimary(err error) orcid.ID {
	var me *orcid.MergedError
	if errors.As(err, &me) {
		return me.Primary
	}
	return ""
}

// handleRecord stores a record answer unless it is stale.
func (m *Model) handleRecord(msg recordMsg) tea.Cmd {
	p := msg.p
	if p != m.cur || msg.req != p.recReq {
		return nil
	}
	p.recReq = 0
	p.loading = false
	if msg.err != nil {
		p.setErr(msg.err)
		m.relayout()
		if p.data != nil {
			// A failed reload: keep what is shown, say why in the status line.
			return common.Cmd(common.ErrorMsg{Err: msg.err, What: "reloading " + string(p.id), Op: recordOp(p.id)})
		}
		if mergedPrimary(msg.err) != "" {
			return nil // not a failure: the pane offers the primary record
		}
		return common.Cmd(common.ErrorMsg{Err: msg.err, What: "loading " + string(p.id), Op: recordOp(p.id)})
	}
	done, reloaded := "loaded "+string(p.id), p.data != nil
	if reloaded {
		done = "reloaded " + string(p.id)
	}
	p.setErr(nil)
	// The works cursor stays on the same work: p.order indexes the old
	// data until applyOrder runs.
	var curPC int64
	if w := p.curWork(); w != nil {
		curPC = w.putCode
	}
	p.data = msg.data
	p.body = msg.body
	p.order = nil
	p.fetched = m.now()
	m.keepRecord(p, msg.data, msg.body)
	m.markOwn(p)
	// The raw view of this body is built when it is first shown: for a big
	// record it costs as much as the rest of the load.
	delete(p.raws, rawKey{resRecord, orcid.JSON})
	p.workLines, p.workWidth = nil, 0
	m.rawCache = map[int]string{}
	m.applyOrder(p)
	if i := p.workIndex(curPC); i >= 0 {
		p.lists[tabWorks].cursor = i
	}
	m.relayout()
	// The record's success takes its earlier failure off the status line.
	cmds := []tea.Cmd{common.Cmd(common.DoneMsg{Op: recordOp(p.id), Text: done})}
	if p.afterWrite != nil {
		cmds = append(cmds, m.confirmWrite(p))
	} else if reloaded {
		// R says it worked: the new copy is what is shown.
		cmds = append(cmds, common.Cmd(common.StatusMsg{Text: done}))
	}
	if p.tab == tabRaw {
		cmds = append(cmds, m.ensureRaw(p))
	}
	if p.detail != 0 {
		cmds = append(cmds, m.fetchAround(p, p.detail))
	}
	cmds = append(cmds, m.ensureItem(p))
	return tea.Batch(cmds...)
}

func (m *Model) handleBulk(msg bulkMsg) tea.Cmd {
	p := msg.p
	if p != m.cur || !p.bulkReqs[msg.req] {
		return nil
	}
	delete(p.bulkReqs, msg.req)
	for _, pc := range msg.codes {
		delete(p.pending, pc)
	}
	if msg.err != nil {
		p.bulkErr = inWords(msg.err)
		m.relayout()
		return common.Cmd(common.ErrorMsg{Err: msg.err, What: "loading works", Op: worksOp(p.id)})
	}
	p.bulkErr = ""
	for i, pc := range msg.codes {
		if i < len(msg.works) && msg.works[i] != nil {
			p.full[pc] = msg.works[i]
			if i < len(msg.sizes) {
				m.cache.Put(m.workKey(p.id, pc), msg.works[i], msg.sizes[i])
			}
		}
	}
	for pc, err := range msg.fails {
		p.failed[pc] = inWords(err)
	}
	for _, pc := range msg.codes {
		if p.full[pc] == nil && p.failed[pc] == "" {
			p.failed[pc] = errNotReturned
		}
	}
	m.relayout()
	return tea.Batch(common.Cmd(common.DoneMsg{Op: worksOp(p.id)}), m.citeWaiting(p))
}

func (m *Model) handleRaw(msg rawMsg) tea.Cmd {
	p := msg.p
	if p != m.cur {
		return nil
	}
	if _, ok := p.rawReqs[msg.req]; !ok {
		return nil
	}
	delete(p.rawReqs, msg.req)
	if msg.err != nil {
		p.rawErrs[msg.key] = inWords(msg.err)
	} else {
		p.raws[msg.key] = msg.doc
		if !msg.cached && msg.doc != nil {
			m.cache.Put(m.rawCacheKey(p.id, msg.key), msg.doc, rawDocSize(msg.doc))
		}
	}
	if p.tab == tabRaw && (rawKey{p.rawRes, p.rawFmt}) == msg.key {
		m.rawCache = map[int]string{}
		m.research(p)
	}
	m.relayout()
	if msg.err != nil {
		return common.Cmd(common.ErrorMsg{Err: msg.err, What: "loading the raw " + fmtName(msg.key.format), Op: rawOp(p.id, msg.key)})
	}
	return common.Cmd(common.DoneMsg{Op: rawOp(p.id, msg.key)})
}

// Operations of the pane, as ErrorMsg and DoneMsg name them: a success
// clears the status line's error of the same operation only.
func recordOp(id orcid.ID) string { return "record " + string(id) }
func worksOp(id orcid.ID) string  { return "works " + string(id) }
func rawOp(id orcid.ID, k rawKey) string {
	return "raw " + string(id) + " " + k.res + " " + fmtName(k.format)
}

// reload drops p's caches and fetches the record again; what is shown stays
// until the answer arrives.
func (m *Model) reload(p *page) tea.Cmd {
	// The cached copies go too: the answer will replace them.
	m.cache.DeletePrefix(m.recordPrefix(p.id))
	m.deactivate(p)
	m.activate(p)
	p.resetCaches()
	p.workLines, p.workWidth = nil, 0
	m.rawCache = map[int]string{}
	p.setErr(nil)
	cmd := m.load(p)
	m.relayout() // the works' lines again: the old rows show until the answer
	return cmd
}

// otherFormat is the format x switches f to.
func otherFormat(f orcid.Format) orcid.Format {
	if f == orcid.XML {
		return orcid.JSON
	}
	return orcid.XML
}

func fmtName(f orcid.Format) string {
	if f == orcid.XML {
		return "XML"
	}
	return "JSON"
}
