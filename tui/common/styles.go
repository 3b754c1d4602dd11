package common

import (
	"image/color"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Theme is the set of semantic colours. Colours are from the 16 ANSI ones so
// they follow the user's terminal palette, and no background is ever set
// except for the selected row (which is also reversed/bold, so it stays
// visible without colour).
type Theme struct {
	Accent      color.Color // titles, active tab, focused border
	Border      color.Color // blurred border
	Text        color.Color
	Dim         color.Color
	Error       color.Color
	OK          color.Color
	Warning     color.Color
	Link        color.Color
	JSONKey     color.Color
	JSONString  color.Color
	JSONNumber  color.Color
	JSONLiteral color.Color // true, false, null
	JSONPunct   color.Color
	XMLTag      color.Color
	XMLAttr     color.Color
	XMLText     color.Color
}

// NewTheme returns the light or dark theme.
func NewTheme(dark bool) Theme {
	ld := lipgloss.LightDark(dark)
	return Theme{
		Accent:      ld(lipgloss.Blue, lipgloss.BrightCyan),
		Border:      ld(lipgloss.BrightBlack, lipgloss.BrightBlack),
		Text:        lipgloss.NoColor{},
		Dim:         ld(lipgloss.BrightBlack, lipgloss.BrightBlack),
		Error:       ld(lipgloss.Red, lipgloss.BrightRed),
		OK:          ld(lipgloss.Green, lipgloss.BrightGreen),
		Warning:     ld(lipgloss.Magenta, lipgloss.BrightYellow),
		Link:        ld(lipgloss.Blue, lipgloss.BrightBlue),
		JSONKey:     ld(lipgloss.Blue, lipgloss.BrightBlue),
		JSONString:  ld(lipgloss.Green, lipgloss.BrightGreen),
		JSONNumber:  ld(lipgloss.Magenta, lipgloss.BrightMagenta),
		JSONLiteral: ld(lipgloss.Red, lipgloss.BrightYellow),
		JSONPunct:   ld(lipgloss.BrightBlack, lipgloss.BrightBlack),
		XMLTag:      ld(lipgloss.Blue, lipgloss.BrightBlue),
		XMLAttr:     ld(lipgloss.Magenta, lipgloss.BrightMagenta),
		XMLText:     lipgloss.NoColor{},
	}
}

// NoColorTheme has no colours at all (NO_COLOR). Styles built from it rely
// on bold, faint, underline and reverse only.
func NoColorTheme() Theme {
	n := lipgloss.NoColor{}
	return Theme{n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n}
}

// Styles are the lipgloss styles every pane draws with. The root model owns
// one *Styles and replaces its contents in place when the background colour
// is detected, so panes holding the pointer follow without a message.
type Styles struct {
	Theme   Theme
	Dark    bool
	NoColor bool

	PaneFocused lipgloss.Style // border of the focused pane
	PaneBlurred lipgloss.Style // border of other panes
	Title       lipgloss.Style // pane title in the top border (focused)
	TitleDim    lipgloss.Style // pane title (blurred)
	Info        lipgloss.Style // right-hand text in the top border ("1 234 found")

	Normal   lipgloss.Style
	Selected lipgloss.Style // the row under the cursor: reverse + bold
	Marker   string         // drawn before the selected row ("▸ ")
	NoMarker string         // same width, for other rows ("  ")
	Header   lipgloss.Style // column headers, section headings
	Label    lipgloss.Style // "client", "expires" …
	Dim      lipgloss.Style
	Error    lipgloss.Style
	OK       lipgloss.Style
	Warning  lipgloss.Style
	Link     lipgloss.Style
	Match    lipgloss.Style // search hit highlight in raw/filter views

	TabActive   lipgloss.Style
	TabInactive lipgloss.Style

	StatusBar lipgloss.Style
	StatusEnv lipgloss.Style
	HelpKey   lipgloss.Style
	HelpDesc  lipgloss.Style
	HelpSep   lipgloss.Style
	Overlay   lipgloss.Style // border of the help overlay and dialogs

	JSONKey     lipgloss.Style
	JSONString  lipgloss.Style
	JSONNumber  lipgloss.Style
	JSONLiteral lipgloss.Style
	JSONPunct   lipgloss.Style
	XMLTag      lipgloss.Style
	XMLAttr     lipgloss.Style
	XMLText     lipgloss.Style
}

// NewStyles builds the styles for a dark or light background; noColor drops
// every colour (NO_COLOR) and keeps bold/reverse/underline so focus and
// selection stay visible.
func NewStyles(dark, noColor bool) Styles {
	t := NewTheme(dark)
	if noColor {
		t = NoColorTheme()
	}
	fg := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
	s := Styles{Theme: t, Dark: dark, NoColor: noColor}
	s.PaneFocused = lipgloss.NewStyle().Border(lipgloss.NormalBorder()).BorderForeground(t.Accent)
	s.PaneBlurred = lipgloss.NewStyle().Border(lipgloss.NormalBorder()).BorderForeground(t.Border)
	if noColor {
		// Without colour the focused pane gets a heavy border instead.
		s.PaneFocused = lipgloss.NewStyle().Border(lipgloss.ThickBorder())
	}
	s.Title = fg(t.Accent).Bold(true)
	s.TitleDim = fg(t.Dim)
	s.Info = fg(t.Dim)
	s.Normal = lipgloss.NewStyle()
	s.Selected = lipgloss.NewStyle().Reverse(true).Bold(true)
	s.Marker = "▸ "
	s.NoMarker = "  "
	s.Header = lipgloss.NewStyle().Bold(true)
	s.Label = fg(t.Dim)
	s.Dim = fg(t.Dim)
	if noColor {
		s.Dim = lipgloss.NewStyle().Faint(true)
		s.Label = s.Dim
		s.TitleDim = s.Dim
		s.Info = s.Dim
	}
	s.Error = fg(t.Error).Bold(true)
	s.OK = fg(t.OK)
	s.Warning = fg(t.Warning)
	s.Link = fg(t.Link).Underline(true)
	s.Match = lipgloss.NewStyle().Reverse(true)
	s.TabActive = fg(t.Accent).Bold(true).Underline(true)
	s.TabInactive = fg(t.Dim)
	if noColor {
		s.TabInactive = lipgloss.NewStyle()
	}
	s.StatusBar = lipgloss.NewStyle()
	s.StatusEnv = fg(t.Accent).Bold(true)
	s.HelpKey = fg(t.Accent)
	s.HelpDesc = fg(t.Dim)
	s.HelpSep = fg(t.Dim)
	if noColor {
		s.HelpKey = lipgloss.NewStyle().Bold(true)
		s.HelpDesc = lipgloss.NewStyle()
		s.HelpSep = lipgloss.NewStyle()
	}
	s.Overlay = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(t.Accent).Padding(0, 1)
	s.JSONKey = fg(t.JSONKey)
	s.JSONString = fg(t.JSONString)
	s.JSONNumber = fg(t.JSONNumber)
	s.JSONLiteral = fg(t.JSONLiteral)
	s.JSONPunct = fg(t.JSONPunct)
	s.XMLTag = fg(t.XMLTag)
	s.XMLAttr = fg(t.XMLAttr)
	s.XMLText = fg(t.XMLText)
	if noColor {
		s.JSONKey = lipgloss.NewStyle().Bold(true)
		s.XMLTag = lipgloss.NewStyle().Bold(true)
	}
	return s
}

// HelpStyles returns styles for bubbles/help.
func (s *Styles) HelpStyles() help.Styles {
	return help.Styles{
		Ellipsis:       s.HelpSep,
		ShortKey:       s.HelpKey,
		ShortDesc:      s.HelpDesc,
		ShortSeparator: s.HelpSep,
		FullKey:        s.HelpKey,
		FullDesc:       s.HelpDesc,
		FullSeparator:  s.HelpSep,
	}
}

// Box draws body inside a w x h bordered box with title at the left of the
// top border and info at its right ("┌ Search ──── 1 234 found ┐"). body is
// cut or padded to the inner size (w-2 x h-2); lines are truncated, never
// wrapped. The title and info must already be sanitised.
func (s *Styles) Box(title, info, body string, w, h int, focused bool) string {
	if w < 2 || h < 2 {
		return ""
	}
	bs := s.PaneBlurred
	ts := s.TitleDim
	if focused {
		bs = s.PaneFocused
		ts = s.Title
	}
	b := bs.GetBorderStyle()
	bc := lipgloss.NewStyle().Foreground(bs.GetBorderTopForeground())
	iw, ih := w-2, h-2

	// Top border with title and info.
	var top strings.Builder
	top.WriteString(bc.Render(b.TopLeft))
	used := 0
	if title != "" && iw >= 4 {
		t := Truncate(title, iw-3, "…") // "─ " + t + " " must fit in iw
		top.WriteString(bc.Render(b.Top) + ts.Render(" "+t+" "))
		used = 1 + ansi.StringWidth(t) + 2
	}
	if info != "" {
		avail := iw - used - 3
		if avail >= 3 {
			in := Truncate(info, avail, "…")
			fill := iw - used - ansi.StringWidth(in) - 3
			top.WriteString(bc.Render(strings.Repeat(b.Top, fill)) + s.Info.Render(" "+in+" ") + bc.Render(b.Top))
			used = iw
		}
	}
	if used < iw {
		top.WriteString(bc.Render(strings.Repeat(b.Top, iw-used)))
	}
	top.WriteString(bc.Render(b.TopRight))

	var out strings.Builder
	out.Grow((w + 8) * h)
	out.WriteString(top.String())
	lines := strings.Split(body, "\n")
	left, right := bc.Render(b.Left), bc.Render(b.Right)
	for i := range ih {
		out.WriteByte('\n')
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		out.WriteString(left)
		out.WriteString(Fit(line, iw))
		out.WriteString(right)
	}
	out.WriteByte('\n')
	out.WriteString(bc.Render(b.BottomLeft + strings.Repeat(b.Bottom, iw) + b.BottomRight))
	return out.String()
}

// Fit truncates or pads a (possibly styled) line to exactly w cells.
func Fit(line string, w int) string {
	if w <= 0 {
		return ""
	}
	lw := ansi.StringWidth(line)
	if lw > w {
		line = Truncate(line, w, "…")
		lw = ansi.StringWidth(line)
	}
	if lw < w {
		line += strings.Repeat(" ", w-lw)
	}
	return line
}

// InputStyles returns styles for bubbles/textinput: a static (non-blinking)
// reverse-video cursor, so views are deterministic and no blink ticks run.
func (s *Styles) InputStyles() textinput.Styles {
	ts := textinput.Styles{
		Focused: textinput.StyleState{
			Text:        lipgloss.NewStyle(),
			Placeholder: s.Dim,
			Suggestion:  s.Dim,
			Prompt:      s.Title,
		},
		Blurred: textinput.StyleState{
			Text:        s.Dim,
			Placeholder: s.Dim,
			Suggestion:  s.Dim,
			Prompt:      s.Dim,
		},
		Cursor: textinput.CursorStyle{Color: s.Theme.Accent, Shape: tea.CursorBlock},
	}
	return ts
}
