package record

import (
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// TestReloadOnWorksDraws: while R reloads, the works tab still draws (the
// rows laid out for the width are made again at once, not on the answer).
func TestReloadOnWorksDraws(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	open(t, m, orcidtest.CarberryID)
	press(m, "]")
	m.Update(keyMsg("R")) // the reload under way, not answered
	mustContain(t, plain(m), "Kiln-side Manner")
}
