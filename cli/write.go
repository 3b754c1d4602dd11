package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/oauth2"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

const addUsage = "orcid-tui add KIND (--file F | --title T --type TYPE [--doi DOI] [--year Y] ...) [--format json|xml] [--orcid ID] [--output text|json]"
const updateUsage = "orcid-tui update KIND PUT-CODE --file F [--format json|xml] [--orcid ID] [--output text|json]"
const deleteUsage = "orcid-tui delete KIND PUT-CODE [--orcid ID] [--output text|json]"

// kindsHelp lists the kinds every write command takes.
const kindsHelp = `KIND is what to write, by ORCID's name: work, funding, employment,
education, qualification, invited-position, distinction, membership,
service (with /activities/update), or the person items other-name,
keyword, researcher-url, external-identifier, address (with
/person/update). Plural names work too.`

// signInHelp says whose record a write goes to.
const signInHelp = `Writes go to the member API as the signed-in record holder: first
  orcid-tui login --scopes "openid /read-limited /activities/update /person/update"
The saved sign-in of the selected environment and client with the scope the
kind needs is used; --orcid ID picks one when several iDs are signed in.
With --demo the demo registry signs its demo user (Josiah Carberry) in by
itself, and forgets everything written when the command ends.

A write that fails says ORCID's reason (for a duplicate, the put-code of
the item already there) and exits 1. A write is sent once: when no clear
answer comes back it may have been applied, and you are told to check the
record instead of it being retried.`

// writeOutputHelp is what add, update and delete print.
const writeOutputHelp = `Output: PUT-CODE<TAB>URL on stdout ("add works": one line per work of the
list, in its order, "-<TAB>-" for a work ORCID refused), what was done on
stderr; --output json prints ORCID's answer as JSON.`

const addHelp = `usage: ` + addUsage + `

Add an item to your ORCID record. "add works" adds a list of works in bulk,
100 per request.

` + kindsHelp + `

flags:
  --file F       the item as ORCID's JSON or XML ("-" reads stdin); sent
                 exactly as written (it must have no put-code)
  --format FMT   json or xml (default: from the file name, else sniffed)
  --orcid ID     which signed-in record to write to
  --output FMT   text (default) or json

quick flags for "add work", instead of --file:
  --title T            the title (required)
  --type TYPE          ORCID's work type: journal-article, book, book-chapter,
                       conference-paper, data-set, preprint, software, ...
  --doi DOI            the work's DOI (a pasted https://doi.org/... URL is fine);
                       it becomes the work's own identifier
  --url U              the work's URL (its own identifier when there is no DOI)
  --year Y, --month M, --day D   the publication date
  --journal J          the journal (or book or conference) it appeared in
  --visibility V       public, limited or private (default: the record's)

` + signInHelp + `

examples:
  orcid-tui add work --title "Cracked Pots" --type journal-article --doi 10.5555/12345 --year 2024
  orcid-tui add work --file work.json
  orcid-tui add works --file works.json       # {"bulk":[{"work":{...}},...]} or a JSON array
  orcid-tui add keyword --file - <<< '{"content":"psychoceramics"}'

` + writeOutputHelp + `
`

const updateHelp = `usage: ` + updateUsage + `

Replace an item of your ORCID record with the one in the file. The file must
carry the same put-code (ORCID refuses a mismatch with error 9019); only the
client that added an item may update it (error 9010).

` + kindsHelp + `

flags:
  --file F       the item as ORCID's JSON or XML ("-" reads stdin)
  --format FMT   json or xml (default: from the file name, else sniffed)
  --orcid ID     which signed-in record to write to
  --output FMT   text (default) or json (the updated item as ORCID returns it)

` + signInHelp + `

` + writeOutputHelp + `
`

const deleteHelp = `usage: ` + deleteUsage + `

Delete an item from your ORCID record. Only the client that added an item
may delete it (error 9010).

` + kindsHelp + `

flags:
  --orcid ID     which signed-in record to write to
  --output FMT   text (default) or json

` + signInHelp + `

` + writeOutputHelp + `
`

// writeFlags are the flags every write command has.
type writeFlags struct {
	file, format, orcidID, output string
}

func (f *writeFlags) register(cmd *cobra.Command, withFile bool) {
	if withFile {
		cmd.Flags().StringVar(&f.file, "file", "", "the item as JSON or XML")
		cmd.Flags().StringVar(&f.format, "format", "", "json or xml")
		completeValues(cmd, "format", "json", "xml")
	}
	cmd.Flags().StringVar(&f.orcidID, "orcid", "", "which signed-in record")
	cmd.Flags().StringVar(&f.output, "output", "text", "text or json")
	completeValues(cmd, "output", "text", "json")
}

// quickWork are add work's quick flags.
type quickWork struct {
	title, workType, doi, url, journal, visibility string
	year, month, day                               int
}

// kindNames are the kinds for completion, "works" first for add.
func kindNames(bulk bool) []string {
	var out []string
	if bulk {
		out = append(out, "works")
	}
	for _, k := range orcid.ItemKinds {
		out = append(out, string(k))
	}
	return out
}

func (c *cli) addCommand(g *globals) *cobra.Command {
	var f writeFlags
	var q quickWork
	cmd := newCommand("add", addUsage, addHelp, func(cmd *cobra.Command, args []string) error {
		return c.add(cmd, g, f, q, args)
	})
	f.register(cmd, true)
	fs := cmd.Flags()
	fs.StringVar(&q.title, "title", "", "title")
	fs.StringVar(&q.workType, "type", "", "work type")
	fs.StringVar(&q.doi, "doi", "", "DOI")
	fs.StringVar(&q.url, "url", "", "URL")
	fs.StringVar(&q.journal, "journal", "", "journal title")
	fs.StringVar(&q.visibility, "visibility", "", "public, limited or private")
	fs.IntVar(&q.year, "year", 0, "publication year")
	fs.IntVar(&q.month, "month", 0, "publication month")
	fs.IntVar(&q.day, "day", 0, "publication day")
	completeValues(cmd, "type", orcid.WorkTypes...)
	completeValues(cmd, "visibility", orcid.VisibilityPublic, orcid.VisibilityLimited, orcid.VisibilityPrivate)
	cmd.ValidArgsFunction = completeKind(true)
	return cmd
}

func (c *cli) updateCommand(g *globals) *cobra.Command {
	var f writeFlags
	cmd := newCommand("update", updateUsage, updateHelp, func(cmd *cobra.Command, args []string) error {
		return c.updateOrDelete(cmd, g, f, args, false)
	})
	f.register(cmd, true)
	cmd.ValidArgsFunction = completeKind(false)
	return cmd
}

func (c *cli) deleteCommand(g *globals) *cobra.Command {
	var f writeFlags
	cmd := newCommand("delete", deleteUsage, deleteHelp, func(cmd *cobra.Command, args []string) error {
		return c.updateOrDelete(cmd, g, f, args, true)
	})
	f.register(cmd, false)
	cmd.ValidArgsFunction = completeKind(false)
	return cmd
}

// completeKind completes the KIND argument.
func completeKind(bulk bool) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return kindNames(bulk), cobra.ShellCompDirectiveNoFileComp
	}
}

// parseKind reads KIND for usage.
func parseKind(usage, arg string) (orcid.ItemKind, error) {
	k, err := orcid.ParseItemKind(arg)
	if err != nil {
		return "", usagef(usage, "%v", err)
	}
	return k, nil
}

func (c *cli) add(cmd *cobra.Command, g *globals, f writeFlags, q quickWork, args []string) error {
	ctx := cmd.Context()
	if len(args) != 1 {
		return usagef(addUsage, "add needs one KIND (work, works, funding, employment, keyword, ...)")
	}
	if err := oneOf(addUsage, "output", f.output, "text", "json"); err != nil {
		return err
	}
	bulk := strings.EqualFold(strings.TrimSpace(args[0]), "works")
	k, err := parseKind(addUsage, args[0])
	if err != nil {
		return err
	}
	quick := quickFlagsGiven(cmd)
	switch {
	case quick && k != orcid.KindWork:
		return usagef(addUsage, "--title, --type, --doi and the other quick flags are for \"add work\"; give a %s with --file", k)
	case quick && bulk:
		return usagef(addUsage, "\"add works\" adds a list from --file; the quick flags add one work: add work --title ...")
	case quick && f.file != "":
		return usagef(addUsage, "give either --file or the quick flags (--title, --type, ...), not both")
	case !quick && f.file == "":
		if k == orcid.KindWork && !bulk {
			return usagef(addUsage, "add work needs --file F, or --title and --type")
		}
		return usagef(addUsage, "add %s needs --file F (ORCID's JSON or XML; - reads stdin)", args[0])
	}

	var item orcid.Item
	var data []byte
	format := orcid.JSON
	if quick {
		w, err := q.draft(cmd)
		if err != nil {
			return err
		}
		item = w
	} else {
		if data, format, err = c.readItemFile(addUsage, f); err != nil {
			return err
		}
	}

	w, err := c.openWriter(ctx, g, k, f.orcidID)
	if err != nil {
		return err
	}
	defer w.close()
	if bulk {
		works, err := orcid.ParseWorkList(data, format)
		if err != nil {
			return userErrorf("%s: %s", sanitize.Line(f.file), describeError(ctx, err))
		}
		if len(works) == 0 {
			return userErrorf("%s holds no list of works: give ORCID's bulk document ({\"bulk\": [{\"work\": {...}}, ...]}) or a JSON array of works; one work goes with: orcid-tui add work --file %s", sanitize.Line(f.file), sanitize.Line(f.file))
		}
		return c.printBulk(ctx, w, works, format, f.output)
	}
	var res *orcid.WriteResult
	if item != nil {
		res, err = w.client.Add(ctx, w.id, item)
	} else {
		res, err = w.client.AddRaw(ctx, w.id, k, data, format)
	}
	if err != nil {
		return err
	}
	return c.printWrite(w, "added", res, f.output)
}

// quickFlagsGiven reports whether any of add work's quick flags was given.
func quickFlagsGiven(cmd *cobra.Command) bool {
	for _, n := range []string{"title", "type", "doi", "url", "journal", "visibility", "year", "month", "day"} {
		if cmd.Flags().Changed(n) {
			return true
		}
	}
	return false
}

// draft builds the work the quick flags describe and checks it as ORCID
// would, so a mistake is reported before anything is sent.
func (q quickWork) draft(cmd *cobra.Command) (*orcid.WorkDraft, error) {
	if strings.TrimSpace(q.title) == "" {
		return nil, usagef(addUsage, "add work needs --title")
	}
	if q.workType == "" {
		return nil, usagef(addUsage, "add work needs --type (journal-article, book, book-chapter, conference-paper, data-set, preprint, software, ...)")
	}
	w := &orcid.WorkDraft{
		Type:       q.workType,
		Visibility: q.visibility,
		Title:      &orcid.DraftTitle{Title: &orcid.Value{Value: strings.TrimSpace(q.title)}},
	}
	var ids []orcid.DraftExternalID
	if cmd.Flags().Changed("doi") {
		doi, ok := orcid.NormalizeDOI(q.doi)
		if !ok {
			return nil, usagef(addUsage, "--doi %q is not a DOI (a DOI looks like 10.5555/12345678)", q.doi)
		}
		ids = append(ids, orcid.DraftExternalID{Type: "doi", Value: doi, Relationship: "self",
			URL: &orcid.Value{Value: orcid.DOIURL(doi)}})
	}
	if u := strings.TrimSpace(q.url); u != "" {
		w.URL = &orcid.Value{Value: u}
		if len(ids) == 0 {
			// ORCID needs an identifier of the work's own; its URL is one.
			ids = append(ids, orcid.DraftExternalID{Type: "uri", Value: u, Relationship: "self"})
		}
	}
	if len(ids) > 0 {
		w.ExternalIDs = &orcid.DraftExternalIDs{ExternalID: ids}
	}
	if j := strings.TrimSpace(q.journal); j != "" {
		w.JournalTitle = &orcid.Value{Value: j}
	}
	if cmd.Flags().Changed("year") && (q.year < 1000 || q.year > 9999) {
		return nil, usagef(addUsage, "--year must be a four-digit year, not %d", q.year)
	}
	if cmd.Flags().Changed("year") || cmd.Flags().Changed("month") || cmd.Flags().Changed("day") {
		if q.year == 0 {
			return nil, usagef(addUsage, "--month and --day go with --year")
		}
		if q.day != 0 && q.month == 0 {
			return nil, usagef(addUsage, "--day goes with --month")
		}
		w.PublicationDate = orcid.NewDraftDate(q.year, q.month, q.day)
	}
	if err := orcid.Validate(w); err != nil {
		var ve *orcid.ValidationError
		if errors.As(err, &ve) {
			return nil, usagef(addUsage, "%s", quickProblem(ve))
		}
		return nil, err
	}
	return w, nil
}

// quickProblem words a draft's problems with the quick flags' names.
func quickProblem(ve *orcid.ValidationError) string {
	flags := map[string]string{"title": "--title", "type": "--type", "publication-date": "--year/--month/--day",
		"url": "--url", "visibility": "--visibility", "journal-title": "--journal"}
	var parts []string
	for _, fe := range ve.Fields {
		name := fe.Field
		if fe.Field == "external-ids" || strings.HasPrefix(fe.Field, "external-ids") {
			parts = append(parts, "ORCID needs an identifier of the work's own: give --doi or --url")
			continue
		}
		if fl, ok := flags[strings.SplitN(name, ".", 2)[0]]; ok {
			name = fl
		}
		parts = append(parts, name+": "+fe.Message)
	}
	return strings.Join(parts, "; ")
}

func (c *cli) updateOrDelete(cmd *cobra.Command, g *globals, f writeFlags, args []string, del bool) error {
	ctx := cmd.Context()
	usage, verb := updateUsage, "update"
	if del {
		usage, verb = deleteUsage, "delete"
	}
	if len(args) != 2 {
		return usagef(usage, "%s needs a KIND and a PUT-CODE, for example: %s work 1234", verb, verb)
	}
	if err := oneOf(usage, "output", f.output, "text", "json"); err != nil {
		return err
	}
	k, err := parseKind(usage, args[0])
	if err != nil {
		return err
	}
	putCode, err := strconv.ParseInt(strings.TrimSpace(args[1]), 10, 64)
	if err != nil || putCode <= 0 {
		return usagef(usage, "PUT-CODE must be a positive whole number (ORCID's id of the item), not %q", args[1])
	}
	var data []byte
	format := orcid.JSON
	if !del {
		if f.file == "" {
			return usagef(usage, "update needs --file F: the whole item with its put-code (ORCID's JSON or XML; - reads stdin)")
		}
		if data, format, err = c.readItemFile(usage, f); err != nil {
			return err
		}
	}
	w, err := c.openWriter(ctx, g, k, f.orcidID)
	if err != nil {
		return err
	}
	defer w.close()
	var res *orcid.WriteResult
	if del {
		res, err = w.client.Delete(ctx, w.id, k, putCode)
	} else {
		res, err = w.client.UpdateRaw(ctx, w.id, k, putCode, data, format)
	}
	if err != nil {
		return err
	}
	if del {
		return c.printWrite(w, "deleted", res, f.output)
	}
	return c.printWrite(w, "updated", res, f.output)
}

// readItemFile reads --file (or stdin for "-") and decides its format:
// --format, else the file's extension, else the first character.
func (c *cli) readItemFile(usage string, f writeFlags) ([]byte, orcid.Format, error) {
	if f.format != "" {
		if err := oneOf(usage, "format", f.format, "json", "xml"); err != nil {
			return nil, orcid.JSON, err
		}
	}
	var data []byte
	var err error
	if f.file == "-" {
		data, err = io.ReadAll(io.LimitReader(c.stdin, maxItemFile+1))
	} else {
		data, err = readLimited(f.file, maxItemFile+1)
	}
	if err != nil {
		return nil, orcid.JSON, userErrorf("cannot read %s: %v", sanitize.Line(f.file), unwrapPathError(err))
	}
	if len(data) > maxItemFile {
		return nil, orcid.JSON, userErrorf("%s is larger than %d MiB: that is not one ORCID item or a list of 100 works", sanitize.Line(f.file), maxItemFile>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, orcid.JSON, userErrorf("%s is empty", sanitize.Line(f.file))
	}
	switch {
	case f.format == "xml":
		return data, orcid.XML, nil
	case f.format == "json":
		return data, orcid.JSON, nil
	case strings.EqualFold(filepath.Ext(f.file), ".xml"):
		return data, orcid.XML, nil
	case strings.EqualFold(filepath.Ext(f.file), ".json"):
		return data, orcid.JSON, nil
	case bytes.HasPrefix(bytes.TrimSpace(data), []byte("<")):
		return data, orcid.XML, nil
	}
	return data, orcid.JSON, nil
}

// maxItemFile bounds what --file reads: far above a list of 100 works.
const maxItemFile = 64 << 20

// readLimited reads at most n bytes of the file at path.
func readLimited(path string, n int64) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return io.ReadAll(io.LimitReader(fh, n))
}

// unwrapPathError drops the path an *os.PathError repeats.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// writer is a member API client signed in as the record holder id.
type writer struct {
	client *orcid.Client
	id     orcid.ID
	env    string
	close  func()
}

// openWriter opens the session and finds the signed-in record holder whose
// token has the scope kind k needs: a saved sign-in of the selected
// environment and client (--orcid picks one of several), or with --demo
// the demo registry's own user, signed in directly.
func (c *cli) openWriter(ctx context.Context, g *globals, k orcid.ItemKind, orcidID string) (*writer, error) {
	var want orcid.ID
	if orcidID != "" {
		id, err := orcid.ParseID(orcidID)
		if err != nil {
			return nil, &usageError{msg: "--orcid: " + err.Error()}
		}
		want = id
	}
	s, err := c.openSession(ctx, g)
	if err != nil {
		return nil, err
	}
	opts := append([]orcid.Option{orcid.WithRateLimit(s.cfg.MemberLimit.PerSecond.Value, s.cfg.MemberLimit.Burst.Value)}, c.timeoutOptions(g)...)
	if s.sel.ClientID.Value == "" || s.sel.ClientSecret.Value == "" {
		s.close()
		return nil, userErrorf("writing needs a member client: give --client-id and --client-secret (or ORCID_CLIENT_ID, ORCID_CLIENT_SECRET) and sign in with orcid-tui login --scopes \"openid %s\" — or try it with --demo", k.Scope())
	}
	f, err := c.findSignIns(s, func(ss *auth.Session) bool { return ss.ORCID != "" })
	if err != nil {
		s.close()
		return nil, err
	}
	var candidates, scoped []*auth.Session
	for _, ss := range f.sessions {
		if want == "" || ss.ORCID == want {
			candidates = append(candidates, ss)
			if ss.Has(k.Scope()) {
				scoped = append(scoped, ss)
			}
		}
	}
	if len(scoped) == 0 && s.demo != nil && s.demo.srv != nil {
		return c.demoWriter(s, k, want, opts)
	}
	login := fmt.Sprintf("orcid-tui login --scopes \"openid /read-limited %s\"", k.Scope())
	switch {
	case len(candidates) == 0 && want != "":
		s.close()
		return nil, userErrorf("%s is not signed in to %s with client %s — run: %s (as %s)", want, s.env.Name, sanitize.Line(s.sel.ClientID.Value), login, want)
	case len(candidates) == 0:
		s.close()
		return nil, userErrorf("nobody is signed in to %s with client %s — run: %s", s.env.Name, sanitize.Line(s.sel.ClientID.Value), login)
	case len(scoped) == 0:
		s.close()
		return nil, userErrorf("the saved sign-in of %s was not granted %s, which writing a %s needs — run: %s", candidates[0].ORCID, k.Scope(), k, login)
	case len(scoped) > 1:
		var ids []string
		for _, ss := range scoped {
			ids = append(ids, string(ss.ORCID))
		}
		s.close()
		return nil, &usageError{msg: "several iDs are signed in (" + strings.Join(ids, ", ") + "): say which record with --orcid ID"}
	}
	client, err := f.a.WriteClient(scoped[0], k.Scope(), opts...)
	if err != nil {
		s.close()
		return nil, err
	}
	return &writer{client: client, id: scoped[0].ORCID, env: s.env.Name, close: s.close}, nil
}

// demoWriter signs the demo registry's own user in directly, with the
// scope k needs: the registry lives as long as the command, so no saved
// sign-in can exist for it outside tests.
func (c *cli) demoWriter(s *session, k orcid.ItemKind, want orcid.ID, opts []orcid.Option) (*writer, error) {
	id := orcid.ID(orcidtest.DemoUserID)
	if want != "" && want != id {
		s.close()
		return nil, userErrorf("the demo registry signs in its demo user %s only, not %s", id, want)
	}
	access, _ := s.demo.srv.IssueToken(s.demo.clientID, string(id), k.Scope(), auth.ScopeReadLimited)
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: access, TokenType: "Bearer", Expiry: time.Now().Add(time.Hour)})
	fmt.Fprintf(c.stderr, "demo: signed in as %s with %s; the demo registry forgets what is written when this command ends\n", id, k.Scope())
	client := newClient(s.env, append(opts, orcid.WithTokenSource(ts, orcid.MemberAPI))...)
	return &writer{client: client, id: id, env: s.env.Name, close: s.close}, nil
}

// itemURL is the member API URL of item putCode of kind k on w's record.
func (w *writer) itemURL(k orcid.ItemKind, putCode int64) string {
	return w.client.URL(orcid.WriteItemPath(w.id, k, putCode))
}

// printWrite prints a write's result: PUT-CODE<TAB>URL, or JSON.
func (c *cli) printWrite(w *writer, verb string, res *orcid.WriteResult, output string) error {
	u := res.Location
	if u == "" {
		u = w.itemURL(res.Kind, res.PutCode)
	}
	u = sanitize.Line(u)
	fmt.Fprintf(c.stderr, "%s %s %d %s %s in %s\n", verb, res.Kind, res.PutCode, map[string]string{"added": "to", "updated": "of", "deleted": "from"}[verb], w.id, w.env)
	if output == "json" {
		out := map[string]any{"kind": res.Kind, "put-code": res.PutCode, "url": u, "status": statusOf(res)}
		// ORCID's answer (the updated item) as it came: JSON inline, XML
		// (an item sent as XML is answered in XML) as a string.
		if res.Body != nil && len(bytes.TrimSpace(res.Body.Data)) > 0 {
			if json.Valid(res.Body.Data) {
				out["item"] = json.RawMessage(res.Body.Data)
			} else {
				out["item-xml"] = string(res.Body.Data)
			}
		}
		return c.writeJSON(out)
	}
	fmt.Fprintf(c.stdout, "%d\t%s\n", res.PutCode, u)
	return nil
}

// statusOf is the HTTP status ORCID answered the write with.
func statusOf(res *orcid.WriteResult) int {
	if res.Body != nil {
		return res.Body.StatusCode
	}
	return 0
}

// writeJSON prints v as indented JSON, sanitised like search's.
func (c *cli) writeJSON(v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = c.stdout.Write(append(sanitize.JSON(data), '\n'))
	return err
}

// printBulk adds works in bulk and prints one line per work, in the
// list's order: PUT-CODE<TAB>URL, or "-<TAB>-" for a work ORCID refused
// (its reason on stderr). Any refusal makes the exit status 1.
func (c *cli) printBulk(ctx context.Context, w *writer, works []*orcid.WorkDraft, f orcid.Format, output string) error {
	results, err := w.client.AddWorksAs(ctx, w.id, works, f)
	if results == nil && err != nil {
		return err
	}
	return c.reportBulk(ctx, w, results, err, output, func(i int) string { return fmt.Sprintf("work %d", i+1) })
}

// reportBulk prints the results of a bulk add; label names work i for a
// message (its position, or its BibTeX key).
func (c *cli) reportBulk(ctx context.Context, w *writer, results []orcid.BulkWorkResult, batchErr error, output string, label func(int) string) error {
	added, failed := 0, 0
	var rows []map[string]any
	for _, r := range results {
		row := map[string]any{"work": r.Index + 1}
		if r.Err != nil {
			failed++
			msg := describeError(ctx, r.Err)
			fmt.Fprintf(c.stderr, "%s not added: %s\n", label(r.Index), msg)
			row["error"] = msg
			if output != "json" {
				// One stdout line per work of the list, in its order.
				fmt.Fprintf(c.stdout, "-\t-\n")
			}
		} else {
			added++
			u := sanitize.Line(w.itemURL(orcid.KindWork, r.PutCode))
			row["put-code"], row["url"] = r.PutCode, u
			if output != "json" {
				fmt.Fprintf(c.stdout, "%d\t%s\n", r.PutCode, u)
			}
		}
		rows = append(rows, row)
	}
	if output == "json" {
		if err := c.writeJSON(rows); err != nil {
			return err
		}
	}
	fmt.Fprintf(c.stderr, "added %d of %d works to %s in %s\n", added, len(results), w.id, w.env)
	if batchErr != nil {
		return batchErr
	}
	if failed > 0 {
		return userErrorf("%d of %d works were not added (see above)", failed, len(results))
	}
	return nil
}
