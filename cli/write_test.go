package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

const writeScopes = "openid /read-limited /activities/update /person/update"

// putCodeLine is what a write prints on stdout: PUT-CODE<TAB>URL.
var putCodeLine = regexp.MustCompile(`^(\d+)\t(http://127\.0\.0\.1:\d+/api/v3\.0/` + orcidtest.CarberryID + `/([a-z-]+)/(\d+))\n$`)

// writeRequests counts the member-API requests of method whose path ends
// with suffix.
func writeRequests(reg *registry, method, suffix string) int {
	n := 0
	for _, r := range reg.srv.Requests() {
		if r.Method == method && strings.HasPrefix(r.Path, "/api/") && strings.HasSuffix(r.Path, suffix) {
			n++
		}
	}
	return n
}

// memberWorks reads Carberry's works as he sees them (limited ones too).
func memberWorks(t *testing.T, reg *registry) *orcid.Works {
	t.Helper()
	access, _ := reg.srv.IssueToken(orcidtest.DemoClientID, orcidtest.CarberryID, "/read-limited")
	c := orcid.New(reg.srv.Environment(), orcid.WithTokenSource(staticToken(access), orcid.MemberAPI))
	w, err := c.Works(context.Background(), orcidtest.CarberryID)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// findWork returns the summary with putCode, or nil.
func findWork(w *orcid.Works, putCode int64) *orcid.WorkSummary {
	for _, g := range w.Group {
		for i := range g.WorkSummary {
			if g.WorkSummary[i].PutCode == putCode {
				return &g.WorkSummary[i]
			}
		}
	}
	return nil
}

// staticToken is a token source for a token minted by the registry.
func staticToken(access string) oauth2.TokenSource {
	return oauth2.StaticTokenSource(&oauth2.Token{AccessToken: access, TokenType: "Bearer"})
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAddUpdateDeleteWork is the whole write cycle from the command line:
// add a work with the quick flags, see it on the record, replace it from a
// file, delete it.
func TestAddUpdateDeleteWork(t *testing.T) {
	reg := newRegistry(t)
	signedInAsCarberry(t, reg, writeScopes)

	r := reg.run(t, "--demo", "add", "work", "--title", "Cracked Pots II", "--type", "journal-article",
		"--doi", "https://doi.org/10.5555/CP.2025.2", "--year", "2025", "--month", "3", "--journal", "Journal of Psychoceramics")
	if r.code != exitOK {
		t.Fatalf("add: exit %d; stderr:\n%s", r.code, r.stderr)
	}
	m := putCodeLine.FindStringSubmatch(r.stdout)
	if m == nil || m[3] != "work" || m[1] != m[4] {
		t.Fatalf("add printed %q, want PUT-CODE<TAB>URL of the work", r.stdout)
	}
	if !strings.Contains(r.stderr, "added work "+m[1]+" to "+orcidtest.CarberryID+" in demo") {
		t.Errorf("add stderr: %q", r.stderr)
	}
	pc, _ := strconv.ParseInt(m[1], 10, 64)
	s := findWork(memberWorks(t, reg), pc)
	if s == nil || s.TitleString() != "Cracked Pots II" || s.DOI() != "10.5555/CP.2025.2" || s.Source.ClientID() != orcidtest.DemoClientID {
		t.Fatalf("the added work on the record: %+v", s)
	}

	// Update from a file, XML this time, with the same put-code.
	xmlWork := fmt.Sprintf(`<work:work xmlns:work="http://www.orcid.org/ns/work" xmlns:common="http://www.orcid.org/ns/common" put-code="%d">
  <work:title><common:title>Cracked Pots, Revisited</common:title></work:title>
  <work:type>journal-article</work:type>
  <common:external-ids><common:external-id>
    <common:external-id-type>doi</common:external-id-type>
    <common:external-id-value>10.5555/CP.2025.2</common:external-id-value>
    <common:external-id-relationship>self</common:external-id-relationship>
  </common:external-id></common:external-ids>
</work:work>`, pc)
	r = reg.run(t, "--demo", "update", "work", m[1], "--file", writeFile(t, "work.xml", xmlWork), "--output", "json")
	if r.code != exitOK {
		t.Fatalf("update: exit %d; stderr:\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, `"put-code": `+m[1]) || !strings.Contains(r.stdout, `"item-xml"`) || !strings.Contains(r.stdout, "Cracked Pots, Revisited") {
		t.Errorf("update --output json:\n%s", r.stdout)
	}
	if s := findWork(memberWorks(t, reg), pc); s == nil || s.TitleString() != "Cracked Pots, Revisited" {
		t.Errorf("after update: %+v", s)
	}

	r = reg.run(t, "--demo", "delete", "work", m[1])
	if r.code != exitOK || !putCodeLine.MatchString(r.stdout) {
		t.Fatalf("delete: exit %d, stdout %q, stderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if s := findWork(memberWorks(t, reg), pc); s != nil {
		t.Errorf("the work is still there after delete: %+v", s)
	}
	// One request each: writes are sent once.
	if n := writeRequests(reg, "POST", "/work"); n != 1 {
		t.Errorf("%d POST /work, want 1", n)
	}
	if n := writeRequests(reg, "PUT", "/work/"+m[1]); n != 1 {
		t.Errorf("%d PUT, want 1", n)
	}
	if n := writeRequests(reg, "DELETE", "/work/"+m[1]); n != 1 {
		t.Errorf("%d DELETE, want 1", n)
	}
}

func TestAddPersonItemAndAffiliationFromFiles(t *testing.T) {
	reg := newRegistry(t)
	signedInAsCarberry(t, reg, writeScopes)
	r := reg.run(t, "--demo", "add", "keywords", "--file", writeFile(t, "kw.json", `{"content":"kiln theory","visibility":"public"}`))
	if r.code != exitOK || !strings.Contains(r.stdout, "/keywords/") {
		t.Fatalf("add keywords: exit %d, stdout %q, stderr:\n%s", r.code, r.stdout, r.stderr)
	}
	emp := `{"organization":{"name":"Brown University","address":{"city":"Providence","region":"RI","country":"US"},
	  "disambiguated-organization":{"disambiguated-organization-identifier":"https://ror.org/05gq02987","disambiguation-source":"ROR"}},
	  "role-title":"Visiting Psychoceramicist","start-date":{"year":{"value":"2024"}}}`
	r = reg.run(t, "--demo", "add", "employment", "--file", writeFile(t, "emp.json", emp))
	if r.code != exitOK || !strings.Contains(r.stdout, "/employment/") {
		t.Fatalf("add employment: exit %d, stdout %q, stderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

func TestWriteErrorsFromORCID(t *testing.T) {
	reg := newRegistry(t)
	signedInAsCarberry(t, reg, writeScopes)
	add := func(args ...string) result {
		return reg.run(t, append([]string{"--demo", "add", "work", "--type", "book"}, args...)...)
	}
	first := add("--title", "Once", "--doi", "10.5555/once")
	m := putCodeLine.FindStringSubmatch(first.stdout)
	if first.code != exitOK || m == nil {
		t.Fatalf("first add: exit %d; stderr:\n%s", first.code, first.stderr)
	}
	tests := []struct {
		name string
		r    result
		want []string
	}{
		{"duplicate names the existing put-code", add("--title", "Twice", "--doi", "10.5555/once"),
			[]string{"put-code " + m[1], "9021", "orcid-tui update work " + m[1] + " --file FILE"}},
		// The record holder's own works were not added by this client.
		{"not the source", reg.run(t, "--demo", "delete", "work", strconv.FormatInt(firstHolderWork(t, reg), 10)),
			[]string{"9010", "only its source may change or delete it"}},
		{"put-code in a new item", reg.run(t, "--demo", "add", "work", "--file",
			writeFile(t, "w.json", `{"put-code":5,"title":{"title":{"value":"x"}},"type":"book","external-ids":{"external-id":[{"external-id-type":"doi","external-id-value":"10.5555/pc","external-id-relationship":"self"}]}}`)),
			[]string{"9024", "must not carry a put-code"}},
		{"put-code mismatch", reg.run(t, "--demo", "update", "work", m[1], "--file",
			writeFile(t, "w.json", `{"put-code":1,"title":{"title":{"value":"x"}},"type":"book","external-ids":{"external-id":[{"external-id-type":"doi","external-id-value":"10.5555/once","external-id-relationship":"self"}]}}`)),
			[]string{"9019"}},
		{"no title", reg.run(t, "--demo", "add", "work", "--file",
			writeFile(t, "w.json", `{"type":"book","external-ids":{"external-id":[{"external-id-type":"doi","external-id-value":"10.5555/nt","external-id-relationship":"self"}]}}`)),
			[]string{"9022", "needs a title"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.r.code != exitError {
				t.Fatalf("exit %d, want 1; stderr:\n%s", tt.r.code, tt.r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(tt.r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, tt.r.stderr)
				}
			}
			if tt.r.stdout != "" {
				t.Errorf("stdout %q after a refused write", tt.r.stdout)
			}
		})
	}
}

// firstHolderWork is the put-code of a work Carberry added himself.
func firstHolderWork(t *testing.T, reg *registry) int64 {
	t.Helper()
	for _, g := range memberWorks(t, reg).Group {
		for _, s := range g.WorkSummary {
			if s.Source.ClientID() == "" {
				return s.PutCode
			}
		}
	}
	t.Fatal("no work of the record holder's own")
	return 0
}

func TestWriteNeedsTheRightSignIn(t *testing.T) {
	t.Run("nobody", func(t *testing.T) {
		reg := newRegistry(t)
		r := reg.run(t, "--env", "sandbox", "--client-id", "APP-1", "--client-secret", "s", "delete", "work", "5")
		if r.code != exitError || !strings.Contains(r.stderr, "nobody is signed in to sandbox") || !strings.Contains(r.stderr, "/activities/update") {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
	t.Run("no client", func(t *testing.T) {
		reg := newRegistry(t)
		r := reg.run(t, "--env", "sandbox", "delete", "work", "5")
		if r.code != exitError || !strings.Contains(r.stderr, "writing needs a member client") {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
	t.Run("without the scope", func(t *testing.T) {
		reg := newRegistry(t)
		signedInAsCarberry(t, reg, "openid /read-limited")
		r := reg.run(t, "--demo", "add", "keyword", "--file", writeFile(t, "k.json", `{"content":"x"}`))
		if r.code != exitError || !strings.Contains(r.stderr, "was not granted /person/update") || !strings.Contains(r.stderr, "orcid-tui login --scopes") {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
		if n := writeRequests(reg, "POST", "/keywords"); n != 0 {
			t.Errorf("%d requests sent without the scope", n)
		}
	})
	t.Run("another iD", func(t *testing.T) {
		reg := newRegistry(t)
		signedInAsCarberry(t, reg, writeScopes)
		r := reg.run(t, "--demo", "delete", "work", "5", "--orcid", orcidtest.TanakaID)
		if r.code != exitError || !strings.Contains(r.stderr, orcidtest.TanakaID+" is not signed in to demo") {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
}

func TestAddWorksNeedsAList(t *testing.T) {
	reg := newRegistry(t)
	signedInAsCarberry(t, reg, writeScopes)
	one := writeFile(t, "one.json", `{"title":{"title":{"value":"One"}},"type":"book","external-ids":{"external-id":[{"external-id-type":"doi","external-id-value":"10.5555/one","external-id-relationship":"self"}]}}`)
	r := reg.run(t, "--demo", "add", "works", "--file", one)
	if r.code != exitError || !strings.Contains(r.stderr, "holds no list of works") || !strings.Contains(r.stderr, "orcid-tui add work --file") {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
	if n := writeRequests(reg, "POST", "/works"); n != 0 {
		t.Errorf("%d requests for an empty list", n)
	}
}

func TestWriteUsage(t *testing.T) {
	f := writeFile(t, "w.json", `{}`)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"add"}, "add needs one KIND"},
		{[]string{"add", "hobby", "--file", f}, `unknown item kind "hobby"`},
		{[]string{"add", "work"}, "add work needs --file F, or --title and --type"},
		{[]string{"add", "keyword"}, "add keyword needs --file F"},
		{[]string{"add", "keyword", "--title", "x"}, "quick flags are for \"add work\""},
		{[]string{"add", "work", "--title", "x", "--file", f}, "either --file or the quick flags"},
		{[]string{"add", "work", "--type", "book"}, "add work needs --title"},
		{[]string{"add", "work", "--title", "x"}, "add work needs --type"},
		{[]string{"add", "work", "--title", "x", "--type", "poem", "--doi", "10.5555/x"}, `--type: "poem" is not a work type`},
		{[]string{"add", "work", "--title", "x", "--type", "book", "--doi", "not-a-doi"}, `--doi "not-a-doi" is not a DOI`},
		{[]string{"add", "work", "--title", "x", "--type", "book"}, "give --doi or --url"},
		{[]string{"add", "work", "--title", "x", "--type", "book", "--doi", "10.5555/x", "--month", "3"}, "--month and --day go with --year"},
		{[]string{"add", "work", "--title", "x", "--type", "book", "--doi", "10.5555/x", "--year", "0"}, "--year must be a four-digit year, not 0"},
		{[]string{"add", "work", "--file", f, "--format", "yaml"}, "--format must be one of json, xml"},
		{[]string{"update", "work", "--file", f}, "update needs a KIND and a PUT-CODE"},
		{[]string{"update", "work", "12"}, "update needs --file F"},
		{[]string{"delete", "work", "x12"}, `PUT-CODE must be a positive whole number`},
		{[]string{"delete", "work", "12", "--output", "xml"}, "--output must be one of text, json"},
		{[]string{"import", "ris", "f.ris"}, "import reads BibTeX"},
		{[]string{"import", "bibtex"}, "import bibtex needs one FILE"},
		{[]string{"delete", "work", "12", "--orcid", "0000-0002-1825-0098"}, "--orcid"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runCLI(t, nil, "", append([]string{"--demo"}, tt.args...)...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) || !strings.Contains(r.stderr, "usage: orcid-tui") {
				t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, tt.want)
			}
		})
	}
}

// TestAddWorksInBulk: 250 works from one file go in 3 requests, and each
// line of the output is one work, in the file's order.
func TestAddWorksInBulk(t *testing.T) {
	reg := newRegistry(t)
	signedInAsCarberry(t, reg, writeScopes)
	var b strings.Builder
	b.WriteString(`{"bulk":[`)
	for i := range 250 {
		if i > 0 {
			b.WriteString(",")
		}
		title := fmt.Sprintf(`"title":{"title":{"value":"Bulk work %d"}},`, i)
		if i == 5 {
			title = "" // ORCID refuses this one (9022)
		}
		fmt.Fprintf(&b, `{"work":{%s"type":"other","external-ids":{"external-id":[{"external-id-type":"doi","external-id-value":"10.5555/bulk.%d","external-id-relationship":"self"}]}}}`, title, i)
	}
	b.WriteString(`]}`)
	r := reg.run(t, "--demo", "add", "works", "--file", writeFile(t, "works.json", b.String()))
	if r.code != exitError || !strings.Contains(r.stderr, "work 6 not added") || !strings.Contains(r.stderr, "9022") {
		t.Fatalf("exit %d, want 1 for the refused work; stderr:\n%s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 250 || lines[5] != "-\t-" {
		t.Fatalf("%d lines (line 6 %q), want 250 with -<TAB>- for the refused work", len(lines), lines[min(5, len(lines)-1)])
	}
	if n := writeRequests(reg, "POST", "/works"); n != 3 {
		t.Errorf("%d bulk requests, want 3", n)
	}
	works := memberWorks(t, reg)
	for i, l := range []int{0, 99, 100, 249} {
		pc, _ := strconv.ParseInt(strings.SplitN(lines[l], "\t", 2)[0], 10, 64)
		if s := findWork(works, pc); s == nil || s.TitleString() != fmt.Sprintf("Bulk work %d", l) {
			t.Errorf("line %d (%d): put-code %d is %+v", l, i, pc, s)
		}
	}
	if !strings.Contains(r.stderr, "added 249 of 250 works") {
		t.Errorf("summary: %q", r.stderr)
	}
}

// TestImportBibTeX imports 250 entries in 3 bulk requests after one read
// of the record, skipping what the record already has and what cannot be
// a work.
func TestImportBibTeX(t *testing.T) {
	reg := newRegistry(t)
	signedInAsCarberry(t, reg, writeScopes)
	var b strings.Builder
	for i := range 250 {
		fmt.Fprintf(&b, "@article{key%d,\n  author = {Carberry, Josiah and Doe, Jane},\n  title = {Imported {Work} %d},\n  journal = {Journal of Psychoceramics},\n  year = %d,\n  doi = {10.5555/import.%d},\n}\n", i, i, 2000+i%25, i)
	}
	// Already on the record (Carberry's own work), repeated, and unusable.
	b.WriteString("@article{onrecord, title = {Toward a Unified Theory}, doi = {https://doi.org/10.5555/12345678}}\n")
	b.WriteString("@article{again, title = {Again}, doi = {10.5555/import.7}}\n")
	b.WriteString("@misc{noid, title = {No identifier}}\n")
	// On the record by its URL only (exported and imported back).
	b.WriteString("@misc{keynote, title = {Keynote}, url = {https://events.example.org/iccc2024/keynote}}\n")
	file := writeFile(t, "refs.bib", b.String())

	dry := reg.run(t, "--demo", "import", "bibtex", file, "--dry-run")
	if dry.code != exitError || !strings.Contains(dry.stderr, "dry run: 250 of 254 entries would be added") {
		t.Fatalf("dry run: exit %d, stderr:\n%s", dry.code, dry.stderr)
	}
	if n := writeRequests(reg, "POST", "/works"); n != 0 {
		t.Fatalf("the dry run sent %d bulk requests", n)
	}

	reg.srv.ResetRequests()
	r := reg.run(t, "--demo", "import", "bibtex", file)
	if r.code != exitError { // two entries could not be added
		t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
	}
	if n := writeRequests(reg, "POST", "/works"); n != 3 {
		t.Errorf("%d bulk requests, want 3", n)
	}
	if n := writeRequests(reg, "GET", "/works"); n != 1 {
		t.Errorf("%d reads of the works, want 1", n)
	}
	for _, w := range []string{
		"onrecord: skipped: DOI 10.5555/12345678 is already on the record",
		"again: skipped: same DOI 10.5555/import.7 as entry key7",
		"keynote: skipped: URL https://events.example.org/iccc2024/keynote is already on the record",
		"noid: skipped: it has no DOI, ISBN or URL",
		"imported 250 of 254 entries as works to " + orcidtest.CarberryID + " in demo; 2 already on the record, 2 skipped, 0 refused by ORCID",
	} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	if !strings.HasPrefix(r.stdout, "key0\t") || strings.Count(r.stdout, "\n") != 250 {
		t.Errorf("stdout: %d lines, starts %q", strings.Count(r.stdout, "\n"), r.stdout[:min(40, len(r.stdout))])
	}
	// The work carries its entry as its BibTeX citation and its authors.
	access, _ := reg.srv.IssueToken(orcidtest.DemoClientID, orcidtest.CarberryID, "/read-limited")
	c := orcid.New(reg.srv.Environment(), orcid.WithTokenSource(staticToken(access), orcid.MemberAPI))
	pc, _ := strconv.ParseInt(strings.Split(strings.SplitN(r.stdout, "\n", 2)[0], "\t")[1], 10, 64)
	w, err := c.Work(context.Background(), orcidtest.CarberryID, pc)
	if err != nil {
		t.Fatal(err)
	}
	if w.TitleString() != "Imported Work 0" || w.Citation == nil || !strings.Contains(w.Citation.Value, "@article{key0") {
		t.Errorf("imported work: title %q citation %+v", w.TitleString(), w.Citation)
	}

	// Importing again adds nothing: every DOI is on the record now.
	again := reg.run(t, "--demo", "import", "bibtex", file)
	if !strings.Contains(again.stderr, "imported 0 of 254 entries") || !strings.Contains(again.stderr, "253 already on the record") {
		t.Errorf("second import:\n%s", again.stderr)
	}
}
