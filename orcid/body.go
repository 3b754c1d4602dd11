package orcid

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"mime"
	"strings"
)

// Body is a response body exactly as the server sent it.
type Body struct {
	URL         string
	StatusCode  int
	ContentType string
	Data        []byte
}

// IsJSON and IsXML tell the body's representation from its Content-Type.
func (b *Body) IsJSON() bool { return classify(b.ContentType) == kindJSON }
func (b *Body) IsXML() bool  { return classify(b.ContentType) == kindXML }

// Pretty returns Data indented (JSON or XML), or Data unchanged if it cannot
// be parsed. XML is re-indented token by token, so namespace prefixes and
// declarations stay exactly as ORCID wrote them.
func (b *Body) Pretty() []byte {
	if b == nil {
		return nil
	}
	kind := classify(b.ContentType)
	if kind != kindJSON && kind != kindXML {
		kind = sniff(b.Data)
	}
	switch kind {
	case kindJSON:
		var out bytes.Buffer
		// ORCID's pretty JSON is about twice its compact JSON: growing
		// the buffer once, not by doubling from nothing, saves about three
		// times the result in garbage (33 MB pretty at 10,000 works).
		out.Grow(len(b.Data)*5/2 + 64)
		if err := json.Indent(&out, b.Data, "", "  "); err != nil {
			return b.Data
		}
		out.WriteByte('\n')
		return out.Bytes()
	case kindXML:
		out, err := indentXML(b.Data)
		if err != nil {
			return b.Data
		}
		return out
	}
	return b.Data
}

// mediaKind is what a Content-Type says a body is.
type mediaKind int

const (
	kindUnknown mediaKind = iota
	kindJSON
	kindXML
	kindHTML
	kindText
)

// classify parses a Content-Type header ("application/vnd.orcid+json;
// qs=4;charset=UTF-8") into a kind.
func classify(contentType string) mediaKind {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
	}
	switch {
	case mt == "":
		return kindUnknown
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		return kindJSON
	case mt == "application/xml" || mt == "text/xml" || strings.HasSuffix(mt, "+xml"):
		return kindXML
	case mt == "text/html":
		return kindHTML
	case strings.HasPrefix(mt, "text/"):
		return kindText
	}
	return kindUnknown
}

// sniff tells JSON or XML from a body's first bytes, for a body whose
// Content-Type says neither; an HTML page is not taken for XML.
func sniff(data []byte) mediaKind {
	t := bytes.TrimSpace(data)
	t = t[:min(len(t), 64)]
	switch {
	case bytes.HasPrefix(t, []byte("{")) || bytes.HasPrefix(t, []byte("[")):
		return kindJSON
	case bytes.HasPrefix(t, []byte("<")):
		lower := bytes.ToLower(t)
		if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) {
			return kindHTML
		}
		return kindXML
	}
	return kindUnknown
}

// indentXML re-indents an XML document two spaces per level. It works on
// raw tokens so prefixes ("work:title") and xmlns attributes are written
// back textually, never rewritten by encoding/xml's namespace handling.
// Elements holding only text stay on one line.
func indentXML(data []byte) ([]byte, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var toks []xml.Token
	var open []xml.Name // RawToken does not check that end tags match
	roots := 0
	for {
		t, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if len(open) == 0 {
				roots++
			}
			open = append(open, t.Name)
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != t.Name {
				return nil, errors.New("mismatched end tag")
			}
			open = open[:len(open)-1]
		}
		toks = append(toks, xml.CopyToken(t))
	}
	if len(open) != 0 || roots != 1 {
		return nil, errors.New("not one complete XML document")
	}
	var out bytes.Buffer
	depth := 0
	indent := func() {
		if out.Len() > 0 {
			out.WriteByte('\n')
		}
		for range depth {
			out.WriteString("  ")
		}
	}
	for i := 0; i < len(toks); i++ {
		switch t := toks[i].(type) {
		case xml.ProcInst:
			indent()
			out.WriteString("<?" + t.Target)
			if len(t.Inst) > 0 {
				out.WriteByte(' ')
				out.Write(t.Inst)
			}
			out.WriteString("?>")
		case xml.Directive:
			indent()
			out.WriteString("<!")
			out.Write(t)
			out.WriteByte('>')
		case xml.Comment:
			indent()
			out.WriteString("<!--")
			out.Write(t)
			out.WriteString("-->")
		case xml.CharData:
			if len(bytes.TrimSpace(t)) == 0 {
				continue
			}
			indent() // mixed content: text on its own line
			writeEscaped(&out, string(bytes.TrimSpace(t)), false)
		case xml.StartElement:
			indent()
			writeStart(&out, t)
			// Look ahead: text-only or empty element on one line.
			j := i + 1
			var text []byte
			for j < len(toks) {
				cd, ok := toks[j].(xml.CharData)
				if !ok {
					break
				}
				text = append(text, cd...)
				j++
			}
			if j < len(toks) {
				if end, ok := toks[j].(xml.EndElement); ok {
					if len(text) == 0 {
						out.WriteString("/>")
					} else {
						out.WriteByte('>')
						writeEscaped(&out, string(text), false)
						writeEnd(&out, end)
					}
					i = j
					continue
				}
			}
			out.WriteByte('>')
			depth++
		case xml.EndElement:
			depth--
			indent()
			writeEnd(&out, t)
		}
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// writeStart writes "<name attrs"; the caller closes it with ">" or "/>".
func writeStart(out *bytes.Buffer, t xml.StartElement) {
	out.WriteString("<" + qname(t.Name))
	for _, a := range t.Attr {
		out.WriteString(" " + qname(a.Name) + `="`)
		writeEscaped(out, a.Value, true)
		out.WriteByte('"')
	}
}

func writeEnd(out *bytes.Buffer, t xml.EndElement) {
	out.WriteString("</" + qname(t.Name) + ">")
}

func writeEscaped(out *bytes.Buffer, s string, attr bool) {
	for _, r := range s {
		switch r {
		case '&':
			out.WriteString("&amp;")
		case '<':
			out.WriteString("&lt;")
		case '>':
			out.WriteString("&gt;")
		case '"':
			if attr {
				out.WriteString("&quot;")
			} else {
				out.WriteRune(r)
			}
		case '\r':
			// A raw CR in text would be read back as a line feed, so a
			// second pretty-print would change the document.
			out.WriteString("&#13;")
		case '\n', '\t':
			if attr {
				out.WriteString("&#" + string('0'+byte(r/10)) + string('0'+byte(r%10)) + ";")
			} else {
				out.WriteRune(r)
			}
		default:
			out.WriteRune(r)
		}
	}
}
