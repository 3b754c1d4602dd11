package auth

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/orcid-tui/orcid-tui/orcid"
)

func sampleSession(id orcid.ID) *Session {
	return &Session{Env: "sandbox", ClientID: "APP-0000000000000001", ORCID: id, Scopes: []string{"openid"},
		AccessToken: "aa4629f3-b0a2-4edd-b77a-398d7afe3c90", RefreshToken: "5a712062-0068-47b9-922e-f26a2c5cb250",
		TokenType: "bearer", Expiry: time.Date(2046, 1, 1, 0, 0, 0, 0, time.UTC), Obtained: time.Now()}
}

func exerciseStore(t *testing.T, st Store) {
	t.Helper()
	a, b := sampleSession("0000-0002-1825-0097"), sampleSession("")
	if _, err := st.Get(a.Key()); !errors.Is(err, ErrNotStored) {
		t.Fatalf("Get on empty store: %v", err)
	}
	for _, s := range []*Session{a, b} {
		if err := st.Put(s); err != nil {
			t.Fatal(err)
		}
	}
	got, err := st.Get(a.Key())
	if err != nil || got.AccessToken != a.AccessToken || got.ORCID != a.ORCID || !got.Expiry.Equal(a.Expiry) {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	keys, err := st.List()
	if err != nil || len(keys) != 2 {
		t.Fatalf("List = %v, %v", keys, err)
	}
	if err := st.Delete(a.Key()); err != nil {
		t.Fatal(err)
	}
	if err := st.Delete(a.Key()); !errors.Is(err, ErrNotStored) {
		t.Errorf("second Delete: %v", err)
	}
	if keys, _ := st.List(); len(keys) != 1 || keys[0] != b.Key() {
		t.Errorf("List after Delete = %v", keys)
	}
}

func TestFileStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "orcid-tui")
	path := filepath.Join(dir, "tokens.json")
	st := NewFileStore(path)
	exerciseStore(t, st)
	if runtime.GOOS == "windows" {
		return
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("token file mode %04o, want 0600", fi.Mode().Perm())
	}
	di, _ := os.Stat(dir)
	if di.Mode().Perm() != 0o700 {
		t.Errorf("directory mode %04o, want 0700", di.Mode().Perm())
	}
	// The lock file stays: removing it would race with a program about to
	// take it.
	var names []string
	left, _ := os.ReadDir(dir)
	for _, e := range left {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != ".tokens.json.lock tokens.json" {
		t.Errorf("directory holds %v, want tokens.json and its lock only (no temporary files)", names)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = st.List()
	var ie *InsecureFileError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("0644 file: %v", err)
	}
	if err := st.Put(sampleSession("")); !errors.As(err, &ie) {
		t.Errorf("Put into a 0644 file: %v", err)
	}
}

func TestKeyringStore(t *testing.T) {
	keyring.MockInit()
	exerciseStore(t, NewKeyringStore())
	st, notice, err := OpenStore(StoreOptions{File: filepath.Join(t.TempDir(), "tokens.json")})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := st.(*KeyringStore); !ok || notice != "" {
		t.Errorf("OpenStore with a keyring = %T %q", st, notice)
	}
}

func TestOpenStoreFallsBackToFile(t *testing.T) {
	keyring.MockInitWithError(errors.New("org.freedesktop.secrets was not provided"))
	t.Cleanup(keyring.MockInit)
	file := filepath.Join(t.TempDir(), "tokens.json")
	st, notice, err := OpenStore(StoreOptions{File: file})
	if err != nil {
		t.Fatal(err)
	}
	if fs, ok := st.(*FileStore); !ok || fs.Path() != file {
		t.Fatalf("fallback = %T", st)
	}
	if !strings.Contains(notice, "keyring unavailable") || !strings.Contains(notice, file) {
		t.Errorf("notice %q", notice)
	}
	st, notice, _ = OpenStore(StoreOptions{File: file, NoKeyring: true})
	if _, ok := st.(*FileStore); !ok || notice == "" {
		t.Errorf("NoKeyring = %T %q", st, notice)
	}
}

func TestKeyringTimeout(t *testing.T) {
	ks := &KeyringStore{Service: "x", Timeout: 10 * time.Millisecond}
	block := make(chan struct{})
	defer close(block)
	_, err := ks.call(func() (string, error) { <-block; return "", nil })
	if !errors.Is(err, ErrKeyringTimeout) {
		t.Errorf("err = %v", err)
	}
}

func TestDefaultTokenFile(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("XDG layout")
	}
	t.Setenv("XDG_STATE_HOME", "/tmp/xdg-state")
	if p, _ := DefaultTokenFile(); p != "/tmp/xdg-state/orcid-tui/tokens.json" {
		t.Errorf("DefaultTokenFile = %q", p)
	}
	t.Setenv("XDG_STATE_HOME", "relative/ignored")
	t.Setenv("HOME", "/home/u")
	if p, _ := DefaultTokenFile(); p != "/home/u/.local/state/orcid-tui/tokens.json" {
		t.Errorf("DefaultTokenFile = %q", p)
	}
}

func TestMaskAndSummary(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""}, {"abc", "…"}, {"AbC123", "A…"}, {"3f2a9c1e-aaaa-bbbb", "3f2a…"},
	} {
		if got := Mask(tc.in); got != tc.want {
			t.Errorf("Mask(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	s := sampleSession("0000-0002-1825-0097")
	sum := s.Summary(time.Date(2050, 1, 1, 0, 0, 0, 0, time.UTC))
	if sum.AccessToken != "aa46…" || sum.RefreshToken != "5a71…" || sum.ClientID != "APP-0000…" || !sum.Expired {
		t.Errorf("summary %+v", sum)
	}
}

func TestBrowserEnv(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("unix commands")
	}
	truePath, err := exec.LookPath("true")
	if err != nil {
		t.Skip("no true(1)")
	}
	t.Setenv("BROWSER", "/nonexistent/browser:"+truePath+" %s")
	if err := OpenBrowser("http://127.0.0.1:1/"); err != nil {
		t.Errorf("$BROWSER list: %v", err)
	}
	t.Setenv("BROWSER", "/nonexistent/browser")
	if err := OpenBrowser("http://127.0.0.1:1/"); err == nil {
		t.Error("a missing $BROWSER command succeeded")
	}
	t.Setenv("BROWSER", "")
	t.Setenv("SSH_CONNECTION", "10.0.0.1 22 10.0.0.2 22")
	if err := OpenBrowser("http://127.0.0.1:1/"); !errors.Is(err, ErrNoBrowser) {
		t.Errorf("SSH: %v", err)
	}
}
