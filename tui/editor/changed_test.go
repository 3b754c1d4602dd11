package editor

import (
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// Changed is false for a form as it opened, new or an edit, and true once
// something is typed.
func TestFormChanged(t *testing.T) {
	tests := []struct {
		name string
		kind orcid.ItemKind
		from any
	}{
		{"new work", orcid.KindWork, nil},
		{"new person identifier", orcid.KindExternalIdentifier, nil},
		{"edit keyword", orcid.KindKeyword, &orcid.Keyword{Content: "pots", Visibility: "public"}},
	}
	for _, tt := range tests {
		f, err := New(tt.kind, 0, tt.from)
		if err != nil {
			t.Fatal(err)
		}
		f.Init()
		if f.Changed() {
			t.Errorf("%s: changed as opened", tt.name)
		}
		for _, k := range keys("x") {
			f.Update(k)
		}
		if !f.Changed() {
			t.Errorf("%s: not changed after typing", tt.name)
		}
	}
}
