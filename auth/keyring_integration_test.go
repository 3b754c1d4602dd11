//go:build keyring_integration

package auth

// These tests talk to a real Secret Service (gnome-keyring on a D-Bus
// session bus), not go-keyring's mock. .ci/run starts one on a private bus:
//
//	dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets;
//	    go test -tags keyring_integration -run TestRealKeyring ./auth/'
//
// Without a Secret Service they skip, saying so. Every entry lives under a
// service name of its own, so a developer's real orcid-tui entries are
// never touched.

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/orcid-tui/orcid-tui/orcid"
)

const realKeyringSecret = "it-secret-0b8d5c7e-3f1a-4c2b"

// realKeyring is a store on the real keyring under a test service, or a
// skip when there is none.
func realKeyring(t *testing.T, service string) *KeyringStore {
	t.Helper()
	ks := NewKeyringStore()
	ks.Service, ks.Timeout = service, 10*time.Second
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Skip("no Secret Service: DBUS_SESSION_BUS_ADDRESS is not set (run under dbus-run-session with gnome-keyring-daemon --unlock, as .ci/run does)")
	}
	if err := ks.Probe(); err != nil {
		t.Skipf("no Secret Service on the session bus (%v): start gnome-keyring-daemon --unlock --components=secrets, as .ci/run does", err)
	}
	return ks
}

func itSession(id orcid.ID) *Session {
	s := sampleSession(id)
	s.bind(orcid.Sandbox)
	return s
}

// TestRealKeyringTokensAndSecrets: save, load, list and delete a token and
// a client secret in a real Secret Service.
func TestRealKeyringTokensAndSecrets(t *testing.T) {
	service := fmt.Sprintf("orcid-tui-it-%d", os.Getpid())
	ks := realKeyring(t, service)
	t.Cleanup(func() {
		for _, id := range []orcid.ID{"0000-0002-1825-0097", ""} {
			_ = ks.Delete(itSession(id).Key())
		}
		_ = ks.DeleteClientSecret("sandbox", "APP-0000000000000001")
	})
	user, client := itSession("0000-0002-1825-0097"), itSession("")
	for _, s := range []*Session{user, client} {
		if err := ks.Put(s); err != nil {
			t.Fatalf("Put: %v", err)
		}
	}
	got, err := ks.Get(user.Key())
	if err != nil || got.AccessToken != user.AccessToken || got.RefreshToken != user.RefreshToken || got.Server() != user.Server() {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	keys, err := ks.List()
	if err != nil || len(keys) != 2 || !slices.Contains(keys, user.Key()) || !slices.Contains(keys, client.Key()) {
		t.Fatalf("List = %v, %v", keys, err)
	}
	if err := ks.SaveClientSecret("sandbox", "APP-0000000000000001", realKeyringSecret); err != nil {
		t.Fatalf("SaveClientSecret: %v", err)
	}
	if sec, err := ks.ClientSecret("sandbox", "APP-0000000000000001"); err != nil || sec != realKeyringSecret {
		t.Fatalf("ClientSecret = %q, %v", Mask(sec), err)
	}
	// The secret's entry is not a token: List does not show it.
	if keys, _ := ks.List(); len(keys) != 2 {
		t.Errorf("List after the secret = %v", keys)
	}
	if err := ks.Delete(user.Key()); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := ks.Get(user.Key()); !errors.Is(err, ErrNotStored) {
		t.Errorf("Get after Delete: %v", err)
	}
	if err := ks.Delete(user.Key()); !errors.Is(err, ErrNotStored) {
		t.Errorf("second Delete: %v", err)
	}
	if keys, _ := ks.List(); len(keys) != 1 || keys[0] != client.Key() {
		t.Errorf("List after Delete = %v", keys)
	}
	if err := ks.DeleteClientSecret("sandbox", "APP-0000000000000001"); err != nil {
		t.Fatalf("DeleteClientSecret: %v", err)
	}
	if _, err := ks.ClientSecret("sandbox", "APP-0000000000000001"); !errors.Is(err, ErrNotStored) {
		t.Errorf("ClientSecret after delete: %v", err)
	}
}

// TestRealKeyringReaderProcess is the second program of
// TestRealKeyringSecondProcessReads; it does nothing in a normal run.
func TestRealKeyringReaderProcess(t *testing.T) {
	service := os.Getenv("AUTH_IT_SERVICE")
	if service == "" {
		return
	}
	ks := NewKeyringStore()
	ks.Service, ks.Timeout = service, 10*time.Second
	s, err := ks.Get(itSession("0000-0002-1825-0097").Key())
	if err != nil {
		fmt.Println("token:", err)
		os.Exit(3)
	}
	sec, err := ks.ClientSecret("sandbox", "APP-0000000000000001")
	if err != nil {
		fmt.Println("secret:", err)
		os.Exit(3)
	}
	keys, _ := ks.List()
	// Only whether they match is printed: the values are secrets.
	fmt.Printf("token-ok=%v secret-ok=%v keys=%d\n", s.AccessToken == itSession("").AccessToken, sec == realKeyringSecret, len(keys))
}

// TestRealKeyringSecondProcessReads: what one program saves, another reads.
func TestRealKeyringSecondProcessReads(t *testing.T) {
	service := fmt.Sprintf("orcid-tui-it2-%d", os.Getpid())
	ks := realKeyring(t, service)
	user := itSession("0000-0002-1825-0097")
	t.Cleanup(func() {
		_ = ks.Delete(user.Key())
		_ = ks.DeleteClientSecret("sandbox", "APP-0000000000000001")
	})
	if err := ks.Put(user); err != nil {
		t.Fatal(err)
	}
	if err := ks.SaveClientSecret("sandbox", "APP-0000000000000001", realKeyringSecret); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestRealKeyringReaderProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "AUTH_IT_SERVICE="+service)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("reader: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "token-ok=true secret-ok=true keys=1") {
		t.Errorf("reader said %q", out)
	}
}

// TestRealKeyringOpenStore: with a Secret Service, OpenStore picks the
// keyring, with no notice about a file.
func TestRealKeyringOpenStore(t *testing.T) {
	realKeyring(t, fmt.Sprintf("orcid-tui-it3-%d", os.Getpid()))
	st, notice, err := OpenStore(StoreOptions{File: t.TempDir() + "/tokens.json"})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := st.(*KeyringStore); !ok || notice != "" {
		t.Errorf("OpenStore = %T, %q; want the keyring", st, notice)
	}
}
