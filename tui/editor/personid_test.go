package editor

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// A person identifier's relationship is the form's: self for a new one,
// the item's own on edit, and what the user picks.
func TestPersonIDRelationship(t *testing.T) {
	scopus := func(rel string) *orcid.PersonExternalID {
		return &orcid.PersonExternalID{Type: "Scopus Author ID", Value: "7004", URL: v("https://www.scopus.com/7004"), Relationship: rel}
	}
	tests := []struct {
		name string
		from *orcid.PersonExternalID
		keys []tea.Msg // from the URL field on
		want string
	}{
		{"new", nil, nil, "self"},
		{"kept on edit", scopus("part-of"), nil, "part-of"},
		{"a value ORCID no longer lists is kept", scopus("funded-by"), nil, "funded-by"},
		{"none read: self", scopus(""), nil, "self"},
		{"picked", nil, []tea.Msg{tea.KeyPressMsg{Code: tea.KeyTab}, tea.KeyPressMsg{Code: tea.KeyDown}, tea.KeyPressMsg{Code: tea.KeyDown}}, "version-of"},
		{"changed on edit", scopus("part-of"), []tea.Msg{tea.KeyPressMsg{Code: tea.KeyTab}, tea.KeyPressMsg{Code: tea.KeyUp}}, "self"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var from any
			if tt.from != nil {
				from = tt.from
			}
			f, err := New(orcid.KindExternalIdentifier, 0, from)
			if err != nil {
				t.Fatal(err)
			}
			f.Init()
			if tt.from == nil {
				for _, s := range []string{"Scopus Author ID", "tab", "7004", "tab", "https://www.scopus.com/7004"} {
					for _, k := range keys(s) {
						f.Update(k)
					}
				}
			} else {
				for range 2 {
					f.Update(tea.KeyPressMsg{Code: tea.KeyTab})
				}
			}
			for _, k := range tt.keys {
				f.Update(k)
			}
			d := f.Draft().(*orcid.PersonExternalIDDraft)
			if d.Relationship != tt.want {
				t.Errorf("relationship %q, want %q (focus on %s)", d.Relationship, tt.want, f.focusedKey())
			}
			if err := orcid.Validate(d); err != nil {
				t.Error(err)
			}
		})
	}
}
