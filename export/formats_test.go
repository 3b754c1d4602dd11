package export

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// No maintained RIS parser exists for Go (none on the module proxy), so the
// RIS output is read by this strict reader of the RIS specification
// (Research Information Systems, "RIS Format Specifications"): every line is
// a two-character tag (A-Z then A-Z or 0-9), two spaces, a hyphen, a space
// and the value, ended by CR LF; a record starts with TY, whose value is one
// of the specification's reference types, and ends with "ER  - "; only the
// specification's tags appear.

var risLine = regexp.MustCompile(`^([A-Z][A-Z0-9])  - (.*)$`)

var risTypes = setOf("ABST ADVS AGGR ANCIENT ART BILL BLOG BOOK CASE CHAP CHART CLSWK COMP CONF CPAPER CTLG DATA DBASE DICT EBOOK ECHAP EDBOOK EJOUR ELEC ENCYC EQUA FIGURE GEN GOVDOC GRANT HEAR ICOMM INPR JFULL JOUR LEGAL MANSCPT MAP MGZN MPCT MULTI MUSIC NEWS PAMP PAT PCOMM RPRT SER SLIDE SOUND STAND STAT THES UNBILL UNPB VIDEO")

var risTags = setOf("TY ER A1 A2 A3 A4 AB AD AN AU AV BT C1 C2 C3 C4 C5 C6 C7 C8 CA CN CP CT CY DA DB DO DP ED EP ET ID IS J1 J2 JA JF JO KW L1 L2 L3 L4 LA LB LK M1 M2 M3 N1 N2 NV OP PB PP PY RI RN RP SE SN SP ST T1 T2 T3 TA TI TT U1 U2 U3 U4 U5 UR VL VO Y1 Y2")

// risOnce are the tags a record holds at most once.
var risOnce = setOf("ID TI T2 PY DA DO AN LA AB TT")

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

type risRec map[string][]string

func readRIS(data []byte) ([]risRec, error) {
	if len(data) > 0 && !bytes.HasSuffix(data, []byte("\r\n")) {
		return nil, fmt.Errorf("the last line does not end with CR LF")
	}
	var out []risRec
	var cur risRec
	for n, line := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			return nil, fmt.Errorf("line %d: a bare CR or LF", n+1)
		}
		m := risLine.FindStringSubmatch(line)
		if m == nil {
			return nil, fmt.Errorf("line %d: %q is not \"TG  - value\"", n+1, line)
		}
		tag, val := m[1], m[2]
		if !risTags[tag] {
			return nil, fmt.Errorf("line %d: %s is not a RIS tag", n+1, tag)
		}
		switch {
		case tag == "TY":
			if cur != nil {
				return nil, fmt.Errorf("line %d: TY before the ER of the previous record", n+1)
			}
			if !risTypes[val] {
				return nil, fmt.Errorf("line %d: %q is not a RIS reference type", n+1, val)
			}
			cur = risRec{}
		case cur == nil:
			return nil, fmt.Errorf("line %d: %s outside a record (records start with TY)", n+1, tag)
		case tag == "ER":
			if val != "" {
				return nil, fmt.Errorf("line %d: ER with a value", n+1)
			}
			out = append(out, cur)
			cur = nil
			continue
		case val == "":
			return nil, fmt.Errorf("line %d: %s without a value", n+1, tag)
		}
		if risOnce[tag] && len(cur[tag]) > 0 {
			return nil, fmt.Errorf("line %d: %s repeated in one record", n+1, tag)
		}
		cur[tag] = append(cur[tag], val)
	}
	if cur != nil {
		return nil, fmt.Errorf("the last record has no ER")
	}
	return out, nil
}

func checkRIS(t *testing.T, out []byte, entries []*entry) {
	t.Helper()
	recs, err := readRIS(out)
	if err != nil {
		t.Fatalf("RIS does not read: %v", err)
	}
	if len(recs) != len(entries) {
		t.Fatalf("%d RIS records, want %d", len(recs), len(entries))
	}
	for i, r := range recs {
		e := entries[i]
		if got := strings.Join(r["TY"], ""); got != e.types.ris {
			t.Errorf("record %d: TY %q, want %q", i, got, e.types.ris)
		}
		if got := strings.Join(r["ID"], ""); got != e.key {
			t.Errorf("record %d: ID %q, want %q", i, got, e.key)
		}
		if got := strings.Join(r["TI"], ""); got != e.title {
			t.Errorf("record %d: TI %q, want %q", i, got, e.title)
		}
		if len(r["AU"]) != len(e.authors) {
			t.Errorf("record %d: %d AU, want %d", i, len(r["AU"]), len(e.authors))
		}
	}
}

func TestRISReaderIsStrict(t *testing.T) {
	good := "TY  - JOUR\r\nTI  - x\r\nER  - \r\n"
	if _, err := readRIS([]byte(good)); err != nil {
		t.Fatalf("good record refused: %v", err)
	}
	for name, bad := range map[string]string{
		"LF only":      strings.ReplaceAll(good, "\r\n", "\n"),
		"one space":    "TY - JOUR\r\nER  - \r\n",
		"unknown type": "TY  - PAPER\r\nER  - \r\n",
		"unknown tag":  "TY  - JOUR\r\nZZ  - x\r\nER  - \r\n",
		"no ER":        "TY  - JOUR\r\nTI  - x\r\n",
		"no TY":        "TI  - x\r\nER  - \r\n",
		"empty value":  "TY  - JOUR\r\nTI  - \r\nER  - \r\n",
		"TI twice":     "TY  - JOUR\r\nTI  - x\r\nTI  - y\r\nER  - \r\n",
	} {
		if _, err := readRIS([]byte(bad)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// cslTypes are the item types of the CSL 1.0.2 schema (csl-data.json).
var cslTypes = setOf("article article-journal article-magazine article-newspaper bill book broadcast chapter classic collection dataset document entry entry-dictionary entry-encyclopedia event figure graphic hearing interview legal_case legislation manuscript map motion_picture musical_score pamphlet paper-conference patent performance periodical personal_communication post post-weblog regulation report review review-book software song speech standard thesis treaty webpage")

// validCSLItem checks an item against the CSL-JSON schema's rules this
// package relies on: id and type required, type from the list, names with
// family or literal, dates as date-parts of integers.
func validCSLItem(it map[string]any) error {
	id, ok := it["id"].(string)
	if !ok || id == "" {
		return fmt.Errorf("no id")
	}
	typ, ok := it["type"].(string)
	if !ok || !cslTypes[typ] {
		return fmt.Errorf("%s: type %v is not a CSL type", id, it["type"])
	}
	for _, role := range []string{"author", "editor"} {
		names, _ := it[role].([]any)
		for _, n := range names {
			m, _ := n.(map[string]any)
			if m["family"] == nil && m["literal"] == nil {
				return fmt.Errorf("%s: %s %v has neither family nor literal", id, role, n)
			}
		}
	}
	if is, ok := it["issued"].(map[string]any); ok {
		parts, _ := is["date-parts"].([]any)
		if len(parts) != 1 {
			return fmt.Errorf("%s: issued %v", id, is)
		}
		for _, p := range parts[0].([]any) {
			if f, ok := p.(float64); !ok || f != float64(int(f)) {
				return fmt.Errorf("%s: date part %v is not an integer", id, p)
			}
		}
	}
	return nil
}

func TestTypeTableCoversEveryFormat(t *testing.T) {
	for orcidType, wt := range workTypes {
		if !risTypes[wt.ris] {
			t.Errorf("%s: RIS type %q is not in the RIS specification", orcidType, wt.ris)
		}
		if !cslTypes[wt.csl] {
			t.Errorf("%s: CSL type %q is not a CSL 1.0.2 type", orcidType, wt.csl)
		}
		if wt.bibtex == "" {
			t.Errorf("%s: no BibTeX type", orcidType)
		}
	}
	// Every type ORCID accepts (the orcid package's list) must be there.
	for _, typ := range orcid.WorkTypes {
		if _, ok := workTypes[typ]; !ok {
			t.Errorf("ORCID work type %s is not mapped", typ)
		}
	}
	if typeOf("JOURNAL_ARTICLE") != workTypes["journal-article"] || typeOf("something-new") != otherType {
		t.Error("typeOf does not normalise 2.x spellings or fall back to other")
	}
}

// TestTypesDoc keeps TYPES.md equal to the table (go test -update rewrites it).
func TestTypesDoc(t *testing.T) {
	keys := make([]string, 0, len(workTypes))
	for k := range workTypes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("# ORCID work types in each export format\n\n")
	b.WriteString("Generated from types.go by `go test ./export -run TestTypesDoc -update`. Any type ORCID adds later is\nwritten as `misc` / `GEN` / `document`, like `other`.\n\n")
	b.WriteString("| ORCID work type | BibTeX | RIS | CSL-JSON |\n|---|---|---|---|\n")
	for _, k := range keys {
		wt := workTypes[k]
		fmt.Fprintf(&b, "| %s | @%s | %s | %s |\n", k, wt.bibtex, wt.ris, wt.csl)
	}
	got := []byte(b.String())
	if *update {
		if err := os.WriteFile("TYPES.md", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("TYPES.md")
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("TYPES.md is out of date (go test ./export -run TestTypesDoc -update): %v", err)
	}
}

func TestLatex(t *testing.T) {
	for in, want := range map[string]string{
		`Pots & Kettles`:        `Pots \& Kettles`,
		`100% $x_1$ #1 ^ ~`:     `100\% \$x\_1\$ \#1 \^{} \~{}`,
		`a {b} \c`:              `a \textbraceleft{}b\textbraceright{} \textbackslash{}c`,
		`mail@example.org`:      `mail\symbol{64}example.org`,
		`Zoë Ångström 田中`:       `Zoë Ångström 田中`,
		`<Re>evaluating "this"`: `<Re>evaluating "this"`,
	} {
		if got := latex(in); got != want {
			t.Errorf("latex(%q) = %q, want %q", in, got, want)
		}
	}
	if got := verbatim("https://x.org/a_b%20{c}@d"); got != "https://x.org/a_b%20%7Bc%7D%40d" {
		t.Errorf("verbatim: %q", got)
	}
}

func TestKeys(t *testing.T) {
	for _, tc := range []struct {
		name, title, year, want string
	}{
		{"Josiah Carberry", "The Psychoceramics of Cracked Pots", "2012", "carberry2012psychoceramics"},
		{"Zoë Ångström-Łukasiewicz", "Pękanie szkła", "2016", "angstromlukasiewicz2016pekanie"},
		{"Carberry, Josiah", "On a theory", "1999", "carberry1999theory"},
		{"田中 花子", "金継ぎの認知科学", "2018", "anon2018"},
		{"Ludwig van Beethoven", "9", "", "vanbeethoven9"},
		{"Ирина Соколова", "Handbook", "2020", "sokolova2020handbook"},
		{"Siobhán Ó Súilleabháin", "", "", "osuilleabhain"},
		{"", "", "", "anon"},
	} {
		e := &entry{title: tc.title, year: tc.year}
		if tc.name != "" {
			e.authors = []person{splitName(tc.name)}
		}
		if got := baseKey(e); got != tc.want {
			t.Errorf("key of %q %q %s = %q, want %q", tc.name, tc.title, tc.year, got, tc.want)
		}
	}
	ks := newKeySet()
	var got []string
	for range 29 {
		got = append(got, ks.unique("x2020y"))
	}
	want := []string{"x2020y", "x2020ya", "x2020yb"}
	if strings.Join(got[:3], ",") != strings.Join(want, ",") || got[26] != "x2020yz" || got[27] != "x2020yaa" {
		t.Errorf("de-duplicated keys: %v", got)
	}
	if ks.unique("x2020ya2") != "x2020ya2" {
		t.Error("a different base was changed")
	}
}

func TestSplitName(t *testing.T) {
	for in, want := range map[string]person{
		"Josiah S. Carberry":  {family: "Carberry", given: "Josiah S."},
		"Carberry, Josiah":    {family: "Carberry", given: "Josiah"},
		"Mateo van der Berg":  {family: "van der Berg", given: "Mateo"},
		"HELIX Collaboration": {family: "HELIX Collaboration", literal: true},
		"田中 花子":               {family: "田中 花子", literal: true},
		"Plato":               {family: "Plato", literal: true},
		"Ирина Соколова":      {family: "Соколова", given: "Ирина"},
	} {
		got := splitName(in)
		want.full = in
		if got != want {
			t.Errorf("splitName(%q) = %+v, want %+v", in, got, want)
		}
	}
}

func TestOwnBibTeXCitation(t *testing.T) {
	cite := func(v string) *orcid.Work {
		return &orcid.Work{PutCode: 7, Type: "journal-article", Title: &orcid.WorkTitle{Title: &orcid.Value{Value: "Fields title"}},
			PublicationDate: &orcid.FuzzyDate{Year: &orcid.Value{Value: "2001"}},
			Citation:        &orcid.Citation{Type: "bibtex", Value: v}}
	}
	for _, tc := range []struct {
		name, citation string
		kept           bool
	}{
		{"kept, re-keyed", "@article{theirs2001,\n  title = {Their {Own} Title},\n  year = {2001}\n}", true},
		{"kept without key", "@article{,\n  title = {Their Title}\n}", true},
		{"two entries", "@article{a, title={x}}\n@article{b, title={y}}", false},
		{"unbalanced", "@article{a, title={x}", false},
		{"trailing text", "@article{a, title={x}} and more", false},
		{"a string", "@string{a = {x}}", false},
		{"not bibtex", "Carberry J. (2001) Fields title.", false},
		{"month macro", "@article{a,\n  title = {Their Title},\n  month = mar,\n  year = 2001\n}", true},
		{"undefined macro", "@article{a,\n  title = {Their Title},\n  journal = jacs\n}", false},
		{"equals inside a value", "@article{a,\n  title = {Their a = b},\n  note = \"x = y\"\n}", true},
		{"unclosed quote", "@article{a,\n  title = \"Their Title}\n}", false},
	} {
		got, err := Citation(BibTeX, cite(tc.citation), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(got, "Their") != tc.kept {
			t.Errorf("%s: kept=%v:\n%s", tc.name, !tc.kept, got)
		}
		if !strings.Contains(got, "{anon2001fields,") {
			t.Errorf("%s: not keyed anon2001fields:\n%s", tc.name, got)
		}
	}
}

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+1": "'+1", "@SUM": "'@SUM", "-x": "'-x", "ok": "ok", "": ""} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"BibTeX": BibTeX, "bib": BibTeX, "ris": RIS, "csl-json": CSLJSON, "CSL": CSLJSON, "csv": CSV} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseFormat("endnote"); err == nil || !strings.Contains(err.Error(), "bibtex, ris, csl-json or csv") {
		t.Errorf("ParseFormat(endnote): %v", err)
	}
}
