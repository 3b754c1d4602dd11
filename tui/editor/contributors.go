package editor

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/huh/v2"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// A work's contributors are one text field, a contributor a line:
//
//	Credit name | ORCID iD | role | first or additional
//
// Only the name is required and the other parts may come in any order
// (an iD, a role and a sequence cannot be taken for one another). A line
// left as the form showed it sends the contributor back exactly as ORCID
// holds it.

// LegacyContributorRoles are the roles ORCID has always taken for a work's
// contributor (contributor-role, in ORCID's spelling).
var LegacyContributorRoles = []string{
	"author", "assignee", "editor", "chair-or-translator", "co-investigator", "co-inventor",
	"graduate-student", "other-inventor", "principal-investigator", "postdoctoral-researcher", "support-staff",
}

// CreditContributorRoles are the CRediT roles ORCID takes for a work's
// contributor, spelled as ORCID's API writes them (ORCID-Source
// WorkContributorRoleConverter): lower case, with spaces, an en dash and
// an ampersand. The form takes them as slugs too (writing-original-draft).
var CreditContributorRoles = []string{
	"conceptualization", "data curation", "formal analysis", "funding acquisition", "investigation",
	"methodology", "project administration", "resources", "software", "supervision", "validation",
	"visualization", "writing – original draft", "writing – review & editing",
}

// Sequences are the values of contributor-sequence.
var Sequences = []string{"first", "additional"}

// creditURIPrefixes are how CRediT names its roles as URIs; a role pasted
// as one is taken as its slug.
var creditURIPrefixes = []string{"credit.niso.org/contributor-roles/", "credit.casrai.org/"}

// roleSlug is a role as the form writes it: "writing – original draft"
// becomes writing-original-draft.
func roleSlug(role string) string {
	s := strings.ToLower(strings.TrimSpace(role))
	for _, p := range creditURIPrefixes {
		if i := strings.Index(s, p); i >= 0 {
			s = s[i+len(p):]
		}
	}
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true // spaces, dashes, &, _, / all separate words
	}
	return b.String()
}

// contributorRole is ORCID's spelling of a role typed in any of the forms
// the form takes; ok is false for a role ORCID does not know.
func contributorRole(typed string) (role string, ok bool) {
	slug := roleSlug(typed)
	for _, set := range [][]string{LegacyContributorRoles, CreditContributorRoles} {
		for _, r := range set {
			if roleSlug(r) == slug {
				return r, true
			}
		}
	}
	return "", false
}

// roleHint suggests the roles a mistyped role may have meant: those that
// share a word, or the start of one, with it; else the common ones.
func roleHint(typed string) string {
	words := strings.Split(roleSlug(typed), "-")
	var near []string
	for _, set := range [][]string{LegacyContributorRoles, CreditContributorRoles} {
		for _, r := range set {
			slug := roleSlug(r)
			for _, w := range words {
				if len(w) >= 3 && strings.Contains(slug, w[:min(len(w), 4)]) {
					near = append(near, slug)
					break
				}
			}
		}
	}
	if len(near) == 0 {
		return "e.g. author, editor, or a CRediT role such as writing-original-draft"
	}
	return "did you mean " + strings.Join(near, ", ") + "?"
}

// contributorLine writes a contributor as the field shows it.
func contributorLine(c orcid.DraftContributor) string {
	var parts []string
	name := ""
	if c.CreditName != nil {
		name = clean(c.CreditName.Value)
	}
	parts = append(parts, name)
	if id := c.ContributorORCID; id != nil {
		p := clean(id.Path)
		if p == "" {
			p = clean(id.URI)
		}
		if p != "" {
			parts = append(parts, p)
		}
	}
	if a := c.ContributorAttributes; a != nil {
		if r := clean(a.Role); r != "" {
			if known, ok := contributorRole(r); ok && known == r {
				r = roleSlug(r)
			}
			parts = append(parts, r)
		}
		if s := clean(a.Sequence); s != "" {
			parts = append(parts, s)
		}
	}
	// Trimmed as the field's lines are read: a contributor with an iD and
	// no name is "| 0000-…".
	return strings.TrimSpace(strings.Join(parts, " | "))
}

// contributorsText is the field's text for a work's contributors, and the
// contributors by their line, so an untouched line sends its contributor
// back unchanged (its e-mail, its iD's host, a role spelled as ORCID gave
// it).
func contributorsText(cs []orcid.DraftContributor) (string, map[string][]orcid.DraftContributor) {
	lines := make([]string, len(cs))
	byLine := map[string][]orcid.DraftContributor{}
	for i, c := range cs {
		lines[i] = contributorLine(c)
		byLine[lines[i]] = append(byLine[lines[i]], c)
	}
	return strings.Join(lines, "\n"), byLine
}

// parseContributors reads the field: each line a contributor, in order.
// problems names each line that cannot be sent, by its number; the
// contributor is then left out of the result.
func parseContributors(text string, kept map[string][]orcid.DraftContributor, idBase *url.URL) (out []orcid.DraftContributor, problems []string) {
	used := map[string]int{}
	n := 0
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		n++
		if olds := kept[line]; used[line] < len(olds) {
			out = append(out, olds[used[line]])
			used[line]++
			continue
		}
		c, err := parseContributor(line, n == 1, idBase)
		if err != "" {
			problems = append(problems, fmt.Sprintf("line %d: %s", i+1, err))
			continue
		}
		out = append(out, c)
	}
	return out, problems
}

// parseContributor reads one line; first says whether it is the first
// contributor, whose sequence is first unless the line says otherwise.
// A line without a role is an author's. A bare iD is idBase's (see
// contributorID).
func parseContributor(line string, first bool, idBase *url.URL) (orcid.DraftContributor, string) {
	parts := strings.Split(line, "|")
	name := strings.TrimSpace(parts[0])
	if name == "" {
		return orcid.DraftContributor{}, "start with the contributor's name (Name | iD | role | first/additional)"
	}
	c := orcid.DraftContributor{CreditName: &orcid.Value{Value: name}}
	var role, seq string
	for _, p := range parts[1:] {
		p = strings.TrimSpace(p)
		switch low := strings.ToLower(p); {
		case p == "":
		case low == "first" || low == "additional":
			if seq != "" {
				return c, "give one sequence (first or additional)"
			}
			seq = low
		case strings.ContainsAny(p, "0123456789"):
			if c.ContributorORCID != nil {
				return c, "give one ORCID iD"
			}
			id, err := orcid.ParseID(p)
			var ie *orcid.IDError
			if errors.As(err, &ie) {
				return c, fmt.Sprintf("%q is not an ORCID iD: %s", p, ie.Reason)
			} else if err != nil {
				return c, err.Error()
			}
			c.ContributorORCID = contributorID(p, id, idBase)
		default:
			r, ok := contributorRole(p)
			switch {
			case !ok:
				return c, fmt.Sprintf("%q is not a role ORCID knows (%s)", p, roleHint(p))
			case role != "":
				return c, "give one role: add another line with the same name for another role"
			}
			role = r
		}
	}
	if role == "" {
		role = "author"
	}
	if seq == "" {
		seq = "additional"
		if first {
			seq = "first"
		}
	}
	c.ContributorAttributes = &orcid.DraftContributorAttributes{Sequence: seq, Role: role}
	return c, ""
}

// contributorID is the contributor-orcid for an iD typed as typed: an
// address keeps its registry's host (a sandbox iD), a bare iD is of the
// registry the record is on (idBase; orcid.org when unknown).
func contributorID(typed string, id orcid.ID, idBase *url.URL) *orcid.Identifier {
	typed = strings.TrimSpace(typed)
	scheme, host := "https", ""
	if u, err := url.Parse(typed); err == nil && u.Host != "" {
		host = u.Host
	} else if h, _, ok := strings.Cut(typed, "/"); ok && strings.Contains(h, ".") {
		host = h
	} else if idBase != nil {
		host = idBase.Host
		if idBase.Scheme == "http" {
			scheme = "http" // a registry on this computer (the demo, a local ORCID)
		}
	} else {
		host = "orcid.org"
	}
	host = strings.ToLower(host)
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	return &orcid.Identifier{URI: scheme + "://" + host + "/" + id.String(), Path: id.String(), Host: name}
}

// contributorsHelp is the line under the Contributors field; the README
// gives the defaults and the roles.
const contributorsHelp = "a line each: Name | iD | role | first/additional; only the name is needed"

// contributorsField is the work's Contributors field: a text of one
// contributor a line, where enter starts a new line and tab moves on.
func (f *Form) contributorsField(v *string) *huh.Text {
	const keyName = "contributors"
	f.named(keyName, "Contributors")
	t := huh.NewText().Key(keyName).Title("Contributors").Description(contributorsHelp).
		Placeholder("e.g. Josiah Carberry | 0000-0002-1825-0097 | writing-original-draft | first").
		Value(v).Lines(3).ExternalEditor(false).
		Validate(func(string) error { return f.errFor(keyName) })
	f.notes[keyName] = func(note string) {
		if note == "" {
			note = contributorsHelp
		}
		t.Description(note)
	}
	f.fields = append(f.fields, t)
	return t
}

// textKeys makes enter start a new line in a text field (a contributor a
// line) rather than leave it: tab leaves it, ctrl+s sends. The external
// editor is off: it would write the draft to a file others can read.
func textKeys(km *huh.KeyMap) {
	km.Text.NewLine = key.NewBinding(key.WithKeys("enter", "ctrl+j", "alt+enter"), key.WithHelp("enter", "new line"))
	km.Text.Next = key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next"))
	km.Text.Submit = key.NewBinding(key.WithDisabled())
	km.Text.Editor = key.NewBinding(key.WithDisabled())
}

// validate is orcid.Validate on the draft together with the form's own
// check of the contributors' lines, which the draft cannot carry (a line
// that cannot be read is not in it).
func (f *Form) validate() error {
	err := orcid.Validate(f.Draft())
	if f.kind != orcid.KindWork {
		return err
	}
	_, problems := parseContributors(f.v.Contributors, f.keep.contributors, f.idBase)
	if len(problems) == 0 {
		return err
	}
	fields := make([]orcid.FieldError, len(problems))
	for i, p := range problems {
		fields[i] = orcid.FieldError{Field: "contributors", Message: p}
	}
	var ve *orcid.ValidationError
	if errors.As(err, &ve) {
		return &orcid.ValidationError{Kind: ve.Kind, Fields: append(slices.Clone(ve.Fields), fields...)}
	}
	if err != nil {
		return err
	}
	return &orcid.ValidationError{Kind: orcid.KindWork, Fields: fields}
}

// EnterIsNewLine reports whether enter starts a new line in the focused
// field (the contributors) rather than moving to the next field, so the
// pane's key help can say so.
func (f *Form) EnterIsNewLine() bool {
	_, ok := f.form.GetFocusedField().(*huh.Text)
	return ok
}
