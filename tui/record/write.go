package record

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/common"
	"github.com/orcid-tui/orcid-tui/tui/editor"
)

// Writing to the record: a adds an item on the tab shown, e edits the item
// under the cursor, d deletes it after a confirmation. Every check that
// ORCID would fail (no write scope, another record, an item of another
// source) is made before anything is sent, with ORCID's reason. The form
// (package editor) keeps the draft until ORCID accepted it; a write is sent
// once, never retried, and the record shows the change at once, then reads
// the record again to confirm it.

// Keys of the write actions, free in the record pane (e edits credentials
// only in the environment pane).
var (
	keyAdd    = key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add"))
	keyEdit   = key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit"))
	keyDelete = key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete"))
	keyYes    = key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "delete"))
	keyNo     = key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "keep"))
)

// tabKinds are the tabs items can be written on, with their item kind.
var tabKinds = map[tabID]orcid.ItemKind{
	tabWorks:          orcid.KindWork,
	tabEmployment:     orcid.KindEmployment,
	tabEducation:      orcid.KindEducation,
	tabQualifications: orcid.KindQualification,
	tabInvited:        orcid.KindInvitedPosition,
	tabDistinctions:   orcid.KindDistinction,
	tabMemberships:    orcid.KindMembership,
	tabService:        orcid.KindService,
	tabFunding:        orcid.KindFunding,
}

// writeState is the pane's write in progress: at most one form, one
// confirmation or one request at a time.
type writeState struct {
	form     *editor.Form
	formPage *page
	// drafts are forms closed with esc before sending, by kind and
	// put-code: a or e on the same item brings the draft back.
	drafts map[draftKey]*editor.Form
	// bases are the last-modified-dates of the items the drafts were
	// made from; base is the open form's (0: a new item, or unknown), and
	// stale says the open form is a draft whose item changed since.
	bases map[draftKey]int64
	base  int64
	stale bool

	confirm *pendingDelete
	choose  *editor.KindChooser // which person item a adds

	req    uint64 // the write or full-item read under way, 0 when none
	cancel context.CancelFunc
	// reading is the item whose full copy is being read before editing.
	reading string
}

type draftKey struct {
	id      orcid.ID
	kind    orcid.ItemKind
	putCode int64
}

// pendingDelete is a delete waiting for y.
type pendingDelete struct {
	p       *page
	kind    orcid.ItemKind
	putCode int64
	label   string
}

// writingMsg answers a write.
type writingMsg struct {
	req     uint64
	p       *page
	op      string // "added", "updated", "deleted"
	kind    orcid.ItemKind
	putCode int64
	draft   orcid.Item
	res     *orcid.WriteResult
	err     error
}

// fullItemMsg answers the read of an item to edit.
type fullItemMsg struct {
	req     uint64
	p       *page
	kind    orcid.ItemKind
	putCode int64
	item    any
	err     error
}

// writing reports whether a form, a confirmation or a write holds the keys.
func (m *Model) writing() bool {
	return m.wr.form != nil || m.wr.confirm != nil || m.wr.choose != nil
}

// personKinds are the person items a, e and d write on the Person tab.
var personKinds = []orcid.ItemKind{orcid.KindOtherName, orcid.KindKeyword, orcid.KindResearcherURL,
	orcid.KindExternalIdentifier, orcid.KindAddress}

// kindPerson stands for "a person item" on the Person tab before the row
// (or the chooser) says which.
const kindPerson orcid.ItemKind = "person item"

// writeKind is the kind a, e and d write on the tab shown ("" when none):
// on the Person tab, the kind of the row under the cursor.
func (m *Model) writeKind() orcid.ItemKind {
	if m.cur == nil || m.cur.data == nil {
		return ""
	}
	if m.cur.tab == tabPerson {
		if it := m.curItem(); it != nil && it.kind != "" {
			return it.kind
		}
		return kindPerson
	}
	return tabKinds[m.cur.tab]
}

// writeTarget is the item e and d act on: the opened work, else the item
// under the cursor.
func (m *Model) writeTarget() *item {
	p := m.cur
	if p.tab == tabWorks && p.detail != 0 {
		if i := p.workIndexAll(p.detail); i >= 0 {
			return &p.data.works[i].item
		}
		return nil
	}
	if ref, open := p.openRef(); open {
		// A full item is open: e and d act on it, not on its lines.
		for i := range p.data.lists[p.tab] {
			if it := &p.data.lists[p.tab][i]; it.putCode == ref.putCode {
				return it
			}
		}
		return nil
	}
	if it := m.curItem(); it != nil && it.putCode != 0 {
		return it
	}
	return nil
}

// workIndexAll is the index in p.data.works of put-code pc, filtered out
// or not; -1 when absent.
func (p *page) workIndexAll(pc int64) int {
	for i := range p.data.works {
		if p.data.works[i].putCode == pc {
			return i
		}
	}
	return -1
}

// whyNot is why the session cannot write k on the record shown, in words
// that say what to do; "" when it can.
func (m *Model) whyNot(k orcid.ItemKind) string {
	s, p := m.sess, m.cur
	scope := k.Scope()
	if k == kindPerson {
		scope = orcid.KindKeyword.Scope()
	}
	switch {
	case s == nil || s.SignedIn == "":
		// /read-limited too: writes go through the member client, which
		// needs it (asking for scope alone ends in the next refusal).
		return "changing a record needs signing in as its holder with " + scope + ": " + m.envKeys() + ", then l (sign in) asking for /read-limited and " + scope
	case s.SignedIn != p.id:
		return "this is not your record: you are signed in as " + string(s.SignedIn) + ", and only its holder can change it"
	case s.Member == nil:
		return "writing needs the member API: sign in again (" + m.envKeys() + ", then l) asking for /read-limited and " + scope
	case !s.CanWrite(p.id, scope):
		return "your sign-in lacks " + scope + ": sign in again (" + m.envKeys() + ", then l) asking for " + scope
	}
	return ""
}

// notSource is ORCID's refusal for an item of another source, said before
// anything is sent; "" when the item is this client's.
func (m *Model) notSource(it *item) string {
	if it.source != "" && it.source == m.sess.ClientID {
		return ""
	}
	src := it.source
	if src == "" {
		src = "the record holder"
	}
	return fmt.Sprintf("not sent: only an item's source may change it (ORCID 403, error 9010); this %s (put-code %d) is from %s",
		kindWord(it.kind), it.putCode, src)
}

func kindWord(k orcid.ItemKind) string { return strings.ReplaceAll(string(k), "-", " ") }

// writeKeys handles a, e and d; ok is false for any other key.
func (m *Model) writeKeys(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	var op string
	switch {
	case key.Matches(msg, keyAdd):
		op = "add"
	case key.Matches(msg, keyEdit):
		op = "edit"
	case key.Matches(msg, keyDelete):
		op = "delete"
	default:
		return nil, false
	}
	k := m.writeKind()
	if k == "" {
		m.notice = "nothing to " + op + " here: works, affiliations, fundings and person items can be changed"
		return nil, true
	}
	if why := m.whyNot(k); why != "" {
		m.notice = why
		return nil, true
	}
	if m.wr.req != 0 {
		m.notice = "wait for the write under way (esc cancels it)"
		return nil, true
	}
	if op == "add" {
		if p := m.cur; p.tab == tabWorks && p.detail != 0 {
			p.detail = 0
			m.relayout()
		}
		if k == kindPerson {
			return m.openChooser(), true
		}
		return m.openForm(k, 0, nil), true
	}
	if k == kindPerson {
		m.notice = "move to another name, keyword, website, identifier or country to " + op + " it"
		return nil, true
	}
	it := m.writeTarget()
	if it == nil {
		m.notice = "no item under the cursor to " + op
		return nil, true
	}
	if why := m.notSource(it); why != "" {
		m.notice = why
		return nil, true
	}
	if op == "delete" {
		m.wr.confirm = &pendingDelete{p: m.cur, kind: it.kind, putCode: it.putCode, label: it.label}
		return nil, true
	}
	if f := m.wr.drafts[draftKey{m.cur.id, it.kind, it.putCode}]; f != nil {
		return m.showDraft(f, it), true
	}
	return m.readFull(it), true
}

// openForm opens the form for a new item (putCode 0, from nil) or for the
// item from, bringing back a draft left with esc.
func (m *Model) openForm(k orcid.ItemKind, putCode int64, from any) tea.Cmd {
	if f := m.wr.drafts[draftKey{m.cur.id, k, putCode}]; f != nil {
		return m.showForm(f)
	}
	f, err := editor.New(k, putCode, from)
	if err != nil {
		m.notice = err.Error()
		return nil
	}
	if m.sess != nil {
		f.SetRegistry(m.sess.Env.RegistryURL)
	}
	cmd := m.showForm(f)
	m.wr.base = lastModified(from)
	return cmd
}

func (m *Model) showForm(f *editor.Form) tea.Cmd {
	delete(m.wr.drafts, draftKey{m.cur.id, f.Kind(), f.PutCode()})
	m.wr.base, m.wr.stale = m.wr.bases[draftKey{m.cur.id, f.Kind(), f.PutCode()}], false
	delete(m.wr.bases, draftKey{m.cur.id, f.Kind(), f.PutCode()})
	m.wr.form, m.wr.formPage = f, m.cur
	f.SetSize(m.innerW(), max(m.h-2, 4))
	return f.Init()
}

// readFull reads the whole item before editing it, so the update sends
// back every field ORCID holds (a summary lacks a work's contributors and
// citation, a funding's amount).
func (m *Model) readFull(it *item) tea.Cmd {
	p := m.cur
	if it.kind == orcid.KindWork {
		if w := p.full[it.putCode]; w != nil {
			return m.openForm(it.kind, it.putCode, w)
		}
	}
	if it.kind.IsPerson() {
		// The person section holds the whole item already.
		return m.openForm(it.kind, it.putCode, it.orig)
	}
	c := m.sess.Member
	ctx, cancel := context.WithCancel(p.ctx)
	req := common.NextRequestID()
	m.wr.req, m.wr.cancel = req, cancel
	m.wr.reading = fmt.Sprintf("%s put-code %d", kindWord(it.kind), it.putCode)
	m.notice = "reading " + m.wr.reading + " to edit it… (esc cancels)"
	id, k, pc := p.id, it.kind, it.putCode
	read := func() tea.Msg {
		defer cancel()
		msg := fullItemMsg{req: req, p: p, kind: k, putCode: pc}
		switch {
		case k == orcid.KindWork:
			msg.item, msg.err = c.Work(ctx, id, pc)
		case k == orcid.KindFunding:
			msg.item, msg.err = c.Funding(ctx, id, pc)
		case k.IsAffiliation():
			msg.item, msg.err = c.Affiliation(ctx, id, orcid.AffiliationSection(string(k)+"s"), pc)
		default:
			msg.err = fmt.Errorf("no full read for a %s", k)
		}
		return msg
	}
	return tea.Batch(read, m.startSpin())
}

func (m *Model) handleFullItem(msg fullItemMsg) tea.Cmd {
	if msg.req != m.wr.req {
		return nil
	}
	m.wr.req, m.wr.cancel, m.wr.reading = 0, nil, ""
	m.notice = ""
	if msg.p != m.cur {
		return nil
	}
	if msg.err != nil {
		return common.Cmd(common.ErrorMsg{Err: msg.err, What: fmt.Sprintf("reading %s put-code %d", kindWord(msg.kind), msg.putCode)})
	}
	if w, ok := msg.item.(*orcid.Work); ok {
		msg.p.full[msg.putCode] = w
	}
	return m.openForm(msg.kind, msg.putCode, msg.item)
}

// writeInputKey handles a key while a form or a confirmation is open.
func (m *Model) writeInputKey(msg tea.KeyPressMsg) tea.Cmd {
	if c := m.wr.confirm; c != nil {
		switch {
		case key.Matches(msg, keyYes):
			m.wr.confirm = nil
			return m.send(c.p, "deleted", c.kind, c.putCode, nil)
		case key.Matches(msg, keyNo):
			m.wr.confirm = nil
			m.notice = "nothing deleted"
		}
		return nil
	}
	if ch := m.wr.choose; ch != nil {
		if msg.String() == "esc" {
			m.wr.choose = nil
			m.relayout()
			return nil
		}
		return m.chooserUpdate(msg)
	}
	f := m.wr.form
	if msg.String() == "esc" && !f.WantsEsc() {
		if f.Sending() {
			// The form stays open: the write's answer (an error saying
			// whether anything reached ORCID) reopens it.
			if m.wr.cancel != nil {
				m.wr.cancel()
			}
			return nil
		}
		m.closeForm(true)
		return nil
	}
	return m.formUpdate(msg)
}

// closeForm closes the form; keep saves its draft for the next a or e on
// the same item.
func (m *Model) closeForm(keep bool) {
	f := m.wr.form
	if f == nil {
		return
	}
	// A form left as it opened is not kept: an edit's draft would bring
	// back the item as it was then, after it changed on ORCID.
	switch {
	case keep && f.Changed() && m.wr.stale && f.Reason() == staleDraftNotice:
		// The form says esc drops it: e gives the current version. Once
		// the form says something else (ORCID refused a send), esc keeps
		// the draft as any other, and e warns again.
		m.notice = "draft dropped: e opens the version now on ORCID"
	case keep && f.Changed():
		k := draftKey{m.wr.formPage.id, f.Kind(), f.PutCode()}
		if m.wr.drafts == nil {
			m.wr.drafts, m.wr.bases = map[draftKey]*editor.Form{}, map[draftKey]int64{}
		}
		m.wr.drafts[k], m.wr.bases[k] = f, m.wr.base
		m.notice = "draft kept: " + map[bool]string{true: "a", false: "e"}[f.PutCode() == 0] + " brings it back"
	}
	m.wr.form, m.wr.formPage, m.wr.base, m.wr.stale = nil, nil, 0, false
	m.relayout()
}

// send starts one write. It is the only place a write leaves the pane, and
// it refuses while another is under way: a second submit sends nothing.
func (m *Model) send(p *page, op string, k orcid.ItemKind, putCode int64, draft orcid.Item) tea.Cmd {
	if m.wr.req != 0 || p == nil {
		return nil
	}
	if p != m.cur || m.whyNot(k) != "" {
		// The session changed while the form was open (signed out,
		// another environment): nothing is sent, the draft stays.
		why := "not sent: this record is no longer shown"
		if p == m.cur {
			why = "not sent: " + m.whyNot(k)
		}
		if f := m.wr.form; f != nil && f.Sending() {
			return f.Failed(why)
		}
		m.notice = why
		return nil
	}
	c := m.sess.Member
	ctx, cancel := context.WithCancel(p.ctx)
	req := common.NextRequestID()
	m.wr.req, m.wr.cancel = req, cancel
	id := p.id
	do := func() tea.Msg {
		defer cancel()
		msg := writingMsg{req: req, p: p, op: op, kind: k, putCode: putCode, draft: draft}
		switch op {
		case "added":
			msg.res, msg.err = c.Add(ctx, id, draft)
		case "updated":
			msg.res, msg.err = c.Update(ctx, id, draft)
		default:
			msg.res, msg.err = c.Delete(ctx, id, k, putCode)
		}
		return msg
	}
	if op == "deleted" {
		m.notice = fmt.Sprintf("deleting %s put-code %d… (esc cancels the wait)", kindWord(k), putCode)
	}
	return tea.Batch(do, m.startSpin())
}

// handleWrite applies a write's answer: on success the record shows the
// change at once and is read again to confirm it; on failure the form is
// reopened with what was typed and ORCID's reason.
func (m *Model) handleWrite(msg writingMsg) tea.Cmd {
	if msg.req != m.wr.req {
		return nil
	}
	m.wr.req, m.wr.cancel = 0, nil
	m.notice = ""
	what := fmt.Sprintf("%s %s", kindWord(msg.kind), msg.op)
	if msg.err != nil {
		reason := writeReason(msg.err)
		if f := m.wr.form; f != nil && f.Sending() {
			cmd := f.Failed(reason)
			return tea.Batch(cmd, common.Cmd(common.ErrorMsg{Err: msg.err, What: "the " + kindWord(msg.kind) + " was not " + msg.op}))
		}
		name := "the " + kindWord(msg.kind)
		if msg.putCode != 0 {
			name = fmt.Sprintf("%s put-code %d", kindWord(msg.kind), msg.putCode)
		}
		return common.Cmd(common.ErrorMsg{Err: msg.err, What: name + " was not " + msg.op})
	}
	pc := msg.putCode
	if msg.res != nil && msg.res.PutCode != 0 {
		pc = msg.res.PutCode
	}
	if f := m.wr.form; f != nil && f.Sending() {
		m.closeForm(false)
	}
	status := fmt.Sprintf("%s, put-code %d", what, pc)
	p := msg.p
	// What was kept of this record is out of date now: the re-read below
	// keeps the new copy.
	m.cache.DeletePrefix(m.recordPrefix(p.id))
	if p.data == nil {
		return common.Cmd(common.StatusMsg{Text: status})
	}
	m.applyWrite(p, msg.op, msg.kind, pc, msg.draft)
	p.afterWrite = &writeCheck{status: status, kind: msg.kind, putCode: pc, gone: msg.op == "deleted"}
	cmds := []tea.Cmd{common.Cmd(common.StatusMsg{Text: status + " · re-reading the record to confirm"})}
	if p == m.cur {
		cmds = append(cmds, m.load(p))
	}
	return tea.Batch(cmds...)
}

// writeReason is a refused write in words for the form: ORCID's reason,
// the existing put-code of a duplicate, or that it may have been applied.
func writeReason(err error) string {
	var dup *orcid.DuplicateError
	if errors.As(err, &dup) {
		return "ORCID refused: " + dup.Error()
	}
	if errors.Is(err, orcid.ErrMaybeApplied) {
		return err.Error()
	}
	short, _ := common.Describe(err)
	if short == "" {
		short = err.Error()
	}
	var api *orcid.APIError
	var oauth *orcid.OAuthError
	if errors.As(err, &api) || errors.As(err, &oauth) {
		return "ORCID refused: " + short
	}
	// The client says an error is uncertain (above) whenever the write
	// may have been applied: any other failure left the record as it was.
	if errors.Is(err, context.Canceled) {
		return "cancelled: nothing was sent"
	}
	return "not written: " + short
}

// writeCheck is what the re-read after a write must show.
type writeCheck struct {
	status  string
	kind    orcid.ItemKind
	putCode int64
	gone    bool
}

// confirmWrite says whether the re-read shows the write.
func (m *Model) confirmWrite(p *page) tea.Cmd {
	c := p.afterWrite
	p.afterWrite = nil
	if c == nil {
		return nil
	}
	found := false
	if c.kind.IsPerson() {
		for _, it := range p.data.person {
			if it.kind == c.kind && it.putCode == c.putCode {
				found = true
			}
		}
	} else if c.kind == orcid.KindWork {
		found = p.workIndexAll(c.putCode) >= 0
	} else {
		for t, k := range tabKinds {
			if k != c.kind {
				continue
			}
			for _, it := range p.data.lists[t] {
				if it.putCode == c.putCode {
					found = true
				}
			}
		}
	}
	if found != c.gone {
		if !c.gone {
			m.cursorOn(p, c.kind, c.putCode)
		}
		return common.Cmd(common.StatusMsg{Text: c.status + " · confirmed by a re-read"})
	}
	return common.Cmd(common.StatusMsg{Text: c.status + " · the re-read does not show it yet (ORCID may take a moment; R reloads)"})
}

// applyWrite changes the rows shown as the write did, before the re-read.
func (m *Model) applyWrite(p *page, op string, k orcid.ItemKind, pc int64, draft orcid.Item) {
	delete(p.full, pc)
	delete(p.failed, pc)
	src := &orcid.Source{SourceClientID: &orcid.Identifier{Path: m.sess.ClientID}}
	if k.IsPerson() {
		if p.data.personDoc == nil {
			p.data.personDoc = &orcid.Person{}
		}
		if applyPerson(p.data.personDoc, op, k, pc, draft, src) == nil {
			p.data.person = personItems(p.data.personDoc, m.env(), p.id)
		}
		m.markOwn(p)
		m.relayout()
		return
	}
	if k == orcid.KindWork {
		// The cursor ends on what was written, or, for a delete, on the
		// work that takes its place in the list.
		keep := pc
		if ls := p.lists[tabWorks]; op == "deleted" && ls.cursor < len(p.order) {
			keep = p.data.works[p.order[ls.cursor]].putCode
			if keep == pc {
				keep = 0
				switch {
				case ls.cursor+1 < len(p.order):
					keep = p.data.works[p.order[ls.cursor+1]].putCode
				case ls.cursor > 0:
					keep = p.data.works[p.order[ls.cursor-1]].putCode
				}
			}
		}
		i := p.workIndexAll(pc)
		if i >= 0 {
			p.data.works = append(p.data.works[:i:i], p.data.works[i+1:]...)
		}
		if op != "deleted" {
			var s orcid.WorkSummary
			if asSummary(draft, &s) == nil {
				s.PutCode, s.Source = pc, src
				rows := workRows(&orcid.Works{Group: []orcid.WorkGroup{{WorkSummary: []orcid.WorkSummary{s}}}})
				p.data.works = append(p.data.works, rows...)
			}
		}
		p.data.counts[tabWorks] = len(p.data.works)
		if p.detail == pc && op == "deleted" {
			p.detail = 0
		}
		m.markOwn(p)
		p.workLines, p.workWidth = nil, 0
		p.order = nil // it indexes the works before the change
		m.applyOrder(p)
		if j := p.workIndex(keep); j >= 0 {
			p.lists[tabWorks].cursor = j
		}
		m.relayout()
		return
	}
	for t, tk := range tabKinds {
		if tk != k {
			continue
		}
		// The full item read before is out of date, or gone.
		ref := itemRef{t, pc}
		delete(p.items.full, ref)
		delete(p.items.errs, ref)
		if op == "deleted" && p.items.open[t] == pc {
			delete(p.items.open, t)
		}
		items := p.data.lists[t]
		at := len(items)
		for i := range items {
			if items[i].putCode == pc {
				at = i
				items = append(items[:i:i], items[i+1:]...)
				break
			}
		}
		if op != "deleted" {
			var row []item
			switch k {
			case orcid.KindFunding:
				var s orcid.FundingSummary
				if asSummary(draft, &s) == nil {
					s.PutCode, s.Source = pc, src
					row = fundingItems(&orcid.Fundings{Group: []orcid.FundingGroup{{FundingSummary: []orcid.FundingSummary{s}}}})
				}
			default:
				var s orcid.AffiliationSummary
				if asSummary(draft, &s) == nil {
					s.PutCode, s.Source = pc, src
					row = affItems(&orcid.Affiliations{AffiliationGroup: []orcid.AffiliationGroup{{Summaries: []orcid.AffiliationSummary{s}}}})
					for i := range row {
						row[i].kind = k
					}
				}
			}
			at = min(at, len(items))
			items = append(items[:at:at], append(row, items[at:]...)...)
			p.lists[t].cursor = at
		}
		p.data.lists[t] = items
		p.data.counts[t] = len(items)
	}
	m.markOwn(p)
	m.relayout()
}

// asSummary reads a draft as the summary ORCID will list: the write
// documents use the read documents' names, so JSON carries one into the
// other.
func asSummary(draft orcid.Item, v any) error {
	data, err := json.Marshal(draft)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}

// ownMark is put before the name of the items this client is the source of.
const ownMark = "✎ "

// markOwn marks the items the signed-in client added (it alone may change
// them). It runs in Update when rows are built or changed.
func (m *Model) markOwn(p *page) {
	if p.data == nil || m.sess == nil || m.sess.ClientID == "" || m.sess.SignedIn != p.id {
		return
	}
	mark := func(it *item, cell int) {
		if it.own || it.source != m.sess.ClientID || cell >= len(it.cells) {
			return
		}
		it.own = true
		it.cells[cell] = ownMark + it.cells[cell]
	}
	for i := range p.data.works {
		mark(&p.data.works[i].item, 2)
	}
	for t := range tabKinds {
		for i := range p.data.lists[t] {
			mark(&p.data.lists[t][i], 0)
		}
	}
	for i := range p.data.person {
		mark(&p.data.person[i], 1)
	}
}

// visMark is put before the name of an item that is not public, so its
// visibility survives the truncation of a narrow column (a tag after the
// name was cut off at 80 columns). The marks are explained in the help.
func visMark(v string) string {
	switch v = line(v); v {
	case "", orcid.VisibilityPublic:
		return ""
	case orcid.VisibilityLimited:
		return limitedMark
	case orcid.VisibilityPrivate:
		return privateMark
	}
	return otherVisMark
}

// The visibility marks: narrow symbols (one cell, like ownMark) so the
// columns stay aligned.
const (
	limitedMark  = "◐ " // limited: trusted parties
	privateMark  = "● " // private: only the researcher
	otherVisMark = "◌ " // registered-only (deprecated) or unknown
)

// visName is an item's visibility in words, for its full item: the same
// words on every kind of item.
func visName(v string) string {
	switch v = line(v); v {
	case orcid.VisibilityLimited:
		return "limited: trusted parties"
	case "registered-only":
		return "registered only"
	}
	return v
}

// writable records what a, e and d need to act on an item.
func (it *item) writable(k orcid.ItemKind, putCode int64, src *orcid.Source, vis, label string) {
	it.kind, it.putCode, it.source, it.vis, it.label = k, putCode, line(src.ClientID()), line(vis), label
}

// writeFooter is the footer while a delete waits for its confirmation.
func (m *Model) writeFooter() string {
	c := m.wr.confirm
	if c == nil {
		return ""
	}
	name := c.label
	if name == "" {
		name = "(no name)"
	}
	head, tail := "delete "+kindWord(c.kind)+" “", fmt.Sprintf("” (put-code %d)? y delete · n keep", c.putCode)
	// The name is cut, not the question: its end is what to press.
	room := m.innerW() - ansi.StringWidth(head) - ansi.StringWidth(tail)
	name = common.Truncate(name, max(room, 8), "…")
	return m.styles.Error.Render(head + name + tail)
}

// formView draws the open form inside the pane's border.
func (m *Model) formView() string {
	if m.wr.choose != nil {
		return m.wr.choose.View()
	}
	return m.wr.form.View()
}

// writeHelp lists the keys of the form or the confirmation.
func (m *Model) writeHelp() []key.Binding {
	if m.wr.confirm != nil {
		return []key.Binding{keyYes, keyNo}
	}
	if m.wr.choose != nil {
		return []key.Binding{common.WithDesc(m.keys.Enter, "choose"), m.keys.Cancel}
	}
	next := key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab/enter", "next"))
	if m.wr.form != nil && m.wr.form.EnterIsNewLine() {
		next = key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next · enter new line"))
	}
	return []key.Binding{editor.SendKey, next,
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")), m.keys.Cancel}
}

// writeShortHelp is a, e and d when they apply on the tab shown.
func (m *Model) writeShortHelp() []key.Binding {
	k := m.writeKind()
	if k == "" || m.whyNot(k) != "" {
		return nil
	}
	// e and d only where they act: on this client's item (✎). Elsewhere
	// they would only say why not.
	if k != kindPerson {
		if it := m.writeTarget(); it != nil && m.notSource(it) == "" {
			return []key.Binding{key.NewBinding(key.WithKeys("a", "e", "d"), key.WithHelp("a/e/d", "add/edit/delete"))}
		}
	}
	return []key.Binding{key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add"))}
}

// formUpdate passes a message to the open form and sends its draft when
// the form says so (enter on the last field ends in a message, not a key).
func (m *Model) formUpdate(msg tea.Msg) tea.Cmd {
	f := m.wr.form
	cmd, submit := f.Update(msg)
	if !submit {
		return cmd
	}
	op := "added"
	if f.PutCode() != 0 {
		op = "updated"
	}
	return tea.Batch(cmd, m.send(m.wr.formPage, op, f.Kind(), f.PutCode(), f.Draft()))
}

// openChooser asks which person item a adds.
func (m *Model) openChooser() tea.Cmd {
	m.wr.choose = editor.NewKindChooser(personKinds)
	m.wr.choose.SetSize(m.innerW(), max(m.h-2, 4))
	return m.wr.choose.Init()
}

// applyPerson changes the decoded person section as a person-item write
// did: the draft, read as the item ORCID will list, replaces or joins the
// item with put-code pc, or the item goes.
func applyPerson(doc *orcid.Person, op string, k orcid.ItemKind, pc int64, draft orcid.Item, src *orcid.Source) error {
	switch k {
	case orcid.KindOtherName:
		if doc.OtherNames == nil {
			doc.OtherNames = &orcid.OtherNames{}
		}
		return applyList(&doc.OtherNames.OtherName, op, pc, draft, func(x *orcid.OtherName) *int64 { x.Source = src; return &x.PutCode })
	case orcid.KindKeyword:
		if doc.Keywords == nil {
			doc.Keywords = &orcid.Keywords{}
		}
		return applyList(&doc.Keywords.Keyword, op, pc, draft, func(x *orcid.Keyword) *int64 { x.Source = src; return &x.PutCode })
	case orcid.KindResearcherURL:
		if doc.ResearcherURLs == nil {
			doc.ResearcherURLs = &orcid.ResearcherURLs{}
		}
		return applyList(&doc.ResearcherURLs.ResearcherURL, op, pc, draft, func(x *orcid.ResearcherURL) *int64 { x.Source = src; return &x.PutCode })
	case orcid.KindExternalIdentifier:
		if doc.ExternalIdentifiers == nil {
			doc.ExternalIdentifiers = &orcid.PersonExternalIDs{}
		}
		return applyList(&doc.ExternalIdentifiers.ExternalIdentifier, op, pc, draft, func(x *orcid.PersonExternalID) *int64 { x.Source = src; return &x.PutCode })
	case orcid.KindAddress:
		if doc.Addresses == nil {
			doc.Addresses = &orcid.Addresses{}
		}
		return applyList(&doc.Addresses.Address, op, pc, draft, func(x *orcid.Address) *int64 { x.Source = src; return &x.PutCode })
	}
	return fmt.Errorf("not a person item: %s", k)
}

// applyList replaces, appends or removes the element with put-code pc;
// stamp sets an element's source and gives its put-code.
func applyList[T any](list *[]T, op string, pc int64, draft orcid.Item, stamp func(*T) *int64) error {
	at := -1
	for i := range *list {
		if *stamp(&(*list)[i]) == pc {
			at = i
		}
	}
	if op == "deleted" {
		if at >= 0 {
			*list = append((*list)[:at:at], (*list)[at+1:]...)
		}
		return nil
	}
	var x T
	if err := asSummary(draft, &x); err != nil {
		return err
	}
	*stamp(&x) = pc
	if at >= 0 {
		(*list)[at] = x
	} else {
		*list = append(*list, x)
	}
	return nil
}

// chooserUpdate passes a message to the chooser and opens the form of the
// kind chosen.
func (m *Model) chooserUpdate(msg tea.Msg) tea.Cmd {
	cmd, k := m.wr.choose.Update(msg)
	if k == "" {
		return cmd
	}
	m.wr.choose = nil
	return tea.Batch(cmd, m.openForm(k, 0, nil))
}

// cursorOn puts the cursor of the tab showing kind on the item with
// put-code pc, so what was just written stays under it after the re-read.
func (m *Model) cursorOn(p *page, k orcid.ItemKind, pc int64) {
	switch {
	case k == orcid.KindWork:
		if i := p.workIndex(pc); i >= 0 {
			p.lists[tabWorks].cursor = i
		}
	case k.IsPerson():
		if p.tab == tabPerson {
			for i, l := range m.lines {
				if l.it != nil && l.it.kind == k && l.it.putCode == pc {
					p.lists[tabPerson].cursor = i
					break
				}
			}
		}
	default:
		for t, tk := range tabKinds {
			if tk != k {
				continue
			}
			for i, it := range p.data.lists[t] {
				if it.putCode == pc {
					p.lists[t].cursor = i
				}
			}
		}
	}
	m.fix()
}

// dropWrites forgets the form and its drafts: the session's environment
// changed, and with it the records they were for. A write under way is
// left to finish: its outcome is still said in the status line.
func (m *Model) dropWrites() {
	m.wr = writeState{req: m.wr.req, cancel: m.wr.cancel}
}
