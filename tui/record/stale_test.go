package record

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// A kept edit draft brought back with e after its item changed on ORCID
// (here by another session of the same client, straight through the
// registry) says so on the form, from what the reloaded page holds alone;
// ctrl+s still sends it, once, when the user insists, and esc drops it so
// that e opens the current version. An item left alone brings its draft
// back as before.
func TestStaleDraftSaysTheItemChanged(t *testing.T) {
	tests := []struct {
		name    string
		changed bool
		then    string // "ctrl+s" or "esc"
	}{
		{"unchanged, sent", false, "ctrl+s"},
		{"unchanged, esc keeps it", false, "esc"},
		{"changed, sent anyway", true, "ctrl+s"},
		{"changed, esc drops it", true, "esc"},
		{"changed, refused, esc keeps it", true, "refused esc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newWriteFixture(t, writeScopes)
			ctx := context.Background()
			pc := f.addWork(t, "Own work", "10.5555/own.1")
			open(t, f.m, orcidtest.CarberryID)
			hit(f.m, "]")
			cursorTo(t, f.m, pc)
			hit(f.m, "e")
			if fm := f.m.wr.form; fm == nil || fm.PutCode() != pc {
				t.Fatal("e did not open the work's form")
			}
			wtype(f.m, " drafted")
			hit(f.m, "esc")
			if !strings.Contains(f.m.notice, "draft kept") {
				t.Fatalf("no draft kept: %q", f.m.notice)
			}
			const newer = "Own work, retitled in the browser"
			if tt.changed {
				// ORCID's dates are in milliseconds: the other write comes
				// in a later one than the version the draft was made from.
				base := f.m.wr.bases[draftKey{orcidtest.CarberryID, orcid.KindWork, pc}]
				for time.Now().UnixMilli() <= base {
					time.Sleep(time.Millisecond)
				}
				w := doiWork(newer, "journal-article", "10.5555/own.1")
				w.PutCode = pc
				if _, err := f.member.Update(ctx, orcidtest.CarberryID, w); err != nil {
					t.Fatal(err)
				}
			}
			hit(f.m, "R")
			cursorTo(t, f.m, pc)
			gets := f.count(http.MethodGet, "")
			hit(f.m, "e")
			fm := f.m.wr.form
			if fm == nil || fm.PutCode() != pc {
				t.Fatal("e did not bring the draft back")
			}
			if n := f.count(http.MethodGet, "") - gets; n != 0 {
				t.Errorf("bringing the draft back sent %d reads", n)
			}
			if w := fm.Draft().(*orcid.WorkDraft); !strings.Contains(w.Title.Title.Value, "drafted") {
				t.Fatalf("e gave %q, not the draft", w.Title.Title.Value)
			}
			warned := strings.Contains(fm.Reason(), "changed on ORCID since this draft") &&
				strings.Contains(f.m.View(), "changed on ORCID since this draft")
			if warned != tt.changed {
				t.Fatalf("notice shown %v, want %v (reason %q)", warned, tt.changed, fm.Reason())
			}

			puts := f.count(http.MethodPut, "")
			switch tt.then {
			case "ctrl+s":
				st := statuses(hit(f.m, "ctrl+s"))
				if n := f.count(http.MethodPut, "") - puts; n != 1 {
					t.Fatalf("%d PUTs, want 1; status:\n%s", n, st)
				}
				w, err := f.member.Work(ctx, orcidtest.CarberryID, pc)
				if err != nil {
					t.Fatal(err)
				}
				if got := w.Title.Title.Value; !strings.Contains(got, "drafted") {
					t.Errorf("ORCID holds %q, not the draft", got)
				}
			case "refused esc":
				// A send ORCID refused replaces the notice with its
				// reason: the form no longer says esc drops the draft,
				// so esc keeps what was typed, and e warns again.
				fm.Warn("not sent — ORCID refused it")
				hit(f.m, "esc")
				if len(f.m.wr.drafts) != 1 || !strings.Contains(f.m.notice, "draft kept") {
					t.Fatalf("esc after a refusal dropped the draft (notice %q)", f.m.notice)
				}
				hit(f.m, "e")
				if fm := f.m.wr.form; fm == nil || !strings.Contains(fm.Reason(), "changed on ORCID since this draft") ||
					!strings.Contains(fm.Draft().(*orcid.WorkDraft).Title.Title.Value, "drafted") {
					t.Errorf("e after the kept draft: %v", fm)
				}
			case "esc":
				hit(f.m, "esc")
				kept := len(f.m.wr.drafts) == 1
				if kept == tt.changed {
					t.Fatalf("draft kept %v after esc (notice %q)", kept, f.m.notice)
				}
				if tt.changed && !strings.Contains(f.m.notice, "draft dropped") {
					t.Errorf("notice %q", f.m.notice)
				}
				hit(f.m, "e")
				fm := f.m.wr.form
				if fm == nil {
					t.Fatal("e opened no form")
				}
				want := "drafted"
				if tt.changed {
					want = newer
				}
				if got := fm.Draft().(*orcid.WorkDraft).Title.Title.Value; !strings.Contains(got, want) || fm.Reason() != "" {
					t.Errorf("e gave %q (reason %q), want %q", got, fm.Reason(), want)
				}
				if n := f.count(http.MethodPut, "") - puts; n != 0 {
					t.Errorf("%d PUTs sent without ctrl+s", n)
				}
			}
		})
	}
}
