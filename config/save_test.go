package config

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Save's file is written by atomicfile.Write (tested there); this checks
// what Save promises on top: a 0600 file in a 0700 directory that loads
// back with every value.
func TestSaveRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cfg", "orcid-tui")
	path := filepath.Join(dir, "config.toml")
	f := &File{
		DefaultEnvironment: "local",
		Theme:              "light",
		RateLimits:         &RateLimitsFile{Public: &LimitFile{PerSecond: 6, Burst: 12}},
		Environments: map[string]*EnvironmentFile{
			"local":   {RegistryURL: "http://127.0.0.1:8080"},
			"sandbox": {ClientID: "APP-674MCQQR985VZZQ2", RedirectURI: "http://127.0.0.1:8765/callback", Scopes: []string{"openid"}},
		},
	}
	for i := 0; i < 2; i++ { // create, then replace
		if err := Save(path, f); err != nil {
			t.Fatalf("Save: %v", err)
		}
	}
	if runtime.GOOS != "windows" {
		st, err := os.Stat(path)
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("file mode = %v, %v; want 0600", st.Mode().Perm(), err)
		}
		dst, _ := os.Stat(dir)
		if dst.Mode().Perm() != 0o700 {
			t.Errorf("dir mode = %v, want 0700", dst.Mode().Perm())
		}
	}
	back, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if back.DefaultEnvironment != "local" || back.Theme != "light" || back.RateLimits.Public.Burst != 12 ||
		back.Environments["sandbox"].ClientID != "APP-674MCQQR985VZZQ2" || back.Environments["local"].RegistryURL != "http://127.0.0.1:8080" {
		t.Errorf("round trip lost values: %+v", back)
	}
	c, err := Load(LoadOptions{Path: path, Getenv: getenv(nil)})
	if err != nil {
		t.Fatalf("Load of saved file: %v", err)
	}
	if c.Environment.Value != "local" || c.Selected().RegistryURL != "http://127.0.0.1:8080" {
		t.Errorf("loaded %q %+v", c.Environment.Value, c.Selected().Environment)
	}
}

func TestSaveRefusesInvalid(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	f := &File{Environments: map[string]*EnvironmentFile{"sandbox": {RedirectURI: "http://localhost:1/cb"}}}
	err := Save(path, f)
	if err == nil || !strings.Contains(err.Error(), "key environments.sandbox.redirect_uri") {
		t.Fatalf("Save = %v, want a redirect_uri error", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("invalid File was written")
	}
}

func TestSaveFollowsSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "dotfiles.toml")
	if err := os.WriteFile(target, []byte("theme = \"dark\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "config.toml")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := Save(link, &File{Theme: "light"}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("symlink replaced by a file")
	}
	if f, err := ReadFile(target); err != nil || f.Theme != "light" {
		t.Errorf("target = %+v, %v", f, err)
	}
}

func TestSetClientIDAndRedirect(t *testing.T) {
	dir, path := writeConfig(t, "theme = \"dark\"\n\n[environments.sandbox]\nscopes = [\"/authenticate\"]\n", 0o644)
	c, err := Load(LoadOptions{ConfigDir: dir, Getenv: getenv(nil)})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SetClientID("sandbox", "APP-674MCQQR985VZZQ2"); err != nil {
		t.Fatal(err)
	}
	if err := c.SetRedirectURI("sandbox", "http://localhost:8765/callback"); err == nil || !strings.Contains(err.Error(), "use 127.0.0.1") {
		t.Errorf("localhost redirect accepted: %v", err)
	}
	if err := c.SetRedirectURI("sandbox", "http://127.0.0.1:9000/cb"); err != nil {
		t.Fatal(err)
	}
	for _, env := range []string{Custom, Demo, "nope"} {
		if err := c.SetClientID(env, "APP-X"); err == nil {
			t.Errorf("SetClientID(%q) succeeded", env)
		}
	}
	sb, _ := c.Lookup("sandbox")
	want(t, sb.ClientID, "APP-674MCQQR985VZZQ2", SourceFile)
	want(t, sb.RedirectURI, "http://127.0.0.1:9000/cb", SourceFile)

	c2, err := Load(LoadOptions{ConfigDir: dir, Getenv: getenv(map[string]string{EnvEnv: "sandbox"})})
	if err != nil {
		t.Fatal(err)
	}
	s := c2.Selected()
	want(t, s.ClientID, "APP-674MCQQR985VZZQ2", SourceFile)
	want(t, s.RedirectURI, "http://127.0.0.1:9000/cb", SourceFile)
	if c2.Theme.Value != "dark" || strings.Join(s.Scopes.Value, " ") != "/authenticate" {
		t.Errorf("other settings lost: theme %q scopes %q", c2.Theme.Value, s.Scopes.Value)
	}
	if st, _ := os.Stat(path); runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("rewritten file mode %v, want 0600", st.Mode().Perm())
	}

	// A secret saved on request lands in a 0600 file that loads again.
	if err := c2.SetClientSecretInFile("sandbox", "5f1c-secret-value-0000"); err != nil {
		t.Fatal(err)
	}
	c3, err := Load(LoadOptions{ConfigDir: dir, Getenv: getenv(map[string]string{EnvEnv: "sandbox"})})
	if err != nil {
		t.Fatal(err)
	}
	want(t, c3.Selected().ClientSecret, "5f1c-secret-value-0000", SourceFile)
}
