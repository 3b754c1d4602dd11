package config

import (
	"fmt"
	"sort"
	"strings"
)

// ErrorKind says what is wrong with a configuration value.
type ErrorKind int

const (
	ErrSyntax     ErrorKind = iota + 1 // the file is not valid TOML
	ErrUnknownKey                      // a key this version does not know (often a typo)
	ErrType                            // a value of the wrong TOML type
	ErrValue                           // a value of the right type that is not allowed
	ErrInsecure                        // a client secret in a file others can read
	ErrFile                            // the file cannot be read or written
	ErrConflict                        // two settings at the same level disagree
)

var kindNames = map[ErrorKind]string{
	ErrSyntax: "syntax error", ErrUnknownKey: "unknown key", ErrType: "wrong type",
	ErrValue: "invalid value", ErrInsecure: "insecure", ErrFile: "file error", ErrConflict: "conflict",
}

func (k ErrorKind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("ErrorKind(%d)", int(k))
}

// Error is one invalid setting. For a setting from the config file it names
// the file, line, column and dotted key; for a flag or an environment
// variable it names that (Key is then "--api-url" or "ORCID_API_URL").
type Error struct {
	Kind   ErrorKind
	Source Source // SourceFile, SourceEnv or SourceFlag
	File   string // config file path (SourceFile)
	Line   int    // 1-based; 0 when unknown
	Col    int    // 1-based; 0 when unknown
	Key    string // dotted key in the file, flag or variable name
	Msg    string // what is wrong and what to do
	Err    error  // underlying error, if any
}

func (e *Error) Error() string {
	var b strings.Builder
	switch e.Source {
	case SourceFile:
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
			if e.Col > 0 {
				fmt.Fprintf(&b, ":%d", e.Col)
			}
		}
		b.WriteString(": ")
		if e.Key != "" {
			fmt.Fprintf(&b, "key %s: ", e.Key)
		}
	case SourceEnv:
		fmt.Fprintf(&b, "environment variable %s: ", e.Key)
	case SourceFlag:
		fmt.Fprintf(&b, "flag %s: ", e.Key)
	default:
		if e.Key != "" {
			fmt.Fprintf(&b, "%s: ", e.Key)
		}
	}
	b.WriteString(e.Msg)
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errors is every problem found in one load, in file order. errors.As finds
// each *Error inside it.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// err returns nil, the single *Error, or the sorted list.
func (es Errors) err() error {
	switch len(es) {
	case 0:
		return nil
	case 1:
		return es[0]
	}
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Source != es[j].Source {
			return es[i].Source < es[j].Source
		}
		return es[i].Line < es[j].Line
	})
	return es
}
