package config

import (
	"strings"
	"testing"
)

func TestMask(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"short", "••••"},
		{"elevenchars", "••••"},
		{"0d5d4e2f-6b1c-4a1e-9f3e-1234567890ab", "0d5d••••"},
		{"ünïcødé-secret-value", "ünïc••••"},
	}
	for _, tt := range tests {
		if got := Mask(tt.in); got != tt.want {
			t.Errorf("Mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestShow(t *testing.T) {
	const fileSecret = "aaaa1111-file-secret-zzzz"
	const envSecret = "bbbb2222-env-secret-yyyy"
	dir, path := writeConfig(t, "theme = \"light\"\n[environments.sandbox]\nclient_id = \"APP-674MCQQR985VZZQ2\"\nclient_secret = \""+fileSecret+"\"\n", 0o600)
	c, err := Load(LoadOptions{ConfigDir: dir, Getenv: getenv(map[string]string{EnvEnv: "production", EnvClientSecret: envSecret})})
	if err != nil {
		t.Fatal(err)
	}
	out := c.Show()
	for _, secret := range []string{fileSecret, envSecret, "file-secret", "env-secret"} {
		if strings.Contains(out, secret) {
			t.Errorf("Show reveals %q:\n%s", secret, out)
		}
	}
	for _, part := range []string{
		"config file          " + path,
		"environment          production",
		"env (ORCID_ENV)",
		"file (line 1)",
		"[environments.production]  (selected)",
		"bbbb••••",
		"aaaa••••",
		"APP-674MCQQR985VZZQ2", // client ids are shown whole
		"file (line 3)",
		"[environments.demo]",
		"(set when the demo registry starts)",
		"rate_limits.public",
		"12 req/s",
		"keyring is safer",
	} {
		if !strings.Contains(out, part) {
			t.Errorf("Show lacks %q:\n%s", part, out)
		}
	}
}
