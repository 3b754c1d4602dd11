package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/tui/common"
)

// The help overlay lists every key of the focused pane and the global ones.
// When the list is longer than the screen (80x24) it scrolls with the list
// keys, and its last line says where the view is.

// helpBody is the overlay's key list, laid out for width w, one string per
// line.
func (a *App) helpBody(w int) []string {
	st := a.st
	groups := append([][]key.Binding{a.globalKeys()}, a.pane(a.focus).FullHelp()...)
	var blocks []string
	for _, g := range groups {
		kw := 0
		for _, b := range g {
			if b.Enabled() {
				kw = max(kw, ansi.StringWidth(b.Help().Key))
			}
		}
		var lines []string
		for _, b := range g {
			if !b.Enabled() || b.Help().Key == "" {
				continue
			}
			pad := strings.Repeat(" ", kw-ansi.StringWidth(b.Help().Key))
			lines = append(lines, st.HelpKey.Render(b.Help().Key+pad)+"  "+st.HelpDesc.Render(b.Help().Desc))
		}
		if len(lines) > 0 {
			blocks = append(blocks, strings.Join(lines, "\n"))
		}
	}
	// Lay the groups out in rows that fit the width.
	inner := w - 6
	var rows []string
	var row []string
	rowW := 0
	for _, bl := range blocks {
		bw := lipgloss.Width(bl) + 4
		if len(row) > 0 && rowW+bw > inner {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowW = nil, 0
		}
		row = append(row, lipgloss.NewStyle().PaddingRight(4).Render(bl))
		rowW += bw
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	return strings.Split(strings.Join(rows, "\n\n"), "\n")
}

// helpWindow is how many lines of the key list fit in the pane area of
// height h: the box's borders, the title and a blank line, and the
// position line when it scrolls.
func helpWindow(h, n int) int {
	room := max(1, h-2-2)
	if n > room {
		room = max(1, room-1)
	}
	return room
}

func (a *App) areaHeight() int { return max(a.h, minHeight) - 3 }

// helpMaxScroll is the largest first line: 0 when everything fits.
func (a *App) helpMaxScroll() int {
	n := len(a.helpBody(max(a.w, minWidth)))
	return max(0, n-helpWindow(a.areaHeight(), n))
}

// scrollHelp moves the overlay's view with the list keys.
func (a *App) scrollHelp(msg tea.KeyPressMsg) {
	k := a.keys
	top := a.helpMaxScroll()
	n := len(a.helpBody(max(a.w, minWidth)))
	half := max(1, helpWindow(a.areaHeight(), n)/2)
	switch {
	case key.Matches(msg, k.Down):
		a.helpScroll++
	case key.Matches(msg, k.Up):
		a.helpScroll--
	case key.Matches(msg, k.PageDown):
		a.helpScroll += half
	case key.Matches(msg, k.PageUp):
		a.helpScroll -= half
	case key.Matches(msg, k.Top):
		a.helpScroll = 0
	case key.Matches(msg, k.Bottom):
		a.helpScroll = top
	}
	a.helpScroll = max(0, min(a.helpScroll, top))
}

func (a *App) helpOverlay(w, h int) string {
	st := a.st
	lines := a.helpBody(w)
	win := helpWindow(h, len(lines))
	from := max(0, min(a.helpScroll, len(lines)-win))
	to := min(len(lines), from+win)
	title := st.Title.Render("Keys · "+a.focus.String()) + st.Dim.Render("   ? or esc closes")
	body := append([]string{title, ""}, lines[from:to]...)
	if len(lines) > win {
		body = append(body, st.Dim.Render(fmt.Sprintf("lines %s–%s of %s · j/k, ctrl+d/ctrl+u scroll",
			common.Count(from+1), common.Count(to), common.Count(len(lines)))))
		// The box keeps the width of the whole list, so it does not jump
		// about while scrolling.
		bw := 0
		for _, l := range lines {
			bw = max(bw, ansi.StringWidth(l))
		}
		for i, l := range body {
			if d := bw - ansi.StringWidth(l); d > 0 {
				body[i] = l + strings.Repeat(" ", d)
			}
		}
	}
	return a.overlayBox(strings.Join(body, "\n"), w, h)
}
