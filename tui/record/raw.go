package record

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orcid-tui/orcid-tui/internal/sanitize"
	"github.com/orcid-tui/orcid-tui/orcid"
	"github.com/orcid-tui/orcid-tui/tui/common"
)

// tokKind is the syntactic class of a run of raw text, for colouring.
type tokKind uint8

const (
	tokPlain tokKind = iota
	tokKey
	tokString
	tokNumber
	tokLiteral
	tokPunct
	tokTag
	tokAttr
	tokText
)

// span is a run [start,end) of bytes of one line with one kind.
type span struct {
	start, end int32
	kind       tokKind
}

// rawLine is one line of a pretty-printed, sanitised body. A 10,000-work
// record's body is close to a million lines, so a line keeps only what
// cannot be found again cheaply: its colours are worked out when it is
// drawn (tokens), and its lower-cased text when it is searched.
type rawLine struct {
	text  string
	width int32    // in cells
	xml   xmlState // the XML state the line starts in (tokens)
}

// rawDoc is a body ready to draw: pretty-printed, sanitised and tokenised
// once, in the command that fetched it.
type rawDoc struct {
	format orcid.Format
	url    string
	size   int
	lines  []rawLine
	width  int // the widest line, in cells
}

// newRawDoc pretty-prints, sanitises, splits and tokenises body. It runs in
// a tea.Cmd (it can take a while for a 2,500-work record).
func newRawDoc(body *orcid.Body, f orcid.Format) *rawDoc {
	d := &rawDoc{format: f}
	if body == nil {
		return d
	}
	d.url = sanitize.Line(body.URL)
	d.size = len(body.Data)
	// One copy of the pretty text, which the lines share; each line is
	// sanitised on its own, so the clean ones (nearly all) stay slices of
	// it instead of a second whole copy. A close-to-a-million-line body
	// is never split into a slice of strings first either.
	text := strings.TrimRight(string(body.Pretty()), "\n")
	d.lines = make([]rawLine, 0, strings.Count(text, "\n")+1)
	var xs xmlState
	add := func(p string) {
		l := rawLine{text: p, width: int32(ansi.StringWidth(p))}
		d.width = max(d.width, int(l.width))
		if f == orcid.XML {
			// Only the state at the line's end is needed, for the next
			// line; the spans are made again when the line is drawn.
			l.xml = xs
			tokenizeXML(p, &xs)
		}
		d.lines = append(d.lines, l)
	}
	for rest := text; ; {
		p, more, found := strings.Cut(rest, "\n")
		if c := sanitize.Text(p); strings.Contains(c, "\n") {
			for _, q := range strings.Split(c, "\n") { // a lone \r broke the line
				add(q)
			}
		} else {
			add(c)
		}
		if !found {
			break
		}
		rest = more
	}
	return d
}

// tokens colours line l of d.
func (d *rawDoc) tokens(l *rawLine) []span {
	if d.format == orcid.XML {
		st := l.xml
		return tokenizeXML(l.text, &st)
	}
	return tokenizeJSON(l.text)
}

// tokenizeJSON colours one line of pretty JSON. Strings never span lines in
// JSON, so no state is carried between lines.
func tokenizeJSON(s string) []span {
	var out []span
	add := func(a, b int, k tokKind) {
		if b > a {
			out = append(out, span{int32(a), int32(b), k})
		}
	}
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"':
			j := i + 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j < len(s) {
				j++
			} else {
				j = len(s)
			}
			k := tokString
			r := j
			for r < len(s) && s[r] == ' ' {
				r++
			}
			if r < len(s) && s[r] == ':' {
				k = tokKey
			}
			add(i, j, k)
			i = j
		case c == '-' || (c >= '0' && c <= '9'):
			j := i + 1
			for j < len(s) && strings.IndexByte("0123456789.eE+-", s[j]) >= 0 {
				j++
			}
			add(i, j, tokNumber)
			i = j
		case c == 't' || c == 'f' || c == 'n':
			j := i
			for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
				j++
			}
			switch s[i:j] {
			case "true", "false", "null":
				add(i, j, tokLiteral)
			default:
				add(i, j, tokPlain)
			}
			if j == i {
				j++
			}
			i = j
		case strings.IndexByte("{}[],:", c) >= 0:
			add(i, i+1, tokPunct)
			i++
		default:
			i++
		}
	}
	return out
}

// xmlState carries what spans lines in XML: an open tag or comment.
type xmlState struct {
	inTag     bool
	inComment bool
	quote     byte // inside an attribute value quoted with quote
}

// tokenizeXML colours one line of XML: tags and their names, attribute
// names, attribute values, and text content.
func tokenizeXML(s string, st *xmlState) []span {
	var out []span
	add := func(a, b int, k tokKind) {
		if b > a {
			out = append(out, span{int32(a), int32(b), k})
		}
	}
	i := 0
	for i < len(s) {
		switch {
		case st.inComment:
			j := strings.Index(s[i:], "-->")
			if j < 0 {
				add(i, len(s), tokPunct)
				return out
			}
			add(i, i+j+3, tokPunct)
			i += j + 3
			st.inComment = false
		case st.quote != 0:
			j := strings.IndexByte(s[i:], st.quote)
			if j < 0 {
				add(i, len(s), tokString)
				return out
			}
			add(i, i+j+1, tokString)
			i += j + 1
			st.quote = 0
		case st.inTag:
			c := s[i]
			switch {
			case c == '>' || (c == '/' && i+1 < len(s) && s[i+1] == '>') || (c == '?' && i+1 < len(s) && s[i+1] == '>'):
				j := i + 1
				if c != '>' {
					j = i + 2
				}
				add(i, j, tokTag)
				i = j
				st.inTag = false
			case c == '"' || c == '\'':
				st.quote = c
				add(i, i+1, tokString)
				i++
				// The value itself is handled by the quote state; merge
				// the opening quote into it by extending on the next pass.
			case c == '=':
				add(i, i+1, tokPunct)
				i++
			case c == ' ' || c == '\t':
				i++
			default:
				j := i
				for j < len(s) && !strings.ContainsRune(" \t=>\"'/?", rune(s[j])) {
					j++
				}
				if j == i {
					j++
				}
				add(i, j, tokAttr)
				i = j
			}
		default:
			if strings.HasPrefix(s[i:], "<!--") {
				st.inComment = true
				continue
			}
			if s[i] == '<' {
				j := i + 1
				if j < len(s) && (s[j] == '/' || s[j] == '?' || s[j] == '!') {
					j++
				}
				for j < len(s) && !strings.ContainsRune(" \t>/", rune(s[j])) {
					j++
				}
				add(i, j, tokTag)
				i = j
				st.inTag = true
				continue
			}
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			if strings.TrimSpace(s[i:i+j]) != "" {
				add(i, i+j, tokText)
			}
			i += j
		}
	}
	return out
}

// match is one search hit in the raw view.
type match struct {
	line       int
	start, end int
}

// findMatches finds q (case-insensitively where lower-casing keeps byte
// offsets) in every line of d.
func findMatches(d *rawDoc, q string) []match {
	if d == nil || q == "" {
		return nil
	}
	lq := strings.ToLower(q)
	var out []match
	for i := range d.lines {
		l := &d.lines[i]
		hay, needle := l.text, q
		if lo := strings.ToLower(l.text); lo == l.text {
			needle = lq
		} else if len(lo) == len(l.text) {
			hay, needle = lo, lq
		}
		off := 0
		for {
			j := strings.Index(hay[off:], needle)
			if j < 0 {
				break
			}
			out = append(out, match{line: i, start: off + j, end: off + j + len(needle)})
			off += j + len(needle)
			if len(needle) == 0 || off >= len(hay) {
				break
			}
		}
	}
	return out
}

func (k tokKind) style(st *common.Styles, f orcid.Format) lipgloss.Style {
	switch k {
	case tokKey:
		return st.JSONKey
	case tokString:
		return st.JSONString
	case tokNumber:
		return st.JSONNumber
	case tokLiteral:
		return st.JSONLiteral
	case tokPunct:
		return st.JSONPunct
	case tokTag:
		return st.XMLTag
	case tokAttr:
		return st.XMLAttr
	case tokText:
		return st.XMLText
	}
	return st.Normal
}

// renderRawLine styles one line: token colours, with search hits (ms, all on
// this line) drawn in the match style and the current hit also bold.
func renderRawLine(d *rawDoc, l *rawLine, ms []match, cur int, st *common.Styles) string {
	f := d.format
	s := l.text
	if s == "" {
		return ""
	}
	// Boundaries where the style may change.
	kinds := make([]tokKind, len(s))
	for _, sp := range d.tokens(l) {
		for i := sp.start; i < sp.end && int(i) < len(s); i++ {
			kinds[i] = sp.kind
		}
	}
	hit := make([]int8, len(s)) // 0 none, 1 match, 2 current match
	for mi, m := range ms {
		v := int8(1)
		if mi == cur {
			v = 2
		}
		for i := m.start; i < m.end && i < len(s); i++ {
			hit[i] = v
		}
	}
	var b strings.Builder
	b.Grow(len(s) * 2)
	start := 0
	flush := func(end int) {
		if end <= start {
			return
		}
		seg := s[start:end]
		stl := kinds[start].style(st, f)
		switch hit[start] {
		case 1:
			stl = st.Match
		case 2:
			stl = st.Match.Bold(true).Underline(true)
		}
		if seg == strings.Repeat(" ", len(seg)) && hit[start] == 0 {
			b.WriteString(seg)
		} else {
			b.WriteString(stl.Render(seg))
		}
		start = end
	}
	for i := 1; i < len(s); i++ {
		if kinds[i] != kinds[i-1] || hit[i] != hit[i-1] {
			// Never split inside a UTF-8 sequence.
			if s[i]&0xC0 == 0x80 {
				continue
			}
			flush(i)
		}
	}
	flush(len(s))
	return b.String()
}
