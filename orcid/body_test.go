package orcid

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestPrettyJSON(t *testing.T) {
	b := &Body{ContentType: "application/json;charset=UTF-8", Data: []byte(`{"a":[1,{"b":null}],"c":"x"}`)}
	want := "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": \"x\"\n}\n"
	if got := string(b.Pretty()); got != want {
		t.Errorf("Pretty =\n%s\nwant\n%s", got, want)
	}
	bad := &Body{ContentType: "application/json", Data: []byte(`{"a":`)}
	if got := string(bad.Pretty()); got != `{"a":` {
		t.Errorf("truncated JSON changed: %q", got)
	}
}

const clCompactXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><work:work xmlns:common="http://www.orcid.org/ns/common" xmlns:work="http://www.orcid.org/ns/work" put-code="1" visibility="public"><!-- c --><work:title><common:title>A &amp; B &lt;i&gt;</common:title><common:subtitle/></work:title><work:citation><work:citation-type>bibtex</work:citation-type></work:citation><common:url xmlns="urn:x" a="&quot;q&quot;">u</common:url></work:work>`

func TestPrettyXML(t *testing.T) {
	b := &Body{ContentType: "application/vnd.orcid+xml", Data: []byte(clCompactXML)}
	got := string(b.Pretty())
	want := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<work:work xmlns:common="http://www.orcid.org/ns/common" xmlns:work="http://www.orcid.org/ns/work" put-code="1" visibility="public">
  <!-- c -->
  <work:title>
    <common:title>A &amp; B &lt;i&gt;</common:title>
    <common:subtitle/>
  </work:title>
  <work:citation>
    <work:citation-type>bibtex</work:citation-type>
  </work:citation>
  <common:url xmlns="urn:x" a="&quot;q&quot;">u</common:url>
</work:work>
`
	if got != want {
		t.Errorf("Pretty =\n%s\nwant\n%s", got, want)
	}
	// The same document: tokens (ignoring white space) are unchanged.
	if a, b := clTokens(t, clCompactXML), clTokens(t, got); a != b {
		t.Errorf("tokens differ:\n%s\n%s", a, b)
	}
	for _, data := range []string{"<a><b></a>", "not xml at all <", ""} {
		b := &Body{ContentType: "application/xml", Data: []byte(data)}
		if got := string(b.Pretty()); got != data {
			t.Errorf("Pretty(%q) = %q, want unchanged", data, got)
		}
	}
}

func clTokens(t *testing.T, s string) string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	var out bytes.Buffer
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return out.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			if len(bytes.TrimSpace(cd)) == 0 {
				continue
			}
		}
		out.WriteString(strings.TrimSpace(strings.ReplaceAll(clFmtTok(tok), "\n", "")) + "|")
	}
}

func clFmtTok(tok xml.Token) string {
	switch t := tok.(type) {
	case xml.StartElement:
		s := "<" + qname(t.Name)
		for _, a := range t.Attr {
			s += " " + qname(a.Name) + "=" + a.Value
		}
		return s
	case xml.EndElement:
		return "</" + qname(t.Name)
	case xml.CharData:
		return string(t)
	case xml.Comment:
		return "#" + string(t)
	case xml.ProcInst:
		return "?" + t.Target + string(t.Inst)
	}
	return ""
}

func TestPrettySniffsWithoutContentType(t *testing.T) {
	b := &Body{Data: []byte(`<a><b>x</b></a>`)}
	if got := string(b.Pretty()); got != "<a>\n  <b>x</b>\n</a>\n" {
		t.Errorf("Pretty = %q", got)
	}
	plain := &Body{ContentType: "text/plain", Data: []byte("hello")}
	if string(plain.Pretty()) != "hello" {
		t.Error("plain text changed")
	}
	var nilBody *Body
	if nilBody.Pretty() != nil {
		t.Error("nil body")
	}
}

func TestClassify(t *testing.T) {
	tests := map[string]mediaKind{
		"application/vnd.orcid+json; qs=4;charset=UTF-8": kindJSON,
		"application/json":         kindJSON,
		"application/orcid+xml":    kindXML,
		"text/xml; charset=utf-8":  kindXML,
		"text/html":                kindHTML,
		"text/plain;charset=UTF-8": kindText,
		"":                         kindUnknown,
		"APPLICATION/JSON;;;bad":   kindJSON,
		"application/octet-stream": kindUnknown,
	}
	for in, want := range tests {
		if got := classify(in); got != want {
			t.Errorf("classify(%q) = %v, want %v", in, got, want)
		}
	}
}

// A carriage return in XML text stays a character reference: written raw, a
// second pretty-print would read it as a line feed and change the document.
func TestPrettyXMLKeepsCarriageReturn(t *testing.T) {
	in := `<a><b>line&#13;end</b></a>`
	once := (&Body{ContentType: "application/xml", Data: []byte(in)}).Pretty()
	if !strings.Contains(string(once), "line&#13;end") {
		t.Fatalf("CR lost: %q", once)
	}
	twice := (&Body{ContentType: "application/xml", Data: once}).Pretty()
	if string(twice) != string(once) {
		t.Errorf("second pretty-print changed the document:\n%q\n%q", once, twice)
	}
}

// One sniffer serves decoding, error documents and Pretty.
func TestSniff(t *testing.T) {
	tests := map[string]mediaKind{
		`{"a":1}`:  kindJSON,
		"  \n [1]": kindJSON,
		`<error><error-code>9016</error-code></error>`: kindXML,
		"\n<?xml version=\"1.0\"?><a/>":                kindXML,
		"<!DOCTYPE html><html></html>":                 kindHTML,
		"<HTML><body>busy</body></HTML>":               kindHTML,
		"Service Unavailable":                          kindUnknown,
		"":                                             kindUnknown,
		strings.Repeat(" ", 100) + `{"a":1}`:           kindJSON,
	}
	for in, want := range tests {
		if got := sniff([]byte(in)); got != want {
			t.Errorf("sniff(%.30q) = %v, want %v", in, got, want)
		}
	}
	// Without a Content-Type, an error document with leading space is
	// still read as one, and an HTML page is not taken for XML.
	if apiErr, _, ok := parseErrorBody(404, kindUnknown, []byte("\n  <error><error-code>9016</error-code></error>")); !ok || apiErr.ErrorCode != CodeNotFound {
		t.Errorf("XML error document not read: %v %v", apiErr, ok)
	}
	if _, _, ok := parseErrorBody(503, kindUnknown, []byte("<!DOCTYPE html><html><body>busy</body></html>")); ok {
		t.Error("an HTML page was read as an error document")
	}
}
