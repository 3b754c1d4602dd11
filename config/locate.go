package config

import (
	"strings"

	"github.com/BurntSushi/toml"
)

// position is where a key is written in the config file (1-based).
type position struct {
	Line, Col int
}

// positions maps a dotted key (toml.Key.String form) to where it is first
// written. The TOML decoder does not export key positions, so the file is
// scanned once more; the scan only has to be right for files that already
// parsed, and a key it cannot place falls back to its nearest parent.
type positions map[string]position

// at returns the position of key, or of its nearest written parent.
func (p positions) at(key toml.Key) position {
	for k := key; len(k) > 0; k = k[:len(k)-1] {
		if pos, ok := p[k.String()]; ok {
			return pos
		}
	}
	return position{}
}

// locateKeys scans TOML source for table headers and key/value lines.
func locateKeys(src string) positions {
	pos := positions{}
	var (
		table     toml.Key
		multiline string // closing delimiter of an open multi-line string
		depth     int    // open [ or { of a value spanning lines
	)
	for n, line := range strings.Split(src, "\n") {
		lineNo := n + 1
		i := 0
		if multiline != "" {
			end := strings.Index(line, multiline)
			if end < 0 {
				continue
			}
			multiline = ""
			i = end + 3
		}
		if depth > 0 || i > 0 {
			multiline, depth = scanValue(line[i:], depth)
			continue
		}
		trimmed := strings.TrimLeft(line, " \t")
		col := len(line) - len(trimmed) + 1
		switch {
		case trimmed == "" || trimmed[0] == '#':
			continue
		case strings.HasPrefix(trimmed, "[["):
			if k, _, ok := parseKey(trimmed[2:]); ok {
				table = k
				record(pos, k, lineNo, col)
			}
			continue
		case trimmed[0] == '[':
			if k, _, ok := parseKey(trimmed[1:]); ok {
				table = k
				record(pos, k, lineNo, col)
			}
			continue
		}
		k, rest, ok := parseKey(trimmed)
		if !ok || !strings.HasPrefix(rest, "=") {
			continue
		}
		full := append(append(toml.Key{}, table...), k...)
		record(pos, full, lineNo, col)
		multiline, depth = scanValue(rest[1:], 0)
	}
	return pos
}

func record(pos positions, k toml.Key, line, col int) {
	if _, seen := pos[k.String()]; !seen {
		pos[k.String()] = position{Line: line, Col: col}
	}
}

// parseKey reads a possibly dotted, possibly quoted key at the start of s and
// returns it with the rest of s after the key and following blanks.
func parseKey(s string) (toml.Key, string, bool) {
	var key toml.Key
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return nil, "", false
		}
		var part string
		switch s[0] {
		case '"':
			end := 1
			var b strings.Builder
			for end < len(s) && s[end] != '"' {
				if s[end] == '\\' && end+1 < len(s) {
					end++
				}
				b.WriteByte(s[end])
				end++
			}
			if end >= len(s) {
				return nil, "", false
			}
			part, s = b.String(), s[end+1:]
		case '\'':
			end := strings.IndexByte(s[1:], '\'')
			if end < 0 {
				return nil, "", false
			}
			part, s = s[1:end+1], s[end+2:]
		default:
			end := 0
			for end < len(s) && isBareKeyChar(s[end]) {
				end++
			}
			if end == 0 {
				return nil, "", false
			}
			part, s = s[:end], s[end:]
		}
		key = append(key, part)
		s = strings.TrimLeft(s, " \t")
		if s == "" || s[0] != '.' {
			return key, s, true
		}
		s = s[1:]
	}
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// scanValue follows strings, comments and brackets in the value part of a
// line, so that lines inside multi-line strings and arrays are not taken for
// keys. It returns an open multi-line delimiter and the bracket depth.
func scanValue(s string, depth int) (string, int) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '#':
			return "", depth
		case '[', '{':
			depth++
		case ']', '}':
			if depth > 0 {
				depth--
			}
		case '"', '\'':
			delim := string(c)
			if strings.HasPrefix(s[i:], strings.Repeat(delim, 3)) {
				delim = strings.Repeat(delim, 3)
			}
			j := i + len(delim)
			for j < len(s) && !strings.HasPrefix(s[j:], delim) {
				if c == '"' && s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) {
				if len(delim) == 3 {
					return delim, depth
				}
				return "", depth
			}
			i = j + len(delim) - 1
		}
	}
	return "", depth
}
