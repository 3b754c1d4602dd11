package record

import (
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

func kinds(s string, spans []span) map[string]tokKind {
	out := map[string]tokKind{}
	for _, sp := range spans {
		out[s[sp.start:sp.end]] = sp.kind
	}
	return out
}

func TestTokenizeJSON(t *testing.T) {
	tests := []struct {
		line string
		want map[string]tokKind
	}{
		{`  "put-code" : 12,`, map[string]tokKind{`"put-code"`: tokKey, "12": tokNumber, ":": tokPunct, ",": tokPunct}},
		{`  "title" : "A \"quoted\" word",`, map[string]tokKind{`"title"`: tokKey, `"A \"quoted\" word"`: tokString}},
		{`  "visibility" : null, "x": true`, map[string]tokKind{"null": tokLiteral, "true": tokLiteral, `"x"`: tokKey}},
		{`  "value" : -1.5e3`, map[string]tokKind{"-1.5e3": tokNumber}},
		{`  "open`, map[string]tokKind{`"open`: tokString}},
	}
	for _, tt := range tests {
		got := kinds(tt.line, tokenizeJSON(tt.line))
		for tok, k := range tt.want {
			if got[tok] != k {
				t.Errorf("%q: token %q is %v, want %v (all: %v)", tt.line, tok, got[tok], k, got)
			}
		}
	}
}

func TestTokenizeXML(t *testing.T) {
	var st xmlState
	l1 := `<work:work put-code="12" visibility='public'>`
	got := kinds(l1, tokenizeXML(l1, &st))
	for tok, k := range map[string]tokKind{"<work:work": tokTag, "put-code": tokAttr, `12"`: tokString, ">": tokTag} {
		if got[tok] != k {
			t.Errorf("token %q is %v, want %v (all %v)", tok, got[tok], k, got)
		}
	}
	if st.inTag {
		t.Error("tag left open")
	}
	l2 := `  <common:title>Psychoceramics</common:title>`
	got = kinds(l2, tokenizeXML(l2, &st))
	if got["Psychoceramics"] != tokText || got["</common:title"] != tokTag {
		t.Errorf("text line: %v", got)
	}
	// A tag spanning lines keeps its state.
	var st2 xmlState
	tokenizeXML(`<record:record`, &st2)
	if !st2.inTag {
		t.Fatal("open tag not carried")
	}
	l3 := `   path="/0000">`
	got = kinds(l3, tokenizeXML(l3, &st2))
	if got["path"] != tokAttr || st2.inTag {
		t.Errorf("continued tag: %v, inTag %v", got, st2.inTag)
	}
	// Comments.
	var st3 xmlState
	l4 := `<!-- a <b> comment --><x/>`
	got = kinds(l4, tokenizeXML(l4, &st3))
	if got["<!-- a <b> comment -->"] != tokPunct || got["<x"] != tokTag {
		t.Errorf("comment: %v", got)
	}
}

func TestRawDocSanitisesAndSearches(t *testing.T) {
	body := &orcid.Body{URL: "http://x/v3.0/0000/record", ContentType: "application/vnd.orcid+json", Data: []byte("{\n  \"title\" : \"Evil \x1b[2J title\",\n  \"Other\" : \"TITLE again\"\n}")}
	d := newRawDoc(body, orcid.JSON)
	for _, l := range d.lines {
		if strings.ContainsRune(l.text, 0x1b) {
			t.Fatalf("escape kept: %q", l.text)
		}
	}
	ms := findMatches(d, "title")
	if len(ms) != 3 {
		t.Fatalf("matches = %v, want 3 (case-insensitive)", ms)
	}
	styles := common.NewStyles(true, false)
	out := renderRawLine(d, &d.lines[ms[0].line], ms[:2], 0, &styles)
	if ansi.Strip(out) != d.lines[ms[0].line].text {
		t.Errorf("rendering changed the text: %q", ansi.Strip(out))
	}
}

// A line's colours are worked out when it is drawn, from the XML state its
// line starts in: the same spans as tokenising the whole body in one pass,
// across tags, attribute values and comments that span lines.
func TestRawTokensPerLineAsOnePass(t *testing.T) {
	xml := "<?xml version=\"1.0\"?>\n<record:record path=\"/0000\"\n    visibility='public'>\n  <!-- a comment\n  over lines -->\n  <title a=\"a value\nover lines\">Title &amp; more</title>\n</record:record>"
	json := "{\n  \"title\" : \"x\",\n  \"n\" : 12,\n  \"ok\" : true\n}"
	for _, tc := range []struct {
		f    orcid.Format
		body string
	}{{orcid.XML, xml}, {orcid.JSON, json}} {
		d := newRawDoc(&orcid.Body{Data: []byte(tc.body)}, tc.f)
		var st xmlState
		for i := range d.lines {
			var want []span
			if tc.f == orcid.XML {
				want = tokenizeXML(d.lines[i].text, &st)
			} else {
				want = tokenizeJSON(d.lines[i].text)
			}
			if got := d.tokens(&d.lines[i]); !reflect.DeepEqual(got, want) {
				t.Errorf("%s line %d %q: spans %v, one pass gives %v", tc.f, i, d.lines[i].text, got, want)
			}
		}
		if tc.f == orcid.XML {
			// The pretty-printer joins a tag's lines; a comment keeps them.
			inside := false
			for _, l := range d.lines {
				if strings.HasPrefix(l.text, "  over lines -->") {
					inside = l.xml.inComment
				}
			}
			if !inside {
				t.Error("the comment's second line does not start inside the comment")
			}
		}
	}
}
