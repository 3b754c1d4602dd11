package bibimport

import (
	"fmt"
	"strings"
)

// This is the BibTeX reader. nickng/bibtex (the maintained Go parser on
// the module proxy) cannot be used on files people bring: it ends the whole
// program with log.Fatalf on an undefined @string macro, keeps its state in
// package variables (after one failed parse every later one fails), and so
// cannot run twice at once. BibTeX's grammar is small; this reader follows
// btxdoc and Nicolas Markey's "Tame the BeaST": entries delimited by braces
// or parentheses, @string (macro names in any case), @preamble and
// @comment, text outside entries ignored, values built from braced and
// quoted parts, numbers and macros joined by #. An undefined macro is kept
// as its name, with a warning, as BibTeX itself does.

// rawEntry is one entry as written.
type rawEntry struct {
	Type   string // lower case
	Key    string
	Fields []rawField // in the file's order
	Source string     // the entry's text, from @ to its closing delimiter
	Line   int
}

// rawField is one field with its value resolved: macros replaced, parts
// joined; braces inside the value are kept (they carry LaTeX grouping).
type rawField struct {
	Name  string // lower case
	Value string
}

// field returns the value of the field name, or "".
func (e *rawEntry) field(name string) string {
	for _, f := range e.Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

// monthMacros are BibTeX's predefined month macros.
var monthMacros = map[string]string{"jan": "January", "feb": "February", "mar": "March", "apr": "April",
	"may": "May", "jun": "June", "jul": "July", "aug": "August", "sep": "September", "oct": "October",
	"nov": "November", "dec": "December"}

// SyntaxError says where a BibTeX file stops making sense.
type SyntaxError struct {
	Line, Col int
	Msg       string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Col, e.Msg)
}

type bibReader struct {
	src      string
	i        int
	strings  map[string]string
	warnings []string
	entries  []rawEntry
}

// parseBibTeX reads every entry of src. Warnings name what was accepted
// but is probably a mistake (an undefined macro).
func parseBibTeX(src string) ([]rawEntry, []string, error) {
	r := &bibReader{src: src, strings: map[string]string{}}
	for k, v := range monthMacros {
		r.strings[k] = v
	}
	for {
		at := strings.IndexByte(r.src[r.i:], '@')
		if at < 0 {
			return r.entries, r.warnings, nil
		}
		start := r.i + at
		r.i = start + 1
		r.space()
		kind := strings.ToLower(r.name())
		if kind == "" {
			continue // a lone @ in the text between entries
		}
		r.space()
		if kind == "comment" {
			if r.peek() == '{' || r.peek() == '(' {
				if err := r.skipGroup(); err != nil {
					return nil, nil, err
				}
			}
			continue
		}
		open := r.peek()
		if open != '{' && open != '(' {
			// Text between entries is a comment, even with an @ in it.
			line := 1 + strings.Count(r.src[:start], "\n")
			r.warnings = append(r.warnings, fmt.Sprintf("line %d: @%s is not followed by { or (: read as a comment", line, kind))
			continue
		}
		closer := byte('}')
		if open == '(' {
			closer = ')'
		}
		r.i++
		var err error
		switch kind {
		case "string":
			err = r.stringDef(closer)
		case "preamble":
			r.space()
			_, err = r.value(closer)
			if err == nil {
				err = r.expect(closer)
			}
		default:
			err = r.entry(kind, start, closer)
		}
		if err != nil {
			return nil, nil, err
		}
	}
}

func (r *bibReader) errorf(format string, a ...any) error {
	line := 1 + strings.Count(r.src[:min(r.i, len(r.src))], "\n")
	col := r.i - strings.LastIndexByte(r.src[:min(r.i, len(r.src))], '\n')
	return &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf(format, a...)}
}

func (r *bibReader) peek() byte {
	if r.i < len(r.src) {
		return r.src[r.i]
	}
	return 0
}

func (r *bibReader) space() {
	for r.i < len(r.src) && strings.IndexByte(" \t\r\n\f\v", r.src[r.i]) >= 0 {
		r.i++
	}
}

// name reads an entry type, citation-key-like word, field or macro name:
// anything up to white space or one of BibTeX's special characters.
func (r *bibReader) name() string {
	start := r.i
	for r.i < len(r.src) && strings.IndexByte(" \t\r\n\f\v{}()\",=#%@", r.src[r.i]) < 0 {
		r.i++
	}
	return r.src[start:r.i]
}

func (r *bibReader) expect(c byte) error {
	r.space()
	if r.peek() != c {
		if r.i >= len(r.src) {
			return r.errorf("the file ends before the closing %q", c)
		}
		return r.errorf("expected %q, found %q", c, r.src[r.i])
	}
	r.i++
	return nil
}

// stringDef reads "name = value" of an @string and the closing delimiter.
func (r *bibReader) stringDef(closer byte) error {
	r.space()
	n := r.name()
	if n == "" {
		return r.errorf("@string needs a name")
	}
	if err := r.expect('='); err != nil {
		return err
	}
	r.space()
	v, err := r.value(closer)
	if err != nil {
		return err
	}
	r.strings[strings.ToLower(n)] = v
	return r.expect(closer)
}

// entry reads "key, name = value, ... ," up to the closing delimiter.
func (r *bibReader) entry(kind string, start int, closer byte) error {
	line := 1 + strings.Count(r.src[:start], "\n")
	r.space()
	keyStart := r.i
	for r.i < len(r.src) && r.src[r.i] != ',' && r.src[r.i] != closer && strings.IndexByte(" \t\r\n", r.src[r.i]) < 0 {
		r.i++
	}
	e := rawEntry{Type: kind, Key: r.src[keyStart:r.i], Line: line}
	for {
		r.space()
		switch c := r.peek(); {
		case c == closer:
			r.i++
			e.Source = r.src[start:r.i]
			r.entries = append(r.entries, e)
			return nil
		case c == ',':
			r.i++
			continue
		case c == 0:
			return r.errorf("entry %q (line %d) is not closed", e.Key, line)
		}
		n := r.name()
		if n == "" {
			return r.errorf("in entry %q: expected a field name, found %q", e.Key, r.src[r.i])
		}
		if err := r.expect('='); err != nil {
			return fmt.Errorf("in entry %q, field %s: %w", e.Key, n, err)
		}
		r.space()
		v, err := r.value(closer)
		if err != nil {
			return err
		}
		e.Fields = append(e.Fields, rawField{Name: strings.ToLower(n), Value: v})
	}
}

// value reads parts joined by #: {braced}, "quoted", a number or a macro.
func (r *bibReader) value(closer byte) (string, error) {
	var b strings.Builder
	for {
		r.space()
		switch c := r.peek(); {
		case c == '{':
			start := r.i
			if err := r.skipGroup(); err != nil {
				return "", err
			}
			b.WriteString(r.src[start+1 : r.i-1])
		case c == '"':
			r.i++
			start, depth := r.i, 0
			for ; r.i < len(r.src); r.i++ {
				if ch := r.src[r.i]; ch == '{' {
					depth++
				} else if ch == '}' {
					depth--
				} else if ch == '"' && depth == 0 {
					break
				}
			}
			if r.i >= len(r.src) {
				return "", r.errorf("a quoted value is not closed")
			}
			b.WriteString(r.src[start:r.i])
			r.i++
		case c == 0:
			return "", r.errorf("the file ends inside a value")
		default:
			n := r.name()
			switch {
			case n == "":
				return "", r.errorf("expected a value, found %q", c)
			case isDigits(n):
				b.WriteString(n)
			default:
				if v, ok := r.strings[strings.ToLower(n)]; ok {
					b.WriteString(v)
				} else {
					r.warnings = append(r.warnings, fmt.Sprintf("macro %q is not defined: kept as its name", n))
					b.WriteString(n)
				}
			}
		}
		r.space()
		if r.peek() != '#' {
			return b.String(), nil
		}
		r.i++
	}
}

// skipGroup skips a balanced {...} group, or a (...) one.
func (r *bibReader) skipGroup() error {
	open, closer := r.src[r.i], byte('}')
	if open == '(' {
		closer = ')'
	}
	start, depth := r.i, 0
	for ; r.i < len(r.src); r.i++ {
		switch r.src[r.i] {
		case open:
			depth++
		case closer:
			depth--
			if depth == 0 {
				r.i++
				return nil
			}
		}
	}
	r.i = start
	return r.errorf("a %q group is not closed", open)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
