package common

import (
	tea "charm.land/bubbletea/v2"

	"charm.land/bubbles/v2/key"
)

// Pane is one room of the screen. The root model owns the size and focus and
// routes messages; a pane mutates itself in place (pointer receivers) and
// returns commands for any I/O.
//
// View returns exactly the pane's area (w x h cells, borders included), is
// pure and cheap: no I/O, no decoding, no sorting; only visible rows drawn.
type Pane interface {
	Update(tea.Msg) tea.Cmd
	View() string
	SetSize(w, h int)
	Focus()
	Blur()
	Focused() bool
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}

// TextInputter is implemented by panes that have a text input which may hold
// the keyboard. While InputFocused reports true, the root model sends every
// key to the pane before looking at global keys, so typing "q" into a search
// box does not quit.
type TextInputter interface {
	InputFocused() bool
}

// KeyClaimer is a pane that wants a key the root otherwise handles itself
// where the pane gives it a meaning of its own: E exports on the works tab
// and the search results, and opens the environment pane everywhere else.
type KeyClaimer interface {
	ClaimsKey(msg tea.KeyPressMsg) bool
}
