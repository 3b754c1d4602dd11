package config

import (
	"os"
	"strings"
	"testing"
)

// TestCitationFormatSavedAndReadBack: the TUI's choice is saved in the
// file, other settings stay, and the next Load reads it back.
func TestCitationFormatSavedAndReadBack(t *testing.T) {
	dir, path := writeConfig(t, "theme = \"dark\"\n\n[environments.sandbox]\nclient_id = \"APP-674MCQQR985VZZQ2\"\n", 0o600)
	c, err := Load(LoadOptions{ConfigDir: dir, Getenv: getenv(nil)})
	if err != nil {
		t.Fatal(err)
	}
	if c.CitationFormat.Value != "" || c.CitationFormat.IsSet() {
		t.Fatalf("citation format %+v before any choice, want unset", c.CitationFormat)
	}
	for _, bad := range []string{"", "BibTeX ", "latex"} {
		if err := c.SetCitationFormat(bad); err == nil {
			t.Errorf("SetCitationFormat(%q) accepted", bad)
		}
	}
	if err := c.SetCitationFormat("ris"); err != nil {
		t.Fatal(err)
	}
	want(t, c.CitationFormat, "ris", SourceFile)
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), `citation_format = "ris"`) {
		t.Errorf("file lacks the choice:\n%s", data)
	}
	c2, err := Load(LoadOptions{ConfigDir: dir, Getenv: getenv(nil)})
	if err != nil {
		t.Fatal(err)
	}
	want(t, c2.CitationFormat, "ris", SourceFile)
	if c2.Theme.Value != "dark" {
		t.Errorf("theme lost: %q", c2.Theme.Value)
	}
	if sb, _ := c2.Lookup("sandbox"); sb.ClientID.Value != "APP-674MCQQR985VZZQ2" {
		t.Errorf("client id lost: %q", sb.ClientID.Value)
	}
}

// TestCitationFormatChecked: a hand-edited wrong value is refused with the
// allowed ones named.
func TestCitationFormatChecked(t *testing.T) {
	dir, _ := writeConfig(t, "citation_format = \"latex\"\n", 0o600)
	_, err := Load(LoadOptions{ConfigDir: dir, Getenv: getenv(nil)})
	if err == nil || !strings.Contains(err.Error(), "citation_format") || !strings.Contains(err.Error(), "csl-json") {
		t.Errorf("bad citation_format: %v", err)
	}
}
