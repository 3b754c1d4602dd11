package editor

import (
	"net/url"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
)

func contributorsWork() *orcid.Work {
	w := fullWork()
	w.Contributors = &orcid.Contributors{Contributor: []orcid.Contributor{
		{CreditName: v("Josiah Carberry"), ContributorORCID: &orcid.Identifier{URI: "https://sandbox.orcid.org/0000-0002-1825-0097", Path: "0000-0002-1825-0097", Host: "sandbox.orcid.org"},
			ContributorEmail:      v("josiah@example.org"),
			ContributorAttributes: &orcid.ContributorAttributes{Sequence: "first", Role: "writing – original draft"}},
		{CreditName: v("Chantal Tribolo"), ContributorAttributes: &orcid.ContributorAttributes{Role: "author"}}, // no sequence, as ORCID gives it
		{CreditName: v("Loïc Martin")}, // no attributes at all
		{CreditName: v("Norbert Mercier"), ContributorORCID: &orcid.Identifier{Path: "0000-0001-5109-3700"},
			ContributorAttributes: &orcid.ContributorAttributes{Sequence: "additional", Role: "EDITOR"}}, // a spelling the form would not write
		{ContributorORCID: &orcid.Identifier{Path: "0000-0002-1694-233X"}}, // an iD without a name
	}}
	return w
}

// Contributors the user does not touch go back exactly as ORCID holds
// them: iD (with its host), e-mail, role as spelled, missing sequence.
func TestContributorsRoundTrip(t *testing.T) {
	w := contributorsWork()
	f, err := New(orcid.KindWork, 42, w)
	if err != nil {
		t.Fatal(err)
	}
	wantText := "Josiah Carberry | 0000-0002-1825-0097 | writing-original-draft | first\n" +
		"Chantal Tribolo | author\n" +
		"Loïc Martin\n" +
		"Norbert Mercier | 0000-0001-5109-3700 | EDITOR | additional\n" +
		"| 0000-0002-1694-233X"
	if f.v.Contributors != wantText {
		t.Errorf("shown as\n%s\nwant\n%s", f.v.Contributors, wantText)
	}
	got := f.Draft().(*orcid.WorkDraft).Contributors
	if want := w.Draft().Contributors; !reflect.DeepEqual(got, want) {
		t.Errorf("sent\n%+v\nwant\n%+v", got.Contributor, want.Contributor)
	}
	if err := f.validate(); err != nil {
		t.Error(err)
	}
	// Changing one line changes that contributor only.
	f.v.Contributors = strings.Replace(f.v.Contributors, "Chantal Tribolo | author", "Chantal Tribolo | data-curation", 1)
	got = f.Draft().(*orcid.WorkDraft).Contributors
	want := w.Draft().Contributors
	want.Contributor[1].ContributorAttributes = &orcid.DraftContributorAttributes{Sequence: "additional", Role: "data curation"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after an edit of line 2 sent\n%+v\nwant\n%+v", got.Contributor, want.Contributor)
	}
}

func TestParseContributor(t *testing.T) {
	id := func(p string) *orcid.Identifier {
		return &orcid.Identifier{URI: "https://orcid.org/" + p, Path: p, Host: "orcid.org"}
	}
	attrs := func(seq, role string) *orcid.DraftContributorAttributes {
		return &orcid.DraftContributorAttributes{Sequence: seq, Role: role}
	}
	tests := []struct {
		line  string
		first bool
		want  orcid.DraftContributor
		err   string
	}{
		{"Ada Lovelace", true, orcid.DraftContributor{CreditName: v("Ada Lovelace"), ContributorAttributes: attrs("first", "author")}, ""},
		{"Ada Lovelace", false, orcid.DraftContributor{CreditName: v("Ada Lovelace"), ContributorAttributes: attrs("additional", "author")}, ""},
		{"Josiah Carberry | 0000-0002-1825-0097 | writing-original-draft | first", false,
			orcid.DraftContributor{CreditName: v("Josiah Carberry"), ContributorORCID: id("0000-0002-1825-0097"), ContributorAttributes: attrs("first", "writing – original draft")}, ""},
		{" Carberry |additional| https://orcid.org/0000-0002-1694-233x |Writing – Review & Editing ", true,
			orcid.DraftContributor{CreditName: v("Carberry"), ContributorORCID: id("0000-0002-1694-233X"), ContributorAttributes: attrs("additional", "writing – review & editing")}, ""},
		{"Sandboxer | https://sandbox.orcid.org/0009-0003-7578-3214 | editor", true,
			orcid.DraftContributor{CreditName: v("Sandboxer"), ContributorORCID: &orcid.Identifier{URI: "https://sandbox.orcid.org/0009-0003-7578-3214", Path: "0009-0003-7578-3214", Host: "sandbox.orcid.org"}, ContributorAttributes: attrs("first", "editor")}, ""},
		{"A | co_investigator | ", false, orcid.DraftContributor{CreditName: v("A"), ContributorAttributes: attrs("additional", "co-investigator")}, ""},
		{"A | https://credit.niso.org/contributor-roles/formal-analysis/", false, orcid.DraftContributor{CreditName: v("A"), ContributorAttributes: attrs("additional", "formal analysis")}, ""},
		{"A | 0000-0002-1825-0098", false, orcid.DraftContributor{}, `"0000-0002-1825-0098" is not an ORCID iD: bad check digit: expected 7, got 8`},
		{"A | 0000-0002-1825", false, orcid.DraftContributor{}, "wrong length"},
		{"A | writer", false, orcid.DraftContributor{}, `"writer" is not a role ORCID knows (did you mean writing-original-draft, writing-review-editing?)`},
		{"A | wizard", false, orcid.DraftContributor{}, `"wizard" is not a role ORCID knows (e.g. author, editor,`},
		{"A | co-author", false, orcid.DraftContributor{}, `(did you mean author?)`},
		{"A | author | editor", false, orcid.DraftContributor{}, "give one role"},
		{"A | first | additional", false, orcid.DraftContributor{}, "give one sequence"},
		{"A | 0000-0002-1825-0097 | 0000-0001-5109-3700", false, orcid.DraftContributor{}, "give one ORCID iD"},
		{" | 0000-0002-1825-0097", false, orcid.DraftContributor{}, "start with the contributor's name"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, err := parseContributor(tt.line, tt.first, nil)
			if tt.err != "" {
				if !strings.Contains(err, tt.err) {
					t.Errorf("error %q, want %q", err, tt.err)
				}
				return
			}
			if err != "" || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v %+v %+v (%q)\nwant %+v %+v %+v", got.CreditName, got.ContributorORCID, got.ContributorAttributes, err,
					tt.want.CreditName, tt.want.ContributorORCID, tt.want.ContributorAttributes)
			}
		})
	}
}

// A bare iD is an iD of the registry the record is on: a sandbox iD on the
// sandbox, the demo's on the demo; an address keeps its own registry.
func TestContributorIDOnTheRecordsRegistry(t *testing.T) {
	must := func(s string) *url.URL {
		u, err := url.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	for _, tt := range []struct {
		typed string
		base  *url.URL
		want  orcid.Identifier
	}{
		{"0000-0002-1825-0097", nil, orcid.Identifier{URI: "https://orcid.org/0000-0002-1825-0097", Path: "0000-0002-1825-0097", Host: "orcid.org"}},
		{"0000-0002-1825-0097", must("https://sandbox.orcid.org"), orcid.Identifier{URI: "https://sandbox.orcid.org/0000-0002-1825-0097", Path: "0000-0002-1825-0097", Host: "sandbox.orcid.org"}},
		{"0000-0002-1825-0097", must("http://127.0.0.1:8080"), orcid.Identifier{URI: "http://127.0.0.1:8080/0000-0002-1825-0097", Path: "0000-0002-1825-0097", Host: "127.0.0.1"}},
		{"https://orcid.org/0000-0002-1825-0097", must("https://sandbox.orcid.org"), orcid.Identifier{URI: "https://orcid.org/0000-0002-1825-0097", Path: "0000-0002-1825-0097", Host: "orcid.org"}},
	} {
		id, err := orcid.ParseID(tt.typed)
		if err != nil {
			t.Fatal(err)
		}
		if got := contributorID(tt.typed, id, tt.base); *got != tt.want {
			t.Errorf("%q on %v: %+v, want %+v", tt.typed, tt.base, *got, tt.want)
		}
	}
	f, err := New(orcid.KindWork, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	f.SetRegistry("https://sandbox.orcid.org")
	got, problems := parseContributors("A | 0000-0002-1825-0097", nil, f.idBase)
	if len(problems) != 0 || len(got) != 1 || got[0].ContributorORCID.Host != "sandbox.orcid.org" {
		t.Errorf("through the form on the sandbox: %+v %v", got, problems)
	}
}

// Every role ORCID takes can be typed as the form writes it, and is sent
// in ORCID's spelling.
func TestEveryRoleRoundTrips(t *testing.T) {
	for _, r := range append(append([]string{}, LegacyContributorRoles...), CreditContributorRoles...) {
		got, ok := contributorRole(roleSlug(r))
		if !ok || got != r {
			t.Errorf("%q typed as %q reads as %q %v", r, roleSlug(r), got, ok)
		}
		if strings.ContainsAny(roleSlug(r), " |") {
			t.Errorf("slug %q", roleSlug(r))
		}
	}
}

// Typed through the form: enter starts a new contributor, tab moves on; a
// bad line is named under the field and blocks the send, and the draft
// keeps it.
func TestContributorsTyped(t *testing.T) {
	f, _ := New(orcid.KindWork, 0, nil)
	f.Init()
	for _, k := range keys("Kiln notes", "tab", "10.5555/kiln") {
		f.Update(k)
	}
	if f.EnterIsNewLine() {
		t.Error("enter makes a new line in the title")
	}
	for f.focusedKey() != "contributors" {
		f.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	}
	if !f.EnterIsNewLine() {
		t.Error("enter does not make a new line in the contributors")
	}
	for _, k := range keys("Josiah Carberry | 0000-0002-1825-0098 | editor", "enter", "Ada Lovelace") {
		f.Update(k)
	}
	f.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	if f.focusedKey() != "contributors" {
		t.Fatalf("tab left a field with a bad iD; focus on %s", f.focusedKey())
	}
	if got := f.FieldErrors()["contributors"]; !strings.Contains(got, `line 1: "0000-0002-1825-0098" is not an ORCID iD: bad check digit`) {
		t.Errorf("message %q", got)
	}
	if !strings.Contains(f.View(), "✗ line 1: \"0000-0002-1825-0098\" is not an ORCID iD") {
		t.Errorf("no message under the field:\n%s", f.View())
	}
	if _, ok := f.Update(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}); ok {
		t.Fatal("sent with a bad iD")
	}
	// Fix the check digit: backspace to the end of line 1.
	f.v.Contributors = strings.Replace(f.v.Contributors, "1825-0098", "1825-0097", 1)
	if _, ok := f.Update(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}); !ok {
		t.Fatalf("not sent: %s", f.Reason())
	}
	cs := f.Draft().(*orcid.WorkDraft).Contributors.Contributor
	if len(cs) != 2 || cs[0].ContributorORCID.Path != "0000-0002-1825-0097" || cs[0].ContributorAttributes.Role != "editor" ||
		cs[0].ContributorAttributes.Sequence != "first" || cs[1].CreditName.Value != "Ada Lovelace" || cs[1].ContributorAttributes.Sequence != "additional" {
		t.Errorf("contributors %+v", cs)
	}
}
