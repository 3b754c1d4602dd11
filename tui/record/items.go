package record

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/cache"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// Full items of the funding, peer review, research resource and seven
// affiliation tabs: enter reads /{kind}/{put-code} once, keeps its laid-out
// fields on the page (going back and opening it again costs no request) and
// shows them as a work's detail is shown.

// itemRef names one item that opens in full: its tab and put-code.
type itemRef struct {
	tab     tabID
	putCode int64
}

// itemsState is the full items of one page.
type itemsState struct {
	open map[tabID]int64      // put-code opened on each tab; absent = the list
	pos  map[tabID]*listState // cursor in each tab's detail
	full map[itemRef][]item   // laid-out fields of the items read
	errs map[itemRef]string   // why an item could not be read, in words
	reqs map[uint64]itemRef   // requests under way
}

// reset forgets the items read (R); the items open stay open, to be read
// again when the record is back.
func (s *itemsState) reset() {
	open, pos := s.open, s.pos
	if open == nil {
		open, pos = map[tabID]int64{}, map[tabID]*listState{}
	}
	*s = itemsState{
		open: open,
		pos:  pos,
		full: map[itemRef][]item{},
		errs: map[itemRef]string{},
		reqs: map[uint64]itemRef{},
	}
}

// itemMsg answers the read of one full item.
type itemMsg struct {
	p     *page
	req   uint64
	ref   itemRef
	lines []item
	err   error
}

// affTabs maps the affiliation tabs to their sections.
var affTabs = map[tabID]orcid.AffiliationSection{
	tabEmployment:     orcid.Employments,
	tabEducation:      orcid.Educations,
	tabQualifications: orcid.Qualifications,
	tabInvited:        orcid.InvitedPositions,
	tabDistinctions:   orcid.Distinctions,
	tabMemberships:    orcid.Memberships,
	tabService:        orcid.Services,
}

// itemKind is the singular noun of a tab's items, for the detail's header.
func itemKind(t tabID) string {
	switch t {
	case tabFunding:
		return "Funding"
	case tabPeerReview:
		return "Peer review"
	case tabResources:
		return "Research resource"
	case tabInvited:
		return "Invited position"
	case tabService:
		return "Service"
	}
	return strings.TrimSuffix(tabNames[t], "s")
}

// openRef is the item opened on the current tab, or false for none.
func (p *page) openRef() (itemRef, bool) {
	if p == nil || p.items.open == nil {
		return itemRef{}, false
	}
	pc, ok := p.items.open[p.tab]
	return itemRef{p.tab, pc}, ok
}

// itemPos is the cursor of the detail opened on the current tab.
func (p *page) itemPos() *listState {
	ls := p.items.pos[p.tab]
	if ls == nil {
		ls = &listState{}
		p.items.pos[p.tab] = ls
	}
	return ls
}

func (p *page) itemLoading(ref itemRef) bool {
	for _, r := range p.items.reqs {
		if r == ref {
			return true
		}
	}
	return false
}

// openItem shows the full item it of the current tab, reading it unless it
// was read before.
func (m *Model) openItem(it *item) tea.Cmd {
	p := m.cur
	if it == nil || it.putCode == 0 {
		return nil
	}
	p.items.open[p.tab] = it.putCode
	p.items.pos[p.tab] = &listState{}
	m.relayout()
	return m.ensureItem(p)
}

// closeItem goes back from a full item to its tab's list, the cursor on it.
func (m *Model) closeItem() {
	p := m.cur
	ref, _ := p.openRef()
	delete(p.items.open, p.tab)
	m.relayout()
	for i, l := range m.lines {
		if l.it != nil && l.it.putCode == ref.putCode {
			p.lists[p.tab].cursor = i
			break
		}
	}
	m.fix()
}

// ensureItem reads the item opened on p's current tab unless it is kept,
// failed or under way.
func (m *Model) ensureItem(p *page) tea.Cmd {
	ref, ok := p.openRef()
	if !ok || p.items.full[ref] != nil || p.items.errs[ref] != "" || p.itemLoading(ref) {
		return nil
	}
	if v, _, ok := m.cache.Get(m.itemKey(p.id, ref)); ok {
		// Read in an earlier visit of the record: laid out already.
		p.items.full[ref] = v.([]item)
		m.relayout()
		return nil
	}
	c := m.client(p.id)
	if c == nil {
		return nil
	}
	req := common.NextRequestID()
	p.items.reqs[req] = ref
	ctx, id, env := p.ctx, p.id, m.env()
	fetch := func() tea.Msg {
		lines, err := readItem(ctx, c, id, ref, env)
		return itemMsg{p: p, req: req, ref: ref, lines: lines, err: err}
	}
	return tea.Batch(fetch, m.startSpin())
}

// readItem reads one full item and lays it out (in the command: decoding
// and sanitising are not Update's work).
func readItem(ctx context.Context, c *orcid.Client, id orcid.ID, ref itemRef, env orcid.Environment) ([]item, error) {
	switch ref.tab {
	case tabFunding:
		f, err := c.Funding(ctx, id, ref.putCode)
		if err != nil {
			return nil, err
		}
		return fundingDetail(f, env), nil
	case tabPeerReview:
		r, err := c.PeerReview(ctx, id, ref.putCode)
		if err != nil {
			return nil, err
		}
		return reviewDetail(r), nil
	case tabResources:
		r, err := c.ResearchResource(ctx, id, ref.putCode)
		if err != nil {
			return nil, err
		}
		return resourceDetail(r), nil
	}
	s, ok := affTabs[ref.tab]
	if !ok {
		return nil, fmt.Errorf("%s items do not open in full", tabNames[ref.tab])
	}
	a, err := c.Affiliation(ctx, id, s, ref.putCode)
	if err != nil {
		return nil, err
	}
	return affiliationDetail(a), nil
}

func (m *Model) handleItem(msg itemMsg) tea.Cmd {
	p := msg.p
	if p != m.cur {
		return nil
	}
	if r, ok := p.items.reqs[msg.req]; !ok || r != msg.ref {
		return nil
	}
	delete(p.items.reqs, msg.req)
	op := itemOp(p.id, msg.ref)
	if msg.err != nil {
		p.items.errs[msg.ref] = inWords(msg.err)
		m.relayout()
		return common.Cmd(common.ErrorMsg{Err: msg.err, What: "loading the full " + strings.ToLower(itemKind(msg.ref.tab)), Op: op})
	}
	if msg.lines == nil {
		msg.lines = []item{}
	}
	p.items.full[msg.ref] = msg.lines
	m.cache.Put(m.itemKey(p.id, msg.ref), msg.lines, itemsSize(msg.lines))
	m.relayout()
	return common.Cmd(common.DoneMsg{Op: op})
}

func itemOp(id orcid.ID, ref itemRef) string {
	return "item " + string(id) + " " + strconv.Itoa(int(ref.tab)) + " " + strconv.FormatInt(ref.putCode, 10)
}

// cancelItems ends the item reads under way; the details say so and enter
// tries again.
func (p *page) cancelItems() {
	for _, ref := range p.items.reqs {
		p.items.errs[ref] = inWords(context.Canceled)
	}
	p.items.reqs = map[uint64]itemRef{}
}

// itemHead is the column header of an open item.
func (m *Model) itemHead(p *page, ref itemRef) string {
	i, n := -1, len(p.data.lists[ref.tab])
	for j := range p.data.lists[ref.tab] {
		if p.data.lists[ref.tab][j].putCode == ref.putCode {
			i = j
			break
		}
	}
	s := itemKind(ref.tab)
	if i >= 0 {
		s += fmt.Sprintf(" %s of %s", common.Count(i+1), common.Count(n))
	}
	return s + " · esc back to the list"
}

// itemStatusLines is what the body says while an item is not there.
func (m *Model) itemStatusLines(p *page, ref itemRef) []string {
	if why := p.items.errs[ref]; why != "" {
		return []string{m.styles.Error.Render("This item could not be read: " + why), m.styles.Dim.Render("enter tries again")}
	}
	return []string{m.spin.View() + " Loading the full " + strings.ToLower(itemKind(ref.tab)) + " …"}
}

// retryItem is enter on a detail that failed: forget the failure, read again.
func (m *Model) retryItem() tea.Cmd {
	p := m.cur
	ref, ok := p.openRef()
	if !ok || p.items.full[ref] != nil {
		return nil
	}
	delete(p.items.errs, ref)
	m.relayout()
	return m.ensureItem(p)
}

// opensInFull reports whether enter opens the items of tab t in full.
func opensInFull(t tabID) bool {
	_, aff := affTabs[t]
	return aff || t == tabFunding || t == tabPeerReview || t == tabResources
}

// itemKey is where the program's cache keeps a laid-out full item; R drops
// it with the record's other entries (same prefix).
func (m *Model) itemKey(id orcid.ID, ref itemRef) string {
	return cache.Key(m.sess.CacheScope(), string(id), "item", strconv.Itoa(int(ref.tab)), strconv.FormatInt(ref.putCode, 10))
}

// itemsSize is about what laid-out fields take in memory.
func itemsSize(lines []item) int64 {
	n := int64(256)
	for _, it := range lines {
		n += 128
		for _, c := range it.cells {
			n += int64(len(c))
		}
		n += int64(len(it.link) + len(it.copy))
	}
	return n
}

// itemKindPath is the singular name in the path of tab t's items
// ("funding", "invited-position").
func itemKindPath(t tabID) string {
	switch t {
	case tabFunding:
		return "funding"
	case tabPeerReview:
		return "peer-review"
	case tabResources:
		return "research-resource"
	}
	return affTabs[t].Kind()
}

// itemResource reads a raw resource naming a full item ("funding/1234"),
// as r and C use it for an open item.
func itemResource(res string) (kind string, putCode int64, ok bool) {
	kind, n, found := strings.Cut(res, "/")
	if !found || kind == "work" {
		return "", 0, false
	}
	pc, err := strconv.ParseInt(n, 10, 64)
	if err != nil || pc <= 0 {
		return "", 0, false
	}
	for t := range numTabs {
		if opensInFull(t) && itemKindPath(t) == kind {
			return kind, pc, true
		}
	}
	return "", 0, false
}
