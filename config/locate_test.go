package config

import (
	"testing"

	"github.com/BurntSushi/toml"
)

func TestLocateKeys(t *testing.T) {
	const src = `# comment = 1
theme = "dark" # trailing = comment
notes = """
fake = "inside a multi-line string"
"""
list = [
  "a = b",
  { inner = 1 },
]
'quoted.key' = 1
environments.dotted.client_id = "APP-1"

[environments."with space"]
client_id = 'x'
  [ rate_limits . public ]
  burst = 3
`
	pos := locateKeys(src)
	tests := []struct {
		key       toml.Key
		line, col int
	}{
		{toml.Key{"theme"}, 2, 1},
		{toml.Key{"notes"}, 3, 1},
		{toml.Key{"fake"}, 0, 0},
		{toml.Key{"list"}, 6, 1},
		{toml.Key{"inner"}, 0, 0},
		{toml.Key{"quoted.key"}, 10, 1},
		{toml.Key{"environments", "dotted", "client_id"}, 11, 1},
		{toml.Key{"environments", "with space"}, 13, 1},
		{toml.Key{"environments", "with space", "client_id"}, 14, 1},
		{toml.Key{"environments", "with space", "nope"}, 13, 1}, // falls back to the table
		{toml.Key{"rate_limits", "public", "burst"}, 16, 3},
	}
	for _, tt := range tests {
		if got := pos.at(tt.key); got.Line != tt.line || got.Col != tt.col {
			t.Errorf("%s at %d:%d, want %d:%d", tt.key, got.Line, got.Col, tt.line, tt.col)
		}
	}
}
