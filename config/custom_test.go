package config

import (
	"strings"
	"testing"
)

// Plain http carries the client secret and tokens in clear text: only this
// computer's addresses may use it.
func TestPlainHTTPOnlyForLoopback(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:18444", true},
		{"http://127.9.8.7", true},
		{"http://[::1]:8080", true},
		{"http://localhost:8080", true},
		{"http://LOCALHOST", true},
		{"https://orcid.example.org", true},
		{"http://orcid.example.org", false},
		{"http://10.0.0.5:8080", false},
		{"http://localhost.example.org", false},
		{"http://[::ffff:10.0.0.5]", false},
	}
	for _, tt := range tests {
		for _, via := range []string{"flag", "env", "file"} {
			t.Run(via+"/"+tt.url, func(t *testing.T) {
				body := ""
				var env map[string]string
				var fl Flags
				switch via {
				case "flag":
					fl.RegistryURL = set(tt.url)
				case "env":
					env = map[string]string{EnvRegistryURL: tt.url}
				case "file":
					body = "[environments.mine]\nregistry_url = \"" + tt.url + "\"\npub_url = \"" + tt.url + "\"\napi_url = \"" + tt.url + "\"\n"
					fl.Env = set("mine")
				}
				dir, _ := writeConfig(t, body, 0o600)
				_, err := Load(LoadOptions{ConfigDir: dir, Getenv: getenv(env), Flags: fl})
				if tt.ok && err != nil {
					t.Fatalf("refused: %v", err)
				}
				if !tt.ok && (err == nil || !strings.Contains(err.Error(), "clear text") || !strings.Contains(err.Error(), "use https://")) {
					t.Fatalf("error %v: want a refusal saying why", err)
				}
			})
		}
	}
}

// The client credentials of ORCID_CLIENT_ID / ORCID_CLIENT_SECRET are not
// handed to a server named by --registry-url (a one-off URL): only flags
// give credentials to a custom environment whose URLs came from flags.
func TestCustomEnvironmentCredentials(t *testing.T) {
	const url = "http://127.0.0.1:18444"
	creds := map[string]string{EnvClientID: "APP-PROD000000000001", EnvClientSecret: "PRODSECRET-0000"}
	tests := []struct {
		name            string
		env             map[string]string
		flags           Flags
		wantID, wantSec string
		warn            bool
	}{
		{"URL flag, variables", creds, Flags{RegistryURL: set(url)}, "", "", true},
		{"URL flag, credential flags", creds, Flags{RegistryURL: set(url), ClientID: set("APP-LOCAL00000000001"), ClientSecret: set("local-secret")},
			"APP-LOCAL00000000001", "local-secret", false},
		{"URL flag, id flag, secret variable", creds, Flags{RegistryURL: set(url), ClientID: set("APP-LOCAL00000000001")}, "APP-LOCAL00000000001", "", true},
		{"URL variable, variables", map[string]string{EnvRegistryURL: url, EnvClientID: "APP-LOCAL00000000001", EnvClientSecret: "local-secret"}, Flags{},
			"APP-LOCAL00000000001", "local-secret", false},
		{"named environment, variables", creds, Flags{Env: set("sandbox")}, "APP-PROD000000000001", "PRODSECRET-0000", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, _ := writeConfig(t, "", 0o600)
			c, err := Load(LoadOptions{ConfigDir: dir, Getenv: getenv(tt.env), Flags: tt.flags})
			if err != nil {
				t.Fatal(err)
			}
			sel := c.Selected()
			if sel.ClientID.Value != tt.wantID || sel.ClientSecret.Value != tt.wantSec {
				t.Errorf("client %q secret %q; want %q %q", sel.ClientID.Value, sel.ClientSecret.Value, tt.wantID, tt.wantSec)
			}
			warned := strings.Contains(strings.Join(c.Warnings, "\n"), "not used for "+url)
			if warned != tt.warn {
				t.Errorf("warned %v, want %v: %q", warned, tt.warn, c.Warnings)
			}
			for _, w := range c.Warnings {
				if strings.Contains(w, "PRODSECRET") {
					t.Errorf("a warning shows the secret: %q", w)
				}
			}
		})
	}
}
