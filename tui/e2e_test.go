package tui

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// handlerTransport serves requests with an in-process handler: no
// listener, and a fixed base URL, so screens are the same on every run.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	resp := rec.Result()
	resp.Request = r
	return resp, nil
}

const fixedBase = "http://orcid.test"

// demoOptions are the Options --demo would give, against an in-process
// registry with a fixed URL.
func demoOptions() Options {
	srv := orcidtest.NewHandler(orcidtest.WithBaseURL(fixedBase))
	hc := &http.Client{Transport: handlerTransport{srv.Handler()}}
	env := orcid.Environment{Name: "demo", RegistryURL: fixedBase, PublicAPIURL: fixedBase + "/pub", MemberAPIURL: fixedBase + "/api", AnyLoopbackPort: true}
	return Options{
		Environments: []Env{
			{Environment: orcid.Production},
			{Environment: orcid.Sandbox},
			{Environment: env, Label: "demo (offline)", ClientID: orcidtest.DemoClientID, ClientSecret: orcidtest.DemoClientSecret},
		},
		Initial:       "demo",
		Demo:          true,
		Theme:         "dark",
		NoColor:       true,
		PublicOptions: []orcid.Option{orcid.WithHTTPClient(hc), orcid.WithRateLimit(1000, 1000)},
		MemberOptions: []orcid.Option{orcid.WithHTTPClient(hc), orcid.WithRateLimit(1000, 1000)},
		HTTPClient:    hc,
		OpenBrowser:   func(string) error { return nil },
	}
}

// drive delivers msg and then every message its commands produce, in
// order, skipping timers (spinner ticks, message expiry); it stops when
// nothing is left.
func drive(a *App, msgs ...tea.Msg) {
	a.after = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	queue := append([]tea.Msg(nil), msgs...)
	for n := 0; len(queue) > 0 && n < 1000; n++ {
		msg := queue[0]
		queue = queue[1:]
		_, cmd := a.Update(msg)
		queue = append(queue, runCmd(cmd)...)
	}
}

func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	switch m := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range m {
			out = append(out, runCmd(c)...)
		}
		return out
	case interface{ ID() int }: // spinner ticks
		return nil
	}
	if strings.HasSuffix(fmt.Sprintf("%T", msg), "setClipboardMsg") {
		return nil // terminal commands have no answer here
	}
	return []tea.Msg{msg}
}

// asciiScreen is the screen as an Ascii-profile terminal shows it.
func asciiScreen(a *App) string { return plain(a.Render()) }

func TestGoldenScreen(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		name := itoa(size[0]) + "x" + itoa(size[1])
		t.Run(name, func(t *testing.T) {
			a := New(demoOptions())
			drive(a, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			t.Run("start", func(t *testing.T) { golden.RequireEqual(t, asciiScreen(a)) })

			typeText(a, "carberry")
			drive(a, press("enter"))
			t.Run("search", func(t *testing.T) { golden.RequireEqual(t, asciiScreen(a)) })
			t.Run("search_pane", func(t *testing.T) { golden.RequireEqual(t, plain(a.search.View())) })

			drive(a, press("enter"))
			t.Run("record", func(t *testing.T) { golden.RequireEqual(t, asciiScreen(a)) })
			t.Run("status_bar", func(t *testing.T) { golden.RequireEqual(t, plain(a.statusBar(size[0]))) })

			drive(a, press("E"))
			t.Run("env", func(t *testing.T) { golden.RequireEqual(t, asciiScreen(a)) })
			t.Run("env_pane", func(t *testing.T) { golden.RequireEqual(t, plain(a.env.View())) })

			drive(a, press("?"))
			t.Run("help", func(t *testing.T) { golden.RequireEqual(t, asciiScreen(a)) })
		})
	}
}

func itoa(n int) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// TestEndToEnd runs the real program against the in-process registry:
// search, open a record, works tab, open a work, raw view, JSON/XML toggle,
// back, quit.
func TestEndToEnd(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	tm, wait, has := teaProgram(t, srv, 120, 40)

	wait("start", has("Search", "Type a name"))
	tm.Type("carberry")
	tm.Send(press("enter"))
	wait("results", has("found", orcidtest.CarberryID))
	tm.Send(press("enter"))
	wait("record", has("Published as"))
	tm.Type("]")
	wait("works tab", has("sorted by"))
	tm.Send(press("enter"))
	wait("work detail", has("Put-code"))
	tm.Type("r")
	wait("raw JSON", has("JSON", `"put-code"`))
	tm.Type("x")
	wait("raw XML", has("XML", "<work:work"))
	tm.Send(press("esc"))
	wait("back", has("Put-code"))
	tm.Send(press("esc"))
	wait("list", has("sorted by"))
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(20*time.Second))
	final := tm.FinalModel(t).(*App)
	if final.record.ID() != orcidtest.CarberryID {
		t.Fatalf("record %q", final.record.ID())
	}
}

// teaProgram runs the real program against srv at w x h, drawn in Ascii.
// wait waits until what was drawn since the last wait satisfies cond; has
// makes a cond of words that must all be there. The screen is drawn as
// changes, with cursor moves over unchanged cells: look for words without
// spaces that the new screen draws.
func teaProgram(t *testing.T, srv *orcidtest.Server, w, h int) (*teatest.TestModel, func(string, func(string) bool), func(...string) func(string) bool) {
	t.Helper()
	opts := Options{
		Environments:  []Env{{Environment: srv.Environment(), ClientID: orcidtest.DemoClientID, ClientSecret: orcidtest.DemoClientSecret}},
		Theme:         "dark",
		PublicOptions: []orcid.Option{orcid.WithHTTPClient(srv.HTTPClient()), orcid.WithRateLimit(1000, 1000)},
		OpenBrowser:   func(string) error { return nil },
	}
	tm := teatest.NewTestModel(t, New(opts),
		teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	out := tm.Output()
	wait := func(what string, cond func(string) bool) {
		t.Helper()
		teatest.WaitFor(t, out, func(b []byte) bool { return cond(ansi.Strip(string(b))) },
			teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	has := func(s ...string) func(string) bool {
		return func(screen string) bool {
			for _, x := range s {
				if !strings.Contains(screen, x) {
					return false
				}
			}
			return true
		}
	}
	return tm, wait, has
}

func BenchmarkStartToFirstFrame(b *testing.B) {
	opts := demoOptions()
	b.ReportAllocs()
	for b.Loop() {
		a := New(opts)
		a.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
		_ = a.View()
	}
}
