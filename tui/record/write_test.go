package record

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"golang.org/x/oauth2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

var writeScopes = []string{"/read-limited", "/activities/update", "/person/update"}

// writeFixture is a record pane signed in as Josiah Carberry against a
// registry of its own (writes change it), with the registry's request log.
type writeFixture struct {
	m      *Model
	srv    *orcidtest.Server
	member *orcid.Client
}

func newWriteFixture(t *testing.T, scopes []string) *writeFixture {
	t.Helper()
	srv := orcidtest.NewHandler(orcidtest.WithBaseURL(testBase))
	tr := &handlerTransport{h: srv.Handler()}
	env := testEnv()
	hc := &http.Client{Transport: tr}
	pub := orcid.New(env, orcid.WithHTTPClient(hc), orcid.WithRateLimit(1e6, 1000))
	tok, _ := srv.IssueToken(orcidtest.DemoClientID, orcidtest.CarberryID, scopes...)
	member := orcid.New(env, orcid.WithHTTPClient(hc), orcid.WithRateLimit(1e6, 1000),
		orcid.WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok, TokenType: "bearer"}), orcid.MemberAPI))
	styles := common.NewStyles(true, true)
	keys := common.DefaultKeyMap()
	m := New(&styles, &keys)
	m.SetSession(&common.Session{Env: env, Client: pub, Member: member, SignedIn: orcidtest.CarberryID,
		Who: "signed in", Scopes: scopes, ClientID: orcidtest.DemoClientID})
	m.SetSize(100, 30)
	m.Focus()
	return &writeFixture{m: m, srv: srv, member: member}
}

// addWork adds a work as the signed-in client, straight through the client.
func (f *writeFixture) addWork(t *testing.T, title, doi string) int64 {
	t.Helper()
	w := doiWork(title, "journal-article", doi)
	w.PublicationDate = orcid.NewDraftDate(2031, 1, 0)
	res, err := f.member.Add(context.Background(), orcidtest.CarberryID, w)
	if err != nil {
		t.Fatal(err)
	}
	return res.PutCode
}

// doiWork is a work of type typ with a title and a DOI of its own.
func doiWork(title, typ, doi string) *orcid.WorkDraft {
	return &orcid.WorkDraft{Title: &orcid.DraftTitle{Title: &orcid.Value{Value: title}}, Type: typ,
		ExternalIDs: &orcid.DraftExternalIDs{ExternalID: []orcid.DraftExternalID{{Type: "doi", Value: doi, Relationship: "self"}}}}
}

// count is how many requests with method went to a path containing part.
func (f *writeFixture) count(method, part string) int {
	n := 0
	for _, r := range f.srv.Requests() {
		if r.Method == method && strings.Contains(r.Path, part) {
			n++
		}
	}
	return n
}

func (f *writeFixture) writes() int {
	n := 0
	for _, r := range f.srv.Requests() {
		if r.Method != http.MethodGet {
			n++
		}
	}
	return n
}

func wkey(k string) tea.KeyPressMsg {
	switch k {
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	}
	return keyMsg(k)
}

func hit(m *Model, keys ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range keys {
		out = append(out, wrun(m, m.Update(wkey(k)))...)
	}
	return out
}

// wtype types s into the form, key by key.
func wtype(m *Model, s string) {
	for _, r := range s {
		wrun(m, m.Update(tea.KeyPressMsg{Code: r, Text: string(r)}))
	}
}

// wrun is run for the form: the text inputs' cursor blinks are left out
// (each waits half a second, and blinks forever), and sequences run in
// order as the program runs them.
func wrun(m *Model, cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil || strings.HasPrefix(runtime.FuncForPC(reflect.ValueOf(c).Pointer()).Name(), "charm.land/bubbles/v2/cursor.") {
			continue
		}
		msg := c()
		if v := reflect.ValueOf(msg); v.IsValid() && v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
			// tea.Batch and tea.Sequence: their commands, in order.
			for i := range v.Len() {
				queue = append(queue, v.Index(i).Interface().(tea.Cmd))
			}
			continue
		}
		switch msg := msg.(type) {
		case nil, spinner.TickMsg:
		case common.OpenURLMsg, common.CopyMsg, common.ErrorMsg, common.StatusMsg:
			out = append(out, msg)
		default:
			if strings.HasPrefix(fmt.Sprintf("%T", msg), "cursor.") {
				continue
			}
			queue = append(queue, m.Update(msg))
		}
	}
	return out
}

// cursorTo puts the works cursor on put-code pc.
func cursorTo(t *testing.T, m *Model, pc int64) {
	t.Helper()
	i := m.cur.workIndex(pc)
	if i < 0 {
		t.Fatalf("put-code %d is not listed", pc)
	}
	m.cur.lists[tabWorks].cursor = i
	m.fix()
}

func statuses(msgs []tea.Msg) string {
	var b strings.Builder
	for _, msg := range msgs {
		switch msg := msg.(type) {
		case common.StatusMsg:
			b.WriteString("status: " + msg.Text + "\n")
		case common.ErrorMsg:
			fmt.Fprintf(&b, "error: %s: %v\n", msg.What, msg.Err)
		}
	}
	return b.String()
}

// fillWork fills a new work's form: the title and the identifier (the
// type and relationship keep doi and self).
func fillWork(m *Model, title, id string) {
	wtype(m, title)
	hit(m, "tab")
	wtype(m, id)
}

func TestWriteKeysRefusedWithoutSending(t *testing.T) {
	tests := []struct {
		name   string
		scopes []string
		keys   []string
		want   string
	}{
		{"no write scope", []string{"/read-limited"}, []string{"]", "a"}, "your sign-in lacks /activities/update: sign in again"},
		{"no scope, edit", []string{"/read-limited"}, []string{"]", "e"}, "sign in again (tab, then l) asking for /activities/update"}, // E exports on the works tab
		{"not the source", writeScopes, []string{"]", "e"}, "403, error 9010"},
		{"not the source, delete", writeScopes, []string{"]", "d"}, "only an item's source may change it"},
		{"person tab, not an item", writeScopes, []string{"e"}, "move to another name, keyword, website, identifier or country"},
		{"person item, no scope", []string{"/read-limited", "/activities/update"}, []string{"a"}, "your sign-in lacks /person/update"},
		{"peer review", writeScopes, []string{"]", "]", "]", "]", "]", "]", "]", "]", "]", "]", "a"}, "nothing to add here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newWriteFixture(t, tt.scopes)
			open(t, f.m, orcidtest.CarberryID)
			hit(f.m, tt.keys...)
			if f.m.wr.form != nil || f.m.wr.confirm != nil {
				t.Fatal("a form or confirmation opened")
			}
			if got := plain(f.m); !strings.Contains(strings.Join(strings.Fields(got), " "), tt.want) {
				t.Errorf("screen lacks %q:\n%s", tt.want, got)
			}
			if n := f.writes(); n != 0 {
				t.Errorf("%d writes sent", n)
			}
			if n := f.count(http.MethodGet, "/work/"); n != 0 {
				t.Errorf("%d item reads", n)
			}
		})
	}
}

func TestAddWork(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	open(t, f.m, orcidtest.CarberryID)
	before := len(f.m.cur.data.works)
	hit(f.m, "]", "a")
	if f.m.wr.form == nil {
		t.Fatalf("no form:\n%s", plain(f.m))
	}
	fillWork(f.m, "Ceramic psychology revisited", "https://doi.org/10.5555/TUI-ADD-1")
	msgs := hit(f.m, "ctrl+s")
	st := statuses(msgs)
	if !strings.Contains(st, "status: work added, put-code ") || !strings.Contains(st, "confirmed by a re-read") {
		t.Fatalf("status:\n%s", st)
	}
	if f.m.wr.form != nil {
		t.Error("the form is still open after ORCID accepted the work")
	}
	if n := f.count(http.MethodPost, "/work"); n != 1 {
		t.Errorf("%d POSTs, want 1", n)
	}
	if n := f.count(http.MethodGet, "/v3.0/"+orcidtest.CarberryID+"/record"); n != 2 {
		t.Errorf("%d record reads, want 2 (open, confirm)", n)
	}
	if got := len(f.m.cur.data.works); got != before+1 {
		t.Errorf("%d works, want %d", got, before+1)
	}
	var pc int64
	for _, w := range f.m.cur.data.works {
		if w.title == "Ceramic psychology revisited" {
			pc = w.putCode
			if !strings.HasPrefix(w.cells[2], ownMark) {
				t.Errorf("own work not marked: %q", w.cells[2])
			}
		}
	}
	if cw := f.m.cur.curWork(); cw == nil || cw.putCode != pc {
		t.Errorf("the cursor is not on the added work after the re-read: %+v", cw)
	}
	w, err := f.member.Work(context.Background(), orcidtest.CarberryID, pc)
	if err != nil {
		t.Fatal(err)
	}
	if got := w.ExternalIDs.ExternalID[0].Value; got != "10.5555/TUI-ADD-1" {
		t.Errorf("DOI sent as %q, want the bare DOI", got)
	}
}

// The record shows an added work before the re-read answers.
func TestAddWorkOptimistic(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	open(t, f.m, orcidtest.CarberryID)
	hit(f.m, "]", "a")
	fillWork(f.m, "Shown at once", "10.5555/TUI-OPT")
	cmd := f.m.Update(wkey("ctrl+s"))
	// Run only the write: its answer's re-read is not run.
	var wmsg writingMsg
	for _, c := range flatten(cmd) {
		if msg, ok := c().(writingMsg); ok {
			wmsg = msg
		}
	}
	if wmsg.res == nil {
		t.Fatalf("no write answer (err %v)", wmsg.err)
	}
	f.m.Update(wmsg)
	if f.m.cur.workIndexAll(wmsg.res.PutCode) < 0 {
		t.Error("the added work is not shown before the re-read")
	}
	if !strings.Contains(plain(f.m), "Shown at once") {
		t.Errorf("not on screen:\n%s", plain(f.m))
	}
}

func flatten(cmd tea.Cmd) []tea.Cmd {
	if cmd == nil {
		return nil
	}
	var out []tea.Cmd
	for _, c := range []tea.Cmd{cmd} {
		msg := c()
		if b, ok := msg.(tea.BatchMsg); ok {
			for _, x := range b {
				out = append(out, flatten(x)...)
			}
			continue
		}
		cc := msg
		out = append(out, func() tea.Msg { return cc })
	}
	return out
}

func TestDoubleSubmitSendsOnce(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	open(t, f.m, orcidtest.CarberryID)
	hit(f.m, "]", "a")
	fillWork(f.m, "Sent once", "10.5555/TUI-ONCE")
	first := f.m.Update(wkey("ctrl+s"))
	second := f.m.Update(wkey("ctrl+s"))
	third := f.m.Update(wkey("enter"))
	if second != nil || third != nil {
		t.Error("a second submit returned a command")
	}
	wrun(f.m, first)
	if n := f.count(http.MethodPost, "/work"); n != 1 {
		t.Errorf("%d POSTs, want 1", n)
	}
}

func TestEditWork(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	pc := f.addWork(t, "Old title", "10.5555/TUI-EDIT")
	open(t, f.m, orcidtest.CarberryID)
	hit(f.m, "]")
	cursorTo(t, f.m, pc)
	f.srv.ResetRequests()
	hit(f.m, "e")
	if f.m.wr.form == nil {
		t.Fatalf("no form:\n%s", plain(f.m))
	}
	if n := f.count(http.MethodGet, fmt.Sprintf("/work/%d", pc)); n != 1 {
		t.Errorf("%d full work reads, want 1", n)
	}
	if got := f.m.wr.form.Draft().(*orcid.WorkDraft); got.Title.Title.Value != "Old title" || got.PutCode != pc ||
		got.ExternalIDs.ExternalID[0].Value != "10.5555/TUI-EDIT" {
		t.Fatalf("form not filled from the work: %+v", got)
	}
	hit(f.m, "ctrl+u")
	wtype(f.m, "New title")
	st := statuses(hit(f.m, "ctrl+s"))
	if want := fmt.Sprintf("work updated, put-code %d", pc); !strings.Contains(st, want) {
		t.Fatalf("status lacks %q:\n%s", want, st)
	}
	if n := f.count(http.MethodPut, fmt.Sprintf("/work/%d", pc)); n != 1 {
		t.Errorf("%d PUTs, want 1", n)
	}
	w, err := f.member.Work(context.Background(), orcidtest.CarberryID, pc)
	if err != nil {
		t.Fatal(err)
	}
	if got := w.Title.Title.Value; got != "New title" {
		t.Errorf("title on ORCID %q", got)
	}
	if i := f.m.cur.workIndexAll(pc); i < 0 || f.m.cur.data.works[i].title != "New title" {
		t.Error("the record does not show the new title")
	}
}

func TestDeleteWork(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	pc := f.addWork(t, "Doomed work", "10.5555/TUI-DEL")
	open(t, f.m, orcidtest.CarberryID)
	hit(f.m, "]")
	cursorTo(t, f.m, pc)
	f.srv.ResetRequests()

	hit(f.m, "d")
	want := fmt.Sprintf("delete work “Doomed work” (put-code %d)? y delete · n keep", pc)
	if !strings.Contains(plain(f.m), want) {
		t.Fatalf("no confirmation naming the work:\n%s", plain(f.m))
	}
	hit(f.m, "n")
	if f.writes() != 0 || f.m.wr.confirm != nil {
		t.Fatal("n sent a delete or left the question open")
	}
	hit(f.m, "d", "esc")
	if f.writes() != 0 || f.m.wr.confirm != nil {
		t.Fatal("esc sent a delete or left the question open")
	}

	// The work after it in the list takes its place under the cursor.
	i := f.m.cur.workIndex(pc)
	f.m.cur.lists[tabWorks].cursor = i
	next := f.m.cur.data.works[f.m.cur.order[max(i-1, 0)]].putCode
	if i+1 < len(f.m.cur.order) {
		next = f.m.cur.data.works[f.m.cur.order[i+1]].putCode
	}
	st := statuses(hit(f.m, "d", "y"))
	if want := fmt.Sprintf("work deleted, put-code %d · confirmed by a re-read", pc); !strings.Contains(st, want) {
		t.Fatalf("status lacks %q:\n%s", want, st)
	}
	if n := f.count(http.MethodDelete, fmt.Sprintf("/work/%d", pc)); n != 1 {
		t.Errorf("%d DELETEs, want 1", n)
	}
	if f.m.cur.workIndexAll(pc) >= 0 {
		t.Error("the deleted work is still listed")
	}
	if cw := f.m.cur.curWork(); cw == nil || cw.putCode != next {
		t.Errorf("the cursor is not on the work after the deleted one: %+v", cw)
	}
}

// ORCID's refusal keeps the form open with the draft and says why; a
// duplicate names the existing put-code.
func TestORCIDErrorKeepsDraft(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	pc := f.addWork(t, "First copy", "10.5555/TUI-DUP")
	open(t, f.m, orcidtest.CarberryID)
	hit(f.m, "]", "a")
	fillWork(f.m, "Second copy", "10.5555/TUI-DUP")
	msgs := hit(f.m, "ctrl+s")
	fm := f.m.wr.form
	if fm == nil {
		t.Fatal("the form closed after ORCID refused the work")
	}
	if fm.Sending() {
		t.Error("the form still says sending")
	}
	if want := fmt.Sprintf("put-code %d", pc); !strings.Contains(fm.Reason(), want) {
		t.Errorf("reason %q lacks %q", fm.Reason(), want)
	}
	if d := fm.Draft().(*orcid.WorkDraft); d.Title.Title.Value != "Second copy" {
		t.Errorf("draft lost: %+v", d.Title)
	}
	if !strings.Contains(statuses(msgs), "error: the work was not added") {
		t.Errorf("status: %s", statuses(msgs))
	}
	if !strings.Contains(ansi.Strip(f.m.View()), "409") {
		t.Errorf("the form does not show ORCID's reason:\n%s", plain(f.m))
	}
	// Fixing the identifier and sending again works, once.
	hit(f.m, "ctrl+u")
	wtype(f.m, "10.5555/TUI-DUP-2")
	st := statuses(hit(f.m, "ctrl+s"))
	if !strings.Contains(st, "work added") {
		t.Fatalf("second try: %s", st)
	}
	if n := f.count(http.MethodPost, "/work"); n != 3 { // the fixture's, the refused one, this one
		t.Errorf("%d POSTs, want 3", n)
	}
}

// A draft that fails orcid.Validate is not sent; the message is under the
// field it names.
func TestValidationBeforeSending(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	open(t, f.m, orcidtest.CarberryID)
	hit(f.m, "]", "a", "ctrl+s")
	if f.writes() != 0 {
		t.Fatal("an invalid work was sent")
	}
	if r := f.m.wr.form.Reason(); !strings.Contains(r, "Title: required") {
		t.Errorf("reason %q", r)
	}
	// The message is on the line under the title, and goes once it is typed.
	lines := strings.Split(plain(f.m), "\n")
	at := -1
	for i, l := range lines {
		if strings.Contains(l, "Title") && !strings.Contains(l, "not sent") {
			at = i
			break
		}
	}
	if at < 0 || !strings.Contains(lines[at+1], "✗ required") {
		t.Fatalf("no message under the title:\n%s", plain(f.m))
	}
	wtype(f.m, "Now titled")
	if lines = strings.Split(plain(f.m), "\n"); strings.Contains(lines[at+1], "✗") {
		t.Errorf("the title's message stayed:\n%s", plain(f.m))
	}
}

// esc closes the form but keeps the draft: a brings it back.
func TestEscKeepsDraft(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	open(t, f.m, orcidtest.CarberryID)
	hit(f.m, "]", "a")
	wtype(f.m, "Half typed")
	hit(f.m, "esc")
	if f.m.wr.form != nil {
		t.Fatal("esc left the form open")
	}
	hit(f.m, "a")
	if d := f.m.wr.form.Draft().(*orcid.WorkDraft); d.Title == nil || d.Title.Title.Value != "Half typed" {
		t.Errorf("draft lost: %+v", d.Title)
	}
}

// The forms at 80x24, and the delete confirmation.
func TestGoldenForms(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		text string
	}{
		{"work", []string{"]", "a"}, "Psychoceramics of the carbon age"},
		{"employment", []string{"]", "]", "a"}, "Wesleyan University"},
		{"funding", []string{"]", "]", "]", "]", "]", "]", "]", "]", "]", "a"}, "Kiln studies"},
		{"person_chooser", []string{"a"}, ""},
		{"keyword", []string{"a", "down", "enter"}, "glazes"},
		{"work_refused", []string{"]", "a", "ctrl+s"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newWriteFixture(t, writeScopes)
			f.m.SetSize(80, 24)
			open(t, f.m, orcidtest.CarberryID)
			hit(f.m, tt.keys...)
			wtype(f.m, tt.text)
			out := f.m.View()
			checkSize(t, out, 80, 24)
			golden.RequireEqual(t, ansi.Strip(out))
		})
	}
}

// fill types each value into the next field; "" leaves a field as it is
// (a select keeps its choice).
func fill(m *Model, values ...string) {
	for i, v := range values {
		if i > 0 {
			hit(m, "tab")
		}
		wtype(m, v)
	}
}

// Each kind is added through its form, sent once, and shown at once with
// its visibility and the own-item mark.
func TestAddEachKind(t *testing.T) {
	tests := []struct {
		name   string
		tab    []string // keys to the tab
		choose []string // keys in the Person tab's chooser
		values []string
		path   string
		shown  string
	}{
		{"employment", []string{"]", "]"}, nil,
			[]string{"Wesleyan University", "Middletown", "CT", "US", "", "https://ror.org/05h7xva58", "Psychoceramics", "Lecturer", "2020-09"},
			"/employment", "Wesleyan University"},
		{"funding", []string{"]", "]", "]", "]", "]", "]", "]", "]", "]"}, nil,
			[]string{"Kiln studies", "", "Wesleyan University", "Middletown", "", "US", "", "https://ror.org/05h7xva58", "25000", "usd", "2021", "2023", "GRANT-77"},
			"/funding", "Kiln studies"},
		{"keyword", nil, []string{"down", "enter"}, []string{"glazes"}, "/keywords", "glazes"},
		{"other name", nil, []string{"enter"}, []string{"J. S. Carberry"}, "/other-names", "J. S. Carberry"},
		{"website", nil, []string{"down", "down", "enter"}, []string{"Lab", "https://example.org/lab"}, "/researcher-urls", "Lab  https://example.org/lab"},
		{"country", nil, []string{"down", "down", "down", "down", "enter"}, []string{"gb"}, "/address", "GB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newWriteFixture(t, writeScopes)
			open(t, f.m, orcidtest.CarberryID)
			hit(f.m, tt.tab...)
			hit(f.m, "a")
			hit(f.m, tt.choose...)
			if f.m.wr.form == nil {
				t.Fatalf("no form:\n%s", plain(f.m))
			}
			fill(f.m, tt.values...)
			hit(f.m, "tab")
			fill(f.m, "") // visibility: leave on the select
			st := statuses(hit(f.m, "ctrl+s"))
			if f.m.wr.form != nil {
				t.Fatalf("form still open: %s\n%s", f.m.wr.form.Reason(), st)
			}
			if !strings.Contains(st, "added, put-code") || !strings.Contains(st, "confirmed by a re-read") {
				t.Fatalf("status:\n%s", st)
			}
			if n := f.count(http.MethodPost, tt.path); n != 1 {
				t.Errorf("%d POSTs to %s, want 1", n, tt.path)
			}
			if got := plain(f.m); !strings.Contains(got, ownMark+tt.shown) {
				t.Errorf("screen lacks %q:\n%s", ownMark+tt.shown, got)
			}
		})
	}
}

// Limited and private items say so on every tab, at 80x24 too: the mark
// is before the name, so a long name cut to its column keeps it.
func TestVisibilityShown(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	f.m.SetSize(80, 24)
	ctx := context.Background()
	long := "Quiet work on the long-term behaviour of reduction-fired celadon glazes in wood kilns"
	drafts := []orcid.Item{
		&orcid.WorkDraft{Title: &orcid.DraftTitle{Title: &orcid.Value{Value: long}}, Type: "report", Visibility: orcid.VisibilityLimited,
			ExternalIDs: &orcid.DraftExternalIDs{ExternalID: []orcid.DraftExternalID{{Type: "doi", Value: "10.5555/TUI-VIS", Relationship: "self"}}}},
		&orcid.KeywordDraft{Content: "secret glaze", Visibility: orcid.VisibilityPrivate},
		&orcid.AffiliationDraft{Kind: orcid.KindEmployment, Visibility: orcid.VisibilityLimited, RoleTitle: "Kiln keeper",
			Organization: &orcid.DraftOrganization{Name: "Quiet Kiln Institute of Long Names and Longer Departments", Address: &orcid.DraftOrganizationAddress{City: "Stoke", Country: "GB"},
				DisambiguatedOrganization: &orcid.DisambiguatedOrganization{Identifier: "https://ror.org/05h7xva58", Source: "ROR"}}},
		&orcid.FundingDraft{Type: "grant", Visibility: orcid.VisibilityPrivate, Title: &orcid.DraftTitle{Title: &orcid.Value{Value: "Quiet grant for a very long study of glaze chemistry"}},
			ExternalIDs: &orcid.DraftExternalIDs{ExternalID: []orcid.DraftExternalID{{Type: "grant_number", Value: "G-VIS", Relationship: "self"}}},
			Organization: &orcid.DraftOrganization{Name: "Wesleyan University", Address: &orcid.DraftOrganizationAddress{City: "Middletown", Country: "US"},
				DisambiguatedOrganization: &orcid.DisambiguatedOrganization{Identifier: "https://ror.org/05h7xva58", Source: "ROR"}}},
	}
	for _, d := range drafts {
		if _, err := f.member.Add(ctx, orcidtest.CarberryID, d); err != nil {
			t.Fatal(err)
		}
	}
	open(t, f.m, orcidtest.CarberryID)
	// rowWith is the screen line holding s (the start of a name).
	rowWith := func(s string) string {
		for _, l := range strings.Split(plain(f.m), "\n") {
			if strings.Contains(l, s) {
				return l
			}
		}
		t.Fatalf("no line holds %q:\n%s", s, plain(f.m))
		return ""
	}
	check := func(tab, name, mark string) {
		t.Helper()
		if l := rowWith(name); !strings.Contains(l, mark+name) {
			t.Errorf("%s: the row lacks %q before the name: %q", tab, mark, l)
		}
	}
	hit(f.m, "G")
	check("person", "secret glaze", privateMark)
	hit(f.m, "]", "f")
	wtype(f.m, "quiet")
	hit(f.m, "enter")
	check("works", "Quiet work", limitedMark)
	hit(f.m, "esc", "]")
	check("employment", "Quiet Kiln", limitedMark)
	// The full item says it in words, as a work's does.
	for i := 0; i < 5 && !strings.Contains(rowWith("▸"), "Quiet Kiln"); i++ {
		hit(f.m, "j")
	}
	hit(f.m, "enter")
	if l := rowWith("Visibility"); !strings.Contains(l, "limited: trusted parties") {
		t.Errorf("employment's full item: %q", l)
	}
	hit(f.m, "esc")
	for i := tabID(0); i < numTabs && !strings.Contains(plain(f.m), "Quiet grant"); i++ {
		hit(f.m, "]")
	}
	check("funding", "Quiet grant", privateMark)
}

// Editing a person item fills the form from the record (no read) and
// deletes ask first, naming the value.
func TestEditAndDeleteKeyword(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	res, err := f.member.Add(context.Background(), orcidtest.CarberryID, &orcid.KeywordDraft{Content: "stoneware"})
	if err != nil {
		t.Fatal(err)
	}
	open(t, f.m, orcidtest.CarberryID)
	for i, l := range f.m.lines {
		if l.it != nil && l.it.putCode == res.PutCode && l.it.kind == orcid.KindKeyword {
			f.m.cur.lists[tabPerson].cursor = i
		}
	}
	f.srv.ResetRequests()
	hit(f.m, "e")
	if f.m.wr.form == nil || f.srv.Requests() != nil {
		t.Fatalf("form %v, requests %v", f.m.wr.form != nil, f.srv.Requests())
	}
	hit(f.m, "ctrl+u")
	wtype(f.m, "porcelain")
	st := statuses(hit(f.m, "ctrl+s"))
	if want := fmt.Sprintf("keyword updated, put-code %d · confirmed", res.PutCode); !strings.Contains(st, want) {
		t.Fatalf("status lacks %q:\n%s", want, st)
	}
	if !strings.Contains(plain(f.m), ownMark+"porcelain") {
		t.Errorf("screen:\n%s", plain(f.m))
	}
	hit(f.m, "d")
	if want := fmt.Sprintf("delete keyword “porcelain” (put-code %d)?", res.PutCode); !strings.Contains(plain(f.m), want) {
		t.Fatalf("no confirmation %q:\n%s", want, plain(f.m))
	}
	st = statuses(hit(f.m, "y"))
	if !strings.Contains(st, "keyword deleted") || strings.Contains(plain(f.m), "porcelain") {
		t.Errorf("status %s\nscreen:\n%s", st, plain(f.m))
	}
	if n := f.count(http.MethodDelete, fmt.Sprintf("/keywords/%d", res.PutCode)); n != 1 {
		t.Errorf("%d DELETEs", n)
	}
}

// grantDraft is a grant with an amount, a description, a grant number and a
// ROR-identified funder.
func grantDraft(title, desc, amount, currency, grant, org, city, country string) *orcid.FundingDraft {
	return &orcid.FundingDraft{Type: "grant",
		Title:            &orcid.DraftTitle{Title: &orcid.Value{Value: title}},
		ShortDescription: desc,
		Amount:           &orcid.DraftAmount{Value: amount, CurrencyCode: currency},
		ExternalIDs:      &orcid.DraftExternalIDs{ExternalID: []orcid.DraftExternalID{{Type: "grant_number", Value: grant, Relationship: "self"}}},
		Organization: &orcid.DraftOrganization{Name: org, Address: &orcid.DraftOrganizationAddress{City: city, Country: country},
			DisambiguatedOrganization: &orcid.DisambiguatedOrganization{Identifier: "https://ror.org/05h7xva58", Source: "ROR"}}}
}

// Editing a funding reads the full funding first.
func TestEditFundingReadsFullItem(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	res, err := f.member.Add(context.Background(), orcidtest.CarberryID, grantDraft("Glaze chemistry",
		"kept as is", "1000", "EUR", "G-1", "Wesleyan University", "Middletown", "US"))
	if err != nil {
		t.Fatal(err)
	}
	open(t, f.m, orcidtest.CarberryID)
	hit(f.m, "]", "]", "]", "]", "]", "]", "]", "]", "]")
	for i, it := range f.m.cur.data.lists[tabFunding] {
		if it.putCode == res.PutCode {
			f.m.cur.lists[tabFunding].cursor = i
		}
	}
	f.m.fix()
	f.srv.ResetRequests()
	hit(f.m, "e")
	if n := f.count(http.MethodGet, fmt.Sprintf("/funding/%d", res.PutCode)); n != 1 {
		t.Fatalf("%d full funding reads", n)
	}
	d := f.m.wr.form.Draft().(*orcid.FundingDraft)
	if d.Title.Title.Value != "Glaze chemistry" || d.ExternalIDs.ExternalID[0].Value != "G-1" || d.Organization.Address.City != "Middletown" {
		t.Fatalf("form not filled from the full funding: %+v", d)
	}
	hit(f.m, "ctrl+u")
	wtype(f.m, "Glaze physics")
	st := statuses(hit(f.m, "ctrl+s"))
	if !strings.Contains(st, "funding updated") {
		t.Fatalf("status %s", st)
	}
	fu, err := f.member.Funding(context.Background(), orcidtest.CarberryID, res.PutCode)
	if err != nil {
		t.Fatal(err)
	}
	if fu.Title.Title.Value != "Glaze physics" || fu.ExternalIDs.ExternalID[0].Value != "G-1" {
		t.Errorf("ORCID holds %+v", fu)
	}
}

// esc while a write waits cancels it: nothing reaches ORCID and the form
// comes back with the draft.
func TestEscCancelsWrite(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	open(t, f.m, orcidtest.CarberryID)
	hit(f.m, "]", "a")
	fillWork(f.m, "Cancelled", "10.5555/TUI-CANCEL")
	send := f.m.Update(wkey("ctrl+s"))
	if !f.m.wr.form.Sending() {
		t.Fatal("not sending")
	}
	f.m.Update(wkey("esc"))
	wrun(f.m, send)
	fm := f.m.wr.form
	if fm == nil || fm.Sending() || !strings.Contains(fm.Reason(), "nothing was sent") {
		t.Fatalf("after esc: form %v, reason %q", fm != nil, fm.Reason())
	}
	if n := f.count(http.MethodPost, "/work"); n != 0 {
		t.Errorf("%d POSTs", n)
	}
}

// A session that lost the write scope while the form was open sends
// nothing and keeps the draft.
func TestSignedOutWhileEditing(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	open(t, f.m, orcidtest.CarberryID)
	hit(f.m, "]", "a")
	fillWork(f.m, "Orphan", "10.5555/TUI-ORPHAN")
	s := *f.m.sess
	s.Member, s.SignedIn, s.Scopes = nil, "", nil
	f.m.SetSession(&s)
	hit(f.m, "ctrl+s")
	fm := f.m.wr.form
	if fm == nil || fm.Sending() || !strings.Contains(fm.Reason(), "not sent: changing a record needs signing in") {
		t.Fatalf("form %v, reason %q", fm != nil, fm.Reason())
	}
	if f.writes() != 0 {
		t.Error("a write was sent")
	}
}

// In a work's detail, e and d act on that work, and a limited work says
// so there too.
func TestWriteFromWorkDetail(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	w := doiWork("Detailed work", "report", "10.5555/TUI-DETAIL")
	w.Visibility = orcid.VisibilityLimited
	res, err := f.member.Add(context.Background(), orcidtest.CarberryID, w)
	if err != nil {
		t.Fatal(err)
	}
	open(t, f.m, orcidtest.CarberryID)
	hit(f.m, "]")
	cursorTo(t, f.m, res.PutCode)
	hit(f.m, "enter")
	if got := plain(f.m); !strings.Contains(got, "limited: trusted parties") || !strings.Contains(got, "Detailed work") {
		t.Fatalf("detail:\n%s", got)
	}
	f.m.cur.lists[tabWorks].cursor = 0 // the list's cursor elsewhere: the detail decides
	hit(f.m, "d")
	if want := fmt.Sprintf("delete work “Detailed work” (put-code %d)?", res.PutCode); !strings.Contains(plain(f.m), want) {
		t.Fatalf("no confirmation %q:\n%s", want, plain(f.m))
	}
	hit(f.m, "n", "e")
	if fm := f.m.wr.form; fm == nil || fm.PutCode() != res.PutCode {
		t.Fatal("e in the detail did not edit the opened work")
	}
}

// A draft is kept under its record's iD (a put-code means nothing on
// another record), and another environment drops the form and drafts.
func TestDraftsBelongToTheirRecord(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	open(t, f.m, orcidtest.CarberryID)
	hit(f.m, "]", "a")
	wtype(f.m, "Kept for Carberry")
	hit(f.m, "esc")
	if len(f.m.wr.drafts) != 1 {
		t.Fatalf("%d drafts", len(f.m.wr.drafts))
	}
	if k := (draftKey{orcidtest.CarberryID, orcid.KindWork, 0}); f.m.wr.drafts[k] == nil {
		t.Fatalf("draft not kept under %+v", k)
	}
	hit(f.m, "a")
	hit(f.m, "esc")
	s := *f.m.sess
	s.Env.Name = "elsewhere"
	f.m.SetSession(&s)
	if f.m.wr.form != nil || len(f.m.wr.drafts) != 0 {
		t.Error("another environment kept the form or its drafts")
	}
}

// A write under way when the environment changes is cancelled with the
// rest of the record's requests, and still says how it ended.
func TestWriteOutcomeAfterEnvChange(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	open(t, f.m, orcidtest.CarberryID)
	hit(f.m, "]", "a")
	fillWork(f.m, "In flight", "10.5555/TUI-FLIGHT")
	send := f.m.Update(wkey("ctrl+s"))
	s := *f.m.sess
	s.Env.Name = "elsewhere"
	f.m.SetSession(&s)
	st := statuses(wrun(f.m, send))
	if !strings.Contains(st, "error: the work was not added: nothing was sent") {
		t.Errorf("status:\n%s", st)
	}
	if n := f.count(http.MethodPost, "/work"); n != 0 {
		t.Errorf("%d POSTs", n)
	}
}

// In an affiliation's full item, e and d act on that item; a delete
// closes it.
func TestWriteFromItemDetail(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	res, err := f.member.Add(context.Background(), orcidtest.CarberryID, &orcid.AffiliationDraft{Kind: orcid.KindEmployment,
		RoleTitle: "Kiln keeper", Organization: &orcid.DraftOrganization{Name: "Kiln Institute", Address: &orcid.DraftOrganizationAddress{City: "Stoke", Country: "GB"},
			DisambiguatedOrganization: &orcid.DisambiguatedOrganization{Identifier: "https://ror.org/05h7xva58", Source: "ROR"}}})
	if err != nil {
		t.Fatal(err)
	}
	open(t, f.m, orcidtest.CarberryID)
	hit(f.m, "]", "]")
	for i, l := range f.m.lines {
		if l.it != nil && l.it.putCode == res.PutCode {
			f.m.cur.lists[tabEmployment].cursor = i
		}
	}
	hit(f.m, "enter")
	if _, open := f.m.cur.openRef(); !open {
		t.Fatalf("no full item open:\n%s", plain(f.m))
	}
	hit(f.m, "e")
	if fm := f.m.wr.form; fm == nil || fm.PutCode() != res.PutCode {
		t.Fatalf("e in the full item did not edit it:\n%s", plain(f.m))
	}
	hit(f.m, "esc", "d")
	if want := fmt.Sprintf("delete employment “Kiln Institute” (put-code %d)?", res.PutCode); !strings.Contains(plain(f.m), want) {
		t.Fatalf("no confirmation %q:\n%s", want, plain(f.m))
	}
	st := statuses(hit(f.m, "y"))
	if !strings.Contains(st, "employment deleted") {
		t.Fatalf("status %s", st)
	}
	if _, open := f.m.cur.openRef(); open {
		t.Error("the deleted item is still open")
	}
}
