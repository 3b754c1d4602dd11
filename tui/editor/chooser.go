package editor

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// KindChooser asks which kind of item to add where a tab holds several
// (the Person tab: other names, keywords, websites, identifiers,
// countries).
type KindChooser struct {
	form   *huh.Form
	choice orcid.ItemKind
	w, h   int
}

// kindTitles name the kinds as ORCID's record page does.
var kindTitles = map[orcid.ItemKind]string{
	orcid.KindOtherName:          "other name",
	orcid.KindKeyword:            "keyword",
	orcid.KindResearcherURL:      "website (researcher URL)",
	orcid.KindExternalIdentifier: "person identifier",
	orcid.KindAddress:            "country",
}

// NewKindChooser offers kinds, the first selected.
func NewKindChooser(kinds []orcid.ItemKind) *KindChooser {
	c := &KindChooser{w: 80, h: 12}
	opts := make([]huh.Option[orcid.ItemKind], len(kinds))
	for i, k := range kinds {
		t := kindTitles[k]
		if t == "" {
			t = strings.ReplaceAll(string(k), "-", " ")
		}
		opts[i] = huh.NewOption(t, k)
	}
	km := huh.NewDefaultKeyMap()
	km.Quit.SetEnabled(false)
	c.form = huh.NewForm(huh.NewGroup(huh.NewSelect[orcid.ItemKind]().Title("Add which item?").
		Options(opts...).Value(&c.choice))).WithKeyMap(km).WithShowHelp(true).WithTheme(baseTheme)
	return c
}

// Init focuses the list.
func (c *KindChooser) Init() tea.Cmd { return c.form.Init() }

// SetSize sets the area the chooser draws in.
func (c *KindChooser) SetSize(w, h int) {
	c.w, c.h = w, h
	c.form = c.form.WithWidth(max(w, 20))
}

// Update moves the choice; k is the chosen kind once enter picked one.
// The choice is made in this Update, not when huh's commands come back
// (see focus.go): a key typed right after enter belongs to the form that
// opens, and must not move the choice first.
func (c *KindChooser) Update(msg tea.Msg) (cmd tea.Cmd, k orcid.ItemKind) {
	_, cmd = c.form.Update(msg)
	moves, rest := takeMoves(cmd)
	if len(moves) > 0 && moves[0] == huh.NextField() {
		return rest, c.choice
	}
	cmd = tea.Batch(append([]tea.Cmd{rest}, msgCmds(moves)...)...)
	if c.form.State == huh.StateCompleted {
		return cmd, c.choice
	}
	return cmd, ""
}

// View draws the list in its area.
func (c *KindChooser) View() string {
	return lipgloss.NewStyle().MaxWidth(c.w).MaxHeight(c.h).Render(c.form.View())
}
