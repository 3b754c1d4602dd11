package config

import (
	"strings"
	"testing"
)

func TestWantsKeyringSecret(t *testing.T) {
	const id = "APP-674MCQQR985VZZQ2"
	tests := []struct {
		name  string
		file  string
		env   map[string]string
		flags Flags
		want  bool
	}{
		{"client id, no secret", `client_id = "` + id + `"`, nil, Flags{}, true},
		{"no client id", ``, nil, Flags{}, false},
		{"client id by variable", ``, map[string]string{EnvClientID: id}, Flags{}, true},
		{"secret in the file", `client_id = "` + id + `"` + "\nclient_secret = \"file-secret-0000\"", nil, Flags{}, false},
		{"secret by variable", `client_id = "` + id + `"`, map[string]string{EnvClientSecret: "env-secret-0000"}, Flags{}, false},
		{"secret by flag", `client_id = "` + id + `"`, nil, Flags{ClientSecret: set("flag-secret-0000")}, false},
		{"empty --client-secret= hides the keyring", `client_id = "` + id + `"`, nil, Flags{ClientSecret: set("")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := "default_environment = \"sandbox\"\n[environments.sandbox]\n" + tt.file + "\n"
			dir, _ := writeConfig(t, body, 0o600)
			c, err := Load(LoadOptions{ConfigDir: dir, Flags: tt.flags, Getenv: getenv(tt.env)})
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Selected().WantsKeyringSecret(); got != tt.want {
				t.Errorf("WantsKeyringSecret = %v, want %v (secret from %s)", got, tt.want, c.Selected().ClientSecret.Source)
			}
		})
	}
	c, err := Load(LoadOptions{ConfigDir: t.TempDir(), Flags: Flags{ClientID: set(id)}, Getenv: getenv(nil)})
	if err != nil {
		t.Fatal(err)
	}
	if e, _ := c.Lookup(Demo); e.WantsKeyringSecret() {
		t.Error("demo wants a keyring secret: it registers its own client each run")
	}
}

func TestSetClientSecretFromKeyring(t *testing.T) {
	const secret = "cccc3333-keyring-secret-xxxx"
	dir, _ := writeConfig(t, "default_environment = \"sandbox\"\n[environments.sandbox]\nclient_id = \"APP-674MCQQR985VZZQ2\"\n", 0o600)
	c, err := Load(LoadOptions{ConfigDir: dir, Getenv: getenv(nil)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Show(), "(none: keyring or ORCID_CLIENT_SECRET)") {
		t.Errorf("before: %s", c.Show())
	}
	if err := c.SetClientSecret("sandbox", secret, SourceKeyring, KeyringOrigin); err != nil {
		t.Fatal(err)
	}
	e := c.Selected()
	if e.ClientSecret.Value != secret || e.ClientSecret.Source != SourceKeyring || e.WantsKeyringSecret() {
		t.Errorf("ClientSecret = %+v", e.ClientSecret)
	}
	out := c.Show()
	if strings.Contains(out, "keyring-secret") {
		t.Errorf("Show reveals the secret:\n%s", out)
	}
	var line string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "client_secret") && strings.Contains(l, "cccc") {
			line = l
		}
	}
	if !strings.Contains(line, "cccc••••") || !strings.HasSuffix(strings.TrimSpace(line), "keyring") || strings.Contains(line, "keyring (") {
		t.Errorf("secret line %q, want the masked secret and 'keyring'", line)
	}
	if err := c.SetClientSecret("nowhere", secret, SourceKeyring, KeyringOrigin); err == nil {
		t.Error("SetClientSecret for an unknown environment succeeded")
	}
	if err := c.SetClientSecret("sandbox", "", SourceKeyring, KeyringOrigin); err != nil || e.ClientSecret.IsSet() {
		t.Errorf("clearing: %v, %+v", err, e.ClientSecret)
	}
}
