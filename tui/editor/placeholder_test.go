package editor

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// A required URL says so before the user leaves it empty, as the other
// required fields do ("required"), not just "https://…" like the optional
// URLs of works and affiliations.
func TestRequiredURLPlaceholder(t *testing.T) {
	for _, k := range []orcid.ItemKind{orcid.KindResearcherURL, orcid.KindExternalIdentifier} {
		f, err := New(k, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		f.SetSize(80, 40)
		f.Init()
		if v := ansi.Strip(f.View()); !strings.Contains(v, "required: https://…") {
			t.Errorf("%s: no required URL placeholder:\n%s", k, v)
		}
	}
}
