package record

import (
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// esc on a form left as it opened keeps no draft: a kept edit draft would
// hold the item as it was then, and e would bring those old values back
// (and send them) after the item changed on ORCID. A form with something
// typed is still kept.
func TestEscOnUnchangedFormKeepsNoDraft(t *testing.T) {
	f := newWriteFixture(t, writeScopes)
	pc := f.addWork(t, "Own work", "10.5555/own.1")
	open(t, f.m, orcidtest.CarberryID)
	hit(f.m, "]", "g") // the 2031 work sorts first
	if it := f.m.curItem(); it == nil || it.putCode != pc {
		t.Fatalf("cursor not on put-code %d", pc)
	}
	hit(f.m, "e")
	if fm := f.m.wr.form; fm == nil || fm.PutCode() != pc {
		t.Fatal("e did not open the work's form")
	}
	hit(f.m, "esc")
	if len(f.m.wr.drafts) != 0 || strings.Contains(f.m.notice, "draft kept") {
		t.Errorf("unchanged edit kept a draft (%d, notice %q)", len(f.m.wr.drafts), f.m.notice)
	}
	hit(f.m, "a", "esc")
	if len(f.m.wr.drafts) != 0 {
		t.Errorf("empty new form kept a draft")
	}
	hit(f.m, "a")
	wtype(f.m, "Typed")
	hit(f.m, "esc")
	if len(f.m.wr.drafts) != 1 || !strings.Contains(f.m.notice, "draft kept") {
		t.Errorf("typed form: %d drafts, notice %q", len(f.m.wr.drafts), f.m.notice)
	}
	hit(f.m, "a", "esc") // brought back and left as it came: still the typed draft
	if len(f.m.wr.drafts) != 1 {
		t.Errorf("a brought-back draft was dropped")
	}
}
