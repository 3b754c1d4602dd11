package record

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// testBase is where the in-process registry pretends to live, so iD URIs
// and body URLs in golden files do not depend on a port.
const testBase = "http://orcid.test"

// handlerTransport serves requests straight from the registry's handler (no
// listener) and logs their paths.
type handlerTransport struct {
	h       http.Handler
	mu      sync.Mutex
	paths   []string
	accepts []string // each request's Accept header
}

func (t *handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if err := r.Context().Err(); err != nil {
		return nil, err
	}
	t.mu.Lock()
	t.paths = append(t.paths, r.URL.Path)
	t.accepts = append(t.accepts, r.Header.Get("Accept"))
	t.mu.Unlock()
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	resp := rec.Result()
	resp.Request = r
	return resp, nil
}

func (t *handlerTransport) log() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]string(nil), t.paths...)
}

func isBulk(p string) bool { return strings.Contains(p, "/works/") }
func isWork(p string) bool { return strings.Contains(p, "/work/") }

var (
	regOnce sync.Once
	regH    http.Handler
)

func registry() http.Handler {
	regOnce.Do(func() {
		regH = orcidtest.NewHandler(orcidtest.WithBaseURL(testBase)).Handler()
	})
	return regH
}

func testEnv() orcid.Environment {
	return orcid.Environment{Name: "demo", RegistryURL: testBase, PublicAPIURL: testBase + "/pub", MemberAPIURL: testBase + "/api", AnyLoopbackPort: true}
}

// newTestModel returns a focused record pane of w x h talking to the
// in-process registry, and the transport that logs its requests.
func newTestModel(t testing.TB, w, h int) (*Model, *handlerTransport) {
	t.Helper()
	tr := &handlerTransport{h: registry()}
	env := testEnv()
	c := orcid.New(env, orcid.WithHTTPClient(&http.Client{Transport: tr}), orcid.WithRateLimit(1e6, 1000))
	styles := common.NewStyles(true, true)
	keys := common.DefaultKeyMap()
	m := New(&styles, &keys)
	m.SetSession(&common.Session{Env: env, Client: c, Who: common.WhoAnonymous})
	m.SetSize(w, h)
	m.Focus()
	return m, tr
}

// run executes cmd and feeds every message it yields back into m until
// nothing is left; spinner ticks are dropped (they would tick forever).
// Messages for the root (OpenURLMsg, CopyMsg, ErrorMsg ...) are returned.
func run(m *Model, cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case spinner.TickMsg:
		case common.OpenURLMsg, common.CopyMsg, common.ErrorMsg, common.StatusMsg:
			out = append(out, msg)
		default:
			if strings.HasPrefix(fmt.Sprintf("%T", msg), "cursor.") {
				continue // the input's cursor blinks forever
			}
			queue = append(queue, m.Update(msg))
		}
	}
	return out
}

// press sends keys (as key names: "j", "enter", "ctrl+d", "]") and runs the
// commands they return.
func press(m *Model, keys ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range keys {
		out = append(out, run(m, m.Update(keyMsg(k)))...)
	}
	return out
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "ctrl+d":
		return tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	}
	r := []rune(k)
	if len(r) != 1 {
		panic("unknown key " + k)
	}
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// typeText types s into whatever holds the keys.
func typeText(m *Model, s string) {
	for _, r := range s {
		run(m, m.Update(tea.KeyPressMsg{Code: r, Text: string(r)}))
	}
}

// open opens id and runs its loading to the end.
func open(t testing.TB, m *Model, id string) []tea.Msg {
	t.Helper()
	return run(m, m.Open(orcid.ID(id)))
}

// plain is the view without escape sequences.
func plain(m *Model) string { return ansi.Strip(m.View()) }
