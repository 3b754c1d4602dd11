package common

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// Session is who the UI talks to ORCID as, in one environment. The root model
// and the environment pane build it; other panes read it and must not keep
// using an older one after a SessionMsg.
type Session struct {
	Env orcid.Environment
	// Client reads the public API, anonymously or with a client-credentials
	// /read-public token. Never nil in a Session sent to panes.
	Client *orcid.Client
	// Member reads the member API with a /read-limited token of the signed-in
	// user; nil unless SignedIn is set.
	Member *orcid.Client
	// SignedIn is the iD of the signed-in user, "" when nobody is.
	SignedIn orcid.ID
	// Who says in words who we are: "anonymous", "client token",
	// "signed in 0000-0002-1825-0097".
	Who string
	// Scopes are the signed-in token's scopes (/activities/update,
	// /person/update, ...) and ClientID the client it was given to: the
	// source ORCID records on the items that client adds. Empty unless
	// SignedIn is set.
	Scopes   []string
	ClientID string
}

// CanWrite reports whether the session may change id's record with scope
// (/activities/update or /person/update): signed in as its holder, with a
// member client and a token granting the scope.
func (s *Session) CanWrite(id orcid.ID, scope string) bool {
	return s != nil && s.Member != nil && s.SignedIn != "" && s.SignedIn == id && slices.Contains(s.Scopes, scope)
}

// ClientFor returns the client to read id's record with: the member client
// when id is the signed-in user's own record (limited items included), else
// the public client.
func (s *Session) ClientFor(id orcid.ID) *orcid.Client {
	if s == nil {
		return nil
	}
	if s.Member != nil && s.SignedIn != "" && id == s.SignedIn {
		return s.Member
	}
	return s.Client
}

// CacheScope names the environment and identity answers are read as, for
// the cache: answers are only ever served to the same scope, so a signed-in
// user's limited items never reach anyone else.
func (s *Session) CacheScope() string {
	if s == nil {
		return ""
	}
	return s.Env.Name + "|" + s.Env.PublicAPIURL + "|" + s.Env.MemberAPIURL + "|" + s.Who + "|" + string(s.SignedIn)
}

// SessionMsg announces a new session: another environment, or credentials
// changed. The root model forwards it to every pane.
type SessionMsg struct{ *Session }

// OpenRecordMsg asks the record pane to show a record (from search, or from a
// merged record's primary).
type OpenRecordMsg struct{ ID orcid.ID }

// OpenURLMsg asks the root model to open URL in the browser. The root does it
// in a tea.Cmd with the launcher's output discarded, never in Update.
type OpenURLMsg struct{ URL string }

// CopyMsg asks the root model to put Text on the clipboard (OSC 52) and say
// "copied <What>" in the status line.
type CopyMsg struct {
	Text string
	What string // "DOI", "iD", "URL", …
}

// ErrorMsg reports a failure to the status line. What says what was being
// done ("search", "loading works"); the root turns Err into plain words with
// Describe and keeps the detail one key away.
//
// Op names the operation that failed ("record 0000-0002-1825-0097"; What
// when empty) so that its later success, a DoneMsg with the same Op, takes
// the error off the status line.
type ErrorMsg struct {
	Err  error
	What string
	Op   string
}

// DoneMsg says operation Op (see ErrorMsg) succeeded. If the status line
// shows an error of the same operation, the root replaces it with Text, or
// clears it when Text is empty; any other status line is left alone.
type DoneMsg struct {
	Op   string
	Text string
}

// StatusMsg shows a short informational line in the status bar.
type StatusMsg struct{ Text string }

// FocusMsg asks the root model to move the focus to a pane.
type FocusMsg struct{ Pane PaneID }

// StylesMsg is sent to every pane after the theme changed (background colour
// detected). Panes that share the root's *Styles need do nothing; it exists
// for panes that cache rendered text.
type StylesMsg struct{}

// PaneID names the panes of the screen.
type PaneID int

const (
	PaneEnv PaneID = iota
	PaneSearch
	PaneRecord
)

func (p PaneID) String() string {
	switch p {
	case PaneEnv:
		return "environment"
	case PaneSearch:
		return "search"
	case PaneRecord:
		return "record"
	}
	return "pane"
}

// Cmd wraps a message in a command.
func Cmd(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// ClickMsg is a left click inside a pane, in the pane's own coordinates
// (0,0 is the top-left border cell). The root model sends it to the pane
// under the pointer while the layout is still the one clicked on, then
// focuses that pane: a pane that is not focused yet sees Focused() false
// (a first click selects; a click in the focused pane may act).
// Mouse wheel events are forwarded as tea.MouseWheelMsg unchanged.
type ClickMsg struct{ X, Y int }
