package cli

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/orcid-tui/orcid-tui/config"
)

// TestConfigSaversCitation: the TUI's citation saver writes
// citation_format to the config file, which the next start reads, and runs
// safely beside the credential saver (go test -race).
func TestConfigSaversCitation(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "orcid-tui", "config.toml")
	os.MkdirAll(filepath.Dir(path), 0o700)
	os.WriteFile(path, []byte("theme = \"light\"\n"), 0o600)
	load := func() *config.Config {
		cfg, err := config.Load(config.LoadOptions{ConfigDir: dir, Getenv: func(string) string { return "" }})
		if err != nil {
			t.Fatal(err)
		}
		return cfg
	}
	cfg := load()
	c := newCLI(nil, nil, nil, nil)
	c.secrets = newFakeKeyring()
	creds, citation := c.configSavers(cfg)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); citation("csl-json") }()
	go func() { defer wg.Done(); creds("sandbox", sandboxID, "") }()
	wg.Wait()
	if err := citation("nope"); err == nil {
		t.Error("an unknown format was saved")
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), `citation_format = "csl-json"`) {
		t.Errorf("config file:\n%s", data)
	}
	again := load()
	if again.CitationFormat.Value != "csl-json" || again.Theme.Value != "light" {
		t.Errorf("read back: citation %q theme %q", again.CitationFormat.Value, again.Theme.Value)
	}
	if e, _ := again.Lookup("sandbox"); e.ClientID.Value != sandboxID {
		t.Errorf("the credential saved beside it is lost: %q", e.ClientID.Value)
	}
}
