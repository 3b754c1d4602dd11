package envpane

// Sign-in steps: the scope picker, the browser flow watched event by event,
// and the pasted redirect URL or code for when the loopback cannot be reached.

import (
	"context"
	"errors"
	"slices"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// flowState is one browser sign-in as the pane shows it.
type flowState struct {
	req    uint64
	flow   *auth.Flow
	events []auth.Event
	url    string
	done   bool
	err    string
	paste  textinput.Model
	pasted string // outcome of the last paste
	input  bool   // the paste input holds the keyboard
}

type flowStartedMsg struct {
	env  string
	req  uint64
	flow *auth.Flow
	err  error
}

type flowEventMsg struct {
	env string
	req uint64
	ev  auth.Event
}

type flowDoneMsg struct {
	env  string
	req  uint64
	sess *auth.Session
	err  error
}

func (m *Model) updateScopes(msg tea.KeyPressMsg) tea.Cmd {
	e := m.cur()
	k := m.keys
	switch {
	case msg.String() == "esc":
		m.mode = modeBrowse
	case key.Matches(msg, k.Up):
		m.scopeCursor = max(0, m.scopeCursor-1)
	case key.Matches(msg, k.Down):
		m.scopeCursor = min(len(auth.SignInScopes)-1, m.scopeCursor+1)
	case key.Matches(msg, k.Toggle), msg.String() == "x":
		sc := auth.SignInScopes[m.scopeCursor]
		if i := slices.Index(e.scopes, sc); i >= 0 {
			e.scopes = slices.Delete(e.scopes, i, i+1)
		} else {
			e.scopes = append(e.scopes, sc)
			if (sc == auth.ScopeActivitiesUpdate || sc == auth.ScopePersonUpdate) && !slices.Contains(e.scopes, auth.ScopeReadLimited) {
				// The record pane writes through the member API, which it
				// reads with /read-limited: ticking a write scope ticks it
				// too (space unticks it), rather than a second sign-in
				// after the first write is refused.
				e.scopes = append(e.scopes, auth.ScopeReadLimited)
			}
			// Keep the order of auth.SignInScopes.
			slices.SortFunc(e.scopes, func(a, b string) int {
				return slices.Index(auth.SignInScopes, a) - slices.Index(auth.SignInScopes, b)
			})
		}
	case key.Matches(msg, k.Enter):
		return m.signIn(e)
	}
	return nil
}

func (m *Model) signIn(e *envState) tea.Cmd {
	a, err := m.authenticator(e)
	if err != nil {
		m.mode = modeBrowse
		e.errMsg = "sign-in needs a client id and secret: press e to enter them"
		return nil
	}
	if len(e.scopes) == 0 {
		e.scopes = slices.Clone(auth.DefaultSignInScopes)
	}
	m.cancelOps(e)
	m.mode = modeFlow
	req := common.NextRequestID()
	paste := textinput.New()
	paste.Prompt = "paste "
	paste.Placeholder = "the redirected URL or the code"
	paste.CharLimit = 4096
	paste.SetStyles(m.st.InputStyles())
	paste.SetWidth(max(1, m.w-2-len(paste.Prompt)-1))
	e.flow = &flowState{req: req, paste: paste}
	e.errMsg, e.note = "", ""
	name, scopes := e.spec.Name, slices.Clone(e.scopes)
	return tea.Batch(func() tea.Msg {
		f, err := a.SignIn(context.Background(), auth.SignInOptions{Scopes: scopes})
		return flowStartedMsg{env: name, req: req, flow: f, err: err}
	}, m.spin.Tick)
}

// nextEvent waits for the flow's next event; when the events end it
// returns the flow's outcome.
func nextEvent(name string, req uint64, f *auth.Flow) tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-f.Events()
		if ok {
			return flowEventMsg{env: name, req: req, ev: ev}
		}
		s, err := f.Wait()
		return flowDoneMsg{env: name, req: req, sess: s, err: err}
	}
}

func (m *Model) onFlowStarted(msg flowStartedMsg) tea.Cmd {
	e := m.byName(msg.env)
	if e == nil || e.flow == nil || e.flow.req != msg.req {
		if msg.flow != nil {
			msg.flow.Cancel()
		}
		return nil
	}
	if msg.err != nil {
		short, _ := common.Describe(msg.err)
		e.flow.done, e.flow.err = true, short
		return common.Cmd(common.ErrorMsg{Err: msg.err, What: "sign-in"})
	}
	e.flow.flow = msg.flow
	e.flow.url = sanitize.Line(msg.flow.URL())
	return nextEvent(msg.env, msg.req, msg.flow)
}

func (m *Model) onFlowEvent(msg flowEventMsg) tea.Cmd {
	e := m.byName(msg.env)
	if e == nil || e.flow == nil || e.flow.req != msg.req {
		return nil
	}
	e.flow.events = append(e.flow.events, msg.ev)
	return nextEvent(msg.env, msg.req, e.flow.flow)
}

func (m *Model) onFlowDone(msg flowDoneMsg) tea.Cmd {
	e := m.byName(msg.env)
	if e == nil || e.flow == nil || e.flow.req != msg.req {
		return nil
	}
	f := e.flow
	f.done, f.input = true, false
	f.paste.Blur()
	if msg.err != nil {
		short, _ := common.Describe(msg.err)
		f.err = short
		if errors.Is(msg.err, auth.ErrCancelled) {
			f.err = "sign-in cancelled"
			return common.Cmd(common.StatusMsg{Text: "sign-in cancelled"})
		}
		return common.Cmd(common.ErrorMsg{Err: msg.err, What: "sign-in"})
	}
	m.setUser(e, msg.sess)
	who := string(msg.sess.ORCID)
	if msg.sess.Name != "" {
		who = sanitize.Line(msg.sess.Name) + " (" + who + ")"
	}
	e.note = "signed in as " + who
	if e != m.cur() {
		return nil
	}
	return tea.Batch(m.sessionCmd(), common.Cmd(common.StatusMsg{Text: e.note}))
}

func (m *Model) updateFlow(msg tea.KeyPressMsg) tea.Cmd {
	e := m.cur()
	f := e.flow
	if f == nil {
		m.mode = modeBrowse
		return nil
	}
	if f.input {
		switch msg.String() {
		case "esc":
			f.input = false
			f.paste.Blur()
			return nil
		case "enter":
			text := f.paste.Value()
			f.paste.SetValue("")
			f.input = false
			f.paste.Blur()
			if f.flow == nil {
				return nil
			}
			if err := f.flow.Paste(text); err != nil {
				f.pasted = sanitize.Line(err.Error())
			} else {
				f.pasted = "accepted"
			}
			return nil
		}
		var cmd tea.Cmd
		f.paste, cmd = f.paste.Update(msg)
		return cmd
	}
	k := m.keys
	switch {
	case msg.String() == "esc", msg.String() == "q" && f.done, key.Matches(msg, k.Enter) && f.done:
		if !f.done && f.flow != nil {
			f.flow.Cancel() // the flow ends with ErrCancelled and reports it
		}
		m.mode = modeBrowse
		if !f.done && f.flow == nil {
			e.flow = nil
		}
	case key.Matches(msg, k.Copy):
		if f.url != "" {
			return common.Cmd(common.CopyMsg{Text: f.flow.URL(), What: "authorize URL"})
		}
	case key.Matches(msg, k.Open):
		if f.url != "" {
			return common.Cmd(common.OpenURLMsg{URL: f.flow.URL()})
		}
	case msg.String() == "p":
		if !f.done && f.flow != nil {
			f.input = true
			f.paste.Focus()
		}
	case key.Matches(msg, k.SignIn) && f.done:
		m.mode = modeScopes
	case key.Matches(msg, k.PageDown), key.Matches(msg, k.Down):
		m.scroll++
		m.clampScroll()
	case key.Matches(msg, k.PageUp), key.Matches(msg, k.Up):
		m.scroll = max(0, m.scroll-1)
	}
	return nil
}
