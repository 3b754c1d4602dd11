package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/config"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// urlsOf are the environment variables pointing at srv.
func urlsOf(srv *orcidtest.Server) map[string]string {
	env := srv.Environment()
	return map[string]string{
		"ORCID_REGISTRY_URL": env.RegistryURL,
		"ORCID_PUB_URL":      env.PublicAPIURL + "/v3.0/", // a pasted API root is accepted
		"ORCID_API_URL":      env.MemberAPIURL,
	}
}

func TestEnvironmentPrecedence(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	env := urlsOf(srv)

	// Variables alone select a custom environment.
	r := runCLI(t, env, "", "search", "--rows", "1", "family-name:carberry")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, orcidtest.CarberryID+"\t") {
		t.Fatalf("custom environment from variables: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}

	// A flag beats its variable: the flag's dead URL is used, and said.
	dead := map[string]string{}
	for k, v := range env {
		dead[k] = v
	}
	r = runCLI(t, dead, "", "--registry-url", "http://127.0.0.1:9", "--pub-url", "http://127.0.0.1:9", "--api-url", "http://127.0.0.1:9", "search", "carberry")
	if r.code != exitError || !strings.Contains(r.stderr, "cannot reach http://127.0.0.1:9: connection refused — check your network or") {
		t.Errorf("flag over variable: exit %d, stderr %q", r.code, r.stderr)
	}
	if n := strings.Count(r.stderr, "\n"); n != 1 {
		t.Errorf("%d lines on stderr, want 1:\n%s", n, r.stderr)
	}

	// --demo (a flag) beats the variables' custom environment, with a warning.
	r = runCLI(t, env, "", "--demo", "config", "show")
	if r.code != exitOK || !strings.Contains(r.stdout, "environment          demo ") {
		t.Errorf("--demo over variables: exit %d, stdout:\n%s\nstderr %q", r.code, r.stdout, r.stderr)
	}

	// ORCID_ENV is read; an unknown name is an error naming the variable.
	r = runCLI(t, map[string]string{"ORCID_ENV": "nowhere"}, "", "search", "x")
	if r.code != exitError || !strings.Contains(r.stderr, "environment variable ORCID_ENV: unknown environment \"nowhere\"") {
		t.Errorf("bad ORCID_ENV: exit %d, stderr %q", r.code, r.stderr)
	}
	// The same mistake in a flag is bad usage.
	r = runCLI(t, nil, "", "--env", "nowhere", "search", "x")
	if r.code != exitUsage || !strings.Contains(r.stderr, "flag --env: unknown environment \"nowhere\"") {
		t.Errorf("bad --env: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestConfigShowMasksSecret(t *testing.T) {
	const secret = "0b8d5c7e-0000-4c2b-9d6e-supersecret"
	r := runCLI(t, map[string]string{"ORCID_CLIENT_ID": "APP-674MCQQR985VZZQ2", "ORCID_CLIENT_SECRET": secret},
		"", "--env", "sandbox", "config", "show")
	if r.code != exitOK {
		t.Fatalf("exit %d; stderr %q", r.code, r.stderr)
	}
	if strings.Contains(r.stdout, secret) || strings.Contains(r.stdout, "supersecret") {
		t.Errorf("config show prints the secret:\n%s", r.stdout)
	}
	for _, w := range []string{"environment          sandbox", "APP-674MCQQR985VZZQ2", "0b8d••••", "ORCID_CLIENT_SECRET"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("config show lacks %q:\n%s", w, r.stdout)
		}
	}
}

// runWithConfig runs the program with a config directory holding file.
func runWithConfig(t *testing.T, file string, env map[string]string, args ...string) (result, string) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "orcid-tui", "config.toml")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	c := newCLI(strings.NewReader(""), &out, &errOut, func(k string) string { return env[k] })
	c.isTerminal = func() bool { return false }
	c.configDir = dir
	c.openStore = func(*config.Config) (auth.Store, string, error) { return auth.NewMemoryStore(), "", nil }
	code := c.run(context.Background(), args)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}, path
}

func TestConfigFile(t *testing.T) {
	t.Run("path", func(t *testing.T) {
		r, path := runWithConfig(t, "", nil, "config", "path")
		if r.code != exitOK || r.stdout != path+"\n" {
			t.Errorf("exit %d, stdout %q, want %q", r.code, r.stdout, path)
		}
		r = runCLI(t, map[string]string{"ORCID_TUI_CONFIG": "/elsewhere/c.toml"}, "", "config", "path")
		if r.stdout != "/elsewhere/c.toml\n" {
			t.Errorf("ORCID_TUI_CONFIG: %q", r.stdout)
		}
		r = runCLI(t, map[string]string{"ORCID_TUI_CONFIG": "/elsewhere/c.toml"}, "", "--config", "/mine.toml", "config", "path")
		if r.stdout != "/mine.toml\n" {
			t.Errorf("--config over ORCID_TUI_CONFIG: %q", r.stdout)
		}
	})
	t.Run("file below variables below flags", func(t *testing.T) {
		file := "default_environment = \"sandbox\"\n\n[environments.sandbox]\nclient_id = \"APP-FILE000000000001\"\n"
		r, _ := runWithConfig(t, file, nil, "config", "show")
		if !strings.Contains(r.stdout, "environment          sandbox") || !strings.Contains(r.stdout, "APP-FILE000000000001") {
			t.Errorf("file not used:\n%s", r.stdout)
		}
		r, _ = runWithConfig(t, file, map[string]string{"ORCID_ENV": "production", "ORCID_CLIENT_ID": "APP-VARS000000000002"}, "config", "show")
		if !strings.Contains(r.stdout, "environment          production") || !strings.Contains(r.stdout, "APP-VARS000000000002") {
			t.Errorf("variables do not beat the file:\n%s", r.stdout)
		}
		r, _ = runWithConfig(t, file, map[string]string{"ORCID_ENV": "production"}, "--env", "local", "config", "show")
		if !strings.Contains(r.stdout, "environment          local") {
			t.Errorf("flag does not beat the variable:\n%s", r.stdout)
		}
	})
	t.Run("invalid file names file, line and key", func(t *testing.T) {
		r, path := runWithConfig(t, "theme = \"dark\"\nthem = \"light\"\n", nil, "search", "x")
		if r.code != exitError {
			t.Fatalf("exit %d, want 1; stderr %q", r.code, r.stderr)
		}
		if !strings.Contains(r.stderr, path+":2") || !strings.Contains(r.stderr, "them") {
			t.Errorf("stderr %q does not name %s line 2 key them", r.stderr, path)
		}
	})
}

func TestInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	c := newCLI(strings.NewReader(""), &out, &errOut, func(string) string { return "" })
	c.configDir = t.TempDir()
	code := c.run(ctx, []string{"--demo", "show", orcidtest.CarberryID})
	if code != exitError || errOut.String() != "orcid-tui: interrupted\n" {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}
