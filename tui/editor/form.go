package editor

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
)

// SendKey sends the form from any field; enter on the last field does too.
var SendKey = key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "send"))

// Form is one item being added or edited. The record pane owns it, sends
// it when Update reports a submission, and keeps it until ORCID accepted
// the write, so nothing typed is lost.
type Form struct {
	// idBase is the registry the record is on: a contributor's bare iD is
	// an iD of that registry (a sandbox iD on the sandbox). nil: orcid.org.
	idBase  *url.URL
	kind    orcid.ItemKind
	putCode int64
	v       values
	start   values // v as the form opened: Changed compares with it
	keep    keep
	form    *huh.Form
	keys    []string // the field keys, ORCID's field names
	titles  map[string]string
	fields  []huh.Field
	// notes set the line under each field (its description) to the
	// field's validation message; shown lists the fields whose message is
	// drawn: those the user left, or all after a refused send.
	notes map[string]func(string)
	drawn map[string]string
	shown map[string]bool
	w, h  int

	// reason is what ORCID (or the validation, for a problem no field
	// shows) said about the last attempt; drawn above the fields.
	reason  string
	invalid bool // reason is the validation's: it follows the fixes
	sending bool
}

// Kind is the kind of item the form writes.
func (f *Form) Kind() orcid.ItemKind { return f.kind }

// PutCode is the edited item's put-code, 0 for a new item.
func (f *Form) PutCode() int64 { return f.putCode }

// Sending reports whether the form's write is under way.
func (f *Form) Sending() bool { return f.sending }

// Reason is the message drawn above the fields ("" when none).
func (f *Form) Reason() string { return f.reason }

// SetRegistry says which registry the record is on (its URL), so a
// contributor's iD typed bare is that registry's iD.
func (f *Form) SetRegistry(registryURL string) {
	if u, err := url.Parse(registryURL); err == nil && u.Host != "" {
		f.idBase = u
	}
}

// New returns the form for an item of kind k: empty when from is nil, else
// filled from the item as ORCID holds it — a *orcid.Work, an
// *orcid.AffiliationSummary, an *orcid.Funding, or a person item
// (*orcid.OtherName, *orcid.Keyword, *orcid.ResearcherURL,
// *orcid.PersonExternalID, *orcid.Address). putCode is the item's (0 to
// add).
func New(k orcid.ItemKind, putCode int64, from any) (*Form, error) {
	if !k.Valid() {
		return nil, fmt.Errorf("no form for %q", k)
	}
	if !fits(k, from) {
		return nil, fmt.Errorf("cannot edit a %T as a %s", from, k)
	}
	f := &Form{kind: k, putCode: putCode, w: 80, h: 20, titles: map[string]string{},
		notes: map[string]func(string){}, drawn: map[string]string{}, shown: map[string]bool{}}
	switch it := from.(type) {
	case nil:
		if k == orcid.KindWork {
			f.v.Type, f.v.IDType, f.v.IDRel = "journal-article", "doi", "self"
		}
		if k == orcid.KindFunding {
			f.v.Type = "grant"
		}
		if k == orcid.KindExternalIdentifier {
			f.v.IDRel = "self"
		}
		if k.IsAffiliation() || k == orcid.KindFunding {
			f.v.OrgIDSource = "ROR"
		}
	case *orcid.Work:
		f.v, f.keep = fromWork(it)
	case *orcid.AffiliationSummary:
		f.v = fromAffiliation(it)
		f.keep.moreIDs = draftIDs(it.ExternalIDs)
	case *orcid.Funding:
		f.v, f.keep = fromFunding(it)
	case *orcid.OtherName:
		f.v.Content, f.v.Visibility = clean(it.Content), clean(it.Visibility)
	case *orcid.Keyword:
		f.v.Content, f.v.Visibility = clean(it.Content), clean(it.Visibility)
	case *orcid.ResearcherURL:
		f.v.URLName, f.v.URL, f.v.Visibility = clean(it.URLName), cleanV(it.URL), clean(it.Visibility)
	case *orcid.PersonExternalID:
		f.v.IDType, f.v.IDValue, f.v.IDURL, f.v.Visibility = clean(it.Type), clean(it.Value), cleanV(it.URL), clean(it.Visibility)
		f.v.IDRel = personIDRelationship(clean(it.Relationship))
	case *orcid.Address:
		f.v.Country, f.v.Visibility = cleanV(it.Country), clean(it.Visibility)
	default:
		return nil, fmt.Errorf("cannot edit a %T", from)
	}
	f.build()
	f.start = f.v // after build: the selects may have settled a value
	return f, nil
}

// Changed reports whether any field differs from what the form opened
// with.
func (f *Form) Changed() bool { return f.v != f.start }

// fits reports whether from (nil for a new item) is an item of kind k.
func fits(k orcid.ItemKind, from any) bool {
	switch from.(type) {
	case nil:
		return true
	case *orcid.Work:
		return k == orcid.KindWork
	case *orcid.AffiliationSummary:
		return k.IsAffiliation()
	case *orcid.Funding:
		return k == orcid.KindFunding
	case *orcid.OtherName:
		return k == orcid.KindOtherName
	case *orcid.Keyword:
		return k == orcid.KindKeyword
	case *orcid.ResearcherURL:
		return k == orcid.KindResearcherURL
	case *orcid.PersonExternalID:
		return k == orcid.KindExternalIdentifier
	case *orcid.Address:
		return k == orcid.KindAddress
	}
	return false
}

// input is a text field bound to v, checked by orcid.Validate under key.
func (f *Form) input(keyName, title, placeholder string, v *string) huh.Field {
	f.named(keyName, title)
	var in *huh.Input
	f.notes[keyName] = func(s string) { in.Description(s) }
	in = huh.NewInput().Key(keyName).Title(title).Placeholder(placeholder).Value(v).CharLimit(2000).
		Validate(func(string) error { return f.errFor(keyName) })
	f.fields = append(f.fields, in)
	return in
}

// choose is a select bound to v; filter makes it searchable by typing /.
func (f *Form) choose(keyName, title string, opts []huh.Option[string], v *string, height int) huh.Field {
	f.named(keyName, title)
	var s *huh.Select[string]
	f.notes[keyName] = func(d string) { s.Description(d) }
	s = huh.NewSelect[string]().Key(keyName).Title(title).Options(withCurrent(opts, *v)...).Value(v).
		Validate(func(string) error { return f.errFor(keyName) })
	if height > 0 {
		s = s.Height(height)
	}
	f.fields = append(f.fields, s)
	return s
}

func (f *Form) named(keyName, title string) {
	f.keys = append(f.keys, keyName)
	f.titles[keyName] = strings.TrimSuffix(title, " (/ to filter)")
}

// build lays out the fields of f's kind.
func (f *Form) build() {
	v := &f.v
	vis := func() huh.Field { return f.choose("visibility", "Visibility", visibilityOptions(), &v.Visibility, 0) }
	org := func() []huh.Field {
		return []huh.Field{
			f.input("organization.name", "Organisation", "name", &v.OrgName),
			f.input("organization.address.city", "City", "required", &v.City),
			f.input("organization.address.region", "Region", "optional", &v.Region),
			f.input("organization.address.country", "Country", "two letters, e.g. GB", &v.OrgCountry),
			f.choose("organization.disambiguated-organization.disambiguation-source", "Organisation id source", options(orcid.OrganizationIDSources, false), &v.OrgIDSource, 0),
			f.input("organization.disambiguated-organization", "Organisation id", "e.g. https://ror.org/05gq02987", &v.OrgID),
		}
	}
	var fields []huh.Field
	switch k := f.kind; {
	case k == orcid.KindWork:
		fields = []huh.Field{
			// ORCID requires the title and an identifier of the work
			// itself: they come first.
			f.input("title", "Title", "required", &v.Title),
			f.input("external-ids", "Identifier (a DOI by default)", "e.g. 10.5555/12345678 or https://doi.org/…", &v.IDValue),
			f.choose("external-ids.type", "Identifier type (/ to filter)", options(IdentifierTypes, false), &v.IDType, 4),
			f.choose("external-ids.relationship", "Identifier relationship", options(orcid.Relationships, false), &v.IDRel, 0),
			f.input("external-ids.more", "Other identifiers", "type:value; … e.g. isbn:978-0-00-000000-2; pmid:123", &v.MoreIDs),
			f.choose("type", "Type (/ to filter)", options(orcid.WorkTypes, false), &v.Type, 6),
			f.input("publication-date", "Publication date", "YYYY, YYYY-MM or YYYY-MM-DD", &v.Date),
			f.input("journal-title", "Journal title", "optional", &v.Journal),
			f.input("title.subtitle", "Subtitle", "optional", &v.Subtitle),
			f.input("url", "URL", "https://…", &v.URL),
			f.input("short-description", "Short description", "optional", &v.Description),
			f.contributorsField(&v.Contributors),
			f.input("language-code", "Language", "e.g. en", &v.Language),
			f.input("country", "Country", "two letters, e.g. GB", &v.Country),
			vis(),
		}
	case k == orcid.KindFunding:
		fields = append([]huh.Field{
			f.input("title", "Title", "required", &v.Title),
			f.choose("type", "Type", options(orcid.FundingTypes, false), &v.Type, 0),
		}, org()...)
		fields = append(fields,
			f.input("amount", "Amount", "e.g. 25000", &v.Amount),
			f.input("amount.currency-code", "Currency", "e.g. EUR", &v.Currency),
			f.input("start-date", "Start date", "YYYY[-MM[-DD]]", &v.Start),
			f.input("end-date", "End date", "YYYY[-MM[-DD]]", &v.End),
			f.input("external-ids", "Grant number", "required", &v.Grant),
			f.input("url", "URL", "https://…", &v.URL),
			vis())
	case k.IsAffiliation():
		fields = append(org(),
			f.input("department-name", "Department", "optional", &v.Department),
			f.input("role-title", "Role", "optional", &v.Role),
			f.input("start-date", "Start date", "YYYY[-MM[-DD]]", &v.Start),
			f.input("end-date", "End date", "YYYY[-MM[-DD]], empty while current", &v.End),
			f.input("url", "URL", "https://…", &v.URL),
			vis())
	case k == orcid.KindOtherName:
		fields = []huh.Field{f.input("content", "Other name", "required", &v.Content), vis()}
	case k == orcid.KindKeyword:
		fields = []huh.Field{f.input("content", "Keyword", "required", &v.Content), vis()}
	case k == orcid.KindResearcherURL:
		fields = []huh.Field{f.input("url-name", "Name", "optional", &v.URLName), f.input("url", "URL", "required: https://…", &v.URL), vis()}
	case k == orcid.KindExternalIdentifier:
		fields = []huh.Field{
			f.input("external-id-type", "Identifier type", "e.g. Scopus Author ID", &v.IDType),
			f.input("external-id-value", "Value", "required", &v.IDValue),
			f.input("external-id-url", "URL", "required: https://…", &v.IDURL),
			f.choose("external-id-relationship", "Relationship", options(PersonIDRelationships, false), &v.IDRel, 0),
			vis(),
		}
	case k == orcid.KindAddress:
		fields = []huh.Field{f.input("country", "Country", "two letters, e.g. GB", &v.Country), vis()}
	}
	km := huh.NewDefaultKeyMap()
	// ctrl+c quits the program, not the form: esc closes it (the pane).
	km.Quit = key.NewBinding(key.WithDisabled())
	textKeys(km)
	// Messages are drawn under their fields (notes), not in huh's footer.
	f.form = huh.NewForm(huh.NewGroup(fields...)).WithKeyMap(km).WithShowHelp(true).WithShowErrors(false).
		WithTheme(baseTheme)
	f.resize()
}

// fixedTheme is a theme built once: huh asks for the theme on every
// option it draws, and ThemeFunc would build the styles each time.
type fixedTheme struct{ s *huh.Styles }

func (t fixedTheme) Theme(bool) *huh.Styles { return t.s }

// baseTheme is huh's plain theme: the pane's own colours frame it.
var baseTheme = fixedTheme{huh.ThemeBase(true)}

// Init focuses the first field.
func (f *Form) Init() tea.Cmd { return f.form.Init() }

// SetSize sets the area the form draws in.
func (f *Form) SetSize(w, h int) {
	if w == f.w && h == f.h {
		return
	}
	f.w, f.h = w, h
	f.resize()
}

func (f *Form) resize() {
	f.form = f.form.WithWidth(max(f.w, 20)).WithHeight(max(f.h-f.headerLines()-1, 4)) // 1: huh's key help
}

// headerLines is how many lines the title and the reason take.
func (f *Form) headerLines() int {
	n := 1
	if f.reason != "" {
		n += len(wrap(f.reason, f.w))
	}
	return n
}

// WantsEsc reports whether esc belongs to the form (it ends the filter of
// a select) rather than closing it.
func (f *Form) WantsEsc() bool {
	s, ok := f.form.GetFocusedField().(interface{ GetFiltering() bool })
	return ok && s.GetFiltering()
}

// Update passes msg to the fields. submit is true once when the user asked
// to send a draft that passes orcid.Validate: from then on the form is
// sending and ignores keys until Failed or the pane closes it, so a second
// press sends nothing.
func (f *Form) Update(msg tea.Msg) (cmd tea.Cmd, submit bool) {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg:
		if f.sending {
			return nil, false // the draft being sent stays as it was sent
		}
	}
	if km, ok := msg.(tea.KeyPressMsg); ok && key.Matches(km, SendKey) {
		return nil, f.trySubmit()
	}
	_, cmd = f.form.Update(msg)
	cmd, send := f.settle(cmd)
	f.refreshNotes()
	if send {
		return cmd, f.trySubmit()
	}
	if f.form.State == huh.StateCompleted {
		if f.sending {
			return cmd, false // already sent: nothing is sent twice
		}
		if !f.trySubmit() {
			return tea.Batch(cmd, f.reopen()), false
		}
		return cmd, true
	}
	return cmd, false
}

// trySubmit validates the whole draft: a problem keeps the form open with
// every message shown.
func (f *Form) trySubmit() bool {
	err := f.validate()
	f.invalid = err != nil
	if err == nil {
		f.reason = ""
		f.sending = true
		f.resize()
		return true
	}
	var ve *orcid.ValidationError
	if errors.As(err, &ve) {
		f.reason = "not sent — " + f.summary(ve)
		f.showErrors()
	} else {
		f.reason = "not sent — " + err.Error()
	}
	f.resize()
	return false
}

// summary names each problem by the title of the field that shows it.
func (f *Form) summary(ve *orcid.ValidationError) string {
	parts := make([]string, 0, len(ve.Fields))
	for _, fe := range ve.Fields {
		name := f.titles[f.owner(fe.Field)]
		if name == "" {
			name = fe.Field
		}
		parts = append(parts, name+": "+fe.Message)
	}
	return strings.Join(parts, "; ")
}

// showErrors puts each field's message under it now, not only when the
// user leaves the field: huh checks a field as it loses the focus.
func (f *Form) showErrors() {
	focused := f.form.GetFocusedField()
	for _, fl := range f.fields {
		fl.Blur()
	}
	if focused != nil {
		focused.Focus()
	}
	for _, k := range f.keys {
		f.shown[k] = true
	}
	f.refreshNotes()
}

// Failed reopens the form after ORCID refused the write (or it could not
// be sent), with everything typed kept and reason drawn above the fields.
func (f *Form) Failed(reason string) tea.Cmd {
	f.sending, f.invalid = false, false
	f.reason = sanitize.Line(reason)
	f.resize()
	return f.reopen()
}

func (f *Form) reopen() tea.Cmd {
	f.form.State = huh.StateNormal
	if fl := f.form.GetFocusedField(); fl != nil {
		return fl.Focus()
	}
	return nil
}

// refreshMsg makes huh draw the fields again after their notes changed.
type refreshMsg struct{}

// refreshNotes sets the line under each shown field to its message now,
// so a message goes as soon as the field is fixed.
func (f *Form) refreshNotes() {
	errs := f.FieldErrors()
	changed := false
	for k, set := range f.notes {
		note := ""
		if f.shown[k] && errs[k] != "" {
			note = "✗ " + errs[k]
		}
		if note != f.drawn[k] {
			f.drawn[k] = note
			set(note)
			changed = true
		}
	}
	if changed && f.form.State == huh.StateNormal {
		f.form.Update(refreshMsg{})
	}
	f.refreshReason()
}

// refreshReason redoes the validation's summary after a change, so it
// never names a problem already fixed; it goes once the draft is valid.
func (f *Form) refreshReason() {
	if !f.invalid || f.sending {
		return
	}
	reason := ""
	var ve *orcid.ValidationError
	if err := f.validate(); errors.As(err, &ve) {
		reason = "not sent — " + f.summary(ve)
	} else if err != nil {
		reason = "not sent — " + err.Error()
	}
	f.invalid = reason != ""
	if reason != f.reason {
		f.reason = reason
		f.resize()
	}
}

// errFor is the message of orcid.Validate for the field keyName: the
// problems whose field is keyName or inside it, unless a field with a
// longer key shows them.
func (f *Form) errFor(keyName string) error {
	f.shown[keyName] = true
	err := f.validate()
	var ve *orcid.ValidationError
	if !errors.As(err, &ve) {
		return nil
	}
	var msgs []string
	for _, fe := range ve.Fields {
		if f.owner(fe.Field) == keyName {
			msgs = append(msgs, fe.Message)
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return errors.New(strings.Join(msgs, "; "))
}

// owner is the key of the field that shows a problem with ORCID field
// name: the longest key that is the name or a part of it.
func (f *Form) owner(name string) string {
	if f.kind == orcid.KindWork && strings.HasPrefix(name, "external-ids[") && !strings.HasPrefix(name, "external-ids[0]") {
		// The first identifier has fields of its own; the others share one.
		return "external-ids.more"
	}
	best := ""
	for _, k := range f.keys {
		if (name == k || strings.HasPrefix(name, k+".") || strings.HasPrefix(name, k+"[")) && len(k) > len(best) {
			best = k
		}
	}
	return best
}

// FieldErrors is the message each field shows now, by key, as orcid.Validate
// sees the draft; problems no field shows are under "".
func (f *Form) FieldErrors() map[string]string {
	out := map[string]string{}
	var ve *orcid.ValidationError
	if !errors.As(f.validate(), &ve) {
		return out
	}
	for _, fe := range ve.Fields {
		k := f.owner(fe.Field)
		if out[k] != "" {
			out[k] += "; "
		}
		out[k] += fe.Message
	}
	return out
}

// Title says what the form does: "Add a work", "Edit work put-code 123".
func (f *Form) Title() string {
	name := strings.ReplaceAll(string(f.kind), "-", " ")
	if f.putCode == 0 {
		return "Add " + article(name) + " " + name
	}
	return fmt.Sprintf("Edit %s put-code %d", name, f.putCode)
}

func article(s string) string {
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "an"
	}
	return "a"
}

// View draws the form in its w x h area: the title with the keys that
// send and close it, ORCID's reason if any, the fields.
func (f *Form) View() string {
	head := f.Title() + " · ctrl+s send · esc cancel"
	if f.sending {
		head = f.Title() + " · sending… (esc cancels the wait)"
	}
	lines := []string{ansi.Truncate(head, f.w, "…")}
	if f.reason != "" {
		lines = append(lines, wrap(f.reason, f.w)...)
	}
	body := f.form.View()
	out := lipgloss.JoinVertical(lipgloss.Left, strings.Join(lines, "\n"), body)
	return lipgloss.NewStyle().MaxWidth(f.w).MaxHeight(f.h).Render(out)
}

func wrap(s string, w int) []string {
	return strings.Split(ansi.Wrap(s, max(w, 10), " "), "\n")
}
