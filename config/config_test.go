package config

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/orcid-tui/orcid-tui/orcid"
)

// writeConfig writes body as the config file under a fresh config dir and
// returns the dir and the file path.
func writeConfig(t *testing.T, body string, mode os.FileMode) (string, string) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "orcid-tui", "config.toml")
	if body != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, mode); err != nil { // umask
			t.Fatal(err)
		}
	}
	return dir, path
}

func getenv(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func set(v string) Flag { return Flag{Value: v, Set: true} }

const fullFile = `default_environment = "sandbox"
theme = "dark"
token_storage = "file"

[rate_limits.public]
per_second = 5
burst = 10

[rate_limits.member]
per_second = 20.5

[environments.sandbox]
client_id = "APP-FILESANDBOX0001"
redirect_uri = "https://example.org/cb"
scopes = ["openid", "/read-limited"]

[environments.mine]
registry_url = "https://orcid.example.org/"
pub_url = "https://pub.orcid.example.org/v3.0"
api_url = "https://api.orcid.example.org"
client_id = "APP-MINE"

[environments.one]
pub_url = "http://127.0.0.1:9000"
`

func TestPrecedence(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		env   map[string]string
		flags Flags
		check func(t *testing.T, c *Config)
	}{
		{"defaults", "", nil, Flags{}, func(t *testing.T, c *Config) {
			want(t, c.Environment, Production, SourceDefault)
			want(t, c.Theme, "auto", SourceDefault)
			want(t, c.TokenStorage, "auto", SourceDefault)
			wantF(t, c.PublicLimit.PerSecond, 12, SourceDefault)
			wantI(t, c.PublicLimit.Burst, 40, SourceDefault)
			wantF(t, c.MemberLimit.PerSecond, 24, SourceDefault)
			s := c.Selected()
			want(t, s.ClientID, "", SourceDefault)
			want(t, s.RedirectURI, DefaultRedirectURI, SourceDefault)
			if s.Environment != orcid.Production {
				t.Errorf("selected = %+v", s.Environment)
			}
			if got := strings.Join(c.Names(), ","); got != "production,sandbox,local,demo" {
				t.Errorf("names = %s", got)
			}
		}},
		{"file", fullFile, nil, Flags{}, func(t *testing.T, c *Config) {
			want(t, c.Environment, Sandbox, SourceFile)
			want(t, c.Theme, "dark", SourceFile)
			want(t, c.TokenStorage, "file", SourceFile)
			wantF(t, c.PublicLimit.PerSecond, 5, SourceFile)
			wantI(t, c.PublicLimit.Burst, 10, SourceFile)
			wantF(t, c.MemberLimit.PerSecond, 20.5, SourceFile)
			wantI(t, c.MemberLimit.Burst, 40, SourceDefault)
			s := c.Selected()
			want(t, s.ClientID, "APP-FILESANDBOX0001", SourceFile)
			want(t, s.RedirectURI, "https://example.org/cb", SourceFile)
			if got := strings.Join(s.Scopes.Value, " "); got != "openid /read-limited" || s.Scopes.Source != SourceFile {
				t.Errorf("scopes = %q from %s", got, s.Scopes.Source)
			}
			if !strings.HasSuffix(s.ClientID.Origin, "config.toml:13") {
				t.Errorf("client id origin = %q, want ...config.toml:13", s.ClientID.Origin)
			}
			if got := strings.Join(c.Names(), ","); got != "production,sandbox,local,mine,one,demo" {
				t.Errorf("names = %s", got)
			}
			mine, _ := c.Lookup("mine")
			if mine.RegistryURL != "https://orcid.example.org" || mine.PublicAPIURL != "https://pub.orcid.example.org" || mine.MemberAPIURL != "https://api.orcid.example.org" {
				t.Errorf("mine URLs not cleaned: %+v", mine.Environment)
			}
			one, _ := c.Lookup("one")
			if one.RegistryURL != "http://127.0.0.1:9000" || one.MemberAPIURL != one.RegistryURL || one.PublicAPIURL != one.RegistryURL {
				t.Errorf("one URL should serve all three: %+v", one.Environment)
			}
		}},
		{"env over file", fullFile, map[string]string{
			EnvEnv: "mine", EnvClientID: "APP-ENV", EnvClientSecret: "env-secret-0123456789", EnvRedirectURI: "http://127.0.0.1:9999/cb",
		}, Flags{}, func(t *testing.T, c *Config) {
			want(t, c.Environment, "mine", SourceEnv)
			s := c.Selected()
			want(t, s.ClientID, "APP-ENV", SourceEnv)
			want(t, s.ClientSecret, "env-secret-0123456789", SourceEnv)
			want(t, s.RedirectURI, "http://127.0.0.1:9999/cb", SourceEnv)
			// Variables apply to the selected environment only.
			sb, _ := c.Lookup(Sandbox)
			want(t, sb.ClientID, "APP-FILESANDBOX0001", SourceFile)
		}},
		{"flags over env", fullFile, map[string]string{
			EnvEnv: "mine", EnvClientID: "APP-ENV", EnvClientSecret: "env-secret", EnvRedirectURI: "http://127.0.0.1:9999/cb",
		}, Flags{Env: set("sandbox"), ClientID: set("APP-FLAG"), ClientSecret: set("flag-secret"), RedirectURI: set("http://127.0.0.1:7000/x"), Scopes: set("openid,/activities/update")},
			func(t *testing.T, c *Config) {
				want(t, c.Environment, Sandbox, SourceFlag)
				s := c.Selected()
				want(t, s.ClientID, "APP-FLAG", SourceFlag)
				want(t, s.ClientSecret, "flag-secret", SourceFlag)
				want(t, s.RedirectURI, "http://127.0.0.1:7000/x", SourceFlag)
				if got := strings.Join(s.Scopes.Value, " "); got != "openid /activities/update" || s.Scopes.Source != SourceFlag {
					t.Errorf("scopes = %q from %s", got, s.Scopes.Source)
				}
			}},
		{"empty flag wins", fullFile, map[string]string{EnvClientID: "APP-ENV"}, Flags{ClientID: set("")}, func(t *testing.T, c *Config) {
			want(t, c.Selected().ClientID, "", SourceFlag)
		}},
		{"demo flag", "", map[string]string{EnvEnv: "sandbox"}, Flags{Demo: true}, func(t *testing.T, c *Config) {
			want(t, c.Environment, Demo, SourceFlag)
			if !c.Selected().AnyLoopbackPort {
				t.Error("demo should allow any loopback port")
			}
		}},
		{"env URLs select custom", "", map[string]string{EnvRegistryURL: "http://127.0.0.1:1", EnvPubURL: "http://127.0.0.1:2/v3.0/", EnvAPIURL: "http://127.0.0.1:3"}, Flags{},
			func(t *testing.T, c *Config) {
				want(t, c.Environment, Custom, SourceEnv)
				s := c.Selected()
				if s.RegistryURL != "http://127.0.0.1:1" || s.PublicAPIURL != "http://127.0.0.1:2" || s.MemberAPIURL != "http://127.0.0.1:3" {
					t.Errorf("custom = %+v", s.Environment)
				}
			}},
		{"flag URL over env URL", "", map[string]string{EnvPubURL: "http://127.0.0.1:2"}, Flags{PubURL: set("http://127.0.0.1:5")},
			func(t *testing.T, c *Config) {
				want(t, c.Environment, Custom, SourceFlag)
				if s := c.Selected(); s.PublicAPIURL != "http://127.0.0.1:5" || s.RegistryURL != "http://127.0.0.1:5" {
					t.Errorf("custom = %+v", s.Environment)
				}
			}},
		{"env flag beats env URLs", "", map[string]string{EnvPubURL: "http://127.0.0.1:2"}, Flags{Env: set("sandbox")},
			func(t *testing.T, c *Config) {
				want(t, c.Environment, Sandbox, SourceFlag)
				if len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], "ignored") {
					t.Errorf("warnings = %q", c.Warnings)
				}
			}},
		{"names ignore case", "", map[string]string{EnvEnv: "Sandbox"}, Flags{}, func(t *testing.T, c *Config) {
			want(t, c.Environment, Sandbox, SourceEnv)
		}},
		{"local built in", "", map[string]string{EnvEnv: "local"}, Flags{}, func(t *testing.T, c *Config) {
			if s := c.Selected(); s.Environment != LocalDefault {
				t.Errorf("local = %+v", s.Environment)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, _ := writeConfig(t, tt.file, 0o600)
			c, err := Load(LoadOptions{ConfigDir: dir, Getenv: getenv(tt.env), Flags: tt.flags})
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			tt.check(t, c)
		})
	}
}

func want(t *testing.T, s Setting[string], v string, src Source) {
	t.Helper()
	if s.Value != v || s.Source != src {
		t.Errorf("got %q from %s (%s), want %q from %s", s.Value, s.Source, s.Origin, v, src)
	}
}

func wantF(t *testing.T, s Setting[float64], v float64, src Source) {
	t.Helper()
	if s.Value != v || s.Source != src {
		t.Errorf("got %v from %s, want %v from %s", s.Value, s.Source, v, src)
	}
}

func wantI(t *testing.T, s Setting[int], v int, src Source) {
	t.Helper()
	if s.Value != v || s.Source != src {
		t.Errorf("got %v from %s, want %v from %s", s.Value, s.Source, v, src)
	}
}

func TestFileErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		kind ErrorKind
		line int
		key  string
		msg  string // part of the message
	}{
		{"syntax", "theme = \"dark\"\nbroken = = 1\n", ErrSyntax, 2, "", "not valid TOML"},
		{"unknown top key", "theme = \"dark\"\nthem = \"light\"\n", ErrUnknownKey, 2, "them", `unknown key "them"`},
		{"unknown env key", "[environments.sandbox]\nclient_id = \"APP-1\"\nclientsecret = \"x\"\n", ErrUnknownKey, 3, "environments.sandbox.clientsecret", "known here: registry_url"},
		{"unknown limit key", "[rate_limits.public]\nrate = 3\n", ErrUnknownKey, 2, "rate_limits.public.rate", "per_second, burst"},
		{"wrong type", "\n\ntheme = 3\n", ErrType, 3, "theme", "want a string, got an integer"},
		{"wrong type burst", "[rate_limits.member]\nburst = 2.5\n", ErrType, 2, "rate_limits.member.burst", "whole number"},
		{"wrong type table", "environments = 3\n", ErrType, 1, "environments", "want a table"},
		{"bad theme", "theme = \"pink\"\n", ErrValue, 1, "theme", "auto, dark, light"},
		{"bad storage", "token_storage = \"disk\"\n", ErrValue, 1, "token_storage", "auto, keyring, file"},
		{"bad limit", "[rate_limits.public]\nper_second = 0\n", ErrValue, 2, "rate_limits.public.per_second", "more than 0"},
		{"bad burst", "[rate_limits.public]\nburst = -1\n", ErrValue, 2, "rate_limits.public.burst", "between 1 and"},
		{"bad url", "[environments.x]\nregistry_url = \"ftp://a\"\npub_url = \"https://b\"\napi_url = \"https://c\"\n", ErrValue, 2, "environments.x.registry_url", "must start with https://"},
		{"versioned url", "[environments.x]\npub_url = \"https://b/v2.1\"\n", ErrValue, 2, "environments.x.pub_url", "API version v2.1"},
		{"two urls", "\n[environments.x]\npub_url = \"https://b\"\napi_url = \"https://c\"\n", ErrValue, 2, "environments.x", "missing registry_url"},
		{"builtin url", "[environments.production]\npub_url = \"https://evil\"\n", ErrValue, 2, "environments.production.pub_url", "define a new environment"},
		{"unknown default", "default_environment = \"staging\"\n", ErrValue, 1, "default_environment", `unknown environment "staging"`},
		{"custom reserved", "[environments.custom]\npub_url = \"https://b\"\n", ErrValue, 1, "environments.custom", "kept for"},
		{"bad env name", "[environments.\"My Env\"]\npub_url = \"https://b\"\n", ErrValue, 1, `environments."My Env"`, "lower-case"},
		{"localhost", "[environments.sandbox]\nredirect_uri = \"http://localhost:8765/callback\"\n", ErrValue, 2, "environments.sandbox.redirect_uri", "ORCID rejects when redirect URIs are registered; use 127.0.0.1"},
		{"http remote", "[environments.sandbox]\nredirect_uri = \"http://example.org/cb\"\n", ErrValue, 2, "environments.sandbox.redirect_uri", "use https://"},
		{"no port", "[environments.sandbox]\nredirect_uri = \"http://127.0.0.1/cb\"\n", ErrValue, 2, "environments.sandbox.redirect_uri", "fixed port"},
		{"port 0", "[environments.sandbox]\nredirect_uri = \"http://127.0.0.1:0/cb\"\n", ErrValue, 2, "environments.sandbox.redirect_uri", "port 0"},
		{"bad scope", "[environments.sandbox]\nscopes = [\"openid\", \"/read-all\"]\n", ErrValue, 2, "environments.sandbox.scopes", `unknown scope "/read-all"`},
		{"control char", "[environments.sandbox]\nclient_id = \"APP-\\u001b[31m\"\n", ErrValue, 2, "environments.sandbox.client_id", "control character"},
		{"demo credentials", "[environments.demo]\nclient_id = \"APP-1\"\n", ErrValue, 2, "environments.demo.client_id", "registers its own client"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, path := writeConfig(t, tt.file, 0o600)
			c, err := Load(LoadOptions{ConfigDir: dir, Getenv: getenv(nil)})
			if c != nil || err == nil {
				t.Fatalf("Load = %v, %v; want an error and no Config", c, err)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v is not *Error", err, err)
			}
			if e.Kind != tt.kind || e.Line != tt.line || (tt.key != "" && e.Key != tt.key) || e.File != path {
				t.Errorf("got kind %v line %d key %q file %q, want %v %d %q %q", e.Kind, e.Line, e.Key, e.File, tt.kind, tt.line, tt.key, path)
			}
			text := err.Error()
			prefix := path + ":" + strconv.Itoa(tt.line) + ":"
			if !strings.HasPrefix(text, prefix) {
				t.Errorf("message %q does not start with %q", text, prefix)
			}
			if tt.key != "" && !strings.Contains(text, "key "+tt.key+":") {
				t.Errorf("message %q does not name key %s", text, tt.key)
			}
			if !strings.Contains(text, tt.msg) {
				t.Errorf("message %q does not say %q", text, tt.msg)
			}
		})
	}
}

func TestSeveralErrorsReported(t *testing.T) {
	dir, _ := writeConfig(t, "theme = \"pink\"\nthem = 1\n[rate_limits.public]\nburst = 0\n", 0o600)
	_, err := Load(LoadOptions{ConfigDir: dir, Getenv: getenv(nil)})
	var es Errors
	if !errors.As(err, &es) || len(es) != 3 {
		t.Fatalf("want 3 errors, got %v", err)
	}
	for i, line := range []int{1, 2, 4} {
		if es[i].Line != line {
			t.Errorf("error %d at line %d, want %d: %v", i, es[i].Line, line, es[i])
		}
	}
}

func TestFlagAndEnvErrors(t *testing.T) {
	tests := []struct {
		name  string
		env   map[string]string
		flags Flags
		kind  ErrorKind
		want  string
	}{
		{"unknown env", map[string]string{EnvEnv: "staging"}, Flags{}, ErrValue, `environment variable ORCID_ENV: unknown environment "staging": known are production, sandbox, local, demo`},
		{"unknown env flag", nil, Flags{Env: set("prod")}, ErrValue, `flag --env: unknown environment "prod"`},
		{"custom without URLs", map[string]string{EnvEnv: "custom"}, Flags{}, ErrValue, "custom environment needs its URLs"},
		{"two of three", map[string]string{EnvPubURL: "https://a", EnvAPIURL: "https://b"}, Flags{}, ErrValue, "missing --registry-url (or ORCID_REGISTRY_URL)"},
		{"bad env url", map[string]string{EnvAPIURL: "api.example.org"}, Flags{}, ErrValue, "environment variable ORCID_API_URL:"},
		{"bad redirect", map[string]string{EnvRedirectURI: "http://localhost:8765/callback"}, Flags{}, ErrValue, "environment variable ORCID_REDIRECT_URI: \"http://localhost:8765/callback\" uses localhost"},
		{"bad redirect flag", nil, Flags{RedirectURI: set("http://10.0.0.1:80/cb")}, ErrValue, "flag --redirect-uri:"},
		{"bad scope", nil, Flags{Scopes: set("openid /everything")}, ErrValue, `flag --scopes: unknown scope "/everything"`},
		{"demo and env", nil, Flags{Demo: true, Env: set("sandbox")}, ErrConflict, "flag --demo: --demo means --env demo, but --env sandbox"},
		{"env and URL flags", nil, Flags{Env: set("sandbox"), APIURL: set("https://a")}, ErrConflict, "flag --env: --env selects sandbox"},
		{"ORCID_ENV and URLs", map[string]string{EnvEnv: "sandbox", EnvPubURL: "https://a"}, Flags{}, ErrConflict, "ORCID_ENV=sandbox, but ORCID_REGISTRY_URL"},
		{"blank in client id", map[string]string{EnvClientID: "APP 1"}, Flags{}, ErrValue, "environment variable ORCID_CLIENT_ID: must not contain blanks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, _ := writeConfig(t, "", 0o600)
			c, err := Load(LoadOptions{ConfigDir: dir, Getenv: getenv(tt.env), Flags: tt.flags})
			if c != nil || err == nil {
				t.Fatalf("Load = %v, %v; want an error", c, err)
			}
			var e *Error
			if !errors.As(err, &e) || e.Kind != tt.kind {
				t.Fatalf("error %v: want *Error of kind %v", err, tt.kind)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("message %q does not contain %q", err, tt.want)
			}
		})
	}
}

func TestSecretFileMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes do not protect secrets on Windows")
	}
	const body = "[environments.sandbox]\nclient_id = \"APP-674MCQQR985VZZQ2\"\nclient_secret = \"0123abcd-file-secret-9999\"\n"
	tests := []struct {
		mode os.FileMode
		ok   bool
	}{{0o644, false}, {0o640, false}, {0o604, false}, {0o600, true}, {0o400, true}}
	for _, tt := range tests {
		t.Run(tt.mode.String(), func(t *testing.T) {
			dir, path := writeConfig(t, body, tt.mode)
			c, err := Load(LoadOptions{ConfigDir: dir, Getenv: getenv(map[string]string{EnvEnv: "sandbox"})})
			if !tt.ok {
				var e *Error
				if c != nil || !errors.As(err, &e) || e.Kind != ErrInsecure {
					t.Fatalf("Load = %v, %v; want ErrInsecure", c, err)
				}
				msg := err.Error()
				for _, part := range []string{path + ":3:", "key environments.sandbox.client_secret", "client secret refused", "chmod 600 " + path, "ORCID_CLIENT_SECRET"} {
					if !strings.Contains(msg, part) {
						t.Errorf("message %q lacks %q", msg, part)
					}
				}
				if strings.Contains(msg, "file-secret") {
					t.Errorf("message shows the secret: %q", msg)
				}
				return
			}
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			want(t, c.Selected().ClientSecret, "0123abcd-file-secret-9999", SourceFile)
			if len(c.Warnings) == 0 || !strings.Contains(c.Warnings[0], "keyring is safer") {
				t.Errorf("warnings = %q", c.Warnings)
			}
		})
	}
}

func TestExplicitPath(t *testing.T) {
	_, path := writeConfig(t, "theme = \"light\"\n", 0o600)
	for _, opts := range []LoadOptions{
		{Path: path, Getenv: getenv(nil)},
		{Getenv: getenv(map[string]string{EnvConfigPath: path})},
	} {
		c, err := Load(opts)
		if err != nil {
			t.Fatal(err)
		}
		if c.Path != path || !c.FileFound || c.Theme.Value != "light" {
			t.Errorf("path %q found %v theme %q", c.Path, c.FileFound, c.Theme.Value)
		}
	}
	missing := filepath.Join(t.TempDir(), "nope.toml")
	_, err := Load(LoadOptions{Path: missing, Getenv: getenv(nil)})
	var e *Error
	if !errors.As(err, &e) || e.Kind != ErrFile || !strings.Contains(err.Error(), missing+": no such config file") {
		t.Errorf("missing explicit file: %v", err)
	}
}

func TestDefaultPath(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("XDG rules are for Linux")
	}
	tests := []struct {
		env  map[string]string
		want string
		err  string
	}{
		{map[string]string{"XDG_CONFIG_HOME": "/x/cfg", "HOME": "/home/u"}, "/x/cfg/orcid-tui/config.toml", ""},
		{map[string]string{"HOME": "/home/u"}, "/home/u/.config/orcid-tui/config.toml", ""},
		{map[string]string{"XDG_CONFIG_HOME": "rel", "HOME": "/home/u"}, "", "not an absolute path"},
		{map[string]string{}, "", "$HOME is not set"},
	}
	for _, tt := range tests {
		got, err := defaultPath(getenv(tt.env))
		if got != tt.want || (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("defaultPath(%v) = %q, %v; want %q, %q", tt.env, got, err, tt.want, tt.err)
		}
	}
	// Load looks there too.
	dir := t.TempDir()
	c, err := Load(LoadOptions{Getenv: getenv(map[string]string{"XDG_CONFIG_HOME": dir})})
	if err != nil || c.Path != filepath.Join(dir, "orcid-tui", "config.toml") || c.FileFound {
		t.Errorf("Load path %q found %v err %v", c.Path, c.FileFound, err)
	}
	t.Setenv("XDG_CONFIG_HOME", dir)
	if p, err := DefaultPath(); err != nil || p != filepath.Join(dir, "orcid-tui", "config.toml") {
		t.Errorf("DefaultPath = %q, %v", p, err)
	}
}

func TestSetDemo(t *testing.T) {
	dir, _ := writeConfig(t, "", 0o600)
	c, err := Load(LoadOptions{ConfigDir: dir, Getenv: getenv(nil), Flags: Flags{Demo: true}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Selected().RegistryURL != "" {
		t.Fatalf("demo has URLs before start: %+v", c.Selected().Environment)
	}
	env := orcid.Environment{Name: "whatever", RegistryURL: "http://127.0.0.1:4444", PublicAPIURL: "http://127.0.0.1:4444", MemberAPIURL: "http://127.0.0.1:4444", AnyLoopbackPort: true}
	c.SetDemo(env, "APP-DEMO000000000001", "demo-secret-abcdefgh")
	s := c.Selected()
	if s.Name != Demo || s.RegistryURL != env.RegistryURL || !s.AnyLoopbackPort {
		t.Errorf("demo = %+v", s.Environment)
	}
	want(t, s.ClientID, "APP-DEMO000000000001", SourceDemo)
	want(t, s.ClientSecret, "demo-secret-abcdefgh", SourceDemo)

	// A client id given on the command line is kept.
	c, _ = Load(LoadOptions{ConfigDir: dir, Getenv: getenv(map[string]string{EnvClientID: "APP-MINE"}), Flags: Flags{Demo: true}})
	c.SetDemo(env, "APP-DEMO000000000001", "demo-secret-abcdefgh")
	want(t, c.Selected().ClientID, "APP-MINE", SourceEnv)
}
