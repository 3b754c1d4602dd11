package cli

import (
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// A search against a server named by --registry-url does not send the
// client credentials of ORCID_CLIENT_ID / ORCID_CLIENT_SECRET (usually
// another server's) to it; credentials given by flags for it are used.
func TestCustomURLGetsOnlyFlagCredentials(t *testing.T) {
	srv := orcidtest.NewServer()
	t.Cleanup(srv.Close)
	env := srv.Environment()
	urls := []string{"--registry-url", env.RegistryURL, "--pub-url", env.PublicAPIURL, "--api-url", env.MemberAPIURL}
	vars := map[string]string{"ORCID_CLIENT_ID": orcidtest.DemoClientID, "ORCID_CLIENT_SECRET": orcidtest.DemoClientSecret}
	tests := []struct {
		name       string
		env        map[string]string
		args       []string
		tokenCalls int
		warn       bool
	}{
		{"variables", vars, urls, 0, true},
		{"flags", nil, append(append([]string(nil), urls...), "--client-id", orcidtest.DemoClientID, "--client-secret", orcidtest.DemoClientSecret), 1, false},
		{"URL variables and client variables", map[string]string{"ORCID_REGISTRY_URL": env.RegistryURL, "ORCID_PUB_URL": env.PublicAPIURL, "ORCID_API_URL": env.MemberAPIURL,
			"ORCID_CLIENT_ID": orcidtest.DemoClientID, "ORCID_CLIENT_SECRET": orcidtest.DemoClientSecret}, nil, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetRequests()
			r := runCLI(t, tt.env, "", append(tt.args, "search", "carberry")...)
			if r.code != exitOK {
				t.Fatalf("exit %d:\n%s", r.code, r.stderr)
			}
			if got := srv.CountPath("/oauth/token"); got != tt.tokenCalls {
				t.Errorf("%d token requests, want %d", got, tt.tokenCalls)
			}
			if warned := strings.Contains(r.stderr, "ORCID_CLIENT_ID and ORCID_CLIENT_SECRET not used for"); warned != tt.warn {
				t.Errorf("warned %v, want %v:\n%s", warned, tt.warn, r.stderr)
			}
		})
	}
}

// Plain http to another computer is refused before anything is sent.
func TestPlainHTTPRegistryRefused(t *testing.T) {
	r := runCLI(t, map[string]string{"ORCID_CLIENT_ID": "APP-PROD", "ORCID_CLIENT_SECRET": "PRODSECRET"}, "", "--registry-url", "http://orcid.example.org", "search", "x")
	if r.code != exitUsage || !strings.Contains(r.stderr, "clear text") || strings.Contains(r.stderr, "PRODSECRET") {
		t.Errorf("exit %d:\n%s", r.code, r.stderr)
	}
}

// login at a server named by flags, with only the variables set, says the
// variables are not sent there.
func TestCustomURLLoginNeedsFlagCredentials(t *testing.T) {
	srv := orcidtest.NewServer()
	t.Cleanup(srv.Close)
	env := srv.Environment()
	r := runCLI(t, map[string]string{"ORCID_CLIENT_ID": orcidtest.DemoClientID, "ORCID_CLIENT_SECRET": orcidtest.DemoClientSecret}, "",
		"--registry-url", env.RegistryURL, "--pub-url", env.PublicAPIURL, "--api-url", env.MemberAPIURL, "login", "--no-browser")
	if r.code != exitError || !strings.Contains(r.stderr, "are not sent to a server named by flags") || srv.CountPath("/oauth") != 0 {
		t.Errorf("exit %d, %d OAuth requests:\n%s", r.code, srv.CountPath("/oauth"), r.stderr)
	}
}
