package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// faultApp is the program against a listening in-process registry (faults
// such as a reset need a real connection), with short client timeouts and
// retry back-off so failing requests end quickly.
func faultApp(t *testing.T, srv *orcidtest.Server, timeout time.Duration) *App {
	t.Helper()
	opts := []orcid.Option{orcid.WithHTTPClient(srv.HTTPClient()), orcid.WithRateLimit(1000, 1000),
		orcid.WithBackoff(time.Millisecond, 2*time.Millisecond), orcid.WithMaxRetries(2)}
	if timeout > 0 {
		opts = append(opts, orcid.WithTimeout(timeout))
	}
	a := New(Options{
		Environments: []Env{{Environment: srv.Environment(), Label: "demo (offline)",
			ClientID: orcidtest.DemoClientID, ClientSecret: orcidtest.DemoClientSecret}},
		Theme:         "dark",
		NoColor:       true,
		PublicOptions: opts,
		MemberOptions: opts,
		HTTPClient:    srv.HTTPClient(),
		OpenBrowser:   func(string) error { return nil },
	})
	drive(a, tea.WindowSizeMsg{Width: 120, Height: 40})
	return a
}

// screen is the whole screen as plain text.
func screen(a *App) string { return text(a.Render()) }

// wantMessage asserts the status line carries the plain words Describe
// gives for the fault (what) and no raw body or Go error text.
func wantMessage(t *testing.T, a *App, want string) {
	t.Helper()
	s := screen(a)
	lines := strings.Split(s, "\n")
	msgLine := lines[len(lines)-2] // status bar, panes, message line, help line
	if !strings.Contains(msgLine, "✗") || !strings.Contains(msgLine, want) {
		// The line is cut to the width: the full words are in a.status.
		if !strings.Contains(a.status, want) {
			t.Fatalf("message line %q (status %q) lacks %q", msgLine, a.status, want)
		}
	}
	for _, bad := range []string{"goroutine", "panic", "<!DOCTYPE", "<html", "read tcp", "json: ", "&{", "%!"} {
		if strings.Contains(s, bad) {
			t.Fatalf("screen shows %q:\n%s", bad, s)
		}
	}
}

const carberryName = "Josiah Carberry"

func TestFaultsTUIRecordReload(t *testing.T) {
	tests := []struct {
		fault   orcidtest.Fault
		timeout time.Duration
		want    string // Describe's words
	}{
		{orcidtest.Fault{Name: orcidtest.FaultSlow, Delay: time.Minute}, 150 * time.Millisecond, "did not answer within 150ms; press R to try again"},
		{orcidtest.Fault{Name: orcidtest.FaultReset}, 0, "connection was reset in the middle of the answer"},
		{orcidtest.Fault{Name: orcidtest.FaultTruncated}, 0, "answer was truncated"},
		{orcidtest.Fault{Name: orcidtest.FaultHTML200}, 0, "answered HTML instead of JSON (200)"},
		{orcidtest.Fault{Name: orcidtest.FaultHTML500}, 0, "answered HTML instead of JSON (500, a server error)"},
		{orcidtest.Fault{Name: orcidtest.FaultStorm}, 0, "ORCID is rate limiting (503) — retried 2 times"},
		{orcidtest.Fault{Name: orcidtest.FaultQuota}, 0, "daily request quota is used up"},
		{orcidtest.Fault{Name: orcidtest.FaultMerged, ID: orcidtest.CarberryID}, 0, "merged into " + orcidtest.PrimaryID},
	}
	for _, tt := range tests {
		t.Run(tt.fault.Name, func(t *testing.T) {
			srv := orcidtest.NewServer()
			defer srv.Close()
			a := faultApp(t, srv, tt.timeout)
			drive(a, common.OpenRecordMsg{ID: orcidtest.CarberryID})
			if !strings.Contains(screen(a), carberryName) {
				t.Fatalf("record not shown:\n%s", screen(a))
			}
			_ = srv.SetFault(tt.fault)

			// Reload fails: plain words in the status line, the record stays.
			drive(a, press("R"))
			wantMessage(t, a, tt.want)
			if !strings.Contains(screen(a), carberryName) || !strings.Contains(screen(a), "Brown University") {
				t.Fatalf("loaded record lost after the failed reload:\n%s", screen(a))
			}
			// The detail is one key away and says more, cleanly.
			drive(a, press("!"))
			if !a.showDetail {
				t.Fatal("no detail overlay")
			}
			drive(a, press("x"))

			// The server recovers; R brings the record back.
			srv.ClearFaults()
			drive(a, press("R"))
			s := screen(a)
			if !strings.Contains(s, carberryName) || strings.Contains(a.record.View(), tt.want) {
				t.Fatalf("not recovered:\n%s", s)
			}
			// ... and takes the reload's error off the status line.
			lines := strings.Split(s, "\n")
			if msgLine := lines[len(lines)-2]; strings.Contains(msgLine, "✗") || strings.Contains(msgLine, "reloading") || a.errDetail != "" {
				t.Fatalf("the failed reload's error stays after a successful one: %q", msgLine)
			}
			if !strings.Contains(a.status, "reloaded "+string(orcidtest.CarberryID)) {
				t.Errorf("status %q after a successful reload", a.status)
			}
		})
	}
}

// TestFaultsTUIOpenAnother: a fault while opening a second record leaves
// the first one a key away (back), with its content.
func TestFaultsTUIOpenAnother(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	a := faultApp(t, srv, 0)
	drive(a, common.OpenRecordMsg{ID: orcidtest.CarberryID})
	_ = srv.SetFault(orcidtest.Fault{Name: orcidtest.FaultHTML500})
	drive(a, common.OpenRecordMsg{ID: orcidtest.TanakaID})
	wantMessage(t, a, "answered HTML instead of JSON (500")
	if strings.Contains(a.record.View(), "<html") {
		t.Fatal("HTML drawn in the record pane")
	}
	drive(a, press("esc"))
	if a.record.ID() != orcidtest.CarberryID || !strings.Contains(screen(a), "Brown University") {
		t.Fatalf("back did not bring the first record: %s\n%s", a.record.ID(), screen(a))
	}
	srv.ClearFaults()
	drive(a, common.OpenRecordMsg{ID: orcidtest.TanakaID})
	if a.record.ID() != orcidtest.TanakaID || strings.Contains(a.record.View(), "HTML") {
		t.Fatalf("second record not shown after recovery:\n%s", screen(a))
	}
}

func TestFaultsTUISearch(t *testing.T) {
	for _, f := range []orcidtest.Fault{
		{Name: orcidtest.FaultReset}, {Name: orcidtest.FaultTruncated}, {Name: orcidtest.FaultHTML200},
		{Name: orcidtest.FaultStorm}, {Name: orcidtest.FaultQuota},
	} {
		t.Run(f.Name, func(t *testing.T) {
			srv := orcidtest.NewServer()
			defer srv.Close()
			a := faultApp(t, srv, 0)
			drive(a, common.OpenRecordMsg{ID: orcidtest.CarberryID})
			_ = srv.SetFault(f)
			drive(a, press("/"))
			typeText(a, "carberry")
			drive(a, press("enter"))
			short, _ := common.Describe(searchErr(t, srv, f))
			wantMessage(t, a, short)
			if !strings.Contains(a.search.View(), strings.Fields(short)[0]) {
				t.Errorf("search pane does not say what failed:\n%s", text(a.search.View()))
			}
			if !strings.Contains(screen(a), "Brown University") {
				t.Fatalf("the open record was lost:\n%s", screen(a))
			}
			srv.ClearFaults()
			drive(a, press("/"), press("up"), press("enter")) // "/" empties the box; ↑ recalls
			if !strings.Contains(text(a.search.View()), orcidtest.CarberryID) {
				t.Fatalf("search not recovered:\n%s", text(a.search.View()))
			}
			if a.statusErr || strings.Contains(a.status, "search") {
				t.Fatalf("the failed search's error stays after a successful one: %q", a.status)
			}
		})
	}
}

// searchErr is the error the client gets for a search under fault f, so the
// test can compare with what the screen shows.
func searchErr(t *testing.T, srv *orcidtest.Server, f orcidtest.Fault) error {
	t.Helper()
	c := orcid.New(srv.Environment(), orcid.WithHTTPClient(srv.HTTPClient()), orcid.WithRateLimit(1000, 1000),
		orcid.WithBackoff(time.Millisecond, 2*time.Millisecond), orcid.WithMaxRetries(2))
	_, err := c.ExpandedSearch(t.Context(), orcid.SearchParams{Query: "carberry", Rows: 10})
	if err == nil {
		t.Fatalf("%s: search did not fail", f.Name)
	}
	return err
}

// TestFaultsTUIResponsiveWhileSlow: while a request hangs (its command runs
// in a goroutine, as Bubble Tea runs it), keys are handled at once: typing
// reaches the search input and navigation moves the cursor. When the
// server recovers, the hung request completes and its answer is shown.
func TestFaultsTUIResponsiveWhileSlow(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	a := faultApp(t, srv, 0)
	drive(a, press("/"))
	typeText(a, "university")
	drive(a, press("enter"))
	if len(a.search.View()) == 0 || !strings.Contains(text(a.search.View()), "found") {
		t.Fatalf("no results:\n%s", text(a.search.View()))
	}
	_ = srv.SetFault(orcidtest.Fault{Name: orcidtest.FaultSlow, Delay: time.Minute})
	defer srv.ClearFaults() // on failure: let the hung request go before Close

	// Open the first hit: its request hangs in the background.
	_, cmd := a.Update(press("enter"))
	var open tea.Msg
	for _, m := range runCmd(cmd) {
		if o, ok := m.(common.OpenRecordMsg); ok {
			open = o
		}
	}
	if open == nil {
		t.Fatal("enter did not ask to open a record")
	}
	_, cmd = a.Update(open)
	if cmd == nil {
		t.Fatal("no command for opening a record")
	}
	hung := make(chan []tea.Msg, 1)
	go func() { hung <- runCmd(cmd) }()
	deadline := time.Now().Add(10 * time.Second)
	for a.session.Client.Stats().InFlight == 0 { // the request is under way
		if time.Now().After(deadline) {
			t.Fatal("the record request never started")
		}
		time.Sleep(time.Millisecond)
	}

	// Navigation: back to the search list, the cursor moves.
	drive(a, press("shift+tab"))
	if a.Focused() != common.PaneSearch {
		t.Fatalf("focus %v", a.Focused())
	}
	before := selectedLine(a)
	drive(a, press("down"), press("down"))
	if after := selectedLine(a); after == before || after == "" {
		t.Fatalf("cursor did not move: %q -> %q", before, after)
	}
	// Typing: the text appears in the search input.
	drive(a, press("/"), press("up")) // "/" empties the box; ↑ recalls the query
	typeText(a, " tanaka")
	if !strings.Contains(text(a.search.View()), "university tanaka") {
		t.Fatalf("typed text not shown:\n%s", text(a.search.View()))
	}
	select {
	case <-hung:
		t.Fatal("the slow request ended while keys were handled; the test proves nothing")
	default:
	}
	// The spinner says a request is under way.
	a.pollStats()
	if !strings.Contains(text(a.statusBar(120)), "1 request") {
		t.Errorf("status bar does not show the request under way: %q", text(a.statusBar(120)))
	}

	// Recovery: the server answers; the record arrives and is shown.
	srv.ClearFaults()
	msgs := <-hung
	drive(a, msgs...)
	if a.record.ID() == "" || strings.Contains(a.record.View(), "did not answer") {
		t.Fatalf("record not shown after recovery:\n%s", screen(a))
	}
	if !strings.Contains(text(a.record.View()), string(a.record.ID())) {
		t.Fatalf("record pane lacks the record:\n%s", text(a.record.View()))
	}
}

// selectedLine is the search pane line with the selection marker.
func selectedLine(a *App) string {
	for _, l := range strings.Split(text(a.search.View()), "\n") {
		if strings.Contains(l, "▸") || strings.Contains(l, "> ") {
			return l
		}
	}
	return ""
}

// TestFaultsTUIRevokedToken: a client token revoked in the middle of a
// session: the next read says the token is no longer valid and how to get a
// new one; after getting one (c), R loads again.
func TestFaultsTUIRevokedToken(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	a := faultApp(t, srv, 0)
	drive(a, press("esc"), press("E"), press("c"))
	if a.session == nil || a.session.Who != common.WhoClientToken {
		t.Fatalf("no client token: %+v\n%s", a.session, screen(a))
	}
	drive(a, common.OpenRecordMsg{ID: orcidtest.CarberryID})
	if !strings.Contains(screen(a), "Brown University") {
		t.Fatalf("record not shown:\n%s", screen(a))
	}
	_ = srv.SetFault(orcidtest.Fault{Name: orcidtest.FaultRevoke})
	drive(a, press("R"))
	wantMessage(t, a, "access token is no longer valid")
	if !strings.Contains(a.status, "get a new one in the environment pane (c)") {
		t.Errorf("no remedy in %q", a.status)
	}
	if !strings.Contains(screen(a), "Brown University") {
		t.Fatalf("record lost:\n%s", screen(a))
	}
	srv.ClearFaults()
	drive(a, press("E"), press("c"))
	drive(a, common.FocusMsg{Pane: common.PaneRecord}, press("R"))
	if strings.Contains(a.record.View(), "no longer valid") || !strings.Contains(screen(a), "Brown University") {
		t.Fatalf("not recovered with a new token:\n%s", text(a.record.View()))
	}
	if n := srv.CountStatus(401); n == 0 {
		t.Fatal("the revoked token was never refused: the test proves nothing")
	}
}
