package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/auth"
	"github.com/orcid-tui/orcid-tui/config"
	"github.com/orcid-tui/orcid-tui/orcid/orcidtest"
)

// fakeKeyring is an OS keyring in a map. With err set every call fails with
// a "no keyring" error; with block set every call waits for it.
type fakeKeyring struct {
	mu      sync.Mutex
	m       map[string]string
	err     error
	block   chan struct{}
	lookups []string // environments looked up, in order
}

func newFakeKeyring() *fakeKeyring { return &fakeKeyring{m: map[string]string{}} }

func (k *fakeKeyring) fail() error {
	if k.err != nil {
		return errors.Join(auth.ErrNoKeyring, k.err)
	}
	return nil
}

func (k *fakeKeyring) ClientSecret(env, id string) (string, error) {
	if k.block != nil {
		<-k.block
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.lookups = append(k.lookups, env)
	if err := k.fail(); err != nil {
		return "", err
	}
	s, ok := k.m[auth.SecretKey(env, id)]
	if !ok {
		return "", auth.ErrNotStored
	}
	return s, nil
}

func (k *fakeKeyring) SaveClientSecret(env, id, secret string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.fail(); err != nil {
		return err
	}
	k.m[auth.SecretKey(env, id)] = secret
	return nil
}

func (k *fakeKeyring) DeleteClientSecret(env, id string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.fail(); err != nil {
		return err
	}
	if _, ok := k.m[auth.SecretKey(env, id)]; !ok {
		return auth.ErrNotStored
	}
	delete(k.m, auth.SecretKey(env, id))
	return nil
}

func (k *fakeKeyring) looked() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]string(nil), k.lookups...)
}

// runWithKeyring is runCLI with a config file (body, mode 0600) and kr as
// the OS keyring.
func runWithKeyring(t *testing.T, kr *fakeKeyring, body string, env map[string]string, args ...string) result {
	t.Helper()
	dir := t.TempDir()
	if body != "" {
		path := filepath.Join(dir, "orcid-tui", "config.toml")
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var out, errOut bytes.Buffer
	c := newCLI(strings.NewReader(""), &out, &errOut, func(k string) string { return env[k] })
	c.isTerminal = func() bool { return false }
	c.configDir = dir
	c.openStore = func(*config.Config) (auth.Store, string, error) { return auth.NewMemoryStore(), "", nil }
	c.secrets = kr
	code := c.run(context.Background(), args)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// secretLine is the client_secret line of environment env in config show.
func secretLine(t *testing.T, show, env string) string {
	t.Helper()
	in := false
	for _, l := range strings.Split(show, "\n") {
		if strings.HasPrefix(l, "[environments.") {
			in = strings.HasPrefix(l, "[environments."+env+"]")
		}
		if in && strings.Contains(l, "client_secret") {
			return strings.Join(strings.Fields(l), " ")
		}
	}
	t.Fatalf("no client_secret line for %s in:\n%s", env, show)
	return ""
}

const (
	keyringSecret = "kkkk1111-keyring-secret-0000"
	sandboxID     = "APP-674MCQQR985VZZQ2"
)

// Precedence for client secrets: flag > ORCID_CLIENT_SECRET > file > keyring.
func TestKeyringSecretPrecedence(t *testing.T) {
	file := "default_environment = \"sandbox\"\n[environments.sandbox]\nclient_id = \"" + sandboxID + "\"\n"
	tests := []struct {
		name        string
		body        string
		env         map[string]string
		args        []string
		want        string // the masked secret and its source on the line
		wantLookups int
	}{
		{"keyring fills the gap", file, nil, nil, "client_secret kkkk•••• keyring", 1},
		{"the file wins", file + "client_secret = \"ffff2222-file-secret-0000\"\n", nil, nil, "client_secret ffff•••• file (line 4)", 0},
		{"the variable wins", file, map[string]string{config.EnvClientSecret: "eeee3333-env-secret-0000"}, nil, "client_secret eeee•••• env (ORCID_CLIENT_SECRET)", 0},
		{"the flag wins", file, nil, []string{"--client-secret", "gggg4444-flag-secret-0000"}, "client_secret gggg•••• flag (--client-secret)", 0},
		{"an empty flag hides the keyring", file, nil, []string{"--client-secret="}, "client_secret (none: keyring or ORCID_CLIENT_SECRET) flag (--client-secret)", 0},
		{"no client id, no lookup", "default_environment = \"sandbox\"\n", nil, nil, "client_secret (none: keyring or ORCID_CLIENT_SECRET) default", 0},
		{"token_storage = file keeps the keyring out", "token_storage = \"file\"\n" + file, nil, nil, "client_secret (none: keyring or ORCID_CLIENT_SECRET) default", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kr := newFakeKeyring()
			kr.m[auth.SecretKey("sandbox", sandboxID)] = keyringSecret
			r := runWithKeyring(t, kr, tt.body, tt.env, append(tt.args, "config", "show")...)
			if r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			if got := secretLine(t, r.stdout, "sandbox"); got != tt.want {
				t.Errorf("secret line %q, want %q", got, tt.want)
			}
			if strings.Contains(r.stdout+r.stderr, "secret-0000") {
				t.Errorf("a secret is shown:\n%s", r.stdout)
			}
			if n := len(kr.looked()); n != tt.wantLookups {
				t.Errorf("%d keyring lookups (%v), want %d", n, kr.looked(), tt.wantLookups)
			}
		})
	}
}

// search and show look up the selected environment only, and the secret
// found is the one used: a client token is fetched with it.
func TestKeyringSecretUsedBySearch(t *testing.T) {
	srv := orcidtest.NewServer()
	defer srv.Close()
	body := "default_environment = \"testserver\"\n" +
		"[environments.sandbox]\nclient_id = \"" + sandboxID + "\"\n" +
		"[environments.testserver]\nregistry_url = \"" + srv.URL() + "\"\npub_url = \"" + srv.URL() + "/pub\"\napi_url = \"" + srv.URL() + "/api\"\n" +
		"client_id = \"" + orcidtest.DemoClientID + "\"\n"
	kr := newFakeKeyring()
	kr.m[auth.SecretKey("testserver", orcidtest.DemoClientID)] = orcidtest.DemoClientSecret
	kr.m[auth.SecretKey("sandbox", sandboxID)] = keyringSecret
	r := runWithKeyring(t, kr, body, nil, "search", "--rows", "1", "carberry")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if got := kr.looked(); len(got) != 1 || got[0] != "testserver" {
		t.Errorf("keyring lookups %v, want only the selected environment", got)
	}
	if n := srv.CountPath("/oauth/token"); n != 1 {
		t.Errorf("%d token requests, want 1 (a client token with the keyring's secret)", n)
	}
	if !strings.HasPrefix(r.stdout, orcidtest.CarberryID) {
		t.Errorf("stdout %q", r.stdout)
	}
}

func TestKeyringLookupBounded(t *testing.T) {
	load := func(t *testing.T) *config.Config {
		t.Helper()
		dir := t.TempDir()
		path := filepath.Join(dir, "orcid-tui", "config.toml")
		os.MkdirAll(filepath.Dir(path), 0o700)
		os.WriteFile(path, []byte("[environments.sandbox]\nclient_id = \""+sandboxID+"\"\n[environments.production]\nclient_id = \"APP-PROD\"\n"), 0o600)
		cfg, err := config.Load(config.LoadOptions{ConfigDir: dir, Getenv: func(string) string { return "" }})
		if err != nil {
			t.Fatal(err)
		}
		return cfg
	}

	t.Run("no keyring: the first answer ends the lookups", func(t *testing.T) {
		kr := newFakeKeyring()
		kr.err = errors.New("dbus-launch not found")
		c := newCLI(nil, nil, nil, nil)
		c.secrets = kr
		cfg := load(t)
		c.fillKeyringSecrets(cfg, cfg.Environments...)
		if got := kr.looked(); len(got) != 1 {
			t.Errorf("lookups %v, want one", got)
		}
		if e, _ := cfg.Lookup("sandbox"); e.ClientSecret.IsSet() {
			t.Errorf("secret %+v", e.ClientSecret)
		}
	})
	t.Run("a keyring that hangs costs one budget", func(t *testing.T) {
		kr := newFakeKeyring()
		kr.block = make(chan struct{})
		defer close(kr.block)
		c := newCLI(nil, nil, nil, nil)
		c.secrets = kr
		c.keyringBudget = 20 * time.Millisecond
		cfg := load(t)
		done := make(chan struct{})
		go func() {
			c.fillKeyringSecrets(cfg, cfg.Environments...)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("fillKeyringSecrets did not give up")
		}
		for _, e := range cfg.Environments {
			if e.ClientSecret.IsSet() {
				t.Errorf("%s: secret %+v", e.Name, e.ClientSecret)
			}
		}
	})
	t.Run("every environment in one pass", func(t *testing.T) {
		kr := newFakeKeyring()
		kr.m[auth.SecretKey("sandbox", sandboxID)] = keyringSecret
		kr.m[auth.SecretKey("production", "APP-PROD")] = "prod-secret"
		c := newCLI(nil, nil, nil, nil)
		c.secrets = kr
		cfg := load(t)
		c.fillKeyringSecrets(cfg, cfg.Environments...)
		for env, want := range map[string]string{"sandbox": keyringSecret, "production": "prod-secret"} {
			e, _ := cfg.Lookup(env)
			if e.ClientSecret.Value != want || e.ClientSecret.Source != config.SourceKeyring {
				t.Errorf("%s: %+v", env, e.ClientSecret)
			}
		}
		if got := kr.looked(); len(got) != 2 {
			t.Errorf("lookups %v, want sandbox and production only", got)
		}
	})
}

func TestSaveCredentials(t *testing.T) {
	const secret = "ssss5555-new-secret-0000"
	setup := func(t *testing.T, body string) (*cli, *config.Config, *fakeKeyring, string) {
		t.Helper()
		home := t.TempDir()
		dir := filepath.Join(home, ".config")
		path := filepath.Join(dir, "orcid-tui", "config.toml")
		if body != "" {
			os.MkdirAll(filepath.Dir(path), 0o700)
			if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		cfg, err := config.Load(config.LoadOptions{ConfigDir: dir, Getenv: func(string) string { return "" }})
		if err != nil {
			t.Fatal(err)
		}
		c := newCLI(nil, nil, nil, func(k string) string {
			if k == "HOME" {
				return home
			}
			return ""
		})
		kr := newFakeKeyring()
		c.secrets = kr
		return c, cfg, kr, path
	}

	t.Run("id to the file, secret to the keyring", func(t *testing.T) {
		c, cfg, kr, path := setup(t, "")
		said, err := c.credentialSaver(cfg)("sandbox", sandboxID, secret)
		if err != nil {
			t.Fatal(err)
		}
		want := "client id saved in ~/.config/orcid-tui/config.toml; secret saved in the OS keyring"
		if said != want {
			t.Errorf("said %q, want %q", said, want)
		}
		if kr.m[auth.SecretKey("sandbox", sandboxID)] != secret {
			t.Error("secret not in the keyring")
		}
		data, _ := os.ReadFile(path)
		if !strings.Contains(string(data), sandboxID) || strings.Contains(string(data), "secret-0000") {
			t.Errorf("config file:\n%s", data)
		}
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("config file mode: %v %v", fi.Mode(), err)
		}
		// The next start finds both.
		cfg2, _ := config.Load(config.LoadOptions{Path: path, Flags: config.Flags{Env: config.Flag{Value: "sandbox", Set: true}}, Getenv: func(string) string { return "" }})
		c.fillKeyringSecrets(cfg2, cfg2.Selected())
		if s := cfg2.Selected(); s.ClientID.Value != sandboxID || s.ClientSecret.Value != secret || s.ClientSecret.Source != config.SourceKeyring {
			t.Errorf("next start: %+v %+v", s.ClientID, s.ClientSecret)
		}
		// Unchanged id: the file is not rewritten.
		said, _ = c.saveCredentials(cfg, "sandbox", sandboxID, "other-secret")
		if !strings.HasPrefix(said, "client id already in ~/.config/orcid-tui/config.toml; secret saved") {
			t.Errorf("said %q", said)
		}
	})

	t.Run("no keyring", func(t *testing.T) {
		c, cfg, kr, _ := setup(t, "")
		kr.err = errors.New("org.freedesktop.secrets was not provided")
		said, err := c.saveCredentials(cfg, "sandbox", sandboxID, secret)
		if !errors.Is(err, auth.ErrNoKeyring) {
			t.Errorf("err = %v", err)
		}
		want := "client id saved in ~/.config/orcid-tui/config.toml; no OS keyring here: the secret is kept for this run only — give it with ORCID_CLIENT_SECRET, or put it in the config file (mode 0600)"
		if said != want {
			t.Errorf("said %q\nwant %q", said, want)
		}
		if e, _ := cfg.Lookup("sandbox"); e.ClientSecret.Source == config.SourceFile {
			t.Error("the secret went to the file")
		}
	})

	t.Run("an older secret in the file is removed", func(t *testing.T) {
		c, cfg, _, path := setup(t, "[environments.sandbox]\nclient_id = \""+sandboxID+"\"\nclient_secret = \"old-file-secret-0000\"\n")
		said, err := c.saveCredentials(cfg, "sandbox", sandboxID, secret)
		if err != nil || !strings.Contains(said, "secret saved in the OS keyring (the old one in ~/.config/orcid-tui/config.toml was removed)") {
			t.Errorf("said %q, %v", said, err)
		}
		data, _ := os.ReadFile(path)
		if strings.Contains(string(data), "client_secret") || !strings.Contains(string(data), sandboxID) {
			t.Errorf("config file:\n%s", data)
		}
	})

	t.Run("demo is not saved", func(t *testing.T) {
		c, cfg, kr, path := setup(t, "")
		said, err := c.saveCredentials(cfg, config.Demo, "APP-X", secret)
		if err != nil || !strings.Contains(said, "nothing saved") || len(kr.m) != 0 {
			t.Errorf("demo: %q %v %v", said, err, kr.m)
		}
		if _, err := os.Stat(path); err == nil {
			t.Error("a config file was written for demo")
		}
	})
}
