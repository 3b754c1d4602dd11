package common

import "charm.land/bubbles/v2/key"

// KeyMap is every key of the program. Panes use the bindings that apply to
// them and list them in their ShortHelp/FullHelp; the root handles the
// global ones (Tab, ShiftTab, Search, Help, Quit, ForceQuit, EnvPane).
type KeyMap struct {
	// Movement (vim aliases).
	Up       key.Binding
	Down     key.Binding
	Left     key.Binding
	Right    key.Binding
	Top      key.Binding
	Bottom   key.Binding
	PageUp   key.Binding
	PageDown key.Binding

	// Global.
	Tab       key.Binding
	ShiftTab  key.Binding
	Search    key.Binding
	EnvPane   key.Binding
	Help      key.Binding
	Quit      key.Binding
	ForceQuit key.Binding
	Detail    key.Binding // show the detail of the last error

	// Common actions.
	Enter       key.Binding
	Back        key.Binding
	Forward     key.Binding
	PrevSection key.Binding
	NextSection key.Binding
	Raw         key.Binding
	Format      key.Binding
	Open        key.Binding
	Copy        key.Binding
	CopyCurl    key.Binding // copy the request behind what is shown as a curl command
	Reload      key.Binding
	Sort        key.Binding
	Filter      key.Binding // filter the works list, find in raw ("/" is always an ORCID search)
	NextMatch   key.Binding
	PrevMatch   key.Binding
	Toggle      key.Binding // space: check a box
	Export      key.Binding // E on the works tab and the search results (elsewhere E is EnvPane)
	Cite        key.Binding // copy the citation of a work
	Wrap        key.Binding // raw view: wrap long lines or scroll them sideways

	// Environment pane.
	ClientToken key.Binding
	SignIn      key.Binding
	RefreshTok  key.Binding
	Revoke      key.Binding
	Forget      key.Binding
	EditCreds   key.Binding
	Cancel      key.Binding
}

// DefaultKeyMap returns the key map. Back/forward between records follow the
// browser (alt+←/alt+→) and Vimium (H/L); esc and backspace also go back.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return KeyMap{
		Up:       b([]string{"up", "k"}, "↑/k", "up"),
		Down:     b([]string{"down", "j"}, "↓/j", "down"),
		Left:     b([]string{"left", "h"}, "←/h", "left"),
		Right:    b([]string{"right", "l"}, "→/l", "right"),
		Top:      b([]string{"g", "home"}, "g/home", "top"),
		Bottom:   b([]string{"G", "end"}, "G/end", "bottom"),
		PageUp:   b([]string{"ctrl+u", "pgup"}, "ctrl+u", "page up"),
		PageDown: b([]string{"ctrl+d", "pgdown"}, "ctrl+d", "page down"),

		Tab:       b([]string{"tab"}, "tab", "next pane"),
		ShiftTab:  b([]string{"shift+tab"}, "shift+tab", "previous pane"),
		Search:    b([]string{"/"}, "/", "search"),
		EnvPane:   b([]string{"E"}, "E", "environment"),
		Help:      b([]string{"?"}, "?", "help"),
		Quit:      b([]string{"q", "ctrl+c"}, "q", "quit"),
		ForceQuit: b([]string{"ctrl+c"}, "ctrl+c", "quit"),
		Detail:    b([]string{"!"}, "!", "error detail"),

		Enter:       b([]string{"enter"}, "enter", "open"),
		Back:        b([]string{"esc", "backspace", "alt+left", "H"}, "esc", "back"),
		Forward:     b([]string{"alt+right", "L"}, "L", "forward"),
		PrevSection: b([]string{"["}, "[", "prev section"),
		NextSection: b([]string{"]"}, "]", "next section"),
		Raw:         b([]string{"r"}, "r", "raw"),
		Format:      b([]string{"x"}, "x", "json/xml"),
		Open:        b([]string{"o"}, "o", "browser"),
		Copy:        b([]string{"y"}, "y", "copy"),
		CopyCurl:    b([]string{"C"}, "C", "copy as curl"),
		Reload:      b([]string{"R"}, "R", "reload"),
		Sort:        b([]string{"s"}, "s", "sort"),
		Filter:      b([]string{"f", "ctrl+f"}, "f", "filter"),
		NextMatch:   b([]string{"n"}, "n", "next match"),
		PrevMatch:   b([]string{"N"}, "N", "prev match"),
		Toggle:      b([]string{"space"}, "space", "toggle"),
		Export:      b([]string{"E"}, "E", "export"),
		Cite:        b([]string{"Y"}, "Y", "copy citation"),
		Wrap:        b([]string{"w"}, "w", "wrap"),

		ClientToken: b([]string{"c"}, "c", "client token"),
		SignIn:      b([]string{"l"}, "l", "sign in"),
		RefreshTok:  b([]string{"f"}, "f", "refresh token"),
		Revoke:      b([]string{"v"}, "v", "revoke"),
		Forget:      b([]string{"F"}, "F", "forget"),
		EditCreds:   b([]string{"e"}, "e", "edit credentials"),
		Cancel:      b([]string{"esc"}, "esc", "cancel"),
	}
}

// WithHelp is b drawn as k and desc in the key help: a shared binding with
// the words of the place that lists it ("enter open record").
func WithHelp(b key.Binding, k, desc string) key.Binding {
	b.SetHelp(k, desc)
	return b
}

// WithDesc is b with its key as drawn and another description.
func WithDesc(b key.Binding, desc string) key.Binding {
	return WithHelp(b, b.Help().Key, desc)
}
